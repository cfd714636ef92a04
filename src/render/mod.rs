//! The site: every page rendered from the checked program, the facts
//! derived from it and the compiled templates ([`Input`]), in memory and in
//! parallel. Nothing here reads or writes files; `build` hands the
//! [`Site`] to `write`.
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
pub mod ics_text;
pub mod locale;
pub mod markdown;
pub mod pages;
pub mod progress;
mod site;
pub mod urls;

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::derive::Derived;
use crate::derive::history::History;
use crate::derive::links::Resolver;
use crate::derive::occurrences::Schedule;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::theme::Theme;
use crate::model::Program;
use crate::theme::Templates;

use crate::derive::highlight::Highlighter;
pub use audience::{Audience, Secret};
pub use site::Site;
use urls::Urls;

/// What a site is rendered from: the checked program and what the stages
/// before found of it, each computed once.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The resolved program.
    pub program: &'a Program,
    /// Occurrences of every session.
    pub schedule: &'a Schedule,
    /// Everything the checks found, for the staff report.
    pub diagnostics: &'a Diagnostics,
    /// Where internal links lead.
    pub links: &'a Resolver,
    /// People and figures.
    pub derived: &'a Derived,
    /// The theme's static files.
    pub theme: &'a Theme,
    /// The theme's templates, compiled.
    pub templates: &'a Templates,
}

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

/// What every page of a render shares besides its [`Input`] and options:
/// the URL scheme, the highlighter and the site's frame, made once.
#[derive(Debug)]
pub struct Setting {
    /// The URL scheme.
    pub urls: Urls,
    /// Code highlighting.
    pub highlighter: Highlighter,
    /// The site and navigation every page shows.
    pub frame: frame::Frame,
    /// How pages write dates, times and numbers.
    pub locale: locale::Locale,
}

impl Setting {
    /// The setting of `program`'s pages for `options`.
    pub fn new(program: &Program, options: &RenderOptions<'_>) -> Setting {
        let urls = Urls::new(&options.base_url);
        let frame = frame::Frame::new(program, options.audience, &options.base_url, &urls);
        Setting {
            urls,
            highlighter: Highlighter::new(),
            frame,
            locale: locale::Locale::new(&program.settings.conventions),
        }
    }

    /// The program's frame changed (its settings, paths or pages).
    pub fn reframe(&mut self, program: &Program, options: &RenderOptions<'_>) {
        self.frame = frame::Frame::new(program, options.audience, &options.base_url, &self.urls);
        self.locale = locale::Locale::new(&program.settings.conventions);
    }

    /// What the pages of `input` share, with the bodies rendered before
    /// when the caller keeps them.
    pub fn shared<'a>(
        &'a self,
        input: &'a Input<'a>,
        options: &'a RenderOptions<'a>,
        bodies: Option<&'a bodies::Bodies>,
    ) -> pages::Shared<'a> {
        pages::Shared {
            input,
            options,
            urls: &self.urls,
            resolver: input.links,
            highlighter: &self.highlighter,
            people: &input.derived.people,
            metrics: &input.derived.metrics,
            frame: &self.frame,
            locale: &self.locale,
            bodies,
        }
    }
}

/// Renders the whole site, or returns every template problem found.
pub fn render(input: &Input<'_>, options: &RenderOptions<'_>) -> Result<Rendered, Vec<Diagnostic>> {
    let started = Instant::now();
    let setting = Setting::new(input.program, options);
    let shared = setting.shared(input, options, None);
    let jobs = pages::jobs(&shared);
    let setup = started.elapsed();
    let mut rendered = render_jobs(&shared, input.templates, &jobs, |_| {})?;
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
    for (name, bytes) in &shared.input.theme.statics {
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
