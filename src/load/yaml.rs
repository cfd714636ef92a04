//! The one place YAML is parsed.
//!
//! Every data file and every front matter block goes through [`parse`], so
//! the budgets (size, nesting, aliases), the duplicate-key rule and the
//! translation of parser errors into located diagnostics are the same
//! everywhere. serde-saphyr is used because it reports syntax and type errors
//! with line and column, gives `Spanned` values for later checks, rejects
//! duplicate keys, and bounds alias expansion (no "billion laughs").

use serde::de::DeserializeOwned;
use serde_saphyr::Error;

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::text::suggest;

use super::InFile;
use super::layout::{self, Mistake};

/// Limits that keep a hostile or broken file from exhausting memory or time.
/// They are far above what a real program writes: the largest generated
/// benchmark program stays well inside them.
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        with_snippet: false,
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_nodes: 5_000_000,
            max_events: 20_000_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_documents: 1,
            max_total_scalar_bytes: 32 * 1024 * 1024,
        },
    }
}

/// Parses one YAML document into `T`. `file.line_offset` is added to every
/// line so front matter errors point into the Markdown file.
pub fn parse<T: DeserializeOwned>(file: &InFile<'_>) -> Result<T, Box<Diagnostic>> {
    serde_saphyr::from_str_with_options::<T>(file.text, options()).map_err(|error| {
        let reported = diagnose(file, &error);
        Box::new(layout_mistake(file, &reported).unwrap_or(reported))
    })
}

/// The mistake of layout (a tab, an entry indented to no level) that made
/// the parser fail, when there is one on the line the parser stopped at or
/// before: the parser stops where the mistake's effect shows, often the
/// line before a tab or the end of a line indented too deep, or reports the
/// entry it made of the line as a wrong type, a missing or an unknown field.
fn layout_mistake(file: &InFile<'_>, reported: &Diagnostic) -> Option<Diagnostic> {
    let precise = matches!(
        reported.code,
        Code::YamlSyntax | Code::WrongType | Code::MissingField | Code::UnknownField
    );
    if !precise {
        return None;
    }
    let until = match &reported.location {
        Some(l) if l.line > 0 => l.line.saturating_sub(file.line_offset) + 1,
        _ => u32::MAX,
    };
    let mistake = layout::first_mistake(file.text, until)?;
    let line = mistake.line() + file.line_offset;
    let at = |column: usize, len: usize| {
        Location::at(file.path.to_path_buf(), line, column as u32, len as u32)
    };
    let spaces = |n: usize| match n {
        1 => "1 space".to_string(),
        n => format!("{n} spaces"),
    };
    let indented = |n: usize| match n {
        0 => "not indented".to_string(),
        n => format!("indented {}", spaces(n)),
    };
    // Where to put an entry to line it up with `key`, indented `n` spaces
    // on line `line`.
    let like = |n: usize, key: &str, line: u32| {
        let whom = match key {
            "-" => format!("the `-` on line {}", line + file.line_offset),
            key => format!("`{key}` on line {}", line + file.line_offset),
        };
        match n {
            0 => format!("at the start of the line, as {whom}"),
            n => format!("by {}, as {whom}", spaces(n)),
        }
    };
    let diagnostic = match mistake {
        Mistake::Tab {
            column, expected, ..
        } => {
            let help = match expected {
                Some(n) if n > 0 => format!(
                    "YAML indents with spaces only: replace the tab with spaces ({} like the \
                     line above, if this line belongs with it)",
                    spaces(n)
                ),
                _ => "YAML indents with spaces only: replace the tab with spaces".to_string(),
            };
            Diagnostic::new(Code::YamlSyntax, "a tab is used for indentation")
                .at(at(column as usize, 1))
                .label("tab")
                .help(help)
        }
        Mistake::TooDeep {
            indent,
            key,
            above: (above_line, above_indent, above_key),
            ..
        } => Diagnostic::new(
            Code::YamlSyntax,
            format!("`{key}` is indented further than `{above_key}` on the line above"),
        )
        .at(at(indent + 1, key.chars().count()))
        .label(indented(indent))
        .related(
            Location::at(
                file.path.to_path_buf(),
                above_line + file.line_offset,
                above_indent as u32 + 1,
                above_key.chars().count() as u32,
            ),
            indented(above_indent),
        )
        .help(format!(
            "entries of one mapping line up: indent `{key}` {}",
            like(above_indent, &above_key, above_line)
        )),
        Mistake::Between {
            indent,
            key,
            levels,
            ..
        } => {
            let choices: Vec<String> = levels.iter().map(|(l, n, k)| like(*n, k, *l)).collect();
            let name = match key.as_str() {
                "-" => "this list item".to_string(),
                key => format!("`{key}`"),
            };
            let mut diagnostic = Diagnostic::new(
                Code::YamlSyntax,
                format!(
                    "{name} is indented {}, which lines up with no entry above it",
                    spaces(indent)
                ),
            )
            .at(at(indent + 1, key.chars().count()))
            .label(indented(indent));
            for (level_line, level_indent, level_key) in &levels {
                diagnostic = diagnostic.related(
                    Location::at(
                        file.path.to_path_buf(),
                        level_line + file.line_offset,
                        *level_indent as u32 + 1,
                        level_key.chars().count() as u32,
                    ),
                    indented(*level_indent),
                );
            }
            diagnostic.help(format!(
                "line it up with the entries it belongs to: indent it {}",
                choices.join(", or ")
            ))
        }
    };
    Some(diagnostic)
}

fn diagnose(file: &InFile<'_>, error: &Error) -> Diagnostic {
    let error = error.without_snippet();
    let location = error.location().filter(|l| l.line() > 0);
    let at = |len: usize| match location {
        Some(l) => Location::at(
            file.path.to_path_buf(),
            l.line() as u32 + file.line_offset,
            l.column() as u32,
            len.max(1) as u32,
        ),
        None => Location::file(file.path.to_path_buf()),
    };
    match error {
        Error::SerdeUnknownField {
            field, expected, ..
        } => {
            let help = match suggest(field, expected) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the fields allowed here are: {}", expected.join(", ")),
            };
            Diagnostic::new(Code::UnknownField, format!("unknown field `{field}`"))
                .at(at(field.chars().count()))
                .label("not a field here")
                .help(help)
        }
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let help = match suggest(variant, expected) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("write one of: {}", expected.join(", ")),
            };
            Diagnostic::new(
                Code::WrongType,
                format!("`{variant}` is not an allowed value"),
            )
            .at(at(variant.chars().count()))
            .help(help)
        }
        Error::SerdeMissingField { field, .. } => {
            Diagnostic::new(Code::MissingField, format!("missing field `{field}`"))
                .at(at(1))
                .label(format!("this mapping needs `{field}`"))
                .help(format!(
                    "add `{field}:`; docs/reference.md lists every field"
                ))
        }
        Error::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().unwrap_or("this key");
            Diagnostic::new(
                Code::DuplicateKey,
                format!("`{key}` appears twice in the same mapping"),
            )
            .at(at(key.chars().count()))
            .label("second occurrence")
            .help("keep one of the two entries")
        }
        Error::Budget { breach, .. } => Diagnostic::new(
            Code::InputTooLarge,
            format!(
                "the file exceeds a safety limit ({})",
                describe_breach(breach)
            ),
        )
        .at(at(1))
        .help("split the file, remove deep nesting, or stop repeating aliases"),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => Diagnostic::new(
            Code::InputTooLarge,
            "YAML aliases expand beyond the safety limit",
        )
        .at(at(1))
        .help("write the repeated values out, or use fewer nested aliases"),
        Error::SerdeInvalidType { .. }
        | Error::SerdeInvalidValue { .. }
        | Error::SerdeInvalidLength { .. }
        | Error::InvalidScalar { .. }
        | Error::NullIntoString { .. }
        | Error::InvalidBooleanStrict { .. }
        | Error::NonFiniteFloat { .. }
        | Error::Message { .. }
        | Error::QuotingRequired { .. } => {
            Diagnostic::new(Code::WrongType, message_without_location(error))
                .at(at(1))
                .help("docs/reference.md gives the type of every field")
        }
        _ if message_without_location(error).contains("recursion limit") => Diagnostic::new(
            Code::InputTooLarge,
            "the file exceeds a safety limit (nested too deeply)",
        )
        .at(at(1))
        .help("real program files nest a few levels; remove the deep nesting"),
        _ => Diagnostic::new(Code::YamlSyntax, message_without_location(error))
            .at(at(1))
            .help("check the indentation and quoting around this line"),
    }
}

fn describe_breach(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Depth { .. } => "nested more than 64 levels deep".into(),
        B::Aliases { .. } | B::AliasAnchorRatio { .. } => "too many aliases".into(),
        B::Anchors { .. } => "too many anchors".into(),
        B::Nodes { .. } | B::Events { .. } => "too many values".into(),
        B::ScalarBytes { .. } => "too much text".into(),
        B::Documents { .. } => "more than one YAML document".into(),
        other => format!("{other:?}"),
    }
}

/// The parser's message without its trailing " at line L, column C" (the
/// location is printed separately), with Rust type names put in words.
fn message_without_location(error: &Error) -> String {
    let text = error.to_string();
    let text = match text.rfind(" at line ") {
        Some(index) => text[..index].to_string(),
        None => text,
    };
    let words = [
        ("invalid u8", "expected a small whole number (0 to 255)"),
        ("invalid u32", "expected a whole number"),
        ("invalid u64", "expected a whole number"),
        ("invalid f64", "expected a number"),
        ("invalid bool", "expected `true` or `false`"),
    ];
    for (rust, plain) in words {
        if text == rust {
            return plain.to_string();
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::load::raw::MentorsFile;

    fn file(text: &str) -> InFile<'_> {
        InFile {
            path: Path::new("data/mentors.yaml"),
            text,
            line_offset: 0,
        }
    }

    fn error_of(text: &str) -> Diagnostic {
        match parse::<MentorsFile>(&file(text)) {
            Ok(_) => panic!("expected an error for {text:?}"),
            Err(d) => *d,
        }
    }

    #[test]
    fn unknown_field_suggests_the_closest_name() {
        let d = error_of(
            "mentors:\n  - id: ana\n    nmae: Ana\n    timezone: UTC\n    capacity: {mentees: 1, hours_per_week: 2}\n",
        );
        assert_eq!(d.code, Code::UnknownField);
        assert_eq!(d.help.as_deref(), Some("did you mean `name`?"));
        let location = d.location.unwrap_or_else(|| Location::file("none"));
        assert_eq!((location.line, location.column), (3, 5));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let d = error_of("mentors: []\nmentors: []\n");
        assert_eq!(d.code, Code::DuplicateKey);
    }

    #[test]
    fn alias_bombs_stop_early() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        text.push_str("mentors: []\n");
        let d = error_of(&text);
        assert!(
            matches!(d.code, Code::InputTooLarge | Code::UnknownField),
            "{d:?}"
        );
    }

    #[test]
    fn front_matter_lines_are_offset() {
        let mut f = file("mentors:\n  - idd: x\n");
        f.line_offset = 1;
        let d = match parse::<MentorsFile>(&f) {
            Ok(_) => panic!("expected an error"),
            Err(d) => *d,
        };
        assert_eq!(d.location.map(|l| l.line), Some(3));
    }
}
