//! Raw records → the typed [`Program`].
//!
//! Checks ids (format, duplicates), reads dates, times and zones, and turns
//! every reference into a typed index, reporting each failure at the exact
//! value. A record whose own required reference fails is left out, and
//! references *to* a record left out are dropped silently, so one mistake
//! gives one diagnostic rather than a cascade. What is left out, here or
//! because its file failed to load, is noted in the program's [`Gaps`], so
//! that a reference to a record that may be in a broken file is no typo and
//! no check reports an absence an error already explains.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;

use super::gaps::{Gaps, Kind};
use super::*;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::load::raw::{self, Sp};
use crate::load::{Files, Holds, LeftOut, Located, RawModule, RawPage, RawPath, RawProgram};

mod cohort;
mod curriculum;
mod cx;
mod edit;
mod learner;
mod pair;
mod program;
mod session;
mod table;

use curriculum::module;
use cx::{Cx, bad_id, unresolved, valid_id};
pub(crate) use edit::{ModuleRefs, RecordRefs, resolve_module, resolve_records};
use learner::{Refs, learner_file_name, resolve_learner};
use pair::resolve_pair;
use session::{SessionRefs, resolve_session};
use table::{Owners, Table};

/// Builds the program model; problems go to `diagnostics`.
///
/// Records are resolved in the order their references run: the program's
/// own tables, mentors, the curriculum, cohorts, learners, pairs, sessions.
pub(crate) fn resolve(raw: RawProgram, diagnostics: &mut Diagnostics) -> Program {
    let mut gaps = files_left_out(&raw.left_out);
    if raw.program.is_none() {
        // Without program.yaml (missing or broken) every outcome, role,
        // stage and handoff is unknown, not missing.
        for kind in [Kind::Outcome, Kind::Role, Kind::Stage, Kind::Handoff] {
            gaps.leave_out_any(kind);
        }
    }
    let mut cx = Cx::new(raw.files, gaps);
    let mut program = Program::default();

    let (settings, outcomes, roles, stages, handoffs) = match raw.program {
        Some(file) => program::program_file(&mut cx, file),
        None => Default::default(),
    };
    program.settings = settings;
    let outcome_keys = program::outcomes(&mut cx, &mut program, &outcomes);
    let role_keys = program::roles(&mut cx, &mut program, &roles);
    let stage_keys = program::stages(&mut cx, &mut program, &stages);
    let mentor_keys = Table::build(
        &mut cx,
        Kind::Mentor,
        raw.mentors.iter().map(|m| (m.file, &m.value.id)),
    );
    let owners = Owners {
        roles: &role_keys,
        mentors: &mentor_keys,
    };
    program.journey.handoffs = program::handoffs(&mut cx, &handoffs, &stage_keys, &owners);
    program.mentors = program::mentors(&mut cx, &raw.mentors);

    // Modules and paths refer to each other: keys first, records second.
    let module_keys = Table::build_plain(
        &mut cx,
        Kind::Module,
        raw.modules.iter().map(|m| (m.file, m.id.as_str())),
    );
    let path_keys = Table::build_plain(
        &mut cx,
        Kind::Path,
        raw.paths.iter().map(|p| (p.file, p.id.as_str())),
    );
    program.modules = raw
        .modules
        .iter()
        .map(|m| module(&mut cx, m, &module_keys, &path_keys, &outcome_keys))
        .collect();
    program.paths = curriculum::paths(&mut cx, &raw.paths, &module_keys, &outcome_keys);
    program.pages = curriculum::pages(&mut cx, &raw.pages);

    let default_tz = program.settings.timezone;
    let (cohorts, cohort_keys) =
        cohort::cohorts(&mut cx, &raw.cohorts, &path_keys, &owners, default_tz);
    program.cohorts = cohorts;

    let refs = Refs {
        cohorts: &cohort_keys,
        paths: &path_keys,
        stages: &stage_keys,
        modules: &module_keys,
        outcomes: &outcome_keys,
        program: &program,
    };
    let (learners, learner_keys) = learner::learners(&mut cx, &raw.learners, &refs);
    program.learners = learners;

    program.pairs = pair::pairs(
        &mut cx,
        &raw.pairs,
        &mentor_keys,
        &learner_keys,
        &outcome_keys,
        &owners,
    );
    let lookups = SessionRefs {
        cohorts: &cohort_keys,
        mentors: &mentor_keys,
        learners: &learner_keys,
        modules: &module_keys,
    };
    program.sessions = session::sessions(&mut cx, &raw.sessions, &lookups, &program);

    program.files = cx.files;
    program.gaps = cx.gaps;
    diagnostics.extend(cx.out);
    program
}

/// What the files that failed to load may have held.
fn files_left_out(left_out: &[LeftOut]) -> Gaps {
    let mut gaps = Gaps::default();
    for file in left_out {
        gaps.file_failed();
        let kinds: &[Kind] = match file.holds {
            Holds::Program => &[],
            Holds::Mentors => &[Kind::Mentor],
            Holds::Cohorts => &[Kind::Cohort],
            Holds::Pairs => &[Kind::Pair],
            Holds::Learner => &[Kind::Learner, Kind::Journey],
            Holds::Sessions => &[Kind::Session],
            Holds::Path => &[Kind::Path],
            Holds::Module => &[Kind::Module],
            Holds::Page => &[Kind::Page],
        };
        for &kind in kinds {
            match &file.ids {
                Some(ids) => gaps.leave_out(kind, ids.iter().cloned()),
                None => gaps.leave_out_any(kind),
            }
        }
        if matches!(file.holds, Holds::Path | Holds::Module | Holds::Page) {
            let document = file.path.display().to_string().replace('\\', "/");
            gaps.leave_out(Kind::Document, [document]);
        }
    }
    gaps
}
