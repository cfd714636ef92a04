//! Progress charts, drawn as SVG with `plotters`.
//!
//! Charts are drawn at phone width (a 360 px view box, 14 px text) and scale
//! up on wider screens, so their text is readable on a phone and never
//! smaller than there. They sit on a white card in light and dark mode
//! alike: every colour below is checked against white (text 4.5:1, marks
//! 3:1), and series are told apart by markers and labels, not colour.
//!
//! plotters is built without a font backend: it estimates text extents from
//! the character count, and the SVG names a generic family that the reader's
//! browser resolves. Drawing therefore never loads a font, and the same data
//! gives the same bytes on any machine.
//!
//! Each chart is an image (`role="img"`) with a `<title>` and a `<desc>`
//! that says what it shows in words; the page puts the same numbers in a
//! table next to it.

use std::fmt::Write as _;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::locale::Locale;
use super::pages::escape;

/// Width of every chart's view box: a phone's screen.
pub const WIDTH: u32 = 360;

const TEXT: RGBColor = RGBColor(0x1f, 0x23, 0x28);
const AXIS: RGBColor = RGBColor(0x57, 0x60, 0x6a);
const GRID: RGBColor = RGBColor(0xd8, 0xde, 0xe4);
const SERIES: RGBColor = RGBColor(0x0b, 0x5c, 0xad);
const TARGET: RGBColor = RGBColor(0xa3, 0x40, 0x00);

/// The family the SVG names; the page's CSS may set another.
const FAMILY: &str = "sans-serif";

/// A text style of `px` CSS pixels (plotters divides sizes by 1.24).
fn font(px: f64) -> TextStyle<'static> {
    (FAMILY, px * 1.24).into_font().color(&TEXT)
}

/// A chart of one value per week (or per step), as a line or as bars.
#[derive(Debug)]
pub struct Weekly<'a> {
    /// Unique on its page; prefixes the ids of title and description.
    pub id: &'a str,
    /// What the chart shows.
    pub title: &'a str,
    /// The horizontal axis, with its unit.
    pub x_label: &'a str,
    /// The vertical axis, with its unit.
    pub y_label: &'a str,
    /// Range of the vertical axis.
    pub y_range: (f64, f64),
    /// Unit written after values in the description, e.g. `%`.
    pub unit: &'a str,
    /// Step number and value; `None` where there is nothing to draw
    /// (no data, or withheld).
    pub points: &'a [(u32, Option<f64>)],
    /// A target drawn as a labelled line.
    pub target: Option<f64>,
    /// Bars instead of a line.
    pub bars: bool,
    /// How values are written.
    pub locale: &'a Locale,
}

impl Weekly<'_> {
    /// A value with the chart's unit: "85%", "85 %", "3.5".
    fn written(&self, value: f64) -> String {
        if self.unit == "%" {
            self.locale.percent(value)
        } else {
            format!("{}{}", self.locale.number(value), self.unit)
        }
    }
}

/// A chart of one value per named category, as labelled horizontal bars.
#[derive(Debug)]
pub struct Bands<'a> {
    /// Unique on its page.
    pub id: &'a str,
    /// What the chart shows.
    pub title: &'a str,
    /// The value axis, with its unit.
    pub x_label: &'a str,
    /// Largest value of the axis.
    pub max: f64,
    /// Category, value (`None` when withheld) and the value as written.
    pub bars: &'a [(String, Option<f64>, String)],
    /// How the axis writes values.
    pub locale: &'a Locale,
}

/// Why a chart could not be drawn.
pub type ChartError = String;

fn failed<E: std::fmt::Debug>(error: E) -> ChartError {
    format!("cannot draw a chart: {error:?}")
}

/// Draws a weekly chart.
pub fn weekly(chart: &Weekly<'_>) -> Result<String, ChartError> {
    let height = 250;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(failed)?;
        draw_weekly(&root, chart)?;
        root.present().map_err(failed)?;
    }
    Ok(finish(&svg, chart.id, chart.title, &weekly_desc(chart)))
}

fn draw_weekly(
    root: &DrawingArea<SVGBackend<'_>, Shift>,
    chart: &Weekly<'_>,
) -> Result<(), ChartError> {
    let last = chart
        .points
        .iter()
        .map(|(x, _)| *x)
        .max()
        .unwrap_or(1)
        .max(1);
    let (low, high) = chart.y_range;
    let mut plot = ChartBuilder::on(root)
        .caption(chart.title, font(15.0))
        .margin(10)
        // Room on the right for the target's label.
        .margin_right(if chart.target.is_some() { 54 } else { 16 })
        .x_label_area_size(44)
        .y_label_area_size(52)
        .build_cartesian_2d(0.5f64..f64::from(last) + 0.5, low..high)
        .map_err(failed)?;
    let step = (last as usize).div_ceil(8).max(1);
    let x_format = |x: &f64| {
        let n = x.round() as usize;
        if (x - x.round()).abs() < 1e-9 && (n == 1 || n.is_multiple_of(step)) {
            n.to_string()
        } else {
            String::new()
        }
    };
    let y_format = |y: &f64| chart.locale.number(*y);
    plot.configure_mesh()
        .x_desc(chart.x_label)
        .y_desc(chart.y_label)
        .axis_desc_style(font(14.0))
        .label_style(font(13.0))
        .axis_style(AXIS)
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .disable_x_mesh()
        .x_labels(last as usize)
        .y_labels(6)
        .x_label_formatter(&x_format)
        .y_label_formatter(&y_format)
        .draw()
        .map_err(failed)?;
    let points: Vec<(f64, f64)> = chart
        .points
        .iter()
        .filter_map(|(x, y)| y.map(|y| (f64::from(*x), y)))
        .collect();
    if chart.bars {
        plot.draw_series(
            points
                .iter()
                .map(|(x, y)| Rectangle::new([(x - 0.38, low), (x + 0.38, *y)], SERIES.filled())),
        )
        .map_err(failed)?;
    } else {
        // A line joins only consecutive weeks: a gap (withheld or no
        // data) stays a gap rather than a line across it.
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut previous: Option<u32> = None;
        for (x, y) in chart.points {
            match y {
                Some(y) => {
                    if previous.is_none_or(|p| p + 1 != *x) || runs.is_empty() {
                        runs.push(Vec::new());
                    }
                    if let Some(run) = runs.last_mut() {
                        run.push((f64::from(*x), *y));
                    }
                    previous = Some(*x);
                }
                None => previous = None,
            }
        }
        for run in runs {
            plot.draw_series(LineSeries::new(run, SERIES.stroke_width(2)))
                .map_err(failed)?;
        }
        plot.draw_series(points.iter().map(|p| Circle::new(*p, 3, SERIES.filled())))
            .map_err(failed)?;
    }
    if let Some(target) = chart.target {
        let ends = [(0.5, target), (f64::from(last) + 0.5, target)];
        plot.draw_series(LineSeries::new(ends, TARGET.stroke_width(2)))
            .map_err(failed)?;
        // Beside the plot, where no bar can cover it.
        let (x, y) = plot.backend_coord(&(f64::from(last) + 0.5, target));
        let style = font(13.0).color(&TARGET);
        root.draw(&Text::new(
            "target",
            (x + 4, y),
            style.pos(Pos::new(HPos::Left, VPos::Bottom)),
        ))
        .map_err(failed)?;
        root.draw(&Text::new(
            chart.written(target),
            (x + 4, y + 2),
            style.pos(Pos::new(HPos::Left, VPos::Top)),
        ))
        .map_err(failed)?;
    }
    Ok(())
}

/// Draws labelled horizontal bars, one band per category: the label above
/// its bar, the value at the bar's end.
pub fn bands(chart: &Bands<'_>) -> Result<String, ChartError> {
    let band = 44;
    let rows = chart.bars.len().max(1) as u32;
    let height = 40 + band * rows + 48;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(failed)?;
        let max = if chart.max > 0.0 { chart.max } else { 1.0 };
        let mut plot = ChartBuilder::on(&root)
            .caption(chart.title, font(15.0))
            .margin(10)
            .margin_right(16)
            .x_label_area_size(44)
            .y_label_area_size(4)
            // Room after the longest bar for its value.
            .build_cartesian_2d(0f64..max * 1.3, 0f64..f64::from(rows))
            .map_err(failed)?;
        let x_format = |x: &f64| {
            if *x <= max + 1e-9 {
                chart.locale.number(*x)
            } else {
                String::new()
            }
        };
        plot.configure_mesh()
            .x_desc(chart.x_label)
            .axis_desc_style(font(14.0))
            .label_style(font(13.0))
            .axis_style(AXIS)
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(5)
            .x_label_formatter(&x_format)
            .draw()
            .map_err(failed)?;
        for (i, (label, value, written)) in chart.bars.iter().enumerate() {
            let top = f64::from(rows) - i as f64;
            plot.draw_series(std::iter::once(Text::new(
                label.clone(),
                (max * 0.01, top - 0.04),
                font(13.0).pos(Pos::new(HPos::Left, VPos::Top)),
            )))
            .map_err(failed)?;
            let (bar_low, bar_high) = (top - 0.88, top - 0.5);
            if let Some(value) = value {
                plot.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, bar_low), (*value, bar_high)],
                    SERIES.filled(),
                )))
                .map_err(failed)?;
            }
            plot.draw_series(std::iter::once(Text::new(
                written.clone(),
                (
                    value.unwrap_or(0.0) + max * 0.02,
                    (bar_low + bar_high) / 2.0,
                ),
                font(13.0).pos(Pos::new(HPos::Left, VPos::Center)),
            )))
            .map_err(failed)?;
        }
        root.present().map_err(failed)?;
    }
    let described: Vec<String> = chart
        .bars
        .iter()
        .map(|(label, _, written)| format!("{label}: {written}"))
        .collect();
    let desc = format!("{}. {}.", chart.x_label, described.join("; "));
    Ok(finish(&svg, chart.id, chart.title, &desc))
}

/// The text alternative of a weekly chart: its range, its lowest and
/// highest points, and the target.
fn weekly_desc(chart: &Weekly<'_>) -> String {
    let shown: Vec<(u32, f64)> = chart
        .points
        .iter()
        .filter_map(|(x, y)| y.map(|y| (*x, y)))
        .collect();
    let mut desc = format!(
        "{} against {}. ",
        chart.y_label,
        chart.x_label.to_lowercase()
    );
    match (shown.first(), shown.last()) {
        (Some(first), Some(last)) => {
            let _ = write!(
                desc,
                "{} values, from {} at {} to {} at {}.",
                shown.len(),
                chart.written(first.1),
                first.0,
                chart.written(last.1),
                last.0
            );
            let low = shown.iter().min_by(|a, b| a.1.total_cmp(&b.1));
            let high = shown.iter().max_by(|a, b| a.1.total_cmp(&b.1));
            if let (Some(low), Some(high)) = (low, high) {
                let _ = write!(
                    desc,
                    " Lowest {} (at {}), highest {} (at {}).",
                    chart.written(low.1),
                    low.0,
                    chart.written(high.1),
                    high.0
                );
            }
        }
        _ => desc.push_str("No values to show."),
    }
    if let Some(target) = chart.target {
        let below = shown.iter().filter(|(_, y)| *y < target).count();
        let _ = write!(
            desc,
            " Target {}; {below} of {} below it.",
            chart.written(target),
            shown.len()
        );
    }
    desc
}

/// How every chart's root element begins, so a build can count the charts
/// its pages carry.
pub const CHART_START: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" "#;

/// Turns plotters' document into an accessible, scalable image: its fixed
/// size is replaced by the view box alone, and a title and description
/// come first.
fn finish(svg: &str, id: &str, title: &str, desc: &str) -> String {
    let body = svg.find('>').map_or(svg, |end| &svg[end + 1..]);
    let view_box = svg
        .find("viewBox=\"")
        .and_then(|start| {
            let rest = &svg[start + 9..];
            rest.find('"').map(|end| &rest[..end])
        })
        .unwrap_or("0 0 360 250");
    format!(
        r#"{CHART_START}viewBox="{view_box}" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}"#,
        id = escape(id),
        title = escape(title),
        desc = escape(desc),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(svg: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"))
    }

    fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text().map(|t| t.trim().to_string()))
            .collect()
    }

    const POINTS: [(u32, Option<f64>); 4] = [
        (1, Some(100.0)),
        (2, Some(75.0)),
        (3, None),
        (4, Some(50.0)),
    ];

    fn sessions(bars: bool) -> String {
        weekly(&Weekly {
            id: "sessions",
            title: "Sessions held <each> week",
            x_label: "Cohort week",
            y_label: "Held (%)",
            y_range: (0.0, 100.0),
            unit: "%",
            points: &POINTS,
            target: Some(85.0),
            bars,
            locale: Locale::ENGLISH,
        })
        .unwrap()
    }

    #[test]
    fn a_weekly_chart_is_well_formed_named_and_labelled() {
        for bars in [true, false] {
            let svg = sessions(bars);
            let doc = parse(&svg);
            let root = doc.root_element();
            assert_eq!(root.attribute("role"), Some("img"));
            assert_eq!(root.attribute("viewBox"), Some("0 0 360 250"));
            assert_eq!(root.attribute("width"), None, "scales with its container");
            let title = root.first_element_child().and_then(|n| n.text());
            assert_eq!(title, Some("Sessions held <each> week"));
            let texts = texts(&doc);
            for expected in ["Cohort week", "Held (%)", "target", "85%", "100", "4"] {
                assert!(
                    texts.iter().any(|t| t == expected),
                    "{expected} in {texts:?}"
                );
            }
        }
    }

    #[test]
    fn the_description_says_what_the_chart_shows() {
        let svg = sessions(true);
        let doc = parse(&svg);
        let desc = doc
            .descendants()
            .find(|n| n.has_tag_name("desc"))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string();
        assert_eq!(
            desc,
            "Held (%) against cohort week. 3 values, from 100% at 1 to 50% at 4. \
             Lowest 50% (at 4), highest 100% (at 1). Target 85%; 2 of 3 below it."
        );
    }

    #[test]
    fn a_missing_week_draws_no_mark() {
        let svg = sessions(true);
        let doc = parse(&svg);
        // Background, plot area and three bars are filled with the series
        // colour only for the bars.
        let bars = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#0B5CAD"))
            .count();
        assert_eq!(bars, 3, "{svg}");
    }

    #[test]
    fn bands_put_each_label_and_value_in_text() {
        let bars = [
            ("Intake".to_string(), Some(14.0), "14".to_string()),
            ("Graduated".to_string(), None, "withheld".to_string()),
        ];
        let svg = bands(&Bands {
            id: "funnel",
            title: "Journey funnel",
            x_label: "Learners",
            max: 14.0,
            bars: &bars,
            locale: Locale::ENGLISH,
        })
        .unwrap();
        let doc = parse(&svg);
        let texts = texts(&doc);
        for expected in [
            "Journey funnel",
            "Intake",
            "14",
            "Graduated",
            "withheld",
            "Learners",
        ] {
            assert!(
                texts.iter().any(|t| t == expected),
                "{expected} in {texts:?}"
            );
        }
        assert!(svg.contains(
            "<desc id=\"funnel-desc\">Learners. Intake: 14; Graduated: withheld.</desc>"
        ));
    }

    #[test]
    fn drawing_names_a_generic_family_and_loads_no_font() {
        // Built without a font backend, plotters cannot read a font file:
        // the text is laid out from character counts, so the same data
        // draws the same bytes whatever fonts the machine has.
        let svg = sessions(false);
        assert_eq!(svg, sessions(false));
        let doc = parse(&svg);
        let families: std::collections::BTreeSet<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("font-family"))
            .collect();
        assert_eq!(families.into_iter().collect::<Vec<_>>(), [FAMILY]);
    }
}
