//! A small cohort worked out by hand, as of Monday 9 February 2026, the
//! first day of the cohort's fifth week (weeks start on Mondays; week 1
//! is 12–18 January).
//!
//! The example program's `first-cohort` (12 January – 10 April) on the
//! two-module path `getting-started`, with four learners:
//!
//! - **ada**, matched with Grace on 12 Jan, finished both modules and
//!   graduated on 6 Feb;
//! - **bo**, matched with Grace on 12 Jan, withdrew on 25 Jan;
//! - **cy**, matched with Tomás on 19 Jan, active, one module done;
//! - **di**, in intake since 20 Jan, not matched.
//!
//! Sessions (each figure's test works through them):
//!
//! - `s-ada`, Tuesdays 13, 20, 27 Jan, 3 and 10 Feb with Grace: held,
//!   except 27 Jan, cancelled on 25 Jan with 57 hours' notice (the
//!   charter asks for 24), and 10 Feb, still to come;
//! - `s-bo`, Wednesdays 14, 21, 28 Jan with Grace: held, no-show, then
//!   cancelled after bo had left (so no longer his);
//! - `s-cy`, 22 Jan and 5 Feb with Tomás: held, then cancelled 24 hours
//!   ahead (the charter asks for 48);
//! - `s-group`, fortnightly from 15 Jan with Tomás for ada, bo and cy:
//!   held 15 and 29 Jan; 12 Feb is to come.

use super::*;

const LEARNER: &str = "
id: NAME
name: NAME example
cohort: first-cohort
path: getting-started
";

fn learner(id: &str, rest: &str) -> String {
    format!("{}{rest}", LEARNER.replace("NAME", id))
}

fn pair(id: &str, mentor: &str, learner: &str, start: &str, notice: u32, end: &str) -> String {
    format!(
        "  - id: {id}\n    mentor: {mentor}\n    learner: {learner}\n    start: {start}\n{end}    phase: working\n    expectations:\n      notice_hours: {notice}\n"
    )
}

fn program() -> (Program, Schedule) {
    program_with(str::to_string, |pairs| pairs)
}

/// The cohort with its sessions file and pairs file edited.
fn program_with(
    sessions_edit: impl Fn(&str) -> String,
    pairs_edit: impl Fn(String) -> String,
) -> (Program, Schedule) {
    let ada = learner(
        "ada",
        "intake: {date: 2026-01-05, confidence: 2}
journey:
  - {stage: intake, date: 2026-01-05}
  - {stage: matching, date: 2026-01-09}
  - {stage: onboarding, date: 2026-01-12}
  - {stage: active, date: 2026-01-14}
  - {stage: midpoint-review, date: 2026-01-28}
  - {stage: transition, date: 2026-02-02}
  - {stage: graduated, date: 2026-02-06}
modules:
  - module: set-up-your-workspace
    started: 2026-01-12
    completed: 2026-01-20
    milestones: [{id: editor-ready, date: 2026-01-14}]
    competence: 2026-01-19
    artifact: {date: 2026-01-20}
  - module: your-first-project
    started: 2026-01-21
    completed: 2026-02-04
    milestones: [{id: project-chosen, date: 2026-01-22}]
    competence: 2026-02-03
confidence: [{date: 2026-02-01, value: 4}]
outcomes: [{outcome: first-project, date: 2026-02-05}]
status: graduated
status_date: 2026-02-06
",
    );
    let bo = learner(
        "bo",
        "intake: {date: 2026-01-06, confidence: 3}
journey:
  - {stage: intake, date: 2026-01-06}
  - {stage: matching, date: 2026-01-09}
  - {stage: onboarding, date: 2026-01-12}
  - {stage: withdrawn, date: 2026-01-25}
modules:
  - {module: set-up-your-workspace, started: 2026-01-13}
status: withdrawn
status_date: 2026-01-25
status_reason: Moved abroad.
",
    );
    let cy = learner(
        "cy",
        "intake: {date: 2026-01-07, confidence: 1}
journey:
  - {stage: intake, date: 2026-01-07}
  - {stage: matching, date: 2026-01-10}
  - {stage: onboarding, date: 2026-01-19}
  - {stage: active, date: 2026-01-26}
modules:
  - module: set-up-your-workspace
    started: 2026-01-20
    completed: 2026-02-02
    milestones: [{id: editor-ready, date: 2026-01-23}]
    competence: 2026-02-01
    artifact: {date: 2026-02-02}
confidence: [{date: 2026-01-25, value: 2}]
",
    );
    let di = learner(
        "di",
        "intake: {date: 2026-01-20, confidence: 2}
journey:
  - {stage: intake, date: 2026-01-20}
",
    );
    let pairs = format!(
        "pairs:\n{}{}{}",
        pair(
            "ada-grace",
            "grace-hopper-example",
            "ada",
            "2026-01-12",
            24,
            ""
        ),
        pair(
            "bo-grace",
            "grace-hopper-example",
            "bo",
            "2026-01-12",
            24,
            "    end: 2026-01-25\n    end_reason: withdrawn\n"
        ),
        pair("cy-tomas", "tomas-example", "cy", "2026-01-19", 48, ""),
    );
    let sessions = "sessions:
  - id: s-ada
    kind: one-to-one
    title: Ada weekly
    cohort: first-cohort
    start: 2026-01-13T18:00
    duration_minutes: 45
    mentors: [grace-hopper-example]
    learners: [ada]
    status: completed
    recurrence: {every_weeks: 1, count: 5}
    occurrences:
      - date: 2026-01-13
        attendance: [{learner: ada, attended: true, rating_before: 2, rating_after: 4}]
      - date: 2026-01-27
        status: cancelled
        cancellation: {at: 2026-01-25T09:00, by: learner}
  - id: s-bo
    kind: one-to-one
    title: Bo weekly
    cohort: first-cohort
    start: 2026-01-14T18:00
    duration_minutes: 45
    mentors: [grace-hopper-example]
    learners: [bo]
    status: completed
    recurrence: {every_weeks: 1, until: 2026-01-28}
    occurrences:
      - {date: 2026-01-21, status: no-show}
      - date: 2026-01-28
        status: cancelled
        cancellation: {at: 2026-01-28T12:00, by: learner}
  - id: s-cy
    kind: one-to-one
    title: Cy fortnightly
    cohort: first-cohort
    start: 2026-01-22T17:00
    duration_minutes: 45
    mentors: [tomas-example]
    learners: [cy]
    status: completed
    recurrence: {every_weeks: 2, count: 2}
    occurrences:
      - date: 2026-02-05
        status: cancelled
        cancellation: {at: 2026-02-04T17:00, by: mentor}
    requests:
      - {kind: follow-up, learner: cy, asked: 2026-01-22T18:00, answered: 2026-01-26T09:00}
  - id: s-group
    kind: group
    title: Group
    cohort: first-cohort
    start: 2026-01-15T17:00
    duration_minutes: 60
    mentors: [tomas-example]
    learners: [ada, bo, cy]
    status: completed
    recurrence: {every_weeks: 2, count: 3}
    attendance:
      - {learner: ada, attended: true}
      - {learner: bo, attended: false}
      - {learner: cy, attended: true}
    occurrences:
      - date: 2026-01-29
        attendance:
          - {learner: ada, attended: true, rating_before: 3, rating_after: 4}
          - {learner: cy, attended: true, rating_before: 2, rating_after: 2}
    requests:
      - {kind: reschedule, learner: ada, asked: 2026-01-29T10:00, answered: 2026-01-29T12:00}
      - {kind: reschedule, learner: bo, asked: 2026-02-05T10:00}
";
    let program = crate::testing::example_with(&[
        ("data/learners/ada-example.yaml", ada.as_str()),
        ("data/learners/bo.yaml", bo.as_str()),
        ("data/learners/cy.yaml", cy.as_str()),
        ("data/learners/di.yaml", di.as_str()),
        ("data/pairs.yaml", pairs_edit(pairs).as_str()),
        (
            "data/sessions/first-cohort.yaml",
            sessions_edit(sessions).as_str(),
        ),
    ]);
    let mut diagnostics = crate::diagnostic::Diagnostics::new();
    let schedule = Schedule::expand(&program, &mut diagnostics);
    assert!(!diagnostics.has_errors(), "{diagnostics:?}");
    (program, schedule)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, 9).unwrap_or_default()
}

fn cohort() -> CohortMetrics {
    let (program, schedule) = program();
    assert_eq!(program.learners.len(), 4, "ada, bo, cy and di");
    let metrics = compute(&program, &schedule, today());
    metrics.cohorts.into_iter().next().expect("no cohort")
}

fn r(numerator: u32, denominator: u32, learners: u32) -> Rate {
    Rate {
        numerator,
        denominator,
        learners,
    }
}

fn weeks(rates: &[WeekRate]) -> Vec<(u32, u32)> {
    rates
        .iter()
        .map(|w| (w.rate.numerator, w.rate.denominator))
        .collect()
}

#[test]
fn statuses_are_counted_as_the_files_say() {
    // ada graduated, bo withdrew, cy and di are active (the default).
    let statuses = cohort().all.statuses;
    assert_eq!(
        statuses,
        Statuses {
            active: 2,
            paused: 0,
            graduated: 1,
            withdrawn: 1
        }
    );
}

#[test]
fn completion_rate_is_graduated_over_matched() {
    // Matched: ada, bo, cy (di has no pair). Graduated: ada. 1 of 3.
    let all = cohort().all;
    assert_eq!(all.learners, 4);
    assert_eq!(all.completion, r(1, 3, 3));
}

#[test]
fn module_completion_is_cumulative_by_week() {
    // 4 learners × 2 modules = 8 learner-modules. Completed: ada 20 Jan
    // (week 2), cy 2 Feb and ada 4 Feb (week 4). Week 5 ends today.
    let all = cohort().all;
    assert_eq!(
        weeks(&all.module_completion),
        [(0, 8), (1, 8), (1, 8), (3, 8), (3, 8)]
    );
}

#[test]
fn session_completion_leaves_out_cancellations_within_the_charter() {
    // Week 1: s-ada 13, s-bo 14, group 15 held: 3 of 3.
    // Week 2: s-ada 20 held, s-bo 21 no-show, s-cy 22 held: 2 of 3.
    // Week 3: s-ada 27 cancelled with notice (left out); s-bo 28 comes
    //   after bo left on 25 Jan, so it is nobody's (left out); group
    //   29 held: 1 of 1.
    // Week 4: s-ada 3 Feb held; s-cy 5 Feb cancelled with 24 h of the
    //   48 h asked (counted): 1 of 2. Week 5: nothing before today.
    // In all 7 of 9, for ada, bo and cy.
    let all = cohort().all;
    assert_eq!(all.sessions, r(7, 9, 3));
    assert_eq!(
        weeks(&all.session_weeks),
        [(3, 3), (2, 3), (1, 1), (1, 2), (0, 0)]
    );
}

#[test]
fn a_group_session_cancelled_with_notice_counts_as_not_held() {
    // The group's 29 Jan meeting called off four days ahead. Cy's
    // charter with Tomás, who leads it, asks for 48 hours, but that rule
    // is the pair's, for their own meetings: week 3 has 0 of 1 held.
    let (program, schedule) = program_with(
        |sessions| {
            sessions.replace(
                    "      - date: 2026-01-29\n        attendance:",
                    "      - date: 2026-01-29\n        status: cancelled\n\
                     \x20       cancellation: {at: 2026-01-25T10:00, by: program}\n        attendance:",
                )
        },
        |pairs| pairs,
    );
    let all = compute(&program, &schedule, today()).cohorts[0].all.clone();
    assert_eq!(
        weeks(&all.session_weeks),
        [(3, 3), (2, 3), (0, 1), (1, 2), (0, 0)]
    );
    assert_eq!(all.sessions, r(6, 9, 3));
}

#[test]
fn attendance_counts_invitations_to_held_meetings() {
    // Week 1: ada 13 ✓, bo 14 ✓ (no list: everyone came), group 15: ada ✓
    //   bo ✗ cy ✓ → 4 of 5. Week 2: ada 20 ✓, cy 22 ✓ → 2 of 2.
    // Week 3: group 29: ada ✓ cy ✓; bo left on 25 Jan and is no longer
    //   invited → 2 of 2.
    // Week 4: ada 3 Feb ✓ → 1 of 1. In all 9 of 10.
    let all = cohort().all;
    assert_eq!(all.attendance, r(9, 10, 3));
    assert_eq!(
        weeks(&all.attendance_weeks),
        [(4, 5), (2, 2), (2, 2), (1, 1), (0, 0)]
    );
}

#[test]
fn a_learner_is_not_invited_while_paused() {
    // Cy pauses from 26 Jan to 1 Feb: the group's 29 Jan meeting is
    // ada's alone (1 of 1), though the list still names cy as there.
    let (program, schedule) = program_with(str::to_string, |pairs| {
        format!("{pairs}    pauses: [{{from: 2026-01-26, until: 2026-02-01, by: learner}}]\n")
    });
    let all = compute(&program, &schedule, today()).cohorts[0].all.clone();
    assert_eq!(weeks(&all.attendance_weeks)[2], (1, 1));
    assert_eq!(all.attendance, r(8, 9, 3));
}

#[test]
fn artifact_submission_is_over_completed_modules_that_ask_for_one() {
    // Completed: ada's two modules and cy's first; both modules ask for
    // an artifact; ada's second has none. 2 of 3, from 2 learners.
    assert_eq!(cohort().all.artifacts, r(2, 3, 2));
}

#[test]
fn time_to_first_session_and_first_win_are_medians_from_the_match() {
    // First session attended: ada 13 Jan (1 day), bo 14 Jan (2), cy
    // 22 Jan from 19 Jan (3): median 2.
    // First milestone: ada 14 Jan (2 days), cy 23 Jan (4); bo none:
    // median 3.
    let all = cohort().all;
    assert_eq!(all.first_session.value, Some(2.0));
    assert_eq!(all.first_session.count, 3);
    assert_eq!(all.first_win.value, Some(3.0));
    assert_eq!(all.first_win.count, 2);
}

#[test]
fn dropout_counts_early_withdrawals_and_days_to_withdraw() {
    // bo withdrew on 25 Jan having attended one meeting (14 Jan): early.
    // 13 days after the match on 12 Jan.
    let dropout = cohort().all.dropout;
    assert_eq!(dropout.withdrawn, r(1, 4, 4));
    assert_eq!(dropout.early, r(1, 1, 1));
    assert_eq!(dropout.days.value, Some(13.0));
}

#[test]
fn retention_follows_each_learner_from_their_match() {
    // N weeks after the match: N=0, 1: all three still in. N=2 (ada 26
    // Jan, bo 26 Jan, cy 2 Feb): bo has left: 2 of 3. N=3: cy's day is
    // today: 2 of 3. N=4: cy's day (16 Feb) is to come: ada of ada and
    // bo, 1 of 2. N=5: nobody's day has come: the curve ends.
    let all = cohort().all;
    assert_eq!(
        weeks(&all.retention),
        [(3, 3), (3, 3), (2, 3), (2, 3), (1, 2)]
    );
}

#[test]
fn the_funnel_counts_who_reached_each_stage() {
    // Furthest stage: ada graduated, bo onboarding (then withdrawn, an
    // exit, not a stage of the funnel), cy active, di intake.
    let all = cohort().all;
    let reached: Vec<u32> = all.funnel.iter().map(|s| s.reached).collect();
    assert_eq!(reached, [4, 3, 3, 2, 1, 1, 1]);
}

#[test]
fn outcome_attainment_is_per_outcome_the_path_serves() {
    // The path serves first-project (its target) and confident-learner
    // (a module's). Only ada attained first-project.
    let all = cohort().all;
    let rates: Vec<(usize, Rate)> = all
        .outcomes
        .iter()
        .map(|o| (o.outcome.index(), o.rate))
        .collect();
    assert_eq!(rates, [(0, r(1, 4, 4)), (1, r(0, 4, 4))]);
}

#[test]
fn confidence_is_the_mean_latest_rating_of_those_still_in() {
    // Week 1 (to 18 Jan): ada 2, bo 3, cy 1 → 2.0 (di's intake is 20 Jan).
    // Week 2 (to 25 Jan): bo has left; ada 2, cy 2, di 2 → 2.0.
    // Weeks 3–5: ada 4 (1 Feb), cy 2, di 2 → 8/3.
    let all = cohort().all;
    let means: Vec<(Option<f64>, u32)> = all
        .confidence
        .iter()
        .map(|w| (w.average.value, w.average.learners))
        .collect();
    let third = Some(8.0 / 3.0);
    assert_eq!(
        means,
        [
            (Some(2.0), 3),
            (Some(2.0), 3),
            (third, 3),
            (third, 3),
            (third, 3)
        ]
    );
}

#[test]
fn time_to_competence_is_the_median_from_start_to_checkpoint() {
    // ada: 12→19 Jan (7 days), 21 Jan→3 Feb (13); cy: 20 Jan→1 Feb (12).
    let competence = cohort().all.competence;
    assert_eq!(competence.value, Some(12.0));
    assert_eq!((competence.count, competence.learners), (3, 2));
}

#[test]
fn response_time_counts_answers_within_the_target() {
    // Target 48 h. cy's follow-up: 22 Jan 18:00 → 26 Jan 09:00, late.
    // ada's reschedule: answered in 2 h. bo's: asked 5 Feb 10:00, due
    // 7 Feb 10:00, unanswered by today: late. 1 of 3.
    assert_eq!(cohort().all.response, r(1, 3, 3));
}

#[test]
fn sentiment_delta_is_the_mean_change_in_rating() {
    // ada 13 Jan 2→4 (+2); group 29 Jan: ada 3→4 (+1), cy 2→2 (0).
    let sentiment = cohort().all.sentiment;
    assert_eq!(sentiment.value, Some(1.0));
    assert_eq!((sentiment.count, sentiment.learners), (3, 2));
}

#[test]
fn cuts_by_mentor_keep_to_the_mentors_learners_and_sessions() {
    // Grace: ada and bo, s-ada (3 counted, all held) and s-bo (1 of 2:
    // its 28 Jan meeting came after bo left).
    // Tomás: cy, s-cy (1 of 2) and the group session (2 of 2).
    // di has no mentor and is in no cut.
    let metrics = cohort();
    let cuts: Vec<(usize, u32, Rate, Rate)> = metrics
        .by_mentor
        .iter()
        .map(|(m, f)| (m.index(), f.learners, f.completion, f.sessions))
        .collect();
    assert_eq!(
        cuts,
        [
            (0, 2, r(1, 2, 2), r(4, 5, 2)),
            (1, 1, r(0, 1, 1), r(3, 4, 3))
        ]
    );
}

#[test]
fn a_cut_by_path_of_a_one_path_cohort_is_the_cohort() {
    let metrics = cohort();
    assert_eq!(metrics.by_path.len(), 1);
    assert_eq!(metrics.by_path[0].1, metrics.all);
}
