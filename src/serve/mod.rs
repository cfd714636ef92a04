//! `telemachy serve`: build in memory, serve on loopback, watch the
//! sources, rebuild only what an edit affects, and reload open pages.
//!
//! - [`incremental`] runs the build's stages and keeps their results; after
//!   an edit it runs again only the stages the edit's kind of files needs
//!   and renders only the outputs it affects, by the record in [`deps`],
//!   which each page kind's declaration feeds;
//! - [`watch`] turns file-system events into sets of changed files;
//! - [`http`] serves the site from memory;
//! - [`pending`] lets the pages open in a browser, and any page asked for,
//!   be rendered first while an edit that touches many pages is rendered;
//! - [`reload`] tells open pages to reload or to show the errors.
//!
//! A bad edit never stops the server: the last good site stays served and
//! the errors go to the terminal and over the page until they are fixed.

pub mod deps;
pub mod http;
pub mod incremental;
pub mod pending;
pub mod reload;
pub mod watch;

use std::collections::BTreeSet;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, PoisonError};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::render::{Audience, Secret};
use incremental::{Engine, Failure, Settings};

/// What to serve, where and for whom.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The program repository.
    pub root: PathBuf,
    /// The address to listen on; loopback unless asked otherwise.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Who the site is for.
    pub audience: Audience,
    /// "Now" for every date-dependent check and page.
    pub today: NaiveDate,
    /// Key for capability URLs of personal pages.
    pub secret: Option<Secret>,
}

/// What happens while serving, for the terminal.
#[derive(Debug)]
pub enum Event<'a> {
    /// The server listens: reported first, before the first build, which
    /// requests wait for.
    Listening {
        /// The address it is bound to, with the real port.
        address: SocketAddr,
        /// The site's address on this machine (its `base_url`).
        url: &'a str,
    },
    /// A build is served.
    Rebuilt {
        /// Files rendered.
        files: usize,
        /// Whether every file was rendered.
        full: bool,
        /// Wall time from the change to the new site.
        elapsed: Duration,
        /// Warnings in the program now.
        warnings: usize,
        /// How long each stage took, in order (none for the first build).
        stages: &'a [(&'static str, Duration)],
    },
    /// An edit has errors; the last good site is still served.
    Failed(&'a Failure),
}

/// Why serving stopped.
#[derive(Debug)]
pub enum ServeError {
    /// The address could not be bound.
    Bind(String),
    /// The sources could not be watched.
    Watch(notify::Error),
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::Bind(message) => write!(f, "cannot listen: {message}"),
            ServeError::Watch(error) => write!(f, "cannot watch the sources: {error}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// Threads that read site files for requests (a request may wait there
/// for an update to write its file); connections and event streams share
/// one more.
const WORKERS: usize = 4;

/// Builds the program, serves it and keeps it up to date with its sources.
/// Returns only when serving cannot go on.
pub fn serve(options: &ServeOptions, mut report: impl FnMut(Event<'_>)) -> Result<(), ServeError> {
    let listener = TcpListener::bind(SocketAddr::new(options.bind, options.port))
        .map_err(|e| ServeError::Bind(e.to_string()))?;
    let address = listener
        .local_addr()
        .map_err(|e| ServeError::Bind(e.to_string()))?;
    // Bound to every address: links and feeds use this machine's loopback.
    let shown = match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv4Addr::LOCALHOST.into(), address.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(Ipv6Addr::LOCALHOST.into(), address.port())
        }
        _ => address,
    };
    let url = format!("http://{shown}/");
    let server =
        http::Server::new(listener, WORKERS).map_err(|e| ServeError::Bind(e.to_string()))?;
    report(Event::Listening { address, url: &url });
    // Watch before the first build, so an edit made during it is not lost.
    let mut watch = watch::Watch::new(&options.root).map_err(ServeError::Watch)?;
    let settings = Settings {
        root: options.root.clone(),
        audience: options.audience,
        today: options.today,
        base_url: url.clone(),
        secret: options.secret.clone(),
    };
    let shared = Arc::new(http::Shared::default());
    // Connections made meanwhile wait to be accepted until it is built.
    let mut engine = start(&settings, &shared, &mut report);
    {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || server.run(shared));
    }
    while let Some(changed) = watch.changes() {
        match engine.as_mut() {
            None => engine = start(&settings, &shared, &mut report),
            Some(engine) => {
                if let Err(failure) = update(engine, &changed, &shared, &mut report) {
                    report(Event::Failed(&failure));
                    shared.live.failed(&failure.diagnostics);
                }
            }
        }
    }
    Err(ServeError::Watch(notify::Error::generic(
        "the file watcher stopped",
    )))
}

/// Brings the served site up to date with `changed`, step by step: the
/// pages open in a browser or asked for go first, and open pages reload as
/// soon as theirs are written.
fn update(
    engine: &mut Engine,
    changed: &BTreeSet<PathBuf>,
    shared: &http::Shared,
    report: &mut impl FnMut(Event<'_>),
) -> Result<(), Failure> {
    let mut work = engine.begin(changed)?;
    shared.pending.start(engine.unwritten(&work));
    let mut files = 0;
    let mut reloaded = false;
    let done = loop {
        let step = match engine.step(&mut work, &shared.pending.wanted()) {
            Ok(step) => step,
            Err(failure) => break Err(failure),
        };
        files += step.written.len();
        let touched: Vec<String> = step.written.keys().chain(&step.removed).cloned().collect();
        step.apply(&mut shared.site.write().unwrap_or_else(PoisonError::into_inner));
        shared.pending.written(&touched);
        if !reloaded {
            shared.live.rebuilt();
            reloaded = true;
        }
        if work.is_done() {
            break Ok(());
        }
    };
    shared.pending.finish();
    done?;
    report(Event::Rebuilt {
        files,
        full: work.full(),
        elapsed: work.elapsed(),
        warnings: engine.checked().diagnostics.warning_count(),
        stages: work.stages(),
    });
    Ok(())
}

/// The first build; without one (the program has errors) the errors are
/// served and every change tries again.
fn start(
    settings: &Settings,
    shared: &http::Shared,
    report: &mut impl FnMut(Event<'_>),
) -> Option<Engine> {
    let started = Instant::now();
    match Engine::start(settings.clone()) {
        Ok((engine, site)) => {
            let files = site.len();
            *shared.site.write().unwrap_or_else(PoisonError::into_inner) = site;
            shared.live.rebuilt();
            report(Event::Rebuilt {
                files,
                full: true,
                elapsed: started.elapsed(),
                warnings: engine.checked().diagnostics.warning_count(),
                stages: &[],
            });
            Some(engine)
        }
        Err(failure) => {
            report(Event::Failed(&failure));
            shared.live.failed(&failure.diagnostics);
            None
        }
    }
}
