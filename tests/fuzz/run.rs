//! Running one case in-process, as `telemachy build` would, with the site
//! rendered into memory: load, check, print the diagnostics both ways,
//! render. A panic is caught with what it said and where; a case that runs
//! past the time bound is caught by a watchdog on the calling thread.

use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use telemachy::derive::history::History;
use telemachy::diagnostic::{render_human, render_json};
use telemachy::render::{self, RenderOptions, Secret};

use crate::mutate::{Audience, Case, Demo, TODAY};

/// How a case ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The exit code `telemachy build` would give: 0 built, 1 the program
    /// has errors (2, an I/O failure, cannot happen in memory).
    Exit(u8),
    /// The tool panicked: where, and what it said.
    Panic { at: String, message: String },
    /// `check` found no error, yet rendering refused the program, so
    /// `check` would exit 0 and `build` 1.
    RejectedLate(String),
    /// The case ran past the time bound.
    Slow(Duration),
}

impl Verdict {
    /// Whether the case passed.
    pub fn passed(&self) -> bool {
        matches!(self, Verdict::Exit(0..=2))
    }

    /// What identifies this failure among others, for grouping repeats.
    pub fn signature(&self) -> String {
        match self {
            Verdict::Exit(code) => format!("exit {code}"),
            Verdict::Panic { at, .. } => format!("panic at {at}"),
            Verdict::RejectedLate(problems) => {
                format!("rejected late: {}", problems.lines().next().unwrap_or(""))
            }
            Verdict::Slow(_) => "slow".into(),
        }
    }

    /// The failure in words.
    pub fn describe(&self) -> String {
        match self {
            Verdict::Exit(code) => format!("exit {code}"),
            Verdict::Panic { at, message } => format!("panic at {at}: {message}"),
            Verdict::RejectedLate(problems) => {
                format!("check passed but rendering failed:\n{problems}")
            }
            Verdict::Slow(took) => format!("over the time bound ({took:.2?})"),
        }
    }
}

/// What the last panic said, filled by the hook from whichever thread
/// panicked (rayon's workers included).
static LAST_PANIC: Mutex<Option<(String, String)>> = Mutex::new(None);

/// Replaces the default panic hook (which prints every caught panic) with
/// one that keeps where and why the first panic of a case happened.
pub fn install_panic_hook() {
    panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_else(|| "an unknown place".into());
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a non-text panic payload".into());
        let backtrace = std::backtrace::Backtrace::force_capture().to_string();
        let frames: Vec<&str> = backtrace
            .lines()
            .map(str::trim)
            .filter(|l| l.contains("telemachy::"))
            .take(8)
            .collect();
        let message = format!("{message}\n  in: {}", frames.join("\n      "));
        if let Ok(mut last) = LAST_PANIC.lock() {
            last.get_or_insert((at, message));
        }
    }));
}

/// A copy of the demo program on disk that cases are written over, and
/// the one thread cases run on.
pub struct Runner {
    jobs: Sender<Case>,
    done: Receiver<(Verdict, Duration)>,
    busy: bool,
}

impl Runner {
    /// Copies the demo into a fresh directory and starts the thread that
    /// runs cases with `threads` rayon workers.
    pub fn new(demo: &Demo, threads: usize) -> Runner {
        let (jobs, job_rx) = mpsc::channel::<Case>();
        let (done_tx, done) = mpsc::channel();
        let originals = demo.files.clone();
        thread::spawn(move || {
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
            let root = dir.path().join("program");
            crate::common::copy_demo(&root);
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap_or_else(|e| panic!("thread pool: {e}"));
            for case in job_rx {
                let written = apply(&root, &case);
                let started = Instant::now();
                let verdict = pool.install(|| run_caught(&root, &case));
                let took = started.elapsed();
                restore(&root, &originals, &written);
                if done_tx.send((verdict, took)).is_err() {
                    break;
                }
            }
        });
        Runner {
            jobs,
            done,
            busy: false,
        }
    }

    /// Runs a case, or gives up on it after `bound`: a case still running
    /// then is reported as slow, and the runner waits up to `grace` more
    /// for it before it can take another case.
    pub fn run(&mut self, case: &Case, bound: Duration, grace: Duration) -> Verdict {
        if self.busy || self.jobs.send(case.clone()).is_err() {
            return Verdict::Slow(Duration::MAX);
        }
        match self.done.recv_timeout(bound) {
            Ok((_, took)) if took > bound => Verdict::Slow(took),
            Ok((verdict, _)) => verdict,
            Err(RecvTimeoutError::Timeout) => {
                self.busy = self.done.recv_timeout(grace).is_err();
                Verdict::Slow(bound)
            }
            Err(RecvTimeoutError::Disconnected) => Verdict::Panic {
                at: "the runner thread".into(),
                message: "stopped".into(),
            },
        }
    }

    /// Whether a case is still running past its bound and its grace.
    pub fn stuck(&self) -> bool {
        self.busy
    }
}

/// Writes a case over the program; returns the paths it touched.
fn apply(root: &Path, case: &Case) -> Vec<PathBuf> {
    let mut written = Vec::new();
    for (path, change) in &case.changes {
        let full = root.join(path);
        match change {
            Some(bytes) => {
                if std::fs::write(&full, bytes).is_ok() {
                    written.push(path.clone());
                }
            }
            None => {
                if std::fs::remove_file(&full).is_ok() {
                    written.push(path.clone());
                }
            }
        }
    }
    written
}

/// Puts every touched file back as the demo has it, or removes it.
fn restore(
    root: &Path,
    originals: &std::collections::BTreeMap<PathBuf, Vec<u8>>,
    written: &[PathBuf],
) {
    for path in written {
        let full = root.join(path);
        let result = match originals.get(path) {
            Some(bytes) => std::fs::write(&full, bytes),
            None => std::fs::remove_file(&full),
        };
        if let Err(e) = result {
            panic!("cannot restore {}: {e}", full.display());
        }
    }
}

fn run_caught(root: &Path, case: &Case) -> Verdict {
    if let Ok(mut last) = LAST_PANIC.lock() {
        *last = None;
    }
    match panic::catch_unwind(AssertUnwindSafe(|| run(root, case))) {
        Ok(verdict) => verdict,
        Err(_) => {
            let (at, message) = LAST_PANIC
                .lock()
                .ok()
                .and_then(|mut last| last.take())
                .unwrap_or_else(|| ("an unknown place".into(), String::new()));
            Verdict::Panic { at, message }
        }
    }
}

/// A capability key of the minimum length, as `TELEMACHY_SECRET` holds.
const SECRET: &str = "fuzz-fuzz-fuzz-fuzz-fuzz-fuzz-fuzz-fuzz";

/// What `telemachy build` does with the program at `root`, in memory.
fn run(root: &Path, case: &Case) -> Verdict {
    let today = NaiveDate::parse_from_str(&case.today, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(TODAY, "%Y-%m-%d"))
        .unwrap_or_default();
    let checked = telemachy::check_program(root, today);
    // main.rs prints every diagnostic; printing must hold on any input.
    let _ = render_human(&checked.diagnostics, &checked.sources, false);
    let _ = render_json(&checked.diagnostics);
    if checked.diagnostics.has_errors() {
        return Verdict::Exit(1);
    }
    let secret = Secret::new(SECRET).ok();
    let history = History::default();
    let options = RenderOptions {
        audience: match case.audience {
            Audience::Staff => render::Audience::Staff,
            Audience::Public | Audience::PublicWithSecret => render::Audience::Public,
        },
        today,
        base_url: checked.program.settings.base_url.clone(),
        secret: match case.audience {
            Audience::PublicWithSecret => secret.as_ref(),
            _ => None,
        },
        history: &history,
        theme: &checked.theme,
    };
    match render::render(&checked, &options) {
        Ok(_) => Verdict::Exit(0),
        Err(problems) => {
            let mut diagnostics = telemachy::diagnostic::Diagnostics::new();
            diagnostics.extend(problems);
            Verdict::RejectedLate(render_human(&diagnostics, &checked.sources, false))
        }
    }
}
