//! Journey checks: the stages and handoffs of `program.yaml` form a sound
//! path, and every learner's recorded journey follows it.
//!
//! The definition is checked once ([`definition()`]). Each learner's entries
//! are then walked pair by pair ([`learners`]): a move must follow a defined
//! handoff (or go to an exit stage), the handoff's requirements must hold on
//! the day it was taken, and a handoff taken late, or one overdue as of
//! `--today`, is a warning naming whoever owns it. What each learner attended
//! is gathered in one pass over the schedule first, so the cost grows with
//! the number of meetings, not with learners times sessions.

use chrono::{NaiveDate, NaiveDateTime};

use crate::derive::journey;
use crate::derive::occurrences::Schedule;
use crate::derive::presence::{Span, covered, days_held};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::gaps::Kind;
use crate::model::{
    Handoff, Journey, JourneyEntry, Learner, LearnerId, LearnerStatus, Owner, Pair, Party, Program,
    Requirement, SessionId, SessionKind, Stage,
};

mod definition;
#[cfg(test)]
mod tests;
mod walk;

pub(crate) use definition::definition;
use definition::outgoing_by_stage;
use walk::Walk;

/// Learner journeys as of `today`: order, handoffs, requirements, time
/// limits, charters before the first 1:1, and status.
pub(crate) fn learners(
    program: &Program,
    schedule: &Schedule,
    today: NaiveDate,
) -> Vec<Diagnostic> {
    let outgoing = outgoing_by_stage(&program.journey);
    let attended = attended_by_learner(program, schedule);
    let pairs = journey::pairs_by_learner(program);
    let empty = Attended::default();
    let mut out = Vec::new();
    for (id, learner) in program.learners_with_ids() {
        let walk = Walk {
            program,
            outgoing: &outgoing,
            id,
            learner,
            pairs: pairs.get(id.index()).map_or(&[], Vec::as_slice),
            attended: attended.get(id.index()).unwrap_or(&empty),
            resting: schedule.presence.resting(id),
        };
        // A journey with an entry left out after an error is not judged on
        // what is left of it, nor a status whose date was: the error
        // explains the rest.
        let gaps = &program.gaps;
        if !gaps.may_hide(Kind::Journey, &learner.key) {
            walk.entries(&mut out);
            walk.stalled(today, &mut out);
            if !gaps.may_hide(Kind::Learner, &learner.key) {
                walk.status(&mut out);
                walk.still_paused(today, &mut out);
            }
        }
        walk.charters(&mut out);
    }
    out
}

/// What one learner attended, from the schedule.
#[derive(Debug, Default, Clone)]
struct Attended {
    /// Attended 1:1 meetings by local start, earliest first.
    one_to_one: Vec<(NaiveDateTime, SessionId)>,
    /// Earliest attended midpoint check-in.
    midpoint: Option<NaiveDate>,
    /// Earliest attended reflection.
    reflection: Option<NaiveDate>,
}

/// One pass over the meetings that journey requirements can name, indexed
/// by learner.
fn attended_by_learner(program: &Program, schedule: &Schedule) -> Vec<Attended> {
    let mut out = vec![Attended::default(); program.learners.len()];
    for (id, session) in program.sessions_with_ids() {
        if !matches!(
            session.kind,
            SessionKind::OneToOne | SessionKind::Midpoint | SessionKind::Reflection
        ) {
            continue;
        }
        for occurrence in schedule.of(id) {
            for &learner in &session.learners {
                if !schedule.attended(session, occurrence, learner) {
                    continue;
                }
                let Some(facts) = out.get_mut(learner.index()) else {
                    continue;
                };
                let date = occurrence.date();
                match session.kind {
                    SessionKind::OneToOne => facts
                        .one_to_one
                        .push((occurrence.local_start, occurrence.session)),
                    SessionKind::Midpoint => earliest(&mut facts.midpoint, date),
                    _ => earliest(&mut facts.reflection, date),
                }
            }
        }
    }
    for facts in &mut out {
        facts.one_to_one.sort();
    }
    out
}

fn earliest(slot: &mut Option<NaiveDate>, date: NaiveDate) {
    if slot.is_none_or(|d| date < d) {
        *slot = Some(date);
    }
}
