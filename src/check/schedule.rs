//! Scheduling checks: nobody is in two sessions at once, mentors are not
//! booked past their capacity, sessions stay inside their cohort's dates,
//! pairs hold their midpoint check-in and end reflection, nothing after
//! today is recorded as held, and learners who left or paused are not
//! listed on their meetings.
//!
//! Only live meetings count: a cancelled meeting books nobody. Every check
//! indexes meetings by person first and sorts them by time, so the work grows
//! with the number of bookings rather than with its square.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};
use rayon::prelude::*;

use crate::derive::journey::{self, days_after};
use crate::derive::occurrences::{Occurrence, Schedule};
use crate::derive::presence::{self, Away, covered};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::gaps::Kind;
use crate::model::{
    LearnerId, Pair, PairId, Phase, Pos, Program, SeriesEnd, Session, SessionId, SessionKind,
    SessionStatus,
};

/// A pair whose middle is this close ahead of `today` must already have its
/// check-in booked, so there is time to arrange it.
const MIDPOINT_NOTICE_DAYS: i64 = 14;
/// Weeks over capacity reported per mentor; the rest are only counted, so one
/// overbooked series does not bury every other diagnostic.
const WEEKS_SHOWN: usize = 3;

/// Double bookings, mentor capacity, cohort dates, midpoint check-ins and end
/// reflections, as of `today`.
pub fn check(program: &Program, schedule: &Schedule, today: NaiveDate) -> Vec<Diagnostic> {
    type Part<'a> = Box<dyn Fn(&mut Vec<Diagnostic>) + Sync + 'a>;
    // Each part reads the program and the schedule alone: they run on
    // every core, and report in this order.
    let parts: Vec<Part<'_>> = vec![
        Box::new(|out| double_bookings(program, schedule, Who::Mentor, out)),
        Box::new(|out| double_bookings(program, schedule, Who::Learner, out)),
        Box::new(|out| mentee_capacity(program, out)),
        Box::new(|out| weekly_hours(program, schedule, out)),
        Box::new(|out| outside_cohort(program, schedule, out)),
        Box::new(|out| midpoints(program, schedule, today, out)),
        Box::new(|out| reflections(program, &Reflections::index(program, schedule), out)),
        Box::new(|out| series_ends(program, out)),
        Box::new(|out| held_in_future(program, schedule, today, out)),
        Box::new(|out| listed_while_away(program, schedule, out)),
    ];
    parts
        .par_iter()
        .map(|part| {
            let mut out = Vec::new();
            part(&mut out);
            out
        })
        .collect::<Vec<_>>()
        .concat()
}

/// Whose bookings a double-booking check looks at.
#[derive(Clone, Copy)]
enum Who {
    Mentor,
    Learner,
}

impl Who {
    fn code(self) -> Code {
        match self {
            Who::Mentor => Code::MentorDoubleBooked,
            Who::Learner => Code::LearnerDoubleBooked,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Who::Mentor => "mentor",
            Who::Learner => "learner",
        }
    }

    fn count(self, program: &Program) -> usize {
        match self {
            Who::Mentor => program.mentors.len(),
            Who::Learner => program.learners.len(),
        }
    }

    fn key(self, program: &Program, index: usize) -> &str {
        match self {
            Who::Mentor => &program.mentors[index].key,
            Who::Learner => &program.learners[index].key,
        }
    }

    /// The people of this kind in a session, each once.
    fn in_session(self, session: &Session) -> Vec<usize> {
        let mut people: Vec<usize> = match self {
            Who::Mentor => session.mentors.iter().map(|m| m.index()).collect(),
            Who::Learner => session.learners.iter().map(|l| l.index()).collect(),
        };
        people.sort_unstable();
        people.dedup();
        people
    }
}

/// Two sessions that overlap for some people, on one or more dates.
struct Clash<'a> {
    /// The earliest overlapping meeting of the later-listed session.
    later: &'a Occurrence,
    /// The meeting of the other session it overlaps.
    earlier: &'a Occurrence,
    /// Everyone booked in both.
    people: BTreeSet<usize>,
    /// Start instants of the later session's overlapping meetings.
    meetings: BTreeSet<DateTime<Utc>>,
}

/// E050 and E051: one person in two sessions whose times overlap, compared
/// as instants since the two sessions may be in different zones.
fn double_bookings(program: &Program, schedule: &Schedule, who: Who, out: &mut Vec<Diagnostic>) {
    let people: Vec<Vec<usize>> = program.sessions.iter().map(|s| who.in_session(s)).collect();
    let mut bookings: Vec<Vec<&Occurrence>> = vec![Vec::new(); who.count(program)];
    for occurrence in schedule.occurrences.iter().filter(|o| o.is_live()) {
        for &person in &people[occurrence.session.index()] {
            // A learner who has left or is paused is not expected there.
            let away = matches!(who, Who::Learner)
                && !schedule
                    .presence
                    .takes_part(LearnerId(person as u32), occurrence.date());
            if !away {
                bookings[person].push(occurrence);
            }
        }
    }
    let mut clashes: BTreeMap<(SessionId, SessionId), Clash> = BTreeMap::new();
    for (person, list) in bookings.iter_mut().enumerate() {
        list.sort_by_key(|o| (o.start, o.end, o.session));
        let mut running: Vec<&Occurrence> = Vec::new();
        for &occurrence in list.iter() {
            running.retain(|r| r.end > occurrence.start);
            for &other in &running {
                // Meetings of one series overlapping each other are a
                // duration problem, not a double booking.
                if other.session == occurrence.session {
                    continue;
                }
                let (later, earlier) = if occurrence.session > other.session {
                    (occurrence, other)
                } else {
                    (other, occurrence)
                };
                let clash = clashes
                    .entry((later.session, earlier.session))
                    .or_insert_with(|| Clash {
                        later,
                        earlier,
                        people: BTreeSet::new(),
                        meetings: BTreeSet::new(),
                    });
                if later.start < clash.later.start {
                    clash.later = later;
                    clash.earlier = earlier;
                }
                clash.people.insert(person);
                clash.meetings.insert(later.start);
            }
            running.push(occurrence);
        }
    }
    for clash in clashes.values() {
        out.push(double_booking(program, who, clash));
    }
}

fn double_booking(program: &Program, who: Who, clash: &Clash) -> Diagnostic {
    let later = program.session(clash.later.session);
    let earlier = program.session(clash.earlier.session);
    let names: Vec<String> = clash
        .people
        .iter()
        .map(|&p| format!("`{}`", who.key(program, p)))
        .collect();
    let subject = match names.len() {
        1 => format!("{} {} is", who.noun(), names[0]),
        n if n <= 3 => format!("{}s {} are", who.noun(), join_and(&names)),
        n => format!(
            "{}s {} and {} more are",
            who.noun(),
            names[..3].join(", "),
            n - 3
        ),
    };
    let more = match clash.meetings.len() {
        1 => String::new(),
        2 => " (and once more)".into(),
        n => format!(" (and {} more times)", n - 1),
    };
    let help = match who {
        Who::Mentor => "move one of the two sessions, or give one of them to another mentor",
        Who::Learner => "move one of the two sessions, or take the learner off one of them",
    };
    Diagnostic::new(
        who.code(),
        format!(
            "{subject} in two sessions at once: `{}` at {} overlaps `{}` at {}{more}",
            later.key,
            local_time(clash.later, later),
            earlier.key,
            local_time(clash.earlier, earlier),
        ),
    )
    .at(program.locate(later.start_pos))
    .label(format!("overlaps `{}`", earlier.key))
    .related(
        program.locate(earlier.start_pos),
        format!("`{}` is booked here", earlier.key),
    )
    .help(help)
}

/// E052: more pairs open on one day than the mentor's `capacity.mentees`.
fn mentee_capacity(program: &Program, out: &mut Vec<Diagnostic>) {
    let mut by_mentor: Vec<Vec<usize>> = vec![Vec::new(); program.mentors.len()];
    for (index, pair) in program.pairs.iter().enumerate() {
        by_mentor[pair.mentor.index()].push(index);
    }
    for (mentor, pairs) in program.mentors.iter().zip(&by_mentor) {
        // A pair counts from its first day through its last, so it leaves
        // the day after `end`; leaving sorts before arriving on the same day.
        let mut events: Vec<(NaiveDate, i8, usize)> = Vec::new();
        for &index in pairs {
            let pair = &program.pairs[index];
            events.push((pair.start, 1, index));
            if let Some(gone) = pair.end.and_then(|end| end.succ_opt()) {
                events.push((gone, -1, index));
            }
        }
        events.sort_unstable();
        let mut open: Vec<usize> = Vec::new();
        for (day, change, index) in events {
            if change < 0 {
                open.retain(|&p| p != index);
                continue;
            }
            open.push(index);
            if open.len() > mentor.max_mentees as usize {
                let pair = &program.pairs[index];
                let keys: Vec<String> = open
                    .iter()
                    .map(|&p| format!("`{}`", program.pairs[p].key))
                    .collect();
                out.push(
                    Diagnostic::new(
                        Code::MenteeCapacity,
                        format!(
                            "mentor `{}` has {} mentees from {day} (pairs {}), more than their capacity of {}",
                            mentor.key,
                            open.len(),
                            join_and(&keys),
                            mentor.max_mentees
                        ),
                    )
                    .at(program.locate(pair.pos))
                    .label("this pair takes the mentor over capacity")
                    .related(
                        program.locate(mentor.capacity_pos),
                        format!(
                            "`{}` takes at most {}",
                            mentor.key,
                            counted(mentor.max_mentees as usize, "mentee")
                        ),
                    )
                    .help(format!(
                        "end another pair of `{}` before {day}, match this learner with another mentor, or raise `capacity.mentees`",
                        mentor.key
                    )),
                );
                break;
            }
        }
    }
}

/// E053: more session hours in one ISO week (in the mentor's own zone) than
/// the mentor's `capacity.hours_per_week`.
fn weekly_hours(program: &Program, schedule: &Schedule, out: &mut Vec<Diagnostic>) {
    // (mentor, ISO year, ISO week, start, minutes, session)
    let mut booked: Vec<(usize, i32, u32, DateTime<Utc>, i64, SessionId)> = Vec::new();
    let mentors: Vec<Vec<usize>> = program
        .sessions
        .iter()
        .map(|s| Who::Mentor.in_session(s))
        .collect();
    for occurrence in schedule.occurrences.iter().filter(|o| o.is_live()) {
        let minutes = (occurrence.end - occurrence.start).num_minutes();
        for &mentor in &mentors[occurrence.session.index()] {
            let zone = program.mentors[mentor].timezone;
            let week = occurrence.start.with_timezone(&zone).iso_week();
            booked.push((
                mentor,
                week.year(),
                week.week(),
                occurrence.start,
                minutes,
                occurrence.session,
            ));
        }
    }
    booked.sort_unstable();
    // Per mentor: (Monday of the week, minutes booked, session that tipped it over).
    let mut over: BTreeMap<usize, Vec<(NaiveDate, i64, SessionId)>> = BTreeMap::new();
    for week in booked.chunk_by(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2)) {
        let (mentor, year, number, ..) = week[0];
        let limit = program.mentors[mentor].hours_per_week * 60.0;
        // A non-positive capacity is already reported where it is written.
        if !(limit.is_finite() && limit > 0.0) {
            continue;
        }
        let mut total = 0;
        let mut tipped = None;
        for &(.., minutes, session) in week {
            total += minutes;
            if tipped.is_none() && total as f64 > limit {
                tipped = Some(session);
            }
        }
        if let (Some(session), Some(monday)) = (
            tipped,
            NaiveDate::from_isoywd_opt(year, number, Weekday::Mon),
        ) {
            over.entry(mentor)
                .or_default()
                .push((monday, total, session));
        }
    }
    for (mentor, weeks) in over {
        let mentor = &program.mentors[mentor];
        let tally = if weeks.len() > WEEKS_SHOWN {
            format!(
                " ({} weeks are over in all; the first {WEEKS_SHOWN} are shown)",
                weeks.len()
            )
        } else {
            String::new()
        };
        for &(monday, total, session) in weeks.iter().take(WEEKS_SHOWN) {
            let session = program.session(session);
            out.push(
                Diagnostic::new(
                    Code::WeeklyHours,
                    format!(
                        "mentor `{}` is booked for {} hours in the week of {monday}, more than their capacity of {} hours a week{tally}",
                        mentor.key,
                        hours(total),
                        mentor.hours_per_week
                    ),
                )
                .at(program.locate(session.start_pos))
                .label(format!("`{}` takes that week over capacity", session.key))
                .related(
                    program.locate(mentor.hours_pos),
                    format!("`{}` gives at most {} hours a week", mentor.key, mentor.hours_per_week),
                )
                .help(format!(
                    "move or cancel a meeting of `{}` in that week, give one to another mentor, or raise `capacity.hours_per_week`",
                    mentor.key
                )),
            );
        }
    }
}

/// E054: a meeting whose local date lies outside its cohort's dates.
fn outside_cohort(program: &Program, schedule: &Schedule, out: &mut Vec<Diagnostic>) {
    for (index, session) in program.sessions.iter().enumerate() {
        let Some(cohort_id) = session.cohort else {
            continue;
        };
        let cohort = program.cohort(cohort_id);
        let outside: Vec<&Occurrence> = schedule
            .of(SessionId(index as u32))
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

/// Live reflection meetings, by learner, to look pairs up in.
struct Reflections<'a> {
    by_learner: Vec<Vec<&'a Occurrence>>,
}

impl<'a> Reflections<'a> {
    fn index(program: &Program, schedule: &'a Schedule) -> Self {
        let mut by_learner: Vec<Vec<&Occurrence>> = vec![Vec::new(); program.learners.len()];
        for (index, session) in program.sessions.iter().enumerate() {
            if session.kind != SessionKind::Reflection {
                continue;
            }
            let learners = Who::Learner.in_session(session);
            for occurrence in schedule.of(SessionId(index as u32)) {
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
    fn dates(&self, program: &Program, pair: &Pair) -> Vec<NaiveDate> {
        self.learner(pair.learner)
            .iter()
            .filter(|o| program.session(o.session).mentors.contains(&pair.mentor))
            .map(|o| o.date())
            .collect()
    }

    fn learner(&self, learner: LearnerId) -> &[&'a Occurrence] {
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
fn midpoints(program: &Program, schedule: &Schedule, today: NaiveDate, out: &mut Vec<Diagnostic>) {
    let horizon = days_after(today, MIDPOINT_NOTICE_DAYS);
    for (index, pair) in program.pairs.iter().enumerate() {
        if meetings_left_out(program, pair) {
            continue;
        }
        let id = PairId(index as u32);
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
fn reflections(program: &Program, held: &Reflections, out: &mut Vec<Diagnostic>) {
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

/// E057, the part only visible once dates are read: a series that ends
/// before it starts, or has no meetings at all, silently vanishes.
fn series_ends(program: &Program, out: &mut Vec<Diagnostic>) {
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
fn held_in_future(
    program: &Program,
    schedule: &Schedule,
    today: NaiveDate,
    out: &mut Vec<Diagnostic>,
) {
    for (index, session) in program.sessions.iter().enumerate() {
        // Per place written: the first meeting it marks and how many.
        let mut marked: BTreeMap<Pos, (&Occurrence, Source, usize)> = BTreeMap::new();
        for occurrence in schedule.of(SessionId(index as u32)) {
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
fn listed_while_away(program: &Program, schedule: &Schedule, out: &mut Vec<Diagnostic>) {
    let presence = &schedule.presence;
    for (index, session) in program.sessions.iter().enumerate() {
        let live: Vec<&Occurrence> = schedule
            .of(SessionId(index as u32))
            .iter()
            .filter(|o| o.is_live())
            .collect();
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

/// A meeting's local start as written, with its zone.
fn local_time(occurrence: &Occurrence, session: &Session) -> String {
    format!(
        "{} {}",
        occurrence.local_start.format("%Y-%m-%d %H:%M"),
        session.timezone.name()
    )
}

/// Minutes as hours, without trailing zeros: 90 → "1.5".
fn hours(minutes: i64) -> String {
    let text = format!("{:.2}", minutes as f64 / 60.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// "1 mentee", "2 mentees".
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{at, checked_with, example};

    /// The example program with `files` written over it, checked as of
    /// `today`; only diagnostics with `code` are kept.
    fn check_example(files: &[(&str, String)], today: &str, code: Code) -> Vec<Diagnostic> {
        checked_with(files, today)
            .into_iter()
            .filter(|d| d.code == code)
            .collect()
    }

    /// Extra sessions in their own file.
    fn sessions(yaml: &str) -> (&'static str, String) {
        ("data/sessions/more.yaml", format!("sessions:\n{yaml}"))
    }

    /// A second learner in the first cohort.
    fn bo() -> (&'static str, String) {
        (
            "data/learners/bo-example.yaml",
            "id: bo-example\nname: Bo Example\ncohort: first-cohort\npath: getting-started\n\
             intake:\n  date: 2026-01-05\n"
                .into(),
        )
    }

    /// The example pairs plus extra pairs, each with a complete charter.
    fn pairs(extra: &[(&str, &str, &str)]) -> (&'static str, String) {
        let mut text = example("data/pairs.yaml");
        for (id, mentor, dates) in extra {
            text.push_str(&format!(
                "  - id: {id}\n    mentor: {mentor}\n    learner: bo-example\n{dates}\
                 \n    expectations:\n      goals: A first fix.\n      offer: Reviews.\n\
                 \x20     limits: An hour a week.\n      cadence: Mondays.\n      modes: [video]\n\
                 \x20     response_time: Two days.\n      rescheduling: A day's notice.\n\
                 \x20     notice_hours: 24\n      success: [A merged fix]\n\
                 \x20     check_in_questions: [How are you?]\n    mentor_hopes_to_learn: Patience.\n"
            ));
        }
        ("data/pairs.yaml", text)
    }

    #[test]
    fn the_example_program_has_no_scheduling_problem() {
        for code in [
            Code::MentorDoubleBooked,
            Code::LearnerDoubleBooked,
            Code::MenteeCapacity,
            Code::WeeklyHours,
            Code::SessionOutsideCohort,
            Code::MidpointMissing,
            Code::EndReflectionMissing,
            Code::BadRecurrence,
        ] {
            assert_eq!(check_example(&[], "2026-04-15", code), vec![], "{code}");
        }
    }

    #[test]
    fn office_hours_written_in_madrid_time_clash_with_a_london_meeting() {
        let found = check_example(
            &[sessions(
                "  - id: grace-office-hours\n    kind: office-hours\n    title: Office hours\n\
                 \x20   start: 2026-01-20T19:30\n    timezone: Europe/Madrid\n\
                 \x20   duration_minutes: 30\n    mentors: [grace-hopper-example]\n",
            )],
            "2026-04-15",
            Code::MentorDoubleBooked,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let d = &found[0];
        assert_eq!(at(d), "data/sessions/more.yaml:5:12");
        assert_eq!(
            d.message,
            "mentor `grace-hopper-example` is in two sessions at once: `grace-office-hours` \
             at 2026-01-20 19:30 Europe/Madrid overlaps `ada-grace-kickoff` at 2026-01-20 18:00 Europe/London"
        );
        assert_eq!(
            d.related[0].0.to_string(),
            "data/sessions/first-cohort.yaml:8:12"
        );
    }

    #[test]
    fn a_meeting_that_starts_as_another_ends_is_no_clash() {
        let found = check_example(
            &[sessions(
                "  - id: grace-office-hours\n    kind: office-hours\n    title: Office hours\n\
                 \x20   start: 2026-01-20T18:45\n    duration_minutes: 30\n\
                 \x20   mentors: [grace-hopper-example]\n",
            )],
            "2026-04-15",
            Code::MentorDoubleBooked,
        );
        assert_eq!(found, vec![]);
    }

    #[test]
    fn a_cancelled_meeting_books_nobody() {
        let found = check_example(
            &[sessions(
                "  - id: grace-office-hours\n    kind: office-hours\n    title: Office hours\n\
                 \x20   start: 2026-01-20T18:00\n    duration_minutes: 30\n\
                 \x20   mentors: [grace-hopper-example]\n    status: cancelled\n",
            )],
            "2026-04-15",
            Code::MentorDoubleBooked,
        );
        assert_eq!(found, vec![]);
    }

    #[test]
    fn a_series_that_clashes_every_week_is_reported_once() {
        let found = check_example(
            &[sessions(
                "  - id: ada-study-group\n    kind: group\n    title: Study group\n\
                 \x20   start: 2026-01-27T18:30\n    duration_minutes: 60\n\
                 \x20   mentors: [tomas-example]\n    learners: [ada-example]\n\
                 \x20   recurrence:\n      count: 3\n",
            )],
            "2026-04-15",
            Code::LearnerDoubleBooked,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].message.starts_with(
                "learner `ada-example` is in two sessions at once: `ada-study-group` at 2026-01-27 18:30"
            ),
            "{}",
            found[0].message
        );
        assert!(
            found[0].message.ends_with("(and 2 more times)"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_second_mentee_over_capacity_is_reported_at_the_pair_that_tips_it() {
        let mentors = example("data/mentors.yaml").replacen("mentees: 2", "mentees: 1", 1);
        let found = check_example(
            &[
                ("data/mentors.yaml", mentors),
                bo(),
                pairs(&[(
                    "bo-grace",
                    "grace-hopper-example",
                    "    start: 2026-04-01\n    phase: initial",
                )]),
            ],
            "2026-04-15",
            Code::MenteeCapacity,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/pairs.yaml:31:9");
        assert_eq!(found[0].related[0].0.to_string(), "data/mentors.yaml:12:16");
        assert!(
            found[0].message.contains("from 2026-04-01"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_pair_that_ends_the_day_before_frees_the_place() {
        let mentors = example("data/mentors.yaml").replacen("mentees: 2", "mentees: 1", 1);
        let found = check_example(
            &[
                ("data/mentors.yaml", mentors),
                bo(),
                pairs(&[(
                    "bo-grace",
                    "grace-hopper-example",
                    "    start: 2026-04-10\n    phase: initial",
                )]),
            ],
            "2026-04-15",
            Code::MenteeCapacity,
        );
        assert_eq!(found, vec![]);
    }

    #[test]
    fn weekly_hours_are_counted_in_the_mentors_own_week() {
        // Sunday 23:30 in London is already Monday in Madrid, the week of
        // Tomás's Thursday group session.
        let found = check_example(
            &[sessions(
                "  - id: tomas-planning\n    kind: mentor-circle\n    title: Planning\n\
                 \x20   start: 2026-02-08T23:30\n    duration_minutes: 90\n\
                 \x20   mentors: [tomas-example]\n",
            )],
            "2026-04-15",
            Code::WeeklyHours,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "mentor `tomas-example` is booked for 2.5 hours in the week of 2026-02-09, \
             more than their capacity of 2 hours a week"
        );
        assert_eq!(at(&found[0]), "data/sessions/first-cohort.yaml:57:12");
        assert_eq!(found[0].related[0].0.to_string(), "data/mentors.yaml:24:23");
    }

    #[test]
    fn many_overbooked_weeks_show_the_first_three_and_a_count() {
        // Three hours every Monday on top of the weekly review; weeks where
        // the review was skipped or cancelled are exactly at capacity.
        let found = check_example(
            &[sessions(
                "  - id: grace-workshops\n    kind: group\n    title: Workshop\n\
                 \x20   start: 2026-02-02T10:00\n    duration_minutes: 180\n\
                 \x20   mentors: [grace-hopper-example]\n    recurrence:\n      count: 6\n",
            )],
            "2026-04-15",
            Code::WeeklyHours,
        );
        let weeks: Vec<&str> = found
            .iter()
            .filter_map(|d| d.message.split("week of ").nth(1))
            .map(|rest| &rest[..10])
            .collect();
        assert_eq!(weeks, ["2026-02-02", "2026-02-09", "2026-02-23"]);
        assert!(
            found[0]
                .message
                .ends_with("(4 weeks are over in all; the first 3 are shown)"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_session_before_its_cohort_points_at_its_start() {
        let found = check_example(
            &[sessions(
                "  - id: welcome\n    kind: group\n    title: Welcome\n    cohort: first-cohort\n\
                 \x20   start: 2026-01-08T17:00\n    duration_minutes: 60\n\
                 \x20   mentors: [tomas-example]\n",
            )],
            "2026-04-15",
            Code::SessionOutsideCohort,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/sessions/more.yaml:6:12");
        assert_eq!(
            found[0].message,
            "session `welcome` meets on 2026-01-08, before cohort `first-cohort` starts on 2026-01-12"
        );
    }

    #[test]
    fn a_series_that_runs_past_its_cohort_points_at_its_end() {
        let found = check_example(
            &[sessions(
                "  - id: office-hours\n    kind: office-hours\n    title: Office hours\n\
                 \x20   cohort: first-cohort\n    start: 2026-03-26T17:00\n    duration_minutes: 60\n\
                 \x20   mentors: [tomas-example]\n    recurrence:\n      until: 2026-04-30\n\
                 \x20     skip: [2026-04-23]\n",
            )],
            "2026-04-15",
            Code::SessionOutsideCohort,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/sessions/more.yaml:10:14");
        assert!(
            found[0]
                .message
                .ends_with("(2 of its meetings fall outside the cohort)"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_meeting_moved_past_its_cohort_points_at_where_it_was_moved() {
        let file = "data/sessions/first-cohort.yaml";
        let text = example(file).replacen(
            "      - date: 2026-03-10\n",
            "      - date: 2026-03-31\n        moved_to: 2026-04-14T18:00\n      - date: 2026-03-10\n",
            1,
        );
        let found = check_example(&[(file, text)], "2026-04-15", Code::SessionOutsideCohort);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/sessions/first-cohort.yaml:30:19");
        assert_eq!(
            found[0].message,
            "session `ada-grace-weekly` meets on 2026-04-14, moved from 2026-03-31 to outside cohort `first-cohort`"
        );
    }

    /// Bo and Tomás, working together from 16 February to 24 April: the
    /// middle is 21 March, and a check-in is due from 28 February to 11 April.
    fn bo_and_tomas(midpoint: &str) -> Vec<(&'static str, String)> {
        let mut files = vec![
            bo(),
            pairs(&[(
                "bo-tomas",
                "tomas-example",
                "    start: 2026-02-16\n    planned_end: 2026-04-24\n    phase: working",
            )]),
        ];
        if !midpoint.is_empty() {
            files.push(sessions(&format!(
                "  - id: bo-tomas-midpoint\n    kind: midpoint\n    title: Midpoint\n\
                 \x20   start: {midpoint}T18:00\n    duration_minutes: 45\n\
                 \x20   mentors: [tomas-example]\n    learners: [bo-example]\n"
            )));
        }
        files
    }

    #[test]
    fn an_open_pair_past_its_middle_needs_a_midpoint_check_in() {
        let found = check_example(&bo_and_tomas(""), "2026-04-15", Code::MidpointMissing);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/pairs.yaml:31:9");
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "add a session with `kind: midpoint`, mentor `tomas-example` and learner \
                 `bo-example` between 2026-02-28 and 2026-04-11"
            )
        );
    }

    #[test]
    fn a_check_in_inside_the_window_satisfies_the_midpoint() {
        let found = check_example(
            &bo_and_tomas("2026-04-07"),
            "2026-04-15",
            Code::MidpointMissing,
        );
        assert_eq!(found, vec![]);
    }

    #[test]
    fn a_check_in_far_from_the_middle_is_named_but_does_not_count() {
        let found = check_example(
            &bo_and_tomas("2026-02-24"),
            "2026-04-15",
            Code::MidpointMissing,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].help.as_deref().is_some_and(
                |h| h.ends_with("the nearest one, on 2026-02-24, is too far from the middle")
            ),
            "{:?}",
            found[0].help
        );
    }

    #[test]
    fn a_middle_more_than_two_weeks_ahead_needs_nothing_yet() {
        let found = check_example(&bo_and_tomas(""), "2026-03-06", Code::MidpointMissing);
        assert_eq!(found, vec![]);
        let found = check_example(&bo_and_tomas(""), "2026-03-07", Code::MidpointMissing);
        assert_eq!(found.len(), 1);
    }

    /// Bo and Tomás as in [`bo_and_tomas`], with `extra` lines on the pair
    /// (a planned midpoint, pauses) and a midpoint session on `midpoint`.
    fn bo_and_tomas_with(extra: &str, midpoint: &str) -> Vec<(&'static str, String)> {
        let mut files = bo_and_tomas(midpoint);
        files[1] = pairs(&[(
            "bo-tomas",
            "tomas-example",
            &format!(
                "    start: 2026-02-16\n    planned_end: 2026-04-24\n    phase: working{extra}"
            ),
        )]);
        files
    }

    #[test]
    fn a_pair_on_hold_owes_no_midpoint_check_in_yet() {
        let paused = "\n    pauses:\n      - {from: 2026-04-01, by: learner, reason: Exams}";
        let found = check_example(
            &bo_and_tomas_with(paused, ""),
            "2026-04-15",
            Code::MidpointMissing,
        );
        assert_eq!(found, vec![]);
        // A learner whose status is paused puts their pair on hold too.
        let mut files = bo_and_tomas("");
        files[0]
            .1
            .push_str("status: paused\nstatus_date: 2026-04-01\n");
        let found = check_example(&files, "2026-04-15", Code::MidpointMissing);
        assert_eq!(found, vec![]);
    }

    #[test]
    fn a_pause_moves_the_middle_and_stretches_the_window() {
        // 16 February to 24 April is 67 days, 28 of them on hold (1–28
        // March): the middle of the other 39 is 4 April, and a check-in
        // counts from 14 March to 25 April (21 working days after).
        let paused = "\n    pauses:\n      - {from: 2026-03-01, until: 2026-03-28, by: mentor}";
        let found = check_example(
            &bo_and_tomas_with(paused, "2026-04-20"),
            "2026-04-15",
            Code::MidpointMissing,
        );
        assert_eq!(found, vec![]);
        let found = check_example(
            &bo_and_tomas_with(paused, ""),
            "2026-04-15",
            Code::MidpointMissing,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0]
                .message
                .ends_with("the middle of the relationship, 2026-04-04")
        );
        assert!(
            found[0]
                .help
                .as_deref()
                .is_some_and(|h| h.ends_with("between 2026-03-14 and 2026-04-25")),
            "{:?}",
            found[0].help
        );
    }

    #[test]
    fn the_planned_midpoint_is_the_date_checked() {
        // Planned for 1 March: a check-in on 7 April is near the middle of
        // the relationship, but not near the date the pair agreed on.
        let planned = "\n    midpoint: 2026-03-01";
        let found = check_example(
            &bo_and_tomas_with(planned, "2026-04-07"),
            "2026-04-15",
            Code::MidpointMissing,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "pair `bo-tomas` has no midpoint check-in near its planned midpoint, 2026-03-01"
        );
        assert_eq!(at(&found[0]), "data/pairs.yaml:37:15");
        let moved = check_example(
            &bo_and_tomas_with(planned, "2026-04-07"),
            "2026-04-15",
            Code::MidpointMoved,
        );
        assert_eq!(moved, vec![], "one problem, one diagnostic");
    }

    #[test]
    fn a_check_in_booked_off_the_planned_day_is_a_warning() {
        let found = check_example(
            &bo_and_tomas_with("\n    midpoint: 2026-03-21", "2026-03-24"),
            "2026-04-15",
            Code::MidpointMoved,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(
            found[0].message,
            "pair `bo-tomas` planned its midpoint check-in for 2026-03-21, but `bo-tomas-midpoint` is booked on 2026-03-24"
        );
        assert_eq!(at(&found[0]), "data/pairs.yaml:37:15");
        assert_eq!(
            found[0].related[0].0.to_string(),
            "data/sessions/more.yaml:5:12"
        );
        let on_the_day = check_example(
            &bo_and_tomas_with("\n    midpoint: 2026-03-24", "2026-03-24"),
            "2026-04-15",
            Code::MidpointMoved,
        );
        assert_eq!(on_the_day, vec![]);
    }

    #[test]
    fn a_running_series_marked_completed_is_held_in_the_future() {
        let found = check_example(
            &[sessions(
                "  - id: office-hours\n    kind: office-hours\n    title: Office hours\n\
                 \x20   start: 2026-04-01T17:00\n    duration_minutes: 60\n\
                 \x20   mentors: [tomas-example]\n    status: completed\n\
                 \x20   recurrence:\n      count: 4\n",
            )],
            "2026-04-15",
            Code::HeldInFuture,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/sessions/more.yaml:8:13");
        assert_eq!(
            found[0].message,
            "session `office-hours` is recorded as held on 2026-04-22, after today (2026-04-15)"
        );
        assert_eq!(
            found[0].help.as_deref(),
            Some(
                "a series still running keeps `status: scheduled` and records what was held \
                 with `held_through: 2026-04-15`"
            )
        );
    }

    #[test]
    fn held_through_marks_meetings_held_up_to_its_day_and_no_further() {
        let series = |through: &str| {
            sessions(&format!(
                "  - id: office-hours\n    kind: office-hours\n    title: Office hours\n\
                 \x20   start: 2026-04-01T17:00\n    duration_minutes: 60\n\
                 \x20   mentors: [tomas-example]\n    held_through: {through}\n\
                 \x20   recurrence:\n      count: 4\n    occurrences:\n\
                 \x20     - {{date: 2026-04-08, status: cancelled}}\n"
            ))
        };
        assert_eq!(
            check_example(&[series("2026-04-15")], "2026-04-15", Code::HeldInFuture),
            vec![]
        );
        let program = crate::testing::example_with(&[series("2026-04-15")]);
        let mut problems = crate::diagnostic::Diagnostics::new();
        let schedule = Schedule::expand(&program, &mut problems);
        let index = program.sessions.len() - 1;
        let statuses: Vec<SessionStatus> = schedule
            .of(SessionId(index as u32))
            .iter()
            .map(|o| o.status)
            .collect();
        assert_eq!(
            statuses,
            [
                SessionStatus::Completed,
                SessionStatus::Cancelled,
                SessionStatus::Completed,
                SessionStatus::Scheduled
            ]
        );
        let found = check_example(&[series("2026-04-22")], "2026-04-15", Code::HeldInFuture);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/sessions/more.yaml:8:19");
    }

    #[test]
    fn a_single_meeting_after_today_cannot_be_held() {
        let found = check_example(
            &[sessions(
                "  - id: workshop\n    kind: group\n    title: Workshop\n\
                 \x20   start: 2026-04-20T17:00\n    duration_minutes: 60\n\
                 \x20   mentors: [tomas-example]\n    status: completed\n",
            )],
            "2026-04-15",
            Code::HeldInFuture,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/sessions/more.yaml:8:13");
    }

    /// Bo, who withdrew on 1 March.
    fn bo_withdrawn() -> (&'static str, String) {
        let (path, mut text) = bo();
        text.push_str("status: withdrawn\nstatus_date: 2026-03-01\n");
        (path, text)
    }

    #[test]
    fn a_learner_listed_on_a_meeting_after_leaving_is_a_warning() {
        let found = check_example(
            &[
                bo_withdrawn(),
                sessions(
                    "  - id: study\n    kind: group\n    title: Study group\n\
                     \x20   start: 2026-03-05T17:00\n    duration_minutes: 60\n\
                     \x20   mentors: [tomas-example]\n    learners: [ada-example, bo-example]\n",
                ),
            ],
            "2026-04-15",
            Code::ListedWhileAway,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/sessions/more.yaml:8:29");
        assert_eq!(
            found[0].message,
            "learner `bo-example` is listed on `study` on 2026-03-05, after they left the program on 2026-03-01"
        );
    }

    #[test]
    fn a_learner_who_left_is_not_double_booked_by_meetings_they_are_out_of() {
        let clash = |day: &str| {
            check_example(
                &[
                    bo_withdrawn(),
                    sessions(&format!(
                        "  - id: study\n    kind: group\n    title: Study group\n\
                         \x20   start: {day}T17:00\n    duration_minutes: 60\n\
                         \x20   mentors: [tomas-example]\n    learners: [bo-example]\n\
                         \x20 - id: review\n    kind: office-hours\n    title: Review\n\
                         \x20   start: {day}T17:30\n    duration_minutes: 30\n\
                         \x20   mentors: [grace-hopper-example]\n    learners: [bo-example]\n"
                    )),
                ],
                "2026-04-15",
                Code::LearnerDoubleBooked,
            )
        };
        // Before 1 March Bo was in both; after it, in neither.
        assert_eq!(clash("2026-02-26").len(), 1);
        assert_eq!(clash("2026-03-05"), vec![]);
    }

    #[test]
    fn a_series_that_goes_on_after_a_learner_left_is_not_reported() {
        let found = check_example(
            &[
                bo_withdrawn(),
                sessions(
                    "  - id: study\n    kind: group\n    title: Study group\n\
                     \x20   start: 2026-02-19T17:00\n    duration_minutes: 60\n\
                     \x20   mentors: [tomas-example]\n    learners: [ada-example, bo-example]\n\
                     \x20   recurrence:\n      count: 4\n",
                ),
            ],
            "2026-04-15",
            Code::ListedWhileAway,
        );
        assert_eq!(found, vec![]);
    }

    #[test]
    fn a_paused_learner_on_the_attendance_of_a_meeting_is_a_warning() {
        let found = check_example(
            &[
                bo_and_tomas_with(
                    "\n    pauses:\n      - {from: 2026-03-01, until: 2026-03-14, by: learner}",
                    "",
                )
                .swap_remove(1),
                bo(),
                sessions(
                    "  - id: study\n    kind: group\n    title: Study group\n\
                     \x20   start: 2026-02-19T17:00\n    duration_minutes: 60\n\
                     \x20   mentors: [tomas-example]\n    learners: [ada-example, bo-example]\n\
                     \x20   status: completed\n    recurrence:\n      count: 4\n\
                     \x20   occurrences:\n      - date: 2026-03-05\n        attendance:\n\
                     \x20         - {learner: ada-example, attended: true}\n\
                     \x20         - {learner: bo-example, attended: false}\n",
                ),
            ],
            "2026-04-15",
            Code::ListedWhileAway,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/sessions/more.yaml:16:23");
        assert!(
            found[0]
                .message
                .ends_with("while they are paused (2026-03-01 to 2026-03-14)"),
            "{}",
            found[0].message
        );
    }

    /// The example's end reflection, with its status changed.
    fn reflection(status: &str) -> (&'static str, String) {
        let text = example("data/sessions/first-cohort.yaml").replacen(
            "    start: 2026-04-07T18:00\n    duration_minutes: 45\n    mentors: [grace-hopper-example]\n    learners: [ada-example]\n    status: completed",
            &format!("    start: 2026-04-07T18:00\n    duration_minutes: 45\n    mentors: [grace-hopper-example]\n    learners: [ada-example]\n    status: {status}"),
            1,
        );
        ("data/sessions/first-cohort.yaml", text)
    }

    #[test]
    fn a_completed_pair_whose_reflection_was_cancelled_has_none() {
        let found = check_example(
            &[reflection("cancelled")],
            "2026-04-15",
            Code::EndReflectionMissing,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/pairs.yaml:3:9");
        assert!(
            found[0]
                .help
                .as_deref()
                .is_some_and(|h| h.ends_with("between 2026-01-12 and 2026-04-23")),
            "{:?}",
            found[0].help
        );
    }

    #[test]
    fn a_withdrawn_pair_needs_no_reflection() {
        let pairs = example("data/pairs.yaml").replacen(
            "end_reason: completed",
            "end_reason: withdrawn",
            1,
        );
        let found = check_example(
            &[reflection("cancelled"), ("data/pairs.yaml", pairs)],
            "2026-04-15",
            Code::EndReflectionMissing,
        );
        assert_eq!(found, vec![]);
    }

    #[test]
    fn a_series_that_ends_before_it_starts_is_refused() {
        let found = check_example(
            &[sessions(
                "  - id: office-hours\n    kind: office-hours\n    title: Office hours\n\
                 \x20   start: 2026-03-05T17:00\n    duration_minutes: 60\n\
                 \x20   mentors: [tomas-example]\n    recurrence:\n      until: 2026-01-30\n",
            )],
            "2026-04-15",
            Code::BadRecurrence,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/sessions/more.yaml:9:14");
    }

    #[test]
    fn a_series_of_no_meetings_is_refused() {
        let found = check_example(
            &[sessions(
                "  - id: office-hours\n    kind: office-hours\n    title: Office hours\n\
                 \x20   start: 2026-03-05T17:00\n    duration_minutes: 60\n\
                 \x20   mentors: [tomas-example]\n    recurrence:\n      count: 0\n",
            )],
            "2026-04-15",
            Code::BadRecurrence,
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(at(&found[0]), "data/sessions/more.yaml:9:14");
    }

    #[test]
    fn hours_are_printed_without_trailing_zeros() {
        assert_eq!(hours(180), "3");
        assert_eq!(hours(195), "3.25");
        assert_eq!(hours(90), "1.5");
    }
}
