//! Test support shared by the unit tests: the example program of
//! `telemachy init`, with some files replaced, loaded or checked.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::model::Program;

/// A file of the example program, as `telemachy init` writes it.
pub fn example(path: &str) -> String {
    crate::init::FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| text.to_string())
        .unwrap_or_else(|| panic!("the example program has no {path}"))
}

/// Writes the example program into `dir` with `changes` (`(path, text)`)
/// written over it or added.
pub fn write_example<S: AsRef<str>>(dir: &Path, changes: &[(&str, S)]) {
    let write = |path: &str, text: &str| {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(target, text).unwrap_or_else(|e| panic!("write {path}: {e}"));
    };
    for (path, text) in crate::init::FILES {
        write(path, text);
    }
    for (path, text) in changes {
        write(path, text.as_ref());
    }
}

/// The example program with `changes`, loaded and resolved (not checked).
pub fn example_with<S: AsRef<str>>(changes: &[(&str, S)]) -> Program {
    let dir = tempfile::tempdir().unwrap();
    write_example(dir.path(), changes);
    let mut loaded = crate::load::load(dir.path());
    crate::model::resolve::resolve(loaded.raw, &mut loaded.diagnostics)
}

/// Every diagnostic of the example program with `changes`, checked as of
/// `today` (`YYYY-MM-DD`).
pub fn checked_with<S: AsRef<str>>(changes: &[(&str, S)], today: &str) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().unwrap();
    write_example(dir.path(), changes);
    let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
    crate::check_program(dir.path(), today)
        .diagnostics
        .iter()
        .cloned()
        .collect()
}

/// `file:line:col` of a diagnostic, or empty.
pub fn at(d: &Diagnostic) -> String {
    d.location
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default()
}
