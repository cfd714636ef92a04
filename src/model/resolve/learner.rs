//! Learners and their journeys.

use super::*;

/// Reports a learner whose file is not named after its id.
pub(super) fn learner_file_name(cx: &mut Cx, file: FileId, l: &raw::Learner) {
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

pub(super) struct Refs<'a> {
    pub(super) cohorts: &'a Table,
    pub(super) paths: &'a Table,
    pub(super) stages: &'a Table,
    pub(super) modules: &'a Table,
    pub(super) outcomes: &'a Table,
    pub(super) program: &'a Program,
}

/// Resolves a learner, noting in the gaps what of them is left out: their
/// journey if an entry is, the rest of their record if anything else is.
pub(super) fn resolve_learner(
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

pub(super) fn learner_fields(
    cx: &mut Cx,
    file: FileId,
    l: &raw::Learner,
    refs: &Refs<'_>,
) -> Option<Learner> {
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
    let preferences = l
        .preferences
        .iter()
        .filter_map(|p| preference(cx, file, p))
        .collect();
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
        preferences,
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

/// A preference, or `None` (E011) for a time-zone window that is not a
/// number of hours a window can span.
fn preference(cx: &mut Cx, file: FileId, p: &raw::Preference) -> Option<Preference> {
    let preference = Preference {
        kind: p.kind,
        value: p.value.value.trim().to_string(),
        hard: p.hard,
        pos: cx.pos(file, &p.value),
    };
    if p.kind == PreferenceKind::TimezoneWindow && preference.window_minutes().is_none() {
        cx.drop_value(std::iter::empty::<String>());
        cx.push(
            Diagnostic::new(
                Code::BadValue,
                format!(
                    "a time-zone window must be a number of hours from 0 to {WIDEST_WINDOW_HOURS}, not `{}`",
                    preference.value
                ),
            )
            .at(cx.loc(file, &p.value))
            .help("write the largest difference in hours the learner accepts, e.g. `\"2\"` or `\"1.5\"`"),
        );
        return None;
    }
    Some(preference)
}

/// The learners that resolve, and the key table of all of them.
pub(super) fn learners(
    cx: &mut Cx,
    raw: &[Located<raw::Learner>],
    refs: &Refs<'_>,
) -> (Vec<Learner>, Table) {
    let mut learner_keys =
        Table::build(cx, Kind::Learner, raw.iter().map(|l| (l.file, &l.value.id)));
    let mut learners = Vec::new();
    for (index, Located { file, value: l }) in raw.iter().enumerate() {
        let file = *file;
        learner_file_name(cx, file, l);
        match resolve_learner(cx, file, l, refs) {
            Some(learner) => {
                learner_keys.settle(&l.id.value, Some(learners.len() as u32));
                learners.push(learner);
            }
            None => learner_keys.settle_index(index, None),
        }
    }
    (learners, learner_keys)
}
