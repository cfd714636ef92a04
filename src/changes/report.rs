//! The change summary as text: plain for a terminal, Markdown for a
//! pull-request comment, JSON for scripts.
//!
//! Plain text and Markdown say the same sentences, one a line, under a
//! heading per kind of record; a kind with no change is left out, and a
//! summary with none at all is one line. Text from the data files (titles,
//! messages) is escaped in Markdown so it cannot turn into links, HTML or
//! formatting in the comment.

use std::fmt::Write as _;

use super::{
    Changes, Finding, LearnerChange, ModuleChange, PairChange, Person, SessionChange, SessionEvent,
    When,
};
use crate::diagnostic::Severity;

/// The JSON report, pretty-printed; the fields are documented in
/// `docs/changes.md`.
pub fn json(changes: &Changes) -> String {
    let mut text = serde_json::to_string_pretty(changes).unwrap_or_default();
    text.push('\n');
    text
}

/// The report for a pull-request comment.
pub fn markdown(changes: &Changes) -> String {
    write(changes, Style::Markdown)
}

/// The report for a terminal.
pub fn human(changes: &Changes) -> String {
    write(changes, Style::Plain)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Markdown,
}

impl Style {
    /// An id, a path or a code.
    fn code(self, text: &str) -> String {
        match self {
            Style::Plain => text.to_string(),
            Style::Markdown => format!("`{}`", text.replace('`', "'")),
        }
    }

    /// Free text from the program's files.
    fn text(self, text: &str) -> String {
        match self {
            Style::Plain => text.to_string(),
            Style::Markdown => {
                let mut out = String::with_capacity(text.len());
                for c in text.chars() {
                    if matches!(
                        c,
                        '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!'
                    ) {
                        out.push('\\');
                    }
                    out.push(if c.is_control() { ' ' } else { c });
                }
                out
            }
        }
    }

    fn person(self, person: &Person) -> String {
        match &person.name {
            Some(name) => format!("{} ({})", self.text(name), self.code(&person.id)),
            None => self.code(&person.id),
        }
    }

    fn heading(self, text: &str) -> String {
        match self {
            Style::Plain => format!("{text}:"),
            Style::Markdown => format!("### {text}"),
        }
    }

    fn bullet(self) -> &'static str {
        match self {
            Style::Plain => "  ",
            Style::Markdown => "- ",
        }
    }
}

fn write(changes: &Changes, style: Style) -> String {
    let range = format!(
        "{} ({}) and {} ({})",
        style.code(&changes.base.name),
        short(&changes.base.commit),
        style.code(&changes.head.name),
        short(&changes.head.commit)
    );
    if changes.is_empty() {
        return format!("No changes to the program between {range}.\n");
    }
    let mut out = match style {
        Style::Plain => format!("Changes to the program between {range}\n"),
        Style::Markdown => format!("## Changes to the program\n\nBetween {range}.\n"),
    };
    let mut section = |title: &str, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        let _ = writeln!(out, "\n{}", style.heading(title));
        if style == Style::Markdown {
            out.push('\n');
        }
        for line in lines {
            let _ = writeln!(out, "{}{line}", style.bullet());
        }
    };
    for unreadable in &changes.unreadable {
        section(
            &format!("Does not load at {}", style.code(&unreadable.revision)),
            unreadable
                .errors
                .iter()
                .map(|f| finding(style, f))
                .collect(),
        );
    }
    section(
        "Learners",
        changes.learners.iter().map(|c| learner(style, c)).collect(),
    );
    section(
        "Pairs",
        changes.pairs.iter().map(|c| pair(style, c)).collect(),
    );
    section(
        "Sessions",
        changes.sessions.iter().map(|c| session(style, c)).collect(),
    );
    section(
        "Modules",
        changes.modules.iter().map(|c| module(style, c)).collect(),
    );
    section(
        "New problems",
        changes
            .new_problems
            .iter()
            .map(|f| finding(style, f))
            .collect(),
    );
    section(
        "Fixed problems",
        changes
            .fixed_problems
            .iter()
            .map(|f| finding(style, f))
            .collect(),
    );
    out
}

/// A commit hash as people quote it.
fn short(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}

fn stage(style: Style, stage: Option<&String>) -> String {
    stage.map_or_else(|| "no stage".to_string(), |s| style.code(s))
}

fn learner(style: Style, change: &LearnerChange) -> String {
    match change {
        LearnerChange::Added {
            learner,
            cohort,
            stage: at,
        } => format!(
            "{} joined cohort {}, at {}",
            style.person(learner),
            style.code(cohort),
            stage(style, at.as_ref())
        ),
        LearnerChange::Removed { learner } => {
            format!("{} was removed from the program", style.person(learner))
        }
        LearnerChange::Stage { learner, from, to } => format!(
            "{} moved from {} to {}",
            style.person(learner),
            stage(style, from.as_ref()),
            stage(style, to.as_ref())
        ),
        LearnerChange::Status { learner, from, to } => {
            let what = match to.as_str() {
                "paused" => "paused".to_string(),
                "withdrawn" => "withdrew".to_string(),
                "graduated" => "graduated".to_string(),
                "active" => "is active again".to_string(),
                other => format!("is now {other}"),
            };
            format!("{} {what} (was {from})", style.person(learner))
        }
    }
}

fn pair(style: Style, change: &PairChange) -> String {
    match change {
        PairChange::Formed {
            pair,
            learner,
            mentor,
        } => format!(
            "{} paired with {} ({})",
            style.person(learner),
            style.person(mentor),
            style.code(pair)
        ),
        PairChange::Ended {
            pair,
            learner,
            mentor,
            reason,
        } => format!(
            "{} and {} ended their pair ({}){}",
            style.person(learner),
            style.person(mentor),
            style.code(pair),
            reason
                .as_ref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default()
        ),
        PairChange::Removed {
            pair,
            learner,
            mentor,
        } => format!(
            "the pair of {} and {} ({}) was removed",
            style.person(learner),
            style.person(mentor),
            style.code(pair)
        ),
        PairChange::Rematched {
            learner,
            from,
            to,
            pair,
        } => format!(
            "{} rematched from {} to {} ({})",
            style.person(learner),
            style.person(from),
            style.person(to),
            style.code(pair)
        ),
        PairChange::Paused {
            pair,
            learner,
            mentor,
            from,
            until,
            by,
        } => format!(
            "{} and {} paused ({}) from {from}{}, asked by the {by}",
            style.person(learner),
            style.person(mentor),
            style.code(pair),
            until
                .as_ref()
                .map_or_else(|| ", no end date yet".to_string(), |u| format!(" to {u}"))
        ),
        PairChange::Resumed {
            pair,
            learner,
            mentor,
            until,
        } => format!(
            "{} and {} ({}) resume after a pause ending {until}",
            style.person(learner),
            style.person(mentor),
            style.code(pair)
        ),
    }
}

/// A local time as a coordinator reads it: `Tue 3 Mar 2026 18:00
/// Europe/London`.
fn when(at: &When) -> String {
    format!("{} {}", day_and_time(at), at.zone)
}

fn day_and_time(at: &When) -> String {
    chrono::NaiveDateTime::parse_from_str(&at.local, "%Y-%m-%dT%H:%M").map_or_else(
        |_| at.local.clone(),
        |t| t.format("%a %-d %b %Y %H:%M").to_string(),
    )
}

/// A move, saying the zone and the day once when they stay.
fn moved(from: &When, to: &When) -> String {
    if from.zone != to.zone {
        return format!("from {} to {}", when(from), when(to));
    }
    let same_day = from.local.get(..10) == to.local.get(..10);
    let to_text = match (same_day, to.local.get(11..)) {
        (true, Some(time)) => time.to_string(),
        _ => day_and_time(to),
    };
    format!("from {} to {to_text} {}", day_and_time(from), to.zone)
}

fn session(style: Style, change: &SessionChange) -> String {
    let name = format!(
        "{} ({})",
        style.text(&change.title),
        style.code(&change.session)
    );
    let meeting = |date: &Option<String>| {
        date.as_ref()
            .map_or_else(String::new, |d| format!("the meeting of {d} of "))
    };
    let what = match &change.event {
        SessionEvent::Added { at } => format!("{name} added, {}", when(at)),
        SessionEvent::Removed { at } => format!("{name} removed (was {})", when(at)),
        SessionEvent::Moved {
            meeting: date,
            from,
            to,
        } => format!("{}{name} moved {}", meeting(date), moved(from, to)),
        SessionEvent::Cancelled { meeting: date, at } => {
            format!("{}{name} cancelled ({})", meeting(date), when(at))
        }
        SessionEvent::Reinstated { meeting: date, at } => {
            format!("{}{name} is on again ({})", meeting(date), when(at))
        }
        SessionEvent::Relocated { at } => {
            format!(
                "{name} meets somewhere else or at another link ({})",
                when(at)
            )
        }
        SessionEvent::MeetingsAdded { dates } => {
            format!("{name} meets on more dates: {}", dates.join(", "))
        }
        SessionEvent::MeetingsRemoved { dates } => {
            format!("{name} no longer meets on {}", dates.join(", "))
        }
    };
    let mut what = capitalised(&what);
    let calendar = &change.calendar;
    let mut who: Vec<String> = calendar.feeds.iter().map(|f| style.code(f)).collect();
    let personal = [
        (calendar.learners.len(), "learner"),
        (calendar.mentors.len(), "mentor"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, kind)| format!("{n} {kind}{}", if n == 1 { "" } else { "s" }))
    .collect::<Vec<_>>();
    if !personal.is_empty() {
        who.push(format!("the personal feeds of {}", personal.join(" and ")));
    }
    if !who.is_empty() {
        let _ = write!(what, "; calendars updated: {}", who.join(", "));
    }
    what
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn module(style: Style, change: &ModuleChange) -> String {
    match change {
        ModuleChange::Added {
            module,
            title,
            path,
        } => format!(
            "{} ({}) added{}",
            style.text(title),
            style.code(module),
            path.as_ref()
                .map(|p| format!(" to path {}", style.code(p)))
                .unwrap_or_default()
        ),
        ModuleChange::Removed { module, title } => {
            format!("{} ({}) removed", style.text(title), style.code(module))
        }
        ModuleChange::Changed {
            module,
            title,
            was,
            fields,
            text,
        } => {
            let mut parts: Vec<String> = Vec::new();
            if let Some(was) = was {
                parts.push(format!("title was {}", style.text(&format!("“{was}”"))));
            }
            let other: Vec<String> = fields
                .iter()
                .filter(|f| **f != "title")
                .map(|f| style.code(f))
                .collect();
            if !other.is_empty() {
                parts.push(format!("front matter changed: {}", other.join(", ")));
            }
            if *text {
                parts.push("text edited".to_string());
            }
            format!(
                "{} ({}): {}",
                style.text(title),
                style.code(module),
                parts.join("; ")
            )
        }
    }
}

fn finding(style: Style, finding: &Finding) -> String {
    let kind = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let place = match (&finding.file, finding.line) {
        (Some(file), Some(line)) => format!(" in {}", style.code(&format!("{file}:{line}"))),
        (Some(file), None) => format!(" in {}", style.code(file)),
        _ => String::new(),
    };
    format!(
        "{kind} {}{place}: {}",
        style.code(&finding.code),
        style.text(&finding.message)
    )
}
