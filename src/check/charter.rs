//! Charter checks: every pair answers the charter's four questions, its
//! dates, pauses and phase tell one consistent story, and no learner is in
//! two pairs at once unless the program means it.
//!
//! A charter is printed for every pair, so an unanswered question here would
//! become a blank on paper; it is refused instead (SPEC §9).

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Pair, Phase, Program};

/// Incomplete expectations (E060), inconsistent pair dates and pauses
/// (E061), and a learner in two open pairs (E058).
pub(crate) fn check(program: &Program) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for pair in &program.pairs {
        if let Some(diagnostic) = incomplete(program, pair) {
            out.push(diagnostic);
        }
        dates(program, pair, &mut out);
        pauses(program, pair, &mut out);
    }
    overlaps(program, &mut out);
    out
}

/// E058: a learner in two pairs open on the same day, unless the later pair
/// says the learner has two mentors on purpose (`co_mentoring: true`) and
/// the mentors differ. A pair is open from its `start` through its `end`.
fn overlaps(program: &Program, out: &mut Vec<Diagnostic>) {
    let mut by_learner: Vec<Vec<&Pair>> = vec![Vec::new(); program.learners.len()];
    for pair in &program.pairs {
        if let Some(list) = by_learner.get_mut(pair.learner.index()) {
            list.push(pair);
        }
    }
    for pairs in &mut by_learner {
        pairs.sort_by_key(|p| p.start);
        for (i, later) in pairs.iter().enumerate() {
            let Some(earlier) = pairs[..i].iter().find(|p| {
                p.open_on(later.start) && !(later.co_mentoring && p.mentor != later.mentor)
            }) else {
                continue;
            };
            out.push(overlap(program, earlier, later));
        }
    }
}

fn overlap(program: &Program, earlier: &Pair, later: &Pair) -> Diagnostic {
    let learner = &program.learner(later.learner).key;
    let runs = match earlier.end {
        Some(end) => format!("runs from {} to {end}", earlier.start),
        None => format!("runs from {} and has not ended", earlier.start),
    };
    let co = if earlier.mentor == later.mentor {
        String::new()
    } else {
        format!(
            "; if `{learner}` has two mentors on purpose, write `co_mentoring: true` on `{}`",
            later.key
        )
    };
    Diagnostic::new(
        Code::PairsOverlap,
        format!(
            "learner `{learner}` is in pairs `{}` and `{}` at once, from {}",
            earlier.key, later.key, later.start
        ),
    )
    .at(program.locate(later.pos))
    .label(format!("starts while `{}` is open", earlier.key))
    .related(program.locate(earlier.pos), format!("`{}` {runs}", earlier.key))
    .help(format!(
        "close `{}` first (`phase: closed`, an `end` before {} and its `end_reason`), or start `{}` after it ends{co}",
        earlier.key, later.start, later.key
    ))
}

/// E061 for pauses: each lies within the pair's days, ends after it
/// begins, does not overlap another, and has ended if the pair has.
fn pauses(program: &Program, pair: &Pair, out: &mut Vec<Diagnostic>) {
    let key = &pair.key;
    let problem = |message: String, pos, label: &str, help: String| {
        Diagnostic::new(Code::PairDates, message)
            .at(program.locate(pos))
            .label(label)
            .help(help)
    };
    for (i, pause) in pair.pauses.iter().enumerate() {
        let from = pause.from;
        if let Some(until) = pause.until.filter(|u| *u < from) {
            out.push(problem(
                format!("a pause of pair `{key}` ends on {until}, before it begins on {from}"),
                pause.until_pos,
                "before the pause begins",
                format!("write the last day of the pause, on or after {from}"),
            ));
            continue;
        }
        if from < pair.start {
            out.push(problem(
                format!(
                    "a pause of pair `{key}` begins on {from}, before the pair starts on {}",
                    pair.start
                ),
                pause.pos,
                "before the start",
                format!(
                    "use a date on or after {}, or correct the pair's `start`",
                    pair.start
                ),
            ));
        }
        if let Some(end) = pair.end {
            match pause.until {
                Some(until) if until > end => out.push(problem(
                    format!(
                        "a pause of pair `{key}` runs to {until}, after the pair ended on {end}"
                    ),
                    pause.until_pos,
                    "after the end",
                    format!("end the pause by {end}, or correct the pair's `end`"),
                )),
                None => out.push(problem(
                    format!(
                        "pair `{key}` ended on {end}, but its pause from {from} has no `until`"
                    ),
                    pause.pos,
                    "a pause that never ends",
                    format!("add the pause's last day as `until:`, on or before {end}"),
                )),
                _ => {}
            }
        }
        if let Some(other) = pair.pauses[..i]
            .iter()
            .find(|o| o.covers(from) || pause.covers(o.from))
        {
            out.push(
                problem(
                    format!(
                        "two pauses of pair `{key}` overlap, from {}",
                        from.max(other.from)
                    ),
                    pause.pos,
                    "overlaps another pause",
                    "make it one pause, or correct the dates".into(),
                )
                .related(program.locate(other.pos), "the other pause"),
            );
        }
    }
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
        (
            pair.midpoint,
            pair.midpoint_pos,
            "plans its midpoint check-in",
        ),
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

    /// The example's pairs and a second pair for Ada from 1 March, with
    /// `mentor` and `extra` lines; its charter is the first one's.
    fn second_pair(text: String, mentor: &str, extra: &str) -> String {
        let first = text
            .split_once("  - id: ada-grace")
            .map_or("", |(_, rest)| rest);
        let second = without(first.to_string(), &["end:", "end_reason:", "midpoint"])
            .replace("mentor: grace-hopper-example", &format!("mentor: {mentor}"))
            .replace("start: 2026-01-12", &format!("start: 2026-03-01{extra}"))
            .replace("phase: closed", "phase: working")
            .replace("agreed: 2026-01-19", "agreed: 2026-03-01");
        format!("{text}  - id: ada-second{second}")
    }

    #[test]
    fn a_learner_in_two_open_pairs_is_reported_at_the_later_one() {
        let found = check_pairs(|t| second_pair(t, "tomas-example", ""), Code::PairsOverlap);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/pairs.yaml:31:9");
        assert_eq!(found[0].related[0].0.to_string(), "data/pairs.yaml:3:9");
        assert_eq!(
            found[0].message,
            "learner `ada-example` is in pairs `ada-grace` and `ada-second` at once, from 2026-03-01"
        );
    }

    #[test]
    fn co_mentoring_allows_a_second_mentor_but_not_the_same_one_twice() {
        let co = "\n    co_mentoring: true";
        let found = check_pairs(|t| second_pair(t, "tomas-example", co), Code::PairsOverlap);
        assert_eq!(found, vec![]);
        let found = check_pairs(
            |t| second_pair(t, "grace-hopper-example", co),
            Code::PairsOverlap,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn a_pair_that_starts_the_day_after_the_other_ends_is_no_overlap() {
        let found = check_pairs(
            |t| {
                second_pair(t, "tomas-example", "")
                    .replace("start: 2026-03-01", "start: 2026-04-10")
            },
            Code::PairsOverlap,
        );
        assert_eq!(found, vec![]);
    }

    #[test]
    fn a_pause_must_end_after_it_begins_and_by_the_end_of_the_pair() {
        let pause = |lines: &'static str| {
            move |t: String| {
                t.replace(
                    "    midpoint_facilitator: coordinator\n",
                    &format!("    midpoint_facilitator: coordinator\n    pauses:\n{lines}"),
                )
            }
        };
        let found = check_pairs(
            pause("      - {from: 2026-03-10, until: 2026-03-01, by: learner}\n"),
            Code::PairDates,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/pairs.yaml:15:35");
        let found = check_pairs(
            pause("      - {from: 2026-03-10, by: mentor}\n"),
            Code::PairDates,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "pair `ada-grace` ended on 2026-04-09, but its pause from 2026-03-10 has no `until`"
        );
        let found = check_pairs(
            pause(
                "      - {from: 2026-03-01, until: 2026-03-14, by: learner}\n\
                 \x20     - {from: 2026-03-10, until: 2026-03-20, by: mentor}\n",
            ),
            Code::PairDates,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/pairs.yaml:16:16");
    }
}
