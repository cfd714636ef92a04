//! The progress figures as readers see them: charts with their tables on
//! each cohort page, the cohorts side by side, and for staff the figures as
//! `metrics.json` and one CSV per cohort.
//!
//! A public build withholds every figure, chart point and bar computed over
//! fewer learners than the program's minimum group size, and says so where
//! it would have been; a count of people (a funnel stage) is withheld when
//! it is between one and the minimum. A staff build shows everything.

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

    /// Whether a count of people may be shown.
    fn shows_count(&self, count: u32) -> bool {
        self.audience == Audience::Staff || count == 0 || count >= self.min
    }

    /// Why figures are missing, for the page.
    pub fn reason(&self) -> String {
        format!(
            "Withheld: fewer than {} learners. Figures about smaller groups are not published, because they could identify someone.",
            self.min
        )
    }
}

/// The word a page writes for a withheld figure.
const WITHHELD: &str = "withheld";

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
fn headline(program: &Program, figures: &Figures, gate: Gate) -> Vec<(&'static str, String)> {
    let target = program.settings.session_target_percent;
    vec![
        (
            "Completion rate (graduated of matched)",
            rate_text(&figures.completion, gate),
        ),
        (
            "Sessions held (weekly target)",
            format!(
                "{} (target {}%)",
                rate_of(&figures.sessions, gate, " sessions"),
                format_value(target)
            ),
        ),
        (
            "Attendance at held sessions",
            rate_text(&figures.attendance, gate),
        ),
        ("Artifacts handed in", rate_text(&figures.artifacts, gate)),
        (
            "Median days to first session",
            average_text(&figures.first_session, " days", gate),
        ),
        (
            "Median days to first win",
            average_text(&figures.first_win, " days", gate),
        ),
        ("Withdrawn", rate_text(&figures.dropout.withdrawn, gate)),
        (
            "Withdrawals within the first three sessions",
            rate_text(&figures.dropout.early, gate),
        ),
        (
            "Median days to withdraw",
            average_text(&figures.dropout.days, " days", gate),
        ),
        (
            "Median days to competence",
            average_text(&figures.competence, " days", gate),
        ),
        (
            "Requests answered in time",
            format!(
                "{} (within {} h)",
                rate_text(&figures.response, gate),
                program.settings.response_hours
            ),
        ),
        (
            "Sentiment after a session (mean change, 1–5 scale)",
            signed(&figures.sentiment, gate),
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

/// A chart with its table, ready for the template.
struct ChartView {
    id: String,
    title: String,
    svg: String,
    note: String,
    columns: Vec<&'static str>,
    rows: Vec<Vec<String>>,
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

/// A line chart of a weekly share in percent, with its table.
fn share_line(
    id: &str,
    title: &'static str,
    (x_label, y_label): (&str, &str),
    columns: Vec<&'static str>,
    weeks: &[WeekRate],
    gate: Gate,
) -> ChartView {
    let points = weekly_points(weeks, gate);
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
        rows: week_rows(weeks, gate),
    }
}

fn charts(program: &Program, prefix: &str, figures: &Figures, gate: Gate) -> Vec<Value> {
    let mut out = Vec::new();

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
        &figures.module_completion,
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
        rows,
    });

    let stages: Vec<(String, Option<f64>, String)> = figures
        .funnel
        .iter()
        .map(|s| {
            let name = program.stage(s.stage).title.clone();
            if gate.shows(figures.learners) && gate.shows_count(s.reached) {
                (name, Some(f64::from(s.reached)), s.reached.to_string())
            } else {
                (name, None, WITHHELD.to_string())
            }
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
                max: f64::from(figures.learners),
                bars: &stages,
            }),
            shown,
        ),
        note: if stages.iter().any(|(_, v, _)| v.is_none()) && gate.audience == Audience::Public {
            format!(
                "Counts from 1 to {} are withheld.",
                gate.min.saturating_sub(1)
            )
        } else {
            String::new()
        },
        columns: vec!["Stage", "Learners who reached it"],
        rows: stages
            .iter()
            .map(|(n, _, t)| vec![n.clone(), t.clone()])
            .collect(),
    });

    out.push(share_line(
        &format!("{prefix}retention"),
        "Retention after the match",
        (
            "Week since match (1 = week of the match)",
            "Still in the programme (%)",
        ),
        vec!["Week since match", "Still in (%)", "Still in", "Followed"],
        &figures.retention,
        gate,
    ));

    let outcomes: Vec<(String, Option<f64>, String)> = figures
        .outcomes
        .iter()
        .map(|o| {
            (
                program.outcomes[o.outcome.index()].title.clone(),
                percent(&o.rate, gate),
                rate_text(&o.rate, gate),
            )
        })
        .collect();
    let shown = outcomes.iter().any(|(_, v, _)| v.is_some());
    let outcome_bars = on_bars(&outcomes);
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
            .iter()
            .map(|(n, _, t)| vec![n.clone(), t.clone()])
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
        rows: confidence_rows(&figures.confidence, gate),
    });
    out.into_iter().map(ChartView::value).collect()
}

fn confidence_rows(weeks: &[WeekAverage], gate: Gate) -> Vec<Vec<String>> {
    weeks
        .iter()
        .map(|w| match w.average.value {
            Some(v) if gate.shows(w.average.learners) => {
                vec![
                    w.week.to_string(),
                    format!("{v:.2}"),
                    w.average.learners.to_string(),
                ]
            }
            None => vec![w.week.to_string(), "–".into(), "0".into()],
            Some(_) => vec![w.week.to_string(), WITHHELD.into(), String::new()],
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
        return json!({ "withheld": gate.reason(), "summary": [], "charts": [], "cuts": [] });
    }
    let summary: Vec<Value> = headline(program, figures, gate)
        .into_iter()
        .map(|(label, value)| json!({ "label": label, "value": value }))
        .collect();
    let mut unnamed = 0;
    let mut cuts = Vec::new();
    let labels: Vec<&str> = headline(program, figures, gate)
        .iter()
        .map(|(l, _)| *l)
        .collect();
    let mentor_rows: Vec<Value> = metrics
        .by_mentor
        .iter()
        .map(|(mentor, f)| {
            let name = mentor_label(program, *mentor, gate.audience, &mut unnamed);
            cut_row(program, name, f, gate)
        })
        .collect();
    cuts.push(json!({ "id": "mentor", "title": "By mentor", "caption": "Key figures by the learners' current mentor", "columns": labels, "rows": mentor_rows }));
    let path_rows: Vec<Value> = metrics
        .by_path
        .iter()
        .map(|(path, f)| cut_row(program, program.path(*path).title.clone(), f, gate))
        .collect();
    cuts.push(json!({ "id": "path", "title": "By path", "caption": "Key figures by learning path", "columns": labels, "rows": path_rows }));
    json!({
        "withheld": "",
        "summary": summary,
        "charts": charts(program, "", figures, gate),
        "cuts": cuts,
    })
}

fn cut_row(program: &Program, name: String, figures: &Figures, gate: Gate) -> Value {
    let shown = gate.shows(figures.learners);
    let values: Vec<String> = if shown {
        headline(program, figures, gate)
            .into_iter()
            .map(|(_, v)| v)
            .collect()
    } else {
        Vec::new()
    };
    json!({
        "name": name,
        "learners": if shown { figures.learners.to_string() } else { format!("fewer than {}", gate.min) },
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
            headline(program, &m.all, gate)
                .iter()
                .map(|(l, _)| *l)
                .collect()
        })
        .unwrap_or_default();
    let rows: Vec<Value> = all
        .iter()
        .map(|m| {
            let mut row = cut_row(
                program,
                program.cohort(m.cohort).title.clone(),
                &m.all,
                gate,
            );
            if let Value::Object(map) = &mut row {
                map.insert("url".into(), json!(cohort_url(m.cohort)));
            }
            row
        })
        .collect();
    let bars = |rate: fn(&Figures) -> &Rate, things: &str| -> Vec<(String, Option<f64>, String)> {
        all.iter()
            .map(|m| {
                let title = program.cohort(m.cohort).title.clone();
                let shown = gate.shows(m.all.learners);
                let r = rate(&m.all);
                (
                    title,
                    if shown { percent(r, gate) } else { None },
                    if shown {
                        rate_of(r, gate, things)
                    } else {
                        WITHHELD.into()
                    },
                )
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
            "",
        ),
        (
            "compare-sessions",
            "Sessions held by cohort",
            "Sessions held (%)",
            |f: &Figures| &f.sessions,
            " sessions",
        ),
        (
            "compare-attendance",
            "Attendance by cohort",
            "Attended of invited (%)",
            |f: &Figures| &f.attendance,
            "",
        ),
    ] {
        let data = bars(rate, things);
        let shown = data.iter().any(|(_, v, _)| v.is_some());
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
                        bars: &on_bars(&data),
                    }),
                    shown,
                ),
                note: if shown { String::new() } else { gate.reason() },
                columns: vec!["Cohort", "Value"],
                rows: data
                    .iter()
                    .map(|(n, _, t)| vec![n.clone(), t.clone()])
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
