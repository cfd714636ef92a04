//! Benchmark of the progress figures and charts on a generated program of
//! 50 cohorts and 10,000 learners (1,000 modules, 100,000 meetings):
//!
//! ```text
//! cargo bench --bench generate -- --out DIR --modules 1000 --learners 10000 --sessions 100000 --cohorts 50
//! cargo bench --bench metrics -- --root DIR [--runs 5]
//! ```
//!
//! The program is loaded and checked once, then, `--runs` times each:
//!
//! - **figures**: `derive::metrics::compute`, every cohort whole and cut by
//!   mentor and by path;
//! - **charts**: the progress section of every cohort page (six SVG charts
//!   and their tables each) and the comparison page, for a public and a
//!   staff build;
//! - **exports**: the staff build's `metrics.json` and every cohort's CSV.
//!
//! It prints the median and the fastest run of each. A whole build includes
//! this work too; `cargo bench --bench build` measures that.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use telemachy::derive::metrics;
use telemachy::render::Audience;
use telemachy::render::locale::Locale;
use telemachy::render::progress::{self, Gate};

const USAGE: &str = "usage: cargo bench --bench metrics -- --root DIR [--runs N]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut root = None;
    let mut runs = 5;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--bench" => {}
            "--root" => root = args.next().map(PathBuf::from),
            "--runs" => {
                runs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|n| *n > 0)
                    .ok_or("`--runs` needs a positive whole number")?;
            }
            _ => return Err(format!("unknown argument `{flag}`")),
        }
    }
    let root = root.ok_or("`--root` is needed")?;
    let today = NaiveDate::from_ymd_opt(2026, 4, 15).ok_or("bad date")?;
    let started = Instant::now();
    let checked = telemachy::check_program(&root, today);
    if checked.diagnostics.has_errors() {
        return Err(format!(
            "{} has errors; run `telemachy check`",
            root.display()
        ));
    }
    let program = &checked.program;
    println!(
        "program: {} cohorts, {} learners, {} meetings; loaded and checked in {:.2} s",
        program.cohorts.len(),
        program.learners.len(),
        checked.schedule.occurrences.len(),
        started.elapsed().as_secs_f64()
    );
    let mut figures = Vec::new();
    let mut charts = Vec::new();
    let mut exports = Vec::new();
    let mut bytes = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let computed = metrics::compute(program, &checked.schedule, today);
        figures.push(t.elapsed());

        let t = Instant::now();
        let locale = Locale::new(&program.settings.conventions);
        for audience in [Audience::Public, Audience::Staff] {
            let gate = Gate {
                audience,
                min: program.settings.min_group_size,
                locale: &locale,
            };
            for cohort in &computed.cohorts {
                bytes += progress::cohort(program, cohort, gate).to_string().len();
            }
            let compared =
                progress::comparison(program, &computed.cohorts, gate, &|_| String::new());
            bytes += compared.to_string().len();
        }
        charts.push(t.elapsed());

        let t = Instant::now();
        bytes += progress::metrics_json(program, &computed.cohorts, "2026-04-15").len();
        for cohort in &computed.cohorts {
            bytes += progress::cohort_csv(program, cohort).len();
        }
        exports.push(t.elapsed());
    }
    println!(
        "{runs} runs, {:.1} MB written per run",
        bytes as f64 / runs as f64 / 1e6
    );
    for (name, times) in [
        ("figures (all cohorts and cuts)", &mut figures),
        ("charts and tables (public + staff)", &mut charts),
        ("metrics.json and CSV", &mut exports),
    ] {
        times.sort();
        println!(
            "{name:<36} median {:>8.1} ms   fastest {:>8.1} ms",
            ms(times[times.len() / 2]),
            ms(times[0])
        );
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
