//! Writing a built site: refuse dangerous output directories, write every
//! file into a fresh directory beside the output, then swap it in.
//!
//! The old output is only replaced once the new one is complete, so a build
//! that fails (or is killed) leaves the previous site exactly as it was. The
//! tool never writes or deletes outside the output directory and its two
//! siblings (`.<name>.new-*`, `.<name>.old-*`) that it creates itself.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// A site rendered in memory: output-relative path → bytes.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Site {
    files: BTreeMap<String, Vec<u8>>,
}

impl Site {
    /// An empty site.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file at a `/`-separated relative path, replacing any earlier one.
    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    /// The files, sorted by path.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files.iter().map(|(p, b)| (p.as_str(), b.as_slice()))
    }

    /// One file's bytes.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// Removes a file, returning its bytes.
    pub fn remove(&mut self, path: &str) -> Option<Vec<u8>> {
        self.files.remove(path)
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Why an output directory was refused or could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The output directory would overwrite or contain the program's sources.
    Refused {
        /// The directory given.
        out: PathBuf,
        /// Why it is refused.
        reason: &'static str,
    },
    /// A rendered path would escape the output directory.
    UnsafePath(String),
    /// The file system failed.
    Io {
        /// What was being done.
        doing: String,
        /// The error.
        error: io::Error,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Refused { out, reason } => {
                write!(
                    f,
                    "refusing to write the site to {}: {reason}",
                    out.display()
                )
            }
            WriteError::UnsafePath(path) => {
                write!(
                    f,
                    "refusing to write `{path}`: it would land outside the output directory"
                )
            }
            WriteError::Io { doing, error } => write!(f, "{doing}: {error}"),
        }
    }
}

impl std::error::Error for WriteError {}

fn io_error(doing: impl Into<String>) -> impl FnOnce(io::Error) -> WriteError {
    let doing = doing.into();
    move |error| WriteError::Io { doing, error }
}

/// Checks that `out` is a safe place for the site of the program at `root`,
/// and returns it as an absolute path.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<PathBuf, WriteError> {
    let refuse = |reason| {
        Err(WriteError::Refused {
            out: out.to_path_buf(),
            reason,
        })
    };
    if out.as_os_str().is_empty() || out.components().any(|c| c == Component::ParentDir) {
        return refuse("give a directory path without `..`");
    }
    let root = fs::canonicalize(root).map_err(io_error(format!("reading {}", root.display())))?;
    let absolute = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(io_error("reading the current directory"))?
            .join(out)
    };
    if let Ok(meta) = fs::symlink_metadata(&absolute) {
        if meta.file_type().is_symlink() {
            return refuse("it is a symbolic link, which could point anywhere");
        }
        if !meta.is_dir() {
            return refuse("it exists and is not a directory");
        }
    }
    let parent = absolute.parent().ok_or(WriteError::Refused {
        out: out.to_path_buf(),
        reason: "it is the file system root",
    })?;
    let parent = fs::canonicalize(parent)
        .map_err(io_error(format!("reading the parent of {}", out.display())))?;
    let Some(name) = absolute.file_name() else {
        return refuse("it has no directory name");
    };
    let resolved = parent.join(name);
    if resolved == root {
        return refuse("it is the program's own directory");
    }
    if root.starts_with(&resolved) {
        return refuse("it contains the program's sources");
    }
    if resolved.join("content").exists() || resolved.join("data").exists() {
        return refuse("it contains `content/` or `data/`, so it looks like a program, not a site");
    }
    Ok(resolved)
}

/// Writes `site` to `out` (already checked by [`check_output_dir`]) so that
/// `out` is replaced whole or not at all.
pub fn write_site(out: &Path, site: &Site) -> Result<(), WriteError> {
    let parent = out.parent().unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    fs::create_dir_all(parent).map_err(io_error(format!("creating {}", parent.display())))?;
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging)
            .map_err(io_error(format!("clearing {}", staging.display())))?;
    }
    let result = fill(&staging, site).and_then(|()| swap(&staging, out, parent, &name));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn fill(staging: &Path, site: &Site) -> Result<(), WriteError> {
    fs::create_dir_all(staging).map_err(io_error(format!("creating {}", staging.display())))?;
    for (path, bytes) in site.files() {
        let relative = Path::new(path);
        let safe = relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Err(WriteError::UnsafePath(path.to_string()));
        }
        let target = staging.join(relative);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(io_error(format!("creating {}", dir.display())))?;
        }
        fs::write(&target, bytes).map_err(io_error(format!("writing {}", target.display())))?;
    }
    Ok(())
}

fn swap(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    if !out.exists() {
        return fs::rename(staging, out)
            .map_err(io_error(format!("moving the site to {}", out.display())));
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    if old.exists() {
        fs::remove_dir_all(&old).map_err(io_error(format!("clearing {}", old.display())))?;
    }
    fs::rename(out, &old).map_err(io_error(format!(
        "moving the old site aside from {}",
        out.display()
    )))?;
    if let Err(error) = fs::rename(staging, out) {
        // Put the old site back so the output is as it was.
        let _ = fs::rename(&old, out);
        return Err(WriteError::Io {
            doing: format!("moving the new site to {}", out.display()),
            error,
        });
    }
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
    }

    #[test]
    fn refuses_the_program_root_and_its_parents() {
        let dir = temp();
        let root = dir.path().join("program");
        fs::create_dir_all(root.join("data")).unwrap_or_default();
        assert!(check_output_dir(&root, &root).is_err());
        assert!(check_output_dir(&root, dir.path()).is_err());
        assert!(check_output_dir(&root, &root.join("public")).is_ok());
    }

    #[test]
    fn refuses_a_directory_that_holds_a_program() {
        let dir = temp();
        let root = dir.path().join("program");
        fs::create_dir_all(&root).unwrap_or_default();
        let other = dir.path().join("other");
        fs::create_dir_all(other.join("content")).unwrap_or_default();
        assert!(check_output_dir(&root, &other).is_err());
        assert!(check_output_dir(&root, &root.join("../x")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_symlinked_output() {
        let dir = temp();
        let root = dir.path().join("program");
        fs::create_dir_all(&root).unwrap_or_default();
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir_all(&elsewhere).unwrap_or_default();
        let link = root.join("public");
        std::os::unix::fs::symlink(&elsewhere, &link).unwrap_or_default();
        assert!(check_output_dir(&root, &link).is_err());
    }

    #[test]
    fn replaces_the_output_whole() {
        let dir = temp();
        let out = dir.path().join("public");
        let mut first = Site::new();
        first.insert("index.html", "one");
        first.insert("old/page.html", "stale");
        write_site(&out, &first).unwrap_or_else(|e| panic!("{e}"));
        let mut second = Site::new();
        second.insert("index.html", "two");
        write_site(&out, &second).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap_or_default(),
            "two"
        );
        assert!(!out.join("old/page.html").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
            .collect();
        assert_eq!(leftovers.len(), 1, "staging directories left behind");
    }

    #[test]
    fn a_path_escaping_the_output_leaves_the_old_site() {
        let dir = temp();
        let out = dir.path().join("public");
        let mut first = Site::new();
        first.insert("index.html", "kept");
        write_site(&out, &first).unwrap_or_else(|e| panic!("{e}"));
        let mut bad = Site::new();
        bad.insert("index.html", "new");
        bad.insert("../escape.html", "x");
        assert!(write_site(&out, &bad).is_err());
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap_or_default(),
            "kept"
        );
        assert!(!dir.path().join("escape.html").exists());
    }
}
