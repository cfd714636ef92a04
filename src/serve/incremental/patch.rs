//! The load and model stages of an edit, done in place: the edited files'
//! records are parsed, resolved and put where the old ones were, when
//! every record keeps its id, its place and what the rest of the program
//! reads of it. A patch the edit does not allow is refused (`Ok(None)`)
//! and the program is loaded again; each patch also says what of the
//! later stages it needs run again.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::edits::{Delta, Record, moved_figures};
use super::work::Clock;
use super::{Engine, Failure};
use crate::derive::links::Outline;
use crate::derive::metrics;
use crate::derive::people::People;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{FileId, RawProgram};
use crate::model::{CohortId, Learner, Module, ModuleId, Pair, Program, Session};
use crate::serve::deps::{self, Read};

/// What a patch put in the program, to be checked and derived again.
pub(super) enum Patch {
    /// Modules whose texts changed, with the records they replaced; their
    /// own checks ran as they were put in.
    Modules(Vec<(ModuleId, Module)>),
    /// The settings pages show, which no check, schedule or figure reads.
    Settings,
    /// Learners, pairs and sessions, with the records they replaced.
    Records(Replaced),
}

impl Engine {
    /// Modules whose texts changed, read again and put in place; refused
    /// when a file is not a module any more (removed or renamed away), or
    /// an edit changes what others read of one, or one had or has a
    /// problem.
    pub(super) fn patch_modules(
        &mut self,
        texts: &BTreeMap<PathBuf, String>,
    ) -> Result<Option<Patch>, Failure> {
        let mut ids = Vec::new();
        for file in texts.keys() {
            let module = self
                .checked
                .program
                .modules_with_ids()
                .find(|(_, m)| self.checked.program.files.path(m.file) == file.as_path());
            match module {
                Some((id, _)) => ids.push(id),
                None => return Ok(None),
            }
        }
        let mut replaced: Vec<(ModuleId, Module)> = Vec::new();
        for (id, text) in ids.into_iter().zip(texts.values()) {
            match self.replace_module(id, text) {
                Ok(Some(old)) => replaced.push((id, old)),
                Ok(None) => {
                    self.restore(replaced);
                    return Ok(None);
                }
                Err(failure) => {
                    self.restore(replaced);
                    return Err(failure);
                }
            }
        }
        Ok(Some(Patch::Modules(replaced)))
    }

    /// Parses one module's new `text` and puts it in the program, running
    /// the checks that read that module alone, and returns the module it
    /// replaced; `Ok(None)` when the edit is not a text edit (the program
    /// is then as it was).
    fn replace_module(&mut self, id: ModuleId, text: &str) -> Result<Option<Module>, Failure> {
        let program = &self.checked.program;
        let old = program.module(id);
        let file = program.files.path(old.file).to_path_buf();
        if self.checked.diagnostics.iter().any(|d| mentions(d, &file)) {
            return Ok(None);
        }
        let raw = match crate::load::content::parse_module(&file, old.file, text) {
            Some(Ok(raw)) => raw,
            Some(Err(problem)) => return Err(self.failure_with(vec![*problem])),
            None => return Ok(None),
        };
        let (module, problems) =
            crate::model::resolve::resolve_module(program, &self.module_refs, &raw);
        if !problems.is_empty() || !same_interface(old, &module) {
            return Ok(None);
        }
        let old = std::mem::replace(&mut self.checked.program.modules[id.index()], module);
        let problems = crate::check::module(&self.checked.program, &self.checked.links, id);
        if !problems.is_empty() {
            self.checked.program.modules[id.index()] = old;
            return Ok(None);
        }
        Ok(Some(old))
    }

    fn restore(&mut self, replaced: Vec<(ModuleId, Module)>) {
        for (id, module) in replaced.into_iter().rev() {
            self.checked.program.modules[id.index()] = module;
        }
    }

    /// `data/program.yaml` read again, its settings put in place when the
    /// edit changes only what pages show of them (the title, the privacy
    /// statement, reminders and targets); refused for any other edit.
    /// Diagnostics that point into the file point at outcomes, roles, the
    /// journey or the theme, which such an edit keeps in place.
    pub(super) fn patch_settings(
        &mut self,
        texts: &BTreeMap<PathBuf, String>,
    ) -> Result<Option<Patch>, Failure> {
        let program = &self.checked.program;
        let Some((file, text)) = texts.iter().next() else {
            return Ok(None);
        };
        let Some(id) = program.files.find(file) else {
            return Ok(None);
        };
        let raw = match crate::load::parse_data_file(file, id, text) {
            Some(Ok(raw)) => RawProgram {
                files: program.files.clone(),
                ..raw
            },
            Some(Err(problem)) => return Err(self.failure_with(vec![*problem])),
            None => return Ok(None),
        };
        let mut problems = Diagnostics::new();
        let edited = crate::model::resolve::resolve(raw, &mut problems);
        if !problems.is_empty() || !same_program_interface(program, &edited) {
            return Ok(None);
        }
        self.checked.program.settings = edited.settings;
        // The next full reload parses the file again.
        self.cache.forget(file);
        Ok(Some(Patch::Settings))
    }

    /// Learner, pair and session files read again, their records put in
    /// place when every record keeps its id and place; refused for any
    /// other edit, or when reading or resolving one of the files found a
    /// problem, now or before.
    pub(super) fn patch_records(
        &mut self,
        texts: &BTreeMap<PathBuf, String>,
    ) -> Result<Option<Patch>, Failure> {
        let program = &self.checked.program;
        let mut raw = RawProgram::default();
        let mut ids = BTreeSet::new();
        for (file, text) in texts {
            let Some(id) = program.files.find(file) else {
                return Ok(None);
            };
            if self.findings.model.iter().any(|d| mentions(d, file)) {
                return Ok(None);
            }
            match crate::load::parse_data_file(file, id, text) {
                Some(Ok(part)) => {
                    raw.learners.extend(part.learners);
                    raw.pairs.extend(part.pairs);
                    raw.sessions.extend(part.sessions);
                }
                Some(Err(problem)) => return Err(self.failure_with(vec![*problem])),
                None => return Ok(None),
            }
            ids.insert(id);
        }
        let (records, problems) =
            crate::model::resolve::resolve_records(program, &self.record_refs, &raw);
        if !problems.is_empty() {
            return Ok(None);
        }
        let places = (
            in_place(
                &program.learners,
                records.learners,
                |l| (l.pos.file, &l.key),
                &ids,
            ),
            in_place(
                &program.pairs,
                records.pairs,
                |p| (p.pos.file, &p.key),
                &ids,
            ),
            in_place(
                &program.sessions,
                records.sessions,
                |s| (s.pos.file, &s.key),
                &ids,
            ),
        );
        let (Some(learners), Some(pairs), Some(sessions)) = places else {
            return Ok(None);
        };
        let program = &mut self.checked.program;
        Ok(Some(Patch::Records(Replaced {
            learners: swap(&mut program.learners, learners),
            pairs: swap(&mut program.pairs, pairs),
            sessions: swap(&mut program.sessions, sessions),
        })))
    }

    /// The check and derive stages of patched records: the schedule and
    /// every check but the curriculum's (which reads only `content/`) run
    /// again, then people and the figures of the cohorts that read a
    /// replaced record. On errors the records are put back.
    pub(super) fn settle_records(
        &mut self,
        replaced: Replaced,
        changed: &BTreeSet<PathBuf>,
        delta: &mut Delta,
        clock: &mut Clock,
    ) -> Result<(), Failure> {
        let program = std::mem::take(&mut self.checked.program);
        let (mut checked, findings) = crate::check_resolved(
            program,
            self.checked.sources.clone(),
            self.findings.model.clone(),
            self.settings.today,
            Some(self.findings.curriculum.clone()),
        );
        clock.lap("schedule and checks");
        let model_diagnostics = checked.diagnostics.clone();
        checked.diagnostics.extend(self.theme_problems().cloned());
        if checked.diagnostics.has_errors() {
            let mut program = checked.program;
            replaced.restore(&mut program);
            self.checked.program = program;
            return Err(Failure {
                diagnostics: checked.diagnostics,
                sources: checked.sources,
            });
        }
        for file in changed {
            // The next full reload parses the files again.
            self.cache.forget(file);
        }
        checked.theme = std::mem::take(&mut self.checked.theme);
        checked.templates = self.checked.templates.take();
        let old_diagnostics = std::mem::replace(&mut self.checked, checked).diagnostics;
        self.model_diagnostics = model_diagnostics;
        self.findings = findings;
        if old_diagnostics.sorted() != self.checked.diagnostics.sorted() {
            delta.inputs.insert(Read::Diagnostics);
        }
        let program = &self.checked.program;
        self.derived.people = People::new(program);
        delta.inputs.extend(replaced.inputs(program));
        let touched = replaced.cohorts_reading(program);
        let figures = metrics::recompute(
            &self.derived.metrics,
            program,
            &self.checked.schedule,
            &touched,
        );
        moved_figures(program, &self.derived.metrics, &figures, &mut delta.inputs);
        self.derived.metrics = figures;
        clock.lap("figures");
        // The pages follow from the ids, which are kept, and so does the
        // record, unless what it reads of a learner or a session changed.
        if !replaced.keeps_the_record(program) {
            delta.record = Record::Reads;
        }
        Ok(())
    }
}

/// Where each of `new` (records of the files `files`, in file order)
/// goes in `old`: the places of the records `old` has from those files,
/// when they are as many and have the same ids in the same order.
fn in_place<T>(
    old: &[T],
    new: Vec<T>,
    key: impl Fn(&T) -> (FileId, &String),
    files: &BTreeSet<FileId>,
) -> Option<Vec<(usize, T)>> {
    let places: Vec<usize> = (0..old.len())
        .filter(|&i| files.contains(&key(&old[i]).0))
        .collect();
    let same = places.len() == new.len()
        && places
            .iter()
            .zip(&new)
            .all(|(&i, record)| key(&old[i]) == key(record));
    same.then(|| places.into_iter().zip(new).collect())
}

/// Puts each record that differs from the one in its place there,
/// returning the ones it replaced: an edit of `pairs.yaml` reads every
/// pair again and changes one.
fn swap<T: PartialEq>(records: &mut [T], new: Vec<(usize, T)>) -> Vec<(usize, T)> {
    let mut replaced = Vec::new();
    for (i, record) in new {
        if records[i] != record {
            replaced.push((i, std::mem::replace(&mut records[i], record)));
        }
    }
    replaced
}

/// The records an edit of data files replaced, to put back when it fails.
pub(super) struct Replaced {
    learners: Vec<(usize, Learner)>,
    pairs: Vec<(usize, Pair)>,
    sessions: Vec<(usize, Session)>,
}

impl Replaced {
    /// What the replaced records are to the dependency record: people or
    /// sessions in general, and the cohorts whose pages show them.
    fn inputs(&self, program: &Program) -> BTreeSet<Read> {
        let mut inputs = BTreeSet::new();
        if !self.learners.is_empty() || !self.pairs.is_empty() {
            inputs.insert(Read::People);
        }
        for (i, old) in &self.learners {
            let cohorts = [old.cohort, program.learners[*i].cohort];
            inputs.extend(cohorts.map(Read::CohortPeople));
        }
        if !self.sessions.is_empty() {
            inputs.insert(Read::Sessions);
        }
        for (i, old) in &self.sessions {
            let cohorts = [old.cohort, program.sessions[*i].cohort];
            inputs.extend(cohorts.into_iter().flatten().map(Read::CohortSessions));
        }
        inputs
    }

    /// The cohorts whose figures read a replaced record, before or after.
    fn cohorts_reading(&self, program: &Program) -> BTreeSet<CohortId> {
        use metrics::{Record, cohorts_reading};
        let mut records = Vec::new();
        for (i, old) in &self.learners {
            records.extend([Record::Learner(old), Record::Learner(&program.learners[*i])]);
        }
        for (i, old) in &self.pairs {
            records.extend([Record::Pair(old), Record::Pair(&program.pairs[*i])]);
        }
        for (i, old) in &self.sessions {
            records.extend([Record::Session(old), Record::Session(&program.sessions[*i])]);
        }
        records
            .into_iter()
            .flat_map(|record| cohorts_reading(program, record))
            .collect()
    }

    /// Whether what the dependency record reads of the replaced records
    /// is as it was.
    fn keeps_the_record(&self, program: &Program) -> bool {
        let learners = self
            .learners
            .iter()
            .all(|(i, old)| deps::learner_reads(old) == deps::learner_reads(&program.learners[*i]));
        let sessions = self
            .sessions
            .iter()
            .all(|(i, old)| deps::session_reads(old) == deps::session_reads(&program.sessions[*i]));
        learners && sessions
    }

    fn restore(self, program: &mut Program) {
        swap(&mut program.learners, self.learners);
        swap(&mut program.pairs, self.pairs);
        swap(&mut program.sessions, self.sessions);
    }
}

/// A module's front matter, as the pages that show it read it: everything
/// but its text.
pub(super) fn front_matter(module: &Module) -> Module {
    Module {
        body: String::new(),
        body_line: 0,
        ..module.clone()
    }
}

/// Whether `diagnostic` points at `file`, first or as a related place.
fn mentions(diagnostic: &Diagnostic, file: &Path) -> bool {
    diagnostic.location.as_ref().is_some_and(|l| l.file == file)
        || diagnostic.related.iter().any(|(l, _)| l.file == file)
}

/// Whether an edited program file keeps everything but what pages show of
/// the settings: outcomes, roles and the journey as they were (with their
/// places in the file, which diagnostics point at), and the time zone,
/// theme and response target the schedule, theme and figures read.
fn same_program_interface(old: &Program, new: &Program) -> bool {
    let settings = |p: &Program| {
        let s = &p.settings;
        (
            s.timezone,
            s.theme.clone(),
            s.theme_at.clone(),
            s.language.clone(),
            s.language_at.clone(),
            s.response_hours,
        )
    };
    old.outcomes == new.outcomes
        && old.roles == new.roles
        && old.journey == new.journey
        && settings(old) == settings(new)
}

/// Whether an edited module keeps everything other modules, paths,
/// learners and the checks read from it besides its own text: ids, place,
/// references, checkpoints and headings.
fn same_interface(old: &Module, new: &Module) -> bool {
    let anchors = |m: &Module| {
        Outline::parse(&m.body, m.body_line)
            .headings
            .into_iter()
            .map(|h| h.anchor)
            .collect::<Vec<_>>()
    };
    let checkpoints = |m: &Module| {
        m.checkpoints
            .iter()
            .map(|c| (c.key.clone(), c.competence, c.pos))
            .collect::<Vec<_>>()
    };
    old.key == new.key
        && old.path == new.path
        && old.file == new.file
        && old.prerequisites == new.prerequisites
        && old.outcomes == new.outcomes
        && old
            .milestones
            .iter()
            .map(|m| &m.key)
            .eq(new.milestones.iter().map(|m| &m.key))
        && checkpoints(old) == checkpoints(new)
        && anchors(old) == anchors(new)
}
