//! Deadlines of the journey and of pairs, computed once for the checks that
//! report them and for the list of who must act.
//!
//! A learner waits in a stage until the shortest limit of the handoffs out
//! of it, not counting days paused (`waiting`; W034 once past it), and a
//! pair's end reflection by two weeks after its last day
//! (`reflection_window`; E056). A pair's midpoint, which moves with its
//! pauses, is `presence::midpoint`.

use chrono::{Duration, NaiveDate};

use super::presence::{Span, working_days_after};
use crate::model::{
    EndReason, Handoff, JourneyEntry, Learner, LearnerStatus, Pair, Phase, Program,
};

/// An end reflection may take place this long after the last day.
const REFLECTION_GRACE_DAYS: i64 = 14;

/// An active learner in a stage they must move on from, and by when.
#[derive(Debug, Clone)]
pub(crate) struct Waiting<'a> {
    /// The journey entry of the stage they are in.
    pub entry: &'a JourneyEntry,
    /// The handoffs out of that stage.
    pub next: Vec<&'a Handoff>,
    /// The shortest limit among them, in days.
    pub limit: u32,
    /// The last day the learner may still be in the stage, later by the
    /// days they rest.
    pub due: NaiveDate,
}

/// Where an active learner waits: their last stage, when it is not terminal
/// and some handoff out of it has a time limit. The limit runs on the days
/// the learner is not `resting` (see [`super::presence::Presence::resting`]),
/// so a pause that never ends leaves them never due.
pub(crate) fn waiting<'a>(
    program: &'a Program,
    learner: &'a Learner,
    resting: &[Span],
) -> Option<Waiting<'a>> {
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
        due: working_days_after(entry.date, i64::from(limit), resting),
    })
}

/// The days an end reflection counts on, for a pair that closed because it
/// was completed or rematched: from its first day to two weeks after its
/// last. `None` for any other pair.
pub(crate) fn reflection_window(pair: &Pair) -> Option<(NaiveDate, NaiveDate)> {
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
pub(crate) fn pairs_by_learner(program: &Program) -> Vec<Vec<&Pair>> {
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
pub(crate) fn days_after(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(Duration::days(days))
        .unwrap_or(if days < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}
