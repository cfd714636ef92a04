//! The ways through an edit, chosen by what kind of files it changed
//! ([`Edit`]):
//!
//! - **module texts** (the common case while writing): only those files
//!   are read and resolved again, and only the checks that read one module
//!   run; taken when the edit keeps each module's ids, references and
//!   headings, the things every other check reads, and the module had and
//!   has no problem, so the program's other diagnostics are unchanged;
//! - **the program's settings**: what pages show of them (title, privacy
//!   statement, reminders, targets) replaced, when nothing the checks, the
//!   schedule or the figures read changed;
//! - **learners, pairs and sessions** that keep every record's id and
//!   place: those files read again, the schedule and every check but the
//!   curriculum's run again;
//! - **anything else**, or one of the above that does not keep what it
//!   must: the program is loaded and checked again (or only the theme,
//!   when only the theme changed), and the outputs whose inputs changed
//!   are rendered; every output when the site's shape changed.
//!
//! Each way compares what its stage produced before and after (typed
//! values, never their printed form) to find the inputs that changed, and
//! asks the dependency record which outputs read them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::work::{Clock, Update, Work};
use super::{Engine, Failure, check, options};
use crate::derive::Derived;
use crate::derive::links::Outline;
use crate::derive::metrics::{self, Metrics};
use crate::derive::people::People;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::theme::Theme;
use crate::load::{FileId, Kind, RawProgram};
use crate::model::resolve::{ModuleRefs, RecordRefs};
use crate::model::{CohortId, Module, ModuleId, PathId, Program};
use crate::render::pages;
use crate::serve::deps::{self, Deps, Read};

/// What kind of files a batch of changes touched, by what `load` makes of
/// each (content, data of each kind, the theme): it decides the way
/// through the edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    /// Markdown files under `content/` alone: modules, when they are.
    Content,
    /// `data/program.yaml` alone.
    Program,
    /// Learner, pair and session files alone.
    Records,
    /// Anything else, or several kinds at once.
    Other,
}

impl Edit {
    fn of(changed: &BTreeSet<PathBuf>) -> Edit {
        let data: Vec<Option<Kind>> = changed.iter().map(|f| Kind::of(f)).collect();
        let content = changed
            .iter()
            .all(|f| f.starts_with("content") && f.extension().is_some_and(|e| e == "md"));
        if content {
            Edit::Content
        } else if data == [Some(Kind::Program)] {
            Edit::Program
        } else if data
            .iter()
            .all(|k| matches!(k, Some(Kind::Learner | Kind::Pairs | Kind::Sessions)))
        {
            Edit::Records
        } else {
            Edit::Other
        }
    }
}

impl Engine {
    /// Takes in the edits of `changed`: the way their kind allows when the
    /// site is up to date and the edit keeps what that way needs, else a
    /// reload.
    pub(super) fn take_in(
        &mut self,
        changed: &BTreeSet<PathBuf>,
        clock: &mut Clock,
    ) -> Result<Work, Failure> {
        let edit = if self.stale {
            Edit::Other
        } else {
            Edit::of(changed)
        };
        if edit != Edit::Other {
            // The fast ways read the edited files themselves; the reports
            // they print must quote the files as they are now. A reload
            // reads every text again.
            for file in changed {
                if let Ok(text) = crate::load::fs::read_text(&self.settings.root, file) {
                    self.checked.sources.insert(file.clone(), text);
                }
            }
        }
        let fast = match edit {
            Edit::Content => self.module_edits(changed).map(|result| {
                clock.lap("module");
                result.map(Work::ready)
            }),
            Edit::Program => self.program_edit(changed, clock),
            Edit::Records => self.record_edits(changed, clock),
            Edit::Other => None,
        };
        match fast {
            Some(result) => result,
            None => self.reload(changed, clock),
        }
    }

    /// The fast way through edits that are all module texts, or `None`
    /// when one of them needs the program reloaded.
    fn module_edits(&mut self, changed: &BTreeSet<PathBuf>) -> Option<Result<Update, Failure>> {
        let mut ids = Vec::new();
        for file in changed {
            // A module removed (or renamed away) changes the site's shape.
            if !self.settings.root.join(file).is_file() {
                return None;
            }
            let id = self
                .checked
                .program
                .modules
                .iter()
                .position(|m| self.checked.program.files.path(m.file) == file.as_path())?;
            ids.push(ModuleId(id as u32));
        }
        let mut replaced: Vec<(ModuleId, Module)> = Vec::new();
        let mut inputs = Vec::new();
        for id in ids {
            match self.replace_module(id) {
                Ok(Some(old)) => {
                    let new = self.checked.program.module(id);
                    let file = self.checked.program.files.path(new.file).to_path_buf();
                    // What others show of a module is its front matter, and
                    // mostly its title: an edit of the text alone renders
                    // the module's own page.
                    if new.title != old.title {
                        inputs.push(Read::Title(file.clone()));
                    }
                    if front_matter(new) != front_matter(&old) {
                        inputs.push(Read::Front(file.clone()));
                    }
                    inputs.push(Read::Content(file));
                    replaced.push((id, old));
                }
                Ok(None) => {
                    self.restore(replaced);
                    return None;
                }
                Err(failure) => {
                    self.restore(replaced);
                    return Some(Err(failure));
                }
            }
        }
        let outputs = self.deps.dependents(&inputs);
        match self.render_outputs(&outputs) {
            Ok(update) => Some(Ok(update)),
            Err(failure) => {
                self.restore(replaced);
                Some(Err(failure))
            }
        }
    }

    /// The fast way through an edit of `data/program.yaml` alone that
    /// changes only what pages show of it (the title, the privacy
    /// statement, reminders and targets), nothing the checks, the schedule
    /// or the figures read; `None` for any other edit. Diagnostics that
    /// point into the file point at outcomes, roles, the journey or the
    /// theme, which such an edit keeps in place.
    fn program_edit(
        &mut self,
        _changed: &BTreeSet<PathBuf>,
        clock: &mut Clock,
    ) -> Option<Result<Work, Failure>> {
        let file = Path::new(crate::load::PROGRAM_FILE);
        let program = &self.checked.program;
        let id = program.files.find(file)?;
        let raw = match crate::load::load_data_file(&self.settings.root, file, id)? {
            Ok(raw) => RawProgram {
                files: program.files.clone(),
                ..raw
            },
            Err(problem) => return Some(Err(self.failure_with(vec![*problem]))),
        };
        let mut problems = Diagnostics::new();
        let edited = crate::model::resolve::resolve(raw, &mut problems);
        if !problems.is_empty() || !same_program_interface(program, &edited) {
            return None;
        }
        self.checked.program.settings = edited.settings;
        // The next full reload parses the file again.
        self.cache.forget(file);
        let options = options(&self.settings, &self.history);
        self.setting.reframe(&self.checked.program, &options);
        clock.lap("settings");
        let outputs = self.deps.dependents(&[Read::Program]);
        self.stale = true;
        Some(Ok(Work::of(outputs)))
    }

    /// The fast way through edits of learner, pair and session files that
    /// keep every record's id and place: only those files are read and
    /// resolved again and their records replaced, and the schedule and
    /// every check but the curriculum's (which reads only `content/`) run
    /// again; `None` for any other edit, or when reading or resolving one
    /// of the files found a problem, now or before.
    fn record_edits(
        &mut self,
        changed: &BTreeSet<PathBuf>,
        clock: &mut Clock,
    ) -> Option<Result<Work, Failure>> {
        let program = &self.checked.program;
        let mut raw = RawProgram::default();
        for file in changed {
            let id = program.files.find(file)?;
            if !self.settings.root.join(file).is_file()
                || self.findings.model.iter().any(|d| mentions(d, file))
            {
                return None;
            }
            match crate::load::load_data_file(&self.settings.root, file, id)? {
                Ok(part) => {
                    raw.learners.extend(part.learners);
                    raw.pairs.extend(part.pairs);
                    raw.sessions.extend(part.sessions);
                }
                Err(problem) => return Some(Err(self.failure_with(vec![*problem]))),
            }
        }
        let (records, problems) =
            crate::model::resolve::resolve_records(program, &self.record_refs, &raw);
        if !problems.is_empty() {
            return None;
        }
        clock.lap("read and resolve");
        let ids: BTreeSet<_> = changed
            .iter()
            .filter_map(|f| program.files.find(f))
            .collect();
        let learners = in_place(
            &program.learners,
            records.learners,
            |l| (l.pos.file, &l.key),
            &ids,
        )?;
        let pairs = in_place(
            &program.pairs,
            records.pairs,
            |p| (p.pos.file, &p.key),
            &ids,
        )?;
        let sessions = in_place(
            &program.sessions,
            records.sessions,
            |s| (s.pos.file, &s.key),
            &ids,
        )?;

        let mut program = std::mem::take(&mut self.checked.program);
        let replaced = Replaced {
            learners: swap(&mut program.learners, learners),
            pairs: swap(&mut program.pairs, pairs),
            sessions: swap(&mut program.sessions, sessions),
        };
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
            return Some(Err(Failure {
                diagnostics: checked.diagnostics,
                sources: checked.sources,
            }));
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
        let program = &self.checked.program;
        self.derived.people = People::new(program);
        let mut inputs = replaced.inputs(program);
        let touched = replaced.cohorts_reading(program);
        let figures = metrics::recompute(
            &self.derived.metrics,
            program,
            &self.checked.schedule,
            &touched,
        );
        moved_figures(&self.derived.metrics, &figures, &mut inputs);
        self.derived.metrics = figures;
        if old_diagnostics.sorted() != self.checked.diagnostics.sorted() {
            inputs.insert(Read::Diagnostics);
        }
        clock.lap("figures");
        // The pages follow from the ids, which are kept, and so does the
        // record, unless what it reads of a learner or a session changed.
        if !replaced.keeps_the_record(&self.checked.program) {
            self.deps = Deps::record(&self.checked.program, &self.jobs, &self.checked.theme);
        }
        clock.lap("dependency record");
        let outputs = self.deps.dependents(&inputs);
        self.stale = true;
        Some(Ok(Work::of(outputs)))
    }

    /// Reads one module again and puts it in the program, returning the
    /// module it replaced; `Ok(None)` when the edit is not a text edit (the
    /// program is then as it was).
    fn replace_module(&mut self, id: ModuleId) -> Result<Option<Module>, Failure> {
        let program = &self.checked.program;
        let old = program.module(id);
        let file = program.files.path(old.file).to_path_buf();
        let path_dir = file
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if self.checked.diagnostics.iter().any(|d| mentions(d, &file)) {
            return Ok(None);
        }
        let raw = match crate::load::content::read_module(
            &self.settings.root,
            &file,
            old.file,
            &path_dir,
        ) {
            Ok(raw) => raw,
            Err(problem) => return Err(self.failure_with(vec![*problem])),
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

    /// The slow way: load and check the whole program again (or only the
    /// theme, when only the theme changed), then render what the changed
    /// files feed.
    fn reload(&mut self, changed: &BTreeSet<PathBuf>, clock: &mut Clock) -> Result<Work, Failure> {
        let theme_name = self.checked.program.settings.theme.clone();
        // A change in the number of cohorts changes the site's shape, and
        // so renders everything.
        let cohorts = self.checked.program.cohorts.len();
        let mut inputs: BTreeSet<Read> = changed
            .iter()
            .flat_map(|file| deps::inputs_of(file, &theme_name, cohorts))
            .collect();
        // A path no input names (a directory, a new kind of file) reloads
        // everything, to be safe.
        let theme_only = changed.iter().all(|file| {
            let inputs = deps::inputs_of(file, &theme_name, cohorts);
            !inputs.is_empty()
                && inputs
                    .iter()
                    .all(|i| matches!(i, Read::Template(_) | Read::Static(_)))
        });
        // A theme edit leaves the program, and so its part of the shape.
        let old_shape = (!theme_only).then(|| Shape::of(&self.checked.program));
        let old_theme_shape = ThemeShape::of(&self.checked.theme);
        let old_nav = nav(&self.checked.program);
        let old_diagnostics = self.checked.diagnostics.clone();
        let old_theme = if theme_only {
            let (theme, templates, problems) =
                crate::load_theme(&self.settings.root, &self.checked.program);
            let mut diagnostics = self.model_diagnostics.clone();
            diagnostics.extend(problems);
            let mut sources = self.checked.sources.clone();
            for template in &theme.templates {
                sources.insert(template.origin.clone(), template.text.clone());
            }
            if diagnostics.has_errors() || templates.is_none() {
                return Err(Failure {
                    diagnostics,
                    sources,
                });
            }
            self.checked.templates = templates;
            self.checked.diagnostics = diagnostics;
            self.checked.sources = sources;
            clock.lap("theme");
            std::mem::replace(&mut self.checked.theme, theme)
        } else {
            for file in changed {
                self.cache.forget(file);
            }
            // Without an edit of content or outcomes, the curriculum, its
            // links and so every rendered body are as they were.
            let content_kept = changed.iter().all(|file| {
                !file.starts_with("content") && file != Path::new(crate::load::PROGRAM_FILE)
            });
            let curriculum = content_kept.then(|| self.findings.curriculum.clone());
            let (checked, model_diagnostics, findings) =
                check(&self.settings, &mut self.cache, curriculum)?;
            clock.lap("load and check");
            self.model_diagnostics = model_diagnostics;
            self.findings = findings;
            if !content_kept {
                self.module_refs = ModuleRefs::new(&checked.program);
            }
            self.record_refs = RecordRefs::new(&checked.program);
            let options = options(&self.settings, &self.history);
            self.setting.reframe(&checked.program, &options);
            clock.lap("templates and indexes");
            let derived = Derived::new(&checked.program, &checked.schedule, self.settings.today);
            moved_figures(&self.derived.metrics, &derived.metrics, &mut inputs);
            self.derived = derived;
            clock.lap("figures");
            let old = std::mem::replace(&mut self.checked, checked).theme;
            if !content_kept {
                self.follow_links();
                clock.lap("links");
            }
            old
        };
        let reshaped = old_shape.is_some_and(|old| old != Shape::of(&self.checked.program))
            || old_theme_shape != ThemeShape::of(&self.checked.theme);
        if self.stale || reshaped {
            let update = self.render_everything();
            clock.lap("render");
            return update.map(|update| Work {
                reloaded: !theme_only,
                ..Work::ready(update)
            });
        }
        // Navigation titles, figures, templates and diagnostics are compared
        // rather than inferred from file names: a path's intro may change without
        // its title, and a check of one file may speak of another.
        if old_nav != nav(&self.checked.program) {
            inputs.insert(Read::Nav);
        }
        if old_diagnostics.sorted() != self.checked.diagnostics.sorted() {
            inputs.insert(Read::Diagnostics);
        }
        changed_theme(&old_theme, &self.checked.theme, &mut inputs);
        // A template edit that keeps which templates each one reaches
        // leaves the program, the pages and so the record as they were.
        if !theme_only || !deps::same_template_graph(&old_theme, &self.checked.theme) {
            if theme_only {
                self.deps = Deps::record(&self.checked.program, &self.jobs, &self.checked.theme);
            } else {
                let options = self.options();
                let input = self.input()?;
                let jobs = pages::jobs(&self.shared(&input, &options));
                self.set_jobs(jobs);
            }
        }
        clock.lap("dependency record");
        let outputs = self.deps.dependents(&inputs);
        // The program is the new one, the site still the old: until every
        // step has succeeded, only a full render is sure to catch up.
        self.stale = true;
        Ok(Work {
            reloaded: !theme_only,
            ..Work::of(outputs)
        })
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
struct Replaced {
    learners: Vec<(usize, crate::model::Learner)>,
    pairs: Vec<(usize, crate::model::Pair)>,
    sessions: Vec<(usize, crate::model::Session)>,
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

/// Adds the figures that moved from `old` to `new` to `inputs`: those of
/// each cohort, and [`Read::Figures`] when any did.
fn moved_figures(old: &Metrics, new: &Metrics, inputs: &mut BTreeSet<Read>) {
    if old == new {
        return;
    }
    inputs.insert(Read::Figures);
    for (i, cohort) in new.cohorts.iter().enumerate() {
        if old.cohorts.get(i) != Some(cohort) {
            inputs.insert(Read::CohortFigures(CohortId(i as u32)));
        }
    }
}

/// Adds the templates and static files whose text changed to `inputs`.
fn changed_theme(old: &Theme, new: &Theme, inputs: &mut BTreeSet<Read>) {
    for template in &new.templates {
        let before = old.templates.iter().find(|t| t.name == template.name);
        if before.is_none_or(|t| t.text != template.text) {
            inputs.insert(Read::Template(template.name.clone()));
        }
    }
    for (name, bytes) in &new.statics {
        let before = old.statics.iter().find(|(n, _)| n == name);
        if before.is_none_or(|(_, b)| b != bytes) {
            inputs.insert(Read::Static(name.clone()));
        }
    }
}

/// What of the program decides which outputs exist and where: when it
/// changes, every output is rendered again.
#[derive(Debug, PartialEq, Eq)]
struct Shape {
    /// Each module's id and path.
    modules: Vec<(String, Option<PathId>)>,
    /// Each path's id and modules.
    paths: Vec<(String, Vec<ModuleId>)>,
    pages: Vec<String>,
    cohorts: Vec<String>,
    learners: Vec<String>,
    pairs: Vec<String>,
    /// Each mentor's id and whether their profile is public.
    mentors: Vec<(String, bool)>,
}

impl Shape {
    fn of(program: &Program) -> Shape {
        let keys = |keys: &mut dyn Iterator<Item = &String>| keys.cloned().collect();
        Shape {
            modules: program
                .modules
                .iter()
                .map(|m| (m.key.clone(), m.path))
                .collect(),
            paths: program
                .paths
                .iter()
                .map(|p| (p.key.clone(), p.modules.clone()))
                .collect(),
            pages: keys(&mut program.pages.iter().map(|p| &p.key)),
            cohorts: keys(&mut program.cohorts.iter().map(|c| &c.key)),
            learners: keys(&mut program.learners.iter().map(|l| &l.key)),
            pairs: keys(&mut program.pairs.iter().map(|p| &p.key)),
            mentors: program
                .mentors
                .iter()
                .map(|m| (m.key.clone(), m.public_profile))
                .collect(),
        }
    }
}

/// What of the theme decides which outputs exist: its name, templates and
/// files.
#[derive(Debug, PartialEq, Eq)]
struct ThemeShape {
    name: String,
    templates: Vec<String>,
    statics: Vec<String>,
}

impl ThemeShape {
    fn of(theme: &Theme) -> ThemeShape {
        ThemeShape {
            name: theme.name.clone(),
            templates: theme.templates.iter().map(|t| t.name.clone()).collect(),
            statics: theme.statics.iter().map(|(n, _)| n.clone()).collect(),
        }
    }
}

/// The titles every page's navigation shows.
fn nav(program: &Program) -> Vec<String> {
    let paths = program.paths.iter().map(|p| p.title.clone());
    paths
        .chain(program.pages.iter().map(|p| p.title.clone()))
        .collect()
}

/// A module's front matter, as the pages that show it read it: everything
/// but its text.
fn front_matter(module: &Module) -> Module {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(files: &[&str]) -> Edit {
        Edit::of(&files.iter().map(PathBuf::from).collect())
    }

    #[test]
    fn an_edit_is_classified_by_what_load_makes_of_its_files() {
        assert_eq!(edit(&["content/paths/a/b.md"]), Edit::Content);
        assert_eq!(
            edit(&["content/paths/a/b.md", "content/pages/c.md"]),
            Edit::Content
        );
        assert_eq!(edit(&["data/program.yaml"]), Edit::Program);
        assert_eq!(
            edit(&[
                "data/learners/a.yaml",
                "data/pairs.yaml",
                "data/sessions/s.yml"
            ]),
            Edit::Records
        );
        // Files load does not read as records, or several kinds at once,
        // take the way that reloads the program.
        assert_eq!(edit(&["data/learners/.a.yaml.swp"]), Edit::Other);
        assert_eq!(edit(&["data/learners"]), Edit::Other);
        assert_eq!(edit(&["data/mentors.yaml"]), Edit::Other);
        assert_eq!(edit(&["data/program.yaml", "data/pairs.yaml"]), Edit::Other);
        assert_eq!(
            edit(&["content/paths/a/b.md", "data/pairs.yaml"]),
            Edit::Other
        );
        assert_eq!(edit(&["themes/default/templates/module.html"]), Edit::Other);
    }
}
