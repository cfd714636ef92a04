use super::*;
use crate::testing::{example, write_example};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// The example program with `changes`, its actions as of `today`, each
/// as (owner id, learner id, task, due date).
fn actions(changes: &[(&str, String)], today: &str) -> Vec<(String, String, Task, String)> {
    let dir = tempfile::tempdir().unwrap();
    write_example(dir.path(), changes);
    let checked = crate::check_program(dir.path(), day(today));
    let program = &checked.program;
    let found = compute(program, &checked.schedule, day(today));
    assert_eq!(found.horizon, day(today) + chrono::Days::new(14));
    found
        .list
        .into_iter()
        .map(|a| {
            let owner = match a.actor {
                Actor::Role(r) => program.roles[r.index()].key.clone(),
                Actor::Mentor(m) => program.mentor(m).key.clone(),
                Actor::Unassigned => "nobody".into(),
            };
            let learner = a.learner.map(|l| program.learner(l).key.clone());
            (
                owner,
                learner.unwrap_or_default(),
                a.task,
                a.due.to_string(),
            )
        })
        .collect()
}

/// Bo, an active learner of the first cohort, with `journey` entries.
fn bo(journey: &str) -> (&'static str, String) {
    (
        "data/learners/bo-example.yaml",
        format!(
            "id: bo-example\nname: Bo Example\ncohort: first-cohort\npath: getting-started\n\
                 intake:\n  date: 2026-01-05\n  goal: A first fix.\n  confidence: 3\n\
                 journey:\n{journey}"
        ),
    )
}

/// The example's pairs and Bo's pair with Tomás from 16 February to 24
/// April (the middle is 21 March), with `extra` lines.
fn bo_tomas(extra: &str) -> (&'static str, String) {
    let mut text = example("data/pairs.yaml");
    text.push_str(&format!(
        "  - id: bo-tomas\n    mentor: tomas-example\n    learner: bo-example\n\
             \x20   start: 2026-02-16\n    planned_end: 2026-04-24\n    phase: working\n{extra}"
    ));
    ("data/pairs.yaml", text)
}

fn sessions(yaml: &str) -> (&'static str, String) {
    ("data/sessions/more.yaml", format!("sessions:\n{yaml}"))
}

const IN_MATCHING: &str =
    "  - stage: intake\n    date: 2026-01-05\n  - stage: matching\n    date: 2026-01-09\n";

/// The id of the journey stage `key` in the example program.
fn stage(key: &str) -> StageId {
    crate::testing::example_with::<&str>(&[])
        .stages_with_ids()
        .find(|(_, stage)| stage.key == key)
        .map(|(id, _)| id)
        .unwrap_or_else(|| panic!("no stage {key}"))
}

/// The id of the pair `key` in the example program with `changes`.
fn pair_id(changes: &[(&str, String)], key: &str) -> PairId {
    crate::testing::example_with(changes)
        .pairs_with_ids()
        .find(|(_, pair)| pair.key == key)
        .map(|(id, _)| id)
        .unwrap_or_else(|| panic!("no pair {key}"))
}

#[test]
fn the_example_program_has_nothing_to_do() {
    assert_eq!(actions(&[], "2026-04-15"), []);
}

#[test]
fn an_unmatched_learner_is_due_to_be_matched_when_the_matching_limit_runs_out() {
    let files = [bo(IN_MATCHING)];
    let matching = Task::Match {
        stage: stage("matching"),
        since: day("2026-01-09"),
    };
    // In matching from 9 January, with 21 days to be matched: due on
    // 30 January, listed from exactly two weeks before.
    assert_eq!(actions(&files, "2026-01-15"), []);
    let due = (
        "coordinator".to_string(),
        "bo-example".to_string(),
        matching,
        "2026-01-30".to_string(),
    );
    assert_eq!(actions(&files, "2026-01-16"), std::slice::from_ref(&due));
    assert_eq!(actions(&files, "2026-03-01"), [due]);
}

#[test]
fn a_learner_with_a_mentor_is_moved_on_by_the_owner_and_mentor_means_their_own() {
    let onboarding = format!("{IN_MATCHING}  - stage: onboarding\n    date: 2026-02-16\n");
    let files = [
        bo(&onboarding),
        bo_tomas("    agreed: 2026-02-18\n    midpoint: 2026-03-21\n"),
    ];
    let found = actions(&files, "2026-03-01");
    assert_eq!(
        found,
        [(
            "tomas-example".to_string(),
            "bo-example".to_string(),
            Task::MoveOn {
                stage: stage("onboarding"),
                since: day("2026-02-16"),
                to: vec![stage("active")],
            },
            "2026-03-09".to_string(),
        )]
    );
    let action = Action {
        actor: Actor::Unassigned,
        due: day("2026-03-09"),
        learner: None,
        task: Task::Charter(pair_id(&[], "ada-grace")),
        at: Pos {
            file: crate::load::FileId(0),
            line: 0,
            column: 0,
            len: 0,
        },
    };
    assert_eq!(action.days_overdue(day("2026-03-09")), 0);
    assert_eq!(action.days_overdue(day("2026-03-12")), 3);
}

#[test]
fn a_charter_not_agreed_is_due_when_the_initial_phase_ends() {
    let files = [bo(IN_MATCHING), bo_tomas("")];
    let charters = |today| {
        actions(&files, today)
            .into_iter()
            .filter(|a| matches!(a.2, Task::Charter(_)))
            .map(|a| (a.0, a.3))
            .collect::<Vec<_>>()
    };
    assert_eq!(charters("2026-02-14"), []);
    let due = [("tomas-example".to_string(), "2026-03-01".to_string())];
    assert_eq!(charters("2026-02-15"), due);
    assert_eq!(charters("2026-03-20"), due);
    let agreed = [bo(IN_MATCHING), bo_tomas("    agreed: 2026-02-20\n")];
    assert!(
        actions(&agreed, "2026-03-01")
            .iter()
            .all(|a| !matches!(a.2, Task::Charter(_)))
    );
}

fn midpoints(files: &[(&str, String)], today: &str) -> Vec<(String, Task, String)> {
    actions(files, today)
        .into_iter()
        .filter(|a| matches!(a.2, Task::Midpoint(..)))
        .map(|a| (a.0, a.2, a.3))
        .collect()
}

fn midpoint_session(date: &str, status: &str) -> (&'static str, String) {
    sessions(&format!(
        "  - id: bo-tomas-midpoint\n    kind: midpoint\n    title: Midpoint\n\
             \x20   start: {date}T18:00\n    duration_minutes: 45\n    status: {status}\n\
             \x20   mentors: [tomas-example]\n    learners: [bo-example]\n"
    ))
}

#[test]
fn a_midpoint_is_due_at_the_middle_from_two_weeks_before_until_one_is_held() {
    let pair = bo_tomas("    agreed: 2026-02-18\n    midpoint_facilitator: coordinator\n");
    let none = [bo(IN_MATCHING), pair.clone()];
    let bo_tomas = pair_id(&none, "bo-tomas");
    assert_eq!(midpoints(&none, "2026-03-06"), []);
    let due = (
        "coordinator".to_string(),
        Task::Midpoint(bo_tomas, None),
        "2026-03-21".to_string(),
    );
    assert_eq!(midpoints(&none, "2026-03-07"), std::slice::from_ref(&due));
    assert_eq!(midpoints(&none, "2026-04-15"), [due]);
    let booked = [
        bo(IN_MATCHING),
        pair.clone(),
        midpoint_session("2026-03-25", "scheduled"),
    ];
    assert_eq!(
        midpoints(&booked, "2026-03-20"),
        [(
            "coordinator".to_string(),
            Task::Midpoint(bo_tomas, Some(day("2026-03-25"))),
            "2026-03-25".to_string()
        )]
    );
    let held = [
        bo(IN_MATCHING),
        pair,
        midpoint_session("2026-03-25", "completed"),
    ];
    assert_eq!(midpoints(&held, "2026-04-15"), []);
}

const PAUSED_IN_MARCH: &str = "    agreed: 2026-02-18\n    pauses:\n      - from: 2026-03-01\n\
                                   \x20       until: 2026-03-14\n        by: mentor\n";

#[test]
fn a_pause_moves_the_midpoint_and_a_pair_on_hold_owes_none() {
    let files = [bo(IN_MATCHING), bo_tomas(PAUSED_IN_MARCH)];
    // 67 days from 16 February to 24 April, 14 of them on hold: the
    // middle of the 53 others is 26 of them in, on 28 March.
    let due = (
        "tomas-example".to_string(),
        Task::Midpoint(pair_id(&files, "bo-tomas"), None),
        "2026-03-28".to_string(),
    );
    assert_eq!(midpoints(&files, "2026-03-07"), []);
    assert_eq!(midpoints(&files, "2026-03-14"), [], "on hold that day");
    assert_eq!(midpoints(&files, "2026-03-15"), [due]);
    let open = [
        bo(IN_MATCHING),
        bo_tomas(&PAUSED_IN_MARCH.replace("        until: 2026-03-14\n", "")),
    ];
    assert_eq!(midpoints(&open, "2026-04-15"), []);
}

#[test]
fn a_pair_back_from_a_pause_owes_a_meeting_from_its_first_day_back() {
    let resumes = |files: &[(&str, String)], today| {
        actions(files, today)
            .into_iter()
            .filter(|a| matches!(a.2, Task::Resume(..)))
            .map(|a| (a.0, a.1, a.2, a.3))
            .collect::<Vec<_>>()
    };
    let files = [bo(IN_MATCHING), bo_tomas(PAUSED_IN_MARCH)];
    assert_eq!(resumes(&files, "2026-02-28"), []);
    let due = (
        "tomas-example".to_string(),
        "bo-example".to_string(),
        Task::Resume(pair_id(&files, "bo-tomas"), day("2026-03-14")),
        "2026-03-15".to_string(),
    );
    assert_eq!(resumes(&files, "2026-03-01"), std::slice::from_ref(&due));
    assert_eq!(resumes(&files, "2026-04-01"), [due]);
    let meeting = |date: &str, status: &str| {
        sessions(&format!(
            "  - id: bo-tomas-back\n    kind: one-to-one\n    title: Back\n\
                 \x20   start: {date}T18:00\n    duration_minutes: 45\n    status: {status}\n\
                 \x20   mentors: [tomas-example]\n    learners: [bo-example]\n"
        ))
    };
    let booked = [
        bo(IN_MATCHING),
        bo_tomas(PAUSED_IN_MARCH),
        meeting("2026-03-17", "scheduled"),
    ];
    assert_eq!(resumes(&booked, "2026-03-10"), []);
    let before = [
        bo(IN_MATCHING),
        bo_tomas(PAUSED_IN_MARCH),
        meeting("2026-02-25", "completed"),
    ];
    assert_eq!(resumes(&before, "2026-03-10").len(), 1);
    let cancelled = [
        bo(IN_MATCHING),
        bo_tomas(PAUSED_IN_MARCH),
        meeting("2026-03-17", "cancelled"),
    ];
    assert_eq!(resumes(&cancelled, "2026-03-10").len(), 1);
    let open = [
        bo(IN_MATCHING),
        bo_tomas(&PAUSED_IN_MARCH.replace("        until: 2026-03-14\n", "")),
    ];
    assert_eq!(resumes(&open, "2026-04-01"), []);
}

#[test]
fn days_paused_do_not_count_toward_a_stage_limit() {
    let onboarding = format!("{IN_MATCHING}  - stage: onboarding\n    date: 2026-02-16\n");
    let move_on = |files: &[(&str, String)], today| {
        actions(files, today)
            .into_iter()
            .filter(|a| matches!(a.2, Task::MoveOn { .. }))
            .map(|a| a.3)
            .collect::<Vec<_>>()
    };
    // 21 days in onboarding from 16 February, 14 of them on hold: due
    // on 23 March rather than 9 March.
    let paused = [bo(&onboarding), bo_tomas(PAUSED_IN_MARCH)];
    assert_eq!(move_on(&paused, "2026-03-08"), Vec::<String>::new());
    assert_eq!(move_on(&paused, "2026-03-09"), ["2026-03-23"]);
    // A learner paused with no end is due nowhere.
    let resting = [(
        "data/learners/bo-example.yaml",
        bo(IN_MATCHING).1.replace(
            "journey:",
            "status: paused\nstatus_date: 2026-01-12\njourney:",
        ),
    )];
    assert_eq!(actions(&resting, "2026-03-01"), []);
}

/// The example's end reflection, with its status changed.
fn reflection(status: &str) -> (&'static str, String) {
    let file = "data/sessions/first-cohort.yaml";
    let text = example(file).replace(
            "    start: 2026-04-07T18:00\n    duration_minutes: 45\n    mentors: [grace-hopper-example]\n    learners: [ada-example]\n    status: completed",
            &format!(
                "    start: 2026-04-07T18:00\n    duration_minutes: 45\n    mentors: [grace-hopper-example]\n    learners: [ada-example]\n    status: {status}"
            ),
        );
    assert_ne!(text, example(file), "the example's reflection moved");
    (file, text)
}

#[test]
fn a_closed_pair_without_a_held_reflection_is_due_one() {
    let reflections = |files: &[(&str, String)], today| {
        actions(files, today)
            .into_iter()
            .filter(|a| matches!(a.2, Task::Reflection(..)))
            .map(|a| (a.0, a.1, a.2, a.3))
            .collect::<Vec<_>>()
    };
    let booked = [reflection("scheduled")];
    assert_eq!(
        reflections(&booked, "2026-04-15"),
        [(
            "grace-hopper-example".to_string(),
            "ada-example".to_string(),
            Task::Reflection(pair_id(&booked, "ada-grace"), Some(day("2026-04-07"))),
            "2026-04-07".to_string()
        )]
    );
    // Closed on 9 April: a reflection is due by two weeks later.
    let cancelled = [reflection("cancelled")];
    assert_eq!(
        reflections(&cancelled, "2026-04-09"),
        [(
            "grace-hopper-example".to_string(),
            "ada-example".to_string(),
            Task::Reflection(pair_id(&cancelled, "ada-grace"), None),
            "2026-04-23".to_string()
        )]
    );
}

fn with_request(answered: &str) -> (&'static str, String) {
    let file = "data/sessions/first-cohort.yaml";
    let text = example(file).replace(
        "    link: https://meet.example.org/ada-grace\n    status: completed\n    recurrence:",
        &format!(
            "    link: https://meet.example.org/ada-grace\n    status: completed\n\
                 \x20   requests:\n      - kind: follow-up\n        learner: ada-example\n\
                 \x20       asked: 2026-03-30T10:00\n{answered}    recurrence:"
        ),
    );
    assert_ne!(text, example(file), "the example's weekly series moved");
    (file, text)
}

#[test]
fn a_request_unanswered_is_due_when_the_response_target_runs_out() {
    let answers = |files: &[(&str, String)], today| {
        actions(files, today)
            .into_iter()
            .filter(|a| matches!(a.2, Task::Answer(..)))
            .map(|a| (a.0, a.1, a.3))
            .collect::<Vec<_>>()
    };
    let open = [with_request("")];
    // Asked on 30 March at 10:00, answer due within 48 hours.
    let due = [(
        "grace-hopper-example".to_string(),
        "ada-example".to_string(),
        "2026-04-01".to_string(),
    )];
    assert_eq!(answers(&open, "2026-03-29"), []);
    assert_eq!(answers(&open, "2026-03-30"), due);
    assert_eq!(answers(&open, "2026-04-15"), due);
    let answered = [with_request("        answered: 2026-04-03T09:00\n")];
    assert_eq!(answers(&answered, "2026-04-15"), []);
}
