//! Resolving an edited file against a program already resolved, for an
//! edit that keeps every id: only the edited records are resolved again.

use super::*;

/// The ids of a checked program that a module's front matter refers to:
/// its modules, paths and outcomes, made once so that resolving one edited
/// module does not index the whole program again.
#[derive(Debug)]
pub(crate) struct ModuleRefs {
    modules: Table,
    paths: Table,
    outcomes: Table,
}

impl ModuleRefs {
    /// Indexes `program`.
    pub(crate) fn new(program: &Program) -> ModuleRefs {
        let mut cx = Cx::new(program.files.clone(), program.gaps.clone());
        // The program is checked already: its duplicate or bad ids were
        // reported then, so what building the tables finds is dropped.
        ModuleRefs {
            modules: Table::build_plain(
                &mut cx,
                Kind::Module,
                program.modules.iter().map(|m| (m.file, m.key.as_str())),
            ),
            paths: Table::build_plain(
                &mut cx,
                Kind::Path,
                program.paths.iter().map(|p| (p.file, p.key.as_str())),
            ),
            outcomes: Table::build_plain(
                &mut cx,
                Kind::Outcome,
                program
                    .outcomes
                    .iter()
                    .map(|o| (o.pos.file, o.key.as_str())),
            ),
        }
    }
}

/// Resolves one module file against a program already resolved, for an
/// edit that keeps every id; returns the module and the problems found.
pub(crate) fn resolve_module(
    program: &Program,
    refs: &ModuleRefs,
    raw: &RawModule,
) -> (Module, Vec<Diagnostic>) {
    let mut cx = Cx::new(program.files.clone(), program.gaps.clone());
    let module = module(&mut cx, raw, &refs.modules, &refs.paths, &refs.outcomes);
    (module, cx.out)
}

/// The ids of a checked program that learner, pair and session records
/// refer to, made once so that resolving one edited data file does not
/// index the whole program again.
#[derive(Debug)]
pub(crate) struct RecordRefs {
    cohorts: Table,
    paths: Table,
    stages: Table,
    modules: Table,
    outcomes: Table,
    mentors: Table,
    roles: Table,
    learners: Table,
}

impl RecordRefs {
    /// Indexes `program`, which was checked without errors: every record
    /// of its files is in it, so the tables are the ones [`resolve()`] made.
    pub(crate) fn new(program: &Program) -> RecordRefs {
        let journey = &program.journey;
        RecordRefs {
            cohorts: Table::of(Kind::Cohort, program.cohorts.iter().map(|c| c.key.as_str())),
            paths: Table::of(Kind::Path, program.paths.iter().map(|p| p.key.as_str())),
            stages: Table::of(Kind::Stage, journey.stages.iter().map(|s| s.key.as_str())),
            modules: Table::of(Kind::Module, program.modules.iter().map(|m| m.key.as_str())),
            outcomes: Table::of(
                Kind::Outcome,
                program.outcomes.iter().map(|o| o.key.as_str()),
            ),
            mentors: Table::of(Kind::Mentor, program.mentors.iter().map(|m| m.key.as_str())),
            roles: Table::of(Kind::Role, program.roles.iter().map(|r| r.key.as_str())),
            learners: Table::of(
                Kind::Learner,
                program.learners.iter().map(|l| l.key.as_str()),
            ),
        }
    }
}

/// Learner, pair and session records resolved on their own.
#[derive(Debug, Default)]
pub(crate) struct Records {
    /// Learners, in the order of their files.
    pub learners: Vec<Learner>,
    /// Pairs.
    pub pairs: Vec<Pair>,
    /// Sessions, in file order.
    pub sessions: Vec<Session>,
}

/// Resolves the learner, pair and session records of `raw` (data files
/// read again) against a program already resolved, for an edit that keeps
/// every id; returns them with the problems found. A record whose own
/// reference fails is left out, as [`resolve()`] leaves it out.
pub(crate) fn resolve_records(
    program: &Program,
    refs: &RecordRefs,
    raw: &RawProgram,
) -> (Records, Vec<Diagnostic>) {
    let mut cx = Cx::new(program.files.clone(), program.gaps.clone());
    let learner_refs = Refs {
        cohorts: &refs.cohorts,
        paths: &refs.paths,
        stages: &refs.stages,
        modules: &refs.modules,
        outcomes: &refs.outcomes,
        program,
    };
    let mut records = Records::default();
    for Located { file, value: l } in &raw.learners {
        learner_file_name(&mut cx, *file, l);
        records
            .learners
            .extend(resolve_learner(&mut cx, *file, l, &learner_refs));
    }
    let owners = Owners {
        roles: &refs.roles,
        mentors: &refs.mentors,
    };
    for Located { file, value: p } in &raw.pairs {
        records.pairs.extend(resolve_pair(
            &mut cx,
            *file,
            p,
            &refs.mentors,
            &refs.learners,
            &refs.outcomes,
            &owners,
        ));
    }
    let session_refs = SessionRefs {
        cohorts: &refs.cohorts,
        mentors: &refs.mentors,
        learners: &refs.learners,
        modules: &refs.modules,
    };
    for Located { file, value: s } in &raw.sessions {
        records
            .sessions
            .extend(resolve_session(&mut cx, *file, s, &session_refs, program));
    }
    (records, cx.out)
}
