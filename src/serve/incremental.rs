//! Incremental rebuilds: the checked program, the compiled templates and
//! the dependency record stay in memory, and an edit renders again only the
//! outputs made from what changed.
//!
//! Two ways through an edit:
//! - **A module's text** (the common case while writing): only that file is
//!   read and resolved again, and only the checks that read one module run.
//!   This is taken when the edit keeps the module's ids, references and
//!   headings, the things every other check reads, and the module had and
//!   has no problem; the program's other diagnostics are then unchanged.
//! - **Anything else**: the program is loaded and checked again, the theme
//!   reloaded, and the outputs whose inputs changed (by the record) are
//!   rendered. When the shape of the site changes (a page added or removed,
//!   a module moved) every output is rendered.
//!
//! Either way the site is byte for byte the one a full build of the same
//! inputs renders (tested below).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::deps::{self, Deps, Output, Read};
use crate::derive::Derived;
use crate::derive::history::History;
use crate::derive::links::Outline;
use crate::derive::metrics::{self, Metrics};
use crate::derive::people::People;
use crate::diagnostic::{Diagnostic, Diagnostics, Sources};
use crate::load::theme::Theme;
use crate::load::{Cache, FileId, RawProgram};
use crate::model::resolve::{ModuleRefs, RecordRefs};
use crate::model::{CohortId, Module, ModuleId, Program};
use crate::render::bodies::Bodies;
use crate::render::pages::{self, Job, SearchEntry, Shared};
use crate::render::{self, Audience, RenderOptions, Secret, Setting, Site, calendar};
use crate::{Checked, Findings};

/// What to serve and for whom.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The program repository.
    pub root: PathBuf,
    /// Who the site is for.
    pub audience: Audience,
    /// "Now" for every date-dependent check and page.
    pub today: NaiveDate,
    /// Where the site is served, ending in `/`.
    pub base_url: String,
    /// Key for capability URLs of personal pages.
    pub secret: Option<Secret>,
}

/// Why the site could not be brought up to date: the program has errors.
/// The previous site stays as it was.
#[derive(Debug)]
pub struct Failure {
    /// Everything found, errors and warnings.
    pub diagnostics: Diagnostics,
    /// Source texts for printing them.
    pub sources: Sources,
}

/// The outputs one edit changed.
#[derive(Debug, Default)]
pub struct Update {
    /// Every file rendered again, with its bytes (some may be unchanged).
    pub written: BTreeMap<String, Vec<u8>>,
    /// Files that no longer exist.
    pub removed: BTreeSet<String>,
    /// Whether every output was rendered.
    pub full: bool,
    /// Whether the whole program was loaded and checked again, rather than
    /// the edited module or settings alone.
    pub reloaded: bool,
    /// Wall time of the rebuild.
    pub elapsed: Duration,
}

impl Update {
    /// Brings `site` up to date.
    pub fn apply(self, site: &mut Site) {
        for path in &self.removed {
            site.remove(path);
        }
        for (path, bytes) in self.written {
            site.insert(path, bytes);
        }
    }
}

/// The in-memory build a served program is kept up to date with.
pub struct Engine {
    settings: Settings,
    history: History,
    checked: Checked,
    /// The diagnostics of loading and checking the program, without the
    /// theme's, so a template edit can replace just those.
    model_diagnostics: Diagnostics,
    /// What reading and resolving found, and what the curriculum's checks
    /// found, so an edit that leaves their inputs keeps them.
    findings: Findings,
    /// People and figures of the program.
    derived: Derived,
    /// The URL scheme, highlighter and frame every page shares.
    setting: Setting,
    /// The ids an edited module's front matter may name.
    module_refs: ModuleRefs,
    /// The ids an edited learner, pair or session may name.
    record_refs: RecordRefs,
    /// Bodies rendered before: most edits leave most bodies as they were.
    bodies: Bodies,
    jobs: Vec<Job>,
    deps: Deps,
    /// Output file of each job, by job index.
    outputs: Vec<String>,
    /// Search-index entry of each page that has one: output → (url, JSON).
    search: BTreeMap<String, (String, String)>,
    /// Every output file, for finding the ones an edit removed.
    files: BTreeSet<String>,
    /// Files changed since the site was last brought up to date: a broken
    /// edit stays pending until a later one fixes it.
    pending: BTreeSet<PathBuf>,
    /// A render failed after the program was replaced: the next update
    /// renders everything.
    stale: bool,
    /// Parsed files, so a reload parses only what changed.
    cache: Cache,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("root", &self.settings.root)
            .field("outputs", &self.files.len())
            .finish_non_exhaustive()
    }
}

/// What a full render produced.
struct Full {
    site: Site,
    outputs: Vec<String>,
    search: BTreeMap<String, (String, String)>,
}

impl Engine {
    /// Loads, checks and renders the whole program.
    pub fn start(settings: Settings) -> Result<(Engine, Site), Failure> {
        let history = History::read(&settings.root);
        let mut cache = Cache::default();
        let (checked, model_diagnostics, findings) = check(&settings, &mut cache, None)?;
        let derived = Derived::new(&checked.program, &checked.schedule, settings.today);
        let setting = Setting::new(&checked.program, &options(&settings, &history));
        let mut engine = Engine {
            derived,
            setting,
            bodies: Bodies::default(),
            module_refs: ModuleRefs::new(&checked.program),
            record_refs: RecordRefs::new(&checked.program),
            jobs: Vec::new(),
            deps: Deps::default(),
            outputs: Vec::new(),
            search: BTreeMap::new(),
            files: BTreeSet::new(),
            pending: BTreeSet::new(),
            stale: false,
            cache,
            settings,
            history,
            checked,
            model_diagnostics,
            findings,
        };
        engine.follow_links();
        let site = engine.render_all()?;
        Ok((engine, site))
    }

    /// The program as last checked without errors.
    pub fn checked(&self) -> &Checked {
        &self.checked
    }

    /// The figures of that program.
    pub fn metrics(&self) -> &Metrics {
        &self.derived.metrics
    }

    /// The theme's problems: the diagnostics after the model's.
    fn theme_problems(&self) -> impl Iterator<Item = &Diagnostic> {
        self.checked
            .diagnostics
            .iter()
            .skip(self.model_diagnostics.len())
    }

    /// Brings the site up to date with edits to `changed` (root-relative
    /// files) at once: [`begin`](Engine::begin), then every
    /// [`step`](Engine::step). On failure the files stay pending.
    pub fn update(&mut self, changed: &BTreeSet<PathBuf>) -> Result<Update, Failure> {
        let mut work = self.begin(changed)?;
        let mut update = Update::default();
        while !work.is_done() {
            let step = self.step(&mut work, &BTreeSet::new())?;
            update.removed.extend(step.removed);
            update.written.extend(step.written);
        }
        update.full = work.full;
        update.reloaded = work.reloaded;
        update.elapsed = work.elapsed();
        Ok(update)
    }

    /// Takes in edits to `changed` (root-relative files): the program is
    /// brought up to date and what must be rendered again is worked out,
    /// for [`step`](Engine::step) to render. A module text edit and a
    /// change of the site's shape are rendered here already. On failure
    /// nothing changes and the files stay pending.
    pub fn begin(&mut self, changed: &BTreeSet<PathBuf>) -> Result<Work, Failure> {
        let started = Instant::now();
        // A file that is gone and was never read changes nothing: `sed -i`
        // and some editors write a temporary file and rename it over the
        // one they save, within one batch of changes.
        let relevant = changed.iter().filter(|file| {
            self.settings.root.join(file).exists()
                || file.starts_with("themes")
                || self.checked.program.files.any_under(file)
        });
        self.pending.extend(relevant.cloned());
        let pending = self.pending.clone();
        let mut clock = Clock::new(started);
        let fast = if self.stale {
            None
        } else {
            self.module_edits(&pending)
                .map(|result| {
                    clock.lap("module");
                    result.map(Work::ready)
                })
                .or_else(|| self.program_edit(&pending, &mut clock))
                .or_else(|| self.record_edits(&pending, &mut clock))
        };
        let result = match fast {
            Some(result) => result,
            None => self.reload(&pending, &mut clock),
        };
        if result.is_ok() {
            self.pending.clear();
        }
        result.map(|work| Work { clock, ..work })
    }

    /// Renders the next part of `work`: the pages among `first` (site
    /// files, say the pages open in a browser) when any is left, else the
    /// next few pages, and once every page is done the feeds, theme files,
    /// site files and search index. On failure the pages rendered so far
    /// stay, and the next update renders everything.
    pub fn step(&mut self, work: &mut Work, first: &BTreeSet<String>) -> Result<Update, Failure> {
        let mut update = match work.ready.take() {
            Some(update) => update,
            None => {
                let chosen = self.next_pages(work, first);
                let result = if chosen.is_empty() {
                    work.finished = true;
                    let rest = std::mem::take(&mut work.rest);
                    let rendering = Instant::now();
                    let result = self.render_rest(&rest, work.index_changed);
                    work.clock.add("feeds and site files", rendering.elapsed());
                    result
                } else {
                    let rendering = Instant::now();
                    let result = self.render_pages(&chosen);
                    work.clock.add("pages", rendering.elapsed());
                    work.pace(chosen.len(), rendering.elapsed());
                    result.map(|(update, index_changed)| {
                        work.index_changed |= index_changed;
                        update
                    })
                };
                // The program is the new one and the site part old: until
                // a render succeeds, only a full one is sure to catch up.
                self.stale = result.is_err() || !work.finished;
                result?
            }
        };
        update.full = work.full;
        update.reloaded = work.reloaded;
        update.elapsed = work.elapsed();
        Ok(update)
    }

    /// The site files `work` has yet to write, or to remove.
    pub fn unwritten(&self, work: &Work) -> BTreeSet<String> {
        let mut files: BTreeSet<String> = work
            .pages
            .iter()
            .map(|&index| self.outputs[index].clone())
            .collect();
        if work.ready.is_none() && !work.finished {
            files.insert("search-index.json".into());
        }
        for output in &work.rest {
            match output {
                Output::Page(_) => {}
                Output::Feeds => {
                    files.extend(self.files.iter().filter(|f| f.ends_with(".ics")).cloned())
                }
                Output::Static(name) => {
                    files.insert(format!("static/{name}"));
                }
                Output::SiteFiles => {
                    files.extend(["sitemap.xml".to_string(), "robots.txt".to_string()])
                }
                Output::Exports => files.extend(pages::export_files(
                    &self.checked.program,
                    &self.derived.metrics,
                    self.settings.audience,
                )),
            }
        }
        files
    }

    /// The pages of `work` to render next, taken out of it.
    fn next_pages(&self, work: &mut Work, first: &BTreeSet<String>) -> Vec<usize> {
        let wanted: Vec<usize> = if first.is_empty() {
            Vec::new()
        } else {
            work.pages
                .iter()
                .copied()
                .filter(|&index| first.contains(&self.outputs[index]))
                .collect()
        };
        let chosen = if wanted.is_empty() {
            work.pages.iter().copied().take(work.batch).collect()
        } else {
            wanted
        };
        for index in &chosen {
            work.pages.remove(index);
        }
        chosen
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
        changed: &BTreeSet<PathBuf>,
        clock: &mut Clock,
    ) -> Option<Result<Work, Failure>> {
        let file = Path::new(crate::load::PROGRAM_FILE);
        if changed.len() != 1 || !changed.contains(file) {
            return None;
        }
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
            let records = file.starts_with("data/sessions")
                || file.starts_with("data/learners")
                || file == Path::new("data/pairs.yaml");
            if !records {
                return None;
            }
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

    /// The current diagnostics with `problems` added, for a failed edit.
    fn failure_with(&self, problems: Vec<Diagnostic>) -> Failure {
        let mut diagnostics = self.checked.diagnostics.clone();
        diagnostics.extend(problems);
        Failure {
            diagnostics,
            sources: self.checked.sources.clone(),
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
        let old_shape = (!theme_only).then(|| shape(&self.checked.program));
        let old_theme_shape = theme_shape(&self.checked.theme);
        let old_nav = nav(&self.checked.program);
        let old_diagnostics = self.checked.diagnostics.clone();
        let old_theme = if theme_only {
            let (theme, templates, problems) =
                crate::load_theme(&self.settings.root, &self.checked.program);
            let mut diagnostics = self.model_diagnostics.clone();
            diagnostics.extend(problems);
            let mut sources = self.checked.sources.clone();
            for template in theme.templates.iter().filter(|t| t.built_in) {
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
        let reshaped = old_shape.is_some_and(|old| old != shape(&self.checked.program))
            || old_theme_shape != theme_shape(&self.checked.theme);
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
            if !theme_only {
                let options = self.options();
                let input = self.input()?;
                self.jobs = pages::jobs(&self.shared(&input, &options));
            }
            self.deps = Deps::record(&self.checked.program, &self.jobs, &self.checked.theme);
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

    /// Renders every output, as after a change of the site's shape.
    fn render_everything(&mut self) -> Result<Update, Failure> {
        self.stale = true;
        let before = std::mem::take(&mut self.files);
        let site = self
            .render_all()
            .inspect_err(|_| self.files = before.clone())?;
        self.stale = false;
        let removed = before.difference(&self.files).cloned().collect();
        Ok(Update {
            written: site
                .files()
                .map(|(path, bytes)| (path.to_string(), bytes.to_vec()))
                .collect(),
            removed,
            full: true,
            reloaded: false,
            elapsed: Duration::ZERO,
        })
    }

    fn options(&self) -> RenderOptions<'_> {
        options(&self.settings, &self.history)
    }

    /// What the pages are rendered from: the program kept, with its
    /// compiled templates, which an engine always has.
    fn input(&self) -> Result<render::Input<'_>, Failure> {
        self.checked.input(&self.derived).ok_or_else(|| {
            self.failure_with(vec![Diagnostic::new(
                crate::diagnostic::Code::TemplateError,
                "internal: the theme's templates are not compiled",
            )])
        })
    }

    fn shared<'a>(
        &'a self,
        input: &'a render::Input<'a>,
        options: &'a RenderOptions<'a>,
    ) -> Shared<'a> {
        self.setting.shared(input, options, Some(&self.bodies))
    }

    /// Keeps the bodies rendered before only while every link leads where
    /// it did.
    fn follow_links(&mut self) {
        self.bodies.follow(
            &self.checked.program,
            &self.checked.links,
            &self.setting.urls,
        );
    }

    /// Renders every output, as `render::render` does, keeping what later
    /// partial renders need.
    fn render_all(&mut self) -> Result<Site, Failure> {
        let full = {
            let options = self.options();
            let input = self.input()?;
            let shared = self.shared(&input, &options);
            let jobs = pages::jobs(&shared);
            let mut outputs = Vec::with_capacity(jobs.len());
            let mut search = BTreeMap::new();
            let site = render::render_jobs(&shared, input.templates, &jobs, |output| {
                outputs.push(output.path.clone());
                if let Some(entry) = &output.search {
                    search.insert(output.path.clone(), search_json(entry));
                }
            })
            .map_err(|problems| self.failure_with(problems))?
            .site;
            self.jobs = jobs;
            Full {
                site,
                outputs,
                search,
            }
        };
        self.deps = Deps::record(&self.checked.program, &self.jobs, &self.checked.theme);
        self.outputs = full.outputs;
        self.search = full.search;
        self.files = full.site.files().map(|(p, _)| p.to_string()).collect();
        Ok(full.site)
    }

    /// Renders the chosen outputs, and the search index when an entry of it
    /// changed.
    fn render_outputs(&mut self, outputs: &BTreeSet<Output>) -> Result<Update, Failure> {
        let pages: Vec<usize> = outputs
            .iter()
            .filter_map(|o| match o {
                Output::Page(index) => Some(*index),
                _ => None,
            })
            .collect();
        let (mut update, index_changed) = self.render_pages(&pages)?;
        let rest = self.render_rest(outputs, index_changed)?;
        update.written.extend(rest.written);
        update.removed.extend(rest.removed);
        Ok(update)
    }

    /// Renders the pages of the chosen jobs, keeping their search-index
    /// entries; says whether an entry changed.
    fn render_pages(&mut self, chosen: &[usize]) -> Result<(Update, bool), Failure> {
        let mut update = Update::default();
        let options = self.options();
        let input = self.input()?;
        let shared = self.shared(&input, &options);
        let results: Vec<_> = chosen
            .par_iter()
            .map(|&index| {
                let output = pages::render_job(&shared, input.templates, &self.jobs[index])?;
                let entry = output.search.as_ref().map(search_json);
                Ok::<_, Box<Diagnostic>>((output, entry))
            })
            .collect();
        let mut problems = Vec::new();
        let mut search = Vec::new();
        for (index, result) in chosen.iter().zip(results) {
            match result {
                Ok((output, entry)) if output.path == self.outputs[*index] => {
                    if let Some(entry) = entry {
                        search.push((output.path.clone(), entry));
                    }
                    update.written.insert(output.path, output.html.into_bytes());
                }
                Ok((output, _)) => problems.push(Diagnostic::new(
                    crate::diagnostic::Code::TemplateError,
                    format!(
                        "internal: {} moved to {} without a full render",
                        self.outputs[*index], output.path
                    ),
                )),
                Err(problem) => problems.push(*problem),
            }
        }
        if !problems.is_empty() {
            return Err(self.failure_with(problems));
        }
        let mut index_changed = false;
        for (path, entry) in search {
            index_changed |= self.search.get(&path) != Some(&entry);
            self.search.insert(path, entry);
        }
        self.files.extend(update.written.keys().cloned());
        Ok((update, index_changed))
    }

    /// Renders the outputs that are not pages (their pages are done), and
    /// the search index when `index_changed` or the site files are chosen.
    fn render_rest(
        &mut self,
        outputs: &BTreeSet<Output>,
        mut index_changed: bool,
    ) -> Result<Update, Failure> {
        let mut update = Update::default();
        let options = self.options();
        let input = self.input()?;
        let shared = self.shared(&input, &options);
        for output in outputs {
            match output {
                Output::Page(_) => {}
                Output::Feeds => {
                    let mut feeds = Site::new();
                    calendar::write_feeds(&shared.calendar(), &mut feeds);
                    // A feed whose calendar is gone (a mentor no longer
                    // public) is removed.
                    update.removed.extend(
                        self.files
                            .iter()
                            .filter(|f| f.ends_with(".ics") && feeds.get(f).is_none())
                            .cloned(),
                    );
                    for (path, bytes) in feeds.files() {
                        update.written.insert(path.to_string(), bytes.to_vec());
                    }
                }
                Output::Static(name) => {
                    let statics = &self.checked.theme.statics;
                    if let Some((_, bytes)) = statics.iter().find(|(n, _)| n == name) {
                        update
                            .written
                            .insert(format!("static/{name}"), bytes.clone());
                    }
                }
                Output::SiteFiles => {
                    // The sitemap and robots.txt come with the search index;
                    // only the entries are needed, never their keywords.
                    let mut files = Site::new();
                    pages::site_files(&shared, &mut files, Vec::new(), self.sitemap());
                    for name in ["sitemap.xml", "robots.txt"] {
                        if let Some(bytes) = files.get(name) {
                            update.written.insert(name.to_string(), bytes.to_vec());
                        }
                    }
                    index_changed = true;
                }
                Output::Exports => {
                    let mut files = Site::new();
                    pages::exports(&shared, &mut files);
                    for (path, bytes) in files.files() {
                        update.written.insert(path.to_string(), bytes.to_vec());
                    }
                }
            }
        }
        if index_changed {
            update
                .written
                .insert("search-index.json".into(), self.search_index().into_bytes());
        }
        for path in &update.removed {
            self.files.remove(path);
        }
        self.files.extend(update.written.keys().cloned());
        Ok(update)
    }

    /// The outputs listed in the sitemap.
    fn sitemap(&self) -> Vec<String> {
        self.jobs
            .iter()
            .zip(&self.outputs)
            .filter(|(job, _)| job.kind().listed)
            .map(|(_, path)| path.clone())
            .collect()
    }

    /// `search-index.json` from the entries kept, in the order
    /// `pages::site_files` writes them (by URL).
    fn search_index(&self) -> String {
        let mut entries: Vec<&(String, String)> = self.search.values().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut json =
            String::with_capacity(entries.iter().map(|e| e.1.len() + 1).sum::<usize>() + 2);
        json.push('[');
        for (i, (_, entry)) in entries.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            json.push_str(entry);
        }
        json.push(']');
        json
    }
}

/// About how long one step of an update renders: short enough that a page
/// asked for meanwhile waits little, long enough that steps cost little.
const STEP: Duration = Duration::from_millis(20);

/// Pages in an update's first step when none is asked for; later steps
/// take as many as the last ones rendered in [`STEP`]. (A path page of a
/// large program costs as much as fifty module pages.)
const FIRST_BATCH: usize = 16;

/// An update under way: what is left to render, for
/// [`Engine::step`].
#[derive(Debug)]
pub struct Work {
    /// Pages left, by job index.
    pages: BTreeSet<usize>,
    /// The outputs that are not pages, rendered after every page.
    rest: BTreeSet<Output>,
    /// Rendered already, to be handed out by the next step.
    ready: Option<Update>,
    /// Whether a rendered page's search-index entry changed.
    index_changed: bool,
    /// Pages in the next step.
    batch: usize,
    /// Whether the last step is done.
    finished: bool,
    /// Whether every output is rendered.
    full: bool,
    /// Whether the whole program was loaded and checked again.
    reloaded: bool,
    /// When the edit was taken in, and how long each stage took.
    clock: Clock,
}

impl Work {
    fn of(outputs: BTreeSet<Output>) -> Work {
        let (pages, rest): (BTreeSet<Output>, BTreeSet<Output>) = outputs
            .into_iter()
            .partition(|o| matches!(o, Output::Page(_)));
        Work {
            pages: pages
                .into_iter()
                .filter_map(|o| match o {
                    Output::Page(index) => Some(index),
                    _ => None,
                })
                .collect(),
            rest,
            ready: None,
            index_changed: false,
            batch: FIRST_BATCH,
            finished: false,
            full: false,
            reloaded: false,
            clock: Clock::new(Instant::now()),
        }
    }

    fn ready(update: Update) -> Work {
        Work {
            pages: BTreeSet::new(),
            rest: BTreeSet::new(),
            full: update.full,
            reloaded: update.reloaded,
            ready: Some(update),
            index_changed: false,
            batch: FIRST_BATCH,
            finished: true,
            clock: Clock::new(Instant::now()),
        }
    }

    /// Sizes the next step from the last: `pages` took `took`.
    fn pace(&mut self, pages: usize, took: Duration) {
        let per_page = took.as_secs_f64() / pages.max(1) as f64;
        let fits = (STEP.as_secs_f64() / per_page.max(1e-6)) as usize;
        self.batch = fits.clamp(1, 1024);
    }

    /// Whether every step is done.
    pub fn is_done(&self) -> bool {
        self.ready.is_none() && self.finished
    }

    /// Whether every output is rendered.
    pub fn full(&self) -> bool {
        self.full
    }

    /// Time since the edit was taken in.
    pub fn elapsed(&self) -> Duration {
        self.clock.started.elapsed()
    }

    /// How long each stage of the update took so far, in order.
    pub fn stages(&self) -> &[(&'static str, Duration)] {
        &self.clock.stages
    }
}

/// The time each stage of an update took; a stage named again adds up.
#[derive(Debug)]
struct Clock {
    started: Instant,
    /// The end of the last stage timed by [`Clock::lap`].
    mark: Instant,
    stages: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn new(started: Instant) -> Clock {
        Clock {
            started,
            mark: started,
            stages: Vec::new(),
        }
    }

    /// The stage `name` ends now: it took the time since the last one.
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.add(name, now - self.mark);
        self.mark = now;
    }

    /// The stage `name` took `took` more.
    fn add(&mut self, name: &'static str, took: Duration) {
        match self.stages.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += took,
            None => self.stages.push((name, took)),
        }
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

fn search_json(entry: &SearchEntry) -> (String, String) {
    let json = serde_json::to_string(entry).unwrap_or_default();
    (entry.url.clone(), json)
}

/// How pages are rendered for `settings`, with `history`'s dates.
fn options<'a>(settings: &'a Settings, history: &'a History) -> RenderOptions<'a> {
    RenderOptions {
        audience: settings.audience,
        today: settings.today,
        base_url: settings.base_url.clone(),
        secret: settings.secret.as_ref(),
        history,
    }
}

/// The program checked, and the diagnostics of the program alone (without
/// the theme's), so a template edit can replace just the theme's.
fn check(
    settings: &Settings,
    cache: &mut Cache,
    curriculum: Option<Vec<Diagnostic>>,
) -> Result<(Checked, Diagnostics, Findings), Failure> {
    let (mut checked, findings) =
        crate::check_model_cached(&settings.root, settings.today, cache, curriculum);
    let model_diagnostics = checked.diagnostics.clone();
    crate::add_theme(&settings.root, &mut checked);
    if checked.diagnostics.has_errors() || checked.templates.is_none() {
        return Err(Failure {
            diagnostics: checked.diagnostics,
            sources: checked.sources,
        });
    }
    Ok((checked, model_diagnostics, findings))
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
fn shape(program: &Program) -> Vec<String> {
    let mut shape = Vec::new();
    shape.extend(
        program
            .modules
            .iter()
            .map(|m| format!("m {} {:?}", m.key, m.path)),
    );
    shape.extend(
        program
            .paths
            .iter()
            .map(|p| format!("p {} {:?}", p.key, p.modules)),
    );
    shape.extend(program.pages.iter().map(|p| format!("g {}", p.key)));
    shape.extend(program.cohorts.iter().map(|c| format!("c {}", c.key)));
    shape.extend(program.learners.iter().map(|l| format!("l {}", l.key)));
    shape.extend(program.pairs.iter().map(|p| format!("r {}", p.key)));
    shape.extend(
        program
            .mentors
            .iter()
            .map(|m| format!("t {} {}", m.key, m.public_profile)),
    );
    shape
}

/// What of the theme decides which outputs exist: its templates and files.
fn theme_shape(theme: &Theme) -> Vec<String> {
    let mut shape = vec![format!("theme {}", theme.name)];
    shape.extend(theme.templates.iter().map(|t| format!("T {}", t.name)));
    shape.extend(theme.statics.iter().map(|(n, _)| format!("S {n}")));
    shape
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
fn front_matter(module: &Module) -> String {
    let mut front = module.clone();
    front.body = String::new();
    front.body_line = 0;
    format!("{front:?}")
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
    let read = |p: &Program| {
        format!(
            "{:?} {:?} {:?} {:?} {:?} {:?} {}",
            p.outcomes,
            p.roles,
            p.journey,
            p.settings.timezone,
            p.settings.theme,
            p.settings.theme_at,
            p.settings.response_hours
        )
    };
    read(old) == read(new)
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

    #[test]
    fn a_step_takes_as_many_pages_as_the_last_ones_rendered_in_its_time() {
        let mut work = Work::of(BTreeSet::new());
        assert_eq!(work.batch, FIRST_BATCH);
        // 16 pages in 40 ms: 2.5 ms a page, 8 in a 20 ms step.
        work.pace(16, Duration::from_millis(40));
        assert_eq!(work.batch, 8);
        // Far slower than a step: still one page at a time.
        work.pace(1, Duration::from_secs(1));
        assert_eq!(work.batch, 1);
        // Pages that cost nothing measurable: a bounded step.
        work.pace(4, Duration::ZERO);
        assert_eq!(work.batch, 1024);
    }
}
