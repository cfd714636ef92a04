//! The real days a match is judged over, and the two people's clocks on
//! each of them (chrono-tz, daylight saving included).

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;

/// The longest span, in days, that time zones are compared over.
const MAX_SPAN_DAYS: i64 = 366;

/// The days a match is judged over, with each zone's UTC offset on them
/// worked out once, when first asked for.
#[derive(Debug)]
pub struct Span {
    days: Vec<NaiveDate>,
    /// Many people share a few zones: each zone's offsets, each pair of
    /// zones' widest gap and each overlap are worked out once.
    offsets: RefCell<HashMap<Tz, Vec<i32>>>,
    gaps: RefCell<HashMap<(Tz, Tz), Gap>>,
    overlaps: RefCell<HashMap<(Tz, Tz, u32, u32), f64>>,
}

/// The widest difference between two zones' clocks over a span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gap {
    /// The second zone's UTC offset minus the first's, in seconds, on the
    /// day the two are furthest apart (negative when the second is behind).
    pub seconds: i32,
    /// That day: the first of them when several are as wide.
    pub on: NaiveDate,
}

impl Span {
    /// The days from `from` to `until`, both included (one day when `until`
    /// is earlier, at most a year).
    pub fn new(from: NaiveDate, until: NaiveDate) -> Span {
        let length = (until - from).num_days().clamp(0, MAX_SPAN_DAYS - 1);
        Span {
            days: from.iter_days().take(length as usize + 1).collect(),
            offsets: RefCell::default(),
            gaps: RefCell::default(),
            overlaps: RefCell::default(),
        }
    }

    /// The first day.
    pub fn first(&self) -> NaiveDate {
        self.days[0]
    }

    /// The last day.
    pub fn last(&self) -> NaiveDate {
        self.days[self.days.len() - 1]
    }

    /// Each day's UTC offset of `a` and of `b`, in seconds, read together.
    fn with_offsets<T>(&self, a: Tz, b: Tz, read: impl FnOnce(&[i32], &[i32]) -> T) -> T {
        let mut offsets = self.offsets.borrow_mut();
        for zone in [a, b] {
            offsets.entry(zone).or_insert_with(|| {
                self.days
                    .iter()
                    .map(|day| {
                        let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default();
                        zone.offset_from_utc_datetime(&noon).fix().local_minus_utc()
                    })
                    .collect()
            });
        }
        read(&offsets[&a], &offsets[&b])
    }

    /// How far `to`'s clock is from `from`'s on the day of the span they
    /// are furthest apart, at noon UTC.
    pub fn widest_gap(&self, from: Tz, to: Tz) -> Gap {
        if let Some(gap) = self.gaps.borrow().get(&(from, to)) {
            return *gap;
        }
        let gap = self.with_offsets(from, to, |a, b| {
            let mut widest = Gap {
                seconds: 0,
                on: self.first(),
            };
            for ((x, y), day) in a.iter().zip(b).zip(&self.days) {
                if (y - x).abs() > widest.seconds.abs() {
                    widest = Gap {
                        seconds: y - x,
                        on: *day,
                    };
                }
            }
            widest
        });
        self.gaps.borrow_mut().insert((from, to), gap);
        gap
    }

    /// The share (0–1) of one person's waking hours, `from`–`until` local
    /// time, that are also waking hours of someone in the other zone,
    /// averaged over the days of the span.
    pub fn waking_overlap(&self, a: Tz, b: Tz, from: u32, until: u32) -> f64 {
        let key = (a, b, from, until);
        if let Some(share) = self.overlaps.borrow().get(&key) {
            return *share;
        }
        let share = self.compute_overlap(a, b, from, until);
        self.overlaps.borrow_mut().insert(key, share);
        share
    }

    fn compute_overlap(&self, a: Tz, b: Tz, from: u32, until: u32) -> f64 {
        let length = i64::from(until.min(24).saturating_sub(from)) * 3600;
        if length == 0 {
            return 0.0;
        }
        let day = 24 * 3600;
        let total: i64 = self.with_offsets(a, b, |a, b| {
            a.iter()
                .zip(b)
                .map(|(x, y)| {
                    let gap = i64::from(x - y);
                    // The other person's waking day may meet this one's on
                    // the day before or after as well as on the same day.
                    let shared: i64 = [-day, 0, day]
                        .iter()
                        .map(|wrap| (length - (gap + wrap).abs()).max(0))
                        .sum();
                    shared.min(length)
                })
                .sum()
        });
        total as f64 / (length as f64 * self.days.len() as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn the_gap_between_london_and_new_york_is_taken_on_the_real_days() {
        let london = chrono_tz::Europe::London;
        let new_york = chrono_tz::America::New_York;
        // The United States move their clocks on 8 March 2026, Britain on
        // 29 March: for three weeks the gap is 4 hours, not 5.
        let march = Span::new(day(2026, 3, 10), day(2026, 3, 20));
        assert_eq!(
            march.widest_gap(london, new_york),
            Gap {
                seconds: -4 * 3600,
                on: day(2026, 3, 10)
            }
        );
        let winter = Span::new(day(2026, 1, 10), day(2026, 1, 20));
        assert_eq!(winter.widest_gap(new_york, london).seconds, 5 * 3600);
        let both = Span::new(day(2026, 3, 1), day(2026, 3, 20));
        assert_eq!(both.widest_gap(london, new_york).seconds, -5 * 3600);
        assert_eq!(both.widest_gap(london, new_york).on, day(2026, 3, 1));
    }

    #[test]
    fn the_widest_day_is_found_after_a_clock_change() {
        // São Paulo keeps UTC−3 all year; London moves to UTC+1 on 29 March.
        let sao_paulo = chrono_tz::America::Sao_Paulo;
        let london = chrono_tz::Europe::London;
        let spring = Span::new(day(2026, 1, 12), day(2026, 4, 9));
        let gap = spring.widest_gap(sao_paulo, london);
        assert_eq!(gap.seconds, 4 * 3600);
        assert_eq!(gap.on, day(2026, 3, 29));
    }

    #[test]
    fn southern_clocks_move_a_week_apart_and_half_hours_stay_half_hours() {
        let auckland = chrono_tz::Pacific::Auckland;
        let adelaide = chrono_tz::Australia::Adelaide;
        let spring = Span::new(day(2026, 8, 30), day(2027, 2, 26));
        // New Zealand moves its clocks on 27 September 2026, South
        // Australia on 4 October: for that week 3.5 hours apart, else 2.5.
        assert_eq!(
            spring.widest_gap(auckland, adelaide),
            Gap {
                seconds: -(3 * 3600 + 1800),
                on: day(2026, 9, 27)
            }
        );
        let summer = Span::new(day(2026, 10, 4), day(2027, 2, 26));
        assert_eq!(
            summer.widest_gap(auckland, adelaide).seconds,
            -(2 * 3600 + 1800)
        );
        // St John's (−3:30, −2:30 in summer) and São Paulo (−3 all year).
        let st_johns = chrono_tz::America::St_Johns;
        let sao_paulo = chrono_tz::America::Sao_Paulo;
        assert_eq!(spring.widest_gap(sao_paulo, st_johns).seconds.abs(), 1800);
        // Kathmandu keeps +5:45.
        let kathmandu = chrono_tz::Asia::Kathmandu;
        let gap = spring.widest_gap(auckland, kathmandu);
        assert_eq!(gap.seconds, -(7 * 3600 + 15 * 60));
    }

    #[test]
    fn waking_overlap_is_the_shared_share_of_the_day() {
        let london = chrono_tz::Europe::London;
        let kolkata = chrono_tz::Asia::Kolkata;
        let tokyo = chrono_tz::Asia::Tokyo;
        let winter = Span::new(day(2026, 1, 10), day(2026, 1, 10));
        // 08–22 in both, 5.5 h apart: 14 − 5.5 = 8.5 of 14 hours shared.
        let share = winter.waking_overlap(london, kolkata, 8, 22);
        assert!((share - 8.5 / 14.0).abs() < 1e-9, "{share}");
        assert!((winter.waking_overlap(london, london, 8, 22) - 1.0).abs() < 1e-9);
        // 9 h apart with a 14-hour day: 5 hours shared.
        let share = winter.waking_overlap(london, tokyo, 8, 22);
        assert!((share - 5.0 / 14.0).abs() < 1e-9, "{share}");
    }
}
