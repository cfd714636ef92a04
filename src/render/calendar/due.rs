//! The due-date feed of one owner (staff builds): an all-day event on the
//! due date of each of their actions.
//!
//! All-day `VEVENT`s rather than `VTODO`s: Google Calendar and Outlook show
//! no `VTODO` of a subscribed calendar, and Apple Calendar only in
//! Reminders. Each event's UID is a UUIDv5 of the owner and of what the
//! action is about (the learner and stage, the pair, the request), so it
//! stays the same from one build to the next while the action stands, and
//! its DTSTAMP is `--today`, never the build's clock.

use chrono::{Days, NaiveDate};
use ics::Event;
use ics::components::{Parameter, Property};
use uuid::Uuid;

use super::Context;
use crate::derive::actions::{Action, Actions, Actor, Task};
use crate::model::Program;
use crate::render::actions::{lateness, what};
use crate::render::ics_text::{self, line, text};

/// The site-relative path of an owner's due-date feed; `None` for the
/// unassigned, who have no calendar.
pub fn path(program: &Program, actor: Actor) -> Option<String> {
    match actor {
        Actor::Role(role) => Some(format!(
            "calendar/actions/roles/{}.ics",
            program.roles[role.index()].key
        )),
        Actor::Mentor(mentor) => Some(format!(
            "calendar/actions/mentors/{}.ics",
            program.mentor(mentor).key
        )),
        Actor::Unassigned => None,
    }
}

/// The events of `actor`'s feed.
pub fn events(context: &Context<'_>, actions: &Actions, actor: Actor) -> Vec<Event<'static>> {
    let program = context.program;
    let base_url = &context.options.base_url;
    let stamp = format!("{}T000000Z", actions.today.format("%Y%m%d"));
    let page = format!("{base_url}actions/");
    actions
        .of(actor)
        .map(|action| {
            let mut event = Event::new(uid(program, base_url, action), stamp.clone());
            event.push(day("DTSTART", action.due));
            event.push(day(
                "DTEND",
                action
                    .due
                    .checked_add_days(Days::new(1))
                    .unwrap_or(action.due),
            ));
            let learner = action.learner.map(|l| program.learner(l).name.as_str());
            let what = what(program, action, context.locale);
            let summary = match learner {
                Some(name) => format!("{name}: {what}"),
                None => what.clone(),
            };
            event.push(Property::new("SUMMARY", line(&summary)));
            let mut description = vec![
                what,
                format!(
                    "Due {} ({} as of {}).",
                    context.locale.date(action.due),
                    lateness(action, actions.today),
                    context.locale.date(actions.today)
                ),
            ];
            if let Some(name) = learner {
                description.push(format!("Learner: {name}"));
            }
            description.push(format!("Written in {}", program.locate(action.at)));
            event.push(Property::new("DESCRIPTION", text(&description.join("\n"))));
            if let Some(url) = ics_text::uri(&page) {
                event.push(Property::new("URL", url.to_string()));
            }
            event.push(Property::new("TRANSP", "TRANSPARENT"));
            event.push(Property::new("CATEGORIES", "Due date"));
            event
        })
        .collect()
}

/// The UID of an action's event: a UUIDv5 of its owner's feed and what it
/// is about, stable across rebuilds while the action stands.
pub fn uid(program: &Program, base_url: &str, action: &Action) -> String {
    let owner = path(program, action.actor).unwrap_or_default();
    let name = format!("{base_url}{owner}/{}", subject(program, action));
    Uuid::new_v5(&Uuid::NAMESPACE_URL, name.as_bytes()).to_string()
}

/// An all-day date property.
fn day(name: &'static str, date: NaiveDate) -> Property<'static> {
    let mut property = Property::new(name, date.format("%Y%m%d").to_string());
    property.add(Parameter::new("VALUE", "DATE"));
    property
}

/// What an action is about, as stable as the action itself: its UID does
/// not change when only its due date or wording does.
fn subject(program: &Program, action: &Action) -> String {
    let learner = action
        .learner
        .map_or("", |l| program.learner(l).key.as_str());
    let pair = |p: crate::model::PairId| &program.pair(p).key;
    match &action.task {
        Task::Match { stage, since } => {
            format!("match/{learner}/{}/{since}", program.stage(*stage).key)
        }
        Task::MoveOn { stage, since, .. } => {
            format!("move-on/{learner}/{}/{since}", program.stage(*stage).key)
        }
        Task::Charter(p) => format!("charter/{}", pair(*p)),
        Task::Midpoint(p, _) => format!("midpoint/{}", pair(*p)),
        Task::Reflection(p, _) => format!("reflection/{}", pair(*p)),
        Task::Resume(p, until) => format!("resume/{}/{until}", pair(*p)),
        Task::Answer(session, number) => {
            let session = program.session(*session);
            let asked = session
                .requests
                .get(*number)
                .map(|r| r.asked.format("%Y-%m-%dT%H:%M").to_string())
                .unwrap_or_default();
            format!("answer/{}/{learner}/{asked}", session.key)
        }
    }
}
