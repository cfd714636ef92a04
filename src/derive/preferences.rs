//! Whether a pair meets its learner's matching preferences, for the check
//! of hard ones (E110) and the staff page's list of soft ones; [`Match`]
//! judges a learner and a mentor that no pair brings together yet.
//!
//! Values of one kind are alternatives: a learner who lists `language: es`
//! and `language: pt` is met by a mentor who speaks either. Hard and soft
//! values of a kind are judged apart. Text is compared without regard to
//! case, and with `-`, `_` and spaces alike, so `in person` meets
//! `In-Person`. A kind is not met when:
//!
//! - expertise: the mentor lists none of the wanted expertise;
//! - language: the mentor speaks none of the wanted languages;
//! - time-zone window: the UTC offsets of the mentor's zone and the
//!   learner's differ, at noon UTC on the pair's first day (daylight saving
//!   included), by more than the widest window asked for;
//! - mode: the pair agreed its meeting modes and none is a wanted one (a
//!   pair that has agreed none yet meets every mode).

use chrono::{NaiveDate, NaiveTime, Offset, TimeZone};
use chrono_tz::Tz;

use crate::model::{Learner, Mentor, Pair, Phase, Preference, PreferenceKind, Program};

/// What a pair offers where its learner asked for something else.
#[derive(Clone, Debug, PartialEq)]
pub enum Offer<'p> {
    /// The mentor's expertise.
    Expertise(&'p [String]),
    /// The languages the mentor speaks.
    Languages(&'p [String]),
    /// The mentor's zone, ahead of the learner's by `minutes` (behind when
    /// negative) on the pair's first day.
    Distance {
        /// The mentor's zone.
        mentor: Tz,
        /// The learner's zone.
        learner: Tz,
        /// Mentor's UTC offset minus the learner's.
        minutes: i32,
        /// The day compared: the pair's first.
        on: NaiveDate,
    },
    /// The meeting modes the pair agreed.
    Modes(&'p [String]),
}

/// The preferences of one kind and hardness that a pair meets none of.
#[derive(Clone, Debug, PartialEq)]
pub struct Unmet<'p> {
    /// What they are about.
    pub kind: PreferenceKind,
    /// Whether they are hard.
    pub hard: bool,
    /// The values asked for, in the order written.
    pub wanted: Vec<&'p Preference>,
    /// What the pair offers instead.
    pub offer: Offer<'p>,
}

/// Whether a pair is going on or yet to start on `today`: one that has
/// ended (closed, or past its `end`) is history, and no longer judged.
pub fn current(pair: &Pair, today: NaiveDate) -> bool {
    pair.phase != Phase::Closed && pair.end.is_none_or(|end| today <= end)
}

/// The learner's preferences that `pair` does not meet, one entry per kind
/// and hardness, in the order each was first written.
pub fn unmet<'p>(program: &'p Program, pair: &'p Pair) -> Vec<Unmet<'p>> {
    Match {
        learner: program.learner(pair.learner),
        mentor: program.mentor(pair.mentor),
        start: pair.start,
        modes: &pair.expectations.modes,
    }
    .unmet()
}

/// A learner and a mentor as a pair would bring them together: the pair's
/// first day and the meeting modes it agreed (none for a pair not yet
/// written, which then breaks no mode preference).
#[derive(Clone, Copy, Debug)]
pub struct Match<'p> {
    /// The learner.
    pub learner: &'p Learner,
    /// The mentor.
    pub mentor: &'p Mentor,
    /// The first day, on which the time-zone window is judged.
    pub start: NaiveDate,
    /// The meeting modes agreed.
    pub modes: &'p [String],
}

impl<'p> Match<'p> {
    /// The learner's preferences this match does not meet, one entry per
    /// kind and hardness, in the order each was first written.
    pub fn unmet(&self) -> Vec<Unmet<'p>> {
        let mut groups: Vec<(PreferenceKind, bool, Vec<&'p Preference>)> = Vec::new();
        for preference in &self.learner.preferences {
            match groups
                .iter_mut()
                .find(|(kind, hard, _)| *kind == preference.kind && *hard == preference.hard)
            {
                Some((_, _, list)) => list.push(preference),
                None => groups.push((preference.kind, preference.hard, vec![preference])),
            }
        }
        groups
            .into_iter()
            .filter_map(|(kind, hard, wanted)| {
                let offer = self.shortfall(kind, &wanted)?;
                Some(Unmet {
                    kind,
                    hard,
                    wanted,
                    offer,
                })
            })
            .collect()
    }

    /// What the match offers instead of `wanted`, or `None` when it meets
    /// one of them.
    fn shortfall(&self, kind: PreferenceKind, wanted: &[&Preference]) -> Option<Offer<'p>> {
        let mentor = self.mentor;
        let offers = |list: &[String]| {
            wanted
                .iter()
                .any(|w| list.iter().any(|have| same(have, &w.value)))
        };
        match kind {
            PreferenceKind::Expertise => {
                (!offers(&mentor.expertise)).then_some(Offer::Expertise(&mentor.expertise))
            }
            PreferenceKind::Language => {
                (!offers(&mentor.languages)).then_some(Offer::Languages(&mentor.languages))
            }
            PreferenceKind::Mode => {
                (!self.modes.is_empty() && !offers(self.modes)).then_some(Offer::Modes(self.modes))
            }
            PreferenceKind::TimezoneWindow => {
                let widest = wanted.iter().filter_map(|w| w.window_minutes()).max()?;
                let learner = self.learner.timezone;
                let minutes = utc_offset_minutes(mentor.timezone, self.start)
                    - utc_offset_minutes(learner, self.start);
                (minutes.abs() > widest).then_some(Offer::Distance {
                    mentor: mentor.timezone,
                    learner,
                    minutes,
                    on: self.start,
                })
            }
        }
    }
}

/// A zone's offset from UTC at noon UTC on `day`, in minutes.
fn utc_offset_minutes(zone: Tz, day: NaiveDate) -> i32 {
    let noon = day.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default());
    zone.offset_from_utc_datetime(&noon).fix().local_minus_utc() / 60
}

/// Whether two written values are the same, ignoring case and counting
/// `-`, `_` and runs of spaces alike.
fn same(a: &str, b: &str) -> bool {
    fn words(text: &str) -> impl Iterator<Item = String> + '_ {
        text.split(|c: char| c == '-' || c == '_' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
    }
    words(a).eq(words(b))
}

impl Unmet<'_> {
    /// What the learner asked for, e.g. "for a mentor who speaks es or pt",
    /// with each value passed through `quote`.
    pub fn wanted_words(&self, quote: impl Fn(&str) -> String) -> String {
        let values = || {
            let quoted: Vec<String> = self.wanted.iter().map(|w| quote(&w.value)).collect();
            quoted.join(" or ")
        };
        match self.kind {
            PreferenceKind::Expertise => format!("for a mentor with expertise in {}", values()),
            PreferenceKind::Language => format!("for a mentor who speaks {}", values()),
            PreferenceKind::Mode => format!("to meet by {}", values()),
            PreferenceKind::TimezoneWindow => {
                let widest = self
                    .wanted
                    .iter()
                    .filter_map(|w| w.window_minutes())
                    .max()
                    .unwrap_or(0);
                format!(
                    "for a mentor at most {} from their time zone",
                    hours(widest)
                )
            }
        }
    }

    /// What the pair offers instead, e.g. "Grace speaks en", with the
    /// mentor called `mentor` and each value passed through `quote`.
    pub fn offer_words(&self, mentor: &str, quote: impl Fn(&str) -> String) -> String {
        let list = |values: &[String]| {
            let quoted: Vec<String> = values.iter().map(|v| quote(v)).collect();
            quoted.join(", ")
        };
        match &self.offer {
            Offer::Expertise([]) => format!("{mentor} lists no expertise"),
            Offer::Expertise(have) => format!("{mentor} lists expertise in {}", list(have)),
            Offer::Languages([]) => format!("{mentor} lists no language"),
            Offer::Languages(have) => format!("{mentor} speaks {}", list(have)),
            Offer::Modes(have) => {
                format!("the pair with {mentor} agreed to meet by {}", list(have))
            }
            Offer::Distance {
                mentor: zone,
                learner,
                minutes,
                on,
            } => format!(
                "{mentor} in {} is {} {} the learner's {} on {on}, the pair's first day",
                quote(zone.name()),
                hours(minutes.abs()),
                if *minutes > 0 { "ahead of" } else { "behind" },
                quote(learner.name()),
            ),
        }
    }
}

/// Minutes as hours in words: "1 hour", "5 hours", "5.5 hours".
fn hours(minutes: i32) -> String {
    if minutes == 60 {
        return "1 hour".into();
    }
    let text = format!("{:.2}", f64::from(minutes) / 60.0);
    format!("{} hours", text.trim_end_matches('0').trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
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
            ["soft: to meet by in-person; the pair with Grace agreed to meet by video"]
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
            "a pair that agreed no mode yet breaks none"
        );
    }

    /// Ada in São Paulo (UTC−3 all year) wants a mentor at most three
    /// hours away; Grace is in London, three hours ahead in winter and
    /// four in summer time.
    #[test]
    fn a_time_zone_window_met_in_winter_is_broken_in_summer() {
        let lines = "timezone: America/Sao_Paulo\npreferences:\n  \
                     - {kind: timezone-window, value: \"3\", hard: true}\n";
        assert_eq!(unmet_of(lines, same_pairs), Vec::<String>::new());
        let summer = |t: String| t.replace("start: 2026-01-12", "start: 2026-06-01");
        assert_eq!(
            unmet_of(lines, summer),
            [
                "hard: for a mentor at most 3 hours from their time zone; Grace in Europe/London \
                 is 4 hours ahead of the learner's America/Sao_Paulo on 2026-06-01, the pair's \
                 first day"
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
                 is 5.5 hours behind the learner's Asia/Kolkata on 2026-01-12, the pair's first day"
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
}
