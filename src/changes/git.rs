//! A program as it was at a git revision, read without touching the
//! user's working tree or index.
//!
//! The `git` binary does the work, as for the build's history
//! (`derive::history`): `rev-parse` names the commit, then `read-tree`
//! into a throwaway index file (`GIT_INDEX_FILE`) and `checkout-index
//! --prefix` write the revision's files into a temporary folder, which is
//! deleted when the [`Snapshot`] is dropped. Nothing is added to the
//! repository (no worktree entry, no stash), so an interrupted run leaves
//! it as it was. When the program root is a folder inside the repository,
//! only that folder's tree is written.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Why a revision could not be read.
#[derive(Debug)]
pub enum GitError {
    /// `git` could not be started.
    NoGit(std::io::Error),
    /// The program root is not inside a git repository.
    NotARepository(PathBuf),
    /// The revision names no commit.
    NoRevision {
        /// The revision as given.
        revision: String,
        /// What git said.
        detail: String,
    },
    /// The revision's files could not be written to a temporary folder.
    Checkout {
        /// The revision as given.
        revision: String,
        /// What went wrong.
        detail: String,
    },
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GitError::NoGit(error) => write!(
                f,
                "could not run git ({error}); `changes` reads revisions with the git command, \
                 install it or put it on PATH"
            ),
            GitError::NotARepository(root) => write!(
                f,
                "{} is not in a git repository; `changes` compares two commits of the program, \
                 run it inside the program's repository or pass --root",
                root.display()
            ),
            GitError::NoRevision { revision, detail } => write!(
                f,
                "no commit `{revision}` in this repository ({detail}); name a branch, tag or \
                 commit that exists, e.g. `origin/main` or `HEAD~1` (a shallow CI checkout may \
                 need `fetch-depth: 0`)"
            ),
            GitError::Checkout { revision, detail } => {
                write!(f, "could not read the files of `{revision}`: {detail}")
            }
        }
    }
}

impl std::error::Error for GitError {}

/// A commit, by the name it was given and its full hash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Revision {
    /// As given on the command line.
    pub name: String,
    /// The commit's full hash.
    pub commit: String,
}

/// The program root's files at one revision, in a temporary folder that is
/// removed on drop.
#[derive(Debug)]
pub struct Snapshot {
    /// The revision read.
    pub revision: Revision,
    dir: tempfile::TempDir,
}

/// Where the program root sits in its repository: the path from the
/// repository's top (`""` at the top, else ending in `/`).
pub fn prefix(root: &Path) -> Result<String, GitError> {
    let out = git(root, &["rev-parse", "--show-prefix"])?;
    if !out.status.success() {
        return Err(GitError::NotARepository(root.to_path_buf()));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The commit `revision` names, refused when it names none.
pub fn resolve(root: &Path, revision: &str) -> Result<Revision, GitError> {
    if revision.starts_with('-') {
        return Err(GitError::NoRevision {
            revision: revision.to_string(),
            detail: "a revision cannot start with `-`".into(),
        });
    }
    let spec = format!("{revision}^{{commit}}");
    let out = git(
        root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ],
    )?;
    if !out.status.success() {
        return Err(GitError::NoRevision {
            revision: revision.to_string(),
            detail: "git rev-parse found no such commit".into(),
        });
    }
    Ok(Revision {
        name: revision.to_string(),
        commit: String::from_utf8_lossy(&out.stdout).trim().to_string(),
    })
}

/// Writes the program root's files at `revision` (see [`resolve`]) into a
/// new temporary folder; `prefix` is the root's place in the repository
/// (see [`prefix`]).
pub fn snapshot(root: &Path, prefix: &str, revision: Revision) -> Result<Snapshot, GitError> {
    let failed = |detail: String| GitError::Checkout {
        revision: revision.name.clone(),
        detail,
    };
    let dir = tempfile::Builder::new()
        .prefix("telemachy-changes-")
        .tempdir()
        .map_err(|e| failed(format!("no temporary folder: {e}")))?;
    let files = dir.path().join("program");
    std::fs::create_dir(&files).map_err(|e| failed(format!("{}: {e}", files.display())))?;
    let index = dir.path().join("index");
    let tree = format!("{}:{}", revision.commit, prefix.trim_end_matches('/'));
    let mut files_prefix = files.to_string_lossy().into_owned();
    files_prefix.push('/');
    let steps: [&[&str]; 2] = [
        &["read-tree", &tree],
        &[
            "checkout-index",
            "--all",
            "--force",
            "--prefix",
            &files_prefix,
        ],
    ];
    for args in steps {
        let out = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(args)
            .env("GIT_INDEX_FILE", &index)
            .output()
            .map_err(GitError::NoGit)?;
        if !out.status.success() {
            return Err(failed(
                String::from_utf8_lossy(&out.stderr).trim().to_string(),
            ));
        }
    }
    Ok(Snapshot { revision, dir })
}

impl Snapshot {
    /// The folder the program's files were written to (inside the
    /// temporary folder, beside the throwaway index).
    pub fn program(&self) -> PathBuf {
        self.dir.path().join("program")
    }
}

fn git(root: &Path, args: &[&str]) -> Result<Output, GitError> {
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .map_err(GitError::NoGit)
}
