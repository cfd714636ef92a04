//! Deadlines of the journey and of pairs, computed once for the checks that
//! report them and for the list of who must act.
//!
//! A learner waits in a stage until the shortest limit of the handoffs out
//! of it ([`waiting`]; W034 once past it); a pair's midpoint check-in is due
//! near the middle of the relationship ([`midpoint_window`]; E055), and its
//! end reflection by two weeks after its last day ([`reflection_window`];
//! E056).

use chrono::{Duration, NaiveDate};

use crate::model::{
    EndReason, Handoff, JourneyEntry, Learner, LearnerStatus, Pair, Phase, Program,
};

/// The least slack allowed either side of the middle of a relationship.
const MIDPOINT_MIN_SLACK_DAYS: i64 = 21;
/// An end reflection may take place this long after the last day.
const REFLECTION_GRACE_DAYS: i64 = 14;

/// An active learner in a stage they must move on from, and by when.
#[derive(Debug, Clone)]
pub struct Waiting<'a> {
    /// The journey entry of the stage they are in.
    pub entry: &'a JourneyEntry,
    /// The handoffs out of that stage.
    pub next: Vec<&'a Handoff>,
    /// The shortest limit among them, in days.
    pub limit: u32,
    /// The last day the learner may still be in the stage.
    pub due: NaiveDate,
}

impl Waiting<'_> {
    /// Days in the stage as of `today`.
    pub fn days(&self, today: NaiveDate) -> i64 {
        (today - self.entry.date).num_days()
    }

    /// Whether the learner is past the limit as of `today` (W034).
    pub fn stalled(&self, today: NaiveDate) -> bool {
        today > self.due
    }
}

/// Where an active learner waits: their last stage, when it is not terminal
/// and some handoff out of it has a time limit.
pub fn waiting<'a>(program: &'a Program, learner: &'a Learner) -> Option<Waiting<'a>> {
    if learner.status != LearnerStatus::Active {
        return None;
    }
    let entry = learner.journey.last()?;
    if program.stage(entry.stage).terminal {
        return None;
    }
    let next: Vec<&Handoff> = program.journey.outgoing(entry.stage).collect();
    let limit = next.iter().filter_map(|h| h.limit_days).min()?;
    Some(Waiting {
        entry,
        next,
        limit,
        due: days_after(entry.date, i64::from(limit)),
    })
}

/// When a pair's midpoint check-in is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MidpointWindow {
    /// The middle of the relationship.
    pub middle: NaiveDate,
    /// The first day a check-in counts.
    pub from: NaiveDate,
    /// The last day a check-in counts.
    pub to: NaiveDate,
    /// The relationship's last day: its end, planned end, or its cohort's.
    pub last: NaiveDate,
}

/// The window of an open pair's midpoint check-in: within max(21 days, a
/// fifth of the relationship) of its middle. `None` for a closed pair, or
/// one whose dates are reported as out of order.
pub fn midpoint_window(program: &Program, pair: &Pair) -> Option<MidpointWindow> {
    if pair.phase == Phase::Closed {
        return None;
    }
    let last = pair
        .end
        .or(pair.planned_end)
        .unwrap_or(program.cohort(program.learner(pair.learner).cohort).end);
    let length = (last - pair.start).num_days();
    if length < 0 {
        return None;
    }
    let middle = days_after(pair.start, length / 2);
    let slack = (length / 5).max(MIDPOINT_MIN_SLACK_DAYS);
    Some(MidpointWindow {
        middle,
        from: days_after(middle, -slack),
        to: days_after(middle, slack),
        last,
    })
}

/// The days an end reflection counts on, for a pair that closed because it
/// was completed or rematched: from its first day to two weeks after its
/// last. `None` for any other pair.
pub fn reflection_window(pair: &Pair) -> Option<(NaiveDate, NaiveDate)> {
    let wants_reflection = matches!(
        pair.end_reason,
        Some(EndReason::Completed | EndReason::Rematched)
    );
    match (pair.phase, wants_reflection, pair.end) {
        (Phase::Closed, true, Some(end)) => {
            Some((pair.start, days_after(end, REFLECTION_GRACE_DAYS)))
        }
        _ => None,
    }
}

/// Each learner's pairs, by start date, indexed by learner.
pub fn pairs_by_learner(program: &Program) -> Vec<Vec<&Pair>> {
    let mut pairs: Vec<Vec<&Pair>> = vec![Vec::new(); program.learners.len()];
    for pair in &program.pairs {
        if let Some(list) = pairs.get_mut(pair.learner.index()) {
            list.push(pair);
        }
    }
    for list in &mut pairs {
        list.sort_by_key(|p| p.start);
    }
    pairs
}

/// A date some days later (or earlier), held at the calendar's limits.
pub fn days_after(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(Duration::days(days))
        .unwrap_or(if days < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}
