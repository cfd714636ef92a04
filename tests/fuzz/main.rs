//! A fuzzer for the whole pipeline, on the stable toolchain: it mutates the
//! demo program's YAML and Markdown files and runs load, check, the
//! diagnostic printers and the renderer in-process on each case, asserting
//! that nothing panics, that the run ends as `build` would (exit 0 or 1),
//! that `check` and `build` agree, and that each case finishes within a
//! time bound.
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

#[path = "../common/mod.rs"]
mod common;
mod corpus;
mod mutate;
mod run;
mod shrink;
mod tree;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use mutate::{Case, Demo};
use run::{Runner, Verdict};

/// What to run, from the environment and the command line (flags win).
struct Config {
    seconds: f64,
    seed: u64,
    case: Option<u64>,
    bound: Duration,
    threads: usize,
    replay: Option<PathBuf>,
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
            let arg = args[i].trim_start_matches("--");
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (arg, None),
            };
            let known = ["seconds", "seed", "case", "bound", "threads", "replay"];
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
        let case = match values.get("case") {
            Some(v) => Some(
                v.parse()
                    .map_err(|_| format!("case: `{v}` is not a whole number"))?,
            ),
            None => None,
        };
        Ok(Config {
            seconds: number("seconds", 3.0)?,
            seed,
            case,
            bound: Duration::from_secs_f64(number("bound", 10.0)?),
            threads: number("threads", 1.0)?.max(1.0) as usize,
            replay: values.get("replay").map(PathBuf::from),
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
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let demo = Demo::read(repo);
    if let Some(dir) = &config.replay {
        return replay_one(&demo, dir, &config);
    }
    if let Some(index) = config.case {
        return one_case(&demo, &config, index);
    }
    println!(
        "fuzz: seed {} for {} s, {:?} per case, {} thread(s); TELEMACHY_FUZZ_SEED={} repeats this run",
        config.seed, config.seconds, config.bound, config.threads, config.seed
    );
    if let Err(message) = baseline(&demo, &config) {
        println!("fuzz: {message}");
        return ExitCode::FAILURE;
    }
    let (regressions_ok, known) = replay_all();
    let new_failures = fuzz(&demo, &config, &known);
    if regressions_ok && new_failures == 0 {
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
    let verdict = Runner::new(demo, config.threads).run(&unchanged, config.bound, config.bound);
    match verdict {
        Verdict::Exit(0) => {
            println!(
                "fuzz: the demo itself builds in {:.2?} (staff audience)",
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

/// Replays every saved case, each in its own process so that a case still
/// running past its bound cannot hold up the rest. Returns whether they all
/// did what their record says, and the signatures of the known failures.
fn replay_all() -> (bool, BTreeSet<String>) {
    let mut ok = true;
    let mut known = BTreeSet::new();
    let cases = corpus::list();
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("current_exe: {e}"));
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
        let output = Command::new(&exe).arg("--replay").arg(dir).output();
        let (passed, said) = match output {
            Ok(out) => (
                out.status.success(),
                String::from_utf8_lossy(&out.stdout).trim().to_string(),
            ),
            Err(e) => (false, format!("cannot start: {e}")),
        };
        match (&record.known_failing, passed) {
            (None, true) => {}
            (None, false) => {
                ok = false;
                println!("regression {name} FAILED: {said}");
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

/// `--replay DIR`: one saved case; exit 0 if it passes.
fn replay_one(demo: &Demo, dir: &Path, config: &Config) -> ExitCode {
    let (case, record) = match corpus::load(dir) {
        Ok(loaded) => loaded,
        Err(message) => {
            println!("{message}");
            return ExitCode::from(2);
        }
    };
    let bound = record
        .bound_seconds
        .map_or(config.bound, Duration::from_secs_f64);
    let mut runner = Runner::new(demo, config.threads);
    let verdict = runner.run(&case, bound, Duration::ZERO);
    println!("{}", verdict.describe());
    // Exits rather than returns, so a case still running does not hold the process.
    std::process::exit(if verdict.passed() { 0 } else { 1 })
}

/// `TELEMACHY_FUZZ_CASE=N`: case N of the seed, shown and run.
fn one_case(demo: &Demo, config: &Config, index: u64) -> ExitCode {
    let case = mutate::case(demo, case_seed(config.seed, index));
    show(demo, &case);
    let mut runner = Runner::new(demo, config.threads);
    let verdict = runner.run(&case, config.bound, Duration::ZERO);
    println!("{}", verdict.describe());
    std::process::exit(if verdict.passed() { 0 } else { 1 })
}

/// Cases still running past their bound and grace are left to finish on
/// their own thread while a fresh runner goes on; past this many, the run
/// stops, since each may hold a core.
const MAX_ABANDONED: usize = 2;

/// The timed run; returns the number of new failures, each saved.
fn fuzz(demo: &Demo, config: &Config, known: &BTreeSet<String>) -> usize {
    let mut runner = Runner::new(demo, config.threads);
    let mut abandoned = 0;
    let grace = config.bound * 3;
    let started = Instant::now();
    let duration = Duration::from_secs_f64(config.seconds);
    let mut times: Vec<Duration> = Vec::new();
    let mut exits = [0u64; 3];
    let mut failures: BTreeMap<String, u64> = BTreeMap::new();
    let mut new_failures = 0;
    while started.elapsed() < duration {
        let index = times.len() as u64;
        let case = mutate::case(demo, case_seed(config.seed, index));
        let case_started = Instant::now();
        let verdict = runner.run(&case, config.bound, grace);
        times.push(case_started.elapsed());
        if let Verdict::Exit(code) = verdict {
            exits[usize::from(code.min(2))] += 1;
            continue;
        }
        let signature = verdict.signature();
        let repeats = failures.entry(signature.clone()).or_default();
        *repeats += 1;
        let first = *repeats == 1;
        if first {
            let found_with = format!("seed {} case {index}", config.seed);
            println!("\nfuzz: FAILED ({found_with}): {}", verdict.describe());
            show(demo, &case);
            if known.contains(&signature) && !matches!(verdict, Verdict::Slow(_)) {
                println!("fuzz: a known failure, already saved as a regression");
            } else {
                new_failures += 1;
                let by_line = !matches!(verdict, Verdict::Slow(_));
                let small = shrink::shrink(&case, Duration::from_secs(120), by_line, |candidate| {
                    !runner.stuck()
                        && runner.run(candidate, config.bound, grace).signature() == signature
                });
                if small.changes != case.changes {
                    println!("fuzz: shrunk to");
                    show(demo, &small);
                }
                match corpus::save(&small, &verdict, config.bound, &found_with) {
                    Ok(dir) => println!("fuzz: saved as {}", dir.display()),
                    Err(message) => println!("fuzz: could not save the case: {message}"),
                }
            }
        }
        if runner.stuck() {
            abandoned += 1;
            if abandoned > MAX_ABANDONED {
                println!("fuzz: {abandoned} cases still running past their bound; stopping here");
                break;
            }
            println!("fuzz: the case is still running; going on with a fresh runner");
            runner = Runner::new(demo, config.threads);
        }
    }
    let spent: Duration = times.iter().sum();
    let seconds = spent.as_secs_f64().max(f64::EPSILON);
    println!(
        "fuzz: {} cases in {:.1} s, {:.1} cases/s (exit 0: {}, exit 1: {}); {} failing case(s) of {} kind(s), {new_failures} new",
        times.len(),
        seconds,
        times.len() as f64 / seconds,
        exits[0],
        exits[1],
        failures.values().sum::<u64>(),
        failures.len(),
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
    if abandoned > 0 {
        // Threads of cases still running would keep the process alive.
        std::process::exit(1);
    }
    new_failures
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
