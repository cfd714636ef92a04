//! Incremental rebuilds: the build's stages run as `build` runs them (load,
//! resolve, derive, check with the theme compiled once, the derived facts,
//! render), and their results stay in memory with the dependency record,
//! so an edit renders again only the outputs made from what changed.
//!
//! The engine here keeps that state and renders; `edits` takes an edit
//! through the stages, each saying which inputs of the record its results
//! moved (`patch` does the load and model stages in place where an edit
//! allows); `work` hands the outputs to render out step by step, the pages
//! asked for first.
//!
//! However far back an edit reaches, the site is byte for byte the one a
//! full build of the same inputs renders (`tests/incremental.rs`, and random
//! sequences of edits in `tests/serve_differential.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;

mod edits;
mod patch;
mod work;

use super::deps::{Deps, Output};
use crate::derive::Derived;
use crate::derive::history::History;
use crate::derive::metrics::Metrics;
use crate::diagnostic::{Diagnostic, Diagnostics, Sources};
use crate::load::Cache;
use crate::model::resolve::{ModuleRefs, RecordRefs};
use crate::render::bodies::Bodies;
use crate::render::pages::{self, Job, Shared};
use crate::render::{self, Audience, RenderOptions, Secret, Setting, Site, calendar};
use crate::{Checked, Findings};
use work::Clock;
pub use work::{Update, Work};

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
    /// Output file of each job, by job index, as its kind declares it.
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
    jobs: Vec<Job>,
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
    /// for [`step`](Engine::step) to render. A change of the site's shape
    /// is rendered here already. On failure
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
        let result = self.take_in(&pending, &mut clock);
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
            files.insert(pages::SEARCH_INDEX.into());
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
                    files.extend([pages::SITEMAP.to_string(), pages::ROBOTS.to_string()])
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

    /// The current diagnostics with `problems` added, for a failed edit.
    fn failure_with(&self, problems: Vec<Diagnostic>) -> Failure {
        let mut diagnostics = self.checked.diagnostics.clone();
        diagnostics.extend(problems);
        Failure {
            diagnostics,
            sources: self.checked.sources.clone(),
        }
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
            let mut search = BTreeMap::new();
            let site = render::render_jobs(&shared, input.templates, &jobs, |output| {
                if let Some(entry) = &output.search {
                    search.insert(output.path.clone(), pages::search_entry(entry));
                }
            })
            .map_err(|problems| self.failure_with(problems))?
            .site;
            Full { site, jobs, search }
        };
        self.set_jobs(full.jobs);
        self.search = full.search;
        self.files = full.site.files().map(|(p, _)| p.to_string()).collect();
        Ok(full.site)
    }

    /// Takes `jobs` as the site's pages: their output files, as each page's
    /// kind declares them, and the dependency record.
    fn set_jobs(&mut self, jobs: Vec<Job>) {
        let program = &self.checked.program;
        self.outputs = jobs.iter().map(|job| job.file(program)).collect();
        self.deps = Deps::record(program, &jobs, &self.checked.theme);
        self.jobs = jobs;
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
                let entry = output.search.as_ref().map(pages::search_entry);
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
                    for name in [pages::SITEMAP, pages::ROBOTS] {
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
            update.written.insert(
                pages::SEARCH_INDEX.into(),
                pages::search_index(self.search.values()).into_bytes(),
            );
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
