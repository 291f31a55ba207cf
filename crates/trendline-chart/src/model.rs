//! The chart as plain data: everything [`crate::draw`] paints, in plot coordinates.

use trendline_core::dataset::{PointKind, Series, Unit};
use trendline_core::units::{format_days_and_months, tick_label_minutes};
use trendline_core::{Day, Forecast};

/// How values map to the vertical axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YAxis {
    /// Task length in minutes on a log scale: plot `y = log10(minutes)`.
    LogMinutes,
    /// Percent on a linear 0–100 scale: plot `y = percent`.
    Percent,
}

impl YAxis {
    /// Plot coordinate of a data value (`None` when it cannot be shown, e.g. log of 0).
    pub fn to_plot(self, v: f64) -> Option<f64> {
        let y = match self {
            YAxis::LogMinutes if v > 0.0 => v.log10(),
            YAxis::LogMinutes => return None,
            YAxis::Percent => v,
        };
        y.is_finite().then_some(y)
    }

    /// Data value of a plot coordinate.
    pub fn from_plot(self, y: f64) -> f64 {
        match self {
            YAxis::LogMinutes => 10f64.powf(y),
            YAxis::Percent => y,
        }
    }
}

/// Marker shape, by kind of observation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// Measured by the source.
    Circle,
    /// Reported by the developer.
    Square,
    /// With manual validation.
    Triangle,
    /// Known leaked labels.
    Cross,
    /// Superseded aggregation.
    Dot,
}

/// One data point as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct PointMark {
    /// Index into the series' points.
    pub index: usize,
    /// Plot x (day number).
    pub x: f64,
    /// Plot y.
    pub y: f64,
    /// Plot y of the interval ends, if published.
    pub interval: Option<(f64, f64)>,
    /// Shape.
    pub marker: Marker,
    /// Filled (frontier) or hollow.
    pub filled: bool,
    /// Above the series' fit cap (e.g. METR's 16 h reliability ceiling).
    pub above_cap: bool,
    /// Used by the current fit.
    pub fitted: bool,
}

/// How a curve is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CurveStyle {
    /// The fitted trend over the fit window (solid).
    Fit,
    /// The fitted rate continued past the data (thin, dotted).
    FitExtension,
    /// The projection under the reader's assumption (dashed, accent).
    Projection,
}

/// A polyline in plot coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Curve {
    /// Style.
    pub style: CurveStyle,
    /// Vertices `(x, y)` in plot coordinates.
    pub points: Vec<(f64, f64)>,
    /// Legend text.
    pub label: String,
}

/// A labelled horizontal line (milestones, the reliability ceiling).
#[derive(Clone, Debug, PartialEq)]
pub struct HLine {
    /// Plot y.
    pub y: f64,
    /// Label drawn at the line's right end.
    pub label: String,
    /// Drawn as a warning (the reliability ceiling) rather than a milestone.
    pub warning: bool,
}

/// Everything the chart shows, in plot coordinates: pure data, comparable, testable.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartModel {
    /// Vertical axis kind.
    pub y_axis: YAxis,
    /// Horizontal extent (day numbers).
    pub x_range: (f64, f64),
    /// Vertical extent (plot coordinates).
    pub y_range: (f64, f64),
    /// Candidate y ticks `(plot y, label)`; the drawing drops some when space is short.
    pub y_ticks: Vec<(f64, String)>,
    /// Axis titles.
    pub x_title: String,
    /// Vertical axis title.
    pub y_title: String,
    /// Data points.
    pub points: Vec<PointMark>,
    /// Fit, extension and projection curves.
    pub curves: Vec<Curve>,
    /// Milestones and ceilings.
    pub lines: Vec<HLine>,
    /// Legend entries for point styles present `(marker, filled, label)`.
    pub point_legend: Vec<(Marker, bool, bool, String)>,
    /// Title drawn above the plot (exports); `None` on the page, where HTML shows it.
    pub caption: Option<String>,
    /// Lines drawn under the plot (exports: assumptions and source).
    pub footer: Vec<String>,
    /// Draw the legend inside the plot (exports); the page shows it as HTML instead.
    pub legend_in_plot: bool,
    /// Index into `points` of the point under the pointer or keyboard focus, drawn ringed.
    pub highlight: Option<usize>,
}

/// Settings for [`build_model`] that are not part of the forecast.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelOptions {
    /// Last date on the horizontal axis; projections run to it.
    pub end: Day,
    /// Title to draw (exports).
    pub caption: Option<String>,
    /// Footer lines to draw (exports).
    pub footer: Vec<String>,
    /// Draw the legend inside the plot.
    pub legend_in_plot: bool,
}

/// Human tick candidates for durations, in minutes: 1 s … 20 000 h.
const MINUTE_TICKS: [f64; 12] = [
    1.0 / 60.0,
    10.0 / 60.0,
    1.0,
    10.0,
    60.0,
    480.0,
    2400.0,
    10_020.0,
    120_000.0,
    1_200_000.0,
    12_000_000.0,
    120_000_000.0,
];

fn marker_for(kind: PointKind) -> Marker {
    match kind {
        PointKind::Measured => Marker::Circle,
        PointKind::LabReported => Marker::Square,
        PointKind::ManualValidation => Marker::Triangle,
        PointKind::LeakedLabels => Marker::Cross,
        PointKind::Superseded => Marker::Dot,
    }
}

/// Builds the chart for `series` under `forecast`.
///
/// The horizontal axis runs from 4 months before the first point to `opts.end`. On the log
/// axis the vertical range covers every point and interval and the milestones, padded by a
/// factor 2 each way; percent series use 0–100.
pub fn build_model(series: &Series, forecast: &Forecast, opts: &ModelOptions) -> ChartModel {
    let unit = series.meta.unit;
    let y_axis = match unit {
        Unit::Minutes => YAxis::LogMinutes,
        Unit::Percent => YAxis::Percent,
    };
    let first = series
        .points
        .first()
        .map_or(opts.end.x() - 365.0, |p| p.date.x());
    let last = series.points.last().map_or(first, |p| p.date.x());
    let x_range = (first - 120.0, opts.end.x().max(last + 30.0));
    let cap = series.meta.fit_cap;

    let mut points = Vec::with_capacity(series.points.len());
    for (i, p) in series.points.iter().enumerate() {
        let Some(y) = y_axis.to_plot(p.value) else {
            continue;
        };
        let interval = match (p.ci_low, p.ci_high) {
            (Some(lo), Some(hi)) => {
                let lo = y_axis.to_plot(lo).unwrap_or(y);
                y_axis.to_plot(hi).map(|hi| (lo, hi))
            }
            _ => None,
        };
        let fitted = forecast.fit.as_ref().is_ok_and(|f| f.used.contains(&i));
        points.push(PointMark {
            index: i,
            x: p.date.x(),
            y,
            interval,
            marker: marker_for(p.kind),
            filled: p.frontier,
            above_cap: cap.is_some_and(|c| p.value > c),
            fitted,
        });
    }

    let mut lines = Vec::new();
    let mut y_ticks = Vec::new();
    let y_range = match y_axis {
        YAxis::LogMinutes => {
            for m in &forecast.milestones {
                lines.push(HLine {
                    y: m.milestone.minutes().log10(),
                    label: format!("{} ({} h)", m.milestone.label, m.milestone.hours),
                    warning: false,
                });
            }
            if let Some(c) = cap {
                lines.push(HLine {
                    y: c.log10(),
                    label: format!("{} reliability ceiling", tick_label_minutes(c)),
                    warning: true,
                });
            }
            let mut lo = f64::INFINITY;
            let mut hi = f64::NEG_INFINITY;
            for p in &points {
                let (a, b) = p.interval.unwrap_or((p.y, p.y));
                lo = lo.min(a.min(p.y));
                hi = hi.max(b.max(p.y));
            }
            for l in &lines {
                hi = hi.max(l.y);
                lo = lo.min(l.y);
            }
            if !lo.is_finite() {
                (lo, hi) = (0.0, 5.0);
            }
            let range = (lo - 2f64.log10(), hi + 2f64.log10());
            for &m in &MINUTE_TICKS {
                let y = m.log10();
                if y >= range.0 && y <= range.1 {
                    y_ticks.push((y, tick_label_minutes(m)));
                }
            }
            range
        }
        YAxis::Percent => {
            for v in (0..=100).step_by(20) {
                y_ticks.push((f64::from(v), format!("{v}%")));
            }
            (0.0, 100.0)
        }
    };

    let mut curves = Vec::new();
    if let Ok(fit) = &forecast.fit {
        let (a, b) = (fit.span.0.x(), fit.span.1.x());
        let to_plot = |log2v: f64| y_axis.to_plot(log2v.exp2());
        if let (Some(ya), Some(yb)) = (to_plot(fit.line.at(a)), to_plot(fit.line.at(b))) {
            let label = match forecast.fitted_doubling {
                Some(t) => format!(
                    "Fitted trend (OLS, n = {}): doubles every {}",
                    fit.line.n,
                    format_days_and_months(t)
                ),
                None => format!("Fitted trend (OLS, n = {})", fit.line.n),
            };
            curves.push(Curve {
                style: CurveStyle::Fit,
                points: vec![(a, ya), (b, yb)],
                label,
            });
        }
        let end = x_range.1;
        let project = |p: &trendline_core::Projection| -> Vec<(f64, f64)> {
            [p.anchor_x, end]
                .iter()
                .filter_map(|&x| to_plot(p.log2_at(x)).map(|y| (x, y)))
                .collect()
        };
        let same = forecast.assumed_doubling == forecast.fitted_doubling;
        if let (Some(p), false) = (&forecast.fitted_projection, same) {
            curves.push(Curve {
                style: CurveStyle::FitExtension,
                points: project(p),
                label: "Fitted rate continued".into(),
            });
        }
        if let (Some(p), Some(t)) = (&forecast.projection, forecast.assumed_doubling) {
            let label = if same {
                format!(
                    "Projection at the fitted rate ({})",
                    format_days_and_months(t)
                )
            } else {
                format!(
                    "Projection if it doubles every {}",
                    format_days_and_months(t)
                )
            };
            curves.push(Curve {
                style: CurveStyle::Projection,
                points: project(p),
                label,
            });
        }
    }

    let mut point_legend = Vec::new();
    let has = |f: &dyn Fn(&PointMark) -> bool| points.iter().any(f);
    let frontier_label = if series.meta.frontier_rule.contains("is_sota") {
        "Frontier model (METR is_sota)"
    } else {
        "Frontier (best so far)"
    };
    if has(&|p| p.marker == Marker::Circle && p.filled && !p.above_cap) {
        point_legend.push((Marker::Circle, true, false, frontier_label.to_string()));
    }
    if has(&|p| p.marker == Marker::Circle && !p.filled && !p.above_cap) {
        point_legend.push((Marker::Circle, false, false, "Other model".to_string()));
    }
    for (marker, kind) in [
        (Marker::Square, PointKind::LabReported),
        (Marker::Triangle, PointKind::ManualValidation),
        (Marker::Cross, PointKind::LeakedLabels),
        (Marker::Dot, PointKind::Superseded),
    ] {
        if has(&|p| p.marker == marker) {
            let mut l = kind.label().to_string();
            if let Some(c) = l.get_mut(0..1) {
                c.make_ascii_uppercase();
            }
            point_legend.push((marker, false, false, format!("{l} (not fitted)")));
        }
    }
    if let Some(c) = cap.filter(|_| has(&|p| p.above_cap)) {
        point_legend.push((
            Marker::Circle,
            true,
            true,
            format!("Above {} (not fitted)", tick_label_minutes(c)),
        ));
    }

    ChartModel {
        y_axis,
        x_range,
        y_range,
        y_ticks,
        x_title: format!("Date ({})", short_date_meaning(&series.meta.date_meaning)),
        y_title: match unit {
            Unit::Minutes => "Task length (human time, log scale)".into(),
            Unit::Percent => "Score (%)".into(),
        },
        points,
        curves,
        lines,
        point_legend,
        caption: opts.caption.clone(),
        footer: opts.footer.clone(),
        legend_in_plot: opts.legend_in_plot,
        highlight: None,
    }
}

fn short_date_meaning(s: &str) -> &str {
    s.split(" (").next().unwrap_or(s)
}
