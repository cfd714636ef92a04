//! Theme checks: every template of the theme parses, and the catalogs of
//! the program's language parse and use only the variables their messages
//! are given, so a broken override is reported by `check` with its file
//! and line, before any build.

use crate::diagnostic::Diagnostic;
use crate::load::theme::Theme;
use crate::model::Settings;
use crate::theme::{Catalog, Templates};

/// Compiles the theme's templates with the catalog of the program's
/// language: them, for rendering, or the first template error; and every
/// problem of the catalogs.
pub fn check(theme: &Theme, settings: &Settings) -> (Option<Templates>, Vec<Diagnostic>) {
    let (catalog, mut problems) =
        Catalog::new(theme, &settings.language, settings.language_at.as_ref());
    match Templates::new(theme, catalog) {
        Ok(templates) => (Some(templates), problems),
        Err(problem) => {
            problems.push(*problem);
            (None, problems)
        }
    }
}
