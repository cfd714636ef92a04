//! Every diagnostic code has a fixture: a small broken program, run through
//! the real binary, must report exactly the diagnostics its `expect` file
//! lists, in that order, and nothing else: one mistake, one diagnostic, and
//! the cause first.
//!
//! A fixture is a directory `tests/fixtures/<code>-<name>/` holding files
//! that replace or add to the example program `telemachy init` writes,
//! an optional `remove` file listing example files to delete, an optional
//! `symlinks` file with one `LINK -> TARGET` per line, and an `expect` file
//! with one `CODE FILE:LINE:COL` per line (`FILE` alone when the diagnostic
//! names only a file), every diagnostic `check` prints, in the order it
//! prints them; lines starting with `#` say why.
//!
//! The human report of a few fixtures is kept as a snapshot in
//! `tests/snapshots/check-<fixture>.snap`, as rustc keeps the `.stderr` of
//! its UI tests: `INSTA_UPDATE=always cargo test --test check_fixtures`
//! writes them again, and the diff shows what a user would now read.
//!
//! A fixture with a `build` file holds a code only `build` reports (the
//! privacy guard reads the rendered site): the harness runs a public build
//! into a fresh directory, reads the human report, and checks that nothing
//! was written.
//!
//! A fixture with an `import` file holds a code only `telemachy import`
//! reports (a sheet or a mapping that cannot be read): the file holds the
//! command's arguments (`--mapping people.map.yaml people.csv`), run in the
//! program's folder; the JSON report must be the `expect` lines (paths as
//! given on the command line), and no file of the program may change.
//!
//! Symbolic links do not survive every checkout, so they are not committed:
//! the harness makes each listed link after copying the overlay, `LINK`
//! relative to the program root and `TARGET` written into the link as is (so
//! it may dangle). Links need Unix; elsewhere a fixture with a `symlinks`
//! file is skipped with a message.

#![cfg(test)]

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
        if name == "expect" || name == "remove" || name == "symlinks" || name == "import" {
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
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("program");
    let status = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .arg("init")
        .arg(&root)
        .output()
        .expect("run init");
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

/// The lines of an `expect` file, as `CODE FILE:LINE:COL`.
fn parse_expect(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// A diagnostic of the JSON report as an `expect` line.
fn as_expect_line(d: &serde_json::Value) -> String {
    let code = d["code"].as_str().unwrap_or("?");
    let file = d["file"].as_str().unwrap_or("");
    match (d["line"].as_u64(), d["column"].as_u64()) {
        (Some(line), Some(column)) => format!("{code} {file}:{line}:{column}"),
        _ => format!("{code} {file}"),
    }
}

/// Every file under `root` and its bytes.
fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    walk(root)
        .into_iter()
        .map(|path| {
            let bytes = fs::read(&path).unwrap_or_default();
            (path, bytes)
        })
        .collect()
}

/// Runs `import` with `args` in the program's folder; its exit code and
/// its JSON lines.
fn import_json(root: &Path, args: &str) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .current_dir(root)
        .args([
            "import", "--format", "json", "--today", TODAY, "--root", ".",
        ])
        .args(args.split_whitespace())
        .output()
        .unwrap_or_else(|e| panic!("run import: {e}"));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `check` on a program; its exit code and its JSON lines.
fn check_json(root: &Path) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(["check", "--format", "json", "--today", TODAY, "--root"])
        .arg(root)
        .output()
        .expect("run check");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
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

/// Every fixture directory, sorted.
fn fixtures() -> Vec<PathBuf> {
    let mut fixtures: Vec<PathBuf> = fs::read_dir(fixtures_dir())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    fixtures.sort();
    fixtures
}

#[test]
fn the_example_program_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("program");
    let init = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .arg("init")
        .arg(&root)
        .output()
        .expect("run init");
    assert!(init.status.success());
    let (code, stdout, _) = check_json(&root);
    // Exactly one line: the summary, so CI can tell a clean run from none.
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "the example program has diagnostics:\n{stdout}"
    );
    let summary: serde_json::Value = serde_json::from_str(lines[0]).unwrap_or_default();
    assert!(summary["elapsed_ms"].is_u64(), "{stdout}");
    let mut summary = summary;
    summary["elapsed_ms"] = serde_json::json!(0);
    // Six data files, a path with two modules, and a page.
    assert_eq!(
        summary,
        serde_json::json!({
            "kind": "summary", "errors": 0, "warnings": 0, "files": 10, "elapsed_ms": 0
        })
    );
    assert_eq!(code, Some(0));
    // The privacy guard finds nothing to stop in its public site either.
    let built = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(["build", "--today", TODAY, "--out"])
        .arg(dir.path().join("public"))
        .arg("--root")
        .arg(&root)
        .env_remove("TELEMACHY_SECRET")
        .output()
        .expect("run build");
    assert_eq!(
        built.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
}

#[test]
fn every_fixture_reports_exactly_its_expected_diagnostics() {
    let mut failures = Vec::new();
    let mut count = 0;
    for fixture in fixtures() {
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
        if fixture.join("build").exists() {
            failures.extend(refused_build(&name, dir.path(), &expected));
            continue;
        }
        let root = dir.path().join("program");
        let before = snapshot(&root);
        let (code, stdout, stderr) = match fs::read_to_string(fixture.join("import")) {
            Ok(args) => {
                let ran = import_json(&root, &args);
                if snapshot(&root) != before {
                    failures.push(format!("{name}: the import changed the program's files"));
                }
                ran
            }
            Err(_) => check_json(&root),
        };
        if stderr.contains("panicked") || code == Some(101) {
            failures.push(format!("{name}: the binary panicked:\n{stderr}"));
            continue;
        }
        let mut reported: Vec<serde_json::Value> = stdout
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        let summary = reported.pop().unwrap_or_default();
        let got: Vec<String> = reported.iter().map(as_expect_line).collect();
        if got != expected {
            failures.push(format!(
                "{name}: expected\n  {}\ngot\n  {}\n(full report:\n{stdout})",
                expected.join("\n  "),
                got.join("\n  ")
            ));
        }
        let errors = got.iter().filter(|e| e.starts_with('E')).count();
        let warnings = got.len() - errors;
        let counts = (
            summary["kind"].as_str(),
            summary["errors"].as_u64(),
            summary["warnings"].as_u64(),
        );
        if counts != (Some("summary"), Some(errors as u64), Some(warnings as u64)) {
            failures.push(format!(
                "{name}: the report does not end with a summary that counts it:\n{stdout}"
            ));
        }
        if code != Some(if errors > 0 { 1 } else { 0 }) {
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

/// Runs a public build of a fixture that only `build` reports on: what is
/// wrong with it, if its human report is not exactly `expected`, it did not
/// exit 1, or it wrote anything.
fn refused_build(name: &str, dir: &Path, expected: &[String]) -> Vec<String> {
    let site = dir.join("public");
    let out = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(["build", "--today", TODAY, "--out"])
        .arg(&site)
        .arg("--root")
        .arg(dir.join("program"))
        .env("NO_COLOR", "1")
        .env_remove("TELEMACHY_SECRET")
        .output()
        .expect("run build");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut failures = Vec::new();
    if stderr.contains("panicked") || out.status.code() != Some(1) {
        failures.push(format!(
            "{name}: the build exited {:?}:\n{stderr}",
            out.status.code()
        ));
    }
    if site.exists() {
        failures.push(format!(
            "{name}: the refused build wrote {}",
            site.display()
        ));
    }
    let got: Vec<String> = human_report(&stderr).iter().map(as_expect_line).collect();
    if got != expected {
        failures.push(format!(
            "{name}: expected\n  {}\ngot\n  {}\n(full report:\n{stderr})",
            expected.join("\n  "),
            got.join("\n  ")
        ));
    }
    failures
}

/// The fixtures whose human report is kept as a snapshot.
const SNAPSHOTS: [&str; 4] = [
    "E001-tab-in-sessions",
    "E001-indented-too-deep",
    "E001-learner-file-broken",
    "E009-unknown-mentor",
];

#[test]
fn the_human_report_of_chosen_fixtures_is_as_kept() {
    for name in SNAPSHOTS {
        let dir = materialise(&fixtures_dir().join(name));
        let out = Command::new(env!("CARGO_BIN_EXE_telemachy"))
            .args(["check", "--today", TODAY, "--root"])
            .arg(dir.path().join("program"))
            .env("NO_COLOR", "1")
            .output()
            .expect("run check");
        let stderr = String::from_utf8_lossy(&out.stderr);
        // The time taken is the one part that changes from run to run.
        let report: String = stderr
            .lines()
            .map(|line| match line.rsplit_once(" in ") {
                Some((head, _)) if line.starts_with("checked ") => format!("{head} in [elapsed]"),
                _ => line.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!(format!("check-{name}"), report));
    }
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
