//! The parse cache is never stale: on a copy of the demo program, after
//! each edit (a value, only a comment, a rename, a deletion, an addition,
//! the same bytes under another name and kind, damaged entries), `check`
//! with the cache reports exactly what `check --no-cache` reports, and a
//! site built with the cache equals one built without it byte for byte.

#![cfg(test)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const TODAY: &str = "2026-04-15";

/// What one `check` printed: the JSON report (without its elapsed time),
/// the human report (without its closing line, which holds the time), and
/// how many files the parse cache gave and how many were parsed.
#[derive(Debug)]
struct Report {
    json: String,
    human: String,
    reused: usize,
    parsed: usize,
}

fn check(root: &Path, cache: bool) -> Report {
    let run = |format: &str| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_telemachy"));
        command.args([
            "check",
            "--today",
            TODAY,
            "--timings",
            "--format",
            format,
            "--root",
        ]);
        command.arg(root);
        if !cache {
            command.arg("--no-cache");
        }
        let out = command.output().expect("check");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        (out.status.code(), stdout, stderr)
    };
    // JSON first, so its counts are those of the first run after an edit.
    let (code, stdout, stderr) = run("json");
    let json = stdout
        .lines()
        .map(|line| match line.find(",\"elapsed_ms\"") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (reused, parsed) = counts(&stderr);
    let (human_code, _, human) = run("human");
    assert_eq!(code, human_code);
    let human = human
        .lines()
        .filter(|line| {
            !line.starts_with("checked ")
                && !line.starts_with("  parse cache:")
                && !line.starts_with("  note:")
        })
        .collect::<Vec<_>>()
        .join("\n");
    Report {
        json: format!("exit {code:?}\n{json}"),
        human,
        reused,
        parsed,
    }
}

/// The counts `--timings` prints: "parse cache: N file(s) taken from it, M parsed".
fn counts(stderr: &str) -> (usize, usize) {
    let line = stderr
        .lines()
        .find_map(|line| line.trim().strip_prefix("parse cache: "))
        .unwrap_or_else(|| panic!("no cache line in {stderr}"));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers[..] {
        [reused, parsed] => (reused, parsed),
        _ => panic!("cannot read {line}"),
    }
}

/// Every file under `dir`, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in fs::read_dir(&at).unwrap_or_else(|e| panic!("{}: {e}", at.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = fs::read(&path).unwrap();
                let relative = path.strip_prefix(dir).unwrap_or(&path).to_path_buf();
                files.insert(relative, bytes);
            }
        }
    }
    files
}

fn entries(root: &Path) -> Vec<PathBuf> {
    let dir = root.join(".telemachy/cache");
    let mut found: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|list| list.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    found.sort();
    found
}

/// Checks with the cache, then without it, and asserts the two agree;
/// returns the warm run's report.
#[track_caller]
fn same_as_cold(root: &Path, step: &str) -> Report {
    let before = entries(root);
    let cold = check(root, false);
    assert_eq!(
        entries(root),
        before,
        "{step}: --no-cache touched the cache"
    );
    let warm = check(root, true);
    assert_eq!(warm.json, cold.json, "{step}: JSON differs from a cold run");
    assert_eq!(
        warm.human, cold.human,
        "{step}: report differs from a cold run"
    );
    warm
}

fn edit(root: &Path, file: &str, change: impl FnOnce(String) -> String) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let changed = change(text.clone());
    assert_ne!(changed, text, "{file}: the edit changed nothing");
    fs::write(&path, changed).unwrap_or_else(|e| panic!("{file}: {e}"));
}

fn build(root: &Path, out: &Path, cache: bool) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_telemachy"));
    command.args(["build", "--today", TODAY, "--root"]);
    command.arg(root).arg("--out").arg(out);
    if !cache {
        command.arg("--no-cache");
    }
    command.env_remove("TELEMACHY_SECRET");
    let done = command.output().expect("build");
    assert!(
        done.status.success(),
        "build: {}",
        String::from_utf8_lossy(&done.stderr)
    );
    tree(out)
}

#[test]
fn a_warm_check_reports_what_a_cold_one_does_after_every_kind_of_edit() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("program");
    common::copy_demo(&root);
    let total = check(&root, false).reused + check(&root, false).parsed;
    assert_eq!(total, 0, "--no-cache counts nothing");

    let first = same_as_cold(&root, "first run");
    assert_eq!(first.reused, 0, "a new program has an empty cache");
    let files = first.parsed;
    assert_eq!(entries(&root).len(), files, "one entry per file");
    assert_eq!(
        fs::read_to_string(root.join(".telemachy/.gitignore")).ok(),
        Some("*\n".to_string())
    );
    let again = same_as_cold(&root, "unchanged");
    assert_eq!((again.reused, again.parsed), (files, 0));

    // A module's body and title: the site built with the cache is the
    // site built without it.
    edit(&root, "content/paths/data-analysis/sql-joins.md", |text| {
        text.replacen("title: ", "title: Joining tables, or ", 1) + "\nOne more line.\n"
    });
    same_as_cold(&root, "module edited");
    let warm_site = build(&root, &dir.path().join("site-warm"), true);
    let cold_site = build(&root, &dir.path().join("site-cold"), false);
    assert!(!warm_site.is_empty());
    assert!(
        warm_site == cold_site,
        "a site built with the cache differs from one built without it"
    );

    // A value edited to an unknown cohort, the file's length and time of
    // change kept, so only its bytes tell the edit.
    let learner = "data/learners/aisha-rahman.yaml";
    let modified = fs::metadata(root.join(learner))
        .and_then(|m| m.modified())
        .unwrap();
    edit(&root, learner, |text| {
        text.replacen("cohort: 2025-autumn-data", "cohort: 2025-autumn-dxta", 1)
    });
    fs::File::options()
        .write(true)
        .open(root.join(learner))
        .and_then(|file| file.set_modified(modified))
        .unwrap();
    let report = same_as_cold(&root, "value edited, same length and time");
    assert!(report.json.contains("2025-autumn-dxta"), "{}", report.json);
    assert_eq!((report.reused, report.parsed), (files - 1, 1));

    // Only a comment and blank lines added: the same records, one line
    // further down.
    edit(&root, learner, |text| format!("# moved down\n\n{text}"));
    let moved = same_as_cold(&root, "comment added");
    assert_ne!(moved.json, report.json, "the error's line moved");

    // Renamed.
    let renamed = "data/learners/aisha-rahman-renamed.yaml";
    fs::rename(root.join(learner), root.join(renamed)).unwrap();
    let report = same_as_cold(&root, "file renamed");
    assert!(
        report.json.contains("aisha-rahman-renamed"),
        "{}",
        report.json
    );
    assert_eq!((report.reused, report.parsed), (files, 0));

    // Deleted: what referred to the learner is now unresolved.
    fs::remove_file(root.join("data/learners/bethany-clarke.yaml")).unwrap();
    let report = same_as_cold(&root, "file deleted");
    assert!(report.json.contains("bethany-clarke"), "{}", report.json);

    // Added: a second file with the same learner in it.
    let copy = fs::read(root.join("data/learners/andrei-popescu.yaml")).unwrap_or_default();
    fs::write(root.join("data/learners/andrei-again.yaml"), &copy).unwrap();
    same_as_cold(&root, "file added");

    // The same bytes under another name, read as another kind of file: a
    // learner's bytes as a sessions file, a module's as a page, a path's
    // intro in place of a module.
    fs::write(root.join("data/sessions/learner-bytes.yaml"), &copy).unwrap();
    let module =
        fs::read(root.join("content/paths/data-analysis/sql-basics.md")).unwrap_or_default();
    fs::write(root.join("content/pages/module-bytes.md"), &module).unwrap();
    let intro = fs::read(root.join("content/paths/data-analysis/_index.md")).unwrap_or_default();
    fs::write(
        root.join("content/paths/data-analysis/sql-basics.md"),
        &intro,
    )
    .unwrap();
    let report = same_as_cold(&root, "same bytes, another kind");
    assert!(report.json.contains("learner-bytes"), "{}", report.json);
    // Files that fail to parse are parsed on every run; the rest are kept.
    let steady = same_as_cold(&root, "same bytes, again");

    // Damaged entries: cut short, a byte changed, emptied, and a file that
    // is no entry at all.
    let found = entries(&root);
    assert_eq!(
        found.len(),
        steady.reused - 1,
        "one entry for the two same files"
    );
    // A value changed inside an entry, which still decodes: only the
    // entry's hash of its payload tells.
    let mut retold = Vec::new();
    for path in &found {
        let mut bytes = fs::read(path).unwrap_or_default();
        if let Some(at) = bytes.windows(16).position(|w| w == b"2025-autumn-dxta") {
            bytes[at + 13] = b'y';
            fs::write(path, bytes).unwrap();
            retold.push(path);
        }
    }
    assert_eq!(
        retold.len(),
        1,
        "the learner's entry holds the edited cohort"
    );
    for (n, path) in found.iter().enumerate() {
        if retold.contains(&path) {
            continue;
        }
        let bytes = fs::read(path).unwrap_or_default();
        let damaged = match n % 4 {
            0 => bytes[..bytes.len() / 2].to_vec(),
            1 => {
                let mut bytes = bytes;
                let last = bytes.len() - 1;
                bytes[last] ^= 0x55;
                bytes
            }
            2 => Vec::new(),
            _ => continue,
        };
        fs::write(path, damaged).unwrap();
    }
    fs::write(root.join(".telemachy/cache/not-an-entry"), b"junk").unwrap();
    let report = same_as_cold(&root, "damaged entries");
    assert!(report.reused > 0 && report.parsed > 0, "{report:?}");
    assert_eq!(entries(&root), found, "junk is removed, damage mended");
    let report = same_as_cold(&root, "after mending");
    assert_eq!(
        (report.reused, report.parsed),
        (steady.reused, steady.parsed)
    );
}

#[test]
fn a_cache_that_cannot_be_written_is_no_cache() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("program");
    common::copy_demo(&root);
    // A file where the cache's folder would go: nothing can be written.
    fs::write(root.join(".telemachy"), b"not a folder").unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_telemachy"));
    command.args(["check", "--today", TODAY, "--timings", "--root"]);
    let out = command.arg(&root).output().expect("check");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("note: no parse cache"), "{stderr}");
    let report = same_as_cold(&root, "cache folder unwritable");
    assert_eq!(report.reused, 0);
}
