//! The dependency record: for every output of the site, the inputs it was
//! made from, and the reverse index from an input to the outputs to render
//! again when it changes.
//!
//! The record is declared, not traced: each kind of page names what its
//! context reads beside its other properties ([`Job::reads`]), so it can
//! be read and tested. Inputs are
//! coarse where a page reads a whole family (people, sessions) and exact
//! where it matters for speed: a module edit names one file, and only the
//! pages that show that module depend on it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::load::theme::Theme;
use crate::model::{CohortId, Program};
use crate::render::pages::Job;
pub use crate::render::pages::{Read, learner_reads, session_reads};

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
    dependents: HashMap<Read, BTreeSet<Output>>,
}

impl Deps {
    /// Records what every job, the feeds, the statics and the site files
    /// read.
    pub fn record(program: &Program, jobs: &[Job], theme: &Theme) -> Deps {
        let templates = TemplateGraph::new(theme);
        let mut deps = Deps::default();
        for (index, job) in jobs.iter().enumerate() {
            let output = Output::Page(index);
            for input in job.reads(program) {
                deps.add(input, &output);
            }
            for name in templates.closure(job.template()) {
                deps.add(Read::Template(name), &output);
            }
            deps.add(Read::Program, &output);
            deps.add(Read::Nav, &output);
        }
        for input in [Read::Program, Read::People, Read::Sessions] {
            deps.add(input, &Output::Feeds);
        }
        // A feed names the module a session covers.
        for session in &program.sessions {
            if let Some(module) = session_reads(session) {
                let file = program.files.path(program.module(module).file);
                deps.add(Read::Title(file.to_path_buf()), &Output::Feeds);
            }
        }
        for (name, _) in &theme.statics {
            deps.add(Read::Static(name.clone()), &Output::Static(name.clone()));
        }
        deps.add(Read::Program, &Output::SiteFiles);
        for input in [Read::Program, Read::People, Read::Figures] {
            deps.add(input, &Output::Exports);
        }
        deps
    }

    fn add(&mut self, input: Read, output: &Output) {
        self.dependents
            .entry(input)
            .or_default()
            .insert(output.clone());
    }

    /// The outputs made from any of `inputs`.
    pub fn dependents<'a>(&self, inputs: impl IntoIterator<Item = &'a Read>) -> BTreeSet<Output> {
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
/// of the cohorts `cohorts`: none for a file no output reads.
pub fn inputs_of(file: &Path, theme: &str, cohorts: &[CohortId]) -> Vec<Read> {
    let every_cohort = cohorts.iter().copied();
    match input_of(file, theme) {
        Some(Read::Content(file)) => vec![
            Read::Front(file.clone()),
            Read::Title(file.clone()),
            Read::Content(file),
        ],
        Some(Read::People) => std::iter::once(Read::People)
            .chain(every_cohort.map(Read::CohortPeople))
            .collect(),
        Some(Read::Sessions) => std::iter::once(Read::Sessions)
            .chain(every_cohort.map(Read::CohortSessions))
            .collect(),
        other => other.into_iter().collect(),
    }
}

/// The input a changed file is, for the theme named `theme`; `None` for a
/// file no output reads.
fn input_of(file: &Path, theme: &str) -> Option<Read> {
    let text = file.to_string_lossy().replace('\\', "/");
    if text == crate::load::PROGRAM_FILE {
        return Some(Read::Program);
    }
    if text.starts_with("data/sessions/") {
        return Some(Read::Sessions);
    }
    if text.starts_with("data/") {
        return Some(Read::People);
    }
    if text.starts_with("content/") {
        return Some(Read::Content(PathBuf::from(text)));
    }
    let theme_dir = format!("themes/{theme}/");
    let rest = text.strip_prefix(&theme_dir)?;
    if let Some(name) = rest.strip_prefix("templates/") {
        return Some(Read::Template(name.to_string()));
    }
    rest.strip_prefix("static/")
        .map(|name| Read::Static(name.to_string()))
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
        let program = crate::testing::example_with::<&str>(&[]);
        let cohorts: Vec<CohortId> = program.cohorts_with_ids().map(|(id, _)| id).collect();
        assert!(!cohorts.is_empty(), "the example has no cohort");
        assert_eq!(
            inputs_of(Path::new("content/pages/about.md"), "default", &cohorts).len(),
            3
        );
        let sessions: Vec<Read> = std::iter::once(Read::Sessions)
            .chain(cohorts.iter().copied().map(Read::CohortSessions))
            .collect();
        assert_eq!(
            inputs_of(Path::new("data/sessions/a.yaml"), "default", &cohorts),
            sessions
        );
        assert_eq!(input("data/program.yaml"), Some(Read::Program));
        assert_eq!(input("data/sessions/a.yaml"), Some(Read::Sessions));
        assert_eq!(input("data/learners/a.yaml"), Some(Read::People));
        assert_eq!(
            input("themes/default/templates/module.html"),
            Some(Read::Template("module.html".into()))
        );
        assert_eq!(
            input("themes/default/static/style.css"),
            Some(Read::Static("style.css".into()))
        );
        assert_eq!(input("themes/other/templates/module.html"), None);
        assert_eq!(input("README.md"), None);
    }
}
