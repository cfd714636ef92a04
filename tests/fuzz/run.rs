//! Running one case in-process, as `telemachy build` would, with the site
//! rendered into memory: load, check, print the diagnostics both ways,
//! render. A panic is caught with what it said and where. Cases run in a
//! worker process (see `worker.rs`), so that one which overflows the stack,
//! aborts or never ends is still caught, by the process watching it.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use telemachy::derive::Derived;
use telemachy::derive::history::History;
use telemachy::diagnostic::{Diagnostics, Summary, render_human, render_json};
use telemachy::render::{self, RenderOptions, Secret};

use crate::mutate::{Audience, Case, TODAY};

/// How a case ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Verdict {
    /// The exit code `telemachy build` would give: 0 built, 1 the program
    /// has errors (2, an I/O failure, cannot happen in memory).
    Exit(u8),
    /// The tool panicked: where, and what it said.
    Panic { at: String, message: String },
    /// `check` found no error, yet rendering refused the program, so
    /// `check` would exit 0 and `build` 1.
    RejectedLate(String),
    /// The case ran past the time bound (seconds it ran).
    Slow(f64),
    /// The process died (a stack overflow, an abort): what it said last.
    Crash(String),
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
            Verdict::Crash(said) if said.contains("overflowed its stack") => {
                "crash: stack overflow".into()
            }
            Verdict::Crash(said) if said.contains("memory allocation") => {
                "crash: out of memory".into()
            }
            Verdict::Crash(said) => format!("crash: {}", said.lines().last().unwrap_or("")),
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
            Verdict::Slow(took) => format!("over the time bound ({took:.2} s)"),
            Verdict::Crash(said) => format!("the process died: {said}"),
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
        // A panic inside the standard library (an overflowing `sum`, an
        // index out of bounds in a slice method) is told apart by the first
        // of the tool's own functions on the stack.
        let at = match frames.first() {
            Some(frame) if !at.starts_with("src/") => {
                let function = frame
                    .split_once(": ")
                    .map_or(*frame, |(_, f)| f)
                    .trim_end_matches("::{{closure}}");
                format!("{at} in {function}")
            }
            _ => at,
        };
        let message = format!("{message}\n  in: {}", frames.join("\n      "));
        if let Ok(mut last) = LAST_PANIC.lock() {
            last.get_or_insert((at, message));
        }
    }));
}

/// A copy of the demo program on disk that cases are written over, one
/// after another.
pub struct Runner {
    dir: tempfile::TempDir,
    root: PathBuf,
    originals: BTreeMap<PathBuf, Vec<u8>>,
    pool: rayon::ThreadPool,
}

impl Runner {
    /// Copies the demo into a fresh directory; cases render with `threads`
    /// rayon workers. `originals` are the demo's files that cases change.
    pub fn new(originals: BTreeMap<PathBuf, Vec<u8>>, threads: usize) -> Runner {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let root = dir.path().join("program");
        crate::common::copy_demo(&root);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap_or_else(|e| panic!("thread pool: {e}"));
        Runner {
            dir,
            root,
            originals,
            pool,
        }
    }

    /// The directory the demo was copied into.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Runs a case and puts the demo back as it was; returns how it ended
    /// and how long it took.
    pub fn run(&self, case: &Case) -> (Verdict, Duration) {
        let written = apply(&self.root, case);
        let started = Instant::now();
        let verdict = self.pool.install(|| run_caught(&self.root, case));
        let took = started.elapsed();
        restore(&self.root, &self.originals, &written);
        (verdict, took)
    }
}

/// Writes a case over the program; returns the paths it touched.
fn apply(root: &Path, case: &Case) -> Vec<PathBuf> {
    let mut written = Vec::new();
    for (path, change) in &case.changes {
        let full = root.join(path);
        let done = match change {
            Some(bytes) => std::fs::write(&full, bytes),
            None => std::fs::remove_file(&full),
        };
        if done.is_ok() {
            written.push(path.clone());
        }
    }
    written
}

/// Puts every touched file back as the demo has it, or removes it.
fn restore(root: &Path, originals: &BTreeMap<PathBuf, Vec<u8>>, written: &[PathBuf]) {
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
    let summary = Summary {
        files: checked.program.files_read(),
        elapsed: std::time::Duration::ZERO,
    };
    let _ = render_json(&checked.diagnostics, summary);
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
    };
    let derived = Derived::new(&checked.program, &checked.schedule, today);
    let Some(input) = checked.input(&derived) else {
        return Verdict::Exit(1);
    };
    match render::render(&input, &options) {
        Ok(_) => Verdict::Exit(0),
        Err(problems) => {
            let mut diagnostics = Diagnostics::new();
            diagnostics.extend(problems);
            Verdict::RejectedLate(render_human(&diagnostics, &checked.sources, false))
        }
    }
}
