//! Command-line definitions (clap derive). `main.rs` turns these into
//! library calls.

use std::net::IpAddr;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use telemachy::model::web_url::BaseUrl;

/// telemachy: build a mentorship program's site from its repository.
#[derive(Debug, Parser)]
#[command(name = "telemachy", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the program, then write its site (or leave the old one untouched).
    Build(BuildArgs),
    /// Validate the program's data and curriculum and report every problem.
    Check(CheckArgs),
    /// Build in memory, serve on this machine, and rebuild and reload on every edit.
    Serve(ServeArgs),
    /// Write a small working example program into DIR.
    Init(InitArgs),
    /// Say what changed in the program between two git revisions.
    Changes(ChangesArgs),
    /// Add or update learners, mentors, confidence or session ratings from a CSV export.
    Import(ImportArgs),
    /// Write the JSON Schemas of the program's files, for editors.
    Schema(SchemaArgs),
    /// Suggest mentors for the learners waiting in matching, with the reasons.
    Match(MatchArgs),
}

/// Arguments of `match`.
#[derive(Debug, clap::Args)]
pub struct MatchArgs {
    /// The program repository.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Only the learners of this cohort (its id); every cohort by default.
    #[arg(long)]
    pub cohort: Option<String>,
    /// How to print the suggestions.
    #[arg(long, value_enum, default_value_t = MatchFormat::Human)]
    pub format: MatchFormat,
    /// The date to suggest for (YYYY-MM-DD); today by default.
    #[arg(long)]
    pub today: Option<NaiveDate>,
    /// Add the suggestions to data/pairs.yaml as new pairs starting that
    /// day, keeping every other line, then check the program.
    #[arg(long)]
    pub write: bool,
    /// With --write: only this learner's suggestion (LEARNER), or one of
    /// the alternatives shown (LEARNER=MENTOR); repeat for more. Every
    /// suggestion by default.
    #[arg(long, value_name = "LEARNER[=MENTOR]", requires = "write")]
    pub accept: Vec<String>,
}

/// Suggestion formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatchFormat {
    /// Sentences for a coordinator.
    Human,
    /// One JSON document with stable fields.
    Json,
}

/// Arguments of `schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The folder to write one `<kind>.schema.json` per kind of file into.
    #[arg(long)]
    pub out: PathBuf,
}

/// Arguments of `import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The program repository.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The mapping file: which column is which field (docs/import.md).
    #[arg(long, value_name = "MAP.yaml")]
    pub mapping: PathBuf,
    /// The CSV export (UTF-8, `,` or `;` between cells).
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// Change records that exist and differ from their row (fields the
    /// sheet does not have are kept).
    #[arg(long)]
    pub update: bool,
    /// Read and compare every row, say what would change, write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The date the check after writing runs against (YYYY-MM-DD); today by default.
    #[arg(long)]
    pub today: Option<NaiveDate>,
}

/// Arguments of `changes`.
#[derive(Debug, clap::Args)]
pub struct ChangesArgs {
    /// The older revision (a branch, tag or commit, e.g. `origin/main`).
    pub base: String,
    /// The newer revision; the last commit (`HEAD`) by default, so
    /// uncommitted edits are not compared.
    #[arg(default_value = "HEAD")]
    pub head: String,
    /// The program repository (or a folder of it holding the program).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// How to print the summary.
    #[arg(long, value_enum, default_value_t = ChangesFormat::Human)]
    pub format: ChangesFormat,
    /// Who may read it: `public` names unconsented people by id only.
    #[arg(long, value_enum, default_value_t = AudienceArg::Public)]
    pub audience: AudienceArg,
    /// The date to check both revisions against (YYYY-MM-DD); today by default.
    #[arg(long)]
    pub today: Option<NaiveDate>,
}

/// Change summary formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChangesFormat {
    /// Sentences for a terminal.
    Human,
    /// Headings and bullets for a pull-request comment.
    Markdown,
    /// One JSON document with stable fields.
    Json,
}

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The program repository.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The date to check against (YYYY-MM-DD); today by default.
    #[arg(long)]
    pub today: Option<NaiveDate>,
    /// Parse every file again, neither reading nor writing the parse cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Also print how many files the parse cache saved parsing.
    #[arg(long)]
    pub timings: bool,
}

/// Arguments of `build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The program repository.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site (replaced whole, only when the build succeeds).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Who the site is for.
    #[arg(long, value_enum, default_value_t = AudienceArg::Public)]
    pub audience: AudienceArg,
    /// The date to build against (YYYY-MM-DD); today by default.
    #[arg(long)]
    pub today: Option<NaiveDate>,
    /// Publish under this URL instead of the program's `base_url`.
    #[arg(long, value_name = "URL", value_parser = base_url)]
    pub base_url: Option<BaseUrl>,
    /// Parse every file again, neither reading nor writing the parse cache.
    #[arg(long)]
    pub no_cache: bool,
    /// Also print how long each stage of the build took.
    #[arg(long)]
    pub timings: bool,
}

/// Arguments of `serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The program repository.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on; anything but loopback lets other machines in.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// The port (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Who the site is for.
    #[arg(long, value_enum, default_value_t = AudienceArg::Public)]
    pub audience: AudienceArg,
    /// The date to build against (YYYY-MM-DD); today by default.
    #[arg(long)]
    pub today: Option<NaiveDate>,
    /// Also print how long each stage of a rebuild took.
    #[arg(long)]
    pub timings: bool,
}

/// Audiences on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AudienceArg {
    /// The published site: nothing personal without consent.
    Public,
    /// The program team's site: everything, never indexed.
    Staff,
}

/// Arguments of `init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to create the program; must not exist or be empty.
    pub dir: PathBuf,
}

/// Diagnostic output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style reports.
    Human,
    /// One JSON object per line.
    Json,
    /// GitHub Actions workflow commands: an annotation per diagnostic.
    Github,
    /// One SARIF 2.1.0 log, for code-scanning tools.
    Sarif,
}

/// `--base-url`, refused (exit 2) unless it is an absolute http(s) URL of
/// printable characters: it is written into every feed and `robots.txt`.
fn base_url(value: &str) -> Result<BaseUrl, String> {
    BaseUrl::parse(value).map_err(|problem| format!("the address {problem}; {}", problem.help()))
}
