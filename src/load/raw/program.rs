//! `data/program.yaml`: the program's settings, outcomes, roles and the
//! journey (stages and handoffs) every learner walks.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, Offset, Sp, Zone, unspanned};

/// `data/program.yaml`.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramFile {
    /// The program's name, shown on every page.
    pub title: String,
    /// One line shown under the title.
    #[serde(default)]
    pub tagline: Option<String>,
    /// Where the site is published, e.g. `https://mentoring.example.org/`. An absolute `https://`
    /// or `http://` address without whitespace, control characters, `?query`, `#fragment` or
    /// `user@` (E080); a final `/` is added when missing. `build --base-url` overrides it under the
    /// same rules.
    pub base_url: Sp<String>,
    /// BCP 47 language tag of the content: `en`, `es`, `pt-BR`.
    #[serde(default = "default_language")]
    pub language: Sp<String>,
    /// Default time zone of cohorts, learners and sessions that name none; the home and calendar
    /// pages show times in it.
    #[schemars(with = "Zone")]
    pub timezone: Sp<String>,
    /// Directory under `themes/` that renders the site.
    #[serde(default = "default_theme")]
    pub theme: Sp<String>,
    /// Paper size of printed charters.
    #[serde(default)]
    pub paper: Paper,
    /// The measurable outcomes the program exists for, normally three to five.
    pub outcomes: Vec<Outcome>,
    /// Roles that own handoffs or facilitate (a coordinator, a matching lead).
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Consent and publication settings.
    pub privacy: Privacy,
    /// Calendar reminders before every session, e.g. `[1d, 30m]`.
    #[serde(default)]
    #[schemars(with = "Vec<Offset>")]
    pub reminders: Vec<Sp<String>>,
    /// Targets that progress charts and at-risk signals measure against.
    #[serde(default)]
    pub targets: Targets,
    /// The learner journey.
    pub journey: Journey,
    /// How `telemachy match` weighs its suggestions (docs/matching.md).
    #[serde(default)]
    pub matching: Matching,
}

fn default_language() -> Sp<String> {
    unspanned("en".into())
}

fn default_theme() -> Sp<String> {
    unspanned("default".into())
}

/// Paper size for printed charters.
#[derive(Debug, Deserialize, JsonSchema, Serialize, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    /// ISO A4, the default.
    #[default]
    A4,
    /// US Letter.
    Letter,
}

/// A measurable program outcome.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// Named by paths, modules, pairs and learners.
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// Short title.
    pub title: String,
    /// How attainment is measured, in one sentence.
    pub measure: String,
}

/// A role that can own a handoff.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// Used as an owner or facilitator.
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// E.g. "Program coordinator".
    pub title: String,
    /// Who holds the role, when it is one person.
    #[serde(default)]
    pub person: Option<String>,
    /// How to reach them. Use a role address: it may be shown to learners.
    #[serde(default)]
    pub contact: Option<String>,
}

/// Privacy settings.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Privacy {
    /// Public builds withhold any figure computed over fewer learners than this, any count of 1 to
    /// this − 1 people, and any two counts, one part of the other, that differ by that much (E011
    /// when 0).
    #[serde(default = "default_min_group")]
    pub min_group_size: Sp<u32>,
    /// The data-use statement, published on the site's privacy page.
    pub data_use: DataUse,
}

fn default_min_group() -> Sp<u32> {
    unspanned(5)
}

/// The program's data-use statement.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DataUse {
    /// What the program collects.
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
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// Percentage of scheduled sessions that should be held each week (E011 outside 0–100).
    #[serde(default = "default_session_target")]
    pub weekly_session_completion: Sp<f64>,
    /// Hours within which a mentor should answer a request.
    #[serde(default = "default_response_hours")]
    pub mentor_response_hours: Sp<u32>,
    /// Days without a session after which an active learner is shown as at risk.
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
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Journey {
    /// Stages in order; the first is where every learner starts.
    pub stages: Vec<Stage>,
    /// The allowed moves between stages.
    pub handoffs: Vec<Handoff>,
}

/// One stage of the journey.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Named by handoffs and by learners' journey entries.
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// Human title.
    pub title: String,
    /// What happens in this stage.
    #[serde(default)]
    pub description: Option<String>,
    /// A learner may stay here for good (graduated, alumni, withdrawn).
    #[serde(default)]
    pub terminal: bool,
    /// Can be entered from any stage without a handoff (withdrawn).
    #[serde(default)]
    pub exit: bool,
}

/// A move from one stage to the next, owned by someone, with a time limit.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Handoff {
    /// The stage left.
    pub from: Sp<String>,
    /// The stage entered.
    pub to: Sp<String>,
    /// Who makes the move happen: a role id, a mentor id, or `mentor`.
    #[serde(default)]
    pub owner: Option<Sp<String>>,
    /// What must hold when the move is made.
    #[serde(default)]
    pub requires: Vec<Sp<Requirement>>,
    /// Days a learner may stay in `from` before this move is late.
    #[serde(default)]
    pub limit_days: Option<Sp<u32>>,
    /// What the handoff involves.
    #[serde(default)]
    pub description: Option<String>,
}

/// What a handoff can require.
#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord,
)]
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

/// The matching policy: which stage waits for a mentor and how much each
/// part of the score weighs. Every field has a documented default, so a
/// program changes its policy by a reviewed commit.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Matching {
    /// The journey stage whose learners wait for a mentor.
    #[serde(default = "default_matching_stage")]
    pub stage: String,
    /// Local hour at which a person's waking day starts (0–23, E011 otherwise).
    #[serde(default = "default_waking_from")]
    pub waking_from: Sp<u32>,
    /// Local hour at which it ends (1–24, after `waking_from`; E011 otherwise).
    #[serde(default = "default_waking_until")]
    pub waking_until: Sp<u32>,
    /// Hours a week one pair takes of a mentor's `hours_per_week`; 0 lets only mentees count
    /// (E011 when negative).
    #[serde(default = "default_hours_per_pair")]
    pub hours_per_pair: Sp<f64>,
    /// Points each part of the score is worth at most (each 0–1000, E011 above).
    #[serde(default)]
    pub weights: MatchingWeights,
}

impl Default for Matching {
    fn default() -> Self {
        Matching {
            stage: default_matching_stage(),
            waking_from: default_waking_from(),
            waking_until: default_waking_until(),
            hours_per_pair: default_hours_per_pair(),
            weights: MatchingWeights::default(),
        }
    }
}

fn default_matching_stage() -> String {
    "matching".into()
}

fn default_waking_from() -> Sp<u32> {
    unspanned(8)
}

fn default_waking_until() -> Sp<u32> {
    unspanned(22)
}

fn default_hours_per_pair() -> Sp<f64> {
    unspanned(1.0)
}

/// Points of each part of the matching score (docs/matching.md).
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct MatchingWeights {
    /// The mentor's expertise shares words with the learner's goal.
    pub goal: Sp<u32>,
    /// The mentor's expertise shares words with the learner's path.
    pub path: Sp<u32>,
    /// Share of the learner's weakest baseline skills the mentor's expertise names.
    pub weakest_skills: Sp<u32>,
    /// Share of the learner's soft expertise preferences met.
    pub expertise: Sp<u32>,
    /// Share of the learner's soft language preferences met.
    pub language: Sp<u32>,
    /// Share of the learner's waking hours that are also the mentor's, over the coming weeks.
    pub waking_overlap: Sp<u32>,
    /// Share of the learner's soft time-zone-window preferences met.
    pub timezone_window: Sp<u32>,
    /// Share of the learner's soft mode preferences met.
    pub mode: Sp<u32>,
}

impl Default for MatchingWeights {
    fn default() -> Self {
        MatchingWeights {
            goal: unspanned(2),
            path: unspanned(2),
            weakest_skills: unspanned(3),
            expertise: unspanned(4),
            language: unspanned(3),
            waking_overlap: unspanned(2),
            timezone_window: unspanned(2),
            mode: unspanned(2),
        }
    }
}
