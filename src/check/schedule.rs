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
    LearnerId, Pair, Phase, Pos, Program, SeriesEnd, Session, SessionId, SessionKind, SessionStatus,
};

mod bookings;
mod checkins;
mod dates;
#[cfg(test)]
mod tests;

use bookings::{Who, double_bookings, mentee_capacity, weekly_hours};
use checkins::{Reflections, midpoints, reflections};
use dates::{held_in_future, listed_while_away, outside_cohort, series_ends};

/// Double bookings, mentor capacity, cohort dates, midpoint check-ins and end
/// reflections, as of `today`.
pub(crate) fn check(program: &Program, schedule: &Schedule, today: NaiveDate) -> Vec<Diagnostic> {
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
