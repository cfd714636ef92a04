//! What the `build` and `peer` benchmarks share: running a command under GNU
//! time, medians, output sizes, and a description of the machine and its
//! load, since other work on the machine changes every figure.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const GNU_TIME: &str = "/usr/bin/time";

/// What one run of a command cost.
#[derive(Clone, Copy, Debug)]
pub struct Usage {
    /// Wall time around the child process.
    pub wall: Duration,
    /// User plus system CPU seconds, from GNU time.
    pub cpu: Option<f64>,
    /// Peak resident set size in KiB (`ru_maxrss`), from GNU time.
    pub peak_kb: Option<u64>,
}

/// A finished run: its cost and what it printed.
pub struct Finished {
    /// What it cost.
    pub usage: Usage,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit code, `None` when killed by a signal.
    pub code: Option<i32>,
}

/// Whether CPU time and peak memory can be measured.
pub fn gnu_time() -> bool {
    Path::new(GNU_TIME).is_file()
}

/// Runs `program args…`, under GNU time when it is installed, which writes
/// its figures to `usage_file` (a path next to the work, not in it).
pub fn run(program: &Path, args: &[OsString], usage_file: &Path) -> Result<Finished, String> {
    let timed = gnu_time();
    let mut command = if timed {
        let mut c = Command::new(GNU_TIME);
        c.args(["-f", "%U %S %M", "-o"])
            .arg(usage_file)
            .arg(program);
        c
    } else {
        Command::new(program)
    };
    command.args(args);
    let started = Instant::now();
    let output = command
        .output()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let wall = started.elapsed();
    let (cpu, peak_kb) = if timed {
        let text = fs::read_to_string(usage_file)
            .map_err(|e| format!("cannot read {}: {e}", usage_file.display()))?;
        let _ = fs::remove_file(usage_file);
        // GNU time first writes "Command exited with non-zero status N" when
        // the child fails; the figures are on the last line.
        let fields: Vec<&str> = text
            .lines()
            .last()
            .unwrap_or_default()
            .split_whitespace()
            .collect();
        match fields[..] {
            [user, system, kb] => (
                user.parse::<f64>()
                    .ok()
                    .zip(system.parse::<f64>().ok())
                    .map(|(u, s)| u + s),
                kb.parse().ok(),
            ),
            _ => (None, None),
        }
    } else {
        (None, None)
    };
    Ok(Finished {
        usage: Usage { wall, cpu, peak_kb },
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code(),
    })
}

/// The median of several runs: median wall time, median CPU time, and the
/// largest peak memory (memory does not average out).
#[derive(Clone, Copy, Debug)]
pub struct Summary {
    /// Median wall time.
    pub wall: Duration,
    /// Median user + system time.
    pub cpu: Option<f64>,
    /// Largest peak RSS in KiB.
    pub peak_kb: Option<u64>,
}

impl Summary {
    /// Summarises `runs` (at least one).
    pub fn of(runs: &[Usage]) -> Summary {
        let mut walls: Vec<Duration> = runs.iter().map(|u| u.wall).collect();
        let mut cpus: Vec<f64> = runs.iter().filter_map(|u| u.cpu).collect();
        Summary {
            wall: median(&mut walls).unwrap_or_default(),
            cpu: median(&mut cpus),
            peak_kb: runs.iter().filter_map(|u| u.peak_kb).max(),
        }
    }

    /// CPU time over wall time: 2.0 means both cores of two were busy.
    pub fn cores(&self) -> Option<f64> {
        self.cpu.map(|c| c / self.wall.as_secs_f64().max(1e-9))
    }
}

fn median<T: PartialOrd + Copy>(values: &mut [T]) -> Option<T> {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    values.get(values.len() / 2).copied()
}

/// Peak memory as MB, or `n/a`.
pub fn memory(kb: Option<u64>) -> String {
    kb.map_or_else(
        || "n/a".to_string(),
        |kb| format!("{:.0} MB", kb as f64 / 1024.0),
    )
}

/// CPU seconds, or `n/a`.
pub fn seconds(cpu: Option<f64>) -> String {
    cpu.map_or_else(|| "n/a".to_string(), |c| format!("{c:.2} s"))
}

/// A ratio with two decimals, or `n/a`.
pub fn ratio(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_string(), |r| format!("{r:.2}"))
}

/// HTML files and bytes of all files under `dir`.
pub fn output_size(dir: &Path) -> (usize, u64) {
    let mut pages = 0;
    let mut bytes = 0;
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_file() {
            if entry.path().extension().is_some_and(|e| e == "html") {
                pages += 1;
            }
            bytes += entry.metadata().map_or(0, |m| m.len());
        }
    }
    (pages, bytes)
}

/// Removes a directory this benchmark wrote, if it is there.
pub fn clear(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| format!("cannot remove {}: {e}", dir.display()))?;
    }
    Ok(())
}

/// A fresh directory on tmpfs (`/dev/shm`) when there is one, so that the
/// disk does not take part in the measurement; removed when dropped.
pub fn scratch() -> Result<tempfile::TempDir, String> {
    let shm = Path::new("/dev/shm");
    let mut builder = tempfile::Builder::new();
    builder.prefix("telemachy-bench-");
    if shm.is_dir() {
        builder.tempdir_in(shm)
    } else {
        builder.tempdir()
    }
    .map_err(|e| format!("cannot make a scratch directory: {e}"))
}

/// The binary to measure: `TELEMACHY_BIN`, else the release build cargo
/// made for this bench.
pub fn binary() -> Result<PathBuf, String> {
    let binary = std::env::var_os("TELEMACHY_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_telemachy")),
        PathBuf::from,
    );
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(format!(
            "{} does not exist; run `cargo build --release` or set TELEMACHY_BIN",
            binary.display()
        ))
    }
}

/// Cores, CPU model and memory of this machine.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string());
    let memory = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or_else(String::new, |kb| {
            format!(", {:.0} GB RAM", kb as f64 / 1024.0 / 1024.0)
        });
    format!("{cores} cores, {cpu}{memory}")
}

/// The 1, 5 and 15 minute load averages, as `uptime` prints them.
pub fn load_average() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|| "unknown".to_string())
}

/// The 1-minute load average alone, for a table column.
pub fn load_now() -> String {
    load_average()
        .split_whitespace()
        .next()
        .unwrap_or("?")
        .to_string()
}
