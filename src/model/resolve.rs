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
use crate::load::{Files, Holds, LeftOut, Located, RawModule, RawProgram};

/// Builds the program model; problems go to `diagnostics`.
pub fn resolve(raw: RawProgram, diagnostics: &mut Diagnostics) -> Program {
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
        Some(file) => program_file(&mut cx, file),
        None => Default::default(),
    };
    program.settings = settings;
    let outcome_keys = Table::build(
        &mut cx,
        Kind::Outcome,
        outcomes.iter().map(|(f, o)| (*f, &o.id)),
    );
    program.outcomes = outcomes
        .iter()
        .map(|(file, o)| Outcome {
            key: o.id.value.clone(),
            title: o.title.clone(),
            measure: o.measure.clone(),
            pos: cx.pos(*file, &o.id),
        })
        .collect();
    let role_keys = Table::build(&mut cx, Kind::Role, roles.iter().map(|(f, r)| (*f, &r.id)));
    program.roles = roles
        .iter()
        .map(|(_, r)| Role {
            key: r.id.value.clone(),
            title: r.title.clone(),
            person: r.person.clone(),
            contact: r.contact.clone(),
        })
        .collect();
    let stage_keys = Table::build(
        &mut cx,
        Kind::Stage,
        stages.iter().map(|(f, s)| (*f, &s.id)),
    );
    program.journey.stages = stages
        .iter()
        .map(|(file, s)| Stage {
            key: s.id.value.clone(),
            title: s.title.clone(),
            description: s.description.clone(),
            terminal: s.terminal,
            exit: s.exit,
            pos: cx.pos(*file, &s.id),
        })
        .collect();

    let mentors = raw.mentors;
    let mentor_keys = Table::build(
        &mut cx,
        Kind::Mentor,
        mentors.iter().map(|m| (m.file, &m.value.id)),
    );
    let owners = Owners {
        roles: &role_keys,
        mentors: &mentor_keys,
    };
    program.journey.handoffs = handoffs
        .iter()
        .filter_map(|(file, h)| {
            cx.begin();
            let from = stage_keys.find(&mut cx, *file, &h.from);
            let to = stage_keys.find(&mut cx, *file, &h.to);
            let owner = h
                .owner
                .as_ref()
                .and_then(|o| owners.find(&mut cx, *file, o, true));
            let (Some(from), Some(to)) = (from, to) else {
                // A handoff between stages that are left out or misspelt
                // may be the way out of, or into, either of them.
                cx.leave_out(Kind::Handoff, [h.from.value.clone(), h.to.value.clone()]);
                return None;
            };
            Some(Handoff {
                from: StageId(from),
                to: StageId(to),
                owner,
                owner_pos: h.owner.as_ref().map(|o| cx.pos(*file, o)),
                requires: h.requires.iter().map(|r| r.value).collect(),
                limit_days: h.limit_days.as_ref().map(|d| d.value),
                description: h.description.clone(),
                pos: cx.pos(*file, &h.from),
            })
        })
        .collect();

    program.mentors = mentors
        .iter()
        .map(|Located { file, value: m }| {
            let timezone = cx.tz(*file, &m.timezone).unwrap_or(Tz::UTC);
            cx.positive_f64(*file, &m.capacity.hours_per_week, "weekly hours");
            Mentor {
                key: m.id.value.clone(),
                name: m.name.clone(),
                email: m.email.clone(),
                timezone,
                bio: m.bio.clone(),
                expertise: m.expertise.clone(),
                languages: m.languages.clone(),
                max_mentees: m.capacity.mentees.value,
                hours_per_week: m.capacity.hours_per_week.value,
                tiers: m.tiers.clone(),
                public_profile: m.public_profile,
                pos: cx.pos(*file, &m.id),
                capacity_pos: cx.pos(*file, &m.capacity.mentees),
                hours_pos: cx.pos(*file, &m.capacity.hours_per_week),
            }
        })
        .collect();

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
    program.paths = raw
        .paths
        .iter()
        .map(|p| {
            let mark = cx.begin();
            let modules = p
                .front
                .modules
                .iter()
                .filter_map(|m| module_keys.find(&mut cx, p.file, m).map(ModuleId))
                .collect();
            if cx.lost_since(mark) {
                // A module left out of the list may be any the typo was
                // near: none of them is reported as on no path.
                cx.leave_out(Kind::Path, [p.id.clone()]);
            }
            LearningPath {
                key: p.id.clone(),
                title: p.front.title.clone(),
                outcome: outcome_keys
                    .find(&mut cx, p.file, &p.front.outcome)
                    .map(OutcomeId),
                summary: p.front.summary.clone(),
                modules,
                body: p.body.clone(),
                body_line: p.body_line,
                file: p.file,
            }
        })
        .collect();
    let page_keys = Table::build_plain(
        &mut cx,
        Kind::Page,
        raw.pages.iter().map(|p| (p.file, p.id.as_str())),
    );
    drop(page_keys);
    program.pages = raw
        .pages
        .iter()
        .map(|p| Page {
            key: p.id.clone(),
            title: p.front.title.clone(),
            summary: p.front.summary.clone(),
            body: p.body.clone(),
            body_line: p.body_line,
            file: p.file,
        })
        .collect();

    // Cohorts.
    let mut cohort_keys = Table::build(
        &mut cx,
        Kind::Cohort,
        raw.cohorts.iter().map(|c| (c.file, &c.value.id)),
    );
    let default_tz = program.settings.timezone;
    let mut cohorts = Vec::new();
    for (index, Located { file, value: c }) in raw.cohorts.iter().enumerate() {
        let path = path_keys.find(&mut cx, *file, &c.path);
        let start = cx.date(*file, &c.start);
        let end = cx.date(*file, &c.end);
        let facilitator = owners.find(&mut cx, *file, &c.facilitator, false);
        let timezone = match &c.timezone {
            Some(tz) => cx.tz(*file, tz),
            None => Some(default_tz),
        };
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            cx.push(
                Diagnostic::new(Code::BadValue, "the cohort ends before it starts")
                    .at(cx.loc(*file, &c.end))
                    .help(format!("the end must be on or after {start}")),
            );
        }
        // The weekly figures and charts of a cohort have a row per week, so
        // a mistyped year (0025 for 2025) would make a build run for minutes.
        if let (Some(start), Some(end)) = (start, end)
            && start
                .checked_add_months(chrono::Months::new(12 * MAX_COHORT_YEARS))
                .is_some_and(|limit| end > limit)
        {
            cx.push(
                Diagnostic::new(
                    Code::BadValue,
                    format!(
                        "the cohort runs from {start} to {end}, more than {MAX_COHORT_YEARS} years"
                    ),
                )
                .at(cx.loc(*file, &c.end))
                .help(
                    "check the years of `start` and `end`; a cohort runs for months, not decades",
                ),
            );
        }
        match (path, start, end, facilitator, timezone) {
            (Some(path), Some(start), Some(end), Some(facilitator), Some(timezone)) => {
                cohort_keys.settle(&c.id.value, Some(cohorts.len() as u32));
                cohorts.push(Cohort {
                    key: c.id.value.clone(),
                    title: c.title.clone(),
                    path: PathId(path),
                    start,
                    end,
                    facilitator,
                    timezone,
                    description: c.description.clone(),
                    pos: cx.pos(*file, &c.id),
                });
            }
            _ => cohort_keys.settle_index(index, None),
        }
    }
    program.cohorts = cohorts;

    // Learners.
    let mut learner_keys = Table::build(
        &mut cx,
        Kind::Learner,
        raw.learners.iter().map(|l| (l.file, &l.value.id)),
    );
    let mut learners = Vec::new();
    for (index, Located { file, value: l }) in raw.learners.iter().enumerate() {
        let file = *file;
        learner_file_name(&mut cx, file, l);
        let learner = resolve_learner(
            &mut cx,
            file,
            l,
            &Refs {
                cohorts: &cohort_keys,
                paths: &path_keys,
                stages: &stage_keys,
                modules: &module_keys,
                outcomes: &outcome_keys,
                program: &program,
            },
        );
        match learner {
            Some(learner) => {
                learner_keys.settle(&l.id.value, Some(learners.len() as u32));
                learners.push(learner);
            }
            None => learner_keys.settle_index(index, None),
        }
    }
    program.learners = learners;

    // Pairs.
    let pair_keys = Table::build(
        &mut cx,
        Kind::Pair,
        raw.pairs.iter().map(|p| (p.file, &p.value.id)),
    );
    drop(pair_keys);
    program.pairs = raw
        .pairs
        .iter()
        .filter_map(|Located { file, value: p }| {
            resolve_pair(
                &mut cx,
                *file,
                p,
                &mentor_keys,
                &learner_keys,
                &outcome_keys,
                &owners,
            )
        })
        .collect();

    // Sessions.
    let session_keys = Table::build(
        &mut cx,
        Kind::Session,
        raw.sessions.iter().map(|s| (s.file, &s.value.id)),
    );
    drop(session_keys);
    let lookups = SessionRefs {
        cohorts: &cohort_keys,
        mentors: &mentor_keys,
        learners: &learner_keys,
        modules: &module_keys,
    };
    program.sessions = raw
        .sessions
        .iter()
        .filter_map(|Located { file, value: s }| {
            resolve_session(&mut cx, *file, s, &lookups, &program)
        })
        .collect();

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

/// Reports a learner whose file is not named after its id.
fn learner_file_name(cx: &mut Cx, file: FileId, l: &raw::Learner) {
    let expected_name = format!("{}.yaml", l.id.value);
    let file_name = cx
        .files
        .path(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if file_name != expected_name && file_name != format!("{}.yml", l.id.value) {
        cx.push(
            Diagnostic::new(
                Code::BadId,
                format!("learner `{}` is in a file named `{file_name}`", l.id.value),
            )
            .at(cx.loc(file, &l.id))
            .help(format!(
                "rename the file to `{expected_name}` so each learner is easy to find"
            )),
        );
    }
}

/// Resolves one module file against the key tables of its program.
fn module(
    cx: &mut Cx,
    m: &RawModule,
    module_keys: &Table,
    path_keys: &Table,
    outcome_keys: &Table,
) -> Module {
    let f = &m.front;
    let path = path_keys.get(&m.path_dir).map(PathId);
    let prerequisites = f
        .prerequisites
        .iter()
        .filter_map(|p| {
            module_keys
                .find(cx, m.file, p)
                .map(|id| (ModuleId(id), cx.pos(m.file, p)))
        })
        .collect();
    let outcomes = f
        .outcomes
        .iter()
        .filter_map(|o| outcome_keys.find(cx, m.file, o).map(OutcomeId))
        .collect();
    for milestone in &f.milestones {
        cx.id(m.file, &milestone.id);
    }
    for checkpoint in &f.checkpoints {
        cx.id(m.file, &checkpoint.id);
    }
    Module {
        key: m.id.clone(),
        title: f.title.clone(),
        summary: f.summary.clone(),
        path,
        stage: f.stage,
        pillar: f.pillar,
        prerequisites,
        effort_hours: f.effort_hours.value,
        outcomes,
        milestones: f
            .milestones
            .iter()
            .map(|x| Milestone {
                key: x.id.value.clone(),
                title: x.title.clone(),
            })
            .collect(),
        checkpoints: f
            .checkpoints
            .iter()
            .map(|x| Checkpoint {
                key: x.id.value.clone(),
                title: x.title.clone(),
                competence: x.competence,
                pos: cx.pos(m.file, &x.id),
            })
            .collect(),
        artifact: f.artifact.as_ref().map(|a| Artifact {
            title: a.title.clone(),
            description: a.description.clone(),
        }),
        reflection: f.reflection.clone(),
        body: m.body.clone(),
        body_line: m.body_line,
        file: m.file,
    }
}

/// The ids of a checked program that a module's front matter refers to:
/// its modules, paths and outcomes, made once so that resolving one edited
/// module does not index the whole program again.
#[derive(Debug)]
pub struct ModuleRefs {
    modules: Table,
    paths: Table,
    outcomes: Table,
}

impl ModuleRefs {
    /// Indexes `program`.
    pub fn new(program: &Program) -> ModuleRefs {
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
pub fn resolve_module(
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
pub struct RecordRefs {
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
    pub fn new(program: &Program) -> RecordRefs {
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
pub struct Records {
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
pub fn resolve_records(
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

type ProgramParts = (
    Settings,
    Vec<(FileId, raw::Outcome)>,
    Vec<(FileId, raw::Role)>,
    Vec<(FileId, raw::Stage)>,
    Vec<(FileId, raw::Handoff)>,
);

fn program_file(cx: &mut Cx, file: Located<raw::ProgramFile>) -> ProgramParts {
    let Located { file, value: p } = file;
    let timezone = cx.tz(file, &p.timezone).unwrap_or(Tz::UTC);
    let base_url = match web_url::BaseUrl::parse(&p.base_url.value) {
        Ok(url) => url.to_string(),
        Err(problem) => {
            cx.push(
                Diagnostic::new(Code::BadUrl, format!("the base URL {problem}"))
                    .at(cx.loc(file, &p.base_url))
                    .label("not a base URL")
                    .help(problem.help()),
            );
            String::new()
        }
    };
    let reminders_minutes = p
        .reminders
        .iter()
        .filter_map(|r| match parse_offset(&r.value) {
            Some(minutes) => Some(minutes),
            None => {
                cx.push(
                    Diagnostic::new(
                        Code::BadDate,
                        format!("`{}` is not a reminder offset", r.value),
                    )
                    .at(cx.loc(file, r))
                    .help("write a number and a unit: `1d`, `2h` or `30m`"),
                );
                None
            }
        })
        .collect();
    let target = &p.targets.weekly_session_completion;
    if !(0.0..=100.0).contains(&target.value) {
        cx.push(
            Diagnostic::new(
                Code::BadValue,
                "the session completion target is a percentage",
            )
            .at(cx.loc(file, target))
            .help("write a number from 0 to 100, e.g. 85"),
        );
    }
    if p.privacy.min_group_size.value == 0 {
        cx.push(
            Diagnostic::new(Code::BadValue, "the minimum group size must be at least 1")
                .at(cx.loc(file, &p.privacy.min_group_size))
                .help("5 is the usual minimum for publishing aggregates"),
        );
    }
    let settings = Settings {
        title: p.title,
        tagline: p.tagline,
        base_url,
        language: p.language,
        timezone,
        theme_at: (p.theme.at.line > 0).then(|| cx.loc(file, &p.theme)),
        theme: p.theme.value,
        paper: p.paper,
        min_group_size: p.privacy.min_group_size.value.max(1),
        data_use: DataUse {
            collected: p.privacy.data_use.collected,
            purpose: p.privacy.data_use.purpose,
            who_sees: p.privacy.data_use.who_sees,
            retention: p.privacy.data_use.retention,
            contact: p.privacy.data_use.contact,
        },
        reminders_minutes,
        session_target_percent: target.value,
        response_hours: p.targets.mentor_response_hours.value,
        no_session_days: p.targets.no_session_days.value,
    };
    (
        settings,
        tag(file, p.outcomes),
        tag(file, p.roles),
        tag(file, p.journey.stages),
        tag(file, p.journey.handoffs),
    )
}

fn tag<T>(file: FileId, values: Vec<T>) -> Vec<(FileId, T)> {
    values.into_iter().map(|x| (file, x)).collect()
}

/// Parses `1d`, `2h`, `30m`, `1w` into minutes.
fn parse_offset(text: &str) -> Option<u32> {
    let text = text.trim();
    let unit = text.chars().last()?;
    let number: u32 = text[..text.len() - unit.len_utf8()].trim().parse().ok()?;
    let factor = match unit {
        'm' => 1,
        'h' => 60,
        'd' => 60 * 24,
        'w' => 60 * 24 * 7,
        _ => return None,
    };
    number.checked_mul(factor)
}

struct Refs<'a> {
    cohorts: &'a Table,
    paths: &'a Table,
    stages: &'a Table,
    modules: &'a Table,
    outcomes: &'a Table,
    program: &'a Program,
}

/// Resolves a learner, noting in the gaps what of them is left out: their
/// journey if an entry is, the rest of their record if anything else is.
fn resolve_learner(
    cx: &mut Cx,
    file: FileId,
    l: &raw::Learner,
    refs: &Refs<'_>,
) -> Option<Learner> {
    let mark = cx.begin();
    let learner = learner_fields(cx, file, l, refs);
    let key = &l.id.value;
    if learner
        .as_ref()
        .is_none_or(|learner| learner.journey.len() < l.journey.len())
    {
        cx.leave_out(Kind::Journey, [key.clone()]);
    }
    if cx.lost_since(mark) {
        cx.leave_out(Kind::Learner, [key.clone()]);
    }
    learner
}

fn learner_fields(cx: &mut Cx, file: FileId, l: &raw::Learner, refs: &Refs<'_>) -> Option<Learner> {
    let cohort = refs.cohorts.find(cx, file, &l.cohort).map(CohortId);
    let path = refs.paths.find(cx, file, &l.path).map(PathId);
    let intake_date = cx.date(file, &l.intake.date);
    let timezone = match (&l.timezone, cohort) {
        (Some(tz), _) => cx.tz(file, tz),
        (None, Some(c)) => Some(refs.program.cohort(c).timezone),
        (None, None) => Some(refs.program.settings.timezone),
    };
    let confidence = l
        .intake
        .confidence
        .as_ref()
        .and_then(|c| cx.in_range(file, c, 1, 5, "confidence"));
    let baseline = l
        .intake
        .baseline
        .iter()
        .filter_map(|(skill, level)| {
            cx.in_range(file, level, 0, 5, "a baseline skill level")
                .map(|v| (skill.clone(), v))
        })
        .collect();
    let journey = l
        .journey
        .iter()
        .filter_map(|e| {
            let stage = refs.stages.find(cx, file, &e.stage);
            let date = cx.date(file, &e.date);
            Some(JourneyEntry {
                stage: StageId(stage?),
                date: date?,
                note: e.note.clone(),
                pos: cx.pos(file, &e.stage),
            })
        })
        .collect();
    let modules = l
        .modules
        .iter()
        .filter_map(|m| {
            let module = ModuleId(refs.modules.find(cx, file, &m.module)?);
            let definition = refs.program.module(module);
            let milestones = m
                .milestones
                .iter()
                .filter_map(|reached| {
                    let date = cx.date(file, &reached.date);
                    let index = definition
                        .milestones
                        .iter()
                        .position(|x| x.key == reached.id.value);
                    if index.is_none() {
                        let names: Vec<&str> = definition
                            .milestones
                            .iter()
                            .map(|x| x.key.as_str())
                            .collect();
                        let best = crate::text::suggest(&reached.id.value, &names);
                        cx.push(unresolved(
                            cx.loc(file, &reached.id),
                            &format!("milestone of module `{}`", definition.key),
                            &reached.id.value,
                            &names,
                            best,
                        ));
                        cx.drop_value([reached.id.value.clone()]);
                    }
                    Some((index?, date?))
                })
                .collect();
            Some(ModuleProgress {
                module,
                started: m.started.as_ref().and_then(|d| cx.date(file, d)),
                completed: m.completed.as_ref().and_then(|d| cx.date(file, d)),
                milestones,
                competence: m.competence.as_ref().and_then(|d| cx.date(file, d)),
                artifact: m
                    .artifact
                    .as_ref()
                    .and_then(|a| cx.date(file, &a.date).map(|d| (d, a.link.clone()))),
                confidence: m
                    .confidence
                    .as_ref()
                    .and_then(|c| cx.in_range(file, c, 1, 5, "confidence")),
            })
        })
        .collect();
    let confidence_log = l
        .confidence
        .iter()
        .filter_map(|c| {
            let date = cx.date(file, &c.date);
            let value = cx.in_range(file, &c.value, 1, 5, "confidence");
            Some((date?, value?))
        })
        .collect();
    let outcomes = l
        .outcomes
        .iter()
        .filter_map(|o| {
            let outcome = refs.outcomes.find(cx, file, &o.outcome);
            let date = cx.date(file, &o.date);
            Some((OutcomeId(outcome?), date?, o.evidence.clone()))
        })
        .collect();
    let status_date = l.status_date.as_ref().and_then(|d| cx.date(file, d));
    let id_pos = cx.pos(file, &l.id);
    let status_pos = if l.status.at.line == 0 {
        id_pos
    } else {
        cx.pos(file, &l.status)
    };
    Some(Learner {
        key: l.id.value.clone(),
        name: l.name.clone(),
        email: l.email.clone(),
        pronouns: l.pronouns.clone(),
        cohort: cohort?,
        path: path?,
        timezone: timezone?,
        intake: Intake {
            date: intake_date?,
            goal: l
                .intake
                .goal
                .as_ref()
                .map(|g| g.value.clone())
                .filter(|g| !g.trim().is_empty()),
            baseline,
            confidence,
            blockers: l.intake.blockers.clone(),
            availability: l.intake.availability.clone(),
        },
        preferences: l
            .preferences
            .iter()
            .map(|p| Preference {
                kind: p.kind,
                value: p.value.clone(),
                hard: p.hard,
            })
            .collect(),
        consent: Consent {
            public_profile: l.consent.public_profile,
            listed_in_cohort: l.consent.listed_in_cohort,
        },
        journey,
        modules,
        confidence: confidence_log,
        outcomes,
        status: l.status.value,
        status_date,
        status_reason: l.status_reason.clone().filter(|r| !r.trim().is_empty()),
        pos: id_pos,
        status_pos,
    })
}

/// Resolves a pair, or leaves it out whole when a value of it cannot be
/// read; a pair left out may be the one its learner's journey needs.
fn resolve_pair(
    cx: &mut Cx,
    file: FileId,
    p: &raw::Pair,
    mentors: &Table,
    learners: &Table,
    outcomes: &Table,
    owners: &Owners<'_>,
) -> Option<Pair> {
    let mark = cx.begin();
    let pair = pair_fields(cx, file, p, mentors, learners, outcomes, owners);
    if cx.lost_since(mark) {
        // A pair without one of its dates or people would be judged on
        // what is left (open for ever without its end, never agreed
        // without `agreed`): it is left out whole.
        let ids = [&p.id, &p.mentor, &p.learner].map(|id| id.value.clone());
        cx.leave_out(Kind::Pair, ids);
        return None;
    }
    pair
}

fn pair_fields(
    cx: &mut Cx,
    file: FileId,
    p: &raw::Pair,
    mentors: &Table,
    learners: &Table,
    outcomes: &Table,
    owners: &Owners<'_>,
) -> Option<Pair> {
    let mentor = mentors.find(cx, file, &p.mentor);
    let learner = learners.find(cx, file, &p.learner);
    let start = cx.date(file, &p.start);
    let optional_date =
        |cx: &mut Cx, d: &Option<Sp<String>>| d.as_ref().and_then(|d| cx.date(file, d));
    let planned_end = optional_date(cx, &p.planned_end);
    let end = optional_date(cx, &p.end);
    let agreed = optional_date(cx, &p.agreed);
    let midpoint = optional_date(cx, &p.midpoint);
    let midpoint_facilitator = p
        .midpoint_facilitator
        .as_ref()
        .and_then(|o| owners.find(cx, file, o, true));
    let e = &p.expectations;
    let text = |v: &Option<Sp<String>>| {
        v.as_ref()
            .map(|s| s.value.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let expectations = Expectations {
        goals: text(&e.goals),
        offer: text(&e.offer),
        limits: text(&e.limits),
        cadence: text(&e.cadence),
        modes: e.modes.clone(),
        channels: e.channels.clone(),
        response_time: text(&e.response_time),
        rescheduling: text(&e.rescheduling),
        notice_hours: e.notice_hours.as_ref().map(|n| n.value),
        success: e.success.clone(),
        success_outcomes: e
            .success_outcomes
            .iter()
            .filter_map(|o| outcomes.find(cx, file, o).map(OutcomeId))
            .collect(),
        check_in_questions: e.check_in_questions.clone(),
    };
    let pauses = p
        .pauses
        .iter()
        .filter_map(|pause| {
            let from = cx.date(file, &pause.from);
            let until = match &pause.until {
                Some(until) => Some(cx.date(file, until)?),
                None => None,
            };
            let pos = cx.pos(file, &pause.from);
            Some(Pause {
                from: from?,
                until,
                by: pause.by.value,
                reason: pause.reason.clone().filter(|r| !r.trim().is_empty()),
                pos,
                until_pos: pause.until.as_ref().map_or(pos, |u| cx.pos(file, u)),
            })
        })
        .collect();
    let id_pos = cx.pos(file, &p.id);
    let optional_pos =
        |value: &Option<Sp<String>>| value.as_ref().map_or(id_pos, |v| cx.pos(file, v));
    Some(Pair {
        key: p.id.value.clone(),
        mentor: MentorId(mentor?),
        learner: LearnerId(learner?),
        start: start?,
        planned_end,
        end,
        end_reason: p.end_reason.as_ref().map(|r| r.value),
        phase: p.phase.value,
        agreed,
        midpoint,
        midpoint_facilitator,
        expectations,
        mentor_hopes_to_learn: text(&p.mentor_hopes_to_learn),
        pauses,
        co_mentoring: p.co_mentoring,
        pos: id_pos,
        phase_pos: cx.pos(file, &p.phase),
        planned_end_pos: optional_pos(&p.planned_end),
        end_pos: optional_pos(&p.end),
        end_reason_pos: p.end_reason.as_ref().map_or(id_pos, |r| cx.pos(file, r)),
        agreed_pos: optional_pos(&p.agreed),
        midpoint_pos: optional_pos(&p.midpoint),
    })
}

struct SessionRefs<'a> {
    cohorts: &'a Table,
    mentors: &'a Table,
    learners: &'a Table,
    modules: &'a Table,
}

/// A session's meeting link, which feeds publish: an absolute http(s) URL
/// of printable characters, or E080.
fn meeting_link(cx: &mut Cx, file: FileId, link: &Sp<String>) -> Option<String> {
    match web_url::check_web_url(&link.value) {
        Ok(()) => Some(link.value.clone()),
        Err(problem) => {
            cx.push(
                Diagnostic::new(Code::BadUrl, format!("the meeting link {problem}"))
                    .at(cx.loc(file, link))
                    .label("not a web address")
                    .help(problem.help()),
            );
            None
        }
    }
}

/// Resolves a session; a session left out, or missing one of its people or
/// meetings, may be the meeting its learners' journeys and pairs need.
fn resolve_session(
    cx: &mut Cx,
    file: FileId,
    s: &raw::Session,
    refs: &SessionRefs<'_>,
    program: &Program,
) -> Option<Session> {
    let mark = cx.begin();
    let session = session_fields(cx, file, s, refs, program);
    if cx.lost_since(mark) {
        let attending = s.attendance.iter().map(|a| &a.learner);
        let people = s.mentors.iter().chain(&s.learners).chain(attending);
        let ids: Vec<String> = std::iter::once(&s.id)
            .chain(people)
            .map(|id| id.value.clone())
            .collect();
        cx.leave_out(Kind::Session, ids);
    }
    session
}

fn session_fields(
    cx: &mut Cx,
    file: FileId,
    s: &raw::Session,
    refs: &SessionRefs<'_>,
    program: &Program,
) -> Option<Session> {
    let cohort = s
        .cohort
        .as_ref()
        .map(|c| refs.cohorts.find(cx, file, c).map(CohortId));
    let timezone = match (&s.timezone, &cohort) {
        (Some(tz), _) => cx.tz(file, tz),
        (None, Some(Some(c))) => Some(program.cohort(*c).timezone),
        // Its cohort's zone is unknown: the program's could put every
        // meeting at the wrong hour.
        (None, Some(None)) => None,
        (None, None) => Some(program.settings.timezone),
    };
    let start = cx.datetime(file, &s.start);
    if s.duration_minutes.value == 0 {
        cx.push(
            Diagnostic::new(Code::BadValue, "a session must last at least a minute")
                .at(cx.loc(file, &s.duration_minutes))
                .help("write the length in minutes, e.g. 60"),
        );
    }
    let mentors = s
        .mentors
        .iter()
        .filter_map(|m| refs.mentors.find(cx, file, m).map(MentorId))
        .collect();
    let (learners, learners_pos) = s
        .learners
        .iter()
        .filter_map(|l| Some((LearnerId(refs.learners.find(cx, file, l)?), cx.pos(file, l))))
        .unzip();
    let held_through = s.held_through.as_ref().and_then(|d| cx.date(file, d));
    let module = match &s.module {
        Some(m) => Some(refs.modules.find(cx, file, m).map(ModuleId)?),
        None => None,
    };
    let attendance_list = attendance(cx, file, &s.attendance, refs.learners);
    let id_pos = cx.pos(file, &s.id);
    let cancelled = s
        .cancellation
        .as_ref()
        .and_then(|c| cancellation(cx, file, c));
    let recurrence = match &s.recurrence {
        None => None,
        Some(r) => Some(recurrence(cx, file, r)?),
    };
    let changes = s
        .occurrences
        .iter()
        .filter_map(|c| {
            let date = cx.date(file, &c.date)?;
            let moved_to = match &c.moved_to {
                Some(moved) => Some(cx.datetime(file, moved)?),
                None => None,
            };
            let pos = cx.pos(file, &c.date);
            Some(OccurrenceChange {
                date,
                status: c.status.as_ref().map(|s| s.value),
                attendance: c
                    .attendance
                    .as_ref()
                    .map(|a| attendance(cx, file, a, refs.learners)),
                cancellation: c
                    .cancellation
                    .as_ref()
                    .and_then(|x| cancellation(cx, file, x)),
                moved_to,
                location: c.location.clone(),
                link: c
                    .link
                    .as_ref()
                    .and_then(|link| meeting_link(cx, file, link)),
                pos,
                status_pos: c.status.as_ref().map_or(pos, |s| cx.pos(file, s)),
                moved_pos: c.moved_to.as_ref().map_or(pos, |m| cx.pos(file, m)),
            })
        })
        .collect();
    let requests = s
        .requests
        .iter()
        .filter_map(|r| {
            let asked = cx.datetime(file, &r.asked)?;
            let answered = match &r.answered {
                Some(a) => Some(cx.datetime(file, a)?),
                None => None,
            };
            Some(Request {
                kind: r.kind,
                learner: r
                    .learner
                    .as_ref()
                    .and_then(|l| refs.learners.find(cx, file, l).map(LearnerId)),
                asked,
                answered,
            })
        })
        .collect();
    Some(Session {
        key: s.id.value.clone(),
        kind: s.kind.value,
        title: s.title.clone(),
        cohort: cohort.flatten(),
        start: start?,
        timezone: timezone?,
        duration_minutes: s.duration_minutes.value.max(1),
        mentors,
        learners,
        module,
        location: s.location.clone(),
        link: s
            .link
            .as_ref()
            .and_then(|link| meeting_link(cx, file, link)),
        status: s.status.value,
        held_through,
        attendance: attendance_list,
        cancellation: cancelled,
        agenda: s.agenda.clone(),
        recurrence,
        changes,
        requests,
        pos: id_pos,
        start_pos: cx.pos(file, &s.start),
        status_pos: if s.status.at.line == 0 {
            id_pos
        } else {
            cx.pos(file, &s.status)
        },
        held_through_pos: s.held_through.as_ref().map_or(id_pos, |d| cx.pos(file, d)),
        learners_pos,
    })
}

fn attendance(
    cx: &mut Cx,
    file: FileId,
    list: &[raw::Attendance],
    learners: &Table,
) -> Vec<Attendance> {
    list.iter()
        .filter_map(|a| {
            let learner = learners.find(cx, file, &a.learner)?;
            Some(Attendance {
                learner: LearnerId(learner),
                attended: a.attended,
                rating_before: a
                    .rating_before
                    .as_ref()
                    .and_then(|r| cx.in_range(file, r, 1, 5, "a rating")),
                rating_after: a
                    .rating_after
                    .as_ref()
                    .and_then(|r| cx.in_range(file, r, 1, 5, "a rating")),
                pos: cx.pos(file, &a.learner),
            })
        })
        .collect()
}

fn cancellation(cx: &mut Cx, file: FileId, c: &raw::Cancellation) -> Option<Cancellation> {
    let at = cx.datetime(file, &c.at)?;
    if !matches!(c.by.value.as_str(), "mentor" | "learner" | "program") {
        cx.push(
            Diagnostic::new(
                Code::BadValue,
                format!("`{}` cannot cancel a session", c.by.value),
            )
            .at(cx.loc(file, &c.by))
            .help("write `mentor`, `learner` or `program`"),
        );
    }
    Some(Cancellation {
        at,
        by: c.by.value.clone(),
        reason: c.reason.clone(),
    })
}

fn recurrence(cx: &mut Cx, file: FileId, r: &raw::Recurrence) -> Option<Recurrence> {
    // `every_weeks` may be left at its default; then point at the end rule.
    let written = [
        Some(r.every_weeks.at),
        r.count.as_ref().map(|c| c.at),
        r.until.as_ref().map(|u| u.at),
    ];
    let pos = match written.into_iter().flatten().find(|at| at.line > 0) {
        Some(at) => Pos {
            file,
            line: at.line,
            column: at.column,
            len: at.len.max(1),
        },
        None => cx.pos(file, &r.every_weeks),
    };
    let (end, end_pos) = match (&r.count, &r.until) {
        (Some(count), None) => (SeriesEnd::Count(count.value), cx.pos(file, count)),
        (None, Some(until)) => (SeriesEnd::Until(cx.date(file, until)?), cx.pos(file, until)),
        (Some(count), Some(_)) => {
            cx.push(
                Diagnostic::new(Code::BadRecurrence, "a series has both `count` and `until`")
                    .at(cx.loc(file, count))
                    .help("keep one: `count` for a number of meetings, `until` for a last date"),
            );
            return None;
        }
        (None, None) => {
            cx.push(
                Diagnostic::new(Code::BadRecurrence, "a series needs `count` or `until`")
                    .at(cx.loc(file, &r.every_weeks))
                    .help("add `count: 10` or `until: YYYY-MM-DD` so the series ends"),
            );
            return None;
        }
    };
    if r.every_weeks.value == 0 {
        cx.push(
            Diagnostic::new(
                Code::BadRecurrence,
                "a series must repeat every 1 or more weeks",
            )
            .at(cx.loc(file, &r.every_weeks))
            .help("write `every_weeks: 1` for weekly, `2` for fortnightly"),
        );
        return None;
    }
    let skip = r.skip.iter().filter_map(|d| cx.date(file, d)).collect();
    Some(Recurrence {
        every_weeks: r.every_weeks.value,
        end,
        skip,
        pos,
        end_pos,
    })
}

/// The context threaded through resolution: files for locations, the
/// diagnostics found so far, and what is left out.
struct Cx {
    files: Files,
    out: Vec<Diagnostic>,
    /// What files that failed to load and records left out may have held.
    gaps: Gaps,
    /// How many values have been left out so far, because they could not
    /// be read or name a record that is not there.
    dropped: usize,
    /// The ids those values mention, since the record being resolved began.
    mentions: Vec<String>,
}

impl Cx {
    fn new(files: Files, gaps: Gaps) -> Cx {
        Cx {
            files,
            out: Vec::new(),
            gaps,
            dropped: 0,
            mentions: Vec::new(),
        }
    }

    fn push(&mut self, d: Diagnostic) {
        self.out.push(d);
    }

    /// Starts a record: returns a mark for [`Cx::lost_since`].
    fn begin(&mut self) -> usize {
        self.mentions.clear();
        self.dropped
    }

    /// Whether a value was left out since `mark`.
    fn lost_since(&self, mark: usize) -> bool {
        self.dropped > mark
    }

    /// Notes a value left out, and the ids it mentions.
    fn drop_value<S: Into<String>>(&mut self, ids: impl IntoIterator<Item = S>) {
        self.dropped += 1;
        self.mentions.extend(ids.into_iter().map(Into::into));
    }

    /// Notes that a record of `kind`, or part of one, is left out: it
    /// mentions `ids` and whatever its values left out mention.
    fn leave_out(&mut self, kind: Kind, ids: impl IntoIterator<Item = String>) {
        let mentions = std::mem::take(&mut self.mentions);
        self.gaps.leave_out(kind, ids.into_iter().chain(mentions));
    }

    fn loc<T>(&self, file: FileId, value: &Sp<T>) -> crate::diagnostic::Location {
        self.files.locate(file, value)
    }

    fn pos<T>(&self, file: FileId, value: &Sp<T>) -> Pos {
        let location = self.files.locate(file, value);
        Pos {
            file,
            line: location.line,
            column: location.column,
            len: location.len,
        }
    }

    /// Reports an id that is not lowercase letters, digits and `-`.
    fn id(&mut self, file: FileId, value: &Sp<String>) -> bool {
        let ok = valid_id(&value.value);
        if !ok {
            self.push(bad_id(self.loc(file, value), &value.value));
        }
        ok
    }

    fn date(&mut self, file: FileId, value: &Sp<String>) -> Option<NaiveDate> {
        let parsed = NaiveDate::parse_from_str(value.value.trim(), "%Y-%m-%d").ok();
        if parsed.is_none() {
            self.dropped += 1;
            self.push(
                Diagnostic::new(Code::BadDate, format!("`{}` is not a date", value.value))
                    .at(self.loc(file, value))
                    .help("write dates as YYYY-MM-DD, e.g. 2026-04-15"),
            );
        }
        parsed
    }

    fn datetime(&mut self, file: FileId, value: &Sp<String>) -> Option<NaiveDateTime> {
        let text = value.value.trim();
        let parsed = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok());
        if parsed.is_none() {
            self.dropped += 1;
            self.push(
                Diagnostic::new(
                    Code::BadDate,
                    format!("`{}` is not a local date and time", value.value),
                )
                .at(self.loc(file, value))
                .help("write YYYY-MM-DDTHH:MM in the session's time zone, e.g. 2026-04-15T18:30"),
            );
        }
        parsed
    }

    fn tz(&mut self, file: FileId, value: &Sp<String>) -> Option<Tz> {
        let name = value.value.trim();
        let problem = match zone::read(name) {
            zone::Reading::Place(tz) => return Some(tz),
            zone::Reading::Link(tz) => {
                self.push(
                    Diagnostic::new(
                        Code::ZoneOldName,
                        format!("`{name}` is an old name for `{}`", tz.name()),
                    )
                    .at(self.loc(file, value))
                    .help(format!(
                        "write `{}`, the name the tz database gives this zone now",
                        tz.name()
                    )),
                );
                return Some(tz);
            }
            zone::Reading::Refused(refusal) => Diagnostic::new(
                Code::UnknownTimezone,
                format!("`{name}` is {}, not the time zone of a place", refusal.what),
            )
            .help(refusal.help()),
            zone::Reading::Unknown(closest) => Diagnostic::new(
                Code::UnknownTimezone,
                format!("`{name}` is not an IANA time zone"),
            )
            .help(match closest {
                Some(tz) => format!("did you mean `{}`?", tz.name()),
                None => {
                    "use an IANA zone name such as `Europe/London` or `America/New_York`".into()
                }
            }),
        };
        self.dropped += 1;
        self.push(problem.at(self.loc(file, value)));
        None
    }

    fn in_range(
        &mut self,
        file: FileId,
        value: &Sp<u8>,
        low: u8,
        high: u8,
        what: &str,
    ) -> Option<u8> {
        if (low..=high).contains(&value.value) {
            Some(value.value)
        } else {
            self.dropped += 1;
            self.push(
                Diagnostic::new(
                    Code::BadValue,
                    format!("{what} must be from {low} to {high}"),
                )
                .at(self.loc(file, value))
                .help(format!("write a whole number from {low} to {high}")),
            );
            None
        }
    }

    fn positive_f64(&mut self, file: FileId, value: &Sp<f64>, what: &str) {
        if !(value.value.is_finite() && value.value > 0.0) {
            self.push(
                Diagnostic::new(Code::BadValue, format!("{what} must be a positive number"))
                    .at(self.loc(file, value))
                    .help("write a number of hours such as 4 or 2.5"),
            );
        }
    }
}

/// Whether an id is lowercase ASCII letters, digits and `-`, not starting with `-`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn bad_id(at: crate::diagnostic::Location, id: &str) -> Diagnostic {
    let fixed: String = id
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    Diagnostic::new(Code::BadId, format!("`{id}` is not a valid id"))
        .at(at)
        .help(format!(
            "ids use lowercase letters, digits and `-` only, e.g. `{}`",
            fixed.trim_matches('-')
        ))
}

fn unresolved(
    at: crate::diagnostic::Location,
    kind: &str,
    key: &str,
    known: &[&str],
    best: Option<&str>,
) -> Diagnostic {
    let help = match best {
        Some(best) => format!("did you mean `{best}`?"),
        None if known.is_empty() => format!("no {kind} is defined yet"),
        None if known.len() <= 8 => format!("known: {}", known.join(", ")),
        None => format!("check the spelling; there are {} of them", known.len()),
    };
    Diagnostic::new(
        Code::UnresolvedReference,
        format!("there is no {kind} `{key}`"),
    )
    .at(at)
    .label(format!("unknown {kind}"))
    .help(help)
}

/// A key table for one kind of record: key → index, with records that were
/// left out remembered so references to them stay quiet.
#[derive(Debug)]
struct Table {
    kind: Kind,
    map: HashMap<String, Option<u32>>,
    order: Vec<String>,
}

impl Table {
    fn empty(kind: Kind) -> Table {
        Table {
            kind,
            map: HashMap::new(),
            order: Vec::new(),
        }
    }

    /// Registers spanned ids, reporting bad and duplicate ones.
    fn build<'a>(
        cx: &mut Cx,
        kind: Kind,
        ids: impl Iterator<Item = (FileId, &'a Sp<String>)>,
    ) -> Table {
        let noun = kind.noun();
        let mut table = Table::empty(kind);
        let mut first: HashMap<String, crate::diagnostic::Location> = HashMap::new();
        for (index, (file, id)) in ids.enumerate() {
            cx.id(file, id);
            let at = cx.loc(file, id);
            if let Some(earlier) = first.get(&id.value) {
                cx.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        format!("two {noun}s have the id `{}`", id.value),
                    )
                    .at(at)
                    .label("second use")
                    .related(earlier.clone(), "first defined here")
                    .help(format!("give each {noun} its own id")),
                );
                table.order.push(String::new());
                continue;
            }
            first.insert(id.value.clone(), at);
            table.map.insert(id.value.clone(), Some(index as u32));
            table.order.push(id.value.clone());
        }
        table
    }

    /// Registers ids taken from file names (modules, paths, pages).
    fn build_plain<'a>(
        cx: &mut Cx,
        kind: Kind,
        ids: impl Iterator<Item = (FileId, &'a str)>,
    ) -> Table {
        let noun = kind.noun();
        let mut table = Table::empty(kind);
        let mut first: HashMap<&str, FileId> = HashMap::new();
        for (index, (file, id)) in ids.enumerate() {
            if !valid_id(id) {
                cx.push(bad_id(cx.files.whole(file), id));
            }
            if let Some(earlier) = first.get(id) {
                cx.push(
                    Diagnostic::new(Code::DuplicateId, format!("two {noun}s have the id `{id}`"))
                        .at(cx.files.whole(file))
                        .related(cx.files.whole(*earlier), "first defined here")
                        .help(format!(
                            "{noun} ids come from file names: rename one of the files"
                        )),
                );
                table.order.push(String::new());
                continue;
            }
            first.insert(id, file);
            table.map.insert(id.to_string(), Some(index as u32));
            table.order.push(id.to_string());
        }
        table
    }

    /// A table of keys that were checked already, by index.
    fn of<'a>(kind: Kind, keys: impl Iterator<Item = &'a str>) -> Table {
        let order: Vec<String> = keys.map(str::to_string).collect();
        let map = order
            .iter()
            .enumerate()
            .map(|(index, key)| (key.clone(), Some(index as u32)))
            .collect();
        Table { kind, map, order }
    }

    /// Sets the final index of a key (or marks it left out).
    fn settle(&mut self, key: &str, index: Option<u32>) {
        if let Some(slot) = self.map.get_mut(key) {
            *slot = index;
        }
    }

    /// Marks the record at raw position `index` as left out.
    fn settle_index(&mut self, index: usize, value: Option<u32>) {
        if let Some(key) = self.order.get(index).cloned().filter(|k| !k.is_empty()) {
            self.settle(&key, value);
        }
    }

    fn get(&self, key: &str) -> Option<u32> {
        self.map.get(key).copied().flatten()
    }

    /// The keys of the records, in order.
    fn known(&self) -> impl Iterator<Item = &str> {
        self.order
            .iter()
            .filter(|k| !k.is_empty())
            .map(String::as_str)
    }

    /// Resolves a reference. A key of a record left out, or one that may be
    /// in a file that failed to load, is left out quietly; any other unknown
    /// key is reported, with the closest known one.
    fn find(&self, cx: &mut Cx, file: FileId, key: &Sp<String>) -> Option<u32> {
        match self.map.get(&key.value) {
            Some(Some(index)) => Some(*index),
            Some(None) => {
                cx.drop_value([key.value.clone()]);
                None
            }
            None if cx.gaps.may_hide(self.kind, &key.value) => {
                cx.drop_value([key.value.clone()]);
                None
            }
            None => {
                let known: Vec<&str> = self.known().collect();
                let best = crate::text::suggest(&key.value, &known);
                let noun = self.kind.noun();
                cx.push(unresolved(
                    cx.loc(file, key),
                    noun,
                    &key.value,
                    &known,
                    best,
                ));
                // What the typo was meant to name may be missing things now.
                let meant = best.map(str::to_string);
                cx.drop_value(std::iter::once(key.value.clone()).chain(meant));
                None
            }
        }
    }
}

/// Looks up handoff owners and facilitators: a role, a mentor, or `mentor`.
struct Owners<'a> {
    roles: &'a Table,
    mentors: &'a Table,
}

impl Owners<'_> {
    fn find(
        &self,
        cx: &mut Cx,
        file: FileId,
        key: &Sp<String>,
        allow_learners_mentor: bool,
    ) -> Option<Owner> {
        if allow_learners_mentor && key.value == "mentor" {
            return Some(Owner::LearnersMentor);
        }
        if let Some(role) = self.roles.get(&key.value) {
            return Some(Owner::Role(RoleId(role)));
        }
        if let Some(mentor) = self.mentors.get(&key.value) {
            return Some(Owner::Mentor(MentorId(mentor)));
        }
        let left_out = self.mentors.map.contains_key(&key.value)
            || cx.gaps.may_hide(Kind::Role, &key.value)
            || cx.gaps.may_hide(Kind::Mentor, &key.value);
        if left_out {
            cx.drop_value([key.value.clone()]);
            return None;
        }
        let mut known: Vec<&str> = self.roles.known().chain(self.mentors.known()).collect();
        if allow_learners_mentor {
            known.push("mentor");
        }
        let best = crate::text::suggest(&key.value, &known);
        cx.push(unresolved(
            cx.loc(file, key),
            "role or mentor",
            &key.value,
            &known,
            best,
        ));
        cx.drop_value(std::iter::once(key.value.clone()).chain(best.map(str::to_string)));
        None
    }
}

/// The longest a cohort may run; far beyond any real cohort, short enough
/// that its weekly figures stay small.
const MAX_COHORT_YEARS: u32 = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_digits_and_dashes() {
        assert!(valid_id("sql-joins-2"));
        assert!(!valid_id("SQL joins"));
        assert!(!valid_id("-lead"));
        assert!(!valid_id(""));
    }

    #[test]
    fn a_cohort_may_run_for_ten_years_and_no_more() {
        let cohorts = |end: &str| {
            let text = crate::testing::example("data/cohorts.yaml")
                .replace("end: 2026-04-10", &format!("end: {end}"));
            let diagnostics =
                crate::testing::checked_with(&[("data/cohorts.yaml", text)], "2026-04-15");
            diagnostics
                .iter()
                .filter(|d| d.code == Code::BadValue)
                .map(|d| format!("{} {}", crate::testing::at(d), d.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(cohorts("2036-01-12"), Vec::<String>::new());
        assert_eq!(
            cohorts("2036-01-13"),
            [
                "data/cohorts.yaml:6:10 the cohort runs from 2026-01-12 to 2036-01-13, more than 10 years"
            ]
        );
    }

    #[test]
    fn reminder_offsets() {
        assert_eq!(parse_offset("1d"), Some(1440));
        assert_eq!(parse_offset("30m"), Some(30));
        assert_eq!(parse_offset("2h"), Some(120));
        assert_eq!(parse_offset("soon"), None);
        assert_eq!(parse_offset("h"), None);
    }
}
