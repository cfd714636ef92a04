//! Pairs of a mentor and a learner.

use super::*;

/// Resolves a pair, or leaves it out whole when a value of it cannot be
/// read; a pair left out may be the one its learner's journey needs.
pub(super) fn resolve_pair(
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

pub(super) fn pair_fields(
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
        modes: e.modes.iter().map(|m| m.value.clone()).collect(),
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
        mentor_pos: cx.pos(file, &p.mentor),
        modes_pos: e.modes.first().map_or(id_pos, |m| cx.pos(file, m)),
        phase_pos: cx.pos(file, &p.phase),
        planned_end_pos: optional_pos(&p.planned_end),
        end_pos: optional_pos(&p.end),
        end_reason_pos: p.end_reason.as_ref().map_or(id_pos, |r| cx.pos(file, r)),
        agreed_pos: optional_pos(&p.agreed),
        midpoint_pos: optional_pos(&p.midpoint),
    })
}

/// The pairs that resolve.
pub(super) fn pairs(
    cx: &mut Cx,
    raw: &[Located<raw::Pair>],
    mentor_keys: &Table,
    learner_keys: &Table,
    outcome_keys: &Table,
    owners: &Owners<'_>,
) -> Vec<Pair> {
    let pair_keys = Table::build(cx, Kind::Pair, raw.iter().map(|p| (p.file, &p.value.id)));
    drop(pair_keys);
    raw.iter()
        .filter_map(|Located { file, value: p }| {
            resolve_pair(
                cx,
                *file,
                p,
                mentor_keys,
                learner_keys,
                outcome_keys,
                owners,
            )
        })
        .collect()
}
