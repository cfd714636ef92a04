//! Dates, times and numbers as the program's language writes them.
//!
//! A language CLDR covers gets CLDR's month and weekday names, date
//! patterns, hour cycle (24-hour in Spanish and French, 12-hour in US
//! English), decimal separator, digit grouping and percent pattern, from
//! ICU4X's compiled data; plain `en` keeps the theme's own English. Dates
//! are Gregorian in every language, as the program's files write them.
//!
//! Only the text changes with the language: a time is shown in the zone
//! the page names, converted before it is formatted here, and machine
//! readable values (`datetime` attributes, iCalendar properties, CSV and
//! JSON exports) stay as they are.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use icu_calendar::cal::Gregorian;
use icu_datetime::fieldsets::{MDE, T, YMD, YMDE};
use icu_datetime::input::{Date, DateTime, Time};
use icu_datetime::{FixedCalendarDateTimeFormatter, NoCalendarFormatter};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::{Decimal, SignDisplay};
use icu_experimental::dimension::percent::formatter::PercentFormatter;

use crate::model::language::Conventions;

/// How one language writes dates, times and numbers.
#[derive(Debug)]
pub struct Locale {
    cldr: Option<Box<Cldr>>,
}

/// CLDR's formatters for one locale, made once per render.
#[derive(Debug)]
struct Cldr {
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    date_time: FixedCalendarDateTimeFormatter<Gregorian, icu_datetime::fieldsets::YMDT>,
    meeting: FixedCalendarDateTimeFormatter<Gregorian, icu_datetime::fieldsets::YMDET>,
    meeting_in_year: FixedCalendarDateTimeFormatter<Gregorian, icu_datetime::fieldsets::MDET>,
    time: NoCalendarFormatter<T>,
    decimal: DecimalFormatter,
    percent: PercentFormatter<DecimalFormatter>,
}

impl Cldr {
    fn new(locale: &icu_locale_core::Locale) -> Option<Cldr> {
        Some(Cldr {
            date: FixedCalendarDateTimeFormatter::try_new(locale.into(), YMD::long()).ok()?,
            date_time: FixedCalendarDateTimeFormatter::try_new(
                locale.into(),
                YMD::long().with_time_hm(),
            )
            .ok()?,
            meeting: FixedCalendarDateTimeFormatter::try_new(
                locale.into(),
                YMDE::medium().with_time_hm(),
            )
            .ok()?,
            meeting_in_year: FixedCalendarDateTimeFormatter::try_new(
                locale.into(),
                MDE::medium().with_time_hm(),
            )
            .ok()?,
            time: NoCalendarFormatter::try_new(locale.into(), T::hm()).ok()?,
            decimal: DecimalFormatter::try_new(locale.into(), Default::default()).ok()?,
            percent: PercentFormatter::try_new(locale.into(), Default::default()).ok()?,
        })
    }
}

impl Locale {
    /// The writing of `conventions`.
    pub fn new(conventions: &Conventions) -> Locale {
        let cldr = match conventions {
            Conventions::English => None,
            Conventions::Cldr(locale) => Cldr::new(locale).map(Box::new),
        };
        Locale { cldr }
    }

    /// The theme's English.
    pub const ENGLISH: &'static Locale = &Locale { cldr: None };

    /// A day: "14 April 2026", "14 de abril de 2026", "14 avril 2026".
    pub fn date(&self, date: NaiveDate) -> String {
        match (&self.cldr, day(date)) {
            (Some(cldr), Some(day)) => cldr.date.format(&day).to_string(),
            _ => date.format("%-d %B %Y").to_string(),
        }
    }

    /// A day and a time of day: "14 April 2026, 18:00".
    pub fn date_time(&self, at: NaiveDateTime) -> String {
        match (&self.cldr, moment(at)) {
            (Some(cldr), Some(moment)) => cldr.date_time.format(&moment).to_string(),
            _ => at.format("%-d %B %Y, %H:%M").to_string(),
        }
    }

    /// When a meeting starts, with its weekday: "Tue 14 Apr 2026, 18:00",
    /// "mar. 14 avr. 2026, 18:00".
    pub fn meeting(&self, at: NaiveDateTime) -> String {
        match (&self.cldr, moment(at)) {
            (Some(cldr), Some(moment)) => cldr.meeting.format(&moment).to_string(),
            _ => at.format("%a %-d %b %Y, %H:%M").to_string(),
        }
    }

    /// A meeting's start beside one in the same year: "Tue 14 Apr, 18:00".
    pub fn meeting_in_year(&self, at: NaiveDateTime) -> String {
        match (&self.cldr, moment(at)) {
            (Some(cldr), Some(moment)) => cldr.meeting_in_year.format(&moment).to_string(),
            _ => at.format("%a %-d %b, %H:%M").to_string(),
        }
    }

    /// A time of day: "18:00", "6:00 PM" in US English.
    pub fn time(&self, at: NaiveTime) -> String {
        match (&self.cldr, clock(at)) {
            (Some(cldr), Some(time)) => cldr.time.format(&time).to_string(),
            _ => at.format("%H:%M").to_string(),
        }
    }

    /// A figure as pages and charts write it: a whole number without
    /// decimals, any other with one ("12", "41.7", "41,7").
    pub fn number(&self, value: f64) -> String {
        self.digits(&plain_number(value))
    }

    /// A figure in percent: "41.7%", "41,7 %".
    pub fn percent(&self, value: f64) -> String {
        let plain = plain_number(value);
        match (&self.cldr, plain.parse::<Decimal>()) {
            (Some(cldr), Ok(decimal)) => cldr.percent.format(&decimal).to_string(),
            _ => format!("{plain}%"),
        }
    }

    /// A figure with `places` decimals: "3.25", "3,25".
    pub fn decimal(&self, value: f64, places: usize) -> String {
        self.digits(&format!("{value:.places$}"))
    }

    /// A change with its sign and `places` decimals: "+0.50", "-0.25", "0.00".
    pub fn signed(&self, value: f64, places: usize) -> String {
        let plain = format!("{value:.places$}");
        match (&self.cldr, plain.parse::<Decimal>()) {
            (Some(cldr), Ok(decimal)) if value > 0.0 => cldr
                .decimal
                .format(&decimal.with_sign_display(SignDisplay::Always))
                .to_string(),
            (_, _) if value > 0.0 => format!("+{plain}"),
            _ => self.digits(&plain),
        }
    }

    /// `plain`, a number written with a decimal point, in this language's
    /// digits and separators.
    fn digits(&self, plain: &str) -> String {
        match (&self.cldr, plain.parse::<Decimal>()) {
            (Some(cldr), Ok(decimal)) => cldr.decimal.format(&decimal).to_string(),
            _ => plain.to_string(),
        }
    }
}

/// A number as the theme's English writes a figure.
fn plain_number(value: f64) -> String {
    if (value - value.round()).abs() < 0.05 {
        format!("{}", value.round() as i64)
    } else {
        format!("{value:.1}")
    }
}

fn day(date: NaiveDate) -> Option<Date<Gregorian>> {
    Date::try_new_gregorian(
        date.year(),
        u8::try_from(date.month()).ok()?,
        u8::try_from(date.day()).ok()?,
    )
    .ok()
}

fn clock(at: NaiveTime) -> Option<Time> {
    Time::try_new(
        u8::try_from(at.hour()).ok()?,
        u8::try_from(at.minute()).ok()?,
        0,
        0,
    )
    .ok()
}

fn moment(at: NaiveDateTime) -> Option<DateTime<Gregorian>> {
    Some(DateTime {
        date: day(at.date())?,
        time: clock(at.time())?,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};
    use chrono_tz::Tz;

    use super::*;
    use crate::model::language::conventions;

    fn locale(tag: &str) -> Locale {
        Locale::new(&conventions(tag).unwrap())
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// When `utc` is in `zone`, as a page showing that zone writes it.
    fn local(zone: Tz, utc: (i32, u32, u32, u32, u32)) -> NaiveDateTime {
        let (y, mo, d, h, mi) = utc;
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .unwrap()
            .with_timezone(&zone)
            .naive_local()
    }

    #[test]
    fn plain_english_writes_what_the_theme_always_wrote() {
        let en = locale("en");
        let at = day(2026, 9, 14).and_hms_opt(18, 5, 0).unwrap();
        assert_eq!(en.date(day(2026, 4, 14)), "14 April 2026");
        assert_eq!(en.meeting(at), "Mon 14 Sep 2026, 18:05");
        assert_eq!(en.meeting_in_year(at), "Mon 14 Sep, 18:05");
        assert_eq!(en.date_time(at), "14 September 2026, 18:05");
        assert_eq!(en.time(at.time()), "18:05");
        assert_eq!(en.number(12.0), "12");
        assert_eq!(en.number(41.66), "41.7");
        assert_eq!(en.number(1234.5), "1234.5");
        assert_eq!(en.percent(41.66), "41.7%");
        assert_eq!(en.decimal(3.256, 2), "3.26");
        assert_eq!(en.signed(0.5, 2), "+0.50");
        assert_eq!(en.signed(-0.25, 2), "-0.25");
    }

    #[test]
    fn spanish_and_french_use_their_names_a_24_hour_clock_and_a_decimal_comma() {
        let at = day(2026, 4, 14).and_hms_opt(18, 0, 0).unwrap();
        let es = locale("es");
        assert_eq!(es.date(day(2026, 4, 14)), "14 de abril de 2026");
        assert_eq!(es.meeting(at), "mar, 14 abr 2026, 18:00");
        assert_eq!(es.meeting_in_year(at), "mar, 14 abr, 18:00");
        assert_eq!(es.time(at.time()), "18:00");
        assert_eq!(es.number(41.66), "41,7");
        assert_eq!(es.percent(41.66), "41,7\u{a0}%");
        assert_eq!(es.signed(0.5, 2), "+0,50");
        let fr = locale("fr");
        assert_eq!(fr.date(day(2026, 4, 14)), "14 avril 2026");
        assert_eq!(fr.meeting(at), "mar. 14 avr. 2026, 18:00");
        assert_eq!(fr.date_time(at), "14 avril 2026 à 18:00");
        assert_eq!(fr.time(at.time()), "18:00");
        assert_eq!(fr.number(41.66), "41,7");
        assert_eq!(fr.number(1234.5), "1\u{202f}234,5");
        assert_eq!(fr.percent(85.0), "85\u{a0}%");
        assert_eq!(fr.decimal(3.256, 2), "3,26");
        assert_eq!(fr.signed(-0.25, 2), "-0,25");
    }

    #[test]
    fn us_english_keeps_a_12_hour_clock_where_french_uses_24_hours() {
        let at = day(2026, 4, 14).and_hms_opt(18, 30, 0).unwrap();
        assert_eq!(locale("en-US").time(at.time()), "6:30\u{202f}PM");
        assert_eq!(
            locale("en-US").meeting(at),
            "Tue, Apr 14, 2026, 6:30\u{202f}PM"
        );
        assert_eq!(locale("fr").time(at.time()), "18:30");
        assert_eq!(locale("en-US").date(day(2026, 4, 14)), "April 14, 2026");
    }

    #[test]
    fn arabic_writes_cldrs_default_latin_digits_and_its_own_names() {
        let ar = locale("ar");
        let at = day(2026, 4, 14).and_hms_opt(18, 0, 0).unwrap();
        assert_eq!(ar.date(day(2026, 4, 14)), "14 أبريل 2026");
        assert_eq!(ar.time(at.time()), "6:00 م");
        assert_eq!(ar.number(41.66), "41.7");
        assert_eq!(ar.percent(41.66), "41.7\u{200e}%\u{200e}");
        // A region whose CLDR default is Arabic-Indic digits gets them.
        assert_eq!(locale("ar-EG").number(41.66), "٤١٫٧");
    }

    #[test]
    fn a_meeting_across_a_daylight_saving_change_keeps_its_local_hour() {
        // Paris moves to summer time on 29 March 2026: the same 17:00 UTC
        // is 18:00 the day before and 19:00 the day after.
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let before = local(paris, (2026, 3, 28, 17, 0));
        let after = local(paris, (2026, 3, 29, 17, 0));
        assert_eq!(locale("fr").meeting(before), "sam. 28 mars 2026, 18:00");
        assert_eq!(locale("fr").meeting(after), "dim. 29 mars 2026, 19:00");
        assert_eq!(locale("en").meeting(after), "Sun 29 Mar 2026, 19:00");
        assert_eq!(locale("es").meeting(after), "dom, 29 mar 2026, 19:00");
    }

    #[test]
    fn a_half_hour_zone_is_written_at_its_own_minutes() {
        let kolkata: Tz = "Asia/Kolkata".parse().unwrap();
        let at = local(kolkata, (2026, 4, 14, 12, 30));
        assert_eq!(locale("en").time(at.time()), "18:00");
        assert_eq!(locale("fr").meeting(at), "mar. 14 avr. 2026, 18:00");
        assert_eq!(locale("en-US").time(at.time()), "6:00\u{202f}PM");
        let newfoundland: Tz = "America/St_Johns".parse().unwrap();
        let at = local(newfoundland, (2026, 1, 14, 12, 0));
        assert_eq!(locale("es").meeting(at), "mié, 14 ene 2026, 08:30");
    }

    #[test]
    fn a_number_that_is_not_finite_is_written_as_rust_writes_it() {
        assert_eq!(locale("fr").decimal(f64::NAN, 2), "NaN");
    }
}
