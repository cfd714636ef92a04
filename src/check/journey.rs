//! Journey checks.

use chrono::NaiveDate;

use crate::derive::occurrences::Schedule;
use crate::diagnostic::Diagnostic;
use crate::model::Program;

/// The journey definition.
pub fn definition(_program: &Program) -> Vec<Diagnostic> {
    Vec::new()
}

/// Learner journeys.
pub fn learners(_program: &Program, _schedule: &Schedule, _today: NaiveDate) -> Vec<Diagnostic> {
    Vec::new()
}
