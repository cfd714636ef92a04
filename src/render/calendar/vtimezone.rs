//! `VTIMEZONE` components generated from the tz database.
//!
//! Outlook ignores a `TZID` it cannot resolve from a `VTIMEZONE` and reads
//! yearly rules far better than long lists of dates, so each observance is
//! written as one `RRULE:FREQ=YEARLY;BYMONTH=..;BYDAY=..` when every
//! transition of that kind in the years the feed covers follows the same
//! rule ("last Sunday of March at 01:00"), and as one observance per
//! transition otherwise. A zone without transitions gets a single STANDARD.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use ics::components::Property;
use ics::{Daylight, Standard};

use crate::render::ics_text;

/// One change of a zone's UTC offset.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Transition {
    /// The instant of the change.
    at: DateTime<Utc>,
    /// Offset before, seconds east of UTC.
    from: i32,
    /// Offset after.
    to: i32,
    /// Daylight-saving time after the change.
    daylight: bool,
    /// Abbreviation after the change, e.g. `BST`.
    name: String,
}

impl Transition {
    /// Local wall-clock time of the change, read in the offset before it
    /// (what `DTSTART` of an observance means).
    fn local(&self) -> NaiveDateTime {
        self.at.naive_utc() + Duration::seconds(i64::from(self.from))
    }

    /// The yearly rule the change follows: month, weekday, week of the month
    /// (-1 for the last), time of day, and the offsets.
    fn rule(&self) -> (u32, chrono::Weekday, i32, chrono::NaiveTime, i32, i32) {
        let local = self.local();
        let day = local.day();
        let week = if day + 7 > days_in_month(local.date()) {
            -1
        } else {
            ((day - 1) / 7 + 1) as i32
        };
        (
            local.month(),
            local.weekday(),
            week,
            local.time(),
            self.from,
            self.to,
        )
    }
}

fn days_in_month(date: NaiveDate) -> u32 {
    let (year, month) = (date.year(), date.month());
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    match (next, NaiveDate::from_ymd_opt(year, month, 1)) {
        (Some(next), Some(first)) => (next - first).num_days() as u32,
        _ => 31,
    }
}

fn offset_at(zone: Tz, at: DateTime<Utc>) -> i32 {
    zone.offset_from_utc_datetime(&at.naive_utc())
        .fix()
        .local_minus_utc()
}

/// Every offset change of `zone` from the start of `first_year` to the end
/// of `last_year`: one probe a day, then a binary search to the second.
fn transitions(zone: Tz, first_year: i32, last_year: i32) -> Vec<Transition> {
    let (Some(start), Some(end)) = (
        NaiveDate::from_ymd_opt(first_year, 1, 1),
        NaiveDate::from_ymd_opt(last_year + 1, 1, 1),
    ) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut day = start.and_time(chrono::NaiveTime::MIN).and_utc();
    let end = end.and_time(chrono::NaiveTime::MIN).and_utc();
    let mut offset = offset_at(zone, day);
    while day < end {
        let next = day + Duration::days(1);
        let next_offset = offset_at(zone, next);
        if next_offset != offset {
            let (mut before, mut after) = (day, next);
            while after - before > Duration::seconds(1) {
                let middle = before + (after - before) / 2;
                if offset_at(zone, middle) == offset {
                    before = middle;
                } else {
                    after = middle;
                }
            }
            let details = zone.offset_from_utc_datetime(&after.naive_utc());
            found.push(Transition {
                at: after,
                from: offset,
                to: next_offset,
                daylight: !details.dst_offset().is_zero(),
                name: details.abbreviation().unwrap_or_default().to_string(),
            });
        }
        day = next;
        offset = next_offset;
    }
    found
}

/// An offset as `TZOFFSETFROM`/`TZOFFSETTO` want it: `+HHMM` or `+HHMMSS`.
fn format_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let total = seconds.unsigned_abs();
    let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60);
    if secs == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{secs:02}")
    }
}

fn weekday_code(day: chrono::Weekday) -> &'static str {
    match day {
        chrono::Weekday::Mon => "MO",
        chrono::Weekday::Tue => "TU",
        chrono::Weekday::Wed => "WE",
        chrono::Weekday::Thu => "TH",
        chrono::Weekday::Fri => "FR",
        chrono::Weekday::Sat => "SA",
        chrono::Weekday::Sun => "SU",
    }
}

/// One STANDARD or DAYLIGHT observance.
struct Observance {
    daylight: bool,
    start: NaiveDateTime,
    from: i32,
    to: i32,
    name: String,
    rule: Option<String>,
}

/// The observances of `zone` covering events from `first_year` to
/// `last_year`. The year before is included so that an event early in
/// `first_year` already has an observance in force.
fn observances(zone: Tz, first_year: i32, last_year: i32) -> Vec<Observance> {
    let changes = transitions(zone, first_year - 1, last_year);
    if changes.is_empty() {
        let at = NaiveDate::from_ymd_opt(first_year, 1, 1)
            .unwrap_or_default()
            .and_time(chrono::NaiveTime::MIN)
            .and_utc();
        let offset = offset_at(zone, at);
        let name = zone
            .offset_from_utc_datetime(&at.naive_utc())
            .abbreviation()
            .unwrap_or_default()
            .to_string();
        return vec![Observance {
            daylight: false,
            start: NaiveDate::from_ymd_opt(1970, 1, 1)
                .unwrap_or_default()
                .and_time(chrono::NaiveTime::MIN),
            from: offset,
            to: offset,
            name,
            rule: None,
        }];
    }
    let mut out = Vec::new();
    for daylight in [true, false] {
        let group: Vec<&Transition> = changes.iter().filter(|t| t.daylight == daylight).collect();
        let Some(first) = group.first() else {
            continue;
        };
        let rule = first.rule();
        let yearly = group.iter().all(|t| t.rule() == rule)
            && group
                .windows(2)
                .all(|w| w[1].local().year() == w[0].local().year() + 1);
        if yearly {
            let (month, weekday, week, _, _, _) = rule;
            let mut text = format!(
                "FREQ=YEARLY;BYMONTH={month};BYDAY={week}{}",
                weekday_code(weekday)
            );
            // A rule that stopped before the last year covered must not be
            // extended past its last change.
            if let Some(last) = group.last().filter(|t| t.local().year() < last_year) {
                text.push_str(&format!(";UNTIL={}", last.at.format("%Y%m%dT%H%M%SZ")));
            }
            out.push(Observance {
                daylight,
                start: first.local(),
                from: first.from,
                to: first.to,
                name: first.name.clone(),
                rule: Some(text),
            });
        } else {
            out.extend(group.iter().map(|t| Observance {
                daylight,
                start: t.local(),
                from: t.from,
                to: t.to,
                name: t.name.clone(),
                rule: None,
            }));
        }
    }
    out.sort_by_key(|o| o.start);
    out
}

/// The `VTIMEZONE` of `zone` for events from `first_year` to `last_year`.
pub fn vtimezone(zone: Tz, first_year: i32, last_year: i32) -> ics::TimeZone<'static> {
    let mut timezone: Option<ics::TimeZone<'static>> = None;
    for observance in observances(zone, first_year, last_year) {
        let start = observance.start.format("%Y%m%dT%H%M%S").to_string();
        let (from, to) = (format_offset(observance.from), format_offset(observance.to));
        let mut extra = Vec::new();
        if !observance.name.is_empty() {
            extra.push(Property::new("TZNAME", ics_text::text(&observance.name)));
        }
        if let Some(rule) = observance.rule {
            extra.push(Property::new("RRULE", rule));
        }
        timezone = Some(if observance.daylight {
            let mut part = Daylight::new(start, from, to);
            extra.into_iter().for_each(|p| part.push(p));
            match timezone {
                Some(mut tz) => {
                    tz.add_daylight(part);
                    tz
                }
                None => ics::TimeZone::daylight(zone.name().to_string(), part),
            }
        } else {
            let mut part = Standard::new(start, from, to);
            extra.into_iter().for_each(|p| part.push(p));
            match timezone {
                Some(mut tz) => {
                    tz.add_standard(part);
                    tz
                }
                None => ics::TimeZone::standard(zone.name().to_string(), part),
            }
        });
    }
    timezone.unwrap_or_else(|| {
        ics::TimeZone::standard(
            zone.name().to_string(),
            Standard::new("19700101T000000", "+0000", "+0000"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(zone: Tz, first: i32, last: i32) -> String {
        ics_text::refold(&vtimezone(zone, first, last).to_string())
    }

    #[test]
    fn london_switches_to_bst_on_the_last_sunday_of_march_and_back_in_october() {
        let vtimezone = text(chrono_tz::Europe::London, 2025, 2026);
        let expected = "BEGIN:VTIMEZONE\r\n\
             TZID:Europe/London\r\n\
             BEGIN:DAYLIGHT\r\n\
             DTSTART:20240331T010000\r\n\
             TZOFFSETFROM:+0000\r\n\
             TZOFFSETTO:+0100\r\n\
             TZNAME:BST\r\n\
             RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
             END:DAYLIGHT\r\n\
             BEGIN:STANDARD\r\n\
             DTSTART:20241027T020000\r\n\
             TZOFFSETFROM:+0100\r\n\
             TZOFFSETTO:+0000\r\n\
             TZNAME:GMT\r\n\
             RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
             END:STANDARD\r\n\
             END:VTIMEZONE\r\n";
        assert_eq!(vtimezone, expected);
    }

    #[test]
    fn new_york_uses_the_second_and_first_sundays() {
        let vtimezone = text(chrono_tz::America::New_York, 2026, 2026);
        assert!(vtimezone.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"));
        assert!(vtimezone.contains("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"));
        assert!(vtimezone.contains("TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\n"));
    }

    #[test]
    fn a_zone_without_daylight_saving_has_one_standard_observance() {
        let vtimezone = text(chrono_tz::Asia::Kolkata, 2026, 2026);
        assert!(vtimezone.contains("TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\n"));
        assert!(!vtimezone.contains("DAYLIGHT"));
        assert_eq!(vtimezone.matches("BEGIN:STANDARD").count(), 1);
    }

    #[test]
    fn offsets_with_seconds_keep_them() {
        assert_eq!(format_offset(-(3600 + 15 * 60 + 7)), "-011507");
        assert_eq!(format_offset(19800), "+0530");
    }
}
