//! The curriculum: learning paths, their modules (with milestones,
//! checkpoints and artifact) and the free pages.

use crate::load::FileId;

use super::{ModuleId, ModuleStage, OutcomeId, PathId, Pillar, Pos};

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
