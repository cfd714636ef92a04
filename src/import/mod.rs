//! `telemachy import`: people and check-in answers from a spreadsheet or
//! form export.
//!
//! A mapping file ([`mapping`]) says which column of the sheet ([`csv`])
//! is which field ([`fields`]). Every row is read first; one problem
//! anywhere and nothing is written. New learners become files, new mentors
//! entries at the end of `data/mentors.yaml`, confidence answers entries of
//! a learner's `confidence` list, post-session ratings entries of the
//! attendance of the held meeting they are about; a record that exists is compared with the
//! row and changed only with `--update`, which edits just the values that
//! differ ([`crate::edit::yaml`]) and never removes one the sheet does not have. Then the
//! program is checked as `telemachy check` does; if the import brought in an
//! error, every file is put back byte for byte ([`crate::edit`]).

pub mod csv;
pub mod fields;
pub mod mapping;
mod plan;
mod ratings;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location, Sources};
use crate::load::InFile;
use crate::text::suggest;

use crate::edit::yaml::{Block, Doc};
use fields::{Records, Value};
use mapping::{Mapping, RawMapping, Source};
use plan::{Plan, Program};

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

    let mut program = Program::read(&options.root, mapping.records, options.today)?;
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
    let before = program
        .checked
        .take()
        .unwrap_or_else(|| crate::check_program(&options.root, options.today));
    let files: Vec<(PathBuf, String)> = plan
        .files
        .iter()
        .map(|(file, doc)| (file.clone(), doc.text()))
        .collect();
    // An import may bring no error at all.
    let written = crate::edit::write_checked(
        &options.root,
        options.today,
        &before.diagnostics,
        &files,
        |_| false,
    )?;
    for file in written.sources.files() {
        if let Some(text) = written.sources.get(file) {
            report.sources.insert(file.to_path_buf(), text);
        }
    }
    if written.kept {
        // Warnings the new records bring (a learner stalled at intake, say)
        // are the coordinator's next step, so they are shown here.
        report.diagnostics.extend(written.warnings);
        report.outcome = Outcome::Written;
        return Ok(report);
    }
    report.diagnostics = Diagnostics::new();
    report.diagnostics.extend(written.errors);
    report.outcome = Outcome::Undone;
    Ok(report)
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
            let id_column = mapping.fields.iter().any(|(f, _, _)| f.name == "id");
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
                        .help(if id_column {
                            "ids are made only from names in Latin letters; fill in this \
                             person's id (lowercase ASCII letters, digits and `-`) in the id \
                             column"
                        } else {
                            "ids are made only from names in Latin letters; add a column with \
                             an id for each person (lowercase ASCII letters, digits and `-`) and \
                             map it as `id:` under `columns:`"
                        }),
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
        let session = match values.get("session") {
            Some((Value::Text(session), _)) => session.as_str(),
            _ => "",
        };
        let identity = match (records, values.get("date")) {
            (Records::Confidence, Some((Value::Date(date), _))) => format!("{key} {date}"),
            (Records::SessionRatings, Some((Value::Date(date), _))) => {
                format!("{key} {date} {session}")
            }
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
                        Records::SessionRatings => {
                            format!("a second session rating of `{key}` on the same date")
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
        if records == Records::SessionRatings
            && !values.contains_key("rating_before")
            && !values.contains_key("rating_after")
        {
            problems.push(
                Diagnostic::new(
                    Code::ImportMissing,
                    format!("row {} gives no rating", row.number),
                )
                .at(key_at.clone())
                .label(format!("row {}", row.number))
                .help(
                    "fill in `rating_before` or `rating_after` (both, for the sentiment delta), \
                     or delete the row",
                ),
            );
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
