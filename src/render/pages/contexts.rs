//! What each kind of page's template is given: the context builders.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, Offset, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};

use crate::derive::{preferences, presence};
use crate::diagnostic::Severity;
use crate::model::{
    CohortId, Learner, LearnerId, LearnerStatus, LearningPath, ModuleId, ModuleStage, Owner,
    PathId, Pillar, Program, SessionKind, SessionStatus, Tier,
};
use crate::render::audience::{Audience, learner_listed, mentor_public};
use crate::render::calendar;
use crate::render::charter::{party, pause_dates};
use crate::render::locale::Locale;
use crate::render::progress::{self};
use crate::render::urls::Urls;

use super::{Shared, charter_dir, escape, learner_dir};

mod matches;

pub(super) use matches::matches_context;

/// The hours of a path's modules together, in `u64`: every module may say
/// up to `u32::MAX` hours, so their sum may not fit the type of one.
fn path_effort(program: &Program, path: &LearningPath) -> u64 {
    path.modules
        .iter()
        .map(|m| u64::from(program.module(*m).effort_hours))
        .sum()
}

pub(super) fn home(shared: &Shared<'_>) -> Value {
    let program = shared.program();
    let paths: Vec<Value> = program
        .paths_with_ids()
        .map(|(id, path)| {
            json!({
                "title": path.title,
                "summary": path.summary,
                "url": shared.urls.href(&Urls::path(program, id)),
                "module_count": path.modules.len(),
                "effort_hours": path_effort(program, path),
                "outcome": path.outcome.map(|o| program.outcomes[o.index()].title.clone()),
            })
        })
        .collect();
    let outcomes: Vec<Value> = program
        .outcomes
        .iter()
        .map(|o| json!({ "title": o.title, "measure": o.measure }))
        .collect();
    let cohorts: Vec<Value> = program
        .cohorts_with_ids()
        .map(|(id, cohort)| {
            json!({
                "title": cohort.title,
                "url": shared.urls.href(&Urls::cohort(program, id)),
                "dates": date_range(cohort.start, cohort.end, shared.locale),
                "state": state_id(cohort.start, cohort.end, shared.options.today),
            })
        })
        .collect();
    json!({
        "paths": paths,
        "outcomes": outcomes,
        "cohorts": cohorts,
        "upcoming": upcoming(shared, None, 8),
        "timezone": program.settings.timezone.name(),
    })
}

pub(super) fn path_context(shared: &Shared<'_>, id: PathId) -> (Value, String, tera::Value) {
    let program = shared.program();
    let path = program.path(id);
    let body = shared.body(&path.body, path.file);
    let mut stages: Vec<(ModuleStage, Vec<Value>)> = Vec::new();
    for (position, module_id) in path.modules.iter().enumerate() {
        let module = program.module(*module_id);
        let card = json!({
            "title": module.title,
            "summary": module.summary,
            "url": shared.urls.href(&Urls::module(program, *module_id)),
            "effort_hours": module.effort_hours,
            "pillar": pillar_id(module.pillar),
            "prerequisites": links_to(shared, module.prerequisites.iter().map(|(p, _)| *p)),
            "milestones": module.milestones.iter().map(|m| m.title.clone()).collect::<Vec<_>>(),
            "artifact": module.artifact.as_ref().map(|a| a.title.clone()),
            "number": position + 1,
        });
        match stages.last_mut() {
            Some((stage, cards)) if *stage == module.stage => cards.push(card),
            _ => stages.push((module.stage, vec![card])),
        }
    }
    let mut first_number = 1;
    let stage_values: Vec<Value> = stages
        .iter()
        .map(|(stage, cards)| {
            let value = json!({
                "id": stage_id(*stage),
                "stage": stage_id(*stage),
                "first_number": first_number,
                "modules": cards,
            });
            first_number += cards.len();
            value
        })
        .collect();
    let value = json!({
        "title": path.title,
        "summary": path.summary,
        "outcome": path.outcome.map(|o| program.outcomes[o.index()].title.clone()),
        "map_svg": path_map(shared, id),
        "module_count": path.modules.len(),
        "stage_count": stages.len(),
        "effort_hours": path_effort(program, path),
        "stages": stage_values,
    });
    (value, body.keywords.clone(), body.html.clone())
}

/// The longest module title the path map shows in full: about what fits in
/// a box on a 360 px phone.
const MAP_TITLE_CHARS: usize = 40;

/// The path drawn as SVG: one box per module, grouped under its stage,
/// each box a link; no script.
///
/// The SVG has no `viewBox`: it is drawn in CSS pixels, boxes take their
/// width from the screen (percentages) and text keeps its size, so the map
/// stays legible on a phone instead of shrinking with the screen. It is a
/// named group rather than an image, because its boxes are real links that
/// keyboard and screen-reader users reach too.
fn path_map(shared: &Shared<'_>, id: PathId) -> String {
    let program = shared.program();
    let catalog = shared.input.templates.catalog();
    let path = program.path(id);
    let row = 46;
    let label_height = 28;
    let mut y = 8;
    let mut body = String::new();
    let mut last_stage = None;
    let mut previous_bottom: Option<i32> = None;
    for module_id in &path.modules {
        let module = program.module(*module_id);
        if last_stage != Some(module.stage) {
            y += 6;
            // Beside the connecting arrow, not across it.
            let _ = write!(
                body,
                r#"<text class="stage-label" x="2%" dx="36" y="{}">{}</text>"#,
                y + 14,
                catalog.say("common-stage", &[("stage", stage_id(module.stage).into())])
            );
            y += label_height;
            last_stage = Some(module.stage);
        }
        if let Some(bottom) = previous_bottom {
            let _ = write!(
                body,
                r#"<line class="edge" x1="2%" y1="{bottom}" x2="2%" y2="{}" transform="translate(24 0)" marker-end="url(#arrow)"/>"#,
                y - 2
            );
        }
        let title = truncate(&module.title, MAP_TITLE_CHARS);
        // A shortened title keeps the full one as the link's name and tooltip.
        let (label, tooltip) = if title == module.title {
            (String::new(), String::new())
        } else {
            let full = escape(&module.title);
            (
                format!(r#" aria-label="{full}""#),
                format!("<title>{full}</title>"),
            )
        };
        let _ = write!(
            body,
            r#"<a class="node" href="{href}"{label}>{tooltip}<rect x="2%" y="{y}" width="96%" height="32" rx="6"/><text x="2%" dx="14" y="{ty}">{title}</text></a>"#,
            href = escape(&shared.urls.href(&Urls::module(program, *module_id))),
            ty = y + 21,
            title = escape(&title),
        );
        previous_bottom = Some(y + 32);
        y += row;
    }
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="{height}" role="group" aria-labelledby="map-title"><title id="map-title">{title}</title><defs><marker id="arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path class="arrowhead" d="M0 0 L10 5 L0 10 z"/></marker></defs>{body}</svg>"#,
        height = y + 8,
        title = catalog.say("path-map-title", &[("path", escape(&path.title).into())]),
    )
}

pub(super) fn module_context(shared: &Shared<'_>, id: ModuleId) -> (Value, String, tera::Value) {
    let program = shared.program();
    let module = program.module(id);
    let file = program.files.path(module.file);
    let body = shared.body(&module.body, module.file);
    let (path_title, path_url, order) = match module.path {
        Some(path_id) => {
            let path = program.path(path_id);
            (
                path.title.clone(),
                shared.urls.href(&Urls::path(program, path_id)),
                path.modules.clone(),
            )
        }
        None => (String::new(), shared.urls.root.clone(), vec![id]),
    };
    let position = order.iter().position(|m| *m == id).unwrap_or(0);
    let neighbour = |index: Option<usize>| {
        index.and_then(|i| order.get(i)).map(|m| {
            json!({ "title": program.module(*m).title, "url": shared.urls.href(&Urls::module(program, *m)) })
        })
    };
    // A date, or why there is none: the theme says which in words.
    let last_updated = shared
        .options
        .history
        .last_changed(file)
        .map(|time| shared.locale.date(time.date_naive()));
    let history = if shared.options.history.known() {
        "uncommitted"
    } else {
        "unknown"
    };
    let value = json!({
        "title": module.title,
        "summary": module.summary,
        "stage": stage_id(module.stage),
        "pillar": pillar_id(module.pillar),
        "effort_hours": module.effort_hours,
        "number": position + 1,
        "count": order.len(),
        "path_title": path_title,
        "path_url": path_url,
        "prerequisites": links_to(shared, module.prerequisites.iter().map(|(p, _)| *p)),
        "outcomes": module.outcomes.iter().map(|o| program.outcomes[o.index()].title.clone()).collect::<Vec<_>>(),
        "milestones": module.milestones.iter().map(|m| m.title.clone()).collect::<Vec<_>>(),
        "checkpoints": module.checkpoints.iter().map(|c| json!({ "title": c.title, "competence": c.competence })).collect::<Vec<_>>(),
        "artifact": module.artifact.as_ref().map(|a| json!({ "title": a.title, "description": a.description })),
        "reflection": module.reflection,
        "previous": neighbour(position.checked_sub(1)),
        "next": neighbour(Some(position + 1)),
        "last_updated": last_updated,
        "history": history,
    });
    (value, body.keywords.clone(), body.html.clone())
}

fn links_to(shared: &Shared<'_>, modules: impl Iterator<Item = ModuleId>) -> Vec<Value> {
    let program = shared.program();
    modules
        .map(|m| json!({ "title": program.module(m).title, "url": shared.urls.href(&Urls::module(program, m)) }))
        .collect()
}

pub(super) fn cohort_context(shared: &Shared<'_>, id: CohortId) -> Value {
    let program = shared.program();
    let cohort = program.cohort(id);
    let audience = shared.options.audience;
    let learners: Vec<(usize, &Learner)> = program
        .learners
        .iter()
        .enumerate()
        .filter(|(_, l)| l.cohort == id)
        .collect();
    let gate = shared.gate();
    let metrics = shared.metrics.cohorts.get(id.index());
    let figures = metrics
        .map(|m| progress::statuses(&m.all, gate))
        .unwrap_or_default();
    let progress = metrics
        .map(|m| progress::cohort(program, m, gate))
        .unwrap_or(Value::Null);
    let members: Vec<Value> = learners
        .iter()
        .filter(|(_, l)| learner_listed(audience, l))
        .map(|(_, l)| {
            let url = learner_dir(shared, l)
                .filter(|_| audience == Audience::Staff)
                .map(|dir| shared.urls.href(&dir));
            json!({ "name": l.name, "url": url })
        })
        .collect();
    let facilitator = match cohort.facilitator {
        Owner::Mentor(m) if mentor_public(audience, program.mentor(m)) => {
            program.mentor(m).name.clone()
        }
        Owner::Mentor(_) => "a program mentor".to_string(),
        owner => program.owner_name(owner, None),
    };
    json!({
        "title": cohort.title,
        "dates": date_range(cohort.start, cohort.end, shared.locale),
        "state": state_id(cohort.start, cohort.end, shared.options.today),
        "path_title": program.path(cohort.path).title,
        "path_url": shared.urls.href(&Urls::path(program, cohort.path)),
        "facilitator": facilitator,
        "timezone": cohort.timezone.name(),
        "description": cohort.description,
        "figures": figures,
        "withheld": gate.reason(),
        "progress": progress,
        "compare_url": shared.urls.href("cohorts/"),
        "members": members,
        "schedule": schedule(shared, id),
        "matches_url": (audience == Audience::Staff)
            .then(|| shared.urls.href(&Urls::matches(program, id))),
    })
}

/// Kinds of session that involve no individual learner and may be listed
/// publicly.
fn is_group_kind(kind: SessionKind) -> bool {
    matches!(
        kind,
        SessionKind::Group | SessionKind::OfficeHours | SessionKind::MentorCircle
    )
}

fn schedule(shared: &Shared<'_>, cohort: CohortId) -> Vec<Value> {
    let program = shared.program();
    let schedule = shared.input.schedule;
    let zone = program.cohort(cohort).timezone;
    let mut rows: Vec<(DateTime<Utc>, Value)> = Vec::new();
    for (id, session) in program.sessions_with_ids() {
        if session.cohort != Some(cohort) || !is_group_kind(session.kind) {
            continue;
        }
        for occurrence in schedule.of(id) {
            rows.push((
                occurrence.start,
                json!({
                    "start": start(occurrence.start, session.timezone, zone, shared.locale),
                    "title": session.title,
                    "kind": session.kind.id(),
                    "status": status_id(occurrence.status),
                }),
            ));
        }
    }
    rows.sort_by_key(|(t, _)| *t);
    rows.into_iter().map(|(_, v)| v).collect()
}

/// Upcoming group meetings, in the program's zone.
pub(super) fn upcoming(shared: &Shared<'_>, cohort: Option<CohortId>, limit: usize) -> Vec<Value> {
    let program = shared.program();
    let today = shared.options.today;
    let zone = program.settings.timezone;
    let mut rows: Vec<(DateTime<Utc>, Value)> = Vec::new();
    for occurrence in &shared.input.schedule.occurrences {
        let session = program.session(occurrence.session);
        if !is_group_kind(session.kind)
            || !occurrence.is_live()
            || occurrence.date() < today
            || (cohort.is_some() && session.cohort != cohort)
        {
            continue;
        }
        // No cohort: the whole program's, which the theme says in words.
        let cohort_title = session.cohort.map(|c| program.cohort(c).title.clone());
        rows.push((
            occurrence.start,
            json!({
                "start": start(occurrence.start, session.timezone, zone, shared.locale),
                "title": session.title,
                "kind": session.kind.id(),
                "cohort": cohort_title,
            }),
        ));
    }
    rows.sort_by_key(|(t, _)| *t);
    rows.into_iter().take(limit).map(|(_, v)| v).collect()
}

pub(super) fn mentors(shared: &Shared<'_>) -> Vec<Value> {
    let program = shared.program();
    program
        .mentors
        .iter()
        .filter(|m| mentor_public(shared.options.audience, m))
        .map(|m| {
            json!({
                "id": m.key,
                "name": m.name,
                "bio": m.bio,
                "expertise": m.expertise.join(", "),
                "languages": m.languages.join(", "),
                "tiers": m.tiers.iter().map(|t| tier_id(*t)).collect::<Vec<_>>(),
                "timezone": m.timezone.name(),
            })
        })
        .collect()
}

pub(super) fn learner_context(shared: &Shared<'_>, id: LearnerId) -> Value {
    let program = shared.program();
    let learner = program.learner(id);
    let mentor = shared
        .people
        .pairs(program, id)
        .max_by_key(|p| p.start)
        .map(|p| program.mentor(p.mentor).name.clone())
        .unwrap_or_else(|| "not matched yet".into());
    let mut sessions: Vec<(DateTime<Utc>, Value)> = Vec::new();
    let mut last_attended: Option<NaiveDate> = None;
    let own = shared.people.sessions(id);
    let schedule = shared.input.schedule;
    for occurrence in own.iter().flat_map(|&s| schedule.of(s)) {
        let session = program.session(occurrence.session);
        if !schedule.invites(session, occurrence, id) {
            continue;
        }
        if schedule.attended(session, occurrence, id) {
            last_attended = last_attended.max(Some(occurrence.date()));
        }
        sessions.push((
            occurrence.start,
            json!({
                "start": start(occurrence.start, session.timezone, learner.timezone, shared.locale),
                "title": session.title,
                "status": status_id(occurrence.status),
            }),
        ));
    }
    sessions.sort_by_key(|(t, _)| *t);
    // At-risk signals are the program team's working notes. A personal page
    // of a public build is the learner's own, at a URL that can be
    // forwarded, so it shows none of them.
    let (signals, wishes) = match shared.options.audience {
        Audience::Staff => (at_risk(shared, id, last_attended), wishes_unmet(shared, id)),
        Audience::Public => (Vec::new(), Vec::new()),
    };
    let charters: Vec<Value> = shared
        .people
        .pairs(program, id)
        .filter_map(|p| {
            charter_dir(shared, &p.key).map(|dir| {
                json!({ "mentor": program.mentor(p.mentor).name, "url": shared.urls.href(&dir) })
            })
        })
        .collect();
    let pauses: Vec<Value> = shared
        .people
        .pairs(program, id)
        .flat_map(|p| p.pauses.iter().map(move |pause| (p, pause)))
        .map(|(p, pause)| {
            json!({
                "mentor": program.mentor(p.mentor).name,
                "dates": pause_dates(pause, shared.locale),
                "by": party(pause.by),
                "reason": pause.reason,
            })
        })
        .collect();
    json!({
        "name": learner.name,
        "charters": charters,
        "pauses": pauses,
        "status": format!("{:?}", learner.status).to_lowercase(),
        "goal": learner.intake.goal,
        "cohort": program.cohort(learner.cohort).title,
        "cohort_url": shared.urls.href(&Urls::cohort(program, learner.cohort)),
        "path": program.path(learner.path).title,
        "path_url": shared.urls.href(&Urls::path(program, learner.path)),
        "mentor": mentor,
        "timezone": learner.timezone.name(),
        "signals": signals,
        "wishes_unmet": wishes,
        "journey": learner.journey.iter().map(|e| json!({
            "stage": program.stage(e.stage).title,
            "date": shared.locale.date(e.date),
            "note": e.note,
        })).collect::<Vec<_>>(),
        "modules": learner.modules.iter().map(|m| json!({
            "title": program.module(m.module).title,
            "started": m.started.map(|d| shared.locale.date(d)).unwrap_or_default(),
            "completed": m.completed.map(|d| shared.locale.date(d)).unwrap_or_default(),
            "artifact": m.artifact.as_ref().map(|(d, _)| shared.locale.date(*d)).unwrap_or_default(),
            "confidence": m.confidence.map(|c| format!("{c}/5")).unwrap_or_default(),
        })).collect::<Vec<_>>(),
        "sessions": sessions.into_iter().map(|(_, v)| v).collect::<Vec<_>>(),
        "feed": calendar::learner_feed(shared.options, &learner.key).map(|path| {
            let (https, webcal) = calendar::addresses(shared.options, &path);
            json!({ "https": https, "webcal": webcal })
        }),
    })
}

/// The soft matching preferences a current mentor of the learner does not
/// meet, in words: the team's to weigh, so for staff pages only (a hard
/// one broken is an error, E110, and stops the build).
fn wishes_unmet(shared: &Shared<'_>, id: LearnerId) -> Vec<String> {
    let program = shared.program();
    let plain = |text: &str| text.to_string();
    shared
        .people
        .pairs(program, id)
        .filter(|pair| preferences::current(pair, shared.options.today))
        .flat_map(|pair| {
            let mentor = &program.mentor(pair.mentor).name;
            preferences::unmet(program, pair)
                .into_iter()
                .filter(|unmet| !unmet.hard)
                .map(move |unmet| {
                    format!(
                        "Asked {}; {}.",
                        unmet.wanted_words(plain),
                        unmet.offer_words(mentor, plain)
                    )
                })
        })
        .collect()
}

/// Why a learner needs the team's attention: the check's warnings about
/// them, and no session attended for longer than the program's alert.
fn at_risk(shared: &Shared<'_>, id: LearnerId, last_attended: Option<NaiveDate>) -> Vec<String> {
    let program = shared.program();
    let learner = program.learner(id);
    let file = program.files.path(learner.pos.file);
    let mut signals: Vec<String> = shared
        .input
        .diagnostics
        .iter()
        .filter(|d| {
            d.severity() == Severity::Warning && d.location.as_ref().is_some_and(|l| l.file == file)
        })
        .map(|d| d.message.clone())
        .collect();
    let limit = i64::from(program.settings.no_session_days);
    let matched_since = shared.people.pairs(program, id).map(|p| p.start).min();
    let today = shared.options.today;
    // Days on a pause count for nothing: a learner is not at risk for a
    // break everyone agreed to.
    let resting = shared.input.schedule.presence.resting(id);
    if learner.status == LearnerStatus::Active
        && !presence::covered(resting, today)
        && let Some(since) = matched_since
    {
        let reference = last_attended.unwrap_or(since);
        let paused = reference
            .succ_opt()
            .map_or(0, |next| presence::days_held(resting, next, today));
        let days = (today - reference).num_days() - paused;
        if days > limit {
            signals.push(shared.input.templates.catalog().say(
                "learner-no-session",
                &[("days", days.into()), ("limit", limit.into())],
            ));
        }
    }
    signals
}

pub(super) fn report(shared: &Shared<'_>) -> Value {
    let program = shared.program();
    let diagnostics = shared.input.diagnostics;
    let items: Vec<Value> = diagnostics
        .sorted()
        .into_iter()
        .map(|d| {
            json!({
                "code": d.code.as_str(),
                "severity": if d.is_error() { "error" } else { "warning" },
                "location": d.location.as_ref().map(|l| l.to_string()).unwrap_or_default(),
                "message": d.message,
                "help": d.help,
            })
        })
        .collect();
    let learners: Vec<Value> = program
        .learners
        .iter()
        .map(|l| {
            let file = program.files.path(l.pos.file);
            let at_risk = diagnostics
                .iter()
                .any(|d| !d.is_error() && d.location.as_ref().is_some_and(|loc| loc.file == file));
            json!({
                "name": l.name,
                "url": learner_dir(shared, l).map(|dir| shared.urls.href(&dir)),
                "cohort": program.cohort(l.cohort).title,
                "status": format!("{:?}", l.status).to_lowercase(),
                "at_risk": at_risk,
            })
        })
        .collect();
    json!({
        "report": { "errors": diagnostics.error_count(), "warnings": diagnostics.warning_count(), "items": items },
        "learners": learners,
    })
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A meeting's start as a schedule in `zone` shows it: the time there, and
/// the time in the meeting's own zone where the clocks differ (`time` and
/// `place`, which the catalog puts in words), so a São Paulo meeting on a
/// Berlin page reads "19:00 (14:00 Sao Paulo time)".
fn start(instant: DateTime<Utc>, own: Tz, zone: Tz, locale: &Locale) -> Value {
    let here = instant.with_timezone(&zone);
    let there = instant.with_timezone(&own);
    let local = (there.offset().fix() != here.offset().fix()).then(|| {
        let written = if there.date_naive() == here.date_naive() {
            locale.time(there.time())
        } else {
            locale.meeting_in_year(there.naive_local())
        };
        json!({ "time": written, "place": place(own) })
    });
    json!({
        "when": locale.meeting(here.naive_local()),
        "datetime": here.format("%Y-%m-%dT%H:%M%:z").to_string(),
        "local": local,
    })
}

/// A zone as people name it: its city, `Sao Paulo` for `America/Sao_Paulo`.
fn place(zone: Tz) -> String {
    let name = zone.name();
    name.rsplit('/').next().unwrap_or(name).replace('_', " ")
}

fn date_range(start: NaiveDate, end: NaiveDate, locale: &Locale) -> String {
    format!("{} – {}", locale.date(start), locale.date(end))
}

// What follows names each kind of thing by an identifier that the theme's
// catalog turns into words (`common-cohort-state`, `common-stage`,
// `common-pillar`, `common-tier`, `common-session-kind`,
// `common-session-status`): the words belong to the program's language.

fn state_id(start: NaiveDate, end: NaiveDate, today: NaiveDate) -> &'static str {
    if today < start {
        "starting-soon"
    } else if today > end {
        "finished"
    } else {
        "in-progress"
    }
}

fn stage_id(stage: ModuleStage) -> &'static str {
    match stage {
        ModuleStage::Diagnosis => "diagnosis",
        ModuleStage::Foundations => "foundations",
        ModuleStage::Practice => "practice",
        ModuleStage::Feedback => "feedback",
        ModuleStage::Application => "application",
    }
}

fn pillar_id(pillar: Pillar) -> &'static str {
    match pillar {
        Pillar::FormalTraining => "formal-training",
        Pillar::StretchWork => "stretch-work",
        Pillar::ReflectiveCoaching => "reflective-coaching",
    }
}

fn tier_id(tier: Tier) -> &'static str {
    match tier {
        Tier::OfficeHours => "office-hours",
        Tier::Coaching => "coaching",
        Tier::AsyncReview => "async-review",
        Tier::Group => "group",
    }
}

fn status_id(status: SessionStatus) -> &'static str {
    match status {
        SessionStatus::Scheduled => "scheduled",
        SessionStatus::Completed => "held",
        SessionStatus::Cancelled => "cancelled",
        SessionStatus::NoShow => "no-show",
    }
}

#[cfg(test)]
mod tests;
