//! Markdown files under `content/`: front matter split from the body and
//! parsed through the YAML loader.
//!
//! `content/paths/<path>/_index.md` is a path, any other `.md` in a path's
//! directory a module (its id is the file name), `content/pages/*.md` a page.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::cache::Store;
use super::raw::{ModuleFrontMatter, PageFrontMatter, PathFrontMatter};
use super::{FileId, Holds, InFile, LeftOut, Loaded, Stamp, fs, yaml};
use crate::diagnostic::{Code, Diagnostic, Location};

/// A path's `_index.md`.
#[derive(Clone, Debug)]
pub struct RawPath {
    /// Directory name.
    pub id: String,
    /// The `_index.md` file.
    pub file: FileId,
    /// Front matter.
    pub front: PathFrontMatter,
    /// Markdown body.
    pub body: String,
    /// Line of the file on which the body starts.
    pub body_line: u32,
}

/// A module file.
#[derive(Clone, Debug)]
pub struct RawModule {
    /// File name without `.md`.
    pub id: String,
    /// Directory name of the path it sits in.
    pub path_dir: String,
    /// The file.
    pub file: FileId,
    /// Front matter.
    pub front: ModuleFrontMatter,
    /// Markdown body.
    pub body: String,
    /// Line of the file on which the body starts.
    pub body_line: u32,
}

/// A free page.
#[derive(Clone, Debug)]
pub struct RawPage {
    /// File name without `.md`.
    pub id: String,
    /// The file.
    pub file: FileId,
    /// Front matter.
    pub front: PageFrontMatter,
    /// Markdown body.
    pub body: String,
    /// Line of the file on which the body starts.
    pub body_line: u32,
}

/// Front matter and body of a Markdown file.
struct Split<'a> {
    front: &'a str,
    body: &'a str,
    body_line: u32,
}

/// Splits `---\n<yaml>\n---\n<body>`. The opening fence must be the first
/// line so a stray `---` later in a document is never mistaken for it.
fn split_front_matter(text: &str) -> Option<Split<'_>> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + front.lines().count() as u32 + 1;
            return Some(Split {
                front,
                body,
                body_line,
            });
        }
        offset += line.len();
    }
    None
}

/// What a Markdown file is, from where it lies.
enum Kind {
    Path(String),
    Module { id: String, path_dir: String },
    Page(String),
}

impl Kind {
    /// What the Markdown file at `file` (relative to the root) is, from
    /// where it lies, as [`parse_content`] lists them; `None` for a file
    /// it does not read, or one not directly inside a path's directory.
    fn of(file: &Path) -> Option<Kind> {
        let name = file.file_name()?.to_str()?;
        if name.starts_with('.') || !name.ends_with(".md") {
            return None;
        }
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if file.starts_with("content/pages") {
            return Some(Kind::Page(stem));
        }
        if !file.starts_with("content/paths") {
            return None;
        }
        let parts: Vec<String> = file
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        match parts.as_slice() {
            [_, _, dir, _] if stem == "_index" => Some(Kind::Path(dir.clone())),
            [_, _, dir, _] => Some(Kind::Module {
                id: stem,
                path_dir: dir.clone(),
            }),
            _ => None,
        }
    }

    fn holds(&self) -> Holds {
        match self {
            Kind::Path(_) => Holds::Path,
            Kind::Module { .. } => Holds::Module,
            Kind::Page(_) => Holds::Page,
        }
    }
}

/// Markdown files parsed but not yet stored, with the problems found.
pub struct ParsedContent {
    /// Problems of listing the directories, with what an entry would hold.
    problems: Vec<(Diagnostic, Holds)>,
    /// Each file, what it is, what it parsed into and its text as a
    /// diagnostic shows it (when it could be read).
    files: Vec<(PathBuf, Kind, ParseResult, Option<Arc<String>>)>,
}

/// A file's front matter, body and the line its body starts on.
type Content = (Parsed, String, u32);

type ParseResult = Result<Content, Box<Diagnostic>>;

/// Markdown files parsed by an earlier load, with their texts, by file,
/// with the file's stamp when it was read.
pub(super) type Cache = HashMap<PathBuf, (Stamp, (Content, Arc<String>))>;

/// Reads and parses every path, module and page, in parallel; a file whose
/// stamp matches its entry in `cache` is taken from there instead, one
/// whose bytes `store` has seen from the parse cache, and `cache` is
/// brought up to date.
pub(super) fn parse_content(
    root: &Path,
    cache: Option<&mut Cache>,
    store: &Store,
) -> ParsedContent {
    let (path_files, listing) = fs::list_files(root, Path::new("content/paths"), &[".md"]);
    let (page_files, more) = fs::list_files(root, Path::new("content/pages"), &[".md"]);
    let mut problems: Vec<(Diagnostic, Holds)> = listing
        .into_iter()
        .map(|d| (d, Holds::Module))
        .chain(more.into_iter().map(|d| (d, Holds::Page)))
        .collect();

    let mut jobs: Vec<(PathBuf, Kind)> = Vec::new();
    for file in path_files.into_iter().chain(page_files) {
        match Kind::of(&file) {
            Some(kind) => jobs.push((file, kind)),
            None => problems.push((
                Diagnostic::new(
                    Code::ModuleOffPath,
                    "this Markdown file is not directly inside a path's directory",
                )
                .at(Location::file(file.clone()))
                .help("modules live at content/paths/<path>/<module>.md"),
                Holds::Module,
            )),
        }
    }

    let known = cache.as_deref();
    // The last field says whether the file was read now (not cached).
    type Job = (
        PathBuf,
        Kind,
        ParseResult,
        Option<Arc<String>>,
        Option<Stamp>,
        bool,
    );
    let files: Vec<Job> = jobs
        .into_par_iter()
        .map(|(file, kind)| {
            // Stamps serve only the cache in memory: without one, no
            // file is looked up an extra time for its stamp.
            let stamp = known.and_then(|_| Stamp::of(&root.join(&file)));
            if let Some((_, (parsed, text))) = known
                .and_then(|c| c.get(&file))
                .filter(|(seen, _)| stamp.is_some_and(|s| s == *seen))
            {
                let text = Some(Arc::clone(text));
                return (file, kind, Ok(parsed.clone()), text, stamp, false);
            }
            let (result, text) = read_content(root, &file, &kind, store);
            (file, kind, result, text, stamp, true)
        })
        .collect();
    if let Some(cache) = cache {
        let kept: Vec<_> = files
            .iter()
            .map(|(file, _, result, text, stamp, read)| {
                let value = match (result, text) {
                    (Ok(content), Some(text)) => Ok((content, text)),
                    _ => Err(()),
                };
                (file, value, stamp, *read)
            })
            .collect();
        super::keep_in_cache(
            cache,
            kept.iter()
                .map(|(file, value, stamp, read)| (*file, value, *stamp, *read)),
            |(content, text)| ((*content).clone(), Arc::clone(text)),
        );
    }
    let files = files
        .into_iter()
        .map(|(file, kind, result, text, _, _)| (file, kind, result, text))
        .collect();
    ParsedContent { problems, files }
}

/// Reads one Markdown file and parses its front matter, or takes what it
/// parsed into from the parse cache; with its text as a diagnostic shows it.
fn read_content(
    root: &Path,
    file: &Path,
    kind: &Kind,
    store: &Store,
) -> (ParseResult, Option<Arc<String>>) {
    let bytes = match fs::read_bytes(root, file) {
        Ok(bytes) => bytes,
        Err(diagnostic) => return (Err(diagnostic), None),
    };
    let key = store.key(kind.holds(), &bytes);
    let text: Arc<String> = match fs::decode(file, bytes) {
        Ok(text) => text.into(),
        Err((diagnostic, shown)) => return (Err(diagnostic), Some(shown.into())),
    };
    if let Some(content) = store.get::<Content>(key) {
        return (Ok(content), Some(text));
    }
    let result = parse_content_of(file, kind, fs::without_bom(&text));
    if let Ok(content) = &result {
        store.put(key, content);
    }
    (result, Some(text))
}

fn parse_content_of(file: &Path, kind: &Kind, text: &str) -> ParseResult {
    match kind {
        Kind::Path(_) => {
            parse_markdown::<PathFrontMatter>(file, text).map(|(f, b, l)| (Parsed::Path(f), b, l))
        }
        Kind::Module { .. } => parse_markdown::<ModuleFrontMatter>(file, text)
            .map(|(f, b, l)| (Parsed::Module(f), b, l)),
        Kind::Page(_) => {
            parse_markdown::<PageFrontMatter>(file, text).map(|(f, b, l)| (Parsed::Page(f), b, l))
        }
    }
}

/// Stores parsed content into `loaded`, in file order.
pub fn store_content(content: ParsedContent, loaded: &mut Loaded) {
    for (problem, holds) in content.problems {
        // A file out of place is read nowhere, but it is no file that
        // failed: what it says is simply not part of the program.
        if problem.code != Code::ModuleOffPath {
            super::leave_out_entries(loaded, vec![problem], holds);
        } else {
            loaded.diagnostics.push(problem);
        }
    }
    for (file, kind, result, text) in content.files {
        if let Some(text) = text {
            loaded.sources.insert(file.clone(), text);
        }
        let (parsed, body, body_line) = match result {
            Ok(ok) => ok,
            Err(d) => {
                loaded.diagnostics.push(*d);
                // The file's name is the id of what it held.
                let left_out = LeftOut::new(file, kind.holds(), None);
                loaded.raw.left_out.push(left_out);
                continue;
            }
        };
        let id = loaded.raw.files.add(file, 1);
        match (kind, parsed) {
            (Kind::Path(dir), Parsed::Path(front)) => loaded.raw.paths.push(RawPath {
                id: dir,
                file: id,
                front,
                body,
                body_line,
            }),
            (
                Kind::Module {
                    id: module,
                    path_dir,
                },
                Parsed::Module(front),
            ) => loaded.raw.modules.push(RawModule {
                id: module,
                path_dir,
                file: id,
                front,
                body,
                body_line,
            }),
            (Kind::Page(page), Parsed::Page(front)) => loaded.raw.pages.push(RawPage {
                id: page,
                file: id,
                front,
                body,
                body_line,
            }),
            _ => {}
        }
    }
}

/// What load makes of the Markdown file at `file` (relative to the root):
/// a path's intro, a module or a page; `None` for a file it does not read.
pub(super) fn holds(file: &Path) -> Option<Holds> {
    Kind::of(file).map(|kind| kind.holds())
}

/// Parses one module file's `text` as read again, keeping the [`FileId`]
/// it was first loaded under (a program being served re-reads only what
/// changed); `None` when `file` is not a module by where it lies.
pub fn parse_module(
    file: &Path,
    id: FileId,
    text: &str,
) -> Option<Result<RawModule, Box<Diagnostic>>> {
    let Some(Kind::Module { id: stem, path_dir }) = Kind::of(file) else {
        return None;
    };
    Some(
        parse_markdown::<ModuleFrontMatter>(file, text).map(|(front, body, body_line)| RawModule {
            id: stem,
            path_dir,
            file: id,
            front,
            body,
            body_line,
        }),
    )
}

/// A parsed front matter.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) enum Parsed {
    Path(PathFrontMatter),
    Module(ModuleFrontMatter),
    Page(PageFrontMatter),
}

type WithBody<T> = Result<(T, String, u32), Box<Diagnostic>>;

fn parse_markdown<T: DeserializeOwned>(file: &Path, text: &str) -> WithBody<T> {
    let Some(split) = split_front_matter(text) else {
        return Err(Box::new(
            Diagnostic::new(
                Code::FrontMatter,
                "the file does not start with front matter between `---` lines",
            )
            .at(Location::at(file, 1, 1, 1))
            .help("begin the file with `---`, the fields (title, …), then `---`"),
        ));
    };
    let in_file = InFile {
        path: file,
        text: split.front,
        line_offset: 1,
    };
    let front = yaml::parse::<T>(&in_file)?;
    Ok((front, split.body.to_string(), split.body_line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_body_lines() {
        let text = "---\ntitle: A\nsummary: B\n---\n# Body\n";
        let split = split_front_matter(text);
        assert!(split.is_some());
        if let Some(split) = split {
            assert_eq!(split.front, "title: A\nsummary: B\n");
            assert_eq!(split.body, "# Body\n");
            assert_eq!(split.body_line, 5);
        }
    }

    #[test]
    fn no_front_matter_is_none() {
        assert!(split_front_matter("# Just a heading\n").is_none());
        assert!(split_front_matter("---\ntitle: never closed\n").is_none());
    }
}
