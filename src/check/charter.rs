//! Charter checks: every pair answers the charter's four questions, and its
//! dates and phase tell one consistent story.
//!
//! A charter is printed for every pair, so an unanswered question here would
//! become a blank on paper; it is refused instead (SPEC §9).

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Pair, Phase, Program};

/// Incomplete expectations (E060) and inconsistent pair dates (E061).
pub fn check(program: &Program) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for pair in &program.pairs {
        if let Some(diagnostic) = incomplete(program, pair) {
            out.push(diagnostic);
        }
        dates(program, pair, &mut out);
    }
    out
}

/// The charter fields a pair leaves unanswered, as written in `pairs.yaml`.
fn missing_fields(pair: &Pair) -> Vec<&'static str> {
    let e = &pair.expectations;
    let listed = |items: &[String]| items.iter().any(|i| !i.trim().is_empty());
    [
        ("goals", e.goals.is_some()),
        ("offer", e.offer.is_some()),
        ("limits", e.limits.is_some()),
        ("cadence", e.cadence.is_some()),
        ("modes", listed(&e.modes)),
        ("response_time", e.response_time.is_some()),
        ("rescheduling", e.rescheduling.is_some()),
        ("notice_hours", e.notice_hours.is_some()),
        ("success", listed(&e.success)),
        ("check_in_questions", listed(&e.check_in_questions)),
        (
            "mentor_hopes_to_learn",
            pair.mentor_hopes_to_learn.is_some(),
        ),
    ]
    .into_iter()
    .filter(|(_, answered)| !answered)
    .map(|(field, _)| field)
    .collect()
}

/// E060: one diagnostic per pair naming every unanswered field.
fn incomplete(program: &Program, pair: &Pair) -> Option<Diagnostic> {
    let missing = missing_fields(pair);
    if missing.is_empty() {
        return None;
    }
    let listed: Vec<String> = missing.iter().map(|f| format!("`{f}`")).collect();
    let under_expectations = missing.iter().any(|f| *f != "mentor_hopes_to_learn");
    let hopes = missing.contains(&"mentor_hopes_to_learn");
    let place = match (under_expectations, hopes) {
        (true, true) => format!(
            "write them under `expectations:` of pair `{}`, and `mentor_hopes_to_learn` beside `expectations`",
            pair.key
        ),
        (true, false) => format!("write them under `expectations:` of pair `{}`", pair.key),
        _ => format!(
            "add `mentor_hopes_to_learn:` to pair `{}`, beside `expectations`",
            pair.key
        ),
    };
    Some(
        Diagnostic::new(
            Code::CharterIncomplete,
            format!(
                "the charter of pair `{}` leaves these unanswered: {}",
                pair.key,
                listed.join(", ")
            ),
        )
        .at(program.locate(pair.pos))
        .label("incomplete charter")
        .help(format!(
            "{place}; the charter is printed for both to sign, so every question needs an answer"
        )),
    )
}

/// E061: dates in the wrong order, and a phase that contradicts the end.
fn dates(program: &Program, pair: &Pair, out: &mut Vec<Diagnostic>) {
    let key = &pair.key;
    let start = pair.start;
    let before_start = [
        (pair.end, pair.end_pos, "ends"),
        (pair.planned_end, pair.planned_end_pos, "is planned to end"),
        (pair.agreed, pair.agreed_pos, "agreed its charter"),
    ];
    for (date, pos, what) in before_start {
        if let Some(date) = date.filter(|d| *d < start) {
            out.push(
                Diagnostic::new(
                    Code::PairDates,
                    format!("pair `{key}` {what} on {date}, before it starts on {start}"),
                )
                .at(program.locate(pos))
                .label("before the start")
                .help(format!(
                    "use a date on or after {start}, or correct the pair's `start`"
                )),
            );
        }
    }
    let closed = pair.phase == Phase::Closed;
    if closed {
        let missing: Vec<&str> = [
            ("`end`", pair.end.is_none()),
            ("`end_reason`", pair.end_reason.is_none()),
        ]
        .into_iter()
        .filter(|(_, absent)| *absent)
        .map(|(field, _)| field)
        .collect();
        if !missing.is_empty() {
            out.push(
                Diagnostic::new(
                    Code::PairDates,
                    format!(
                        "pair `{key}` is closed but has no {}",
                        missing.join(" or ")
                    ),
                )
                .at(program.locate(pair.phase_pos))
                .label("closed")
                .help(
                    "add the last day as `end: YYYY-MM-DD` and why it ended as `end_reason: completed`, `rematched` or `withdrawn`",
                ),
            );
        }
    } else if pair.end.is_some() || pair.end_reason.is_some() {
        let (pos, what, help) = match (pair.end.is_some(), pair.end_reason.is_some()) {
            (true, true) => (
                pair.end_pos,
                "an `end`",
                "if the pair has ended, set `phase: closed`; if the date is only planned, write it as `planned_end` and remove `end_reason`",
            ),
            (true, false) => (
                pair.end_pos,
                "an `end`",
                "if the pair has ended, set `phase: closed` and add its `end_reason`; if the date is only planned, write it as `planned_end`",
            ),
            _ => (
                pair.end_reason_pos,
                "an `end_reason`",
                "if the pair has ended, set `phase: closed` and add its `end` date; otherwise remove `end_reason`",
            ),
        };
        out.push(
            Diagnostic::new(
                Code::PairDates,
                format!(
                    "pair `{key}` has {what} but its phase is `{}`, not `closed`",
                    phase_name(pair.phase)
                ),
            )
            .at(program.locate(pos))
            .label("only a closed pair has an end")
            .related(program.locate(pair.phase_pos), "the phase is set here")
            .help(help),
        );
    }
}

/// A phase as written in `pairs.yaml`.
fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Initial => "initial",
        Phase::Working => "working",
        Phase::Transition => "transition",
        Phase::Closed => "closed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::testing::{at, checked_with, example};

    /// The example program with its pairs file edited by `edit`, checked;
    /// only diagnostics with `code` are kept.
    fn check_pairs(edit: impl Fn(String) -> String, code: Code) -> Vec<Diagnostic> {
        let text = example("data/pairs.yaml");
        let edited = edit(text.clone());
        assert_ne!(edited, text, "the edit changed nothing");
        checked_with(&[("data/pairs.yaml", edited)], "2026-04-15")
            .into_iter()
            .filter(|d| d.code == code)
            .collect()
    }

    /// Removes every line that starts with one of `prefixes` (after indentation).
    fn without(text: String, prefixes: &[&str]) -> String {
        text.lines()
            .filter(|l| !prefixes.iter().any(|p| l.trim_start().starts_with(p)))
            .map(|l| format!("{l}\n"))
            .collect()
    }

    #[test]
    fn the_example_charter_is_complete_and_its_dates_agree() {
        let found = check_pairs(|t| t + "\n", Code::CharterIncomplete);
        assert_eq!(found, vec![]);
        let found = check_pairs(|t| t + "\n", Code::PairDates);
        assert_eq!(found, vec![]);
    }

    #[test]
    fn blank_and_missing_answers_are_listed_in_one_diagnostic() {
        let found = check_pairs(
            |t| {
                without(t, &["limits:"])
                    .replace(
                        "goals: Publish a small, well-documented data project.",
                        "goals: '  '",
                    )
                    .replace("modes: [video]", "modes: []")
            },
            Code::CharterIncomplete,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/pairs.yaml:3:9");
        assert_eq!(
            found[0].message,
            "the charter of pair `ada-grace` leaves these unanswered: `goals`, `limits`, `modes`"
        );
    }

    #[test]
    fn a_pair_without_expectations_leaves_every_question_open() {
        let found = check_pairs(
            |t| {
                t.split("    expectations:")
                    .next()
                    .unwrap_or_default()
                    .to_string()
            },
            Code::CharterIncomplete,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "the charter of pair `ada-grace` leaves these unanswered: `goals`, `offer`, \
             `limits`, `cadence`, `modes`, `response_time`, `rescheduling`, `notice_hours`, \
             `success`, `check_in_questions`, `mentor_hopes_to_learn`"
        );
    }

    #[test]
    fn a_missing_hope_is_asked_for_beside_the_expectations() {
        let found = check_pairs(
            |t| without(t, &["mentor_hopes_to_learn:"]),
            Code::CharterIncomplete,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .help
                .as_deref()
                .is_some_and(|h| h.starts_with("add `mentor_hopes_to_learn:` to pair `ada-grace`")),
            "{:?}",
            found[0].help
        );
    }

    #[test]
    fn an_end_before_the_start_points_at_the_end() {
        let found = check_pairs(
            |t| t.replace("end: 2026-04-09", "end: 2025-04-09"),
            Code::PairDates,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/pairs.yaml:8:10");
        assert_eq!(
            found[0].message,
            "pair `ada-grace` ends on 2025-04-09, before it starts on 2026-01-12"
        );
    }

    #[test]
    fn a_planned_end_before_the_start_points_at_the_planned_end() {
        let found = check_pairs(
            |t| t.replace("planned_end: 2026-04-10", "planned_end: 2026-01-10"),
            Code::PairDates,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/pairs.yaml:7:18");
    }

    #[test]
    fn a_closed_pair_needs_its_end_and_reason() {
        let found = check_pairs(|t| without(t, &["end_reason:"]), Code::PairDates);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/pairs.yaml:9:12");
        assert_eq!(
            found[0].message,
            "pair `ada-grace` is closed but has no `end_reason`"
        );
        let found = check_pairs(|t| without(t, &["end:", "end_reason:"]), Code::PairDates);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "pair `ada-grace` is closed but has no `end` or `end_reason`"
        );
    }

    #[test]
    fn an_end_on_a_working_pair_points_at_the_end_and_the_phase() {
        let found = check_pairs(
            |t| t.replace("phase: closed", "phase: working"),
            Code::PairDates,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/pairs.yaml:8:10");
        assert_eq!(found[0].related[0].0.to_string(), "data/pairs.yaml:10:12");
        assert_eq!(
            found[0].message,
            "pair `ada-grace` has an `end` but its phase is `working`, not `closed`"
        );
    }

    #[test]
    fn an_end_reason_alone_on_an_open_pair_points_at_the_reason() {
        let found = check_pairs(
            |t| without(t, &["end:"]).replace("phase: closed", "phase: transition"),
            Code::PairDates,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/pairs.yaml:8:17");
    }
}
