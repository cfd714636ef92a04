//! mentorstack: a static site generator for mentorship programs.
//!
//! The pipeline is the module tree: [`load`] reads the repository into raw
//! records, [`model`] resolves them into a typed program, [`derive`] computes
//! what several later stages need (occurrences of recurring sessions),
//! [`check`] validates the journey, curriculum and schedule, and
//! [`diagnostic`] prints what was found. [`render`] turns the checked program
//! into a site in memory and [`write`] swaps it into the output directory;
//! [`build`] runs the whole pipeline.

pub mod build;
pub mod check;
pub mod derive;
pub mod diagnostic;
pub mod init;
pub mod load;
pub mod model;
pub mod render;
#[cfg(test)]
pub(crate) mod testing;
pub mod write;

use std::path::Path;

use chrono::NaiveDate;

use diagnostic::{Diagnostics, Sources};
use model::Program;

/// A loaded and checked program, with everything found along the way.
#[derive(Debug)]
pub struct Checked {
    /// The resolved program.
    pub program: Program,
    /// Occurrences of every session.
    pub schedule: derive::occurrences::Schedule,
    /// The theme named by the program, after the lookup order.
    pub theme: load::theme::Theme,
    /// Source texts, for printing diagnostics.
    pub sources: Sources,
    /// Everything found by loading and checking.
    pub diagnostics: Diagnostics,
}

/// Loads the program at `root` and runs every check as of `today`.
pub fn check_program(root: &Path, today: NaiveDate) -> Checked {
    let loaded = load::load(root);
    let mut diagnostics = loaded.diagnostics;
    let program = model::resolve::resolve(loaded.raw, &mut diagnostics);
    let schedule = derive::occurrences::Schedule::expand(&program, &mut diagnostics);
    diagnostics.extend(check::run(&program, &schedule, today));
    let (theme, problems) = load::theme::load_theme(
        root,
        &program.settings.theme,
        program.settings.theme_at.as_ref(),
    );
    diagnostics.extend(problems);
    let mut sources = loaded.sources;
    for template in theme.templates.iter().filter(|t| t.built_in) {
        sources.insert(template.origin.clone(), template.text.clone());
    }
    diagnostics.extend(check::theme::check(&theme));
    Checked {
        program,
        schedule,
        theme,
        sources,
        diagnostics,
    }
}
