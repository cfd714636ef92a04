//! Command-line definitions (clap derive). `main.rs` turns these into
//! library calls.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

/// mentorstack: build a mentorship program's site from its repository.
#[derive(Debug, Parser)]
#[command(name = "mentorstack", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the program's data and curriculum and report every problem.
    Check(CheckArgs),
    /// Write a small working example program into DIR.
    Init(InitArgs),
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
}
