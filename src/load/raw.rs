//! The program's files as written: serde structs that mirror the YAML and
//! front matter one to one, with `Spanned` on every value a later check may
//! point at (ids, references, dates, numbers with limits).
//!
//! Nothing here is resolved or validated beyond its YAML type; `model`
//! turns these into the typed program. `docs/reference.md` documents every
//! field.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use super::span::{At, Sp, unspanned};

/// `data/program.yaml`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramFile {
    /// Program name shown on every page.
    pub title: String,
    /// One line under the title.
    #[serde(default)]
    pub tagline: Option<String>,
    /// Where the site is published, e.g. `https://mentoring.example.org/`.
    pub base_url: Sp<String>,
    /// BCP 47 language tag of the content.
    #[serde(default = "default_language")]
    pub language: String,
    /// Default IANA time zone for sessions and cohorts.
    pub timezone: Sp<String>,
    /// Theme directory under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: Sp<String>,
    /// Paper size for printed charters.
    #[serde(default)]
    pub paper: Paper,
    /// The 3–5 measurable outcomes the program exists for.
    pub outcomes: Vec<Outcome>,
    /// Roles that own handoffs (a coordinator, a matching lead, …).
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Consent and publication settings.
    pub privacy: Privacy,
    /// Default calendar reminders before a session, e.g. `1d`, `2h`, `15m`.
    #[serde(default)]
    pub reminders: Vec<Sp<String>>,
    /// Program targets.
    #[serde(default)]
    pub targets: Targets,
    /// The learner journey: stages and handoffs.
    pub journey: Journey,
}

fn default_language() -> String {
    "en".into()
}

fn default_theme() -> Sp<String> {
    unspanned("default".into())
}

/// Paper size for printed charters.
#[derive(Debug, Deserialize, Serialize, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    /// ISO A4, the default.
    #[default]
    A4,
    /// US Letter.
    Letter,
}

/// A measurable program outcome.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Stable id.
    pub id: Sp<String>,
    /// Short title.
    pub title: String,
    /// How attainment is measured.
    pub measure: String,
}

/// A role that can own a handoff.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Stable id, used as a handoff `owner`.
    pub id: Sp<String>,
    /// Human title, e.g. "Program coordinator".
    pub title: String,
    /// Who holds the role, when it is one person.
    #[serde(default)]
    pub person: Option<String>,
    /// How to reach them.
    #[serde(default)]
    pub contact: Option<String>,
}

/// Privacy settings.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Privacy {
    /// Aggregates over fewer learners are withheld from public builds.
    #[serde(default = "default_min_group")]
    pub min_group_size: Sp<u32>,
    /// What the program collects, why, who sees it and for how long.
    pub data_use: DataUse,
}

fn default_min_group() -> Sp<u32> {
    unspanned(5)
}

/// The program's data-use statement.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DataUse {
    /// What is collected.
    pub collected: Vec<String>,
    /// Why it is collected.
    pub purpose: String,
    /// Who can see what.
    pub who_sees: Vec<String>,
    /// How long it is kept.
    pub retention: String,
    /// Whom to ask to see, correct or delete one's data.
    pub contact: String,
}

/// Program targets.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// Share of scheduled sessions that should be held, in percent.
    #[serde(default = "default_session_target")]
    pub weekly_session_completion: Sp<f64>,
    /// Hours within which a mentor should answer a request.
    #[serde(default = "default_response_hours")]
    pub mentor_response_hours: Sp<u32>,
    /// Days without a session after which an active learner is at risk.
    #[serde(default = "default_no_session_days")]
    pub no_session_days: Sp<u32>,
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            weekly_session_completion: default_session_target(),
            mentor_response_hours: default_response_hours(),
            no_session_days: default_no_session_days(),
        }
    }
}

fn default_session_target() -> Sp<f64> {
    unspanned(85.0)
}

fn default_response_hours() -> Sp<u32> {
    unspanned(48)
}

fn default_no_session_days() -> Sp<u32> {
    unspanned(21)
}

/// The journey definition.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Journey {
    /// Stages in order; the first is where every learner starts.
    pub stages: Vec<Stage>,
    /// Allowed moves between stages.
    pub handoffs: Vec<Handoff>,
}

/// One stage of the journey.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Stable id.
    pub id: Sp<String>,
    /// Human title.
    pub title: String,
    /// What happens in this stage.
    #[serde(default)]
    pub description: Option<String>,
    /// A learner may end here (graduated, alumni, withdrawn).
    #[serde(default)]
    pub terminal: bool,
    /// Reachable from any stage without a handoff (withdrawn).
    #[serde(default)]
    pub exit: bool,
}

/// A move from one stage to the next, owned by someone, with a time limit.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Handoff {
    /// Stage left.
    pub from: Sp<String>,
    /// Stage entered.
    pub to: Sp<String>,
    /// Role id, mentor id, or `mentor` for the learner's own mentor.
    #[serde(default)]
    pub owner: Option<Sp<String>>,
    /// What must hold when the handoff is taken.
    #[serde(default)]
    pub requires: Vec<Sp<Requirement>>,
    /// Days a learner may stay in `from` before this handoff is late.
    #[serde(default)]
    pub limit_days: Option<Sp<u32>>,
    /// What the handoff involves.
    #[serde(default)]
    pub description: Option<String>,
}

/// What a handoff can require.
#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Requirement {
    /// The intake has a goal, a baseline and a confidence rating.
    IntakeAnswers,
    /// A pair with a mentor has started.
    MentorAssigned,
    /// The pair's charter has an agreed date.
    CharterAgreed,
    /// The learner attended a 1:1 session.
    FirstSession,
    /// A midpoint check-in session was held with the learner.
    MidpointCheckIn,
    /// A reflection session was held with the learner.
    EndReflection,
    /// The learner submitted at least one module artifact.
    ModuleArtifact,
}

/// `data/mentors.yaml`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MentorsFile {
    /// All mentors.
    pub mentors: Vec<Mentor>,
}

/// A mentor.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Mentor {
    /// Stable id.
    pub id: Sp<String>,
    /// Full name.
    pub name: String,
    /// Contact address; never published.
    #[serde(default)]
    pub email: Option<String>,
    /// IANA time zone the mentor lives in.
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
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Capacity {
    /// Mentees at once.
    pub mentees: Sp<u32>,
    /// Hours of sessions a week.
    pub hours_per_week: Sp<f64>,
}

/// A kind of support a mentor offers.
#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CohortsFile {
    /// All cohorts.
    pub cohorts: Vec<Cohort>,
}

/// A cohort of learners on one path.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cohort {
    /// Stable id.
    pub id: Sp<String>,
    /// Human title.
    pub title: String,
    /// Path id.
    pub path: Sp<String>,
    /// First day, `YYYY-MM-DD`.
    pub start: Sp<String>,
    /// Last day, `YYYY-MM-DD`.
    pub end: Sp<String>,
    /// Mentor id or role id of the facilitator.
    pub facilitator: Sp<String>,
    /// IANA zone; the program's by default.
    #[serde(default)]
    pub timezone: Option<Sp<String>>,
    /// A paragraph about the cohort.
    #[serde(default)]
    pub description: Option<String>,
}

/// `data/learners/<id>.yaml`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Learner {
    /// Stable id; by convention also the file name.
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
    pub status_date: Option<Sp<String>>,
    /// Why (required for withdrawn).
    #[serde(default)]
    pub status_reason: Option<String>,
}

/// Intake answers.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Intake {
    /// Date of the intake conversation.
    pub date: Sp<String>,
    /// What the learner wants to achieve.
    #[serde(default)]
    pub goal: Option<Sp<String>>,
    /// Skill name to level 0–5.
    #[serde(default)]
    pub baseline: BTreeMap<String, Sp<u8>>,
    /// Confidence 1–5.
    #[serde(default)]
    pub confidence: Option<Sp<u8>>,
    /// What stands in the way.
    #[serde(default)]
    pub blockers: Vec<String>,
    /// When the learner can meet, in words.
    #[serde(default)]
    pub availability: Vec<String>,
}

/// A matching preference.
#[derive(Clone, Debug, Deserialize, Serialize)]
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
#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq)]
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
#[derive(Clone, Debug, Deserialize, Serialize, Default)]
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
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct JourneyEntry {
    /// Stage id.
    pub stage: Sp<String>,
    /// Date entered.
    pub date: Sp<String>,
    /// Free note.
    #[serde(default)]
    pub note: Option<String>,
}

/// Progress through one module.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleProgress {
    /// Module id.
    pub module: Sp<String>,
    /// Date started.
    #[serde(default)]
    pub started: Option<Sp<String>>,
    /// Date completed.
    #[serde(default)]
    pub completed: Option<Sp<String>>,
    /// Milestones reached.
    #[serde(default)]
    pub milestones: Vec<MilestoneReached>,
    /// Date the competence checkpoint was passed.
    #[serde(default)]
    pub competence: Option<Sp<String>>,
    /// The artifact handed in.
    #[serde(default)]
    pub artifact: Option<ArtifactSubmitted>,
    /// Confidence 1–5 at the end of the module.
    #[serde(default)]
    pub confidence: Option<Sp<u8>>,
}

/// A milestone reached.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneReached {
    /// Milestone id within the module.
    pub id: Sp<String>,
    /// Date reached.
    pub date: Sp<String>,
}

/// An artifact handed in.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArtifactSubmitted {
    /// Date handed in.
    pub date: Sp<String>,
    /// Where it lives.
    #[serde(default)]
    pub link: Option<String>,
}

/// A self-reported confidence rating.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ConfidenceRating {
    /// Date given.
    pub date: Sp<String>,
    /// 1–5.
    pub value: Sp<u8>,
}

/// A program outcome attained.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeAttained {
    /// Outcome id.
    pub outcome: Sp<String>,
    /// Date attained.
    pub date: Sp<String>,
    /// What shows it.
    #[serde(default)]
    pub evidence: Option<String>,
}

/// A learner's status.
#[derive(Debug, Deserialize, Serialize, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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

/// `data/pairs.yaml`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PairsFile {
    /// All pairs.
    pub pairs: Vec<Pair>,
}

/// A mentor–learner relationship.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    /// Stable id.
    pub id: Sp<String>,
    /// Mentor id.
    pub mentor: Sp<String>,
    /// Learner id.
    pub learner: Sp<String>,
    /// First day of the relationship.
    pub start: Sp<String>,
    /// Planned last day, when known before it closes.
    #[serde(default)]
    pub planned_end: Option<Sp<String>>,
    /// Actual last day.
    #[serde(default)]
    pub end: Option<Sp<String>>,
    /// Why it ended.
    #[serde(default)]
    pub end_reason: Option<Sp<EndReason>>,
    /// Current phase.
    pub phase: Sp<Phase>,
    /// Date the charter was agreed.
    #[serde(default)]
    pub agreed: Option<Sp<String>>,
    /// Planned midpoint check-in date.
    #[serde(default)]
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
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pause {
    /// First day of the pause.
    pub from: Sp<String>,
    /// Last day of the pause; open while it has not ended.
    #[serde(default)]
    pub until: Option<Sp<String>>,
    /// Who asked for it.
    pub by: Sp<Party>,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A pair's phase.
#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
#[derive(Clone, Debug, Deserialize, Serialize, Default)]
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

/// `data/sessions/<name>.yaml`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SessionsFile {
    /// Sessions in this file.
    pub sessions: Vec<Session>,
}

/// A session, one-off or recurring.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Stable id.
    pub id: Sp<String>,
    /// Kind of session.
    pub kind: Sp<SessionKind>,
    /// Title shown in calendars.
    pub title: String,
    /// Cohort id.
    #[serde(default)]
    pub cohort: Option<Sp<String>>,
    /// Local start, `YYYY-MM-DDTHH:MM`.
    pub start: Sp<String>,
    /// IANA zone of `start`; the cohort's, then the program's, by default.
    #[serde(default)]
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
#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
#[derive(Debug, Deserialize, Serialize, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// Learner id.
    pub learner: Sp<String>,
    /// Whether they attended.
    pub attended: bool,
    /// Rating 1–5 before the session.
    #[serde(default)]
    pub rating_before: Option<Sp<u8>>,
    /// Rating 1–5 after the session.
    #[serde(default)]
    pub rating_after: Option<Sp<u8>>,
}

/// A cancellation.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Cancellation {
    /// When it was called off, `YYYY-MM-DDTHH:MM` in the session's zone.
    pub at: Sp<String>,
    /// Who called it off: `mentor`, `learner` or `program`.
    pub by: Sp<String>,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A weekly repeat rule.
#[derive(Clone, Debug, Deserialize, Serialize)]
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
    pub until: Option<Sp<String>>,
    /// Dates left out of the series.
    #[serde(default)]
    pub skip: Vec<Sp<String>>,
}

fn one_week() -> Sp<u32> {
    unspanned(1)
}

/// A change to one date of a series.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OccurrenceChange {
    /// Date of the occurrence changed.
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
    pub moved_to: Option<Sp<String>>,
    /// Its room or address, when it differs from the series'.
    #[serde(default)]
    pub location: Option<String>,
    /// Its meeting link, when it differs from the series'.
    #[serde(default)]
    pub link: Option<Sp<String>>,
}

/// A request to a mentor.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// What was asked.
    pub kind: RequestKind,
    /// Learner who asked.
    #[serde(default)]
    pub learner: Option<Sp<String>>,
    /// When, `YYYY-MM-DDTHH:MM` in the session's zone.
    pub asked: Sp<String>,
    /// When answered, if yet.
    #[serde(default)]
    pub answered: Option<Sp<String>>,
}

/// Kinds of request.
#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum RequestKind {
    /// Move the session.
    Reschedule,
    /// A follow-up question.
    FollowUp,
}

/// Front matter of `content/paths/<path>/_index.md`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PathFrontMatter {
    /// Path title.
    pub title: String,
    /// The outcome the path leads to.
    pub outcome: Sp<String>,
    /// One or two sentences.
    #[serde(default)]
    pub summary: Option<String>,
    /// Module ids in order.
    pub modules: Vec<Sp<String>>,
}

/// Front matter of a module.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleFrontMatter {
    /// Title.
    pub title: String,
    /// One sentence for listings.
    #[serde(default)]
    pub summary: Option<String>,
    /// Stage of the path.
    pub stage: ModuleStage,
    /// Pillar of the program.
    pub pillar: Pillar,
    /// Module ids that come first.
    #[serde(default)]
    pub prerequisites: Vec<Sp<String>>,
    /// Estimated effort in hours.
    pub effort_hours: Sp<u32>,
    /// Outcome ids served.
    #[serde(default)]
    pub outcomes: Vec<Sp<String>>,
    /// Milestones.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Checkpoints.
    #[serde(default)]
    pub checkpoints: Vec<Checkpoint>,
    /// The artifact produced.
    #[serde(default)]
    pub artifact: Option<Artifact>,
    /// Reflection prompts.
    #[serde(default)]
    pub reflection: Vec<String>,
}

/// Stages of a path.
#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum ModuleStage {
    /// Find out where the learner stands.
    Diagnosis,
    /// Build the basics.
    Foundations,
    /// Apply them.
    Practice,
    /// Get feedback.
    Feedback,
    /// Use it for real.
    Application,
}

/// Pillars of the program.
#[derive(Debug, Deserialize, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Pillar {
    /// Courses, reading, exercises.
    FormalTraining,
    /// On-the-job stretch work.
    StretchWork,
    /// Reflective coaching.
    ReflectiveCoaching,
}

/// A milestone of a module.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Id within the module.
    pub id: Sp<String>,
    /// What is reached.
    pub title: String,
}

/// A checkpoint of a module.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// Id within the module.
    pub id: Sp<String>,
    /// What is checked.
    pub title: String,
    /// Passing it shows competence.
    #[serde(default)]
    pub competence: bool,
}

/// A module's artifact.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Artifact {
    /// What it is.
    pub title: String,
    /// What is handed in and where.
    #[serde(default)]
    pub description: Option<String>,
}

/// Front matter of `content/pages/*.md`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    /// Title.
    pub title: String,
    /// One sentence.
    #[serde(default)]
    pub summary: Option<String>,
}

fn default_learner_status() -> Sp<LearnerStatus> {
    unspanned(LearnerStatus::Active)
}

fn default_session_status() -> Sp<SessionStatus> {
    unspanned(SessionStatus::Scheduled)
}
