//! One way through every edit, stage by stage as a build runs them; each
//! stage says which of the pages' inputs its results moved, comparing
//! typed values before and after (never their printed form):
//!
//! 1. **load and model**: the edited files are read again and, where
//!    [`Reach`] allows and every record keeps its id, its place and what
//!    the rest of the program reads of it, patched into the program in
//!    place (`patch.rs`: module texts, the settings pages show, learners,
//!    pairs and sessions). Any other edit, or one a patch refuses, loads,
//!    resolves and checks the program again, unchanged files from the
//!    parse cache (or only the theme, when only the theme changed);
//! 2. **check**: what reads a patched record runs again: a module's own
//!    checks, every check but the curriculum's for records, none for the
//!    settings pages show;
//! 3. **derive**: people and the figures of the cohorts that read a
//!    replaced record, or all of them after a reload;
//! 4. **outputs**: the dependency record turns the inputs that moved into
//!    the outputs to render ([`Delta`]); every output is rendered when
//!    which outputs exist changed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::patch::{Patch, front_matter};
use super::work::{Clock, Work};
use super::{Engine, Failure, check, options};
use crate::derive::Derived;
use crate::derive::metrics::Metrics;
use crate::load::Holds;
use crate::load::theme::Theme;
use crate::model::resolve::{ModuleRefs, RecordRefs};
use crate::model::{ModuleId, PathId, Program};
use crate::render::pages;
use crate::serve::deps::{self, Deps, Read};

/// How far back in the pipeline the files of an edit reach, by what
/// `load` makes of each: the patch the model stage tries first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Module files alone: their texts, when only those changed.
    Modules,
    /// `data/program.yaml` alone: the settings, when only what pages show
    /// of them changed.
    Settings,
    /// Learner, pair and session files alone.
    Records,
    /// The theme's templates and files alone: the program is kept.
    Theme,
    /// Anything else, or several kinds at once: the program is loaded again.
    Program,
}

impl Reach {
    /// The reach of the files `changed`, for a program whose theme is
    /// named `theme`.
    fn of(changed: &BTreeSet<PathBuf>, theme: &str) -> Reach {
        let holds: Vec<Option<Holds>> = changed.iter().map(|f| Holds::of(f)).collect();
        // A path no input names (a directory, a new kind of file) is not
        // the theme's, and reloads everything to be safe.
        let theme_only = changed.iter().all(|file| {
            let inputs = deps::inputs_of(file, theme, &[]);
            !inputs.is_empty()
                && inputs
                    .iter()
                    .all(|i| matches!(i, Read::Template(_) | Read::Static(_)))
        });
        if holds.iter().all(|h| *h == Some(Holds::Module)) {
            Reach::Modules
        } else if holds == [Some(Holds::Program)] {
            Reach::Settings
        } else if holds
            .iter()
            .all(|h| matches!(h, Some(Holds::Learner | Holds::Pairs | Holds::Sessions)))
        {
            Reach::Records
        } else if theme_only {
            Reach::Theme
        } else {
            Reach::Program
        }
    }
}

/// What an edit moved, as the stages report it to the dependency record.
#[derive(Debug, Default)]
pub(super) struct Delta {
    /// The inputs whose values changed.
    pub(super) inputs: BTreeSet<Read>,
    /// Which outputs exist, or where, changed: every output is rendered.
    pub(super) reshaped: bool,
    /// How much of the dependency record must be made again.
    pub(super) record: Record,
}

/// How much of the dependency record an edit makes stale.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) enum Record {
    /// The record stands.
    #[default]
    Kept,
    /// What pages read moved (a learner's cohort, a template's includes):
    /// the record is made again for the same pages.
    Reads,
    /// The program was loaded again: its pages are listed and recorded
    /// again.
    Pages,
}

impl Engine {
    /// Takes in the edits of `changed` through the stages, and works out
    /// which outputs to render. On failure the program is as it was.
    pub(super) fn take_in(
        &mut self,
        changed: &BTreeSet<PathBuf>,
        clock: &mut Clock,
    ) -> Result<Work, Failure> {
        let program = &self.checked.program;
        // After a failed render only a full one is sure to catch up.
        let reach = if self.stale {
            Reach::Program
        } else {
            Reach::of(changed, &program.settings.theme)
        };
        let mut delta = Delta {
            reshaped: self.stale,
            ..Delta::default()
        };
        let texts = match reach {
            Reach::Modules | Reach::Settings | Reach::Records => self.read_again(changed)?,
            Reach::Theme | Reach::Program => None,
        };
        let patch = match (reach, &texts) {
            (Reach::Modules, Some(texts)) => self.patch_modules(texts)?,
            (Reach::Settings, Some(texts)) => self.patch_settings(texts)?,
            (Reach::Records, Some(texts)) => self.patch_records(texts)?,
            _ => None,
        };
        clock.lap("read and resolve");
        let reloaded = match patch {
            Some(Patch::Modules(replaced)) => {
                let program = &self.checked.program;
                for (id, old) in &replaced {
                    let new = program.module(*id);
                    let file = program.files.path(new.file).to_path_buf();
                    // What others show of a module is its front matter, and
                    // mostly its title: an edit of the text alone renders
                    // the module's own page.
                    if new.title != old.title {
                        delta.inputs.insert(Read::Title(file.clone()));
                    }
                    if front_matter(new) != front_matter(old) {
                        delta.inputs.insert(Read::Front(file.clone()));
                    }
                    delta.inputs.insert(Read::Content(file));
                }
                false
            }
            Some(Patch::Settings) => {
                let options = options(&self.settings, &self.history);
                self.setting.reframe(&self.checked.program, &options);
                delta.inputs.insert(Read::Program);
                clock.lap("settings");
                false
            }
            Some(Patch::Records(replaced)) => {
                self.settle_records(replaced, changed, &mut delta, clock)?;
                false
            }
            None if reach == Reach::Theme => {
                self.reload_theme(changed, &mut delta, clock)?;
                false
            }
            None => {
                self.reload(changed, &mut delta, clock)?;
                true
            }
        };
        self.plan(delta, reloaded, clock)
    }

    /// The edited files' texts, read again and put in the diagnostics'
    /// sources so reports quote them as they are now; `None` when one is
    /// gone (removed, or renamed away), which no patch takes in.
    fn read_again(
        &mut self,
        changed: &BTreeSet<PathBuf>,
    ) -> Result<Option<BTreeMap<PathBuf, String>>, Failure> {
        let mut texts = BTreeMap::new();
        for file in changed {
            if !self.settings.root.join(file).is_file() {
                return Ok(None);
            }
            let text = crate::load::fs::read_text(&self.settings.root, file)
                .map_err(|problem| self.failure_with(vec![*problem]))?;
            self.checked.sources.insert(file.clone(), text.clone());
            texts.insert(file.clone(), text);
        }
        Ok(Some(texts))
    }

    /// The outputs `delta` makes stale, to render step by step; all of
    /// them, rendered at once, when the site's shape changed.
    fn plan(&mut self, delta: Delta, reloaded: bool, clock: &mut Clock) -> Result<Work, Failure> {
        if delta.reshaped {
            let update = self.render_everything();
            clock.lap("render");
            return update.map(|update| Work {
                reloaded,
                ..Work::ready(update)
            });
        }
        match delta.record {
            Record::Kept => {}
            Record::Reads => {
                self.deps = Deps::record(&self.checked.program, &self.jobs, &self.checked.theme);
            }
            Record::Pages => {
                let options = self.options();
                let input = self.input()?;
                let jobs = pages::jobs(&self.shared(&input, &options));
                self.set_jobs(jobs);
            }
        }
        clock.lap("dependency record");
        let outputs = self.deps.dependents(&delta.inputs);
        // The program is the new one, the site still the old: until every
        // step has succeeded, only a full render is sure to catch up.
        self.stale = true;
        Ok(Work {
            reloaded,
            ..Work::of(outputs)
        })
    }

    /// The theme alone loaded and checked again; the program is kept.
    fn reload_theme(
        &mut self,
        changed: &BTreeSet<PathBuf>,
        delta: &mut Delta,
        clock: &mut Clock,
    ) -> Result<(), Failure> {
        let (theme, templates, problems) =
            crate::load_theme(&self.settings.root, &self.checked.program);
        let mut diagnostics = self.model_diagnostics.clone();
        diagnostics.extend(problems);
        let mut sources = self.checked.sources.clone();
        for template in &theme.templates {
            sources.insert(template.origin.clone(), template.text.clone());
        }
        for catalog in theme.catalogs.iter().filter(|c| !c.built_in) {
            sources.insert(catalog.origin.clone(), catalog.text.clone());
        }
        if diagnostics.has_errors() || templates.is_none() {
            return Err(Failure {
                diagnostics,
                sources,
            });
        }
        clock.lap("theme");
        self.changed_files(changed, &mut delta.inputs);
        if diagnostics.sorted() != self.checked.diagnostics.sorted() {
            delta.inputs.insert(Read::Diagnostics);
        }
        self.checked.templates = templates;
        self.checked.diagnostics = diagnostics;
        self.checked.sources = sources;
        let old = std::mem::replace(&mut self.checked.theme, theme);
        let new = &self.checked.theme;
        delta.reshaped |= ThemeShape::of(&old) != ThemeShape::of(new);
        changed_theme(&old, new, &mut delta.inputs);
        // A template edit that keeps which templates each one reaches
        // leaves the pages and so the record as they were.
        if !deps::same_template_graph(&old, new) {
            delta.record = Record::Reads;
        }
        Ok(())
    }

    /// The whole program loaded, resolved, checked and derived again,
    /// unchanged files from the parse cache.
    fn reload(
        &mut self,
        changed: &BTreeSet<PathBuf>,
        delta: &mut Delta,
        clock: &mut Clock,
    ) -> Result<(), Failure> {
        let old_shape = Shape::of(&self.checked.program);
        let old_nav = nav(&self.checked.program);
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
        self.changed_files(changed, &mut delta.inputs);
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
        moved_figures(
            &checked.program,
            &self.derived.metrics,
            &derived.metrics,
            &mut delta.inputs,
        );
        self.derived = derived;
        clock.lap("figures");
        let old = std::mem::replace(&mut self.checked, checked);
        if !content_kept {
            self.follow_links();
            clock.lap("links");
        }
        let new = &self.checked;
        delta.reshaped |= old_shape != Shape::of(&new.program)
            || ThemeShape::of(&old.theme) != ThemeShape::of(&new.theme);
        // Navigation titles, figures, templates and diagnostics are compared
        // rather than inferred from file names: a path's intro may change
        // without its title, and a check of one file may speak of another.
        if old_nav != nav(&new.program) {
            delta.inputs.insert(Read::Nav);
        }
        if old.diagnostics.sorted() != new.diagnostics.sorted() {
            delta.inputs.insert(Read::Diagnostics);
        }
        changed_theme(&old.theme, &new.theme, &mut delta.inputs);
        delta.record = Record::Pages;
        Ok(())
    }

    /// What the files `changed` are to the dependency record, for an edit
    /// that reloaded them: the program's old cohorts count as well, since a
    /// change in their number changes the site's shape.
    fn changed_files(&self, changed: &BTreeSet<PathBuf>, inputs: &mut BTreeSet<Read>) {
        let program = &self.checked.program;
        let cohorts: Vec<_> = program.cohorts_with_ids().map(|(id, _)| id).collect();
        let theme = &program.settings.theme;
        inputs.extend(
            changed
                .iter()
                .flat_map(|file| deps::inputs_of(file, theme, &cohorts)),
        );
    }
}

/// Adds the figures of `program` that moved from `old` to `new` to
/// `inputs`: those of each cohort, and [`Read::Figures`] when any did.
pub(super) fn moved_figures(
    program: &Program,
    old: &Metrics,
    new: &Metrics,
    inputs: &mut BTreeSet<Read>,
) {
    if old == new {
        return;
    }
    inputs.insert(Read::Figures);
    for ((id, _), cohort) in program.cohorts_with_ids().zip(&new.cohorts) {
        if old.cohorts.get(id.index()) != Some(cohort) {
            inputs.insert(Read::CohortFigures(id));
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
/// files; and its catalogs, whose words any page may print.
#[derive(Debug, PartialEq, Eq)]
struct ThemeShape {
    name: String,
    templates: Vec<String>,
    statics: Vec<String>,
    catalogs: Vec<(PathBuf, String)>,
}

impl ThemeShape {
    fn of(theme: &Theme) -> ThemeShape {
        ThemeShape {
            name: theme.name.clone(),
            templates: theme.templates.iter().map(|t| t.name.clone()).collect(),
            statics: theme.statics.iter().map(|(n, _)| n.clone()).collect(),
            catalogs: theme
                .catalogs
                .iter()
                .map(|c| (c.origin.clone(), c.text.clone()))
                .collect(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn reach(files: &[&str]) -> Reach {
        Reach::of(&files.iter().map(PathBuf::from).collect(), "default")
    }

    #[test]
    fn an_edit_reaches_as_far_as_what_load_makes_of_its_files() {
        assert_eq!(reach(&["content/paths/a/b.md"]), Reach::Modules);
        assert_eq!(
            reach(&["content/paths/a/b.md", "content/paths/c/d.md"]),
            Reach::Modules
        );
        assert_eq!(reach(&["data/program.yaml"]), Reach::Settings);
        assert_eq!(
            reach(&[
                "data/learners/a.yaml",
                "data/pairs.yaml",
                "data/sessions/s.yml"
            ]),
            Reach::Records
        );
        assert_eq!(
            reach(&[
                "themes/default/templates/module.html",
                "themes/default/static/site.css"
            ]),
            Reach::Theme
        );
        // A path's intro or a page, files load does not read as records,
        // another theme's files, or several kinds at once reload the
        // program.
        assert_eq!(reach(&["content/paths/a/_index.md"]), Reach::Program);
        assert_eq!(
            reach(&["content/paths/a/b.md", "content/pages/c.md"]),
            Reach::Program
        );
        assert_eq!(reach(&["content/paths/a/b/c.md"]), Reach::Program);
        assert_eq!(reach(&["content/paths/a/.b.md.swp"]), Reach::Program);
        assert_eq!(reach(&["data/learners/.a.yaml.swp"]), Reach::Program);
        assert_eq!(reach(&["data/learners"]), Reach::Program);
        assert_eq!(reach(&["data/mentors.yaml"]), Reach::Program);
        assert_eq!(
            reach(&["themes/other/templates/module.html"]),
            Reach::Program
        );
        assert_eq!(
            reach(&["data/program.yaml", "data/pairs.yaml"]),
            Reach::Program
        );
        assert_eq!(
            reach(&["content/paths/a/b.md", "data/pairs.yaml"]),
            Reach::Program
        );
        assert_eq!(
            reach(&[
                "content/paths/a/b.md",
                "themes/default/templates/module.html"
            ]),
            Reach::Program
        );
    }
}
