//! Writes a large, valid telemachy program for benchmarks:
//!
//! ```text
//! cargo bench --bench generate -- --out DIR [--modules 1000] [--learners 10000]
//!     [--sessions 100000] [--cohorts 50] [--seed 42] [--today 2026-04-15]
//! ```
//!
//! `--sessions` counts meetings: a weekly series of ten counts ten. The
//! program passes `telemachy check --today <the same date>` without
//! errors. The same arguments always write the same bytes.

mod synthetic;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;

use synthetic::{Options, Sizes, TODAY};

const USAGE: &str = "usage: cargo bench --bench generate -- --out DIR [--modules N] \
                     [--learners N] [--sessions N] [--cohorts N] [--seed N] [--today YYYY-MM-DD]";

fn main() -> ExitCode {
    let (out, options) = match parse(std::env::args().skip(1)) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    match synthetic::generate(&out, &options) {
        Ok(summary) => {
            // A closed pipe (`| head`) is not worth a panic.
            let _ = writeln!(
                io::stdout(),
                "wrote {summary} to {} in {:.2?}\ncheck it with: telemachy check --root {} --today {}",
                out.display(),
                started.elapsed(),
                out.display(),
                options.today
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: cannot write {}: {error}", out.display());
            ExitCode::from(2)
        }
    }
}

fn parse(args: impl Iterator<Item = String>) -> Result<(PathBuf, Options), String> {
    let mut out = None;
    let mut options = Options {
        sizes: Sizes {
            modules: 1000,
            learners: 10_000,
            sessions: 100_000,
            cohorts: 50,
        },
        seed: 42,
        today: NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").map_err(|e| e.to_string())?,
    };
    let mut args = args;
    while let Some(flag) = args.next() {
        // `cargo bench` passes `--bench` to every bench target.
        if flag == "--bench" {
            continue;
        }
        let value = args
            .next()
            .ok_or_else(|| format!("`{flag}` needs a value"))?;
        let number = || {
            value
                .parse::<usize>()
                .map_err(|_| format!("`{flag}` needs a whole number, not `{value}`"))
        };
        match flag.as_str() {
            "--out" => out = Some(PathBuf::from(&value)),
            "--modules" => options.sizes.modules = number()?,
            "--learners" => options.sizes.learners = number()?,
            "--sessions" => options.sizes.sessions = number()?,
            "--cohorts" => options.sizes.cohorts = number()?,
            "--seed" => options.seed = number()? as u64,
            "--today" => {
                options.today = NaiveDate::parse_from_str(&value, "%Y-%m-%d")
                    .map_err(|_| format!("`--today` needs a date YYYY-MM-DD, not `{value}`"))?;
            }
            _ => return Err(format!("unknown argument `{flag}`")),
        }
    }
    let out = out.ok_or("`--out DIR` is required")?;
    Ok((out, options))
}
