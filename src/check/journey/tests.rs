use super::*;
use crate::testing::checked_with;

const JOURNEY_CODES: &[Code] = &[
    Code::StageUnreachable,
    Code::StageDeadEnd,
    Code::HandoffNoOwner,
    Code::HandoffNoLimit,
    Code::HandoffSkipped,
    Code::JourneyOrder,
    Code::RequirementUnmet,
    Code::HandoffLate,
    Code::LearnerStalled,
    Code::SessionBeforeCharter,
    Code::StatusInconsistent,
    Code::PausedAfterPause,
];

const ADA: &str = "data/learners/ada-example.yaml";
const PROGRAM: &str = "data/program.yaml";
const PAIRS: &str = "data/pairs.yaml";
const SESSIONS: &str = "data/sessions/first-cohort.yaml";

/// The example program `telemachy init` writes, changed by a story.
struct Story {
    files: Vec<(String, String)>,
}

impl Story {
    fn example() -> Self {
        Story {
            files: crate::init::FILES
                .iter()
                .map(|(path, text)| (path.to_string(), text.to_string()))
                .collect(),
        }
    }

    fn edit(mut self, file: &str, old: &str, new: &str) -> Self {
        let text = self
            .files
            .iter_mut()
            .find(|(path, _)| path == file)
            .map(|(_, text)| text)
            .unwrap_or_else(|| panic!("no file {file}"));
        assert!(text.contains(old), "{file} has no {old:?}");
        *text = text.replacen(old, new, 1);
        self
    }

    fn add(mut self, file: &str, text: &str) -> Self {
        self.files.push((file.into(), text.into()));
        self
    }

    /// The journey diagnostics as of the harness's day, and the rest
    /// only when they are E009 (so a story can show what is left out).
    fn check(&self) -> Vec<Diagnostic> {
        let files: Vec<(&str, &str)> = self
            .files
            .iter()
            .map(|(path, text)| (path.as_str(), text.as_str()))
            .collect();
        checked_with(&files, "2026-04-15")
            .into_iter()
            .filter(|d| JOURNEY_CODES.contains(&d.code) || d.code == Code::UnresolvedReference)
            .collect()
    }
}

fn codes(found: &[Diagnostic]) -> Vec<&str> {
    found.iter().map(|d| d.code.as_str()).collect()
}

fn line(d: &Diagnostic) -> u32 {
    d.location.as_ref().map_or(0, |l| l.line)
}

#[test]
fn the_example_journey_is_clean() {
    assert_eq!(codes(&Story::example().check()), Vec::<&str>::new());
}

#[test]
fn a_stage_no_handoff_leads_to_is_unreachable_but_an_exit_stage_is_not() {
    let found = Story::example()
        .edit(
            PROGRAM,
            "    - id: withdrawn\n",
            "    - id: alumni\n      title: Alumni\n      terminal: true\n    - id: withdrawn\n",
        )
        .check();
    assert_eq!(codes(&found), ["E020"]);
    assert!(
        found[0].message.contains("`alumni`"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_stage_that_is_not_terminal_needs_a_way_out() {
    let found = Story::example()
        .edit(
            PROGRAM,
            "      terminal: true\n      exit: true\n",
            "      exit: true\n",
        )
        .check();
    assert_eq!(codes(&found), ["E021"]);
    assert!(
        found[0].message.contains("`withdrawn`"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_handoff_without_owner_or_limit_is_reported() {
    let found = Story::example()
        .edit(
            PROGRAM,
            "      owner: coordinator\n      requires: [intake-answers]\n      limit_days: 14\n",
            "      requires: [intake-answers]\n",
        )
        .check();
    assert_eq!(codes(&found), ["E022", "E023"]);
    assert!(found.iter().all(|d| line(d) == 72), "{found:?}");
}

#[test]
fn a_misspelled_owner_is_an_unknown_name_not_a_missing_owner() {
    let found = Story::example()
        .edit(PROGRAM, "owner: coordinator", "owner: cordinator")
        .check();
    assert_eq!(codes(&found), ["E009"]);
}

#[test]
fn a_skipped_stage_names_the_stage_expected_next() {
    let found = Story::example()
        .edit(ADA, "  - stage: matching\n    date: 2026-01-09\n", "")
        .check();
    assert_eq!(codes(&found), ["E030"]);
    assert!(
        found[0]
            .message
            .contains("expected `matching` after `intake`"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_journey_starts_at_the_first_stage() {
    let found = Story::example()
        .edit(ADA, "  - stage: intake\n    date: 2026-01-05\n", "")
        .check();
    assert_eq!(codes(&found), ["E030"]);
    assert!(
        found[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("`- stage: intake`")
    );
}

#[test]
fn leaving_for_an_exit_stage_needs_no_handoff() {
    let found = Story::example()
        .edit(ADA, "  - stage: graduated\n", "  - stage: withdrawn\n")
        .edit(
            ADA,
            "status: graduated\n",
            "status: withdrawn\nstatus_reason: Moved.\n",
        )
        .check();
    assert_eq!(codes(&found), Vec::<&str>::new());
}

#[test]
fn an_entry_dated_before_the_one_above_it_is_out_of_order() {
    let found = Story::example()
        .edit(ADA, "date: 2026-01-09", "date: 2026-01-04")
        .check();
    assert_eq!(codes(&found), ["E031"]);
    assert_eq!(line(&found[0]), 20);
    assert_eq!(found[0].related.first().map(|(l, _)| l.line), Some(18));
}

#[test]
fn going_active_before_the_charter_is_agreed_fails_two_checks() {
    let found = Story::example()
        .edit(PAIRS, "agreed: 2026-01-19", "agreed: 2026-01-22")
        .check();
    assert_eq!(codes(&found), ["E032", "E035"]);
    assert!(found[0].message.contains("`charter-agreed`"));
    assert!(
        found[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("pair `ada-grace`"),
        "{:?}",
        found[0].help
    );
    assert!(
        found[1].message.contains("2026-01-20"),
        "{}",
        found[1].message
    );
}

#[test]
fn a_missed_first_meeting_does_not_count_as_the_first_session() {
    let found = Story::example()
            .edit(
                SESSIONS,
                "    link: https://meet.example.org/ada-grace\n    status: completed\n  - id: ada-grace-weekly",
                "    link: https://meet.example.org/ada-grace\n    status: completed\n    attendance:\n      - learner: ada-example\n        attended: false\n  - id: ada-grace-weekly",
            )
            .check();
    assert_eq!(codes(&found), ["E032"]);
    assert!(
        found[0].message.contains("`first-session`"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_pair_without_an_agreed_date_that_met_is_reported() {
    let found = Story::example()
        .edit(PAIRS, "    agreed: 2026-01-19\n", "")
        .check();
    assert_eq!(codes(&found), ["E032", "E035"]);
    assert!(
        found[1].message.contains("no agreed charter"),
        "{}",
        found[1].message
    );
}

#[test]
fn a_later_pair_with_the_same_mentor_is_judged_on_its_own_meetings() {
    let second = "  - id: ada-grace-again\n    mentor: grace-hopper-example\n    learner: ada-example\n    start: 2026-03-01\n    phase: working\n    agreed: AGREED\n";
    let story = |agreed: &str| {
        Story::example()
            .edit(PAIRS, "    end: 2026-04-09\n", "    end: 2026-02-10\n")
            .edit(
                PAIRS,
                "    mentor_hopes_to_learn",
                &format!(
                    "{}    mentor_hopes_to_learn",
                    second.replace("AGREED", agreed)
                ),
            )
    };
    let on_time = story("2026-03-02").check();
    assert!(!codes(&on_time).contains(&"E035"), "{on_time:?}");
    let late = story("2026-03-05").check();
    let e035: Vec<_> = late
        .iter()
        .filter(|d| d.code == Code::SessionBeforeCharter)
        .collect();
    assert_eq!(e035.len(), 1, "{late:?}");
    assert!(
        e035[0].message.contains("2026-03-03"),
        "{}",
        e035[0].message
    );
}

#[test]
fn a_late_handoff_names_the_owner_who_should_have_acted() {
    let found = Story::example()
        .edit(
            ADA,
            "  - stage: intake\n    date: 2026-01-05\n",
            "  - stage: intake\n    date: 2025-12-01\n",
        )
        .check();
    assert_eq!(codes(&found), ["W033"]);
    assert!(
        found[0]
            .message
            .contains("Program coordinator (Sam Rivera)"),
        "{}",
        found[0].message
    );
}

const BO: &str = "id: bo-example\nname: Bo Example\ncohort: first-cohort\npath: getting-started\nintake:\n  date: 2026-03-02\n  goal: Automate a report.\n  confidence: 2\njourney:\n  - stage: intake\n    date: 2026-03-02\n  - stage: matching\n    date: 2026-03-06\n";

#[test]
fn an_active_learner_waiting_past_the_limit_is_stalled() {
    let found = Story::example()
        .add("data/learners/bo-example.yaml", BO)
        .check();
    assert_eq!(codes(&found), ["W034"]);
    assert!(
        found[0].message.contains("for 40 days"),
        "{}",
        found[0].message
    );
    assert!(
        found[0]
            .help
            .as_deref()
            .unwrap_or("")
            .starts_with("Program coordinator (Sam Rivera) must act: move them on to `onboarding`"),
        "{:?}",
        found[0].help
    );
}

#[test]
fn a_paused_learner_is_not_stalled() {
    let paused = format!("{BO}status: paused\nstatus_date: 2026-03-20\n");
    let found = Story::example()
        .add("data/learners/bo-example.yaml", &paused)
        .check();
    assert_eq!(codes(&found), Vec::<&str>::new());
}

/// Bo's learner file and a pair for Bo with Grace from 6 March,
/// paused on the days of `pause`.
fn bo_paused(pause: &str) -> Story {
    let pairs = format!(
        "{}  - id: bo-grace\n    mentor: grace-hopper-example\n    learner: bo-example\n\
             \x20   start: 2026-03-06\n    phase: initial\n    pauses:\n      - {pause}\n",
        crate::testing::example(PAIRS)
    );
    Story::example()
        .add("data/learners/bo-example.yaml", BO)
        .add(PAIRS, &pairs)
}

#[test]
fn days_paused_do_not_count_toward_a_stall() {
    // 40 days in matching, 17 of them paused: 23, still past 21.
    let found = bo_paused("{from: 2026-03-20, until: 2026-04-05, by: learner}").check();
    assert_eq!(codes(&found), ["W034"]);
    assert!(
        found[0]
            .message
            .contains("for 23 days (not counting 17 days paused) as of"),
        "{}",
        found[0].message
    );
    // 22 days paused leave 18: not stalled.
    let found = bo_paused("{from: 2026-03-20, until: 2026-04-10, by: mentor}").check();
    assert_eq!(codes(&found), Vec::<&str>::new());
}

#[test]
fn a_learner_whose_pair_is_paused_today_is_not_stalled() {
    let found = bo_paused("{from: 2026-04-14, by: mentor, reason: Leave}").check();
    assert_eq!(codes(&found), Vec::<&str>::new());
}

#[test]
fn a_status_still_paused_after_the_pause_ended_is_reported() {
    let story = |until: &str| {
        bo_paused(&format!(
            "{{from: 2026-03-20, until: {until}, by: learner}}"
        ))
        .edit(
            "data/learners/bo-example.yaml",
            "journey:",
            "status: paused\nstatus_date: 2026-03-20\njourney:",
        )
    };
    let ended = story("2026-04-10").check();
    assert_eq!(codes(&ended), ["W064"]);
    assert!(
        ended[0]
            .message
            .contains("pair `bo-grace` ended on 2026-04-10")
            && ended[0]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("2026-04-11")),
        "{ended:?}"
    );
    assert_eq!(codes(&story("2026-04-15").check()), Vec::<&str>::new());
    assert_eq!(codes(&story("2026-04-20").check()), Vec::<&str>::new());
}

#[test]
fn a_status_must_match_where_the_journey_ends() {
    let withdrawn = Story::example()
        .edit(ADA, "status: graduated\n", "status: withdrawn\n")
        .check();
    assert_eq!(codes(&withdrawn), ["E036", "E036"]);
    assert!(withdrawn.iter().all(|d| line(d) == 57));
    assert!(
        withdrawn[1].message.contains("`status_reason`"),
        "{}",
        withdrawn[1].message
    );

    let graduated_early = Story::example()
        .edit(ADA, "  - stage: graduated\n    date: 2026-04-09\n", "")
        .check();
    assert_eq!(codes(&graduated_early), ["E036"]);

    let still_active = Story::example()
        .edit(ADA, "status: graduated\nstatus_date: 2026-04-09\n", "")
        .check();
    assert_eq!(codes(&still_active), ["E036"]);
    assert!(
        still_active[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("`status: graduated`")
    );
}
