//! `telemachy match` on the demo program: the suggestions a coordinator
//! sees, and that a person's name changes nothing but the name shown.

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
