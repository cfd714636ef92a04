//! E055, E056 and W062: pairs hold their midpoint check-in and their end
//! reflection.

use super::*;

/// A pair whose middle is this close ahead of `today` must already have its
/// check-in booked, so there is time to arrange it.
const MIDPOINT_NOTICE_DAYS: i64 = 14;

/// Live reflection meetings, by learner, to look pairs up in.
pub(super) struct Reflections<'a> {
    pub(super) by_learner: Vec<Vec<&'a Occurrence>>,
}

impl<'a> Reflections<'a> {
    pub(super) fn index(program: &Program, schedule: &'a Schedule) -> Self {
        let mut by_learner: Vec<Vec<&Occurrence>> = vec![Vec::new(); program.learners.len()];
        for (id, session) in program.sessions_with_ids() {
            if session.kind != SessionKind::Reflection {
                continue;
            }
            let learners = Who::Learner.in_session(session);
            for occurrence in schedule.of(id) {
                if occurrence.is_live() {
                    for &learner in &learners {
                        by_learner[learner].push(occurrence);
                    }
                }
            }
        }
        Reflections { by_learner }
    }

    /// Dates of live reflections with both the pair's mentor and learner.
    pub(super) fn dates(&self, program: &Program, pair: &Pair) -> Vec<NaiveDate> {
        self.learner(pair.learner)
            .iter()
            .filter(|o| program.session(o.session).mentors.contains(&pair.mentor))
            .map(|o| o.date())
            .collect()
    }

    pub(super) fn learner(&self, learner: LearnerId) -> &[&'a Occurrence] {
        self.by_learner
            .get(learner.index())
            .map_or(&[], Vec::as_slice)
    }
}

/// Whether a meeting of the pair may have been left out after an error, so
/// that its absence is no problem of its own.
fn meetings_left_out(program: &Program, pair: &Pair) -> bool {
    let learner = &program.learner(pair.learner).key;
    program.gaps.may_hide(Kind::Session, learner)
}

/// E055: an open pair whose midpoint (planned, or the middle of its days
/// not on hold) is past or near needs a live midpoint check-in within
/// max(21 days, a fifth of those days) of it; a pair on hold today owes
/// none yet. W062: a pair whose check-in is booked on another day than the
/// `midpoint` it planned.
pub(super) fn midpoints(
    program: &Program,
    schedule: &Schedule,
    today: NaiveDate,
    out: &mut Vec<Diagnostic>,
) {
    let horizon = days_after(today, MIDPOINT_NOTICE_DAYS);
    for (id, pair) in program.pairs_with_ids() {
        if meetings_left_out(program, pair) {
            continue;
        }
        let Some(midpoint) = presence::midpoint(program, schedule, id) else {
            continue;
        };
        let due_now = pair.phase != Phase::Closed
            && midpoint.due <= horizon
            && !covered(schedule.presence.on_hold(id), today);
        if due_now && !midpoint.held_in_time() {
            out.push(midpoint_missing(program, pair, &midpoint));
            continue;
        }
        let (true, Some(meeting)) = (midpoint.planned, midpoint.booked) else {
            continue;
        };
        if meeting.date() != midpoint.due {
            out.push(midpoint_moved(program, pair, meeting, midpoint.due));
        }
    }
}

fn midpoint_missing(program: &Program, pair: &Pair, midpoint: &presence::Midpoint) -> Diagnostic {
    let mentor = &program.mentor(pair.mentor).key;
    let learner = &program.learner(pair.learner).key;
    let nearest = midpoint
        .booked
        .map(|o| {
            let what = if midpoint.planned {
                "its planned midpoint"
            } else {
                "the middle"
            };
            format!("; the nearest one, on {}, is too far from {what}", o.date())
        })
        .unwrap_or_default();
    let (what, help_more) = if midpoint.planned {
        (
            "its planned midpoint",
            format!(", or correct `midpoint` (now {})", midpoint.due),
        )
    } else {
        ("the middle of the relationship", String::new())
    };
    let at = if midpoint.planned {
        pair.midpoint_pos
    } else {
        pair.pos
    };
    Diagnostic::new(
        Code::MidpointMissing,
        format!(
            "pair `{}` has no midpoint check-in near {what}, {}",
            pair.key, midpoint.due
        ),
    )
    .at(program.locate(at))
    .label(format!("runs from {} to {}", pair.start, midpoint.last))
    .help(format!(
        "add a session with `kind: midpoint`, mentor `{mentor}` and learner `{learner}` between {} and {}{help_more}{nearest}",
        midpoint.from, midpoint.to
    ))
}

fn midpoint_moved(
    program: &Program,
    pair: &Pair,
    meeting: &Occurrence,
    planned: NaiveDate,
) -> Diagnostic {
    let session = program.session(meeting.session);
    let date = meeting.date();
    Diagnostic::new(
        Code::MidpointMoved,
        format!(
            "pair `{}` planned its midpoint check-in for {planned}, but `{}` is booked on {date}",
            pair.key, session.key
        ),
    )
    .at(program.locate(pair.midpoint_pos))
    .label("the planned midpoint")
    .related(
        program.locate(meeting_pos(session, meeting)),
        format!("`{}` is booked here", session.key),
    )
    .help(format!(
        "if the check-in moved, write `midpoint: {date}` so the charter and the checks agree with the booking; otherwise move `{}` to {planned}",
        session.key
    ))
}

/// Where a meeting's time is written: its own `moved_to`, or the session's
/// `start`.
fn meeting_pos(session: &Session, meeting: &Occurrence) -> Pos {
    match meeting.change(session) {
        Some(change) if meeting.is_moved() => change.moved_pos,
        _ => session.start_pos,
    }
}

/// E056: a pair that closed because it was completed or rematched needs an
/// end reflection between its first day and two weeks after its last.
pub(super) fn reflections(program: &Program, held: &Reflections, out: &mut Vec<Diagnostic>) {
    for pair in &program.pairs {
        // A closed pair without an end is reported with the pair's dates.
        let (Some((_, until)), Some(end)) = (journey::reflection_window(pair), pair.end) else {
            continue;
        };
        if meetings_left_out(program, pair) {
            continue;
        }
        let dates = held.dates(program, pair);
        if dates.iter().any(|d| (pair.start..=until).contains(d)) {
            continue;
        }
        let mentor = &program.mentor(pair.mentor).key;
        let learner = &program.learner(pair.learner).key;
        out.push(
            Diagnostic::new(
                Code::EndReflectionMissing,
                format!(
                    "pair `{}` closed on {end} without an end reflection",
                    pair.key
                ),
            )
            .at(program.locate(pair.pos))
            .label("closed without a reflection")
            .help(format!(
                "add a session with `kind: reflection`, mentor `{mentor}` and learner `{learner}` between {} and {until}",
                pair.start
            )),
        );
    }
}
