//! Facts computed once from the model for the stages after it.
//!
//! `occurrences` expands recurring sessions into concrete meetings, in local
//! time and as instants, correct across daylight-saving changes; `links`
//! reads the headings and links of Markdown bodies and resolves internal
//! links, for the checks and the renderer alike; `metrics` computes the
//! progress figures of every cohort as of a day; `presence` says when each
//! learner takes part and each pair is on hold; `journey` the deadlines of
//! learners' stages and of pairs, which `actions` lists by who must act;
//! `people` indexes each learner's sessions and pairs; `preferences` says
//! which of a learner's matching preferences a pair meets; `highlight` colours
//! fenced code, below the checks so W048 can ask which blocks it would
//! show plain.
//!
//! The schedule and the links are derived before the checks, which read
//! them; [`Derived`] holds what only the pages read, computed once after
//! the checks.

pub mod actions;
pub mod highlight;
pub mod history;
pub mod html;
pub mod journey;
pub mod links;
pub mod matching;
pub mod metrics;
pub mod occurrences;
pub mod people;
pub mod preferences;
pub mod presence;

use chrono::NaiveDate;

use crate::model::Program;
use occurrences::Schedule;

/// What the pages read of a checked program besides the program itself,
/// computed once per build (and kept up to date by `serve`).
#[derive(Debug, PartialEq)]
pub struct Derived {
    /// Each learner's sessions and pairs.
    pub people: people::People,
    /// Every cohort's figures as of the build's day.
    pub metrics: metrics::Metrics,
}

impl Derived {
    /// Derives everything from `program` and its `schedule` as of `today`.
    pub fn new(program: &Program, schedule: &Schedule, today: NaiveDate) -> Derived {
        let (people, metrics) = rayon::join(
            || people::People::new(program),
            || metrics::compute(program, schedule, today),
        );
        Derived { people, metrics }
    }
}
