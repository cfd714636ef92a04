//! Hostile and broken inputs (SPEC §12): each gives a diagnostic and exit 1
//! or 2, never a panic, and finishes in bounded time.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn example_program() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let status = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .arg("init")
        .arg(dir.path().join("p"))
        .output()
        .unwrap_or_else(|e| panic!("init: {e}"));
    assert!(status.status.success());
    dir
}

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Runs `check --format json` with a hard deadline.
fn check(root: &Path) -> Outcome {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args([
            "check",
            "--format",
            "json",
            "--today",
            "2026-04-15",
            "--root",
        ])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    let deadline = Duration::from_secs(20);
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if started.elapsed() > deadline {
            let _ = child.kill();
            panic!("check did not finish within {deadline:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("wait: {e}"));
    Outcome {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        elapsed: started.elapsed(),
    }
}

fn assert_reported(outcome: &Outcome, code: &str, file: &str) {
    assert_reported_any(outcome, &[code], file);
}

fn assert_reported_any(outcome: &Outcome, codes: &[&str], file: &str) {
    assert!(
        !outcome.stderr.contains("panicked") && outcome.code != Some(101),
        "panicked: {}",
        outcome.stderr
    );
    assert!(
        matches!(outcome.code, Some(1) | Some(2)),
        "exit code {:?}\n{}",
        outcome.code,
        outcome.stdout
    );
    let found = outcome.stdout.lines().any(|line| {
        let value: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
        codes.iter().any(|code| value["code"] == *code) && value["file"] == file
    });
    assert!(
        found,
        "expected {codes:?} in {file}, got:\n{}{}",
        outcome.stdout, outcome.stderr
    );
    assert!(outcome.elapsed < Duration::from_secs(20));
}

#[test]
fn invalid_utf8_is_reported_at_its_line() {
    let dir = example_program();
    let root = dir.path().join("p");
    let mut bytes = b"mentors:\n  - id: ana\n    name: \"Ana ".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(b"\"\n");
    fs::write(root.join("data/mentors.yaml"), bytes).unwrap_or_default();
    let outcome = check(&root);
    assert_reported(&outcome, "E013", "data/mentors.yaml");
    assert!(outcome.stdout.contains("\"line\":3"), "{}", outcome.stdout);
}

/// Typed deserialisation stops at the first value of the wrong shape, so a
/// bomb is refused before it expands; the alias budget backs that up.
#[test]
fn an_alias_bomb_is_refused_quickly() {
    let dir = example_program();
    let root = dir.path().join("p");
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..=9 {
        let p = format!("*a{}", i - 1);
        text.push_str(&format!(
            "a{i}: &a{i} [{p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}]\n"
        ));
    }
    text.push_str("cohorts: []\n");
    fs::write(root.join("data/cohorts.yaml"), &text).unwrap_or_default();
    let outcome = check(&root);
    assert_reported_any(&outcome, &["E014", "E003"], "data/cohorts.yaml");
    let inside = format!(
        "cohorts:\n  - id: bomb\n    title: {}",
        text.replace('\n', "\n      ")
    );
    fs::write(root.join("data/cohorts.yaml"), inside).unwrap_or_default();
    let outcome = check(&root);
    assert_reported_any(&outcome, &["E014", "E002", "E001"], "data/cohorts.yaml");
}

#[test]
fn a_fifty_megabyte_file_is_refused_without_reading_it() {
    let dir = example_program();
    let root = dir.path().join("p");
    let file =
        fs::File::create(root.join("data/learners/huge.yaml")).unwrap_or_else(|e| panic!("{e}"));
    file.set_len(50 * 1024 * 1024)
        .unwrap_or_else(|e| panic!("{e}"));
    let outcome = check(&root);
    assert_reported(&outcome, "E014", "data/learners/huge.yaml");
}

#[test]
fn ten_thousand_levels_of_nesting_are_refused() {
    let dir = example_program();
    let root = dir.path().join("p");
    let deep = format!("mentors: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    fs::write(root.join("data/mentors.yaml"), &deep).unwrap_or_default();
    let block: String = (0..10_000)
        .map(|i| format!("{}- \n", "  ".repeat(i)))
        .collect();
    fs::write(root.join("data/cohorts.yaml"), format!("cohorts:\n{block}")).unwrap_or_default();
    let outcome = check(&root);
    assert_reported(&outcome, "E014", "data/mentors.yaml");
    assert!(
        outcome
            .stdout
            .lines()
            .any(|l| l.contains("data/cohorts.yaml")),
        "{}",
        outcome.stdout
    );
}

#[test]
fn duplicate_keys_are_reported() {
    let dir = example_program();
    let root = dir.path().join("p");
    let path = root.join("data/cohorts.yaml");
    let text = fs::read_to_string(&path).unwrap_or_default();
    fs::write(
        &path,
        text.replace(
            "    end: 2026-04-10\n",
            "    end: 2026-04-10\n    end: 2026-04-11\n",
        ),
    )
    .unwrap_or_default();
    let outcome = check(&root);
    assert_reported(&outcome, "E005", "data/cohorts.yaml");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported() {
    let dir = example_program();
    let root = dir.path().join("p");
    std::os::unix::fs::symlink("..", root.join("data/learners/loop"))
        .unwrap_or_else(|e| panic!("{e}"));
    let outcome = check(&root);
    assert_reported(&outcome, "E012", "data/learners/loop");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = example_program();
    let root = dir.path().join("p");
    // A dangling link cannot be read by anyone, root included.
    std::os::unix::fs::symlink("missing.yaml", root.join("data/learners/ghost.yaml"))
        .unwrap_or_else(|e| panic!("{e}"));
    let locked = root.join("data/learners/locked.yaml");
    fs::write(&locked, "id: locked\n").unwrap_or_default();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap_or_default();
    let outcome = check(&root);
    assert_reported(&outcome, "E012", "data/learners/ghost.yaml");
    // Root reads files whatever their mode; everyone else must get E012.
    if fs::read(&locked).is_err() {
        assert_reported(&outcome, "E012", "data/learners/locked.yaml");
    }
}

#[test]
fn a_missing_root_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(["check", "--root", "/nonexistent/program"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_bad_flag_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(["check", "--today", "yesterday"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
}
