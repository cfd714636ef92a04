//! Recurring sessions expanded into concrete occurrences.
//!
//! A series repeats on the same local wall-clock time every N weeks, so a
//! 18:00 meeting stays at 18:00 after the clocks change; its instant moves.
//! Local times that fall in a daylight-saving gap are read with the offset
//! before the gap, as RFC 5545 §3.3.5 prescribes, so every calendar app
//! agrees with us.

use std::ops::Range;

use rayon::prelude::*;

use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use super::presence::Presence;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::model::{
    Attendance, Cancellation, LearnerId, OccurrenceChange, PairId, Program, SeriesEnd, Session,
    SessionId, SessionKind, SessionStatus,
};

/// A series longer than this is almost certainly a typo in `count` or
/// `until`; it is refused rather than expanded into millions of meetings.
pub const MAX_OCCURRENCES: usize = 520;

/// One meeting of a session.
#[derive(Debug, Clone)]
pub struct Occurrence {
    /// The session or series it belongs to.
    pub session: SessionId,
    /// Local start, where it was moved to if it was.
    pub local_start: NaiveDateTime,
    /// Local start of its place in the series, which names it for good
    /// (the `RECURRENCE-ID` of a feed) even when it was moved.
    pub slot: NaiveDateTime,
    /// Start instant.
    pub start: DateTime<Utc>,
    /// End instant.
    pub end: DateTime<Utc>,
    /// Status after per-date changes.
    pub status: SessionStatus,
    /// Index of the per-date change applied, if any.
    pub change: Option<usize>,
}

impl Occurrence {
    /// Local date of the meeting.
    pub fn date(&self) -> NaiveDate {
        self.local_start.date()
    }

    /// The per-date change applied to this occurrence.
    pub fn change<'a>(&self, session: &'a Session) -> Option<&'a OccurrenceChange> {
        self.change.and_then(|i| session.changes.get(i))
    }

    /// Attendance: the per-date list when given, the series' otherwise.
    pub fn attendance<'a>(&self, session: &'a Session) -> &'a [Attendance] {
        self.change(session)
            .and_then(|c| c.attendance.as_deref())
            .unwrap_or(&session.attendance)
    }

    /// Cancellation details, if cancelled.
    pub fn cancellation<'a>(&self, session: &'a Session) -> Option<&'a Cancellation> {
        self.change(session)
            .and_then(|c| c.cancellation.as_ref())
            .or(session.cancellation.as_ref())
    }

    /// Room or address: the meeting's own when it moved somewhere else.
    pub fn location<'a>(&self, session: &'a Session) -> Option<&'a String> {
        self.change(session)
            .and_then(|c| c.location.as_ref())
            .or(session.location.as_ref())
    }

    /// Meeting link: the meeting's own when it has one.
    pub fn link<'a>(&self, session: &'a Session) -> Option<&'a String> {
        self.change(session)
            .and_then(|c| c.link.as_ref())
            .or(session.link.as_ref())
    }

    /// Whether it was moved from its place in the series.
    pub fn is_moved(&self) -> bool {
        self.local_start != self.slot
    }

    /// Whether the meeting takes or took place (not cancelled).
    pub fn is_live(&self) -> bool {
        self.status != SessionStatus::Cancelled
    }
}

/// Every occurrence of every session, and who takes part when.
#[derive(Debug, Default)]
pub struct Schedule {
    /// Occurrences, grouped by session in session order.
    pub occurrences: Vec<Occurrence>,
    by_session: Vec<Range<usize>>,
    /// When each learner takes part and each pair is on hold.
    pub presence: Presence,
    /// Per pair, its live midpoint meetings (indexes into `occurrences`).
    midpoints: Vec<Vec<usize>>,
}

impl Schedule {
    /// Expands every session; inconsistent rules are reported.
    pub fn expand(program: &Program, diagnostics: &mut Diagnostics) -> Schedule {
        // Sessions expand independently: in chunks on every core, then
        // joined in session order.
        let sessions: Vec<(SessionId, &Session)> = program.sessions_with_ids().collect();
        let chunks: Vec<(Schedule, Diagnostics)> = sessions
            .par_chunks(CHUNK)
            .map(|sessions| {
                let mut part = Schedule::default();
                let mut problems = Diagnostics::new();
                for &(id, session) in sessions {
                    let first = part.occurrences.len();
                    expand_session(program, id, session, &mut part.occurrences, &mut problems);
                    part.by_session.push(first..part.occurrences.len());
                }
                (part, problems)
            })
            .collect();
        let mut schedule = Schedule::default();
        for (part, problems) in chunks {
            let base = schedule.occurrences.len();
            schedule.occurrences.extend(part.occurrences);
            schedule.by_session.extend(
                part.by_session
                    .into_iter()
                    .map(|r| r.start + base..r.end + base),
            );
            diagnostics.extend(problems);
        }
        schedule.presence = Presence::new(program);
        schedule.midpoints = midpoint_meetings(program, &schedule);
        schedule
    }

    /// Whether a learner is invited to a meeting: listed on its session, and
    /// neither gone nor paused on its day.
    pub fn invites(&self, session: &Session, occurrence: &Occurrence, learner: LearnerId) -> bool {
        session.learners.contains(&learner) && self.presence.takes_part(learner, occurrence.date())
    }

    /// The learners a meeting invites: those of its session who are neither
    /// gone nor paused on its day.
    pub fn invited<'a>(
        &'a self,
        session: &'a Session,
        occurrence: &'a Occurrence,
    ) -> impl Iterator<Item = LearnerId> + Clone + 'a {
        let day = occurrence.date();
        session
            .learners
            .iter()
            .copied()
            .filter(move |l| self.presence.takes_part(*l, day))
    }

    /// Whether a learner was there: held, invited, and listed as attending
    /// (or no attendance was taken, which means everyone invited came).
    pub fn attended(&self, session: &Session, occurrence: &Occurrence, learner: LearnerId) -> bool {
        if occurrence.status != SessionStatus::Completed
            || !self.invites(session, occurrence, learner)
        {
            return false;
        }
        let list = occurrence.attendance(session);
        list.is_empty() || list.iter().any(|a| a.learner == learner && a.attended)
    }

    /// The live midpoint meetings of a pair: `kind: midpoint` sessions that
    /// list both its mentor and its learner.
    pub fn midpoints(&self, pair: PairId) -> impl Iterator<Item = &Occurrence> {
        self.midpoints
            .get(pair.index())
            .into_iter()
            .flatten()
            .filter_map(|&i| self.occurrences.get(i))
    }

    /// The occurrences of one session.
    pub fn of(&self, session: SessionId) -> &[Occurrence] {
        self.by_session
            .get(session.index())
            .map_or(&[], |range| &self.occurrences[range.clone()])
    }
}

/// Sessions expanded together on one core.
const CHUNK: usize = 2048;

/// The series dates of a session: its start date, then every N weeks.
pub fn series_dates(session: &Session) -> Vec<NaiveDate> {
    let first = session.start.date();
    let Some(rule) = &session.recurrence else {
        return vec![first];
    };
    let step = Duration::weeks(i64::from(rule.every_weeks));
    let mut dates = Vec::new();
    let mut date = first;
    loop {
        let within = match rule.end {
            SeriesEnd::Count(count) => dates.len() < count as usize,
            SeriesEnd::Until(until) => date <= until,
        };
        if !within || dates.len() > MAX_OCCURRENCES {
            break;
        }
        dates.push(date);
        match date.checked_add_signed(step) {
            Some(next) => date = next,
            None => break,
        }
    }
    dates
}

fn expand_session(
    program: &Program,
    id: SessionId,
    session: &Session,
    out: &mut Vec<Occurrence>,
    diagnostics: &mut Diagnostics,
) {
    let dates = series_dates(session);
    if dates.len() > MAX_OCCURRENCES {
        if let Some(rule) = &session.recurrence {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadRecurrence,
                    format!("this series would have more than {MAX_OCCURRENCES} meetings"),
                )
                .at(program.locate(rule.pos))
                .help("check `count` or `until`; split a very long series in two"),
            );
        }
        return;
    }
    if let Some(rule) = &session.recurrence {
        for skipped in &rule.skip {
            if !dates.contains(skipped) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::BadRecurrence,
                        format!("{skipped} is not a date of this series, so it cannot be skipped"),
                    )
                    .at(program.locate(rule.pos))
                    .help(format!(
                        "series dates fall on {}s every {} week(s) from {}",
                        session.start.format("%A"),
                        rule.every_weeks,
                        session.start.date()
                    )),
                );
            }
        }
    }
    let skip: &[NaiveDate] = session.recurrence.as_ref().map_or(&[], |r| &r.skip);
    for change in &session.changes {
        if !dates.contains(&change.date) || skip.contains(&change.date) {
            diagnostics.push(
                Diagnostic::new(
                    Code::BadRecurrence,
                    format!("{} is not a meeting of this session", change.date),
                )
                .at(program.locate(change.pos))
                .help("per-date changes must name a date the series meets on"),
            );
        }
    }
    let length = Duration::minutes(i64::from(session.duration_minutes));
    let first = out.len();
    for date in dates.into_iter().filter(|d| !skip.contains(d)) {
        let slot = date.and_time(session.start.time());
        let change = session.changes.iter().position(|c| c.date == date);
        let local_start = change
            .and_then(|i| session.changes[i].moved_to)
            .unwrap_or(slot);
        let start = to_instant(session.timezone, local_start);
        // A meeting's own status comes first; then the series' record of
        // what was held up to a day; then the series' status.
        let held = session
            .held_through
            .is_some_and(|through| local_start.date() <= through);
        let status = change
            .and_then(|i| session.changes[i].status)
            .or(held.then_some(SessionStatus::Completed))
            .unwrap_or(session.status);
        out.push(Occurrence {
            session: id,
            local_start,
            slot,
            start,
            end: start + length,
            status,
            change,
        });
    }
    moved_onto_another(program, session, &out[first..], diagnostics);
}

/// E057: a meeting moved to the very time another meeting of its series
/// keeps would be one meeting written twice.
fn moved_onto_another(
    program: &Program,
    session: &Session,
    meetings: &[Occurrence],
    diagnostics: &mut Diagnostics,
) {
    for moved in meetings.iter().filter(|o| o.is_moved()) {
        let Some(other) = meetings
            .iter()
            .find(|o| o.slot != moved.slot && o.local_start == moved.local_start)
        else {
            continue;
        };
        let Some(change) = moved.change(session) else {
            continue;
        };
        diagnostics.push(
            Diagnostic::new(
                Code::BadRecurrence,
                format!(
                    "the meeting of {} is moved to {}, when the meeting of {} already takes place",
                    moved.slot.date(),
                    moved.local_start.format("%Y-%m-%d %H:%M"),
                    other.slot.date()
                ),
            )
            .at(program.locate(change.moved_pos))
            .label("the time of another meeting of this series")
            .help(format!(
                "move it to a free time, or, if the two meetings became one, cancel the meeting of {} instead",
                moved.slot.date()
            )),
        );
    }
}

/// Every pair's live midpoint meetings, found through the learners of each
/// midpoint session, so the work grows with sessions and pairs, not with
/// their product.
fn midpoint_meetings(program: &Program, schedule: &Schedule) -> Vec<Vec<usize>> {
    let mut by_learner: Vec<Vec<usize>> = vec![Vec::new(); program.learners.len()];
    for (index, pair) in program.pairs.iter().enumerate() {
        if let Some(list) = by_learner.get_mut(pair.learner.index()) {
            list.push(index);
        }
    }
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); program.pairs.len()];
    for (index, session) in program.sessions.iter().enumerate() {
        if session.kind != SessionKind::Midpoint {
            continue;
        }
        let Some(range) = schedule.by_session.get(index) else {
            continue;
        };
        let mut learners = session.learners.clone();
        learners.sort_unstable();
        learners.dedup();
        for learner in learners {
            for &pair in by_learner.get(learner.index()).into_iter().flatten() {
                if !session.mentors.contains(&program.pairs[pair].mentor) {
                    continue;
                }
                out[pair].extend(range.clone().filter(|&i| schedule.occurrences[i].is_live()));
            }
        }
    }
    out
}

/// The instant of a local wall-clock time in a zone (RFC 5545 §3.3.5: the
/// earlier of two ambiguous instants; in a gap, the offset before the gap).
pub fn to_instant(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(earlier, _) => earlier.with_timezone(&Utc),
        LocalResult::None => {
            let before = local - Duration::hours(3);
            let offset = zone.offset_from_utc_datetime(&before).fix();
            (local - Duration::seconds(i64::from(offset.local_minus_utc()))).and_utc()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap_or_default()
    }

    #[test]
    fn wall_clock_time_is_kept_across_daylight_saving() {
        let london: Tz = chrono_tz::Europe::London;
        let before = to_instant(london, at("2026-03-24T18:00"));
        let after = to_instant(london, at("2026-03-31T18:00"));
        assert_eq!(before.format("%H:%M").to_string(), "18:00");
        assert_eq!(after.format("%H:%M").to_string(), "17:00");
    }

    #[test]
    fn a_time_in_the_spring_gap_uses_the_offset_before_it() {
        let new_york: Tz = chrono_tz::America::New_York;
        let instant = to_instant(new_york, at("2026-03-08T02:30"));
        assert_eq!(
            instant.format("%Y-%m-%dT%H:%M").to_string(),
            "2026-03-08T07:30"
        );
    }

    /// The example program's weekly review with `changes` under its
    /// `occurrences`, expanded: its meetings and the problems found.
    fn weekly_with(changes: &str) -> (Vec<Occurrence>, Vec<Diagnostic>) {
        let file = "data/sessions/first-cohort.yaml";
        let text = crate::testing::example(file).replacen(
            "    occurrences:\n",
            &format!("    occurrences:\n{changes}"),
            1,
        );
        let program = crate::testing::example_with(&[(file, text)]);
        let mut problems = Diagnostics::new();
        let schedule = Schedule::expand(&program, &mut problems);
        let (weekly, _) = program
            .sessions_with_ids()
            .find(|(_, s)| s.key == "ada-grace-weekly")
            .expect("no weekly review");
        (
            schedule.of(weekly).to_vec(),
            problems.iter().cloned().collect(),
        )
    }

    #[test]
    fn a_moved_meeting_keeps_its_place_in_the_series_and_takes_its_new_time() {
        // 24 March at 18:00 moved to Tuesday 31 March at 19:30, after the
        // clocks went forward: 18:30 UTC.
        let (meetings, problems) = weekly_with(
            "      - date: 2026-03-24\n        moved_to: 2026-03-31T19:30\n\
             \x20       location: Room 2\n",
        );
        assert_eq!(problems.len(), 0, "{problems:#?}");
        let moved: Vec<&Occurrence> = meetings.iter().filter(|o| o.is_moved()).collect();
        assert_eq!(moved.len(), 1);
        assert_eq!(moved[0].slot, at("2026-03-24T18:00"));
        assert_eq!(moved[0].local_start, at("2026-03-31T19:30"));
        assert_eq!(
            moved[0].start.format("%Y-%m-%dT%H:%M").to_string(),
            "2026-03-31T18:30"
        );
        assert_eq!(moved[0].date().to_string(), "2026-03-31");
    }

    #[test]
    fn a_meeting_moved_onto_another_of_its_series_is_refused() {
        let (_, problems) =
            weekly_with("      - date: 2026-03-24\n        moved_to: 2026-03-31T18:00\n");
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].code, Code::BadRecurrence);
        assert_eq!(
            crate::testing::at(&problems[0]),
            "data/sessions/first-cohort.yaml:30:19"
        );
    }

    #[test]
    fn an_ambiguous_autumn_time_takes_the_first_instant() {
        let london: Tz = chrono_tz::Europe::London;
        let instant = to_instant(london, at("2025-10-26T01:30"));
        assert_eq!(instant.format("%H:%M").to_string(), "00:30");
    }
}
