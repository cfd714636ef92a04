//! Writing a built site: refuse any output folder the build could destroy
//! something in, write every file into a fresh folder beside the output,
//! then swap it in.
//!
//! A build writes only into a folder that does not exist, is empty, or holds
//! a previous output of telemachy, which it knows by the manifest
//! ([`MANIFEST`]) at the output's root naming every file and folder that
//! build wrote. Anything else is refused before the program is even read:
//! the program's folder, its ancestors and its source folders (however the
//! path is spelled: `..`, symbolic links, a relative path), a file, a
//! symbolic link, and a folder holding anything telemachy did not write.
//!
//! The old output is only replaced once the new one is complete, so a build
//! that fails (or is killed) leaves the previous site exactly as it was. The
//! tool never writes or deletes outside the output folder and its siblings
//! `.<name>.new-<pid>` and `.<name>.old-<pid>`; the next build removes those
//! a killed build left behind, but only when their manifest shows that
//! telemachy made everything in them.

mod manifest;
mod output_dir;
#[cfg(test)]
mod tests;

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::render::Site;

pub use manifest::MANIFEST;
pub use output_dir::{Found, Refusal, SOURCE_FOLDERS, check_output_dir};

use output_dir::{Contents, inspect};

/// Why an output folder was refused or could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// The output folder is not a safe place for the site; nothing was changed.
    Refused {
        /// The folder as given.
        out: PathBuf,
        /// Where it really is, when that differs.
        resolved: Option<PathBuf>,
        /// Why it is refused.
        reason: Refusal,
    },
    /// A rendered path is not a plain path inside the output folder.
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
            WriteError::Refused {
                out,
                resolved,
                reason,
            } => {
                write!(f, "refusing to write the site to {}", out.display())?;
                if let Some(resolved) = resolved.as_ref().filter(|r| *r != out) {
                    write!(f, " ({})", resolved.display())?;
                }
                write!(
                    f,
                    ": {reason}; nothing was changed\nhelp: {}",
                    reason.help()
                )
            }
            WriteError::UnsafePath(path) => {
                write!(
                    f,
                    "refusing to write `{path}`: it is not a plain path inside the output folder"
                )
            }
            WriteError::Io { doing, error } => write!(f, "{doing}: {error}"),
        }
    }
}

impl std::error::Error for WriteError {}

fn refused(out: &Path, reason: Refusal) -> WriteError {
    WriteError::Refused {
        out: out.to_path_buf(),
        resolved: None,
        reason,
    }
}

fn io_error(doing: impl Into<String>) -> impl FnOnce(io::Error) -> WriteError {
    let doing = doing.into();
    move |error| WriteError::Io { doing, error }
}

/// Writes `site` to `out` (already checked by [`check_output_dir`]) so that
/// `out` is replaced whole or not at all. Returns the leftovers of earlier
/// builds found beside `out` that were left alone because telemachy cannot
/// tell it made them.
pub fn write_site(out: &Path, site: &Site) -> Result<Vec<PathBuf>, WriteError> {
    let parent = out.parent().unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let manifest = manifest::manifest(site)?;
    fs::create_dir_all(parent).map_err(io_error(format!("creating {}", parent.display())))?;
    let kept = clear_leftovers(parent, &name);
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    // `create_dir` fails on an existing folder, so nothing there is overwritten.
    fs::create_dir(&staging).map_err(io_error(format!("creating {}", staging.display())))?;
    let result = fs::write(staging.join(MANIFEST), manifest)
        .map_err(io_error(format!("writing {}", staging.display())))
        .and_then(|()| fill(&staging, site))
        .and_then(|()| swap(&staging, out, parent, &name));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result.map(|()| kept)
}

/// Removes the staging and old folders of earlier builds of `name` that
/// were killed before they finished, when their manifest lists everything
/// in them (or they are empty); returns the ones left alone.
fn clear_leftovers(parent: &Path, name: &str) -> Vec<PathBuf> {
    let mut kept = Vec::new();
    let Ok(entries) = fs::read_dir(parent) else {
        return kept;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        if !file_name.to_str().is_some_and(|f| is_leftover(f, name)) {
            continue;
        }
        let path = entry.path();
        let cleared = match inspect(&path) {
            Ok(Contents::Previous) => fs::remove_dir_all(&path).is_ok(),
            Ok(Contents::Empty) => fs::remove_dir(&path).is_ok(),
            Ok(Contents::Missing) => true,
            Ok(Contents::Refused(_)) | Err(_) => false,
        };
        if !cleared {
            kept.push(path);
        }
    }
    kept.sort();
    kept
}

/// Whether `file` is named as a build of `name` names its staging or old
/// folder: `.<name>.new-<pid>` or `.<name>.old-<pid>`.
fn is_leftover(file: &str, name: &str) -> bool {
    let Some(rest) = file.strip_prefix('.').and_then(|f| f.strip_prefix(name)) else {
        return false;
    };
    [".new-", ".old-"].iter().any(|kind| {
        rest.strip_prefix(kind)
            .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
    })
}

fn fill(staging: &Path, site: &Site) -> Result<(), WriteError> {
    for (path, bytes) in site.files() {
        let relative = Path::new(path);
        let target = staging.join(relative);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(io_error(format!("creating {}", dir.display())))?;
        }
        fs::write(&target, bytes).map_err(io_error(format!("writing {}", target.display())))?;
    }
    Ok(())
}

/// Puts the complete site at `out`, looking at what is there once more
/// right before: a file added during the build is never deleted.
fn swap(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<(), WriteError> {
    let moving = || io_error(format!("moving the site to {}", out.display()));
    match inspect(out)? {
        Contents::Missing => return fs::rename(staging, out).map_err(moving()),
        Contents::Empty => {
            // `remove_dir` fails unless the folder is still empty.
            fs::remove_dir(out).map_err(moving())?;
            return fs::rename(staging, out).map_err(moving());
        }
        Contents::Refused(reason) => return Err(refused(out, reason)),
        Contents::Previous => {}
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    if fs::symlink_metadata(&old).is_ok() {
        return Err(WriteError::Io {
            doing: format!("moving the old site aside to {}", old.display()),
            error: io::ErrorKind::AlreadyExists.into(),
        });
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
