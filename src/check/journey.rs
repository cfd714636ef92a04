//! Journey checks: the stages and handoffs of `program.yaml` form a sound
//! path, and every learner's recorded journey follows it.
//!
//! The definition is checked once ([`definition`]). Each learner's entries
//! are then walked pair by pair ([`learners`]): a move must follow a defined
//! handoff (or go to an exit stage), the handoff's requirements must hold on
//! the day it was taken, and a handoff taken late, or one overdue as of
//! `--today`, is a warning naming whoever owns it. What each learner attended
//! is gathered in one pass over the schedule first, so the cost grows with
//! the number of meetings, not with learners times sessions.

use chrono::{NaiveDate, NaiveDateTime};

use crate::derive::journey;
use crate::derive::occurrences::Schedule;
use crate::derive::presence::{Span, covered, days_held};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::gaps::Kind;
use crate::model::{
    Handoff, Journey, JourneyEntry, Learner, LearnerId, LearnerStatus, Owner, Pair, Party, Program,
    Requirement, SessionId, SessionKind, Stage,
};

/// The journey definition: every stage reachable, none a dead end, every
/// handoff owned and limited in time.
pub fn definition(program: &Program) -> Vec<Diagnostic> {
    let journey = &program.journey;
    let mut out = Vec::new();
    let Some(first) = journey.stages.first() else {
        return out;
    };
    let outgoing = outgoing_by_stage(journey);
    let reached = reachable(journey, &outgoing);
    let file = program.files.path(first.pos.file).display().to_string();
    // A handoff left out after an error may lead anywhere, or out of the
    // stages it names.
    let gaps = &program.gaps;
    for (index, stage) in journey.stages.iter().enumerate() {
        if !reached.get(index).copied().unwrap_or(true) && !gaps.any(Kind::Handoff) {
            out.push(
                Diagnostic::new(
                    Code::StageUnreachable,
                    format!(
                        "no handoff leads to stage `{}` from the first stage `{}`",
                        stage.key, first.key
                    ),
                )
                .at(program.locate(stage.pos))
                .label("unreachable stage")
                .help(format!(
                    "add a handoff with `to: {}` to `journey.handoffs` in {file}, mark the stage \
                     `exit: true` if learners may leave to it from any stage, or remove it",
                    stage.key
                )),
            );
        }
        if !stage.terminal
            && outgoing.get(index).is_none_or(Vec::is_empty)
            && !gaps.may_hide(Kind::Handoff, &stage.key)
        {
            out.push(
                Diagnostic::new(
                    Code::StageDeadEnd,
                    format!(
                        "stage `{}` is not terminal, but no handoff leads out of it",
                        stage.key
                    ),
                )
                .at(program.locate(stage.pos))
                .label("no way out")
                .help(format!(
                    "add a handoff with `from: {}` to `journey.handoffs` in {file}, or mark the \
                     stage `terminal: true` if learners may stay there for good",
                    stage.key
                )),
            );
        }
    }
    for handoff in &journey.handoffs {
        let from = &program.stage(handoff.from).key;
        let to = &program.stage(handoff.to).key;
        if handoff.owner_pos.is_none() {
            let roles: Vec<String> = program
                .roles
                .iter()
                .map(|r| format!("`{}`", r.key))
                .collect();
            let roles = if roles.is_empty() {
                "a role id".to_string()
            } else {
                format!("a role ({})", roles.join(", "))
            };
            out.push(
                Diagnostic::new(
                    Code::HandoffNoOwner,
                    format!("the handoff from `{from}` to `{to}` has no owner"),
                )
                .at(program.locate(handoff.pos))
                .label("this handoff")
                .help(format!(
                    "add `owner:` naming who moves learners on: {roles}, a mentor id, or \
                     `mentor` for the learner's own mentor"
                )),
            );
        }
        if handoff.limit_days.is_none() {
            out.push(
                Diagnostic::new(
                    Code::HandoffNoLimit,
                    format!("the handoff from `{from}` to `{to}` has no time limit"),
                )
                .at(program.locate(handoff.pos))
                .label("this handoff")
                .help(format!(
                    "add `limit_days:` with the number of days a learner may stay in `{from}` \
                     before this handoff is late"
                )),
            );
        }
    }
    out
}

/// Learner journeys as of `today`: order, handoffs, requirements, time
/// limits, charters before the first 1:1, and status.
pub fn learners(program: &Program, schedule: &Schedule, today: NaiveDate) -> Vec<Diagnostic> {
    let outgoing = outgoing_by_stage(&program.journey);
    let attended = attended_by_learner(program, schedule);
    let pairs = journey::pairs_by_learner(program);
    let empty = Attended::default();
    let mut out = Vec::new();
    for (index, learner) in program.learners.iter().enumerate() {
        let walk = Walk {
            program,
            outgoing: &outgoing,
            id: LearnerId(index as u32),
            learner,
            pairs: pairs.get(index).map_or(&[], Vec::as_slice),
            attended: attended.get(index).unwrap_or(&empty),
            resting: schedule.presence.resting(LearnerId(index as u32)),
        };
        // A journey with an entry left out after an error is not judged on
        // what is left of it, nor a status whose date was: the error
        // explains the rest.
        let gaps = &program.gaps;
        if !gaps.may_hide(Kind::Journey, &learner.key) {
            walk.entries(&mut out);
            walk.stalled(today, &mut out);
            if !gaps.may_hide(Kind::Learner, &learner.key) {
                walk.status(&mut out);
                walk.still_paused(today, &mut out);
            }
        }
        walk.charters(&mut out);
    }
    out
}

/// Handoffs leaving each stage, indexed by stage.
fn outgoing_by_stage(journey: &Journey) -> Vec<Vec<&Handoff>> {
    let mut outgoing = vec![Vec::new(); journey.stages.len()];
    for handoff in &journey.handoffs {
        if let Some(list) = outgoing.get_mut(handoff.from.index()) {
            list.push(handoff);
        }
    }
    outgoing
}

/// Stages reachable from the first; exit stages can be entered from any
/// stage, so they and whatever follows them count as reached too.
fn reachable(journey: &Journey, outgoing: &[Vec<&Handoff>]) -> Vec<bool> {
    let mut reached = vec![false; journey.stages.len()];
    let mut stack: Vec<usize> = std::iter::once(0)
        .chain(
            journey
                .stages
                .iter()
                .enumerate()
                .filter(|(_, s)| s.exit)
                .map(|(i, _)| i),
        )
        .collect();
    while let Some(index) = stack.pop() {
        match reached.get_mut(index) {
            Some(seen) if !*seen => *seen = true,
            _ => continue,
        }
        for handoff in outgoing.get(index).into_iter().flatten() {
            stack.push(handoff.to.index());
        }
    }
    reached
}

/// What one learner attended, from the schedule.
#[derive(Debug, Default, Clone)]
struct Attended {
    /// Attended 1:1 meetings by local start, earliest first.
    one_to_one: Vec<(NaiveDateTime, SessionId)>,
    /// Earliest attended midpoint check-in.
    midpoint: Option<NaiveDate>,
    /// Earliest attended reflection.
    reflection: Option<NaiveDate>,
}

/// One pass over the meetings that journey requirements can name, indexed
/// by learner.
fn attended_by_learner(program: &Program, schedule: &Schedule) -> Vec<Attended> {
    let mut out = vec![Attended::default(); program.learners.len()];
    for (index, session) in program.sessions.iter().enumerate() {
        if !matches!(
            session.kind,
            SessionKind::OneToOne | SessionKind::Midpoint | SessionKind::Reflection
        ) {
            continue;
        }
        for occurrence in schedule.of(SessionId(index as u32)) {
            for &learner in &session.learners {
                if !schedule.attended(session, occurrence, learner) {
                    continue;
                }
                let Some(facts) = out.get_mut(learner.index()) else {
                    continue;
                };
                let date = occurrence.date();
                match session.kind {
                    SessionKind::OneToOne => facts
                        .one_to_one
                        .push((occurrence.local_start, occurrence.session)),
                    SessionKind::Midpoint => earliest(&mut facts.midpoint, date),
                    _ => earliest(&mut facts.reflection, date),
                }
            }
        }
    }
    for facts in &mut out {
        facts.one_to_one.sort();
    }
    out
}

fn earliest(slot: &mut Option<NaiveDate>, date: NaiveDate) {
    if slot.is_none_or(|d| date < d) {
        *slot = Some(date);
    }
}

/// One learner's records, gathered for the checks of their journey.
struct Walk<'a> {
    program: &'a Program,
    outgoing: &'a [Vec<&'a Handoff>],
    id: LearnerId,
    learner: &'a Learner,
    /// The learner's pairs, by start date.
    pairs: &'a [&'a Pair],
    attended: &'a Attended,
    /// Days the learner or one of their pairs was paused: the journey's
    /// clocks stop on them.
    resting: &'a [Span],
}

impl Walk<'_> {
    fn stage(&self, entry: &JourneyEntry) -> &Stage {
        self.program.stage(entry.stage)
    }

    fn file(&self) -> String {
        self.program
            .files
            .path(self.learner.pos.file)
            .display()
            .to_string()
    }

    fn handoff(&self, from: &JourneyEntry, to: &JourneyEntry) -> Option<&Handoff> {
        self.outgoing
            .get(from.stage.index())?
            .iter()
            .copied()
            .find(|h| h.to == to.stage)
    }

    /// Order, the first stage, handoffs followed, requirements and limits.
    fn entries(&self, out: &mut Vec<Diagnostic>) {
        let name = &self.learner.name;
        let Some(first_stage) = self.program.journey.stages.first() else {
            return;
        };
        match self.learner.journey.first() {
            None => out.push(
                Diagnostic::new(
                    Code::HandoffSkipped,
                    format!(
                        "{name} has no journey entries; a journey starts at `{}`",
                        first_stage.key
                    ),
                )
                .at(self.program.locate(self.learner.pos))
                .help(format!(
                    "add `journey:` with `- stage: {}` and the date they entered it",
                    first_stage.key
                )),
            ),
            Some(entry) if entry.stage.index() != 0 => out.push(
                Diagnostic::new(
                    Code::HandoffSkipped,
                    format!(
                        "{name}'s journey starts at `{}`, not at the first stage `{}`",
                        self.stage(entry).key,
                        first_stage.key
                    ),
                )
                .at(self.program.locate(entry.pos))
                .label("first entry")
                .help(format!(
                    "begin the journey with `- stage: {}` and the date they entered it",
                    first_stage.key
                )),
            ),
            Some(_) => {}
        }
        for pair in self.learner.journey.windows(2) {
            let [before, after] = pair else { continue };
            if after.date < before.date {
                out.push(
                    Diagnostic::new(
                        Code::JourneyOrder,
                        format!(
                            "{name} entered `{}` on {}, before the entry above it (`{}` on {})",
                            self.stage(after).key,
                            after.date,
                            self.stage(before).key,
                            before.date
                        ),
                    )
                    .at(self.program.locate(after.pos))
                    .label("goes back in time")
                    .related(self.program.locate(before.pos), "previous entry")
                    .help("list journey entries in the order they happened, and check both dates"),
                );
            }
            let gaps = &self.program.gaps;
            match self.handoff(before, after) {
                Some(handoff) => self.taken(handoff, before, after, out),
                None if self.stage(after).exit => {}
                None if gaps.may_hide(Kind::Handoff, &self.stage(before).key) => {}
                None => self.skipped(before, after, out),
            }
        }
    }

    fn skipped(&self, before: &JourneyEntry, after: &JourneyEntry, out: &mut Vec<Diagnostic>) {
        let from = &self.stage(before).key;
        let to = &self.stage(after).key;
        let expected: Vec<String> = self
            .outgoing
            .get(before.stage.index())
            .into_iter()
            .flatten()
            .map(|h| format!("`{}`", self.program.stage(h.to).key))
            .collect();
        let expected = if expected.is_empty() {
            format!("no handoff leads out of `{from}`")
        } else {
            format!("expected {} after `{from}`", expected.join(" or "))
        };
        let program_file = self
            .program
            .files
            .path(self.stage(before).pos.file)
            .display()
            .to_string();
        out.push(
            Diagnostic::new(
                Code::HandoffSkipped,
                format!(
                    "{} moved from `{from}` to `{to}`, which no handoff allows: {expected}",
                    self.learner.name
                ),
            )
            .at(self.program.locate(after.pos))
            .label("skips a handoff")
            .related(self.program.locate(before.pos), "previous entry")
            .help(format!(
                "add the missing stage entries in between with the dates they happened, or, \
                 if this move is part of the program, add a handoff `from: {from}`, `to: {to}` \
                 in {program_file}"
            )),
        );
    }

    /// A handoff taken: its requirements on the day, and its time limit.
    fn taken(
        &self,
        handoff: &Handoff,
        before: &JourneyEntry,
        after: &JourneyEntry,
        out: &mut Vec<Diagnostic>,
    ) {
        let name = &self.learner.name;
        let from = &self.stage(before).key;
        let to = &self.stage(after).key;
        let day = after.date;
        for &requirement in &handoff.requires {
            if self.holds(requirement, day) || self.unknown(requirement) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    Code::RequirementUnmet,
                    format!(
                        "{name} moved from `{from}` to `{to}` on {day}, but the handoff requires \
                         `{}` ({}), which did not hold by then",
                        requirement_key(requirement),
                        requirement_words(requirement)
                    ),
                )
                .at(self.program.locate(after.pos))
                .label("handoff taken here")
                .related(
                    self.program.locate(handoff.pos),
                    "the handoff is defined here",
                )
                .help(self.requirement_help(requirement, day)),
            );
        }
        let Some(limit) = handoff.limit_days else {
            return;
        };
        let (days, paused) = self.days_between(before.date, after.date);
        if days > i64::from(limit) {
            out.push(
                Diagnostic::new(
                    Code::HandoffLate,
                    format!(
                        "{name} moved from `{from}` to `{to}` after {days} days{paused}, past the \
                         {limit}-day limit; {} should have acted",
                        self.owner(handoff)
                    ),
                )
                .at(self.program.locate(after.pos))
                .label(format!("{} days late", days - i64::from(limit)))
                .related(
                    self.program.locate(handoff.pos),
                    format!("the {limit}-day limit is set here"),
                )
                .help(
                    "if the dates are right, record why it took longer as a `note:` on this \
                     entry; if the limit is too tight for everyone, raise `limit_days`",
                ),
            );
        }
    }

    /// Days from one day to a later one that count against a time limit,
    /// and the words saying how many paused days were left out.
    fn days_between(&self, from: NaiveDate, to: NaiveDate) -> (i64, String) {
        let paused = from
            .succ_opt()
            .map_or(0, |next| days_held(self.resting, next, to));
        let words = match paused {
            0 => String::new(),
            1 => " (not counting 1 day paused)".into(),
            n => format!(" (not counting {n} days paused)"),
        };
        ((to - from).num_days() - paused, words)
    }

    fn owner(&self, handoff: &Handoff) -> String {
        match handoff.owner {
            // `owner_name` would search every pair of the program for this
            // learner's mentor; their pairs, by start, are already at hand.
            Some(Owner::LearnersMentor) => match self.pairs.last() {
                Some(pair) => format!(
                    "the learner's mentor ({})",
                    self.program.mentor(pair.mentor).name
                ),
                None => "the learner's mentor (none assigned yet)".into(),
            },
            Some(owner) => self.program.owner_name(owner, Some(self.id)),
            None => "the handoff's owner (none is set)".into(),
        }
    }

    /// Whether what a requirement reads may have been left out after an
    /// error: then whether it held is unknown, and not reported.
    fn unknown(&self, requirement: Requirement) -> bool {
        let kind = match requirement {
            Requirement::IntakeAnswers | Requirement::ModuleArtifact => Kind::Learner,
            Requirement::MentorAssigned | Requirement::CharterAgreed => Kind::Pair,
            Requirement::FirstSession
            | Requirement::MidpointCheckIn
            | Requirement::EndReflection => Kind::Session,
        };
        self.program.gaps.may_hide(kind, &self.learner.key)
    }

    /// Whether a requirement held on a day.
    fn holds(&self, requirement: Requirement, day: NaiveDate) -> bool {
        let on_or_before = |date: Option<NaiveDate>| date.is_some_and(|d| d <= day);
        match requirement {
            Requirement::IntakeAnswers => {
                self.learner.intake.goal.is_some() && self.learner.intake.confidence.is_some()
            }
            Requirement::MentorAssigned => self.pairs.iter().any(|p| p.start <= day),
            Requirement::CharterAgreed => self
                .charter_pairs(day)
                .iter()
                .any(|p| on_or_before(p.agreed)),
            Requirement::FirstSession => {
                on_or_before(self.attended.one_to_one.first().map(|(at, _)| at.date()))
            }
            Requirement::MidpointCheckIn => on_or_before(self.attended.midpoint),
            Requirement::EndReflection => on_or_before(self.attended.reflection),
            Requirement::ModuleArtifact => self
                .learner
                .modules
                .iter()
                .any(|m| on_or_before(m.artifact.as_ref().map(|(d, _)| *d))),
        }
    }

    /// The pairs whose charter counts on a day: those open on it, or else
    /// the latest one started by then.
    fn charter_pairs(&self, day: NaiveDate) -> Vec<&Pair> {
        let open: Vec<&Pair> = self
            .pairs
            .iter()
            .copied()
            .filter(|p| p.open_on(day))
            .collect();
        if !open.is_empty() {
            return open;
        }
        self.pairs
            .iter()
            .copied()
            .rfind(|p| p.start <= day)
            .into_iter()
            .collect()
    }

    fn requirement_help(&self, requirement: Requirement, day: NaiveDate) -> String {
        let key = &self.learner.key;
        let file = self.file();
        let or_move = "or correct the date of this entry";
        let session = |kind: &str| {
            format!(
                "record the `{kind}` session with `{key}` among its `learners:` and \
                 `status: completed`, held on or before {day}, {or_move}"
            )
        };
        match requirement {
            Requirement::IntakeAnswers => {
                let intake = &self.learner.intake;
                let missing: Vec<&str> = [
                    intake.goal.is_none().then_some("`goal:`"),
                    intake.confidence.is_none().then_some("`confidence:` (1–5)"),
                ]
                .into_iter()
                .flatten()
                .collect();
                format!("add {} under `intake:` in {file}", missing.join(" and "))
            }
            Requirement::MentorAssigned => format!(
                "add a pair for `{key}` to data/pairs.yaml with `start:` on or before {day}, \
                 {or_move}"
            ),
            Requirement::CharterAgreed => match self.charter_pairs(day).first() {
                Some(pair) => format!(
                    "set `agreed:` on pair `{}` to the day the charter was agreed (on or before \
                     {day}), {or_move}",
                    pair.key
                ),
                None => format!(
                    "add a pair for `{key}` to data/pairs.yaml with the charter `agreed:` on or \
                     before {day}, {or_move}"
                ),
            },
            Requirement::FirstSession => session("one-to-one"),
            Requirement::MidpointCheckIn => session("midpoint"),
            Requirement::EndReflection => session("reflection"),
            Requirement::ModuleArtifact => format!(
                "record `artifact:` with a `date:` on or before {day} for a module under \
                 `modules:` in {file}, {or_move}"
            ),
        }
    }

    /// An active learner waiting in a stage longer than its shortest
    /// handoff limit.
    fn stalled(&self, today: NaiveDate, out: &mut Vec<Diagnostic>) {
        if covered(self.resting, today) {
            return;
        }
        let Some(waiting) = journey::waiting(self.program, self.learner, self.resting) else {
            return;
        };
        let (last, next, limit) = (waiting.entry, &waiting.next, waiting.limit);
        let stage = self.stage(last);
        if self.program.gaps.may_hide(Kind::Handoff, &stage.key) {
            return;
        }
        // The clock stops on paused days, so the day a learner is due to
        // move on comes later by as many days as they were paused.
        let (days, paused) = self.days_between(last.date, today);
        if days <= i64::from(limit) {
            return;
        }
        let actions: Vec<String> = next
            .iter()
            .map(|h| {
                let needs: Vec<&str> = h.requires.iter().map(|&r| requirement_key(r)).collect();
                let needs = if needs.is_empty() {
                    String::new()
                } else {
                    format!(" (needs {})", needs.join(", "))
                };
                format!(
                    "{} must act: move them on to `{}`{needs}",
                    self.owner(h),
                    self.program.stage(h.to).key
                )
            })
            .collect();
        out.push(
            Diagnostic::new(
                Code::LearnerStalled,
                format!(
                    "{} has been in `{}` for {days} days{paused} as of {today}, past the \
                     {limit}-day limit to move on",
                    self.learner.name, stage.key
                ),
            )
            .at(self.program.locate(last.pos))
            .label(format!("since {}", last.date))
            .help(format!(
                "{}; if the learner is taking a break, set `status: paused` with a `status_date`",
                actions.join("; ")
            )),
        );
    }

    /// Each pair's first attended 1:1 came on or after its charter was
    /// agreed.
    fn charters(&self, out: &mut Vec<Diagnostic>) {
        let mut first: Vec<Option<(NaiveDate, SessionId)>> = vec![None; self.pairs.len()];
        for &(at, session) in &self.attended.one_to_one {
            let date = at.date();
            for mentor in &self.program.session(session).mentors {
                // A meeting belongs to the earliest pair with that mentor not
                // ended by then, so a later pair with the same mentor is judged
                // on its own meetings.
                let pair = self
                    .pairs
                    .iter()
                    .position(|p| p.mentor == *mentor && p.end.is_none_or(|end| date <= end));
                if let Some(slot) = pair.and_then(|i| first.get_mut(i))
                    && slot.is_none()
                {
                    *slot = Some((date, session));
                }
            }
        }
        for (pair, first) in self.pairs.iter().zip(first) {
            let Some((date, session)) = first else {
                continue;
            };
            let mentor = &self.program.mentor(pair.mentor).name;
            let message = match pair.agreed {
                Some(agreed) if agreed <= date => continue,
                Some(agreed) => format!(
                    "{}'s first 1:1 with {mentor} on {date} came before their charter was agreed \
                     on {agreed}",
                    self.learner.name
                ),
                None => format!(
                    "{} had a 1:1 with {mentor} on {date}, but pair `{}` has no agreed charter",
                    self.learner.name, pair.key
                ),
            };
            out.push(
                Diagnostic::new(Code::SessionBeforeCharter, message)
                    .at(self.program.locate(self.program.session(session).start_pos))
                    .label("first 1:1")
                    .related(
                        self.program.locate(pair.pos),
                        format!("pair `{}`", pair.key),
                    )
                    .help(format!(
                        "agree the charter before the first 1:1 and record that day as `agreed:` \
                         on pair `{}`; if it was agreed earlier, correct the date",
                        pair.key
                    )),
            );
        }
    }

    /// The status agrees with where the journey ends.
    fn status(&self, out: &mut Vec<Diagnostic>) {
        let learner = self.learner;
        let status = status_key(learner.status);
        let problem = |message: String, help: String| {
            Diagnostic::new(Code::StatusInconsistent, message)
                .at(self.program.locate(learner.status_pos))
                .label(format!("status `{status}`"))
                .help(help)
        };
        if let Some(last) = learner.journey.last() {
            let stage = self.stage(last);
            let stages = |wanted: &dyn Fn(&Stage) -> bool| -> String {
                let keys: Vec<String> = self
                    .program
                    .journey
                    .stages
                    .iter()
                    .filter(|s| wanted(s))
                    .map(|s| format!("`{}`", s.key))
                    .collect();
                keys.join(" or ")
            };
            let ends = format!(
                "{}'s status is `{status}`, but their journey ends in `{}`",
                learner.name, stage.key
            );
            let add = |kind: &str, keys: String| {
                if keys.is_empty() {
                    let program_file = self.program.files.path(stage.pos.file).display();
                    format!(
                        "define a stage learners {kind} in {program_file}, then add it to the \
                         journey with its date"
                    )
                } else {
                    format!("add a journey entry for {keys} with its date, or correct `status:`")
                }
            };
            match learner.status {
                LearnerStatus::Withdrawn if !stage.exit => out.push(problem(
                    format!("{ends}, which is not an exit stage"),
                    add("leave to (`exit: true`)", stages(&|s| s.exit)),
                )),
                LearnerStatus::Graduated if !stage.terminal || stage.exit => out.push(problem(
                    format!("{ends}, which is not a graduation stage"),
                    add(
                        "graduate to (`terminal: true`)",
                        stages(&|s| s.terminal && !s.exit),
                    ),
                )),
                LearnerStatus::Active | LearnerStatus::Paused if stage.terminal => {
                    let right = if stage.exit {
                        "`status: withdrawn` with `status_date` and `status_reason`"
                    } else {
                        "`status: graduated` with `status_date`"
                    };
                    out.push(problem(
                        format!("{ends}, where learners stay for good"),
                        format!(
                            "set {right}, or remove the last journey entry if it was recorded \
                             by mistake"
                        ),
                    ));
                }
                _ => {}
            }
        }
        let missing: Vec<(&str, &str)> = [
            (learner.status != LearnerStatus::Active && learner.status_date.is_none())
                .then_some(("status_date", "the day the status took effect")),
            (learner.status == LearnerStatus::Withdrawn && learner.status_reason.is_none())
                .then_some(("status_reason", "why they left")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !missing.is_empty() {
            let fields: Vec<String> = missing.iter().map(|(f, _)| format!("`{f}`")).collect();
            let adds: Vec<String> = missing
                .iter()
                .map(|(f, why)| format!("`{f}:` ({why})"))
                .collect();
            out.push(problem(
                format!(
                    "{}'s status is `{status}`, but {} {} missing",
                    learner.name,
                    fields.join(" and "),
                    if fields.len() == 1 { "is" } else { "are" }
                ),
                format!("add {} to {}", adds.join(" and "), self.file()),
            ));
        }
    }
}

impl Walk<'_> {
    /// W064: a learner set `paused` on the first day of a pause of theirs
    /// that has ended by `today`. The pause says they are back and take
    /// part again; the status says they are away; only the coordinator
    /// knows which is true.
    fn still_paused(&self, today: NaiveDate, out: &mut Vec<Diagnostic>) {
        let learner = self.learner;
        let (LearnerStatus::Paused, Some(day)) = (learner.status, learner.status_date) else {
            return;
        };
        let ended = self.pairs.iter().find_map(|pair| {
            pair.pauses
                .iter()
                .find(|p| p.by == Party::Learner && p.covers(day))
                .map(|p| (pair, p))
        });
        let Some((pair, pause)) = ended else {
            return;
        };
        let Some(until) = pause.until.filter(|until| *until < today) else {
            return;
        };
        let back = journey::days_after(until, 1);
        out.push(
            Diagnostic::new(
                Code::PausedAfterPause,
                format!(
                    "{}'s status is still `paused`, but their pause on pair `{}` ended on {until}",
                    learner.name, pair.key
                ),
            )
            .at(self.program.locate(learner.status_pos))
            .label(format!("paused since {day}"))
            .related(
                self.program.locate(pause.until_pos),
                "the pause ends here".to_string(),
            )
            .help(format!(
                "if they are back, set `status: active` with `status_date: {back}`; if the \
                 pause goes on, remove its `until` (the pages and feeds now count them back \
                 from {back})"
            )),
        );
    }
}

/// A requirement as written in `requires:`.
fn requirement_key(requirement: Requirement) -> &'static str {
    match requirement {
        Requirement::IntakeAnswers => "intake-answers",
        Requirement::MentorAssigned => "mentor-assigned",
        Requirement::CharterAgreed => "charter-agreed",
        Requirement::FirstSession => "first-session",
        Requirement::MidpointCheckIn => "midpoint-check-in",
        Requirement::EndReflection => "end-reflection",
        Requirement::ModuleArtifact => "module-artifact",
    }
}

/// A requirement in words.
fn requirement_words(requirement: Requirement) -> &'static str {
    match requirement {
        Requirement::IntakeAnswers => "intake answers with a goal and a confidence rating",
        Requirement::MentorAssigned => "a mentor assigned",
        Requirement::CharterAgreed => "a charter agreed with the mentor",
        Requirement::FirstSession => "a first 1:1 session attended",
        Requirement::MidpointCheckIn => "a midpoint check-in attended",
        Requirement::EndReflection => "an end reflection attended",
        Requirement::ModuleArtifact => "a module artifact handed in",
    }
}

/// A status as written in `status:`.
fn status_key(status: LearnerStatus) -> &'static str {
    match status {
        LearnerStatus::Active => "active",
        LearnerStatus::Paused => "paused",
        LearnerStatus::Withdrawn => "withdrawn",
        LearnerStatus::Graduated => "graduated",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::checked_with;

    const JOURNEY_CODES: &[Code] = &[
        Code::StageUnreachable,
        Code::StageDeadEnd,
        Code::HandoffNoOwner,
        Code::HandoffNoLimit,
        Code::HandoffSkipped,
        Code::JourneyOrder,
        Code::RequirementUnmet,
        Code::HandoffLate,
        Code::LearnerStalled,
        Code::SessionBeforeCharter,
        Code::StatusInconsistent,
        Code::PausedAfterPause,
    ];

    const ADA: &str = "data/learners/ada-example.yaml";
    const PROGRAM: &str = "data/program.yaml";
    const PAIRS: &str = "data/pairs.yaml";
    const SESSIONS: &str = "data/sessions/first-cohort.yaml";

    /// The example program `telemachy init` writes, changed by a story.
    struct Story {
        files: Vec<(String, String)>,
    }

    impl Story {
        fn example() -> Self {
            Story {
                files: crate::init::FILES
                    .iter()
                    .map(|(path, text)| (path.to_string(), text.to_string()))
                    .collect(),
            }
        }

        fn edit(mut self, file: &str, old: &str, new: &str) -> Self {
            let text = self
                .files
                .iter_mut()
                .find(|(path, _)| path == file)
                .map(|(_, text)| text)
                .unwrap_or_else(|| panic!("no file {file}"));
            assert!(text.contains(old), "{file} has no {old:?}");
            *text = text.replacen(old, new, 1);
            self
        }

        fn add(mut self, file: &str, text: &str) -> Self {
            self.files.push((file.into(), text.into()));
            self
        }

        /// The journey diagnostics as of the harness's day, and the rest
        /// only when they are E009 (so a story can show what is left out).
        fn check(&self) -> Vec<Diagnostic> {
            let files: Vec<(&str, &str)> = self
                .files
                .iter()
                .map(|(path, text)| (path.as_str(), text.as_str()))
                .collect();
            checked_with(&files, "2026-04-15")
                .into_iter()
                .filter(|d| JOURNEY_CODES.contains(&d.code) || d.code == Code::UnresolvedReference)
                .collect()
        }
    }

    fn codes(found: &[Diagnostic]) -> Vec<&str> {
        found.iter().map(|d| d.code.as_str()).collect()
    }

    fn line(d: &Diagnostic) -> u32 {
        d.location.as_ref().map_or(0, |l| l.line)
    }

    #[test]
    fn the_example_journey_is_clean() {
        assert_eq!(codes(&Story::example().check()), Vec::<&str>::new());
    }

    #[test]
    fn a_stage_no_handoff_leads_to_is_unreachable_but_an_exit_stage_is_not() {
        let found = Story::example()
            .edit(
                PROGRAM,
                "    - id: withdrawn\n",
                "    - id: alumni\n      title: Alumni\n      terminal: true\n    - id: withdrawn\n",
            )
            .check();
        assert_eq!(codes(&found), ["E020"]);
        assert!(
            found[0].message.contains("`alumni`"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_stage_that_is_not_terminal_needs_a_way_out() {
        let found = Story::example()
            .edit(
                PROGRAM,
                "      terminal: true\n      exit: true\n",
                "      exit: true\n",
            )
            .check();
        assert_eq!(codes(&found), ["E021"]);
        assert!(
            found[0].message.contains("`withdrawn`"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_handoff_without_owner_or_limit_is_reported() {
        let found = Story::example()
            .edit(
                PROGRAM,
                "      owner: coordinator\n      requires: [intake-answers]\n      limit_days: 14\n",
                "      requires: [intake-answers]\n",
            )
            .check();
        assert_eq!(codes(&found), ["E022", "E023"]);
        assert!(found.iter().all(|d| line(d) == 72), "{found:?}");
    }

    #[test]
    fn a_misspelled_owner_is_an_unknown_name_not_a_missing_owner() {
        let found = Story::example()
            .edit(PROGRAM, "owner: coordinator", "owner: cordinator")
            .check();
        assert_eq!(codes(&found), ["E009"]);
    }

    #[test]
    fn a_skipped_stage_names_the_stage_expected_next() {
        let found = Story::example()
            .edit(ADA, "  - stage: matching\n    date: 2026-01-09\n", "")
            .check();
        assert_eq!(codes(&found), ["E030"]);
        assert!(
            found[0]
                .message
                .contains("expected `matching` after `intake`"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_journey_starts_at_the_first_stage() {
        let found = Story::example()
            .edit(ADA, "  - stage: intake\n    date: 2026-01-05\n", "")
            .check();
        assert_eq!(codes(&found), ["E030"]);
        assert!(
            found[0]
                .help
                .as_deref()
                .unwrap_or("")
                .contains("`- stage: intake`")
        );
    }

    #[test]
    fn leaving_for_an_exit_stage_needs_no_handoff() {
        let found = Story::example()
            .edit(ADA, "  - stage: graduated\n", "  - stage: withdrawn\n")
            .edit(
                ADA,
                "status: graduated\n",
                "status: withdrawn\nstatus_reason: Moved.\n",
            )
            .check();
        assert_eq!(codes(&found), Vec::<&str>::new());
    }

    #[test]
    fn an_entry_dated_before_the_one_above_it_is_out_of_order() {
        let found = Story::example()
            .edit(ADA, "date: 2026-01-09", "date: 2026-01-04")
            .check();
        assert_eq!(codes(&found), ["E031"]);
        assert_eq!(line(&found[0]), 20);
        assert_eq!(found[0].related.first().map(|(l, _)| l.line), Some(18));
    }

    #[test]
    fn going_active_before_the_charter_is_agreed_fails_two_checks() {
        let found = Story::example()
            .edit(PAIRS, "agreed: 2026-01-19", "agreed: 2026-01-22")
            .check();
        assert_eq!(codes(&found), ["E032", "E035"]);
        assert!(found[0].message.contains("`charter-agreed`"));
        assert!(
            found[0]
                .help
                .as_deref()
                .unwrap_or("")
                .contains("pair `ada-grace`"),
            "{:?}",
            found[0].help
        );
        assert!(
            found[1].message.contains("2026-01-20"),
            "{}",
            found[1].message
        );
    }

    #[test]
    fn a_missed_first_meeting_does_not_count_as_the_first_session() {
        let found = Story::example()
            .edit(
                SESSIONS,
                "    link: https://meet.example.org/ada-grace\n    status: completed\n  - id: ada-grace-weekly",
                "    link: https://meet.example.org/ada-grace\n    status: completed\n    attendance:\n      - learner: ada-example\n        attended: false\n  - id: ada-grace-weekly",
            )
            .check();
        assert_eq!(codes(&found), ["E032"]);
        assert!(
            found[0].message.contains("`first-session`"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_pair_without_an_agreed_date_that_met_is_reported() {
        let found = Story::example()
            .edit(PAIRS, "    agreed: 2026-01-19\n", "")
            .check();
        assert_eq!(codes(&found), ["E032", "E035"]);
        assert!(
            found[1].message.contains("no agreed charter"),
            "{}",
            found[1].message
        );
    }

    #[test]
    fn a_later_pair_with_the_same_mentor_is_judged_on_its_own_meetings() {
        let second = "  - id: ada-grace-again\n    mentor: grace-hopper-example\n    learner: ada-example\n    start: 2026-03-01\n    phase: working\n    agreed: AGREED\n";
        let story = |agreed: &str| {
            Story::example()
                .edit(PAIRS, "    end: 2026-04-09\n", "    end: 2026-02-10\n")
                .edit(
                    PAIRS,
                    "    mentor_hopes_to_learn",
                    &format!(
                        "{}    mentor_hopes_to_learn",
                        second.replace("AGREED", agreed)
                    ),
                )
        };
        let on_time = story("2026-03-02").check();
        assert!(!codes(&on_time).contains(&"E035"), "{on_time:?}");
        let late = story("2026-03-05").check();
        let e035: Vec<_> = late
            .iter()
            .filter(|d| d.code == Code::SessionBeforeCharter)
            .collect();
        assert_eq!(e035.len(), 1, "{late:?}");
        assert!(
            e035[0].message.contains("2026-03-03"),
            "{}",
            e035[0].message
        );
    }

    #[test]
    fn a_late_handoff_names_the_owner_who_should_have_acted() {
        let found = Story::example()
            .edit(
                ADA,
                "  - stage: intake\n    date: 2026-01-05\n",
                "  - stage: intake\n    date: 2025-12-01\n",
            )
            .check();
        assert_eq!(codes(&found), ["W033"]);
        assert!(
            found[0]
                .message
                .contains("Program coordinator (Sam Rivera)"),
            "{}",
            found[0].message
        );
    }

    const BO: &str = "id: bo-example\nname: Bo Example\ncohort: first-cohort\npath: getting-started\nintake:\n  date: 2026-03-02\n  goal: Automate a report.\n  confidence: 2\njourney:\n  - stage: intake\n    date: 2026-03-02\n  - stage: matching\n    date: 2026-03-06\n";

    #[test]
    fn an_active_learner_waiting_past_the_limit_is_stalled() {
        let found = Story::example()
            .add("data/learners/bo-example.yaml", BO)
            .check();
        assert_eq!(codes(&found), ["W034"]);
        assert!(
            found[0].message.contains("for 40 days"),
            "{}",
            found[0].message
        );
        assert!(
            found[0].help.as_deref().unwrap_or("").starts_with(
                "Program coordinator (Sam Rivera) must act: move them on to `onboarding`"
            ),
            "{:?}",
            found[0].help
        );
    }

    #[test]
    fn a_paused_learner_is_not_stalled() {
        let paused = format!("{BO}status: paused\nstatus_date: 2026-03-20\n");
        let found = Story::example()
            .add("data/learners/bo-example.yaml", &paused)
            .check();
        assert_eq!(codes(&found), Vec::<&str>::new());
    }

    /// Bo's learner file and a pair for Bo with Grace from 6 March,
    /// paused on the days of `pause`.
    fn bo_paused(pause: &str) -> Story {
        let pairs = format!(
            "{}  - id: bo-grace\n    mentor: grace-hopper-example\n    learner: bo-example\n\
             \x20   start: 2026-03-06\n    phase: initial\n    pauses:\n      - {pause}\n",
            crate::testing::example(PAIRS)
        );
        Story::example()
            .add("data/learners/bo-example.yaml", BO)
            .add(PAIRS, &pairs)
    }

    #[test]
    fn days_paused_do_not_count_toward_a_stall() {
        // 40 days in matching, 17 of them paused: 23, still past 21.
        let found = bo_paused("{from: 2026-03-20, until: 2026-04-05, by: learner}").check();
        assert_eq!(codes(&found), ["W034"]);
        assert!(
            found[0]
                .message
                .contains("for 23 days (not counting 17 days paused) as of"),
            "{}",
            found[0].message
        );
        // 22 days paused leave 18: not stalled.
        let found = bo_paused("{from: 2026-03-20, until: 2026-04-10, by: mentor}").check();
        assert_eq!(codes(&found), Vec::<&str>::new());
    }

    #[test]
    fn a_learner_whose_pair_is_paused_today_is_not_stalled() {
        let found = bo_paused("{from: 2026-04-14, by: mentor, reason: Leave}").check();
        assert_eq!(codes(&found), Vec::<&str>::new());
    }

    #[test]
    fn a_status_still_paused_after_the_pause_ended_is_reported() {
        let story = |until: &str| {
            bo_paused(&format!(
                "{{from: 2026-03-20, until: {until}, by: learner}}"
            ))
            .edit(
                "data/learners/bo-example.yaml",
                "journey:",
                "status: paused\nstatus_date: 2026-03-20\njourney:",
            )
        };
        let ended = story("2026-04-10").check();
        assert_eq!(codes(&ended), ["W064"]);
        assert!(
            ended[0]
                .message
                .contains("pair `bo-grace` ended on 2026-04-10")
                && ended[0]
                    .help
                    .as_deref()
                    .is_some_and(|h| h.contains("2026-04-11")),
            "{ended:?}"
        );
        assert_eq!(codes(&story("2026-04-15").check()), Vec::<&str>::new());
        assert_eq!(codes(&story("2026-04-20").check()), Vec::<&str>::new());
    }

    #[test]
    fn a_status_must_match_where_the_journey_ends() {
        let withdrawn = Story::example()
            .edit(ADA, "status: graduated\n", "status: withdrawn\n")
            .check();
        assert_eq!(codes(&withdrawn), ["E036", "E036"]);
        assert!(withdrawn.iter().all(|d| line(d) == 57));
        assert!(
            withdrawn[1].message.contains("`status_reason`"),
            "{}",
            withdrawn[1].message
        );

        let graduated_early = Story::example()
            .edit(ADA, "  - stage: graduated\n    date: 2026-04-09\n", "")
            .check();
        assert_eq!(codes(&graduated_early), ["E036"]);

        let still_active = Story::example()
            .edit(ADA, "status: graduated\nstatus_date: 2026-04-09\n", "")
            .check();
        assert_eq!(codes(&still_active), ["E036"]);
        assert!(
            still_active[0]
                .help
                .as_deref()
                .unwrap_or("")
                .contains("`status: graduated`")
        );
    }
}
