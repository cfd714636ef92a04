//! `telemachy match --write`: accepted suggestions become new pairs at the
//! end of `data/pairs.yaml`, every other line of the file kept as it was.
//!
//! A new pair starts today in the `initial` phase, with its learner's
//! intake goal as the charter's first answer. The rest of the charter is
//! the pair's to agree at their first meeting, so it is not invented here:
//! the check run after writing lists what is still to be written (E060),
//! and the site does not build until it is.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Written;
use super::yaml::{Doc, scalar};
use crate::derive::matching::Suggestions;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Program;

/// The file new pairs are added to, relative to the program's root.
pub const FILE: &str = "data/pairs.yaml";

/// A suggestion a coordinator accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    /// The learner's id.
    pub learner: String,
    /// The mentor's id.
    pub mentor: String,
    /// The suggestion's score, as `match` showed it.
    pub score: String,
}

/// A pair written, with the suggestion it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Added {
    /// The new pair's id.
    pub id: String,
    /// What was accepted.
    pub accepted: Accepted,
}

/// The suggestions `accept` names: every learner's suggested mentor when
/// it is empty; otherwise `LEARNER` for that learner's suggested mentor,
/// or `LEARNER=MENTOR` for one of the alternatives shown. `Err` says why a
/// choice cannot be taken.
pub fn choose(suggestions: &Suggestions, accept: &[String]) -> Result<Vec<Accepted>, String> {
    let take = |learner: &str, mentor: &str, score: &str| Accepted {
        learner: learner.to_string(),
        mentor: mentor.to_string(),
        score: score.to_string(),
    };
    if accept.is_empty() {
        return Ok(suggestions
            .learners
            .iter()
            .filter_map(|w| {
                let s = w.suggested.as_ref()?;
                Some(take(&w.learner, &s.mentor, &s.score))
            })
            .collect());
    }
    let mut chosen: Vec<Accepted> = Vec::new();
    for choice in accept {
        let (learner, mentor) = match choice.split_once('=') {
            Some((l, m)) => (l.trim(), Some(m.trim())),
            None => (choice.trim(), None),
        };
        let Some(waiting) = suggestions.learners.iter().find(|w| w.learner == learner) else {
            return Err(format!(
                "`{learner}` is not waiting for a mentor on {} (or not in the cohort asked for)",
                suggestions.today
            ));
        };
        let candidate = match mentor {
            None => waiting.suggested.as_ref().ok_or_else(|| {
                format!(
                    "there is no suggestion for `{learner}`: {}",
                    waiting
                        .unmatched_because
                        .as_deref()
                        .unwrap_or("")
                        .trim_end_matches('.')
                )
            })?,
            Some(mentor) => waiting
                .suggested
                .iter()
                .chain(&waiting.alternatives)
                .find(|c| c.mentor == mentor)
                .ok_or_else(
                    || match waiting.blocked.iter().find(|b| b.mentor == mentor) {
                        Some(blocked) => format!(
                            "`{mentor}` is kept away from `{learner}`: {}",
                            blocked.reason.trim_end_matches('.')
                        ),
                        None => {
                            format!("`{mentor}` is not among the mentors shown for `{learner}`")
                        }
                    },
                )?,
        };
        if chosen.iter().any(|c| c.learner == learner) {
            return Err(format!("`{learner}` is accepted twice"));
        }
        chosen.push(take(learner, &candidate.mentor, &candidate.score));
    }
    Ok(chosen)
}

/// What `match --write` did.
#[derive(Debug)]
pub enum Outcome {
    /// The pairs file holds its list in a way lines cannot be added to.
    Unplaceable,
    /// The pairs were written and checked; they stay unless the check
    /// found an error other than their charters still to be agreed.
    Checked {
        /// The pairs, written or (when the check undid them) not.
        added: Vec<Added>,
        /// What the check found.
        written: Written,
    },
}

/// Adds the `accepted` suggestions as pairs starting `today` to the pairs
/// file of the program at `root`, then checks the program. The new pairs'
/// own charters still to be agreed (E060) are expected; any other error
/// the pairs would bring puts the file back. `Err` is an I/O failure.
pub fn write(
    root: &Path,
    today: NaiveDate,
    program: &Program,
    before: &crate::diagnostic::Diagnostics,
    accepted: &[Accepted],
) -> Result<Outcome, String> {
    let path = root.join(FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {FILE}: {e}")),
    };
    let Some((text, added)) = with_pairs(&text, program, today, accepted) else {
        return Ok(Outcome::Unplaceable);
    };
    let ids: Vec<String> = added.iter().map(|a| format!("pair `{}`", a.id)).collect();
    let charter_to_agree = |d: &Diagnostic| {
        d.code == Code::CharterIncomplete
            && d.location
                .as_ref()
                .is_some_and(|l| l.file == Path::new(FILE))
            && ids.iter().any(|id| d.message.contains(&format!("{id} ")))
    };
    let written = super::write_checked(
        root,
        today,
        before,
        &[(PathBuf::from(FILE), text)],
        charter_to_agree,
    )?;
    Ok(Outcome::Checked { added, written })
}

/// `text` (the pairs file as it is; empty when there is none) with one new
/// pair per accepted suggestion appended to its `pairs:` list, and the
/// pairs added; `None` when the list is written in a way lines cannot be
/// added to (a flow list, say).
pub fn with_pairs(
    text: &str,
    program: &Program,
    today: NaiveDate,
    accepted: &[Accepted],
) -> Option<(String, Vec<Added>)> {
    let mut doc = Doc::new(text);
    let mut taken: BTreeSet<String> = program.pairs.iter().map(|p| p.key.clone()).collect();
    let mut added = Vec::new();
    for choice in accepted {
        let id = new_id(&choice.learner, &choice.mentor, &taken);
        taken.insert(id.clone());
        let goal = program
            .learners
            .iter()
            .find(|l| l.key == choice.learner)
            .and_then(|l| l.intake.goal.as_deref())
            .map(str::trim)
            .filter(|goal| !goal.is_empty());
        let mut lines = vec![
            format!(
                "id: {}  # suggested by telemachy match on {today}, score {}",
                scalar(&id, false),
                choice.score
            ),
            format!("mentor: {}", scalar(&choice.mentor, false)),
            format!("learner: {}", scalar(&choice.learner, false)),
            format!("start: {today}"),
            "phase: initial".to_string(),
        ];
        if let Some(goal) = goal {
            lines.push("expectations:".into());
            lines.push(format!("  goals: {}", scalar(goal, false)));
        }
        if !doc.append_item("pairs", &lines) {
            return None;
        }
        added.push(Added {
            id,
            accepted: choice.clone(),
        });
    }
    Some((doc.text(), added))
}

/// An id for the pair of `learner` and `mentor` that no pair has: the first
/// word of each (`erik-jonas`), then their whole ids, then a number.
fn new_id(learner: &str, mentor: &str, taken: &BTreeSet<String>) -> String {
    let first = |id: &str| id.split('-').next().unwrap_or(id).to_string();
    let short = format!("{}-{}", first(learner), first(mentor));
    let long = format!("{learner}-{mentor}");
    for id in [&short, &long] {
        if !taken.contains(id) {
            return id.clone();
        }
    }
    (2..)
        .map(|n| format!("{short}-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or(long)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::InFile;
    use crate::testing::{example, example_with};

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 4, 15).unwrap()
    }

    fn bo_with(mentor: &str) -> Accepted {
        Accepted {
            learner: "ada-example".into(),
            mentor: mentor.into(),
            score: "7.0".into(),
        }
    }

    /// The pairs a pairs file's text holds, by id, as the loader reads it.
    fn ids(text: &str) -> Vec<String> {
        let file: crate::load::raw::PairsFile = crate::load::yaml::parse(&InFile {
            path: std::path::Path::new(FILE),
            text,
            line_offset: 0,
        })
        .unwrap();
        file.pairs.iter().map(|p| p.id.value.clone()).collect()
    }

    #[test]
    fn a_new_pair_is_appended_and_every_other_line_is_kept() {
        let text = example(FILE);
        let program = example_with::<&str>(&[]);
        let (after, added) = with_pairs(
            &text,
            &program,
            day(),
            &[bo_with("tomas-example"), bo_with("grace-hopper-example")],
        )
        .unwrap();
        assert!(after.starts_with(&text), "{after}");
        let new = &after[text.len()..];
        assert_eq!(
            new,
            "  - id: ada-tomas  # suggested by telemachy match on 2026-04-15, score 7.0\n    \
             mentor: tomas-example\n    learner: ada-example\n    start: 2026-04-15\n    \
             phase: initial\n    expectations:\n      \
             goals: Build and publish a small data project I can show to employers.\n  \
             - id: ada-example-grace-hopper-example  # suggested by telemachy match on \
             2026-04-15, score 7.0\n    mentor: grace-hopper-example\n    learner: \
             ada-example\n    start: 2026-04-15\n    phase: initial\n    expectations:\n      \
             goals: Build and publish a small data project I can show to employers.\n"
        );
        assert_eq!(
            ids(&after),
            ["ada-grace", "ada-tomas", "ada-example-grace-hopper-example"]
        );
        assert_eq!(added[1].id, "ada-example-grace-hopper-example");
    }

    #[test]
    fn an_empty_or_missing_list_is_started() {
        let program = example_with::<&str>(&[]);
        for text in ["", "# Pairs, one day.\npairs: []\n", "pairs:\n"] {
            let (after, _) =
                with_pairs(text, &program, day(), &[bo_with("tomas-example")]).unwrap();
            assert_eq!(ids(&after), ["ada-tomas"], "{text:?} → {after}");
            assert!(after.starts_with(text.split("pairs").next().unwrap_or("")));
        }
    }

    #[test]
    fn a_flow_list_is_left_alone() {
        let program = example_with::<&str>(&[]);
        let text = "pairs: [{id: a, mentor: b, learner: c, start: 2026-01-01, phase: initial}]\n";
        assert_eq!(
            with_pairs(text, &program, day(), &[bo_with("tomas-example")]),
            None
        );
    }

    #[test]
    fn ids_are_short_when_free() {
        let taken: BTreeSet<String> = ["erik-jonas", "erik-nilsson-jonas-weber"]
            .map(String::from)
            .into();
        assert_eq!(
            new_id("erik-nilsson", "jonas-weber", &taken),
            "erik-jonas-2"
        );
        assert_eq!(new_id("erik-nilsson", "amara-okafor", &taken), "erik-amara");
    }
}
