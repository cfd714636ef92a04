//! Sessions of two revisions compared: added, removed, moved (as instants,
//! so the same moment written in another zone is no move), cancelled, a
//! series' meetings one by one, and the calendar feeds that hold each.

use super::*;

/// Whose calendars hold a session in either revision.
fn subscribers(people: &People, sides: &[(&Checked, SessionId)]) -> Subscribers {
    let mut feeds = BTreeSet::new();
    let mut learners = BTreeSet::new();
    let mut mentors = BTreeSet::new();
    let mut uid = String::new();
    for &(checked, id) in sides {
        let program = &checked.program;
        let holders = calendar::holders(program, &checked.schedule, id);
        feeds.extend(holders.public);
        learners.extend(
            holders
                .learners
                .into_iter()
                .map(|l| people.learner(program.learner(l))),
        );
        mentors.extend(
            holders
                .mentors
                .into_iter()
                .map(|m| people.mentor(program.mentor(m))),
        );
        uid = calendar::uid(&program.settings.base_url, program.session(id));
    }
    Subscribers {
        uid,
        feeds: feeds.into_iter().collect(),
        learners: learners.into_iter().collect(),
        mentors: mentors.into_iter().collect(),
    }
}

pub(super) fn sessions(base: &Checked, head: &Checked, people: &People) -> Vec<SessionChange> {
    let ids = |checked: &Checked| -> BTreeMap<String, SessionId> {
        checked
            .program
            .sessions_with_ids()
            .map(|(id, s)| (s.key.clone(), id))
            .collect()
    };
    let (old_ids, new_ids) = (ids(base), ids(head));
    let (bp, hp) = (&base.program, &head.program);
    let mut changes = Vec::new();
    for (old, new) in matched(&bp.sessions, &hp.sessions, |s| &s.key) {
        let sides: Vec<(&Checked, SessionId)> = [
            old.and_then(|s| old_ids.get(&s.key)).map(|id| (base, *id)),
            new.and_then(|s| new_ids.get(&s.key)).map(|id| (head, *id)),
        ]
        .into_iter()
        .flatten()
        .collect();
        let Some(latest) = new.or(old) else {
            continue;
        };
        let mut events = Vec::new();
        match (old, new) {
            (None, Some(new)) => events.push(SessionEvent::Added {
                at: When::new(new.start, new.timezone),
            }),
            (Some(old), None) => events.push(SessionEvent::Removed {
                at: When::new(old.start, old.timezone),
            }),
            (Some(old), Some(new)) => {
                let meetings = |checked: &Checked, id: Option<&SessionId>| -> Vec<Occurrence> {
                    id.map(|id| checked.schedule.of(*id).to_vec())
                        .unwrap_or_default()
                };
                let before = meetings(base, old_ids.get(&old.key));
                let after = meetings(head, new_ids.get(&new.key));
                session_events(old, new, &before, &after, &mut events);
            }
            (None, None) => {}
        }
        if events.is_empty() {
            continue;
        }
        let calendar = subscribers(people, &sides);
        let title = people.redact(&latest.title);
        for event in events {
            changes.push(SessionChange {
                session: latest.key.clone(),
                title: title.clone(),
                event,
                calendar: calendar.clone(),
            });
        }
    }
    changes
}

/// What changed in a session kept in both revisions: its start (compared
/// as instants, so writing the same time in another zone is no move), its
/// status, and for a series each meeting matched by its date in the series.
fn session_events(
    old: &Session,
    new: &Session,
    before: &[Occurrence],
    after: &[Occurrence],
    events: &mut Vec<SessionEvent>,
) {
    let cancelled = |status: SessionStatus| status == SessionStatus::Cancelled;
    if to_instant(old.timezone, old.start) != to_instant(new.timezone, new.start) {
        // A series moved as a whole moves every meeting; one line says it.
        events.push(SessionEvent::Moved {
            meeting: None,
            from: When::new(old.start, old.timezone),
            to: When::new(new.start, new.timezone),
        });
    }
    let at = When::new(new.start, new.timezone);
    if !cancelled(old.status) && cancelled(new.status) {
        events.push(SessionEvent::Cancelled { meeting: None, at });
    } else if cancelled(old.status) && !cancelled(new.status) {
        events.push(SessionEvent::Reinstated { meeting: None, at });
    }
    if old.location != new.location || old.link != new.link {
        events.push(SessionEvent::Relocated {
            at: When::new(new.start, new.timezone),
        });
    }
    if (old.recurrence.is_none() && new.recurrence.is_none()) || old.start != new.start {
        return;
    }
    let by_slot = |meetings: &[Occurrence]| -> BTreeMap<NaiveDateTime, Occurrence> {
        meetings.iter().map(|o| (o.slot, o.clone())).collect()
    };
    let (before, after) = (by_slot(before), by_slot(after));
    let day = |slot: &NaiveDateTime| slot.date().to_string();
    let added: Vec<String> = after
        .keys()
        .filter(|s| !before.contains_key(s))
        .map(day)
        .collect();
    let removed: Vec<String> = before
        .keys()
        .filter(|s| !after.contains_key(s))
        .map(day)
        .collect();
    for (slot, then) in &before {
        let Some(now) = after.get(slot) else {
            continue;
        };
        let meeting = Some(day(slot));
        if then.start != now.start {
            events.push(SessionEvent::Moved {
                meeting: meeting.clone(),
                from: When::new(then.local_start, old.timezone),
                to: When::new(now.local_start, new.timezone),
            });
        }
        let at = When::new(now.local_start, new.timezone);
        // A series cancelled whole was said above.
        if cancelled(new.status) != cancelled(old.status) {
            continue;
        }
        if !cancelled(then.status) && cancelled(now.status) {
            events.push(SessionEvent::Cancelled { meeting, at });
        } else if cancelled(then.status) && !cancelled(now.status) {
            events.push(SessionEvent::Reinstated { meeting, at });
        }
    }
    if !added.is_empty() {
        events.push(SessionEvent::MeetingsAdded { dates: added });
    }
    if !removed.is_empty() {
        events.push(SessionEvent::MeetingsRemoved { dates: removed });
    }
}
