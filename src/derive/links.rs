//! The structure of Markdown bodies: headings with their anchors, links with
//! their place in the file, and what an internal link points at.
//!
//! The checks and the HTML renderer both read Markdown through this module,
//! so the anchor a check accepts is the id the renderer writes, and a link the
//! checks resolve is the link the renderer rewrites. Internal links are the
//! ones authors write between files in their editor (`sql-basics.md`,
//! `../digital-teaching/accessible-materials.md#why-this-matters`,
//! `#finishing`), so they work both on GitHub and on the generated site.
//!
//! Footnotes have ids of their own, `fn-<label>` for the note and
//! `fnref-<label>` for the place that cites it, reserved before any heading
//! is given an anchor: a heading never takes a footnote's id, and `#labels`
//! goes to the heading "Labels" even when a footnote is called `[^labels]`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::{Component, Path};

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::derive::html::{Active, scan, script_scheme};
use crate::load::FileId;
use crate::model::{ModuleId, PageId, PathId, Program};

/// The Markdown extensions every body is read with, by checks and renderer
/// alike.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The GitHub-style anchor of a heading's text: lowercase, letters, digits,
/// `-` and `_` kept, other punctuation dropped, each space turned into `-`.
pub fn heading_anchor(text: &str) -> String {
    let mut anchor = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c == ' ' {
            anchor.push('-');
        } else if c.is_alphanumeric() || c == '-' || c == '_' {
            anchor.extend(c.to_lowercase());
        }
    }
    anchor
}

/// The language token of a fence's info string, as GitHub reads it:
/// ```` ```sql title="x" ```` is `sql`.
pub fn code_language(info: &str) -> &str {
    info.split(|c: char| c.is_whitespace() || c == ',' || c == '{')
        .next()
        .unwrap_or("")
}

/// The deepest the brackets `(`, `[` and `{` of `code` nest, counted
/// without regard to strings or comments: what makes highlighters slow is
/// the nesting they see, whatever the language.
pub fn nesting(code: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for byte in code.bytes() {
        match byte {
            b'(' | b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// The anchors already given out in one document, so a repeated heading gets
/// `-1`, `-2`, … as on GitHub.
#[derive(Debug, Default)]
pub struct Anchors {
    used: HashSet<String>,
    /// For each anchor asked for, the number of the last `anchor-N` given
    /// out or found taken. Every smaller number is taken too, so the search
    /// goes on from there: a heading repeated n times costs n look-ups in
    /// all, not n².
    last: HashMap<String, usize>,
}

impl Anchors {
    /// Anchors for `body`, with its footnotes' ids reserved first, and
    /// those footnotes.
    pub fn for_body(body: &str) -> (Anchors, Footnotes) {
        let mut anchors = Anchors::default();
        let footnotes = Footnotes::reserve(body, &mut anchors);
        (anchors, footnotes)
    }

    /// `anchor` itself when it is still free, else the first free
    /// `anchor-N`; the result is marked as used.
    pub fn unique(&mut self, anchor: String) -> String {
        let n = self.last.entry(anchor.clone()).or_insert(0);
        let mut candidate = match *n {
            0 => anchor.clone(),
            n => format!("{anchor}-{n}"),
        };
        while self.used.contains(&candidate) {
            *n += 1;
            candidate = format!("{anchor}-{n}");
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

/// One footnote of a body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Footnote {
    /// Its number, in the order footnotes are first cited or defined.
    pub number: usize,
    /// The id of the note, `fn-<label>`.
    pub id: String,
    /// The id of the first place that cites it, `fnref-<label>`, when
    /// something does.
    pub reference: Option<String>,
}

/// The footnotes of one body, by label (labels match without regard to
/// case, as references match definitions).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Footnotes {
    by_label: HashMap<String, Footnote>,
}

impl Footnotes {
    /// Finds the footnotes of `body` and reserves their ids in `anchors`.
    fn reserve(body: &str, anchors: &mut Anchors) -> Footnotes {
        let mut footnotes = Footnotes::default();
        // Most bodies have none: spare them a second reading.
        if !body.contains("[^") {
            return footnotes;
        }
        let mut labels: Vec<(String, bool)> = Vec::new();
        for event in Parser::new_ext(body, options()) {
            let (label, cited) = match &event {
                Event::FootnoteReference(label) => (label, true),
                Event::Start(Tag::FootnoteDefinition(label)) => (label, false),
                _ => continue,
            };
            let key = label.to_lowercase();
            match labels.iter_mut().find(|(k, _)| *k == key) {
                Some((_, seen)) => *seen |= cited,
                None => labels.push((key, cited)),
            }
        }
        for (index, (label, cited)) in labels.into_iter().enumerate() {
            let number = index + 1;
            let base = match heading_anchor(&label) {
                slug if slug.is_empty() => number.to_string(),
                slug => slug,
            };
            let mut slug = base.clone();
            let mut n = 1;
            while anchors.used.contains(&format!("fn-{slug}"))
                || anchors.used.contains(&format!("fnref-{slug}"))
            {
                n += 1;
                slug = format!("{base}-{n}");
            }
            let id = format!("fn-{slug}");
            let reference = format!("fnref-{slug}");
            anchors.used.insert(id.clone());
            anchors.used.insert(reference.clone());
            let footnote = Footnote {
                number,
                id,
                reference: cited.then_some(reference),
            };
            footnotes.by_label.insert(label, footnote);
        }
        footnotes
    }

    /// The footnote with `label`, if the body has it.
    pub fn get(&self, label: &str) -> Option<&Footnote> {
        self.by_label.get(&label.to_lowercase())
    }

    /// Whether `anchor` is the id of a note or of its first citation.
    pub fn has_id(&self, anchor: &str) -> bool {
        self.by_label
            .values()
            .any(|f| f.id == anchor || f.reference.as_deref() == Some(anchor))
    }
}

/// A heading of a body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// The heading's text, without markup.
    pub text: String,
    /// 1 for `#`, up to 6.
    pub level: u8,
    /// Its anchor: the explicit `{#id}` when written, else the unique slug.
    pub anchor: String,
}

/// A link of a body, with where its destination is written in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The destination as written, e.g. `sql-basics.md#joins`.
    pub destination: String,
    /// 1-based line in the file.
    pub line: u32,
    /// 1-based column in characters.
    pub column: u32,
    /// Length in characters of the destination (or of the link when the
    /// destination cannot be found in the source).
    pub len: u32,
}

/// What in a body can run script in a reader's browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HazardKind {
    /// A link, image, reference definition or autolink whose target has a
    /// script scheme (`javascript`, `vbscript` or `data`).
    ScriptTarget {
        /// `link`, `image`, `reference definition` or `autolink`.
        what: &'static str,
        /// The scheme, lowercase.
        scheme: &'static str,
    },
    /// Raw HTML that runs script or embeds a document.
    Html(Active),
}

/// A hazard of a body, with where it is written in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hazard {
    /// What it is.
    pub kind: HazardKind,
    /// 1-based line in the file.
    pub line: u32,
    /// 1-based column in characters.
    pub column: u32,
    /// Length in characters.
    pub len: u32,
}

/// A fenced code block that names its language, measured as the
/// highlighter measures it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeBlock {
    /// The language token of its fence, e.g. `rust`.
    pub language: String,
    /// 1-based line of its opening fence in the file.
    pub line: u32,
    /// 1-based column of its opening fence, in characters.
    pub column: u32,
    /// Length in characters of the opening fence's line.
    pub len: u32,
    /// Bytes of code.
    pub bytes: usize,
    /// How deep its brackets nest (see [`nesting`]).
    pub depth: usize,
}

/// The headings, links and code blocks of one Markdown body, in document
/// order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// Headings.
    pub headings: Vec<Heading>,
    /// Links (images are not links).
    pub links: Vec<Link>,
    /// Script targets and active raw HTML.
    pub hazards: Vec<Hazard>,
    /// Fenced code blocks with a language.
    pub code_blocks: Vec<CodeBlock>,
    /// Footnotes.
    pub footnotes: Footnotes,
}

impl Outline {
    /// Reads a body that starts on line `body_line` of its file.
    pub fn parse(body: &str, body_line: u32) -> Outline {
        let lines = LineIndex::new(body, body_line);
        let mut outline = Outline::default();
        let (mut anchors, footnotes) = Anchors::for_body(body);
        outline.footnotes = footnotes;
        // The heading being read: level, explicit id, text so far.
        let mut heading: Option<(u8, Option<String>, String)> = None;
        // The source ranges of the raw HTML block being read, one a line.
        let mut html_block: Option<Vec<Range<usize>>> = None;
        // The code block being read, and its code so far.
        let mut code: Option<(CodeBlock, String)> = None;
        let mut events = Parser::new_ext(body, options()).into_offset_iter();
        while let Some((event, range)) = events.next() {
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                    if !code_language(&info).is_empty() =>
                {
                    let fence = first_line(body, range);
                    let (line, column) = lines.locate(fence.start);
                    let block = CodeBlock {
                        language: code_language(&info).to_string(),
                        line,
                        column,
                        len: body[fence].chars().count().max(1) as u32,
                        bytes: 0,
                        depth: 0,
                    };
                    code = Some((block, String::new()));
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some((mut block, text)) = code.take() {
                        block.bytes = text.len();
                        block.depth = nesting(&text);
                        outline.code_blocks.push(block);
                    }
                }
                Event::Start(Tag::Heading { level, id, .. }) => {
                    heading = Some((level as u8, id.map(|id| id.to_string()), String::new()));
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, id, text)) = heading.take() {
                        let anchor = anchors.unique(id.unwrap_or_else(|| heading_anchor(&text)));
                        outline.headings.push(Heading {
                            text,
                            level,
                            anchor,
                        });
                    }
                }
                Event::Text(text) | Event::Code(text) => {
                    if let Some((_, _, heading_text)) = &mut heading {
                        heading_text.push_str(&text);
                    }
                    if let Some((_, listing)) = &mut code {
                        listing.push_str(&text);
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some((_, _, heading_text)) = &mut heading {
                        heading_text.push(' ');
                    }
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    id,
                    ..
                }) => {
                    // A reference link's destination is written in its
                    // definition, which is the place to fix.
                    let (region, after) = match link_type {
                        LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut => {
                            match events.reference_definitions().get(&id) {
                                Some(definition) => (definition.span.clone(), "]:"),
                                None => (range.clone(), "]("),
                            }
                        }
                        _ => (range.clone(), "]("),
                    };
                    let span = find_destination(body, region, after, &dest_url)
                        .unwrap_or_else(|| first_line(body, range));
                    let (line, column) = lines.locate(span.start);
                    let len = body[span].chars().count().max(1) as u32;
                    // Definitions are checked once each, below.
                    if !by_reference(link_type)
                        && let Some(scheme) = script_scheme(&dest_url)
                    {
                        let what = match link_type {
                            LinkType::Autolink => "autolink",
                            _ => "link",
                        };
                        outline.hazards.push(Hazard {
                            kind: HazardKind::ScriptTarget { what, scheme },
                            line,
                            column,
                            len,
                        });
                    }
                    outline.links.push(Link {
                        destination: dest_url.to_string(),
                        line,
                        column,
                        len,
                    });
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    ..
                }) => {
                    if !by_reference(link_type)
                        && let Some(scheme) = script_scheme(&dest_url)
                    {
                        let span = find_destination(body, range.clone(), "](", &dest_url)
                            .unwrap_or_else(|| first_line(body, range));
                        outline.hazards.push(hazard(
                            &lines,
                            body,
                            span,
                            HazardKind::ScriptTarget {
                                what: "image",
                                scheme,
                            },
                        ));
                    }
                }
                Event::Start(Tag::HtmlBlock) => html_block = Some(Vec::new()),
                Event::End(TagEnd::HtmlBlock) => {
                    if let Some(pieces) = html_block.take() {
                        raw_html(body, &lines, &pieces, &mut outline.hazards);
                    }
                }
                Event::Html(_) => {
                    if let Some(pieces) = &mut html_block {
                        pieces.push(range);
                    }
                }
                Event::InlineHtml(_) => raw_html(body, &lines, &[range], &mut outline.hazards),
                _ => {}
            }
        }
        for (_, definition) in events.reference_definitions().iter() {
            if let Some(scheme) = script_scheme(&definition.dest) {
                let span = find_destination(body, definition.span.clone(), "]:", &definition.dest)
                    .unwrap_or_else(|| first_line(body, definition.span.clone()));
                outline.hazards.push(hazard(
                    &lines,
                    body,
                    span,
                    HazardKind::ScriptTarget {
                        what: "reference definition",
                        scheme,
                    },
                ));
            }
        }
        outline.hazards.sort_by_key(|h| (h.line, h.column));
        outline
    }

    /// Whether a heading or a footnote of this body has `anchor`.
    pub fn has_anchor(&self, anchor: &str) -> bool {
        self.headings.iter().any(|h| h.anchor == anchor) || self.footnotes.has_id(anchor)
    }
}

/// Whether a link or image takes its destination from a reference
/// definition.
fn by_reference(link_type: LinkType) -> bool {
    matches!(
        link_type,
        LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut
    )
}

/// A hazard covering `span` of `body`.
fn hazard(lines: &LineIndex<'_>, body: &str, span: Range<usize>, kind: HazardKind) -> Hazard {
    let (line, column) = lines.locate(span.start);
    Hazard {
        kind,
        line,
        column,
        len: body.get(span).map_or(1, |t| t.chars().count().max(1)) as u32,
    }
}

/// Scans raw HTML written at `pieces` of `body` (the lines of a block, or
/// one inline tag) as one text, so a tag written over several lines is read
/// whole, and records what it finds where it is written.
fn raw_html(body: &str, lines: &LineIndex<'_>, pieces: &[Range<usize>], out: &mut Vec<Hazard>) {
    let mut html = String::new();
    // Where each piece starts in `html`, and in `body`.
    let mut starts = Vec::with_capacity(pieces.len());
    for piece in pieces {
        starts.push((html.len(), piece.start));
        html.push_str(body.get(piece.clone()).unwrap_or(""));
    }
    let in_body = |offset: usize| {
        let i = starts.partition_point(|&(at, _)| at <= offset).max(1) - 1;
        starts.get(i).map_or(0, |&(at, start)| start + offset - at)
    };
    for found in scan(&html) {
        let span = in_body(found.at.start)..in_body(found.at.end);
        out.push(hazard(lines, body, span, HazardKind::Html(found.what)));
    }
}

/// Where `destination` is written inside `region` of `body`, after the last
/// `after` marker (`](` of an inline link, `]:` of a definition).
fn find_destination(
    body: &str,
    region: Range<usize>,
    after: &str,
    destination: &str,
) -> Option<Range<usize>> {
    let text = body.get(region.clone())?;
    let from = text.rfind(after).map_or(0, |i| i + after.len());
    let start = region.start + from + text[from..].find(destination)?;
    Some(start..start + destination.len())
}

/// The part of `range` on its first line.
fn first_line(body: &str, range: Range<usize>) -> Range<usize> {
    let text = body.get(range.clone()).unwrap_or("");
    let end = text.find('\n').map_or(range.end, |i| range.start + i);
    range.start..end
}

/// Turns byte offsets of a body into lines and columns of its file.
struct LineIndex<'a> {
    body: &'a str,
    starts: Vec<usize>,
    body_line: u32,
}

impl<'a> LineIndex<'a> {
    fn new(body: &'a str, body_line: u32) -> Self {
        let starts = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            body,
            starts,
            body_line,
        }
    }

    fn locate(&self, offset: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.starts[line];
        let column = self
            .body
            .get(start..offset)
            .map_or(0, |t| t.chars().count());
        (self.body_line + line as u32, column as u32 + 1)
    }
}

/// A document a link can point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// A module file.
    Module(ModuleId),
    /// A path's `_index.md`.
    Path(PathId),
    /// A free page.
    Page(PageId),
}

impl Target {
    /// The file the document was read from.
    pub fn file(self, program: &Program) -> FileId {
        match self {
            Target::Module(id) => program.module(id).file,
            Target::Path(id) => program.path(id).file,
            Target::Page(id) => program.pages[id.index()].file,
        }
    }
}

/// What a link destination means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution<'a> {
    /// Not an internal link (a web address, a site URL, an image or other
    /// file): left as written.
    External,
    /// A module, path or page of the program, and the heading anchor after
    /// `#`, if any.
    Internal {
        /// The document.
        target: Target,
        /// The anchor, without `#`.
        anchor: Option<&'a str>,
    },
    /// A `.md` file that is no document of the program.
    Missing {
        /// Where the link leads, relative to the program root.
        file: String,
    },
}

/// Resolves link destinations written in a document to the program's
/// modules, paths and pages.
#[derive(Debug)]
pub struct Resolver {
    documents: BTreeMap<String, Target>,
}

impl Resolver {
    /// Indexes every module, path and page by its file.
    pub fn new(program: &Program) -> Self {
        let modules = program.modules_with_ids().map(|(id, _)| Target::Module(id));
        let paths = program.paths_with_ids().map(|(id, _)| Target::Path(id));
        let pages = program.pages_with_ids().map(|(id, _)| Target::Page(id));
        let documents = modules
            .chain(paths)
            .chain(pages)
            .map(|target| (key(program.files.path(target.file(program))), target))
            .collect();
        Resolver { documents }
    }

    /// What `destination`, written in the file `from` (relative to the
    /// program root), points at.
    pub fn resolve<'a>(&self, from: &Path, destination: &'a str) -> Resolution<'a> {
        let (path, anchor) = match destination.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor).filter(|a| !a.is_empty())),
            None => (destination, None),
        };
        let from = key(from);
        if path.is_empty() {
            return match (self.documents.get(&from), anchor) {
                (Some(&target), Some(_)) => Resolution::Internal { target, anchor },
                _ => Resolution::External,
            };
        }
        if has_scheme(path) || path.starts_with('/') || !path.ends_with(".md") {
            return Resolution::External;
        }
        let file = join(&from, path);
        match self.documents.get(&file) {
            Some(&target) => Resolution::Internal { target, anchor },
            None => Resolution::Missing { file },
        }
    }

    /// Every document's file (relative to the program root, `/`-separated),
    /// sorted.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.documents.keys().map(String::as_str)
    }

    /// Every document's file and what it is, sorted by file.
    pub fn documents(&self) -> impl Iterator<Item = (&str, Target)> {
        self.documents
            .iter()
            .map(|(file, &target)| (file.as_str(), target))
    }
}

/// A root-relative path as a `/`-separated key.
fn key(path: &Path) -> String {
    let parts: Vec<_> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// Whether a destination starts with a URI scheme (`https:`, `mailto:`, …)
/// or is protocol-relative (`//host/…`).
fn has_scheme(destination: &str) -> bool {
    if destination.starts_with("//") {
        return true;
    }
    match destination.split_once(':') {
        Some((scheme, _)) => {
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// `relative` followed from the directory of the file `from`; a `..` that
/// climbs above the root is kept, so the result names no document.
fn join(from: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in relative.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// The link to write in the file `from` to reach the file `to` (both
/// root-relative and `/`-separated).
pub fn relative_link(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from
        .split('/')
        .collect::<Vec<_>>()
        .split_last()
        .map_or(Vec::new(), |(_, dir)| dir.to_vec());
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts = vec![".."; from_dir.len() - common];
    parts.extend(&to_parts[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests;
