//! Files → raw records with spans.
//!
//! `load` reads `data/` and `content/`, parses every YAML file and front
//! matter block through [`yaml`], and returns the raw records together with
//! the source text of every file (for printing diagnostics) and every
//! problem found. A file that cannot be parsed is reported and left out; the
//! rest still load, so one run shows every broken file. Each file left out
//! is listed with what it may have held ([`LeftOut`]), so that later stages
//! do not report its absence as a second error.
//!
//! `check` and `build` load through the parse cache ([`cache`]): a file
//! whose bytes were parsed before is taken from there, so a second run
//! parses only what changed.

pub mod cache;
pub mod content;
pub mod fs;
mod layout;
pub mod raw;
pub mod schema;
pub mod span;
pub mod theme;
pub mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Location, Sources};

pub use content::{RawModule, RawPage, RawPath};

/// A file being parsed: its root-relative path, its text, and how many lines
/// precede the text in the real file (front matter starts on line 2).
#[derive(Clone, Copy, Debug)]
pub struct InFile<'a> {
    /// Path relative to the program root.
    pub path: &'a Path,
    /// The YAML text.
    pub text: &'a str,
    /// Lines before `text` in the file.
    pub line_offset: u32,
}

/// Index of a file in [`Files`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// Every file a record came from, so records carry a small [`FileId`].
#[derive(Clone, Debug, Default)]
pub struct Files {
    entries: Vec<(PathBuf, u32)>,
}

impl Files {
    /// Register a file and the line offset of its YAML.
    pub fn add(&mut self, path: PathBuf, line_offset: u32) -> FileId {
        self.entries.push((path, line_offset));
        FileId(self.entries.len() as u32 - 1)
    }

    /// How many files are registered.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no file is registered.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The file registered at a root-relative path, if any.
    pub fn find(&self, path: &Path) -> Option<FileId> {
        let index = self.entries.iter().position(|(p, _)| p == path)?;
        Some(FileId(index as u32))
    }

    /// Whether `path` is a registered file or a directory holding one.
    pub fn any_under(&self, path: &Path) -> bool {
        self.entries.iter().any(|(p, _)| p.starts_with(path))
    }

    /// The root-relative path of a file.
    pub fn path(&self, id: FileId) -> &Path {
        &self.entries[id.0 as usize].0
    }

    /// The location of a spanned value in a file.
    pub fn locate<T>(&self, id: FileId, value: &raw::Sp<T>) -> Location {
        let (path, offset) = &self.entries[id.0 as usize];
        let at = value.at;
        if at.line == 0 {
            return Location::file(path.clone());
        }
        Location::at(path.clone(), at.line + offset, at.column, at.len.max(1))
    }

    /// The location of a whole file.
    pub fn whole(&self, id: FileId) -> Location {
        Location::file(self.path(id).to_path_buf())
    }
}

/// A record and the file it came from.
#[derive(Debug)]
pub struct Located<T> {
    /// Where it was written.
    pub file: FileId,
    /// What was written.
    pub value: T,
}

/// Everything read from a program repository, unresolved.
#[derive(Debug, Default)]
pub struct RawProgram {
    /// The files records came from.
    pub files: Files,
    /// `data/program.yaml`, when it parsed.
    pub program: Option<Located<raw::ProgramFile>>,
    /// `data/mentors.yaml`.
    pub mentors: Vec<Located<raw::Mentor>>,
    /// `data/cohorts.yaml`.
    pub cohorts: Vec<Located<raw::Cohort>>,
    /// `data/learners/*.yaml`.
    pub learners: Vec<Located<raw::Learner>>,
    /// `data/pairs.yaml`.
    pub pairs: Vec<Located<raw::Pair>>,
    /// `data/sessions/*.yaml`.
    pub sessions: Vec<Located<raw::Session>>,
    /// `content/paths/*/_index.md`.
    pub paths: Vec<RawPath>,
    /// `content/paths/*/*.md`.
    pub modules: Vec<RawModule>,
    /// `content/pages/*.md`.
    pub pages: Vec<RawPage>,
    /// Files that failed to load, reported already.
    pub left_out: Vec<LeftOut>,
}

/// What a file that failed to load would have held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Holds {
    /// `data/program.yaml`: settings, outcomes, roles, the journey.
    Program,
    /// `data/mentors.yaml`.
    Mentors,
    /// `data/cohorts.yaml`.
    Cohorts,
    /// `data/pairs.yaml`.
    Pairs,
    /// A learner file.
    Learner,
    /// A sessions file.
    Sessions,
    /// A path's `_index.md`.
    Path,
    /// A module file.
    Module,
    /// A free page.
    Page,
}

impl Holds {
    /// What [`load`] reads the file at `path` (relative to the root) as:
    /// a data file of one kind, a path's intro, a module or a page; `None`
    /// for a file it does not read.
    pub fn of(path: &Path) -> Option<Holds> {
        Kind::of(path)
            .map(Kind::holds)
            .or_else(|| content::holds(path))
    }
}

/// A file that failed to load: reported once, and left out whole.
#[derive(Clone, Debug)]
pub struct LeftOut {
    /// Path relative to the program root.
    pub path: PathBuf,
    /// What it would have held.
    pub holds: Holds,
    /// The words of the file that could be ids (every record it held and
    /// every record it referred to is named by one), with the id its name
    /// gives for a learner, module, path or page; `None` when the file
    /// could not be read as text, so that it may have held anything.
    pub ids: Option<Vec<String>>,
}

impl LeftOut {
    /// A file left out, with what its name and its text (when it could be
    /// read) say it held.
    fn new(path: PathBuf, holds: Holds, text: Option<&str>) -> LeftOut {
        let named = match holds {
            Holds::Learner | Holds::Module | Holds::Page => path.file_stem(),
            Holds::Path => path.parent().and_then(Path::file_name),
            _ => None,
        }
        .map(|name| name.to_string_lossy().into_owned());
        let ids = match (text, named) {
            (Some(text), named) => {
                let mut ids: Vec<String> = id_words(text).map(str::to_string).collect();
                ids.extend(named);
                ids.sort_unstable();
                ids.dedup();
                Some(ids)
            }
            (None, Some(named)) => Some(vec![named]),
            (None, None) => None,
        };
        LeftOut { path, holds, ids }
    }
}

/// The words of a text that could be ids (lowercase letters, digits and
/// `-`), not counting leading and trailing `-`.
fn id_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        .map(|word| word.trim_matches('-'))
        .filter(|word| !word.is_empty())
}

/// The result of loading: raw records, source texts and problems.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The records that parsed.
    pub raw: RawProgram,
    /// The text of every file read.
    pub sources: Sources,
    /// Every problem found while reading and parsing.
    pub diagnostics: Diagnostics,
    /// How the parse cache on disk was used.
    pub cache: cache::Stats,
}

/// The program's data file, required in every program.
pub const PROGRAM_FILE: &str = "data/program.yaml";

/// When a file was last written and how long it is: a file whose stamp is
/// unchanged since it was parsed need not be parsed again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: std::time::SystemTime,
}

impl Stamp {
    /// The stamp of a file, if its metadata can be read.
    pub fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified: meta.modified().ok()?,
        })
    }
}

/// Files parsed by earlier loads of one program, so a program served while
/// it is edited parses again only the files that changed.
#[derive(Debug, Default)]
pub struct Cache {
    data: HashMap<PathBuf, (Stamp, (Data, Arc<String>))>,
    content: content::Cache,
}

impl Cache {
    /// Drops what is known of a file, whatever its stamp says (a file
    /// rewritten within the clock's resolution keeps its stamp).
    pub fn forget(&mut self, file: &Path) {
        self.data.remove(file);
        self.content.remove(file);
    }
}

/// Reads and parses a whole program repository rooted at `root`.
///
/// Every data file and every Markdown file is parsed in one parallel pass,
/// the large single files (`pairs.yaml`) alongside the many small ones, so
/// both cores stay busy; records are then stored in a deterministic order.
pub fn load(root: &Path) -> Loaded {
    load_with(root, None, cache::Mode::Off)
}

/// [`load`], taking what the program's parse cache on disk holds for files
/// whose bytes it has seen, as `mode` allows (see [`cache`]).
pub fn load_using(root: &Path, mode: cache::Mode) -> Loaded {
    load_with(root, None, mode)
}

/// [`load`], taking every file unchanged since an earlier load from
/// `cache`, and bringing `cache` up to date. The parse cache on disk is
/// read but never written: a program being served is left as it was.
pub fn load_cached(root: &Path, cache: &mut Cache) -> Loaded {
    load_with(root, Some(cache), cache::Mode::Read)
}

fn load_with(root: &Path, cache: Option<&mut Cache>, mode: cache::Mode) -> Loaded {
    let mut loaded = Loaded::default();
    if !root.join(PROGRAM_FILE).exists() {
        loaded.diagnostics.push(
            Diagnostic::new(Code::MissingFile, "this directory has no data/program.yaml")
                .at(Location::file(PROGRAM_FILE))
                .help("point --root at a program, or create one with `telemachy init DIR`"),
        );
    }
    let mut jobs: Vec<(PathBuf, Kind)> = DATA_FILES
        .into_iter()
        .filter(|(name, _)| root.join(name).exists())
        .map(|(name, kind)| (PathBuf::from(name), kind))
        .collect();
    for (dir, kind) in DATA_DIRS {
        let (files, problems) = fs::list_files(root, Path::new(dir), &YAML);
        leave_out_entries(&mut loaded, problems, kind.holds());
        jobs.extend(files.into_iter().map(|file| (file, kind)));
    }
    // Largest files first, so a big file does not start last and run alone.
    jobs.sort_by_cached_key(|(file, _)| {
        std::cmp::Reverse(std::fs::metadata(root.join(file)).map_or(0, |m| m.len()))
    });
    let (data_cache, content_cache) = match cache {
        Some(cache) => (Some(&mut cache.data), Some(&mut cache.content)),
        None => (None, None),
    };
    let parse_cache = cache::Store::open(root, mode);
    let known = data_cache.as_deref();
    let (parsed, content) = rayon::join(
        || {
            jobs.into_par_iter()
                .map(|(file, kind)| {
                    // Stamps serve only the cache in memory: without one, no
                    // file is looked up an extra time for its stamp.
                    let stamp = known.and_then(|_| Stamp::of(&root.join(&file)));
                    let cached = known
                        .and_then(|c| c.get(&file))
                        .filter(|(seen, _)| stamp.is_some_and(|s| s == *seen));
                    let (read, now) = match cached {
                        Some((_, (data, text))) => (
                            Read {
                                result: Ok(data.clone()),
                                text: Some(text.clone()),
                            },
                            false,
                        ),
                        None => (read_data(root, &file, kind, &parse_cache), true),
                    };
                    (file, read, stamp, now, kind)
                })
                .collect::<Vec<_>>()
        },
        || content::parse_content(root, content_cache, &parse_cache),
    );
    loaded.cache = parse_cache.finish();
    let mut parsed = parsed;
    parsed.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some(cache) = data_cache {
        let kept: Vec<_> = parsed
            .iter()
            .map(|(file, read, stamp, now, _)| {
                let value = match (&read.result, &read.text) {
                    (Ok(data), Some(text)) => Ok((data, text)),
                    _ => Err(()),
                };
                (file, value, stamp, *now)
            })
            .collect();
        keep_in_cache(
            cache,
            kept.iter()
                .map(|(file, value, stamp, now)| (*file, value, *stamp, *now)),
            |(data, text)| ((*data).clone(), Arc::clone(text)),
        );
    }
    for (path, read, _, _, kind) in parsed {
        if let Some(text) = &read.text {
            loaded.sources.insert(path.clone(), Arc::clone(text));
        }
        match read.result {
            Ok(data) => {
                let file = loaded.raw.files.add(path, 0);
                store(&mut loaded.raw, file, data);
            }
            Err(failed) => {
                loaded.diagnostics.push(*failed.diagnostic);
                let text = failed.parsed.then_some(read.text.as_deref()).flatten();
                let text = text.map(String::as_str);
                let left_out = LeftOut::new(path, kind.holds(), text);
                loaded.raw.left_out.push(left_out);
            }
        }
    }
    content::store_content(content, &mut loaded);
    loaded
}

/// Reports the entries of a directory that could not be listed or read
/// (loops, dangling links) as files left out that held `holds`.
fn leave_out_entries(loaded: &mut Loaded, problems: Vec<Diagnostic>, holds: Holds) {
    for problem in problems {
        if let Some(location) = &problem.location {
            let path = location.file.clone();
            loaded.raw.left_out.push(LeftOut::new(path, holds, None));
        }
        loaded.diagnostics.push(problem);
    }
}

/// Brings a parse cache up to date with one load's files: `(file, result,
/// stamp, read now)`. Entries the load took from the cache stay as they
/// are, files read now are stored (as `keep` makes them) when they parsed,
/// and files gone are dropped; copying only what was read keeps a reload
/// that read one file from copying every parsed file twice.
fn keep_in_cache<'a, R: 'a, T, E: 'a>(
    cache: &mut HashMap<PathBuf, (Stamp, T)>,
    files: impl Iterator<Item = (&'a PathBuf, &'a Result<R, E>, &'a Option<Stamp>, bool)>,
    keep: impl Fn(&R) -> T,
) {
    let mut seen = std::collections::HashSet::new();
    for (file, result, stamp, read) in files {
        seen.insert(file);
        if !read {
            continue;
        }
        match (result, stamp) {
            (Ok(value), Some(stamp)) => {
                cache.insert(file.clone(), (*stamp, keep(value)));
            }
            _ => {
                cache.remove(file);
            }
        }
    }
    cache.retain(|file, _| seen.contains(file));
}

/// One data file alone, `text` as read again, parsed into a program with
/// no other record (and no files listed), its records marked as from
/// `file`: for an edit of one file that may leave the rest of the program
/// as it was. `None` when `path` (relative to the root) is not a data file.
pub fn parse_data_file(
    path: &Path,
    file: FileId,
    text: &str,
) -> Option<Result<RawProgram, Box<Diagnostic>>> {
    let kind = Kind::of(path)?;
    let mut raw = RawProgram::default();
    Some(parse_data(path, kind, text).map(|data| {
        store(&mut raw, file, data);
        raw
    }))
}

/// The data files of fixed names.
const DATA_FILES: [(&str, Kind); 4] = [
    (PROGRAM_FILE, Kind::Program),
    ("data/mentors.yaml", Kind::Mentors),
    ("data/cohorts.yaml", Kind::Cohorts),
    ("data/pairs.yaml", Kind::Pairs),
];

/// The directories of data files, one record or file of records each.
const DATA_DIRS: [(&str, Kind); 2] = [
    ("data/learners", Kind::Learner),
    ("data/sessions", Kind::Sessions),
];

/// The endings of the files in [`DATA_DIRS`].
const YAML: [&str; 2] = [".yaml", ".yml"];

/// Which kind of data file a path holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `data/program.yaml`.
    Program,
    /// `data/mentors.yaml`.
    Mentors,
    /// `data/cohorts.yaml`.
    Cohorts,
    /// `data/pairs.yaml`.
    Pairs,
    /// One learner under `data/learners/`.
    Learner,
    /// A file of sessions under `data/sessions/`.
    Sessions,
}

impl Kind {
    /// What a file of this kind holds.
    fn holds(self) -> Holds {
        match self {
            Kind::Program => Holds::Program,
            Kind::Mentors => Holds::Mentors,
            Kind::Cohorts => Holds::Cohorts,
            Kind::Pairs => Holds::Pairs,
            Kind::Learner => Holds::Learner,
            Kind::Sessions => Holds::Sessions,
        }
    }

    /// The kind of data file at a root-relative path, as [`load`] finds them.
    pub fn of(path: &Path) -> Option<Kind> {
        if let Some((_, kind)) = DATA_FILES.iter().find(|(name, _)| path == Path::new(name)) {
            return Some(*kind);
        }
        let name = path.file_name()?.to_str()?;
        if name.starts_with('.') || !YAML.iter().any(|ending| name.ends_with(ending)) {
            return None;
        }
        DATA_DIRS
            .iter()
            .find(|(dir, _)| path.starts_with(dir))
            .map(|(_, kind)| *kind)
    }
}

/// A parsed data file.
#[derive(Clone, Debug, Serialize, Deserialize)]
enum Data {
    Program(Box<raw::ProgramFile>),
    Mentors(raw::MentorsFile),
    Cohorts(raw::CohortsFile),
    Pairs(raw::PairsFile),
    Learner(Box<raw::Learner>),
    Sessions(raw::SessionsFile),
}

/// Why a data file failed to load.
#[derive(Debug)]
struct Failed {
    diagnostic: Box<Diagnostic>,
    /// Whether the file was read as text and failed to parse, so that its
    /// words tell what it may have held.
    parsed: bool,
}

/// A data file read, parsed or taken from the parse cache, with its text
/// as a diagnostic shows it (when it could be read).
struct Read {
    result: Result<Data, Failed>,
    text: Option<Arc<String>>,
}

fn read_data(root: &Path, path: &Path, kind: Kind, store: &cache::Store) -> Read {
    let failed = |diagnostic, parsed| Failed { diagnostic, parsed };
    let bytes = match fs::read_bytes(root, path) {
        Ok(bytes) => bytes,
        Err(diagnostic) => {
            return Read {
                result: Err(failed(diagnostic, false)),
                text: None,
            };
        }
    };
    let key = store.key(kind.holds(), &bytes);
    let text: Arc<String> = match fs::decode(path, bytes) {
        Ok(text) => text.into(),
        Err((diagnostic, shown)) => {
            return Read {
                result: Err(failed(diagnostic, false)),
                text: Some(shown.into()),
            };
        }
    };
    let result = match store.get::<Data>(key) {
        Some(data) => Ok(data),
        None => {
            let parsed = parse_data(path, kind, fs::without_bom(&text));
            if let Ok(data) = &parsed {
                store.put(key, data);
            }
            parsed.map_err(|diagnostic| failed(diagnostic, true))
        }
    };
    Read {
        result,
        text: Some(text),
    }
}

fn parse_data(path: &Path, kind: Kind, text: &str) -> Result<Data, Box<Diagnostic>> {
    let file = InFile {
        path,
        text,
        line_offset: 0,
    };
    match kind {
        Kind::Program => yaml::parse(&file).map(|p| Data::Program(Box::new(p))),
        Kind::Mentors => yaml::parse(&file).map(Data::Mentors),
        Kind::Cohorts => yaml::parse(&file).map(Data::Cohorts),
        Kind::Pairs => yaml::parse(&file).map(Data::Pairs),
        Kind::Learner => yaml::parse(&file).map(|l| Data::Learner(Box::new(l))),
        Kind::Sessions => yaml::parse(&file).map(Data::Sessions),
    }
}

fn store(raw: &mut RawProgram, file: FileId, data: Data) {
    fn located<T>(file: FileId, values: Vec<T>) -> impl Iterator<Item = Located<T>> {
        values.into_iter().map(move |value| Located { file, value })
    }
    match data {
        Data::Program(value) => {
            raw.program = Some(Located {
                file,
                value: *value,
            })
        }
        Data::Mentors(value) => raw.mentors.extend(located(file, value.mentors)),
        Data::Cohorts(value) => raw.cohorts.extend(located(file, value.cohorts)),
        Data::Pairs(value) => raw.pairs.extend(located(file, value.pairs)),
        Data::Learner(value) => raw.learners.push(Located {
            file,
            value: *value,
        }),
        Data::Sessions(value) => raw.sessions.extend(located(file, value.sessions)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_fails_is_left_out_with_the_ids_it_may_hold() {
        let dir = tempfile::tempdir().unwrap();
        crate::testing::write_example(
            dir.path(),
            &[
                (
                    "data/learners/bo-example.yaml",
                    "id: bo-example\n\tname: Bo\n",
                ),
                ("content/pages/faq.md", "no front matter\n"),
            ],
        );
        let loaded = load(dir.path());
        let left_out: Vec<(&str, Holds, Option<&[String]>)> = loaded
            .raw
            .left_out
            .iter()
            .map(|l| (l.path.to_str().unwrap_or(""), l.holds, l.ids.as_deref()))
            .collect();
        let ids = ["bo-example", "id", "name", "o"].map(String::from);
        assert_eq!(
            left_out,
            [
                (
                    "data/learners/bo-example.yaml",
                    Holds::Learner,
                    Some(&ids[..])
                ),
                (
                    "content/pages/faq.md",
                    Holds::Page,
                    Some(&["faq".to_string()][..])
                ),
            ]
        );
    }

    #[test]
    fn a_cached_load_equals_a_fresh_one_and_reads_changed_files_again() {
        let dir = tempfile::tempdir().unwrap();
        crate::testing::write_example::<&str>(dir.path(), &[]);
        let raw = |loaded: Loaded| format!("{:?}", loaded.raw);
        let mut cache = Cache::default();
        assert_eq!(
            raw(load_cached(dir.path(), &mut cache)),
            raw(load(dir.path()))
        );
        assert_eq!(
            raw(load_cached(dir.path(), &mut cache)),
            raw(load(dir.path()))
        );
        let mentors = dir.path().join("data/mentors.yaml");
        let text = std::fs::read_to_string(&mentors).unwrap_or_default();
        std::fs::write(&mentors, text.replacen("name: ", "name: Dr ", 1)).unwrap();
        let module = "content/paths/getting-started/your-first-project.md";
        let text = std::fs::read_to_string(dir.path().join(module)).unwrap_or_default();
        std::fs::write(dir.path().join(module), format!("{text}\nMore.\n")).unwrap();
        let cached = raw(load_cached(dir.path(), &mut cache));
        assert_eq!(cached, raw(load(dir.path())));
        assert!(cached.contains("Dr "));
        assert!(cached.contains("More."));
    }
}
