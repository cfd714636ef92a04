//! Whether a mentor meets a learner's matching preferences: one judgement
//! for the check of an existing pair's hard ones (E110), the staff page's
//! list of soft ones a pair misses, and `telemachy match`, which keeps a
//! mentor who breaks a hard one from a learner and scores the soft ones.
//! So a suggestion never breaks a rule that the check would report.
//!
//! Values of one kind are alternatives: a learner who lists `language: es`
//! and `language: pt` is met by a mentor who speaks either. Hard and soft
//! values of a kind are judged apart. Text is compared as words, without
//! regard to case, and with `-`, `_` and spaces alike, so `in person` meets
//! `In-Person`. A kind is not met when:
//!
//! - expertise: no entry of the mentor's expertise names a wanted value as
//!   whole words, and no wanted value names an entry (`SQL` meets `SQL and
//!   databases`; `data` does not meet `database design`);
//! - language: the mentor speaks none of the wanted languages;
//! - time-zone window: on some day of the match's [`Span`] (a pair's first
//!   day to its last; for a suggestion, today to the cohort's end), the UTC
//!   offsets of the two zones differ by more than the widest window asked
//!   for, daylight saving included;
//! - mode: when the pair agreed its meeting modes, none is a wanted one;
//!   before any is agreed (and for every suggestion), only `in person` can
//!   be out of reach, and it is when every wanted mode is `in person` and
//!   the two live in different time zones. The zone is the only place a
//!   program records; two zones that share a clock for half the year
//!   (London and Lagos) are still far apart, so zones are compared by
//!   name, not by clock.

mod span;

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::model::{Learner, Mentor, Pair, Phase, Preference, PreferenceKind, Program};
pub use span::{Gap, Span};

/// What a match offers where its learner asked for something else.
#[derive(Clone, Debug, PartialEq)]
pub enum Offer<'p> {
    /// The mentor's expertise.
    Expertise(&'p [String]),
    /// The languages the mentor speaks.
    Languages(&'p [String]),
    /// The mentor's zone, ahead of the learner's by `minutes` (behind when
    /// negative) on the day of the span they are furthest apart.
    Distance {
        /// The mentor's zone.
        mentor: Tz,
        /// The learner's zone.
        learner: Tz,
        /// Mentor's UTC offset minus the learner's, in minutes.
        minutes: i32,
        /// The day they are furthest apart.
        on: NaiveDate,
        /// The span's first day.
        from: NaiveDate,
        /// The span's last day.
        until: NaiveDate,
    },
    /// The meeting modes the pair agreed.
    Modes(&'p [String]),
    /// No mode agreed, and the two live in different zones, so they
    /// cannot meet in person.
    Apart {
        /// The mentor's zone.
        mentor: Tz,
        /// The learner's zone.
        learner: Tz,
    },
}

/// The preferences of one kind and hardness that a match meets none of.
#[derive(Clone, Debug, PartialEq)]
pub struct Unmet<'p> {
    /// What they are about.
    pub kind: PreferenceKind,
    /// Whether they are hard.
    pub hard: bool,
    /// The values asked for, in the order written.
    pub wanted: Vec<&'p Preference>,
    /// What the match offers instead.
    pub offer: Offer<'p>,
}

/// Whether a pair is going on or yet to start on `today`: one that has
/// ended (closed, or past its `end`) is history, and no longer judged.
pub fn current(pair: &Pair, today: NaiveDate) -> bool {
    pair.phase != Phase::Closed && pair.end.is_none_or(|end| today <= end)
}

/// The days a pair is judged over: its first day to its end, its planned
/// end or its cohort's last day, whichever is written first.
pub fn pair_span(program: &Program, pair: &Pair) -> Span {
    let until = pair
        .end
        .or(pair.planned_end)
        .unwrap_or_else(|| program.cohort(program.learner(pair.learner).cohort).end);
    Span::new(pair.start, until)
}

/// The learner's preferences that `pair` does not meet, one entry per kind
/// and hardness, in the order each was first written.
pub fn unmet<'p>(program: &'p Program, pair: &'p Pair) -> Vec<Unmet<'p>> {
    let span = pair_span(program, pair);
    Match {
        learner: program.learner(pair.learner),
        mentor: program.mentor(pair.mentor),
        span: &span,
        modes: &pair.expectations.modes,
    }
    .unmet()
}

/// A learner and a mentor as a pair brings them together, or would: the
/// days judged, and the meeting modes agreed (none for a suggestion).
#[derive(Clone, Copy, Debug)]
pub struct Match<'p, 's> {
    /// The learner.
    pub learner: &'p Learner,
    /// The mentor.
    pub mentor: &'p Mentor,
    /// The days the time zones are compared on.
    pub span: &'s Span,
    /// The meeting modes agreed.
    pub modes: &'p [String],
}

impl<'p> Match<'p, '_> {
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
                let offer = self.falls_short(kind, &wanted)?;
                Some(Unmet {
                    kind,
                    hard,
                    wanted,
                    offer,
                })
            })
            .collect()
    }

    /// The first of the learner's hard preferences this match breaks.
    pub fn hard_broken(&self) -> Option<Unmet<'p>> {
        self.unmet().into_iter().find(|unmet| unmet.hard)
    }

    /// What the match offers instead of `wanted` (values of `kind`, any of
    /// which would do), or `None` when it meets one of them.
    pub fn falls_short(&self, kind: PreferenceKind, wanted: &[&Preference]) -> Option<Offer<'p>> {
        let mentor = self.mentor;
        let offers = |list: &[String]| {
            wanted
                .iter()
                .any(|w| list.iter().any(|have| same(have, &w.value)))
        };
        match kind {
            PreferenceKind::Expertise => wanted
                .iter()
                .all(|w| !expertise_names(mentor, &w.value))
                .then_some(Offer::Expertise(&mentor.expertise)),
            PreferenceKind::Language => {
                (!offers(&mentor.languages)).then_some(Offer::Languages(&mentor.languages))
            }
            PreferenceKind::Mode if !self.modes.is_empty() => {
                (!offers(self.modes)).then_some(Offer::Modes(self.modes))
            }
            PreferenceKind::Mode => {
                let (learner, mentor) = (self.learner.timezone, mentor.timezone);
                (wanted.iter().all(|w| same(&w.value, IN_PERSON)) && learner != mentor)
                    .then_some(Offer::Apart { mentor, learner })
            }
            PreferenceKind::TimezoneWindow => {
                let widest = wanted.iter().filter_map(|w| w.window_minutes()).max()?;
                let learner = self.learner.timezone;
                let gap = self.span.widest_gap(learner, mentor.timezone);
                let minutes = gap.seconds / 60;
                (minutes.abs() > widest).then_some(Offer::Distance {
                    mentor: mentor.timezone,
                    learner,
                    minutes,
                    on: gap.on,
                    from: self.span.first(),
                    until: self.span.last(),
                })
            }
        }
    }
}

/// The one mode that needs the two people in one place; the others work
/// at any distance.
const IN_PERSON: &str = "in person";

/// Lower case, with `-` and `_` read as spaces and runs of space made one,
/// so `In-person`, `in person` and `in_person` are the same value.
pub fn normalise(text: &str) -> String {
    text.to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two written values are the same, as words.
fn same(a: &str, b: &str) -> bool {
    normalise(a) == normalise(b)
}

/// Whether `phrase` appears as whole words in `text` (both normalised).
pub fn names(text: &str, phrase: &str) -> bool {
    let (text, phrase) = (normalise(text), normalise(phrase));
    !phrase.is_empty() && format!(" {text} ").contains(&format!(" {phrase} "))
}

/// Whether one of the mentor's expertise entries names `topic`, or `topic`
/// names the entry: `SQL` meets a wish for `sql`, and `data visualisation`
/// a baseline skill `data-visualisation`.
pub fn expertise_names(mentor: &Mentor, topic: &str) -> bool {
    mentor
        .expertise
        .iter()
        .any(|entry| names(entry, topic) || names(topic, entry))
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
            PreferenceKind::Mode => {
                let ways: Vec<String> = self
                    .wanted
                    .iter()
                    .map(|w| way_to_meet(&w.value, &quote))
                    .collect();
                format!("to meet {}", ways.join(" or "))
            }
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

    /// What the match offers instead, e.g. "Grace speaks en", with the
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
                let ways: Vec<String> = have.iter().map(|m| way_to_meet(m, &quote)).collect();
                format!(
                    "the pair with {mentor} agreed to meet {}",
                    ways.join(" or ")
                )
            }
            Offer::Apart {
                mentor: zone,
                learner,
            } => format!(
                "{mentor} lives in {}, another time zone than the learner's {}, and no other \
                 meeting mode is agreed",
                quote(zone.name()),
                quote(learner.name()),
            ),
            Offer::Distance {
                mentor: zone,
                learner,
                minutes,
                on,
                from,
                until,
            } => {
                let days = if from == until {
                    String::new()
                } else {
                    format!(" (judged from {from} to {until})")
                };
                format!(
                    "{mentor} in {} is {} {} the learner's {} on {on}{days}",
                    quote(zone.name()),
                    hours(minutes.abs()),
                    if *minutes > 0 { "ahead of" } else { "behind" },
                    quote(learner.name()),
                )
            }
        }
    }
}

/// A meeting mode after "to meet": `in person` as it is, any other
/// after "by" (`by video`), passed through `quote`.
fn way_to_meet(mode: &str, quote: impl Fn(&str) -> String) -> String {
    if same(mode, IN_PERSON) {
        quote(mode)
    } else {
        format!("by {}", quote(mode))
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
mod tests;
