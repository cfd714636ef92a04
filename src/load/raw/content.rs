//! Front matter of the Markdown content: paths, modules (with their
//! milestones, checkpoints and artifact) and free pages.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, Sp};

/// Front matter of `content/paths/<path>/_index.md`.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
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
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
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
#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
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
#[derive(
    Debug, Deserialize, JsonSchema, Serialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
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
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Id within the module.
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// What is reached.
    pub title: String,
}

/// A checkpoint of a module.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// Id within the module.
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// What is checked.
    pub title: String,
    /// Passing it shows competence.
    #[serde(default)]
    pub competence: bool,
}

/// A module's artifact.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Artifact {
    /// What it is.
    pub title: String,
    /// What is handed in and where.
    #[serde(default)]
    pub description: Option<String>,
}

/// Front matter of `content/pages/*.md`.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    /// Title.
    pub title: String,
    /// One sentence.
    #[serde(default)]
    pub summary: Option<String>,
}
