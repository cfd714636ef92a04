//! A fuzzer for the whole pipeline, on the stable toolchain: it mutates the
//! demo program's YAML and Markdown files and runs load, check, the
//! diagnostic printers and the renderer through the library on each case,
//! asserting that nothing panics or crashes, that the run ends as `build`
//! would (exit 0 or 1), that `check` and `build` agree, and that each case
//! finishes within a time bound.
//!
//! ```sh
//! cargo test --test fuzz                                 # a few seconds (part of `cargo test`)
//! TELEMACHY_FUZZ_SECONDS=3600 cargo test --test fuzz     # a long run
//! TELEMACHY_FUZZ_SEED=42 cargo test --test fuzz          # a given seed
//! TELEMACHY_FUZZ_SEED=42 TELEMACHY_FUZZ_CASE=17 cargo test --test fuzz   # one case, shown
//! cargo test --test fuzz -- --replay tests/fuzz/regressions/NAME         # one saved case
//! ```
//!
//! Every run first replays the saved failures in `tests/fuzz/regressions/`;
//! a new failure is shrunk and saved there, to be committed with its fix.
//! Cases run in a worker process, this same binary started with
//! `--worker`, so that a stack overflow or a case that never ends is
//! reported with its input like any other failure.

#[path = "../common/mod.rs"]
mod common;
mod corpus;
mod mutate;
mod run;
mod shrink;
mod tree;
mod worker;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use mutate::{Case, Demo};
use run::{Runner, Verdict};

/// What to run, from the environment and the command line (flags win).
struct Config {
    /// How long to fuzz.
    seconds: f64,
    /// The seed of the run.
    seed: u64,
    /// Run only this case of the seed, and show it.
    case: Option<u64>,
    /// The time bound of one case.
    bound: Duration,
    /// Rayon workers for loading and rendering.
    threads: usize,
    /// Replay only this saved case.
    replay: Option<PathBuf>,
    /// Internal: run as a worker from this case on.
    worker: Option<u64>,
    /// Internal: run one saved case as a worker.
    worker_replay: Option<PathBuf>,
}

impl Config {
    fn read() -> Result<Config, String> {
        let mut values: BTreeMap<&str, String> = BTreeMap::new();
        for (name, var) in [
            ("seconds", "TELEMACHY_FUZZ_SECONDS"),
            ("seed", "TELEMACHY_FUZZ_SEED"),
            ("case", "TELEMACHY_FUZZ_CASE"),
            ("bound", "TELEMACHY_FUZZ_BOUND"),
            ("threads", "TELEMACHY_FUZZ_THREADS"),
        ] {
            if let Ok(value) = std::env::var(var) {
                values.insert(name, value);
            }
        }
        // Other arguments are cargo test's (filters, --nocapture) and are
        // not for this target.
        let args: Vec<String> = std::env::args().skip(1).collect();
        let mut i = 0;
        while i < args.len() {
            let Some(arg) = args[i].strip_prefix("--") else {
                i += 1;
                continue;
            };
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (arg, None),
            };
            let known = [
                "seconds",
                "seed",
                "case",
                "bound",
                "threads",
                "replay",
                "worker",
                "worker-replay",
            ];
            if let Some(name) = known.iter().find(|k| **k == name) {
                let value = match inline {
                    Some(v) => v,
                    None => {
                        i += 1;
                        args.get(i)
                            .cloned()
                            .ok_or(format!("--{name} needs a value"))?
                    }
                };
                values.insert(name, value);
            }
            i += 1;
        }
        let number = |name: &str, default: f64| -> Result<f64, String> {
            values.get(name).map_or(Ok(default), |v| {
                v.parse::<f64>()
                    .map_err(|_| format!("{name}: `{v}` is not a number"))
            })
        };
        let seed = match values.get("seed") {
            Some(v) => v
                .parse()
                .map_err(|_| format!("seed: `{v}` is not a whole number"))?,
            None => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as u64 % 1_000_000_000_000),
        };
        let whole = |name: &str| -> Result<Option<u64>, String> {
            match values.get(name) {
                Some(v) => v
                    .parse()
                    .map(Some)
                    .map_err(|_| format!("{name}: `{v}` is not a whole number")),
                None => Ok(None),
            }
        };
        Ok(Config {
            seconds: number("seconds", 3.0)?,
            seed,
            case: whole("case")?,
            bound: Duration::from_secs_f64(number("bound", 10.0)?),
            threads: number("threads", 1.0)?.max(1.0) as usize,
            replay: values.get("replay").map(PathBuf::from),
            worker: whole("worker")?,
            worker_replay: values.get("worker-replay").map(PathBuf::from),
        })
    }
}

/// The seed of case `index`: cases are independent, so any one of a run
/// can be run again alone.
fn case_seed(seed: u64, index: u64) -> u64 {
    let mut z = seed ^ index.wrapping_add(1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn main() -> ExitCode {
    let config = match Config::read() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("fuzz: {message}");
            return ExitCode::from(2);
        }
    };
    run::install_panic_hook();
    if let Some(dir) = &config.worker_replay {
        return worker_replay(dir, &config);
    }
    let demo = Demo::read(Path::new(env!("CARGO_MANIFEST_DIR")));
    if let Some(from) = config.worker {
        return work(&demo, &config, from);
    }
    if std::env::var_os(worker::WORKER_MARK).is_some() {
        eprintln!("fuzz: a worker was started without a case to run");
        return ExitCode::from(2);
    }
    if let Some(dir) = &config.replay {
        let bound = corpus::load(dir)
            .ok()
            .and_then(|(_, record)| record.bound_seconds)
            .map_or(config.bound, Duration::from_secs_f64);
        let verdict = worker::judge_dir(dir, bound, config.threads);
        println!("{}", verdict.describe());
        return exit_code(&verdict);
    }
    if let Some(index) = config.case {
        let case = mutate::case(&demo, case_seed(config.seed, index));
        show(&demo, &case);
        let verdict = worker::judge(&case, config.bound, config.threads);
        println!("{}", verdict.describe());
        return exit_code(&verdict);
    }
    println!(
        "fuzz: seed {} for {} s, {:?} per case, {} thread(s); TELEMACHY_FUZZ_SEED={} repeats this run",
        config.seed, config.seconds, config.bound, config.threads, config.seed
    );
    if let Err(message) = baseline(&demo, &config) {
        println!("fuzz: {message}");
        return ExitCode::FAILURE;
    }
    let (regressions_ok, known) = replay_all(&config);
    let new_failures = fuzz(&demo, &config, &known);
    if regressions_ok && new_failures == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn exit_code(verdict: &Verdict) -> ExitCode {
    if verdict.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Checks what every case starts from: the demo builds, and each of its
/// YAML documents reads back the same after the tree's emitter rewrote it
/// (or tree mutations would only ever test the YAML parser's errors).
fn baseline(demo: &Demo, config: &Config) -> Result<(), String> {
    for (path, bytes) in &demo.files {
        let text = String::from_utf8_lossy(bytes);
        let Some((_, yaml, _)) = mutate::yaml_of(path, &text) else {
            continue;
        };
        let tree = tree::Node::parse(yaml)
            .ok_or_else(|| format!("{} does not parse as YAML", path.display()))?;
        let again = tree::Node::parse(&tree.emit()).map(|t| tree::flow(&t));
        if again.as_deref() != Some(tree::flow(&tree).as_str()) {
            return Err(format!(
                "{} does not read back the same after the emitter rewrote it",
                path.display()
            ));
        }
    }
    let unchanged = Case {
        changes: BTreeMap::new(),
        audience: mutate::Audience::Staff,
        today: mutate::TODAY.into(),
        log: Vec::new(),
    };
    let started = Instant::now();
    match worker::judge(&unchanged, config.bound, config.threads) {
        Verdict::Exit(0) => {
            println!(
                "fuzz: the demo itself builds (staff audience) in a worker in {:.2?}",
                started.elapsed()
            );
            Ok(())
        }
        other => Err(format!(
            "the demo itself does not build: {}",
            other.describe()
        )),
    }
}

/// Replays every saved case. Returns whether they all did what their
/// record says, and the signatures of the known failures.
fn replay_all(config: &Config) -> (bool, BTreeSet<String>) {
    let mut ok = true;
    let mut known = BTreeSet::new();
    let cases = corpus::list();
    for dir in &cases {
        let name = dir
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let record = match corpus::load(dir) {
            Ok((_, record)) => record,
            Err(message) => {
                println!("regression {name}: cannot be read: {message}");
                ok = false;
                continue;
            }
        };
        let bound = record
            .bound_seconds
            .map_or(config.bound, Duration::from_secs_f64);
        let verdict = worker::judge_dir(dir, bound, config.threads);
        match (&record.known_failing, verdict.passed()) {
            (None, true) => {}
            (None, false) => {
                ok = false;
                println!("regression {name} FAILED: {}", verdict.describe());
            }
            (Some(why), false) => {
                known.insert(record.signature.clone());
                println!("regression {name}: known failing ({why})");
            }
            (Some(_), true) => {
                ok = false;
                println!(
                    "regression {name} now passes: remove `known_failing` from {}/case.json",
                    dir.display()
                );
            }
        }
    }
    println!("fuzz: {} saved case(s) replayed", cases.len());
    (ok, known)
}

/// `--worker-replay DIR`: runs one saved case and says how it ended.
fn worker_replay(dir: &Path, config: &Config) -> ExitCode {
    let (case, _) = match corpus::load(dir) {
        Ok(loaded) => loaded,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let originals = BTreeMap::new();
    let runner = Runner::new(originals, config.threads);
    println!("dir {}", runner.dir().display());
    println!("case 0");
    let (verdict, took) = runner.run(&case);
    let done = worker::Done {
        index: 0,
        verdict,
        seconds: took.as_secs_f64(),
    };
    println!("{}", done.line());
    ExitCode::SUCCESS
}

/// `--worker FROM`: runs cases FROM, FROM + 1, … of the seed until the
/// time is up, saying when each starts and how it ended.
fn work(demo: &Demo, config: &Config, from: u64) -> ExitCode {
    let runner = Runner::new(demo.files.clone(), config.threads);
    println!("dir {}", runner.dir().display());
    let started = Instant::now();
    let duration = Duration::from_secs_f64(config.seconds);
    let mut index = from;
    while started.elapsed() < duration {
        let case = mutate::case(demo, case_seed(config.seed, index));
        println!("case {index}");
        let (verdict, took) = runner.run(&case);
        let done = worker::Done {
            index,
            verdict,
            seconds: took.as_secs_f64(),
        };
        println!("{}", done.line());
        index += 1;
    }
    ExitCode::SUCCESS
}

/// A failure met during the run, kept to be shrunk and saved at its end.
struct Found {
    case: Case,
    verdict: Verdict,
    found_with: String,
}

/// The timed run; returns the number of new failures, each saved.
fn fuzz(demo: &Demo, config: &Config, known: &BTreeSet<String>) -> usize {
    let started = Instant::now();
    let duration = Duration::from_secs_f64(config.seconds);
    let mut next: u64 = 0;
    let mut times: Vec<Duration> = Vec::new();
    let mut exits = [0u64; 3];
    let mut failures: BTreeMap<String, u64> = BTreeMap::new();
    let mut found: Vec<Found> = Vec::new();
    let mut note = |index: u64, verdict: Verdict, took: Duration| {
        times.push(took);
        if let Verdict::Exit(code) = verdict {
            exits[usize::from(code.min(2))] += 1;
            return;
        }
        let signature = verdict.signature();
        let repeats = failures.entry(signature.clone()).or_default();
        *repeats += 1;
        // Slow cases and crashes share a signature whatever their cause, so
        // the first few of each are shown and saved.
        let shown = match verdict {
            Verdict::Slow(_) | Verdict::Crash(_) => 3,
            _ => 1,
        };
        if *repeats > shown {
            if *repeats <= shown + 10 {
                println!(
                    "fuzz: {signature} again (seed {} case {index})",
                    config.seed
                );
            }
            return;
        }
        let case = mutate::case(demo, case_seed(config.seed, index));
        let found_with = format!("seed {} case {index}", config.seed);
        println!("\nfuzz: FAILED ({found_with}): {}", verdict.describe());
        show(demo, &case);
        if known.contains(&signature) && !matches!(verdict, Verdict::Slow(_)) {
            println!("fuzz: a known failure, already saved as a regression");
            return;
        }
        found.push(Found {
            case,
            verdict,
            found_with,
        });
    };
    'run: while started.elapsed() < duration {
        let remaining = duration.saturating_sub(started.elapsed());
        let args = [
            "--worker".to_string(),
            next.to_string(),
            "--seed".to_string(),
            config.seed.to_string(),
            "--seconds".to_string(),
            remaining.as_secs_f64().to_string(),
            "--threads".to_string(),
            config.threads.to_string(),
        ];
        let mut worker = match worker::Worker::start(&args) {
            Ok(worker) => worker,
            Err(message) => {
                println!("fuzz: {message}");
                break;
            }
        };
        let mut current: Option<u64> = None;
        loop {
            // Starting a worker copies the demo; only cases are bounded.
            let wait = match current {
                Some(_) => config.bound,
                None => Duration::from_secs(60),
            };
            match worker.hear(wait) {
                worker::Heard::Started(index) => current = Some(index),
                worker::Heard::Done(done) => {
                    current = None;
                    let took = Duration::from_secs_f64(done.seconds);
                    let verdict = if took > config.bound {
                        Verdict::Slow(done.seconds)
                    } else {
                        done.verdict
                    };
                    note(done.index, verdict, took);
                }
                worker::Heard::Silent => {
                    worker.kill();
                    let Some(index) = current else {
                        println!("fuzz: the worker did not start");
                        break 'run;
                    };
                    note(
                        index,
                        Verdict::Slow(config.bound.as_secs_f64()),
                        config.bound,
                    );
                    next = index + 1;
                    continue 'run;
                }
                worker::Heard::Ended => match (worker.finish(), current) {
                    (None, _) => break 'run,
                    (Some(said), Some(index)) => {
                        note(index, Verdict::Crash(said), Duration::ZERO);
                        next = index + 1;
                        continue 'run;
                    }
                    (Some(said), None) => {
                        println!("fuzz: the worker failed between cases: {said}");
                        break 'run;
                    }
                },
            }
        }
    }
    let wall = started.elapsed().as_secs_f64().max(f64::EPSILON);
    println!(
        "fuzz: {} cases in {wall:.1} s, {:.1} cases/s (exit 0: {}, exit 1: {}); {} failing case(s) of {} kind(s), {} new",
        times.len(),
        times.len() as f64 / wall,
        exits[0],
        exits[1],
        failures.values().sum::<u64>(),
        failures.len(),
        found.len(),
    );
    times.sort();
    if let (Some(median), Some(slowest)) = (times.get(times.len() / 2), times.last()) {
        let p99 = times[(times.len() * 99 / 100).min(times.len() - 1)];
        println!(
            "fuzz: time per case: median {median:.2?}, 99th percentile {p99:.2?}, slowest {slowest:.2?}"
        );
    }
    for (signature, count) in &failures {
        println!("  {count:>6} × {signature}");
    }
    for failure in &found {
        save(demo, config, failure);
    }
    found.len()
}

/// Shrinks a failure (line by line unless each try costs the time bound)
/// and saves it in the corpus.
fn save(demo: &Demo, config: &Config, failure: &Found) {
    let signature = failure.verdict.signature();
    let by_line = !matches!(failure.verdict, Verdict::Slow(_));
    println!("\nfuzz: shrinking the case of {signature}");
    let small = shrink::shrink(
        &failure.case,
        Duration::from_secs(120),
        by_line,
        |candidate| worker::judge(candidate, config.bound, config.threads).signature() == signature,
    );
    if small.changes != failure.case.changes {
        println!("fuzz: shrunk to");
        show(demo, &small);
    }
    match corpus::save(&small, &failure.verdict, config.bound, &failure.found_with) {
        Ok(dir) => println!("fuzz: saved as {}", dir.display()),
        Err(message) => println!("fuzz: could not save the case: {message}"),
    }
}

/// A case in words: what was done, and each changed file around its first
/// change.
fn show(demo: &Demo, case: &Case) {
    println!("  audience {}, today {}", case.audience.name(), case.today);
    for step in &case.log {
        println!("  - {step}");
    }
    for (path, change) in &case.changes {
        let Some(bytes) = change else {
            println!("  {}: removed", path.display());
            continue;
        };
        let original = demo.files.get(path).map_or(&[][..], Vec::as_slice);
        let new_lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
        let old_lines: Vec<&[u8]> = original.split(|&b| b == b'\n').collect();
        let first = new_lines
            .iter()
            .zip(&old_lines)
            .position(|(a, b)| a != b)
            .unwrap_or(new_lines.len().min(old_lines.len()));
        println!(
            "  {} ({} bytes{}), from line {}:",
            path.display(),
            bytes.len(),
            if original.is_empty() { ", new" } else { "" },
            first + 1
        );
        for line in new_lines.iter().skip(first).take(8) {
            let text = String::from_utf8_lossy(line);
            let shown: String = text.chars().take(160).collect();
            let more = if text.chars().count() > 160 {
                " …"
            } else {
                ""
            };
            println!("    {shown:?}{more}");
        }
    }
}
