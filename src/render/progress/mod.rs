//! The progress figures as readers see them: charts with their tables on
//! each cohort page (`charts_view`), the cohorts side by side, and for
//! staff the figures as `metrics.json` and one CSV per cohort (`exports`).
//!
//! A public build withholds every figure, chart point and bar computed over
//! fewer learners than the program's minimum group size, and says so where
//! it would have been. Counts of people are held to more: a count from 1 to
//! the minimum − 1 is never shown, nor a count that differs by that much
//! from a count it is part of (a share's numerator from its denominator, a
//! stage of the funnel from those above it, a week of the retention curve
//! from the weeks before it, any count from the group's size), because the
//! difference counts people too. Each count of people is marked in its
//! cell (`data-people`, with the counts it was held against in
//! `data-within`). A staff build shows everything.

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{Value, json};

use super::audience::{Audience, mentor_public};
use super::charts::{self, Bands, Weekly};
use super::locale::Locale;
use super::pages::escape;
use crate::derive::metrics::{Average, CohortMetrics, Figures, Rate, WeekAverage, WeekRate};
use crate::model::{CohortId, MentorId, Program};

mod charts_view;
mod exports;
#[cfg(test)]
mod tests;

use charts_view::*;
pub use exports::{CSV_HEADER, cohort_csv, metrics_json};

/// What may be shown to an audience, and how its figures are written.
#[derive(Debug, Clone, Copy)]
pub struct Gate<'a> {
    /// Who the build is for.
    pub audience: Audience,
    /// The program's minimum group size.
    pub min: u32,
    /// How figures are written.
    pub locale: &'a Locale,
}

impl Gate<'_> {
    /// Whether a figure over `learners` learners may be shown.
    pub fn shows(&self, learners: u32) -> bool {
        self.audience == Audience::Staff || learners >= self.min
    }

    /// Whether a count of people may be shown on its own: none, or at least
    /// the minimum.
    fn count_ok(&self, count: u32) -> bool {
        self.audience == Audience::Staff || count == 0 || count >= self.min
    }

    /// Whether `counts` of people may be shown beside each other and beside
    /// the shown counts `within` of the groups they are part of: each is
    /// none or at least the minimum, and so is each difference between them.
    pub fn admits(&self, counts: &[u32], within: &[u32]) -> bool {
        counts.iter().all(|c| self.count_ok(*c))
            && counts.iter().enumerate().all(|(i, a)| {
                counts[i + 1..]
                    .iter()
                    .chain(within)
                    .all(|b| self.count_ok(a.abs_diff(*b)))
            })
    }

    /// Why figures are missing, for the page.
    pub fn reason(&self) -> String {
        format!(
            "Withheld: fewer than {} learners. Figures about smaller groups are not published, because they could identify someone.",
            self.min
        )
    }

    /// The rule for counts of people, for a public page.
    pub fn rule(&self) -> String {
        if self.audience == Audience::Staff || self.min < 2 {
            return String::new();
        }
        let most = self.min - 1;
        format!(
            "No count of 1 to {most} people is published, nor two counts, one part of the other, that differ by 1 to {most}: either would point at a few people."
        )
    }

    /// A count of people that may not be shown, as a page writes it.
    fn withheld_count(&self, count: u32) -> String {
        if count > 0 && count < self.min {
            format!("fewer than {}", self.min)
        } else {
            WITHHELD.into()
        }
    }
}

/// The word a page writes for a withheld figure.
const WITHHELD: &str = "withheld";

/// A value as a table cell shows it. `people` lists the counts of people
/// its text shows and `within` the counts of the groups they are part of
/// that they were held against (both space-separated), so the page itself
/// says what was compared.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Cell {
    /// What the cell says.
    pub text: String,
    /// Counts of people in the text.
    pub people: String,
    /// Counts of the groups those people are part of.
    pub within: String,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    fn people(text: impl Into<String>, people: &[u32], within: &[u32]) -> Cell {
        let joined = |counts: &[u32]| {
            counts
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        };
        Cell {
            text: text.into(),
            people: joined(people),
            within: joined(within),
        }
    }
}

fn percent(rate: &Rate, gate: Gate) -> Option<f64> {
    if gate.shows(rate.learners) {
        rate.percent()
    } else {
        None
    }
}

/// A share as a page writes it: "86% (12 of 14)".
fn rate_text(rate: &Rate, gate: Gate) -> String {
    rate_of(rate, gate, "")
}

/// A share of things that are not people, named: "95% (59 of 62
/// sessions)"; one session may involve many learners.
fn rate_of(rate: &Rate, gate: Gate, things: &str) -> String {
    if !gate.shows(rate.learners) {
        return WITHHELD.into();
    }
    match rate.percent() {
        Some(p) => format!(
            "{} ({} of {}{things})",
            gate.locale.percent(p),
            rate.numerator,
            rate.denominator
        ),
        None => "no data yet".into(),
    }
}

/// A share of people, "86% (12 of 14)", with its percent for a chart: both
/// withheld unless [`Gate::admits`] its two counts beside the counts
/// `within` of the groups they are part of (a percent and a denominator
/// give the numerator away, so the share goes whole or not at all).
fn people_share(rate: &Rate, within: &[u32], gate: Gate) -> (Cell, Option<f64>) {
    let counts = [rate.numerator, rate.denominator];
    if !gate.shows(rate.learners) || !gate.admits(&counts, within) {
        return (Cell::text(WITHHELD), None);
    }
    match rate.percent() {
        Some(p) => (
            Cell::people(
                format!(
                    "{} ({} of {})",
                    gate.locale.percent(p),
                    rate.numerator,
                    rate.denominator
                ),
                &counts,
                within,
            ),
            Some(p),
        ),
        None => (Cell::text("no data yet"), None),
    }
}

fn average_text(average: &Average, unit: &str, gate: Gate) -> String {
    if !gate.shows(average.learners) {
        return WITHHELD.into();
    }
    match average.value {
        Some(v) => format!("{}{unit}", gate.locale.number(v)),
        None => "no data yet".into(),
    }
}

/// The headline figures of a group, in the order pages and tables use.
/// `whole` is the cohort's figures when the group is a cut of it: a share
/// of people in a cut is shown only where it counts the same people as the
/// cohort's own, since beside the cohort's a different one gives away how
/// many are in the rest.
fn headline(
    program: &Program,
    figures: &Figures,
    gate: Gate,
    whole: Option<&Figures>,
) -> Vec<(&'static str, Cell)> {
    let group = whole.map_or(figures.learners, |w| w.learners);
    let people = |pick: fn(&Figures) -> &Rate| match whole {
        Some(w) if gate.audience == Audience::Public && pick(w) != pick(figures) => {
            Cell::text(WITHHELD)
        }
        _ => people_share(pick(figures), &[group], gate).0,
    };
    let target = program.settings.session_target_percent;
    vec![
        (
            "Completion rate (graduated of matched)",
            people(|f| &f.completion),
        ),
        (
            "Sessions held (weekly target)",
            Cell::text(format!(
                "{} (target {})",
                rate_of(&figures.sessions, gate, " sessions"),
                gate.locale.percent(target)
            )),
        ),
        (
            "Attendance at held sessions",
            Cell::text(rate_text(&figures.attendance, gate)),
        ),
        (
            "Artifacts handed in",
            Cell::text(rate_text(&figures.artifacts, gate)),
        ),
        (
            "Median days to first session",
            Cell::text(average_text(&figures.first_session, " days", gate)),
        ),
        (
            "Median days to first win",
            Cell::text(average_text(&figures.first_win, " days", gate)),
        ),
        ("Withdrawn", people(|f| &f.dropout.withdrawn)),
        (
            "Withdrawals within the first three sessions",
            people(|f| &f.dropout.early),
        ),
        (
            "Median days to withdraw",
            Cell::text(average_text(&figures.dropout.days, " days", gate)),
        ),
        (
            "Median days to competence",
            Cell::text(average_text(&figures.competence, " days", gate)),
        ),
        (
            "Requests answered in time",
            Cell::text(format!(
                "{} (within {} h)",
                rate_text(&figures.response, gate),
                program.settings.response_hours
            )),
        ),
        (
            "Sentiment after a session (mean change, 1–5 scale)",
            Cell::text(signed(&figures.sentiment, gate)),
        ),
    ]
}

fn signed(average: &Average, gate: Gate) -> String {
    match average.value {
        Some(v) if gate.shows(average.learners) => gate.locale.signed(v, 2),
        _ => average_text(average, "", gate),
    }
}

/// Which parts of a group may be shown, when the parts split the `wholes`
/// (whose counts are shown): each part that [`Gate::admits`] beside the
/// wholes, and then, while what is withheld adds up to 1 to the minimum − 1
/// of a whole (which the rest would give away), not the smallest part shown
/// either.
fn partition(gate: Gate, wholes: &[u32], parts: &[u32]) -> Vec<bool> {
    let mut shown: Vec<bool> = parts.iter().map(|p| gate.admits(&[*p], wholes)).collect();
    loop {
        let sum: u32 = parts
            .iter()
            .zip(&shown)
            .filter(|(_, s)| **s)
            .map(|(p, _)| *p)
            .sum();
        if wholes.iter().all(|w| gate.count_ok(w.saturating_sub(sum))) {
            return shown;
        }
        let smallest = parts
            .iter()
            .enumerate()
            .filter(|(i, p)| shown[*i] && **p > 0)
            .min_by_key(|(_, p)| **p)
            .map(|(i, _)| i);
        match smallest {
            Some(i) => shown[i] = false,
            None => return shown,
        }
    }
}

/// The table of a cohort's learners by status: how many there are, and
/// each status that may be shown beside that; the statuses split the
/// cohort, so what they withhold may not add up to a small number either.
/// Nothing for a group smaller than the minimum.
pub fn statuses(figures: &Figures, gate: Gate) -> Vec<Value> {
    let size = figures.learners;
    if !gate.shows(size) {
        return Vec::new();
    }
    let s = figures.statuses;
    let rows = [
        ("Active", s.active),
        ("Paused", s.paused),
        ("Graduated", s.graduated),
        ("Withdrawn", s.withdrawn),
    ];
    let counts: Vec<u32> = rows.iter().map(|(_, c)| *c).collect();
    let shown = partition(gate, &[size], &counts);
    let mut out = vec![json!({
        "label": "Learners",
        "value": Cell::people(size.to_string(), &[size], &[]),
    })];
    for ((label, count), shown) in rows.into_iter().zip(shown) {
        let value = if shown {
            Cell::people(count.to_string(), &[count], &[size])
        } else {
            Cell::text(gate.withheld_count(count))
        };
        out.push(json!({ "label": label, "value": value }));
    }
    out
}

/// The progress section of a cohort page.
pub fn cohort(program: &Program, metrics: &CohortMetrics, gate: Gate) -> Value {
    let figures = &metrics.all;
    if !gate.shows(figures.learners) {
        return json!({ "withheld": gate.reason(), "rule": "", "summary": [], "charts": [], "cuts": [] });
    }
    let size = figures.learners;
    let summary: Vec<Value> = headline(program, figures, gate, None)
        .into_iter()
        .map(|(label, value)| json!({ "label": label, "value": value }))
        .collect();
    let labels: Vec<&str> = headline(program, figures, gate, None)
        .iter()
        .map(|(l, _)| *l)
        .collect();
    // Mentors' groups split the matched learners, when that count is shown
    // (beside the completion rate); paths' groups split the cohort.
    let (completion, _) = people_share(&figures.completion, &[size], gate);
    let mut mentor_wholes = vec![size];
    if !completion.people.is_empty() {
        mentor_wholes.push(figures.completion.denominator);
    }
    let mut unnamed = 0;
    let mentor_rows = cut_rows(
        program,
        figures,
        gate,
        &mentor_wholes,
        metrics.by_mentor.iter().map(|(mentor, f)| {
            (
                mentor_label(program, *mentor, gate.audience, &mut unnamed),
                f,
            )
        }),
    );
    let path_rows = cut_rows(
        program,
        figures,
        gate,
        &[size],
        metrics
            .by_path
            .iter()
            .map(|(path, f)| (program.path(*path).title.clone(), f)),
    );
    let cuts = vec![
        json!({ "id": "mentor", "title": "By mentor", "caption": "Key figures by the learners' current mentor", "columns": labels, "rows": mentor_rows }),
        json!({ "id": "path", "title": "By path", "caption": "Key figures by learning path", "columns": labels, "rows": path_rows }),
    ];
    json!({
        "withheld": "",
        "rule": gate.rule(),
        "summary": summary,
        "charts": charts(program, "", figures, gate),
        "cuts": cuts,
    })
}

/// The rows of a cut of the cohort `whole`, whose groups split `wholes`.
fn cut_rows<'f>(
    program: &Program,
    whole: &Figures,
    gate: Gate,
    wholes: &[u32],
    groups: impl Iterator<Item = (String, &'f Figures)>,
) -> Vec<Value> {
    let groups: Vec<(String, &Figures)> = groups.collect();
    let sizes: Vec<u32> = groups.iter().map(|(_, f)| f.learners).collect();
    let shown = partition(gate, wholes, &sizes);
    groups
        .into_iter()
        .zip(shown)
        .map(|((name, figures), shown)| {
            let size = if shown {
                Cell::people(figures.learners.to_string(), &[figures.learners], wholes)
            } else {
                Cell::text(gate.withheld_count(figures.learners))
            };
            cut_row(program, name, size, figures, gate, Some(whole))
        })
        .collect()
}

fn cut_row(
    program: &Program,
    name: String,
    size: Cell,
    figures: &Figures,
    gate: Gate,
    whole: Option<&Figures>,
) -> Value {
    let values: Vec<Cell> = if gate.shows(figures.learners) {
        headline(program, figures, gate, whole)
            .into_iter()
            .map(|(_, v)| v)
            .collect()
    } else {
        Vec::new()
    };
    json!({
        "name": name,
        "learners": size,
        "values": values,
    })
}

/// The cohorts side by side.
pub fn comparison(
    program: &Program,
    all: &[CohortMetrics],
    gate: Gate,
    cohort_url: &dyn Fn(CohortId) -> String,
) -> Value {
    let labels: Vec<&str> = all
        .first()
        .map(|m| {
            headline(program, &m.all, gate, None)
                .iter()
                .map(|(l, _)| *l)
                .collect()
        })
        .unwrap_or_default();
    let rows: Vec<Value> = all
        .iter()
        .map(|m| {
            let learners = m.all.learners;
            let size = if gate.shows(learners) {
                Cell::people(learners.to_string(), &[learners], &[])
            } else {
                Cell::text(gate.withheld_count(learners))
            };
            let mut row = cut_row(
                program,
                program.cohort(m.cohort).title.clone(),
                size,
                &m.all,
                gate,
                None,
            );
            if let Value::Object(map) = &mut row {
                map.insert("url".into(), json!(cohort_url(m.cohort)));
            }
            row
        })
        .collect();
    // A bar: its label, its value when shown, and its cell.
    type Bar = (String, Option<f64>, Cell);
    let bars = |rate: fn(&Figures) -> &Rate, things: Option<&str>| -> Vec<Bar> {
        all.iter()
            .map(|m| {
                let title = program.cohort(m.cohort).title.clone();
                let r = rate(&m.all);
                if !gate.shows(m.all.learners) {
                    return (title, None, Cell::text(WITHHELD));
                }
                match things {
                    None => {
                        let (cell, value) = people_share(r, &[m.all.learners], gate);
                        (title, value, cell)
                    }
                    Some(things) => (
                        title,
                        percent(r, gate),
                        Cell::text(rate_of(r, gate, things)),
                    ),
                }
            })
            .collect()
    };
    let mut charts_out = Vec::new();
    for (id, title, axis, rate, things) in [
        (
            "compare-completion",
            "Completion rate by cohort",
            "Graduated of matched (%)",
            (|f: &Figures| &f.completion) as fn(&Figures) -> &Rate,
            None,
        ),
        (
            "compare-sessions",
            "Sessions held by cohort",
            "Sessions held (%)",
            |f: &Figures| &f.sessions,
            Some(" sessions"),
        ),
        (
            "compare-attendance",
            "Attendance by cohort",
            "Attended of invited (%)",
            |f: &Figures| &f.attendance,
            Some(""),
        ),
    ] {
        let data = bars(rate, things);
        let shown = data.iter().any(|(_, v, _)| v.is_some());
        let labelled: Vec<(String, Option<f64>, String)> = data
            .iter()
            .map(|(n, v, c)| (n.clone(), *v, c.text.clone()))
            .collect();
        charts_out.push(
            ChartView {
                id: id.into(),
                title: title.into(),
                svg: draw(
                    charts::bands(&Bands {
                        locale: gate.locale,
                        id: &format!("{id}-chart"),
                        title,
                        x_label: axis,
                        max: 100.0,
                        bars: &on_bars(&labelled, gate.locale),
                    }),
                    shown,
                ),
                note: if shown { String::new() } else { gate.reason() },
                columns: vec!["Cohort", "Value"],
                rows: data
                    .into_iter()
                    .map(|(n, _, c)| vec![Cell::text(n), c])
                    .collect(),
            }
            .value(),
        );
    }
    json!({
        "columns": labels,
        "rows": rows,
        "charts": charts_out,
        "target": gate.locale.number(program.settings.session_target_percent),
        "target_percent": gate.locale.percent(program.settings.session_target_percent),
        "min_group_size": gate.min,
        "rule": gate.rule(),
    })
}
