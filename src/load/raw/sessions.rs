//! `data/sessions/*.yaml`: one-off sessions and recurring series, with
//! attendance, cancellations, changed dates and requests.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Id, LocalTime, Sp, Zone, unspanned};

/// `data/sessions/<name>.yaml`.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SessionsFile {
    /// Sessions in this file.
    pub sessions: Vec<Session>,
}

/// A session, one-off or recurring.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Stable id.
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// Kind of session.
    pub kind: Sp<SessionKind>,
    /// Title shown in calendars.
    pub title: String,
    /// Cohort id.
    #[serde(default)]
    pub cohort: Option<Sp<String>>,
    /// Local start, `YYYY-MM-DDTHH:MM`.
    #[schemars(with = "LocalTime")]
    pub start: Sp<String>,
    /// IANA zone of `start`; the cohort's, then the program's, by default.
    #[serde(default)]
    #[schemars(with = "Option<Zone>")]
    pub timezone: Option<Sp<String>>,
    /// Length in minutes.
    pub duration_minutes: Sp<u32>,
    /// Mentor ids.
    #[serde(default)]
    pub mentors: Vec<Sp<String>>,
    /// Learner ids.
    #[serde(default)]
    pub learners: Vec<Sp<String>>,
    /// Module id.
    #[serde(default)]
    pub module: Option<Sp<String>>,
    /// A room or address.
    #[serde(default)]
    pub location: Option<String>,
    /// A meeting link.
    #[serde(default)]
    pub link: Option<Sp<String>>,
    /// Status of the session, or of every occurrence of a series.
    #[serde(default = "default_session_status")]
    pub status: Sp<SessionStatus>,
    /// Every meeting of a series up to this date was held, unless changed.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub held_through: Option<Sp<String>>,
    /// Who attended and how they rated it.
    #[serde(default)]
    pub attendance: Vec<Attendance>,
    /// Why and when it was cancelled.
    #[serde(default)]
    pub cancellation: Option<Cancellation>,
    /// The agenda; a standard one by kind when empty.
    #[serde(default)]
    pub agenda: Vec<String>,
    /// Repeat rule.
    #[serde(default)]
    pub recurrence: Option<Recurrence>,
    /// Per-date changes to a series.
    #[serde(default)]
    pub occurrences: Vec<OccurrenceChange>,
    /// Requests to the mentor around this session.
    #[serde(default)]
    pub requests: Vec<Request>,
}

/// Kinds of session.
#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "kebab-case")]
pub enum SessionKind {
    /// Mentor and learner.
    OneToOne,
    /// A cohort group session.
    Group,
    /// Drop-in office hours.
    OfficeHours,
    /// The pair's midpoint check-in.
    Midpoint,
    /// Mentors meeting each other.
    MentorCircle,
    /// An end reflection.
    Reflection,
}

/// Status of a session or occurrence.
#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord,
)]
#[serde(rename_all = "kebab-case")]
pub enum SessionStatus {
    /// Planned.
    #[default]
    Scheduled,
    /// Held.
    Completed,
    /// Called off.
    Cancelled,
    /// The learner did not come.
    NoShow,
}

/// One learner's attendance and rating.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// Learner id.
    pub learner: Sp<String>,
    /// Whether they attended.
    pub attended: bool,
    /// Rating 1–5 before the session.
    #[serde(default)]
    #[schemars(range(min = 1, max = 5))]
    pub rating_before: Option<Sp<u8>>,
    /// Rating 1–5 after the session.
    #[serde(default)]
    #[schemars(range(min = 1, max = 5))]
    pub rating_after: Option<Sp<u8>>,
}

/// A cancellation.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cancellation {
    /// When it was called off, `YYYY-MM-DDTHH:MM` in the session's zone.
    #[schemars(with = "LocalTime")]
    pub at: Sp<String>,
    /// Who called it off: `mentor`, `learner` or `program`.
    pub by: Sp<String>,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A weekly repeat rule.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Recurrence {
    /// Repeat every N weeks.
    #[serde(default = "one_week")]
    pub every_weeks: Sp<u32>,
    /// Number of occurrences, skipped dates included.
    #[serde(default)]
    pub count: Option<Sp<u32>>,
    /// Last possible date, inclusive.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub until: Option<Sp<String>>,
    /// Dates left out of the series.
    #[serde(default)]
    #[schemars(with = "Vec<Date>")]
    pub skip: Vec<Sp<String>>,
}

fn one_week() -> Sp<u32> {
    unspanned(1)
}

/// A change to one date of a series.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OccurrenceChange {
    /// Date of the occurrence changed.
    #[schemars(with = "Date")]
    pub date: Sp<String>,
    /// Its status.
    #[serde(default)]
    pub status: Option<Sp<SessionStatus>>,
    /// Its attendance, when it differs from the series'.
    #[serde(default)]
    pub attendance: Option<Vec<Attendance>>,
    /// Its cancellation.
    #[serde(default)]
    pub cancellation: Option<Cancellation>,
    /// Its new local start, when it was moved.
    #[serde(default)]
    #[schemars(with = "Option<LocalTime>")]
    pub moved_to: Option<Sp<String>>,
    /// Its room or address, when it differs from the series'.
    #[serde(default)]
    pub location: Option<String>,
    /// Its meeting link, when it differs from the series'.
    #[serde(default)]
    pub link: Option<Sp<String>>,
}

/// A request to a mentor.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// What was asked.
    pub kind: RequestKind,
    /// Learner who asked.
    #[serde(default)]
    pub learner: Option<Sp<String>>,
    /// When, `YYYY-MM-DDTHH:MM` in the session's zone.
    #[schemars(with = "LocalTime")]
    pub asked: Sp<String>,
    /// When answered, if yet.
    #[serde(default)]
    #[schemars(with = "Option<LocalTime>")]
    pub answered: Option<Sp<String>>,
}

/// Kinds of request.
#[derive(Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum RequestKind {
    /// Move the session.
    Reschedule,
    /// A follow-up question.
    FollowUp,
}

fn default_session_status() -> Sp<SessionStatus> {
    unspanned(SessionStatus::Scheduled)
}
