//! Scheduling checks.

use chrono::NaiveDate;

use crate::derive::occurrences::Schedule;
use crate::diagnostic::Diagnostic;
use crate::model::Program;

/// Scheduling.
pub fn check(_program: &Program, _schedule: &Schedule, _today: NaiveDate) -> Vec<Diagnostic> {
    Vec::new()
}
