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
    /// All mentors.
    pub mentors: Vec<Mentor>,
}

/// A mentor.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Mentor {
    /// Stable id.
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// Full name.
    pub name: String,
    /// Contact address; never published.
    #[serde(default)]
    pub email: Option<String>,
    /// IANA time zone the mentor lives in.
    #[schemars(with = "Zone")]
    pub timezone: Sp<String>,
    /// A short biography for the public profile.
    #[serde(default)]
    pub bio: Option<String>,
    /// Areas of expertise, used for matching.
    #[serde(default)]
    pub expertise: Vec<String>,
    /// Languages spoken.
    #[serde(default)]
    pub languages: Vec<String>,
    /// What the mentor can take on.
    pub capacity: Capacity,
    /// Which kinds of support the mentor offers.
    #[serde(default)]
    pub tiers: Vec<Tier>,
    /// Whether the profile may be published.
    #[serde(default)]
    pub public_profile: bool,
}

/// A mentor's capacity.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    /// Mentees at once.
    pub mentees: Sp<u32>,
    /// Hours of sessions a week.
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
    /// All cohorts.
    pub cohorts: Vec<Cohort>,
}

/// A cohort of learners on one path.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cohort {
    /// Stable id.
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// Human title.
    pub title: String,
    /// Path id.
    pub path: Sp<String>,
    /// First day, `YYYY-MM-DD`.
    #[schemars(with = "Date")]
    pub start: Sp<String>,
    /// Last day, `YYYY-MM-DD`.
    #[schemars(with = "Date")]
    pub end: Sp<String>,
    /// Mentor id or role id of the facilitator.
    pub facilitator: Sp<String>,
    /// IANA zone; the program's by default.
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
    /// Stable id; by convention also the file name.
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// Full name; private unless consented.
    pub name: String,
    /// Contact address; never published.
    #[serde(default)]
    pub email: Option<String>,
    /// Pronouns, if the learner gave them.
    #[serde(default)]
    pub pronouns: Option<String>,
    /// Cohort id.
    pub cohort: Sp<String>,
    /// Path id.
    pub path: Sp<String>,
    /// IANA zone; the cohort's by default.
    #[serde(default)]
    #[schemars(with = "Option<Zone>")]
    pub timezone: Option<Sp<String>>,
    /// Intake answers.
    pub intake: Intake,
    /// Matching preferences.
    #[serde(default)]
    pub preferences: Vec<Preference>,
    /// Publication consent; everything private by default.
    #[serde(default)]
    pub consent: Consent,
    /// Stages entered, with dates.
    #[serde(default)]
    pub journey: Vec<JourneyEntry>,
    /// Progress through modules.
    #[serde(default)]
    pub modules: Vec<ModuleProgress>,
    /// Self-reported confidence over time.
    #[serde(default)]
    pub confidence: Vec<ConfidenceRating>,
    /// Program outcomes attained.
    #[serde(default)]
    pub outcomes: Vec<OutcomeAttained>,
    /// Current status.
    #[serde(default = "default_learner_status")]
    pub status: Sp<LearnerStatus>,
    /// When the status took effect (required for paused, withdrawn, graduated).
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub status_date: Option<Sp<String>>,
    /// Why (required for withdrawn).
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
    /// What the learner wants to achieve.
    #[serde(default)]
    pub goal: Option<Sp<String>>,
    /// Skill name to level 0–5.
    #[serde(default)]
    pub baseline: BTreeMap<String, Sp<u8>>,
    /// Confidence 1–5.
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
    /// The wanted value (an expertise, a language, hours of zone difference, a mode).
    pub value: String,
    /// A hard preference must be met by the match.
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
    /// Name may appear in the cohort's public list.
    #[serde(default)]
    pub listed_in_cohort: bool,
}

/// Entering a journey stage.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct JourneyEntry {
    /// Stage id.
    pub stage: Sp<String>,
    /// Date entered.
    #[schemars(with = "Date")]
    pub date: Sp<String>,
    /// Free note.
    #[serde(default)]
    pub note: Option<String>,
}

/// Progress through one module.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleProgress {
    /// Module id.
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
    /// Date the competence checkpoint was passed.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub competence: Option<Sp<String>>,
    /// The artifact handed in.
    #[serde(default)]
    pub artifact: Option<ArtifactSubmitted>,
    /// Confidence 1–5 at the end of the module.
    #[serde(default)]
    #[schemars(range(min = 1, max = 5))]
    pub confidence: Option<Sp<u8>>,
}

/// A milestone reached.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneReached {
    /// Milestone id within the module.
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
    /// 1–5.
    #[schemars(range(min = 1, max = 5))]
    pub value: Sp<u8>,
}

/// A program outcome attained.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeAttained {
    /// Outcome id.
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
