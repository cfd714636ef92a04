//! The staff page of who must act, and the words it and the owners' due-date
//! feeds share: what an action is, whom it falls to, how late it is.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::calendar;
use super::locale::Locale;
use super::pages::{Shared, charter_dir, learner_dir};
use super::urls::Urls;
use crate::derive::actions::{self, Action, Actor, Task};
use crate::model::{Owner, Program, RequestKind};

/// The owners who may have actions, in the page's order: roles, then
/// mentors, in the program's order.
pub fn actors(program: &Program) -> impl Iterator<Item = Actor> {
    let roles = program.roles_with_ids().map(|(id, _)| Actor::Role(id));
    let mentors = program.mentors_with_ids().map(|(id, _)| Actor::Mentor(id));
    roles.chain(mentors)
}

/// Whom an action falls to, in words.
pub fn actor_name(program: &Program, actor: Actor) -> String {
    match actor {
        Actor::Role(role) => program.owner_name(Owner::Role(role), None),
        Actor::Mentor(mentor) => program.mentor(mentor).name.clone(),
        Actor::Unassigned => "The learner's mentor, once one is assigned".into(),
    }
}

/// What must be done, in words.
pub fn what(program: &Program, action: &Action, locale: &Locale) -> String {
    let mentor_of = |pair: crate::model::PairId| &program.mentor(program.pair(pair).mentor).name;
    match &action.task {
        Task::Match { stage, since } => format!(
            "Match with a mentor (in {} since {})",
            program.stage(*stage).title,
            locale.date(*since)
        ),
        Task::MoveOn { stage, since, to } => {
            let to: Vec<&str> = to
                .iter()
                .map(|s| program.stage(*s).title.as_str())
                .collect();
            format!(
                "Move on from {} to {} (there since {})",
                program.stage(*stage).title,
                to.join(" or "),
                locale.date(*since)
            )
        }
        Task::Charter(pair) => format!(
            "Agree the charter with {} (together since {})",
            mentor_of(*pair),
            locale.date(program.pair(*pair).start)
        ),
        Task::Midpoint(pair, Some(booked)) => format!(
            "Hold and record the midpoint check-in with {} (booked for {})",
            mentor_of(*pair),
            locale.date(*booked)
        ),
        Task::Midpoint(pair, None) => format!(
            "Book the midpoint check-in with {}: none is booked near the middle of the pair",
            mentor_of(*pair)
        ),
        Task::Reflection(pair, Some(booked)) => format!(
            "Hold and record the end reflection with {} (booked for {})",
            mentor_of(*pair),
            locale.date(*booked)
        ),
        Task::Reflection(pair, None) => format!(
            "Book the end reflection with {}: the pair closed without one",
            mentor_of(*pair)
        ),
        Task::Resume(pair, until) => format!(
            "Book the first meeting with {} after the pause (on hold through {})",
            mentor_of(*pair),
            locale.date(*until)
        ),
        Task::Answer(session, number) => {
            let session = program.session(*session);
            let kind = match session.requests.get(*number).map(|r| r.kind) {
                Some(RequestKind::Reschedule) => "request to reschedule",
                Some(RequestKind::FollowUp) | None => "follow-up request",
            };
            let asked = session
                .requests
                .get(*number)
                .map(|r| format!(" (asked {})", locale.date_time(r.asked)))
                .unwrap_or_default();
            format!("Answer the {kind} about “{}”{asked}", session.title)
        }
    }
}

/// How late an action is as of `today`: "3 days overdue", "due today",
/// "due in 5 days".
pub fn lateness(action: &Action, today: NaiveDate) -> String {
    let days = (action.due - today).num_days();
    let plural = |n: i64| if n == 1 { "" } else { "s" };
    match days {
        0 => "due today".into(),
        d if d < 0 => format!("{} day{} overdue", -d, plural(-d)),
        d => format!("due in {d} day{}", plural(d)),
    }
}

/// The context of the actions page: each owner with their actions, and the
/// address of their due-date feed.
pub fn context(shared: &Shared<'_>) -> Value {
    let program = shared.input.program;
    let today = shared.options.today;
    let found = actions::compute(program, shared.input.schedule, today);
    let mut owners: Vec<Value> = Vec::new();
    for actor in actors(program).chain([Actor::Unassigned]) {
        let items: Vec<Value> = found
            .of(actor)
            .map(|action| item(shared, action, today))
            .collect();
        if items.is_empty() {
            continue;
        }
        let feed = calendar::due_feed(shared.options, program, actor).map(|path| {
            let (https, webcal) = calendar::addresses(shared.options, &path);
            json!({ "https": https, "webcal": webcal })
        });
        owners.push(json!({
            "name": actor_name(program, actor),
            "count": items.len(),
            "actions": items,
            "feed": feed,
        }));
    }
    json!({ "actions": {
        "owners": owners,
        "total": found.list.len(),
        "overdue": found.list.iter().filter(|a| a.days_overdue(today) > 0).count(),
        "horizon": shared.locale.date(found.horizon),
        "after_horizon": shared.locale.date(found.horizon.succ_opt().unwrap_or(found.horizon)),
    }})
}

fn item(shared: &Shared<'_>, action: &Action, today: NaiveDate) -> Value {
    let program = shared.input.program;
    let learner = action.learner.map(|id| {
        let learner = program.learner(id);
        json!({
            "name": learner.name,
            "url": learner_dir(shared, learner).map(|dir| shared.urls.href(&dir)),
        })
    });
    let pair = match action.task {
        Task::Charter(pair)
        | Task::Midpoint(pair, _)
        | Task::Reflection(pair, _)
        | Task::Resume(pair, _) => Some(pair),
        _ => None,
    };
    let charter = pair
        .and_then(|p| charter_dir(shared, &program.pair(p).key))
        .map(|dir| shared.urls.href(&dir));
    // A learner waiting where `match` looks has mentors suggested on their
    // cohort's page.
    let matches = match (&action.task, action.learner) {
        (Task::Match { stage, .. }, Some(id))
            if program.stage(*stage).key == program.settings.matching.stage =>
        {
            Some(
                shared
                    .urls
                    .href(&Urls::matches(program, program.learner(id).cohort)),
            )
        }
        _ => None,
    };
    json!({
        "what": what(program, action, shared.locale),
        "learner": learner,
        "charter": charter,
        "matches": matches,
        "due": shared.locale.date(action.due),
        "due_iso": action.due.format("%Y-%m-%d").to_string(),
        "lateness": lateness(action, today),
        "overdue": action.days_overdue(today),
        "source": program.locate(action.at).to_string(),
    })
}
