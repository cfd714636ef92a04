//! One job per page, each rendered to HTML from a context built here:
//! [`kind`] declares each kind of page, `contexts` builds what its
//! template is given, and `site_files` writes the sitemap, the search
//! index and a staff site's exports.
//!
//! Contexts carry only what the audience may see: learner names, goals and
//! progress enter a context only through [`audience`](super::audience)'s
//! rules, so no template can leak what it was never given.

mod contexts;
pub mod kind;
mod site_files;

use std::sync::Arc;

use serde::Serialize;
use serde_json::{Value, json};
use tera::Context;

use super::Input;
use super::RenderOptions;
use super::audience::{Audience, capability};
use super::bodies::{self, Bodies, Body};
use super::calendar;
use super::frame::Frame;
use super::locale::Locale;
use super::progress::{self, Gate};
use super::urls::Urls;
use crate::derive::highlight::Highlighter;
use crate::derive::links::Resolver;
use crate::derive::metrics::Metrics;
use crate::derive::people::People;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::FileId;
use crate::model::{CohortId, Learner, LearnerId, ModuleId, PageId, PairId, PathId, Program};
use crate::theme::Templates;

use contexts::{
    cohort_context, home, learner_context, matches_context, mentors, module_context, path_context,
    report, upcoming,
};
pub use kind::{Kind, Read, learner_reads, session_reads};
pub use site_files::{
    ROBOTS, SEARCH_INDEX, SITEMAP, export_files, exports, search_entry, search_index, site_files,
};

/// What every page job shares.
pub struct Shared<'a> {
    /// The checked program, and what was derived from it.
    pub input: &'a Input<'a>,
    /// Build options.
    pub options: &'a RenderOptions<'a>,
    /// The URL scheme.
    pub urls: &'a Urls,
    /// Internal link resolution.
    pub resolver: &'a Resolver,
    /// Code highlighting.
    pub highlighter: &'a Highlighter,
    /// Each learner's sessions and pairs.
    pub people: &'a People,
    /// Progress figures of every cohort.
    pub metrics: &'a Metrics,
    /// The site and navigation every page shows.
    pub frame: &'a Frame,
    /// How pages write dates, times and numbers.
    pub locale: &'a Locale,
    /// Bodies rendered before, when the caller keeps them (`serve`).
    pub bodies: Option<&'a Bodies>,
}

impl<'a> Shared<'a> {
    fn program(&self) -> &Program {
        self.input.program
    }

    /// What the audience may see of the progress figures.
    fn gate(&self) -> Gate<'a> {
        Gate {
            audience: self.options.audience,
            min: self.input.program.settings.min_group_size,
            locale: self.locale,
        }
    }

    /// The body `text` of the document in `file`, for a page.
    fn body(&self, text: &str, file: FileId) -> Arc<Body> {
        let program = self.program();
        let source = program.files.path(file);
        let render = || {
            bodies::render(
                text,
                source,
                program,
                self.resolver,
                self.urls,
                self.highlighter,
            )
        };
        match self.bodies {
            Some(bodies) => bodies.get(text, source, render),
            None => Arc::new(render()),
        }
    }

    /// What the calendar feeds are made from.
    pub fn calendar(&self) -> calendar::Context<'a> {
        calendar::Context {
            program: self.input.program,
            schedule: self.input.schedule,
            options: self.options,
            catalog: self.input.templates.catalog(),
            locale: self.locale,
        }
    }
}

/// A page to render.
#[derive(Debug, Clone)]
pub enum Job {
    /// `index.html`.
    Home,
    /// A learning path.
    Path(PathId),
    /// A module.
    Module(ModuleId),
    /// A cohort.
    Cohort(CohortId),
    /// The cohorts side by side.
    Cohorts,
    /// Consented mentor profiles.
    Mentors,
    /// Sessions and feeds.
    Calendar,
    /// The privacy statement.
    Privacy,
    /// A free page.
    Page(PageId),
    /// `404.html`.
    NotFound,
    /// The search page.
    Search,
    /// A learner's page at a site-relative directory.
    Learner(LearnerId, String),
    /// A pair's printable charter at a site-relative directory.
    Charter(PairId, String),
    /// The check report (staff).
    Report,
    /// Who must act, and by when (staff).
    Actions,
    /// The mentors suggested for a cohort's learners waiting in matching
    /// (staff).
    Matches(CohortId),
}

/// A rendered page.
#[derive(Debug)]
pub struct Output {
    /// Output file, e.g. `paths/data/index.html`.
    pub path: String,
    /// The HTML.
    pub html: String,
    /// Its entry in the search index, if it belongs there.
    pub search: Option<SearchEntry>,
    /// Whether it belongs in the sitemap.
    pub listed: bool,
}

/// One entry of the client-side search index.
#[derive(Debug, Serialize)]
pub struct SearchEntry {
    /// Page title.
    pub title: String,
    /// Page URL.
    pub url: String,
    /// One sentence.
    pub summary: String,
    /// Lower-case words of the page, for matching.
    pub keywords: String,
}

/// Every page of the site for the audience.
pub fn jobs(shared: &Shared<'_>) -> Vec<Job> {
    let program = shared.program();
    let mut jobs = vec![
        Job::Home,
        Job::Cohorts,
        Job::Mentors,
        Job::Calendar,
        Job::Privacy,
        Job::NotFound,
        Job::Search,
    ];
    jobs.extend(program.paths_with_ids().map(|(id, _)| Job::Path(id)));
    jobs.extend(program.modules_with_ids().map(|(id, _)| Job::Module(id)));
    jobs.extend(program.cohorts_with_ids().map(|(id, _)| Job::Cohort(id)));
    jobs.extend(program.pages_with_ids().map(|(id, _)| Job::Page(id)));
    for (id, learner) in program.learners_with_ids() {
        if let Some(dir) = learner_dir(shared, learner) {
            jobs.push(Job::Learner(id, dir));
        }
    }
    for (id, pair) in program.pairs_with_ids() {
        if let Some(dir) = charter_dir(shared, &pair.key) {
            jobs.push(Job::Charter(id, dir));
        }
    }
    jobs.extend([Job::Report, Job::Actions]);
    jobs.extend(program.cohorts_with_ids().map(|(id, _)| Job::Matches(id)));
    let staff = shared.options.audience == Audience::Staff;
    jobs.retain(|job| staff || !job.kind().staff_only);
    jobs
}

/// Where a pair's charter lives for this audience, if anywhere: personal, so
/// the same rule as learner pages.
pub(super) fn charter_dir(shared: &Shared<'_>, pair: &str) -> Option<String> {
    match (shared.options.audience, shared.options.secret) {
        (Audience::Staff, _) => Some(format!("charters/{pair}/")),
        (Audience::Public, Some(secret)) => {
            Some(format!("p/{}/", secret.token(capability::CHARTER, pair)))
        }
        (Audience::Public, None) => None,
    }
}

/// Where a learner's page lives for this audience, if it exists at all.
pub(super) fn learner_dir(shared: &Shared<'_>, learner: &Learner) -> Option<String> {
    match (shared.options.audience, shared.options.secret) {
        (Audience::Staff, _) => Some(format!("learners/{}/", learner.key)),
        (Audience::Public, Some(secret)) => Some(format!(
            "p/{}/",
            secret.token(capability::LEARNER_PAGE, &learner.key)
        )),
        (Audience::Public, None) => None,
    }
}

/// Renders one page.
pub fn render_job(
    shared: &Shared<'_>,
    templates: &Templates,
    job: &Job,
) -> Result<Output, Box<Diagnostic>> {
    let program = shared.program();
    let urls = shared.urls;
    // A rendered body goes into the context as the value the store keeps:
    // (object, field, value).
    let mut body_at: Option<(&'static str, &'static str, tera::Value)> = None;
    let kind = job.kind();
    let dir = job.dir(program);
    // A page's own title, in the program's language: the theme's words.
    let say = |key: &str| templates.catalog().say(key, &[]);
    let (title, mut context, search) = match job {
        Job::Home => (
            // The layout appends the site's title to every page's title.
            say("nav-home"),
            home(shared),
            None,
        ),
        Job::Path(id) => {
            let path = program.path(*id);
            let (value, keywords, body) = path_context(shared, *id);
            body_at = Some(("path", "intro_html", body));
            let entry = SearchEntry {
                title: path.title.clone(),
                url: urls.href(&dir),
                summary: path.summary.clone().unwrap_or_default(),
                keywords,
            };
            (path.title.clone(), json!({ "path": value }), Some(entry))
        }
        Job::Module(id) => {
            let module = program.module(*id);
            let (value, keywords, body) = module_context(shared, *id);
            body_at = Some(("module", "content_html", body));
            let entry = SearchEntry {
                title: module.title.clone(),
                url: urls.href(&dir),
                summary: module.summary.clone().unwrap_or_default(),
                keywords,
            };
            (
                module.title.clone(),
                json!({ "module": value }),
                Some(entry),
            )
        }
        Job::Cohort(id) => {
            let cohort = program.cohort(*id);
            (
                cohort.title.clone(),
                json!({ "cohort": cohort_context(shared, *id) }),
                None,
            )
        }
        Job::Cohorts => (
            say("cohorts-title"),
            json!({ "comparison": progress::comparison(
                program,
                &shared.metrics.cohorts,
                shared.gate(),
                &|c| urls.href(&Urls::cohort(program, c)),
            ) }),
            None,
        ),
        Job::Mentors => (
            say("nav-mentors"),
            json!({ "mentors": mentors(shared) }),
            None,
        ),
        Job::Calendar => (
            say("calendar-title"),
            json!({
                "upcoming": upcoming(shared, None, 40),
                "timezone": program.settings.timezone.name(),
                "feeds": calendar::listing(&shared.calendar()),
            }),
            None,
        ),
        Job::Privacy => {
            let data = &program.settings.data_use;
            let value = json!({ "privacy": {
                "collected": data.collected,
                "purpose": data.purpose,
                "who_sees": data.who_sees,
                "retention": data.retention,
                "contact": data.contact,
                "min_group_size": program.settings.min_group_size,
            }});
            (say("nav-privacy"), value, None)
        }
        Job::Page(id) => {
            let page = &program.pages[id.index()];
            let body = shared.body(&page.body, page.file);
            let entry = SearchEntry {
                title: page.title.clone(),
                url: urls.href(&dir),
                summary: page.summary.clone().unwrap_or_default(),
                keywords: body.keywords.clone(),
            };
            body_at = Some(("page", "content_html", body.html.clone()));
            let value = json!({ "page": {
                "title": page.title,
                "summary": page.summary,
            }});
            (page.title.clone(), value, Some(entry))
        }
        Job::NotFound => (say("notfound-title"), json!({}), None),
        Job::Search => (say("nav-search"), json!({}), None),
        Job::Learner(id, _) => {
            let learner = program.learner(*id);
            (
                learner.name.clone(),
                json!({ "learner": learner_context(shared, *id) }),
                None,
            )
        }
        Job::Charter(id, _) => (
            say("charter-title"),
            json!({ "charter": super::charter::context(program, shared.input.schedule, *id, shared.locale) }),
            None,
        ),
        Job::Report => (say("nav-report"), report(shared), None),
        Job::Actions => (say("actions-title"), super::actions::context(shared), None),
        Job::Matches(id) => (
            // The page title is escaped where the layout places it.
            templates.catalog().say(
                "matches-title",
                &[("cohort", program.cohort(*id).title.as_str().into())],
            ),
            json!({ "matches": matches_context(shared, *id) }),
            None,
        ),
    };
    // What the sitemap leaves out, search engines are asked to leave too.
    let noindex = shared.options.audience == Audience::Staff || !kind.listed;
    if let Value::Object(map) = &mut context {
        map.insert("audience".into(), json!(shared.options.audience.as_str()));
        map.insert("page_title".into(), json!(title));
        map.insert("noindex".into(), json!(noindex));
        map.insert(
            "today".into(),
            json!(shared.locale.date(shared.options.today)),
        );
    }
    let cannot = |e: tera::Error| {
        Box::new(Diagnostic::new(
            Code::TemplateError,
            format!("cannot prepare the page context: {e}"),
        ))
    };
    let with_body = body_at.and_then(|(key, field, body)| {
        let object = context.as_object_mut()?.remove(key)?;
        Some((key, field, body, object))
    });
    let mut context = Context::from_serialize(&context).map_err(cannot)?;
    // The page's own HTML is about as long as its body and its navigation.
    let mut size = 16 * 1024;
    if let Some((key, field, body, object)) = with_body {
        size += body.len().unwrap_or(0);
        let mut map = tera::Value::try_from_serializable(&object)
            .map_err(cannot)?
            .into_map()
            .unwrap_or_default();
        map.insert(field.into(), body);
        context.insert_value(key, tera::Value::from(map));
    }
    context.insert_value("site", shared.frame.site());
    context.insert_value("nav", shared.frame.nav(&dir));
    let html = templates.render(kind.template, &context, size)?;
    Ok(Output {
        path: job.file(program),
        html,
        search: search.filter(|_| kind.searched),
        listed: kind.listed,
    })
}

/// Escapes text for HTML and XML built outside templates.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
