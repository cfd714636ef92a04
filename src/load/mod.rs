//! Files → raw records with spans.
//!
//! `load` reads `data/` and `content/`, parses every YAML file and front
//! matter block through [`yaml`], and returns the raw records together with
//! the source text of every file (for printing diagnostics) and every
//! problem found. A file that cannot be parsed is reported and left out; the
//! rest still load, so one run shows every broken file.

pub mod content;
pub mod fs;
pub mod raw;
pub mod theme;
pub mod yaml;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

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

    /// The root-relative path of a file.
    pub fn path(&self, id: FileId) -> &Path {
        &self.entries[id.0 as usize].0
    }

    /// The location of a spanned value in a file.
    pub fn locate<T>(&self, id: FileId, value: &raw::Sp<T>) -> Location {
        let (path, offset) = &self.entries[id.0 as usize];
        let at = value.referenced;
        if at.line() == 0 {
            return Location::file(path.clone());
        }
        Location::at(
            path.clone(),
            at.line() as u32 + offset,
            at.column() as u32,
            (at.span().len() as u32).max(1),
        )
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
}

/// The program's data file, required in every program.
pub const PROGRAM_FILE: &str = "data/program.yaml";

/// Reads and parses a whole program repository rooted at `root`.
pub fn load(root: &Path) -> Loaded {
    let mut loaded = Loaded::default();
    let program_path = Path::new(PROGRAM_FILE);
    if root.join(program_path).exists() {
        let file = read_yaml::<raw::ProgramFile>(root, program_path.to_path_buf(), &mut loaded);
        loaded.raw.program = file;
    } else {
        loaded.diagnostics.push(
            Diagnostic::new(Code::MissingFile, "this directory has no data/program.yaml")
                .at(Location::file(PROGRAM_FILE))
                .help("point --root at a program, or create one with `mentorstack init DIR`"),
        );
    }
    for (name, push) in [
        (
            "data/mentors.yaml",
            load_mentors as fn(&Path, PathBuf, &mut Loaded),
        ),
        ("data/cohorts.yaml", load_cohorts),
        ("data/pairs.yaml", load_pairs),
    ] {
        let path = Path::new(name);
        if root.join(path).exists() {
            push(root, path.to_path_buf(), &mut loaded);
        }
    }

    let learner_files = listed(root, "data/learners", &["yaml", "yml"], &mut loaded);
    for (path, result) in parse_all::<raw::Learner>(root, learner_files) {
        record(path, result, &mut loaded, |raw, file, value| {
            raw.learners.push(Located { file, value });
        });
    }
    let session_files = listed(root, "data/sessions", &["yaml", "yml"], &mut loaded);
    for (path, result) in parse_all::<raw::SessionsFile>(root, session_files) {
        record(path, result, &mut loaded, |raw, file, value| {
            raw.sessions.extend(
                value
                    .sessions
                    .into_iter()
                    .map(|value| Located { file, value }),
            );
        });
    }
    content::load_content(root, &mut loaded);
    loaded
}

fn listed(root: &Path, dir: &str, extensions: &[&str], loaded: &mut Loaded) -> Vec<PathBuf> {
    let dotted: Vec<String> = extensions.iter().map(|e| format!(".{e}")).collect();
    let dotted: Vec<&str> = dotted.iter().map(String::as_str).collect();
    let (files, problems) = fs::list_files(root, Path::new(dir), &dotted);
    loaded.diagnostics.extend(problems);
    files
}

/// Text and parse result of one file.
type Parsed<T> = (
    PathBuf,
    Result<(String, T), (Option<String>, Box<Diagnostic>)>,
);

/// Reads and parses files in parallel; results keep the input order.
fn parse_all<T: DeserializeOwned + Send>(root: &Path, files: Vec<PathBuf>) -> Vec<Parsed<T>> {
    files
        .into_par_iter()
        .map(|path| {
            let result = match fs::read_text(root, &path) {
                Err(d) => Err((None, d)),
                Ok(text) => {
                    let file = InFile {
                        path: &path,
                        text: &text,
                        line_offset: 0,
                    };
                    match yaml::parse::<T>(&file) {
                        Ok(value) => Ok((text, value)),
                        Err(d) => Err((Some(text), d)),
                    }
                }
            };
            (path, result)
        })
        .collect()
}

fn record<T>(
    path: PathBuf,
    result: Result<(String, T), (Option<String>, Box<Diagnostic>)>,
    loaded: &mut Loaded,
    store: impl FnOnce(&mut RawProgram, FileId, T),
) {
    match result {
        Ok((text, value)) => {
            loaded.sources.insert(path.clone(), text);
            let file = loaded.raw.files.add(path, 0);
            store(&mut loaded.raw, file, value);
        }
        Err((text, diagnostic)) => {
            if let Some(text) = text {
                loaded.sources.insert(path, text);
            }
            loaded.diagnostics.push(*diagnostic);
        }
    }
}

fn read_yaml<T: DeserializeOwned + Send>(
    root: &Path,
    path: PathBuf,
    loaded: &mut Loaded,
) -> Option<Located<T>> {
    let mut out = None;
    for (path, result) in parse_all::<T>(root, vec![path]) {
        record(path, result, loaded, |_, file, value| {
            out = Some(Located { file, value });
        });
    }
    out
}

fn load_mentors(root: &Path, path: PathBuf, loaded: &mut Loaded) {
    if let Some(file) = read_yaml::<raw::MentorsFile>(root, path, loaded) {
        let id = file.file;
        loaded.raw.mentors.extend(
            file.value
                .mentors
                .into_iter()
                .map(|value| Located { file: id, value }),
        );
    }
}

fn load_cohorts(root: &Path, path: PathBuf, loaded: &mut Loaded) {
    if let Some(file) = read_yaml::<raw::CohortsFile>(root, path, loaded) {
        let id = file.file;
        loaded.raw.cohorts.extend(
            file.value
                .cohorts
                .into_iter()
                .map(|value| Located { file: id, value }),
        );
    }
}

fn load_pairs(root: &Path, path: PathBuf, loaded: &mut Loaded) {
    if let Some(file) = read_yaml::<raw::PairsFile>(root, path, loaded) {
        let id = file.file;
        loaded.raw.pairs.extend(
            file.value
                .pairs
                .into_iter()
                .map(|value| Located { file: id, value }),
        );
    }
}
