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
    dir: tempfile::TempDir,
}

/// The repository a program root is in.
#[derive(Debug, Clone)]
pub struct Repository {
    /// The top of its working tree, where paths in an index start.
    top: PathBuf,
    /// Where the program root sits under the top: `""` at the top, else
    /// ending in `/`.
    prefix: String,
}

impl Repository {
    /// The repository holding `root`, refused when there is none.
    pub fn find(root: &Path) -> Result<Repository, GitError> {
        let out = git(root, &["rev-parse", "--show-toplevel", "--show-prefix"])?;
        let text = String::from_utf8_lossy(&out.stdout);
        let mut lines = text.lines();
        match (out.status.success(), lines.next(), lines.next()) {
            (true, Some(top), prefix) if !top.is_empty() => Ok(Repository {
                top: PathBuf::from(top),
                prefix: prefix.unwrap_or_default().to_string(),
            }),
            _ => Err(GitError::NotARepository(root.to_path_buf())),
        }
    }
}

/// The commit `revision` names, refused when it names none.
pub fn resolve(repository: &Repository, revision: &str) -> Result<Revision, GitError> {
    if revision.starts_with('-') {
        return Err(GitError::NoRevision {
            revision: revision.to_string(),
            detail: "a revision cannot start with `-`".into(),
        });
    }
    let spec = format!("{revision}^{{commit}}");
    let out = git(
        &repository.top,
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
/// new temporary folder.
pub fn snapshot(repository: &Repository, revision: &Revision) -> Result<Snapshot, GitError> {
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
    let tree = format!(
        "{}:{}",
        revision.commit,
        repository.prefix.trim_end_matches('/')
    );
    // A program folder the commit does not have yet is an empty program,
    // which loading reports as such.
    if !repository.prefix.is_empty() {
        let kind = git(&repository.top, &["cat-file", "-t", &tree])?;
        if String::from_utf8_lossy(&kind.stdout).trim() != "tree" {
            return Ok(Snapshot { dir });
        }
    }
    let checkout_prefix = format!("--prefix={}/", files.to_string_lossy());
    let steps: [&[&str]; 2] = [
        &["read-tree", &tree],
        &["checkout-index", "--all", "--force", &checkout_prefix],
    ];
    // From the top of the working tree: below it, `checkout-index --all`
    // would write only the entries under the folder it runs in.
    for args in steps {
        let out = Command::new("git")
            .arg("-C")
            .arg(&repository.top)
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
    Ok(Snapshot { dir })
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
