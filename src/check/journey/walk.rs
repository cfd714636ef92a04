//! One learner's journey walked entry by entry: moves follow handoffs, their
//! requirements hold on the day, nothing is late or stalled, charters come
//! before the first 1:1, and the status agrees with the records.

use super::*;

/// One learner's records, gathered for the checks of their journey.
pub(super) struct Walk<'a> {
    pub(super) program: &'a Program,
    pub(super) outgoing: &'a [Vec<&'a Handoff>],
    pub(super) id: LearnerId,
    pub(super) learner: &'a Learner,
    /// The learner's pairs, by start date.
    pub(super) pairs: &'a [&'a Pair],
    pub(super) attended: &'a Attended,
    /// Days the learner or one of their pairs was paused: the journey's
    /// clocks stop on them.
    pub(super) resting: &'a [Span],
}

impl Walk<'_> {
    pub(super) fn stage(&self, entry: &JourneyEntry) -> &Stage {
        self.program.stage(entry.stage)
    }

    pub(super) fn file(&self) -> String {
        self.program
            .files
            .path(self.learner.pos.file)
            .display()
            .to_string()
    }

    pub(super) fn handoff(&self, from: &JourneyEntry, to: &JourneyEntry) -> Option<&Handoff> {
        self.outgoing
            .get(from.stage.index())?
            .iter()
            .copied()
            .find(|h| h.to == to.stage)
    }

    /// Order, the first stage, handoffs followed, requirements and limits.
    pub(super) fn entries(&self, out: &mut Vec<Diagnostic>) {
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
    pub(super) fn taken(
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

    pub(super) fn owner(&self, handoff: &Handoff) -> String {
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
    pub(super) fn stalled(&self, today: NaiveDate, out: &mut Vec<Diagnostic>) {
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
    pub(super) fn charters(&self, out: &mut Vec<Diagnostic>) {
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
    pub(super) fn status(&self, out: &mut Vec<Diagnostic>) {
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
    pub(super) fn still_paused(&self, today: NaiveDate, out: &mut Vec<Diagnostic>) {
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
