//! The program's `language` as a BCP 47 tag, and which conventions the
//! site follows when it writes dates, times and numbers in it: CLDR's
//! (through ICU4X's compiled data) for every language CLDR covers, and the
//! theme's own English for plain `en`, so an English site reads as it
//! always has ("Tue 14 Apr 2026, 18:00", "41.7%").

use std::fmt;

use icu_calendar::cal::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_datetime::input::Date;
use icu_locale_core::Locale;

/// How pages write dates, times and numbers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Conventions {
    /// The theme's English: day, month name and year, a 24-hour clock, a
    /// decimal point and no grouping.
    #[default]
    English,
    /// The conventions CLDR records for this locale.
    Cldr(Locale),
}

/// Why a language gets the theme's English instead of its own conventions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsupported {
    /// The text is not a BCP 47 language tag.
    NotATag,
    /// The tag is well formed but CLDR has no names of months for it.
    NoData,
}

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Unsupported::NotATag => "is not a BCP 47 language tag",
            Unsupported::NoData => "is a language the locale data does not cover",
        })
    }
}

impl Unsupported {
    /// What the operator can do about it.
    pub fn help(&self) -> &'static str {
        match self {
            Unsupported::NotATag => {
                "write a tag such as `en`, `es`, `fr` or `pt-BR`: a language subtag, then an optional region, joined by `-`"
            }
            Unsupported::NoData => {
                "check the language subtag (ISO 639: `es` for Spanish, `fr` for French); a language CLDR lacks is written in English"
            }
        }
    }
}

/// The conventions for the language tagged `tag`.
pub fn conventions(tag: &str) -> Result<Conventions, Unsupported> {
    if tag == "en" {
        return Ok(Conventions::English);
    }
    let locale = Locale::try_from_str(tag).map_err(|_| Unsupported::NotATag)?;
    if !covered(&locale) {
        return Err(Unsupported::NoData);
    }
    Ok(Conventions::Cldr(locale))
}

/// Whether CLDR names the months of `locale`'s language: ICU4X falls back
/// to the root locale, whose months are "M01" to "M12", for a language it
/// has no data for, so a date written as the root writes it means none.
fn covered(locale: &Locale) -> bool {
    let written = |locale: &Locale| -> Option<String> {
        let formatter =
            FixedCalendarDateTimeFormatter::<Gregorian, _>::try_new(locale.into(), YMD::long())
                .ok()?;
        let date = Date::try_new_gregorian(2026, 4, 14).ok()?;
        Some(formatter.format(&date).to_string())
    };
    match (written(locale), written(&Locale::UNKNOWN)) {
        (Some(own), Some(root)) => own != root,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_english_keeps_the_themes_conventions() {
        assert_eq!(conventions("en"), Ok(Conventions::English));
    }

    #[test]
    fn a_covered_language_gets_its_cldr_conventions() {
        for tag in ["es", "fr", "ar", "en-US", "pt-BR", "fr-CA"] {
            let Ok(Conventions::Cldr(locale)) = conventions(tag) else {
                panic!("{tag} should have locale data");
            };
            assert_eq!(locale.to_string(), tag);
        }
    }

    #[test]
    fn an_uncovered_or_malformed_tag_is_refused_with_its_reason() {
        assert_eq!(conventions("xx"), Err(Unsupported::NoData));
        assert_eq!(conventions("english"), Err(Unsupported::NotATag));
        assert_eq!(conventions("en_US!"), Err(Unsupported::NotATag));
        assert_eq!(conventions(""), Err(Unsupported::NotATag));
    }
}
