//! Each kind of page, declared once: where it is written, the template it
//! renders, whether the sitemap lists it and the search index holds it,
//! which audience gets it, and what its context reads. The build, the
//! sitemap, the search index and `serve`'s output names and dependency
//! record all read these declarations; the context builders beside them
//! (in `contexts`) are the only other place a kind of page appears.
//!
//! To add a kind of page: a [`Job`] variant, its arms here (in
//! [`Job::kind`], [`Job::dir`] and [`Job::reads`]), its context in
//! `render_job`'s one match, and its template in the theme; [`jobs`]
//! lists the pages of each kind.
//!
//! [`jobs`]: super::jobs

use std::path::PathBuf;

use super::Job;
use crate::model::{CohortId, Learner, ModuleId, PathId, Program, Session};
use crate::render::urls::Urls;

/// What every page of a kind shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// The template it renders.
    pub template: &'static str,
    /// Whether the sitemap lists it (and search engines may index it):
    /// never a personal page or the 404 page.
    pub listed: bool,
    /// Whether it has an entry in the search index.
    pub searched: bool,
    /// Whether only a staff site has it.
    pub staff_only: bool,
}

impl Kind {
    const fn listed(template: &'static str) -> Kind {
        Kind {
            template,
            listed: true,
            searched: false,
            staff_only: false,
        }
    }

    const fn searched(template: &'static str) -> Kind {
        Kind {
            searched: true,
            ..Kind::listed(template)
        }
    }

    const fn unlisted(template: &'static str) -> Kind {
        Kind {
            listed: false,
            ..Kind::listed(template)
        }
    }

    const fn staff(template: &'static str) -> Kind {
        Kind {
            staff_only: true,
            ..Kind::listed(template)
        }
    }
}

impl Job {
    /// The kind of this page.
    pub fn kind(&self) -> Kind {
        match self {
            Job::Home => Kind::listed("index.html"),
            Job::Path(_) => Kind::searched("path.html"),
            Job::Module(_) => Kind::searched("module.html"),
            Job::Cohort(_) => Kind::listed("cohort.html"),
            Job::Cohorts => Kind::listed("cohorts.html"),
            Job::Mentors => Kind::listed("mentors.html"),
            Job::Calendar => Kind::listed("calendar.html"),
            Job::Privacy => Kind::listed("privacy.html"),
            Job::Page(_) => Kind::searched("page.html"),
            Job::NotFound => Kind::unlisted("404.html"),
            Job::Search => Kind::listed("search.html"),
            Job::Learner(..) => Kind::unlisted("learner.html"),
            Job::Charter(..) => Kind::unlisted("charter.html"),
            Job::Report => Kind::staff("report.html"),
            Job::Actions => Kind::staff("actions.html"),
            Job::Matches(_) => Kind::staff("matches.html"),
        }
    }

    /// The template this page renders.
    pub fn template(&self) -> &'static str {
        self.kind().template
    }

    /// Its directory under the site's root, ending in `/` (empty for the
    /// home page and the 404 page): its URL.
    pub fn dir(&self, program: &Program) -> String {
        match self {
            Job::Home | Job::NotFound => String::new(),
            Job::Path(id) => Urls::path(program, *id),
            Job::Module(id) => Urls::module(program, *id),
            Job::Cohort(id) => Urls::cohort(program, *id),
            Job::Page(id) => Urls::page(program, *id),
            Job::Cohorts => "cohorts/".into(),
            Job::Mentors => "mentors/".into(),
            Job::Calendar => "calendar/".into(),
            Job::Privacy => "privacy/".into(),
            Job::Search => "search/".into(),
            Job::Report => "report/".into(),
            Job::Actions => "actions/".into(),
            Job::Matches(id) => Urls::matches(program, *id),
            // Personal pages live where `jobs` put them: a capability URL
            // in a public build.
            Job::Learner(_, dir) | Job::Charter(_, dir) => dir.clone(),
        }
    }

    /// The file it is written to.
    pub fn file(&self, program: &Program) -> String {
        match self {
            Job::NotFound => "404.html".into(),
            _ => format!("{}index.html", self.dir(program)),
        }
    }
}

/// Something a page, or another output, is made from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Read {
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
    /// the mentors (its facilitator may be one). [`Read::People`] changes
    /// it for every cohort.
    CohortPeople(CohortId),
    /// `data/sessions/`.
    Sessions,
    /// The sessions of one cohort, which its page lists. [`Read::Sessions`]
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

impl Job {
    /// What the page's context reads besides the program's settings, the
    /// navigation and its templates: `serve`'s dependency record.
    pub fn reads(&self, program: &Program) -> Vec<Read> {
        let file = |id| Read::Content(program.files.path(id).to_path_buf());
        let module_file = |id: ModuleId| program.files.path(program.module(id).file).to_path_buf();
        let module = |id: ModuleId| Read::Content(module_file(id));
        let front = |id: ModuleId| Read::Front(module_file(id));
        let title = |id: ModuleId| Read::Title(module_file(id));
        let path = |id: PathId| file(program.path(id).file);
        match self {
            Job::Home => {
                // Paths with their module counts and effort, cohorts, upcoming
                // group sessions.
                let mut inputs = vec![Read::People, Read::Sessions];
                inputs.extend(program.paths_with_ids().map(|(id, _)| path(id)));
                inputs.extend(program.modules_with_ids().map(|(id, _)| front(id)));
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
                Read::CohortPeople(*id),
                Read::CohortSessions(*id),
                Read::CohortFigures(*id),
                path(program.cohort(*id).path),
            ],
            // Cohort titles and mentor names beside every cohort's figures.
            Job::Cohorts => vec![Read::People, Read::Figures],
            Job::Mentors => vec![Read::People],
            Job::Calendar => vec![Read::People, Read::Sessions],
            Job::Privacy | Job::NotFound | Job::Search => Vec::new(),
            Job::Page(id) => vec![file(program.pages[id.index()].file)],
            Job::Learner(id, _) => {
                // Staff pages show the learner's warnings as at-risk signals.
                let (learner_path, modules) = learner_reads(program.learner(*id));
                let mut inputs = vec![
                    Read::People,
                    Read::Sessions,
                    Read::Diagnostics,
                    path(learner_path),
                ];
                inputs.extend(modules.into_iter().map(title));
                inputs
            }
            Job::Charter(..) => vec![Read::People, Read::Sessions],
            Job::Report => vec![Read::People, Read::Diagnostics],
            // Deadlines read the journey (the program), learners, pairs and
            // the meetings and requests of sessions.
            Job::Actions => vec![Read::People, Read::Sessions],
            // Mentors' free places count their pairs in every cohort, and
            // each learner's path is scored by its id and title: every path,
            // since a learner may move to this cohort without a path of it.
            Job::Matches(_) => std::iter::once(Read::People)
                .chain(program.paths_with_ids().map(|(id, _)| path(id)))
                .collect(),
        }
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
