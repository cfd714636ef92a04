//! `telemachy match` on the demo program: the suggestions a coordinator
//! sees, that a person's name changes nothing but the name shown, and
//! `--write` adding the accepted suggestions to the pairs file.
#![cfg(test)]

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn run(root: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_telemachy"))
        .args(["match", "--today", "2026-04-15", "--root"])
        .arg(root)
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("telemachy match: {e}"))
}

fn json(root: &Path) -> Value {
    let out = run(root, &["--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"))
}

fn demo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn suggested(found: &Value, learner: &str) -> Option<String> {
    let waiting = found["learners"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|w| w["learner"] == learner)
        .unwrap_or_else(|| panic!("{learner} is not waiting"));
    waiting["suggested"]["mentor"].as_str().map(str::to_owned)
}

#[test]
fn the_demo_learners_in_matching_get_explained_suggestions() {
    let found = json(demo());
    // Erik wants Python and a clock within two hours: Jonas in Berlin.
    assert_eq!(
        suggested(&found, "erik-nilsson").as_deref(),
        Some("jonas-weber")
    );
    // Grace wants public health data: Amara.
    assert_eq!(
        suggested(&found, "grace-adjei").as_deref(),
        Some("amara-okafor")
    );
    // Gareth's hard wish for Welsh is met by nobody, and each mentor says why.
    assert_eq!(suggested(&found, "gareth-lloyd"), None);
    for waiting in found["learners"].as_array().into_iter().flatten() {
        assert!(
            waiting["alternatives"]
                .as_array()
                .is_some_and(|a| a.len() <= 2)
        );
        let chosen = &waiting["suggested"];
        if chosen.is_null() {
            assert!(waiting["unmatched_because"].is_string());
            continue;
        }
        let parts = chosen["parts"].as_array().cloned().unwrap_or_default();
        let sum: i64 = parts.iter().filter_map(|p| p["milli"].as_i64()).sum();
        assert_eq!(Some(sum), chosen["score_milli"].as_i64());
        assert!(
            parts
                .iter()
                .all(|p| p["reason"].as_str().is_some_and(|r| r.ends_with('.')))
        );
        let kept: Vec<&Value> = waiting["blocked"]
            .as_array()
            .into_iter()
            .flatten()
            .collect();
        assert!(kept.iter().all(|b| b["mentor"] != chosen["mentor"]));
    }
    let human = run(demo(), &[]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.contains("suggested: Jonas Weber (jonas-weber)"),
        "{text}"
    );
    assert!(
        text.contains(
            "asked only for a mentor who speaks Welsh; this mentor speaks English, Irish"
        ),
        "{text}"
    );
}

#[test]
fn one_cohort_at_a_time_and_an_unknown_cohort_is_refused() {
    let out = run(
        demo(),
        &["--format", "json", "--cohort", "2026-winter-teaching"],
    );
    let found: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let cohorts: Vec<&Value> = found["learners"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|w| &w["cohort"])
        .collect();
    assert!(!cohorts.is_empty());
    assert!(cohorts.iter().all(|c| *c == "2026-winter-teaching"));
    let out = run(demo(), &["--cohort", "no-such-cohort"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no cohort no-such-cohort"));
}

/// The document without its `name` fields.
fn without_names(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, _)| *key != "name")
                .map(|(key, value)| (key.clone(), without_names(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_names).collect()),
        other => other.clone(),
    }
}

fn replace_in(path: &Path, pairs: &[(&str, &str)]) {
    let mut text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for (from, to) in pairs {
        assert!(text.contains(from), "{} has no {from}", path.display());
        text = text.replace(from, to);
    }
    fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn names_and_personal_details_change_nothing_but_the_names_shown() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    common::copy_demo(dir.path());
    let before = json(dir.path());
    replace_in(
        &dir.path().join("data/learners/erik-nilsson.yaml"),
        &[
            ("name: Erik Nilsson", "name: Ngozi Okonkwo-Bergström"),
            ("pronouns: he/him", "pronouns: they/them"),
            (
                "email: erik.nilsson@mail.example",
                "email: n.o@mail.example",
            ),
        ],
    );
    replace_in(
        &dir.path().join("data/mentors.yaml"),
        &[
            ("name: Jonas Weber", "name: Fatou Diallo"),
            (
                "email: jonas.weber@northbridge.example",
                "email: f.d@northbridge.example",
            ),
        ],
    );
    let after = json(dir.path());
    assert_ne!(before, after, "the names are shown");
    assert_eq!(without_names(&before), without_names(&after));
}

/// A copy of the demo to write pairs into, and its pairs file as it was.
fn demo_copy() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    common::copy_demo(dir.path());
    let pairs = fs::read_to_string(dir.path().join("data/pairs.yaml")).unwrap();
    (dir, pairs)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn write_appends_the_suggestions_and_checks_what_is_left_to_agree() {
    let (dir, before) = demo_copy();
    let out = run(dir.path(), &["--write"]);
    let err = stderr(&out);
    // The new pairs' charters are still to be agreed: check says what to write.
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("added 4 pair(s) to data/pairs.yaml"), "{err}");
    for id in ["erik-jonas", "grace-amara", "jamal-siobhan", "sunita-amara"] {
        assert!(
            err.contains(&format!(
                "error[E060]: the charter of pair `{id}` leaves these unanswered: `offer`"
            )),
            "{id}: {err}"
        );
    }
    let after = fs::read_to_string(dir.path().join("data/pairs.yaml")).unwrap();
    assert!(after.starts_with(&before), "every line before is kept");
    let added = &after[before.len()..];
    assert!(
        added.starts_with(
            "  - id: erik-jonas  # suggested by telemachy match on 2026-04-15, score 15.0\n    \
             mentor: jonas-weber\n    learner: erik-nilsson\n    start: 2026-04-15\n    \
             phase: initial\n    expectations:\n      goals: "
        ),
        "{added}"
    );
    // Nobody waits any more: each has a pair.
    let again = json(dir.path());
    assert_eq!(
        again["learners"].as_array().map(Vec::len),
        Some(1),
        "{again}"
    );
}

#[test]
fn write_takes_an_alternative_and_refuses_what_a_rule_forbids() {
    let (dir, before) = demo_copy();
    let pairs = dir.path().join("data/pairs.yaml");
    let unchanged = || assert_eq!(fs::read_to_string(&pairs).unwrap(), before);

    let out = run(
        dir.path(),
        &["--write", "--accept", "sunita-sharma=priya-raman"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("`priya-raman` is kept away from `sunita-sharma`: They have no free place"),
        "{}",
        stderr(&out)
    );
    unchanged();
    let out = run(dir.path(), &["--write", "--accept", "gareth-lloyd"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("there is no suggestion for `gareth-lloyd`"));
    unchanged();

    // Amara has two free places: three pairs with her are one too many,
    // and the file is put back byte for byte.
    let out = run(
        dir.path(),
        &[
            "--write",
            "--accept",
            "erik-nilsson=amara-okafor",
            "--accept",
            "grace-adjei",
            "--accept",
            "sunita-sharma",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[E052]: mentor `amara-okafor` has 5 mentees"),
        "{err}"
    );
    assert!(
        !err.contains("E060"),
        "the charters are not what stops it: {err}"
    );
    assert!(
        err.contains("data/pairs.yaml was put back as it was"),
        "{err}"
    );
    unchanged();

    let out = run(
        dir.path(),
        &["--write", "--accept", "erik-nilsson=amara-okafor"],
    );
    assert!(stderr(&out).contains("erik-amara: erik-nilsson with amara-okafor (score 10.9)"));
    let after = fs::read_to_string(&pairs).unwrap();
    assert_eq!(
        after.matches("  - id: ").count(),
        before.matches("  - id: ").count() + 1
    );
}
