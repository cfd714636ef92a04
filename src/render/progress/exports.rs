//! A staff site's figures in full: `metrics.json` and a CSV per cohort.

use super::*;

/// One figure as a row of the staff exports.
#[derive(Serialize)]
pub(super) struct Row {
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
pub(super) fn rounded(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

pub(super) fn rate_row(
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

pub(super) fn average_row(
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

pub(super) fn rows_of(
    program: &Program,
    cut: &'static str,
    group: &str,
    f: &Figures,
    out: &mut Vec<Row>,
) {
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

pub(super) fn cohort_rows(program: &Program, metrics: &CohortMetrics) -> Vec<Row> {
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
pub(super) struct CohortExport<'a> {
    id: &'a str,
    title: &'a str,
    learners: u32,
    figures: Vec<Row>,
}

/// `metrics.json`.
#[derive(Serialize)]
pub(super) struct Export<'a> {
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
