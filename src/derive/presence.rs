//! Who takes part when: a learner is out of every session after leaving the
//! program and while paused, and a pair is on hold while paused, so the
//! checks, figures and feeds of those days leave them alone.
//!
//! A learner leaves on the day they enter an exit stage, or on their
//! `status_date` when their status is `withdrawn`, and is gone from the day
//! after. A learner pauses for the days of a pause of one of their pairs
//! that they asked for (`by: learner`), or, with `status: paused` and no
//! such pause recorded on their `status_date`, from the day after it on.
//! A pair is on hold for the days of its own pauses, whoever asked for
//! them, and while its learner is paused.

use chrono::{Duration, NaiveDate};

use super::occurrences::{Occurrence, Schedule};
use crate::model::{LearnerId, LearnerStatus, Pair, PairId, Party, Program};

/// Days away or on hold, from a first day through a last one (`None` for a
/// span that goes on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Span {
    /// First day.
    pub from: NaiveDate,
    /// Last day, if it ends.
    pub until: Option<NaiveDate>,
}

impl Span {
    /// Whether the span holds a day.
    pub(crate) fn covers(&self, day: NaiveDate) -> bool {
        self.from <= day && self.until.is_none_or(|until| day <= until)
    }
}

/// Why a learner is out of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Away {
    /// They left the program on this day.
    Left(NaiveDate),
    /// They are paused for these days.
    Paused(Span),
}

/// When each learner takes part and each pair is on hold.
#[derive(Debug, Default)]
pub struct Presence {
    /// Per learner, the day they left the program.
    left: Vec<Option<NaiveDate>>,
    /// Per learner, their own pauses, sorted.
    paused: Vec<Vec<Span>>,
    /// Per learner, the days their clocks stop: their own pauses and every
    /// pause of their pairs, merged.
    resting: Vec<Vec<Span>>,
    /// Per pair, the days it is on hold, merged.
    on_hold: Vec<Vec<Span>>,
}

impl Presence {
    /// Reads leaving dates, statuses and pauses of the whole program.
    pub(crate) fn new(program: &Program) -> Presence {
        let n = program.learners.len();
        let left = program
            .learners
            .iter()
            .map(|l| {
                let exit = l
                    .journey
                    .iter()
                    .filter(|e| program.stage(e.stage).exit)
                    .map(|e| e.date)
                    .min();
                let status = (l.status == LearnerStatus::Withdrawn)
                    .then_some(l.status_date)
                    .flatten();
                match (exit, status) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                }
            })
            .collect();
        let mut paused: Vec<Vec<Span>> = vec![Vec::new(); n];
        let mut resting: Vec<Vec<Span>> = vec![Vec::new(); n];
        for pair in &program.pairs {
            let learner = pair.learner.index();
            if learner >= n {
                continue;
            }
            for pause in &pair.pauses {
                let span = Span {
                    from: pause.from,
                    until: pause.until,
                };
                resting[learner].push(span);
                if pause.by == Party::Learner {
                    paused[learner].push(span);
                }
            }
        }
        for (index, learner) in program.learners.iter().enumerate() {
            let (LearnerStatus::Paused, Some(day)) = (learner.status, learner.status_date) else {
                continue;
            };
            if paused[index].iter().any(|s| s.covers(day)) {
                continue;
            }
            if let Some(from) = day.succ_opt() {
                paused[index].push(Span { from, until: None });
            }
        }
        for (index, spans) in paused.iter_mut().enumerate() {
            spans.sort();
            resting[index].extend(spans.iter().copied());
            resting[index] = merged(std::mem::take(&mut resting[index]));
        }
        let on_hold = program
            .pairs
            .iter()
            .map(|pair| {
                let own = pair.pauses.iter().map(|p| Span {
                    from: p.from,
                    until: p.until,
                });
                let learner = paused.get(pair.learner.index()).into_iter().flatten();
                merged(own.chain(learner.copied()).collect())
            })
            .collect();
        Presence {
            left,
            paused,
            resting,
            on_hold,
        }
    }

    /// The day a learner left the program, if they did.
    pub(crate) fn left(&self, learner: LearnerId) -> Option<NaiveDate> {
        self.left.get(learner.index()).copied().flatten()
    }

    /// Why a learner is out of the sessions of a day, if they are.
    pub(crate) fn away(&self, learner: LearnerId, day: NaiveDate) -> Option<Away> {
        if let Some(left) = self.left(learner).filter(|left| *left < day) {
            return Some(Away::Left(left));
        }
        self.paused
            .get(learner.index())
            .into_iter()
            .flatten()
            .find(|s| s.covers(day))
            .map(|s| Away::Paused(*s))
    }

    /// Whether a learner takes part in the sessions of a day.
    pub fn takes_part(&self, learner: LearnerId, day: NaiveDate) -> bool {
        self.away(learner, day).is_none()
    }

    /// The days a learner's journey clocks stop, merged and sorted.
    pub(crate) fn resting(&self, learner: LearnerId) -> &[Span] {
        self.resting.get(learner.index()).map_or(&[], Vec::as_slice)
    }

    /// The days a pair is on hold, merged and sorted.
    pub(crate) fn on_hold(&self, pair: PairId) -> &[Span] {
        self.on_hold.get(pair.index()).map_or(&[], Vec::as_slice)
    }
}

/// Spans joined where they overlap or touch, in order.
fn merged(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        if let Some(last) = out.last_mut() {
            let touches = match last.until {
                None => true,
                Some(until) => until.succ_opt().is_none_or(|next| span.from <= next),
            };
            if touches {
                last.until = match (last.until, span.until) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
                continue;
            }
        }
        out.push(span);
    }
    out
}

/// Whether any of the spans holds a day.
pub(crate) fn covered(spans: &[Span], day: NaiveDate) -> bool {
    spans.iter().any(|s| s.covers(day))
}

/// How many days from `from` through `to` the spans hold.
pub(crate) fn days_held(spans: &[Span], from: NaiveDate, to: NaiveDate) -> i64 {
    spans
        .iter()
        .map(|s| {
            let first = s.from.max(from);
            let last = s.until.map_or(to, |u| u.min(to));
            ((last - first).num_days() + 1).max(0)
        })
        .sum()
}

/// The day reached `days` days after `start`, counting only days the spans
/// (merged, sorted) do not hold; a span that never ends is never crossed.
pub(crate) fn working_days_after(start: NaiveDate, days: i64, spans: &[Span]) -> NaiveDate {
    let mut day = start;
    let mut left = days.max(0);
    for span in spans {
        match span.until {
            Some(until) if until < day => continue,
            _ => {}
        }
        let gap = (span.from - day).num_days();
        if gap > left {
            break;
        }
        left -= gap.max(0);
        match span.until.and_then(|u| u.succ_opt()) {
            Some(next) => day = next.max(day),
            None => return NaiveDate::MAX,
        }
    }
    day.checked_add_signed(Duration::days(left))
        .unwrap_or(NaiveDate::MAX)
}

/// Smallest slack either side of a midpoint that a check-in may fall in.
const MIDPOINT_MIN_SLACK_DAYS: i64 = 21;

/// When a pair's midpoint check-in is due, and what was booked for it.
#[derive(Debug, Clone)]
pub(crate) struct Midpoint<'a> {
    /// The pair's planned `midpoint`, or else the middle of its days not on
    /// hold.
    pub due: NaiveDate,
    /// Whether `due` is the planned date.
    pub planned: bool,
    /// The pair's last day, ended or planned (or its cohort's).
    pub last: NaiveDate,
    /// The first day a check-in counts.
    pub from: NaiveDate,
    /// The last day a check-in counts, later by any days on hold between.
    pub to: NaiveDate,
    /// The live midpoint meeting nearest `due`, if any was booked.
    pub booked: Option<&'a Occurrence>,
}

impl Midpoint<'_> {
    /// Whether the booked meeting falls between `from` and `to`.
    pub(crate) fn held_in_time(&self) -> bool {
        self.booked
            .is_some_and(|o| (self.from..=self.to).contains(&o.date()))
    }
}

/// A pair's midpoint: due on its planned `midpoint`, or in the middle of
/// its days not on hold; a check-in counts within a fifth of those days
/// (at least 21) either side, the window stretched over days on hold.
/// `None` when the pair's dates run backwards (reported with its dates).
pub(crate) fn midpoint<'a>(
    program: &Program,
    schedule: &'a Schedule,
    id: PairId,
) -> Option<Midpoint<'a>> {
    let pair = program.pair(id);
    let last = last_day(program, pair);
    let hold = schedule.presence.on_hold(id);
    let length = (last - pair.start).num_days();
    if length < 0 {
        return None;
    }
    let working = (length - days_held(hold, pair.start, last)).max(0);
    let (due, planned) = match pair.midpoint {
        Some(date) => (date, true),
        None => (working_days_after(pair.start, working / 2, hold), false),
    };
    let slack = (working / 5).max(MIDPOINT_MIN_SLACK_DAYS);
    let from = due
        .checked_sub_signed(Duration::days(slack))
        .unwrap_or(NaiveDate::MIN);
    let to = working_days_after(due, slack, hold);
    let booked = schedule
        .midpoints(id)
        .min_by_key(|o| ((o.date() - due).num_days().abs(), o.start));
    Some(Midpoint {
        due,
        planned,
        last,
        from,
        to,
        booked,
    })
}

/// A pair's last day: its end, else its planned end, else its cohort's.
pub(crate) fn last_day(program: &Program, pair: &Pair) -> NaiveDate {
    pair.end
        .or(pair.planned_end)
        .unwrap_or_else(|| program.cohort(program.learner(pair.learner).cohort).end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    fn span(from: &str, until: Option<&str>) -> Span {
        Span {
            from: day(from),
            until: until.map(day),
        }
    }

    #[test]
    fn spans_that_touch_are_joined() {
        let joined = merged(vec![
            span("2026-03-10", Some("2026-03-20")),
            span("2026-03-01", Some("2026-03-09")),
            span("2026-04-01", None),
            span("2026-04-10", Some("2026-04-12")),
        ]);
        assert_eq!(
            joined,
            [
                span("2026-03-01", Some("2026-03-20")),
                span("2026-04-01", None)
            ]
        );
    }

    #[test]
    fn days_on_hold_are_counted_inside_the_range_only() {
        let spans = [span("2026-03-10", Some("2026-03-19"))];
        assert_eq!(days_held(&spans, day("2026-03-01"), day("2026-03-31")), 10);
        assert_eq!(days_held(&spans, day("2026-03-15"), day("2026-03-31")), 5);
        assert_eq!(days_held(&spans, day("2026-03-20"), day("2026-03-31")), 0);
    }

    #[test]
    fn working_days_step_over_a_pause() {
        let spans = [span("2026-03-10", Some("2026-03-19"))];
        // Nine days from 1 March reach 10 March, the first day on hold:
        // the count goes on from 20 March.
        assert_eq!(
            working_days_after(day("2026-03-01"), 8, &spans),
            day("2026-03-09")
        );
        assert_eq!(
            working_days_after(day("2026-03-01"), 9, &spans),
            day("2026-03-20")
        );
        assert_eq!(
            working_days_after(day("2026-03-01"), 12, &spans),
            day("2026-03-23")
        );
        assert_eq!(
            working_days_after(day("2026-03-01"), 20, &[span("2026-03-05", None)]),
            NaiveDate::MAX
        );
    }
}
