//! `program.yaml`: settings, outcomes, roles, stages and handoffs.

use super::*;
use crate::model::language::{self, Conventions};

pub(super) type ProgramParts = (
    Settings,
    Vec<(FileId, raw::Outcome)>,
    Vec<(FileId, raw::Role)>,
    Vec<(FileId, raw::Stage)>,
    Vec<(FileId, raw::Handoff)>,
);

pub(super) fn program_file(cx: &mut Cx, file: Located<raw::ProgramFile>) -> ProgramParts {
    let Located { file, value: p } = file;
    let timezone = cx.tz(file, &p.timezone).unwrap_or(Tz::UTC);
    let base_url = match web_url::BaseUrl::parse(&p.base_url.value) {
        Ok(url) => url.to_string(),
        Err(problem) => {
            cx.push(
                Diagnostic::new(Code::BadUrl, format!("the base URL {problem}"))
                    .at(cx.loc(file, &p.base_url))
                    .label("not a base URL")
                    .help(problem.help()),
            );
            String::new()
        }
    };
    let reminders_minutes = p
        .reminders
        .iter()
        .filter_map(|r| match parse_offset(&r.value) {
            Some(minutes) => Some(minutes),
            None => {
                cx.push(
                    Diagnostic::new(
                        Code::BadDate,
                        format!("`{}` is not a reminder offset", r.value),
                    )
                    .at(cx.loc(file, r))
                    .help("write a number and a unit: `1d`, `2h` or `30m`"),
                );
                None
            }
        })
        .collect();
    let conventions = language::conventions(&p.language.value).unwrap_or_else(|problem| {
        cx.push(
            Diagnostic::new(
                Code::LanguageWithoutLocaleData,
                format!("`{}` {problem}", p.language.value),
            )
            .at(cx.loc(file, &p.language))
            .label("dates and numbers will be written in English")
            .help(problem.help()),
        );
        Conventions::English
    });
    let target = &p.targets.weekly_session_completion;
    if !(0.0..=100.0).contains(&target.value) {
        cx.push(
            Diagnostic::new(
                Code::BadValue,
                "the session completion target is a percentage",
            )
            .at(cx.loc(file, target))
            .help("write a number from 0 to 100, e.g. 85"),
        );
    }
    if p.privacy.min_group_size.value == 0 {
        cx.push(
            Diagnostic::new(Code::BadValue, "the minimum group size must be at least 1")
                .at(cx.loc(file, &p.privacy.min_group_size))
                .help("5 is the usual minimum for publishing aggregates"),
        );
    }
    let settings = Settings {
        title: p.title,
        tagline: p.tagline,
        base_url,
        language_at: (p.language.at.line > 0).then(|| cx.loc(file, &p.language)),
        conventions,
        language: p.language.value,
        timezone,
        theme_at: (p.theme.at.line > 0).then(|| cx.loc(file, &p.theme)),
        theme: p.theme.value,
        paper: p.paper,
        min_group_size: p.privacy.min_group_size.value.max(1),
        data_use: DataUse {
            collected: p.privacy.data_use.collected,
            purpose: p.privacy.data_use.purpose,
            who_sees: p.privacy.data_use.who_sees,
            retention: p.privacy.data_use.retention,
            contact: p.privacy.data_use.contact,
        },
        reminders_minutes,
        session_target_percent: target.value,
        response_hours: p.targets.mentor_response_hours.value,
        no_session_days: p.targets.no_session_days.value,
        matching: matching_policy(cx, file, &p.matching),
    };
    (
        settings,
        tag(file, p.outcomes),
        tag(file, p.roles),
        tag(file, p.journey.stages),
        tag(file, p.journey.handoffs),
    )
}

/// The most points one part of the matching score may be worth, so that
/// the solver's sums stay far from overflowing.
const MAX_WEIGHT: u32 = 1000;

/// The matching policy, each value out of range reported (E011) and
/// brought into range.
fn matching_policy(cx: &mut Cx, file: FileId, raw: &raw::Matching) -> MatchingPolicy {
    let mut policy = MatchingPolicy::from_raw(raw);
    let bad = |cx: &mut Cx, at: Location, message: String, help: &str| {
        cx.push(
            Diagnostic::new(Code::BadValue, message)
                .at(at)
                .help(help.to_owned()),
        );
    };
    if policy.waking_from > 23 {
        bad(
            cx,
            cx.loc(file, &raw.waking_from),
            "a waking day starts at an hour from 0 to 23".into(),
            "write the local hour, e.g. 8",
        );
        policy.waking_from = 8;
    }
    if policy.waking_until > 24 || policy.waking_until <= policy.waking_from {
        bad(
            cx,
            cx.loc(file, &raw.waking_until),
            "a waking day ends at an hour after it starts, at most 24".into(),
            "write the local hour, e.g. 22",
        );
        policy.waking_until = (policy.waking_from + 14).min(24);
    }
    if !(policy.hours_per_pair >= 0.0 && policy.hours_per_pair.is_finite()) {
        bad(
            cx,
            cx.loc(file, &raw.hours_per_pair),
            "the hours a pair takes a week are a number of 0 or more".into(),
            "write e.g. 1.0, or 0 to count mentees only",
        );
        policy.hours_per_pair = 0.0;
    }
    let w = &raw.weights;
    let weights = &mut policy.weights;
    for (written, used) in [
        (&w.goal, &mut weights.goal),
        (&w.path, &mut weights.path),
        (&w.weakest_skills, &mut weights.weakest_skills),
        (&w.expertise, &mut weights.expertise),
        (&w.language, &mut weights.language),
        (&w.waking_overlap, &mut weights.waking_overlap),
        (&w.timezone_window, &mut weights.timezone_window),
        (&w.mode, &mut weights.mode),
    ] {
        if written.value > MAX_WEIGHT {
            bad(
                cx,
                cx.loc(file, written),
                format!("a matching weight is at most {MAX_WEIGHT}"),
                "weights are relative: scale them all down, e.g. to 0–10",
            );
            *used = MAX_WEIGHT;
        }
    }
    policy
}

pub(super) fn tag<T>(file: FileId, values: Vec<T>) -> Vec<(FileId, T)> {
    values.into_iter().map(|x| (file, x)).collect()
}

/// Parses `1d`, `2h`, `30m`, `1w` into minutes.
pub(super) fn parse_offset(text: &str) -> Option<u32> {
    let text = text.trim();
    let unit = text.chars().last()?;
    let number: u32 = text[..text.len() - unit.len_utf8()].trim().parse().ok()?;
    let factor = match unit {
        'm' => 1,
        'h' => 60,
        'd' => 60 * 24,
        'w' => 60 * 24 * 7,
        _ => return None,
    };
    number.checked_mul(factor)
}

/// The program's outcomes, and their key table.
pub(super) fn outcomes(
    cx: &mut Cx,
    program: &mut Program,
    outcomes: &[(FileId, raw::Outcome)],
) -> Table {
    let keys = Table::build(cx, Kind::Outcome, outcomes.iter().map(|(f, o)| (*f, &o.id)));
    program.outcomes = outcomes
        .iter()
        .map(|(file, o)| Outcome {
            key: o.id.value.clone(),
            title: o.title.clone(),
            measure: o.measure.clone(),
            pos: cx.pos(*file, &o.id),
        })
        .collect();
    keys
}

/// The program's roles, and their key table.
pub(super) fn roles(cx: &mut Cx, program: &mut Program, roles: &[(FileId, raw::Role)]) -> Table {
    let keys = Table::build(cx, Kind::Role, roles.iter().map(|(f, r)| (*f, &r.id)));
    program.roles = roles
        .iter()
        .map(|(_, r)| Role {
            key: r.id.value.clone(),
            title: r.title.clone(),
            person: r.person.clone(),
            contact: r.contact.clone(),
        })
        .collect();
    keys
}

/// The journey's stages, and their key table.
pub(super) fn stages(cx: &mut Cx, program: &mut Program, stages: &[(FileId, raw::Stage)]) -> Table {
    let keys = Table::build(cx, Kind::Stage, stages.iter().map(|(f, s)| (*f, &s.id)));
    program.journey.stages = stages
        .iter()
        .map(|(file, s)| Stage {
            key: s.id.value.clone(),
            title: s.title.clone(),
            description: s.description.clone(),
            terminal: s.terminal,
            exit: s.exit,
            pos: cx.pos(*file, &s.id),
        })
        .collect();
    keys
}

/// The journey's handoffs between stages.
pub(super) fn handoffs(
    cx: &mut Cx,
    handoffs: &[(FileId, raw::Handoff)],
    stage_keys: &Table,
    owners: &Owners<'_>,
) -> Vec<Handoff> {
    handoffs
        .iter()
        .filter_map(|(file, h)| {
            cx.begin();
            let from = stage_keys.find(cx, *file, &h.from);
            let to = stage_keys.find(cx, *file, &h.to);
            let owner = h
                .owner
                .as_ref()
                .and_then(|o| owners.find(cx, *file, o, true));
            let (Some(from), Some(to)) = (from, to) else {
                // A handoff between stages that are left out or misspelt
                // may be the way out of, or into, either of them.
                cx.leave_out(Kind::Handoff, [h.from.value.clone(), h.to.value.clone()]);
                return None;
            };
            Some(Handoff {
                from: StageId(from),
                to: StageId(to),
                owner,
                owner_pos: h.owner.as_ref().map(|o| cx.pos(*file, o)),
                requires: h.requires.iter().map(|r| r.value).collect(),
                limit_days: h.limit_days.as_ref().map(|d| d.value),
                description: h.description.clone(),
                pos: cx.pos(*file, &h.from),
            })
        })
        .collect()
}

/// The mentors of `mentors.yaml`.
pub(super) fn mentors(cx: &mut Cx, mentors: &[Located<raw::Mentor>]) -> Vec<Mentor> {
    mentors
        .iter()
        .map(|Located { file, value: m }| {
            let mark = cx.begin();
            // The mentor stays in the program, with UTC for a zone that
            // cannot be read; the gap tells the checks that read the zone.
            let timezone = cx.tz(*file, &m.timezone).unwrap_or(Tz::UTC);
            if cx.lost_since(mark) {
                cx.leave_out(Kind::Mentor, [m.id.value.clone()]);
            }
            cx.positive_f64(*file, &m.capacity.hours_per_week, "weekly hours");
            Mentor {
                key: m.id.value.clone(),
                name: m.name.clone(),
                email: m.email.clone(),
                timezone,
                bio: m.bio.clone(),
                expertise: m.expertise.clone(),
                languages: m.languages.clone(),
                max_mentees: m.capacity.mentees.value,
                hours_per_week: m.capacity.hours_per_week.value,
                tiers: m.tiers.clone(),
                public_profile: m.public_profile,
                pos: cx.pos(*file, &m.id),
                capacity_pos: cx.pos(*file, &m.capacity.mentees),
                hours_pos: cx.pos(*file, &m.capacity.hours_per_week),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reminder_offsets() {
        assert_eq!(parse_offset("1d"), Some(1440));
        assert_eq!(parse_offset("30m"), Some(30));
        assert_eq!(parse_offset("2h"), Some(120));
        assert_eq!(parse_offset("soon"), None);
        assert_eq!(parse_offset("h"), None);
    }
}
