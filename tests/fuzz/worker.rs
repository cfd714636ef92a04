//! Cases run in a child process of the fuzzer (this same binary, started
//! with `--worker` or `--replay`), which reports each case on its stdout.
//! The fuzzer watches it: a case that runs past its bound is killed with
//! its process, and a process that dies (a stack overflow, an abort) names
//! the case it was running, so either is reported with its input and the
//! run goes on in a fresh process.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::corpus;
use crate::mutate::Case;
use crate::run::Verdict;

/// One line a worker prints when a case is done.
#[derive(Debug, Serialize, Deserialize)]
pub struct Done {
    /// The case's number in the run (0 for a replayed case).
    pub index: u64,
    /// How it ended.
    pub verdict: Verdict,
    /// How long it ran.
    pub seconds: f64,
}

impl Done {
    /// The line for the fuzzer.
    pub fn line(&self) -> String {
        format!("done {}", serde_json::to_string(self).unwrap_or_default())
    }
}

/// What a worker said next.
pub enum Heard {
    /// `case N`: it starts case N.
    Started(u64),
    /// `done {…}`: a case ended.
    Done(Done),
    /// Nothing within the time given.
    Silent,
    /// Its output ended: it finished, or died.
    Ended,
}

/// A running worker process.
pub struct Worker {
    child: Child,
    lines: Receiver<String>,
    stderr: Arc<Mutex<String>>,
    dir: Option<PathBuf>,
}

/// Set in a worker's environment: a worker runs cases and never starts
/// workers of its own.
pub const WORKER_MARK: &str = "TELEMACHY_FUZZ_WORKER";

/// How much of a worker's last words are kept.
const STDERR_TAIL: usize = 4000;

impl Worker {
    /// Starts this binary with `args`.
    pub fn start(args: &[String]) -> Result<Worker, String> {
        let exe = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
        let mut child = Command::new(exe)
            .args(args)
            .env(WORKER_MARK, "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start a worker: {e}"))?;
        let (tx, lines) = mpsc::channel();
        if let Some(stdout) = child.stdout.take() {
            thread::spawn(move || {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let stderr = Arc::new(Mutex::new(String::new()));
        if let Some(mut pipe) = child.stderr.take() {
            let kept = Arc::clone(&stderr);
            thread::spawn(move || {
                let mut buffer = [0u8; 4096];
                while let Ok(n @ 1..) = pipe.read(&mut buffer) {
                    if let Ok(mut kept) = kept.lock() {
                        kept.push_str(&String::from_utf8_lossy(&buffer[..n]));
                        if kept.len() > 2 * STDERR_TAIL {
                            let mut cut = kept.len() - STDERR_TAIL;
                            while !kept.is_char_boundary(cut) {
                                cut += 1;
                            }
                            kept.drain(..cut);
                        }
                    }
                }
            });
        }
        Ok(Worker {
            child,
            lines,
            stderr,
            dir: None,
        })
    }

    /// The next thing the worker says within `wait`.
    pub fn hear(&mut self, wait: Duration) -> Heard {
        loop {
            let line = match self.lines.recv_timeout(wait) {
                Ok(line) => line,
                Err(RecvTimeoutError::Timeout) => return Heard::Silent,
                Err(RecvTimeoutError::Disconnected) => return Heard::Ended,
            };
            if let Some(dir) = line.strip_prefix("dir ") {
                self.dir = Some(PathBuf::from(dir));
            } else if let Some(index) = line.strip_prefix("case ") {
                if let Ok(index) = index.parse() {
                    return Heard::Started(index);
                }
            } else if let Some(json) = line.strip_prefix("done ")
                && let Ok(done) = serde_json::from_str(json)
            {
                return Heard::Done(done);
            }
        }
    }

    /// Waits for the worker to exit; returns its last words when it did
    /// not exit cleanly.
    pub fn finish(mut self) -> Option<String> {
        let status = self.child.wait().ok();
        if status.is_some_and(|s| s.success()) {
            return None;
        }
        let said = self.last_words();
        self.clean_up();
        Some(match status {
            Some(status) => format!("{status}; it said:\n{said}"),
            None => said,
        })
    }

    /// Kills the worker (a case ran past its bound) and removes the copy
    /// of the demo it was working in.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.clean_up();
    }

    fn last_words(&self) -> String {
        // The pipe may still hold the last lines for a moment after exit.
        thread::sleep(Duration::from_millis(50));
        self.stderr
            .lock()
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    }

    fn clean_up(&mut self) {
        if let Some(dir) = self.dir.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Runs the saved case in `case_dir` in a worker, within `bound`.
pub fn judge_dir(case_dir: &Path, bound: Duration, threads: usize) -> Verdict {
    let args = [
        "--worker-replay".to_string(),
        case_dir.display().to_string(),
        "--threads".to_string(),
        threads.to_string(),
    ];
    let mut worker = match Worker::start(&args) {
        Ok(worker) => worker,
        Err(message) => return Verdict::Crash(message),
    };
    // Copying the demo comes first; only the case itself is bounded.
    match worker.hear(Duration::from_secs(60)) {
        Heard::Started(_) => {}
        _ => return ended(worker),
    }
    match worker.hear(bound) {
        Heard::Done(done) if done.seconds > bound.as_secs_f64() => {
            let _ = worker.finish();
            Verdict::Slow(done.seconds)
        }
        Heard::Done(done) => {
            let _ = worker.finish();
            done.verdict
        }
        Heard::Silent => {
            worker.kill();
            Verdict::Slow(bound.as_secs_f64())
        }
        Heard::Started(_) | Heard::Ended => ended(worker),
    }
}

fn ended(worker: Worker) -> Verdict {
    Verdict::Crash(
        worker
            .finish()
            .unwrap_or_else(|| "it ended without a verdict".into()),
    )
}

/// Runs `case` in a worker, within `bound`.
pub fn judge(case: &Case, bound: Duration, threads: usize) -> Verdict {
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => return Verdict::Crash(format!("tempdir: {e}")),
    };
    let case_dir = dir.path().join("case");
    if let Err(message) = corpus::write(&case_dir, case, &corpus::Record::of(case)) {
        return Verdict::Crash(message);
    }
    judge_dir(&case_dir, bound, threads)
}
