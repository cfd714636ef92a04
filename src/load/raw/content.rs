//! Front matter of the Markdown content: paths, modules (with their
//! milestones, checkpoints and artifact) and free pages.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Id, Sp};

/// Front matter of `content/paths/<path>/_index.md`.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PathFrontMatter {
    /// The path's title.
    pub title: String,
    /// The program outcome the path leads to.
    pub outcome: Sp<String>,
    /// One or two sentences for listings.
    #[serde(default)]
    pub summary: Option<String>,
    /// The path's modules, in the order a learner takes them. Every module must be on some path
    /// (E042).
    pub modules: Vec<Sp<String>>,
}

/// Front matter of a module.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleFrontMatter {
    /// The module's title.
    pub title: String,
    /// One sentence for listings.
    #[serde(default)]
    pub summary: Option<String>,
    /// Where the module sits in the path: `diagnosis`, `foundations`, `practice`, `feedback` or
    /// `application`.
    pub stage: ModuleStage,
    /// The kind of learning: `formal-training` (courses, reading, exercises), `stretch-work`
    /// (on-the-job stretch work) or `reflective-coaching`.
    pub pillar: Pillar,
    /// Modules to finish first. They must exist and form no cycle (E040); one that comes later in
    /// the path is a warning (W045).
    #[serde(default)]
    pub prerequisites: Vec<Sp<String>>,
    /// Estimated effort in hours.
    pub effort_hours: Sp<u32>,
    /// Program outcomes the module serves.
    #[serde(default)]
    pub outcomes: Vec<Sp<String>>,
    /// Visible steps of progress; learners record them in `modules[].milestones`.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Points where the mentor checks the learner's work.
    #[serde(default)]
    pub checkpoints: Vec<Checkpoint>,
    /// The concrete thing the module produces.
    #[serde(default)]
    pub artifact: Option<Artifact>,
    /// Reflection prompts for the learner.
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
    /// Unique within the module.
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// What is reached.
    pub title: String,
}

/// A checkpoint of a module.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// Unique within the module.
    #[schemars(with = "Id")]
    pub id: Sp<String>,
    /// What is checked.
    pub title: String,
    /// Passing this checkpoint shows competence; mark one per module. Learners record it in
    /// `modules[].competence`.
    #[serde(default)]
    pub competence: bool,
}

/// A module's artifact.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Artifact {
    /// What it is.
    pub title: String,
    /// What is handed in, and where.
    #[serde(default)]
    pub description: Option<String>,
}

/// Front matter of `content/pages/*.md`.
#[derive(Clone, Debug, Deserialize, JsonSchema, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    /// The page's title.
    pub title: String,
    /// One sentence for listings and search results.
    #[serde(default)]
    pub summary: Option<String>,
}
