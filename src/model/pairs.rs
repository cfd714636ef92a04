//! Mentor–learner pairs: their phases, pauses and what each side agreed.

use chrono::NaiveDate;

use super::{EndReason, LearnerId, MentorId, OutcomeId, Owner, Party, Phase, Pos};

/// What a pair agreed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Expectations {
    /// What the learner wants to achieve.
    pub goals: Option<String>,
    /// What the mentor offers.
    pub offer: Option<String>,
    /// Limits of the mentor's time, knowledge and availability.
    pub limits: Option<String>,
    /// Cadence.
    pub cadence: Option<String>,
    /// Meeting modes.
    pub modes: Vec<String>,
    /// Channels.
    pub channels: Vec<String>,
    /// Response times.
    pub response_time: Option<String>,
    /// Rescheduling process.
    pub rescheduling: Option<String>,
    /// Notice for a reschedule, hours.
    pub notice_hours: Option<u32>,
    /// Success criteria.
    pub success: Vec<String>,
    /// Outcomes served.
    pub success_outcomes: Vec<OutcomeId>,
    /// Check-in questions.
    pub check_in_questions: Vec<String>,
}

/// A mentor–learner pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// Id.
    pub key: String,
    /// Mentor.
    pub mentor: MentorId,
    /// Learner.
    pub learner: LearnerId,
    /// First day.
    pub start: NaiveDate,
    /// Planned last day.
    pub planned_end: Option<NaiveDate>,
    /// Actual last day.
    pub end: Option<NaiveDate>,
    /// Why it ended.
    pub end_reason: Option<EndReason>,
    /// Phase.
    pub phase: Phase,
    /// Charter agreed.
    pub agreed: Option<NaiveDate>,
    /// Planned midpoint.
    pub midpoint: Option<NaiveDate>,
    /// Midpoint facilitator.
    pub midpoint_facilitator: Option<Owner>,
    /// Expectations.
    pub expectations: Expectations,
    /// What the mentor hopes to learn.
    pub mentor_hopes_to_learn: Option<String>,
    /// Times the relationship was on hold, in the order written.
    pub pauses: Vec<Pause>,
    /// The learner may have another open pair at the same time.
    pub co_mentoring: bool,
    /// Where its id is written.
    pub pos: Pos,
    /// Where the mentor is written.
    pub mentor_pos: Pos,
    /// Where the first meeting mode is written (the id when none is).
    pub modes_pos: Pos,
    /// Where the phase is written.
    pub phase_pos: Pos,
    /// Where the planned end is written (the id when absent).
    pub planned_end_pos: Pos,
    /// Where the end is written (the id when absent).
    pub end_pos: Pos,
    /// Where the end reason is written (the id when absent).
    pub end_reason_pos: Pos,
    /// Where the agreed date is written (the id when absent).
    pub agreed_pos: Pos,
    /// Where the planned midpoint is written (the id when absent).
    pub midpoint_pos: Pos,
}

/// A time a pair was on hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Pause {
    /// First day on hold.
    pub from: NaiveDate,
    /// Last day on hold; `None` while it goes on.
    pub until: Option<NaiveDate>,
    /// Who asked for it; a learner's own pause takes them out of every
    /// session for its days.
    pub by: Party,
    /// Why.
    pub reason: Option<String>,
    /// Where `from` is written.
    pub pos: Pos,
    /// Where `until` is written (`from` when absent).
    pub until_pos: Pos,
}

impl Pause {
    /// Whether the pair is on hold on a day.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && self.until.is_none_or(|until| day <= until)
    }
}

impl Pair {
    /// Whether the pair is open on a day.
    pub fn open_on(&self, day: NaiveDate) -> bool {
        self.start <= day && self.end.is_none_or(|end| day <= end)
    }
}
