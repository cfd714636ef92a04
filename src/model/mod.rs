//! The resolved, typed program.
//!
//! Every id reference of the raw files is turned into a typed index
//! ([`MentorId`], [`ModuleId`], …) into the vectors of [`Program`], every date
//! into a chrono value and every zone into a `chrono_tz::Tz`. Later stages
//! never look a string up again. Built by `resolve::resolve`.

pub mod gaps;
pub mod resolve;
pub mod web_url;
pub mod zone;

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use crate::diagnostic::Location;
use crate::load::{FileId, Files};

pub use crate::load::raw::{
    EndReason, LearnerStatus, ModuleStage, Paper, Party, Phase, Pillar, PreferenceKind,
    RequestKind, Requirement, SessionKind, SessionStatus, Tier,
};

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// Position in the program's vector of these records.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}

ids! {
    /// A program outcome.
    OutcomeId;
    /// A role that owns handoffs.
    RoleId;
    /// A journey stage.
    StageId;
    /// A journey handoff.
    HandoffId;
    /// A mentor.
    MentorId;
    /// A cohort.
    CohortId;
    /// A learning path.
    PathId;
    /// A curriculum module.
    ModuleId;
    /// A free page.
    PageId;
    /// A learner.
    LearnerId;
    /// A mentor–learner pair.
    PairId;
    /// A session or series.
    SessionId;
}

/// A place in a source file, small enough to keep on every record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// The file.
    pub file: FileId,
    /// 1-based line, 0 when unknown.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// Length in characters.
    pub len: u32,
}

/// Each record of one of the program's vectors with its id, so that no
/// stage after the model makes an id from a number.
macro_rules! with_ids {
    ($($(#[$doc:meta])* $method:ident: $($field:ident).+, $id:ident, $record:ty;)*) => {
        impl Program {$(
            $(#[$doc])*
            pub fn $method(&self) -> impl DoubleEndedIterator<Item = ($id, &$record)> + ExactSizeIterator + Clone {
                self.$($field).+.iter().enumerate().map(|(i, record)| ($id(i as u32), record))
            }
        )*}
    };
}

with_ids! {
    /// Each journey stage with its id, in the journey's order.
    stages_with_ids: journey.stages, StageId, Stage;
    /// Each mentor with their id.
    mentors_with_ids: mentors, MentorId, Mentor;
    /// Each cohort with its id.
    cohorts_with_ids: cohorts, CohortId, Cohort;
    /// Each learning path with its id.
    paths_with_ids: paths, PathId, LearningPath;
    /// Each module with its id.
    modules_with_ids: modules, ModuleId, Module;
    /// Each free page with its id.
    pages_with_ids: pages, PageId, Page;
    /// Each learner with their id.
    learners_with_ids: learners, LearnerId, Learner;
    /// Each pair with its id.
    pairs_with_ids: pairs, PairId, Pair;
    /// Each session or series with its id.
    sessions_with_ids: sessions, SessionId, Session;
}

/// The whole program, resolved.
#[derive(Debug, Default)]
pub struct Program {
    /// Files records came from.
    pub files: Files,
    /// Program-wide settings.
    pub settings: Settings,
    /// Measurable outcomes.
    pub outcomes: Vec<Outcome>,
    /// Roles.
    pub roles: Vec<Role>,
    /// Journey definition.
    pub journey: Journey,
    /// Mentors.
    pub mentors: Vec<Mentor>,
    /// Cohorts.
    pub cohorts: Vec<Cohort>,
    /// Learning paths.
    pub paths: Vec<LearningPath>,
    /// Modules.
    pub modules: Vec<Module>,
    /// Free pages.
    pub pages: Vec<Page>,
    /// Learners.
    pub learners: Vec<Learner>,
    /// Pairs.
    pub pairs: Vec<Pair>,
    /// Sessions and series.
    pub sessions: Vec<Session>,
    /// What errors left out, so no check reports its absence again.
    pub gaps: gaps::Gaps,
}

impl Program {
    /// The full location of a position.
    pub fn locate(&self, pos: Pos) -> Location {
        let path = self.files.path(pos.file).to_path_buf();
        if pos.line == 0 {
            Location::file(path)
        } else {
            Location::at(path, pos.line, pos.column, pos.len)
        }
    }

    /// How many data and content files were read, those that failed to
    /// load included.
    pub fn files_read(&self) -> usize {
        self.files.len() + self.gaps.failed_files()
    }

    /// A mentor by id.
    pub fn mentor(&self, id: MentorId) -> &Mentor {
        &self.mentors[id.index()]
    }

    /// A learner by id.
    pub fn learner(&self, id: LearnerId) -> &Learner {
        &self.learners[id.index()]
    }

    /// A cohort by id.
    pub fn cohort(&self, id: CohortId) -> &Cohort {
        &self.cohorts[id.index()]
    }

    /// A module by id.
    pub fn module(&self, id: ModuleId) -> &Module {
        &self.modules[id.index()]
    }

    /// A path by id.
    pub fn path(&self, id: PathId) -> &LearningPath {
        &self.paths[id.index()]
    }

    /// A stage by id.
    pub fn stage(&self, id: StageId) -> &Stage {
        &self.journey.stages[id.index()]
    }

    /// A session by id.
    pub fn session(&self, id: SessionId) -> &Session {
        &self.sessions[id.index()]
    }

    /// A pair by id.
    pub fn pair(&self, id: PairId) -> &Pair {
        &self.pairs[id.index()]
    }

    /// Who an owner is, in words, e.g. "Program coordinator (Ruth Adeyemi)".
    pub fn owner_name(&self, owner: Owner, learner: Option<LearnerId>) -> String {
        match owner {
            Owner::Role(role) => {
                let role = &self.roles[role.index()];
                match &role.person {
                    Some(person) => format!("{} ({person})", role.title),
                    None => role.title.clone(),
                }
            }
            Owner::Mentor(mentor) => self.mentor(mentor).name.clone(),
            Owner::LearnersMentor => {
                let mentor = learner.and_then(|l| {
                    self.pairs
                        .iter()
                        .filter(|p| p.learner == l)
                        .max_by_key(|p| p.start)
                        .map(|p| self.mentor(p.mentor).name.clone())
                });
                match mentor {
                    Some(name) => format!("the learner's mentor ({name})"),
                    None => "the learner's mentor (none assigned yet)".into(),
                }
            }
        }
    }
}

/// Program-wide settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Program name.
    pub title: String,
    /// One line under the title.
    pub tagline: Option<String>,
    /// Where the site is published: an absolute http(s) URL ending in `/`
    /// (a [`web_url::BaseUrl`]), once the program has no E080.
    pub base_url: String,
    /// Content language.
    pub language: String,
    /// Default time zone.
    pub timezone: Tz,
    /// Theme name.
    pub theme: String,
    /// Where the theme is named, when it is.
    pub theme_at: Option<Location>,
    /// Charter paper size.
    pub paper: Paper,
    /// Smallest group an aggregate may be published for.
    pub min_group_size: u32,
    /// The data-use statement.
    pub data_use: DataUse,
    /// Calendar reminders, in minutes before the start.
    pub reminders_minutes: Vec<u32>,
    /// Weekly session completion target, percent.
    pub session_target_percent: f64,
    /// Mentor response target, hours.
    pub response_hours: u32,
    /// Days without a session before a learner is at risk.
    pub no_session_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            title: String::new(),
            tagline: None,
            base_url: String::new(),
            language: "en".into(),
            timezone: Tz::UTC,
            theme: "default".into(),
            theme_at: None,
            paper: Paper::A4,
            min_group_size: 5,
            data_use: DataUse::default(),
            reminders_minutes: Vec::new(),
            session_target_percent: 85.0,
            response_hours: 48,
            no_session_days: 21,
        }
    }
}

/// The data-use statement.
#[derive(Debug, Clone, Default)]
pub struct DataUse {
    /// What is collected.
    pub collected: Vec<String>,
    /// Why.
    pub purpose: String,
    /// Who sees what.
    pub who_sees: Vec<String>,
    /// How long it is kept.
    pub retention: String,
    /// Whom to ask.
    pub contact: String,
}

/// A measurable outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Id.
    pub key: String,
    /// Title.
    pub title: String,
    /// How it is measured.
    pub measure: String,
    /// Where its id is written.
    pub pos: Pos,
}

/// A role.
#[derive(Debug, Clone, PartialEq)]
pub struct Role {
    /// Id.
    pub key: String,
    /// Title.
    pub title: String,
    /// Who holds it.
    pub person: Option<String>,
    /// How to reach them.
    pub contact: Option<String>,
}

/// Who owns a handoff or facilitates something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// A role of the program.
    Role(RoleId),
    /// A named mentor.
    Mentor(MentorId),
    /// Whoever is the learner's mentor at the time.
    LearnersMentor,
}

/// The journey definition.
#[derive(Debug, Default, PartialEq)]
pub struct Journey {
    /// Stages in order; the first is the start.
    pub stages: Vec<Stage>,
    /// Moves between stages.
    pub handoffs: Vec<Handoff>,
}

impl Journey {
    /// The handoff from one stage to another, if defined.
    pub fn handoff(&self, from: StageId, to: StageId) -> Option<&Handoff> {
        self.handoffs.iter().find(|h| h.from == from && h.to == to)
    }

    /// Handoffs leaving a stage.
    pub fn outgoing(&self, from: StageId) -> impl Iterator<Item = &Handoff> {
        self.handoffs.iter().filter(move |h| h.from == from)
    }
}

/// A journey stage.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    /// Id.
    pub key: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// A learner may stay here for good.
    pub terminal: bool,
    /// Reachable from any stage.
    pub exit: bool,
    /// Where its id is written.
    pub pos: Pos,
}

/// A handoff between stages.
#[derive(Debug, Clone, PartialEq)]
pub struct Handoff {
    /// Stage left.
    pub from: StageId,
    /// Stage entered.
    pub to: StageId,
    /// Who makes it happen.
    pub owner: Option<Owner>,
    /// Where the owner is written; `None` when the handoff names no owner
    /// (an owner that names nobody is reported by resolve, not as missing).
    pub owner_pos: Option<Pos>,
    /// What must hold.
    pub requires: Vec<Requirement>,
    /// Days allowed in `from`.
    pub limit_days: Option<u32>,
    /// What it involves.
    pub description: Option<String>,
    /// Where `from` is written.
    pub pos: Pos,
}

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

/// A learning path.
#[derive(Debug, Clone)]
pub struct LearningPath {
    /// Id (directory name).
    pub key: String,
    /// Title.
    pub title: String,
    /// Target outcome.
    pub outcome: Option<OutcomeId>,
    /// Summary.
    pub summary: Option<String>,
    /// Modules in order.
    pub modules: Vec<ModuleId>,
    /// Intro Markdown.
    pub body: String,
    /// Line the body starts on.
    pub body_line: u32,
    /// The `_index.md`.
    pub file: FileId,
}

/// A milestone of a module.
#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    /// Id within the module.
    pub key: String,
    /// What is reached.
    pub title: String,
}

/// A checkpoint of a module.
#[derive(Debug, Clone, PartialEq)]
pub struct Checkpoint {
    /// Id within the module.
    pub key: String,
    /// What is checked.
    pub title: String,
    /// Shows competence.
    pub competence: bool,
    /// Where its id is written.
    pub pos: Pos,
}

/// A module's artifact.
#[derive(Debug, Clone, PartialEq)]
pub struct Artifact {
    /// What it is.
    pub title: String,
    /// What is handed in.
    pub description: Option<String>,
}

/// A curriculum module.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// Id (file name).
    pub key: String,
    /// Title.
    pub title: String,
    /// One sentence.
    pub summary: Option<String>,
    /// The path whose directory holds it.
    pub path: Option<PathId>,
    /// Stage of the path.
    pub stage: ModuleStage,
    /// Pillar.
    pub pillar: Pillar,
    /// Prerequisites and where each is written.
    pub prerequisites: Vec<(ModuleId, Pos)>,
    /// Effort in hours.
    pub effort_hours: u32,
    /// Outcomes served.
    pub outcomes: Vec<OutcomeId>,
    /// Milestones.
    pub milestones: Vec<Milestone>,
    /// Checkpoints.
    pub checkpoints: Vec<Checkpoint>,
    /// Artifact.
    pub artifact: Option<Artifact>,
    /// Reflection prompts.
    pub reflection: Vec<String>,
    /// Markdown body.
    pub body: String,
    /// Line the body starts on.
    pub body_line: u32,
    /// The file.
    pub file: FileId,
}

/// A free page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Id (file name).
    pub key: String,
    /// Title.
    pub title: String,
    /// One sentence.
    pub summary: Option<String>,
    /// Markdown body.
    pub body: String,
    /// Line the body starts on.
    pub body_line: u32,
    /// The file.
    pub file: FileId,
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
