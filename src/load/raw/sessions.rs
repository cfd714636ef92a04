//! `data/sessions/*.yaml`: one-off sessions and recurring series, with
//! attendance, cancellations, changed dates and requests.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Id, LocalTime, Sp, Zone, unspanned};

/// `data/sessions/<name>.yaml`.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SessionsFile {
    /// Every session or series of this file, one mapping each.
    pub sessions: Vec<Session>,
}

/// A session, one-off or recurring.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Unique across all session files.
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// `one-to-one`, `group`, `office-hours`, `midpoint` (the pair's midpoint check-in),
    /// `mentor-circle` (mentors meeting each other) or `reflection` (an end reflection).
    pub kind: Sp<SessionKind>,
    /// Shown in calendars and on the site.
    pub title: String,
    /// The cohort the session belongs to; it must lie within the cohort's dates (E054).
    #[serde(default)]
    pub cohort: Option<Sp<String>>,
    /// Local start of the session, or of the first meeting of a series.
    #[schemars(with = "LocalTime")]
    pub start: Sp<String>,
    /// The zone `start` is written in.
    #[serde(default)]
    #[schemars(with = "Option<Zone>")]
    pub timezone: Option<Sp<String>>,
    /// Length of each meeting in minutes (E011 when 0).
    pub duration_minutes: Sp<u32>,
    /// Mentors taking part.
    #[serde(default)]
    pub mentors: Vec<Sp<String>>,
    /// Learners invited.
    #[serde(default)]
    pub learners: Vec<Sp<String>>,
    /// The module the session works on.
    #[serde(default)]
    pub module: Option<Sp<String>>,
    /// A room or address.
    #[serde(default)]
    pub location: Option<String>,
    /// A meeting link: an absolute `https://` or `http://` address without whitespace or control
    /// characters (E080). Feeds show it as the location when there is no `location`, else in the
    /// description.
    #[serde(default)]
    pub link: Option<Sp<String>>,
    /// `scheduled`, `completed` (held), `cancelled` or `no-show` (the learner did not come). For a
    /// series: the status of every meeting not changed in `occurrences` or held by `held_through`.
    /// A meeting after `--today` cannot be `completed` or `no-show` (E059).
    #[serde(default = "default_session_status")]
    pub status: Sp<SessionStatus>,
    /// For a series still running: every meeting on or before this day was held (`completed`),
    /// unless changed in `occurrences`; later meetings keep `status`. At most `--today` (E059).
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub held_through: Option<Sp<String>>,
    /// Who attended, and ratings. For a series: every meeting's, unless changed in `occurrences`.
    #[serde(default)]
    pub attendance: Vec<Attendance>,
    /// When and why the session was called off.
    #[serde(default)]
    pub cancellation: Option<Cancellation>,
    /// The agenda.
    #[serde(default)]
    pub agenda: Vec<String>,
    /// Makes the session a series.
    #[serde(default)]
    pub recurrence: Option<Recurrence>,
    /// Changes to single meetings of a series.
    #[serde(default)]
    pub occurrences: Vec<OccurrenceChange>,
    /// Requests to the mentor around this session; they measure response time against
    /// `targets.mentor_response_hours`.
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

impl SessionKind {
    /// The kind as a sessions file writes it (`one-to-one`), which the
    /// theme's catalog selects its words on.
    pub fn id(self) -> &'static str {
        match self {
            SessionKind::OneToOne => "one-to-one",
            SessionKind::Group => "group",
            SessionKind::OfficeHours => "office-hours",
            SessionKind::Midpoint => "midpoint",
            SessionKind::MentorCircle => "mentor-circle",
            SessionKind::Reflection => "reflection",
        }
    }
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
    /// The learner's id.
    pub learner: Sp<String>,
    /// Whether they attended.
    pub attended: bool,
    /// How the learner felt before the session.
    #[serde(default)]
    #[schemars(range(min = 1, max = 5))]
    pub rating_before: Option<Sp<u8>>,
    /// How they felt after it; the difference is the sentiment delta.
    #[serde(default)]
    #[schemars(range(min = 1, max = 5))]
    pub rating_after: Option<Sp<u8>>,
}

/// A cancellation.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cancellation {
    /// When it was called off, in the session's zone.
    #[schemars(with = "LocalTime")]
    pub at: Sp<String>,
    /// Who called it off (E011 otherwise).
    pub by: Sp<String>,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A weekly repeat rule.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Recurrence {
    /// Meet every this many weeks: `1` weekly, `2` fortnightly.
    #[serde(default = "one_week")]
    pub every_weeks: Sp<u32>,
    /// Number of dates in the series, skipped dates included.
    #[serde(default)]
    pub count: Option<Sp<u32>>,
    /// Last possible date of the series, inclusive.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub until: Option<Sp<String>>,
    /// Series dates on which there is no meeting.
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
    /// The local date of the meeting changed.
    #[schemars(with = "Date")]
    pub date: Sp<String>,
    /// That meeting's status.
    #[serde(default)]
    pub status: Option<Sp<SessionStatus>>,
    /// That meeting's attendance; replaces the series' list.
    #[serde(default)]
    pub attendance: Option<Vec<Attendance>>,
    /// Why that meeting was called off.
    #[serde(default)]
    pub cancellation: Option<Cancellation>,
    /// The meeting's new local start, in the session's zone, when it was moved.
    #[serde(default)]
    #[schemars(with = "Option<LocalTime>")]
    pub moved_to: Option<Sp<String>>,
    /// The meeting's room or address, when it is not the series'.
    #[serde(default)]
    pub location: Option<String>,
    /// The meeting's link, when it is not the series' (E080 as for `link`).
    #[serde(default)]
    pub link: Option<Sp<String>>,
}

/// A request to a mentor.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// What was asked.
    pub kind: RequestKind,
    /// Who asked.
    #[serde(default)]
    pub learner: Option<Sp<String>>,
    /// When it was asked, in the session's zone.
    #[schemars(with = "LocalTime")]
    pub asked: Sp<String>,
    /// When it was answered; leave it out while unanswered.
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
