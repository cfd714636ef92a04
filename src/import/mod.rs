//! `telemachy import`: people and check-in answers from a spreadsheet or
//! form export.
//!
//! A mapping file ([`mapping`]) says which column of the sheet ([`csv`])
//! is which field ([`fields`]). Every row is read first; one problem
//! anywhere and nothing is written. New learners become files, new mentors
//! entries at the end of `data/mentors.yaml`, confidence answers entries of
//! a learner's `confidence` list; a record that exists is compared with the
//! row and changed only with `--update`, which edits just the values that
//! differ ([`edit`]) and never removes one the sheet does not have. Then the
//! program is checked as `telemachy check` does; if the import brought in an
//! error, every file is put back byte for byte ([`write`](mod@write)).

pub mod csv;
pub mod edit;
pub mod fields;
pub mod mapping;
pub mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location, Sources};
use crate::load::InFile;
use crate::text::suggest;

use edit::{Block, Doc};
use fields::{Records, Value};
use mapping::{Mapping, RawMapping, Source};

/// What to import, and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// The program repository.
    pub root: PathBuf,
    /// The mapping file.
    pub mapping: PathBuf,
    /// The CSV export.
    pub sheet: PathBuf,
    /// Change records that exist and differ from their row.
    pub update: bool,
    /// Report what would change, and write nothing.
    pub dry_run: bool,
    /// The date `check` runs against after writing.
    pub today: NaiveDate,
}

/// What happened to one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// Whether the record was added or updated.
    pub added: bool,
    /// The record, e.g. "learner `ada-example`".
    pub record: String,
    /// The file written, relative to the program root.
    pub file: PathBuf,
    /// The fields that changed, for an update.
    pub fields: Vec<String>,
}

/// How an import ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A row or the mapping has errors; nothing was written.
    Refused,
    /// `--dry-run`: the rows are valid; nothing was written.
    DryRun,
    /// The files are written and the program checks without new errors.
    Written,
    /// The files were written, `check` found new errors, and every file
    /// was put back as it was.
    Undone,
}

/// What an import found and did.
#[derive(Debug)]
pub struct Report {
    /// How it ended.
    pub outcome: Outcome,
    /// Problems with the sheet or the mapping, differences left alone, or
    /// (when undone) the errors the import would have brought in.
    pub diagnostics: Diagnostics,
    /// The texts the diagnostics point into.
    pub sources: Sources,
    /// The records added or updated (or that would be, in a dry run).
    pub changes: Vec<Change>,
    /// Rows that matched their record exactly.
    pub unchanged: usize,
    /// Rows read.
    pub rows: usize,
}

/// One row, read: each field's value and the cell it came from.
struct Row {
    number: usize,
    key: String,
    key_at: Location,
    values: BTreeMap<&'static str, (Value, Location)>,
}

/// Runs the import; `Err` is an I/O failure (a file that cannot be read or
/// written), with what to tell the user.
pub fn import(options: &Options) -> Result<Report, String> {
    let mut report = Report {
        outcome: Outcome::Refused,
        diagnostics: Diagnostics::new(),
        sources: Sources::default(),
        changes: Vec::new(),
        unchanged: 0,
        rows: 0,
    };
    let refuse = |mut report: Report, problems: Vec<Diagnostic>| {
        report.diagnostics.extend(problems);
        report.changes.clear();
        Ok(report)
    };
    let mapping_text = read_text(&options.mapping, &mut report.sources)?;
    let sheet_text = read_text(&options.sheet, &mut report.sources)?;
    let (mapping_text, sheet_text) = match (mapping_text, sheet_text) {
        (Ok(m), Ok(s)) => (m, s),
        (m, s) => return refuse(report, [m.err(), s.err()].into_iter().flatten().collect()),
    };
    let raw: RawMapping = match crate::load::yaml::parse(&InFile {
        path: &options.mapping,
        text: &mapping_text,
        line_offset: 0,
    }) {
        Ok(raw) => raw,
        Err(problem) => return refuse(report, vec![*problem]),
    };
    let delimiter = match mapping::delimiter(&raw, &options.mapping) {
        Ok(given) => given.unwrap_or_else(|| csv::detect_delimiter(&sheet_text)),
        Err(problem) => return refuse(report, vec![*problem]),
    };
    let table = match csv::read(&options.sheet, &sheet_text, delimiter) {
        Ok(table) => table,
        Err(problems) => return refuse(report, problems),
    };
    let mapping = match mapping::resolve(&raw, &options.mapping, &table.header) {
        Ok(mapping) => mapping,
        Err(problems) => return refuse(report, problems),
    };
    report.rows = table.rows.len();

    let mut program = Program::read(&options.root, mapping.records)?;
    if !program.unreadable.is_empty() {
        report.sources = program.sources.clone();
        return refuse(report, std::mem::take(&mut program.unreadable));
    }
    let (rows, mut problems) = read_rows(&mapping, &table);
    let mut plan = Plan::default();
    for row in &rows {
        problems.extend(program.apply(&mapping, row, options.update, &mut plan, &mut report));
    }
    if problems.iter().any(Diagnostic::is_error) {
        return refuse(report, problems);
    }
    report.diagnostics.extend(problems);
    if options.dry_run {
        report.outcome = Outcome::DryRun;
        return Ok(report);
    }
    if plan.files.is_empty() {
        report.outcome = Outcome::Written;
        return Ok(report);
    }
    let before = crate::check_program(&options.root, options.today);
    let mut journal = write::Journal::default();
    for (file, doc) in &plan.files {
        if let Err(error) = journal.write(&options.root.join(file), &doc.text()) {
            let undone = journal.undo();
            return Err(format!(
                "cannot write {}: {error}{}",
                file.display(),
                match undone {
                    Ok(()) => "; nothing was changed".to_string(),
                    Err(e) => format!("; and putting the files back failed: {e}"),
                }
            ));
        }
    }
    let after = crate::check_program(&options.root, options.today);
    let known: BTreeSet<(Code, PathBuf, String)> = identities(&before.diagnostics).collect();
    let (brought, warned): (Vec<Diagnostic>, Vec<Diagnostic>) = after
        .diagnostics
        .iter()
        .filter(|d| !known.contains(&identity(d)))
        .cloned()
        .partition(Diagnostic::is_error);
    for file in after.sources.files() {
        if let Some(text) = after.sources.get(file) {
            report.sources.insert(file.to_path_buf(), text);
        }
    }
    if brought.is_empty() {
        // Warnings the new records bring (a learner stalled at intake, say)
        // are the coordinator's next step, so they are shown here.
        report.diagnostics.extend(warned);
        report.outcome = Outcome::Written;
        return Ok(report);
    }
    journal.undo().map_err(|e| {
        format!("the import brought in errors, and putting the files back failed: {e}")
    })?;
    report.diagnostics = Diagnostics::new();
    report.diagnostics.extend(brought);
    report.outcome = Outcome::Undone;
    Ok(report)
}

/// What tells a diagnostic apart across an edit that moves lines.
fn identity(d: &Diagnostic) -> (Code, PathBuf, String) {
    (d.code, location_file(d), d.message.clone())
}

/// Every diagnostic's [`identity`].
fn identities(diagnostics: &Diagnostics) -> impl Iterator<Item = (Code, PathBuf, String)> + '_ {
    diagnostics.iter().map(identity)
}

fn location_file(d: &Diagnostic) -> PathBuf {
    d.location
        .as_ref()
        .map(|l| l.file.clone())
        .unwrap_or_default()
}

/// A file's text without its byte order mark, added to `sources`; the
/// inner `Err` is a diagnostic (not UTF-8), the outer one an I/O failure.
fn read_text(path: &Path, sources: &mut Sources) -> Result<Result<String, Diagnostic>, String> {
    // Bounded like every program file: a stray dump is refused unread.
    let bytes = match crate::load::fs::read_bytes(Path::new(""), path) {
        Ok(bytes) => bytes,
        Err(problem) if problem.code == Code::UnreadableFile => {
            return Err(format!("{}: {}", path.display(), problem.message));
        }
        Err(problem) => return Ok(Err(*problem)),
    };
    match crate::load::fs::decode(path, bytes) {
        Ok(text) => {
            let text = csv::without_bom(&text).to_string();
            sources.insert(path.to_path_buf(), text.clone());
            Ok(Ok(text))
        }
        Err((problem, text)) => {
            sources.insert(path.to_path_buf(), text);
            Ok(Err(*problem))
        }
    }
}

/// Reads every row through the mapping: values, the key, and the problems
/// of cells that cannot be read or required values that are missing.
fn read_rows(mapping: &Mapping, table: &csv::Table) -> (Vec<Row>, Vec<Diagnostic>) {
    let records = mapping.records;
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    let mut seen: BTreeMap<String, Location> = BTreeMap::new();
    for row in &table.rows {
        let start = row.cells.first().map_or_else(
            || Location::file(""),
            |c| Location::at(c.at.file.clone(), c.at.line, c.at.column, 1),
        );
        let mut values = BTreeMap::new();
        let mut broken = false;
        for (field, source, reading) in &mapping.fields {
            match source {
                Source::Fixed(value, at) => {
                    values.insert(field.name, (value.clone(), at.clone()));
                }
                Source::Column(index) => {
                    let cell = &row.cells[*index];
                    if cell.text.trim().is_empty() {
                        continue;
                    }
                    match fields::read(field, &cell.text, reading) {
                        Ok(value) => {
                            values.insert(field.name, (value, cell.at.clone()));
                        }
                        Err((message, help)) => {
                            broken = true;
                            problems.push(
                                Diagnostic::new(Code::ImportCell, message)
                                    .at(cell.at.clone())
                                    .label(format!("row {}, `{}`", row.number, field.name))
                                    .help(help),
                            );
                        }
                    }
                }
            }
        }
        if let Some(index) = mapping.id_from
            && !values.contains_key("id")
        {
            let cell = &row.cells[index];
            match fields::slug(&cell.text) {
                Some(id) => {
                    values.insert("id", (Value::Text(id), cell.at.clone()));
                }
                None if cell.text.trim().is_empty() => {}
                None => {
                    broken = true;
                    problems.push(
                        Diagnostic::new(
                            Code::ImportMissing,
                            format!("no id can be made from the name `{}`", cell.text.trim()),
                        )
                        .at(cell.at.clone())
                        .label(format!("row {}", row.number))
                        .help(
                            "ids are made only from names in Latin letters; add a column with \
                             an id for each person (lowercase ASCII letters, digits and `-`) and \
                             map it as `id:` under `columns:`",
                        ),
                    );
                }
            }
        }
        let key_name = records.key();
        let Some((Value::Text(key), key_at)) = values.get(key_name).cloned() else {
            if !broken {
                problems.push(
                    Diagnostic::new(
                        Code::ImportMissing,
                        format!("row {} has no `{key_name}`", row.number),
                    )
                    .at(start.clone())
                    .label(format!("row {}", row.number))
                    .help(format!(
                        "fill in the {}'s `{key_name}` in this row",
                        records.noun()
                    )),
                );
            }
            continue;
        };
        let identity = match (records, values.get("date")) {
            (Records::Confidence, Some((Value::Date(date), _))) => format!("{key} {date}"),
            _ => key.clone(),
        };
        if let Some(first) = seen.get(&identity) {
            problems.push(
                Diagnostic::new(
                    Code::ImportDuplicate,
                    match records {
                        Records::Confidence => {
                            format!("a second confidence rating of `{key}` on the same date")
                        }
                        _ => format!("a second row for {} `{key}`", records.noun()),
                    },
                )
                .at(key_at.clone())
                .label(format!("row {}", row.number))
                .related(first.clone(), "the first row")
                .help("keep one of the rows, or give the second person another id"),
            );
            continue;
        }
        seen.insert(identity, key_at.clone());
        if broken {
            continue;
        }
        rows.push(Row {
            number: row.number,
            key,
            key_at,
            values,
        });
    }
    (rows, problems)
}

/// The files an import will write, edited in memory.
#[derive(Default)]
struct Plan {
    files: BTreeMap<PathBuf, Doc>,
}

/// The program's records an import compares rows with.
struct Program {
    root: PathBuf,
    /// Learner id to its file, relative to the root.
    learners: BTreeMap<String, PathBuf>,
    /// The journey's first stage, where a new learner starts.
    first_stage: Option<String>,
    /// The text of every file read, for diagnostics.
    sources: Sources,
    /// Problems with a file the import would edit.
    unreadable: Vec<Diagnostic>,
}

const MENTORS: &str = "data/mentors.yaml";

impl Program {
    fn read(root: &Path, records: Records) -> Result<Program, String> {
        if !root.is_dir() {
            return Err(format!("{} is not a directory", root.display()));
        }
        let loaded = crate::load::load(root);
        let holds = |path: &Path| match records {
            Records::Mentors => path == Path::new(MENTORS),
            _ => path.starts_with("data/learners"),
        };
        let unreadable = loaded
            .diagnostics
            .iter()
            .filter(|d| {
                d.is_error()
                    && d.code.phase() == crate::diagnostic::Phase::File
                    && d.location.as_ref().is_some_and(|l| holds(&l.file))
            })
            .cloned()
            .collect();
        let learners = loaded
            .raw
            .learners
            .iter()
            .map(|l| {
                (
                    l.value.id.value.clone(),
                    loaded.raw.files.path(l.file).to_path_buf(),
                )
            })
            .collect();
        let first_stage = loaded
            .raw
            .program
            .as_ref()
            .and_then(|p| p.value.journey.stages.first())
            .map(|stage| stage.id.value.clone());
        Ok(Program {
            root: root.to_path_buf(),
            learners,
            first_stage,
            sources: loaded.sources,
            unreadable,
        })
    }

    /// The document at `file` in the plan, read from disk the first time.
    fn doc<'p>(&self, plan: &'p mut Plan, file: &Path) -> Result<&'p mut Doc, Box<Diagnostic>> {
        if !plan.files.contains_key(file) {
            let text = match std::fs::read(self.root.join(file)) {
                Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
                    Box::new(
                        Diagnostic::new(Code::InvalidUtf8, "the file is not valid UTF-8")
                            .at(Location::file(file)),
                    )
                })?,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
                Err(e) => {
                    return Err(Box::new(
                        Diagnostic::new(Code::UnreadableFile, format!("cannot read the file: {e}"))
                            .at(Location::file(file)),
                    ));
                }
            };
            plan.files.insert(file.to_path_buf(), Doc::new(&text));
        }
        plan.files
            .get_mut(file)
            .ok_or_else(|| Box::new(Diagnostic::new(Code::UnreadableFile, "the file is gone")))
    }

    /// Adds or compares one row; the problems and differences found.
    fn apply(
        &self,
        mapping: &Mapping,
        row: &Row,
        update: bool,
        plan: &mut Plan,
        report: &mut Report,
    ) -> Vec<Diagnostic> {
        let result = match mapping.records {
            Records::Learners => self.apply_learner(mapping, row, update, plan, report),
            Records::Mentors => self.apply_mentor(mapping, row, update, plan, report),
            Records::Confidence => self.apply_confidence(row, update, plan, report),
        };
        result.unwrap_or_else(|problem| vec![*problem])
    }

    fn apply_learner(
        &self,
        mapping: &Mapping,
        row: &Row,
        update: bool,
        plan: &mut Plan,
        report: &mut Report,
    ) -> Result<Vec<Diagnostic>, Box<Diagnostic>> {
        let record = format!("learner `{}`", row.key);
        match self.learners.get(&row.key) {
            Some(file) => {
                let doc = self.doc(plan, file)?;
                Ok(
                    compare(doc, |d| Some(d.root()), row, &record, file, update, report)?
                        .into_iter()
                        .collect(),
                )
            }
            None => {
                let missing = missing_required(mapping, row);
                if !missing.is_empty() {
                    return Ok(missing);
                }
                let file = PathBuf::from(format!("data/learners/{}.yaml", row.key));
                if self.root.join(&file).exists() {
                    return Ok(vec![
                        Diagnostic::new(
                            Code::ImportDuplicate,
                            format!("{} exists but does not hold {record}", file.display()),
                        )
                        .at(row.key_at.clone())
                        .help("give this person another id, or fix the id in that file"),
                    ]);
                }
                let doc = self.doc(plan, &file)?;
                for field in mapping.records.fields() {
                    if let Some((value, _)) = row.values.get(field.name) {
                        doc.set(doc.root(), field.name, &value.yaml());
                    }
                }
                // Every learner's journey starts at the first stage; the
                // intake is when they entered it.
                if let (Some(stage), Some((date, _))) =
                    (&self.first_stage, row.values.get("intake.date"))
                {
                    let _ = doc.push_item(
                        doc.root(),
                        "journey",
                        &[format!("stage: {stage}"), format!("date: {}", date.yaml())],
                    );
                }
                report.changes.push(Change {
                    added: true,
                    record,
                    file,
                    fields: Vec::new(),
                });
                Ok(Vec::new())
            }
        }
    }

    fn apply_mentor(
        &self,
        mapping: &Mapping,
        row: &Row,
        update: bool,
        plan: &mut Plan,
        report: &mut Report,
    ) -> Result<Vec<Diagnostic>, Box<Diagnostic>> {
        let record = format!("mentor `{}`", row.key);
        let file = PathBuf::from(MENTORS);
        let doc = self.doc(plan, &file)?;
        if find_item(doc, &file, "mentors", "id", &row.key).is_some() {
            let locate = |d: &Doc| find_item(d, &file, "mentors", "id", &row.key);
            return Ok(compare(doc, locate, row, &record, &file, update, report)?
                .into_iter()
                .collect());
        }
        let missing = missing_required(mapping, row);
        if !missing.is_empty() {
            return Ok(missing);
        }
        let mut item = Doc::new("");
        for field in mapping.records.fields() {
            if let Some((value, _)) = row.values.get(field.name) {
                item.set(item.root(), field.name, &value.yaml());
            }
        }
        let lines: Vec<String> = item.text().lines().map(str::to_string).collect();
        if !doc.append_item("mentors", &lines) {
            return Err(not_in_place(row, &record, "mentors", &file));
        }
        report.changes.push(Change {
            added: true,
            record,
            file,
            fields: Vec::new(),
        });
        Ok(Vec::new())
    }

    fn apply_confidence(
        &self,
        row: &Row,
        update: bool,
        plan: &mut Plan,
        report: &mut Report,
    ) -> Result<Vec<Diagnostic>, Box<Diagnostic>> {
        let Some(file) = self.learners.get(&row.key) else {
            let ids: Vec<&str> = self.learners.keys().map(String::as_str).collect();
            let d = Diagnostic::new(
                Code::UnresolvedReference,
                format!("there is no learner `{}`", row.key),
            )
            .at(row.key_at.clone())
            .label(format!("row {}", row.number));
            return Ok(vec![match suggest(&row.key, &ids) {
                Some(near) => d.help(format!("did you mean `{near}`?")),
                None => d.help("import the learner first, or correct the id in the sheet"),
            }]);
        };
        let (Some((Value::Date(date), _)), Some((value, _))) =
            (row.values.get("date"), row.values.get("value"))
        else {
            return Ok(Vec::new());
        };
        let date = date.format("%Y-%m-%d").to_string();
        let record = format!("the confidence rating of `{}` on {date}", row.key);
        let doc = self.doc(plan, file)?;
        if find_item(doc, file, "confidence", "date", &date).is_some() {
            let mut only_value = row.values.clone();
            only_value.retain(|name, _| *name == "value");
            let row = Row {
                values: only_value,
                key: row.key.clone(),
                key_at: row.key_at.clone(),
                number: row.number,
            };
            let locate = |d: &Doc| find_item(d, file, "confidence", "date", &date);
            return Ok(compare(doc, locate, &row, &record, file, update, report)?
                .into_iter()
                .collect());
        }
        let root = doc.root();
        let item = [format!("date: {date}"), format!("value: {}", value.yaml())];
        if !doc.push_item(root, "confidence", &item) {
            return Err(not_in_place(row, &record, "confidence", file));
        }
        report.changes.push(Change {
            added: true,
            record,
            file: file.clone(),
            fields: Vec::new(),
        });
        Ok(Vec::new())
    }
}

/// The item of the top-level list `list` whose `key` is `wanted`.
fn find_item(doc: &Doc, file: &Path, list: &str, key: &str, wanted: &str) -> Option<Block> {
    doc.items(list).into_iter().find(|&item| {
        existing(doc, item, key, file).is_some_and(|value| fields::text_of(&value) == wanted)
    })
}

/// The value at a dotted `path` in `block` as the file holds it: the
/// first key's whole value is parsed, so a mapping written in flow style
/// (`capacity: {mentees: 2, hours_per_week: 3}`) is read as well.
fn existing(doc: &Doc, block: Block, path: &str, file: &Path) -> Option<serde_json::Value> {
    let mut parts = path.split('.');
    let text = doc.get(block, parts.next()?)?;
    let parsed: BTreeMap<String, serde_json::Value> = crate::load::yaml::parse(&InFile {
        path: file,
        text: &text,
        line_offset: 0,
    })
    .ok()?;
    let mut value = parsed.into_values().next()?;
    for part in parts {
        value = value.get(part)?.clone();
    }
    Some(value)
}

/// An edit the text editor could not place: the value or its mapping is
/// written in flow style (`{…}`, `[…]`) or a shape it does not edit.
fn not_in_place(row: &Row, record: &str, field: &str, file: &Path) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::new(
            Code::ImportInPlace,
            format!(
                "{} writes `{field}` in a style the import cannot edit in place",
                file.display()
            ),
        )
        .at(row.key_at.clone())
        .label(format!("row {}: {record}", row.number))
        .help(format!(
            "the import edits only block-style YAML, one key a line; write `{field}` (and the \
             mapping or list holding it) in block style in {}, as docs/reference.md does, and \
             import again",
            file.display()
        )),
    )
}

/// A value quoted for a message, on one line.
fn shown(text: &str) -> String {
    format!("`{}`", text.replace('\n', " "))
}

/// The required fields a new record's row lacks, one diagnostic each.
fn missing_required(mapping: &Mapping, row: &Row) -> Vec<Diagnostic> {
    mapping
        .records
        .fields()
        .iter()
        .filter(|f| f.required && !row.values.contains_key(f.name))
        .map(|f| {
            let cell = mapping
                .fields
                .iter()
                .find_map(|(field, source, _)| match source {
                    Source::Column(_) if field.name == f.name => Some(()),
                    _ => None,
                });
            let (message, help) = match cell {
                Some(()) => (
                    format!(
                        "row {} adds {} `{}` but its `{}` is empty",
                        row.number,
                        mapping.records.noun(),
                        row.key,
                        f.name
                    ),
                    format!("fill in `{}` for this person", f.name),
                ),
                None => (
                    format!(
                        "row {} adds {} `{}` but the mapping gives no `{}`",
                        row.number,
                        mapping.records.noun(),
                        row.key,
                        f.name
                    ),
                    format!(
                        "map `{}` to a column under `columns:`, or give every row the same \
                         value under `values:`",
                        f.name
                    ),
                ),
            };
            Diagnostic::new(Code::ImportMissing, message)
                .at(row.key_at.clone())
                .label(format!("row {}", row.number))
                .help(help)
        })
        .collect()
}

/// Compares a row with the record in `block` of `file`: with `update`,
/// sets each value that differs and records the change; without, returns
/// the difference as a warning. A field the sheet does not have is left as
/// it is either way.
fn compare(
    doc: &mut Doc,
    locate: impl Fn(&Doc) -> Option<Block>,
    row: &Row,
    record: &str,
    file: &Path,
    update: bool,
    report: &mut Report,
) -> Result<Option<Diagnostic>, Box<Diagnostic>> {
    let Some(block) = locate(doc) else {
        return Ok(None);
    };
    let mut differ = Vec::new();
    for (name, (value, _)) in &row.values {
        if *name == "id" {
            continue;
        }
        let old = existing(doc, block, name, file);
        if old.as_ref().is_some_and(|old| value.same_as(old)) {
            continue;
        }
        differ.push((*name, old, value.clone()));
    }
    if differ.is_empty() {
        report.unchanged += 1;
        return Ok(None);
    }
    let names: Vec<String> = differ.iter().map(|(n, _, _)| (*n).to_string()).collect();
    if update {
        for (name, _, value) in &differ {
            // Each edit may move the lines after it: find the record again.
            let placed = locate(doc).is_some_and(|block| doc.set(block, name, &value.yaml()));
            if !placed {
                return Err(not_in_place(row, record, name, file));
            }
        }
        report.changes.push(Change {
            added: false,
            record: record.to_string(),
            file: file.to_path_buf(),
            fields: names,
        });
        return Ok(None);
    }
    let detail: Vec<String> = differ
        .iter()
        .map(|(name, old, new)| match old {
            Some(old) => format!(
                "`{name}` is {} in the file, {} in the sheet",
                shown(&fields::text_of(old)),
                shown(&new.text())
            ),
            None => format!(
                "`{name}` is not in the file, {} in the sheet",
                shown(&new.text())
            ),
        })
        .collect();
    Ok(Some(
        Diagnostic::new(
            Code::ImportDiffers,
            format!(
                "row {} differs from {record} in {}: {}",
                row.number,
                file.display(),
                names.join(", ")
            ),
        )
        .at(row.key_at.clone())
        .label(format!("row {}", row.number))
        .help(format!(
            "{}; run again with `--update` to write the sheet's values (fields the sheet does \
             not have are kept), or change the sheet",
            detail.join("; ")
        )),
    ))
}
