//! Progress figures per cohort, as of a day: what is working, for whom, and
//! where learners drop off.
//!
//! Every figure is a pure function of the program, its expanded schedule and
//! `today`; `docs/metrics.md` defines each one (numerator, denominator, what
//! is left out and why). Each figure carries the number of learners it was
//! computed over, so the renderer can withhold what would describe fewer
//! people than the program's minimum group size.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use rayon::prelude::*;

use super::occurrences::{Occurrence, Schedule};
use crate::model::{
    Cohort, CohortId, Learner, LearnerId, LearnerStatus, MentorId, OutcomeId, Pair, PairId, PathId,
    Program, Session, SessionId, SessionKind, SessionStatus, StageId,
};

mod figures;
#[cfg(test)]
mod tests;

use figures::Context;

/// A share: how many of how many, and over how many learners.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rate {
    /// What is counted.
    pub numerator: u32,
    /// What it is counted among.
    pub denominator: u32,
    /// Distinct learners behind the denominator.
    pub learners: u32,
}

impl Rate {
    /// The share in percent, when there is a denominator.
    pub fn percent(&self) -> Option<f64> {
        (self.denominator > 0)
            .then(|| 100.0 * f64::from(self.numerator) / f64::from(self.denominator))
    }
}

/// A median or mean of values, one or more per learner.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Average {
    /// The median or mean, when there are values.
    pub value: Option<f64>,
    /// How many values.
    pub count: u32,
    /// Distinct learners behind the values.
    pub learners: u32,
}

/// A share for one week.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeekRate {
    /// Week number, 1 for the first.
    pub week: u32,
    /// The share.
    pub rate: Rate,
}

/// An average for one week.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeekAverage {
    /// Week number, 1 for the cohort's first week.
    pub week: u32,
    /// The average.
    pub average: Average,
}

/// How many learners reached a journey stage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageCount {
    /// The stage.
    pub stage: StageId,
    /// Learners who reached it or a later stage.
    pub reached: u32,
}

/// Attainment of one outcome.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutcomeRate {
    /// The outcome.
    pub outcome: OutcomeId,
    /// Attained ÷ learners whose path serves it.
    pub rate: Rate,
}

/// How soon learners who leave do so.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Dropout {
    /// Withdrawn learners, among the group's learners.
    pub withdrawn: Rate,
    /// Withdrawals within the first three sessions, among withdrawals.
    pub early: Rate,
    /// Median days from match (or intake, when never matched) to withdrawal.
    pub days: Average,
}

/// How many of a group's learners have each status, as their files say.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Statuses {
    /// In the program.
    pub active: u32,
    /// Taking a break.
    pub paused: u32,
    /// Completed the program.
    pub graduated: u32,
    /// Left before graduating.
    pub withdrawn: u32,
}

/// Every figure for one group of learners.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// Learners in the group.
    pub learners: u32,
    /// The group's learners by status.
    pub statuses: Statuses,
    /// Graduated ÷ matched.
    pub completion: Rate,
    /// Cumulative share of learner-modules completed, by cohort week.
    pub module_completion: Vec<WeekRate>,
    /// Held ÷ scheduled meetings, over all weeks so far.
    pub sessions: Rate,
    /// Held ÷ scheduled meetings, by cohort week.
    pub session_weeks: Vec<WeekRate>,
    /// Attended ÷ invited in held meetings, over all weeks so far.
    pub attendance: Rate,
    /// Attended ÷ invited in held meetings, by cohort week.
    pub attendance_weeks: Vec<WeekRate>,
    /// Artifacts handed in ÷ completed modules that ask for one.
    pub artifacts: Rate,
    /// Median days from match to the first held session attended.
    pub first_session: Average,
    /// Median days from match to the first milestone reached.
    pub first_win: Average,
    /// Withdrawals and how soon they came.
    pub dropout: Dropout,
    /// Share still in the program N weeks after their match (week 1 is N = 0).
    pub retention: Vec<WeekRate>,
    /// Learners who reached each stage, in journey order.
    pub funnel: Vec<StageCount>,
    /// Attainment per outcome the group's paths serve.
    pub outcomes: Vec<OutcomeRate>,
    /// Mean latest confidence (1–5) by cohort week.
    pub confidence: Vec<WeekAverage>,
    /// Median days from starting a module to its competence checkpoint.
    pub competence: Average,
    /// Requests answered within the target ÷ requests due.
    pub response: Rate,
    /// Mean of rating after − rating before, per rated attendance.
    pub sentiment: Average,
}

/// The figures of one cohort, whole and cut by mentor and by path.
#[derive(Debug, Clone, PartialEq)]
pub struct CohortMetrics {
    /// The cohort.
    pub cohort: CohortId,
    /// The whole cohort.
    pub all: Figures,
    /// Learners grouped by their current mentor (latest pair).
    pub by_mentor: Vec<(MentorId, Figures)>,
    /// Learners grouped by the path they follow.
    pub by_path: Vec<(PathId, Figures)>,
}

/// The figures of every cohort, in cohort order.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// The day the figures are taken on.
    pub today: NaiveDate,
    /// One entry per cohort.
    pub cohorts: Vec<CohortMetrics>,
}

/// How many sessions count as "the first sessions" for early dropout.
pub const EARLY_SESSIONS: usize = 3;

/// Computes every cohort's figures as of `today`.
pub fn compute(program: &Program, schedule: &Schedule, today: NaiveDate) -> Metrics {
    let facts = Facts::new(program, schedule, today);
    let ids: Vec<CohortId> = program.cohorts_with_ids().map(|(id, _)| id).collect();
    let cohorts = ids
        .into_par_iter()
        .map(|id| cohort_metrics(program, schedule, &facts, id, today))
        .collect();
    Metrics { today, cohorts }
}

/// [`compute`] after an edit that changed only learners, pairs and
/// sessions that the cohorts `touched` read (see [`cohorts_reading`]):
/// their figures are computed again, every other cohort's are `previous`'s.
pub fn recompute(
    previous: &Metrics,
    program: &Program,
    schedule: &Schedule,
    touched: &BTreeSet<CohortId>,
) -> Metrics {
    let today = previous.today;
    if previous.cohorts.len() != program.cohorts.len() {
        return compute(program, schedule, today);
    }
    let facts = Facts::new(program, schedule, today);
    let ids: Vec<CohortId> = program.cohorts_with_ids().map(|(id, _)| id).collect();
    let cohorts = ids
        .into_par_iter()
        .map(|id| {
            if touched.contains(&id) {
                cohort_metrics(program, schedule, &facts, id, today)
            } else {
                previous.cohorts[id.index()].clone()
            }
        })
        .collect();
    Metrics { today, cohorts }
}

/// A learner, pair or session, as far as the figures read it.
#[derive(Clone, Copy, Debug)]
pub enum Record<'a> {
    /// A learner counts in its cohort.
    Learner(&'a Learner),
    /// A pair counts in its learner's cohort.
    Pair(&'a Pair),
    /// A session counts in its cohort, or in those of the learners it
    /// invites when it has none.
    Session(&'a Session),
}

/// The cohorts whose figures read `record`, as they are in `program`.
pub fn cohorts_reading(program: &Program, record: Record<'_>) -> Vec<CohortId> {
    match record {
        Record::Learner(learner) => vec![learner.cohort],
        Record::Pair(pair) => program
            .learners
            .get(pair.learner.index())
            .map(|l| l.cohort)
            .into_iter()
            .collect(),
        Record::Session(session) => match session.cohort {
            Some(cohort) => vec![cohort],
            None => session
                .learners
                .iter()
                .filter_map(|l| program.learners.get(l.index()))
                .map(|l| l.cohort)
                .collect(),
        },
    }
}

/// What every cohort needs about every learner, computed once.
struct Facts {
    /// First pair start per learner.
    matched: Vec<Option<NaiveDate>>,
    /// The mentor of each learner's latest pair.
    mentor: Vec<Option<MentorId>>,
    /// The day each learner left, if they did.
    withdrawn: Vec<Option<NaiveDate>>,
    /// Each learner's pairs.
    pairs: Vec<Vec<PairId>>,
    /// Sessions per learner's cohort: those of the cohort, and cohort-less
    /// ones that invite one of its learners.
    sessions: Vec<Vec<SessionId>>,
}

impl Facts {
    fn new(program: &Program, schedule: &Schedule, today: NaiveDate) -> Facts {
        let n = program.learners.len();
        let mut matched: Vec<Option<NaiveDate>> = vec![None; n];
        let mut latest: Vec<Option<(NaiveDate, MentorId)>> = vec![None; n];
        let mut pairs: Vec<Vec<PairId>> = vec![Vec::new(); n];
        for (id, pair) in program.pairs_with_ids() {
            pairs[pair.learner.index()].push(id);
        }
        for pair in program.pairs.iter().filter(|p| p.start <= today) {
            let i = pair.learner.index();
            matched[i] = Some(matched[i].map_or(pair.start, |d| d.min(pair.start)));
            if latest[i].is_none_or(|(start, _)| pair.start >= start) {
                latest[i] = Some((pair.start, pair.mentor));
            }
        }
        let withdrawn = program
            .learners_with_ids()
            .map(|(id, _)| schedule.presence.left(id).filter(|d| *d <= today))
            .collect();
        let mut sessions: Vec<BTreeSet<SessionId>> = vec![BTreeSet::new(); program.cohorts.len()];
        for (id, session) in program.sessions_with_ids() {
            for cohort in cohorts_reading(program, Record::Session(session)) {
                sessions[cohort.index()].insert(id);
            }
        }
        Facts {
            matched,
            mentor: latest.into_iter().map(|l| l.map(|(_, m)| m)).collect(),
            withdrawn,
            pairs,
            sessions: sessions
                .into_iter()
                .map(|s| s.into_iter().collect())
                .collect(),
        }
    }
}

fn cohort_metrics(
    program: &Program,
    schedule: &Schedule,
    facts: &Facts,
    id: CohortId,
    today: NaiveDate,
) -> CohortMetrics {
    let members: Vec<LearnerId> = program
        .learners_with_ids()
        .filter(|(_, learner)| learner.cohort == id)
        .map(|(learner, _)| learner)
        .collect();
    let sessions = &facts.sessions[id.index()];
    // A mentor's cut reads only the sessions that mentor leads: indexed
    // once, rather than every session of the cohort for every mentor.
    let mut led: BTreeMap<MentorId, Vec<SessionId>> = BTreeMap::new();
    for &session in sessions {
        for mentor in &program.session(session).mentors {
            led.entry(*mentor).or_default().push(session);
        }
    }
    let context = Context {
        program,
        schedule,
        facts,
        cohort: program.cohort(id),
        sessions,
        led,
        today,
    };
    let mut mentors: BTreeMap<MentorId, Vec<LearnerId>> = BTreeMap::new();
    let mut paths: BTreeMap<PathId, Vec<LearnerId>> = BTreeMap::new();
    for learner in &members {
        if let Some(mentor) = facts.mentor[learner.index()] {
            mentors.entry(mentor).or_default().push(*learner);
        }
        paths
            .entry(program.learner(*learner).path)
            .or_default()
            .push(*learner);
    }
    CohortMetrics {
        cohort: id,
        all: context.figures(&members, None),
        by_mentor: mentors
            .into_iter()
            .map(|(mentor, group)| (mentor, context.figures(&group, Some(mentor))))
            .collect(),
        by_path: paths
            .into_iter()
            .map(|(path, group)| (path, context.figures(&group, None)))
            .collect(),
    }
}
