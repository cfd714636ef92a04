//! The documented score of one learner with one mentor: a weighted sum of
//! parts, each a share (0–1) of its weight from `program.yaml`, with the
//! sentence that explains it.
//!
//! Only the fields named in docs/matching.md are read: the learner's goal,
//! path, baseline, time zone and preferences, and the mentor's expertise,
//! languages and time zone. Names, pronouns, e-mail, bios and every other
//! personal attribute are never read.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::derive::preferences::{Match, Span, Unmet, normalise};
use crate::model::{Learner, MatchingWeights, Mentor, PreferenceKind};

/// Scores are kept in thousandths of a point, so that the solver adds
/// integers and the total is exactly the sum of the parts shown.
pub const MILLI: i64 = 1000;

/// Words too common to say that a mentor's expertise fits a goal.
const COMMON: &[&str] = &[
    "a", "an", "and", "as", "at", "be", "by", "for", "from", "get", "her", "his", "in", "into",
    "is", "it", "more", "move", "my", "of", "on", "or", "role", "the", "their", "them", "to",
    "use", "with", "work",
];

/// One part of a score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    /// Which part: `goal`, `path`, `weakest_skills`, `expertise`,
    /// `language`, `waking_overlap`, `timezone_window` or `mode`.
    pub part: &'static str,
    /// Points earned, in thousandths.
    pub milli: i64,
    /// The most the part can earn, in thousandths.
    pub of_milli: i64,
    /// Why, as a sentence.
    pub reason: String,
}

/// What a learner brings to every score, worked out once per learner.
#[derive(Debug)]
pub struct Wishes<'a> {
    learner: &'a Learner,
    goal: BTreeSet<String>,
    path: BTreeSet<String>,
    weakest: Vec<String>,
    weakest_normalised: Vec<String>,
}

impl<'a> Wishes<'a> {
    /// The words of the learner's goal and path (`path_title`), and their
    /// weakest baseline skills (all those at the lowest level).
    pub fn new(learner: &'a Learner, path_key: &str, path_title: &str) -> Wishes<'a> {
        let lowest = learner
            .intake
            .baseline
            .iter()
            .map(|(_, level)| *level)
            .min();
        let weakest: Vec<String> = learner
            .intake
            .baseline
            .iter()
            .filter(|(_, level)| Some(*level) == lowest)
            .map(|(skill, _)| skill.clone())
            .collect();
        Wishes {
            learner,
            goal: words(learner.intake.goal.as_deref().unwrap_or("")),
            path: words(&format!("{path_key} {path_title}")),
            weakest_normalised: weakest
                .iter()
                .map(|s| format!(" {} ", normalise(s)))
                .collect(),
            weakest,
        }
    }
}

/// What a mentor offers to every score, worked out once per mentor: each
/// expertise entry as written, normalised, and as words.
#[derive(Debug)]
pub struct Offer<'a> {
    mentor: &'a Mentor,
    expertise: Vec<(&'a str, String, BTreeSet<String>)>,
}

impl<'a> Offer<'a> {
    /// The mentor's expertise, read once.
    pub fn new(mentor: &'a Mentor) -> Offer<'a> {
        Offer {
            mentor,
            expertise: mentor
                .expertise
                .iter()
                .map(|entry| {
                    (
                        entry.as_str(),
                        format!(" {} ", normalise(entry)),
                        words(entry),
                    )
                })
                .collect(),
        }
    }

    /// Whether an entry names `topic` (normalised, between spaces) as
    /// whole words, or `topic` names the entry; see
    /// [`crate::derive::preferences::expertise_names`].
    fn names(&self, topic: &str) -> bool {
        self.expertise
            .iter()
            .any(|(_, entry, _)| entry.contains(topic) || topic.contains(entry.as_str()))
    }
}

/// The meaningful words of a text, normalised.
fn words(text: &str) -> BTreeSet<String> {
    normalise(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !COMMON.contains(w))
        .map(str::to_owned)
        .collect()
}

/// The mentor's expertise entries that share a word with `wanted`, and the
/// words they share.
fn shared(offer: &Offer<'_>, wanted: &BTreeSet<String>) -> (Vec<String>, BTreeSet<String>) {
    let mut entries = Vec::new();
    let mut common = BTreeSet::new();
    for (entry, _, words) in &offer.expertise {
        let found: Vec<String> = words.intersection(wanted).cloned().collect();
        if !found.is_empty() {
            entries.push((*entry).to_owned());
            common.extend(found);
        }
    }
    (entries, common)
}

/// `weight` points times `met / of`, in thousandths.
fn share(weight: u32, met: usize, of: usize) -> i64 {
    if of == 0 {
        return 0;
    }
    (i64::from(weight) * MILLI * met as i64 + of as i64 / 2) / of as i64
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

/// The parts of the score of `mentor` for the learner of `wishes`, over
/// `span`, with `weights`; a part whose weight is 0, or a preference part
/// for a learner without such soft preferences, is left out.
pub fn parts(
    wishes: &Wishes<'_>,
    offer: &Offer<'_>,
    span: &Span,
    weights: &MatchingWeights,
    waking: (u32, u32),
    explain: bool,
) -> Vec<Part> {
    let learner = wishes.learner;
    let mentor = offer.mentor;
    let mut parts = Vec::new();
    // Reasons are written only for the mentors shown: scoring every
    // learner with every mentor needs the points alone.
    let mut push = |part, weight: u32, milli, reason: &dyn Fn() -> String| {
        if weight > 0 {
            parts.push(Part {
                part,
                milli,
                of_milli: i64::from(weight) * MILLI,
                reason: if explain { reason() } else { String::new() },
            });
        }
    };

    let (entries, common) = shared(offer, &wishes.goal);
    let found = !entries.is_empty();
    push(
        "goal",
        weights.goal,
        share(weights.goal, usize::from(found), 1),
        &|| {
            if found {
                format!(
                    "Their expertise ({}) shares words with the learner's goal: {}.",
                    list(&entries),
                    list(&common.iter().cloned().collect::<Vec<_>>())
                )
            } else {
                "None of their expertise shares a word with the learner's goal.".into()
            }
        },
    );

    let (entries, common) = shared(offer, &wishes.path);
    let found = !entries.is_empty();
    push(
        "path",
        weights.path,
        share(weights.path, usize::from(found), 1),
        &|| {
            if found {
                format!(
                    "Their expertise ({}) fits the learner's path: {}.",
                    list(&entries),
                    list(&common.iter().cloned().collect::<Vec<_>>())
                )
            } else {
                "None of their expertise shares a word with the learner's path.".into()
            }
        },
    );

    let covered: Vec<String> = wishes
        .weakest
        .iter()
        .zip(&wishes.weakest_normalised)
        .filter(|(_, normalised)| offer.names(normalised))
        .map(|(skill, _)| skill.clone())
        .collect();
    push(
        "weakest_skills",
        weights.weakest_skills,
        share(weights.weakest_skills, covered.len(), wishes.weakest.len()),
        &|| {
            if wishes.weakest.is_empty() {
                "The learner's intake has no baseline skills.".into()
            } else {
                format!(
                    "Their expertise covers {} of the learner's weakest baseline skills ({}){}.",
                    covered.len(),
                    list(&wishes.weakest),
                    if covered.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", list(&covered))
                    }
                )
            }
        },
    );

    for (kind, part, weight, what) in [
        (
            PreferenceKind::Expertise,
            "expertise",
            weights.expertise,
            "expertise",
        ),
        (
            PreferenceKind::Language,
            "language",
            weights.language,
            "language",
        ),
        (
            PreferenceKind::TimezoneWindow,
            "timezone_window",
            weights.timezone_window,
            "time-zone window",
        ),
        (PreferenceKind::Mode, "mode", weights.mode, "mode"),
    ] {
        let soft: Vec<_> = learner
            .preferences
            .iter()
            .filter(|p| !p.hard && p.kind == kind)
            .collect();
        if soft.is_empty() {
            continue;
        }
        let judge = Match {
            learner,
            mentor,
            span,
            modes: &[],
        };
        let mut met = Vec::new();
        let mut missed = Vec::new();
        for preference in &soft {
            match judge.falls_short(kind, &[preference]) {
                None => met.push(preference.value.trim().to_owned()),
                Some(offer) => missed.push(
                    Unmet {
                        kind,
                        hard: false,
                        wanted: vec![preference],
                        offer,
                    }
                    .offer_words("this mentor", str::to_owned),
                ),
            }
        }
        let reason = || {
            let mut reason = format!(
                "They meet {} of the learner's {} soft {what} wish(es)",
                met.len(),
                soft.len()
            );
            if !met.is_empty() {
                reason.push_str(&format!(" ({})", list(&met)));
            }
            if !missed.is_empty() {
                reason.push_str(&format!("; {}", missed.join("; ")));
            }
            reason.push('.');
            reason
        };
        push(part, weight, share(weight, met.len(), soft.len()), &reason);
    }

    let overlap = span.waking_overlap(learner.timezone, mentor.timezone, waking.0, waking.1);
    let milli = (f64::from(weights.waking_overlap) * MILLI as f64 * overlap).round() as i64;
    push("waking_overlap", weights.waking_overlap, milli, &|| {
        format!(
            "{:.0}% of the learner's waking hours ({:02}:00–{:02}:00 in {}) are theirs too ({}), \
             on average from {} to {}.",
            overlap * 100.0,
            waking.0,
            waking.1,
            learner.timezone,
            mentor.timezone,
            span.first(),
            span.last()
        )
    });
    parts
}

/// The total of the parts, in thousandths.
pub fn total(parts: &[Part]) -> i64 {
    parts.iter().map(|p| p.milli).sum()
}

/// Thousandths of a point as text with one decimal, e.g. `7.5`.
pub fn points(milli: i64) -> String {
    format!("{:.1}", milli as f64 / MILLI as f64)
}
