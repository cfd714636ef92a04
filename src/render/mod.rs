//! The site: every page rendered from the checked program, in memory and in
//! parallel. Nothing here reads or writes files; `build` hands the result to
//! `write`.
//!
//! What a page may show depends on the [`Audience`]: a public build shows no
//! learner who has not consented, and personal pages exist only at
//! capability URLs; a staff build shows everything and is marked noindex.

pub mod actions;
pub mod audience;
pub mod bodies;
pub mod calendar;
pub mod charter;
pub mod charts;
pub mod frame;
pub mod highlight;
pub mod ics_text;
pub mod markdown;
pub mod pages;
pub mod progress;
pub mod theme;
pub mod urls;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::Checked;
use crate::derive::history::History;
use crate::derive::links::Resolver;
use crate::diagnostic::Diagnostic;
use crate::load::theme::Theme;
use crate::write::Site;

pub use audience::{Audience, Secret};
use highlight::Highlighter;
use theme::Templates;
use urls::Urls;

/// Everything rendering needs besides the program.
#[derive(Debug)]
pub struct RenderOptions<'a> {
    /// Who the site is for.
    pub audience: Audience,
    /// "Now" for upcoming sessions and at-risk signals.
    pub today: NaiveDate,
    /// Where the site is published, ending in `/`.
    pub base_url: String,
    /// Key for capability URLs; without it a public build has no personal pages.
    pub secret: Option<&'a Secret>,
    /// Last-change dates of the sources.
    pub history: &'a History,
    /// The theme's templates and static files.
    pub theme: &'a Theme,
}

/// What was rendered.
#[derive(Debug)]
pub struct Rendered {
    /// The files of the site.
    pub site: Site,
    /// Number of HTML pages.
    pub pages: usize,
    /// Number of calendar feeds.
    pub feeds: usize,
    /// Number of charts on the pages.
    pub charts: usize,
    /// Wall time spent on pages (with the search index and sitemap).
    pub pages_time: Duration,
    /// Wall time spent on calendar feeds.
    pub feeds_time: Duration,
}

/// Renders the whole site, or returns every template problem found.
pub fn render(checked: &Checked, options: &RenderOptions<'_>) -> Result<Rendered, Vec<Diagnostic>> {
    let started = Instant::now();
    let templates = Templates::new(options.theme).map_err(|d| vec![*d])?;
    let urls = Urls::new(&options.base_url);
    let resolver = Resolver::new(&checked.program);
    let highlighter = Highlighter::new();
    let people = pages::People::new(&checked.program);
    let metrics =
        crate::derive::metrics::compute(&checked.program, &checked.schedule, options.today);
    let shared = pages::Shared {
        checked,
        options,
        urls: &urls,
        resolver: &resolver,
        highlighter: &highlighter,
        people: &people,
        metrics: &metrics,
        frame: &frame::Frame::new(&checked.program, options.audience, &options.base_url, &urls),
        bodies: None,
    };
    let jobs = pages::jobs(&shared);
    let setup = started.elapsed();
    let mut rendered = render_jobs(&shared, &templates, &jobs, |_| {})?;
    rendered.pages_time += setup;
    Ok(rendered)
}

/// Renders the pages of `jobs` in parallel, then the theme's static files,
/// the site files and every feed, into one site; `seen` is shown each page
/// before it is added. Returns every template problem found instead.
pub fn render_jobs(
    shared: &pages::Shared<'_>,
    templates: &Templates,
    jobs: &[pages::Job],
    mut seen: impl FnMut(&pages::Output),
) -> Result<Rendered, Vec<Diagnostic>> {
    let started = Instant::now();
    let results: Vec<Result<pages::Output, Box<Diagnostic>>> = jobs
        .par_iter()
        .map(|job| pages::render_job(shared, templates, job))
        .collect();
    let mut site = Site::new();
    let mut problems = Vec::new();
    let mut pages = 0;
    let mut charts = 0;
    let mut index = Vec::new();
    let mut sitemap = Vec::new();
    for result in results {
        match result {
            Ok(output) => {
                seen(&output);
                pages += 1;
                charts += output.html.matches(charts::CHART_START).count();
                if let Some(entry) = output.search {
                    index.push(entry);
                }
                if output.listed {
                    sitemap.push(output.path.clone());
                }
                site.insert(output.path, output.html);
            }
            Err(problem) => problems.push(*problem),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    for (name, bytes) in &shared.options.theme.statics {
        site.insert(format!("static/{name}"), bytes.clone());
    }
    pages::site_files(shared, &mut site, index, sitemap);
    let pages_time = started.elapsed();
    let feeds = calendar::write_feeds(&shared.calendar(), &mut site);
    Ok(Rendered {
        site,
        pages,
        feeds,
        charts,
        pages_time,
        feeds_time: started.elapsed() - pages_time,
    })
}
