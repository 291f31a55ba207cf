//! Small line charts laid out in pixels, for the page to draw as inline SVG (so their colours
//! come from the page's stylesheet): the mosaic's comparison of every series on one normalised
//! axis, and the sensitivity of a milestone date to the assumed doubling time.

use trendline_core::Day;

/// Margins of a small chart, pixels: left, right, top, bottom.
pub const MARGIN: (f64, f64, f64, f64) = (48.0, 12.0, 10.0, 28.0);

/// A line in pixel coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct PixelLine {
    /// Series id (or another key).
    pub id: String,
    /// Legend label.
    pub label: String,
    /// Points, pixels, `y` downwards.
    pub points: Vec<(f64, f64)>,
}

/// A named series of `(x, y)` data points: id, label, points.
pub type NamedSeries = (String, String, Vec<(f64, f64)>);

/// A tick: its position in pixels and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Pixel position along its axis.
    pub at: f64,
    /// Label.
    pub label: String,
}

/// A small chart, laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct SmallChart {
    /// Width, pixels.
    pub width: f64,
    /// Height, pixels.
    pub height: f64,
    /// The plot area: left, top, right, bottom.
    pub plot: (f64, f64, f64, f64),
    /// Lines.
    pub lines: Vec<PixelLine>,
    /// Ticks on the x axis.
    pub x_ticks: Vec<Tick>,
    /// Ticks on the y axis.
    pub y_ticks: Vec<Tick>,
}

/// Linear map from `[lo, hi]` to `[a, b]` (the middle when the range is empty).
fn map(v: f64, (lo, hi): (f64, f64), (a, b): (f64, f64)) -> f64 {
    if hi > lo {
        a + (v - lo) / (hi - lo) * (b - a)
    } else {
        (a + b) / 2.0
    }
}

/// "Nice" tick values covering `[lo, hi]` with about `count` steps of 1, 2 or 5 × 10ᵏ.
///
/// ```
/// use trendline_chart::small::nice_ticks;
/// assert_eq!(nice_ticks(0.0, 10.0, 5), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
/// ```
pub fn nice_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    if hi <= lo || hi.is_nan() || lo.is_nan() || !lo.is_finite() || !hi.is_finite() || count == 0 {
        return vec![lo];
    }
    let raw = (hi - lo) / count as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

/// Year ticks (1 January) between day numbers `lo` and `hi`.
fn year_ticks(lo: f64, hi: f64, x: impl Fn(f64) -> f64) -> Vec<Tick> {
    let (Some(a), Some(b)) = (Day::from_x(lo), Day::from_x(hi)) else {
        return Vec::new();
    };
    let (ya, yb) = (a.ymd().0, b.ymd().0);
    let every = ((yb - ya) / 6).max(1);
    (ya..=yb + 1)
        .filter(|y| (y - ya) % every == 0)
        .filter_map(|y| Day::from_ymd(y, 1, 1).map(|d| (y, d.x())))
        .filter(|(_, d)| *d >= lo && *d <= hi)
        .map(|(y, d)| Tick {
            at: x(d),
            label: y.to_string(),
        })
        .collect()
}

/// The mosaic's comparison chart: each series' `(day number, doublings since its own first
/// frontier point)` (see `trendline_core::forecast::mosaic::normalised`) on shared axes, `x` a date.
///
/// ```
/// use trendline_chart::small::compare_chart;
/// let c = compare_chart(&[("a".into(), "A".into(), vec![(19000.0, 0.0), (19365.0, 2.0)])], 600.0, 300.0);
/// assert_eq!(c.lines[0].points[0].1, c.plot.3); // Δ = 0 sits on the bottom of the plot
/// assert_eq!(c.lines[0].points[1], (c.plot.2, c.plot.1)); // the top right corner
/// ```
pub fn compare_chart(series: &[NamedSeries], width: f64, height: f64) -> SmallChart {
    let plot = (MARGIN.0, MARGIN.2, width - MARGIN.1, height - MARGIN.3);
    let all = series.iter().flat_map(|s| s.2.iter().copied());
    let (mut x0, mut x1, mut y0, mut y1) = (f64::INFINITY, f64::NEG_INFINITY, 0.0f64, 0.0f64);
    for (x, y) in all {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let y1 = if y1 > y0 { y1 } else { y0 + 1.0 };
    let px = |x: f64| map(x, (x0, x1), (plot.0, plot.2));
    let py = |y: f64| map(y, (y0, y1), (plot.3, plot.1));
    SmallChart {
        width,
        height,
        plot,
        lines: series
            .iter()
            .map(|(id, label, pts)| PixelLine {
                id: id.clone(),
                label: label.clone(),
                points: pts.iter().map(|&(x, y)| (px(x), py(y))).collect(),
            })
            .collect(),
        x_ticks: if x0.is_finite() {
            year_ticks(x0, x1, px)
        } else {
            Vec::new()
        },
        y_ticks: nice_ticks(y0, y1, 5)
            .into_iter()
            .map(|v| Tick {
                at: py(v),
                label: format!("{v}"),
            })
            .collect(),
    }
}

/// The sensitivity chart: milestone date (y, day number) against assumed doubling time (x,
/// days). `points` are `(doubling days, crossing day number)`; crossings that never happen are
/// left out by the caller. `marks` are extra points `(x, optional y)` (the fitted value, its
/// interval, the slider's value) to place on the same scales; their pixel positions are
/// returned in order.
///
/// ```
/// use trendline_chart::small::sensitivity_chart;
/// let (c, m) = sensitivity_chart(&[(30.0, 20000.0), (300.0, 24000.0)],
///     &[(30.0, None), (300.0, Some(24000.0))], 400.0, 200.0);
/// assert_eq!(m, vec![(c.plot.0, None), (c.plot.2, Some(c.plot.1))]);
/// assert_eq!(c.lines[0].points[1].1, c.plot.1); // the latest date at the top
/// ```
pub fn sensitivity_chart(
    points: &[(f64, f64)],
    marks: &[(f64, Option<f64>)],
    width: f64,
    height: f64,
) -> (SmallChart, Vec<(f64, Option<f64>)>) {
    // Room under the ticks for the axis title.
    let plot = (
        MARGIN.0,
        MARGIN.2,
        width - MARGIN.1,
        height - MARGIN.3 - 10.0,
    );
    let xs = points
        .iter()
        .map(|p| p.0)
        .chain(marks.iter().map(|m| m.0).filter(|m| m.is_finite()));
    let (mut x0, mut x1) = (f64::INFINITY, f64::NEG_INFINITY);
    for x in xs {
        x0 = x0.min(x);
        x1 = x1.max(x);
    }
    let (mut y0, mut y1) = (f64::INFINITY, f64::NEG_INFINITY);
    for p in points {
        y0 = y0.min(p.1);
        y1 = y1.max(p.1);
    }
    if !y0.is_finite() {
        (y0, y1) = (0.0, 1.0);
    }
    let px = |x: f64| map(x, (x0, x1), (plot.0, plot.2));
    let py = |y: f64| map(y, (y0, y1), (plot.3, plot.1));
    let mut y_ticks = if y1 > y0 {
        year_ticks(y0, y1, py)
    } else {
        Vec::new()
    };
    if y_ticks.len() < 2 {
        // Less than two new years in range: label the ends with their months.
        y_ticks = [y0, y1]
            .iter()
            .filter_map(|&y| Day::from_x(y).map(|d| (y, d)))
            .map(|(y, d)| Tick {
                at: py(y),
                label: d.to_string()[..7].to_string(),
            })
            .collect();
        y_ticks.dedup_by(|a, b| a.label == b.label);
    }
    let x_ticks = nice_ticks(x0, x1, 5)
        .into_iter()
        .map(|v| Tick {
            at: px(v),
            label: format!("{v}"),
        })
        .collect();
    let chart = SmallChart {
        width,
        height,
        plot,
        lines: vec![PixelLine {
            id: "sensitivity".into(),
            label: "milestone date".into(),
            points: points.iter().map(|&(x, y)| (px(x), py(y))).collect(),
        }],
        x_ticks,
        y_ticks,
    };
    (
        chart,
        marks.iter().map(|&(x, y)| (px(x), y.map(py))).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparison_lines_share_one_scale() {
        let c = compare_chart(
            &[
                ("a".into(), "A".into(), vec![(19000.0, 0.0), (19730.0, 4.0)]),
                ("b".into(), "B".into(), vec![(19365.0, 0.0), (19730.0, 2.0)]),
            ],
            600.0,
            300.0,
        );
        let (a, b) = (&c.lines[0].points, &c.lines[1].points);
        // Both end on the same date, B at half A's height above the baseline.
        assert_eq!(a[1].0, b[1].0);
        let base = c.plot.3;
        assert!(((base - b[1].1) * 2.0 - (base - a[1].1)).abs() < 1e-9);
        assert!(c.x_ticks.iter().any(|t| t.label == "2023"));
        assert!(!c.y_ticks.is_empty());
    }

    #[test]
    fn empty_input_gives_an_empty_chart() {
        let c = compare_chart(&[], 300.0, 200.0);
        assert!(c.lines.is_empty() && c.x_ticks.is_empty());
        let (s, m) = sensitivity_chart(&[], &[(f64::NAN, None)], 300.0, 200.0);
        assert!(s.lines[0].points.is_empty());
        assert_eq!(m.len(), 1);
    }
}
