//! Charter checks: every pair's expectations are complete.

use crate::diagnostic::Diagnostic;
use crate::model::Program;

/// Incomplete expectations.
pub fn check(_program: &Program) -> Vec<Diagnostic> {
    Vec::new()
}
