//! The structured mutator: from one seed, a handful of changes to the demo
//! program's YAML and Markdown files. Some changes keep a file readable
//! (a type swapped, an id taken from another record, a date pushed out of
//! range) so the checks and the renderer see strange but parsed programs;
//! others break the bytes (flips, truncation, BOM, CRLF, NUL, invalid UTF-8)
//! so the reader and the diagnostic printers do.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fastrand::Rng;

use crate::tree::{Node, flow};

/// The demo program's files, as the mutator starts from them.
pub struct Demo {
    /// Every YAML and Markdown file, by root-relative path.
    pub files: BTreeMap<PathBuf, Vec<u8>>,
    paths: Vec<PathBuf>,
    /// Every id in the demo, for references that point at the wrong record.
    ids: Vec<String>,
    /// Short scalars of every field (enum values, stages, zones).
    words: Vec<String>,
    /// Headings of the Markdown files, for links to anchors that may exist.
    targets: Vec<String>,
}

impl Demo {
    /// Reads the demo program under `root` (its `content/` and `data/`).
    pub fn read(root: &Path) -> Demo {
        let mut files = BTreeMap::new();
        for dir in ["content", "data"] {
            read_tree(root, &root.join(dir), &mut files);
        }
        let paths: Vec<PathBuf> = files.keys().cloned().collect();
        let mut ids = Vec::new();
        let mut words = Vec::new();
        let mut targets = Vec::new();
        for (path, bytes) in &files {
            let text = String::from_utf8_lossy(bytes);
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                targets.push(format!("{stem}.md"));
            }
            for line in text.lines().filter(|l| l.starts_with('#')) {
                let slug: String = line
                    .trim_start_matches('#')
                    .trim()
                    .to_lowercase()
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { '-' })
                    .collect();
                targets.push(format!("#{slug}"));
            }
            let Some(tree) = yaml_of(path, &text).and_then(|(_, yaml, _)| Node::parse(yaml)) else {
                continue;
            };
            for at in tree.paths() {
                let Some(value) = tree.at(&at).and_then(Node::scalar) else {
                    continue;
                };
                if tree.key_of(&at) == Some("id") {
                    ids.push(value.to_string());
                } else if value.len() < 40 && !value.contains(' ') {
                    words.push(value.to_string());
                }
            }
        }
        ids.sort();
        ids.dedup();
        words.sort();
        words.dedup();
        Demo {
            files,
            paths,
            ids,
            words,
            targets,
        }
    }
}

fn read_tree(root: &Path, dir: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            read_tree(root, &path, files);
        } else if path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "md")
            && let (Ok(bytes), Ok(relative)) = (std::fs::read(&path), path.strip_prefix(root))
        {
            files.insert(relative.to_path_buf(), bytes);
        }
    }
}

/// `(before, yaml, after)` of a file: the whole file for YAML, the front
/// matter for Markdown.
pub fn yaml_of<'a>(path: &Path, text: &'a str) -> Option<(&'a str, &'a str, &'a str)> {
    if path.extension().is_some_and(|e| e == "md") {
        let rest = text.strip_prefix("---\n")?;
        let end = rest.find("\n---\n")? + 1;
        Some((&text[..4], &rest[..end], &rest[end..]))
    } else {
        Some(("", text, ""))
    }
}

/// Who a case builds for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// The public site without personal pages.
    Public,
    /// The public site with capability URLs for personal pages.
    PublicWithSecret,
    /// The staff site.
    Staff,
}

impl Audience {
    /// The name saved with a regression.
    pub fn name(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::PublicWithSecret => "public-with-secret",
            Audience::Staff => "staff",
        }
    }

    /// The audience of a saved name.
    pub fn from_name(name: &str) -> Option<Audience> {
        [
            Audience::Public,
            Audience::PublicWithSecret,
            Audience::Staff,
        ]
        .into_iter()
        .find(|a| a.name() == name)
    }
}

/// One input: files changed from the demo (`None`: removed), for whom and
/// as of when it is built.
#[derive(Clone, Debug)]
pub struct Case {
    /// Changed, added and removed files.
    pub changes: BTreeMap<PathBuf, Option<Vec<u8>>>,
    /// Who the build is for.
    pub audience: Audience,
    /// `--today`, as `YYYY-MM-DD`.
    pub today: String,
    /// What the mutator did, in words.
    pub log: Vec<String>,
}

/// The demo's snapshot date, the `--today` of most cases.
pub const TODAY: &str = "2026-04-15";

/// The case for one seed.
pub fn case(demo: &Demo, seed: u64) -> Case {
    let mut rng = Rng::with_seed(seed);
    let mut m = Mutator {
        demo,
        rng: &mut rng,
        changes: BTreeMap::new(),
        log: Vec::new(),
    };
    let operations = 1 + m.rng.usize(..3) + usize::from(m.rng.u8(..4) == 0) * m.rng.usize(..6);
    for _ in 0..operations {
        m.one();
    }
    let audience = match m.rng.u8(..4) {
        0 => Audience::Staff,
        1 => Audience::PublicWithSecret,
        _ => Audience::Public,
    };
    let today = match m.rng.u8(..20) {
        0 => {
            let date = pick(m.rng, DATES);
            date.get(..10).unwrap_or(TODAY).to_string()
        }
        1 => format!(
            "{:04}-{:02}-{:02}",
            m.rng.u32(1900..2200),
            m.rng.u32(1..13),
            m.rng.u32(1..29)
        ),
        _ => TODAY.to_string(),
    };
    Case {
        changes: m.changes,
        audience,
        today,
        log: m.log,
    }
}

struct Mutator<'a> {
    demo: &'a Demo,
    rng: &'a mut Rng,
    changes: BTreeMap<PathBuf, Option<Vec<u8>>>,
    log: Vec<String>,
}

impl Mutator<'_> {
    /// The bytes of a file as this case has it so far.
    fn current(&self, path: &Path) -> Option<Vec<u8>> {
        match self.changes.get(path) {
            Some(changed) => changed.clone(),
            None => self.demo.files.get(path).cloned(),
        }
    }

    /// Whether this case has a file at `path`.
    fn present(&self, path: &Path) -> bool {
        match self.changes.get(path) {
            Some(changed) => changed.is_some(),
            None => self.demo.files.contains_key(path),
        }
    }

    /// A file present in this case, if any.
    fn present_file(&mut self, markdown_only: bool) -> Option<PathBuf> {
        let candidates: Vec<&PathBuf> = self
            .demo
            .paths
            .iter()
            .chain(self.changes.keys())
            .filter(|p| !markdown_only || p.extension().is_some_and(|e| e == "md"))
            .filter(|p| self.present(p))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if candidates.is_empty() {
            return None;
        }
        // program.yaml, pairs and mentors are read by every check: favour them.
        if !markdown_only && self.rng.u8(..6) == 0 {
            let core = ["data/program.yaml", "data/pairs.yaml", "data/mentors.yaml"];
            let path = PathBuf::from(pick(self.rng, &core));
            if self.present(&path) {
                return Some(path);
            }
        }
        Some(candidates[self.rng.usize(..candidates.len())].clone())
    }

    fn one(&mut self) {
        match self.rng.u8(..20) {
            0..=7 => self.tree_change(),
            8..=12 => self.text_change(),
            13..=16 => self.markdown_change(),
            _ => self.file_change(),
        }
    }

    /// A structural change to a YAML file or a front matter block.
    fn tree_change(&mut self) {
        let Some(path) = self.present_file(false) else {
            return;
        };
        let Some(bytes) = self.current(&path) else {
            return;
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let parsed = yaml_of(&path, &text).and_then(|(before, yaml, after)| {
            Node::parse(yaml).map(|tree| (before.to_string(), tree, after.to_string()))
        });
        let Some((before, mut tree, after)) = parsed else {
            return self.text_change_of(path, bytes);
        };
        let what = self.reshape(&mut tree);
        self.log.push(format!("{}: {what}", path.display()));
        let text = format!("{before}{}{after}", tree.emit());
        self.changes.insert(path, Some(text.into_bytes()));
    }

    fn reshape(&mut self, tree: &mut Node) -> String {
        let paths = tree.paths();
        let at = paths[self.rng.usize(..paths.len())].clone();
        let scalars: Vec<&Vec<usize>> = paths
            .iter()
            .filter(|p| tree.at(p).and_then(Node::scalar).is_some())
            .collect();
        let scalar_at = if scalars.is_empty() {
            at.clone()
        } else {
            scalars[self.rng.usize(..scalars.len())].clone()
        };
        // Choice 3 (a number or date moved) found the first overflow and is
        // drawn four times as often as the others.
        let choice = match self.rng.u8(..19) {
            16.. => 3,
            other => other,
        };
        // Numbers and dates (counts, limits, sizes, days) are few among the
        // scalars, and where arithmetic goes wrong: choice 3 aims at them.
        let numbers: Vec<&Vec<usize>> = scalars
            .iter()
            .copied()
            .filter(|p| {
                tree.at(p).and_then(Node::scalar).is_some_and(|s| {
                    s.parse::<f64>().is_ok()
                        || s.get(..10).is_some_and(|d| {
                            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()
                        })
                })
            })
            .collect();
        let scalar_at = if choice == 3 && !numbers.is_empty() {
            numbers[self.rng.usize(..numbers.len())].clone()
        } else {
            scalar_at
        };
        let key = tree.key_of(&scalar_at).unwrap_or("").to_string();
        let rng = &mut *self.rng;
        let demo = self.demo;
        let Some(node) = tree.at_mut(if choice < 5 { &scalar_at } else { &at }) else {
            return "nothing".into();
        };
        match choice {
            0 | 1 => {
                let value = interesting_scalar(rng, demo, node.scalar().unwrap_or(""));
                let said = format!("`{key}` set to {:?}", clip(&value));
                *node = Node::Text(value);
                said
            }
            2 => {
                let value = pick(rng, &demo.ids).to_string();
                *node = Node::Text(value.clone());
                format!("`{key}` pointed at the id `{value}`")
            }
            3 => {
                let value = shifted(rng, node.scalar().unwrap_or(""));
                *node = Node::Plain(value.clone());
                format!("`{key}` moved to {value:?}")
            }
            4 => {
                let value = pick(rng, &demo.words).to_string();
                *node = Node::Text(value.clone());
                format!("`{key}` set to the word `{value}`")
            }
            5 | 6 => {
                let old = std::mem::replace(node, Node::Plain("null".into()));
                let (new, said) = swap_type(rng, old);
                *node = new;
                said
            }
            7 => {
                let name = format!("a{}", rng.u8(..4));
                let old = std::mem::replace(node, Node::Plain("null".into()));
                *node = Node::Anchored(name.clone(), Box::new(old));
                let alias = paths[rng.usize(..paths.len())].clone();
                if let Some(target) = tree.at_mut(&alias) {
                    *target = Node::Alias(name.clone());
                }
                format!("anchor &{name} and an alias to it")
            }
            8 => {
                let tag = pick(rng, TAGS);
                let old = std::mem::replace(node, Node::Plain("null".into()));
                *node = Node::Tagged(tag.to_string(), Box::new(old));
                format!("tagged {tag}")
            }
            9 => {
                let depth = if rng.u8(..4) == 0 {
                    rng.usize(..100_000)
                } else {
                    rng.usize(1..80)
                };
                let old = std::mem::replace(node, Node::Plain("null".into()));
                *node = nest(rng, old, depth);
                format!("nested {depth} deep")
            }
            10 => match node {
                Node::Map(entries) if !entries.is_empty() => {
                    let i = rng.usize(..entries.len());
                    let entry = entries[i].clone();
                    let said = format!("key `{}` written twice", entry.0);
                    entries.insert(rng.usize(..=entries.len()), entry);
                    said
                }
                Node::Seq(items) if !items.is_empty() => {
                    let i = rng.usize(..items.len());
                    let item = items[i].clone();
                    items.insert(rng.usize(..=items.len()), item);
                    "an item written twice".into()
                }
                _ => "nothing to repeat".into(),
            },
            11 => match node {
                Node::Map(entries) if !entries.is_empty() => {
                    let (k, _) = entries.remove(rng.usize(..entries.len()));
                    format!("key `{k}` removed")
                }
                Node::Seq(items) if !items.is_empty() => {
                    items.remove(rng.usize(..items.len()));
                    "an item removed".into()
                }
                _ => "nothing to remove".into(),
            },
            12 => match node {
                Node::Map(entries) => {
                    let key = match entries.first() {
                        Some((k, _)) if rng.bool() => typo(rng, k),
                        _ => pick(rng, &demo.words).to_string(),
                    };
                    let value = Node::Text(interesting_scalar(rng, demo, ""));
                    entries.insert(rng.usize(..=entries.len()), (key.clone(), value));
                    format!("key `{key}` added")
                }
                Node::Seq(items) => {
                    items.push(Node::Text(interesting_scalar(rng, demo, "")));
                    "an item added".into()
                }
                _ => "nothing to add to".into(),
            },
            13 => match node {
                Node::Map(entries) => {
                    rng.shuffle(entries);
                    "keys shuffled".into()
                }
                Node::Seq(items) => {
                    rng.shuffle(items);
                    "items shuffled".into()
                }
                _ => "nothing to shuffle".into(),
            },
            14 => {
                let text = flow(node);
                *node = Node::Raw(text);
                "written in flow style".into()
            }
            _ => {
                let old = node.clone();
                let other = paths[rng.usize(..paths.len())].clone();
                let replaced = tree
                    .at_mut(&other)
                    .map(|target| std::mem::replace(target, old));
                match (replaced, tree.at_mut(&at)) {
                    (Some(value), Some(node)) => {
                        *node = value;
                        "two values swapped".into()
                    }
                    _ => "nothing to swap".into(),
                }
            }
        }
    }

    /// A change to the bytes of any file.
    fn text_change(&mut self) {
        let Some(path) = self.present_file(false) else {
            return;
        };
        let Some(bytes) = self.current(&path) else {
            return;
        };
        self.text_change_of(path, bytes);
    }

    fn text_change_of(&mut self, path: PathBuf, mut bytes: Vec<u8>) {
        let donor = pick(self.rng, &self.demo.paths).clone();
        let donor = self.demo.files.get(&donor).cloned().unwrap_or_default();
        let what = bytes_change(self.rng, &mut bytes, &donor);
        self.log.push(format!("{}: {what}", path.display()));
        self.changes.insert(path, Some(bytes));
    }

    /// Markdown constructs spliced into a body.
    fn markdown_change(&mut self) {
        let Some(path) = self.present_file(true) else {
            return;
        };
        let Some(bytes) = self.current(&path) else {
            return;
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body_start = yaml_of(&path, &text)
            .map(|(before, yaml, _)| before.len() + yaml.len() + 4)
            .unwrap_or(0)
            .min(text.len());
        let starts: Vec<usize> = std::iter::once(body_start)
            .chain(
                text[body_start..]
                    .match_indices('\n')
                    .map(|(i, _)| body_start + i + 1),
            )
            .collect();
        let at = starts[self.rng.usize(..starts.len())];
        let (snippet, what) = markdown(self.rng, self.demo);
        let mut text = text;
        text.insert_str(at, &snippet);
        self.log.push(format!("{}: {what}", path.display()));
        self.changes.insert(path, Some(text.into_bytes()));
    }

    /// A file added, removed, renamed or made to share ids with another.
    fn file_change(&mut self) {
        let Some(path) = self.present_file(false) else {
            return;
        };
        let Some(bytes) = self.current(&path) else {
            return;
        };
        match self.rng.u8(..4) {
            0 => {
                self.log.push(format!("{}: removed", path.display()));
                self.changes.insert(path, None);
            }
            1 | 2 => {
                let name = odd_name(self.rng, &path);
                let target = path.with_file_name(name);
                if self.present(&target) {
                    return;
                }
                let renamed = self.rng.bool();
                self.log.push(format!(
                    "{}: {} as {}",
                    path.display(),
                    if renamed { "renamed" } else { "copied" },
                    target.display()
                ));
                if renamed {
                    self.changes.insert(path, None);
                }
                self.changes.insert(target, Some(bytes));
            }
            _ => self.swap_ids(),
        }
    }

    /// Two records, perhaps in different files, trade ids.
    fn swap_ids(&mut self) {
        let mut trees: Vec<(PathBuf, String, Node, String)> = Vec::new();
        for _ in 0..2 {
            let Some(path) = self.present_file(false) else {
                return;
            };
            let Some(bytes) = self.current(&path) else {
                return;
            };
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let Some((before, yaml, after)) = yaml_of(&path, &text) else {
                return;
            };
            let Some(tree) = Node::parse(yaml) else {
                return;
            };
            trees.push((path, before.to_string(), tree, after.to_string()));
        }
        let same_file = trees[0].0 == trees[1].0;
        let ids = |tree: &Node| -> Vec<Vec<usize>> {
            tree.paths()
                .into_iter()
                .filter(|p| {
                    tree.key_of(p) == Some("id") && tree.at(p).and_then(Node::scalar).is_some()
                })
                .collect()
        };
        let first = ids(&trees[0].2);
        let second = ids(if same_file { &trees[0].2 } else { &trees[1].2 });
        if first.is_empty() || second.is_empty() {
            return;
        }
        let a = first[self.rng.usize(..first.len())].clone();
        let b = second[self.rng.usize(..second.len())].clone();
        let value = |tree: &Node, at: &[usize]| tree.at(at).cloned();
        let (Some(va), Some(vb)) = (
            value(&trees[0].2, &a),
            value(if same_file { &trees[0].2 } else { &trees[1].2 }, &b),
        ) else {
            return;
        };
        self.log.push(format!(
            "ids `{}` ({}) and `{}` ({}) swapped",
            va.scalar().unwrap_or(""),
            trees[0].0.display(),
            vb.scalar().unwrap_or(""),
            trees[1].0.display()
        ));
        if let Some(n) = trees[0].2.at_mut(&a) {
            *n = vb;
        }
        let other = if same_file { 0 } else { 1 };
        if let Some(n) = trees[other].2.at_mut(&b) {
            *n = va;
        }
        if same_file {
            trees.truncate(1);
        }
        for (path, before, tree, after) in trees {
            let text = format!("{before}{}{after}", tree.emit());
            self.changes.insert(path, Some(text.into_bytes()));
        }
    }
}

fn pick<'a, T>(rng: &mut Rng, from: &'a [T]) -> &'a T {
    &from[rng.usize(..from.len())]
}

fn clip(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}… ({} bytes)", &text[..i], text.len()),
        None => text.to_string(),
    }
}

/// Tags a loader may meet: core schema, unknown, verbatim and local.
const TAGS: &[&str] = &[
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!seq",
    "!!map",
    "!!binary",
    "!!timestamp",
    "!!set",
    "!!omap",
    "!custom",
    "!",
    "!<tag:yaml.org,2002:str>",
    "!<tag:example.com,2000:x>",
];

/// Dates and times around every edge: invalid days, the ends of chrono's
/// range, daylight-saving gaps and overlaps, other formats.
const DATES: &[&str] = &[
    "2026-02-29",
    "2024-02-29",
    "2026-02-30",
    "2026-13-01",
    "2026-00-10",
    "0000-01-01",
    "0001-01-01",
    "1969-12-31",
    "1970-01-01",
    "9999-12-31",
    "+262143-12-31",
    "-262144-01-01",
    "262144-01-01",
    "2026-04-15T25:00",
    "2026-04-15T23:59:60",
    "2026-04-15T24:00",
    "2026-03-29T01:30",
    "2026-10-25T01:30",
    "2026-03-08T02:30",
    "2026-04-15T18:00:00Z",
    "2026-04-15T18:00+14:00",
    "2026-04-15 18:00",
    "2026-04-15T18",
    "2026-4-5",
    "20260415",
    "9999-12-31T23:59",
    "0000-01-01T00:00",
];

const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "5",
    "6",
    "255",
    "256",
    "65535",
    "65536",
    "2147483647",
    "2147483648",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "18446744073709551616",
    "-9223372036854775809",
    "1.5",
    "-0",
    "1e400",
    ".nan",
    ".inf",
    "-.inf",
    "0x10",
    "0o17",
    "1_000",
];

const STRINGS: &[&str] = &[
    "",
    " ",
    "~",
    "null",
    "true",
    "no",
    "a",
    "A",
    "x--y",
    "-x",
    "über",
    "a b",
    "../x",
    "../../etc/passwd",
    "con",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "{{ page.title }}",
    "{% raw %}",
    "a\r\nBEGIN:VEVENT\r\nEND:VEVENT",
    "a\u{b}b\u{c}c",
    "semi;colon,comma\\back",
    "\u{202e}desrever",
    "\u{200d}\u{200b}\u{feff}",
    "😀👍🏽🏳️‍🌈",
    "e\u{301}\u{301}\u{301}\u{301}",
    "İstanbul ß ﬁ ǅ",
    "日本語のテキスト",
    "\u{0}",
    "\t",
    "someone@mail.example",
    "mailto:someone@mail.example",
    "https://",
    "http://[::1]:99999/",
    "Europe/Lond",
    "UTC",
    "Etc/GMT+14",
    "Etc/GMT-14",
    "America/Argentina/ComodRivadavia",
    "Mars/Olympus",
    "local",
    "1d",
    "0m",
    "99999999d",
    "-2h",
    "15",
];

fn interesting_scalar(rng: &mut Rng, demo: &Demo, old: &str) -> String {
    match rng.u8(..10) {
        0..=2 => pick(rng, STRINGS).to_string(),
        3 | 4 => pick(rng, DATES).to_string(),
        5 | 6 => pick(rng, NUMBERS).to_string(),
        7 => huge(rng),
        8 => {
            let mut s = old.to_string();
            let c = pick(rng, UNICODE);
            let at = char_boundary(&s, rng.usize(..=s.len()));
            s.insert_str(at, c);
            s
        }
        _ => pick(rng, &demo.ids).to_string(),
    }
}

fn huge(rng: &mut Rng) -> String {
    let unit = pick(rng, &["x", "é", "ab ", "😀", "{{", "[", "\\n", "- "]);
    let len = if rng.u8(..8) == 0 {
        rng.usize(100_000..2_000_000)
    } else {
        rng.usize(200..20_000)
    };
    unit.repeat(len / unit.len().max(1))
}

/// A date or number pushed somewhere else: shifted by days or years, or to
/// an edge.
fn shifted(rng: &mut Rng, old: &str) -> String {
    if let Some(date) = old
        .get(..10)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        let days = match rng.u8(..4) {
            0 => rng.i64(-3..4),
            1 => rng.i64(-400..400),
            2 => rng.i64(-40_000..40_000),
            _ => rng.i64(-100_000_000..100_000_000),
        };
        let moved = date
            .checked_add_signed(chrono::TimeDelta::days(days))
            .map_or_else(
                || pick(rng, DATES).to_string(),
                |d| d.format("%Y-%m-%d").to_string(),
            );
        return format!("{moved}{}", &old[10..]);
    }
    if let Ok(n) = old.parse::<i64>() {
        return match rng.u8(..3) {
            0 => (n + rng.i64(-2..3)).to_string(),
            1 => n.saturating_mul(rng.i64(-1000..1000)).to_string(),
            _ => pick(rng, NUMBERS).to_string(),
        };
    }
    pick(rng, NUMBERS).to_string()
}

/// A scalar where a list or mapping is expected, and the reverse.
fn swap_type(rng: &mut Rng, old: Node) -> (Node, String) {
    match old {
        Node::Seq(items) if rng.bool() => match items.into_iter().next() {
            Some(first) => (first, "a list replaced by its first item".into()),
            None => (Node::Plain("null".into()), "an empty list made null".into()),
        },
        Node::Seq(items) => {
            let text = items
                .iter()
                .filter_map(Node::scalar)
                .collect::<Vec<_>>()
                .join(", ");
            (Node::Text(text), "a list replaced by a scalar".into())
        }
        Node::Map(entries) if rng.bool() => (
            Node::Seq(entries.into_iter().map(|(_, v)| v).collect()),
            "a mapping made a list".into(),
        ),
        Node::Map(entries) => (
            Node::Text(entries.first().map(|(k, _)| k.clone()).unwrap_or_default()),
            "a mapping replaced by a scalar".into(),
        ),
        scalar if rng.bool() => (Node::Seq(vec![scalar]), "a scalar made a list".into()),
        scalar => (
            Node::Map(vec![("value".into(), scalar)]),
            "a scalar made a mapping".into(),
        ),
    }
}

/// `node` inside `depth` lists or mappings: block style while shallow,
/// flow style (as text) when deep.
fn nest(rng: &mut Rng, node: Node, depth: usize) -> Node {
    if depth > 200 {
        let (open, close) = if rng.bool() {
            ("[", "]")
        } else {
            ("{a: ", "}")
        };
        let closed = rng.bool();
        let mut text = open.repeat(depth);
        text.push('x');
        if closed {
            text.push_str(&close.repeat(depth));
        }
        return Node::Raw(text);
    }
    let mut node = node;
    for _ in 0..depth {
        node = if rng.bool() {
            Node::Seq(vec![node])
        } else {
            Node::Map(vec![("a".into(), node)])
        };
    }
    node
}

fn typo(rng: &mut Rng, key: &str) -> String {
    let mut chars: Vec<char> = key.chars().collect();
    if chars.len() > 1 {
        let i = rng.usize(..chars.len() - 1);
        chars.swap(i, i + 1);
    } else {
        chars.push('x');
    }
    chars.into_iter().collect()
}

/// A file name next to `path`: odd case, spaces, Unicode, a leading dot
/// or dash, or very long.
fn odd_name(rng: &mut Rng, path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("x");
    let ext = path.extension().and_then(|s| s.to_str()).unwrap_or("yaml");
    let stem = match rng.u8(..10) {
        0 => stem.to_uppercase(),
        1 => format!("{stem} copy"),
        2 => format!("{stem}-é😀"),
        3 => format!(".{stem}"),
        4 => format!("-{stem}"),
        5 => "_index".to_string(),
        6 => stem.repeat(120 / stem.len().max(1) + 1)[..120].to_string(),
        7 => format!("{stem}.{ext}"),
        _ => format!("{stem}-{}", rng.u16(..1000)),
    };
    let ext = if ext == "yaml" && rng.u8(..4) == 0 {
        "yml"
    } else {
        ext
    };
    format!("{stem}.{ext}")
}

const UNICODE: &[&str] = &[
    "\u{feff}",
    "\u{202e}",
    "\u{200d}",
    "\u{301}",
    "\u{2028}",
    "\u{85}",
    "\u{0}",
    "\u{1}",
    "\u{7f}",
    "\u{fffd}",
    "😀",
    "👍🏽",
    "日本",
    "İ",
    "ß",
    "ﬁ",
    "\u{10ffff}",
    "\t",
    "\r",
    "\r\n",
];

fn char_boundary(s: &str, mut at: usize) -> usize {
    while at > 0 && !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One change to raw bytes; `donor` is another file to splice from.
fn bytes_change(rng: &mut Rng, bytes: &mut Vec<u8>, donor: &[u8]) -> String {
    let len = bytes.len();
    let at = rng.usize(..=len);
    match rng.u8(..18) {
        0 if len > 0 => {
            let i = rng.usize(..len);
            bytes[i] ^= 1 << rng.u8(..8);
            format!("bit flipped at byte {i}")
        }
        1 if len > 0 => {
            let i = rng.usize(..len);
            bytes[i] = *pick(rng, b"\0\r\n\t :-#&*!|>'\"{}[],%@`?\\\xff");
            format!("byte {i} replaced")
        }
        2 => {
            bytes.truncate(at);
            format!("truncated to {at} bytes")
        }
        3 => {
            let end = (at + rng.usize(..80)).min(len);
            bytes.drain(at..end);
            format!("bytes {at}..{end} removed")
        }
        4 | 5 => {
            let lines = line_starts(bytes);
            let i = rng.usize(..lines.len());
            let end = lines.get(i + 1 + rng.usize(..3)).copied().unwrap_or(len);
            let line = bytes[lines[i]..end].to_vec();
            splice(bytes, end, &line);
            format!("lines from byte {} written twice", lines[i])
        }
        6 => {
            let bom = b"\xef\xbb\xbf";
            let where_ = if rng.u8(..3) == 0 { at } else { 0 };
            splice(bytes, where_, bom);
            format!("BOM at byte {where_}")
        }
        7 => {
            let all = rng.bool();
            let mut out = Vec::with_capacity(len + len / 20);
            for &b in bytes.iter() {
                if b == b'\n' && (all || rng.u8(..3) == 0) {
                    out.push(b'\r');
                }
                out.push(b);
            }
            *bytes = out;
            if all {
                "CRLF line endings"
            } else {
                "some CRLF line endings"
            }
            .into()
        }
        8 => {
            let what = *pick(rng, CONTROL);
            splice(bytes, at, what);
            format!("control bytes {what:?} at byte {at}")
        }
        9 => {
            let what = *pick(rng, NOT_UTF8);
            splice(bytes, at, what);
            format!("invalid UTF-8 {what:?} at byte {at}")
        }
        10 => {
            let what = pick(rng, UNICODE);
            splice(bytes, at, what.as_bytes());
            format!("{what:?} at byte {at}")
        }
        11 => {
            let what = pick(rng, YAML_TOKENS);
            splice(bytes, at, what.as_bytes());
            format!("{what:?} at byte {at}")
        }
        12 => {
            let text = huge(rng);
            splice(bytes, at, text.as_bytes());
            format!("{} bytes of text at byte {at}", text.len())
        }
        13 if !donor.is_empty() => {
            let from = rng.usize(..donor.len());
            let to = (from + rng.usize(..400)).min(donor.len());
            splice(bytes, at, &donor[from..to]);
            format!("{} bytes of another file at byte {at}", to - from)
        }
        14 => {
            let lines = line_starts(bytes);
            let i = lines[rng.usize(..lines.len())];
            let what = *pick(rng, INDENTS);
            splice(bytes, i, what);
            format!("indentation {what:?} at byte {i}")
        }
        15 => {
            let lines = line_starts(bytes);
            let (i, j) = (rng.usize(..lines.len()), rng.usize(..lines.len()));
            let (i, j) = (i.min(j), i.max(j));
            if i == j {
                return "nothing swapped".into();
            }
            let line_end = |k: usize| lines.get(k + 1).copied().unwrap_or(len);
            let a = bytes[lines[i]..line_end(i)].to_vec();
            let b = bytes[lines[j]..line_end(j)].to_vec();
            let mut out = bytes[..lines[i]].to_vec();
            out.extend_from_slice(&b);
            out.extend_from_slice(&bytes[line_end(i)..lines[j]]);
            out.extend_from_slice(&a);
            out.extend_from_slice(&bytes[line_end(j)..]);
            *bytes = out;
            format!("lines at bytes {} and {} swapped", lines[i], lines[j])
        }
        _ => {
            let digits: Vec<usize> = (0..len)
                .filter(|&i| {
                    bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit())
                })
                .collect();
            if digits.is_empty() {
                return "no number to change".into();
            }
            let i = digits[rng.usize(..digits.len())];
            let end = (i..len)
                .find(|&k| !bytes[k].is_ascii_digit())
                .unwrap_or(len);
            let number = pick(rng, NUMBERS);
            bytes.splice(i..end, number.bytes());
            format!("number at byte {i} made {number}")
        }
    }
}

const CONTROL: &[&[u8]] = &[b"\0", b"\r", b"\x0b", b"\x0c", b"\x1b[31m", b"\x85"];

/// A lone byte, a cut sequence, an overlong form, a surrogate, beyond U+10FFFF.
const NOT_UTF8: &[&[u8]] = &[
    b"\xff",
    b"\xc3",
    b"\xc0\xaf",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\xe2\x82",
];

const INDENTS: &[&[u8]] = &[b"  ", b"\t", b" "];

fn splice(bytes: &mut Vec<u8>, at: usize, what: &[u8]) {
    let at = at.min(bytes.len());
    bytes.splice(at..at, what.iter().copied());
}

fn line_starts(bytes: &[u8]) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1)
                .filter(|&i| i < bytes.len()),
        )
        .collect()
}

const YAML_TOKENS: &[&str] = &[
    "&a ",
    "*a",
    "*missing",
    "!!str ",
    "!!binary ",
    "!custom ",
    ": ",
    "- ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    "|",
    ">-",
    "# ",
    "'",
    "\"",
    "%YAML 1.2\n",
    "%TAG ! tag:example.com,2000:\n",
    "---\n",
    "...\n",
    "<<: *a\n",
    "\\",
    "\\u0000",
    "@",
    "`",
];

/// A Markdown construct and what it is.
fn markdown(rng: &mut Rng, demo: &Demo) -> (String, String) {
    let big = rng.u8(..20) == 0;
    let n = if big {
        rng.usize(1000..30_000)
    } else {
        rng.usize(1..40)
    };
    let link_target = |rng: &mut Rng| -> String {
        match rng.u8(..4) {
            0 => pick(rng, LINK_TARGETS).to_string(),
            1 => pick(rng, &demo.targets).to_string(),
            _ => format!(
                "{}{}",
                pick(rng, &demo.targets).trim_start_matches('#'),
                pick(rng, &demo.targets)
            ),
        }
    };
    match rng.u8(..16) {
        0 => {
            let title = pick(
                rng,
                &[
                    "Same",
                    "Why this matters",
                    "",
                    "😀",
                    "1.2 — Ünïcödé",
                    "[x](y)",
                    "A {#custom}",
                ],
            );
            (
                format!("## {title}\n\n").repeat(n),
                format!("{n} headings `{title}`"),
            )
        }
        1 => (
            format!("{} x\n", ">".repeat(n)),
            format!("block quote {n} deep"),
        ),
        2 => {
            let text: String = (0..n.min(1000))
                .map(|i| format!("{}- x\n", "  ".repeat(i)))
                .collect();
            (text, format!("list {n} deep"))
        }
        3 => {
            let unit = pick(
                rng,
                &["[", "](", "*a ", "_a", "**", "`", "<", "![", "[^", "\\"],
            );
            (format!("{}\n", unit.repeat(n)), format!("{unit:?} ×{n}"))
        }
        4 | 5 => {
            let lang = pick(rng, LANGUAGES);
            let body = match rng.u8(..4) {
                0 => "(".repeat(n) + &")".repeat(n / 2),
                1 => "{[<\"'".repeat(n),
                2 => {
                    let donor = pick(rng, &demo.paths);
                    String::from_utf8_lossy(demo.files.get(donor).map_or(&[][..], |b| b))
                        .into_owned()
                }
                _ => "fn main() { let x = \"unterminated;\n /* comment\n".repeat(n),
            };
            let fence = if rng.u8(..5) == 0 { "" } else { "```\n" };
            (
                format!("```{lang}\n{body}\n{fence}"),
                format!("code block `{lang}`, {} bytes", body.len()),
            )
        }
        6 | 7 => {
            let t = link_target(rng);
            let form = match rng.u8(..5) {
                0 => format!("![image]({t})\n"),
                1 => format!("[ref]\n\n[ref]: {t}\n"),
                2 => format!("<{t}>\n"),
                3 => format!("<a href=\"{t}\">x</a> <img src=\"{t}\">\n"),
                _ => format!("[a link]({t})\n"),
            };
            (
                form.repeat(if big { n / 20 } else { 1 }),
                format!("link to {t:?}"),
            )
        }
        8 => {
            let text = "[^n] text\n\n[^n]: a note [^n]\n[^m]: unused\n".to_string();
            (text, "footnotes".into())
        }
        9 => {
            let cols = rng.usize(1..6);
            let mut text = format!(
                "|{}\n|{}\n",
                " a |".repeat(cols),
                "---|".repeat(rng.usize(1..6))
            );
            for _ in 0..n.min(2000) {
                text.push_str(&format!("|{}\n", " 1 |".repeat(rng.usize(0..8))));
            }
            (text, format!("table, {cols} columns"))
        }
        10 => {
            let html = pick(rng, HTML);
            (format!("{html}\n"), format!("HTML {html:?}"))
        }
        11 => ("- [ ] open\n- [x] done\n- [X]\n".into(), "task list".into()),
        12 => {
            let e = pick(
                rng,
                &[
                    "&#0;",
                    "&#x10FFFF;",
                    "&#99999999;",
                    "&bogus;",
                    "&amp;",
                    "&#xD800;",
                ],
            );
            (format!("{e}\n"), format!("entity {e}"))
        }
        13 => ("---\n".into(), "a stray front matter fence".into()),
        14 => {
            let unit = pick(rng, &["{{ x }}", "{% if %}", "{#", "${x}", "\u{0}", "\r"]);
            (unit.repeat(n), format!("{unit:?} ×{n}"))
        }
        _ => {
            let heading = pick(rng, &["#", "##", "######", "#######"]);
            (
                format!("{heading} {}\n", pick(rng, UNICODE)),
                format!("heading {heading}"),
            )
        }
    }
}

const LANGUAGES: &[&str] = &[
    "",
    "rust",
    "python",
    "sql",
    "yaml",
    "json",
    "html",
    "bash",
    "c",
    "go",
    "javascript",
    "typescript",
    "toml",
    "css",
    "java",
    "haskell",
    "ruby",
    "r",
    "unknown-lang",
    "rust,ignore",
    "{.python}",
    "c++",
    "😀",
    "sql title=\"x\"",
];

const LINK_TARGETS: &[&str] = &[
    "#",
    "#missing",
    "",
    "<>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "vbscript:x",
    "data:text/html,x",
    "mailto:someone@mail.example",
    "https://example.org/a b",
    "../../outside.md",
    "../digital-teaching/accessible-materials.md#why-this-matters",
    "sql-basics.md#",
    "sql-basics.md#%00",
    "%2e%2e/x.md",
    "/absolute.md",
    "file:///etc/passwd",
    "//evil.example",
    "sql-basics.md?x=1#y",
    "😀.md",
    "x.md#😀",
];

const HTML: &[&str] = &[
    "<div>",
    "</div>",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- unterminated",
    "<![CDATA[",
    "<details><summary>x",
    "<table><tr><td>",
    "<a name=\"x\">",
    "<h2 id=\"why-this-matters\">Twin</h2>",
];
