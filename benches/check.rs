//! Benchmark of `telemachy check` on generated programs at 10 %, 30 % and
//! 100 % of 1,000 modules, 10,000 learners, 100,000 meetings and 50 cohorts:
//!
//! ```text
//! cargo bench --bench check [-- --runs 5] [--dir DIR] [--seed 42]
//! ```
//!
//! Each size is generated (into a temporary directory, or `DIR/<percent>`
//! to keep them), checked once to warm the page cache, fill the parse cache
//! and validate it, then checked `--runs` times cold (`--no-cache`: every
//! file parsed) and `--runs` times warm (every file taken from the parse
//! cache), all with `--format json`. The table gives, cold and warm, the
//! median wall time, the median CPU time (user + system, which other load
//! on the machine disturbs less), and the largest peak resident set size,
//! read as the child's `ru_maxrss` through GNU time (`/usr/bin/time -f '%U
//! %S %M'`; without it the memory and CPU columns read `n/a`).
//!
//! The binary is the release build of this package, which cargo builds
//! before the bench and names in `CARGO_BIN_EXE_telemachy`; set
//! `TELEMACHY_BIN` to measure another build. The benchmark fails (exit 1)
//! when a generated program has any error, since those programs must stay
//! valid for the build benchmarks too.

// `check` needs only the machine description of the shared helpers.
#[allow(dead_code)]
mod measure;
mod synthetic;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use synthetic::{Options, Sizes, Summary, TODAY};

/// The full size; the others are percentages of it.
const FULL: Sizes = Sizes {
    modules: 1000,
    learners: 10_000,
    sessions: 100_000,
    cohorts: 50,
};

const PERCENTS: [usize; 3] = [10, 30, 100];

const GNU_TIME: &str = "/usr/bin/time";

const USAGE: &str = "usage: cargo bench --bench check [-- --runs N] [--dir DIR] [--seed N]";

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

struct Args {
    runs: usize,
    dir: Option<PathBuf>,
    seed: u64,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        runs: 5,
        dir: None,
        seed: 42,
    };
    while let Some(flag) = args.next() {
        // `cargo bench` passes `--bench` to every bench target.
        if flag == "--bench" {
            continue;
        }
        let value = args
            .next()
            .ok_or_else(|| format!("`{flag}` needs a value\n{USAGE}"))?;
        let number = || {
            value
                .parse::<usize>()
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| format!("`{flag}` needs a positive whole number, not `{value}`"))
        };
        match flag.as_str() {
            "--runs" => parsed.runs = number()?,
            "--seed" => parsed.seed = number()? as u64,
            "--dir" => parsed.dir = Some(PathBuf::from(&value)),
            _ => return Err(format!("unknown argument `{flag}`\n{USAGE}")),
        }
    }
    Ok(parsed)
}

/// What one size measured.
struct Measured {
    percent: usize,
    summary: Summary,
    generate: Duration,
    cold: Timing,
    warm: Timing,
    errors: Vec<String>,
    warnings: usize,
}

/// The runs of one kind (cold or warm) at one size.
struct Timing {
    wall: Duration,
    cpu: Option<f64>,
    peak_kb: Option<u64>,
}

fn run() -> Result<bool, String> {
    let args = parse(std::env::args().skip(1))?;
    let binary = std::env::var_os("TELEMACHY_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_telemachy")),
        PathBuf::from,
    );
    if !binary.is_file() {
        return Err(format!(
            "{} does not exist; run `cargo build --release` or set TELEMACHY_BIN",
            binary.display()
        ));
    }
    let gnu_time = Path::new(GNU_TIME).is_file();
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").map_err(|e| e.to_string())?;
    let temporary = match &args.dir {
        Some(_) => None,
        None => Some(tempfile::tempdir().map_err(|e| format!("cannot make a temp dir: {e}"))?),
    };
    let base = args
        .dir
        .clone()
        .or_else(|| temporary.as_ref().map(|t| t.path().to_path_buf()))
        .ok_or("no directory to generate into")?;

    println!("binary:  {}", binary.display());
    println!("machine: {}", measure::machine());
    println!(
        "load:    {} (1, 5, 15 min) at start",
        measure::load_average()
    );
    if !gnu_time {
        println!("note:    {GNU_TIME} not found; CPU and memory are not measured");
    }

    let mut results = Vec::new();
    for percent in PERCENTS {
        let sizes = Sizes {
            modules: FULL.modules * percent / 100,
            learners: FULL.learners * percent / 100,
            sessions: FULL.sessions * percent / 100,
            cohorts: (FULL.cohorts * percent / 100).max(1),
        };
        let root = base.join(format!("{percent}-percent"));
        let started = Instant::now();
        let summary = synthetic::generate(
            &root,
            &Options {
                sizes,
                seed: args.seed,
                today,
            },
        )
        .map_err(|e| format!("cannot generate into {}: {e}", root.display()))?;
        let generate = started.elapsed();
        println!("\n{percent:>3} %: {summary}");
        println!("       generated in {generate:.2?} into {}", root.display());
        println!("       {}", validation_line(&binary, &root)?);

        let mut report = Report::default();
        let mut timing = |cache: bool| -> Result<Timing, String> {
            let mut walls = Vec::new();
            let mut cpus = Vec::new();
            let mut peak_kb = None;
            for _ in 0..args.runs {
                let run = check_once(&binary, &root, gnu_time, cache)?;
                walls.push(run.wall);
                if let Some(cpu) = run.cpu {
                    cpus.push(cpu);
                }
                peak_kb = peak_kb.max(run.peak_kb);
                report = run.report;
            }
            Ok(Timing {
                wall: median(&mut walls),
                cpu: (!cpus.is_empty()).then(|| median(&mut cpus)),
                peak_kb,
            })
        };
        let cold = timing(false)?;
        let warm = timing(true)?;
        let measured = Measured {
            percent,
            summary,
            generate,
            cold,
            warm,
            errors: report.errors,
            warnings: report.warnings,
        };
        for (kind, timing) in [("cold", &measured.cold), ("warm", &measured.warm)] {
            println!(
                "       check, {kind}: median {:.3} s over {} runs, peak {}",
                timing.wall.as_secs_f64(),
                args.runs,
                measure::memory(timing.peak_kb)
            );
        }
        results.push(measured);
    }

    println!(
        "\nload:    {} (1, 5, 15 min) at end\n",
        measure::load_average()
    );
    print_table(&results, args.runs);
    println!();
    print_scaling(&results);

    let failed: Vec<&Measured> = results.iter().filter(|m| !m.errors.is_empty()).collect();
    for m in &failed {
        eprintln!(
            "\nFAILED: the {} % program has {} error(s); the generator must write valid programs.",
            m.percent,
            m.errors.len()
        );
        let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
        for line in &m.errors {
            *by_code.entry(code_of(line)).or_default() += 1;
        }
        for (code, count) in by_code {
            eprintln!("  {code}: {count}");
        }
        for line in m.errors.iter().take(10) {
            eprintln!("  {line}");
        }
    }
    Ok(failed.is_empty())
}

/// The human summary line of one `check`, which also warms the page cache
/// and fills the parse cache.
fn validation_line(binary: &Path, root: &Path) -> Result<String, String> {
    let output = Command::new(binary)
        .args(["check", "--today", TODAY, "--root"])
        .arg(root)
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !matches!(output.status.code(), Some(0 | 1)) {
        return Err(format!("check failed with {}:\n{stderr}", output.status));
    }
    Ok(stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("(no summary line)")
        .to_string())
}

#[derive(Default)]
struct Report {
    errors: Vec<String>,
    warnings: usize,
}

struct Run {
    wall: Duration,
    cpu: Option<f64>,
    peak_kb: Option<u64>,
    report: Report,
}

/// One `check`; `cache` says whether it may use the parse cache.
fn check_once(binary: &Path, root: &Path, gnu_time: bool, cache: bool) -> Result<Run, String> {
    let usage_file = root.with_extension("usage");
    let mut command = if gnu_time {
        let mut c = Command::new(GNU_TIME);
        c.args(["-f", "%U %S %M", "-o"])
            .arg(&usage_file)
            .arg(binary);
        c
    } else {
        Command::new(binary)
    };
    command
        .args(["check", "--format", "json", "--today", TODAY, "--root"])
        .arg(root);
    if !cache {
        command.arg("--no-cache");
    }
    let started = Instant::now();
    let output = command
        .output()
        .map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    let wall = started.elapsed();
    if !matches!(output.status.code(), Some(0 | 1)) {
        return Err(format!(
            "check failed with {}:\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let mut report = Report::default();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let value: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| format!("check printed a line that is not JSON ({e}): {line}"))?;
        // The closing summary line counts what the lines before it hold.
        if value.get("kind").and_then(|k| k.as_str()) == Some("summary") {
            continue;
        }
        match value.get("severity").and_then(|s| s.as_str()) {
            Some("error") => report.errors.push(line.to_string()),
            Some("warning") => report.warnings += 1,
            _ => {
                return Err(format!(
                    "check printed a diagnostic without severity: {line}"
                ));
            }
        }
    }
    let (cpu, peak_kb) = if gnu_time {
        // GNU time writes "Command exited with non-zero status 1" first when
        // the program has errors; the figures are on the last line.
        let text = fs::read_to_string(&usage_file)
            .map_err(|e| format!("cannot read {}: {e}", usage_file.display()))?;
        let _ = fs::remove_file(&usage_file);
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
    Ok(Run {
        wall,
        cpu,
        peak_kb,
        report,
    })
}

fn code_of(line: &str) -> &str {
    line.split("\"code\":\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("?")
}

fn median<T: PartialOrd + Copy>(values: &mut [T]) -> T {
    values.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    values[values.len() / 2]
}

fn print_table(results: &[Measured], runs: usize) {
    println!(
        "| size | modules | learners | meetings (sessions) | cohorts | input | generate | \
         cold wall (median of {runs}) | cold CPU | cold peak RSS | \
         warm wall (median of {runs}) | warm CPU | warm peak RSS | errors | warnings |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let cpu = |c: Option<f64>| c.map_or_else(|| "n/a".to_string(), |c| format!("{c:.2} s"));
    for m in results {
        let s = &m.summary;
        println!(
            "| {} % | {} | {} | {} ({}) | {} | {:.0} MB | {:.1} s | {:.3} s | {} | {} | {:.3} s | {} | {} | {} | {} |",
            m.percent,
            s.modules,
            s.learners,
            s.occurrences,
            s.sessions,
            s.cohorts,
            s.bytes as f64 / 1e6,
            m.generate.as_secs_f64(),
            m.cold.wall.as_secs_f64(),
            cpu(m.cold.cpu),
            measure::memory(m.cold.peak_kb),
            m.warm.wall.as_secs_f64(),
            cpu(m.warm.cpu),
            measure::memory(m.warm.peak_kb),
            m.errors.len(),
            m.warnings
        );
    }
}

/// Time per meeting of a cold check relative to the smallest size: 1.00 is
/// linear, above it the work grows faster than the program.
fn print_scaling(results: &[Measured]) {
    let Some(small) = results.first() else { return };
    for m in &results[1..] {
        let size = m.summary.occurrences as f64 / small.summary.occurrences.max(1) as f64;
        let time = m.cold.wall.as_secs_f64() / small.cold.wall.as_secs_f64().max(1e-9);
        let cpu = match (small.cold.cpu, m.cold.cpu) {
            (Some(a), Some(b)) => format!(", CPU ratio {:.2}", b / a.max(1e-9) / size),
            _ => String::new(),
        };
        println!(
            "scaling {} % → {} % (cold): size ×{size:.1}, wall ×{time:.1}, ratio {:.2}{cpu} (1.00 = linear)",
            small.percent,
            m.percent,
            time / size
        );
    }
}
