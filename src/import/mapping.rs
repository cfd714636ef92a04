//! The mapping file: which column of the sheet is which field, and how to
//! read it. Parsed by the crate's one YAML loader ([`crate::load::yaml`]),
//! then checked against the sheet's header, so a column named wrongly is
//! reported in the mapping before any row is read.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::load::span::Sp;
use crate::text::suggest;

use super::csv::Cell;
use super::fields::{Field, Reading, Records, Ty, Value};

/// The mapping file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMapping {
    /// `learners`, `mentors`, `confidence` or `session-ratings`.
    pub records: Sp<String>,
    /// The delimiter, when the header line does not make it plain.
    #[serde(default)]
    pub delimiter: Option<Sp<String>>,
    /// Field name to the header of the column holding it.
    #[serde(default)]
    pub columns: BTreeMap<String, Sp<String>>,
    /// Field name to a value every row gets.
    #[serde(default)]
    pub values: BTreeMap<String, Sp<String>>,
    /// Field name to the chrono format (or formats, separated by ` | `) of
    /// its dates.
    #[serde(default)]
    pub dates: BTreeMap<String, Sp<String>>,
    /// Field name to the separator of its list items.
    #[serde(default)]
    pub split: BTreeMap<String, Sp<String>>,
    /// Words meaning yes.
    #[serde(default)]
    pub yes: Vec<String>,
    /// Words meaning no.
    #[serde(default)]
    pub no: Vec<String>,
}

/// Where a field's value comes from.
#[derive(Clone, Debug)]
pub enum Source {
    /// The column at this index.
    Column(usize),
    /// The same value in every row, located in the mapping.
    Fixed(Value, Location),
}

/// A mapping checked against the sheet.
#[derive(Clone, Debug)]
pub struct Mapping {
    /// What the rows are.
    pub records: Records,
    /// Each mapped field, in the kind's order, with where its value comes
    /// from and how its cells are read.
    pub fields: Vec<(Field, Source, Reading)>,
    /// For a learner or a mentor, the index of the column an id is made
    /// from (the name's) when the row has no id of its own.
    pub id_from: Option<usize>,
}

/// The delimiter a mapping names, if it names one.
pub fn delimiter(raw: &RawMapping, file: &Path) -> Result<Option<u8>, Box<Diagnostic>> {
    let Some(given) = &raw.delimiter else {
        return Ok(None);
    };
    let byte = match given.value.as_str() {
        "tab" | "\t" => Some(b'\t'),
        one if one.len() == 1 => one.bytes().next(),
        _ => None,
    };
    byte.map(Some).ok_or_else(|| {
        Box::new(
            Diagnostic::new(
                Code::ImportMapping,
                format!("`{}` is not one character", given.value),
            )
            .at(at(file, given))
            .help("write the delimiter as one character, such as `,` or `;`, or `tab`"),
        )
    })
}

fn at<T>(file: &Path, value: &Sp<T>) -> Location {
    if value.at.line == 0 {
        Location::file(file)
    } else {
        Location::at(file, value.at.line, value.at.column, value.at.len.max(1))
    }
}

/// Checks `raw` (read from `file`) against the sheet's `header`.
pub fn resolve(raw: &RawMapping, file: &Path, header: &[Cell]) -> Result<Mapping, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let Some(records) = Records::named(&raw.records.value) else {
        let mut d = Diagnostic::new(
            Code::ImportMapping,
            format!("`{}` is not a kind of record to import", raw.records.value),
        )
        .at(at(file, &raw.records));
        d = match suggest(&raw.records.value, Records::NAMES) {
            Some(near) => d.help(format!("did you mean `{near}`?")),
            None => d.help("write `learners`, `mentors`, `confidence` or `session-ratings`"),
        };
        return Err(vec![d]);
    };
    let names: Vec<&str> = records.fields().iter().map(|f| f.name).collect();
    let unknown_field = |name: &str, value: &Sp<String>, section: &str| {
        let d = Diagnostic::new(
            Code::ImportMapping,
            format!(
                "`{name}` under `{section}` is not a field of {} records",
                records.noun()
            ),
        )
        .at(at(file, value));
        match suggest(name, &names) {
            Some(near) => d.help(format!("did you mean `{near}`?")),
            None => d.help(format!("the fields are: {}", names.join(", "))),
        }
    };
    for (section, entries) in [("dates", &raw.dates), ("split", &raw.split)] {
        for (name, value) in entries {
            if !names.contains(&name.as_str()) {
                problems.push(unknown_field(name, value, section));
            }
        }
    }
    let headers: Vec<String> = header.iter().map(|c| normal(&c.text)).collect();
    let header_names: Vec<&str> = header.iter().map(|c| c.text.trim()).collect();
    let mut fields = Vec::new();
    for field in records.fields() {
        let reading = reading(raw, field);
        let column = raw.columns.get(field.name);
        let fixed = raw.values.get(field.name);
        let source = match (column, fixed) {
            (Some(column), Some(fixed)) => {
                problems.push(
                    Diagnostic::new(
                        Code::ImportMapping,
                        format!("`{}` is given both a column and a value", field.name),
                    )
                    .at(at(file, fixed))
                    .related(at(file, column), "its column")
                    .help("keep one: a column when rows differ, a value when all are the same"),
                );
                continue;
            }
            (Some(column), None) => {
                match headers.iter().position(|h| *h == normal(&column.value)) {
                    Some(index) => Source::Column(index),
                    None => {
                        let d = Diagnostic::new(
                            Code::ImportMapping,
                            format!("the sheet has no column `{}`", column.value.trim()),
                        )
                        .at(at(file, column))
                        .label(format!("for `{}`", field.name));
                        problems.push(match suggest(column.value.trim(), &header_names) {
                            Some(near) => d.help(format!(
                                "did you mean `{near}`? the header must match a column's \
                                 first row (case and spaces aside)"
                            )),
                            None => d.help(format!(
                                "the sheet's columns are: {}",
                                header_names
                                    .iter()
                                    .map(|h| format!("`{h}`"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )),
                        });
                        continue;
                    }
                }
            }
            (None, Some(fixed)) => match super::fields::read(field, &fixed.value, &reading) {
                Ok(value) => Source::Fixed(value, at(file, fixed)),
                Err((message, help)) => {
                    problems.push(
                        Diagnostic::new(Code::ImportMapping, message)
                            .at(at(file, fixed))
                            .help(help),
                    );
                    continue;
                }
            },
            (None, None) => continue,
        };
        fields.push((*field, source, reading));
    }
    for (section, entries) in [("columns", &raw.columns), ("values", &raw.values)] {
        for (name, value) in entries {
            if !names.contains(&name.as_str()) {
                problems.push(unknown_field(name, value, section));
            }
        }
    }
    let key = records.key();
    let has = |name: &str| fields.iter().any(|(f, _, _)| f.name == name);
    // A name column also gives the id of a row whose id cell is empty, so
    // an optional "id" question in a form still works for Latin names.
    let name = fields.iter().find_map(|(f, source, _)| match source {
        Source::Column(index) if f.name == "name" => Some(*index),
        _ => None,
    });
    let id_from = match records {
        Records::Learners | Records::Mentors => name,
        _ => None,
    };
    if !has(key) {
        match (records, name) {
            (Records::Learners | Records::Mentors, Some(_)) => {}
            _ => problems.push(
                Diagnostic::new(
                    Code::ImportMapping,
                    format!("no column gives the {}'s `{key}`", records.noun()),
                )
                .at(at(file, &raw.records))
                .help(match records {
                    Records::Confidence | Records::SessionRatings => {
                        "add `learner: <the column with the learner's id>` under `columns:`"
                    }
                    _ => {
                        "add `id: <column>` under `columns:`, or map `name` to a column to \
                         make ids from names"
                    }
                }),
            ),
        }
    }
    if problems.is_empty() {
        Ok(Mapping {
            records,
            fields,
            id_from,
        })
    } else {
        Err(problems)
    }
}

/// A header as compared: spaces trimmed and runs of them made one, case
/// ignored (forms and spreadsheets differ in both).
fn normal(header: &str) -> String {
    header
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// How the cells of `field` are read, from the mapping or the defaults.
fn reading(raw: &RawMapping, field: &Field) -> Reading {
    let words = |given: &[String], default: &[&str]| -> Vec<String> {
        if given.is_empty() {
            default.iter().map(|w| (*w).to_string()).collect()
        } else {
            given.iter().map(|w| w.trim().to_lowercase()).collect()
        }
    };
    Reading {
        dates: match raw.dates.get(field.name) {
            Some(formats) => formats
                .value
                .split(" | ")
                .map(|f| f.trim().to_string())
                .collect(),
            None if field.ty == Ty::Date => vec!["%Y-%m-%d".to_string()],
            None => Vec::new(),
        },
        split: raw
            .split
            .get(field.name)
            .map_or_else(|| ",".to_string(), |s| s.value.clone()),
        yes: words(&raw.yes, &["yes", "y", "true"]),
        no: words(&raw.no, &["no", "n", "false"]),
    }
}
