//! Writing an import's files, and taking them back.
//!
//! Each file is written whole to a hidden temporary file beside it and
//! renamed over the old one, so an interrupted import never leaves half a
//! file. Before the first write the journal keeps every touched file's bytes
//! (or that it did not exist) and the folders it made, and [`Journal::undo`]
//! puts them back exactly: the import's promise is that `check` passes
//! afterwards or nothing changed.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What an import wrote, so it can be undone.
#[derive(Debug, Default)]
pub struct Journal {
    /// Each file written and its bytes before (`None`: it did not exist).
    files: Vec<(PathBuf, Option<Vec<u8>>)>,
    /// Folders made, outermost first.
    dirs: Vec<PathBuf>,
}

impl Journal {
    /// Writes `text` to `path`, remembering what was there.
    pub fn write(&mut self, path: &Path, text: &str) -> io::Result<()> {
        let before = match fs::read(path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        if let Some(parent) = path.parent() {
            let mut missing = Vec::new();
            let mut dir = parent;
            while !dir.as_os_str().is_empty() && !dir.exists() {
                missing.push(dir.to_path_buf());
                dir = dir.parent().unwrap_or(Path::new(""));
            }
            fs::create_dir_all(parent)?;
            self.dirs.extend(missing.into_iter().rev());
        }
        self.files.push((path.to_path_buf(), before));
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temporary = path.with_file_name(format!(".{name}.import"));
        fs::write(&temporary, text)?;
        fs::rename(&temporary, path)
    }

    /// Puts every file back as it was and removes the folders made; the
    /// first failure is returned after trying all.
    pub fn undo(self) -> io::Result<()> {
        let mut result = Ok(());
        for (path, before) in self.files.into_iter().rev() {
            let done = match before {
                Some(bytes) => fs::write(&path, bytes),
                None => fs::remove_file(&path),
            };
            if result.is_ok() {
                result = done;
            }
        }
        for dir in self.dirs.into_iter().rev() {
            let _ = fs::remove_dir(&dir);
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_puts_back_every_byte_and_removes_what_was_made() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let kept = dir.path().join("kept.yaml");
        fs::write(&kept, "# mine\r\nid: a\n").unwrap_or_default();
        let made = dir.path().join("new/deeper/made.yaml");
        let mut journal = Journal::default();
        journal.write(&kept, "id: b\n").unwrap_or_default();
        journal.write(&made, "id: c\n").unwrap_or_default();
        assert_eq!(fs::read_to_string(&kept).unwrap_or_default(), "id: b\n");
        journal.undo().unwrap_or_default();
        assert_eq!(fs::read(&kept).unwrap_or_default(), b"# mine\r\nid: a\n");
        assert!(!dir.path().join("new").exists());
    }
}
