//! The chart as plain data: everything [`crate::draw`] paints, in plot coordinates.

use trendline_core::dataset::{PointKind, Unit};
use trendline_core::forecast::BandHit;
use trendline_core::units::{format_days_and_months, tick_label_minutes};
use trendline_core::{Day, Family, Forecast, Projection};

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
    /// Above the fit's cap (e.g. METR's 16 h reliability ceiling).
    pub above_cap: bool,
    /// Used by the current fit.
    pub fitted: bool,
    /// Left out of the fit by the reader.
    pub dropped: bool,
    /// Where the point landed in the as-of fan, for points after the as-of date.
    pub hit: Option<BandHit>,
}

/// How a curve is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CurveStyle {
    /// The fitted trend over the fit window (solid).
    Fit,
    /// The fitted curve continued past the data (thin, dotted).
    FitExtension,
    /// The projection under the reader's assumptions (dashed, accent).
    Projection,
    /// The median of the Monte Carlo draws (thin, dotted, accent).
    FanMedian,
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

/// A shaded band between two polylines with the same `x`s (Monte Carlo percentiles).
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// `(x, lower y, upper y)` in plot coordinates, clamped to the plot.
    pub rows: Vec<(f64, f64, f64)>,
    /// 80 (10th–90th percentile) or 95 (2.5th–97.5th).
    pub level: u8,
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

/// A labelled vertical line (the as-of date, a singularity).
#[derive(Clone, Debug, PartialEq)]
pub struct VLine {
    /// Plot x.
    pub x: f64,
    /// Label drawn at the top.
    pub label: String,
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
    /// Monte Carlo bands, widest first.
    pub bands: Vec<Band>,
    /// Milestones and ceilings.
    pub lines: Vec<HLine>,
    /// As-of date and singularity markers.
    pub vlines: Vec<VLine>,
    /// Legend entries for point styles present `(marker, filled, above cap, label)`.
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

impl ChartModel {
    /// Whether `self` and `other` paint the same [`crate::Layer::Base`]: everything but the bands,
    /// projections, vertical markers and highlight is equal.
    pub fn same_base(&self, other: &ChartModel) -> bool {
        let fits = |m: &ChartModel| {
            m.curves
                .iter()
                .filter(|c| c.style == CurveStyle::Fit)
                .cloned()
                .collect::<Vec<_>>()
        };
        self.y_axis == other.y_axis
            && self.x_range == other.x_range
            && self.y_range == other.y_range
            && self.y_ticks == other.y_ticks
            && self.x_title == other.x_title
            && self.y_title == other.y_title
            && self.points == other.points
            && self.lines == other.lines
            && self.point_legend == other.point_legend
            && self.caption == other.caption
            && self.footer == other.footer
            && self.legend_in_plot == other.legend_in_plot
            && fits(self) == fits(other)
    }
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

/// Human tick candidates for durations, in minutes: 1 s … 2 000 000 h.
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

/// Samples per projected curve.
const CURVE_SAMPLES: usize = 96;

fn marker_for(kind: PointKind) -> Marker {
    match kind {
        PointKind::Measured => Marker::Circle,
        PointKind::LabReported => Marker::Square,
        PointKind::ManualValidation => Marker::Triangle,
        PointKind::LeakedLabels => Marker::Cross,
        PointKind::Superseded => Marker::Dot,
    }
}

/// Samples `y_of(x)` on `[a, b]` in plot coordinates, stopping where the curve leaves the
/// drawable range (a singularity, or far above the plot).
fn sample(
    a: f64,
    b: f64,
    top: f64,
    straight: bool,
    y_of: impl Fn(f64) -> Option<f64>,
) -> Vec<(f64, f64)> {
    let steps = if straight { 1 } else { CURVE_SAMPLES };
    let mut out = Vec::with_capacity(steps + 1);
    if a.is_nan() || b.is_nan() || b <= a {
        return out;
    }
    for k in 0..=steps {
        let x = a + (b - a) * k as f64 / steps as f64;
        match y_of(x) {
            Some(y) if y.is_finite() => {
                out.push((x, y));
                if y > top {
                    break;
                }
            }
            _ => break,
        }
    }
    out
}

/// Builds the chart for `forecast` (its series is the one fitted).
///
/// The horizontal axis runs from 4 months before the first point to `opts.end`. On the log
/// axis the vertical range covers every point and interval and the milestones, padded by a
/// factor 2 each way; percent series use 0–100.
pub fn build_model(forecast: &Forecast, opts: &ModelOptions) -> ChartModel {
    let prep = &forecast.prepared;
    let series = &*prep.series;
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
    let window = &prep.window;
    let fit = prep.fit.as_ref().ok();

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
        points.push(PointMark {
            index: i,
            x: p.date.x(),
            y,
            interval,
            marker: marker_for(p.kind),
            filled: p.frontier,
            above_cap: window.is_capped(p),
            fitted: fit.is_some_and(|f| f.used.contains(&i)),
            dropped: window.drop.contains(&p.id),
            hit: forecast
                .asof_hits
                .iter()
                .find(|(j, _)| *j == i)
                .map(|(_, h)| *h),
        });
    }

    let mut lines = Vec::new();
    let mut y_ticks = Vec::new();
    let y_range = match y_axis {
        YAxis::LogMinutes => {
            for m in &forecast.milestones {
                lines.push(HLine {
                    y: m.milestone.target.log10(),
                    label: match m.milestone.hours {
                        Some(h) if m.milestone.id != "custom" => {
                            format!("{} ({h} h)", m.milestone.label)
                        }
                        _ => m.milestone.label.to_string(),
                    },
                    warning: false,
                });
            }
            if let Some(c) = window.cap {
                let label = if Some(c) == series.meta.fit_cap {
                    format!("{} reliability ceiling", tick_label_minutes(c))
                } else {
                    format!("{} cap: not fitted above", tick_label_minutes(c))
                };
                lines.push(HLine {
                    y: c.log10(),
                    label,
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
            for m in &forecast.milestones {
                lines.push(HLine {
                    y: m.milestone.target,
                    label: m.milestone.label.to_string(),
                    warning: false,
                });
            }
            if let trendline_core::Transform::LogOdds { sat } = prep.transform {
                if sat < 100.0 {
                    lines.push(HLine {
                        y: sat,
                        label: format!("saturation {sat}%"),
                        warning: true,
                    });
                }
            }
            for v in (0..=100).step_by(20) {
                y_ticks.push((f64::from(v), format!("{v}%")));
            }
            (0.0, 100.0)
        }
    };

    let to_plot = |y_fit: f64| y_axis.to_plot(prep.transform.to_value(y_fit));
    // Exponential curves are straight on the log axis: two points draw them exactly.
    let log_axis = y_axis == YAxis::LogMinutes && prep.transform == trendline_core::Transform::Log2;
    let top = y_range.1 + (y_range.1 - y_range.0);
    let mut curves = Vec::new();
    let mut bands = Vec::new();
    let mut vlines = Vec::new();
    if let (Some(fit), Some(proj)) = (fit, forecast.fitted_projection.or(forecast.projection)) {
        let (a, b) = (fit.span.0.x(), fit.span.1.x());
        let n = fit.line.n;
        let label = match (prep.family, forecast.fitted_doubling) {
            (Family::Logistic, Some(t)) => format!("Fitted logistic trend (n = {n}): odds double every {}", format_days_and_months(t)),
            (Family::Superexponential, Some(t)) => format!(
                "Fitted superexponential trend (n = {n}): now doubling every {}, each doubling {:.1}% shorter",
                format_days_and_months(t),
                forecast.accel.unwrap_or(0.0) * 100.0
            ),
            (_, Some(t)) => format!("Fitted trend (OLS, n = {n}): doubles every {}", format_days_and_months(t)),
            (_, None) => format!("Fitted trend (n = {n})"),
        };
        let straight = log_axis && matches!(proj.fitted, trendline_core::forecast::Fitted::Line(_));
        let points = sample(a, b, top, straight, |x| {
            proj.fitted.y_at(x).and_then(to_plot)
        });
        curves.push(Curve {
            style: CurveStyle::Fit,
            points,
            label,
        });
    }
    let end = x_range.1;
    let project = |p: &Projection| {
        let straight =
            log_axis && matches!(p.growth, trendline_core::forecast::Growth::Linear { .. });
        sample(p.anchor_x, end, top, straight, |x| {
            p.y_at(x).and_then(to_plot)
        })
    };
    let same = forecast.projection == forecast.fitted_projection;
    if let (Some(p), false) = (&forecast.fitted_projection, same) {
        curves.push(Curve {
            style: CurveStyle::FitExtension,
            points: project(p),
            label: "Fitted curve continued".into(),
        });
    }
    if let (Some(p), Some(t)) = (&forecast.projection, forecast.assumed_doubling) {
        let what = if prep.family == Family::Logistic {
            "its odds double"
        } else {
            "it doubles"
        };
        let mut label = if same {
            format!(
                "Projection at the fitted rate ({})",
                format_days_and_months(t)
            )
        } else {
            format!("Projection if {what} every {}", format_days_and_months(t))
        };
        if let (Family::Superexponential, Some(a)) = (prep.family, forecast.accel) {
            label.push_str(&format!(", each doubling {:.1}% shorter", a * 100.0));
        }
        curves.push(Curve {
            style: CurveStyle::Projection,
            points: project(p),
            label,
        });
    }
    if let Some(fan) = &forecast.fan {
        let clamp = |y_fit: f64| match to_plot(y_fit) {
            Some(y) => y.clamp(y_range.0, y_range.1),
            None if y_fit > 0.0 || y_fit.is_infinite() => y_range.1,
            None => y_range.0,
        };
        for (level, lo, hi, label) in [
            (
                95u8,
                0usize,
                4usize,
                format!("95% of {} simulated trends", fan.draws),
            ),
            (80, 1, 3, format!("80% of {} simulated trends", fan.draws)),
        ] {
            let rows = fan
                .xs
                .iter()
                .enumerate()
                .map(|(j, &x)| (x, clamp(fan.bands[lo][j]), clamp(fan.bands[hi][j])))
                .collect();
            bands.push(Band { rows, level, label });
        }
        // The median, where it is inside the plot (points off the top end the line).
        let median: Vec<(f64, f64)> = fan
            .xs
            .iter()
            .zip(&fan.bands[2])
            .map_while(|(&x, &y)| {
                to_plot(y)
                    .filter(|p| *p <= y_range.1 + (y_range.1 - y_range.0))
                    .map(|p| (x, p))
            })
            .collect();
        if median.len() > 1 {
            curves.push(Curve {
                style: CurveStyle::FanMedian,
                points: median,
                label: format!("Median of {} simulated trends", fan.draws),
            });
        }
    }
    if let Some(d) = forecast.singularity.filter(|d| d.x() <= x_range.1) {
        vlines.push(VLine {
            x: d.x(),
            label: format!("infinite on {d}"),
        });
    }
    if let Some(asof) = forecast
        .asof
        .filter(|d| d.x() >= x_range.0 && d.x() <= x_range.1)
    {
        vlines.push(VLine {
            x: asof.x(),
            label: format!("fit as of {asof}"),
        });
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
    if let Some(c) = window.cap.filter(|_| has(&|p| p.above_cap)) {
        point_legend.push((
            Marker::Circle,
            true,
            true,
            format!("Above {} (not fitted)", tick_label_minutes(c)),
        ));
    }
    if has(&|p| p.dropped) {
        point_legend.push((
            Marker::Circle,
            false,
            true,
            "Dropped from the fit by you".to_string(),
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
        bands,
        lines,
        vlines,
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
