//! Mentors, cohorts and learners, with each learner's intake, consent and
//! journey record.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::{
    CohortId, LearnerStatus, ModuleId, OutcomeId, Owner, PathId, Pos, PreferenceKind, StageId, Tier,
};

/// A mentor.
#[derive(Debug, Clone)]
pub struct Mentor {
    /// Id.
    pub key: String,
    /// Name.
    pub name: String,
    /// Private contact.
    pub email: Option<String>,
    /// Home zone.
    pub timezone: Tz,
    /// Biography.
    pub bio: Option<String>,
    /// Expertise.
    pub expertise: Vec<String>,
    /// Languages.
    pub languages: Vec<String>,
    /// Mentees at once.
    pub max_mentees: u32,
    /// Session hours a week.
    pub hours_per_week: f64,
    /// Support offered.
    pub tiers: Vec<Tier>,
    /// May be published.
    pub public_profile: bool,
    /// Where its id is written.
    pub pos: Pos,
    /// Where the capacity is written.
    pub capacity_pos: Pos,
    /// Where the weekly hours are written.
    pub hours_pos: Pos,
}

/// A cohort.
#[derive(Debug, Clone)]
pub struct Cohort {
    /// Id.
    pub key: String,
    /// Title.
    pub title: String,
    /// Path followed.
    pub path: PathId,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// Facilitator.
    pub facilitator: Owner,
    /// Zone.
    pub timezone: Tz,
    /// Description.
    pub description: Option<String>,
    /// Where its id is written.
    pub pos: Pos,
}

/// Intake answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Intake {
    /// Date of intake.
    pub date: NaiveDate,
    /// Goal.
    pub goal: Option<String>,
    /// Skill levels 0–5.
    pub baseline: Vec<(String, u8)>,
    /// Confidence 1–5.
    pub confidence: Option<u8>,
    /// Blockers.
    pub blockers: Vec<String>,
    /// Availability.
    pub availability: Vec<String>,
}

/// A matching preference.
#[derive(Debug, Clone, PartialEq)]
pub struct Preference {
    /// Kind.
    pub kind: PreferenceKind,
    /// Wanted value.
    pub value: String,
    /// Must be met.
    pub hard: bool,
    /// Where the value is written.
    pub pos: Pos,
}

/// The widest time-zone window a preference can ask for: no two places on
/// Earth are more than 26 hours apart (UTC−12 to UTC+14).
pub const WIDEST_WINDOW_HOURS: f64 = 26.0;

impl Preference {
    /// For a `timezone-window` preference, the largest difference it
    /// allows, in whole minutes; `None` for another kind. Resolving refuses
    /// a window that is not a number of hours from 0 to
    /// [`WIDEST_WINDOW_HOURS`] (E011), so every window of the model has one.
    pub fn window_minutes(&self) -> Option<i32> {
        if self.kind != PreferenceKind::TimezoneWindow {
            return None;
        }
        let hours: f64 = self.value.trim().parse().ok()?;
        if !(0.0..=WIDEST_WINDOW_HOURS).contains(&hours) {
            return None;
        }
        // At most 26 × 60 minutes: the cast cannot overflow.
        Some((hours * 60.0).round() as i32)
    }
}

/// Publication consent.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Consent {
    /// Name and goal may be published.
    pub public_profile: bool,
    /// Name may be listed in the cohort.
    pub listed_in_cohort: bool,
}

/// A stage entered.
#[derive(Debug, Clone, PartialEq)]
pub struct JourneyEntry {
    /// Stage.
    pub stage: StageId,
    /// Date.
    pub date: NaiveDate,
    /// Note.
    pub note: Option<String>,
    /// Where the stage is written.
    pub pos: Pos,
}

/// Progress through a module.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleProgress {
    /// Module.
    pub module: ModuleId,
    /// Started.
    pub started: Option<NaiveDate>,
    /// Completed.
    pub completed: Option<NaiveDate>,
    /// Milestones reached: index into the module's milestones, and date.
    pub milestones: Vec<(usize, NaiveDate)>,
    /// Competence checkpoint passed.
    pub competence: Option<NaiveDate>,
    /// Artifact date and link.
    pub artifact: Option<(NaiveDate, Option<String>)>,
    /// Confidence 1–5.
    pub confidence: Option<u8>,
}

/// A learner.
#[derive(Debug, Clone, PartialEq)]
pub struct Learner {
    /// Id.
    pub key: String,
    /// Name.
    pub name: String,
    /// Private contact.
    pub email: Option<String>,
    /// Pronouns.
    pub pronouns: Option<String>,
    /// Cohort.
    pub cohort: CohortId,
    /// Path.
    pub path: PathId,
    /// Zone.
    pub timezone: Tz,
    /// Intake.
    pub intake: Intake,
    /// Matching preferences.
    pub preferences: Vec<Preference>,
    /// Consent.
    pub consent: Consent,
    /// Stages entered, in the order written.
    pub journey: Vec<JourneyEntry>,
    /// Module progress.
    pub modules: Vec<ModuleProgress>,
    /// Confidence over time.
    pub confidence: Vec<(NaiveDate, u8)>,
    /// Outcomes attained.
    pub outcomes: Vec<(OutcomeId, NaiveDate, Option<String>)>,
    /// Status.
    pub status: LearnerStatus,
    /// When the status took effect.
    pub status_date: Option<NaiveDate>,
    /// Why.
    pub status_reason: Option<String>,
    /// Where its id is written.
    pub pos: Pos,
    /// Where the status is written (the id when defaulted).
    pub status_pos: Pos,
}
