//! Reading the program's files defensively: bounded size, valid UTF-8,
//! unreadable files and symlink loops reported as diagnostics, and a
//! deterministic order for every directory listing.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::{Code, Diagnostic, Location};

/// No program file is anywhere near this size; a larger one is refused before
/// it is read so a stray dump cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a file as UTF-8 text without its byte order mark, or explains why
/// it cannot be read.
pub fn read_text(root: &Path, relative: &Path) -> Result<String, Box<Diagnostic>> {
    let mut text = decode(relative, read_bytes(root, relative)?).map_err(|(d, _)| d)?;
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    Ok(text)
}

/// Reads a file's bytes, or explains why it cannot be read.
pub fn read_bytes(root: &Path, relative: &Path) -> Result<Vec<u8>, Box<Diagnostic>> {
    let full = root.join(relative);
    let unreadable = |what: String| {
        Box::new(
            Diagnostic::new(Code::UnreadableFile, what)
                .at(Location::file(relative))
                .help("check the file's permissions, or remove it from the program"),
        )
    };
    let file =
        fs::File::open(&full).map_err(|e| unreadable(format!("cannot read the file: {e}")))?;
    let size = file
        .metadata()
        .map_err(|e| unreadable(format!("cannot read the file: {e}")))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(Box::new(
            Diagnostic::new(
                Code::InputTooLarge,
                format!(
                    "the file is {} MiB; program files may be at most {} MiB",
                    size / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            )
            .at(Location::file(relative))
            .help("split it into several files (learners and sessions may each have many)"),
        ));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(format!("cannot read the file: {e}")))?;
    Ok(bytes)
}

/// A file's bytes as text, byte order mark kept; when they are not UTF-8,
/// the diagnostic and the text with replacement characters (to show the
/// line in question).
pub fn decode(relative: &Path, bytes: Vec<u8>) -> Result<String, (Box<Diagnostic>, String)> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count() as u32
            + 1;
        let diagnostic = Box::new(
            Diagnostic::new(Code::InvalidUtf8, "the file is not valid UTF-8")
                .at(Location::at(relative, line, column, 1))
                .help("save the file as UTF-8 in your editor"),
        );
        (
            diagnostic,
            String::from_utf8_lossy(e.as_bytes()).into_owned(),
        )
    })
}

/// A text without its byte order mark.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Files under `dir` (relative to `root`) whose name ends in one of
/// `extensions`, sorted, following symlinks; loops and unreadable directories
/// become diagnostics.
pub fn list_files(root: &Path, dir: &Path, extensions: &[&str]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let start = root.join(dir);
    if !start.exists() {
        return (files, problems);
    }
    for entry in WalkDir::new(&start).follow_links(true).sort_by_file_name() {
        match entry {
            Ok(entry) => {
                if !entry.file_type().is_file() {
                    continue;
                }
                let name = entry.file_name().to_string_lossy();
                if name.starts_with('.') || !extensions.iter().any(|ext| name.ends_with(ext)) {
                    continue;
                }
                if let Ok(relative) = entry.path().strip_prefix(root) {
                    files.push(relative.to_path_buf());
                }
            }
            Err(error) => {
                let path = error
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                let dangling = error
                    .path()
                    .and_then(|p| std::fs::read_link(p).ok())
                    .filter(|_| {
                        error
                            .io_error()
                            .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound)
                    });
                let message = if error.loop_ancestor().is_some() {
                    "a symbolic link here points back at one of its own parent directories"
                        .to_string()
                } else if let Some(target) = dangling {
                    format!(
                        "this is a symbolic link to `{}`, which does not exist",
                        target.display()
                    )
                } else {
                    match error.io_error() {
                        Some(io) => format!("cannot read this entry: {io}"),
                        None => "cannot read this entry".to_string(),
                    }
                };
                problems.push(
                    Diagnostic::new(Code::UnreadableFile, message)
                        .at(Location::file(path))
                        .help("remove the link or fix the permissions"),
                );
            }
        }
    }
    (files, problems)
}
