//! E050 and E051: nobody is in two sessions at once; E052 and E053: mentors
//! are not booked past their mentees or their weekly hours.

use super::*;

/// Weeks over capacity reported per mentor; the rest are only counted, so one
/// overbooked series does not bury every other diagnostic.
const WEEKS_SHOWN: usize = 3;

/// Whose bookings a double-booking check looks at.
#[derive(Clone, Copy)]
pub(super) enum Who {
    Mentor,
    Learner,
}

impl Who {
    pub(super) fn code(self) -> Code {
        match self {
            Who::Mentor => Code::MentorDoubleBooked,
            Who::Learner => Code::LearnerDoubleBooked,
        }
    }

    pub(super) fn noun(self) -> &'static str {
        match self {
            Who::Mentor => "mentor",
            Who::Learner => "learner",
        }
    }

    pub(super) fn count(self, program: &Program) -> usize {
        match self {
            Who::Mentor => program.mentors.len(),
            Who::Learner => program.learners.len(),
        }
    }

    pub(super) fn key(self, program: &Program, index: usize) -> &str {
        match self {
            Who::Mentor => &program.mentors[index].key,
            Who::Learner => &program.learners[index].key,
        }
    }

    /// The people of this kind in a session, each once.
    pub(super) fn in_session(self, session: &Session) -> Vec<usize> {
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
    pub(super) later: &'a Occurrence,
    /// The meeting of the other session it overlaps.
    pub(super) earlier: &'a Occurrence,
    /// Everyone booked in both.
    pub(super) people: BTreeSet<usize>,
    /// Start instants of the later session's overlapping meetings.
    pub(super) meetings: BTreeSet<DateTime<Utc>>,
}

/// E050 and E051: one person in two sessions whose times overlap, compared
/// as instants since the two sessions may be in different zones.
pub(super) fn double_bookings(
    program: &Program,
    schedule: &Schedule,
    who: Who,
    out: &mut Vec<Diagnostic>,
) {
    let people: Vec<Vec<usize>> = program.sessions.iter().map(|s| who.in_session(s)).collect();
    let mut bookings: Vec<Vec<&Occurrence>> = vec![Vec::new(); who.count(program)];
    for occurrence in schedule.occurrences.iter().filter(|o| o.is_live()) {
        let learners = &program.session(occurrence.session).learners;
        for &person in &people[occurrence.session.index()] {
            // A learner who has left or is paused is not expected there.
            let away = matches!(who, Who::Learner)
                && learners.iter().any(|&learner| {
                    learner.index() == person
                        && !schedule.presence.takes_part(learner, occurrence.date())
                });
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
pub(super) fn mentee_capacity(program: &Program, out: &mut Vec<Diagnostic>) {
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
pub(super) fn weekly_hours(program: &Program, schedule: &Schedule, out: &mut Vec<Diagnostic>) {
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
