//! Every check, one file per family. Each check reads the model and the
//! schedule and returns diagnostics; none of them writes anything.

mod charter;
mod curriculum;
mod journey;
mod preferences;
mod schedule;
pub mod theme;

use chrono::NaiveDate;

use crate::derive::links::Resolver;
use crate::derive::occurrences::Schedule;
use crate::diagnostic::Diagnostic;
use crate::model::{ModuleId, Program};

/// The curriculum's checks: prerequisites, artifacts, checkpoints, paths
/// and links. They read `content/` and the program's outcomes alone, so an
/// edit of people or sessions leaves what they find as it was.
pub fn curriculum(program: &Program, links: &Resolver) -> Vec<Diagnostic> {
    curriculum::check(program, links)
}

/// Runs every check as of `today`, taking what [`curriculum()`] found on
/// this program as given.
pub fn run(
    program: &Program,
    schedule: &Schedule,
    today: NaiveDate,
    curriculum: &[Diagnostic],
) -> Vec<Diagnostic> {
    // The families read the program and write nothing: the two largest
    // run beside each other.
    let ((definition, learners), (timing, (charters, preferences))) = rayon::join(
        || {
            (
                journey::definition(program),
                journey::learners(program, schedule, today),
            )
        },
        || {
            (
                schedule::check(program, schedule, today),
                (charter::check(program), preferences::check(program, today)),
            )
        },
    );
    let mut out = definition;
    out.extend(learners);
    out.extend(curriculum.iter().cloned());
    out.extend(timing);
    out.extend(charters);
    out.extend(preferences);
    out
}

/// The checks that read one module alone (artifact, competence checkpoints,
/// links): enough after an edit that changed none of its ids, references or
/// headings, which every other check depends on.
pub fn module(program: &Program, resolver: &Resolver, id: ModuleId) -> Vec<Diagnostic> {
    curriculum::check_module(program, resolver, id)
}
