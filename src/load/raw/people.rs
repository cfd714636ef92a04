//! `data/mentors.yaml` and `data/cohorts.yaml`: mentors, cohorts and the
//! learners in them, with each learner's intake, consent and journey
//! record.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{Date, Id, Sp, Zone, unspanned};

/// `data/mentors.yaml`.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MentorsFile {
    /// Every mentor, one mapping each.
    pub mentors: Vec<Mentor>,
}

/// A mentor.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Mentor {
    /// Named by pairs, sessions, cohorts and handoffs.
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// Full name. Published only with `public_profile: true`.
    pub name: String,
    /// Contact address for the program team. Never published.
    #[serde(default)]
    pub email: Option<String>,
    /// Where the mentor lives.
    #[schemars(with = "Zone")]
    pub timezone: Sp<String>,
    /// A short biography for the public profile.
    #[serde(default)]
    pub bio: Option<String>,
    /// Areas of expertise, used for matching.
    #[serde(default)]
    pub expertise: Vec<String>,
    /// Languages spoken, e.g. `[en, es]`.
    #[serde(default)]
    pub languages: Vec<String>,
    /// What the mentor can take on.
    pub capacity: Capacity,
    /// Kinds of support offered: `office-hours`, `coaching` (1:1), `async-review`, `group`.
    #[serde(default)]
    pub tiers: Vec<Tier>,
    /// The mentor agrees to a public profile (name, bio, expertise, languages, tiers).
    #[serde(default)]
    pub public_profile: bool,
}

/// A mentor's capacity.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    /// Learners the mentor can be paired with at once (E052 when exceeded).
    pub mentees: Sp<u32>,
    /// Hours of sessions a week, e.g. `2.5` (E011 when not positive; E053 when exceeded).
    pub hours_per_week: Sp<f64>,
}

/// A kind of support a mentor offers.
#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord,
)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// Drop-in office hours.
    OfficeHours,
    /// One-to-one coaching.
    Coaching,
    /// Asynchronous review of work.
    AsyncReview,
    /// Group sessions.
    Group,
}

/// `data/cohorts.yaml`.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CohortsFile {
    /// Every cohort, one mapping each.
    pub cohorts: Vec<Cohort>,
}

/// A cohort of learners on one path.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cohort {
    /// Named by learners and sessions.
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// Human title.
    pub title: String,
    /// The path the cohort follows: a directory name under `content/paths/`.
    pub path: Sp<String>,
    /// First day.
    #[schemars(with = "Date")]
    pub start: Sp<String>,
    /// Last day, on or after `start` and at most ten years after it (E011). Sessions of the cohort
    /// fall between the two (E054).
    #[schemars(with = "Date")]
    pub end: Sp<String>,
    /// Who runs the cohort. The word `mentor` is not allowed here.
    pub facilitator: Sp<String>,
    /// Time zone of the cohort's sessions and learners; the cohort page shows its schedule in it.
    #[serde(default)]
    #[schemars(with = "Option<Zone>")]
    pub timezone: Option<Sp<String>>,
    /// A paragraph about the cohort.
    #[serde(default)]
    pub description: Option<String>,
}

/// `data/learners/<id>.yaml`.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Learner {
    /// The learner's id; the file must be named `<id>.yaml` or `<id>.yml` (E010).
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// Full name. Private unless consented.
    pub name: String,
    /// Contact address. Never published.
    #[serde(default)]
    pub email: Option<String>,
    /// Pronouns, if the learner gave them.
    #[serde(default)]
    pub pronouns: Option<String>,
    /// The learner's cohort, by id.
    pub cohort: Sp<String>,
    /// The learner's path, normally the cohort's.
    pub path: Sp<String>,
    /// Where the learner lives; the learner's page shows their sessions in it.
    #[serde(default)]
    #[schemars(with = "Option<Zone>")]
    pub timezone: Option<Sp<String>>,
    /// Answers from the intake conversation.
    pub intake: Intake,
    /// Wishes for matching with a mentor.
    #[serde(default)]
    pub preferences: Vec<Preference>,
    /// What the learner agrees to publish.
    #[serde(default)]
    pub consent: Consent,
    /// The journey stages the learner entered, in date order.
    #[serde(default)]
    pub journey: Vec<JourneyEntry>,
    /// Progress through modules.
    #[serde(default)]
    pub modules: Vec<ModuleProgress>,
    /// Self-rated confidence over time.
    #[serde(default)]
    pub confidence: Vec<ConfidenceRating>,
    /// Program outcomes attained.
    #[serde(default)]
    pub outcomes: Vec<OutcomeAttained>,
    /// Where the learner stands now. A `withdrawn` learner takes part in no meeting after
    /// `status_date`; a `paused` one in none while paused.
    #[serde(default = "default_learner_status")]
    pub status: Sp<LearnerStatus>,
    /// When the status took effect; give it for `paused`, `withdrawn` and `graduated`.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub status_date: Option<Sp<String>>,
    /// Why; give it for `withdrawn`. Private.
    #[serde(default)]
    pub status_reason: Option<String>,
}

/// Intake answers.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Intake {
    /// Date of the intake conversation.
    #[schemars(with = "Date")]
    pub date: Sp<String>,
    /// What the learner wants to achieve. Needed by `intake-answers`.
    #[serde(default)]
    pub goal: Option<Sp<String>>,
    /// Skill levels at intake, one key per skill.
    #[serde(default)]
    pub baseline: BTreeMap<String, Sp<u8>>,
    /// Self-rated confidence at intake (E011 outside 1–5).
    #[serde(default)]
    #[schemars(range(min = 1, max = 5))]
    pub confidence: Option<Sp<u8>>,
    /// What stands in the way.
    #[serde(default)]
    pub blockers: Vec<String>,
    /// When the learner can meet, in words.
    #[serde(default)]
    pub availability: Vec<String>,
}

/// A matching preference.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Preference {
    /// What the preference is about.
    pub kind: PreferenceKind,
    /// The wanted value: an expertise, a language, the largest time-zone difference in hours, or a
    /// meeting mode (`video`, `in-person`, `chat`).
    pub value: Sp<String>,
    /// A hard preference must be met by the match; a soft one is a wish.
    #[serde(default)]
    pub hard: bool,
}

/// Kinds of matching preference.
#[derive(Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum PreferenceKind {
    /// Mentor expertise.
    Expertise,
    /// Language spoken.
    Language,
    /// Largest time-zone difference in hours.
    TimezoneWindow,
    /// Meeting mode (video, in person, chat).
    Mode,
}

/// Publication consent.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// Name and goal may appear on the public site.
    #[serde(default)]
    pub public_profile: bool,
    /// Name may appear in the cohort's public list of learners.
    #[serde(default)]
    pub listed_in_cohort: bool,
}

/// Entering a journey stage.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct JourneyEntry {
    /// A stage from `journey.stages` in `data/program.yaml`.
    pub stage: Sp<String>,
    /// Date the learner entered it.
    #[schemars(with = "Date")]
    pub date: Sp<String>,
    /// A free note. Private.
    #[serde(default)]
    pub note: Option<String>,
}

/// Progress through one module.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleProgress {
    /// The module's id: its file name without `.md`.
    pub module: Sp<String>,
    /// Date started.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub started: Option<Sp<String>>,
    /// Date completed.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub completed: Option<Sp<String>>,
    /// Milestones reached.
    #[serde(default)]
    pub milestones: Vec<MilestoneReached>,
    /// Date the module's competence checkpoint was passed.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub competence: Option<Sp<String>>,
    /// The artifact handed in.
    #[serde(default)]
    pub artifact: Option<ArtifactSubmitted>,
    /// Confidence at the end of the module.
    #[serde(default)]
    #[schemars(range(min = 1, max = 5))]
    pub confidence: Option<Sp<u8>>,
}

/// A milestone reached.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneReached {
    /// A milestone id of that module (E009 otherwise).
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// Date reached.
    #[schemars(with = "Date")]
    pub date: Sp<String>,
}

/// An artifact handed in.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArtifactSubmitted {
    /// Date handed in.
    #[schemars(with = "Date")]
    pub date: Sp<String>,
    /// Where it lives.
    #[serde(default)]
    pub link: Option<String>,
}

/// A self-reported confidence rating.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConfidenceRating {
    /// Date given.
    #[schemars(with = "Date")]
    pub date: Sp<String>,
    /// The rating, 1–5.
    #[schemars(range(min = 1, max = 5))]
    pub value: Sp<u8>,
}

/// A program outcome attained.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeAttained {
    /// An outcome from `data/program.yaml`.
    pub outcome: Sp<String>,
    /// Date attained.
    #[schemars(with = "Date")]
    pub date: Sp<String>,
    /// What shows it.
    #[serde(default)]
    pub evidence: Option<String>,
}

/// A learner's status.
#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord,
)]
#[serde(rename_all = "kebab-case")]
pub enum LearnerStatus {
    /// In the program.
    #[default]
    Active,
    /// Taking a break.
    Paused,
    /// Left before graduating.
    Withdrawn,
    /// Completed the program.
    Graduated,
}

fn default_learner_status() -> Sp<LearnerStatus> {
    unspanned(LearnerStatus::Active)
}
