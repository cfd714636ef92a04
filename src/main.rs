//! The `telemachy` binary: parse arguments, call the library, set the exit
//! code (0 ok, 1 the program has errors, 2 usage or I/O failure).

mod cli;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;
use clap::Parser;

use cli::{AudienceArg, ChangesFormat, Cli, Command, Format, MatchFormat};
use telemachy::build::{BuildFailure, BuildOptions};
use telemachy::diagnostic::{
    Diagnostics, Sources, Summary, render_github, render_human, render_json, render_sarif,
};
use telemachy::import::Outcome;
use telemachy::load::cache::{Mode as CacheMode, Stats as CacheStats};
use telemachy::render::{Audience, Secret};
use telemachy::serve::{Event, ServeOptions};

#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn print_diagnostics(diagnostics: &Diagnostics, sources: &Sources) {
    if !diagnostics.is_empty() {
        eprint!("{}", render_human(diagnostics, sources, color()));
    }
}

/// The capability-URL key from the environment, if set.
fn secret() -> Result<Option<Secret>, ExitCode> {
    match std::env::var("TELEMACHY_SECRET") {
        Ok(text) if !text.is_empty() => match Secret::new(&text) {
            Ok(secret) => Ok(Some(secret)),
            Err(message) => {
                eprintln!("error: {message}");
                Err(ExitCode::from(2))
            }
        },
        _ => Ok(None),
    }
}

fn audience(arg: AudienceArg) -> Audience {
    match arg {
        AudienceArg::Public => Audience::Public,
        AudienceArg::Staff => Audience::Staff,
    }
}

/// The date given, else today; refused (exit 2) when `root` is not a
/// directory, so a typo in `--root` is not read as an empty program.
fn root_and_today(root: &std::path::Path, today: Option<NaiveDate>) -> Result<NaiveDate, ExitCode> {
    if !root.is_dir() {
        eprintln!("error: {} is not a directory", root.display());
        return Err(ExitCode::from(2));
    }
    Ok(today.unwrap_or_else(|| chrono::Local::now().date_naive()))
}

/// The capability secret, once the program root is known to be a directory.
fn root_and_secret(root: &std::path::Path) -> Result<Option<Secret>, ExitCode> {
    if !root.is_dir() {
        eprintln!("error: {} is not a directory", root.display());
        return Err(ExitCode::from(2));
    }
    secret()
}

/// Whether a command may use the parse cache in the program's folder.
fn cache_mode(no_cache: bool) -> CacheMode {
    if no_cache {
        CacheMode::Off
    } else {
        CacheMode::ReadWrite
    }
}

/// How the parse cache was used, for `--timings`.
fn print_cache(stats: &CacheStats) {
    eprintln!(
        "  parse cache: {} file(s) taken from it, {} parsed",
        stats.reused, stats.parsed
    );
    if let Some(note) = &stats.note {
        eprintln!("  note: {note}");
    }
}

/// Each stage's wall time, one a line, for `--timings`.
fn print_stages(stages: &[(&str, std::time::Duration)]) {
    for (stage, took) in stages {
        eprintln!("  {stage:<20} {:>9.3} s", took.as_secs_f64());
    }
}

/// `match`: the suggestions for a program without errors.
fn match_mentors(args: cli::MatchArgs) -> ExitCode {
    let today = match root_and_today(&args.root, args.today) {
        Ok(today) => today,
        Err(code) => return code,
    };
    let checked = telemachy::check_model(&args.root, today);
    // A charter still to be agreed (pairs just written by `--write`) leaves
    // every record in the program; any other error may have left one out.
    let blocking = |d: &telemachy::diagnostic::Diagnostic| {
        d.is_error() && d.code != telemachy::diagnostic::Code::CharterIncomplete
    };
    if checked.diagnostics.iter().any(blocking) {
        print_diagnostics(&checked.diagnostics, &checked.sources);
        eprintln!("error: the program has errors; fix them before matching");
        return ExitCode::from(1);
    }
    let program = &checked.program;
    let cohort = match &args.cohort {
        None => None,
        Some(key) => match program.cohorts_with_ids().find(|(_, c)| &c.key == key) {
            Some((id, _)) => Some(id),
            None => {
                let known: Vec<&str> = program.cohorts.iter().map(|c| c.key.as_str()).collect();
                eprintln!(
                    "error: there is no cohort {key}; the cohorts are {}",
                    known.join(", ")
                );
                return ExitCode::from(2);
            }
        },
    };
    let suggestions = telemachy::derive::matching::suggest(program, today, cohort);
    match args.format {
        MatchFormat::Human => print!(
            "{}",
            telemachy::derive::matching::render_human(&suggestions)
        ),
        MatchFormat::Json => match serde_json::to_string_pretty(&suggestions) {
            Ok(json) => println!("{json}"),
            Err(error) => {
                eprintln!("error: the suggestions cannot be written as JSON: {error}");
                return ExitCode::from(2);
            }
        },
    }
    let _ = std::io::stdout().flush();
    if !args.write {
        return ExitCode::SUCCESS;
    }
    write_pairs(&args, today, &checked, &suggestions)
}

/// `match --write`: the accepted suggestions as new pairs, then the check.
fn write_pairs(
    args: &cli::MatchArgs,
    today: NaiveDate,
    checked: &telemachy::Checked,
    suggestions: &telemachy::derive::matching::Suggestions,
) -> ExitCode {
    use telemachy::edit::pairs::{self, Outcome};
    let accepted = match pairs::choose(suggestions, &args.accept) {
        Ok(accepted) => accepted,
        Err(why) => {
            eprintln!("error: {why}; nothing was written");
            return ExitCode::from(2);
        }
    };
    if accepted.is_empty() {
        eprintln!("no suggestion to write; {} is unchanged", pairs::FILE);
        return ExitCode::SUCCESS;
    }
    let outcome = pairs::write(
        &args.root,
        today,
        &checked.program,
        &checked.diagnostics,
        &accepted,
    );
    let (added, written) = match outcome {
        Ok(Outcome::Checked { added, written }) => (added, written),
        Ok(Outcome::Unplaceable) => {
            eprintln!(
                "error: the `pairs:` list of {} is not a block list that lines can be added to; \
                 nothing was written",
                pairs::FILE
            );
            return ExitCode::from(1);
        }
        Err(why) => {
            eprintln!("error: {why}");
            return ExitCode::from(1);
        }
    };
    let mut found = Diagnostics::new();
    if !written.kept {
        found.extend(written.errors);
        print_diagnostics(&found, &written.sources);
        eprintln!(
            "not written: the new pairs would bring {} error(s) besides their charters; {} was put back as it was",
            found.error_count(),
            pairs::FILE
        );
        return ExitCode::from(1);
    }
    found.extend(written.expected);
    found.extend(written.warnings);
    print_diagnostics(&found, &written.sources);
    eprintln!("added {} pair(s) to {}:", added.len(), pairs::FILE);
    for pair in &added {
        eprintln!(
            "  {}: {} with {} (score {})",
            pair.id, pair.accepted.learner, pair.accepted.mentor, pair.accepted.score
        );
    }
    if found.has_errors() {
        eprintln!(
            "each new pair's charter is agreed at its first meeting: write the answers listed \
             above under its `expectations:`, and the site builds again"
        );
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn serve(args: cli::ServeArgs) -> ExitCode {
    let secret = match root_and_secret(&args.root) {
        Ok(secret) => secret,
        Err(code) => return code,
    };
    let timings = args.timings;
    let options = ServeOptions {
        root: args.root,
        bind: args.bind,
        port: args.port,
        audience: audience(args.audience),
        today: args
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        secret,
    };
    let result = telemachy::serve::serve(&options, |event| match event {
        Event::Listening { address, url } => {
            // First, on stdout, alone on its line, for scripts that start a
            // server: the address really bound, with the real port.
            println!("serving http://{address}/");
            let _ = std::io::stdout().flush();
            if address.ip().is_unspecified() {
                eprintln!("on this machine: {url}");
            }
            if !address.ip().is_loopback() {
                eprintln!(
                    "warning: listening on {}, so other machines can reach this preview, \
                     including any staff pages; use --bind 127.0.0.1 to keep it local",
                    address.ip()
                );
            }
            eprintln!("watching content/, data/ and themes/; press Ctrl-C to stop");
        }
        Event::Rebuilt {
            files,
            full,
            elapsed,
            warnings,
            stages,
        } => {
            eprintln!(
                "{} {files} files in {elapsed:.2?}, {warnings} warning(s)",
                if full { "built" } else { "rebuilt" }
            );
            if timings {
                print_stages(stages);
            }
        }
        Event::Failed(failure) => {
            print_diagnostics(&failure.diagnostics, &failure.sources);
            eprintln!(
                "not rebuilt: {} error(s); still serving the last good site",
                failure.diagnostics.error_count()
            );
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

fn build(args: cli::BuildArgs) -> ExitCode {
    let secret = match root_and_secret(&args.root) {
        Ok(secret) => secret,
        Err(code) => return code,
    };
    let timings = args.timings;
    let cache = cache_mode(args.no_cache);
    let options = BuildOptions {
        out: args.out.unwrap_or_else(|| args.root.join("public")),
        root: args.root,
        audience: audience(args.audience),
        today: args
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        base_url: args.base_url,
        secret,
    };
    match telemachy::build::build_using(&options, cache) {
        Ok(report) => {
            print_diagnostics(&report.checked.diagnostics, &report.checked.sources);
            eprintln!(
                "built {} pages, {} feeds, {} charts, {} files for the {} audience, {} warning(s) in {:.2?} → {}",
                report.pages,
                report.feeds,
                report.charts,
                report.files,
                options.audience.as_str(),
                report.checked.diagnostics.warning_count(),
                report.elapsed,
                report.out.display()
            );
            if timings {
                print_stages(&report.stages);
                print_cache(&report.checked.cache);
            }
            for leftover in &report.kept {
                eprintln!(
                    "warning: left {} alone: it is named like a leftover of a killed build, but \
                     holds what telemachy did not write; delete it by hand if it is not needed",
                    leftover.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(BuildFailure::Invalid(checked)) => {
            print_diagnostics(&checked.diagnostics, &checked.sources);
            eprintln!(
                "not built: {} error(s), {} warning(s); the previous output is unchanged",
                checked.diagnostics.error_count(),
                checked.diagnostics.warning_count()
            );
            ExitCode::from(1)
        }
        Err(BuildFailure::Output(error)) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

fn changes(args: cli::ChangesArgs) -> ExitCode {
    let today = match root_and_today(&args.root, args.today) {
        Ok(today) => today,
        Err(code) => return code,
    };
    let audience = audience(args.audience);
    match telemachy::changes::changes(&args.root, &args.base, &args.head, today, audience) {
        Ok(changes) => {
            use telemachy::changes::report;
            let text = match args.format {
                ChangesFormat::Human => report::human(&changes),
                ChangesFormat::Markdown => report::markdown(&changes),
                ChangesFormat::Json => report::json(&changes),
            };
            print!("{text}");
            let _ = std::io::stdout().flush();
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

fn import(args: cli::ImportArgs) -> ExitCode {
    let started = Instant::now();
    let options = telemachy::import::Options {
        root: args.root,
        mapping: args.mapping,
        sheet: args.file,
        update: args.update,
        dry_run: args.dry_run,
        today: args
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
    };
    let report = match telemachy::import::import(&options) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    match args.format {
        Format::Json => {
            let written: std::collections::BTreeSet<_> =
                report.changes.iter().map(|c| &c.file).collect();
            let summary = Summary {
                files: written.len(),
                elapsed: started.elapsed(),
            };
            print!("{}", render_json(&report.diagnostics, summary));
        }
        Format::Human => print_diagnostics(&report.diagnostics, &report.sources),
        Format::Github => print!("{}", render_github(&report.diagnostics, &options.root)),
        Format::Sarif => match render_sarif(&report.diagnostics) {
            Ok(log) => print!("{log}"),
            Err(error) => {
                eprintln!("error: the SARIF log cannot be written: {error}");
                return ExitCode::from(2);
            }
        },
    }
    let would = if report.outcome == Outcome::DryRun {
        "would "
    } else {
        ""
    };
    if matches!(report.outcome, Outcome::Written | Outcome::DryRun) {
        for change in &report.changes {
            if change.added {
                eprintln!("{would}add {} ({})", change.record, change.file.display());
            } else {
                eprintln!(
                    "{would}update {} in {}: {}",
                    change.record,
                    change.file.display(),
                    change.fields.join(", ")
                );
            }
        }
    }
    let counts = format!(
        "{} row(s): {} added, {} updated, {} unchanged, {} warning(s)",
        report.rows,
        report.changes.iter().filter(|c| c.added).count(),
        report.changes.iter().filter(|c| !c.added).count(),
        report.unchanged,
        report.diagnostics.warning_count()
    );
    match report.outcome {
        Outcome::Written => {
            eprintln!("imported {counts}");
            ExitCode::SUCCESS
        }
        Outcome::DryRun => {
            eprintln!("dry run, nothing written: {counts}");
            ExitCode::SUCCESS
        }
        Outcome::Refused => {
            eprintln!(
                "not imported: {} error(s); nothing was written",
                report.diagnostics.error_count()
            );
            ExitCode::from(1)
        }
        Outcome::Undone => {
            eprintln!(
                "not imported: the program would have {} new error(s); every file was put back as it was",
                report.diagnostics.error_count()
            );
            ExitCode::from(1)
        }
    }
}

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
        Command::Build(args) => build(args),
        Command::Serve(args) => serve(args),
        Command::Changes(args) => changes(args),
        Command::Check(args) => {
            let started = Instant::now();
            let today = match root_and_today(&args.root, args.today) {
                Ok(today) => today,
                Err(code) => return code,
            };
            let checked =
                telemachy::check_program_using(&args.root, today, cache_mode(args.no_cache));
            let diagnostics = &checked.diagnostics;
            // The counts a person reads after any report but the JSON one,
            // which ends with its own summary object.
            let summary = || {
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
            };
            match args.format {
                Format::Json => {
                    let summary = Summary {
                        files: checked.program.files_read(),
                        elapsed: started.elapsed(),
                    };
                    print!("{}", render_json(diagnostics, summary));
                }
                Format::Human => {
                    eprint!("{}", render_human(diagnostics, &checked.sources, color()));
                    summary();
                }
                Format::Github => {
                    print!("{}", render_github(diagnostics, &args.root));
                    summary();
                }
                Format::Sarif => match render_sarif(diagnostics) {
                    Ok(log) => {
                        print!("{log}");
                        summary();
                    }
                    Err(error) => {
                        eprintln!("error: the SARIF log cannot be written: {error}");
                        return ExitCode::from(2);
                    }
                },
            }
            if args.timings {
                print_cache(&checked.cache);
            }
            let _ = std::io::stdout().flush();
            if diagnostics.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Import(args) => import(args),
        Command::Match(args) => match_mentors(args),
        Command::Schema(args) => match telemachy::load::schema::write_all(&args.out) {
            Ok(written) => {
                println!("wrote {written} schemas to {}", args.out.display());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {}: {error}", args.out.display());
                ExitCode::from(2)
            }
        },
        Command::Init(args) => match telemachy::init::init(&args.dir) {
            Ok(written) => {
                println!(
                    "created a program with {written} files in {}; try `telemachy check --root {}`",
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
