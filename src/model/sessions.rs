//! Sessions and recurring series: attendance, cancellations, changed dates
//! and requests to the mentor.

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use super::{
    CohortId, LearnerId, MentorId, ModuleId, Pos, RequestKind, SessionKind, SessionStatus,
};

/// Attendance of one learner.
#[derive(Debug, Clone, PartialEq)]
pub struct Attendance {
    /// Learner.
    pub learner: LearnerId,
    /// Attended.
    pub attended: bool,
    /// Rating before, 1–5.
    pub rating_before: Option<u8>,
    /// Rating after, 1–5.
    pub rating_after: Option<u8>,
    /// Where the learner is written.
    pub pos: Pos,
}

/// A cancellation.
#[derive(Debug, Clone, PartialEq)]
pub struct Cancellation {
    /// When, local to the session.
    pub at: NaiveDateTime,
    /// Who: mentor, learner or program.
    pub by: String,
    /// Why.
    pub reason: Option<String>,
}

/// How a series ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesEnd {
    /// After this many occurrences, skipped ones included.
    Count(u32),
    /// On or before this date.
    Until(NaiveDate),
}

/// A weekly repeat rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Recurrence {
    /// Every N weeks.
    pub every_weeks: u32,
    /// How the series ends.
    pub end: SeriesEnd,
    /// Dates left out.
    pub skip: Vec<NaiveDate>,
    /// Where the rule is written.
    pub pos: Pos,
    /// Where `count` or `until` is written.
    pub end_pos: Pos,
}

/// A change to one date of a series.
#[derive(Debug, Clone, PartialEq)]
pub struct OccurrenceChange {
    /// Date changed.
    pub date: NaiveDate,
    /// New status.
    pub status: Option<SessionStatus>,
    /// New attendance.
    pub attendance: Option<Vec<Attendance>>,
    /// Cancellation.
    pub cancellation: Option<Cancellation>,
    /// New local start, in the session's zone, when the meeting was moved.
    pub moved_to: Option<NaiveDateTime>,
    /// Room or address, when it differs from the series'.
    pub location: Option<String>,
    /// Meeting link, when it differs from the series'.
    pub link: Option<String>,
    /// Where the date is written.
    pub pos: Pos,
    /// Where the status is written (the date when absent).
    pub status_pos: Pos,
    /// Where the new start is written (the date when absent).
    pub moved_pos: Pos,
}

/// A request to a mentor.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Kind.
    pub kind: RequestKind,
    /// Who asked.
    pub learner: Option<LearnerId>,
    /// When asked, local to the session.
    pub asked: NaiveDateTime,
    /// When answered.
    pub answered: Option<NaiveDateTime>,
}

impl Request {
    /// When the answer is due under a response target of `hours`, local to
    /// the session.
    pub fn due(&self, hours: u32) -> NaiveDateTime {
        self.asked + chrono::Duration::hours(i64::from(hours))
    }
}

/// A session or a weekly series.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Id.
    pub key: String,
    /// Kind.
    pub kind: SessionKind,
    /// Title.
    pub title: String,
    /// Cohort.
    pub cohort: Option<CohortId>,
    /// Local start of the first occurrence.
    pub start: NaiveDateTime,
    /// Zone of `start`.
    pub timezone: Tz,
    /// Minutes.
    pub duration_minutes: u32,
    /// Mentors.
    pub mentors: Vec<MentorId>,
    /// Learners.
    pub learners: Vec<LearnerId>,
    /// Module.
    pub module: Option<ModuleId>,
    /// Room or address.
    pub location: Option<String>,
    /// Meeting link: an absolute http(s) URL of printable characters.
    pub link: Option<String>,
    /// Status of the session or every occurrence.
    pub status: SessionStatus,
    /// Every meeting of a series up to this day, unless changed, was held.
    pub held_through: Option<NaiveDate>,
    /// Attendance.
    pub attendance: Vec<Attendance>,
    /// Cancellation.
    pub cancellation: Option<Cancellation>,
    /// Agenda.
    pub agenda: Vec<String>,
    /// Repeat rule.
    pub recurrence: Option<Recurrence>,
    /// Per-date changes.
    pub changes: Vec<OccurrenceChange>,
    /// Requests.
    pub requests: Vec<Request>,
    /// Where its id is written.
    pub pos: Pos,
    /// Where the start is written.
    pub start_pos: Pos,
    /// Where the status is written (the id when defaulted).
    pub status_pos: Pos,
    /// Where `held_through` is written (the id when absent).
    pub held_through_pos: Pos,
    /// Where each of `learners` is written, in the same order.
    pub learners_pos: Vec<Pos>,
}
