//! Watching the program's sources: `content/`, `data/` (with
//! `data/program.yaml`) and `themes/`, through `notify`.
//!
//! An editor's save is several events (a temporary file, a write, a
//! rename, a change of attributes), so events are gathered until the tree
//! has been quiet for a moment and handed on as one set of changed files.
//! Editor droppings (`.swp`, `~`, `.#file`, Vim's `4913` probe, `.tmp`)
//! and hidden files are ignored; the output of `build` is never watched,
//! since only the three source directories are.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// The directories watched, relative to the program root.
pub const WATCHED: [&str; 3] = ["content", "data", "themes"];

/// How long the tree must stay quiet before a change is handed on: longer
/// than the gap between the events of one save, short enough not to be
/// felt.
const QUIET: Duration = Duration::from_millis(10);

/// The longest a change waits for quiet, so a steady stream of events
/// (a checkout) still rebuilds now and then.
const MOST: Duration = Duration::from_millis(400);

/// A running watch of a program's sources.
pub struct Watch {
    root: PathBuf,
    events: Receiver<notify::Result<notify::Event>>,
    watcher: RecommendedWatcher,
    watching: Vec<&'static str>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch").field("root", &self.root).finish()
    }
}

impl Watch {
    /// Starts watching the source directories of the program at `root`
    /// that exist.
    pub fn new(root: &Path) -> notify::Result<Watch> {
        let root = std::fs::canonicalize(root)?;
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(sender)?;
        // The root itself, shallowly, to see a source directory appear
        // (a first theme override creates `themes/`).
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        let mut watch = Watch {
            root,
            events,
            watcher,
            watching: Vec::new(),
        };
        watch.watch_new_directories()?;
        Ok(watch)
    }

    /// Starts watching the source directories that exist and are not
    /// watched yet.
    fn watch_new_directories(&mut self) -> notify::Result<()> {
        for name in WATCHED {
            let dir = self.root.join(name);
            if dir.is_dir() && !self.watching.contains(&name) {
                self.watcher.watch(&dir, RecursiveMode::Recursive)?;
                self.watching.push(name);
            }
        }
        Ok(())
    }

    /// Waits for a change and returns the changed files, relative to the
    /// root; `None` when the watcher stopped.
    pub fn changes(&mut self) -> Option<BTreeSet<PathBuf>> {
        let mut changed = BTreeSet::new();
        while changed.is_empty() {
            let event = self.events.recv().ok()?;
            self.add(event, &mut changed);
        }
        let started = Instant::now();
        while started.elapsed() < MOST {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => self.add(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        if self.watching.len() < WATCHED.len() {
            let _ = self.watch_new_directories();
        }
        Some(changed)
    }

    fn add(&self, event: notify::Result<notify::Event>, changed: &mut BTreeSet<PathBuf>) {
        let Ok(event) = event else {
            return;
        };
        let counts = match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) => false,
            _ => true,
        };
        if !counts {
            return;
        }
        for path in event.paths {
            if let Some(relative) = self.source(&path) {
                changed.insert(relative);
            }
        }
    }

    /// `path` relative to the root, when it is a source file worth a rebuild.
    fn source(&self, path: &Path) -> Option<PathBuf> {
        let relative = path.strip_prefix(&self.root).ok()?;
        let top = relative.components().next()?;
        if !WATCHED
            .iter()
            .any(|dir| top == Component::Normal(dir.as_ref()))
        {
            return None;
        }
        let name = relative.file_name()?.to_string_lossy();
        (!ignored(&name)).then(|| relative.to_path_buf())
    }
}

/// Whether a file name is an editor's temporary or backup file, or hidden.
pub fn ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_droppings_are_ignored() {
        for name in [
            ".sql-basics.md.swp",
            "sql-basics.md~",
            ".#sql-basics.md",
            "4913",
            "sql-basics.md.tmp",
            ".DS_Store",
        ] {
            assert!(ignored(name), "{name}");
        }
        assert!(!ignored("sql-basics.md"));
        assert!(!ignored("program.yaml"));
    }

    #[test]
    fn a_save_is_seen_once_with_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let module = dir.path().join("content/paths/p/m.md");
        std::fs::create_dir_all(module.parent().unwrap_or(dir.path())).unwrap();
        std::fs::create_dir_all(dir.path().join("public")).unwrap();
        let mut watch = Watch::new(dir.path()).unwrap();
        std::fs::write(dir.path().join("public/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("content/paths/p/.m.md.swp"), "x").unwrap();
        std::fs::write(&module, "---\ntitle: M\n---\n").unwrap();
        let changed = watch.changes().unwrap_or_default();
        assert_eq!(
            changed.into_iter().collect::<Vec<_>>(),
            [PathBuf::from("content/paths/p/m.md")]
        );
        // A source directory made after the start is watched from then on.
        std::fs::create_dir_all(dir.path().join("themes/default/templates")).unwrap();
        let mut seen = BTreeSet::new();
        while !seen.iter().any(|p: &PathBuf| p.starts_with("themes")) {
            seen.extend(watch.changes().unwrap_or_default());
        }
        let template = dir.path().join("themes/default/templates/module.html");
        std::fs::write(&template, "x").unwrap();
        while !seen.contains(Path::new("themes/default/templates/module.html")) {
            seen.extend(watch.changes().unwrap_or_default());
        }
    }
}
