//! The `mentorstack` binary: parse arguments, call the library, set the exit
//! code (0 ok, 1 the program has errors, 2 usage or I/O failure).

mod cli;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use cli::{Cli, Command, Format};
use mentorstack::diagnostic::{render_human, render_json};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Check(args) => {
            let started = Instant::now();
            if !args.root.is_dir() {
                eprintln!("error: {} is not a directory", args.root.display());
                return ExitCode::from(2);
            }
            let today = args
                .today
                .unwrap_or_else(|| chrono::Local::now().date_naive());
            let checked = mentorstack::check_program(&args.root, today);
            let diagnostics = &checked.diagnostics;
            match args.format {
                Format::Json => print!("{}", render_json(diagnostics)),
                Format::Human => {
                    let color =
                        std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                    eprint!("{}", render_human(diagnostics, &checked.sources, color));
                    eprintln!(
                        "checked {} modules, {} learners, {} sessions ({} meetings): {} error(s), {} warning(s) in {:.2?}",
                        checked.program.modules.len(),
                        checked.program.learners.len(),
                        checked.program.sessions.len(),
                        checked.schedule.occurrences.len(),
                        diagnostics.error_count(),
                        diagnostics.warning_count(),
                        started.elapsed()
                    );
                }
            }
            let _ = std::io::stdout().flush();
            if diagnostics.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Init(args) => match mentorstack::init::init(&args.dir) {
            Ok(written) => {
                println!(
                    "created a program with {written} files in {}; try `mentorstack check --root {}`",
                    args.dir.display(),
                    args.dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(2)
            }
        },
    }
}
