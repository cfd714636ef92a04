//! The comparison on the example program of `telemachy init`, edited.

use chrono::NaiveDate;

use super::*;
use crate::testing::{example, write_example};

fn checked(changes: &[(&str, String)]) -> Checked {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    write_example(dir.path(), changes);
    let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
    crate::check_program(dir.path(), today)
}

fn revision(name: &str) -> Revision {
    Revision {
        name: name.into(),
        commit: "0".repeat(40),
    }
}

/// What changed from the example program to it with `file` edited.
fn compared(file: &str, edit: impl Fn(String) -> String, audience: Audience) -> Changes {
    let base = checked(&[]);
    let head = checked(&[(file, edit(example(file)))]);
    compare(
        (&revision("main"), &base),
        (&revision("HEAD"), &head),
        audience,
    )
}

const SESSIONS: &str = "data/sessions/first-cohort.yaml";

#[test]
fn meetings_of_a_series_are_matched_by_their_date_in_it() {
    let changes = compared(
        SESSIONS,
        |text| {
            text.replacen(
                "      - date: 2026-03-10\n",
                "      - date: 2026-03-03\n        moved_to: 2026-03-04T18:00\n      \
                 - date: 2026-03-17\n        status: cancelled\n      - date: 2026-03-10\n",
                1,
            )
            .replacen("skip: [2026-02-17, 2026-02-24]", "skip: [2026-02-17]", 1)
        },
        Audience::Public,
    );
    let events: Vec<String> = changes
        .sessions
        .iter()
        .map(|c| format!("{} {:?}", c.session, c.event))
        .collect();
    assert_eq!(
        events,
        [
            "ada-grace-weekly Moved { meeting: Some(\"2026-03-03\"), from: When { local: \
             \"2026-03-03T18:00\", zone: \"Europe/London\" }, to: When { local: \
             \"2026-03-04T18:00\", zone: \"Europe/London\" } }",
            "ada-grace-weekly Cancelled { meeting: Some(\"2026-03-17\"), at: When { local: \
             \"2026-03-17T18:00\", zone: \"Europe/London\" } }",
            "ada-grace-weekly MeetingsAdded { dates: [\"2026-02-24\"] }",
        ]
    );
    // A 1:1 is in no public feed, only in the personal feeds of the two.
    let calendar = &changes.sessions[0].calendar;
    assert!(calendar.feeds.is_empty(), "{calendar:?}");
    assert_eq!((calendar.learners.len(), calendar.mentors.len()), (1, 1));
}

#[test]
fn the_same_instant_written_in_another_zone_is_no_move() {
    let changes = compared(
        SESSIONS,
        |text| {
            text.replacen(
                "    start: 2026-01-15T17:00\n",
                "    start: 2026-01-15T18:00\n    timezone: Europe/Paris\n",
                1,
            )
        },
        Audience::Public,
    );
    assert!(
        changes
            .sessions
            .iter()
            .all(|c| !matches!(c.event, SessionEvent::Moved { .. })),
        "{:#?}",
        changes.sessions
    );
}

#[test]
fn a_problem_on_another_line_is_the_same_problem() {
    let base = checked(&[]);
    let head = checked(&[(SESSIONS, format!("\n\n{}", example(SESSIONS)))]);
    assert!(
        head.diagnostics.iter().any(|d| d
            .location
            .as_ref()
            .is_some_and(|l| l.file.ends_with("first-cohort.yaml"))),
        "the test needs a problem in the sessions file: {:?}",
        head.diagnostics
    );
    let changes = compare(
        (&revision("main"), &base),
        (&revision("HEAD"), &head),
        Audience::Public,
    );
    assert!(changes.is_empty(), "{changes:#?}");
}

#[test]
fn markdown_escapes_text_from_the_data_files() {
    let changes = compared(
        SESSIONS,
        |text| {
            text.replacen(
                "title: Cohort group session",
                "title: '<b>[x](y)</b> *hi*'",
                1,
            )
        },
        Audience::Public,
    );
    assert!(changes.sessions.is_empty(), "a title is no move");
    let changes = compared(
        SESSIONS,
        |text| {
            text.replacen(
                "title: Cohort group session",
                "title: '<b>[x](y)</b> *hi*'",
                1,
            )
            .replacen("start: 2026-01-15T17:00", "start: 2026-01-15T17:30", 1)
        },
        Audience::Public,
    );
    let markdown = report::markdown(&changes);
    assert!(
        markdown.contains("- \\<b\\>\\[x\\](y)\\</b\\> \\*hi\\* (`cohort-group`) moved"),
        "{markdown}"
    );
}

#[test]
fn another_room_or_link_is_told_without_saying_which() {
    let changes = compared(
        SESSIONS,
        |text| text.replacen("location: Library meeting room", "location: Room 4.12", 1),
        Audience::Public,
    );
    let events: Vec<String> = changes
        .sessions
        .iter()
        .map(|c| format!("{} {:?}", c.session, c.event))
        .collect();
    assert_eq!(
        events,
        [
            "cohort-group Relocated { at: When { local: \"2026-01-15T17:00\", zone: \"Europe/London\" } }"
        ]
    );
    let text = report::human(&changes);
    assert!(
        text.contains(
            "Cohort group session (cohort-group) meets somewhere else or at another link"
        ),
        "{text}"
    );
    assert!(!text.contains("Room 4.12"), "{text}");
}
