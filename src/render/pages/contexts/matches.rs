//! The staff page of suggested matches: what `telemachy match --cohort`
//! prints for one cohort, as of the build's day, for a coordinator to
//! review before accepting it with `--write`.

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::derive::matching::score::points;
use crate::derive::matching::{Candidate, Waiting, suggest};
use crate::model::CohortId;
use crate::render::pages::{Shared, learner_dir};
use crate::render::urls::Urls;

/// The context of cohort `id`'s page: its waiting learners' suggestions as
/// of the build's `today`, and the commands that show and accept them.
pub(in crate::render::pages) fn matches_context(shared: &Shared<'_>, id: CohortId) -> Value {
    let program = shared.program();
    let cohort = program.cohort(id);
    let today = shared.options.today;
    let suggestions = suggest(program, today, Some(id));
    let stage = &program.settings.matching.stage;
    let stage_title = program
        .stages_with_ids()
        .find(|(_, s)| &s.key == stage)
        .map_or(stage.as_str(), |(_, s)| s.title.as_str());
    let learners: Vec<Value> = suggestions
        .learners
        .iter()
        .map(|waiting| learner(shared, waiting))
        .collect();
    let suggested = suggestions
        .learners
        .iter()
        .filter(|w| w.suggested.is_some())
        .count();
    json!({
        "cohort": cohort.title,
        "cohort_url": shared.urls.href(&Urls::cohort(program, id)),
        "stage": stage_title,
        "waiting": learners.len(),
        "suggested": suggested,
        "total": suggestions.total,
        "learners": learners,
        "preview": format!("telemachy match --cohort {}", cohort.key),
        "accept": format!("telemachy match --cohort {} --write", cohort.key),
    })
}

fn learner(shared: &Shared<'_>, waiting: &Waiting) -> Value {
    let program = shared.program();
    let url = program
        .learners
        .iter()
        .find(|l| l.key == waiting.learner)
        .and_then(|l| learner_dir(shared, l))
        .map(|dir| shared.urls.href(&dir));
    let since = NaiveDate::parse_from_str(&waiting.since, "%Y-%m-%d")
        .map_or_else(|_| waiting.since.clone(), |day| shared.locale.date(day));
    json!({
        "name": waiting.name,
        "url": url,
        "since": since,
        // The suggestion first, then the alternatives: one table each.
        "candidates": waiting
            .suggested
            .iter()
            .map(|c| candidate(c, "suggested"))
            .chain(waiting.alternatives.iter().map(|c| candidate(c, "alternative")))
            .collect::<Vec<_>>(),
        "unmatched": waiting.unmatched_because,
        "blocked": waiting.blocked.iter().map(|b| json!({
            "mentor": b.name,
            "rule": b.rule,
            "reason": b.reason,
        })).collect::<Vec<_>>(),
    })
}

/// A candidate's table: `role` (`suggested`, `alternative`), each part's
/// and rule's id are put in words by the theme's catalog.
fn candidate(candidate: &Candidate, role: &str) -> Value {
    json!({
        "role": role,
        "name": candidate.name,
        "score": candidate.score,
        "parts": candidate.parts.iter().map(|part| json!({
            "part": part.part,
            "points": points(part.milli),
            "of": points(part.of_milli),
            "reason": part.reason,
        })).collect::<Vec<_>>(),
    })
}
