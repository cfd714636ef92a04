//! The resolved, typed program.
//!
//! Every id reference of the raw files is turned into a typed index
//! ([`MentorId`], [`ModuleId`], …) into the vectors of [`Program`], every date
//! into a chrono value and every zone into a `chrono_tz::Tz`. Later stages
//! never look a string up again. Built by `resolve::resolve`.
//!
//! The record types live in one file per family (settings, journey,
//! people, curriculum, pairs, sessions) and are re-exported here, so
//! `model::Learner` names a record wherever it is declared. The typed ids
//! and [`Program`] itself stay here, at the root every family refers to.
//!
//! An id's number is private to the model: only the model turns a position
//! into an id, and every later stage (and test) takes ids from the program
//! (`Program::modules_with_ids`, `Program::module_at`, the records' own
//! references), so every id is one the model made:
//!
//! ```compile_fail,E0423
//! let module = telemachy::model::ModuleId(0);
//! ```

mod curriculum;
pub mod gaps;
mod journey;
pub mod language;
mod pairs;
mod people;
pub mod resolve;
mod sessions;
mod settings;
#[cfg(test)]
mod tests;
pub mod web_url;
pub mod zone;

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
        pub struct $name(u32);

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
    /// Each role with its id.
    roles_with_ids: roles, RoleId, Role;
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

    /// The module read from `file` (relative to the program's root), if
    /// one was.
    pub fn module_at(&self, file: &std::path::Path) -> Option<ModuleId> {
        self.modules_with_ids()
            .find(|(_, module)| self.files.path(module.file) == file)
            .map(|(id, _)| id)
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

pub use curriculum::*;
pub use journey::*;
pub use pairs::*;
pub use people::*;
pub use sessions::*;
pub use settings::*;
