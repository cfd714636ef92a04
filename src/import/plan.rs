//! The import's plan: the program's records a row is compared with, and
//! the files it will write, edited in memory until every row is valid.

use super::*;

/// The files an import will write, edited in memory.
#[derive(Default)]
pub(super) struct Plan {
    pub(super) files: BTreeMap<PathBuf, Doc>,
    /// Meetings of a series (session id, series date) whose attendance
    /// list the import has made, so that a later row edits that list.
    pub(super) made: BTreeSet<(String, NaiveDate)>,
    /// Each meeting and learner a row has rated (session id, series date,
    /// learner), with the row's learner cell.
    pub(super) rated: BTreeMap<(String, NaiveDate, String), Location>,
}

/// The program's records an import compares rows with.
pub(super) struct Program {
    pub(super) root: PathBuf,
    /// Learner id to its file, relative to the root.
    pub(super) learners: BTreeMap<String, PathBuf>,
    /// The journey's first stage, where a new learner starts.
    pub(super) first_stage: Option<String>,
    /// The text of every file read, for diagnostics.
    pub(super) sources: Sources,
    /// Problems with a file the import would edit.
    pub(super) unreadable: Vec<Diagnostic>,
    /// For session ratings: the program as checked before the import,
    /// whose schedule says which meeting a row is about.
    pub(super) checked: Option<crate::Checked>,
    /// The date `check` runs against: a meeting after it was not held.
    pub(super) today: NaiveDate,
}

pub(super) const MENTORS: &str = "data/mentors.yaml";

impl Program {
    pub(super) fn read(root: &Path, records: Records, today: NaiveDate) -> Result<Program, String> {
        if !root.is_dir() {
            return Err(format!("{} is not a directory", root.display()));
        }
        let loaded = crate::load::load(root);
        let holds = |path: &Path| match records {
            Records::Mentors => path == Path::new(MENTORS),
            Records::SessionRatings => {
                path.starts_with("data/sessions") || path.starts_with("data/learners")
            }
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
        let checked =
            (records == Records::SessionRatings).then(|| crate::check_program(root, today));
        Ok(Program {
            root: root.to_path_buf(),
            learners,
            first_stage,
            sources: loaded.sources,
            unreadable,
            checked,
            today,
        })
    }

    /// The document at `file` in the plan, read from disk the first time.
    pub(super) fn doc<'p>(
        &self,
        plan: &'p mut Plan,
        file: &Path,
    ) -> Result<&'p mut Doc, Box<Diagnostic>> {
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
    pub(super) fn apply(
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
            Records::SessionRatings => self.apply_ratings(mapping, row, update, plan, report),
        };
        result.unwrap_or_else(|problem| vec![*problem])
    }

    pub(super) fn apply_learner(
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

    pub(super) fn apply_mentor(
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

    pub(super) fn apply_confidence(
        &self,
        row: &Row,
        update: bool,
        plan: &mut Plan,
        report: &mut Report,
    ) -> Result<Vec<Diagnostic>, Box<Diagnostic>> {
        let Some(file) = self.learners.get(&row.key) else {
            return Ok(vec![self.unknown_learner(row)]);
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

impl Program {
    /// E009 for a row naming a learner the program does not have.
    pub(super) fn unknown_learner(&self, row: &Row) -> Diagnostic {
        let ids: Vec<&str> = self.learners.keys().map(String::as_str).collect();
        let d = Diagnostic::new(
            Code::UnresolvedReference,
            format!("there is no learner `{}`", row.key),
        )
        .at(row.key_at.clone())
        .label(format!("row {}", row.number));
        match suggest(&row.key, &ids) {
            Some(near) => d.help(format!("did you mean `{near}`?")),
            None => d.help("import the learner first, or correct the id in the sheet"),
        }
    }
}

/// The item of the top-level list `list` whose `key` is `wanted`.
pub(super) fn find_item(
    doc: &Doc,
    file: &Path,
    list: &str,
    key: &str,
    wanted: &str,
) -> Option<Block> {
    find_in(doc, doc.root(), file, list, key, wanted)
}

/// The item of the block list `list` in `block` whose `key` is `wanted`.
pub(super) fn find_in(
    doc: &Doc,
    block: Block,
    file: &Path,
    list: &str,
    key: &str,
    wanted: &str,
) -> Option<Block> {
    doc.items_in(block, list).into_iter().find(|&item| {
        existing(doc, item, key, file).is_some_and(|value| fields::text_of(&value) == wanted)
    })
}

/// The value at a dotted `path` in `block` as the file holds it: the
/// first key's whole value is parsed, so a mapping written in flow style
/// (`capacity: {mentees: 2, hours_per_week: 3}`) is read as well.
pub(super) fn existing(
    doc: &Doc,
    block: Block,
    path: &str,
    file: &Path,
) -> Option<serde_json::Value> {
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
pub(super) fn not_in_place(row: &Row, record: &str, field: &str, file: &Path) -> Box<Diagnostic> {
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
pub(super) fn shown(text: &str) -> String {
    format!("`{}`", text.replace('\n', " "))
}

/// The required fields a new record's row lacks, one diagnostic each.
pub(super) fn missing_required(mapping: &Mapping, row: &Row) -> Vec<Diagnostic> {
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
pub(super) fn compare(
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
    Ok(Some(differs(row, record, file, &differ)))
}

/// W094: `row` differs from `record` in `file` in each of `differ` (the
/// field, the file's value if it has one, the sheet's).
pub(super) fn differs(
    row: &Row,
    record: &str,
    file: &Path,
    differ: &[(&str, Option<serde_json::Value>, Value)],
) -> Diagnostic {
    let names: Vec<String> = differ.iter().map(|(n, _, _)| (*n).to_string()).collect();
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
    ))
}
