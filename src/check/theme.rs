//! Theme checks: every template of the theme parses, so a broken override
//! is reported by `check` with its file and line, before any build.

use crate::diagnostic::Diagnostic;
use crate::load::theme::Theme;
use crate::theme::Templates;

/// Compiles the theme's templates: them, for rendering, or the first
/// error.
pub fn check(theme: &Theme) -> (Option<Templates>, Vec<Diagnostic>) {
    match Templates::new(theme) {
        Ok(templates) => (Some(templates), Vec::new()),
        Err(problem) => (None, vec![*problem]),
    }
}
