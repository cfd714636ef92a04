//! Sessions: their people, meetings, recurrence and cancellations.

use super::*;

pub(super) struct SessionRefs<'a> {
    pub(super) cohorts: &'a Table,
    pub(super) mentors: &'a Table,
    pub(super) learners: &'a Table,
    pub(super) modules: &'a Table,
}

/// A session's meeting link, which feeds publish: an absolute http(s) URL
/// of printable characters, or E080.
pub(super) fn meeting_link(cx: &mut Cx, file: FileId, link: &Sp<String>) -> Option<String> {
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
pub(super) fn resolve_session(
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

pub(super) fn session_fields(
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

pub(super) fn attendance(
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

pub(super) fn cancellation(
    cx: &mut Cx,
    file: FileId,
    c: &raw::Cancellation,
) -> Option<Cancellation> {
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

pub(super) fn recurrence(cx: &mut Cx, file: FileId, r: &raw::Recurrence) -> Option<Recurrence> {
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

/// The sessions that resolve.
pub(super) fn sessions(
    cx: &mut Cx,
    raw: &[Located<raw::Session>],
    lookups: &SessionRefs<'_>,
    program: &Program,
) -> Vec<Session> {
    let session_keys = Table::build(cx, Kind::Session, raw.iter().map(|s| (s.file, &s.value.id)));
    drop(session_keys);
    raw.iter()
        .filter_map(|Located { file, value: s }| resolve_session(cx, *file, s, lookups, program))
        .collect()
}
