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

use std::collections::{BTreeSet, HashSet};
use std::fmt::{self, Write as _};
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};
use walkdir::WalkDir;

use crate::render::Site;

/// The manifest at the root of every output. It names every file and folder
/// the build wrote, so the next build can tell its own output, which it
/// replaces, from anything else, which it refuses to touch.
pub const MANIFEST: &str = ".telemachy-output";

/// The manifest's first line: what wrote it, and the version of its format.
const MANIFEST_HEADER: &str = "telemachy output 1";

/// Said to whoever opens the manifest. Entries are hashes, not paths, as the
/// manifest is published with the site and the paths of personal pages in a
/// public build are capability URLs.
const MANIFEST_NOTE: &str = "\
# Written by `telemachy build`: this folder is its output, and the next build
# replaces it whole. Each line below is a file or folder (path ending in /)
# that the build wrote, as the first 128 bits of the SHA-256 of its path in
# the folder. The next build refuses to replace the folder while it holds
# anything not listed here, so nothing added by hand is ever deleted.
";

/// The program's folders that hold what it is built from, or that a site
/// written over them would destroy: `static/` is where site generators keep
/// files copied as is, `.git/` the history "last updated" comes from, and
/// `.telemachy/` the parse cache, which a build must not overwrite or
/// swap away while it reads it.
pub const SOURCE_FOLDERS: [&str; 6] = [
    "content",
    "data",
    "themes",
    "static",
    ".git",
    crate::load::cache::FOLDER,
];

/// How many of the entries that made a folder refused the message names.
const NAMED: usize = 3;

/// Entries found in a folder that made it refused: a few names and how many
/// there are in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The first few, sorted; folders end in `/`.
    pub names: Vec<String>,
    /// How many there are in all.
    pub total: usize,
}

impl Found {
    fn new(mut names: Vec<String>) -> Found {
        names.sort();
        let total = names.len();
        names.truncate(NAMED);
        Found { names, total }
    }
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self.names.iter().map(|n| format!("`{n}`")).collect();
        f.write_str(&names.join(", "))?;
        match self.total - self.names.len() {
            0 => Ok(()),
            more => write!(f, " and {more} more"),
        }
    }
}

/// Why an output folder is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// The path is empty.
    NoPath,
    /// It is the program's own folder.
    ProgramRoot,
    /// It holds the program's folder.
    HoldsProgram,
    /// It is one of the program's [`SOURCE_FOLDERS`], or inside one.
    InSources(&'static str),
    /// It is inside a git repository's `.git` folder.
    InGitFolder,
    /// It is a symbolic link: the swap would replace the link itself.
    Link,
    /// It, or a folder on the way to it, is a symbolic link to nothing.
    DanglingLink(PathBuf),
    /// It, or a part of the path to it, is a file.
    NotAFolder,
    /// It holds something and no manifest, so telemachy did not write it.
    NotAnOutput(Found),
    /// Its manifest is not one telemachy wrote.
    DamagedManifest,
    /// It is a previous output that also holds entries its manifest does
    /// not list, which replacing it would delete.
    AddedByHand(Found),
}

impl Refusal {
    /// What to do about it.
    pub fn help(&self) -> &'static str {
        match self {
            Refusal::NoPath | Refusal::ProgramRoot | Refusal::HoldsProgram => {
                "build into a folder of its own, such as `public/` in the program (the default)"
            }
            Refusal::InSources(_) => {
                "build into a folder outside `content/`, `data/`, `themes/`, `static/`, `.git/` \
                 and `.telemachy/`, such as `public/` in the program (the default)"
            }
            Refusal::InGitFolder => "build into a folder outside `.git/`",
            Refusal::Link => "give the folder the link points to, or a new folder",
            Refusal::DanglingLink(_) => "fix or remove the link, or give another folder",
            Refusal::NotAFolder => "give the path of a folder; the site is a folder of files",
            Refusal::NotAnOutput(_) => {
                "give a new or empty folder: telemachy only replaces a folder that a build of \
                 its own wrote (an output of a version older than `.telemachy-output` must be \
                 deleted once by hand)"
            }
            Refusal::DamagedManifest => {
                "delete the folder if it is an old output, or give a new or empty folder"
            }
            Refusal::AddedByHand(_) => {
                "move those out of the folder, then build again; files that belong on the site \
                 go in the theme's `static/` folder"
            }
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NoPath => f.write_str("no folder was given"),
            Refusal::ProgramRoot => f.write_str("it is the program's own folder"),
            Refusal::HoldsProgram => f.write_str("it holds the program's folder"),
            Refusal::InSources(folder) => {
                write!(f, "it is part of the program's sources (`{folder}/`)")
            }
            Refusal::InGitFolder => f.write_str("it is inside a git repository's `.git/` folder"),
            Refusal::Link => f.write_str(
                "it is a symbolic link, and the build would replace the link, not the folder it points to",
            ),
            Refusal::DanglingLink(link) => write!(
                f,
                "`{}` is a symbolic link to nothing",
                link.display()
            ),
            Refusal::NotAFolder => f.write_str("it is a file, not a folder"),
            Refusal::NotAnOutput(found) => write!(
                f,
                "it holds {found}, which telemachy did not write (there is no `{MANIFEST}`)"
            ),
            Refusal::DamagedManifest => write!(f, "its `{MANIFEST}` is not one telemachy wrote"),
            Refusal::AddedByHand(found) => write!(
                f,
                "it holds {found}, which the last build did not write and this one would delete"
            ),
        }
    }
}

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

/// Checks that `out` is a safe place for the site of the program at `root`,
/// and returns where it really is: an absolute path without symbolic links.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<PathBuf, WriteError> {
    if out.as_os_str().is_empty() {
        return Err(refused(out, Refusal::NoPath));
    }
    let root = fs::canonicalize(root).map_err(io_error(format!("reading {}", root.display())))?;
    let (resolved, link) = resolve(out)?;
    let refuse = |reason| {
        Err(WriteError::Refused {
            out: out.to_path_buf(),
            resolved: Some(resolved.clone()),
            reason,
        })
    };
    if resolved == root {
        return refuse(Refusal::ProgramRoot);
    }
    if root.starts_with(&resolved) {
        return refuse(Refusal::HoldsProgram);
    }
    if let Ok(inside) = resolved.strip_prefix(&root) {
        let first = inside.components().next().map(Component::as_os_str);
        if let Some(folder) = SOURCE_FOLDERS.iter().find(|f| first == Some(f.as_ref())) {
            return refuse(Refusal::InSources(folder));
        }
    }
    if resolved.components().any(|c| c.as_os_str() == ".git") {
        return refuse(Refusal::InGitFolder);
    }
    if link {
        return refuse(Refusal::Link);
    }
    match inspect(&resolved)? {
        Contents::Refused(reason) => refuse(reason),
        Contents::Missing | Contents::Empty | Contents::Previous => Ok(resolved),
    }
}

/// Where `out` really is: relative to the current folder, with every `..`
/// and symbolic link resolved as the file system would, and the part that
/// does not exist yet appended as given. Also says whether `out` itself is
/// a symbolic link (then the path is where it points).
fn resolve(out: &Path) -> Result<(PathBuf, bool), WriteError> {
    let absolute = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(io_error("reading the current folder"))?
            .join(out)
    };
    // `real` never holds a symbolic link, so `..` is its lexical parent.
    let mut real = PathBuf::new();
    let mut missing: Vec<&std::ffi::OsStr> = Vec::new();
    let mut link = false;
    for component in absolute.components() {
        let name = match component {
            Component::Prefix(_) | Component::RootDir => {
                real.push(component);
                continue;
            }
            Component::CurDir => continue,
            Component::ParentDir => {
                link = false;
                if missing.pop().is_none() {
                    real.pop();
                }
                continue;
            }
            Component::Normal(name) => name,
        };
        link = false;
        if !missing.is_empty() {
            missing.push(name);
            continue;
        }
        let next = real.join(name);
        match fs::symlink_metadata(&next) {
            Ok(meta) => {
                link = meta.file_type().is_symlink();
                real = match fs::canonicalize(&next) {
                    Ok(target) => target,
                    Err(e) if link && e.kind() == io::ErrorKind::NotFound => {
                        return Err(refused(out, Refusal::DanglingLink(next)));
                    }
                    Err(e) => return Err(io_error(format!("reading {}", next.display()))(e)),
                };
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => missing.push(name),
            Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
                return Err(refused(out, Refusal::NotAFolder));
            }
            Err(e) => return Err(io_error(format!("reading {}", next.display()))(e)),
        }
    }
    real.extend(missing);
    Ok((real, link))
}

/// What an output folder holds now.
enum Contents {
    /// It does not exist.
    Missing,
    /// It is an empty folder.
    Empty,
    /// It holds a previous output and nothing else.
    Previous,
    /// Anything else.
    Refused(Refusal),
}

/// Looks at what `dir` holds, following no symbolic link.
fn inspect(dir: &Path) -> Result<Contents, WriteError> {
    let reading = || io_error(format!("reading {}", dir.display()));
    let meta = match fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Contents::Missing),
        Err(e) => return Err(reading()(e)),
    };
    if meta.file_type().is_symlink() {
        return Ok(Contents::Refused(Refusal::Link));
    }
    if !meta.is_dir() {
        return Ok(Contents::Refused(Refusal::NotAFolder));
    }
    let listed = match read_manifest(dir)? {
        Manifest::Lists(listed) => listed,
        Manifest::Damaged => return Ok(Contents::Refused(Refusal::DamagedManifest)),
        Manifest::Absent => {
            let mut names = Vec::new();
            for entry in fs::read_dir(dir).map_err(reading())? {
                let entry = entry.map_err(reading())?;
                let slash = if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    "/"
                } else {
                    ""
                };
                names.push(format!("{}{slash}", entry.file_name().to_string_lossy()));
            }
            if names.is_empty() {
                return Ok(Contents::Empty);
            }
            return Ok(Contents::Refused(Refusal::NotAnOutput(Found::new(names))));
        }
    };
    let mut unlisted = Vec::new();
    let mut walk = WalkDir::new(dir).min_depth(1).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(|e| reading()(e.into()))?;
        let kind = entry.file_type();
        let relative = entry
            .path()
            .strip_prefix(dir)
            .ok()
            .and_then(site_path)
            .unwrap_or_else(|| entry.path().to_string_lossy().into_owned());
        if relative == MANIFEST {
            continue;
        }
        let key = if kind.is_dir() {
            format!("{relative}/")
        } else {
            relative
        };
        if !(kind.is_dir() || kind.is_file()) || !listed.contains(&entry_key(&key)) {
            if kind.is_dir() {
                walk.skip_current_dir();
            }
            unlisted.push(key);
        }
    }
    if unlisted.is_empty() {
        Ok(Contents::Previous)
    } else {
        Ok(Contents::Refused(Refusal::AddedByHand(Found::new(
            unlisted,
        ))))
    }
}

/// What a folder's manifest says.
enum Manifest {
    /// There is none.
    Absent,
    /// There is one, but telemachy did not write it as it is.
    Damaged,
    /// The keys of every entry the build wrote.
    Lists(HashSet<u128>),
}

fn read_manifest(dir: &Path) -> Result<Manifest, WriteError> {
    let path = dir.join(MANIFEST);
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => return Ok(Manifest::Damaged),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Manifest::Absent),
        Err(e) => return Err(io_error(format!("reading {}", path.display()))(e)),
    }
    let bytes = fs::read(&path).map_err(io_error(format!("reading {}", path.display())))?;
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Ok(Manifest::Damaged);
    };
    let mut lines = text.lines();
    if lines.next() != Some(MANIFEST_HEADER) {
        return Ok(Manifest::Damaged);
    }
    let mut listed = HashSet::new();
    for line in lines.filter(|l| !l.starts_with('#')) {
        let key = (line.len() == 32 && line.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| u128::from_str_radix(line, 16).ok())
            .flatten();
        match key {
            Some(key) => listed.insert(key),
            None => return Ok(Manifest::Damaged),
        };
    }
    Ok(Manifest::Lists(listed))
}

/// A relative path as the site names it: `/`-separated plain components.
fn site_path(relative: &Path) -> Option<String> {
    let mut parts = Vec::new();
    for component in relative.components() {
        match component {
            Component::Normal(name) => parts.push(name.to_str()?),
            _ => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// How the manifest lists an entry: the first 128 bits of the SHA-256 of
/// its path, with a trailing `/` for a folder.
fn entry_key(path: &str) -> u128 {
    let digest = Sha256::digest(path.as_bytes());
    let mut first = [0; 16];
    first.copy_from_slice(&digest[..16]);
    u128::from_be_bytes(first)
}

/// The manifest of `site`: every file and every folder on the way to one.
fn manifest(site: &Site) -> Result<String, WriteError> {
    let mut keys = BTreeSet::new();
    for (path, _) in site.files() {
        let path = site_path(Path::new(path))
            .filter(|p| p != MANIFEST)
            .ok_or_else(|| WriteError::UnsafePath(path.to_string()))?;
        for (end, _) in path.match_indices('/') {
            keys.insert(entry_key(&path[..=end]));
        }
        keys.insert(entry_key(&path));
    }
    let mut text = format!("{MANIFEST_HEADER}\n{MANIFEST_NOTE}");
    for key in keys {
        let _ = writeln!(text, "{key:032x}");
    }
    Ok(text)
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
    let manifest = manifest(site)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn temp() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
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
    }

    #[test]
    fn dots_are_resolved_before_the_rules_apply() {
        let dir = temp();
        let root = dir.path().join("program");
        fs::create_dir_all(root.join("data")).unwrap_or_default();
        let beside = check_output_dir(&root, &root.join("../site"));
        assert_eq!(
            beside.ok(),
            fs::canonicalize(dir.path()).ok().map(|d| d.join("site"))
        );
        for out in ["../program/data", "new/../data", "data/./learners/.."] {
            let refused = check_output_dir(&root, &root.join(out));
            assert!(
                matches!(
                    refused,
                    Err(WriteError::Refused {
                        reason: Refusal::InSources("data"),
                        ..
                    })
                ),
                "{out}: {refused:?}"
            );
        }
    }

    #[test]
    fn refuses_the_parse_cache_folder() {
        let dir = temp();
        let root = dir.path().join("program");
        fs::create_dir_all(root.join("data")).unwrap_or_default();
        for out in [".telemachy", ".telemachy/cache", ".telemachy/site"] {
            let refused = check_output_dir(&root, &root.join(out));
            assert!(
                matches!(
                    refused,
                    Err(WriteError::Refused {
                        reason: Refusal::InSources(".telemachy"),
                        ..
                    })
                ),
                "{out}: {refused:?}"
            );
        }
    }

    #[test]
    fn a_file_added_during_the_build_is_never_deleted() {
        let dir = temp();
        let out = dir.path().join("public");
        let mut first = Site::new();
        first.insert("index.html", "kept");
        write_site(&out, &first).unwrap();
        let root = dir.path().join("program");
        fs::create_dir_all(&root).unwrap_or_default();
        let out = check_output_dir(&root, &out).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap_or_default();
        let mut second = Site::new();
        second.insert("index.html", "new");
        let refused = write_site(&out, &second);
        assert!(
            matches!(
                refused,
                Err(WriteError::Refused {
                    reason: Refusal::AddedByHand(_),
                    ..
                })
            ),
            "{refused:?}"
        );
        assert_eq!(
            fs::read_to_string(out.join("notes.txt")).ok().as_deref(),
            Some("mine")
        );
        assert_eq!(
            fs::read_to_string(out.join("index.html")).ok().as_deref(),
            Some("kept")
        );
        let beside: Vec<_> = fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
            .collect();
        assert_eq!(beside.len(), 2, "the staging folder was left behind");
    }

    #[test]
    fn the_manifest_lists_files_and_folders_without_naming_them() {
        let mut site = Site::new();
        site.insert("index.html", "");
        site.insert("learners/3f9a0c47d2b81e65/index.html", "");
        let text = manifest(&site).unwrap();
        assert!(text.starts_with(MANIFEST_HEADER));
        assert!(!text.contains("3f9a0c47"), "{text}");
        let listed: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with(['#', 't']))
            .collect();
        assert_eq!(listed.len(), 4, "two files and two folders:\n{text}");
        assert!(listed.contains(&format!("{:032x}", entry_key("learners/")).as_str()));
    }

    #[test]
    fn leftovers_are_known_by_name_only_to_be_looked_at() {
        assert!(is_leftover(".public.new-123", "public"));
        assert!(is_leftover(".public.old-9", "public"));
        assert!(!is_leftover(".public.old-", "public"));
        assert!(!is_leftover(".public.old-9x", "public"));
        assert!(!is_leftover(".site.new-1", "public"));
        assert!(!is_leftover("public.new-1", "public"));
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
        write_site(&out, &first).unwrap();
        let mut second = Site::new();
        second.insert("index.html", "two");
        write_site(&out, &second).unwrap();
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
        write_site(&out, &first).unwrap();
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
