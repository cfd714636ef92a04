//! Where a build may write: the rules that refuse an output folder the
//! build could destroy something in.
//!
//! Kept apart from the writing itself because these rules run twice, before
//! the program is read and once more right before the swap, and each new
//! rule belongs here alone.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use super::manifest::{MANIFEST, Manifest, entry_key, read_manifest, site_path};
use super::{WriteError, io_error, refused};

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
pub(super) enum Contents {
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
pub(super) fn inspect(dir: &Path) -> Result<Contents, WriteError> {
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
