//! Post-session survey answers: a learner's ratings before and after a
//! meeting, written into that meeting's attendance, where the sentiment
//! delta reads them.
//!
//! A sheet says who and when, not which session, so the meeting is found in
//! the program's schedule as `check` expands it: the one meeting on that
//! local date (in the session's own zone, where a moved meeting is on its
//! new day) that invites the learner or lists them in its attendance. A
//! one-off session keeps its ratings in its `attendance`; a series keeps
//! them under `occurrences`, for the meeting's series date, because the
//! series' own `attendance` speaks for every meeting. A per-date list
//! replaces the series' list for that meeting, so a new one repeats whoever
//! the meeting already counted as there.

use super::plan::{differs, existing, find_in, find_item, missing_required, not_in_place};
use super::*;

use crate::derive::occurrences::Occurrence;
use crate::model::{Attendance, LearnerId, Program as Model, Session, SessionStatus};

/// The ratings a row may give, named as in an attendance entry.
const RATINGS: [&str; 2] = ["rating_before", "rating_after"];

/// One meeting, found: its session and its occurrence.
type Meeting<'a> = (&'a Session, &'a Occurrence);

impl Program {
    /// Writes one row's ratings into the attendance of its meeting.
    pub(super) fn apply_ratings(
        &self,
        mapping: &Mapping,
        row: &Row,
        update: bool,
        plan: &mut Plan,
        report: &mut Report,
    ) -> Result<Vec<Diagnostic>, Box<Diagnostic>> {
        let Some(checked) = &self.checked else {
            return Ok(Vec::new());
        };
        let model = &checked.program;
        let Some((learner, _)) = model.learners_with_ids().find(|(_, l)| l.key == row.key) else {
            return Ok(vec![self.unknown_learner(row)]);
        };
        let Some((Value::Date(date), date_at)) = row.values.get("date").cloned() else {
            return Ok(missing_required(mapping, row));
        };
        let session = match row.values.get("session") {
            Some((Value::Text(id), at)) => Some((id.as_str(), at)),
            _ => None,
        };
        if let Some((id, at)) = session
            && !model.sessions.iter().any(|s| s.key == id)
        {
            let ids: Vec<&str> = model.sessions.iter().map(|s| s.key.as_str()).collect();
            let d = Diagnostic::new(
                Code::UnresolvedReference,
                format!("there is no session `{id}`"),
            )
            .at(at.clone())
            .label(format!("row {}", row.number));
            return Ok(vec![match suggest(id, &ids) {
                Some(near) => d.help(format!("did you mean `{near}`?")),
                None => d.help("correct the session's id in the sheet"),
            }]);
        }
        let takes_part = |(s, o): &Meeting<'_>| {
            checked.schedule.invites(s, o, learner)
                || o.attendance(s).iter().any(|a| a.learner == learner)
        };
        let meetings: Vec<Meeting<'_>> = model
            .sessions_with_ids()
            .filter(|(_, s)| session.is_none_or(|(id, _)| s.key == id))
            .flat_map(|(id, s)| checked.schedule.of(id).iter().map(move |o| (s, o)))
            .filter(|meeting| takes_part(meeting))
            .collect();
        let on_day: Vec<Meeting<'_>> = meetings
            .iter()
            .copied()
            .filter(|(_, o)| o.date() == date)
            .collect();
        let held: Vec<Meeting<'_>> = on_day
            .iter()
            .copied()
            .filter(|(_, o)| o.status == SessionStatus::Completed && o.date() <= self.today)
            .collect();
        let refuse = |message: String, help: String| {
            Ok(vec![
                Diagnostic::new(Code::ImportMeeting, message)
                    .at(date_at.clone())
                    .label(format!("row {}", row.number))
                    .help(help),
            ])
        };
        let (s, o) = match (held.as_slice(), on_day.first()) {
            ([one], _) => *one,
            ([], None) => {
                let of = session.map_or_else(String::new, |(id, _)| format!(" of `{id}`"));
                return refuse(
                    format!("`{}` has no meeting{of} on {date}", row.key),
                    nearest(&meetings, date),
                );
            }
            ([], Some(meeting)) => {
                let (message, help) = not_held(meeting, date, self.today);
                return refuse(message, help);
            }
            (several, _) => {
                let names: Vec<String> = several
                    .iter()
                    .map(|(s, o)| format!("`{}` at {}", s.key, o.local_start.format("%H:%M")))
                    .collect();
                return refuse(
                    format!(
                        "`{}` has {} held meetings on {date}: {}",
                        row.key,
                        several.len(),
                        names.join(", ")
                    ),
                    "add a column with the session's id to the sheet and map it as `session:` \
                     under `columns:`"
                        .to_string(),
                );
            }
        };
        let slot = o.slot.date();
        let first = plan
            .rated
            .entry((s.key.clone(), slot, row.key.clone()))
            .or_insert_with(|| row.key_at.clone())
            .clone();
        if first != row.key_at {
            return Ok(vec![
                Diagnostic::new(
                    Code::ImportDuplicate,
                    format!(
                        "a second session rating of `{}` for `{}` on {date}",
                        row.key, s.key
                    ),
                )
                .at(row.key_at.clone())
                .label(format!("row {}", row.number))
                .related(first, "the first row")
                .help("keep one of the rows"),
            ]);
        }
        let edit = Edit {
            model,
            checked,
            session: s,
            occurrence: o,
            learner,
            file: model.files.path(s.pos.file).to_path_buf(),
            record: format!("the ratings of `{}` for `{}` on {date}", row.key, s.key),
            ratings: RATINGS
                .iter()
                .filter_map(|name| match row.values.get(name) {
                    Some((value @ Value::Whole(_), _)) => Some((*name, value.clone())),
                    _ => None,
                })
                .collect(),
        };
        edit.apply(self, row, update, plan, report)
    }
}

/// Why the one meeting on a day cannot be rated: the message and the help.
fn not_held((s, o): &Meeting<'_>, date: NaiveDate, today: NaiveDate) -> (String, String) {
    let meeting = format!("the meeting of `{}` on {date}", s.key);
    match o.status {
        SessionStatus::Cancelled => (
            format!("{meeting} was cancelled"),
            "a cancelled meeting has no ratings; correct the date or the session in the sheet"
                .to_string(),
        ),
        _ if date > today => (
            format!("{meeting} is after today ({today})"),
            "import its ratings once it has been held, or correct the date in the sheet"
                .to_string(),
        ),
        SessionStatus::NoShow => (
            format!("{meeting} is recorded as a no-show"),
            "correct the meeting's status in the session's file, or the date in the sheet"
                .to_string(),
        ),
        _ => (
            format!("{meeting} is not recorded as held"),
            "record it as held first (`status: completed` on the session, or on its date \
             under `occurrences:`, or `held_through` on a series still running), then import \
             again"
                .to_string(),
        ),
    }
}

/// The help for a day without a meeting: the learner's nearest meetings.
fn nearest(meetings: &[Meeting<'_>], date: NaiveDate) -> String {
    let before = meetings
        .iter()
        .filter(|(_, o)| o.date() < date)
        .max_by_key(|(_, o)| o.local_start);
    let after = meetings
        .iter()
        .filter(|(_, o)| o.date() > date)
        .min_by_key(|(_, o)| o.local_start);
    let near: Vec<String> = [before, after]
        .into_iter()
        .flatten()
        .map(|(s, o)| format!("{} (`{}`)", o.date(), s.key))
        .collect();
    if near.is_empty() {
        "the learner takes part in no meeting; correct the learner's id in the sheet".to_string()
    } else {
        format!(
            "the nearest are on {}; correct the date in the sheet, or its format under `dates:` \
             in the mapping",
            near.join(" and ")
        )
    }
}

/// The ratings of one row for one meeting, and where they go.
struct Edit<'a> {
    model: &'a Model,
    checked: &'a crate::Checked,
    session: &'a Session,
    occurrence: &'a Occurrence,
    learner: LearnerId,
    file: PathBuf,
    record: String,
    ratings: Vec<(&'static str, Value)>,
}

impl Edit<'_> {
    fn apply(
        &self,
        program: &Program,
        row: &Row,
        update: bool,
        plan: &mut Plan,
        report: &mut Report,
    ) -> Result<Vec<Diagnostic>, Box<Diagnostic>> {
        let (s, o) = (self.session, self.occurrence);
        let series = s.recurrence.is_some();
        let slot = o.slot.date();
        let made = plan.made.contains(&(s.key.clone(), slot));
        let own = !series || made || o.change(s).is_some_and(|c| c.attendance.is_some());
        let key = self.model.learner(self.learner).key.clone();
        let slot_text = slot.format("%Y-%m-%d").to_string();
        let file = self.file.clone();
        let session_item = |d: &Doc| find_item(d, &file, "sessions", "id", &s.key);
        let holder = |d: &Doc| {
            let item = session_item(d)?;
            if series {
                find_in(d, item, &file, "occurrences", "date", &slot_text)
            } else {
                Some(item)
            }
        };
        let entry = |d: &Doc| find_in(d, holder(d)?, &file, "attendance", "learner", &key);
        let in_place = |field: &str| not_in_place(row, &self.record, field, &file);
        let listed = o.attendance(s).iter().find(|a| a.learner == self.learner);
        let doc = program.doc(plan, &file)?;
        if own && let Some(item) = entry(doc) {
            let old = |name: &str| existing(doc, item, name, &file);
            let Some(fields) = self.compare(row, old, update, report)? else {
                return Ok(Vec::new());
            };
            for (name, value) in &self.ratings {
                if fields.iter().any(|f| f == name) {
                    let placed = entry(doc).is_some_and(|item| doc.set(item, name, &value.yaml()));
                    if !placed {
                        return Err(in_place(name));
                    }
                }
            }
            report.changes.push(Change {
                added: false,
                record: self.record.clone(),
                file: file.clone(),
                fields,
            });
            return Ok(Vec::new());
        }
        if own && listed.is_some() && !made {
            // The model lists the learner, the editor cannot find them: the
            // list or its entry is written in flow style.
            return Err(in_place("attendance"));
        }
        let mut fields = Vec::new();
        let entries = if own {
            let holder_block = holder(doc).ok_or_else(|| in_place("sessions"))?;
            if !series && doc.items_in(holder_block, "attendance").is_empty() {
                self.everyone(&[])
            } else {
                vec![self.entry(&key, true, None, None)]
            }
        } else {
            let old = |name: &str| {
                let a = listed?;
                let value = if name == RATINGS[0] {
                    a.rating_before
                } else {
                    a.rating_after
                };
                value.map(serde_json::Value::from)
            };
            let Some(changed) = self.compare(row, old, update, report)? else {
                return Ok(Vec::new());
            };
            if listed.is_some() {
                fields = changed;
            }
            self.everyone(o.attendance(s))
        };
        plan.made.insert((s.key.clone(), slot));
        let doc = program.doc(plan, &file)?;
        if own || o.change(s).is_some() {
            for lines in &entries {
                let placed = holder(doc).is_some_and(|h| doc.push_item(h, "attendance", lines));
                if !placed {
                    return Err(in_place("attendance"));
                }
            }
        } else {
            let mut item = vec![format!("date: {slot_text}"), "attendance:".to_string()];
            for lines in &entries {
                for (i, line) in lines.iter().enumerate() {
                    let lead = if i == 0 { "  - " } else { "    " };
                    item.push(format!("{lead}{line}"));
                }
            }
            let placed = session_item(doc).is_some_and(|b| doc.push_item(b, "occurrences", &item));
            if !placed {
                return Err(in_place("occurrences"));
            }
        }
        report.changes.push(Change {
            added: listed.is_none(),
            record: self.record.clone(),
            file,
            fields,
        });
        Ok(Vec::new())
    }

    /// Compares the row's ratings with `old`'s: `None` when nothing is to
    /// be written (the same values, or a difference left alone without
    /// `--update`, which is then reported), else the fields to write.
    fn compare(
        &self,
        row: &Row,
        old: impl Fn(&str) -> Option<serde_json::Value>,
        update: bool,
        report: &mut Report,
    ) -> Result<Option<Vec<String>>, Box<Diagnostic>> {
        let mut differ = Vec::new();
        let mut write = Vec::new();
        for (name, value) in &self.ratings {
            match old(name) {
                Some(old) if value.same_as(&old) => {}
                Some(old) => {
                    differ.push((*name, Some(old), value.clone()));
                    write.push((*name).to_string());
                }
                // A rating the file lacks is new, not a change.
                None => write.push((*name).to_string()),
            }
        }
        if !differ.is_empty() && !update {
            report
                .diagnostics
                .push(differs(row, &self.record, &self.file, &differ));
            return Ok(None);
        }
        if write.is_empty() {
            report.unchanged += 1;
            return Ok(None);
        }
        Ok(Some(write))
    }

    /// The attendance list a meeting gets when the import makes one: who
    /// `current` lists, or (when it lists nobody, which means everyone
    /// invited came) everyone the meeting invites, each as attending; the
    /// row's learner with the row's ratings, added when missing.
    fn everyone(&self, current: &[Attendance]) -> Vec<Vec<String>> {
        let mut entries: Vec<(LearnerId, bool, Option<u8>, Option<u8>)> = if current.is_empty() {
            self.checked
                .schedule
                .invited(self.session, self.occurrence)
                .map(|l| (l, true, None, None))
                .collect()
        } else {
            current
                .iter()
                .map(|a| (a.learner, a.attended, a.rating_before, a.rating_after))
                .collect()
        };
        if !entries.iter().any(|(l, ..)| *l == self.learner) {
            entries.push((self.learner, true, None, None));
        }
        entries
            .into_iter()
            .map(|(l, attended, before, after)| {
                let key = &self.model.learner(l).key;
                if l == self.learner {
                    self.entry(key, attended, before, after)
                } else {
                    let mut lines =
                        vec![format!("learner: {key}"), format!("attended: {attended}")];
                    for (name, value) in RATINGS.iter().zip([before, after]) {
                        if let Some(value) = value {
                            lines.push(format!("{name}: {value}"));
                        }
                    }
                    lines
                }
            })
            .collect()
    }

    /// The row's learner's entry: `attended` as given, the row's ratings
    /// over the ones given.
    fn entry(
        &self,
        key: &str,
        attended: bool,
        before: Option<u8>,
        after: Option<u8>,
    ) -> Vec<String> {
        let mut lines = vec![format!("learner: {key}"), format!("attended: {attended}")];
        for (name, old) in RATINGS.iter().zip([before, after]) {
            let new = self
                .ratings
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.yaml());
            if let Some(value) = new.or_else(|| old.map(|v| v.to_string())) {
                lines.push(format!("{name}: {value}"));
            }
        }
        lines
    }
}
