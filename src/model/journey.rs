//! The journey every learner walks: the program's outcomes, the roles that
//! own handoffs, and the stages and handoffs themselves.

use super::{MentorId, Pos, Requirement, RoleId, StageId};

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
