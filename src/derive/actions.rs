//! Who must act, and by when: everything overdue or due within two weeks of
//! `--today`, each with the owner who must act on it.
//!
//! The deadlines are the ones the checks measure against, pauses and all:
//! a learner waiting in a stage until the limit W034 reports
//! (`journey::waiting`), a midpoint check-in near a pair's planned or
//! middle day (E055, `presence::midpoint`), an end reflection by two
//! weeks after a pair's last day (E056). Besides those, a charter not yet
//! agreed is due when the pair's initial phase ends (two weeks after its
//! first day, as the printed charter says), a request to a mentor when the
//! program's response target runs out, and a pair back from a pause owes a
//! meeting from its first day back. An owner written as `mentor` is the
//! actual mentor of the learner or pair the action is about.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::journey::{self, days_after};
use super::occurrences::Schedule;
use super::presence::{self, covered};
use crate::model::{
    LearnerId, MentorId, Owner, Pair, PairId, Phase, Pos, Program, Requirement, RoleId, SessionId,
    SessionKind, SessionStatus, StageId,
};

/// Actions due up to this many days after `--today` are listed, the last
/// day included: the notice E055 gives a midpoint check-in.
pub const HORIZON_DAYS: i64 = 14;
/// A pair's charter is due on the last day of its initial phase, this many
/// days after its first day.
const CHARTER_DAYS: i64 = 13;

/// Who must act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Actor {
    /// A role of the program.
    Role(RoleId),
    /// A mentor, named or as the learner's own.
    Mentor(MentorId),
    /// Nobody yet: the learner's mentor, for a learner without one.
    Unassigned,
}

/// What must be done.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Task {
    /// Match a learner who has no mentor, waiting in `stage` since `since`.
    Match {
        /// The stage they wait in.
        stage: StageId,
        /// Since when.
        since: NaiveDate,
    },
    /// Move a learner on from `stage`, where they wait since `since`, to
    /// one of `to`.
    MoveOn {
        /// The stage they wait in.
        stage: StageId,
        /// Since when.
        since: NaiveDate,
        /// The stages this owner's handoffs lead to.
        to: Vec<StageId>,
    },
    /// Agree a pair's charter.
    Charter(PairId),
    /// Hold a pair's midpoint check-in, booked on a day or not yet.
    Midpoint(PairId, Option<NaiveDate>),
    /// Hold a closed pair's end reflection, booked on a day or not yet.
    Reflection(PairId, Option<NaiveDate>),
    /// Book a pair's first meeting after a pause that lasts through the
    /// day given.
    Resume(PairId, NaiveDate),
    /// Answer the request of a session, by its index in the session's
    /// requests.
    Answer(SessionId, usize),
}

/// One thing an owner must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// Who must act.
    pub actor: Actor,
    /// The last day to do it.
    pub due: NaiveDate,
    /// The learner it concerns, if one.
    pub learner: Option<LearnerId>,
    /// What to do.
    pub task: Task,
    /// Where the record it follows from is written.
    pub at: Pos,
}

impl Action {
    /// Days past the due date as of `today`; 0 when not yet past.
    pub fn days_overdue(&self, today: NaiveDate) -> i64 {
        (today - self.due).num_days().max(0)
    }
}

/// Every action overdue or due by [`Actions::horizon`], by owner (roles,
/// then mentors, in the program's order, then the unassigned), each
/// owner's earliest due first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actions {
    /// The day they are listed as of.
    pub today: NaiveDate,
    /// The last due date listed.
    pub horizon: NaiveDate,
    /// The actions.
    pub list: Vec<Action>,
}

impl Actions {
    /// The actions of one owner.
    pub fn of(&self, actor: Actor) -> impl Iterator<Item = &Action> {
        self.list.iter().filter(move |a| a.actor == actor)
    }
}

/// The actions of `program` as of `today`.
pub fn compute(program: &Program, schedule: &Schedule, today: NaiveDate) -> Actions {
    let horizon = days_after(today, HORIZON_DAYS);
    let pairs = journey::pairs_by_learner(program);
    let meetings = PairMeetings::index(program, schedule);
    let mut list = Vec::new();
    waiting(program, schedule, &pairs, today, &mut list);
    for (id, pair) in program.pairs_with_ids() {
        pair_actions(program, schedule, &meetings, id, today, &mut list);
        resumes(program, &meetings, id, pair, &mut list);
    }
    requests(program, today, &mut list);
    list.retain(|a| a.due <= horizon);
    list.sort_by(|a, b| {
        let name = |a: &Action| a.learner.map(|l| &program.learner(l).name);
        (a.actor, a.due, name(a), &a.task).cmp(&(b.actor, b.due, name(b), &b.task))
    });
    Actions {
        today,
        horizon,
        list,
    }
}

/// Resolves an owner for a learner whose mentor is `mentor`.
fn actor(owner: Option<Owner>, mentor: Option<MentorId>) -> Actor {
    match owner {
        Some(Owner::Role(role)) => Actor::Role(role),
        Some(Owner::Mentor(mentor)) => Actor::Mentor(mentor),
        Some(Owner::LearnersMentor) => mentor.map_or(Actor::Unassigned, Actor::Mentor),
        None => Actor::Unassigned,
    }
}

/// Learners to match or move on: one action per owner of the handoffs out
/// of the stage they wait in, due when the stage's limit runs out.
fn waiting(
    program: &Program,
    schedule: &Schedule,
    pairs: &[Vec<&Pair>],
    today: NaiveDate,
    out: &mut Vec<Action>,
) {
    for (id, learner) in program.learners_with_ids() {
        let resting = schedule.presence.resting(id);
        let Some(waiting) = journey::waiting(program, learner, resting) else {
            continue;
        };
        let own = pairs.get(id.index()).map_or(&[][..], Vec::as_slice);
        let mentor = own.last().map(|p| p.mentor);
        // A pair that has not ended by today, even one starting later, is
        // a match made.
        let matched = own.iter().any(|p| p.end.is_none_or(|end| end >= today));
        let mut by_actor: BTreeMap<Actor, (bool, Vec<StageId>)> = BTreeMap::new();
        for handoff in &waiting.next {
            let entry = by_actor.entry(actor(handoff.owner, mentor)).or_default();
            entry.0 |= handoff.requires.contains(&Requirement::MentorAssigned);
            entry.1.push(handoff.to);
        }
        let (stage, since) = (waiting.entry.stage, waiting.entry.date);
        for (actor, (matching, to)) in by_actor {
            let task = if matching && !matched {
                Task::Match { stage, since }
            } else {
                Task::MoveOn { stage, since, to }
            };
            out.push(Action {
                actor,
                due: waiting.due,
                learner: Some(id),
                task,
                at: waiting.entry.pos,
            });
        }
    }
}

/// A pair's charter to agree, midpoint check-in and end reflection to hold.
/// A pair on hold today owes no midpoint yet, as E055 says.
fn pair_actions(
    program: &Program,
    schedule: &Schedule,
    meetings: &PairMeetings,
    id: PairId,
    today: NaiveDate,
    out: &mut Vec<Action>,
) {
    let pair = program.pair(id);
    let mentor = Actor::Mentor(pair.mentor);
    let learner = Some(pair.learner);
    if pair.phase != Phase::Closed && pair.agreed.is_none() {
        out.push(Action {
            actor: mentor,
            due: days_after(pair.start, CHARTER_DAYS),
            learner,
            task: Task::Charter(id),
            at: pair.agreed_pos,
        });
    }
    if pair.phase != Phase::Closed
        && !covered(schedule.presence.on_hold(id), today)
        && let Some(midpoint) = presence::midpoint(program, schedule, id)
        && let Some(booked) = meetings.pending(
            program,
            pair,
            SessionKind::Midpoint,
            (midpoint.from, midpoint.to),
        )
    {
        out.push(Action {
            actor: pair
                .midpoint_facilitator
                .map_or(mentor, |owner| actor(Some(owner), Some(pair.mentor))),
            due: booked.unwrap_or(midpoint.due),
            learner,
            task: Task::Midpoint(id, booked),
            at: pair.pos,
        });
    }
    if let Some(window) = journey::reflection_window(pair)
        && let Some(booked) = meetings.pending(program, pair, SessionKind::Reflection, window)
    {
        out.push(Action {
            actor: mentor,
            due: booked.unwrap_or(window.1),
            learner,
            task: Task::Reflection(id, booked),
            at: pair.pos,
        });
    }
}

/// A pair back from a pause owes its first meeting from the day after the
/// pause's last: due that day until a meeting of the pair is booked or held
/// on or after it. A pause that goes on, or one of a closed pair, owes
/// nothing yet.
fn resumes(
    program: &Program,
    meetings: &PairMeetings,
    id: PairId,
    pair: &Pair,
    out: &mut Vec<Action>,
) {
    if pair.phase == Phase::Closed {
        return;
    }
    // Pauses that touch or overlap end on the last of them: the pair is
    // back only after that.
    let mut lasts: Vec<NaiveDate> = Vec::new();
    for pause in &pair.pauses {
        let Some(until) = pause.until else {
            return;
        };
        let back = until.succ_opt().unwrap_or(until);
        if pair.pauses.iter().any(|p| p.covers(back)) {
            continue;
        }
        lasts.push(until);
    }
    for until in lasts {
        let back = until.succ_opt().unwrap_or(until);
        if meetings.any_from(program, pair, back) {
            continue;
        }
        out.push(Action {
            actor: Actor::Mentor(pair.mentor),
            due: back,
            learner: Some(pair.learner),
            task: Task::Resume(id, until),
            at: pair
                .pauses
                .iter()
                .find(|p| p.until == Some(until))
                .map_or(pair.pos, |p| p.until_pos),
        });
    }
}

/// Requests asked by `today` and not answered, to each mentor of their
/// session (or its cohort's facilitator), due when the response target runs
/// out.
fn requests(program: &Program, today: NaiveDate, out: &mut Vec<Action>) {
    let hours = program.settings.response_hours;
    for (id, session) in program.sessions_with_ids() {
        let mut actors: Vec<Actor> = session.mentors.iter().map(|m| Actor::Mentor(*m)).collect();
        if actors.is_empty() {
            let facilitator = session.cohort.map(|c| program.cohort(c).facilitator);
            actors.push(actor(facilitator, None));
        }
        for (number, request) in session.requests.iter().enumerate() {
            if request.answered.is_some() || request.asked.date() > today {
                continue;
            }
            for &actor in &actors {
                out.push(Action {
                    actor,
                    due: request.due(hours).date(),
                    learner: request.learner,
                    task: Task::Answer(id, number),
                    at: session.pos,
                });
            }
        }
    }
}

/// A live meeting of a mentor with one learner, for that learner.
#[derive(Debug, Clone, Copy)]
struct Meeting {
    session: SessionId,
    date: NaiveDate,
    status: SessionStatus,
    /// Held with the learner there.
    held: bool,
}

/// Live one-to-one, midpoint and reflection meetings, by learner.
struct PairMeetings {
    by_learner: Vec<Vec<Meeting>>,
}

impl PairMeetings {
    fn index(program: &Program, schedule: &Schedule) -> PairMeetings {
        let mut by_learner = vec![Vec::new(); program.learners.len()];
        for (id, session) in program.sessions_with_ids() {
            if !matches!(
                session.kind,
                SessionKind::OneToOne | SessionKind::Midpoint | SessionKind::Reflection
            ) {
                continue;
            }
            for occurrence in schedule.of(id).iter().filter(|o| o.is_live()) {
                for &learner in &session.learners {
                    if let Some(list) = by_learner.get_mut(learner.index()) {
                        list.push(Meeting {
                            session: id,
                            date: occurrence.date(),
                            status: occurrence.status,
                            held: schedule.attended(session, occurrence, learner),
                        });
                    }
                }
            }
        }
        PairMeetings { by_learner }
    }

    /// The meetings of a pair's mentor with its learner.
    fn of<'a>(&'a self, program: &'a Program, pair: &'a Pair) -> impl Iterator<Item = &'a Meeting> {
        let meetings = self.by_learner.get(pair.learner.index());
        meetings
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(|m| program.session(m.session).mentors.contains(&pair.mentor))
    }

    /// Whether the pair has a meeting, booked or held, on or after `day`.
    fn any_from(&self, program: &Program, pair: &Pair, day: NaiveDate) -> bool {
        self.of(program, pair).any(|m| m.date >= day)
    }

    /// `None` when a meeting of `kind` between the pair's mentor and
    /// learner was held within `window`; otherwise what is still to do: the
    /// first meeting booked within it, if any.
    fn pending(
        &self,
        program: &Program,
        pair: &Pair,
        kind: SessionKind,
        (from, to): (NaiveDate, NaiveDate),
    ) -> Option<Option<NaiveDate>> {
        let mut booked: Option<NaiveDate> = None;
        for meeting in self.of(program, pair) {
            if program.session(meeting.session).kind != kind || !(from..=to).contains(&meeting.date)
            {
                continue;
            }
            if meeting.held {
                return None;
            }
            if meeting.status == SessionStatus::Scheduled && booked.is_none_or(|b| meeting.date < b)
            {
                booked = Some(meeting.date);
            }
        }
        Some(booked)
    }
}

#[cfg(test)]
mod tests;
