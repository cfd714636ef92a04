//! Suggestions on the example program with learners waiting in matching,
//! and scores worked out by hand.

use chrono::NaiveDate;

use super::*;
use crate::testing::{example, example_with};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 10).unwrap_or_default()
}

/// A learner of the first cohort in matching since 9 January.
fn learner(id: &str, goal: &str, preferences: &str) -> String {
    format!(
        "id: {id}\nname: Someone {id}\ncohort: first-cohort\npath: getting-started\n\
         intake:\n  date: 2026-01-05\n  goal: {goal}\n  baseline:\n    python: 1\n    git: 3\n\
         preferences: {preferences}\n\
         journey:\n  - {{stage: intake, date: 2026-01-05}}\n  - {{stage: matching, date: 2026-01-09}}\n\
         status: active\n"
    )
}

fn bo() -> String {
    learner(
        "bo",
        "Learn Python code review for a first project",
        "[{kind: language, value: es}]",
    )
}

fn cy() -> String {
    learner(
        "cy",
        "Run good group sessions",
        "[{kind: language, value: es, hard: true}]",
    )
}

fn milli(waiting: &Waiting, part: &str) -> i64 {
    let candidate = waiting
        .suggested
        .as_ref()
        .unwrap_or_else(|| panic!("no suggestion"));
    candidate
        .parts
        .iter()
        .find(|p| p.part == part)
        .map_or(-1, |p| p.milli)
}

#[test]
fn scores_are_the_weighted_parts_worked_out_by_hand() {
    let program = example_with(&[("data/learners/bo.yaml", bo())]);
    let found = suggest(&program, today(), None);
    let [bo] = &found.learners[..] else {
        panic!("{found:#?}")
    };
    let grace = bo.suggested.as_ref().map(|c| c.mentor.as_str());
    assert_eq!(grace, Some("grace-hopper-example"));
    // Goal: python and code review share words with it (2 of 2). Path:
    // nothing (0 of 2). Weakest skill python, covered (3 of 3). Spanish
    // wanted, not spoken (0 of 3). Both in London (2 of 2).
    assert_eq!(milli(bo, "goal"), 2000);
    assert_eq!(milli(bo, "path"), 0);
    assert_eq!(milli(bo, "weakest_skills"), 3000);
    assert_eq!(milli(bo, "language"), 0);
    assert_eq!(milli(bo, "waking_overlap"), 2000);
    assert_eq!(bo.suggested.as_ref().map(|c| c.score_milli), Some(7000));
    // Tomás speaks Spanish (3) and lives one hour ahead all spring (13 of
    // 14 waking hours: 2 × 13/14 = 1.857).
    let tomas = &bo.alternatives[0];
    assert_eq!(tomas.mentor, "tomas-example");
    assert_eq!(tomas.score_milli, 3000 + 1857);
    assert_eq!(found.total, "7.0");
}

#[test]
fn the_best_for_the_cohort_wins_over_the_best_for_one() {
    // Both learners score most with Grace, but Cy may only have a Spanish
    // speaker, so Bo goes to Grace and Cy to Tomás; with Tomás full, Cy is
    // left unmatched with the rule that blocks each mentor.
    let program = example_with(&[
        ("data/learners/bo.yaml", bo()),
        ("data/learners/cy.yaml", cy()),
    ]);
    let found = suggest(&program, today(), None);
    let chosen: Vec<_> = found
        .learners
        .iter()
        .map(|w| {
            (
                w.learner.as_str(),
                w.suggested.as_ref().map(|c| c.mentor.as_str()),
            )
        })
        .collect();
    assert_eq!(
        chosen,
        [
            ("bo", Some("grace-hopper-example")),
            ("cy", Some("tomas-example"))
        ]
    );
    let second = &found.learners[1];
    assert_eq!(second.blocked.len(), 1);
    assert_eq!(second.blocked[0].rule, "hard_preference");
    assert_eq!(
        second.blocked[0].reason,
        "The learner asked only for a mentor who speaks es; this mentor speaks en."
    );

    let full = example("data/mentors.yaml").replace("mentees: 1", "mentees: 0");
    let program = example_with(&[("data/learners/cy.yaml", cy()), ("data/mentors.yaml", full)]);
    let found = suggest(&program, today(), None);
    let only = &found.learners[0];
    assert!(only.suggested.is_none());
    let rules: Vec<_> = only
        .blocked
        .iter()
        .map(|b| (b.mentor.as_str(), b.rule))
        .collect();
    assert_eq!(
        rules,
        [
            ("grace-hopper-example", "hard_preference"),
            ("tomas-example", "capacity")
        ]
    );
    assert!(
        render_human(&found)
            .contains("kept away: Tomás Example (tomas-example): They have no free place")
    );
}

#[test]
fn a_mentor_of_an_ended_pair_is_not_suggested_again() {
    let pairs = example("data/pairs.yaml").replace("learner: ada-example", "learner: bo");
    let program = example_with(&[("data/learners/bo.yaml", bo()), ("data/pairs.yaml", pairs)]);
    let found = suggest(&program, today(), None);
    let bo = &found.learners[0];
    assert_eq!(
        bo.suggested.as_ref().map(|c| c.mentor.as_str()),
        Some("tomas-example")
    );
    assert_eq!(bo.blocked[0].rule, "earlier_pair");
    assert!(
        bo.blocked[0]
            .reason
            .contains("pair ada-grace, which was completed")
    );
}

#[test]
fn weights_come_from_the_program() {
    let policy = example("data/program.yaml")
        + "\nmatching:\n  weights:\n    language: 10\n    waking_overlap: 0\n";
    let program = example_with(&[
        ("data/learners/bo.yaml", bo()),
        ("data/program.yaml", policy),
    ]);
    let found = suggest(&program, today(), None);
    let bo = &found.learners[0];
    // Spanish now weighs 10: Tomás (10) passes Grace (2 + 3).
    assert_eq!(
        bo.suggested.as_ref().map(|c| c.mentor.as_str()),
        Some("tomas-example")
    );
    assert_eq!(bo.suggested.as_ref().map(|c| c.score_milli), Some(10_000));
    assert!(
        bo.suggested
            .iter()
            .flat_map(|c| &c.parts)
            .all(|p| p.part != "waking_overlap")
    );
}

#[test]
fn learners_past_matching_or_with_a_pair_are_not_waiting() {
    let program = example_with(&[(
        "data/learners/bo.yaml",
        bo().replace("status: active", "status: withdrawn"),
    )]);
    assert!(suggest(&program, today(), None).learners.is_empty());
}

/// The scale figure of docs/performance.md: run once with
/// `cargo test --lib matching::tests::scale -- --ignored --nocapture`.
#[test]
#[ignore = "prints a timing; run by hand for docs/performance.md"]
fn scale_500_learners_200_mentors() {
    const ZONES: &[&str] = &[
        "Europe/London",
        "Europe/Berlin",
        "America/New_York",
        "Asia/Kolkata",
        "Africa/Lagos",
        "Asia/Tokyo",
        "America/Sao_Paulo",
        "Australia/Sydney",
    ];
    const TOPICS: &[&str] = &[
        "SQL",
        "Python",
        "statistics",
        "spreadsheets",
        "data visualisation",
        "dashboards",
        "public health data",
        "data engineering",
        "career change into data",
        "interview preparation",
    ];
    const LANGUAGES: &[&str] = &["English", "Spanish", "French", "Hindi", "German", "Yoruba"];
    let mut rng = fastrand::Rng::with_seed(42);
    fn pick(rng: &mut fastrand::Rng, list: &[&'static str]) -> &'static str {
        list[rng.usize(..list.len())]
    }
    // After the example's two mentors, who facilitate and hold its pair.
    let mut mentors = example("data/mentors.yaml");
    for m in 0..200 {
        mentors += &format!(
            "  - id: m{m:03}\n    name: M {m}\n    timezone: {}\n    expertise: [{}, {}, {}]\n    \
             languages: [English, {}]\n    capacity: {{mentees: {}, hours_per_week: 6}}\n    tiers: [coaching]\n",
            pick(&mut rng, ZONES),
            pick(&mut rng, TOPICS),
            pick(&mut rng, TOPICS),
            pick(&mut rng, TOPICS),
            pick(&mut rng, LANGUAGES),
            m % 4,
        );
    }
    let mut files = vec![("data/mentors.yaml".to_owned(), mentors)];
    for l in 0..500 {
        let hard = if l % 10 == 0 { "true" } else { "false" };
        let text = format!(
            "id: l{l:03}\nname: L {l}\ncohort: first-cohort\npath: getting-started\ntimezone: {}\n\
             intake:\n  date: 2026-01-05\n  goal: Move into {} and {} work\n  baseline:\n    \
             python: {}\n    sql: {}\n    statistics: {}\n\
             preferences:\n  - {{kind: expertise, value: {}}}\n  - {{kind: language, value: {}, hard: {hard}}}\n  \
             - {{kind: timezone-window, value: \"{}\"}}\n\
             journey:\n  - {{stage: intake, date: 2026-01-05}}\n  - {{stage: matching, date: 2026-01-09}}\n\
             status: active\n",
            pick(&mut rng, ZONES),
            pick(&mut rng, TOPICS),
            pick(&mut rng, TOPICS),
            rng.u8(0..5),
            rng.u8(0..5),
            rng.u8(0..5),
            pick(&mut rng, TOPICS),
            pick(&mut rng, LANGUAGES),
            rng.u8(1..6),
        );
        files.push((format!("data/learners/l{l:03}.yaml"), text));
    }
    let changes: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    if let Some(dir) = std::env::var_os("TELEMACHY_MATCH_SCALE_DIR") {
        crate::testing::write_example(std::path::Path::new(&dir), &changes);
    }
    let program = example_with(&changes);
    assert_eq!(program.learners.len(), 501);
    assert_eq!(program.mentors.len(), 202);
    let started = std::time::Instant::now();
    let found = suggest(&program, today(), None);
    let took = started.elapsed();
    let matched = found
        .learners
        .iter()
        .filter(|w| w.suggested.is_some())
        .count();
    println!(
        "match: {} learners waiting × {} mentors, {matched} matched, total {} in {took:.2?}",
        found.learners.len(),
        program.mentors.len(),
        found.total
    );
}

#[test]
fn a_policy_out_of_range_is_reported_where_it_is_written() {
    let policy = example("data/program.yaml")
        + "\nmatching:\n  waking_from: 9\n  waking_until: 7\n  weights:\n    goal: 5000\n";
    let found = crate::testing::checked_with(&[("data/program.yaml", policy)], "2026-01-10");
    let bad: Vec<String> = found
        .iter()
        .filter(|d| d.code.as_str() == "E011")
        .map(|d| format!("{} {}", crate::testing::at(d), d.message))
        .collect();
    assert_eq!(bad.len(), 2, "{bad:#?}");
    assert!(
        bad[0].contains("ends at an hour after it starts"),
        "{bad:#?}"
    );
    assert!(bad[1].contains("at most 1000"), "{bad:#?}");
    assert!(
        bad.iter().all(|b| b.starts_with("data/program.yaml:")),
        "{bad:#?}"
    );
}
