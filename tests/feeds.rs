//! The demo program's feeds, read by an independent iCalendar parser
//! (Python `icalendar` and `recurring-ical-events`, pinned in
//! `tests/feeds/requirements.txt`): every event it expands must be a meeting
//! of our own schedule, with the same instants and status.
//!
//! The parser is found through `MENTORSTACK_ICAL_PYTHON`, a Python with those
//! packages installed (CI sets one up). Without it the test says so and
//! passes, so `cargo test` needs nothing beyond Rust.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use mentorstack::build::{BuildOptions, build};
use mentorstack::model::SessionId;
use mentorstack::render::calendar::uid;
use mentorstack::render::{Audience, Secret};

#[test]
fn an_independent_parser_expands_every_demo_feed_to_our_schedule() {
    let Ok(python) = std::env::var("MENTORSTACK_ICAL_PYTHON") else {
        eprintln!("*** SKIPPED: MENTORSTACK_ICAL_PYTHON is not set, so no external iCalendar parser read the feeds (.ci/run sets it up) ***");
        return;
    };
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
    let output = Command::new(python)
        .arg(root.join("tests/feeds/check_feeds.py"))
        .arg(work.path())
        .arg(&expected_path)
        .output()
        .unwrap_or_else(|e| panic!("python: {e}"));
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!("{report}");
}
