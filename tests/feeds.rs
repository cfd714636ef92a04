//! The feeds of the demo program and of the second example program
//! (`tests/programs/meridian`), read by two independent iCalendar parsers:
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
use telemachy::build::{BuildOptions, build};
use telemachy::model::SessionId;
use telemachy::render::calendar::uid;
use telemachy::render::{Audience, Secret};

#[test]
fn independent_parsers_expand_every_demo_feed_to_our_schedule() {
    let today = NaiveDate::from_ymd_opt(2026, 4, 15).unwrap_or_default();
    parsers_agree_with_the_schedule(Path::new(env!("CARGO_MANIFEST_DIR")), today);
}

#[test]
fn independent_parsers_expand_every_feed_of_the_second_example_program() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs/meridian");
    let today = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap_or_default();
    parsers_agree_with_the_schedule(&root, today);
}

/// Builds the program at `root` for both audiences as of `today` and has
/// each available parser expand every feed and compare it with our schedule.
fn parsers_agree_with_the_schedule(root: &Path, today: NaiveDate) {
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
    let checkers = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/feeds");
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
            .arg(checkers.join("check_feeds.py"))
            .arg(work.path())
            .arg(&expected_path)
            .output()
            .unwrap_or_else(|e| panic!("python: {e}"));
        expect_success("Python icalendar", &output);
    }
    if let Some(dir) = icaljs {
        let output = Command::new("node")
            .arg(checkers.join("check_feeds.mjs"))
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
