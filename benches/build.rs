//! Benchmark of `telemachy build` on generated programs at 10 %, 30 % and
//! 100 % of 1,000 modules, 10,000 learners, 100,000 meetings and 50 cohorts:
//!
//! ```text
//! cargo bench --bench build [-- --runs 3] [--dir DIR] [--seed 42] [--audience public|staff|both]
//! ```
//!
//! Each size is generated (on tmpfs, `/dev/shm`, when there is one, or into
//! `DIR/<percent>-percent` to keep it), checked once to warm the page cache
//! and make sure it has no errors, then, for each audience:
//!
//! - `check --format json` is run `--runs` times: the part of a build that
//!   loads and checks the program;
//! - `build --today 2026-04-15 --out <tmpfs>` is run `--runs` times, each
//!   into an output directory removed beforehand, so every run writes a
//!   whole fresh site.
//!
//! The table gives medians of wall and CPU time (user + system), pages per
//! second (HTML pages over the build's wall time), CPU time over wall time
//! (2.0 is both cores of two busy for the whole build) and the largest peak
//! resident set size (GNU time's `%M`). Rendering and writing is the build's
//! median wall time less the check's. Builds run with `--timings`, and a
//! second table gives the median wall time of each stage the build reports
//! (load and check, git history, pages, feeds, write) and its share of the
//! build's own elapsed time. The load average is read before each
//! row's runs, since other work on the machine inflates wall times.
//!
//! A public build without `TELEMACHY_SECRET` has no learner pages; a staff
//! build has one per learner. The binary is the release build cargo makes
//! for the bench; set `TELEMACHY_BIN` to measure another build.

mod measure;
mod synthetic;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use chrono::NaiveDate;

use measure::{Summary, Usage};
use synthetic::{Options, Sizes, TODAY};

/// The full size; the others are percentages of it.
const FULL: Sizes = Sizes {
    modules: 1000,
    learners: 10_000,
    sessions: 100_000,
    cohorts: 50,
};

const PERCENTS: [usize; 3] = [10, 30, 100];

const USAGE: &str = "usage: cargo bench --bench build [-- --runs N] [--dir DIR] [--seed N] \
                     [--audience public|staff|both]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
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
    audiences: Vec<&'static str>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        runs: 3,
        dir: None,
        seed: 42,
        audiences: vec!["public", "staff"],
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
            "--audience" => {
                parsed.audiences = match value.as_str() {
                    "public" => vec!["public"],
                    "staff" => vec!["staff"],
                    "both" => vec!["public", "staff"],
                    _ => return Err(format!("`--audience` is public, staff or both\n{USAGE}")),
                }
            }
            _ => return Err(format!("unknown argument `{flag}`\n{USAGE}")),
        }
    }
    Ok(parsed)
}

/// One row of the table: one size, one audience.
struct Row {
    percent: usize,
    audience: &'static str,
    summary: synthetic::Summary,
    load: String,
    check: Summary,
    build: Summary,
    pages: usize,
    files: usize,
    output_bytes: u64,
    /// The build's own summary line, with its internal timing.
    line: String,
    /// Each stage the build reported, with its median wall time.
    stages: Vec<(String, Duration)>,
}

fn run() -> Result<(), String> {
    let args = parse(std::env::args().skip(1))?;
    let binary = measure::binary()?;
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").map_err(|e| e.to_string())?;
    let scratch = measure::scratch()?;
    let base = args
        .dir
        .clone()
        .unwrap_or_else(|| scratch.path().to_path_buf());

    println!("binary:  {}", binary.display());
    println!("machine: {}", measure::machine());
    println!(
        "load:    {} (1, 5, 15 min) at start",
        measure::load_average()
    );
    println!("output:  {}", scratch.path().display());
    if !measure::gnu_time() {
        println!("note:    /usr/bin/time not found; CPU and memory are not measured");
    }

    let mut rows = Vec::new();
    for percent in PERCENTS {
        let sizes = Sizes {
            modules: FULL.modules * percent / 100,
            learners: FULL.learners * percent / 100,
            sessions: FULL.sessions * percent / 100,
            cohorts: (FULL.cohorts * percent / 100).max(1),
        };
        let root = base.join(format!("{percent}-percent"));
        let summary = synthetic::generate(
            &root,
            &Options {
                sizes,
                seed: args.seed,
                today,
            },
        )
        .map_err(|e| format!("cannot generate into {}: {e}", root.display()))?;
        println!("\n{percent:>3} %: {summary}");
        let usage_file = scratch.path().join("usage");
        let check_args = os_args(
            &["check", "--format", "json", "--today", TODAY, "--root"],
            &root,
        );
        let first = measure::run(&binary, &check_args, &usage_file)?;
        if first.code != Some(0) {
            return Err(format!(
                "the {percent} % program does not check cleanly (exit {:?}):\n{}",
                first.code,
                first.stdout.lines().take(10).collect::<Vec<_>>().join("\n")
            ));
        }
        for &audience in &args.audiences {
            let load = measure::load_now();
            let mut checks = Vec::new();
            for _ in 0..args.runs {
                checks.push(measure::run(&binary, &check_args, &usage_file)?.usage);
            }
            let out = scratch.path().join(format!("site-{percent}-{audience}"));
            let mut build_args = os_args(
                &["build", "--today", TODAY, "--audience", audience, "--root"],
                &root,
            );
            build_args.push("--out".into());
            build_args.push(out.clone().into_os_string());
            build_args.push("--timings".into());
            let mut builds = Vec::new();
            let mut line = String::new();
            let mut timings = Vec::new();
            for _ in 0..args.runs {
                measure::clear(&out)?;
                let (usage, summary_line, stages) = build_once(&binary, &build_args, &usage_file)?;
                builds.push(usage);
                line = summary_line;
                timings.push(stages);
            }
            let (pages, output_bytes) = measure::output_size(&out);
            let files = files_in(&line).unwrap_or(0);
            measure::clear(&out)?;
            let row = Row {
                percent,
                audience,
                summary: summary.clone(),
                load,
                check: Summary::of(&checks),
                build: Summary::of(&builds),
                pages,
                files,
                output_bytes,
                line,
                stages: median_stages(&timings),
            };
            println!(
                "       {audience}: build median {:.3} s over {} runs, {} pages, peak {}\n       {}",
                row.build.wall.as_secs_f64(),
                args.runs,
                row.pages,
                measure::memory(row.build.peak_kb),
                row.line
            );
            rows.push(row);
        }
    }

    println!(
        "\nload:    {} (1, 5, 15 min) at end\n",
        measure::load_average()
    );
    print_table(&rows, args.runs);
    println!();
    print_stages(&rows, args.runs);
    println!();
    print_scaling(&rows);
    Ok(())
}

fn os_args(args: &[&str], root: &Path) -> Vec<OsString> {
    let mut all: Vec<OsString> = args.iter().map(OsString::from).collect();
    all.push(root.as_os_str().to_owned());
    all
}

/// What one build cost, its summary line and its stages' wall times.
type Built = (Usage, String, Vec<(String, Duration)>);

/// One build; fails unless it succeeds.
fn build_once(binary: &Path, args: &[OsString], usage_file: &Path) -> Result<Built, String> {
    let finished = measure::run(binary, args, usage_file)?;
    if finished.code != Some(0) {
        return Err(format!(
            "build failed (exit {:?}):\n{}",
            finished.code, finished.stderr
        ));
    }
    let line = finished
        .stderr
        .lines()
        .rev()
        .find(|l| l.starts_with("built "))
        .unwrap_or("(no summary line)")
        .to_string();
    Ok((finished.usage, line, stages_in(&finished.stderr)))
}

/// The stage lines `--timings` prints after the summary: `  feeds   0.123 s`.
fn stages_in(stderr: &str) -> Vec<(String, Duration)> {
    stderr
        .lines()
        .skip_while(|l| !l.starts_with("built "))
        .skip(1)
        .filter_map(|l| {
            let (name, seconds) = l.trim().strip_suffix(" s")?.rsplit_once(' ')?;
            let seconds: f64 = seconds.trim().parse().ok()?;
            Some((name.trim().to_string(), Duration::from_secs_f64(seconds)))
        })
        .collect()
}

/// The median of each stage over the runs, in the order the build reports them.
fn median_stages(runs: &[Vec<(String, Duration)>]) -> Vec<(String, Duration)> {
    let Some(first) = runs.first() else {
        return Vec::new();
    };
    first
        .iter()
        .map(|(name, _)| {
            let mut times: Vec<Duration> = runs
                .iter()
                .filter_map(|run| run.iter().find(|(n, _)| n == name).map(|(_, d)| *d))
                .collect();
            times.sort();
            (name.clone(), times[times.len() / 2])
        })
        .collect()
}

/// The file count of a summary line: `built 1067 pages, 2077 feeds, 3150 files for …`.
fn files_in(line: &str) -> Option<usize> {
    line.split(", ")
        .find(|part| part.contains(" files"))
        .and_then(|part| part.split_whitespace().next())
        .and_then(|n| n.parse().ok())
}

/// Each stage's median wall time and its share of the stages' sum.
fn print_stages(rows: &[Row], runs: usize) {
    let Some(first) = rows.iter().find(|r| !r.stages.is_empty()) else {
        return;
    };
    let names: Vec<&str> = first.stages.iter().map(|(n, _)| n.as_str()).collect();
    print!("| size | audience |");
    for name in &names {
        print!(" {name} (median of {runs}) |");
    }
    println!();
    println!("|---:|---|{}", "---:|".repeat(names.len()));
    for row in rows {
        let total: f64 = row.stages.iter().map(|(_, d)| d.as_secs_f64()).sum();
        print!("| {} % | {} |", row.percent, row.audience);
        for name in &names {
            match row.stages.iter().find(|(n, _)| n == name) {
                Some((_, took)) => print!(
                    " {:.3} s ({:.0} %) |",
                    took.as_secs_f64(),
                    100.0 * took.as_secs_f64() / total.max(1e-9)
                ),
                None => print!(" — |"),
            }
        }
        println!();
    }
}

fn print_table(rows: &[Row], runs: usize) {
    println!(
        "| size | audience | pages (files) | output | load | check wall | check CPU | \
         build wall (median of {runs}) | render + write | pages/s | build CPU | CPU / wall | peak RSS |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for row in rows {
        let wall = row.build.wall.as_secs_f64();
        let rest = row.build.wall.saturating_sub(row.check.wall);
        println!(
            "| {} % | {} | {} ({}) | {:.0} MB | {} | {:.3} s | {} | {:.3} s | {:.3} s | {:.0} | {} | {} | {} |",
            row.percent,
            row.audience,
            row.pages,
            row.files,
            row.output_bytes as f64 / 1e6,
            row.load,
            row.check.wall.as_secs_f64(),
            measure::seconds(row.check.cpu),
            wall,
            rest.as_secs_f64(),
            row.pages as f64 / wall.max(1e-9),
            measure::seconds(row.build.cpu),
            measure::ratio(row.build.cores()),
            measure::memory(row.build.peak_kb),
        );
    }
}

/// Build CPU time per meeting relative to the smallest size: 1.00 is linear.
fn print_scaling(rows: &[Row]) {
    for audience in ["public", "staff"] {
        let same: Vec<&Row> = rows.iter().filter(|r| r.audience == audience).collect();
        let Some(small) = same.first() else { continue };
        for row in &same[1..] {
            let size = row.summary.occurrences as f64 / small.summary.occurrences.max(1) as f64;
            let per = |r: &Row, d: Duration| d.as_secs_f64() / r.summary.occurrences.max(1) as f64;
            let wall = per(row, row.build.wall) / per(small, small.build.wall).max(1e-12);
            let cpu = match (small.build.cpu, row.build.cpu) {
                (Some(a), Some(b)) => format!(", CPU ratio {:.2}", b / a.max(1e-9) / size),
                _ => String::new(),
            };
            println!(
                "scaling {audience} {} % → {} %: size ×{size:.1}, wall ratio {wall:.2}{cpu} (1.00 = linear)",
                small.percent, row.percent
            );
        }
    }
}
