//! E054, E057, E059 and W063: meetings fall inside their cohort, series have
//! meetings, nothing after today is recorded as held, and learners who left
//! or paused are not listed on their meetings.

use super::*;

/// E054: a meeting whose local date lies outside its cohort's dates.
pub(super) fn outside_cohort(program: &Program, schedule: &Schedule, out: &mut Vec<Diagnostic>) {
    for (id, session) in program.sessions_with_ids() {
        let Some(cohort_id) = session.cohort else {
            continue;
        };
        let cohort = program.cohort(cohort_id);
        let outside: Vec<&Occurrence> = schedule
            .of(id)
            .iter()
            .filter(|o| o.is_live() && (o.date() < cohort.start || o.date() > cohort.end))
            .collect();
        let Some(meeting) = outside.first() else {
            continue;
        };
        let first = meeting.date();
        let tally = match outside.len() {
            1 => String::new(),
            n => format!(" ({n} of its meetings fall outside the cohort)"),
        };
        let moved = meeting.change(session).filter(|_| meeting.is_moved());
        let (message, pos, label, help) = if let Some(change) = moved {
            (
                format!(
                    "session `{}` meets on {first}, moved from {} to outside cohort `{}`{tally}",
                    session.key,
                    meeting.slot.date(),
                    cohort.key
                ),
                change.moved_pos,
                "moved outside the cohort",
                format!(
                    "move it to a day from {} to {}, or cancel that meeting instead",
                    cohort.start, cohort.end
                ),
            )
        } else if first < cohort.start {
            (
                format!(
                    "session `{}` meets on {first}, before cohort `{}` starts on {}{tally}",
                    session.key, cohort.key, cohort.start
                ),
                session.start_pos,
                "before the cohort starts",
                format!(
                    "start the session on or after {}, or take it off the cohort",
                    cohort.start
                ),
            )
        } else {
            let text = format!(
                "session `{}` meets on {first}, after cohort `{}` ends on {}{tally}",
                session.key, cohort.key, cohort.end
            );
            match &session.recurrence {
                Some(rule) => (
                    text,
                    rule.end_pos,
                    "the series runs past the cohort",
                    format!(
                        "end the series by {} (`until: {}` or a smaller `count`), or skip the later dates",
                        cohort.end, cohort.end
                    ),
                ),
                None => (
                    text,
                    session.start_pos,
                    "after the cohort ends",
                    format!(
                        "move the session on or before {}, or take it off the cohort",
                        cohort.end
                    ),
                ),
            }
        };
        out.push(
            Diagnostic::new(Code::SessionOutsideCohort, message)
                .at(program.locate(pos))
                .label(label)
                .related(
                    program.locate(cohort.pos),
                    format!(
                        "`{}` runs from {} to {}",
                        cohort.key, cohort.start, cohort.end
                    ),
                )
                .help(help),
        );
    }
}

/// E057, the part only visible once dates are read: a series that ends
/// before it starts, or has no meetings at all, silently vanishes.
pub(super) fn series_ends(program: &Program, out: &mut Vec<Diagnostic>) {
    for session in &program.sessions {
        let Some(rule) = &session.recurrence else {
            continue;
        };
        let first = session.start.date();
        let (message, label, help) = match rule.end {
            SeriesEnd::Until(until) if until < first => (
                format!(
                    "series `{}` ends on {until}, before its first meeting on {first}",
                    session.key
                ),
                "before the first meeting",
                format!(
                    "set `until` on or after {first}, or remove `recurrence` for a single meeting"
                ),
            ),
            SeriesEnd::Count(0) => (
                format!("series `{}` has `count: 0`, so it never meets", session.key),
                "no meetings",
                "write how many meetings the series has, e.g. `count: 10`".into(),
            ),
            _ => continue,
        };
        out.push(
            Diagnostic::new(Code::BadRecurrence, message)
                .at(program.locate(rule.end_pos))
                .label(label)
                .help(help),
        );
    }
}

/// E059: a meeting dated after `today` recorded as held (or as a no-show),
/// which cannot have happened yet. Reported once per place that says so:
/// the series' `status`, its `held_through`, or one meeting's `status`.
pub(super) fn held_in_future(
    program: &Program,
    schedule: &Schedule,
    today: NaiveDate,
    out: &mut Vec<Diagnostic>,
) {
    for (id, session) in program.sessions_with_ids() {
        // Per place written: the first meeting it marks and how many.
        let mut marked: BTreeMap<Pos, (&Occurrence, Source, usize)> = BTreeMap::new();
        for occurrence in schedule.of(id) {
            let happened = matches!(
                occurrence.status,
                SessionStatus::Completed | SessionStatus::NoShow
            );
            if !happened || occurrence.date() <= today {
                continue;
            }
            let (pos, source) = match occurrence.change(session) {
                Some(change) if change.status.is_some() => (change.status_pos, Source::Meeting),
                _ if session.held_through.is_some_and(|d| occurrence.date() <= d) => {
                    (session.held_through_pos, Source::HeldThrough)
                }
                _ => (session.status_pos, Source::Session),
            };
            marked
                .entry(pos)
                .and_modify(|(_, _, n)| *n += 1)
                .or_insert((occurrence, source, 1));
        }
        for (pos, (first, source, count)) in marked {
            out.push(held_in_future_at(
                program, session, first, source, count, pos, today,
            ));
        }
    }
}

/// What records a meeting as held.
#[derive(Clone, Copy)]
enum Source {
    /// The session's `status`, for it or every meeting of its series.
    Session,
    /// The series' `held_through`.
    HeldThrough,
    /// One meeting's own `status` under `occurrences`.
    Meeting,
}

fn held_in_future_at(
    program: &Program,
    session: &Session,
    first: &Occurrence,
    source: Source,
    count: usize,
    pos: Pos,
    today: NaiveDate,
) -> Diagnostic {
    let how = match first.status {
        SessionStatus::NoShow => "as a no-show",
        _ => "as held",
    };
    let more = match count {
        1 => String::new(),
        2 => " (and 1 more meeting after today)".into(),
        n => format!(" (and {} more meetings after today)", n - 1),
    };
    let (label, help) = match source {
        Source::Session if session.recurrence.is_some() => (
            "the status of every meeting of the series",
            format!(
                "a series still running keeps `status: scheduled` and records what was held with `held_through: {today}`"
            ),
        ),
        Source::Session => (
            "after today",
            "keep `status: scheduled` until it has taken place, or correct `start`".to_string(),
        ),
        Source::HeldThrough => (
            "past today",
            format!(
                "`held_through` may reach today at most: write `held_through: {today}` or earlier"
            ),
        ),
        Source::Meeting => (
            "after today",
            "record the meeting's status once it has taken place, or correct its `date`"
                .to_string(),
        ),
    };
    Diagnostic::new(
        Code::HeldInFuture,
        format!(
            "session `{}` is recorded {how} on {}, after today ({today}){more}",
            session.key,
            first.date()
        ),
    )
    .at(program.locate(pos))
    .label(label)
    .help(help)
}

/// W063: a learner listed on a meeting that falls after they left the
/// program or while they are paused: on a session all of whose live
/// meetings are such, or on the attendance of one such meeting. The
/// meetings are not theirs any more (they are left out of figures and
/// feeds); a series that goes on after they left is not reported, since its
/// earlier meetings still were theirs.
pub(super) fn listed_while_away(program: &Program, schedule: &Schedule, out: &mut Vec<Diagnostic>) {
    let presence = &schedule.presence;
    for (id, session) in program.sessions_with_ids() {
        let live: Vec<&Occurrence> = schedule.of(id).iter().filter(|o| o.is_live()).collect();
        let Some(first) = live.first() else {
            continue;
        };
        for (&learner, &pos) in session.learners.iter().zip(&session.learners_pos) {
            if live.iter().any(|o| presence.takes_part(learner, o.date())) {
                continue;
            }
            if let Some(away) = presence.away(learner, first.date()) {
                let what = if live.len() == 1 {
                    format!("on `{}` on {}", session.key, first.date())
                } else {
                    format!("on every meeting of `{}`", session.key)
                };
                out.push(away_diagnostic(
                    program,
                    learner,
                    pos,
                    &what,
                    away,
                    "take them off `learners`",
                ));
            }
        }
        for occurrence in &live {
            let Some(list) = occurrence
                .change(session)
                .and_then(|c| c.attendance.as_ref())
            else {
                continue;
            };
            for entry in list {
                if let Some(away) = presence.away(entry.learner, occurrence.date()) {
                    let what = format!(
                        "on the attendance of `{}` on {}",
                        session.key,
                        occurrence.date()
                    );
                    out.push(away_diagnostic(
                        program,
                        entry.learner,
                        entry.pos,
                        &what,
                        away,
                        "take them off this meeting's `attendance`",
                    ));
                }
            }
        }
    }
}

fn away_diagnostic(
    program: &Program,
    learner: LearnerId,
    pos: Pos,
    what: &str,
    away: Away,
    remedy: &str,
) -> Diagnostic {
    let key = &program.learner(learner).key;
    let (when, label, correct) = match away {
        Away::Left(day) => (
            format!("after they left the program on {day}"),
            "left the program",
            "the day they left",
        ),
        Away::Paused(span) => (
            match span.until {
                Some(until) => format!("while they are paused ({} to {until})", span.from),
                None => format!("while they are paused (from {})", span.from),
            },
            "paused",
            "their pause",
        ),
    };
    Diagnostic::new(
        Code::ListedWhileAway,
        format!("learner `{key}` is listed {what}, {when}"),
    )
    .at(program.locate(pos))
    .label(label)
    .help(format!(
        "{remedy}: the meeting is not theirs, and figures and feeds leave them out of it; if they did take part, correct {correct}"
    ))
}
