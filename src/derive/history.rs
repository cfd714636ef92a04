//! When each source file last changed, from git history in one pass.
//!
//! One `git log` over the whole history lists every commit with the files it
//! touched; walking it newest first, the first commit that names a file is
//! the one that last changed it. That is one process for the whole program,
//! not one per file. Outside a git repository (or without git) the dates are
//! unknown and the build says so.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Utc};

/// Last-change times of the program's files, when known.
#[derive(Debug, Clone, Default)]
pub struct History {
    last_changed: Option<HashMap<PathBuf, DateTime<Utc>>>,
}

impl History {
    /// Reads the history of `content/` and `data/` under `root`.
    pub fn read(root: &Path) -> History {
        let output = Command::new("git")
            .arg("-C")
            .arg(root)
            .args([
                "log",
                "--no-renames",
                "--format=%x00%ct",
                "--name-only",
                "--relative",
                "--",
                "content",
                "data",
            ])
            .output();
        match output {
            Ok(out) if out.status.success() => History {
                last_changed: Some(parse_log(&String::from_utf8_lossy(&out.stdout))),
            },
            _ => History::default(),
        }
    }

    /// Whether the program is in a git repository at all.
    pub fn known(&self) -> bool {
        self.last_changed.is_some()
    }

    /// When a root-relative file last changed in a commit.
    pub fn last_changed(&self, file: &Path) -> Option<DateTime<Utc>> {
        self.last_changed.as_ref()?.get(file).copied()
    }
}

/// Parses `git log --format=%x00%ct --name-only` output, newest first.
fn parse_log(log: &str) -> HashMap<PathBuf, DateTime<Utc>> {
    let mut last_changed = HashMap::new();
    for commit in log.split('\0').filter(|c| !c.trim().is_empty()) {
        let mut lines = commit.lines();
        let Some(time) = lines
            .next()
            .and_then(|t| t.trim().parse::<i64>().ok())
            .and_then(|t| DateTime::from_timestamp(t, 0))
        else {
            continue;
        };
        for file in lines.map(str::trim).filter(|l| !l.is_empty()) {
            last_changed.entry(PathBuf::from(file)).or_insert(time);
        }
    }
    last_changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_naming_a_file_wins() {
        let log = "\u{0}300\n\ncontent/a.md\n\u{0}200\n\ncontent/a.md\ncontent/b.md\n";
        let dates = parse_log(log);
        assert_eq!(
            dates.get(Path::new("content/a.md")).map(|d| d.timestamp()),
            Some(300)
        );
        assert_eq!(
            dates.get(Path::new("content/b.md")).map(|d| d.timestamp()),
            Some(200)
        );
    }

    #[test]
    fn outside_git_nothing_is_known() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let history = History::read(dir.path());
        assert!(!history.known());
    }
}
