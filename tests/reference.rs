//! `docs/reference.md` is the field reference of a program repository; these
//! tests keep it true to real programs and to the loader.
//!
//! How the reference is read:
//!
//! - Each file kind has a level-2 heading naming its path pattern in
//!   backticks, e.g. ``## `data/learners/<id>.yaml` ``. Its section runs to
//!   the next level-2 heading; `###` subsections belong to it.
//! - In a section, a table whose header's first cell is `field` lists fields,
//!   one per row, as a code span in the first cell. Other tables (such as the
//!   requirements table) are prose.
//! - A field is a dotted path from the root of the file's YAML (the front
//!   matter, for Markdown). A list of mappings is written `name[]`, and what
//!   follows names a field of each item: `journey.handoffs[].limit_days`. A
//!   segment written `<word>` stands for any key (`intake.baseline.<skill>`).
//! - In files holding one list of records under one key (`mentors`,
//!   `cohorts`, `pairs`, `sessions`), that key is listed on its own and the
//!   other fields are written relative to one record: `capacity.mentees`,
//!   not `mentors[].capacity.mentees`.
//!
//! What is checked:
//!
//! 1. Every key path used in the example program (`src/init/program/`), in
//!    the demo program at the repository root (`data/**/*.yaml` and the
//!    front matter of `content/**/*.md`, whatever of it exists) and in the
//!    reference's own examples is listed in its file kind's section.
//! 2. Every field of the loader's schema (`src/load/raw/`) is listed, and
//!    every name in a listed path is a field of that schema.
//! 3. Every fenced `yaml` example whose first line is `# file: <path>` loads
//!    as that file kind: written over that file of a fresh `telemachy
//!    init` program (for Markdown, as the front matter, keeping the body),
//!    `check` reports nothing from that file that says it cannot be read:
//!    E001–E005 (syntax, type, unknown, missing and duplicate fields) and
//!    E006, E007, E010, E011, E014, E015, E057 (unreadable dates, zones, ids
//!    and values, budget, front matter, repeat rules). References to other
//!    files may dangle.
//!    Every file kind has at least one such example.

#![cfg(test)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const TODAY: &str = "2026-04-15";

/// Codes that mean a file does not load as its kind.
const LOADING_CODES: &[&str] = &[
    "E001", "E002", "E003", "E004", "E005", "E006", "E007", "E010", "E011", "E014", "E015", "E057",
];

/// A kind of program file, as headed in the reference.
struct Kind {
    /// The path pattern in the section heading.
    pattern: &'static str,
    /// The top-level key holding the file's list of records, if any.
    records: Option<&'static str>,
}

const KINDS: &[Kind] = &[
    Kind {
        pattern: "data/program.yaml",
        records: None,
    },
    Kind {
        pattern: "data/mentors.yaml",
        records: Some("mentors"),
    },
    Kind {
        pattern: "data/cohorts.yaml",
        records: Some("cohorts"),
    },
    Kind {
        pattern: "data/learners/<id>.yaml",
        records: None,
    },
    Kind {
        pattern: "data/pairs.yaml",
        records: Some("pairs"),
    },
    Kind {
        pattern: "data/sessions/<name>.yaml",
        records: Some("sessions"),
    },
    Kind {
        pattern: "content/paths/<path>/_index.md",
        records: None,
    },
    Kind {
        pattern: "content/paths/<path>/<module>.md",
        records: None,
    },
    Kind {
        pattern: "content/pages/<page>.md",
        records: None,
    },
];

/// The kind of a root-relative path written with `/`, as the loader sees it.
fn kind_of(relative: &str) -> Option<&'static Kind> {
    let parts: Vec<&str> = relative.split('/').collect();
    let yaml = relative.ends_with(".yaml") || relative.ends_with(".yml");
    let pattern = match parts.as_slice() {
        ["data", "program.yaml"] => "data/program.yaml",
        ["data", "mentors.yaml"] => "data/mentors.yaml",
        ["data", "cohorts.yaml"] => "data/cohorts.yaml",
        ["data", "pairs.yaml"] => "data/pairs.yaml",
        ["data", "learners", _, ..] if yaml => "data/learners/<id>.yaml",
        ["data", "sessions", _, ..] if yaml => "data/sessions/<name>.yaml",
        ["content", "paths", _, "_index.md"] => "content/paths/<path>/_index.md",
        ["content", "paths", _, name] if name.ends_with(".md") => {
            "content/paths/<path>/<module>.md"
        }
        ["content", "pages", _, ..] if relative.ends_with(".md") => "content/pages/<page>.md",
        _ => return None,
    };
    KINDS.iter().find(|k| k.pattern == pattern)
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// Front matter and body of a Markdown file, split as the loader splits them.
fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// A key path: one segment per key, `[]` appended to a key holding a list.
type KeyPath = Vec<String>;

fn show(path: &[String]) -> String {
    path.join(".")
}

/// Every key path in a YAML value.
fn key_paths(value: &Value, at: &[String], out: &mut BTreeSet<KeyPath>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let mut path = at.to_vec();
                path.push(key.clone());
                out.insert(path.clone());
                key_paths(child, &path, out);
            }
        }
        Value::Array(items) => {
            let mut path = at.to_vec();
            match path.last_mut() {
                Some(last) => last.push_str("[]"),
                None => path.push("[]".into()),
            }
            for item in items {
                key_paths(item, &path, out);
            }
        }
        _ => {}
    }
}

/// Key paths of one file's YAML, relative to a record in record files.
fn used_paths(kind: &Kind, yaml: &str) -> Result<BTreeSet<KeyPath>, String> {
    let value: Value = serde_saphyr::from_str(yaml).map_err(|e| e.to_string())?;
    let mut all = BTreeSet::new();
    key_paths(&value, &[], &mut all);
    let Some(records) = kind.records else {
        return Ok(all);
    };
    let item = format!("{records}[]");
    Ok(all
        .into_iter()
        .map(|path| match path.first() {
            Some(first) if *first == item => path[1..].to_vec(),
            _ => path,
        })
        .collect())
}

/// The YAML a program file holds: the whole file, or a Markdown file's front
/// matter.
fn yaml_of(relative: &str, text: &str) -> Option<String> {
    if relative.ends_with(".md") {
        split_front_matter(text).map(|(front, _)| front.to_string())
    } else {
        Some(text.to_string())
    }
}

/// Root-relative paths (with `/`) of every file under `root/dir`, sorted,
/// skipping hidden files as the loader does.
fn files_under(root: &Path, dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.join(dir)];
    while let Some(directory) = stack.pop() {
        for entry in fs::read_dir(&directory).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            } else if let Ok(relative) = path.strip_prefix(root) {
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    out.sort();
    out
}

/// A fenced `yaml` example headed `# file: <path>`.
struct Example {
    /// The file it stands for.
    file: String,
    /// The YAML, header line included.
    yaml: String,
    /// Line of the opening fence in the reference.
    line: usize,
}

/// What the reference says.
struct Reference {
    /// Documented fields by file kind pattern.
    fields: BTreeMap<&'static str, Vec<KeyPath>>,
    /// Examples headed with the file they stand for.
    examples: Vec<Example>,
}

fn parse_reference(text: &str) -> Reference {
    let mut fields: BTreeMap<&'static str, Vec<KeyPath>> = BTreeMap::new();
    let mut examples = Vec::new();
    let mut section: Option<&'static str> = None;
    let mut fence: Option<(usize, bool, Vec<&str>)> = None;
    let mut table: Option<bool> = None;
    for (index, line) in text.lines().enumerate() {
        if let Some((start, is_yaml, body)) = &mut fence {
            if line.trim_start().starts_with("```") {
                let header = body.first().and_then(|l| l.strip_prefix("# file:"));
                if let (true, Some(file)) = (*is_yaml, header) {
                    examples.push(Example {
                        file: file.trim().to_string(),
                        yaml: body.iter().map(|l| format!("{l}\n")).collect(),
                        line: *start,
                    });
                }
                fence = None;
            } else {
                body.push(line);
            }
            continue;
        }
        if let Some(info) = line.trim_start().strip_prefix("```") {
            fence = Some((index + 1, info.trim() == "yaml", Vec::new()));
            table = None;
            continue;
        }
        if let Some(heading) = line.strip_prefix("## ") {
            section = KINDS
                .iter()
                .find(|k| heading.contains(&format!("`{}`", k.pattern)))
                .map(|k| k.pattern);
            table = None;
            continue;
        }
        if !line.trim_start().starts_with('|') {
            table = None;
            continue;
        }
        let first_cell = line.trim().trim_start_matches('|').split('|').next();
        let first_cell = first_cell.unwrap_or("").trim();
        match table {
            None => table = Some(first_cell == "field"),
            Some(true) => {
                let name = first_cell
                    .strip_prefix('`')
                    .and_then(|c| c.strip_suffix('`'))
                    .filter(|c| !c.contains('`'));
                if let (Some(kind), Some(name)) = (section, name) {
                    let path = name.split('.').map(str::to_string).collect();
                    fields.entry(kind).or_default().push(path);
                }
            }
            Some(false) => {}
        }
    }
    Reference { fields, examples }
}

fn reference() -> Reference {
    parse_reference(&read(&repo().join("docs/reference.md")))
}

fn is_placeholder(segment: &str) -> bool {
    segment.starts_with('<') && segment.ends_with('>')
}

/// Whether a documented field names a used key path.
fn documents(field: &[String], used: &[String]) -> bool {
    field.len() == used.len()
        && field
            .iter()
            .zip(used)
            .all(|(f, u)| f == u || is_placeholder(f))
}

/// Field names of the loader's serde structs, in every file of
/// `src/load/raw/`.
fn schema_fields() -> BTreeSet<String> {
    let dir = repo().join("src/load/raw");
    let sources: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path()
        })
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .map(|path| read(&path))
        .collect();
    sources
        .iter()
        .flat_map(|source| source.lines())
        .filter(|line| line.starts_with("    pub "))
        .filter_map(|line| line.trim_start().strip_prefix("pub ")?.split_once(':'))
        .map(|(name, _)| name.trim().to_string())
        .filter(|name| name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect()
}

#[test]
fn every_key_used_in_a_real_program_is_documented() {
    let reference = reference();
    // (source label, root-relative file, YAML)
    let mut sources: Vec<(String, String, String)> = Vec::new();
    let mut failures = Vec::new();
    for (label, root) in [
        ("example program", repo().join("src/init/program")),
        ("demo program", repo()),
        (
            "second example program",
            repo().join("tests/programs/meridian"),
        ),
    ] {
        for dir in ["data", "content"] {
            for file in files_under(&root, dir) {
                if kind_of(&file).is_none() {
                    continue;
                }
                match yaml_of(&file, &read(&root.join(&file))) {
                    Some(yaml) => sources.push((label.to_string(), file, yaml)),
                    None => failures.push(format!("{label}: {file} has no front matter")),
                }
            }
        }
    }
    for example in &reference.examples {
        let label = format!("docs/reference.md:{}", example.line);
        sources.push((label, example.file.clone(), example.yaml.clone()));
    }
    assert!(
        sources
            .iter()
            .any(|(label, _, _)| label == "example program"),
        "the example program was not found"
    );

    let mut reported = BTreeSet::new();
    for (label, file, yaml) in &sources {
        let Some(kind) = kind_of(file) else {
            failures.push(format!("{label}: {file} is not a program file"));
            continue;
        };
        let used = match used_paths(kind, yaml) {
            Ok(used) => used,
            Err(error) => {
                failures.push(format!("{label}: {file} does not parse: {error}"));
                continue;
            }
        };
        let documented = reference
            .fields
            .get(kind.pattern)
            .map_or(&[][..], Vec::as_slice);
        for path in used {
            let known = documented.iter().any(|field| documents(field, &path));
            if !known && reported.insert((kind.pattern, path.clone())) {
                failures.push(format!(
                    "{label}: {file} uses `{}`, which the `{}` section of docs/reference.md does not list",
                    show(&path),
                    kind.pattern
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_reference_lists_exactly_the_loaders_fields() {
    let reference = reference();
    let schema = schema_fields();
    assert!(
        schema.contains("limit_days"),
        "no fields read from src/load/raw/"
    );
    let mut failures = Vec::new();
    for kind in KINDS {
        if reference.fields.get(kind.pattern).is_none_or(Vec::is_empty) {
            failures.push(format!("no field table for `{}`", kind.pattern));
        }
    }
    let mut leaves = BTreeSet::new();
    for (kind, fields) in &reference.fields {
        for field in fields {
            for segment in field.iter().filter(|s| !is_placeholder(s)) {
                let name = segment.trim_end_matches("[]");
                if !schema.contains(name) {
                    failures.push(format!(
                        "`{}` in the `{kind}` section: `{name}` is not a field in src/load/raw/",
                        show(field)
                    ));
                }
            }
            if let Some(last) = field.iter().rev().find(|s| !is_placeholder(s)) {
                leaves.insert(last.trim_end_matches("[]").to_string());
            }
        }
    }
    for name in schema.difference(&leaves) {
        failures.push(format!(
            "`{name}` is a field in src/load/raw/ that docs/reference.md does not list"
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_file_example_loads_as_its_file_kind() {
    let reference = reference();
    let mut failures = Vec::new();
    let mut covered = BTreeSet::new();
    for example in &reference.examples {
        let at = format!("docs/reference.md:{} ({})", example.line, example.file);
        let Some(kind) = kind_of(&example.file) else {
            failures.push(format!("{at}: `# file:` names no program file kind"));
            continue;
        };
        covered.insert(kind.pattern);
        match load_example(example) {
            Ok(problems) => failures.extend(problems.into_iter().map(|p| format!("{at}: {p}"))),
            Err(error) => failures.push(format!("{at}: {error}")),
        }
    }
    for kind in KINDS {
        if !covered.contains(kind.pattern) {
            failures.push(format!(
                "no `# file:` example for `{}` in docs/reference.md",
                kind.pattern
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Writes the example into a fresh example program and returns the loading
/// diagnostics `check` reports for its file.
fn load_example(example: &Example) -> Result<Vec<String>, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("tempdir: {e}"))?;
    let root = dir.path().join("program");
    let init = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .arg("init")
        .arg(&root)
        .output()
        .map_err(|e| format!("run init: {e}"))?;
    if !init.status.success() {
        return Err(format!("init failed: {init:?}"));
    }
    let target = root.join(&example.file);
    let text = if example.file.ends_with(".md") {
        let existing = fs::read_to_string(&target).unwrap_or_default();
        let body = split_front_matter(&existing).map_or("\nAn example.\n", |(_, body)| body);
        format!("---\n{}---\n{body}", example.yaml)
    } else {
        example.yaml.clone()
    };
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("create {}: {e}", parent.display()))?;
    }
    fs::write(&target, text).map_err(|e| format!("write {}: {e}", target.display()))?;
    let out = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(["check", "--format", "json", "--today", TODAY, "--root"])
        .arg(&root)
        .output()
        .map_err(|e| format!("run check: {e}"))?;
    if !matches!(out.status.code(), Some(0 | 1)) {
        return Err(format!(
            "check exited with {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|d| d["file"] == example.file.as_str())
        .filter(|d| LOADING_CODES.iter().any(|code| d["code"] == *code))
        .map(|d| {
            format!(
                "{} at line {} column {}: {} ({})",
                d["code"].as_str().unwrap_or("?"),
                d["line"],
                d["column"],
                d["message"].as_str().unwrap_or(""),
                d["help"].as_str().unwrap_or("")
            )
        })
        .collect())
}

#[test]
fn key_paths_follow_the_convention() {
    let mentors = KINDS.iter().find(|k| k.pattern == "data/mentors.yaml");
    let Some(mentors) = mentors else {
        panic!("no mentors kind");
    };
    let used = used_paths(
        mentors,
        "mentors:\n  - id: a\n    capacity: {mentees: 1}\n    tiers: [group]\n",
    );
    let shown: Vec<String> = used.unwrap_or_default().iter().map(|p| show(p)).collect();
    assert_eq!(
        shown,
        ["capacity", "capacity.mentees", "id", "mentors", "tiers"]
    );
    let field: KeyPath = ["intake", "baseline", "<skill>"].map(String::from).to_vec();
    let used: KeyPath = ["intake", "baseline", "python"].map(String::from).to_vec();
    assert!(documents(&field, &used));
    assert_eq!(
        kind_of("data/sessions/spring/extra.yml").map(|k| k.pattern),
        Some("data/sessions/<name>.yaml")
    );
    assert!(kind_of("content/paths/a/b/c.md").is_none());
}
