//! Each figure of one cohort, or of one mentor's or one path's learners in
//! it, worked out from the cohort's meetings and records.

use super::*;

/// One cohort's view of the program.
pub(super) struct Context<'a> {
    pub(super) program: &'a Program,
    pub(super) schedule: &'a Schedule,
    pub(super) facts: &'a Facts,
    pub(super) cohort: &'a Cohort,
    pub(super) sessions: &'a [SessionId],
    /// The cohort's sessions each mentor leads, in the order of `sessions`.
    pub(super) led: BTreeMap<MentorId, Vec<SessionId>>,
    pub(super) today: NaiveDate,
}

/// A meeting that concerns a group, with its session.
pub(super) struct Meeting<'a> {
    pub(super) session: &'a Session,
    pub(super) occurrence: &'a Occurrence,
}

impl Meeting<'_> {
    /// Held before `today`: a meeting marked held in the future (a series'
    /// status covers every date) has not happened yet.
    fn held_before(&self, today: NaiveDate) -> bool {
        self.occurrence.status == SessionStatus::Completed && self.occurrence.date() < today
    }
}

impl<'a> Context<'a> {
    /// The Monday of the cohort's first week.
    fn first_monday(&self) -> NaiveDate {
        let start = self.cohort.start;
        start - Duration::days(i64::from(start.weekday().num_days_from_monday()))
    }

    /// Cohort week of a day (1 for the first), `None` before the cohort.
    pub(super) fn week(&self, date: NaiveDate) -> Option<u32> {
        let days = (date - self.first_monday()).num_days();
        (days >= 0).then(|| (days / 7) as u32 + 1)
    }

    /// Weeks of the cohort so far: up to today, or to its end when over.
    pub(super) fn weeks(&self) -> u32 {
        let last = self.today.min(self.cohort.end);
        if last < self.cohort.start {
            return 0;
        }
        self.week(last).unwrap_or(0)
    }

    /// The last day of a cohort week, no later than today.
    fn week_end(&self, week: u32) -> NaiveDate {
        (self.first_monday() + Duration::days(i64::from(week) * 7 - 1)).min(self.today)
    }

    /// Meetings of the cohort's sessions that invite one of the group (and
    /// that `mentor` leads, for a mentor's cut).
    pub(super) fn meetings(&self, member: &[bool], mentor: Option<MentorId>) -> Vec<Meeting<'a>> {
        let mut out = Vec::new();
        let sessions = match mentor {
            Some(mentor) => self.led.get(&mentor).map_or(&[][..], Vec::as_slice),
            None => self.sessions,
        };
        for id in sessions {
            let session = self.program.session(*id);
            if !session.learners.iter().any(|l| member[l.index()]) {
                continue;
            }
            // A meeting after the group's learners on it left, or while
            // they are paused, is no longer theirs.
            for occurrence in self.schedule.of(*id) {
                if self
                    .schedule
                    .invited(session, occurrence)
                    .any(|l| member[l.index()])
                {
                    out.push(Meeting {
                        session,
                        occurrence,
                    });
                }
            }
        }
        out
    }

    pub(super) fn figures(&self, group: &[LearnerId], mentor: Option<MentorId>) -> Figures {
        let mut member = vec![false; self.program.learners.len()];
        for l in group {
            member[l.index()] = true;
        }
        let meetings = self.meetings(&member, mentor);
        let (sessions, session_weeks) = self.session_completion(&meetings);
        let (attendance, attendance_weeks) = self.attendance(&meetings, &member);
        Figures {
            learners: group.len() as u32,
            statuses: self.statuses(group),
            completion: self.completion(group),
            module_completion: self.module_completion(group),
            sessions,
            session_weeks,
            attendance,
            attendance_weeks,
            artifacts: self.artifacts(group),
            first_session: self.first_session(group, &member, &meetings),
            first_win: self.first_win(group),
            dropout: self.dropout(group, &meetings),
            retention: self.retention(group),
            funnel: self.funnel(group),
            outcomes: self.outcomes(group),
            confidence: self.confidence(group),
            competence: self.competence(group),
            response: self.response(&meetings, &member),
            sentiment: self.sentiment(&meetings, &member),
        }
    }

    pub(super) fn statuses(&self, group: &[LearnerId]) -> Statuses {
        let mut statuses = Statuses::default();
        for l in group {
            let count = match self.program.learner(*l).status {
                LearnerStatus::Active => &mut statuses.active,
                LearnerStatus::Paused => &mut statuses.paused,
                LearnerStatus::Graduated => &mut statuses.graduated,
                LearnerStatus::Withdrawn => &mut statuses.withdrawn,
            };
            *count += 1;
        }
        statuses
    }

    pub(super) fn completion(&self, group: &[LearnerId]) -> Rate {
        let matched: Vec<&LearnerId> = group
            .iter()
            .filter(|l| self.facts.matched[l.index()].is_some())
            .collect();
        let graduated = matched
            .iter()
            .filter(|l| self.program.learner(***l).status == LearnerStatus::Graduated)
            .count();
        rate(graduated, matched.len(), matched.len())
    }

    pub(super) fn module_completion(&self, group: &[LearnerId]) -> Vec<WeekRate> {
        let mut total = 0;
        let mut completed: Vec<NaiveDate> = Vec::new();
        for l in group {
            let learner = self.program.learner(*l);
            let path = &self.program.path(learner.path).modules;
            total += path.len();
            completed.extend(
                learner
                    .modules
                    .iter()
                    .filter(|m| path.contains(&m.module))
                    .filter_map(|m| m.completed),
            );
        }
        (1..=self.weeks())
            .map(|week| {
                let end = self.week_end(week);
                let done = completed.iter().filter(|d| **d <= end).count();
                WeekRate {
                    week,
                    rate: rate(done, total, group.len()),
                }
            })
            .collect()
    }

    /// Whether a cancellation kept to the rescheduling rule of the charter
    /// the meeting belongs to: given at least the agreed notice. Only a
    /// pair's own meetings have such a rule; a group session called off is
    /// a session the whole group lost, whatever notice it came with.
    fn within_rules(&self, meeting: &Meeting<'_>) -> bool {
        if !matches!(
            meeting.session.kind,
            SessionKind::OneToOne | SessionKind::Midpoint | SessionKind::Reflection
        ) {
            return false;
        }
        let Some(cancellation) = meeting.occurrence.cancellation(meeting.session) else {
            return false;
        };
        let date = meeting.occurrence.date();
        meeting
            .session
            .learners
            .iter()
            .flat_map(|l| &self.facts.pairs[l.index()])
            .map(|p| self.program.pair(*p))
            .filter(|p| meeting.session.mentors.contains(&p.mentor) && p.open_on(date))
            .filter_map(|p| p.expectations.notice_hours)
            .any(|hours| {
                cancellation.at + Duration::hours(i64::from(hours))
                    <= meeting.occurrence.local_start
            })
    }

    fn session_completion(&self, meetings: &[Meeting<'_>]) -> (Rate, Vec<WeekRate>) {
        let weeks = self.weeks();
        let mut by_week = vec![Tally::default(); weeks as usize];
        let mut all = Tally::default();
        for meeting in meetings {
            let date = meeting.occurrence.date();
            if date >= self.today {
                continue;
            }
            let status = meeting.occurrence.status;
            if status == SessionStatus::Cancelled && self.within_rules(meeting) {
                continue;
            }
            let held = status == SessionStatus::Completed;
            let invited = self.schedule.invited(meeting.session, meeting.occurrence);
            all.add(held, invited.clone());
            if let Some(week) = self.week(date).filter(|w| *w <= weeks) {
                by_week[week as usize - 1].add(held, invited);
            }
        }
        (all.rate(), weekly(by_week))
    }

    pub(super) fn attendance(
        &self,
        meetings: &[Meeting<'_>],
        member: &[bool],
    ) -> (Rate, Vec<WeekRate>) {
        let weeks = self.weeks();
        let mut by_week = vec![Tally::default(); weeks as usize];
        let mut all = Tally::default();
        for meeting in meetings {
            let (session, occurrence) = (meeting.session, meeting.occurrence);
            if !meeting.held_before(self.today) {
                continue;
            }
            let week = self.week(occurrence.date()).filter(|w| *w <= weeks);
            for learner in self
                .schedule
                .invited(session, occurrence)
                .filter(|l| member[l.index()])
            {
                let came = self.schedule.attended(session, occurrence, learner);
                all.add(came, [learner]);
                if let Some(week) = week {
                    by_week[week as usize - 1].add(came, [learner]);
                }
            }
        }
        (all.rate(), weekly(by_week))
    }

    pub(super) fn artifacts(&self, group: &[LearnerId]) -> Rate {
        let mut tally = Tally::default();
        for l in group {
            for progress in &self.program.learner(*l).modules {
                if progress.completed.is_some()
                    && self.program.module(progress.module).artifact.is_some()
                {
                    tally.add(progress.artifact.is_some(), [*l]);
                }
            }
        }
        tally.rate()
    }

    pub(super) fn first_session(
        &self,
        group: &[LearnerId],
        member: &[bool],
        meetings: &[Meeting<'_>],
    ) -> Average {
        // One pass over the meetings, not one per learner: a cohort of
        // hundreds has thousands of meetings.
        let mut first: BTreeMap<LearnerId, NaiveDate> = BTreeMap::new();
        for m in meetings.iter().filter(|m| m.held_before(self.today)) {
            let date = m.occurrence.date();
            for l in m.session.learners.iter().filter(|l| member[l.index()]) {
                let after_match = self.facts.matched[l.index()].is_some_and(|d| date >= d);
                if after_match && self.schedule.attended(m.session, m.occurrence, *l) {
                    let entry = first.entry(*l).or_insert(date);
                    *entry = (*entry).min(date);
                }
            }
        }
        let days = group
            .iter()
            .filter_map(|l| {
                let matched = self.facts.matched[l.index()]?;
                first.get(l).map(|d| (*d - matched).num_days() as f64)
            })
            .collect();
        median(days)
    }

    pub(super) fn first_win(&self, group: &[LearnerId]) -> Average {
        let mut days = Vec::new();
        for l in group {
            let Some(matched) = self.facts.matched[l.index()] else {
                continue;
            };
            let first = self
                .program
                .learner(*l)
                .modules
                .iter()
                .flat_map(|m| m.milestones.iter().map(|(_, d)| *d))
                .filter(|d| *d >= matched && *d <= self.today)
                .min();
            if let Some(first) = first {
                days.push((first - matched).num_days() as f64);
            }
        }
        median(days)
    }

    pub(super) fn dropout(&self, group: &[LearnerId], meetings: &[Meeting<'_>]) -> Dropout {
        let mut early = Tally::default();
        let mut days = Vec::new();
        for l in group {
            let Some(left) = self.facts.withdrawn[l.index()] else {
                continue;
            };
            let attended = meetings
                .iter()
                .filter(|m| {
                    m.occurrence.date() <= left
                        && self.schedule.attended(m.session, m.occurrence, *l)
                })
                .count();
            early.add(attended <= EARLY_SESSIONS, [*l]);
            let learner = self.program.learner(*l);
            let from = self.facts.matched[l.index()].unwrap_or(learner.intake.date);
            days.push((left - from).num_days() as f64);
        }
        let withdrawn = early.denominator;
        Dropout {
            withdrawn: rate(withdrawn as usize, group.len(), group.len()),
            early: early.rate(),
            days: median(days),
        }
    }

    pub(super) fn retention(&self, group: &[LearnerId]) -> Vec<WeekRate> {
        let length = (self.cohort.end - self.cohort.start).num_days().max(0) as u32 / 7 + 1;
        let mut out = Vec::new();
        for n in 0..length {
            let mut tally = Tally::default();
            for l in group {
                let Some(matched) = self.facts.matched[l.index()] else {
                    continue;
                };
                let day = matched + Duration::days(i64::from(n) * 7);
                if day > self.today {
                    continue;
                }
                let stayed = self.facts.withdrawn[l.index()].is_none_or(|left| left > day);
                tally.add(stayed, [*l]);
            }
            if tally.denominator == 0 {
                break;
            }
            out.push(WeekRate {
                week: n + 1,
                rate: tally.rate(),
            });
        }
        out
    }

    pub(super) fn funnel(&self, group: &[LearnerId]) -> Vec<StageCount> {
        let stages = &self.program.journey.stages;
        let reached: Vec<Option<usize>> = group
            .iter()
            .map(|l| {
                self.program
                    .learner(*l)
                    .journey
                    .iter()
                    .filter(|e| e.date <= self.today && !stages[e.stage.index()].exit)
                    .map(|e| e.stage.index())
                    .max()
            })
            .collect();
        self.program
            .stages_with_ids()
            .filter(|(_, s)| !s.exit)
            .map(|(stage, _)| StageCount {
                stage,
                reached: reached
                    .iter()
                    .filter(|r| r.is_some_and(|r| r >= stage.index()))
                    .count() as u32,
            })
            .collect()
    }

    pub(super) fn outcomes(&self, group: &[LearnerId]) -> Vec<OutcomeRate> {
        let mut tallies: BTreeMap<OutcomeId, Tally> = BTreeMap::new();
        for l in group {
            let learner = self.program.learner(*l);
            let path = self.program.path(learner.path);
            let served: BTreeSet<OutcomeId> = path
                .outcome
                .into_iter()
                .chain(
                    path.modules
                        .iter()
                        .flat_map(|m| self.program.module(*m).outcomes.iter().copied()),
                )
                .collect();
            for outcome in served {
                let attained = learner
                    .outcomes
                    .iter()
                    .any(|(o, date, _)| *o == outcome && *date <= self.today);
                tallies.entry(outcome).or_default().add(attained, [*l]);
            }
        }
        tallies
            .into_iter()
            .map(|(outcome, tally)| OutcomeRate {
                outcome,
                rate: tally.rate(),
            })
            .collect()
    }

    pub(super) fn confidence(&self, group: &[LearnerId]) -> Vec<WeekAverage> {
        let ratings: Vec<(Option<NaiveDate>, Ratings)> = group
            .iter()
            .map(|l| {
                let learner = self.program.learner(*l);
                let mut all: Vec<(NaiveDate, u8)> = learner
                    .intake
                    .confidence
                    .map(|c| (learner.intake.date, c))
                    .into_iter()
                    .chain(learner.confidence.iter().copied())
                    .collect();
                all.sort_by_key(|(d, _)| *d);
                (self.facts.withdrawn[l.index()], all)
            })
            .collect();
        (1..=self.weeks())
            .map(|week| {
                let end = self.week_end(week);
                // Those who have left no longer speak for the cohort.
                let latest: Vec<f64> = ratings
                    .iter()
                    .filter(|(left, _)| left.is_none_or(|left| left > end))
                    .filter_map(|(_, r)| r.iter().rev().find(|(d, _)| *d <= end))
                    .map(|(_, v)| f64::from(*v))
                    .collect();
                WeekAverage {
                    week,
                    average: mean(&latest, latest.len()),
                }
            })
            .collect()
    }

    pub(super) fn competence(&self, group: &[LearnerId]) -> Average {
        let mut days = Vec::new();
        let mut learners = BTreeSet::new();
        for l in group {
            for progress in &self.program.learner(*l).modules {
                if let (Some(started), Some(passed)) = (progress.started, progress.competence)
                    && passed <= self.today
                {
                    days.push((passed - started).num_days() as f64);
                    learners.insert(*l);
                }
            }
        }
        Average {
            learners: learners.len() as u32,
            ..median(days)
        }
    }

    pub(super) fn response(&self, meetings: &[Meeting<'_>], member: &[bool]) -> Rate {
        let hours = self.program.settings.response_hours;
        let now = NaiveDateTime::from(self.today);
        let mut tally = Tally::default();
        let mut seen: BTreeSet<SessionId> = BTreeSet::new();
        for meeting in meetings {
            // Requests belong to the session, not to each of its meetings.
            if !seen.insert(meeting.occurrence.session) {
                continue;
            }
            for request in &meeting.session.requests {
                let Some(learner) = request.learner.filter(|l| member[l.index()]) else {
                    continue;
                };
                let due = request.due(hours);
                match request.answered {
                    Some(answered) => tally.add(answered <= due, [learner]),
                    None if due < now => tally.add(false, [learner]),
                    None => {}
                }
            }
        }
        tally.rate()
    }

    pub(super) fn sentiment(&self, meetings: &[Meeting<'_>], member: &[bool]) -> Average {
        let mut deltas = Vec::new();
        let mut learners = BTreeSet::new();
        for meeting in meetings {
            if !meeting.held_before(self.today) {
                continue;
            }
            for a in meeting.occurrence.attendance(meeting.session) {
                let counted = member[a.learner.index()]
                    && self
                        .schedule
                        .invites(meeting.session, meeting.occurrence, a.learner);
                if let (true, true, Some(before), Some(after)) =
                    (counted, a.attended, a.rating_before, a.rating_after)
                {
                    deltas.push(f64::from(after) - f64::from(before));
                    learners.insert(a.learner);
                }
            }
        }
        mean(&deltas, learners.len())
    }
}

/// A learner's confidence ratings in date order.
type Ratings = Vec<(NaiveDate, u8)>;

/// Counts of something among something, with the learners behind them.
#[derive(Debug, Clone, Default)]
struct Tally {
    pub(super) numerator: u32,
    pub(super) denominator: u32,
    pub(super) learners: BTreeSet<LearnerId>,
}

impl Tally {
    fn add(&mut self, counted: bool, learners: impl IntoIterator<Item = LearnerId>) {
        self.denominator += 1;
        self.numerator += u32::from(counted);
        self.learners.extend(learners);
    }

    pub(super) fn rate(&self) -> Rate {
        Rate {
            numerator: self.numerator,
            denominator: self.denominator,
            learners: self.learners.len() as u32,
        }
    }
}

fn weekly(tallies: Vec<Tally>) -> Vec<WeekRate> {
    tallies
        .iter()
        .enumerate()
        .map(|(i, t)| WeekRate {
            week: i as u32 + 1,
            rate: t.rate(),
        })
        .collect()
}

fn rate(numerator: usize, denominator: usize, learners: usize) -> Rate {
    Rate {
        numerator: numerator as u32,
        denominator: denominator as u32,
        learners: learners as u32,
    }
}

/// The median of per-learner values (one value per learner).
fn median(mut values: Vec<f64>) -> Average {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let value = match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    };
    Average {
        value,
        count: n as u32,
        learners: n as u32,
    }
}

fn mean(values: &[f64], learners: usize) -> Average {
    Average {
        value: (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64),
        count: values.len() as u32,
        learners: learners as u32,
    }
}
