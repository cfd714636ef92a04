//! The charts of a cohort page, each with its table and what it withholds.

use super::*;

/// A chart with its table, ready for the template.
pub(super) struct ChartView {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) svg: String,
    pub(super) note: String,
    pub(super) columns: Vec<&'static str>,
    pub(super) rows: Vec<Vec<Cell>>,
}

impl ChartView {
    pub(super) fn value(self) -> Value {
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
pub(super) fn text_rows(rows: Vec<Vec<String>>) -> Vec<Vec<Cell>> {
    rows.into_iter()
        .map(|row| row.into_iter().map(Cell::text).collect())
        .collect()
}

pub(super) fn weekly_points(weeks: &[WeekRate], gate: Gate) -> Vec<(u32, Option<f64>)> {
    weeks
        .iter()
        .map(|w| (w.week, percent(&w.rate, gate)))
        .collect()
}

pub(super) fn week_rows(weeks: &[WeekRate], gate: Gate) -> Vec<Vec<String>> {
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
                        .map(|v| gate.locale.number(v))
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

pub(super) fn note_for(points: &[(u32, Option<f64>)], any_data: bool, gate: Gate) -> String {
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
pub(super) fn on_bars(
    bars: &[(String, Option<f64>, String)],
    locale: &Locale,
) -> Vec<(String, Option<f64>, String)> {
    bars.iter()
        .map(|(name, value, written)| {
            let short = value.map_or_else(|| written.clone(), |v| locale.percent(v));
            (name.clone(), *value, short)
        })
        .collect()
}

/// Draws a chart, or explains in its place why there is none.
pub(super) fn draw(result: Result<String, String>, shown: bool) -> String {
    match (shown, result) {
        (true, Ok(svg)) => svg,
        (true, Err(problem)) => format!("<p>{}</p>", escape(&problem)),
        (false, _) => String::new(),
    }
}

/// A weekly figure: its chart's points, and its table's rows.
type Weeks = (Vec<(u32, Option<f64>)>, Vec<Vec<Cell>>);

/// A line chart of a weekly share in percent, with its table.
pub(super) fn share_line(
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
                locale: gate.locale,
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
pub(super) fn retention(figures: &Figures, matched: Option<u32>, gate: Gate) -> Weeks {
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
                    Cell::text(gate.locale.number(p)),
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

pub(super) fn charts(program: &Program, prefix: &str, figures: &Figures, gate: Gate) -> Vec<Value> {
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
            Some(p) => gate.locale.number(p),
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
                locale: gate.locale,
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
                locale: gate.locale,
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
    let outcome_bars = on_bars(&bars, gate.locale);
    let title = "Outcome attainment";
    out.push(ChartView {
        id: format!("{prefix}outcomes"),
        title: title.into(),
        svg: draw(
            charts::bands(&Bands {
                locale: gate.locale,
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
                locale: gate.locale,
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
pub(super) fn confidence_rows(weeks: &[WeekAverage], size: u32, gate: Gate) -> Vec<Vec<Cell>> {
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
                    vec![week, Cell::text(gate.locale.decimal(v, 2)), count]
                }
                None => vec![week, Cell::text("–"), Cell::text("0")],
                Some(_) => vec![week, Cell::text(WITHHELD), Cell::text("")],
            }
        })
        .collect()
}

/// How a mentor is named in a cut: by name where the audience may see
/// them, otherwise by a number that says nothing about who they are.
pub(super) fn mentor_label(
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
