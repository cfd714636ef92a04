//! The dependency record: for every output of the site, the inputs it was
//! made from, and the reverse index from an input to the outputs to render
//! again when it changes.
//!
//! The record is declared, not traced: each kind of page names what its
//! context reads (see `pages.rs`), so it can be read and tested. Inputs are
//! coarse where a page reads a whole family (people, sessions) and exact
//! where it matters for speed: a module edit names one file, and only the
//! pages that show that module depend on it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::load::theme::Theme;
use crate::model::{CohortId, Learner, ModuleId, PathId, Program, Session};
use crate::render::pages::Job;

/// Something an output is made from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Input {
    /// `data/program.yaml`: settings every page shows.
    Program,
    /// The navigation every page shows: the titles of paths and pages.
    Nav,
    /// Everything in a Markdown file under `content/` (module, path intro,
    /// page).
    Content(PathBuf),
    /// A module's front matter (title, summary, effort, milestones…), what
    /// its path's page and the home page show of it.
    Front(PathBuf),
    /// A module's title, what pages linking to it show.
    Title(PathBuf),
    /// Mentors, cohorts, learners and pairs.
    People,
    /// What a cohort's page shows of people: the cohort, its learners and
    /// the mentors (its facilitator may be one). [`Input::People`] changes
    /// it for every cohort.
    CohortPeople(CohortId),
    /// `data/sessions/`.
    Sessions,
    /// The sessions of one cohort, which its page lists. [`Input::Sessions`]
    /// changes them for every cohort.
    CohortSessions(CohortId),
    /// What the checks found (the report, at-risk signals).
    Diagnostics,
    /// The progress figures of any cohort, compared after each reload:
    /// they read learners, meetings and each module's artifact and outcomes.
    Figures,
    /// The figures of one cohort, which its page shows.
    CohortFigures(CohortId),
    /// A template of the theme, by name.
    Template(String),
    /// A static file of the theme, by its path under `static/`.
    Static(String),
}

/// One output, or a group rendered together.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Output {
    /// The page of a job, by its index in the job list.
    Page(usize),
    /// Every calendar feed.
    Feeds,
    /// A static file of the theme.
    Static(String),
    /// `sitemap.xml` and `robots.txt`.
    SiteFiles,
    /// A staff build's figures: `metrics.json` and each cohort's CSV.
    Exports,
}

/// Outputs by input.
#[derive(Debug, Default)]
pub struct Deps {
    dependents: HashMap<Input, BTreeSet<Output>>,
}

impl Deps {
    /// Records what every job, the feeds, the statics and the site files
    /// read.
    pub fn record(program: &Program, jobs: &[Job], theme: &Theme) -> Deps {
        let templates = TemplateGraph::new(theme);
        let mut deps = Deps::default();
        for (index, job) in jobs.iter().enumerate() {
            let output = Output::Page(index);
            for input in page_inputs(program, job) {
                deps.add(input, &output);
            }
            for name in templates.closure(template(job)) {
                deps.add(Input::Template(name), &output);
            }
            deps.add(Input::Program, &output);
            deps.add(Input::Nav, &output);
        }
        for input in [Input::Program, Input::People, Input::Sessions] {
            deps.add(input, &Output::Feeds);
        }
        // A feed names the module a session covers.
        for session in &program.sessions {
            if let Some(module) = session_reads(session) {
                let file = program.files.path(program.module(module).file);
                deps.add(Input::Title(file.to_path_buf()), &Output::Feeds);
            }
        }
        for (name, _) in &theme.statics {
            deps.add(Input::Static(name.clone()), &Output::Static(name.clone()));
        }
        deps.add(Input::Program, &Output::SiteFiles);
        for input in [Input::Program, Input::People, Input::Figures] {
            deps.add(input, &Output::Exports);
        }
        deps
    }

    fn add(&mut self, input: Input, output: &Output) {
        self.dependents
            .entry(input)
            .or_default()
            .insert(output.clone());
    }

    /// The outputs made from any of `inputs`.
    pub fn dependents<'a>(&self, inputs: impl IntoIterator<Item = &'a Input>) -> BTreeSet<Output> {
        let mut out = BTreeSet::new();
        for input in inputs {
            if let Some(outputs) = self.dependents.get(input) {
                out.extend(outputs.iter().cloned());
            }
        }
        out
    }
}

/// The inputs a changed file is, for the theme named `theme` and a program
/// of `cohorts` cohorts: none for a file no output reads.
pub fn inputs_of(file: &Path, theme: &str, cohorts: usize) -> Vec<Input> {
    let every_cohort = (0..cohorts).map(|i| CohortId(i as u32));
    match input_of(file, theme) {
        Some(Input::Content(file)) => vec![
            Input::Front(file.clone()),
            Input::Title(file.clone()),
            Input::Content(file),
        ],
        Some(Input::People) => std::iter::once(Input::People)
            .chain(every_cohort.map(Input::CohortPeople))
            .collect(),
        Some(Input::Sessions) => std::iter::once(Input::Sessions)
            .chain(every_cohort.map(Input::CohortSessions))
            .collect(),
        other => other.into_iter().collect(),
    }
}

/// The input a changed file is, for the theme named `theme`; `None` for a
/// file no output reads.
fn input_of(file: &Path, theme: &str) -> Option<Input> {
    let text = file.to_string_lossy().replace('\\', "/");
    if text == crate::load::PROGRAM_FILE {
        return Some(Input::Program);
    }
    if text.starts_with("data/sessions/") {
        return Some(Input::Sessions);
    }
    if text.starts_with("data/") {
        return Some(Input::People);
    }
    if text.starts_with("content/") {
        return Some(Input::Content(PathBuf::from(text)));
    }
    let theme_dir = format!("themes/{theme}/");
    let rest = text.strip_prefix(&theme_dir)?;
    if let Some(name) = rest.strip_prefix("templates/") {
        return Some(Input::Template(name.to_string()));
    }
    rest.strip_prefix("static/")
        .map(|name| Input::Static(name.to_string()))
}

/// The template a job renders.
pub fn template(job: &Job) -> &'static str {
    match job {
        Job::Home => "index.html",
        Job::Path(_) => "path.html",
        Job::Module(_) => "module.html",
        Job::Cohort(_) => "cohort.html",
        Job::Cohorts => "cohorts.html",
        Job::Mentors => "mentors.html",
        Job::Calendar => "calendar.html",
        Job::Privacy => "privacy.html",
        Job::Page(_) => "page.html",
        Job::NotFound => "404.html",
        Job::Search => "search.html",
        Job::Learner(..) => "learner.html",
        Job::Charter(..) => "charter.html",
        Job::Report => "report.html",
        Job::Actions => "actions.html",
    }
}

/// What a page's context reads besides the program's settings, the
/// navigation and its templates.
fn page_inputs(program: &Program, job: &Job) -> Vec<Input> {
    let file = |id| Input::Content(program.files.path(id).to_path_buf());
    let module_file = |id: ModuleId| program.files.path(program.module(id).file).to_path_buf();
    let module = |id: ModuleId| Input::Content(module_file(id));
    let front = |id: ModuleId| Input::Front(module_file(id));
    let title = |id: ModuleId| Input::Title(module_file(id));
    let path = |id: PathId| file(program.path(id).file);
    match job {
        Job::Home => {
            // Paths with their module counts and effort, cohorts, upcoming
            // group sessions.
            let mut inputs = vec![Input::People, Input::Sessions];
            inputs.extend((0..program.paths.len()).map(|i| path(PathId(i as u32))));
            inputs.extend((0..program.modules.len()).map(|i| front(ModuleId(i as u32))));
            inputs
        }
        Job::Path(id) => {
            // A card per module, naming its prerequisites.
            let mut inputs = vec![path(*id)];
            for m in &program.path(*id).modules {
                inputs.push(front(*m));
                let prerequisites = &program.module(*m).prerequisites;
                inputs.extend(prerequisites.iter().map(|(p, _)| title(*p)));
            }
            inputs
        }
        Job::Module(id) => {
            // Its path, its previous and next modules, its prerequisites.
            let m = program.module(*id);
            let mut inputs = vec![module(*id)];
            if let Some(p) = m.path {
                inputs.push(path(p));
                let order = &program.path(p).modules;
                if let Some(at) = order.iter().position(|x| x == id) {
                    let previous = at.checked_sub(1).and_then(|i| order.get(i));
                    inputs.extend(
                        previous
                            .into_iter()
                            .chain(order.get(at + 1))
                            .map(|x| title(*x)),
                    );
                }
            }
            inputs.extend(m.prerequisites.iter().map(|(p, _)| title(*p)));
            inputs
        }
        Job::Cohort(id) => vec![
            Input::CohortPeople(*id),
            Input::CohortSessions(*id),
            Input::CohortFigures(*id),
            path(program.cohort(*id).path),
        ],
        // Cohort titles and mentor names beside every cohort's figures.
        Job::Cohorts => vec![Input::People, Input::Figures],
        Job::Mentors => vec![Input::People],
        Job::Calendar => vec![Input::People, Input::Sessions],
        Job::Privacy | Job::NotFound | Job::Search => Vec::new(),
        Job::Page(id) => vec![file(program.pages[id.index()].file)],
        Job::Learner(id, _) => {
            // Staff pages show the learner's warnings as at-risk signals.
            let (learner_path, modules) = learner_reads(program.learner(*id));
            let mut inputs = vec![
                Input::People,
                Input::Sessions,
                Input::Diagnostics,
                path(learner_path),
            ];
            inputs.extend(modules.into_iter().map(title));
            inputs
        }
        Job::Charter(..) => vec![Input::People, Input::Sessions],
        Job::Report => vec![Input::People, Input::Diagnostics],
        // Deadlines read the journey (the program), learners, pairs and
        // the meetings and requests of sessions.
        Job::Actions => vec![Input::People, Input::Sessions],
    }
}

/// What the record reads of a learner besides its id: its path and the
/// modules it lists. A learner edit that keeps them keeps the record.
pub fn learner_reads(learner: &Learner) -> (PathId, Vec<ModuleId>) {
    (
        learner.path,
        learner.modules.iter().map(|m| m.module).collect(),
    )
}

/// What the record reads of a session: the module it covers. A session
/// edit that keeps it keeps the record.
pub fn session_reads(session: &Session) -> Option<ModuleId> {
    session.module
}

/// Whether the two themes' templates reach the same templates through
/// `extends`, `include` and `import`: if so, a record made with one holds
/// for the other.
pub fn same_template_graph(old: &Theme, new: &Theme) -> bool {
    TemplateGraph::new(old) == TemplateGraph::new(new)
}

/// Which templates each template reaches through `extends`, `include` and
/// `import`.
#[derive(PartialEq, Eq)]
struct TemplateGraph {
    edges: BTreeMap<String, Vec<String>>,
}

impl TemplateGraph {
    fn new(theme: &Theme) -> TemplateGraph {
        let edges = theme
            .templates
            .iter()
            .map(|t| (t.name.clone(), references(&t.text)))
            .collect();
        TemplateGraph { edges }
    }

    /// `name` and every template it reaches.
    fn closure(&self, name: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![name.to_string()];
        while let Some(next) = stack.pop() {
            if seen.insert(next.clone())
                && let Some(targets) = self.edges.get(&next)
            {
                stack.extend(targets.iter().cloned());
            }
        }
        seen
    }
}

/// The template names a template's `{% extends %}`, `{% include %}` and
/// `{% import %}` tags name.
fn references(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{%") {
        rest = &rest[start + 2..];
        let end = rest.find("%}").unwrap_or(rest.len());
        let tag = rest[..end].trim_start_matches('-').trim();
        let is_reference = ["extends", "include", "import"]
            .iter()
            .any(|keyword| tag.starts_with(keyword));
        if is_reference {
            // Every quoted name in the tag: `include ["a.html", "b.html"]`
            // names two.
            let mut parts = tag.split(['"', '\'']);
            parts.next();
            out.extend(parts.step_by(2).map(str::to_string));
        }
        rest = &rest[end..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_references_are_read_from_their_tags() {
        let text = r#"{% extends "base.html" %}{%- include 'nav.html' -%}{% import "macros.html" as m %}{% if x %}"#;
        assert_eq!(references(text), ["base.html", "nav.html", "macros.html"]);
    }

    #[test]
    fn files_map_to_inputs() {
        let input = |f: &str| input_of(Path::new(f), "default");
        assert_eq!(
            inputs_of(Path::new("content/pages/about.md"), "default", 2).len(),
            3
        );
        assert_eq!(
            inputs_of(Path::new("data/sessions/a.yaml"), "default", 2),
            [
                Input::Sessions,
                Input::CohortSessions(CohortId(0)),
                Input::CohortSessions(CohortId(1))
            ]
        );
        assert_eq!(input("data/program.yaml"), Some(Input::Program));
        assert_eq!(input("data/sessions/a.yaml"), Some(Input::Sessions));
        assert_eq!(input("data/learners/a.yaml"), Some(Input::People));
        assert_eq!(
            input("themes/default/templates/module.html"),
            Some(Input::Template("module.html".into()))
        );
        assert_eq!(
            input("themes/default/static/style.css"),
            Some(Input::Static("style.css".into()))
        );
        assert_eq!(input("themes/other/templates/module.html"), None);
        assert_eq!(input("README.md"), None);
    }
}
