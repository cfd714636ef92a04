//! Edits to the program's own files, made only by the commands asked to
//! make them (`import`, `match --write`).
//!
//! People edit these files by hand too, so a command never writes one again
//! from parsed records: [`yaml::Doc`] changes the lines it must and keeps
//! every comment, quote and blank line. [`journal::Journal`] replaces each
//! file whole by a rename and can put every byte back. [`write_checked`]
//! keeps the promise all of them make: afterwards `check` finds no error it
//! did not find before, or nothing changed.

pub mod journal;
pub mod pairs;
pub mod yaml;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Sources};

/// What came of writing some files and checking the program.
#[derive(Debug)]
pub struct Written {
    /// Whether the files stay written: `false` when the check found an
    /// error the edit may not bring, and every file was put back.
    pub kept: bool,
    /// The errors the check found that it had not found before, and that
    /// the edit may not bring.
    pub errors: Vec<Diagnostic>,
    /// The new errors the edit leaves for the user on purpose.
    pub expected: Vec<Diagnostic>,
    /// The warnings it found that it had not found before: a
    /// coordinator's next step.
    pub warnings: Vec<Diagnostic>,
    /// The texts they point into.
    pub sources: Sources,
}

/// Writes `files` (paths relative to `root`, with their whole new text),
/// then checks the program as `telemachy check` does on `today`; when that
/// finds an error `before` did not have, and `expected` does not say the
/// edit leaves it for the user on purpose, puts every file back. `Err` is
/// an I/O failure, with what to tell the user.
pub fn write_checked(
    root: &Path,
    today: NaiveDate,
    before: &Diagnostics,
    files: &[(PathBuf, String)],
    expected: impl Fn(&Diagnostic) -> bool,
) -> Result<Written, String> {
    let mut journal = journal::Journal::default();
    for (file, text) in files {
        if let Err(error) = journal.write(&root.join(file), text) {
            let undone = journal.undo();
            return Err(format!(
                "cannot write {}: {error}{}",
                file.display(),
                match undone {
                    Ok(()) => "; nothing was changed".to_string(),
                    Err(e) => format!("; and putting the files back failed: {e}"),
                }
            ));
        }
    }
    let after = crate::check_program(root, today);
    let known: BTreeSet<(Code, PathBuf, String)> = before.iter().map(identity).collect();
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = after
        .diagnostics
        .iter()
        .filter(|d| !known.contains(&identity(d)))
        .cloned()
        .partition(Diagnostic::is_error);
    let (expected, errors): (Vec<Diagnostic>, Vec<Diagnostic>) =
        errors.into_iter().partition(|d| expected(d));
    let kept = errors.is_empty();
    if !kept {
        journal.undo().map_err(|e| {
            format!("the edit brought in errors, and putting the files back failed: {e}")
        })?;
    }
    Ok(Written {
        kept,
        errors,
        expected,
        warnings,
        sources: after.sources,
    })
}

/// What tells a diagnostic apart across an edit that moves lines.
fn identity(d: &Diagnostic) -> (Code, PathBuf, String) {
    let file = d
        .location
        .as_ref()
        .map(|l| l.file.clone())
        .unwrap_or_default();
    (d.code, file, d.message.clone())
}
