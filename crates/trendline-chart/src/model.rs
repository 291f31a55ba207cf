//! The chart as plain data: everything [`crate::draw`] paints, in plot coordinates.

use trendline_core::data::dataset::PointKind;
use trendline_core::data::published::PublishedForecast;
use trendline_core::data::units::{format_days_and_months, tick_label_minutes, Unit};
use trendline_core::forecast::compare::ScenarioRun;
use trendline_core::forecast::BandHit;
use trendline_core::settings::Scale;
use trendline_core::{Day, Family, Forecast, Projection};

/// How values map to the vertical axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YAxis {
    /// Task length in minutes on a log scale: plot `y = log10(minutes)`.
    LogMinutes,
    /// Task length in minutes on a linear scale: plot `y = minutes`.
    LinearMinutes,
    /// Percent on a linear 0–100 scale: plot `y = percent`.
    Percent,
    /// A multiplier (speedup) on a log scale: plot `y = log10(value)`.
    LogMultiplier,
    /// An index on a linear scale fitted to the data: plot `y = value`.
    Index,
}

impl YAxis {
    /// Plot coordinate of a data value (`None` when it cannot be shown, e.g. log of 0).
    pub fn to_plot(self, v: f64) -> Option<f64> {
        let y = match self {
            YAxis::LogMinutes | YAxis::LogMultiplier if v > 0.0 => v.log10(),
            YAxis::LogMinutes | YAxis::LogMultiplier => return None,
            YAxis::LinearMinutes | YAxis::Percent | YAxis::Index => v,
        };
        y.is_finite().then_some(y)
    }

    /// Data value of a plot coordinate.
    pub fn from_plot(self, y: f64) -> f64 {
        match self {
            YAxis::LogMinutes | YAxis::LogMultiplier => 10f64.powf(y),
            YAxis::LinearMinutes | YAxis::Percent | YAxis::Index => y,
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
    /// A published forecast (not data): hollow diamond.
    Diamond,
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
    /// Model name drawn beside frontier points, where there is room.
    pub label: Option<String>,
}

/// A published forecast as drawn: a hollow diamond at the median, a whisker over the quantiles
/// given, a short label. Never data: nothing is fitted to it.
#[derive(Clone, Debug, PartialEq)]
pub struct ForecastMark {
    /// The forecast's id (data/forecasts.csv).
    pub id: String,
    /// Plot x of the target date.
    pub x: f64,
    /// Plot y of the median.
    pub y: f64,
    /// Plot y of the quantiles given.
    pub interval: Option<(f64, f64)>,
    /// Short label ("Cotra, Jan 2026").
    pub label: String,
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
    /// A named scenario's projection: slot 0–2 (A–C), each its own colour and dash.
    Scenario(u8),
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
    /// Label drawn at the line's left end.
    pub label: String,
    /// A shorter label, drawn when the full one would reach the Monte Carlo band.
    pub short: String,
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
    /// Published forecasts shown beside the data.
    pub forecasts: Vec<ForecastMark>,
    /// Index into `points` of the point under the pointer or keyboard focus, drawn ringed.
    pub highlight: Option<usize>,
    /// What the reader should know about the vertical axis: its scale, and where the Monte
    /// Carlo band runs past the top (shown beside the chart).
    pub axis_notes: Vec<String>,
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
            && self.forecasts == other.forecasts
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
    /// Vertical axis of horizon series (scores are always 0–100%).
    pub scale: Scale,
    /// Named scenarios to draw beside the projection.
    pub scenarios: Vec<ScenarioLine>,
    /// Published forecasts about the series, drawn as forecasts (never fitted).
    pub forecasts: Vec<PublishedForecast>,
}

/// A scenario's projection as [`build_model`] draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioLine {
    /// Slot, 0 = A.
    pub slot: u8,
    /// Legend text: "A: Trend continues (exponential, doubling every …)".
    pub label: String,
    /// The projection.
    pub projection: Projection,
}

impl ScenarioLine {
    /// The lines of `runs` (those with a projection).
    pub fn from_runs(runs: &[ScenarioRun]) -> Vec<ScenarioLine> {
        runs.iter()
            .filter_map(|r| {
                r.forecast.projection.map(|projection| ScenarioLine {
                    slot: r.slot as u8,
                    label: format!("{}: {} ({})", r.letter(), r.scenario.name, r.describe()),
                    projection,
                })
            })
            .collect()
    }
}

impl Default for ModelOptions {
    fn default() -> Self {
        ModelOptions {
            end: trendline_core::settings::DEFAULT_UNTIL,
            caption: None,
            footer: Vec::new(),
            legend_in_plot: false,
            scale: Scale::Log,
            scenarios: Vec::new(),
            forecasts: Vec::new(),
        }
    }
}

/// Fewer than this many plot units between two milestone lines on a linear axis, as a share of
/// the range, and the lower line is left out (its label would sit on the other's).
const LINEAR_LINE_GAP: f64 = 0.04;

/// How far above the highest point or milestone the log axis may grow to show the Monte Carlo
/// band: two decades (×100). Above that the band is clipped and a note says so.
const FAN_DECADES: f64 = 2.0;

/// Nice linear steps for durations, minutes: 1, 2, 5 × 10ᵏ minutes below an hour, then 1, 2, 5 ×
/// 10ᵏ hours.
fn linear_step(top: f64) -> f64 {
    let raw = (top / 6.0).max(1e-9);
    let unit = if raw < 60.0 { 1.0 } else { 60.0 };
    let r = raw / unit;
    let mag = 10f64.powf(r.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|k| k * mag)
        .find(|s| *s >= r)
        .unwrap_or(10.0 * mag);
    step * unit
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
    let y_axis = match (unit, opts.scale) {
        (Unit::Minutes, Scale::Log) => YAxis::LogMinutes,
        (Unit::Minutes, Scale::Linear) => YAxis::LinearMinutes,
        (Unit::Percent, _) => YAxis::Percent,
        (Unit::Multiplier, _) => YAxis::LogMultiplier,
        (Unit::Index, _) => YAxis::Index,
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
            label: (p.frontier && !p.model.trim().is_empty()).then(|| p.model.clone()),
        });
    }
    // Published value forecasts stated in this series' unit, inside the horizontal range. Date
    // forecasts (when a threshold is reached) are listed with their verdicts under the chart.
    let forecasts: Vec<ForecastMark> = opts
        .forecasts
        .iter()
        .filter(|f| f.kind == trendline_core::data::published::ForecastKind::Value)
        .filter(|f| f.unit.series_unit() == unit && f.applies_to(&series.meta.id))
        .filter(|f| f.target.x() >= x_range.0 && f.target.x() <= x_range.1)
        .filter_map(|f| {
            let (v, lo, hi) = f.in_series_unit();
            let y = y_axis.to_plot(v)?;
            let interval = lo
                .zip(hi)
                .and_then(|(lo, hi)| Some((y_axis.to_plot(lo)?, y_axis.to_plot(hi)?)));
            Some(ForecastMark {
                id: f.id.clone(),
                x: f.target.x(),
                y,
                interval,
                label: f.label.clone(),
            })
        })
        .collect();

    let mut lines = Vec::new();
    let mut y_ticks = Vec::new();
    let mut axis_notes = Vec::new();
    let mut method_breaks: Vec<VLine> = Vec::new();
    // The highest value the fan's 97.5th percentile reaches (in the series' unit), and where:
    // for the note when the band runs past the top.
    let fan_top = forecast.fan.as_ref().and_then(|fan| {
        fan.xs
            .iter()
            .zip(&fan.bands[4])
            .map(|(&x, &y)| (x, prep.transform.to_value(y)))
            .filter(|(_, v)| !v.is_nan())
            .fold(None, |acc: Option<(f64, f64)>, (x, v)| match acc {
                Some((_, best)) if best >= v => acc,
                _ => Some((x, v)),
            })
    });
    // The vertical range must not move while the reader drags the doubling time, so it is
    // sized from the fitted rate: the fitted curve at the end, and the fan's 97.5th percentile
    // there at the fitted rate (read off the fitted-rate table).
    let fitted_curve = forecast.fitted_projection.or(forecast.projection);
    let range_end = x_range.1;
    let fitted_end = fitted_curve
        .map(|p| p.value_at(range_end))
        .filter(|v| v.is_finite());
    let fan_range_top = match (&forecast.fan, fitted_curve) {
        (Some(_), Some(p)) if range_end > p.anchor_x => prep
            .fit_band_at(range_end - p.anchor_x)
            .map(|band| prep.transform.to_value(p.anchor_y + band[4]))
            .filter(|v| !v.is_nan()),
        _ => None,
    };
    let clip_note = |top: f64| {
        fan_top.filter(|(_, v)| *v > top * 1.0001).map(|(x, _)| {
            let when = Day::from_x(x).map_or_else(|| "the end".to_string(), |d| d.to_string());
            format!(
                "The 95% band runs above the top of the chart ({}) by {}.",
                tick_label_minutes(top),
                when.get(..7).unwrap_or(&when)
            )
        })
    };
    let y_range = match y_axis {
        YAxis::LogMinutes | YAxis::LinearMinutes => {
            for m in &forecast.milestones {
                lines.push(HLine {
                    y: m.milestone.target.log10(),
                    short: m.milestone.label.to_string(),
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
                    short: format!("{} ceiling", tick_label_minutes(c)),
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
            for f in &forecasts {
                let (a, b) = f.interval.unwrap_or((f.y, f.y));
                lo = lo.min(a.min(f.y));
                hi = hi.max(b.max(f.y));
            }
            if y_axis == YAxis::LinearMinutes {
                lines.iter_mut().for_each(|l| l.y = 10f64.powf(l.y));
                // Data, the milestones, and the projection and fan up to a cap: 1.25 × the
                // highest milestone, or the data's top if higher.
                let data_hi = if hi.is_finite() { hi } else { 60.0 };
                let line_hi = lines.iter().map(|l| l.y).fold(0.0, f64::max);
                let cap = (data_hi * 1.1).max(line_hi * 1.25);
                let mut want = data_hi * 1.1;
                for v in [fitted_end, fan_range_top].into_iter().flatten() {
                    want = want.max(v);
                }
                let top = want.min(cap).max(1.0);
                axis_notes.extend(clip_note(top));
                let step = linear_step(top);
                let mut k = 0.0;
                while k * step <= top * 1.0001 && y_ticks.len() < 12 {
                    y_ticks.push((
                        k * step,
                        if k == 0.0 {
                            "0".to_string()
                        } else {
                            tick_label_minutes(k * step)
                        },
                    ));
                    k += 1.0;
                }
                // Milestones too close to a higher one would print their labels on top of it.
                trendline_core::data::order::sort_by(&mut lines, |a, b| b.y.total_cmp(&a.y));
                let mut kept: Vec<HLine> = Vec::new();
                for l in lines.drain(..) {
                    if l.y > top {
                        continue;
                    }
                    if kept
                        .last()
                        .is_some_and(|k| k.y - l.y < LINEAR_LINE_GAP * top)
                    {
                        // Too close to the one above: a warning (the reliability ceiling) wins
                        // over a milestone; otherwise the higher line stays.
                        if l.warning && kept.last().is_some_and(|k| !k.warning) {
                            kept.pop();
                        } else {
                            continue;
                        }
                    }
                    kept.push(l);
                }
                kept.reverse();
                lines = kept;
                axis_notes.insert(0, "Linear scale: equal heights are equal lengths of time; switch to the log scale to see exponential growth as a straight line.".into());
                (0.0, top)
            } else {
                let mut line_hi = f64::NEG_INFINITY;
                for l in &lines {
                    line_hi = line_hi.max(l.y);
                    lo = lo.min(l.y);
                }
                hi = hi.max(line_hi);
                if !lo.is_finite() {
                    (lo, hi) = (0.0, 5.0);
                }
                // The fan's upper band (at the fitted rate), up to FAN_DECADES above the points
                // and milestones.
                if let Some(v) = fan_range_top.filter(|v| *v > 0.0) {
                    hi = hi.max(v.log10().min(hi + FAN_DECADES));
                }
                axis_notes.extend(clip_note(10f64.powf(hi + 2f64.log10())));
                let range = (lo - 2f64.log10(), hi + 2f64.log10());
                for &m in &MINUTE_TICKS {
                    let y = m.log10();
                    if y >= range.0 && y <= range.1 {
                        y_ticks.push((y, tick_label_minutes(m)));
                    }
                }
                axis_notes.insert(0, "Log scale: each gridline step is a multiple of the one below, so exponential growth is a straight line.".into());
                range
            }
        }
        YAxis::Percent => {
            for m in &forecast.milestones {
                lines.push(HLine {
                    y: m.milestone.target,
                    label: m.milestone.label.to_string(),
                    short: m.milestone.label.to_string(),
                    warning: false,
                });
            }
            if let trendline_core::Transform::LogOdds { sat } = prep.transform {
                if sat < 100.0 {
                    lines.push(HLine {
                        y: sat,
                        label: format!("saturation {sat}%"),
                        short: format!("sat. {sat}%"),
                        warning: true,
                    });
                }
            }
            for v in (0..=100).step_by(20) {
                y_ticks.push((f64::from(v), format!("{v}%")));
            }
            (0.0, 100.0)
        }
        YAxis::LogMultiplier | YAxis::Index => {
            let log = y_axis == YAxis::LogMultiplier;
            let label = |v: f64| {
                if log {
                    trendline_core::data::units::format_multiplier(v)
                } else {
                    trendline_core::data::units::format_index(v)
                }
            };
            for m in &forecast.milestones {
                if let Some(y) = y_axis.to_plot(m.milestone.target) {
                    lines.push(HLine {
                        y,
                        label: m.milestone.label.to_string(),
                        short: m.milestone.label.to_string(),
                        warning: false,
                    });
                }
            }
            for r in series.meta.reference_lines.iter() {
                if let Some(y) = y_axis.to_plot(r.value) {
                    lines.push(HLine {
                        y,
                        label: r.label.to_string(),
                        // "200× ≈ 8 h of expert effort (cards)" → "200× ≈ 8 h".
                        short: r
                            .label
                            .split(" of ")
                            .next()
                            .filter(|t| t.len() < r.label.len())
                            .map_or_else(|| label(r.value), str::to_string),
                        warning: false,
                    });
                }
            }
            let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
            for p in &points {
                let (a, b) = p.interval.unwrap_or((p.y, p.y));
                lo = lo.min(a.min(p.y));
                hi = hi.max(b.max(p.y));
            }
            for l in &lines {
                lo = lo.min(l.y);
                hi = hi.max(l.y);
            }
            if !lo.is_finite() {
                (lo, hi) = (0.0, 1.0);
            }
            if log {
                if let Some(v) = fan_range_top.filter(|v| *v > 0.0) {
                    hi = hi.max(v.log10().min(hi + 1.0));
                }
                let range = (lo - 2f64.log10(), hi + 2f64.log10());
                let mut m = 10f64.powf(range.0.floor());
                while m.log10() <= range.1 && y_ticks.len() < 40 {
                    for k in [1.0, 2.0, 5.0] {
                        let y = (m * k).log10();
                        if y >= range.0 && y <= range.1 {
                            y_ticks.push((y, label(m * k)));
                        }
                    }
                    m *= 10.0;
                }
                axis_notes.insert(0, "Log scale: each gridline step is a multiple of the one below, so exponential growth is a straight line.".into());
                range
            } else {
                if let Some(v) = fan_range_top.filter(|v| v.is_finite()) {
                    hi = hi.max(v.min(hi + (hi - lo).max(1.0)));
                }
                let pad = ((hi - lo) * 0.08).max(1e-6);
                let (a, b) = (lo - pad, hi + pad);
                let raw = ((b - a) / 6.0).max(1e-9);
                let mag = 10f64.powf(raw.log10().floor());
                let step = [1.0, 2.0, 5.0, 10.0]
                    .into_iter()
                    .map(|k| k * mag)
                    .find(|s| *s >= raw)
                    .unwrap_or(10.0 * mag);
                let mut t = (a / step).ceil() * step;
                while t <= b && y_ticks.len() < 12 {
                    y_ticks.push((t, label(t)));
                    t += step;
                }
                axis_notes.insert(0, "Linear scale: an index rises by a constant number of points per year along a straight line.".into());
                (a, b)
            }
        }
    };
    for b in series.meta.breaks.iter() {
        if let Ok(d) = Day::parse(&b.date) {
            method_breaks.push(VLine {
                x: d.x(),
                label: b.label.to_string(),
            });
        }
    }

    let to_plot = |y_fit: f64| y_axis.to_plot(prep.transform.to_value(y_fit));
    // Exponential curves are straight on the log axis: two points draw them exactly.
    let log_axis = matches!(y_axis, YAxis::LogMinutes | YAxis::LogMultiplier)
        && prep.transform == trendline_core::Transform::Log2;
    let top = y_range.1 + (y_range.1 - y_range.0);
    let mut curves = Vec::new();
    let mut bands = Vec::new();
    let mut vlines = method_breaks;
    // An index's trend is a rate in points per year; the engine's "doubling time" of a linear
    // fit is the days one index step takes.
    let rate_of = |t: f64| match prep.transform {
        trendline_core::Transform::Linear { step } => {
            trendline_core::data::units::rate_in_words(t, step)
        }
        _ => format_days_and_months(t),
    };
    if let (Some(fit), Some(proj)) = (fit, forecast.fitted_projection.or(forecast.projection)) {
        let (a, b) = (fit.span.0.x(), fit.span.1.x());
        let n = fit.line.n;
        let label = match (prep.family, forecast.fitted_doubling) {
            (Family::Linear, Some(t)) => format!("Fitted linear trend (OLS, n = {n}): {}", rate_of(t)),
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
        let mut label = if prep.family == Family::Linear {
            if same {
                format!("Projection at the fitted rate ({})", rate_of(t))
            } else {
                format!("Projection if it rises {}", rate_of(t))
            }
        } else if same {
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
    for sc in &opts.scenarios {
        let p = &sc.projection;
        let to_plot = |y_fit: f64| y_axis.to_plot(p.transform.to_value(y_fit));
        let straight =
            log_axis && matches!(p.growth, trendline_core::forecast::Growth::Linear { .. });
        curves.push(Curve {
            style: CurveStyle::Scenario(sc.slot),
            points: sample(p.anchor_x, end, top, straight, |x| {
                p.y_at(x).and_then(to_plot)
            }),
            label: sc.label.clone(),
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
                format!(
                    "95% of {} simulated trends ({})",
                    fan.draws,
                    forecast.band.label()
                ),
            ),
            (
                80,
                1,
                3,
                format!(
                    "80% of {} simulated trends ({})",
                    fan.draws,
                    forecast.band.label()
                ),
            ),
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
    if !forecasts.is_empty() {
        point_legend.push((
            Marker::Diamond,
            false,
            false,
            "Published forecast (median and the range given; not data)".to_string(),
        ));
    }

    ChartModel {
        y_axis,
        x_range,
        y_range,
        y_ticks,
        x_title: format!("Date ({})", short_date_meaning(&series.meta.date_meaning)),
        y_title: match unit {
            Unit::Minutes if y_axis == YAxis::LinearMinutes => {
                "Task length (human time, linear scale)".into()
            }
            Unit::Minutes => "Task length (human time, log scale)".into(),
            Unit::Percent => "Score (%)".into(),
            Unit::Multiplier => "Speedup (×, log scale)".into(),
            Unit::Index => "Index score (points)".into(),
        },
        points,
        forecasts,
        curves,
        bands,
        lines,
        vlines,
        point_legend,
        caption: opts.caption.clone(),
        footer: opts.footer.clone(),
        legend_in_plot: opts.legend_in_plot,
        highlight: None,
        axis_notes,
    }
}

fn short_date_meaning(s: &str) -> &str {
    s.split(" (").next().unwrap_or(s)
}
