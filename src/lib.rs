//! telemachy: a static site generator for mentorship programs.
//!
//! The pipeline is the module tree: [`load`] reads the repository into raw
//! records, [`model`] resolves them into a typed program, [`derive`](mod@derive) computes
//! what several later stages need (occurrences of recurring sessions, where
//! links lead), [`theme`](mod@theme) compiles the theme's templates once,
//! [`check`] validates the journey, curriculum, schedule and theme, and
//! [`diagnostic`] prints what was found. After the checks
//! [`derive::Derived`] holds what only the pages read (people, figures).
//! [`render`] turns the checked program, the derived facts and the compiled
//! templates into a [`render::Site`] in memory, [`privacy_guard`] reads a
//! public site for personal data nobody consented to publish, and
//! [`write`](mod@write) swaps it into the output directory; [`build`] runs
//! the whole pipeline. [`serve`] runs the same stages, keeps their results
//! in memory and brings them up to date after each edit. [`changes`] runs
//! the stages up to check on two git revisions and says what changed.

pub mod build;
pub mod changes;
pub mod check;
pub mod derive;
pub mod diagnostic;
pub mod edit;
pub mod import;
pub mod init;
pub mod load;
pub mod model;
pub mod privacy_guard;
pub mod render;
pub mod serve;
#[cfg(test)]
pub(crate) mod testing;
pub mod theme;
pub mod write;

// Below every stage: any of them may use it.
pub(crate) mod text;

use std::path::Path;

use chrono::NaiveDate;

use derive::Derived;
use derive::links::Resolver;
use diagnostic::{Diagnostics, Sources};
use model::Program;
use theme::Templates;

/// A loaded and checked program, with everything found along the way.
#[derive(Debug)]
pub struct Checked {
    /// The resolved program.
    pub program: Program,
    /// Occurrences of every session.
    pub schedule: derive::occurrences::Schedule,
    /// Where the program's internal links lead, for the checks and the pages.
    pub links: Resolver,
    /// The theme named by the program, after the lookup order.
    pub theme: load::theme::Theme,
    /// The theme's templates, compiled once; `None` when they do not
    /// compile (a diagnostic says why) or the theme was not loaded.
    pub templates: Option<Templates>,
    /// Source texts, for printing diagnostics.
    pub sources: Sources,
    /// Everything found by loading and checking.
    pub diagnostics: Diagnostics,
    /// How loading used the parse cache on disk.
    pub cache: load::cache::Stats,
}

impl Checked {
    /// What the pages are rendered from, with `derived` computed from this
    /// program; `None` without compiled templates (the program has errors).
    pub fn input<'a>(&'a self, derived: &'a Derived) -> Option<render::Input<'a>> {
        Some(render::Input {
            program: &self.program,
            schedule: &self.schedule,
            diagnostics: &self.diagnostics,
            links: &self.links,
            derived,
            theme: &self.theme,
            templates: self.templates.as_ref()?,
        })
    }
}

/// Loads the program at `root` and runs every check as of `today`.
pub fn check_program(root: &Path, today: NaiveDate) -> Checked {
    check_program_using(root, today, load::cache::Mode::Off)
}

/// [`check_program`], using the program's parse cache on disk as `cache`
/// allows.
pub fn check_program_using(root: &Path, today: NaiveDate, cache: load::cache::Mode) -> Checked {
    let loaded = load::load_using(root, cache);
    let stats = loaded.cache.clone();
    let mut checked = check_loaded(loaded, today, None).0;
    checked.cache = stats;
    add_theme(root, &mut checked);
    checked
}

/// Loads the program at `root` and runs every check but the theme's; the
/// theme is left empty for [`add_theme`].
pub fn check_model(root: &Path, today: NaiveDate) -> Checked {
    check_loaded(load::load(root), today, None).0
}

/// What loading and checking found, stage by stage, so that a served
/// program can run one stage again and keep what the others found.
#[derive(Debug, Clone, Default)]
pub struct Findings {
    /// Reading, parsing and resolving the files.
    pub model: Diagnostics,
    /// The curriculum's checks, which read only `content/` and the
    /// program's outcomes.
    pub curriculum: Vec<diagnostic::Diagnostic>,
}

/// [`check_model`], parsing only the files changed since `cache` saw them,
/// and taking the curriculum's findings as given when `curriculum` is set
/// (no content file and no outcome changed since they were found).
pub fn check_model_cached(
    root: &Path,
    today: NaiveDate,
    cache: &mut load::Cache,
    curriculum: Option<Vec<diagnostic::Diagnostic>>,
) -> (Checked, Findings) {
    check_loaded(load::load_cached(root, cache), today, curriculum)
}

fn check_loaded(
    loaded: load::Loaded,
    today: NaiveDate,
    curriculum: Option<Vec<diagnostic::Diagnostic>>,
) -> (Checked, Findings) {
    let mut model = loaded.diagnostics;
    let program = model::resolve::resolve(loaded.raw, &mut model);
    check_resolved(program, loaded.sources, model, today, curriculum)
}

/// Expands the schedule of a resolved program and runs every check on it;
/// `model` holds what loading and resolving found, and `curriculum` the
/// curriculum's findings when they are known to hold still.
pub fn check_resolved(
    program: Program,
    sources: Sources,
    model: Diagnostics,
    today: NaiveDate,
    curriculum: Option<Vec<diagnostic::Diagnostic>>,
) -> (Checked, Findings) {
    let mut diagnostics = model.clone();
    let schedule = derive::occurrences::Schedule::expand(&program, &mut diagnostics);
    let links = Resolver::new(&program);
    let curriculum = curriculum.unwrap_or_else(|| check::curriculum(&program, &links));
    diagnostics.extend(check::run(&program, &schedule, today, &curriculum));
    let findings = Findings { model, curriculum };
    let checked = Checked {
        program,
        schedule,
        links,
        theme: load::theme::Theme::default(),
        templates: None,
        sources,
        diagnostics,
        cache: load::cache::Stats::default(),
    };
    (checked, findings)
}

/// Loads the theme the program names into `checked` and compiles its
/// templates, adding every problem found.
pub fn add_theme(root: &Path, checked: &mut Checked) {
    let (theme, templates, problems) = load_theme(root, &checked.program);
    for template in &theme.templates {
        checked
            .sources
            .insert(template.origin.clone(), template.text.clone());
    }
    for catalog in theme.catalogs.iter().filter(|c| !c.built_in) {
        checked
            .sources
            .insert(catalog.origin.clone(), catalog.text.clone());
    }
    checked.diagnostics.extend(problems);
    checked.theme = theme;
    checked.templates = templates;
}

/// Loads the program's theme and compiles its templates, returning them
/// (`None` when they do not compile) and every problem found on the way.
pub fn load_theme(
    root: &Path,
    program: &Program,
) -> (
    load::theme::Theme,
    Option<Templates>,
    Vec<diagnostic::Diagnostic>,
) {
    let (theme, mut problems) = load::theme::load_theme(
        root,
        &program.settings.theme,
        program.settings.theme_at.as_ref(),
    );
    let (templates, found) = check::theme::check(&theme, &program.settings);
    problems.extend(found);
    (theme, templates, problems)
}
