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
pub mod span;
pub mod theme;
pub mod yaml;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

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
///
/// Every data file and every Markdown file is parsed in one parallel pass,
/// the large single files (`pairs.yaml`) alongside the many small ones, so
/// both cores stay busy; records are then stored in a deterministic order.
pub fn load(root: &Path) -> Loaded {
    let mut loaded = Loaded {
        sources: Sources::at(root),
        ..Loaded::default()
    };
    if !root.join(PROGRAM_FILE).exists() {
        loaded.diagnostics.push(
            Diagnostic::new(Code::MissingFile, "this directory has no data/program.yaml")
                .at(Location::file(PROGRAM_FILE))
                .help("point --root at a program, or create one with `mentorstack init DIR`"),
        );
    }
    let mut jobs: Vec<(PathBuf, Kind)> = [
        (PROGRAM_FILE, Kind::Program),
        ("data/mentors.yaml", Kind::Mentors),
        ("data/cohorts.yaml", Kind::Cohorts),
        ("data/pairs.yaml", Kind::Pairs),
    ]
    .into_iter()
    .filter(|(name, _)| root.join(name).exists())
    .map(|(name, kind)| (PathBuf::from(name), kind))
    .collect();
    for (dir, kind) in [
        ("data/learners", Kind::Learner),
        ("data/sessions", Kind::Sessions),
    ] {
        let (files, problems) = fs::list_files(root, Path::new(dir), &[".yaml", ".yml"]);
        loaded.diagnostics.extend(problems);
        jobs.extend(files.into_iter().map(|file| (file, kind)));
    }
    // Largest files first, so a big file does not start last and run alone.
    jobs.sort_by_cached_key(|(file, _)| {
        std::cmp::Reverse(std::fs::metadata(root.join(file)).map_or(0, |m| m.len()))
    });
    let (parsed, content) = rayon::join(
        || {
            jobs.into_par_iter()
                .map(|(file, kind)| {
                    let result = parse_data(root, &file, kind);
                    (file, result)
                })
                .collect::<Vec<_>>()
        },
        || content::parse_content(root),
    );
    let mut parsed = parsed;
    parsed.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, result) in parsed {
        match result {
            Ok(data) => {
                let file = loaded.raw.files.add(path, 0);
                store(&mut loaded.raw, file, data);
            }
            Err(diagnostic) => loaded.diagnostics.push(*diagnostic),
        }
    }
    content::store_content(content, &mut loaded);
    loaded
}

/// Which kind of data file a path holds.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Program,
    Mentors,
    Cohorts,
    Pairs,
    Learner,
    Sessions,
}

/// A parsed data file.
enum Data {
    Program(Box<raw::ProgramFile>),
    Mentors(raw::MentorsFile),
    Cohorts(raw::CohortsFile),
    Pairs(raw::PairsFile),
    Learner(Box<raw::Learner>),
    Sessions(raw::SessionsFile),
}

fn parse_data(root: &Path, path: &Path, kind: Kind) -> Result<Data, Box<Diagnostic>> {
    let text = fs::read_text(root, path)?;
    let file = InFile {
        path,
        text: &text,
        line_offset: 0,
    };
    Ok(match kind {
        Kind::Program => Data::Program(Box::new(yaml::parse(&file)?)),
        Kind::Mentors => Data::Mentors(yaml::parse(&file)?),
        Kind::Cohorts => Data::Cohorts(yaml::parse(&file)?),
        Kind::Pairs => Data::Pairs(yaml::parse(&file)?),
        Kind::Learner => Data::Learner(Box::new(yaml::parse(&file)?)),
        Kind::Sessions => Data::Sessions(yaml::parse(&file)?),
    })
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
