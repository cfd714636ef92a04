//! What each kind of import may fill in, and how a cell becomes a value.
//!
//! The field names are the dotted names of `docs/reference.md`
//! (`intake.date`, `capacity.mentees`), so a coordinator reads one list of
//! fields in both places. Only fields a sheet can sensibly hold are here:
//! journeys, module progress and pairs are written by people, not forms.

use chrono::{NaiveDate, NaiveDateTime};

use crate::edit::yaml::scalar;

/// The kinds of record an import writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Records {
    /// One file per learner under `data/learners/`.
    Learners,
    /// Entries of `data/mentors.yaml`.
    Mentors,
    /// Check-in survey answers: entries of a learner's `confidence` list.
    Confidence,
    /// Post-session survey answers: ratings in the attendance of the
    /// meeting a learner took part in on a date.
    SessionRatings,
}

impl Records {
    /// The words a mapping's `records` may say.
    pub const NAMES: &'static [&'static str] =
        &["learners", "mentors", "confidence", "session-ratings"];

    /// The kind a mapping names.
    pub fn named(name: &str) -> Option<Records> {
        match name {
            "learners" => Some(Records::Learners),
            "mentors" => Some(Records::Mentors),
            "confidence" => Some(Records::Confidence),
            "session-ratings" => Some(Records::SessionRatings),
            _ => None,
        }
    }

    /// The fields this kind may fill in, in the order a new file lists them.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Records::Learners => LEARNER,
            Records::Mentors => MENTOR,
            Records::Confidence => CONFIDENCE,
            Records::SessionRatings => SESSION_RATINGS,
        }
    }

    /// The field holding the record's id.
    pub fn key(self) -> &'static str {
        match self {
            Records::Learners | Records::Mentors => "id",
            Records::Confidence | Records::SessionRatings => "learner",
        }
    }

    /// What one record is called in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Records::Learners => "learner",
            Records::Mentors => "mentor",
            Records::Confidence => "confidence rating",
            Records::SessionRatings => "session rating",
        }
    }
}

/// How a cell is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ty {
    /// An id: lowercase ASCII letters, digits and `-`.
    Id,
    /// Any text.
    Text,
    /// A date, through the mapping's format for the field.
    Date,
    /// A whole number between the two bounds.
    Whole(u32, u32),
    /// A number above 0.
    Positive,
    /// A list, split on the mapping's separator for the field.
    List,
    /// A yes or no, through the mapping's words.
    YesNo,
}

/// One field an import may fill in.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The dotted name, as in the reference.
    pub name: &'static str,
    /// How its cells are read.
    pub ty: Ty,
    /// Whether a new record needs it.
    pub required: bool,
}

const fn field(name: &'static str, ty: Ty, required: bool) -> Field {
    Field { name, ty, required }
}

const LEARNER: &[Field] = &[
    field("id", Ty::Id, true),
    field("name", Ty::Text, true),
    field("email", Ty::Text, false),
    field("pronouns", Ty::Text, false),
    field("cohort", Ty::Id, true),
    field("path", Ty::Id, true),
    field("timezone", Ty::Text, false),
    field("intake.date", Ty::Date, true),
    field("intake.goal", Ty::Text, false),
    field("intake.confidence", Ty::Whole(1, 5), false),
    field("intake.blockers", Ty::List, false),
    field("intake.availability", Ty::List, false),
    field("consent.public_profile", Ty::YesNo, false),
    field("consent.listed_in_cohort", Ty::YesNo, false),
];

const MENTOR: &[Field] = &[
    field("id", Ty::Id, true),
    field("name", Ty::Text, true),
    field("email", Ty::Text, false),
    field("timezone", Ty::Text, true),
    field("bio", Ty::Text, false),
    field("expertise", Ty::List, false),
    field("languages", Ty::List, false),
    field("capacity.mentees", Ty::Whole(0, 1000), true),
    field("capacity.hours_per_week", Ty::Positive, true),
    field("tiers", Ty::List, false),
    field("public_profile", Ty::YesNo, false),
];

const CONFIDENCE: &[Field] = &[
    field("learner", Ty::Id, true),
    field("date", Ty::Date, true),
    field("value", Ty::Whole(1, 5), true),
];

const SESSION_RATINGS: &[Field] = &[
    field("learner", Ty::Id, true),
    field("date", Ty::Date, true),
    field("session", Ty::Id, false),
    field("rating_before", Ty::Whole(1, 5), false),
    field("rating_after", Ty::Whole(1, 5), false),
];

/// A value read from a cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Text (ids too).
    Text(String),
    /// A calendar day.
    Date(NaiveDate),
    /// A whole number.
    Whole(u32),
    /// A number.
    Number(f64),
    /// A list of texts.
    List(Vec<String>),
    /// A yes or no.
    Bool(bool),
}

impl Value {
    /// The value as YAML on one line: plain where YAML reads it back as the
    /// same text, double-quoted otherwise.
    pub fn yaml(&self) -> String {
        match self {
            Value::Text(text) => scalar(text, false),
            Value::Date(date) => date.format("%Y-%m-%d").to_string(),
            Value::Whole(n) => n.to_string(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::List(items) => {
                let items: Vec<String> = items.iter().map(|item| scalar(item, true)).collect();
                format!("[{}]", items.join(", "))
            }
        }
    }

    /// The value as a sheet would show it.
    pub fn text(&self) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::List(items) => items.join(", "),
            other => other.yaml(),
        }
    }

    /// Whether `existing`, as the program's YAML holds it, says the same.
    pub fn same_as(&self, existing: &serde_json::Value) -> bool {
        use serde_json::Value as J;
        match (self, existing) {
            (Value::Bool(b), J::Bool(e)) => b == e,
            (Value::Whole(n), J::Number(e)) => e.as_f64() == Some(f64::from(*n)),
            (Value::Number(n), J::Number(e)) => e.as_f64() == Some(*n),
            (Value::List(items), J::Array(e)) => {
                items.len() == e.len() && items.iter().zip(e).all(|(i, e)| text_of(e) == *i)
            }
            (Value::Text(t), e) => text_of(e) == *t,
            (Value::Date(d), e) => text_of(e) == d.format("%Y-%m-%d").to_string(),
            _ => false,
        }
    }
}

/// A YAML value's text, as a sheet would show it.
pub fn text_of(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        serde_json::Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// How a mapping says to read the cells of one field.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    /// chrono formats tried in turn for a date.
    pub dates: Vec<String>,
    /// What separates the items of a list.
    pub split: String,
    /// Words that mean yes, lowercase.
    pub yes: Vec<String>,
    /// Words that mean no, lowercase.
    pub no: Vec<String>,
}

/// Why a cell could not be read: the message and the help.
pub type Unreadable = (String, String);

/// Reads a non-empty cell's `text` as field `field`.
pub fn read(field: &Field, text: &str, how: &Reading) -> Result<Value, Unreadable> {
    let trimmed = text.trim();
    match field.ty {
        Ty::Id => {
            if valid_id(trimmed) {
                Ok(Value::Text(trimmed.to_string()))
            } else {
                Err((
                    format!("`{trimmed}` is not a valid id"),
                    "an id is lowercase ASCII letters, digits and `-`, not starting with `-`"
                        .to_string(),
                ))
            }
        }
        Ty::Text => Ok(Value::Text(text.trim().to_string())),
        Ty::Date => read_date(trimmed, &how.dates)
            .map(Value::Date)
            .ok_or_else(|| {
                (
                    format!("`{trimmed}` is not a date in the format the mapping gives"),
                    format!(
                        "the mapping reads `{}` with {}; change the cell, or the format under \
                     `dates:` in the mapping (chrono's format, e.g. `%d/%m/%Y`)",
                        field.name,
                        how.dates
                            .iter()
                            .map(|f| format!("`{f}`"))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    ),
                )
            }),
        Ty::Whole(low, high) => match trimmed.parse::<u32>() {
            Ok(n) if (low..=high).contains(&n) => Ok(Value::Whole(n)),
            _ => Err((
                format!("`{trimmed}` is not a whole number from {low} to {high}"),
                format!("write a whole number from {low} to {high}"),
            )),
        },
        Ty::Positive => match trimmed.replace(',', ".").parse::<f64>() {
            Ok(n) if n > 0.0 && n.is_finite() => Ok(Value::Number(n)),
            _ => Err((
                format!("`{trimmed}` is not a number above 0"),
                "write a number such as `2` or `2.5`".to_string(),
            )),
        },
        Ty::List => Ok(Value::List(
            text.split(how.split.as_str())
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(str::to_string)
                .collect(),
        )),
        Ty::YesNo => {
            let word = trimmed.to_lowercase();
            if how.yes.contains(&word) {
                Ok(Value::Bool(true))
            } else if how.no.contains(&word) {
                Ok(Value::Bool(false))
            } else {
                Err((
                    format!("`{trimmed}` is neither a yes nor a no word of the mapping"),
                    format!(
                        "the mapping reads yes as {} and no as {}; add the word to `yes:` or \
                         `no:` in the mapping",
                        quoted(&how.yes),
                        quoted(&how.no)
                    ),
                ))
            }
        }
    }
}

fn quoted(words: &[String]) -> String {
    let words: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    words.join(", ")
}

fn read_date(text: &str, formats: &[String]) -> Option<NaiveDate> {
    formats.iter().find_map(|format| {
        NaiveDate::parse_from_str(text, format).ok().or_else(|| {
            NaiveDateTime::parse_from_str(text, format)
                .ok()
                .map(|t| t.date())
        })
    })
}

/// Whether `id` is a valid id: lowercase ASCII letters, digits and `-`,
/// not starting with `-`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// An id made from a name: Latin letters lose their accents (`José
/// Núñez` → `jose-nunez`), anything else between them becomes one `-`.
/// `None` when the name holds a letter of another script: telemachy does
/// not guess a transliteration (a name in Arabic, Devanagari or Chinese has
/// several, and the person should choose), so such rows need an id column.
pub fn slug(name: &str) -> Option<String> {
    let mut out = String::new();
    for c in name.chars() {
        let base = if c.is_ascii_alphanumeric() {
            Some(c.to_ascii_lowercase().to_string())
        } else if c.is_alphabetic() {
            Some(latin_base(c.to_lowercase().next().unwrap_or(c))?.to_string())
        } else {
            None
        };
        match base {
            Some(letters) => out.push_str(&letters),
            None if c.is_numeric() => return None,
            None => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
        }
    }
    let out = out.trim_end_matches('-').to_string();
    (!out.is_empty()).then_some(out)
}

/// The ASCII letters of an accented Latin letter (Latin-1 and Latin
/// Extended-A), `None` for a letter of another script.
fn latin_base(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāăą", "a"),
        ("æ", "ae"),
        ("çćĉċč", "c"),
        ("ďđð", "d"),
        ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"),
        ("ĥħ", "h"),
        ("ìíîïĩīĭįı", "i"),
        ("ĳ", "ij"),
        ("ĵ", "j"),
        ("ķĸ", "k"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉŋ", "n"),
        ("òóôõöøōŏő", "o"),
        ("œ", "oe"),
        ("ŕŗř", "r"),
        ("śŝşšſ", "s"),
        ("ß", "ss"),
        ("ţťŧ", "t"),
        ("þ", "th"),
        ("ùúûüũūŭůűų", "u"),
        ("ŵ", "w"),
        ("ýÿŷ", "y"),
        ("źżž", "z"),
    ];
    TABLE
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map(|(_, base)| *base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latin_name_makes_an_id_and_another_script_does_not() {
        assert_eq!(
            slug("José Núñez-García").as_deref(),
            Some("jose-nunez-garcia")
        );
        assert_eq!(slug("  Zoë  O'Brien ").as_deref(), Some("zoe-o-brien"));
        assert_eq!(slug("Łukasz Żółć").as_deref(), Some("lukasz-zolc"));
        assert_eq!(slug("ليلى حداد"), None);
        assert_eq!(slug("प्रिया शर्मा"), None);
        assert_eq!(slug("李华"), None);
        assert_eq!(slug("!!!"), None);
    }

    #[test]
    fn text_that_yaml_would_read_otherwise_is_quoted() {
        assert_eq!(scalar("Ada Example", false), "Ada Example");
        assert_eq!(scalar("ليلى حداد", false), "ليلى حداد");
        assert_eq!(scalar("yes", false), "\"yes\"");
        assert_eq!(scalar("2026-01-05", false), "\"2026-01-05\"");
        assert_eq!(scalar("a: b", false), "\"a: b\"");
        assert_eq!(scalar("x # y", false), "\"x # y\"");
        assert_eq!(scalar("two\nlines", false), "\"two\\nlines\"");
        assert_eq!(scalar("a, b", true), "\"a, b\"");
        assert_eq!(scalar("-dash", false), "\"-dash\"");
    }

    #[test]
    fn dates_are_read_with_any_of_the_formats() {
        let how = Reading {
            dates: vec!["%d/%m/%Y".into(), "%d/%m/%Y %H:%M:%S".into()],
            ..Reading::default()
        };
        let date = field("intake.date", Ty::Date, true);
        assert_eq!(
            read(&date, "15/04/2026 10:02:03", &how),
            Ok(Value::Date(
                NaiveDate::from_ymd_opt(2026, 4, 15).unwrap_or_default()
            ))
        );
        assert!(read(&date, "2026-04-15", &how).is_err());
        let us = Reading {
            dates: vec!["%m/%d/%Y %H:%M:%S".into()],
            ..Reading::default()
        };
        assert_eq!(
            read(&date, "4/5/2026 9:03:22", &us),
            Ok(Value::Date(
                NaiveDate::from_ymd_opt(2026, 4, 5).unwrap_or_default()
            ))
        );
    }
}
