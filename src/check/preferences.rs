//! Matching preferences: a pair that is going on, or yet to start, keeps
//! every hard preference of its learner (E110). A soft one it breaks is
//! no error; the learner's staff page lists it.
//!
//! What "meets" means for each kind is in [`crate::derive::preferences`].

use chrono::NaiveDate;

use crate::derive::preferences::{self, Offer, Unmet};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::gaps::Kind;
use crate::model::{Pair, PreferenceKind, Program};

/// E110 for every hard preference a current pair breaks, each pair of a
/// learner with two mentors on its own.
pub(crate) fn check(program: &Program, today: NaiveDate) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for pair in &program.pairs {
        if !preferences::current(pair, today) {
            continue;
        }
        for unmet in preferences::unmet(program, pair) {
            // A mentor whose zone could not be read is in the program with
            // UTC; E007 already says so. (A learner's leaves them out.)
            let zone_unknown = matches!(unmet.offer, Offer::Distance { .. } | Offer::Apart { .. })
                && program
                    .gaps
                    .may_hide(Kind::Mentor, &program.mentor(pair.mentor).key);
            if unmet.hard && !zone_unknown {
                out.push(broken(program, pair, &unmet));
            }
        }
    }
    out
}

fn broken(program: &Program, pair: &Pair, unmet: &Unmet<'_>) -> Diagnostic {
    let learner = program.learner(pair.learner);
    let mentor = program.mentor(pair.mentor);
    let code = |text: &str| format!("`{text}`");
    let who = format!("{} ({})", mentor.name, code(&mentor.key));
    let (pos, label, change) = match (unmet.kind, &unmet.offer) {
        (PreferenceKind::Mode, Offer::Modes(_)) => (
            pair.modes_pos,
            "the modes the pair agreed",
            format!(
                "agree in the charter of pair `{}` {}",
                pair.key,
                unmet.wanted_words(code)
            ),
        ),
        _ => (
            pair.mentor_pos,
            "this mentor",
            format!(
                "choose another mentor for `{}` (a rematch: close `{}` with `end_reason: rematched` and start a new pair)",
                learner.key, pair.key
            ),
        ),
    };
    let otherwise = match unmet.kind {
        PreferenceKind::Expertise => "other expertise will do",
        PreferenceKind::Language => "another language will do",
        PreferenceKind::TimezoneWindow => "a wider difference will do",
        PreferenceKind::Mode => "another mode will do",
    };
    let diagnostic = Diagnostic::new(
        Code::HardPreferenceBroken,
        format!(
            "{} ({}) asked only {}; {}",
            learner.name,
            code(&learner.key),
            unmet.wanted_words(code),
            unmet.offer_words(&who, code)
        ),
    )
    .at(program.locate(pos))
    .label(format!("{label} breaks a hard preference"))
    .help(format!(
        "{change}; or, if {otherwise}, write `hard: false` on the preference"
    ));
    unmet.wanted.iter().fold(diagnostic, |d, wanted| {
        d.related(
            program.locate(wanted.pos),
            format!("a hard preference of `{}`", learner.key),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{at, checked_with, example};

    const TODAY: &str = "2026-04-15";

    /// The example's pairs file with `ada-grace` still working on
    /// [`TODAY`]: no `end`, no `end_reason`.
    fn open(text: String) -> String {
        text.lines()
            .filter(|l| !l.trim_start().starts_with("end"))
            .map(|l| format!("{}\n", l.replace("phase: closed", "phase: working")))
            .collect()
    }

    /// Ada's example file with `lines` added at its end.
    fn ada_with(lines: &str) -> String {
        format!("{}{lines}", example("data/learners/ada-example.yaml"))
    }

    /// The E110s and E011s of the example program with Ada's file ending
    /// with `lines`, its pairs edited by `pairs` and `more` changes.
    fn found(
        lines: &str,
        pairs: impl Fn(String) -> String,
        more: &[(&str, String)],
    ) -> Vec<Diagnostic> {
        let mut changes = vec![
            ("data/learners/ada-example.yaml", ada_with(lines)),
            ("data/pairs.yaml", pairs(example("data/pairs.yaml"))),
        ];
        changes.extend(more.iter().cloned());
        checked_with(&changes, TODAY)
            .into_iter()
            .filter(|d| matches!(d.code, Code::HardPreferenceBroken | Code::BadValue))
            .collect()
    }

    const SPANISH: &str = "preferences:\n  - kind: language\n    value: es\n    hard: true\n";

    #[test]
    fn a_mentor_who_breaks_a_hard_preference_is_reported_at_the_pair_and_the_preference() {
        let found = found(SPANISH, open, &[]);
        assert_eq!(found.len(), 1, "{found:#?}");
        let d = &found[0];
        assert_eq!(d.code, Code::HardPreferenceBroken);
        assert_eq!(at(d), "data/pairs.yaml:4:13", "the `mentor:` value");
        assert_eq!(
            d.related[0].0.to_string(),
            "data/learners/ada-example.yaml:61:12",
            "the preference's value"
        );
        assert_eq!(
            d.message,
            "Ada Example (`ada-example`) asked only for a mentor who speaks `es`; \
             Grace Example (`grace-hopper-example`) speaks `en`"
        );
        assert!(
            d.help
                .as_deref()
                .is_some_and(|h| h.contains("close `ada-grace`") && h.contains("`hard: false`")),
            "{:?}",
            d.help
        );
    }

    #[test]
    fn every_value_of_a_kind_broken_is_shown() {
        let lines = format!("{SPANISH}  - kind: language\n    value: pt\n    hard: true\n");
        let found = found(&lines, open, &[]);
        assert_eq!(found.len(), 1, "one diagnostic for the kind: {found:#?}");
        let related: Vec<String> = found[0]
            .related
            .iter()
            .map(|(l, _)| l.to_string())
            .collect();
        assert_eq!(
            related,
            [
                "data/learners/ada-example.yaml:61:12",
                "data/learners/ada-example.yaml:64:12"
            ]
        );
        assert!(
            found[0]
                .message
                .contains("a mentor who speaks `es` or `pt`;"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_soft_preference_broken_is_no_diagnostic() {
        let soft = SPANISH.replace("hard: true", "hard: false");
        assert_eq!(found(&soft, open, &[]), vec![]);
    }

    #[test]
    fn an_ended_pair_is_not_checked() {
        let unchanged = |t: String| t + "\n";
        assert_eq!(found(SPANISH, unchanged, &[]), vec![], "closed on 9 April");
        let ended = |t: String| {
            open(t).replace(
                "    phase: working\n",
                "    end: 2026-04-14\n    phase: working\n",
            )
        };
        let after_end = found(SPANISH, ended, &[]);
        assert!(
            after_end
                .iter()
                .all(|d| d.code != Code::HardPreferenceBroken),
            "{after_end:#?}"
        );
    }

    #[test]
    fn a_pair_on_hold_is_still_the_learners_pair() {
        let paused = |t: String| {
            open(t).replace(
                "    agreed: 2026-01-19\n",
                "    agreed: 2026-01-19\n    pauses:\n      - from: 2026-04-01\n        by: learner\n",
            )
        };
        let found = found(SPANISH, paused, &[]);
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    /// Ada's pairs with Grace and, from March, with Tomás, who speaks
    /// Spanish, on purpose.
    fn co_mentored(text: String) -> String {
        let text = open(text);
        let first = text
            .split_once("  - id: ada-grace")
            .map_or("", |(_, rest)| rest);
        let second = first
            .replace("mentor: grace-hopper-example", "mentor: tomas-example")
            .replace(
                "start: 2026-01-12",
                "start: 2026-03-01\n    co_mentoring: true",
            )
            .replace("agreed: 2026-01-19", "agreed: 2026-03-01");
        format!("{text}  - id: ada-tomas{second}")
    }

    #[test]
    fn each_open_pair_of_a_co_mentored_learner_is_checked() {
        let spanish = found(SPANISH, co_mentored, &[]);
        assert_eq!(spanish.len(), 1, "{spanish:#?}");
        assert_eq!(
            at(&spanish[0]),
            "data/pairs.yaml:4:13",
            "Grace's, not Tomás's"
        );
        let french = SPANISH.replace("value: es", "value: fr");
        let places: Vec<String> = found(&french, co_mentored, &[]).iter().map(at).collect();
        assert_eq!(places, ["data/pairs.yaml:4:13", "data/pairs.yaml:30:13"]);
    }

    #[test]
    fn a_broken_mode_points_at_the_modes_the_pair_agreed() {
        let lines = "preferences:\n  - kind: mode\n    value: in-person\n    hard: true\n";
        let found = found(lines, open, &[]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/pairs.yaml:17:15", "`modes: [video]`");
        assert!(
            found[0].message.ends_with(
                "asked only to meet `in-person`; the pair with Grace Example \
                 (`grace-hopper-example`) agreed to meet by `video`"
            ),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn in_person_before_any_mode_is_agreed_points_at_the_mentor() {
        let lines = "timezone: Africa/Lagos\npreferences:\n  - kind: mode\n    value: in person\n    hard: true\n";
        let none_agreed = |t: String| open(t).replace("modes: [video]", "modes: []");
        let found = found(lines, none_agreed, &[]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/pairs.yaml:4:13", "`mentor:`");
        assert!(
            found[0].message.ends_with(
                "Grace Example (`grace-hopper-example`) lives in `Europe/London`, another time \
                 zone than the learner's `Africa/Lagos`, and no other meeting mode is agreed"
            ),
            "{}",
            found[0].message
        );
        assert!(
            found[0]
                .help
                .as_deref()
                .is_some_and(|h| h.starts_with("choose another mentor")),
            "{:?}",
            found[0].help
        );
    }

    const WINDOW: &str = "timezone: America/Sao_Paulo\npreferences:\n  - kind: timezone-window\n    value: \"2\"\n    hard: true\n";

    #[test]
    fn a_broken_time_zone_window_names_both_zones() {
        let found = found(WINDOW, open, &[]);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "Ada Example (`ada-example`) asked only for a mentor at most 2 hours from their time \
             zone; Grace Example (`grace-hopper-example`) in `Europe/London` is 4 hours ahead of \
             the learner's `America/Sao_Paulo` on 2026-03-29 (judged from 2026-01-12 to \
             2026-04-10)"
        );
    }

    /// E007 for a zone that cannot be read, and no E110 that would follow
    /// from the zone put in its place.
    fn the_zone_alone_is_reported(all: &[Diagnostic]) {
        assert!(
            all.iter().any(|d| d.code == Code::UnknownTimezone),
            "{all:#?}"
        );
        assert!(
            all.iter().all(|d| d.code != Code::HardPreferenceBroken),
            "{all:#?}"
        );
    }

    #[test]
    fn a_mentor_whose_zone_cannot_be_read_breaks_no_window() {
        let mentors = example("data/mentors.yaml").replacen(
            "timezone: Europe/London",
            "timezone: Europe/Londn",
            1,
        );
        let all = checked_with(
            &[
                ("data/learners/ada-example.yaml", ada_with(WINDOW)),
                ("data/pairs.yaml", open(example("data/pairs.yaml"))),
                ("data/mentors.yaml", mentors),
            ],
            TODAY,
        );
        the_zone_alone_is_reported(&all);
    }

    #[test]
    fn a_learner_whose_zone_cannot_be_read_breaks_no_window_and_no_mode() {
        let tokyo = example("data/mentors.yaml").replacen(
            "timezone: Europe/London",
            "timezone: Asia/Tokyo",
            1,
        );
        for wish in [
            "timezone: Americ/Sao_Paulo\npreferences:\n  - kind: timezone-window\n    value: \"2\"\n    hard: true\n",
            "timezone: Africa/Lagoss\npreferences:\n  - kind: mode\n    value: in person\n    hard: true\n",
        ] {
            let all = checked_with(
                &[
                    ("data/learners/ada-example.yaml", ada_with(wish)),
                    (
                        "data/pairs.yaml",
                        open(example("data/pairs.yaml")).replace("modes: [video]", "modes: []"),
                    ),
                    // Far from the zone the learner would be given instead.
                    ("data/mentors.yaml", tokyo.clone()),
                ],
                TODAY,
            );
            the_zone_alone_is_reported(&all);
        }
    }

    #[test]
    fn a_broken_mentors_file_gives_no_knock_on_error() {
        let all = checked_with(
            &[
                ("data/learners/ada-example.yaml", ada_with(SPANISH)),
                ("data/pairs.yaml", open(example("data/pairs.yaml"))),
                ("data/mentors.yaml", "mentors: [\n".to_string()),
            ],
            TODAY,
        );
        assert!(all.iter().any(|d| d.code == Code::YamlSyntax), "{all:#?}");
        assert!(
            all.iter().all(|d| d.code != Code::HardPreferenceBroken),
            "{all:#?}"
        );
    }

    #[test]
    fn a_window_that_is_no_number_of_hours_is_a_bad_value() {
        for value in ["two", "-1", "30"] {
            let lines = WINDOW.replace("\"2\"", &format!("\"{value}\""));
            let found = found(&lines, open, &[]);
            assert_eq!(found.len(), 1, "{value}: {found:#?}");
            assert_eq!(found[0].code, Code::BadValue);
            assert_eq!(at(&found[0]), "data/learners/ada-example.yaml:62:12");
            assert_eq!(
                found[0].message,
                format!("a time-zone window must be a number of hours from 0 to 26, not `{value}`")
            );
        }
    }
}
