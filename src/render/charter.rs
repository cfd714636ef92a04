//! The expectations charter of a pair: what mentor and learner agreed, laid
//! out to be read together on screen and signed on paper.
//!
//! Every field it shows was required by the charter check (E060), so a
//! charter never prints a blank answer.

use chrono::{Duration, NaiveDate};
use serde_json::{Value, json};

use crate::derive::occurrences::Schedule;
use crate::derive::presence;
use crate::model::{Owner, PairId, Paper, Party, Pause, Program};
use crate::render::locale::Locale;

/// A pause's days in words: "12 March 2026 – 26 April 2026", or "from
/// 12 March 2026" while it goes on.
pub fn pause_dates(pause: &Pause, locale: &Locale) -> String {
    match pause.until {
        Some(until) => format!("{} – {}", locale.date(pause.from), locale.date(until)),
        None => format!("from {}", locale.date(pause.from)),
    }
}

/// Who asked for something, as the theme's catalog selects its words
/// ("the learner" in English): `learner`, `mentor` or `program`.
pub fn party(party: Party) -> &'static str {
    match party {
        Party::Learner => "learner",
        Party::Mentor => "mentor",
        Party::Program => "program",
    }
}

fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// The notice to give, in whole days when it is (`{"days": 2}`), else in
/// hours (`{"hours": 24}`); the theme's catalog says it in words.
fn notice(hours: u32) -> Value {
    match hours {
        h if h >= 48 && h % 24 == 0 => json!({ "days": h / 24 }),
        h => json!({ "hours": h }),
    }
}

/// The phases of a relationship from its first to its last day: the first
/// two weeks (or until the charter is agreed) to settle in, the last three
/// to close, the working phase between. Each is named by its kind
/// (`initial`, `working`, `transition`), which the theme's catalog says
/// in words with what the phase is for.
fn phases(
    start: NaiveDate,
    agreed: Option<NaiveDate>,
    end: NaiveDate,
    locale: &Locale,
) -> Vec<Value> {
    let initial_end = agreed
        .filter(|a| *a > start)
        .unwrap_or(start + Duration::days(13))
        .min(end);
    let transition_start = (end - Duration::days(20)).max(initial_end + Duration::days(1));
    let mut rows = vec![json!({
        "phase": "initial",
        "dates": format!("{} – {}", locale.date(start), locale.date(initial_end)),
    })];
    if transition_start > initial_end + Duration::days(1) {
        rows.push(json!({
            "phase": "working",
            "dates": format!("{} – {}", locale.date(initial_end + Duration::days(1)), locale.date(transition_start - Duration::days(1))),
        }));
    }
    if transition_start <= end {
        rows.push(json!({
            "phase": "transition",
            "dates": format!("{} – {}", locale.date(transition_start), locale.date(end)),
        }));
    }
    rows
}

/// The context of a pair's charter page.
pub fn context(program: &Program, schedule: &Schedule, id: PairId, locale: &Locale) -> Value {
    let pair = program.pair(id);
    let learner = program.learner(pair.learner);
    let mentor = program.mentor(pair.mentor);
    let cohort = program.cohort(learner.cohort);
    let end = presence::last_day(program, pair).max(pair.start);
    // The check-in as booked, when it is; else as planned (or due).
    let midpoint = presence::midpoint(program, schedule, id).map(|m| match m.booked {
        Some(meeting) => meeting.date(),
        None => m.due,
    });
    let middle = pair.start + Duration::days((end - pair.start).num_days() / 2);
    let e = &pair.expectations;
    let settings = &program.settings;
    let contact = program
        .roles_with_ids()
        .next()
        .map(|(id, _)| program.owner_name(Owner::Role(id), None))
        .unwrap_or_else(|| "the program team".into());
    json!({
        "learner": learner.name,
        "learner_first": first_name(&learner.name),
        "mentor": mentor.name,
        "mentor_first": first_name(&mentor.name),
        "cohort": cohort.title,
        "start": locale.date(pair.start),
        "end": locale.date(end),
        "agreed": pair.agreed.map(|d| locale.date(d)),
        "paper": match settings.paper { Paper::A4 => "A4", Paper::Letter => "letter" },
        "paper_name": match settings.paper { Paper::A4 => "A4", Paper::Letter => "US Letter" },
        "goals": e.goals,
        "offer": e.offer,
        "limits": e.limits,
        "cadence": e.cadence,
        "modes": e.modes.join(", "),
        "channels": e.channels.join(", "),
        "response_time": e.response_time,
        "rescheduling": e.rescheduling,
        "notice": notice(e.notice_hours.unwrap_or(24)),
        "success": e.success,
        "outcomes": e.success_outcomes.iter().map(|o| program.outcomes[o.index()].title.clone()).collect::<Vec<_>>().join("; "),
        "phases": phases(pair.start, pair.agreed, end, locale),
        "midpoint": locale.date(midpoint.unwrap_or(middle)),
        "pauses": pair.pauses.iter().map(|p| json!({
            "dates": pause_dates(p, locale),
            "by": party(p.by),
            "reason": p.reason,
        })).collect::<Vec<_>>(),
        "midpoint_facilitator": pair.midpoint_facilitator.map(|o| program.owner_name(o, Some(pair.learner))),
        "questions": e.check_in_questions,
        "contact_role": contact,
        "data_purpose": settings.data_use.purpose,
        "data_who": settings.data_use.who_sees,
        "data_retention": settings.data_use.retention,
        "data_contact": settings.data_use.contact.trim_end_matches('.'),
        "mentor_hopes": pair.mentor_hopes_to_learn,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn a_twelve_week_relationship_has_three_phases() {
        let rows = phases(
            day("2026-01-12"),
            Some(day("2026-01-19")),
            day("2026-04-10"),
            Locale::ENGLISH,
        );
        let names: Vec<&str> = rows.iter().filter_map(|r| r["phase"].as_str()).collect();
        assert_eq!(names, ["initial", "working", "transition"]);
        assert_eq!(rows[0]["dates"], "12 January 2026 – 19 January 2026");
        assert_eq!(rows[1]["dates"], "20 January 2026 – 20 March 2026");
        assert_eq!(rows[2]["dates"], "21 March 2026 – 10 April 2026");
    }

    #[test]
    fn a_short_relationship_has_no_working_phase() {
        let rows = phases(day("2026-01-12"), None, day("2026-02-05"), Locale::ENGLISH);
        let names: Vec<&str> = rows.iter().filter_map(|r| r["phase"].as_str()).collect();
        assert_eq!(names, ["initial", "transition"]);
    }

    /// The example pair's charter context with its midpoint session
    /// starting at `start`.
    fn charter_with_check_in_at(start: &str) -> Value {
        let file = "data/sessions/first-cohort.yaml";
        let text = crate::testing::example(file).replacen(
            "start: 2026-02-24T18:00",
            &format!("start: {start}"),
            1,
        );
        let program = crate::testing::example_with(&[(file, text)]);
        let mut problems = crate::diagnostic::Diagnostics::new();
        let schedule = Schedule::expand(&program, &mut problems);
        let (pair, _) = program
            .pairs_with_ids()
            .find(|(_, p)| p.key == "ada-grace")
            .unwrap_or_else(|| panic!("no pair ada-grace"));
        context(&program, &schedule, pair, Locale::ENGLISH)
    }

    #[test]
    fn the_charter_prints_the_day_the_check_in_is_booked() {
        // Planned for 24 February, booked on the 26th.
        let charter = charter_with_check_in_at("2026-02-26T18:00");
        assert_eq!(charter["midpoint"], "26 February 2026");
        let charter = charter_with_check_in_at("2026-02-24T18:00");
        assert_eq!(charter["midpoint"], "24 February 2026");
    }

    #[test]
    fn notice_is_said_in_days_when_whole() {
        assert_eq!(notice(24), json!({ "hours": 24 }));
        assert_eq!(notice(48), json!({ "days": 2 }));
        assert_eq!(notice(1), json!({ "hours": 1 }));
        assert_eq!(notice(36), json!({ "hours": 36 }));
    }
}
