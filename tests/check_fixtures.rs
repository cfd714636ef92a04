//! Every diagnostic code has a fixture: a small broken program, run through
//! the real binary, must report that code at the expected file:line:col.
//!
//! A fixture is a directory `tests/fixtures/<code>-<name>/` holding files
//! that replace or add to the example program `telemachy init` writes,
//! an optional `remove` file listing example files to delete, an optional
//! `symlinks` file with one `LINK -> TARGET` per line, and an `expect` file
//! with one `CODE FILE:LINE:COL` per line (`FILE` alone when the diagnostic
//! names only a file).
//!
//! A fixture with a `build` file holds a code only `build` reports (the
//! privacy guard reads the rendered site): the harness runs a public build
//! into a fresh directory, reads the human report, and checks that nothing
//! was written.
//!
//! Symbolic links do not survive every checkout, so they are not committed:
//! the harness makes each listed link after copying the overlay, `LINK`
//! relative to the program root and `TARGET` written into the link as is (so
//! it may dangle). Links need Unix; elsewhere a fixture with a `symlinks`
//! file is skipped with a message.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const TODAY: &str = "2026-04-15";

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_overlay(from: &Path, to: &Path) {
    for entry in walk(from) {
        let relative = entry.strip_prefix(from).unwrap_or(&entry);
        let name = relative.to_string_lossy();
        if name == "expect" || name == "remove" || name == "symlinks" {
            continue;
        }
        let target = to.join(relative);
        fs::create_dir_all(target.parent().unwrap_or(to)).unwrap_or_default();
        fs::copy(&entry, &target).unwrap_or_else(|e| panic!("copy {}: {e}", entry.display()));
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Builds the fixture's program in a fresh temporary directory.
fn materialise(fixture: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let root = dir.path().join("program");
    let status = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .arg("init")
        .arg(&root)
        .output()
        .unwrap_or_else(|e| panic!("run init: {e}"));
    assert!(status.status.success(), "init failed: {status:?}");
    if let Ok(list) = fs::read_to_string(fixture.join("remove")) {
        for line in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
            fs::remove_file(root.join(line)).unwrap_or_else(|e| panic!("remove {line}: {e}"));
        }
    }
    copy_overlay(fixture, &root);
    #[cfg(unix)]
    if let Ok(list) = fs::read_to_string(fixture.join("symlinks")) {
        make_symlinks(&list, &root);
    }
    dir
}

/// Creates the links listed in a fixture's `symlinks` file.
#[cfg(unix)]
fn make_symlinks(list: &str, root: &Path) {
    for line in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (link, target) = line
            .split_once(" -> ")
            .unwrap_or_else(|| panic!("symlinks: `{line}` is not `LINK -> TARGET`"));
        let link = root.join(link.trim());
        fs::create_dir_all(link.parent().unwrap_or(root)).unwrap_or_default();
        std::os::unix::fs::symlink(target.trim(), &link)
            .unwrap_or_else(|e| panic!("symlink {}: {e}", link.display()));
    }
}

#[derive(Debug, PartialEq, Eq)]
struct Expected {
    code: String,
    file: String,
    line: Option<u64>,
    column: Option<u64>,
}

fn parse_expect(text: &str) -> Vec<Expected> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let (code, place) = line.split_once(' ').unwrap_or((line, ""));
            let mut parts = place.trim().split(':');
            let file = parts.next().unwrap_or("").to_string();
            let line = parts.next().and_then(|n| n.parse().ok());
            let column = parts.next().and_then(|n| n.parse().ok());
            Expected {
                code: code.to_string(),
                file,
                line,
                column,
            }
        })
        .collect()
}

/// The diagnostics of a human report, as the JSON printer would give them:
/// each `error[CODE]` header with the `--> FILE:LINE:COL` under it.
fn human_report(text: &str) -> Vec<serde_json::Value> {
    let mut reported = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(code) = line
            .split_once('[')
            .filter(|(level, _)| *level == "error" || *level == "warning")
            .and_then(|(_, rest)| rest.split_once(']'))
            .map(|(code, _)| code)
        else {
            continue;
        };
        let place = lines
            .next()
            .and_then(|l| l.split_once("--> "))
            .map(|(_, place)| place.trim())
            .unwrap_or_default();
        let mut parts = place.split(':');
        reported.push(serde_json::json!({
            "code": code,
            "file": parts.next().unwrap_or_default(),
            "line": parts.next().and_then(|n| n.parse::<u64>().ok()),
            "column": parts.next().and_then(|n| n.parse::<u64>().ok()),
        }));
    }
    reported
}

#[test]
fn the_example_program_is_clean() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let root = dir.path().join("program");
    let init = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .arg("init")
        .arg(&root)
        .output()
        .unwrap_or_else(|e| panic!("run init: {e}"));
    assert!(init.status.success());
    let out = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(["check", "--format", "json", "--today", TODAY, "--root"])
        .arg(&root)
        .output()
        .unwrap_or_else(|e| panic!("run check: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.trim().is_empty(),
        "the example program has diagnostics:\n{stdout}"
    );
    assert_eq!(out.status.code(), Some(0));
    // The privacy guard finds nothing to stop in its public site either.
    let built = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(["build", "--today", TODAY, "--out"])
        .arg(dir.path().join("public"))
        .arg("--root")
        .arg(&root)
        .env_remove("TELEMACHY_SECRET")
        .output()
        .unwrap_or_else(|e| panic!("run build: {e}"));
    assert_eq!(
        built.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
}

#[test]
fn every_fixture_reports_its_code_at_its_place() {
    let mut failures = Vec::new();
    let mut count = 0;
    let mut fixtures: Vec<PathBuf> = fs::read_dir(fixtures_dir())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    fixtures.sort();
    for fixture in fixtures {
        count += 1;
        let name = fixture
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if cfg!(not(unix)) && fixture.join("symlinks").exists() {
            eprintln!("{name}: skipped: its symbolic links can be made on Unix only");
            continue;
        }
        let expect_text = fs::read_to_string(fixture.join("expect"))
            .unwrap_or_else(|_| panic!("{name} has no expect file"));
        let expected = parse_expect(&expect_text);
        assert!(!expected.is_empty(), "{name}: empty expect file");
        let dir = materialise(&fixture);
        let site = dir.path().join("public");
        let by_build = fixture.join("build").exists();
        let out = if by_build {
            Command::new(env!("CARGO_BIN_EXE_telemachy"))
                .args(["build", "--today", TODAY, "--out"])
                .arg(&site)
                .arg("--root")
                .arg(dir.path().join("program"))
                .env("NO_COLOR", "1")
                .env_remove("TELEMACHY_SECRET")
                .output()
                .unwrap_or_else(|e| panic!("run build: {e}"))
        } else {
            Command::new(env!("CARGO_BIN_EXE_telemachy"))
                .args(["check", "--format", "json", "--today", TODAY, "--root"])
                .arg(dir.path().join("program"))
                .output()
                .unwrap_or_else(|e| panic!("run check: {e}"))
        };
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        if stderr.contains("panicked") || out.status.code() == Some(101) {
            failures.push(format!("{name}: the binary panicked:\n{stderr}"));
            continue;
        }
        let (stdout, reported) = if by_build {
            if site.exists() {
                failures.push(format!(
                    "{name}: the refused build wrote {}",
                    site.display()
                ));
            }
            (stderr.clone(), human_report(&stderr))
        } else {
            let reported = stdout
                .lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect();
            (stdout, reported)
        };
        for want in &expected {
            let found = reported.iter().any(|d| {
                d["code"] == want.code.as_str()
                    && d["file"] == want.file.as_str()
                    && want.line.is_none_or(|l| d["line"].as_u64() == Some(l))
                    && want.column.is_none_or(|c| d["column"].as_u64() == Some(c))
            });
            if !found {
                failures.push(format!("{name}: expected {want:?}, got:\n{stdout}"));
            }
        }
        let wants_error = expected.iter().any(|e| e.code.starts_with('E'));
        let code = out.status.code();
        if code != Some(if wants_error { 1 } else { 0 }) {
            failures.push(format!("{name}: exit code {code:?}, stdout:\n{stdout}"));
        }
    }
    assert!(count > 0, "no fixtures found");
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_code_has_a_fixture_and_a_doc_entry() {
    let docs = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/checks.md"))
        .unwrap_or_default();
    let names: Vec<String> = fs::read_dir(fixtures_dir())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let mut missing = Vec::new();
    for code in telemachy::diagnostic::Code::ALL {
        if !names.iter().any(|n| n.starts_with(&format!("{code}-"))) {
            missing.push(format!("{code}: no fixture"));
        }
        let heading = format!("## {code} — {}", code.title());
        if !docs.lines().any(|line| line == heading) {
            missing.push(format!("{code}: no `{heading}` in docs/checks.md"));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
