use super::*;
use crate::testing::{at, checked_with, example};

/// The example program with `files` written over it, checked as of
/// `today`; only diagnostics with `code` are kept.
fn check_example(files: &[(&str, String)], today: &str, code: Code) -> Vec<Diagnostic> {
    checked_with(files, today)
        .into_iter()
        .filter(|d| d.code == code)
        .collect()
}

/// Extra sessions in their own file.
fn sessions(yaml: &str) -> (&'static str, String) {
    ("data/sessions/more.yaml", format!("sessions:\n{yaml}"))
}

/// A second learner in the first cohort.
fn bo() -> (&'static str, String) {
    (
        "data/learners/bo-example.yaml",
        "id: bo-example\nname: Bo Example\ncohort: first-cohort\npath: getting-started\n\
             intake:\n  date: 2026-01-05\n"
            .into(),
    )
}

/// The example pairs plus extra pairs, each with a complete charter.
fn pairs(extra: &[(&str, &str, &str)]) -> (&'static str, String) {
    let mut text = example("data/pairs.yaml");
    for (id, mentor, dates) in extra {
        text.push_str(&format!(
                "  - id: {id}\n    mentor: {mentor}\n    learner: bo-example\n{dates}\
                 \n    expectations:\n      goals: A first fix.\n      offer: Reviews.\n\
                 \x20     limits: An hour a week.\n      cadence: Mondays.\n      modes: [video]\n\
                 \x20     response_time: Two days.\n      rescheduling: A day's notice.\n\
                 \x20     notice_hours: 24\n      success: [A merged fix]\n\
                 \x20     check_in_questions: [How are you?]\n    mentor_hopes_to_learn: Patience.\n"
            ));
    }
    ("data/pairs.yaml", text)
}

#[test]
fn the_example_program_has_no_scheduling_problem() {
    for code in [
        Code::MentorDoubleBooked,
        Code::LearnerDoubleBooked,
        Code::MenteeCapacity,
        Code::WeeklyHours,
        Code::SessionOutsideCohort,
        Code::MidpointMissing,
        Code::EndReflectionMissing,
        Code::BadRecurrence,
    ] {
        assert_eq!(check_example(&[], "2026-04-15", code), vec![], "{code}");
    }
}

#[test]
fn office_hours_written_in_madrid_time_clash_with_a_london_meeting() {
    let found = check_example(
        &[sessions(
            "  - id: grace-office-hours\n    kind: office-hours\n    title: Office hours\n\
                 \x20   start: 2026-01-20T19:30\n    timezone: Europe/Madrid\n\
                 \x20   duration_minutes: 30\n    mentors: [grace-hopper-example]\n",
        )],
        "2026-04-15",
        Code::MentorDoubleBooked,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(at(d), "data/sessions/more.yaml:5:12");
    assert_eq!(
        d.message,
        "mentor `grace-hopper-example` is in two sessions at once: `grace-office-hours` \
             at 2026-01-20 19:30 Europe/Madrid overlaps `ada-grace-kickoff` at 2026-01-20 18:00 Europe/London"
    );
    assert_eq!(
        d.related[0].0.to_string(),
        "data/sessions/first-cohort.yaml:8:12"
    );
}

#[test]
fn a_meeting_that_starts_as_another_ends_is_no_clash() {
    let found = check_example(
        &[sessions(
            "  - id: grace-office-hours\n    kind: office-hours\n    title: Office hours\n\
                 \x20   start: 2026-01-20T18:45\n    duration_minutes: 30\n\
                 \x20   mentors: [grace-hopper-example]\n",
        )],
        "2026-04-15",
        Code::MentorDoubleBooked,
    );
    assert_eq!(found, vec![]);
}

#[test]
fn a_cancelled_meeting_books_nobody() {
    let found = check_example(
        &[sessions(
            "  - id: grace-office-hours\n    kind: office-hours\n    title: Office hours\n\
                 \x20   start: 2026-01-20T18:00\n    duration_minutes: 30\n\
                 \x20   mentors: [grace-hopper-example]\n    status: cancelled\n",
        )],
        "2026-04-15",
        Code::MentorDoubleBooked,
    );
    assert_eq!(found, vec![]);
}

#[test]
fn a_series_that_clashes_every_week_is_reported_once() {
    let found = check_example(
        &[sessions(
            "  - id: ada-study-group\n    kind: group\n    title: Study group\n\
                 \x20   start: 2026-01-27T18:30\n    duration_minutes: 60\n\
                 \x20   mentors: [tomas-example]\n    learners: [ada-example]\n\
                 \x20   recurrence:\n      count: 3\n",
        )],
        "2026-04-15",
        Code::LearnerDoubleBooked,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
            found[0].message.starts_with(
                "learner `ada-example` is in two sessions at once: `ada-study-group` at 2026-01-27 18:30"
            ),
            "{}",
            found[0].message
        );
    assert!(
        found[0].message.ends_with("(and 2 more times)"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_second_mentee_over_capacity_is_reported_at_the_pair_that_tips_it() {
    let mentors = example("data/mentors.yaml").replacen("mentees: 2", "mentees: 1", 1);
    let found = check_example(
        &[
            ("data/mentors.yaml", mentors),
            bo(),
            pairs(&[(
                "bo-grace",
                "grace-hopper-example",
                "    start: 2026-04-01\n    phase: initial",
            )]),
        ],
        "2026-04-15",
        Code::MenteeCapacity,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(at(&found[0]), "data/pairs.yaml:31:9");
    assert_eq!(found[0].related[0].0.to_string(), "data/mentors.yaml:12:16");
    assert!(
        found[0].message.contains("from 2026-04-01"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_pair_that_ends_the_day_before_frees_the_place() {
    let mentors = example("data/mentors.yaml").replacen("mentees: 2", "mentees: 1", 1);
    let found = check_example(
        &[
            ("data/mentors.yaml", mentors),
            bo(),
            pairs(&[(
                "bo-grace",
                "grace-hopper-example",
                "    start: 2026-04-10\n    phase: initial",
            )]),
        ],
        "2026-04-15",
        Code::MenteeCapacity,
    );
    assert_eq!(found, vec![]);
}

#[test]
fn weekly_hours_are_counted_in_the_mentors_own_week() {
    // Sunday 23:30 in London is already Monday in Madrid, the week of
    // Tomás's Thursday group session.
    let found = check_example(
        &[sessions(
            "  - id: tomas-planning\n    kind: mentor-circle\n    title: Planning\n\
                 \x20   start: 2026-02-08T23:30\n    duration_minutes: 90\n\
                 \x20   mentors: [tomas-example]\n",
        )],
        "2026-04-15",
        Code::WeeklyHours,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].message,
        "mentor `tomas-example` is booked for 2.5 hours in the week of 2026-02-09, \
             more than their capacity of 2 hours a week"
    );
    assert_eq!(at(&found[0]), "data/sessions/first-cohort.yaml:57:12");
    assert_eq!(found[0].related[0].0.to_string(), "data/mentors.yaml:24:23");
}

#[test]
fn many_overbooked_weeks_show_the_first_three_and_a_count() {
    // Three hours every Monday on top of the weekly review; weeks where
    // the review was skipped or cancelled are exactly at capacity.
    let found = check_example(
        &[sessions(
            "  - id: grace-workshops\n    kind: group\n    title: Workshop\n\
                 \x20   start: 2026-02-02T10:00\n    duration_minutes: 180\n\
                 \x20   mentors: [grace-hopper-example]\n    recurrence:\n      count: 6\n",
        )],
        "2026-04-15",
        Code::WeeklyHours,
    );
    let weeks: Vec<&str> = found
        .iter()
        .filter_map(|d| d.message.split("week of ").nth(1))
        .map(|rest| &rest[..10])
        .collect();
    assert_eq!(weeks, ["2026-02-02", "2026-02-09", "2026-02-23"]);
    assert!(
        found[0]
            .message
            .ends_with("(4 weeks are over in all; the first 3 are shown)"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_session_before_its_cohort_points_at_its_start() {
    let found = check_example(
        &[sessions(
            "  - id: welcome\n    kind: group\n    title: Welcome\n    cohort: first-cohort\n\
                 \x20   start: 2026-01-08T17:00\n    duration_minutes: 60\n\
                 \x20   mentors: [tomas-example]\n",
        )],
        "2026-04-15",
        Code::SessionOutsideCohort,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(at(&found[0]), "data/sessions/more.yaml:6:12");
    assert_eq!(
        found[0].message,
        "session `welcome` meets on 2026-01-08, before cohort `first-cohort` starts on 2026-01-12"
    );
}

#[test]
fn a_series_that_runs_past_its_cohort_points_at_its_end() {
    let found = check_example(
        &[sessions(
            "  - id: office-hours\n    kind: office-hours\n    title: Office hours\n\
                 \x20   cohort: first-cohort\n    start: 2026-03-26T17:00\n    duration_minutes: 60\n\
                 \x20   mentors: [tomas-example]\n    recurrence:\n      until: 2026-04-30\n\
                 \x20     skip: [2026-04-23]\n",
        )],
        "2026-04-15",
        Code::SessionOutsideCohort,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(at(&found[0]), "data/sessions/more.yaml:10:14");
    assert!(
        found[0]
            .message
            .ends_with("(2 of its meetings fall outside the cohort)"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_meeting_moved_past_its_cohort_points_at_where_it_was_moved() {
    let file = "data/sessions/first-cohort.yaml";
    let text = example(file).replacen(
        "      - date: 2026-03-10\n",
        "      - date: 2026-03-31\n        moved_to: 2026-04-14T18:00\n      - date: 2026-03-10\n",
        1,
    );
    let found = check_example(&[(file, text)], "2026-04-15", Code::SessionOutsideCohort);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(at(&found[0]), "data/sessions/first-cohort.yaml:30:19");
    assert_eq!(
        found[0].message,
        "session `ada-grace-weekly` meets on 2026-04-14, moved from 2026-03-31 to outside cohort `first-cohort`"
    );
}

/// Bo and Tomás, working together from 16 February to 24 April: the
/// middle is 21 March, and a check-in is due from 28 February to 11 April.
fn bo_and_tomas(midpoint: &str) -> Vec<(&'static str, String)> {
    let mut files = vec![
        bo(),
        pairs(&[(
            "bo-tomas",
            "tomas-example",
            "    start: 2026-02-16\n    planned_end: 2026-04-24\n    phase: working",
        )]),
    ];
    if !midpoint.is_empty() {
        files.push(sessions(&format!(
            "  - id: bo-tomas-midpoint\n    kind: midpoint\n    title: Midpoint\n\
                 \x20   start: {midpoint}T18:00\n    duration_minutes: 45\n\
                 \x20   mentors: [tomas-example]\n    learners: [bo-example]\n"
        )));
    }
    files
}

#[test]
fn an_open_pair_past_its_middle_needs_a_midpoint_check_in() {
    let found = check_example(&bo_and_tomas(""), "2026-04-15", Code::MidpointMissing);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(at(&found[0]), "data/pairs.yaml:31:9");
    assert_eq!(
        found[0].help.as_deref(),
        Some(
            "add a session with `kind: midpoint`, mentor `tomas-example` and learner \
                 `bo-example` between 2026-02-28 and 2026-04-11"
        )
    );
}

#[test]
fn a_check_in_inside_the_window_satisfies_the_midpoint() {
    let found = check_example(
        &bo_and_tomas("2026-04-07"),
        "2026-04-15",
        Code::MidpointMissing,
    );
    assert_eq!(found, vec![]);
}

#[test]
fn a_check_in_far_from_the_middle_is_named_but_does_not_count() {
    let found = check_example(
        &bo_and_tomas("2026-02-24"),
        "2026-04-15",
        Code::MidpointMissing,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].help.as_deref().is_some_and(
            |h| h.ends_with("the nearest one, on 2026-02-24, is too far from the middle")
        ),
        "{:?}",
        found[0].help
    );
}

#[test]
fn a_middle_more_than_two_weeks_ahead_needs_nothing_yet() {
    let found = check_example(&bo_and_tomas(""), "2026-03-06", Code::MidpointMissing);
    assert_eq!(found, vec![]);
    let found = check_example(&bo_and_tomas(""), "2026-03-07", Code::MidpointMissing);
    assert_eq!(found.len(), 1);
}

/// Bo and Tomás as in [`bo_and_tomas`], with `extra` lines on the pair
/// (a planned midpoint, pauses) and a midpoint session on `midpoint`.
fn bo_and_tomas_with(extra: &str, midpoint: &str) -> Vec<(&'static str, String)> {
    let mut files = bo_and_tomas(midpoint);
    files[1] = pairs(&[(
        "bo-tomas",
        "tomas-example",
        &format!("    start: 2026-02-16\n    planned_end: 2026-04-24\n    phase: working{extra}"),
    )]);
    files
}

#[test]
fn a_pair_on_hold_owes_no_midpoint_check_in_yet() {
    let paused = "\n    pauses:\n      - {from: 2026-04-01, by: learner, reason: Exams}";
    let found = check_example(
        &bo_and_tomas_with(paused, ""),
        "2026-04-15",
        Code::MidpointMissing,
    );
    assert_eq!(found, vec![]);
    // A learner whose status is paused puts their pair on hold too.
    let mut files = bo_and_tomas("");
    files[0]
        .1
        .push_str("status: paused\nstatus_date: 2026-04-01\n");
    let found = check_example(&files, "2026-04-15", Code::MidpointMissing);
    assert_eq!(found, vec![]);
}

#[test]
fn a_pause_moves_the_middle_and_stretches_the_window() {
    // 16 February to 24 April is 67 days, 28 of them on hold (1–28
    // March): the middle of the other 39 is 4 April, and a check-in
    // counts from 14 March to 25 April (21 working days after).
    let paused = "\n    pauses:\n      - {from: 2026-03-01, until: 2026-03-28, by: mentor}";
    let found = check_example(
        &bo_and_tomas_with(paused, "2026-04-20"),
        "2026-04-15",
        Code::MidpointMissing,
    );
    assert_eq!(found, vec![]);
    let found = check_example(
        &bo_and_tomas_with(paused, ""),
        "2026-04-15",
        Code::MidpointMissing,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]
            .message
            .ends_with("the middle of the relationship, 2026-04-04")
    );
    assert!(
        found[0]
            .help
            .as_deref()
            .is_some_and(|h| h.ends_with("between 2026-03-14 and 2026-04-25")),
        "{:?}",
        found[0].help
    );
}

#[test]
fn the_planned_midpoint_is_the_date_checked() {
    // Planned for 1 March: a check-in on 7 April is near the middle of
    // the relationship, but not near the date the pair agreed on.
    let planned = "\n    midpoint: 2026-03-01";
    let found = check_example(
        &bo_and_tomas_with(planned, "2026-04-07"),
        "2026-04-15",
        Code::MidpointMissing,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].message,
        "pair `bo-tomas` has no midpoint check-in near its planned midpoint, 2026-03-01"
    );
    assert_eq!(at(&found[0]), "data/pairs.yaml:37:15");
    let moved = check_example(
        &bo_and_tomas_with(planned, "2026-04-07"),
        "2026-04-15",
        Code::MidpointMoved,
    );
    assert_eq!(moved, vec![], "one problem, one diagnostic");
}

#[test]
fn a_check_in_booked_off_the_planned_day_is_a_warning() {
    let found = check_example(
        &bo_and_tomas_with("\n    midpoint: 2026-03-21", "2026-03-24"),
        "2026-04-15",
        Code::MidpointMoved,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].message,
        "pair `bo-tomas` planned its midpoint check-in for 2026-03-21, but `bo-tomas-midpoint` is booked on 2026-03-24"
    );
    assert_eq!(at(&found[0]), "data/pairs.yaml:37:15");
    assert_eq!(
        found[0].related[0].0.to_string(),
        "data/sessions/more.yaml:5:12"
    );
    let on_the_day = check_example(
        &bo_and_tomas_with("\n    midpoint: 2026-03-24", "2026-03-24"),
        "2026-04-15",
        Code::MidpointMoved,
    );
    assert_eq!(on_the_day, vec![]);
}

#[test]
fn a_running_series_marked_completed_is_held_in_the_future() {
    let found = check_example(
        &[sessions(
            "  - id: office-hours\n    kind: office-hours\n    title: Office hours\n\
                 \x20   start: 2026-04-01T17:00\n    duration_minutes: 60\n\
                 \x20   mentors: [tomas-example]\n    status: completed\n\
                 \x20   recurrence:\n      count: 4\n",
        )],
        "2026-04-15",
        Code::HeldInFuture,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(at(&found[0]), "data/sessions/more.yaml:8:13");
    assert_eq!(
        found[0].message,
        "session `office-hours` is recorded as held on 2026-04-22, after today (2026-04-15)"
    );
    assert_eq!(
        found[0].help.as_deref(),
        Some(
            "a series still running keeps `status: scheduled` and records what was held \
                 with `held_through: 2026-04-15`"
        )
    );
}

#[test]
fn held_through_marks_meetings_held_up_to_its_day_and_no_further() {
    let series = |through: &str| {
        sessions(&format!(
            "  - id: office-hours\n    kind: office-hours\n    title: Office hours\n\
                 \x20   start: 2026-04-01T17:00\n    duration_minutes: 60\n\
                 \x20   mentors: [tomas-example]\n    held_through: {through}\n\
                 \x20   recurrence:\n      count: 4\n    occurrences:\n\
                 \x20     - {{date: 2026-04-08, status: cancelled}}\n"
        ))
    };
    assert_eq!(
        check_example(&[series("2026-04-15")], "2026-04-15", Code::HeldInFuture),
        vec![]
    );
    let program = crate::testing::example_with(&[series("2026-04-15")]);
    let mut problems = crate::diagnostic::Diagnostics::new();
    let schedule = Schedule::expand(&program, &mut problems);
    let (last, _) = program
        .sessions_with_ids()
        .next_back()
        .unwrap_or_else(|| panic!("no sessions"));
    let statuses: Vec<SessionStatus> = schedule.of(last).iter().map(|o| o.status).collect();
    assert_eq!(
        statuses,
        [
            SessionStatus::Completed,
            SessionStatus::Cancelled,
            SessionStatus::Completed,
            SessionStatus::Scheduled
        ]
    );
    let found = check_example(&[series("2026-04-22")], "2026-04-15", Code::HeldInFuture);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(at(&found[0]), "data/sessions/more.yaml:8:19");
}

#[test]
fn a_single_meeting_after_today_cannot_be_held() {
    let found = check_example(
        &[sessions(
            "  - id: workshop\n    kind: group\n    title: Workshop\n\
                 \x20   start: 2026-04-20T17:00\n    duration_minutes: 60\n\
                 \x20   mentors: [tomas-example]\n    status: completed\n",
        )],
        "2026-04-15",
        Code::HeldInFuture,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(at(&found[0]), "data/sessions/more.yaml:8:13");
}

/// Bo, who withdrew on 1 March.
fn bo_withdrawn() -> (&'static str, String) {
    let (path, mut text) = bo();
    text.push_str("status: withdrawn\nstatus_date: 2026-03-01\n");
    (path, text)
}

#[test]
fn a_learner_listed_on_a_meeting_after_leaving_is_a_warning() {
    let found = check_example(
        &[
            bo_withdrawn(),
            sessions(
                "  - id: study\n    kind: group\n    title: Study group\n\
                     \x20   start: 2026-03-05T17:00\n    duration_minutes: 60\n\
                     \x20   mentors: [tomas-example]\n    learners: [ada-example, bo-example]\n",
            ),
        ],
        "2026-04-15",
        Code::ListedWhileAway,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(at(&found[0]), "data/sessions/more.yaml:8:29");
    assert_eq!(
        found[0].message,
        "learner `bo-example` is listed on `study` on 2026-03-05, after they left the program on 2026-03-01"
    );
}

#[test]
fn a_learner_who_left_is_not_double_booked_by_meetings_they_are_out_of() {
    let clash = |day: &str| {
        check_example(
            &[
                bo_withdrawn(),
                sessions(&format!(
                    "  - id: study\n    kind: group\n    title: Study group\n\
                         \x20   start: {day}T17:00\n    duration_minutes: 60\n\
                         \x20   mentors: [tomas-example]\n    learners: [bo-example]\n\
                         \x20 - id: review\n    kind: office-hours\n    title: Review\n\
                         \x20   start: {day}T17:30\n    duration_minutes: 30\n\
                         \x20   mentors: [grace-hopper-example]\n    learners: [bo-example]\n"
                )),
            ],
            "2026-04-15",
            Code::LearnerDoubleBooked,
        )
    };
    // Before 1 March Bo was in both; after it, in neither.
    assert_eq!(clash("2026-02-26").len(), 1);
    assert_eq!(clash("2026-03-05"), vec![]);
}

#[test]
fn a_series_that_goes_on_after_a_learner_left_is_not_reported() {
    let found = check_example(
        &[
            bo_withdrawn(),
            sessions(
                "  - id: study\n    kind: group\n    title: Study group\n\
                     \x20   start: 2026-02-19T17:00\n    duration_minutes: 60\n\
                     \x20   mentors: [tomas-example]\n    learners: [ada-example, bo-example]\n\
                     \x20   recurrence:\n      count: 4\n",
            ),
        ],
        "2026-04-15",
        Code::ListedWhileAway,
    );
    assert_eq!(found, vec![]);
}

#[test]
fn a_paused_learner_on_the_attendance_of_a_meeting_is_a_warning() {
    let found = check_example(
        &[
            bo_and_tomas_with(
                "\n    pauses:\n      - {from: 2026-03-01, until: 2026-03-14, by: learner}",
                "",
            )
            .swap_remove(1),
            bo(),
            sessions(
                "  - id: study\n    kind: group\n    title: Study group\n\
                     \x20   start: 2026-02-19T17:00\n    duration_minutes: 60\n\
                     \x20   mentors: [tomas-example]\n    learners: [ada-example, bo-example]\n\
                     \x20   status: completed\n    recurrence:\n      count: 4\n\
                     \x20   occurrences:\n      - date: 2026-03-05\n        attendance:\n\
                     \x20         - {learner: ada-example, attended: true}\n\
                     \x20         - {learner: bo-example, attended: false}\n",
            ),
        ],
        "2026-04-15",
        Code::ListedWhileAway,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(at(&found[0]), "data/sessions/more.yaml:16:23");
    assert!(
        found[0]
            .message
            .ends_with("while they are paused (2026-03-01 to 2026-03-14)"),
        "{}",
        found[0].message
    );
}

/// The example's end reflection, with its status changed.
fn reflection(status: &str) -> (&'static str, String) {
    let text = example("data/sessions/first-cohort.yaml").replacen(
            "    start: 2026-04-07T18:00\n    duration_minutes: 45\n    mentors: [grace-hopper-example]\n    learners: [ada-example]\n    status: completed",
            &format!("    start: 2026-04-07T18:00\n    duration_minutes: 45\n    mentors: [grace-hopper-example]\n    learners: [ada-example]\n    status: {status}"),
            1,
        );
    ("data/sessions/first-cohort.yaml", text)
}

#[test]
fn a_completed_pair_whose_reflection_was_cancelled_has_none() {
    let found = check_example(
        &[reflection("cancelled")],
        "2026-04-15",
        Code::EndReflectionMissing,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(at(&found[0]), "data/pairs.yaml:3:9");
    assert!(
        found[0]
            .help
            .as_deref()
            .is_some_and(|h| h.ends_with("between 2026-01-12 and 2026-04-23")),
        "{:?}",
        found[0].help
    );
}

#[test]
fn a_withdrawn_pair_needs_no_reflection() {
    let pairs =
        example("data/pairs.yaml").replacen("end_reason: completed", "end_reason: withdrawn", 1);
    let found = check_example(
        &[reflection("cancelled"), ("data/pairs.yaml", pairs)],
        "2026-04-15",
        Code::EndReflectionMissing,
    );
    assert_eq!(found, vec![]);
}

#[test]
fn a_series_that_ends_before_it_starts_is_refused() {
    let found = check_example(
        &[sessions(
            "  - id: office-hours\n    kind: office-hours\n    title: Office hours\n\
                 \x20   start: 2026-03-05T17:00\n    duration_minutes: 60\n\
                 \x20   mentors: [tomas-example]\n    recurrence:\n      until: 2026-01-30\n",
        )],
        "2026-04-15",
        Code::BadRecurrence,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(at(&found[0]), "data/sessions/more.yaml:9:14");
}

#[test]
fn a_series_of_no_meetings_is_refused() {
    let found = check_example(
        &[sessions(
            "  - id: office-hours\n    kind: office-hours\n    title: Office hours\n\
                 \x20   start: 2026-03-05T17:00\n    duration_minutes: 60\n\
                 \x20   mentors: [tomas-example]\n    recurrence:\n      count: 0\n",
        )],
        "2026-04-15",
        Code::BadRecurrence,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(at(&found[0]), "data/sessions/more.yaml:9:14");
}

#[test]
fn hours_are_printed_without_trailing_zeros() {
    assert_eq!(hours(180), "3");
    assert_eq!(hours(195), "3.25");
    assert_eq!(hours(90), "1.5");
}
