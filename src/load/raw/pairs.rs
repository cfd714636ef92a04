//! `data/pairs.yaml`: who mentors whom, when, and what each side
//! expects.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Id, Sp};

/// `data/pairs.yaml`.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PairsFile {
    /// Every pair, one mapping each.
    pub pairs: Vec<Pair>,
}

/// A mentor–learner relationship.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    /// The pair's id.
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// The mentor's id.
    pub mentor: Sp<String>,
    /// The learner's id.
    pub learner: Sp<String>,
    /// First day of the relationship.
    #[schemars(with = "Date")]
    pub start: Sp<String>,
    /// Planned last day, when known.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub planned_end: Option<Sp<String>>,
    /// Actual last day; give it when the pair is `closed`.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub end: Option<Sp<String>>,
    /// Why it ended: it ran its course, the learner moved to another mentor, or the learner left
    /// the program.
    #[serde(default)]
    pub end_reason: Option<Sp<EndReason>>,
    /// Where the pair stands: agreeing the charter (`initial`), the main body of work
    /// (`working`), preparing to close (`transition`), or ended (`closed`).
    pub phase: Sp<Phase>,
    /// Date the charter was agreed. Needed by `charter-agreed`, and before any 1:1 session (E035).
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub agreed: Option<Sp<String>>,
    /// Planned date of the midpoint check-in. E055 checks for a check-in near this date (near the
    /// middle of the relationship when it is left out), a check-in booked on another day is a
    /// warning (W062), and the charter prints the day it is booked on.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub midpoint: Option<Sp<String>>,
    /// Who facilitates the midpoint check-in: a role id, a mentor id, or `mentor`.
    #[serde(default)]
    pub midpoint_facilitator: Option<Sp<String>>,
    /// The charter's four questions and how the pair works.
    #[serde(default)]
    pub expectations: Expectations,
    /// What the mentor hopes to learn from the learner (reverse mentoring).
    #[serde(default)]
    pub mentor_hopes_to_learn: Option<Sp<String>>,
    /// Times the relationship was on hold. While on hold a pair owes no midpoint check-in and its
    /// learner's journey clocks stop; a pause the learner asked for also takes them out of every
    /// session of those days.
    #[serde(default)]
    pub pauses: Vec<Pause>,
    /// The learner has two mentors on purpose: this pair may be open while the learner's pairs with
    /// other mentors are (E058 otherwise). Write it on the pair that starts later.
    #[serde(default)]
    pub co_mentoring: bool,
}

/// A pair put on hold for a while.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pause {
    /// First day of the pause, on or after `start` (E061).
    #[schemars(with = "Date")]
    pub from: Sp<String>,
    /// Last day of the pause; leave it out while the pause goes on, not once the pair has ended
    /// (E061).
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub until: Option<Sp<String>>,
    /// Who asked for it. `learner`: the learner is out of every session of those days, group
    /// sessions too.
    pub by: Sp<Party>,
    /// Why. Printed on the charter and shown on the learner's staff page.
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
    /// Question 1: what the learner wants to achieve.
    #[serde(default)]
    pub goals: Option<Sp<String>>,
    /// Question 2: what the mentor can offer.
    #[serde(default)]
    pub offer: Option<Sp<String>>,
    /// Question 2: the limits of the mentor's time, knowledge and availability.
    #[serde(default)]
    pub limits: Option<Sp<String>>,
    /// Question 3: how often and how long they meet.
    #[serde(default)]
    pub cadence: Option<Sp<String>>,
    /// Question 3: meeting modes, e.g. `[video, in-person]`.
    #[serde(default)]
    pub modes: Vec<Sp<String>>,
    /// Question 3: channels between meetings, e.g. `[e-mail]`.
    #[serde(default)]
    pub channels: Vec<String>,
    /// Question 3: how quickly each answers messages.
    #[serde(default)]
    pub response_time: Option<Sp<String>>,
    /// Question 3: how to move a meeting.
    #[serde(default)]
    pub rescheduling: Option<Sp<String>>,
    /// Question 3: hours of notice for a reschedule.
    #[serde(default)]
    pub notice_hours: Option<Sp<u32>>,
    /// Question 4: how they will know it succeeded.
    #[serde(default)]
    pub success: Vec<String>,
    /// Question 4: program outcomes the success criteria serve.
    #[serde(default)]
    pub success_outcomes: Vec<Sp<String>>,
    /// Questions asked at the start of each meeting.
    #[serde(default)]
    pub check_in_questions: Vec<String>,
}
