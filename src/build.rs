//! `telemachy build`: check, render, guard, write — or refuse and leave the
//! previous output exactly as it was.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::derive::Derived;
use crate::derive::history::History;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::cache::Mode;
use crate::model::web_url::BaseUrl;
use crate::privacy_guard;
use crate::render::{self, Audience, RenderOptions, Secret};
use crate::write::{self, WriteError};
use crate::{Checked, check_program_using};

/// What to build and for whom.
#[derive(Debug)]
pub struct BuildOptions {
    /// The program repository.
    pub root: PathBuf,
    /// The output directory.
    pub out: PathBuf,
    /// Who the site is for.
    pub audience: Audience,
    /// "Now" for every date-dependent check and page.
    pub today: NaiveDate,
    /// Overrides the program's `base_url`.
    pub base_url: Option<BaseUrl>,
    /// Key for capability URLs of personal pages.
    pub secret: Option<Secret>,
}

/// A finished build.
#[derive(Debug)]
pub struct BuildReport {
    /// The checked program (its warnings are worth printing).
    pub checked: Checked,
    /// Where the site was written.
    pub out: PathBuf,
    /// HTML pages written.
    pub pages: usize,
    /// Calendar feeds written.
    pub feeds: usize,
    /// Charts on the pages written.
    pub charts: usize,
    /// Files written in all.
    pub files: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Wall time of each stage, in order.
    pub stages: Vec<(&'static str, Duration)>,
    /// Folders beside the output named like a killed build's leftovers but
    /// left alone, as telemachy cannot tell it made everything in them.
    pub kept: Vec<PathBuf>,
}

/// Why a build did not happen.
#[derive(Debug)]
pub enum BuildFailure {
    /// The program has errors; nothing was written.
    Invalid(Box<Checked>),
    /// The output directory was refused or could not be written.
    Output(WriteError),
}

/// Runs a build.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildFailure> {
    build_using(options, Mode::Off)
}

/// [`build`], using the program's parse cache on disk as `cache` allows.
pub fn build_using(options: &BuildOptions, cache: Mode) -> Result<BuildReport, BuildFailure> {
    let started = Instant::now();
    let out = write::check_output_dir(&options.root, &options.out).map_err(BuildFailure::Output)?;
    let mut checked = check_program_using(&options.root, options.today, cache);
    if checked.diagnostics.has_errors() {
        return Err(BuildFailure::Invalid(Box::new(checked)));
    }
    // The report quotes only the files a diagnostic points into; the
    // program's other texts, as large as the program, are let go before
    // the pages take their memory. The theme's stay, for a template that
    // fails to render.
    let quoted = quoted_files(checked.diagnostics.iter());
    let let_go: Vec<PathBuf> = checked
        .sources
        .files()
        .filter(|file| is_program_text(file) && !quoted.contains(*file))
        .map(Path::to_path_buf)
        .collect();
    checked
        .sources
        .retain(|file| quoted.contains(file) || !is_program_text(file));
    let checked_at = started.elapsed();
    let history = History::read(&options.root);
    let history_time = started.elapsed() - checked_at;
    let base_url = match &options.base_url {
        Some(url) => url.to_string(),
        None => checked.program.settings.base_url.clone(),
    };
    let render_options = RenderOptions {
        audience: options.audience,
        today: options.today,
        base_url,
        secret: options.secret.as_ref(),
        history: &history,
    };
    let derived = Derived::new(&checked.program, &checked.schedule, options.today);
    let derive_time = started.elapsed() - checked_at - history_time;
    // Templates compile whenever the checks found no error.
    let Some(input) = checked.input(&derived) else {
        return Err(BuildFailure::Invalid(Box::new(checked)));
    };
    let rendered = match render::render(&input, &render_options) {
        Ok(rendered) => rendered,
        Err(problems) => {
            let mut diagnostics = Diagnostics::new();
            diagnostics.extend(problems);
            checked.diagnostics.extend(diagnostics.iter().cloned());
            return Err(BuildFailure::Invalid(Box::new(checked)));
        }
    };
    let mut stages = vec![
        ("load and check", checked_at),
        ("git history", history_time),
        ("people and figures", derive_time),
        ("pages", rendered.pages_time),
        ("feeds", rendered.feeds_time),
    ];
    // A staff site is never published, and shows everyone on purpose.
    if options.audience == Audience::Public {
        let guarding = Instant::now();
        let mut leaks = privacy_guard::check(&checked, &rendered.site, options.secret.as_ref());
        if !leaks.is_empty() {
            // Tracing a leak to where it is written reads every text: read
            // the ones let go again, and trace once more.
            for file in let_go {
                if let Ok(text) = crate::load::fs::read_text(&options.root, &file) {
                    checked.sources.insert(file, text);
                }
            }
            leaks = privacy_guard::check(&checked, &rendered.site, options.secret.as_ref());
            checked.diagnostics.extend(leaks);
            return Err(BuildFailure::Invalid(Box::new(checked)));
        }
        stages.push(("privacy guard", guarding.elapsed()));
    }
    let writing = Instant::now();
    let kept = write::write_site(&out, &rendered.site).map_err(BuildFailure::Output)?;
    stages.push(("write", writing.elapsed()));
    Ok(BuildReport {
        checked,
        out,
        pages: rendered.pages,
        feeds: rendered.feeds,
        charts: rendered.charts,
        files: rendered.site.len(),
        elapsed: started.elapsed(),
        stages,
        kept,
    })
}

/// The files diagnostics point into, where a report quotes a line.
fn quoted_files<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> BTreeSet<PathBuf> {
    diagnostics
        .into_iter()
        .flat_map(|d| d.location.iter().chain(d.related.iter().map(|(l, _)| l)))
        .map(|l| l.file.clone())
        .collect()
}

/// Whether a file is one of the program's records or documents.
fn is_program_text(file: &Path) -> bool {
    file.starts_with("data") || file.starts_with("content")
}
