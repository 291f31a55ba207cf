//! The cumulative chance chart: for each milestone, the chance that the simulated trends have
//! reached it (y, 0–1) against the date (x), with the reader's date `by` marked. Laid out in
//! pixels (see [`crate::small`]) and written as an SVG string whose colours come from the
//! page's stylesheet (classes `chance-curve chance-<k>`, `by-mark`), so it renders and is
//! tested natively.

use crate::small::{nice_ticks, SmallChart, Tick, MARGIN};
use crate::small::{NamedSeries, PixelLine};
use trendline_core::Day;

/// The chart laid out: `curves` are `(id, label, [(day number, chance)])`; `by` is the marked
/// date (day number). Returns the chart and the marker's `x` in pixels (`None` outside the
/// axis).
///
/// ```
/// use trendline_chart::chance::chance_chart;
/// let (c, by) = chance_chart(&[("m".into(), "M".into(), vec![(19000.0, 0.0), (20000.0, 1.0)])],
///     19500.0, 400.0, 180.0);
/// assert_eq!(c.lines[0].points[1], (c.plot.2, c.plot.1)); // chance 1 at the top right
/// assert!((by.unwrap() - (c.plot.0 + c.plot.2) / 2.0).abs() < 1e-9);
/// ```
pub fn chance_chart(
    curves: &[NamedSeries],
    by: f64,
    width: f64,
    height: f64,
) -> (SmallChart, Option<f64>) {
    let plot = (MARGIN.0, MARGIN.2, width - MARGIN.1, height - MARGIN.3);
    let (mut x0, mut x1) = (f64::INFINITY, f64::NEG_INFINITY);
    for (x, _) in curves.iter().flat_map(|c| c.2.iter().copied()) {
        if x.is_finite() {
            x0 = x0.min(x);
            x1 = x1.max(x);
        }
    }
    if x1 <= x0 {
        return (
            SmallChart {
                width,
                height,
                plot,
                lines: Vec::new(),
                x_ticks: Vec::new(),
                y_ticks: Vec::new(),
            },
            None,
        );
    }
    let px = |x: f64| plot.0 + (x - x0) / (x1 - x0) * (plot.2 - plot.0);
    let py = |p: f64| plot.3 - p.clamp(0.0, 1.0) * (plot.3 - plot.1);
    let lines = curves
        .iter()
        .map(|(id, label, pts)| PixelLine {
            id: id.clone(),
            label: label.clone(),
            points: pts
                .iter()
                .filter(|p| p.0.is_finite() && p.1.is_finite())
                .map(|&(x, p)| (px(x), py(p)))
                .collect(),
        })
        .collect();
    let (Some(a), Some(b)) = (Day::from_x(x0), Day::from_x(x1)) else {
        return (
            SmallChart {
                width,
                height,
                plot,
                lines,
                x_ticks: Vec::new(),
                y_ticks: Vec::new(),
            },
            None,
        );
    };
    let (ya, yb) = (a.ymd().0, b.ymd().0);
    let every = ((yb - ya) / 5).max(1);
    let x_ticks = (ya..=yb + 1)
        .filter(|y| (y - ya) % every == 0)
        .filter_map(|y| Day::from_ymd(y, 1, 1).map(|d| (y, d.x())))
        .filter(|(_, d)| *d >= x0 && *d <= x1)
        .map(|(y, d)| Tick {
            at: px(d),
            label: y.to_string(),
        })
        .collect();
    let y_ticks = nice_ticks(0.0, 1.0, 4)
        .into_iter()
        .map(|v| Tick {
            at: py(v),
            label: format!("{:.0}%", v * 100.0),
        })
        .collect();
    let by_x = (by.is_finite() && by >= x0 && by <= x1).then(|| px(by));
    (
        SmallChart {
            width,
            height,
            plot,
            lines,
            x_ticks,
            y_ticks,
        },
        by_x,
    )
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The chart as an SVG element: a polyline per milestone (`data-id` its id), the date `by`
/// as a vertical line with its label, percentage and year ticks, an accessible label.
///
/// ```
/// use trendline_chart::chance::chance_svg;
/// let svg = chance_svg(&[("m".into(), "M".into(), vec![(19000.0, 0.0), (20000.0, 1.0)])],
///     19500.0, "2023-05-16", 400.0, 180.0, "Chance by date");
/// assert!(svg.starts_with("<svg") && svg.contains("data-id=\"m\"") && svg.contains("by-mark"));
/// ```
pub fn chance_svg(
    curves: &[NamedSeries],
    by: f64,
    by_label: &str,
    width: f64,
    height: f64,
    label: &str,
) -> String {
    let (c, by_x) = chance_chart(curves, by, width, height);
    let (l, t, r, b) = c.plot;
    let f = |v: f64| format!("{v:.1}");
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chance-chart\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">",
        esc(label),
        w = f(width),
        h = f(height)
    );
    s.push_str("<g class=\"grid\">");
    for k in &c.y_ticks {
        s.push_str(&format!(
            "<line x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/><text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            f(l),
            f(r),
            f(l - 6.0),
            f(k.at + 4.0),
            esc(&k.label),
            y = f(k.at)
        ));
    }
    for k in &c.x_ticks {
        s.push_str(&format!(
            "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            f(k.at),
            f(b + 16.0),
            esc(&k.label)
        ));
    }
    s.push_str("</g>");
    for (i, line) in c.lines.iter().enumerate() {
        let pts: Vec<String> = line
            .points
            .iter()
            .map(|(x, y)| format!("{},{}", f(*x), f(*y)))
            .collect();
        s.push_str(&format!(
            "<polyline class=\"chance-curve chance-{}\" data-id=\"{}\" points=\"{}\"><title>{}</title></polyline>",
            i % 6,
            esc(&line.id),
            pts.join(" "),
            esc(&line.label)
        ));
    }
    if let Some(x) = by_x {
        s.push_str(&format!(
            "<line class=\"by-mark\" data-testid=\"chance-by-mark\" x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\"/><text class=\"tick by-label\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            f(t),
            f(b),
            f((t - 1.0).max(9.0)),
            esc(by_label),
            x = f(x)
        ));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_or_flat_input_gives_an_empty_chart() {
        let (c, by) = chance_chart(&[], 19000.0, 300.0, 150.0);
        assert!(c.lines.is_empty() && by.is_none());
        let svg = chance_svg(
            &[("a".into(), "<A>".into(), vec![(1.0, f64::NAN)])],
            f64::NAN,
            "x",
            300.0,
            150.0,
            "a&b",
        );
        assert!(svg.contains("a&amp;b") && !svg.contains("<A>"));
    }
}
