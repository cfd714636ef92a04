//! iCalendar feeds: one for the program, one per cohort, one per public
//! mentor, and personal feeds per learner and mentor (staff builds, or
//! capability URLs in a public build with a secret), and in staff builds
//! a feed of due dates per owner ([`due`]).
//!
//! The `ics` crate builds the structure; around it every TEXT value is
//! cleaned of control characters and escaped (line breaks kept as `\n` in
//! descriptions, turned into spaces in summaries, locations and names), the
//! `URL` written only when it is a clean http(s) address, every parameter
//! value quoted when needed, and the output folded again at 75 octets
//! ([`ics_text::refold`]). Nothing depends on the build
//! time, so two builds of the same commit give byte-identical feeds.
//!
//! Privacy: the program, cohort and mentor feeds carry only group sessions,
//! office hours and mentor circles, never a 1:1 or any learner, so no
//! learner name or e-mail can reach them.

pub mod due;
pub mod vtimezone;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Utc};
use chrono_tz::Tz;
use ics::components::{Parameter, Property};
use ics::properties::{Description, Trigger};
use ics::{Alarm, Event, ICalendar};
use rayon::prelude::*;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::derive::actions::{self, Actions, Actor};
use crate::derive::occurrences::{Occurrence, Schedule, series_dates, to_instant};
use crate::model::{
    CohortId, LearnerId, MentorId, Program, Session, SessionId, SessionKind, SessionStatus,
};
use crate::render::RenderOptions;
use crate::render::Site;
use crate::render::audience::{Audience, capability, mentor_public};
use crate::render::ics_text::{self, line, param, text};
use crate::render::locale::Locale;
use crate::render::urls::Urls;
use crate::theme::Catalog;

/// `PRODID` of every feed.
pub const PRODID: &str = "-//telemachy//telemachy//EN";

/// How often clients should fetch a feed again.
const REFRESH: &str = "PT12H";

/// What feeds are made from.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The program.
    pub program: &'a Program,
    /// Its occurrences.
    pub schedule: &'a Schedule,
    /// Audience, base URL, secret and history.
    pub options: &'a RenderOptions<'a>,
    /// The theme's words in the program's language: the feeds' names and
    /// the events' descriptions are plain text from it.
    pub catalog: &'a Catalog,
    /// How descriptions write dates.
    pub locale: &'a Locale,
}

/// Which sessions a feed holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Selection {
    /// Group sessions, office hours and mentor circles of the whole program.
    Program,
    /// A cohort's group sessions and office hours.
    Cohort(CohortId),
    /// A mentor's group sessions, office hours and mentor circles.
    MentorPublic(MentorId),
    /// Everything a learner attends: their own sessions and their cohort's
    /// group sessions and office hours.
    Learner(LearnerId),
    /// Everything a mentor leads.
    MentorPersonal(MentorId),
    /// The due dates of one owner's actions.
    Due(Actor),
}

impl Selection {
    /// Whether the feed is about one person and may name learners.
    fn personal(self) -> bool {
        matches!(
            self,
            Selection::Learner(_) | Selection::MentorPersonal(_) | Selection::Due(_)
        )
    }
}

impl Feed {
    /// The learner whose personal feed this is, if it is one.
    pub fn learner(&self) -> Option<LearnerId> {
        match self.selection {
            Selection::Learner(learner) => Some(learner),
            _ => None,
        }
    }
}

/// Sessions indexed by who and what they are for, built once so that each
/// feed is assembled from its own lists instead of scanning every session.
struct Index {
    /// Group sessions, office hours and mentor circles.
    program: Vec<SessionId>,
    /// Per cohort, its group sessions and office hours.
    cohorts: Vec<Vec<SessionId>>,
    /// Group sessions and office hours of no cohort.
    everyone: Vec<SessionId>,
    /// Per learner, the sessions naming them.
    learners: Vec<Vec<SessionId>>,
    /// Per mentor, the sessions naming them.
    mentors: Vec<Vec<SessionId>>,
    /// Every zone a series is written in, as a `VTIMEZONE` covering every
    /// series year of the program, so it is computed once for all feeds.
    zones: BTreeMap<&'static str, ics::TimeZone<'static>>,
    /// Who must act, in a staff build.
    due: Option<Actions>,
}

impl Index {
    fn new(context: &Context<'_>) -> Index {
        let program = context.program;
        let mut index = Index {
            program: Vec::new(),
            cohorts: vec![Vec::new(); program.cohorts.len()],
            everyone: Vec::new(),
            learners: vec![Vec::new(); program.learners.len()],
            mentors: vec![Vec::new(); program.mentors.len()],
            zones: BTreeMap::new(),
            due: (context.options.audience == Audience::Staff)
                .then(|| actions::compute(program, context.schedule, context.options.today)),
        };
        let mut years: BTreeMap<&'static str, (Tz, i32, i32)> = BTreeMap::new();
        for (id, session) in program.sessions_with_ids() {
            if context.schedule.of(id).is_empty() {
                continue;
            }
            if is_group_kind(session.kind) {
                index.program.push(id);
            }
            if matches!(session.kind, SessionKind::Group | SessionKind::OfficeHours) {
                match session
                    .cohort
                    .and_then(|c| index.cohorts.get_mut(c.index()))
                {
                    Some(list) => list.push(id),
                    None => index.everyone.push(id),
                }
            }
            for learner in &session.learners {
                if let Some(list) = index.learners.get_mut(learner.index()) {
                    list.push(id);
                }
            }
            for mentor in &session.mentors {
                if let Some(list) = index.mentors.get_mut(mentor.index()) {
                    list.push(id);
                }
            }
            if session.recurrence.is_some() {
                // A meeting moved out of the series' years is written in
                // local time too, so its year needs the zone's rules.
                let moved = session.changes.iter().filter_map(|c| c.moved_to);
                let first = moved
                    .clone()
                    .map(|m| m.year())
                    .fold(session.start.year(), i32::min);
                let last = series_dates(session)
                    .last()
                    .map(|d| d.year())
                    .into_iter()
                    .chain(moved.map(|m| m.year()))
                    .fold(first, i32::max);
                let entry =
                    years
                        .entry(session.timezone.name())
                        .or_insert((session.timezone, first, last));
                entry.1 = entry.1.min(first);
                entry.2 = entry.2.max(last);
            }
        }
        index.zones = years
            .into_iter()
            .map(|(name, (zone, first, last))| (name, vtimezone::vtimezone(zone, first, last)))
            .collect();
        index
    }

    /// The sessions of a feed, in program order.
    fn sessions(&self, program: &Program, selection: Selection) -> Vec<SessionId> {
        let list = |lists: &[Vec<SessionId>], i: usize| lists.get(i).cloned().unwrap_or_default();
        let mut ids = match selection {
            Selection::Program => self.program.clone(),
            Selection::Cohort(cohort) => list(&self.cohorts, cohort.index()),
            Selection::MentorPublic(mentor) => list(&self.mentors, mentor.index())
                .into_iter()
                .filter(|id| is_group_kind(program.session(*id).kind))
                .collect(),
            Selection::Learner(learner) => {
                let cohort = program.learner(learner).cohort;
                let mut ids = list(&self.learners, learner.index());
                ids.extend(list(&self.cohorts, cohort.index()));
                ids.extend(&self.everyone);
                ids
            }
            Selection::MentorPersonal(mentor) => list(&self.mentors, mentor.index()),
            Selection::Due(_) => Vec::new(),
        };
        ids.sort();
        ids.dedup();
        ids
    }
}

/// A feed to write.
#[derive(Debug, Clone)]
pub struct Feed {
    /// Site-relative path, e.g. `calendar/program.ics`.
    pub path: String,
    /// Calendar name.
    pub title: String,
    /// Calendar description.
    pub description: String,
    /// Whether it is listed on the calendar page.
    pub listed: bool,
    selection: Selection,
}

/// Kinds of session that involve no individual learner and may be listed
/// publicly.
fn is_group_kind(kind: SessionKind) -> bool {
    matches!(
        kind,
        SessionKind::Group | SessionKind::OfficeHours | SessionKind::MentorCircle
    )
}

/// The program's public feed.
pub const PROGRAM_FEED: &str = "calendar/program.ics";

fn cohort_feed(key: &str) -> String {
    format!("calendar/cohorts/{key}.ics")
}

fn mentor_feed(key: &str) -> String {
    format!("calendar/mentors/{key}.ics")
}

/// The feeds one session is in, by the rules [`feeds`] selects with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Holders {
    /// Site paths of the public feeds that hold it (program, cohort,
    /// public mentors).
    pub public: Vec<String>,
    /// Learners whose personal feed holds it.
    pub learners: Vec<LearnerId>,
    /// Mentors whose personal feed holds it.
    pub mentors: Vec<MentorId>,
}

/// Which feeds hold session `id`: a subscriber of each sees it change. A
/// learner's own feed holds it when they take part on one of its days,
/// as the feeds' own events are chosen.
pub fn holders(program: &Program, schedule: &Schedule, id: SessionId) -> Holders {
    let session = program.session(id);
    let mut holders = Holders::default();
    let cohort_wide = matches!(session.kind, SessionKind::Group | SessionKind::OfficeHours);
    if is_group_kind(session.kind) {
        holders.public.push(PROGRAM_FEED.to_string());
    }
    if cohort_wide && let Some(cohort) = session.cohort {
        holders
            .public
            .push(cohort_feed(&program.cohort(cohort).key));
    }
    if is_group_kind(session.kind) {
        for &mentor in &session.mentors {
            let record = program.mentor(mentor);
            if record.public_profile {
                holders.public.push(mentor_feed(&record.key));
            }
        }
    }
    let mut learners: BTreeSet<LearnerId> = session.learners.iter().copied().collect();
    if cohort_wide {
        learners.extend(
            program
                .learners_with_ids()
                .filter(|(_, l)| session.cohort.is_none_or(|c| c == l.cohort))
                .map(|(id, _)| id),
        );
    }
    let meetings = schedule.of(id);
    holders.learners = learners
        .into_iter()
        .filter(|l| {
            meetings
                .iter()
                .any(|o| schedule.presence.takes_part(*l, o.date()))
        })
        .collect();
    holders.mentors = session.mentors.clone();
    holders.mentors.sort();
    holders.mentors.dedup();
    holders
}

/// Every feed of the site for the audience, in a stable order.
pub fn feeds(context: &Context<'_>) -> Vec<Feed> {
    let program = context.program;
    let options = context.options;
    let staff = options.audience == Audience::Staff;
    let name = program.settings.title.as_str();
    // Feeds are plain text: the values go in as they are, and iCalendar
    // and the calendar page escape them for their own formats.
    let say = |key: &str, who: Option<(&str, &str)>| {
        let mut args = vec![("site", name.into())];
        args.extend(who.map(|(k, v)| (k, v.into())));
        context.catalog.say(key, &args)
    };
    let mut feeds = vec![Feed {
        path: PROGRAM_FEED.into(),
        title: say("feed-program-title", None),
        description: say("feed-program-description", None),
        listed: true,
        selection: Selection::Program,
    }];
    for (id, cohort) in program.cohorts_with_ids() {
        feeds.push(Feed {
            path: cohort_feed(&cohort.key),
            title: say("feed-cohort-title", Some(("cohort", &cohort.title))),
            description: say("feed-cohort-description", Some(("cohort", &cohort.title))),
            listed: true,
            selection: Selection::Cohort(id),
        });
    }
    for (id, mentor) in program.mentors_with_ids() {
        if mentor_public(options.audience, mentor) {
            feeds.push(Feed {
                path: mentor_feed(&mentor.key),
                title: say("feed-mentor-title", Some(("mentor", &mentor.name))),
                description: say("feed-mentor-description", Some(("mentor", &mentor.name))),
                listed: true,
                selection: Selection::MentorPublic(id),
            });
        }
    }
    for (id, learner) in program.learners_with_ids() {
        let Some(path) = learner_feed(options, &learner.key) else {
            continue;
        };
        feeds.push(Feed {
            path,
            title: say("feed-learner-title", Some(("learner", &learner.name))),
            description: say("feed-learner-description", Some(("learner", &learner.name))),
            listed: staff,
            selection: Selection::Learner(id),
        });
    }
    for (id, mentor) in program.mentors_with_ids() {
        let path = match (staff, options.secret) {
            (true, _) => format!("calendar/mentor-schedules/{}.ics", mentor.key),
            (false, Some(secret)) => format!(
                "p/{}/calendar.ics",
                secret.token(capability::MENTOR_FEED, &mentor.key)
            ),
            (false, None) => continue,
        };
        feeds.push(Feed {
            path,
            title: say("feed-schedule-title", Some(("mentor", &mentor.name))),
            description: say("feed-schedule-description", Some(("mentor", &mentor.name))),
            listed: staff,
            selection: Selection::MentorPersonal(id),
        });
    }
    for actor in crate::render::actions::actors(program) {
        let Some(path) = due_feed(options, program, actor) else {
            continue;
        };
        let owner = crate::render::actions::actor_name(program, actor);
        feeds.push(Feed {
            path,
            title: say("feed-due-title", Some(("owner", &owner))),
            description: say("feed-due-description", Some(("owner", &owner))),
            listed: staff,
            selection: Selection::Due(actor),
        });
    }
    feeds
}

/// Where an owner's due-date feed lives: staff builds only.
pub fn due_feed(options: &RenderOptions<'_>, program: &Program, actor: Actor) -> Option<String> {
    match options.audience {
        Audience::Staff => due::path(program, actor),
        Audience::Public => None,
    }
}

/// Where a learner's personal feed lives for this audience, if anywhere:
/// under `calendar/learners/` for staff, at a capability URL in a public
/// build with a secret.
pub fn learner_feed(options: &RenderOptions<'_>, learner: &str) -> Option<String> {
    match (options.audience, options.secret) {
        (Audience::Staff, _) => Some(format!("calendar/learners/{learner}.ics")),
        (Audience::Public, Some(secret)) => Some(format!(
            "p/{}/calendar.ics",
            secret.token(capability::LEARNER_FEED, learner)
        )),
        (Audience::Public, None) => None,
    }
}

/// The https and webcal addresses of a feed.
pub fn addresses(options: &RenderOptions<'_>, path: &str) -> (String, String) {
    let https = format!("{}{path}", options.base_url);
    let webcal = match https.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => https.clone(),
    };
    (https, webcal)
}

/// The feeds listed on the calendar page: title, https and webcal URLs.
pub fn listing(context: &Context<'_>) -> Vec<Value> {
    feeds(context)
        .into_iter()
        .filter(|f| f.listed)
        .map(|f| {
            let (https, webcal) = addresses(context.options, &f.path);
            json!({ "title": f.title, "https": https, "webcal": webcal })
        })
        .collect()
}

/// Renders every feed into the site, in parallel, and returns how many.
pub fn write_feeds(context: &Context<'_>, site: &mut Site) -> usize {
    let index = Index::new(context);
    let rendered: Vec<(String, String)> = feeds(context)
        .par_iter()
        .map(|feed| (feed.path.clone(), render(context, &index, feed)))
        .collect();
    let count = rendered.len();
    for (path, body) in rendered {
        site.insert(path, body);
    }
    count
}

/// One feed as iCalendar text.
pub fn render_feed(context: &Context<'_>, feed: &Feed) -> String {
    render(context, &Index::new(context), feed)
}

fn render(context: &Context<'_>, index: &Index, feed: &Feed) -> String {
    let program = context.program;
    let mut calendar = ICalendar::new("2.0", PRODID);
    calendar.push(Property::new("CALSCALE", "GREGORIAN"));
    calendar.push(Property::new("METHOD", "PUBLISH"));
    calendar.push(Property::new("NAME", line(&feed.title)));
    calendar.push(Property::new("X-WR-CALNAME", line(&feed.title)));
    calendar.push(Property::new("DESCRIPTION", text(&feed.description)));
    calendar.push(Property::new("X-WR-CALDESC", text(&feed.description)));
    let mut refresh = Property::new("REFRESH-INTERVAL", REFRESH);
    refresh.add(Parameter::new("VALUE", "DURATION"));
    calendar.push(refresh);
    calendar.push(Property::new("X-PUBLISHED-TTL", REFRESH));

    let sessions = index.sessions(program, feed.selection);
    let zones: BTreeSet<&str> = sessions
        .iter()
        .map(|id| program.session(*id))
        .filter(|s| s.recurrence.is_some())
        .map(|s| s.timezone.name())
        .collect();
    for zone in &zones {
        if let Some(vtimezone) = index.zones.get(zone) {
            calendar.add_timezone(vtimezone.clone());
        }
    }
    for id in sessions {
        for event in events(context, feed, id, program.session(id)) {
            calendar.add_event(event);
        }
    }
    if let (Selection::Due(actor), Some(actions)) = (feed.selection, &index.due) {
        for event in due::events(context, actions, actor) {
            calendar.add_event(event);
        }
    }
    ics_text::refold(&calendar.to_string())
}

fn utc(instant: DateTime<Utc>) -> String {
    instant.format("%Y%m%dT%H%M%SZ").to_string()
}

fn local(time: NaiveDateTime) -> String {
    time.format("%Y%m%dT%H%M%S").to_string()
}

fn zoned(name: &'static str, zone: Tz, value: String) -> Property<'static> {
    let mut property = Property::new(name, value);
    property.add(Parameter::new("TZID", param(zone.name()).into_owned()));
    property
}

/// The UID of a session: a UUIDv5 of its URL-like name, stable across
/// rebuilds and naming nobody.
pub fn uid(base_url: &str, session: &Session) -> String {
    let name = format!("{base_url}sessions/{}", session.key);
    Uuid::new_v5(&Uuid::NAMESPACE_URL, name.as_bytes()).to_string()
}

/// When the session's file last changed in a commit; outside git (or before
/// the first commit) the session's first day, so the feed never depends on
/// when it was built.
fn stamp(context: &Context<'_>, session: &Session) -> String {
    let file = context.program.files.path(session.pos.file);
    let time = context
        .options
        .history
        .last_changed(file)
        .unwrap_or_else(|| {
            session
                .start
                .date()
                .and_time(chrono::NaiveTime::MIN)
                .and_utc()
        });
    utc(time)
}

fn status(status: SessionStatus) -> &'static str {
    match status {
        SessionStatus::Cancelled => "CANCELLED",
        SessionStatus::Scheduled | SessionStatus::Completed | SessionStatus::NoShow => "CONFIRMED",
    }
}

/// The standard agenda of a kind of session, used when none is written:
/// its steps as the catalog's `event-agenda-step` selects them.
fn standard_agenda(kind: SessionKind) -> &'static [&'static str] {
    match kind {
        SessionKind::OfficeHours => &["check-in", "open-questions", "practice", "next-step"],
        SessionKind::MentorCircle => &["check-in", "review", "case", "next-step"],
        SessionKind::OneToOne
        | SessionKind::Group
        | SessionKind::Midpoint
        | SessionKind::Reflection => &["check-in", "review", "core", "practice", "next-step"],
    }
}

fn description(
    program: &Program,
    catalog: &Catalog,
    session: &Session,
    place: &Place<'_>,
) -> String {
    let mut lines = vec![catalog.say("event-agenda", &[])];
    let agenda: Vec<String> = if session.agenda.is_empty() {
        standard_agenda(session.kind)
            .iter()
            .map(|step| catalog.say("event-agenda-step", &[("step", (*step).into())]))
            .collect()
    } else {
        session.agenda.clone()
    };
    lines.extend(
        agenda
            .iter()
            .enumerate()
            .map(|(i, item)| format!("{}. {item}", i + 1)),
    );
    if let Some(module) = session.module {
        let title = program.module(module).title.as_str();
        lines.push(catalog.say("event-module", &[("module", title.into())]));
    }
    if let (Some(_), Some(link)) = (place.location, place.link) {
        lines.push(catalog.say("event-join", &[("link", link.as_str().into())]));
    }
    lines.join("\n")
}

/// Where a meeting takes place: the series' room and link, or one
/// meeting's own.
struct Place<'a> {
    location: Option<&'a String>,
    link: Option<&'a String>,
}

impl<'a> Place<'a> {
    fn of(session: &'a Session, occurrence: Option<&Occurrence>) -> Place<'a> {
        match occurrence {
            Some(o) => Place {
                location: o.location(session),
                link: o.link(session),
            },
            None => Place {
                location: session.location.as_ref(),
                link: session.link.as_ref(),
            },
        }
    }
}

/// The page a session belongs to: its cohort's, or the calendar.
fn page_url(context: &Context<'_>, session: &Session) -> String {
    let relative = match session.cohort {
        Some(cohort) => Urls::cohort(context.program, cohort),
        None => "calendar/".to_string(),
    };
    format!("{}{relative}", context.options.base_url)
}

/// The properties every event of a session shares, with the place of one
/// meeting (the series' when `None`).
fn describe(
    context: &Context<'_>,
    session: &Session,
    occurrence: Option<&Occurrence>,
    event: &mut Event<'static>,
) {
    let program = context.program;
    let place = Place::of(session, occurrence);
    event.push(Property::new("SUMMARY", line(&session.title)));
    event.push(Property::new(
        "DESCRIPTION",
        text(&description(program, context.catalog, session, &place)),
    ));
    if let Some(place) = place.location.or(place.link) {
        event.push(Property::new("LOCATION", line(place)));
    }
    let page = page_url(context, session);
    if let Some(url) = ics_text::uri(&page) {
        event.push(Property::new("URL", url.to_string()));
    }
    let kind = context
        .catalog
        .say("event-kind", &[("kind", session.kind.id().into())]);
    event.push(Property::new("CATEGORIES", line(&kind)));
}

fn alarms(context: &Context<'_>, session: &Session, event: &mut Event<'static>) {
    for minutes in &context.program.settings.reminders_minutes {
        let trigger = if *minutes == 0 {
            "PT0M".to_string()
        } else {
            format!("-PT{minutes}M")
        };
        event.add_alarm(Alarm::display(
            Trigger::new(trigger),
            Description::new(line(&session.title)),
        ));
    }
}

/// The events of one session in one feed: a single event, or a series'
/// master event followed by one override per meeting that differs from the
/// series (cancelled, moved, or somewhere else). A learner's own feed
/// leaves out the meetings of days they have left or are paused.
fn events(
    context: &Context<'_>,
    feed: &Feed,
    id: SessionId,
    session: &Session,
) -> Vec<Event<'static>> {
    let schedule = context.schedule;
    let away = |o: &Occurrence| {
        feed.learner()
            .is_some_and(|l| !schedule.presence.takes_part(l, o.date()))
    };
    let occurrences = schedule.of(id);
    if occurrences.iter().all(away) {
        return Vec::new();
    }
    let uid = uid(&context.options.base_url, session);
    let stamp = stamp(context, session);
    let sequence = context.options.history.sequence(&session.key).to_string();
    let length = Duration::minutes(i64::from(session.duration_minutes));
    let new_event = || {
        let mut event = Event::new(uid.clone(), stamp.clone());
        event.push(Property::new("LAST-MODIFIED", stamp.clone()));
        event.push(Property::new("SEQUENCE", sequence.clone()));
        event
    };
    let Some(rule) = &session.recurrence else {
        let Some(occurrence) = occurrences.first() else {
            return Vec::new();
        };
        let mut event = new_event();
        event.push(Property::new("DTSTART", utc(occurrence.start)));
        event.push(Property::new("DTEND", utc(occurrence.end)));
        describe(context, session, Some(occurrence), &mut event);
        event.push(Property::new("STATUS", status(occurrence.status)));
        if occurrence.is_live() {
            alarms(context, session, &mut event);
        }
        return vec![event];
    };
    let zone = session.timezone;
    let mut master = new_event();
    master.push(zoned("DTSTART", zone, local(session.start)));
    master.push(zoned("DTEND", zone, local(session.start + length)));
    let last = series_dates(session)
        .last()
        .map_or(session.start, |d| d.and_time(session.start.time()));
    master.push(Property::new(
        "RRULE",
        format!(
            "FREQ=WEEKLY;INTERVAL={};UNTIL={}",
            rule.every_weeks,
            utc(to_instant(zone, last))
        ),
    ));
    let mut excluded: Vec<String> = rule
        .skip
        .iter()
        .map(|d| d.and_time(session.start.time()))
        .chain(occurrences.iter().filter(|o| away(o)).map(|o| o.slot))
        .map(local)
        .collect();
    if !excluded.is_empty() {
        excluded.sort();
        master.push(zoned("EXDATE", zone, excluded.join(",")));
    }
    describe(context, session, None, &mut master);
    master.push(Property::new("STATUS", status(session.status)));
    if session.status != SessionStatus::Cancelled {
        alarms(context, session, &mut master);
    }
    let mut out = vec![master];
    let differs = |o: &Occurrence| {
        status(o.status) != status(session.status)
            || o.is_moved()
            || o.change(session)
                .is_some_and(|c| c.location.is_some() || c.link.is_some())
    };
    for occurrence in occurrences.iter().filter(|o| differs(o) && !away(o)) {
        out.push(single(
            context,
            feed,
            session,
            occurrence,
            new_event(),
            length,
        ));
    }
    out
}

/// A `RECURRENCE-ID` override for one meeting of a series: named by its
/// place in the series, with its own start, place and status. It shares
/// the series' UID, as RFC 5545 §3.8.4.4 requires for it to replace that
/// meeting rather than add an event.
fn single(
    context: &Context<'_>,
    feed: &Feed,
    session: &Session,
    occurrence: &Occurrence,
    mut event: Event<'static>,
    length: Duration,
) -> Event<'static> {
    let zone = session.timezone;
    event.push(zoned("RECURRENCE-ID", zone, local(occurrence.slot)));
    event.push(zoned("DTSTART", zone, local(occurrence.local_start)));
    event.push(zoned("DTEND", zone, local(occurrence.local_start + length)));
    describe(context, session, Some(occurrence), &mut event);
    event.push(Property::new("STATUS", status(occurrence.status)));
    if occurrence.is_live() {
        alarms(context, session, &mut event);
        return event;
    }
    // Who cancelled and why is personal; only personal feeds say it.
    if feed.selection.personal()
        && let Some(reason) = occurrence
            .cancellation(session)
            .and_then(|c| c.reason.as_ref())
    {
        event.push(Property::new(
            "COMMENT",
            text(&format!("Cancelled: {reason}")),
        ));
    }
    event
}

#[cfg(test)]
mod tests;
