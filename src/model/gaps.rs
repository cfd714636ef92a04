//! What the program may lack because an error left a file or a record out.
//!
//! A file that fails to load, or a record whose date, zone or reference
//! cannot be read, is reported once and left out of the model. Whatever
//! concludes from an *absence* (no learner by that id, no pair for this
//! learner, no midpoint session for that pair, no handoff out of this stage)
//! would then report the consequence of the first error as if it were a
//! second one. [`Gaps`] keeps, for each kind of record, the ids that the
//! records left out mention (their own ids, the ids they refer to, and the
//! ids a typo was closest to), so that resolving and checking can tell "not
//! there" from "maybe there, in something already reported".

use std::collections::{HashMap, HashSet};

/// The kinds of records (and parts of records) that can be left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A program outcome.
    Outcome,
    /// A role.
    Role,
    /// A journey stage.
    Stage,
    /// A journey handoff.
    Handoff,
    /// A mentor.
    Mentor,
    /// A cohort.
    Cohort,
    /// A learning path, or an entry of its `modules:`.
    Path,
    /// A module.
    Module,
    /// A free page.
    Page,
    /// A Markdown document, by its root-relative file.
    Document,
    /// A learner, or a fact of their record (intake, progress).
    Learner,
    /// An entry of a learner's journey, by learner.
    Journey,
    /// A mentor–learner pair.
    Pair,
    /// A session, or one of its mentors, learners or meetings.
    Session,
}

impl Kind {
    /// The word for a record of this kind in messages.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Outcome => "outcome",
            Kind::Role => "role",
            Kind::Stage => "stage",
            Kind::Handoff => "handoff",
            Kind::Mentor => "mentor",
            Kind::Cohort => "cohort",
            Kind::Path => "path",
            Kind::Module => "module",
            Kind::Page => "page",
            Kind::Document => "document",
            Kind::Learner => "learner",
            Kind::Journey => "journey entry",
            Kind::Pair => "pair",
            Kind::Session => "session",
        }
    }
}

/// The ids mentioned by the records of one kind that were left out.
#[derive(Clone, Debug)]
enum Hidden {
    /// A file of this kind could not be read at all: any id may be in it.
    Any,
    /// These ids.
    Ids(HashSet<String>),
}

/// Everything left out of a program after an error, by kind.
#[derive(Clone, Debug, Default)]
pub struct Gaps {
    hidden: HashMap<Kind, Hidden>,
    /// Data and content files that failed to load.
    failed_files: usize,
}

impl Gaps {
    /// Records that something of `kind`, mentioning `ids`, was left out.
    pub fn leave_out<I, S>(&mut self, kind: Kind, ids: I)
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let entry = self
            .hidden
            .entry(kind)
            .or_insert_with(|| Hidden::Ids(HashSet::new()));
        if let Hidden::Ids(set) = entry {
            set.extend(ids.into_iter().map(Into::into));
        }
    }

    /// Records that records of `kind` were left out without knowing which.
    pub fn leave_out_any(&mut self, kind: Kind) {
        self.hidden.insert(kind, Hidden::Any);
    }

    /// Counts a data or content file that failed to load.
    pub fn file_failed(&mut self) {
        self.failed_files += 1;
    }

    /// How many data and content files failed to load.
    pub fn failed_files(&self) -> usize {
        self.failed_files
    }

    /// Whether something of `kind` that was left out may mention `id`:
    /// a record by that id, or one that refers to it.
    pub fn may_hide(&self, kind: Kind, id: &str) -> bool {
        match self.hidden.get(&kind) {
            None => false,
            Some(Hidden::Any) => true,
            Some(Hidden::Ids(ids)) => ids.contains(id),
        }
    }

    /// Whether anything of `kind` was left out.
    pub fn any(&self, kind: Kind) -> bool {
        self.hidden.contains_key(&kind)
    }

    /// Whether nothing was left out.
    pub fn is_empty(&self) -> bool {
        self.hidden.is_empty() && self.failed_files == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_hides_only_what_it_mentions() {
        let mut gaps = Gaps::default();
        assert!(gaps.is_empty());
        gaps.leave_out(Kind::Pair, ["ada-grace", "ada-example"]);
        assert!(gaps.may_hide(Kind::Pair, "ada-example"));
        assert!(!gaps.may_hide(Kind::Pair, "bo-example"));
        assert!(!gaps.may_hide(Kind::Session, "ada-example"));
        assert!(gaps.any(Kind::Pair));
        assert!(!gaps.any(Kind::Mentor));
        gaps.leave_out_any(Kind::Mentor);
        gaps.leave_out(Kind::Mentor, ["ignored"]);
        assert!(gaps.may_hide(Kind::Mentor, "anyone"));
    }
}
