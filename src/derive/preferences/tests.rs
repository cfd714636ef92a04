//! Each kind of preference judged on the example pair, and the words that
//! say what is not met.

use super::*;
use crate::testing::{example, example_with};

/// Ada's example file with `lines` added at its end (a `timezone:`, a
/// `preferences:` list).
fn ada_with(lines: &str) -> String {
    format!("{}{lines}", example("data/learners/ada-example.yaml"))
}

/// What pair `ada-grace` does not meet when Ada's file ends with
/// `lines` and the pairs file is edited by `pairs`, one line per kind:
/// `hard|soft: wanted; offer`, the mentor called Grace.
fn unmet_of(lines: &str, pairs: impl Fn(String) -> String) -> Vec<String> {
    let program = example_with(&[
        ("data/learners/ada-example.yaml", ada_with(lines)),
        ("data/pairs.yaml", pairs(example("data/pairs.yaml"))),
    ]);
    let pair = &program.pairs[0];
    assert_eq!(pair.key, "ada-grace");
    unmet(&program, pair)
        .iter()
        .map(|u| {
            let plain = |s: &str| s.to_string();
            let hardness = if u.hard { "hard" } else { "soft" };
            format!(
                "{hardness}: {}; {}",
                u.wanted_words(plain),
                u.offer_words("Grace", plain)
            )
        })
        .collect()
}

fn same_pairs(text: String) -> String {
    text
}

#[test]
fn expertise_is_met_by_any_wanted_value_written_alike() {
    let found = unmet_of(
        "preferences:\n  - {kind: expertise, value: Python, hard: true}\n",
        same_pairs,
    );
    assert_eq!(found, Vec::<String>::new());
    let found = unmet_of(
        "preferences:\n  - {kind: expertise, value: rust, hard: true}\n  \
         - {kind: expertise, value: code review, hard: true}\n",
        same_pairs,
    );
    assert_eq!(
        found,
        Vec::<String>::new(),
        "`code review` is `code-review`"
    );
    let found = unmet_of(
        "preferences:\n  - {kind: expertise, value: rust, hard: true}\n  \
         - {kind: expertise, value: go, hard: true}\n",
        same_pairs,
    );
    assert_eq!(
        found,
        [
            "hard: for a mentor with expertise in rust or go; Grace lists expertise in python, code-review"
        ]
    );
}

#[test]
fn language_is_met_by_one_shared_language() {
    let found = unmet_of(
        "preferences:\n  - {kind: language, value: es, hard: true}\n",
        same_pairs,
    );
    assert_eq!(found, ["hard: for a mentor who speaks es; Grace speaks en"]);
    let found = unmet_of(
        "preferences:\n  - {kind: language, value: es, hard: true}\n  \
         - {kind: language, value: EN, hard: true}\n",
        same_pairs,
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn a_mentor_who_lists_no_language_meets_no_language_preference() {
    let program = example_with(&[
        (
            "data/learners/ada-example.yaml",
            ada_with("preferences:\n  - {kind: language, value: en}\n"),
        ),
        (
            "data/mentors.yaml",
            example("data/mentors.yaml").replacen("    languages: [en]\n", "", 1),
        ),
    ]);
    let found = unmet(&program, &program.pairs[0]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].offer, Offer::Languages(&[]));
    assert_eq!(
        found[0].offer_words("Grace", |s| s.to_string()),
        "Grace lists no language"
    );
}

#[test]
fn mode_is_judged_on_the_modes_the_pair_agreed() {
    let wants = |mode: &str| format!("preferences:\n  - {{kind: mode, value: {mode}}}\n");
    assert_eq!(
        unmet_of(&wants("in-person"), same_pairs),
        ["soft: to meet in-person; the pair with Grace agreed to meet by video"]
    );
    assert_eq!(unmet_of(&wants("Video"), same_pairs), Vec::<String>::new());
    let in_person = |t: String| t.replace("modes: [video]", "modes: [in person]");
    assert_eq!(
        unmet_of(&wants("in-person"), in_person),
        Vec::<String>::new()
    );
    let none_agreed = |t: String| t.replace("modes: [video]", "modes: []");
    assert_eq!(
        unmet_of(&wants("in-person"), none_agreed),
        Vec::<String>::new(),
        "before any mode is agreed, two people in one zone may meet in person"
    );
}

/// Before a pair agrees its modes, and for every suggestion, meeting in
/// person is out of reach for two people in different zones, even zones
/// that share a clock for part of the year; any other mode is in reach.
#[test]
fn in_person_needs_one_zone_until_a_mode_is_agreed() {
    let none_agreed = |t: String| t.replace("modes: [video]", "modes: []");
    let in_lagos = |wanted: &str| {
        format!("timezone: Africa/Lagos\npreferences:\n  - {{kind: mode, value: {wanted}}}\n")
    };
    let summer = |t: String| {
        none_agreed(t)
            .replace("start: 2026-01-12", "start: 2026-04-01")
            .replace("end: 2026-04-09", "end: 2026-09-01")
    };
    assert_eq!(
        unmet_of(&in_lagos("in person"), summer),
        [
            "soft: to meet in person; Grace lives in Europe/London, another time zone than \
             the learner's Africa/Lagos, and no other meeting mode is agreed"
        ],
        "London's summer clock is Lagos's, but they are far apart"
    );
    let both = "timezone: Africa/Lagos\npreferences:\n  - {kind: mode, value: in person}\n  \
                - {kind: mode, value: video}\n";
    assert_eq!(unmet_of(both, none_agreed), Vec::<String>::new());
    let in_london = "timezone: Europe/London\npreferences:\n  - {kind: mode, value: in-person}\n";
    assert_eq!(unmet_of(in_london, none_agreed), Vec::<String>::new());
}

/// Ada in São Paulo (UTC−3 all year) wants a mentor at most three
/// hours away; Grace is in London, three hours ahead in winter and
/// four in summer time, from 29 March 2026.
#[test]
fn a_time_zone_window_is_judged_on_every_day_of_the_pair() {
    let lines = "timezone: America/Sao_Paulo\npreferences:\n  \
                 - {kind: timezone-window, value: \"3\", hard: true}\n";
    let winter = |t: String| t.replace("end: 2026-04-09", "end: 2026-03-28");
    assert_eq!(unmet_of(lines, winter), Vec::<String>::new());
    assert_eq!(
        unmet_of(lines, same_pairs),
        [
            "hard: for a mentor at most 3 hours from their time zone; Grace in Europe/London \
             is 4 hours ahead of the learner's America/Sao_Paulo on 2026-03-29 (judged from \
             2026-01-12 to 2026-04-09)"
        ],
        "the clocks move apart in the pair's last weeks"
    );
    let unended = |t: String| {
        t.replace("    end: 2026-04-09\n", "")
            .replace("    planned_end: 2026-04-10\n", "")
            .replace("phase: closed", "phase: working")
    };
    let found = unmet_of(lines, unended);
    assert!(
        found[0].ends_with("on 2026-03-29 (judged from 2026-01-12 to 2026-04-10)"),
        "without an end the pair runs to its cohort's last day: {found:?}"
    );
}

/// A one-day span says its day alone.
#[test]
fn a_time_zone_window_on_one_day_names_that_day() {
    let lines = "timezone: America/Sao_Paulo\npreferences:\n  \
                 - {kind: timezone-window, value: \"3\"}\n";
    let summer = |t: String| {
        t.replace("start: 2026-01-12", "start: 2026-06-01")
            .replace("end: 2026-04-09", "end: 2026-06-01")
    };
    assert_eq!(
        unmet_of(lines, summer),
        [
            "soft: for a mentor at most 3 hours from their time zone; Grace in Europe/London \
             is 4 hours ahead of the learner's America/Sao_Paulo on 2026-06-01"
        ]
    );
}

#[test]
fn a_time_zone_window_counts_half_hours_and_takes_the_widest_value() {
    let found = unmet_of(
        "timezone: Asia/Kolkata\npreferences:\n  \
         - {kind: timezone-window, value: \"5\"}\n",
        same_pairs,
    );
    assert_eq!(
        found,
        [
            "soft: for a mentor at most 5 hours from their time zone; Grace in Europe/London \
             is 5.5 hours behind the learner's Asia/Kolkata on 2026-01-12 (judged from 2026-01-12 \
             to 2026-04-09)"
        ]
    );
    let found = unmet_of(
        "timezone: Asia/Kolkata\npreferences:\n  \
         - {kind: timezone-window, value: \"5\"}\n  \
         - {kind: timezone-window, value: \"5.5\"}\n",
        same_pairs,
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn hard_and_soft_values_of_a_kind_are_judged_apart() {
    let found = unmet_of(
        "preferences:\n  - {kind: language, value: es, hard: true}\n  \
         - {kind: language, value: en}\n  - {kind: language, value: fr}\n",
        same_pairs,
    );
    assert_eq!(found, ["hard: for a mentor who speaks es; Grace speaks en"]);
    let found = unmet_of(
        "preferences:\n  - {kind: language, value: en, hard: true}\n  \
         - {kind: language, value: es}\n  - {kind: language, value: fr}\n",
        same_pairs,
    );
    assert_eq!(
        found,
        ["soft: for a mentor who speaks es or fr; Grace speaks en"]
    );
}

#[test]
fn a_pair_is_current_until_it_has_ended() {
    let program = example_with::<&str>(&[]);
    let mut pair = program.pairs[0].clone();
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
    assert!(
        !current(&pair, day("2026-03-01")),
        "a closed pair is history"
    );
    pair.phase = Phase::Working;
    assert!(current(&pair, day("2026-04-09")), "open on its last day");
    assert!(!current(&pair, day("2026-04-10")), "past its end");
    pair.end = None;
    assert!(current(&pair, day("2030-01-01")));
    assert!(current(&pair, day("2025-01-01")), "not begun yet");
}
