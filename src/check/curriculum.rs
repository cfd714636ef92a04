//! Curriculum checks.

use crate::diagnostic::Diagnostic;
use crate::model::Program;

/// Prerequisites, artifacts, paths and links.
pub fn check(_program: &Program) -> Vec<Diagnostic> {
    Vec::new()
}
