//! Diagnostics as GitHub Actions workflow commands: one `::error` or
//! `::warning` line each, which the runner turns into an annotation on the
//! line of the pull request the diagnostic points at.
//!
//! The runner reads `::NAME key=value,key=value::TEXT`, splits the
//! properties on `,` and ends them at the first `::`, so the text escapes
//! `%`, CR and LF, and a property also `:` and `,` (the rules of the
//! runner's `ActionCommand` and of `@actions/core`).

use std::path::{Component, Path, PathBuf};

use super::{Diagnostic, Diagnostics, Location, Severity};

/// Renders one workflow command per diagnostic, causes first, as
/// [`render_json`](super::render_json) orders them. A file is named as
/// `root` joined with its path in the program: the runner takes a relative
/// `file` from the repository's root and makes an absolute one relative to
/// it, so the `--root` a workflow passes lands each annotation on its file.
pub fn render_github(diagnostics: &Diagnostics, root: &Path) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics.sorted() {
        out.push_str(&command(diagnostic, root));
        out.push('\n');
    }
    out
}

/// One diagnostic's workflow command, without the line break.
fn command(d: &Diagnostic, root: &Path) -> String {
    let name = match d.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties: Vec<(&str, String)> = Vec::new();
    if let Some(location) = &d.location {
        properties.push(("file", repository_path(root, &location.file)));
        if location.line > 0 {
            properties.push(("line", location.line.to_string()));
            if location.column > 0 {
                properties.push(("col", location.column.to_string()));
                if location.len > 0 {
                    // The last character of the value: GitHub's end column
                    // is inclusive.
                    let end = location.column + location.len - 1;
                    properties.push(("endColumn", end.to_string()));
                }
            }
        }
    }
    properties.push(("title", format!("{}: {}", d.code, d.code.title())));
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape(value, true)))
        .collect();
    format!(
        "::{name} {}::{}",
        properties.join(","),
        escape(&text(d, root), false)
    )
}

/// The annotation's text: the message, then what the label says of the
/// place it is on, the help, and each related place with its note.
fn text(d: &Diagnostic, root: &Path) -> String {
    let mut text = d.message.clone();
    if let Some(label) = &d.label {
        text.push_str("\nhere: ");
        text.push_str(label);
    }
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    for (location, note) in &d.related {
        text.push_str("\nsee ");
        text.push_str(&place(root, location));
        text.push_str(": ");
        text.push_str(note);
    }
    text
}

/// `file:line:col` from the repository's root, or the file alone.
fn place(root: &Path, location: &Location) -> String {
    let file = repository_path(root, &location.file);
    if location.line == 0 {
        file
    } else {
        format!("{file}:{}:{}", location.line, location.column)
    }
}

/// `file` under `root`, with `/` separators and without `./` segments,
/// which the runner would keep and GitHub would not find.
fn repository_path(root: &Path, file: &Path) -> String {
    let path: PathBuf = root
        .join(file)
        .components()
        .filter(|part| *part != Component::CurDir)
        .collect();
    path.display().to_string().replace('\\', "/")
}

/// `value` escaped for a workflow command: `%`, CR and LF always, `:` and
/// `,` too in a property.
fn escape(value: &str, property: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    /// What the runner makes of an escaped text or property, in its order.
    fn unescape(value: &str, property: bool) -> String {
        let mut value = value.replace("%0D", "\r").replace("%0A", "\n");
        if property {
            value = value.replace("%3A", ":").replace("%2C", ",");
        }
        value.replace("%25", "%")
    }

    #[test]
    fn text_escapes_percent_and_line_breaks_and_keeps_colons_and_commas() {
        let raw = "50% done: a, b\r\nnext %0A line";
        let escaped = escape(raw, false);
        assert_eq!(escaped, "50%25 done: a, b%0D%0Anext %250A line");
        assert_eq!(unescape(&escaped, false), raw);
    }

    #[test]
    fn a_property_also_escapes_colons_and_commas() {
        let raw = "E006: a date, time or duration\r\n100%:,";
        let escaped = escape(raw, true);
        assert_eq!(
            escaped,
            "E006%3A a date%2C time or duration%0D%0A100%25%3A%2C"
        );
        assert!(!escaped.contains([':', ',', '\r', '\n']), "{escaped}");
        assert_eq!(unescape(&escaped, true), raw);
    }

    #[test]
    fn a_diagnostic_becomes_one_command_with_its_place_title_help_and_related() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(
            Diagnostic::new(Code::MentorDoubleBooked, "two at 19:30, 100% sure\nreally")
                .at(Location::at("data/sessions/a, b.yaml", 7, 12, 16))
                .label("overlaps `x`")
                .related(Location::at("data/sessions/x.yaml", 4, 12, 16), "`x` here")
                .related(Location::file("data/mentors.yaml"), "the mentor")
                .help("move one"),
        );
        assert_eq!(
            render_github(&diagnostics, Path::new("./programs/spring")),
            "::error file=programs/spring/data/sessions/a%2C b.yaml,line=7,col=12,endColumn=27,\
             title=E050%3A a mentor is in two sessions at once\
             ::two at 19:30, 100%25 sure%0Areally%0Ahere: overlaps `x`%0Ahelp: move one\
             %0Asee programs/spring/data/sessions/x.yaml:4:12: `x` here\
             %0Asee programs/spring/data/mentors.yaml: the mentor\n"
        );
    }

    #[test]
    fn without_a_place_a_command_has_no_file_and_a_file_alone_no_line() {
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(Diagnostic::new(Code::MissingFile, "no program"));
        diagnostics.push(
            Diagnostic::new(Code::LearnerStalled, "stalled").at(Location::file("data/a.yaml")),
        );
        assert_eq!(
            render_github(&diagnostics, Path::new(".")),
            "::error title=E016%3A a required program file is missing::no program\n\
             ::warning file=data/a.yaml,title=W034%3A a learner is stalled in a stage past the \
             handoff limit::stalled\n"
        );
    }
}
