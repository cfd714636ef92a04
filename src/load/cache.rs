//! The parse cache: what each data file and front matter parsed into, kept
//! on disk by the hash of the file's bytes, so a second `check` or `build`
//! parses only the files whose bytes changed.
//!
//! Entries live in `.telemachy/cache/` in the program, one file each, named
//! by their [`Key`]: a BLAKE3 hash of the file's bytes, of what the file is
//! read as (a learner, a module, …), and of this build of telemachy (its
//! version, `FORMAT`, the source of the loader that decides what a file
//! parses into, and `Cargo.lock`, which pins the YAML parser). An entry is
//! therefore found only for the same bytes read the same way by the same
//! loader. A renamed file still finds its entry (records carry no path);
//! any edit, even of a comment, is parsed again, as it may move the lines
//! and columns the records carry.
//!
//! The cache is an optimisation only. A missing, truncated, corrupted,
//! foreign or unreadable entry is a miss; every entry carries its key and a
//! hash of its payload, and is taken only when both match. Entries are
//! written to a temporary file and renamed into place, so a reader never
//! sees half an entry. A folder that cannot be written just means no cache.
//! After a run that may write, the entries that run did not use are
//! removed, so the cache holds one entry per file of the program as it is.

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::Holds;

/// The program's folder of telemachy's own state, ignored by git.
pub const FOLDER: &str = ".telemachy";

/// The folder of entries inside [`FOLDER`].
const ENTRIES: &str = "cache";

/// Bumped when the entries' layout changes in a way the hashed sources
/// below would not show (the header, the serialisation).
const FORMAT: u32 = 1;

/// Opens every entry, so a file that merely sits in the folder is no entry.
const MAGIC: &[u8; 8] = b"tlmcache";

/// The loader's sources and the lock file: any change to what a file
/// parses into changes one of them, and so every key.
const LOADER: [&str; 14] = [
    include_str!("fs.rs"),
    include_str!("raw/mod.rs"),
    include_str!("raw/program.rs"),
    include_str!("raw/people.rs"),
    include_str!("raw/pairs.rs"),
    include_str!("raw/sessions.rs"),
    include_str!("raw/content.rs"),
    include_str!("span.rs"),
    include_str!("yaml.rs"),
    include_str!("layout.rs"),
    include_str!("content.rs"),
    include_str!("mod.rs"),
    include_str!("cache.rs"),
    include_str!("../../Cargo.lock"),
];

/// Whether a load may read the cache, and write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Parse every file; touch no cache.
    Off,
    /// Take what the cache holds, but write nothing (`serve`, which must
    /// leave the program's folder as it found it).
    Read,
    /// Take what the cache holds, store what was parsed, and remove the
    /// entries this run did not use (`check` and `build`).
    ReadWrite,
}

/// How a load used the cache, for `--timings`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Files whose parsed records came from the cache.
    pub reused: usize,
    /// Files parsed now.
    pub parsed: usize,
    /// Why the cache could not be used or kept, when it could not.
    pub note: Option<String>,
}

/// The name of an entry: a hash of a file's bytes, what it is read as, and
/// this build of the loader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key([u8; 32]);

impl Key {
    fn file_name(&self) -> String {
        blake3::Hash::from_bytes(self.0).to_hex().to_string()
    }
}

/// The cache of one program, for one load.
#[derive(Debug)]
pub struct Store {
    /// The entries' folder; `None` when the cache is off.
    dir: Option<PathBuf>,
    /// The program's [`FOLDER`].
    base: PathBuf,
    write: bool,
    /// Hashes this build of the loader, ready to take a file.
    seed: blake3::Hasher,
    used: Mutex<HashSet<Key>>,
    reused: AtomicUsize,
    parsed: AtomicUsize,
    note: Mutex<Option<String>>,
}

impl Store {
    /// The cache of the program at `root`.
    pub fn open(root: &Path, mode: Mode) -> Store {
        let mut seed = blake3::Hasher::new();
        seed.update(env!("CARGO_PKG_VERSION").as_bytes());
        seed.update(&FORMAT.to_le_bytes());
        for source in LOADER {
            seed.update(&(source.len() as u64).to_le_bytes());
            seed.update(source.as_bytes());
        }
        let base = root.join(FOLDER);
        Store {
            dir: (mode != Mode::Off).then(|| base.join(ENTRIES)),
            base,
            write: mode == Mode::ReadWrite,
            seed,
            used: Mutex::new(HashSet::new()),
            reused: AtomicUsize::new(0),
            parsed: AtomicUsize::new(0),
            note: Mutex::new(None),
        }
    }

    /// The key of a file's bytes read as holding `holds` (the same bytes
    /// parse into other records as a learner or as sessions); `None` when
    /// the cache is off.
    pub fn key(&self, holds: Holds, bytes: &[u8]) -> Option<Key> {
        self.dir.as_ref()?;
        let mut hasher = self.seed.clone();
        hasher.update(&[holds as u8]);
        hasher.update(bytes);
        Some(Key(*hasher.finalize().as_bytes()))
    }

    /// What the entry `key` holds, if it is there and whole; marks it used.
    pub fn get<T: DeserializeOwned>(&self, key: Option<Key>) -> Option<T> {
        let (key, dir) = (key?, self.dir.as_ref()?);
        let value = fs::read(dir.join(key.file_name()))
            .ok()
            .and_then(|bytes| decode(&key, &bytes));
        match value {
            Some(_) => {
                self.reused.fetch_add(1, Ordering::Relaxed);
                self.mark(key);
            }
            None => {
                self.parsed.fetch_add(1, Ordering::Relaxed);
            }
        }
        value
    }

    /// Stores `value` as the entry `key`, when the cache may be written.
    pub fn put<T: Serialize>(&self, key: Option<Key>, value: &T) {
        let Some(key) = key else { return };
        if !self.write {
            return;
        }
        match self.store(&key, value) {
            Ok(()) => self.mark(key),
            Err(problem) => self.note(problem),
        }
    }

    /// Removes every entry this load did not use (when the cache may be
    /// written) and says how the cache was used.
    pub fn finish(self) -> Stats {
        let Store {
            dir,
            write,
            used,
            reused,
            parsed,
            note,
            ..
        } = self;
        let mut note = note.into_inner().unwrap_or_else(|e| e.into_inner());
        if let (Some(dir), true) = (dir, write) {
            let used = used.into_inner().unwrap_or_else(|e| e.into_inner());
            let kept: HashSet<String> = used.iter().map(Key::file_name).collect();
            if let Ok(entries) = fs::read_dir(&dir) {
                for entry in entries.flatten() {
                    let name = entry.file_name();
                    if !name.to_str().is_some_and(|name| kept.contains(name))
                        && let Err(error) = fs::remove_file(entry.path())
                    {
                        note.get_or_insert_with(|| {
                            format!("cannot remove an old entry of {}: {error}", dir.display())
                        });
                    }
                }
            }
        }
        Stats {
            reused: reused.into_inner(),
            parsed: parsed.into_inner(),
            note,
        }
    }

    fn mark(&self, key: Key) {
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key);
    }

    fn note(&self, problem: String) {
        self.note
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get_or_insert(problem);
    }

    fn store<T: Serialize>(&self, key: &Key, value: &T) -> Result<(), String> {
        let Some(dir) = &self.dir else { return Ok(()) };
        let cannot = |what: &str, path: &Path, error: std::io::Error| {
            format!("no parse cache: cannot {what} {}: {error}", path.display())
        };
        if !dir.is_dir() {
            fs::create_dir_all(dir).map_err(|e| cannot("create", dir, e))?;
            // Ignores the whole folder, this file included, so the cache
            // is never committed by accident.
            let ignore = self.base.join(".gitignore");
            if !ignore.exists() {
                fs::write(&ignore, "*\n").map_err(|e| cannot("write", &ignore, e))?;
            }
        }
        let payload = postcard::to_allocvec(value).map_err(|e| e.to_string())?;
        let mut bytes = Vec::with_capacity(MAGIC.len() + 64 + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&key.0);
        bytes.extend_from_slice(blake3::hash(&payload).as_bytes());
        bytes.extend_from_slice(&payload);
        // Unique to this process and write, so two writers of one entry
        // (two files with the same bytes) never share a temporary file.
        static WRITES: AtomicUsize = AtomicUsize::new(0);
        let name = key.file_name();
        let serial = WRITES.fetch_add(1, Ordering::Relaxed);
        let temporary = dir.join(format!(".{name}.{}.{serial}", std::process::id()));
        let written = fs::File::create(&temporary)
            .and_then(|mut file| file.write_all(&bytes))
            .and_then(|()| fs::rename(&temporary, dir.join(&name)));
        if let Err(error) = written {
            let _ = fs::remove_file(&temporary);
            return Err(cannot("write", &temporary, error));
        }
        Ok(())
    }
}

/// The value an entry holds, if it is whole: the magic, its own key, and
/// a payload that matches its hash and decodes with nothing left over.
fn decode<T: DeserializeOwned>(key: &Key, bytes: &[u8]) -> Option<T> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (stored_key, rest) = rest.split_at_checked(32)?;
    let (hash, payload) = rest.split_at_checked(32)?;
    if stored_key != key.0 || hash != blake3::hash(payload).as_bytes() {
        return None;
    }
    match postcard::take_from_bytes::<T>(payload) {
        Ok((value, [])) => Some(value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(dir: &Path, mode: Mode) -> Store {
        Store::open(dir, mode)
    }

    #[test]
    fn an_entry_is_read_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let cache = store(dir.path(), Mode::ReadWrite);
        let key = cache.key(Holds::Learner, b"id: ana\n");
        cache.put(key, &("ana".to_string(), 7_u32));
        assert_eq!(
            cache.get::<(String, u32)>(key),
            Some(("ana".to_string(), 7))
        );
        let ignore = fs::read_to_string(dir.path().join(".telemachy/.gitignore"));
        assert_eq!(ignore.ok().as_deref(), Some("*\n"));
    }

    #[test]
    fn the_same_bytes_read_as_another_kind_are_another_entry() {
        let dir = tempfile::tempdir().unwrap();
        let cache = store(dir.path(), Mode::ReadWrite);
        let learner = cache.key(Holds::Learner, b"x");
        assert_ne!(learner, cache.key(Holds::Sessions, b"x"));
        assert_ne!(learner, cache.key(Holds::Learner, b"y"));
        assert_eq!(learner, cache.key(Holds::Learner, b"x"));
    }

    #[test]
    fn a_damaged_or_foreign_entry_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = store(dir.path(), Mode::ReadWrite);
        let key = cache.key(Holds::Module, b"---\ntitle: A\n---\n");
        cache.put(key, &"a value".to_string());
        let Some(k) = key else { panic!("no key") };
        let path = dir.path().join(".telemachy/cache").join(k.file_name());
        let whole = fs::read(&path).unwrap_or_default();
        let other = cache.key(Holds::Module, b"other");
        let Some(o) = other else { panic!("no key") };
        let foreign = dir.path().join(".telemachy/cache").join(o.file_name());
        fs::write(&foreign, &whole).unwrap();
        assert_eq!(
            cache.get::<String>(other),
            None,
            "an entry under another name"
        );
        for cut in [0, 8, 40, 72, whole.len() - 1] {
            fs::write(&path, &whole[..cut]).unwrap();
            assert_eq!(cache.get::<String>(key), None, "cut at {cut}");
        }
        let mut flipped = whole.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        fs::write(&path, &flipped).unwrap();
        assert_eq!(cache.get::<String>(key), None, "a changed byte");
        let mut longer = whole.clone();
        longer.push(0);
        fs::write(&path, &longer).unwrap();
        assert_eq!(cache.get::<String>(key), None, "a byte too many");
        fs::write(&path, &whole).unwrap();
        assert_eq!(cache.get::<String>(key), Some("a value".to_string()));
    }

    #[test]
    fn read_mode_writes_nothing_and_finishing_removes_what_was_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let reader = store(dir.path(), Mode::Read);
        reader.put(reader.key(Holds::Page, b"a"), &1_u8);
        reader.finish();
        assert!(!dir.path().join(FOLDER).exists());

        let first = store(dir.path(), Mode::ReadWrite);
        first.put(first.key(Holds::Page, b"a"), &1_u8);
        first.put(first.key(Holds::Page, b"b"), &2_u8);
        first.finish();
        let second = store(dir.path(), Mode::ReadWrite);
        assert_eq!(second.get::<u8>(second.key(Holds::Page, b"b")), Some(2));
        let stats = second.finish();
        assert_eq!((stats.reused, stats.parsed), (1, 0));
        let left = fs::read_dir(dir.path().join(".telemachy/cache"))
            .map(|entries| entries.count())
            .unwrap_or(0);
        assert_eq!(left, 1);
    }
}
