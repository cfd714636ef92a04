//! Whether a mentor meets one of a learner's preferences, hard or soft.
//!
//! The same predicate decides a hard rule for `telemachy match` and for the
//! check of existing pairs, so a suggestion never breaks a rule that the
//! check would report. Time zones are compared on the real days of the
//! span, through chrono-tz, so a pair that is within its window in winter
//! and outside it after a daylight-saving change breaks it.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use chrono::{NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;

use crate::model::{Learner, Mentor, Preference, PreferenceKind};

/// The longest span, in days, that time zones are compared over.
const MAX_SPAN_DAYS: i64 = 366;

/// The days a match is judged over, with each zone's UTC offset on them.
#[derive(Debug)]
pub struct Span {
    days: Vec<NaiveDate>,
    offsets: HashMap<Tz, Vec<i32>>,
    /// Many people share a few zones: each pair of zones is compared once.
    gaps: RefCell<HashMap<(Tz, Tz), i32>>,
    overlaps: RefCell<HashMap<(Tz, Tz, u32, u32), f64>>,
}

impl Span {
    /// The days from `from` to `until`, both included (one day when `until`
    /// is earlier, at most a year), with the offsets of `zones` worked out
    /// once.
    pub fn new(from: NaiveDate, until: NaiveDate, zones: impl IntoIterator<Item = Tz>) -> Span {
        let length = (until - from).num_days().clamp(0, MAX_SPAN_DAYS - 1);
        let days: Vec<NaiveDate> = from.iter_days().take(length as usize + 1).collect();
        let mut span = Span {
            days,
            offsets: HashMap::new(),
            gaps: RefCell::default(),
            overlaps: RefCell::default(),
        };
        for zone in zones {
            if !span.offsets.contains_key(&zone) {
                let offsets = span.compute(zone);
                span.offsets.insert(zone, offsets);
            }
        }
        span
    }

    /// The first day.
    pub fn first(&self) -> NaiveDate {
        self.days[0]
    }

    /// The last day.
    pub fn last(&self) -> NaiveDate {
        self.days[self.days.len() - 1]
    }

    fn compute(&self, zone: Tz) -> Vec<i32> {
        self.days
            .iter()
            .map(|day| {
                let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default();
                zone.offset_from_utc_datetime(&noon).fix().local_minus_utc()
            })
            .collect()
    }

    /// Each day's UTC offset of `zone`, in seconds.
    fn offsets(&self, zone: Tz) -> Cow<'_, [i32]> {
        match self.offsets.get(&zone) {
            Some(offsets) => Cow::Borrowed(offsets),
            None => Cow::Owned(self.compute(zone)),
        }
    }

    /// The largest difference between the two zones' clocks over the span,
    /// in seconds.
    pub fn widest_gap(&self, a: Tz, b: Tz) -> i32 {
        if let Some(gap) = self.gaps.borrow().get(&(a, b)) {
            return *gap;
        }
        let gap = {
            let (x, y) = (self.offsets(a), self.offsets(b));
            x.iter()
                .zip(y.iter())
                .map(|(x, y)| (x - y).abs())
                .max()
                .unwrap_or(0)
        };
        self.gaps.borrow_mut().insert((a, b), gap);
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
        let (a, b) = (self.offsets(a), self.offsets(b));
        let day = 24 * 3600;
        let total: i64 = a
            .iter()
            .zip(b.iter())
            .map(|(x, y)| {
                let gap = i64::from(x - y);
                // The other person's waking day may meet this one's on the
                // day before or after as well as on the same day.
                let shared: i64 = [-day, 0, day]
                    .iter()
                    .map(|wrap| (length - (gap + wrap).abs()).max(0))
                    .sum();
                shared.min(length)
            })
            .sum();
        total as f64 / (length as f64 * a.len() as f64)
    }
}

/// Lower case, with `-` and `_` read as spaces and runs of space made one,
/// so `In-person`, `in person` and `in_person` are the same value.
pub fn normalise(text: &str) -> String {
    text.to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `phrase` appears as whole words in `text` (both normalised).
pub fn names(text: &str, phrase: &str) -> bool {
    let (text, phrase) = (normalise(text), normalise(phrase));
    !phrase.is_empty() && format!(" {text} ").contains(&format!(" {phrase} "))
}

/// Whether one of the mentor's expertise entries names `topic`, or `topic`
/// names the entry: `SQL` meets a wish for `sql`, and `data visualisation`
/// a baseline skill `data-visualisation`.
pub fn expertise_names(mentor: &Mentor, topic: &str) -> bool {
    mentor
        .expertise
        .iter()
        .any(|entry| names(entry, topic) || names(topic, entry))
}

/// Modes that need the two people in one place; the others work at any
/// distance.
const IN_PERSON: &str = "in person";

/// Why `mentor` does not meet `preference` of `learner` over `span`, as a
/// sentence; `None` when it is met. Whether the preference is hard is for
/// the caller: a hard one broken blocks the match, a soft one costs points.
pub fn unmet(
    preference: &Preference,
    learner: &Learner,
    mentor: &Mentor,
    span: &Span,
) -> Option<String> {
    let value = preference.value.trim();
    match preference.kind {
        PreferenceKind::Expertise => (!expertise_names(mentor, value))
            .then(|| format!("their expertise does not include {value}")),
        PreferenceKind::Language => {
            let wanted = normalise(value);
            (!mentor.languages.iter().any(|l| normalise(l) == wanted))
                .then(|| format!("they do not speak {value}"))
        }
        PreferenceKind::TimezoneWindow => {
            // An unreadable number is reported by the loader's checks; it
            // cannot be met or broken here.
            let hours: f64 = value.parse().ok().filter(|h: &f64| h.is_finite())?;
            let gap = span.widest_gap(learner.timezone, mentor.timezone);
            (f64::from(gap) > hours * 3600.0).then(|| {
                format!(
                    "their clock is {} apart between {} and {}, more than {value} h",
                    hours_text(gap),
                    span.first(),
                    span.last()
                )
            })
        }
        PreferenceKind::Mode => (normalise(value) == IN_PERSON
            && learner.timezone != mentor.timezone)
            .then(|| {
                format!(
                    "meeting in person needs the same place, and they live in {} (the learner in {})",
                    mentor.timezone, learner.timezone
                )
            }),
    }
}

/// The learner's first hard preference that `mentor` breaks over `span`,
/// with the reason; `None` when every hard preference is met.
pub fn hard_preference_broken<'a>(
    learner: &'a Learner,
    mentor: &Mentor,
    span: &Span,
) -> Option<(&'a Preference, String)> {
    learner
        .preferences
        .iter()
        .filter(|p| p.hard)
        .find_map(|p| unmet(p, learner, mentor, span).map(|why| (p, why)))
}

/// A gap in seconds as hours, e.g. `5.5 h`.
pub fn hours_text(seconds: i32) -> String {
    let hours = f64::from(seconds) / 3600.0;
    if hours.fract() == 0.0 {
        format!("{hours:.0} h")
    } else {
        format!("{hours:.1} h")
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
        let march = Span::new(day(2026, 3, 10), day(2026, 3, 20), [london, new_york]);
        assert_eq!(march.widest_gap(london, new_york), 4 * 3600);
        let winter = Span::new(day(2026, 1, 10), day(2026, 1, 20), [london, new_york]);
        assert_eq!(winter.widest_gap(london, new_york), 5 * 3600);
        let both = Span::new(day(2026, 3, 1), day(2026, 3, 20), [london]);
        assert_eq!(both.widest_gap(london, new_york), 5 * 3600);
    }

    #[test]
    fn waking_overlap_is_the_shared_share_of_the_day() {
        let london = chrono_tz::Europe::London;
        let kolkata = chrono_tz::Asia::Kolkata;
        let tokyo = chrono_tz::Asia::Tokyo;
        let winter = Span::new(day(2026, 1, 10), day(2026, 1, 10), []);
        // 08–22 in both, 5.5 h apart: 14 − 5.5 = 8.5 of 14 hours shared.
        let share = winter.waking_overlap(london, kolkata, 8, 22);
        assert!((share - 8.5 / 14.0).abs() < 1e-9, "{share}");
        assert!((winter.waking_overlap(london, london, 8, 22) - 1.0).abs() < 1e-9);
        // 9 h apart with a 14-hour day: 5 hours shared.
        let share = winter.waking_overlap(london, tokyo, 8, 22);
        assert!((share - 5.0 / 14.0).abs() < 1e-9, "{share}");
    }

    #[test]
    fn values_are_compared_as_words() {
        assert!(names("Public health data", "public-health data"));
        assert!(!names("SQLite", "sql"));
        assert_eq!(normalise(" In-person "), "in person");
    }
}
