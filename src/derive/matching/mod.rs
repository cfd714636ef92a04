//! Suggested mentors for the learners waiting in the matching stage, best
//! for the whole group and explained part by part (docs/matching.md).
//!
//! [`crate::derive::preferences`] says whether a mentor meets a preference
//! (a hard one broken keeps the mentor away, as the check would report it),
//! `score` weighs the soft ones, and `assign` finds the assignment with the
//! most learners matched and the largest total score under every mentor's
//! free places.

pub mod assign;
pub mod score;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::derive::preferences::{Match, Span};
use crate::model::{
    CohortId, EndReason, Learner, LearnerId, LearnerStatus, Mentor, MentorId, Pair, Phase, Program,
};
use assign::Problem;
use score::{Offer, Part, Wishes, parts, points, total};

/// Time zones are compared over the cohort's remaining weeks, at most this
/// many days ahead.
const HORIZON_DAYS: i64 = 182;

/// Every suggestion `telemachy match` makes.
#[derive(Debug, Serialize)]
pub struct Suggestions {
    /// The day the suggestions are for, `YYYY-MM-DD`.
    pub today: String,
    /// The journey stage whose learners wait for a mentor.
    pub stage: String,
    /// Each waiting learner, by cohort then id.
    pub learners: Vec<Waiting>,
    /// The sum of the suggested pairs' scores, in points.
    pub total: String,
}

/// A learner waiting for a mentor.
#[derive(Debug, Serialize)]
pub struct Waiting {
    /// The learner's id.
    pub learner: String,
    /// Their name, for the reader; never read by the score.
    pub name: String,
    /// Their cohort's id.
    pub cohort: String,
    /// The day they entered the stage, `YYYY-MM-DD`.
    pub since: String,
    /// The mentor suggested, if any.
    pub suggested: Option<Candidate>,
    /// The next two mentors by score, best first.
    pub alternatives: Vec<Candidate>,
    /// Why there is no suggestion, when there is none.
    pub unmatched_because: Option<String>,
    /// Every mentor a rule keeps from this learner, and the rule.
    pub blocked: Vec<Blocked>,
}

/// A mentor who could take the learner, with the score's parts.
#[derive(Debug, Serialize)]
pub struct Candidate {
    /// The mentor's id.
    pub mentor: String,
    /// Their name, for the reader; never read by the score.
    pub name: String,
    /// The score in points, one decimal.
    pub score: String,
    /// The score in thousandths of a point.
    pub score_milli: i64,
    /// Each part, with its reason.
    pub parts: Vec<Part>,
}

/// A mentor a rule keeps from a learner.
#[derive(Debug, Serialize)]
pub struct Blocked {
    /// The mentor's id.
    pub mentor: String,
    /// Their name, for the reader.
    pub name: String,
    /// Which rule: `capacity`, `earlier_pair` or `hard_preference`.
    pub rule: &'static str,
    /// The rule as a sentence.
    pub reason: String,
}

/// Who holds a place on `today`, read in one pass over the pairs: the
/// learners with a pair open, and each mentor's open pairs.
struct Places {
    learners: HashSet<LearnerId>,
    mentors: HashMap<MentorId, u32>,
}

impl Places {
    fn on(program: &Program, today: NaiveDate) -> Places {
        let mut places = Places {
            learners: HashSet::new(),
            mentors: HashMap::new(),
        };
        for pair in program.pairs.iter().filter(|pair| holds(pair, today)) {
            places.learners.insert(pair.learner);
            *places.mentors.entry(pair.mentor).or_default() += 1;
        }
        places
    }

    /// Whether a learner waits in `stage` for a mentor: active, their last
    /// journey entry in that stage, and no pair open.
    fn waits(&self, program: &Program, id: LearnerId, learner: &Learner, stage: &str) -> bool {
        learner.status == LearnerStatus::Active
            && learner
                .journey
                .last()
                .is_some_and(|entry| program.stage(entry.stage).key == stage)
            && !self.learners.contains(&id)
    }

    /// A mentor's free places, and their open pairs: mentees below
    /// `capacity.mentees`, and, when `hours_per_pair` is above 0, whole
    /// pairs that still fit in `hours_per_week`.
    fn free(&self, program: &Program, id: MentorId, mentor: &Mentor) -> (u32, u32) {
        let open = self.mentors.get(&id).copied().unwrap_or(0);
        let per_pair = program.settings.matching.hours_per_pair;
        let by_mentees = mentor.max_mentees.saturating_sub(open);
        let places = if per_pair > 0.0 && per_pair.is_finite() {
            let by_hours = (mentor.hours_per_week / per_pair).floor().max(0.0) as u32;
            by_mentees.min(by_hours.saturating_sub(open))
        } else {
            by_mentees
        };
        (places, open)
    }
}

/// Whether a pair takes a place on `today`: not closed and not ended,
/// even when it starts later.
fn holds(pair: &Pair, today: NaiveDate) -> bool {
    pair.phase != Phase::Closed && pair.end.is_none_or(|end| end >= today)
}

/// The suggestions for the learners waiting on `today`, of one cohort or
/// of all.
pub fn suggest(program: &Program, today: NaiveDate, cohort: Option<CohortId>) -> Suggestions {
    let policy = &program.settings.matching;
    let taken = Places::on(program, today);
    let waiting: Vec<(LearnerId, &Learner)> = {
        let mut list: Vec<_> = program
            .learners_with_ids()
            .filter(|(id, learner)| {
                cohort.is_none_or(|c| learner.cohort == c)
                    && taken.waits(program, *id, learner, &policy.stage)
            })
            .collect();
        list.sort_by(|(_, a), (_, b)| {
            (&program.cohort(a.cohort).key, &a.key).cmp(&(&program.cohort(b.cohort).key, &b.key))
        });
        list
    };
    if waiting.is_empty() {
        return Suggestions {
            today: today.to_string(),
            stage: policy.stage.clone(),
            learners: Vec::new(),
            total: points(0),
        };
    }
    let waits: HashSet<LearnerId> = waiting.iter().map(|(id, _)| *id).collect();
    // The first closed pair of each waiting learner with each mentor.
    let mut ended: HashMap<(LearnerId, MentorId), &Pair> = HashMap::new();
    for pair in &program.pairs {
        if pair.phase == Phase::Closed && waits.contains(&pair.learner) {
            ended.entry((pair.learner, pair.mentor)).or_insert(pair);
        }
    }
    let mentors: Vec<(MentorId, &Mentor)> = program.mentors_with_ids().collect();
    let places: Vec<(u32, u32)> = mentors
        .iter()
        .map(|(id, mentor)| taken.free(program, *id, mentor))
        .collect();
    let offers: Vec<Offer> = mentors.iter().map(|(_, m)| Offer::new(m)).collect();
    let waking = (policy.waking_from, policy.waking_until);

    let mut blocked: Vec<Vec<Blocked>> = Vec::with_capacity(waiting.len());
    let mut scored: Vec<Vec<Option<i64>>> = Vec::with_capacity(waiting.len());
    let mut wishes_of: Vec<Wishes> = Vec::with_capacity(waiting.len());
    let mut spans: HashMap<CohortId, Span> = HashMap::new();
    for (id, learner) in &waiting {
        let span = spans.entry(learner.cohort).or_insert_with(|| {
            let end = program.cohort(learner.cohort).end;
            let until = end.min(today + Duration::days(HORIZON_DAYS));
            Span::new(today, until)
        });
        let path = program.path(learner.path);
        let wishes = Wishes::new(learner, &path.key, &path.title);
        let mut row = Vec::with_capacity(mentors.len());
        let mut row_blocked = Vec::new();
        for (index, (mentor_id, mentor)) in mentors.iter().enumerate() {
            let mut block = |rule, reason| {
                row_blocked.push(Blocked {
                    mentor: mentor.key.clone(),
                    name: mentor.name.clone(),
                    rule,
                    reason,
                });
                row.push(None);
            };
            let (free, open) = places[index];
            if free == 0 {
                block(
                    "capacity",
                    format!(
                        "They have no free place: {open} open pair(s), room for {} mentee(s) and {} h a week.",
                        mentor.max_mentees, mentor.hours_per_week
                    ),
                );
            } else if let Some(pair) = ended.get(&(*id, *mentor_id)) {
                let how = match pair.end_reason {
                    Some(EndReason::Rematched) => "ended in a rematch",
                    Some(EndReason::Completed) => "was completed",
                    Some(EndReason::Withdrawn) => "ended when the learner withdrew",
                    None => "has ended",
                };
                block(
                    "earlier_pair",
                    format!(
                        "They were this learner's mentor in pair {}, which {how}.",
                        pair.key
                    ),
                );
            } else if let Some(unmet) = (Match {
                learner,
                mentor,
                span,
                modes: &[],
            })
            .hard_broken()
            {
                let plain = |text: &str| text.to_owned();
                block(
                    "hard_preference",
                    format!(
                        "The learner asked only {}; {}.",
                        unmet.wanted_words(plain),
                        unmet.offer_words("this mentor", plain)
                    ),
                );
            } else {
                let parts = parts(
                    &wishes,
                    &offers[index],
                    span,
                    &policy.weights,
                    waking,
                    false,
                );
                row.push(Some(total(&parts)));
            }
        }
        blocked.push(row_blocked);
        scored.push(row);
        wishes_of.push(wishes);
    }

    let problem = Problem {
        learners: waiting.len(),
        places: places.iter().map(|(free, _)| *free).collect(),
        scores: scored.iter().flat_map(|row| row.iter().copied()).collect(),
    };
    let assigned = assign::assign(&problem);

    let mut sum = 0;
    let learners = waiting
        .iter()
        .zip(scored)
        .zip(blocked)
        .zip(assigned)
        .zip(&wishes_of)
        .map(|(((((_, learner), row), blocked), chosen), wishes)| {
            let span = &spans[&learner.cohort];
            let explain = |candidate: &mut Candidate, index: usize| {
                candidate.parts =
                    parts(wishes, &offers[index], span, &policy.weights, waking, true);
            };
            let mut candidates: Vec<(usize, Candidate)> = row
                .into_iter()
                .enumerate()
                .filter_map(|(index, score)| {
                    let score = score?;
                    let mentor = mentors[index].1;
                    Some((
                        index,
                        Candidate {
                            mentor: mentor.key.clone(),
                            name: mentor.name.clone(),
                            score: points(score),
                            score_milli: score,
                            parts: Vec::new(),
                        },
                    ))
                })
                .collect();
            candidates.sort_by(|(_, a), (_, b)| {
                b.score_milli
                    .cmp(&a.score_milli)
                    .then_with(|| a.mentor.cmp(&b.mentor))
            });
            let suggested = chosen.and_then(|mentor| {
                let at = candidates.iter().position(|(index, _)| *index == mentor)?;
                let (index, mut candidate) = candidates.remove(at);
                explain(&mut candidate, index);
                Some(candidate)
            });
            if let Some(candidate) = &suggested {
                sum += candidate.score_milli;
            }
            let unmatched_because = match (&suggested, candidates.is_empty()) {
                (Some(_), _) => None,
                (None, true) => Some("Every mentor is kept from this learner by a rule.".into()),
                (None, false) => Some(
                    "Every mentor who could take this learner has their free places suggested \
                     for other learners; more learners are matched that way."
                        .into(),
                ),
            };
            Waiting {
                learner: learner.key.clone(),
                name: learner.name.clone(),
                cohort: program.cohort(learner.cohort).key.clone(),
                since: learner
                    .journey
                    .last()
                    .map_or(today, |entry| entry.date)
                    .to_string(),
                suggested,
                alternatives: candidates
                    .into_iter()
                    .take(2)
                    .map(|(index, mut candidate)| {
                        explain(&mut candidate, index);
                        candidate
                    })
                    .collect(),
                unmatched_because,
                blocked,
            }
        })
        .collect();
    Suggestions {
        today: today.to_string(),
        stage: policy.stage.clone(),
        learners,
        total: points(sum),
    }
}

/// The suggestions as text for a coordinator.
pub fn render_human(suggestions: &Suggestions) -> String {
    let mut out = String::new();
    if suggestions.learners.is_empty() {
        let _ = writeln!(
            out,
            "Nobody waits in the {} stage on {}.",
            suggestions.stage, suggestions.today
        );
        return out;
    }
    let _ = writeln!(
        out,
        "Suggested mentors on {} for {} learner(s) in {} (total score {}):",
        suggestions.today,
        suggestions.learners.len(),
        suggestions.stage,
        suggestions.total
    );
    for waiting in &suggestions.learners {
        let _ = writeln!(
            out,
            "\n{} ({}, {}), waiting since {}",
            waiting.name, waiting.learner, waiting.cohort, waiting.since
        );
        match &waiting.suggested {
            Some(candidate) => describe(&mut out, "suggested", candidate),
            None => {
                let _ = writeln!(
                    out,
                    "  no suggestion: {}",
                    waiting.unmatched_because.as_deref().unwrap_or("")
                );
            }
        }
        for candidate in &waiting.alternatives {
            describe(&mut out, "alternative", candidate);
        }
        for blocked in &waiting.blocked {
            let _ = writeln!(
                out,
                "  kept away: {} ({}): {}",
                blocked.name, blocked.mentor, blocked.reason
            );
        }
    }
    out
}

fn describe(out: &mut String, role: &str, candidate: &Candidate) {
    let _ = writeln!(
        out,
        "  {role}: {} ({}), score {}",
        candidate.name, candidate.mentor, candidate.score
    );
    for part in &candidate.parts {
        let _ = writeln!(
            out,
            "    {} {}/{}: {}",
            part.part,
            points(part.milli),
            points(part.of_milli),
            part.reason
        );
    }
}

#[cfg(test)]
mod tests;
