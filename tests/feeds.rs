//! The demo program's feeds, read by two independent iCalendar parsers:
//! Python `icalendar` with `recurring-ical-events` (pinned in
//! `tests/feeds/requirements.txt`) and Mozilla's ical.js (pinned in
//! `tests/browser/package.json`). Every event they expand must be a meeting
//! of our own schedule, with the same instants and status.
//!
//! The parsers are found through `TELEMACHY_ICAL_PYTHON`, a Python with
//! those packages installed, and `TELEMACHY_ICALJS_DIR`, a Node project
//! directory with ical.js in its `node_modules` (CI sets up both). Without
//! one the test says so loudly and checks with the other; without both it
//! passes, so `cargo test` needs nothing beyond Rust.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::process::Output;

use chrono::NaiveDate;
use telemachy::build::{BuildFailure, BuildOptions, build};
use telemachy::diagnostic::Code;
use telemachy::model::SessionId;
use telemachy::render::calendar::uid;
use telemachy::render::{Audience, Secret};

#[test]
fn independent_parsers_expand_every_demo_feed_to_our_schedule() {
    let python = std::env::var("TELEMACHY_ICAL_PYTHON").ok();
    if python.is_none() {
        eprintln!(
            "*** SKIPPED: TELEMACHY_ICAL_PYTHON is not set, so Python's icalendar did not read the feeds (.ci/run sets it up) ***"
        );
    }
    let icaljs = std::env::var("TELEMACHY_ICALJS_DIR").ok();
    if icaljs.is_none() {
        eprintln!(
            "*** SKIPPED: TELEMACHY_ICALJS_DIR is not set, so ical.js did not read the feeds (.ci/run sets it up) ***"
        );
    }
    if python.is_none() && icaljs.is_none() {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let today = NaiveDate::from_ymd_opt(2026, 4, 15).unwrap_or_default();
    let secret = Secret::new("0123456789abcdef0123456789abcdef").unwrap_or_else(|e| panic!("{e}"));
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut expected: BTreeMap<String, Vec<[String; 3]>> = BTreeMap::new();
    for (name, audience) in [("public", Audience::Public), ("staff", Audience::Staff)] {
        let options = BuildOptions {
            root: root.to_path_buf(),
            out: work.path().join(name),
            audience,
            today,
            base_url: None,
            secret: Some(secret.clone()),
        };
        let report = build(&options).unwrap_or_else(|e| panic!("build: {e:?}"));
        let program = &report.checked.program;
        for (i, session) in program.sessions.iter().enumerate() {
            let occurrences = report
                .checked
                .schedule
                .of(SessionId(i as u32))
                .iter()
                .map(|o| {
                    let status = if o.is_live() {
                        "CONFIRMED"
                    } else {
                        "CANCELLED"
                    };
                    [
                        o.start.format("%Y%m%dT%H%M%SZ").to_string(),
                        o.end.format("%Y%m%dT%H%M%SZ").to_string(),
                        status.to_string(),
                    ]
                })
                .collect();
            expected.insert(uid(&program.settings.base_url, session), occurrences);
        }
    }
    let expected_path = work.path().join("expected.json");
    std::fs::write(
        &expected_path,
        serde_json::to_string(&expected).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    if let Some(python) = python {
        let output = Command::new(python)
            .arg(root.join("tests/feeds/check_feeds.py"))
            .arg(work.path())
            .arg(&expected_path)
            .output()
            .unwrap_or_else(|e| panic!("python: {e}"));
        expect_success("Python icalendar", &output);
    }
    if let Some(dir) = icaljs {
        let output = Command::new("node")
            .arg(root.join("tests/feeds/check_feeds.mjs"))
            .arg(dir)
            .arg(work.path())
            .arg(&expected_path)
            .output()
            .unwrap_or_else(|e| panic!("node: {e}"));
        expect_success("ical.js", &output);
    }
}

/// Fails with the checker's whole report unless it succeeded; prints it otherwise.
fn expect_success(parser: &str, output: &Output) {
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{parser} disagrees with the schedule:\n{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!("{parser}:\n{report}");
}

/// A program made by `telemachy init` in a fresh directory, with `edit`
/// applied to one of its files.
fn example_program(file: &str, edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let root = dir.path().join("program");
    telemachy::init::init(&root).unwrap_or_else(|e| panic!("init: {e}"));
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    std::fs::write(&path, edit(text)).unwrap_or_else(|e| panic!("{file}: {e}"));
    dir
}

#[test]
fn a_base_url_flag_that_is_not_a_web_address_stops_the_build_with_exit_2() {
    let dir = example_program("data/program.yaml", |text| text);
    let out = dir.path().join("public");
    for url in [
        "javascript:alert(1)//",
        "https://mentoring.example.org/\r\nDisallow: /",
        "https://mentoring.example.org/ x",
    ] {
        let run = Command::new(env!("CARGO_BIN_EXE_telemachy"))
            .args(["build", "--today", "2026-04-15", "--root"])
            .arg(dir.path().join("program"))
            .arg("--out")
            .arg(&out)
            .args(["--base-url", url])
            .output()
            .unwrap_or_else(|e| panic!("run build: {e}"));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{url:?}: {stderr}");
        assert!(stderr.contains("--base-url"), "{url:?}: {stderr}");
        assert!(!out.exists(), "{url:?}: something was written");
    }
}

#[test]
fn a_base_url_with_a_line_break_is_e080_at_its_place_and_nothing_is_written() {
    let dir = example_program("data/program.yaml", |text| {
        text.replace(
            "base_url: https://mentoring.example.org/",
            "base_url: \"https://mentoring.example.org/\\r\\nBEGIN:VEVENT\"",
        )
    });
    let out = dir.path().join("public");
    let options = BuildOptions {
        root: dir.path().join("program"),
        out: out.clone(),
        audience: Audience::Public,
        today: NaiveDate::from_ymd_opt(2026, 4, 15).unwrap_or_default(),
        base_url: None,
        secret: None,
    };
    let Err(BuildFailure::Invalid(checked)) = build(&options) else {
        panic!("the build went ahead");
    };
    let e080: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::BadUrl)
        .filter_map(|d| d.location.as_ref())
        .map(|l| format!("{}:{}:{}", l.file.display(), l.line, l.column))
        .collect();
    assert_eq!(e080, ["data/program.yaml:6:11"]);
    assert!(!out.join("robots.txt").exists());
    assert!(!out.join("calendar/program.ics").exists());
    assert!(!out.exists());
}
