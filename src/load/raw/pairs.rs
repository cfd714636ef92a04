//! `data/pairs.yaml`: who mentors whom, when, and what each side
//! expects.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Id, Sp};

/// `data/pairs.yaml`.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PairsFile {
    /// All pairs.
    pub pairs: Vec<Pair>,
}

/// A mentor–learner relationship.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    /// Stable id.
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// Mentor id.
    pub mentor: Sp<String>,
    /// Learner id.
    pub learner: Sp<String>,
    /// First day of the relationship.
    #[schemars(with = "Date")]
    pub start: Sp<String>,
    /// Planned last day, when known before it closes.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub planned_end: Option<Sp<String>>,
    /// Actual last day.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub end: Option<Sp<String>>,
    /// Why it ended.
    #[serde(default)]
    pub end_reason: Option<Sp<EndReason>>,
    /// Current phase.
    pub phase: Sp<Phase>,
    /// Date the charter was agreed.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub agreed: Option<Sp<String>>,
    /// Planned midpoint check-in date.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub midpoint: Option<Sp<String>>,
    /// Role or mentor id of who facilitates the midpoint check-in.
    #[serde(default)]
    pub midpoint_facilitator: Option<Sp<String>>,
    /// The four questions of the charter.
    #[serde(default)]
    pub expectations: Expectations,
    /// What the mentor hopes to learn from the learner.
    #[serde(default)]
    pub mentor_hopes_to_learn: Option<Sp<String>>,
    /// Times the relationship was put on hold.
    #[serde(default)]
    pub pauses: Vec<Pause>,
    /// The learner may have another open pair at the same time.
    #[serde(default)]
    pub co_mentoring: bool,
}

/// A pair put on hold for a while.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pause {
    /// First day of the pause.
    #[schemars(with = "Date")]
    pub from: Sp<String>,
    /// Last day of the pause; open while it has not ended.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub until: Option<Sp<String>>,
    /// Who asked for it.
    pub by: Sp<Party>,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A pair's phase.
#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord,
)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Getting to know each other, agreeing the charter.
    Initial,
    /// The main body of work.
    Working,
    /// Preparing to close.
    Transition,
    /// Ended.
    Closed,
}

/// Who in a pair, or the program, asked for something.
#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord,
)]
#[serde(rename_all = "kebab-case")]
pub enum Party {
    /// The learner.
    Learner,
    /// The mentor.
    Mentor,
    /// The program team.
    Program,
}

/// Why a pair ended.
#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord,
)]
#[serde(rename_all = "kebab-case")]
pub enum EndReason {
    /// The relationship ran its course.
    Completed,
    /// The learner was matched with another mentor.
    Rematched,
    /// The learner left the program.
    Withdrawn,
}

/// The expectations a pair agrees (the charter's four questions and how they work).
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Expectations {
    /// What the learner wants to achieve.
    #[serde(default)]
    pub goals: Option<Sp<String>>,
    /// What the mentor can offer.
    #[serde(default)]
    pub offer: Option<Sp<String>>,
    /// Limits of the mentor's time, knowledge and availability.
    #[serde(default)]
    pub limits: Option<Sp<String>>,
    /// How often and how long they meet.
    #[serde(default)]
    pub cadence: Option<Sp<String>>,
    /// Meeting modes (video, in person, …).
    #[serde(default)]
    pub modes: Vec<String>,
    /// Channels between meetings.
    #[serde(default)]
    pub channels: Vec<String>,
    /// How quickly each answers messages.
    #[serde(default)]
    pub response_time: Option<Sp<String>>,
    /// How to reschedule.
    #[serde(default)]
    pub rescheduling: Option<Sp<String>>,
    /// Hours of notice for a reschedule.
    #[serde(default)]
    pub notice_hours: Option<Sp<u32>>,
    /// How they will know it succeeded.
    #[serde(default)]
    pub success: Vec<String>,
    /// Program outcome ids the success criteria serve.
    #[serde(default)]
    pub success_outcomes: Vec<Sp<String>>,
    /// Questions asked at the start of each meeting.
    #[serde(default)]
    pub check_in_questions: Vec<String>,
}
