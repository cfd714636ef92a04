//! Theme checks: every template of the theme parses, so a broken override
//! is reported by `check` with its file and line, before any build.

use crate::diagnostic::Diagnostic;
use crate::load::theme::Theme;
use crate::render::theme::Templates;

/// Compiles the theme's templates and reports the first error.
pub fn check(theme: &Theme) -> Vec<Diagnostic> {
    match Templates::new(theme) {
        Ok(_) => Vec::new(),
        Err(problem) => vec![*problem],
    }
}
