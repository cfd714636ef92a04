//! The progress figures as readers see them: charts with their tables on
//! each cohort page, the cohorts side by side, and for staff the figures as
//! `metrics.json` and one CSV per cohort.
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
use super::charts::{self, Bands, Weekly, format_value};
use super::pages::escape;
use crate::derive::metrics::{Average, CohortMetrics, Figures, Rate, WeekAverage, WeekRate};
use crate::model::{CohortId, MentorId, Program};

/// What may be shown to an audience.
#[derive(Debug, Clone, Copy)]
pub struct Gate {
    /// Who the build is for.
    pub audience: Audience,
    /// The program's minimum group size.
    pub min: u32,
}

impl Gate {
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
            "{}% ({} of {}{things})",
            format_value(p),
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
                    "{}% ({} of {})",
                    format_value(p),
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
        Some(v) => format!("{}{unit}", format_value(v)),
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
                "{} (target {}%)",
                rate_of(&figures.sessions, gate, " sessions"),
                format_value(target)
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
        Some(v) if gate.shows(average.learners) && v > 0.0 => format!("+{v:.2}"),
        Some(v) if gate.shows(average.learners) => format!("{v:.2}"),
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

/// A chart with its table, ready for the template.
struct ChartView {
    id: String,
    title: String,
    svg: String,
    note: String,
    columns: Vec<&'static str>,
    rows: Vec<Vec<Cell>>,
}

impl ChartView {
    fn value(self) -> Value {
        json!({
            "id": self.id,
            "title": self.title,
            "svg": self.svg,
            "note": self.note,
            "columns": self.columns,
            "rows": self.rows,
        })
    }
}

/// Rows of text alone: figures that count no people.
fn text_rows(rows: Vec<Vec<String>>) -> Vec<Vec<Cell>> {
    rows.into_iter()
        .map(|row| row.into_iter().map(Cell::text).collect())
        .collect()
}

fn weekly_points(weeks: &[WeekRate], gate: Gate) -> Vec<(u32, Option<f64>)> {
    weeks
        .iter()
        .map(|w| (w.week, percent(&w.rate, gate)))
        .collect()
}

fn week_rows(weeks: &[WeekRate], gate: Gate) -> Vec<Vec<String>> {
    weeks
        .iter()
        .map(|w| {
            if w.rate.denominator == 0 {
                vec![w.week.to_string(), "–".into(), "0".into(), "0".into()]
            } else if gate.shows(w.rate.learners) {
                vec![
                    w.week.to_string(),
                    w.rate
                        .percent()
                        .map(format_value)
                        .unwrap_or_else(|| "–".into()),
                    w.rate.numerator.to_string(),
                    w.rate.denominator.to_string(),
                ]
            } else {
                vec![
                    w.week.to_string(),
                    WITHHELD.into(),
                    String::new(),
                    String::new(),
                ]
            }
        })
        .collect()
}

fn note_for(points: &[(u32, Option<f64>)], any_data: bool, gate: Gate) -> String {
    if points.iter().any(|(_, v)| v.is_some()) {
        if any_data && points.iter().any(|(_, v)| v.is_none()) && gate.audience == Audience::Public
        {
            return format!(
                "Weeks without a mark have no data or are withheld (fewer than {} learners).",
                gate.min
            );
        }
        String::new()
    } else if any_data {
        gate.reason()
    } else {
        "No data yet.".into()
    }
}

/// Shares as a bar's label writes them: the percent alone, so it fits
/// beside a long bar at phone width; the table gives the counts.
fn on_bars(bars: &[(String, Option<f64>, String)]) -> Vec<(String, Option<f64>, String)> {
    bars.iter()
        .map(|(name, value, written)| {
            let short = value.map_or_else(|| written.clone(), |v| format!("{}%", format_value(v)));
            (name.clone(), *value, short)
        })
        .collect()
}

/// Draws a chart, or explains in its place why there is none.
fn draw(result: Result<String, String>, shown: bool) -> String {
    match (shown, result) {
        (true, Ok(svg)) => svg,
        (true, Err(problem)) => format!("<p>{}</p>", escape(&problem)),
        (false, _) => String::new(),
    }
}

/// A weekly figure: its chart's points, and its table's rows.
type Weeks = (Vec<(u32, Option<f64>)>, Vec<Vec<Cell>>);

/// A line chart of a weekly share in percent, with its table.
fn share_line(
    id: &str,
    title: &'static str,
    (x_label, y_label): (&str, &str),
    columns: Vec<&'static str>,
    (points, rows): Weeks,
    gate: Gate,
) -> ChartView {
    let shown = points.iter().any(|(_, v)| v.is_some());
    ChartView {
        id: id.to_string(),
        title: title.into(),
        svg: draw(
            charts::weekly(&Weekly {
                id: &format!("{id}-chart"),
                title,
                x_label,
                y_label,
                y_range: (0.0, 100.0),
                unit: "%",
                points: &points,
                target: None,
                bars: false,
            }),
            shown,
        ),
        note: note_for(&points, !points.is_empty(), gate),
        columns,
        rows,
    }
}

/// The retention curve's points and rows: a week is shown whole or not at
/// all, its two counts held against the group, the matched learners when
/// their count is shown, and every count shown for the weeks before it
/// (those who are still in, or followed, one week later are part of the
/// same sets a week earlier).
fn retention(figures: &Figures, matched: Option<u32>, gate: Gate) -> Weeks {
    let mut published = vec![figures.learners];
    published.extend(matched.filter(|m| *m != figures.learners));
    let mut points = Vec::new();
    let mut rows = Vec::new();
    for w in &figures.retention {
        let (still, followed) = (w.rate.numerator, w.rate.denominator);
        let week = Cell::text(w.week.to_string());
        let within = published.clone();
        match w.rate.percent() {
            Some(p) if gate.shows(w.rate.learners) && gate.admits(&[still, followed], &within) => {
                let mut above = vec![followed];
                above.extend(&within);
                points.push((w.week, Some(p)));
                rows.push(vec![
                    week,
                    Cell::text(format_value(p)),
                    Cell::people(still.to_string(), &[still], &above),
                    Cell::people(followed.to_string(), &[followed], &within),
                ]);
                for count in [still, followed] {
                    if !published.contains(&count) {
                        published.push(count);
                    }
                }
            }
            _ => {
                points.push((w.week, None));
                rows.push(vec![
                    week,
                    Cell::text(WITHHELD),
                    Cell::text(""),
                    Cell::text(""),
                ]);
            }
        }
    }
    (points, rows)
}

fn charts(program: &Program, prefix: &str, figures: &Figures, gate: Gate) -> Vec<Value> {
    let mut out = Vec::new();
    let size = figures.learners;

    out.push(share_line(
        &format!("{prefix}modules"),
        "Module completion over time",
        ("Cohort week", "Modules completed (%)"),
        vec![
            "Week",
            "Completed (%)",
            "Learner-modules completed",
            "Learner-modules",
        ],
        (
            weekly_points(&figures.module_completion, gate),
            text_rows(week_rows(&figures.module_completion, gate)),
        ),
        gate,
    ));

    let points = weekly_points(&figures.session_weeks, gate);
    let shown = points.iter().any(|(_, v)| v.is_some());
    let title = "Sessions held each week";
    let target = program.settings.session_target_percent;
    let mut rows = week_rows(&figures.session_weeks, gate);
    for (row, attendance) in rows.iter_mut().zip(&figures.attendance_weeks) {
        row.push(match percent(&attendance.rate, gate) {
            Some(p) => format_value(p),
            None if attendance.rate.denominator == 0 || gate.shows(attendance.rate.learners) => {
                "–".into()
            }
            None => WITHHELD.into(),
        });
    }
    out.push(ChartView {
        id: format!("{prefix}sessions"),
        title: title.into(),
        svg: draw(
            charts::weekly(&Weekly {
                id: &format!("{prefix}sessions-chart"),
                title,
                x_label: "Cohort week",
                y_label: "Sessions held (%)",
                y_range: (0.0, 100.0),
                unit: "%",
                points: &points,
                target: Some(target),
                bars: true,
            }),
            shown,
        ),
        note: note_for(
            &points,
            figures.session_weeks.iter().any(|w| w.rate.denominator > 0),
            gate,
        ),
        columns: vec!["Week", "Held (%)", "Held", "Scheduled", "Attendance (%)"],
        rows: text_rows(rows),
    });

    // Each stage's learners are part of those of the stages above it.
    let mut above = vec![size];
    let mut cells = Vec::new();
    let stages: Vec<(String, Option<f64>, String)> = figures
        .funnel
        .iter()
        .map(|s| {
            let name = program.stage(s.stage).title.clone();
            let cell = if gate.shows(size) && gate.admits(&[s.reached], &above) {
                let cell = Cell::people(s.reached.to_string(), &[s.reached], &above);
                if !above.contains(&s.reached) {
                    above.push(s.reached);
                }
                cell
            } else {
                Cell::text(gate.withheld_count(s.reached))
            };
            let value = (!cell.people.is_empty()).then(|| f64::from(s.reached));
            let written = cell.text.clone();
            cells.push((name.clone(), cell));
            (name, value, written)
        })
        .collect();
    let shown = stages.iter().any(|(_, v, _)| v.is_some());
    let title = "Journey funnel";
    out.push(ChartView {
        id: format!("{prefix}funnel"),
        title: title.into(),
        svg: draw(
            charts::bands(&Bands {
                id: &format!("{prefix}funnel-chart"),
                title,
                x_label: "Learners who reached the stage",
                max: f64::from(size),
                bars: &stages,
            }),
            shown,
        ),
        note: if stages.iter().any(|(_, v, _)| v.is_none()) && gate.audience == Audience::Public {
            let most = gate.min.saturating_sub(1);
            format!(
                "Counts of 1 to {most} learners, and counts within {most} of a stage shown above them, are withheld."
            )
        } else {
            String::new()
        },
        columns: vec!["Stage", "Learners who reached it"],
        rows: cells
            .into_iter()
            .map(|(name, cell)| vec![Cell::text(name), cell])
            .collect(),
    });

    let (completion, _) = people_share(&figures.completion, &[size], gate);
    let matched = (!completion.people.is_empty()).then_some(figures.completion.denominator);
    let mut curve = share_line(
        &format!("{prefix}retention"),
        "Retention after the match",
        (
            "Week since match (1 = week of the match)",
            "Still in the programme (%)",
        ),
        vec!["Week since match", "Still in (%)", "Still in", "Followed"],
        retention(figures, matched, gate),
        gate,
    );
    let withheld = curve.rows.iter().any(|row| row[1].text == WITHHELD);
    if withheld && gate.audience == Audience::Public {
        let most = gate.min.saturating_sub(1);
        curve.note = format!(
            "A withheld week would show fewer than {} learners, or a count within {most} of the cohort's size or of a week shown before it.",
            gate.min
        );
    }
    out.push(curve);

    let outcomes: Vec<(String, Option<f64>, Cell)> = figures
        .outcomes
        .iter()
        .map(|o| {
            let (cell, value) = people_share(&o.rate, &[size], gate);
            (
                program.outcomes[o.outcome.index()].title.clone(),
                value,
                cell,
            )
        })
        .collect();
    let shown = outcomes.iter().any(|(_, v, _)| v.is_some());
    let bars: Vec<(String, Option<f64>, String)> = outcomes
        .iter()
        .map(|(n, v, c)| (n.clone(), *v, c.text.clone()))
        .collect();
    let outcome_bars = on_bars(&bars);
    let title = "Outcome attainment";
    out.push(ChartView {
        id: format!("{prefix}outcomes"),
        title: title.into(),
        svg: draw(
            charts::bands(&Bands {
                id: &format!("{prefix}outcomes-chart"),
                title,
                x_label: "Learners who attained it (%)",
                max: 100.0,
                bars: &outcome_bars,
            }),
            shown,
        ),
        note: if outcomes.is_empty() {
            "No outcomes yet.".into()
        } else {
            String::new()
        },
        columns: vec!["Outcome", "Attained"],
        rows: outcomes
            .into_iter()
            .map(|(n, _, c)| vec![Cell::text(n), c])
            .collect(),
    });

    let points: Vec<(u32, Option<f64>)> = figures
        .confidence
        .iter()
        .map(|w| {
            (
                w.week,
                w.average.value.filter(|_| gate.shows(w.average.learners)),
            )
        })
        .collect();
    let shown = points.iter().any(|(_, v)| v.is_some());
    let title = "Confidence over time";
    out.push(ChartView {
        id: format!("{prefix}confidence"),
        title: title.into(),
        svg: draw(
            charts::weekly(&Weekly {
                id: &format!("{prefix}confidence-chart"),
                title,
                x_label: "Cohort week",
                y_label: "Mean confidence (1–5)",
                y_range: (1.0, 5.0),
                unit: "",
                points: &points,
                target: None,
                bars: false,
            }),
            shown,
        ),
        note: note_for(&points, !points.is_empty(), gate),
        columns: vec!["Week", "Mean confidence (1–5)", "Learners rated"],
        rows: confidence_rows(&figures.confidence, size, gate),
    });
    out.into_iter().map(ChartView::value).collect()
}

/// A week's mean confidence, and how many learners rated (people, part of
/// the group of `size`).
fn confidence_rows(weeks: &[WeekAverage], size: u32, gate: Gate) -> Vec<Vec<Cell>> {
    weeks
        .iter()
        .map(|w| {
            let week = Cell::text(w.week.to_string());
            let rated = w.average.learners;
            match w.average.value {
                Some(v) if gate.shows(rated) => {
                    let count = if gate.admits(&[rated], &[size]) {
                        Cell::people(rated.to_string(), &[rated], &[size])
                    } else {
                        Cell::text(WITHHELD)
                    };
                    vec![week, Cell::text(format!("{v:.2}")), count]
                }
                None => vec![week, Cell::text("–"), Cell::text("0")],
                Some(_) => vec![week, Cell::text(WITHHELD), Cell::text("")],
            }
        })
        .collect()
}

/// How a mentor is named in a cut: by name where the audience may see
/// them, otherwise by a number that says nothing about who they are.
fn mentor_label(
    program: &Program,
    mentor: MentorId,
    audience: Audience,
    unnamed: &mut u32,
) -> String {
    let m = program.mentor(mentor);
    if mentor_public(audience, m) {
        m.name.clone()
    } else {
        *unnamed += 1;
        format!("Mentor {unnamed} (profile not public)")
    }
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
                        id: &format!("{id}-chart"),
                        title,
                        x_label: axis,
                        max: 100.0,
                        bars: &on_bars(&labelled),
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
        "target": format_value(program.settings.session_target_percent),
        "min_group_size": gate.min,
        "rule": gate.rule(),
    })
}

/// One figure as a row of the staff exports.
#[derive(Serialize)]
struct Row {
    cut: &'static str,
    group: String,
    metric: &'static str,
    step: String,
    numerator: Option<u32>,
    denominator: Option<u32>,
    value: Option<f64>,
    learners: u32,
}

/// Two decimals, as the CSV writes them, so both exports agree.
fn rounded(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

fn rate_row(
    cut: &'static str,
    group: &str,
    metric: &'static str,
    step: String,
    rate: &Rate,
) -> Row {
    Row {
        cut,
        group: group.to_string(),
        metric,
        step,
        numerator: Some(rate.numerator),
        denominator: Some(rate.denominator),
        value: rate.percent().map(rounded),
        learners: rate.learners,
    }
}

fn average_row(
    cut: &'static str,
    group: &str,
    metric: &'static str,
    step: String,
    average: &Average,
) -> Row {
    Row {
        cut,
        group: group.to_string(),
        metric,
        step,
        numerator: None,
        denominator: Some(average.count),
        value: average.value.map(rounded),
        learners: average.learners,
    }
}

fn rows_of(program: &Program, cut: &'static str, group: &str, f: &Figures, out: &mut Vec<Row>) {
    let none = String::new;
    let s = f.statuses;
    for (status, count) in [
        ("active", s.active),
        ("paused", s.paused),
        ("graduated", s.graduated),
        ("withdrawn", s.withdrawn),
    ] {
        out.push(rate_row(
            cut,
            group,
            "status",
            status.into(),
            &Rate {
                numerator: count,
                denominator: f.learners,
                learners: f.learners,
            },
        ));
    }
    out.push(rate_row(
        cut,
        group,
        "completion_rate",
        none(),
        &f.completion,
    ));
    out.push(rate_row(
        cut,
        group,
        "session_completion",
        none(),
        &f.sessions,
    ));
    out.push(rate_row(cut, group, "attendance", none(), &f.attendance));
    out.push(rate_row(
        cut,
        group,
        "artifact_submission",
        none(),
        &f.artifacts,
    ));
    out.push(average_row(
        cut,
        group,
        "days_to_first_session",
        none(),
        &f.first_session,
    ));
    out.push(average_row(
        cut,
        group,
        "days_to_first_win",
        none(),
        &f.first_win,
    ));
    out.push(rate_row(
        cut,
        group,
        "withdrawn",
        none(),
        &f.dropout.withdrawn,
    ));
    out.push(rate_row(
        cut,
        group,
        "early_withdrawals",
        none(),
        &f.dropout.early,
    ));
    out.push(average_row(
        cut,
        group,
        "days_to_withdraw",
        none(),
        &f.dropout.days,
    ));
    out.push(average_row(
        cut,
        group,
        "days_to_competence",
        none(),
        &f.competence,
    ));
    out.push(rate_row(
        cut,
        group,
        "response_in_time",
        none(),
        &f.response,
    ));
    out.push(average_row(
        cut,
        group,
        "sentiment_delta",
        none(),
        &f.sentiment,
    ));
    for (metric, weeks) in [
        ("module_completion", &f.module_completion),
        ("weekly_session_completion", &f.session_weeks),
        ("weekly_attendance", &f.attendance_weeks),
        ("retention", &f.retention),
    ] {
        for w in weeks {
            out.push(rate_row(cut, group, metric, w.week.to_string(), &w.rate));
        }
    }
    for w in &f.confidence {
        out.push(average_row(
            cut,
            group,
            "confidence",
            w.week.to_string(),
            &w.average,
        ));
    }
    for s in &f.funnel {
        out.push(Row {
            cut,
            group: group.to_string(),
            metric: "funnel",
            step: program.stage(s.stage).key.clone(),
            numerator: Some(s.reached),
            denominator: Some(f.learners),
            value: (f.learners > 0)
                .then(|| rounded(100.0 * f64::from(s.reached) / f64::from(f.learners))),
            learners: f.learners,
        });
    }
    for o in &f.outcomes {
        out.push(rate_row(
            cut,
            group,
            "outcome_attainment",
            program.outcomes[o.outcome.index()].key.clone(),
            &o.rate,
        ));
    }
}

fn cohort_rows(program: &Program, metrics: &CohortMetrics) -> Vec<Row> {
    let mut rows = Vec::new();
    rows_of(
        program,
        "cohort",
        &program.cohort(metrics.cohort).key,
        &metrics.all,
        &mut rows,
    );
    for (mentor, f) in &metrics.by_mentor {
        rows_of(
            program,
            "mentor",
            &program.mentor(*mentor).key,
            f,
            &mut rows,
        );
    }
    for (path, f) in &metrics.by_path {
        rows_of(program, "path", &program.path(*path).key, f, &mut rows);
    }
    rows
}

/// The CSV header of a cohort's figures.
pub const CSV_HEADER: &str = "cut,group,metric,step,numerator,denominator,value,learners";

/// A cohort's figures as CSV, one figure per line (staff builds).
pub fn cohort_csv(program: &Program, metrics: &CohortMetrics) -> String {
    let mut out = format!("{CSV_HEADER}\n");
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    for r in cohort_rows(program, metrics) {
        // Ids are lowercase letters, digits and `-`: nothing to quote.
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{}",
            r.cut,
            r.group,
            r.metric,
            r.step,
            number(r.numerator),
            number(r.denominator),
            r.value.map(|v| format!("{v:.2}")).unwrap_or_default(),
            r.learners
        );
    }
    out
}

/// One cohort in `metrics.json`.
#[derive(Serialize)]
struct CohortExport<'a> {
    id: &'a str,
    title: &'a str,
    learners: u32,
    figures: Vec<Row>,
}

/// `metrics.json`.
#[derive(Serialize)]
struct Export<'a> {
    today: &'a str,
    min_group_size: u32,
    session_target_percent: f64,
    response_hours: u32,
    cohorts: Vec<CohortExport<'a>>,
}

/// Every cohort's figures as JSON (staff builds).
pub fn metrics_json(program: &Program, all: &[CohortMetrics], today: &str) -> String {
    let export = Export {
        today,
        min_group_size: program.settings.min_group_size,
        session_target_percent: program.settings.session_target_percent,
        response_hours: program.settings.response_hours,
        cohorts: all
            .iter()
            .map(|m| CohortExport {
                id: &program.cohort(m.cohort).key,
                title: &program.cohort(m.cohort).title,
                learners: m.all.learners,
                figures: cohort_rows(program, m),
            })
            .collect(),
    };
    serde_json::to_string(&export).unwrap_or_else(|_| "{}".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(week: u32, numerator: u32, denominator: u32, learners: u32) -> WeekRate {
        WeekRate {
            week,
            rate: Rate {
                numerator,
                denominator,
                learners,
            },
        }
    }

    #[test]
    fn a_week_about_fewer_learners_than_the_minimum_is_withheld_in_public_only() {
        let weeks = [week(1, 9, 10, 5), week(2, 3, 4, 4), week(3, 0, 0, 0)];
        let public = Gate {
            audience: Audience::Public,
            min: 5,
        };
        let staff = Gate {
            audience: Audience::Staff,
            ..public
        };
        assert_eq!(
            weekly_points(&weeks, public),
            [(1, Some(90.0)), (2, None), (3, None)]
        );
        assert_eq!(
            week_rows(&weeks, public),
            [
                vec!["1", "90", "9", "10"],
                vec!["2", WITHHELD, "", ""],
                vec!["3", "–", "0", "0"],
            ]
        );
        assert_eq!(weekly_points(&weeks, staff)[1], (2, Some(75.0)));
        assert_eq!(week_rows(&weeks, staff)[1], ["2", "75", "3", "4"]);
    }

    const PUBLIC: Gate = Gate {
        audience: Audience::Public,
        min: 5,
    };

    #[test]
    fn counts_of_people_and_their_differences_are_none_or_at_least_the_minimum() {
        assert!(PUBLIC.admits(&[0, 5], &[14]));
        assert!(PUBLIC.admits(&[14], &[14]));
        assert!(!PUBLIC.admits(&[3], &[14]), "three people");
        assert!(!PUBLIC.admits(&[12], &[14]), "the two others");
        assert!(!PUBLIC.admits(&[7, 9], &[20]), "the numerator's complement");
        assert!(PUBLIC.admits(&[7, 12], &[20]));
        let staff = Gate {
            audience: Audience::Staff,
            ..PUBLIC
        };
        assert!(staff.admits(&[1, 2], &[3]));
    }

    #[test]
    fn a_share_of_people_goes_whole_or_not_at_all() {
        let share = |numerator, denominator| Rate {
            numerator,
            denominator,
            learners: denominator,
        };
        let (cell, value) = people_share(&share(13, 15), &[16], PUBLIC);
        assert_eq!((cell.text.as_str(), value), (WITHHELD, None));
        let (cell, value) = people_share(&share(5, 12), &[12], PUBLIC);
        assert_eq!(cell.text, "41.7% (5 of 12)");
        assert_eq!((cell.people.as_str(), cell.within.as_str()), ("5 12", "12"));
        assert!(value.is_some());
    }

    #[test]
    fn what_a_split_withholds_adds_up_to_none_or_the_minimum() {
        // 20 learners: 10 active, 7 graduated, 3 paused. The 3 are withheld;
        // shown beside 10 and 20, the 7 would give them away, so it goes too.
        assert_eq!(
            partition(PUBLIC, &[20], &[10, 3, 7, 0]),
            [true, false, false, true]
        );
        // 14: 10 active is within 4 of the whole.
        assert_eq!(
            partition(PUBLIC, &[14], &[10, 2, 0, 2]),
            [false, false, true, false]
        );
    }

    #[test]
    fn the_status_table_shows_counts_of_fewer_than_the_minimum_as_such() {
        let figures = Figures {
            learners: 14,
            statuses: crate::derive::metrics::Statuses {
                active: 10,
                paused: 2,
                graduated: 0,
                withdrawn: 2,
            },
            ..Figures::default()
        };
        let texts: Vec<String> = statuses(&figures, PUBLIC)
            .iter()
            .map(|row| {
                row["value"]["text"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string()
            })
            .collect();
        assert_eq!(texts, ["14", WITHHELD, "fewer than 5", "0", "fewer than 5"]);
    }

    #[test]
    fn a_retention_week_is_held_against_the_weeks_before_it() {
        // 20 matched: 20 of 20, 19 of 20 (one left), 14 of 18, 9 of 14.
        let figures = Figures {
            learners: 20,
            retention: vec![
                week(1, 20, 20, 20),
                week(2, 19, 20, 20),
                week(3, 14, 18, 18),
                week(4, 9, 14, 14),
            ],
            ..Figures::default()
        };
        let (points, rows) = retention(&figures, Some(20), PUBLIC);
        let shown: Vec<bool> = points.iter().map(|(_, v)| v.is_some()).collect();
        // Week 3's 18 followed is 2 short of week 1's 20.
        assert_eq!(shown, [true, false, false, true]);
        assert_eq!(rows[3][2].within, "14 20");
    }

    #[test]
    fn shares_name_what_they_count_when_it_is_not_people() {
        let gate = Gate {
            audience: Audience::Public,
            min: 5,
        };
        let rate = Rate {
            numerator: 59,
            denominator: 62,
            learners: 14,
        };
        assert_eq!(rate_text(&rate, gate), "95.2% (59 of 62)");
        assert_eq!(
            rate_of(&rate, gate, " sessions"),
            "95.2% (59 of 62 sessions)"
        );
        let small = Rate {
            learners: 4,
            ..rate
        };
        assert_eq!(rate_text(&small, gate), "withheld");
    }
}
