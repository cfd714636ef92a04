//! The one diagnostic type, the catalogue of codes, and its printers.
//!
//! Every stage (loading, every check, writing) reports problems as
//! [`Diagnostic`] values and keeps going, so a user sees everything wrong in one
//! run. Printing is separate: [`render_human`] draws rustc-style reports with
//! the offending source line, [`render_json`] one JSON object per diagnostic
//! and a closing summary, [`render_github`] GitHub Actions workflow commands
//! and [`render_sarif`] a SARIF log for code-scanning tools. All print causes
//! first (see [`Phase`]).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

mod github;
mod sarif;

pub use github::render_github;
pub use sarif::render_sarif;

/// How serious a diagnostic is: errors stop a build, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The program cannot be published until this is fixed.
    Error,
    /// Worth acting on; the build still goes ahead.
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $severity:ident, $title:literal;)*) => {
        /// A stable diagnostic code; `docs/checks.md` documents each one.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = $title]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as printed, e.g. `E009`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code),* }
            }

            /// The severity this code always carries.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }

            /// A short title for documentation and listings.
            pub fn title(self) -> &'static str {
                match self { $(Code::$variant => $title),* }
            }
        }
    };
}

codes! {
    YamlSyntax = "E001", Error, "YAML syntax error";
    WrongType = "E002", Error, "a value has the wrong type";
    UnknownField = "E003", Error, "unknown field";
    MissingField = "E004", Error, "a required field is missing";
    DuplicateKey = "E005", Error, "a key appears twice in one mapping";
    BadDate = "E006", Error, "a date, time or duration cannot be read";
    UnknownTimezone = "E007", Error, "not the IANA time zone of a place";
    ZoneOldName = "W008", Warning, "a time zone is written by an old name";
    DuplicateId = "E008", Error, "two records share an id";
    UnresolvedReference = "E009", Error, "a reference names no record";
    BadId = "E010", Error, "an id is not lowercase letters, digits and '-'";
    BadValue = "E011", Error, "a value is out of its allowed range";
    UnreadableFile = "E012", Error, "a file cannot be read";
    InvalidUtf8 = "E013", Error, "a file is not valid UTF-8";
    InputTooLarge = "E014", Error, "a file exceeds the size, nesting or alias budget";
    FrontMatter = "E015", Error, "Markdown front matter is missing or malformed";
    MissingFile = "E016", Error, "a required program file is missing";
    LanguageWithoutLocaleData = "W018", Warning, "the program's language has no locale data for dates and numbers";
    StageUnreachable = "E020", Error, "a journey stage cannot be reached from the first stage";
    StageDeadEnd = "E021", Error, "a non-terminal journey stage has no way out";
    HandoffNoOwner = "E022", Error, "a handoff has no owner";
    HandoffNoLimit = "E023", Error, "a handoff has no time limit";
    HandoffSkipped = "E030", Error, "a learner's journey skips a defined handoff";
    JourneyOrder = "E031", Error, "a learner's journey entries are out of date order";
    RequirementUnmet = "E032", Error, "a handoff was taken before its requirement held";
    HandoffLate = "W033", Warning, "a handoff was taken after its time limit";
    LearnerStalled = "W034", Warning, "a learner is stalled in a stage past the handoff limit";
    SessionBeforeCharter = "E035", Error, "a 1:1 session took place before the pair agreed its charter";
    StatusInconsistent = "E036", Error, "a learner's status contradicts their journey";
    PrerequisiteCycle = "E040", Error, "module prerequisites form a cycle";
    ModuleNoArtifact = "E041", Error, "a module has no artifact";
    ModuleOffPath = "E042", Error, "a module is on no path";
    BrokenLink = "E043", Error, "an internal link points at no page";
    BrokenAnchor = "E044", Error, "an internal link points at a missing heading";
    PrerequisiteLater = "W045", Warning, "a prerequisite comes later in the path than the module";
    ScriptUrl = "E046", Error, "a link or image target is a script or data URL";
    ActiveHtml = "W047", Warning, "raw HTML holds a script, an embedded frame or an event handler";
    CodeNotHighlighted = "W048", Warning, "a code block is too big to highlight";
    MentorDoubleBooked = "E050", Error, "a mentor is in two sessions at once";
    LearnerDoubleBooked = "E051", Error, "a learner is in two sessions at once";
    MenteeCapacity = "E052", Error, "a mentor has more mentees than their capacity";
    WeeklyHours = "E053", Error, "a mentor is booked for more hours in a week than their capacity";
    SessionOutsideCohort = "E054", Error, "a session lies outside its cohort's dates";
    MidpointMissing = "E055", Error, "an active pair has no midpoint check-in near the middle";
    EndReflectionMissing = "E056", Error, "a closed pair has no end reflection";
    BadRecurrence = "E057", Error, "a recurrence rule is inconsistent";
    PairsOverlap = "E058", Error, "a learner is in two open pairs at once";
    HeldInFuture = "E059", Error, "a meeting after today is recorded as held";
    MidpointMoved = "W062", Warning, "a pair's midpoint session is booked on another day than its planned midpoint";
    ListedWhileAway = "W063", Warning, "a learner is listed on a meeting after leaving or while paused";
    PausedAfterPause = "W064", Warning, "a learner's status is still paused after their pause ended";
    CharterIncomplete = "E060", Error, "a pair's expectations charter is incomplete";
    PairDates = "E061", Error, "a pair's dates or phase are inconsistent";
    TemplateError = "E070", Error, "a theme template cannot be parsed or rendered";
    ThemeMissing = "E071", Error, "the theme named in program.yaml does not exist";
    CatalogSyntax = "E072", Error, "a theme catalog (Fluent) cannot be parsed";
    CatalogVariable = "E073", Error, "a catalog message uses a variable its template never gives";
    CatalogMissing = "E074", Error, "the theme has no catalog for the program's language";
    BadUrl = "E080", Error, "a URL is not an absolute http(s) address, or holds whitespace or control characters";
    PrivateDataPublished = "E081", Error, "a public page would show personal data that was not consented";
    ImportMapping = "E090", Error, "an import mapping cannot be used";
    ImportCell = "E091", Error, "a cell of an imported sheet cannot be read";
    ImportMissing = "E092", Error, "an imported row lacks a required value";
    ImportDuplicate = "E093", Error, "two imported rows are the same record";
    ImportDiffers = "W094", Warning, "an imported row differs from the program's record";
    ImportInPlace = "E095", Error, "an import cannot change a record's file in place";
    ImportMeeting = "E096", Error, "an imported rating names no single held meeting";
    HardPreferenceBroken = "E110", Error, "a pair breaks a hard matching preference of its learner";
}

/// When a problem is found, which decides the order of the report: a file
/// that cannot be read leaves its records out, and a value that cannot be
/// read leaves its record out, so these causes come before the checks
/// that run on what is left.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// A file cannot be read or parsed (E001–E005, E012–E016).
    File,
    /// A value or a reference of a record cannot be read (E006–E011).
    Record,
    /// A check of the program as read.
    Check,
}

impl Code {
    /// The phase in which this code is found.
    pub fn phase(self) -> Phase {
        use Code::*;
        match self {
            YamlSyntax | WrongType | UnknownField | MissingField | DuplicateKey
            | UnreadableFile | InvalidUtf8 | InputTooLarge | FrontMatter | MissingFile => {
                Phase::File
            }
            BadDate | UnknownTimezone | ZoneOldName | DuplicateId | UnresolvedReference | BadId
            | BadValue => Phase::Record,
            _ => Phase::Check,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Where a diagnostic points: a file relative to the program root, and a
/// 1-based line and column (in characters), with the length of the value.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Path relative to the program root, with `/` separators.
    pub file: PathBuf,
    /// 1-based line; 0 when only the file is known.
    pub line: u32,
    /// 1-based column in characters; 0 when only the file is known.
    pub column: u32,
    /// Length of the offending value in characters (at least 1 when known).
    pub len: u32,
}

impl Location {
    /// A location that names only a file.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location {
            file: file.into(),
            line: 0,
            column: 0,
            len: 0,
        }
    }

    /// A location at a line and column of a file.
    pub fn at(file: impl Into<PathBuf>, line: u32, column: u32, len: u32) -> Self {
        Location {
            file: file.into(),
            line,
            column,
            len,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display().to_string().replace('\\', "/");
        if self.line == 0 {
            write!(f, "{file}")
        } else {
            write!(f, "{file}:{}:{}", self.line, self.column)
        }
    }
}

/// The most characters of one quoted value a diagnostic repeats.
const QUOTED: usize = 200;

/// `text` with every value quoted in it (between backticks or double
/// quotes) cut to [`QUOTED`] characters and `…`. A value can be a megabyte
/// long; the location already points at all of it.
fn clip_quoted(text: String) -> String {
    if text.chars().count() <= QUOTED {
        return text;
    }
    let mut out = String::with_capacity(text.len().min(4 * QUOTED));
    // The quote being read, and how many of its characters are kept.
    let mut quote: Option<(char, usize)> = None;
    for c in text.chars() {
        match &mut quote {
            None => {
                if c == '`' || c == '"' {
                    quote = Some((c, 0));
                }
                out.push(c);
            }
            Some((open, _)) if c == *open => {
                quote = None;
                out.push(c);
            }
            Some((_, kept)) => {
                *kept += 1;
                if *kept <= QUOTED {
                    out.push(c);
                } else if *kept == QUOTED + 1 {
                    out.push('…');
                }
            }
        }
    }
    out
}

/// One problem found in a program, with where it is and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code; also fixes the severity.
    pub code: Code,
    /// One sentence saying what is wrong.
    pub message: String,
    /// The primary location, when the problem has one.
    pub location: Option<Location>,
    /// Label printed under the offending value.
    pub label: Option<String>,
    /// Further places involved (the other booking, the rest of a cycle).
    pub related: Vec<(Location, String)>,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with a code and message and nothing else yet.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: clip_quoted(message.into()),
            location: None,
            label: None,
            related: Vec::new(),
            help: None,
        }
    }

    /// Point the diagnostic at a location.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Label the primary location.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(clip_quoted(label.into()));
        self
    }

    /// Add a secondary location with a note.
    pub fn related(mut self, location: Location, note: impl Into<String>) -> Self {
        self.related.push((location, clip_quoted(note.into())));
        self
    }

    /// Say how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(clip_quoted(help.into()));
        self
    }

    /// The severity implied by the code.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// Whether this diagnostic stops a build.
    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }
}

/// Every diagnostic found in one run, in a stable order.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Add many diagnostics.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// The diagnostics, causes first: by [`Phase`], then by file, line,
    /// column and code, so output is reproducible however the checks were
    /// scheduled.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            (a.code.phase(), &a.location, a.code, &a.message).cmp(&(
                b.code.phase(),
                &b.location,
                b.code,
                &b.message,
            ))
        });
        items.dedup_by(|a, b| a == b);
        items
    }

    /// All diagnostics in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The texts of the files diagnostics point into, so a printer can show
/// the offending line without reading anything: the loader adds every file
/// it read (as it read it, invalid UTF-8 shown with replacement
/// characters), and the theme its templates. Texts are shared, so a copy of
/// the sources costs little, and the loader hands over the very string it
/// read rather than a copy.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    texts: BTreeMap<PathBuf, Arc<String>>,
}

impl Sources {
    /// Remember the text of a file.
    pub fn insert(&mut self, file: PathBuf, text: impl Into<Arc<String>>) {
        self.texts.insert(file, text.into());
    }

    /// Keeps only the texts of the files `keep` accepts.
    pub fn retain(&mut self, keep: impl Fn(&Path) -> bool) {
        self.texts.retain(|file, _| keep(file));
    }

    /// The files whose texts are known.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.texts.keys().map(PathBuf::as_path)
    }

    /// The text of a file, when it is known.
    pub fn get(&self, file: &Path) -> Option<String> {
        self.text(file).map(str::to_string)
    }

    fn text(&self, file: &Path) -> Option<&str> {
        self.texts.get(file).map(|text| text.as_str())
    }
}

/// Renders diagnostics as rustc does: a header with the code, an arrow to
/// `file:line:col`, the source line with the value underlined, then `help:`.
pub fn render_human(diagnostics: &Diagnostics, sources: &Sources, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for diagnostic in diagnostics.sorted() {
        out.push_str(&render_one(diagnostic, sources, &renderer));
        out.push_str("\n\n");
    }
    out
}

fn render_one(d: &Diagnostic, sources: &Sources, renderer: &Renderer) -> String {
    let level = match d.severity() {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let file_names: Vec<(String, &Location)> = d
        .location
        .iter()
        .map(|l| (l.file.display().to_string().replace('\\', "/"), l))
        .chain(
            d.related
                .iter()
                .map(|(l, _)| (l.file.display().to_string().replace('\\', "/"), l)),
        )
        .collect();
    let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
    let mut group_elements: Vec<annotate_snippets::Element<'_>> = Vec::new();
    if let Some((name, location)) = file_names.first() {
        group_elements.push(snippet_or_origin(
            name,
            location,
            sources,
            AnnotationKind::Primary,
            d.label.as_deref().unwrap_or(""),
        ));
    }
    for ((name, location), (_, note)) in file_names.iter().skip(1).zip(&d.related) {
        group_elements.push(snippet_or_origin(
            name,
            location,
            sources,
            AnnotationKind::Context,
            note,
        ));
    }
    if let Some(help) = &d.help {
        group_elements.push(Level::HELP.message(help.as_str()).into());
    }
    let report = [Group::with_title(title).elements(group_elements)];
    renderer.render(&report).to_string()
}

fn snippet_or_origin<'a>(
    name: &'a str,
    location: &Location,
    sources: &'a Sources,
    kind: AnnotationKind,
    label: &'a str,
) -> annotate_snippets::Element<'a> {
    let line_text = (location.line > 0)
        .then(|| sources.text(&location.file))
        .flatten()
        .and_then(|text| text.lines().nth(location.line as usize - 1));
    match line_text {
        Some(line) => {
            let start = char_to_byte(line, location.column.saturating_sub(1) as usize);
            let end = char_to_byte(
                line,
                (location.column.saturating_sub(1) + location.len.max(1)) as usize,
            )
            .max(start);
            let mut annotation = kind.span(start..end);
            if !label.is_empty() {
                annotation = annotation.label(label);
            }
            Snippet::source(line)
                .line_start(location.line as usize)
                .path(name)
                .annotation(annotation)
                .into()
        }
        None => annotate_snippets::Origin::path(name).into(),
    }
}

fn char_to_byte(line: &str, chars: usize) -> usize {
    line.char_indices()
        .nth(chars)
        .map_or(line.len(), |(byte, _)| byte)
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    kind: &'static str,
    code: Code,
    severity: Severity,
    message: &'a str,
    file: Option<String>,
    line: Option<u32>,
    column: Option<u32>,
    help: Option<&'a str>,
}

/// What one run covered, for the line that closes the JSON report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Data and content files read, those that failed to load included.
    pub files: usize,
    /// Wall time of the run.
    pub elapsed: std::time::Duration,
}

#[derive(Serialize)]
struct JsonSummary {
    kind: &'static str,
    errors: usize,
    warnings: usize,
    files: usize,
    elapsed_ms: u64,
}

/// Renders one JSON object per line: each diagnostic (`"kind":
/// "diagnostic"`), then one `"kind": "summary"` object with the counts, so
/// a reader can tell a clean run from one that never ran.
pub fn render_json(diagnostics: &Diagnostics, summary: Summary) -> String {
    let mut out = String::new();
    let sorted = diagnostics.sorted();
    for d in &sorted {
        let location = d.location.as_ref();
        let record = JsonDiagnostic {
            kind: "diagnostic",
            code: d.code,
            severity: d.severity(),
            message: &d.message,
            file: location.map(|l| l.file.display().to_string().replace('\\', "/")),
            line: location.and_then(|l| (l.line > 0).then_some(l.line)),
            column: location.and_then(|l| (l.column > 0).then_some(l.column)),
            help: d.help.as_deref(),
        };
        if let Ok(line) = serde_json::to_string(&record) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    let summary = JsonSummary {
        kind: "summary",
        // Counted as printed: the same problem found twice is printed once.
        errors: sorted.iter().filter(|d| d.is_error()).count(),
        warnings: sorted.iter().filter(|d| !d.is_error()).count(),
        files: summary.files,
        elapsed_ms: u64::try_from(summary.elapsed.as_millis()).unwrap_or(u64::MAX),
    };
    if let Ok(line) = serde_json::to_string(&summary) {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_quoted_value_is_cut_on_a_character_boundary() {
        let zone = "Europe/Lönd".repeat(100_000);
        let diagnostic = Diagnostic::new(
            Code::UnknownTimezone,
            format!("`{zone}` is not an IANA time zone"),
        )
        .help(format!("not \"{zone}\" but `Europe/London`"));
        let shown = format!("{}{}", "Europe/Lönd".repeat(18), "Eu");
        assert_eq!(
            diagnostic.message,
            format!("`{shown}…` is not an IANA time zone")
        );
        assert_eq!(
            diagnostic.help.as_deref(),
            Some(format!("not \"{shown}…\" but `Europe/London`").as_str())
        );
        let short = "a `value` and a \"quote\" of any length under the limit";
        assert_eq!(Diagnostic::new(Code::BadValue, short).message, short);
    }

    #[test]
    fn codes_are_unique_and_prefixed_by_severity() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{code} listed twice");
            let prefix = match code.severity() {
                Severity::Error => 'E',
                Severity::Warning => 'W',
            };
            assert!(code.as_str().starts_with(prefix), "{code}");
        }
    }

    #[test]
    fn human_output_shows_code_location_source_and_help() {
        let mut sources = Sources::default();
        sources.insert(
            PathBuf::from("data/mentors.yaml"),
            "mentors:\n  - id: ana\n    nmae: Ana\n".to_string(),
        );
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(
            Diagnostic::new(Code::UnknownField, "unknown field `nmae`")
                .at(Location::at("data/mentors.yaml", 3, 5, 4))
                .help("did you mean `name`?"),
        );
        let text = render_human(&diagnostics, &sources, false);
        assert!(text.contains("error[E003]: unknown field `nmae`"), "{text}");
        assert!(text.contains("--> data/mentors.yaml:3:5"), "{text}");
        assert!(text.contains("nmae: Ana"), "{text}");
        assert!(text.contains("help: did you mean `name`?"), "{text}");
    }

    #[test]
    fn json_output_has_one_object_per_diagnostic_then_a_summary() {
        let mut diagnostics = Diagnostics::new();
        let stalled = Diagnostic::new(Code::LearnerStalled, "stalled").at(Location::at(
            "data/learners/a.yaml",
            7,
            9,
            3,
        ));
        // Found twice, printed and counted once.
        diagnostics.push(stalled.clone());
        diagnostics.push(stalled);
        diagnostics.push(Diagnostic::new(Code::MissingFile, "no program"));
        let summary = Summary {
            files: 12,
            elapsed: std::time::Duration::from_micros(4_700),
        };
        let json = render_json(&diagnostics, summary);
        let lines: Vec<serde_json::Value> = json
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_default())
            .collect();
        assert_eq!(lines.len(), 3, "{json}");
        assert_eq!(lines[0]["kind"], "diagnostic");
        assert_eq!(lines[0]["code"], "E016");
        assert_eq!(lines[0]["line"], serde_json::Value::Null);
        assert_eq!(lines[1]["code"], "W034");
        assert_eq!(lines[1]["severity"], "warning");
        assert_eq!(lines[1]["line"], 7);
        assert_eq!(lines[1]["column"], 9);
        assert_eq!(
            lines[2],
            serde_json::json!({
                "kind": "summary", "errors": 1, "warnings": 1, "files": 12, "elapsed_ms": 4
            })
        );
    }

    #[test]
    fn a_clean_run_prints_the_summary_alone() {
        let summary = Summary {
            files: 3,
            elapsed: std::time::Duration::ZERO,
        };
        assert_eq!(
            render_json(&Diagnostics::new(), summary),
            "{\"kind\":\"summary\",\"errors\":0,\"warnings\":0,\"files\":3,\"elapsed_ms\":0}\n"
        );
    }

    #[test]
    fn causes_are_printed_before_what_follows_from_them() {
        let at = |file: &str, line| Location::at(file, line, 1, 1);
        let mut diagnostics = Diagnostics::new();
        diagnostics.push(
            Diagnostic::new(Code::RequirementUnmet, "a requirement")
                .at(at("data/learners/a.yaml", 3)),
        );
        diagnostics.push(
            Diagnostic::new(Code::UnresolvedReference, "a reference").at(at("data/pairs.yaml", 4)),
        );
        diagnostics
            .push(Diagnostic::new(Code::YamlSyntax, "a tab").at(at("data/sessions/s.yaml", 9)));
        diagnostics.push(
            Diagnostic::new(Code::LearnerStalled, "stalled").at(at("data/learners/a.yaml", 1)),
        );
        let order: Vec<&str> = diagnostics
            .sorted()
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert_eq!(order, ["E001", "E009", "W034", "E032"]);
    }

    #[test]
    fn every_loading_code_comes_before_every_check() {
        for code in Code::ALL {
            let number: u32 = code.as_str()[1..].parse().unwrap_or(0);
            let expected = match number {
                1..=5 | 12..=16 => Phase::File,
                6..=11 => Phase::Record,
                _ => Phase::Check,
            };
            assert_eq!(code.phase(), expected, "{code}");
        }
    }
}
