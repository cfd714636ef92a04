//! `telemachy changes`: what changed in a program between two git
//! revisions, in a coordinator's words rather than a diff.
//!
//! Each revision is written to a temporary folder ([`git`]), loaded and
//! checked by the same stages as `check` ([`crate::check_program`]), and the
//! two checked programs are compared record by record, matched by id:
//! learners (joined, left, moved stage, status), pairs (formed, ended,
//! rematched, paused), sessions (added, removed, moved, cancelled, with the
//! calendar feeds whose subscribers will see it), modules (added, removed,
//! front matter or text changed) and the problems the checks find (new and
//! fixed, matched by code, file and message, not by line, so an edit above
//! a problem does not make it new). [`report`] prints the result.
//!
//! A person who has not consented to be published appears by id only,
//! unless the report is for the staff audience: the same rule
//! (`render::audience`) a public site follows, since a pull-request comment
//! may be read by more people than the program's data.

pub mod git;
mod modules;
pub mod report;
mod sessions;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use aho_corasick::{AhoCorasick, MatchKind};
use chrono::{NaiveDate, NaiveDateTime};
use chrono_tz::Tz;
use serde::Serialize;

use crate::Checked;
use crate::derive::occurrences::{Occurrence, to_instant};
use crate::diagnostic::{Diagnostic, Phase, Severity};
use crate::model::{
    EndReason, Learner, Mentor, Module, Pair, Phase as PairPhase, Program, Session, SessionId,
    SessionStatus,
};
use crate::render::audience::{Audience, learner_listed, mentor_public};
use crate::render::calendar;
use git::{GitError, Revision};
use modules::modules;
use sessions::sessions;

/// Version of the JSON report's fields; raised when a field changes meaning
/// or goes away (new fields may appear without it).
pub const JSON_VERSION: u32 = 1;

/// Everything that changed between two revisions of a program.
#[derive(Debug, Clone, Serialize)]
pub struct Changes {
    /// See [`JSON_VERSION`].
    pub version: u32,
    /// The older revision.
    pub base: Revision,
    /// The newer revision.
    pub head: Revision,
    /// Who the report is for: `public` shows unconsented people by id only.
    pub audience: &'static str,
    /// Revisions whose program could not be read whole; their records are
    /// not compared.
    pub unreadable: Vec<Unreadable>,
    /// Learners who joined, left, moved stage or changed status.
    pub learners: Vec<LearnerChange>,
    /// Pairs formed, ended, rematched, paused or resumed.
    pub pairs: Vec<PairChange>,
    /// Sessions and meetings added, removed, moved, cancelled.
    pub sessions: Vec<SessionChange>,
    /// Modules added, removed or edited.
    pub modules: Vec<ModuleChange>,
    /// Problems the checks find in `head` but not in `base`.
    pub new_problems: Vec<Finding>,
    /// Problems the checks found in `base` and no longer find in `head`.
    pub fixed_problems: Vec<Finding>,
}

impl Changes {
    /// Whether nothing a coordinator would notice changed.
    pub fn is_empty(&self) -> bool {
        self.unreadable.is_empty()
            && self.learners.is_empty()
            && self.pairs.is_empty()
            && self.sessions.is_empty()
            && self.modules.is_empty()
            && self.new_problems.is_empty()
            && self.fixed_problems.is_empty()
    }
}

/// A revision whose files did not all load.
#[derive(Debug, Clone, Serialize)]
pub struct Unreadable {
    /// The revision, as given.
    pub revision: String,
    /// The errors that kept files from loading.
    pub errors: Vec<Finding>,
}

/// A person as the audience may see them: always the id, the name only
/// with consent or for staff.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Person {
    /// Their id.
    pub id: String,
    /// Their name, when it may be shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// What happened to a learner.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum LearnerChange {
    /// A new learner file.
    Added {
        /// Who.
        learner: Person,
        /// Their cohort's id.
        cohort: String,
        /// Their journey stage, if they have one.
        stage: Option<String>,
    },
    /// A learner file was deleted.
    Removed {
        /// Who.
        learner: Person,
    },
    /// Their latest journey stage is another.
    Stage {
        /// Who.
        learner: Person,
        /// The stage before.
        from: Option<String>,
        /// The stage now.
        to: Option<String>,
    },
    /// Their status changed (paused, withdrawn, graduated, active again).
    Status {
        /// Who.
        learner: Person,
        /// The status before.
        from: String,
        /// The status now.
        to: String,
    },
}

/// What happened to a mentor–learner pair.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum PairChange {
    /// A new pair.
    Formed {
        /// The pair's id.
        pair: String,
        /// Its learner.
        learner: Person,
        /// Its mentor.
        mentor: Person,
    },
    /// The pair now has an end.
    Ended {
        /// The pair's id.
        pair: String,
        /// Its learner.
        learner: Person,
        /// Its mentor.
        mentor: Person,
        /// Why it ended, when given.
        reason: Option<String>,
    },
    /// The pair was deleted.
    Removed {
        /// The pair's id.
        pair: String,
        /// Its learner.
        learner: Person,
        /// Its mentor.
        mentor: Person,
    },
    /// A learner's current mentor is another.
    Rematched {
        /// The learner.
        learner: Person,
        /// Their mentor before.
        from: Person,
        /// Their mentor now.
        to: Person,
        /// The new pair's id.
        pair: String,
    },
    /// A new pause.
    Paused {
        /// The pair's id.
        pair: String,
        /// Its learner.
        learner: Person,
        /// Its mentor.
        mentor: Person,
        /// First day on hold.
        from: String,
        /// Last day on hold, when known.
        until: Option<String>,
        /// Who asked for it: learner, mentor or program.
        by: String,
    },
    /// An open pause now has its last day.
    Resumed {
        /// The pair's id.
        pair: String,
        /// Its learner.
        learner: Person,
        /// Its mentor.
        mentor: Person,
        /// The last day on hold.
        until: String,
    },
}

/// A local time in a zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct When {
    /// Local date and time, `YYYY-MM-DDTHH:MM`.
    pub local: String,
    /// IANA zone name.
    pub zone: String,
}

impl When {
    fn new(local: NaiveDateTime, zone: Tz) -> When {
        When {
            local: local.format("%Y-%m-%dT%H:%M").to_string(),
            zone: zone.name().to_string(),
        }
    }
}

/// What happened to a session or one meeting of a series.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum SessionEvent {
    /// A new session or series.
    Added {
        /// Its (first) start.
        at: When,
    },
    /// A session or series was deleted.
    Removed {
        /// Its (first) start.
        at: When,
    },
    /// It starts at another instant (a series: its first meeting, or one
    /// meeting when `meeting` names it).
    Moved {
        /// The meeting's date in the series, for one meeting of a series.
        meeting: Option<String>,
        /// The start before.
        from: When,
        /// The start now.
        to: When,
    },
    /// It (or one meeting) is now cancelled.
    Cancelled {
        /// The meeting's date in the series, for one meeting of a series.
        meeting: Option<String>,
        /// Its start.
        at: When,
    },
    /// It (or one meeting) was cancelled and is not any more.
    Reinstated {
        /// The meeting's date in the series, for one meeting of a series.
        meeting: Option<String>,
        /// Its start.
        at: When,
    },
    /// It meets somewhere else: another room, address or link.
    Relocated {
        /// Its (first) start.
        at: When,
    },
    /// A series has meetings on more dates.
    MeetingsAdded {
        /// Their local dates.
        dates: Vec<String>,
    },
    /// A series has meetings on fewer dates.
    MeetingsRemoved {
        /// Their local dates.
        dates: Vec<String>,
    },
}

/// Whose calendar shows a session change.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Subscribers {
    /// The session's `UID` in every feed.
    pub uid: String,
    /// Site paths of the public feeds that hold it.
    pub feeds: Vec<String>,
    /// Learners whose personal feed holds it.
    pub learners: Vec<Person>,
    /// Mentors whose personal feed holds it.
    pub mentors: Vec<Person>,
}

/// A change to a session.
#[derive(Debug, Clone, Serialize)]
pub struct SessionChange {
    /// The session's id.
    pub session: String,
    /// Its title (names of people not shown are replaced by their ids).
    pub title: String,
    /// What happened.
    #[serde(flatten)]
    pub event: SessionEvent,
    /// Whose calendars will update.
    pub calendar: Subscribers,
}

/// What happened to a module.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ModuleChange {
    /// A new module.
    Added {
        /// Its id.
        module: String,
        /// Its title.
        title: String,
        /// Its path's id, if on one.
        path: Option<String>,
    },
    /// A module was deleted.
    Removed {
        /// Its id.
        module: String,
        /// Its title.
        title: String,
    },
    /// Its front matter or text changed.
    Changed {
        /// Its id.
        module: String,
        /// Its title now.
        title: String,
        /// Its title before, when that changed.
        was: Option<String>,
        /// The front-matter fields that changed, by their name in the file.
        fields: Vec<&'static str>,
        /// Whether the text below the front matter changed.
        text: bool,
    },
}

/// A problem the checks report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Its code, e.g. `E009`.
    pub code: String,
    /// `error` or `warning`.
    pub severity: Severity,
    /// The file, relative to the program root.
    pub file: Option<String>,
    /// Its line in the revision it is found in.
    pub line: Option<u32>,
    /// The message (names of people not shown are replaced by their ids).
    pub message: String,
}

/// Reads the program at `base` and `head` in the git repository holding
/// `root`, checks both as of `today` and compares them for `audience`.
pub fn changes(
    root: &Path,
    base: &str,
    head: &str,
    today: NaiveDate,
    audience: Audience,
) -> Result<Changes, GitError> {
    let repository = git::Repository::find(root)?;
    let base = git::resolve(&repository, base)?;
    let head = git::resolve(&repository, head)?;
    let (old, new) = rayon::join(
        || read(&repository, &base, today),
        || read(&repository, &head, today),
    );
    let (old, new) = (old?, new?);
    Ok(compare((&base, &old), (&head, &new), audience))
}

fn read(
    repository: &git::Repository,
    revision: &Revision,
    today: NaiveDate,
) -> Result<Checked, GitError> {
    let snapshot = git::snapshot(repository, revision)?;
    Ok(crate::check_program(&snapshot.program(), today))
}

/// Compares two checked revisions of a program.
pub fn compare(
    (base_rev, base): (&Revision, &Checked),
    (head_rev, head): (&Revision, &Checked),
    audience: Audience,
) -> Changes {
    let people = People::new(&base.program, &head.program, audience);
    let mut changes = Changes {
        version: JSON_VERSION,
        base: base_rev.clone(),
        head: head_rev.clone(),
        audience: audience.as_str(),
        unreadable: Vec::new(),
        learners: Vec::new(),
        pairs: Vec::new(),
        sessions: Vec::new(),
        modules: Vec::new(),
        new_problems: Vec::new(),
        fixed_problems: Vec::new(),
    };
    for (revision, checked) in [(base_rev, base), (head_rev, head)] {
        let errors: Vec<Finding> = checked
            .diagnostics
            .sorted()
            .into_iter()
            .filter(|d| d.is_error() && d.code.phase() == Phase::File)
            .map(|d| people.finding(d))
            .collect();
        if !errors.is_empty() {
            changes.unreadable.push(Unreadable {
                revision: revision.name.clone(),
                errors,
            });
        }
    }
    (changes.new_problems, changes.fixed_problems) = problems(base, head, &people);
    // A file that did not load leaves its records out: comparing them would
    // report people and sessions as gone that are only unreadable.
    if changes.unreadable.is_empty() {
        changes.learners = learners(&base.program, &head.program, &people);
        changes.pairs = pairs(&base.program, &head.program, &people);
        changes.sessions = sessions(base, head, &people);
        changes.modules = modules(&base.program, &head.program);
    }
    changes
}

/// Who may be named, and the redaction of everyone else's name in free
/// text.
struct People {
    learners: BTreeMap<String, Option<String>>,
    mentors: BTreeMap<String, Option<String>>,
    hidden: Option<(AhoCorasick, Vec<String>)>,
}

impl People {
    /// The latest consent counts: a revocation in `head` hides a name the
    /// base showed, and a removed person keeps the consent they had.
    fn new(base: &Program, head: &Program, audience: Audience) -> People {
        let mut learners = BTreeMap::new();
        let mut mentors = BTreeMap::new();
        let mut names: Vec<(String, String)> = Vec::new();
        for program in [base, head] {
            for learner in &program.learners {
                let shown = learner_listed(audience, learner);
                learners.insert(learner.key.clone(), shown.then(|| learner.name.clone()));
            }
            for mentor in &program.mentors {
                let shown = mentor_public(audience, mentor);
                mentors.insert(mentor.key.clone(), shown.then(|| mentor.name.clone()));
            }
        }
        for program in [base, head] {
            for learner in &program.learners {
                if learners.get(&learner.key).is_some_and(Option::is_none) {
                    names.push((learner.name.clone(), learner.key.clone()));
                }
            }
            for mentor in &program.mentors {
                if mentors.get(&mentor.key).is_some_and(Option::is_none) {
                    names.push((mentor.name.clone(), mentor.key.clone()));
                }
            }
        }
        names.retain(|(name, _)| !name.trim().is_empty());
        let hidden = (!names.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(names.iter().map(|(name, _)| name))
                    .ok()
                    .map(|matcher| (matcher, names.into_iter().map(|(_, id)| id).collect()))
            })
            .flatten();
        People {
            learners,
            mentors,
            hidden,
        }
    }

    fn learner(&self, learner: &Learner) -> Person {
        Person {
            id: learner.key.clone(),
            name: self.learners.get(&learner.key).cloned().flatten(),
        }
    }

    fn mentor(&self, mentor: &Mentor) -> Person {
        Person {
            id: mentor.key.clone(),
            name: self.mentors.get(&mentor.key).cloned().flatten(),
        }
    }

    /// `text` with the name of everyone not shown replaced by their id.
    fn redact(&self, text: &str) -> String {
        match &self.hidden {
            Some((matcher, ids)) => matcher.replace_all(text, ids),
            None => text.to_string(),
        }
    }

    fn finding(&self, diagnostic: &Diagnostic) -> Finding {
        let location = diagnostic.location.as_ref();
        Finding {
            code: diagnostic.code.as_str().to_string(),
            severity: diagnostic.severity(),
            file: location.map(|l| l.file.display().to_string().replace('\\', "/")),
            line: location.and_then(|l| (l.line > 0).then_some(l.line)),
            message: self.redact(&diagnostic.message),
        }
    }
}

/// Records of both revisions matched by id, in id order.
fn matched<'a, T>(
    base: &'a [T],
    head: &'a [T],
    key: impl Fn(&T) -> &str,
) -> Vec<(Option<&'a T>, Option<&'a T>)> {
    let mut by_key: BTreeMap<&str, (Option<&T>, Option<&T>)> = BTreeMap::new();
    for record in base {
        by_key.entry(key(record)).or_default().0 = Some(record);
    }
    for record in head {
        by_key.entry(key(record)).or_default().1 = Some(record);
    }
    by_key.into_values().collect()
}

/// A word for a value of the data files, as written in them.
fn word<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        _ => String::new(),
    }
}

fn stage(program: &Program, learner: &Learner) -> Option<String> {
    learner
        .journey
        .last()
        .map(|entry| program.stage(entry.stage).key.clone())
}

fn learners(base: &Program, head: &Program, people: &People) -> Vec<LearnerChange> {
    let mut changes = Vec::new();
    for pair in matched(&base.learners, &head.learners, |l| &l.key) {
        match pair {
            (None, Some(new)) => changes.push(LearnerChange::Added {
                learner: people.learner(new),
                cohort: head.cohort(new.cohort).key.clone(),
                stage: stage(head, new),
            }),
            (Some(old), None) => changes.push(LearnerChange::Removed {
                learner: people.learner(old),
            }),
            (Some(old), Some(new)) => {
                let (from, to) = (stage(base, old), stage(head, new));
                if from != to {
                    changes.push(LearnerChange::Stage {
                        learner: people.learner(new),
                        from,
                        to,
                    });
                }
                if old.status != new.status {
                    changes.push(LearnerChange::Status {
                        learner: people.learner(new),
                        from: word(&old.status),
                        to: word(&new.status),
                    });
                }
            }
            (None, None) => {}
        }
    }
    changes
}

/// Whether a pair has ended.
fn ended(pair: &Pair) -> bool {
    pair.end.is_some() || pair.phase == PairPhase::Closed
}

/// Each learner's current pair: the latest to start of those not ended.
fn current_pairs(program: &Program) -> BTreeMap<&str, &Pair> {
    let mut current: BTreeMap<&str, &Pair> = BTreeMap::new();
    for pair in program.pairs.iter().filter(|p| !ended(p)) {
        let learner = program.learner(pair.learner).key.as_str();
        match current.get(learner) {
            Some(other) if other.start > pair.start => {}
            _ => {
                current.insert(learner, pair);
            }
        }
    }
    current
}

fn pairs(base: &Program, head: &Program, people: &People) -> Vec<PairChange> {
    let mut changes = Vec::new();
    // A rematch says in one line what a pair ending and another forming
    // would say in two.
    let (old_current, new_current) = (current_pairs(base), current_pairs(head));
    let mut told: BTreeSet<&str> = BTreeSet::new();
    for (learner, new) in &new_current {
        let Some(old) = old_current.get(learner) else {
            continue;
        };
        let (from, to) = (base.mentor(old.mentor), head.mentor(new.mentor));
        if from.key != to.key {
            changes.push(PairChange::Rematched {
                learner: people.learner(head.learner(new.learner)),
                from: people.mentor(from),
                to: people.mentor(to),
                pair: new.key.clone(),
            });
            told.insert(old.key.as_str());
            told.insert(new.key.as_str());
        }
    }
    for (old, new) in matched(&base.pairs, &head.pairs, |p| &p.key) {
        let (program, pair) = match (old, new) {
            (_, Some(new)) => (head, new),
            (Some(old), None) => (base, old),
            (None, None) => continue,
        };
        let learner = people.learner(program.learner(pair.learner));
        let mentor = people.mentor(program.mentor(pair.mentor));
        let key = pair.key.clone();
        let rematched = told.contains(pair.key.as_str());
        match (old, new) {
            (None, Some(_)) if !rematched => changes.push(PairChange::Formed {
                pair: key,
                learner,
                mentor,
            }),
            (Some(_), None) if !rematched => changes.push(PairChange::Removed {
                pair: key,
                learner,
                mentor,
            }),
            (Some(old), Some(new)) => {
                if !ended(old) && ended(new) && !rematched {
                    changes.push(PairChange::Ended {
                        pair: key.clone(),
                        learner: learner.clone(),
                        mentor: mentor.clone(),
                        reason: new.end_reason.map(|r: EndReason| word(&r)),
                    });
                }
                for pause in &new.pauses {
                    match old.pauses.iter().find(|p| p.from == pause.from) {
                        None => changes.push(PairChange::Paused {
                            pair: key.clone(),
                            learner: learner.clone(),
                            mentor: mentor.clone(),
                            from: pause.from.to_string(),
                            until: pause.until.map(|d| d.to_string()),
                            by: word(&pause.by),
                        }),
                        Some(before) => {
                            if let (None, Some(until)) = (before.until, pause.until) {
                                changes.push(PairChange::Resumed {
                                    pair: key.clone(),
                                    learner: learner.clone(),
                                    mentor: mentor.clone(),
                                    until: until.to_string(),
                                });
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    changes
}

/// Problems found in `head` and not in `base`, and the other way round,
/// matched by code, file and message, each as often as it is found.
fn problems(base: &Checked, head: &Checked, people: &People) -> (Vec<Finding>, Vec<Finding>) {
    type Key = (String, Option<String>, String);
    let key = |d: &Diagnostic| -> Key {
        (
            d.code.as_str().to_string(),
            d.location
                .as_ref()
                .map(|l| l.file.display().to_string().replace('\\', "/")),
            d.message.clone(),
        )
    };
    let only_in = |this: &Checked, other: &Checked| -> Vec<Finding> {
        let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
        for d in other.diagnostics.sorted() {
            *counts.entry(key(d)).or_default() += 1;
        }
        let mut found = Vec::new();
        for d in this.diagnostics.sorted() {
            match counts.get_mut(&key(d)) {
                Some(count) if *count > 0 => *count -= 1,
                _ => found.push(people.finding(d)),
            }
        }
        found
    };
    (only_in(head, base), only_in(base, head))
}

#[cfg(test)]
mod tests;
