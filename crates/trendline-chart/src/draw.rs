//! Paints a [`ChartModel`] on any plotters backend. Axes, ticks and the legend are drawn from
//! primitives with anchored text, so no text is ever measured (measuring text forces a page
//! layout in browsers, which would make every redraw slow).

use crate::labels::{legend_rect, place_labels, LabelOf, LINE_FONT, POINT_FONT};
use crate::model::{ChartModel, CurveStyle, Marker};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use trendline_core::Day;

/// Colours and scale. `scale` multiplies every length (device pixel ratio, or 2 for exports).
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Multiplier for lengths and font sizes.
    pub scale: f64,
    /// Background.
    pub background: RGBColor,
    /// Text.
    pub text: RGBColor,
    /// Secondary text (ticks, footer).
    pub muted: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Frontier points and the fit.
    pub frontier: RGBColor,
    /// Other points.
    pub other: RGBColor,
    /// Projection under the reader's assumption.
    pub projection: RGBColor,
    /// Reliability ceiling and above-ceiling points.
    pub warning: RGBColor,
    /// Milestone lines.
    pub milestone: RGBColor,
    /// Later points inside the 80% band of an as-of fit.
    pub hit_inside: RGBColor,
    /// Later points outside the 95% band.
    pub hit_outside: RGBColor,
    /// Scenarios A, B and C.
    pub scenarios: [RGBColor; 3],
    /// Font family.
    pub font: &'static str,
    /// Extra factor for font sizes only: plotters' SVG backend writes `size / 1.24`, so SVG
    /// output uses 1.24 to match the canvas.
    pub text_scale: f64,
}

impl Theme {
    /// Light theme at `scale`.
    pub fn light(scale: f64) -> Theme {
        Theme {
            scale,
            background: RGBColor(255, 255, 255),
            text: RGBColor(28, 32, 38),
            muted: RGBColor(92, 99, 110),
            grid: RGBColor(229, 231, 235),
            frontier: RGBColor(29, 78, 216),
            other: RGBColor(107, 114, 128),
            projection: RGBColor(190, 24, 93),
            warning: RGBColor(194, 65, 12),
            milestone: RGBColor(120, 113, 108),
            hit_inside: RGBColor(21, 128, 61),
            hit_outside: RGBColor(185, 28, 28),
            scenarios: [
                RGBColor(15, 118, 110),
                RGBColor(161, 98, 7),
                RGBColor(109, 40, 217),
            ],
            font: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            text_scale: 1.0,
        }
    }

    /// Dark theme at `scale`: the page's dark colours (style.css), lighter strokes so every
    /// line and label keeps its contrast on the dark background.
    pub fn dark(scale: f64) -> Theme {
        Theme {
            scale,
            background: RGBColor(17, 24, 39),
            text: RGBColor(229, 231, 235),
            muted: RGBColor(156, 163, 175),
            grid: RGBColor(55, 65, 81),
            frontier: RGBColor(96, 165, 250),
            other: RGBColor(156, 163, 175),
            projection: RGBColor(244, 114, 182),
            warning: RGBColor(251, 146, 60),
            milestone: RGBColor(168, 162, 158),
            hit_inside: RGBColor(74, 222, 128),
            hit_outside: RGBColor(248, 113, 113),
            scenarios: [
                RGBColor(45, 212, 191),
                RGBColor(250, 204, 21),
                RGBColor(196, 181, 253),
            ],
            ..Theme::light(scale)
        }
    }
}

/// Where the plot landed in pixels, to map between data and pixels (hit-testing, tooltips).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// Plot rectangle `(left, top, right, bottom)` in backend pixels.
    pub plot: (i32, i32, i32, i32),
    /// Horizontal extent (day numbers).
    pub x_range: (f64, f64),
    /// Vertical extent (plot coordinates).
    pub y_range: (f64, f64),
}

impl Layout {
    /// Pixel position of plot coordinates `(x, y)`:
    /// `px = left + (x − x₀)/(x₁ − x₀)·width`, `py = bottom − (y − y₀)/(y₁ − y₀)·height`.
    pub fn to_px(&self, x: f64, y: f64) -> (f64, f64) {
        let (l, t, r, b) = self.plot;
        let fx = (x - self.x_range.0) / (self.x_range.1 - self.x_range.0);
        let fy = (y - self.y_range.0) / (self.y_range.1 - self.y_range.0);
        (
            f64::from(l) + fx * f64::from(r - l),
            f64::from(b) - fy * f64::from(b - t),
        )
    }

    /// Index (into `model.points`) of the point nearest to pixel `(px, py)`, if within
    /// `radius` pixels.
    pub fn nearest_point(
        &self,
        model: &ChartModel,
        px: f64,
        py: f64,
        radius: f64,
    ) -> Option<usize> {
        let mut best = None;
        let mut best_d = radius * radius;
        for (i, p) in model.points.iter().enumerate() {
            let (x, y) = self.to_px(p.x, p.y);
            let d = (x - px).powi(2) + (y - py).powi(2);
            if d <= best_d {
                best_d = d;
                best = Some(i);
            }
        }
        best
    }
}

/// Clips segment `a–b` to the rectangle `[x0, x1] × [y0, y1]` (Liang–Barsky).
fn clip(
    a: (f64, f64),
    b: (f64, f64),
    (x0, x1): (f64, f64),
    (y0, y1): (f64, f64),
) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [
        (-dx, a.0 - x0),
        (dx, x1 - a.0),
        (-dy, a.1 - y0),
        (dy, y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1).then_some((
        (a.0 + t0 * dx, a.1 + t0 * dy),
        (a.0 + t1 * dx, a.1 + t1 * dy),
    ))
}

/// Splits a pixel segment into dashes of length `on` separated by `off`.
fn dashes(a: (f64, f64), b: (f64, f64), on: f64, off: f64) -> Vec<[(i32, i32); 2]> {
    let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
    let mut out = Vec::new();
    if len <= 0.0 || on <= 0.0 {
        return out;
    }
    let (ux, uy) = ((b.0 - a.0) / len, (b.1 - a.1) / len);
    let mut s = 0.0;
    while s < len {
        let e = (s + on).min(len);
        out.push([
            ((a.0 + ux * s).round() as i32, (a.1 + uy * s).round() as i32),
            ((a.0 + ux * e).round() as i32, (a.1 + uy * e).round() as i32),
        ]);
        s = e + off;
    }
    out
}

/// Splits a polyline (plot coordinates) into runs of pixel points inside the plot.
fn clipped_runs(
    points: &[(f64, f64)],
    layout: &Layout,
    model: &ChartModel,
) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for pair in points.windows(2) {
        match clip(pair[0], pair[1], model.x_range, model.y_range) {
            Some((a, b)) => {
                let (pa, pb) = (layout.to_px(a.0, a.1), layout.to_px(b.0, b.1));
                if current
                    .last()
                    .is_none_or(|&l| (l.0 - pa.0).abs() > 0.5 || (l.1 - pa.1).abs() > 0.5)
                {
                    if current.len() > 1 {
                        runs.push(std::mem::take(&mut current));
                    }
                    current = vec![pa];
                }
                current.push(pb);
            }
            None => {
                if current.len() > 1 {
                    runs.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
    }
    if current.len() > 1 {
        runs.push(current);
    }
    runs
}

/// Dashes along a pixel polyline, the pattern carried across vertices: dashes of length `on`
/// separated by gaps of `off`.
fn dashed_polyline(run: &[(f64, f64)], on: f64, off: f64) -> Vec<Vec<(i32, i32)>> {
    let mut out = Vec::new();
    if on <= 0.0 || run.len() < 2 {
        return out;
    }
    let period = on + off;
    let mut phase = 0.0; // distance into the current period
    let mut dash: Vec<(i32, i32)> = Vec::new();
    let r = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);
    for pair in run.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        if len == 0.0 {
            continue;
        }
        let at = |d: f64| (a.0 + (b.0 - a.0) * d / len, a.1 + (b.1 - a.1) * d / len);
        let mut pos = 0.0;
        while pos < len {
            if phase < on {
                if dash.is_empty() {
                    dash.push(r(at(pos)));
                }
                let step = (on - phase).min(len - pos);
                pos += step;
                phase += step;
                dash.push(r(at(pos)));
                if phase >= on && dash.len() > 1 {
                    out.push(std::mem::take(&mut dash));
                }
            } else {
                let step = (period - phase).min(len - pos);
                pos += step;
                phase += step;
                if phase >= period {
                    phase = 0.0;
                }
            }
        }
    }
    if dash.len() > 1 {
        out.push(dash);
    }
    out
}

type DrawResult<DB> = Result<Layout, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Draws `model` on `area` and returns where the plot landed.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    model: &ChartModel,
    theme: &Theme,
) -> DrawResult<DB> {
    draw_layer(area, model, theme, Layer::All)
}

/// Which parts of the chart to paint. The page paints [`Layer::Base`] (axes, milestones, the
/// fit, the points) on one canvas and [`Layer::Overlay`] (Monte Carlo bands, projections,
/// markers, the highlighted point) on a transparent canvas above it, so moving a slider repaints
/// only the overlay. Exports paint [`Layer::All`] on one surface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// Everything that does not depend on the projection.
    Base,
    /// Everything that does; painted without a background.
    Overlay,
    /// Both, in order, on one surface.
    All,
}

/// Draws one [`Layer`] of `model` on `area` and returns where the plot landed (the same for
/// every layer).
pub fn draw_layer<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    model: &ChartModel,
    theme: &Theme,
    layer: Layer,
) -> DrawResult<DB> {
    let (base, over) = (layer != Layer::Overlay, layer != Layer::Base);
    let s = theme.scale;
    let px = |v: f64| (v * s).round() as i32;
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    if base {
        area.fill(&theme.background)?;
    }

    let font = |size: f64, color: &RGBColor, h: HPos, v: VPos| -> TextStyle<'static> {
        TextStyle {
            // A named family, not a `&str`: plotters reads a string through `to_lowercase`,
            // which would bring Unicode's case tables into the wasm. Same font either way.
            font: (FontFamily::Name(theme.font), size * s * theme.text_scale).into_font(),
            color: color.to_backend_color(),
            pos: Pos::new(h, v),
        }
    };
    let caption_h = if model.caption.is_some() { px(30.0) } else { 0 };
    let footer_h = if model.footer.is_empty() {
        0
    } else {
        px(8.0 + 15.0 * model.footer.len() as f64)
    };
    // Room for the longest y tick label (about 0.6 em per character at 12 px; text is never
    // measured, see the module note), at least 56 px.
    let longest = model
        .y_ticks
        .iter()
        .map(|(_, l)| l.chars().count())
        .max()
        .unwrap_or(0) as f64;
    let (left, right) = (px((12.0 + 7.2 * longest).max(56.0)), w - px(12.0));
    let (top, bottom) = (caption_h + px(26.0), h - footer_h - px(36.0));
    let layout = Layout {
        plot: (left, top, right.max(left + 1), bottom.max(top + 1)),
        x_range: model.x_range,
        y_range: model.y_range,
    };
    let pw = layout.plot.2 - left;

    if base {
        if let Some(c) = &model.caption {
            let bold = TextStyle {
                font: (
                    FontFamily::Name(theme.font),
                    17.0 * s * theme.text_scale,
                    FontStyle::Bold,
                )
                    .into_font(),
                color: theme.text.to_backend_color(),
                pos: Pos::new(HPos::Left, VPos::Top),
            };
            area.draw_text(c, &bold, (px(12.0), px(8.0)))?;
        }
        area.draw_text(
            &model.y_title,
            &font(12.0, &theme.muted, HPos::Left, VPos::Bottom),
            (px(8.0), top - px(8.0)),
        )?;

        // Horizontal grid and y tick labels, skipping labels that would collide.
        let mut last_label_y = i32::MAX;
        for (y, label) in &model.y_ticks {
            let (_, py) = layout.to_px(model.x_range.0, *y);
            let py = py.round() as i32;
            if py < top || py > layout.plot.3 {
                continue;
            }
            area.draw(&PathElement::new(
                vec![(left, py), (layout.plot.2, py)],
                theme.grid.stroke_width(px(1.0).max(1) as u32),
            ))?;
            if (last_label_y - py).abs() >= px(14.0) {
                area.draw_text(
                    label,
                    &font(12.0, &theme.muted, HPos::Right, VPos::Center),
                    (left - px(6.0), py),
                )?;
                last_label_y = py;
            }
        }

        // Vertical grid at 1 January, every 1, 2, 5 or 10 years so labels keep 48 px apart.
        let (first_year, last_year) = (year_of(model.x_range.0), year_of(model.x_range.1));
        let per_year = f64::from(pw) / ((model.x_range.1 - model.x_range.0) / 365.2425);
        let step = [1, 2, 5, 10, 25, 50, 100]
            .into_iter()
            .find(|&k| f64::from(k) * per_year >= 48.0 * s)
            .unwrap_or(100);
        // Within a year, when there is room: July, or every quarter.
        let months: &[u8] = if step > 1 || per_year < 150.0 * s {
            &[1]
        } else if per_year < 300.0 * s {
            &[1, 7]
        } else {
            &[1, 4, 7, 10]
        };
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        for year in first_year..=last_year + 1 {
            if year.rem_euclid(step) != 0 {
                continue;
            }
            for &month in months {
                let Some(d) = Day::from_ymd(year, month, 1) else {
                    continue;
                };
                if d.x() < model.x_range.0 || d.x() > model.x_range.1 {
                    continue;
                }
                let (x, _) = layout.to_px(d.x(), model.y_range.0);
                let x = x.round() as i32;
                area.draw(&PathElement::new(
                    vec![(x, top), (x, layout.plot.3)],
                    theme.grid.stroke_width(px(1.0).max(1) as u32),
                ))?;
                let (label, size) = if month == 1 {
                    (year.to_string(), 12.0)
                } else {
                    (MONTHS[usize::from(month - 1)].to_string(), 11.0)
                };
                area.draw_text(
                    &label,
                    &font(size, &theme.muted, HPos::Center, VPos::Top),
                    (x, layout.plot.3 + px(6.0)),
                )?;
            }
        }
        area.draw_text(
            &model.x_title,
            &font(11.0, &theme.muted, HPos::Right, VPos::Top),
            (layout.plot.2, layout.plot.3 + px(21.0)),
        )?;

        // Axes.
        let axis = theme.muted.stroke_width(px(1.0).max(1) as u32);
        area.draw(&PathElement::new(
            vec![
                (left, top),
                (left, layout.plot.3),
                (layout.plot.2, layout.plot.3),
            ],
            axis,
        ))?;

        // Milestones and ceilings: dashed lines; their labels sit at the left end, above
        // their line (below it when another line is too close above), where the data is older
        // and lower and the Monte Carlo band (painted later, on the right) never covers them
        // (see `labels::place_labels`).
        for line in &model.lines {
            if line.y < model.y_range.0 || line.y > model.y_range.1 {
                continue;
            }
            let y = layout.to_px(model.x_range.0, line.y).1;
            let color = if line.warning {
                theme.warning
            } else {
                theme.milestone
            };
            let style = color.stroke_width(px(1.0).max(1) as u32);
            for seg in dashes(
                (f64::from(left), y),
                (f64::from(layout.plot.2), y),
                6.0 * s,
                4.0 * s,
            ) {
                area.draw(&PathElement::new(seg.to_vec(), style))?;
            }
        }
    }
    let labels = if base {
        place_labels(model, &layout, theme)
    } else {
        Vec::new()
    };
    if base {
        for l in &labels {
            if let LabelOf::Line(i) = l.of {
                let color = if model.lines[i].warning {
                    theme.warning
                } else {
                    theme.milestone
                };
                area.draw_text(
                    &l.text,
                    &font(LINE_FONT, &color, HPos::Left, VPos::Top),
                    (l.rect.0, l.rect.1 + px(1.0)),
                )?;
            }
        }
    }

    if over {
        // Monte Carlo bands (already clamped to the plot), widest first.
        for band in &model.bands {
            if band.rows.len() < 2 {
                continue;
            }
            let alpha = band_alpha(band.level);
            let mut poly: Vec<(i32, i32)> = Vec::with_capacity(band.rows.len() * 2);
            for &(x, lo, _) in &band.rows {
                let (px_, py_) = layout.to_px(x.clamp(model.x_range.0, model.x_range.1), lo);
                poly.push((px_.round() as i32, py_.round() as i32));
            }
            for &(x, _, hi) in band.rows.iter().rev() {
                let (px_, py_) = layout.to_px(x.clamp(model.x_range.0, model.x_range.1), hi);
                poly.push((px_.round() as i32, py_.round() as i32));
            }
            area.draw(&Polygon::new(poly, theme.projection.mix(alpha).filled()))?;
        }

        // Vertical markers (as-of date, singularity).
        for v in &model.vlines {
            if v.x < model.x_range.0 || v.x > model.x_range.1 {
                continue;
            }
            let (x, _) = layout.to_px(v.x, model.y_range.1);
            let style = theme.text.mix(0.6).stroke_width(px(1.0).max(1) as u32);
            for seg in dashes(
                (x, f64::from(top)),
                (x, f64::from(layout.plot.3)),
                3.0 * s,
                3.0 * s,
            ) {
                area.draw(&PathElement::new(seg.to_vec(), style))?;
            }
            area.draw_text(
                &v.label,
                &font(11.0, &theme.text, HPos::Left, VPos::Top),
                (x.round() as i32 + px(4.0), top + px(2.0)),
            )?;
        }
    }

    // Curves, clipped to the plot.
    for curve in &model.curves {
        if (curve.style == CurveStyle::Fit && !base) || (curve.style != CurveStyle::Fit && !over) {
            continue;
        }
        let (color, pattern, width) = curve_look(curve.style, theme);
        let style = color.stroke_width(px(width).max(1) as u32);
        for run in clipped_runs(&curve.points, &layout, model) {
            match pattern {
                None => area.draw(&PathElement::new(
                    run.iter()
                        .map(|&(x, y)| (x.round() as i32, y.round() as i32))
                        .collect::<Vec<_>>(),
                    style,
                ))?,
                Some((on, off)) => {
                    for seg in dashed_polyline(&run, on * s, off * s) {
                        area.draw(&PathElement::new(seg, style))?;
                    }
                }
            }
        }
    }

    let r = 4.0 * s;
    if base {
        // Points: interval whiskers, then markers.
        for p in &model.points {
            let color = if p.dropped {
                theme.grid
            } else if p.above_cap {
                theme.warning
            } else if p.filled {
                theme.frontier
            } else {
                theme.other
            };
            let (x, y) = layout.to_px(p.x, p.y);
            if let Some((lo, hi)) = p.interval {
                let lo = lo.max(model.y_range.0);
                let hi = hi.min(model.y_range.1);
                let (_, ylo) = layout.to_px(p.x, lo);
                let (_, yhi) = layout.to_px(p.x, hi);
                let whisker = color.mix(0.45).stroke_width(px(1.0).max(1) as u32);
                area.draw(&PathElement::new(
                    vec![
                        (x.round() as i32, ylo.round() as i32),
                        (x.round() as i32, yhi.round() as i32),
                    ],
                    whisker,
                ))?;
            }
            draw_marker(
                area,
                p.marker,
                (x, y),
                r,
                &color,
                p.filled && !p.dropped,
                theme,
            )?;
            if p.dropped {
                let d = r.round() as i32 + px(1.0);
                let st = theme.other.stroke_width(px(1.5).max(1) as u32);
                let (xi, yi) = (x.round() as i32, y.round() as i32);
                area.draw(&PathElement::new(
                    vec![(xi - d, yi - d), (xi + d, yi + d)],
                    st,
                ))?;
            }
            if let Some(hit) = p.hit {
                let ring = match hit {
                    trendline_core::forecast::BandHit::Inside80 => theme.hit_inside,
                    trendline_core::forecast::BandHit::Inside95 => theme.warning,
                    _ => theme.hit_outside,
                };
                area.draw(&Circle::new(
                    (x.round() as i32, y.round() as i32),
                    (r * 1.8).round() as i32,
                    ring.stroke_width(px(2.0).max(1) as u32),
                ))?;
            }
        }
    }

    if base {
        // Published forecasts: a dashed whisker over the range given, a hollow diamond at the
        // median (forecasts, not data: never filled like a measured point).
        for f in &model.forecasts {
            let (x, y) = layout.to_px(f.x, f.y);
            let xi = x.round() as i32;
            let style = theme.text.stroke_width(px(1.5).max(1) as u32);
            if let Some((lo, hi)) = f.interval {
                let (_, ylo) = layout.to_px(f.x, lo.max(model.y_range.0));
                let (_, yhi) = layout.to_px(f.x, hi.min(model.y_range.1));
                for seg in dashes((x, ylo), (x, yhi), 3.0 * s, 2.0 * s) {
                    area.draw(&PathElement::new(seg.to_vec(), style))?;
                }
                for yy in [ylo, yhi] {
                    let yy = yy.round() as i32;
                    area.draw(&PathElement::new(
                        vec![(xi - px(4.0), yy), (xi + px(4.0), yy)],
                        style,
                    ))?;
                }
            }
            draw_marker(area, Marker::Diamond, (x, y), r, &theme.text, false, theme)?;
        }
        for l in &labels {
            let color = match l.of {
                LabelOf::Line(_) => continue,
                LabelOf::Forecast(_) => theme.text,
                LabelOf::Point(_) => theme.muted,
            };
            area.draw_text(
                &l.text,
                &font(POINT_FONT, &color, HPos::Left, VPos::Top),
                (l.rect.0, l.rect.1 + px(1.0)),
            )?;
        }
    }

    if let Some(p) = model
        .highlight
        .and_then(|i| model.points.get(i))
        .filter(|_| over)
    {
        let (x, y) = layout.to_px(p.x, p.y);
        let ring = theme.text.stroke_width(px(2.0).max(1) as u32);
        area.draw(&Circle::new(
            (x.round() as i32, y.round() as i32),
            (r * 2.0).round() as i32,
            ring,
        ))?;
    }

    // The legend names the projection, so it belongs to the overlay.
    if over {
        // Legend, top left inside the plot.
        let mut entries: Vec<(Swatch, &str)> = Vec::new();
        for (m, filled, above, label) in &model.point_legend {
            let color = if *above {
                theme.warning
            } else if *filled {
                theme.frontier
            } else {
                theme.other
            };
            entries.push((Swatch::Marker(*m, *filled, color), label));
        }
        for c in &model.curves {
            let (color, pattern, _) = curve_look(c.style, theme);
            entries.push((Swatch::Line(color, pattern), &c.label));
        }
        for b in model.bands.iter().rev() {
            // The 80% band is drawn over the 95% one: its swatch shows both layers.
            let alpha = if b.level >= 95 {
                band_alpha(95)
            } else {
                band_alpha(95) + band_alpha(80)
            };
            entries.push((Swatch::Band(alpha), &b.label));
        }
        // Its box is the one `labels::place_labels` keeps the point names out of.
        if let Some((bl, bt, br, bb)) = legend_rect(model, &layout, theme) {
            let row = px(15.0);
            let (lx, ly) = (left + px(8.0), top + px(6.0));
            area.draw(&Rectangle::new(
                [(bl, bt), (br, bb)],
                theme.background.mix(0.9).filled(),
            ))?;
            for (i, (swatch, label)) in entries.iter().enumerate() {
                let cy = ly + row * i as i32 + row / 2;
                match swatch {
                    Swatch::Marker(m, filled, color) => {
                        draw_marker(
                            area,
                            *m,
                            (f64::from(lx + px(10.0)), f64::from(cy)),
                            r,
                            color,
                            *filled,
                            theme,
                        )?;
                    }
                    Swatch::Band(alpha) => {
                        area.draw(&Rectangle::new(
                            [(lx, cy - px(5.0)), (lx + px(20.0), cy + px(5.0))],
                            theme.projection.mix(*alpha).filled(),
                        ))?;
                    }
                    Swatch::Line(color, pattern) => {
                        let style = color.stroke_width(px(2.0).max(1) as u32);
                        let (a, b) = (
                            (f64::from(lx), f64::from(cy)),
                            (f64::from(lx + px(20.0)), f64::from(cy)),
                        );
                        match pattern {
                            None => area.draw(&PathElement::new(
                                vec![(lx, cy), (lx + px(20.0), cy)],
                                style,
                            ))?,
                            Some((on, off)) => {
                                for seg in dashes(a, b, on * s * 0.6, off * s * 0.6) {
                                    area.draw(&PathElement::new(seg.to_vec(), style))?;
                                }
                            }
                        }
                    }
                }
                area.draw_text(
                    label,
                    &font(12.0, &theme.text, HPos::Left, VPos::Center),
                    (lx + px(28.0), cy),
                )?;
            }
        }
    }
    if base {
        for (i, line) in model.footer.iter().enumerate() {
            let y = h - footer_h + px(6.0) + px(15.0) * i as i32;
            area.draw_text(
                line,
                &font(11.5, &theme.muted, HPos::Left, VPos::Top),
                (px(12.0), y),
            )?;
        }
    }
    area.present()?;
    Ok(layout)
}

/// A legend swatch: a point marker, or a line with its dash pattern.
enum Swatch {
    Marker(Marker, bool, RGBColor),
    Line(RGBColor, Option<(f64, f64)>),
    /// A shaded band with this opacity.
    Band(f64),
}

/// Opacity of a Monte Carlo band by level.
fn band_alpha(level: u8) -> f64 {
    if level >= 95 {
        0.10
    } else {
        0.16
    }
}

/// Colour, dash pattern `(on, off)` and stroke width of a curve style (before `theme.scale`).
pub fn curve_look(style: CurveStyle, theme: &Theme) -> (RGBColor, Option<(f64, f64)>, f64) {
    match style {
        CurveStyle::Fit => (theme.frontier, None, 2.0),
        CurveStyle::FitExtension => (theme.frontier, Some((2.0, 4.0)), 1.5),
        CurveStyle::Projection => (theme.projection, Some((9.0, 6.0)), 2.5),
        CurveStyle::FanMedian => (theme.projection, Some((1.5, 3.0)), 1.2),
        CurveStyle::Scenario(k) => {
            let k = usize::from(k).min(2);
            let dash = [(14.0, 4.0), (3.0, 3.0), (8.0, 3.0)][k];
            (theme.scenarios[k], Some(dash), 2.0)
        }
    }
}

fn year_of(x: f64) -> i32 {
    Day::from_x(x).map_or(1970, |d| d.ymd().0)
}

fn draw_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    marker: Marker,
    (x, y): (f64, f64),
    r: f64,
    color: &RGBColor,
    filled: bool,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (xi, yi) = (x.round() as i32, y.round() as i32);
    let ri = r.round() as i32;
    let stroke = (1.5 * theme.scale).round().max(1.0) as u32;
    let style = if filled {
        color.filled()
    } else {
        color.stroke_width(stroke)
    };
    match marker {
        Marker::Circle => {
            if !filled {
                area.draw(&Circle::new((xi, yi), ri, theme.background.filled()))?;
            }
            area.draw(&Circle::new((xi, yi), ri, style))
        }
        Marker::Dot => area.draw(&Circle::new(
            (xi, yi),
            (r * 0.6).round().max(1.0) as i32,
            color.filled(),
        )),
        Marker::Square => {
            let d = (r * 0.9).round() as i32;
            if !filled {
                area.draw(&Rectangle::new(
                    [(xi - d, yi - d), (xi + d, yi + d)],
                    theme.background.filled(),
                ))?;
            }
            area.draw(&Rectangle::new([(xi - d, yi - d), (xi + d, yi + d)], style))
        }
        Marker::Triangle => {
            let d = (r * 1.2).round() as i32;
            let pts = vec![
                (xi, yi - d),
                (xi + d, yi + d * 2 / 3),
                (xi - d, yi + d * 2 / 3),
            ];
            if filled {
                area.draw(&Polygon::new(pts, color.filled()))
            } else {
                area.draw(&Polygon::new(pts.clone(), theme.background.filled()))?;
                let mut closed = pts.clone();
                closed.push(pts[0]);
                area.draw(&PathElement::new(closed, color.stroke_width(stroke)))
            }
        }
        Marker::Diamond => {
            let d = (r * 1.3).round() as i32;
            let pts = vec![(xi, yi - d), (xi + d, yi), (xi, yi + d), (xi - d, yi)];
            area.draw(&Polygon::new(pts.clone(), theme.background.filled()))?;
            let mut closed = pts.clone();
            closed.push(pts[0]);
            area.draw(&PathElement::new(closed, color.stroke_width(stroke)))
        }
        Marker::Cross => {
            let d = ri;
            let st = color.stroke_width(stroke + 1);
            area.draw(&PathElement::new(
                vec![(xi - d, yi - d), (xi + d, yi + d)],
                st,
            ))?;
            area.draw(&PathElement::new(
                vec![(xi - d, yi + d), (xi + d, yi - d)],
                st,
            ))
        }
    }
}

/// The theme an SVG document is drawn with: `theme` with text 1.24 times as large (an SVG
/// viewer's fonts run smaller than the canvas's at the same pixel size).
pub fn svg_theme(theme: &Theme) -> Theme {
    Theme {
        text_scale: theme.text_scale * 1.24,
        ..theme.clone()
    }
}

/// Renders `model` to an SVG document `width × height` pixels (scale 1): drawn with
/// [`svg_theme`], then [`merge_polylines`].
pub fn render_svg(model: &ChartModel, width: u32, height: u32, theme: &Theme) -> String {
    let theme = &svg_theme(theme);
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        // The SVG backend writes into a String and cannot fail.
        let _ = draw(&root, model, theme);
    }
    merge_polylines(&out)
}

/// Joins each run of consecutive opaque `<polyline>` elements that share their attributes (the
/// dashes of one dashed line, grid lines of one colour) into one `<path>` with a subpath per
/// polyline. The picture is the same (each subpath is stroked as the polyline was, in the same
/// order, and opaque strokes do not blend); the document has about a tenth of the elements,
/// which is what a browser parses and lays out before the pre-rendered chart shows.
/// Semi-transparent polylines are kept apart: where two overlap, one path would blend once
/// where the two elements blended twice.
pub fn merge_polylines(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut run: Option<(&str, String)> = None; // (attributes, path data)
    let flush = |out: &mut String, run: &mut Option<(&str, String)>| {
        if let Some((attrs, d)) = run.take() {
            out.push_str(&format!("<path{attrs} d=\"{d}\"/>\n"));
        }
    };
    for line in svg.split_inclusive('\n') {
        let parsed = line
            .trim_end()
            .strip_prefix("<polyline")
            .and_then(|l| l.strip_suffix("\"/>"))
            .and_then(|l| l.split_once(" points=\""))
            .filter(|(attrs, points)| attrs.contains(" opacity=\"1\"") && !points.contains('"'));
        let Some((attrs, points)) = parsed else {
            flush(&mut out, &mut run);
            out.push_str(line);
            continue;
        };
        if run.as_ref().is_some_and(|(a, _)| *a != attrs) {
            flush(&mut out, &mut run);
        }
        let d = &mut run.get_or_insert_with(|| (attrs, String::new())).1;
        for (i, p) in points.split_whitespace().enumerate() {
            d.push(if i == 0 { 'M' } else { 'L' });
            d.push_str(p);
        }
    }
    flush(&mut out, &mut run);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clips_segments_to_the_rectangle() {
        let r = clip((0.0, 0.0), (10.0, 10.0), (0.0, 5.0), (0.0, 5.0)).unwrap();
        assert_eq!(r, ((0.0, 0.0), (5.0, 5.0)));
        assert!(clip((6.0, 6.0), (10.0, 10.0), (0.0, 5.0), (0.0, 5.0)).is_none());
        let r = clip((-5.0, 1.0), (5.0, 1.0), (0.0, 5.0), (0.0, 5.0)).unwrap();
        assert_eq!(r, ((0.0, 1.0), (5.0, 1.0)));
    }

    #[test]
    fn consecutive_opaque_polylines_of_one_style_become_one_path() {
        let svg = "<svg>\n\
<polyline fill=\"none\" opacity=\"1\" stroke=\"#111\" stroke-width=\"1\" points=\"1,2 3,4 \"/>\n\
<polyline fill=\"none\" opacity=\"1\" stroke=\"#111\" stroke-width=\"1\" points=\"5,6 7,8 9,10 \"/>\n\
<polyline fill=\"none\" opacity=\"1\" stroke=\"#222\" stroke-width=\"1\" points=\"0,0 1,1 \"/>\n\
<polyline fill=\"none\" opacity=\"0.45\" stroke=\"#222\" stroke-width=\"1\" points=\"2,2 3,3 \"/>\n\
<polyline fill=\"none\" opacity=\"0.45\" stroke=\"#222\" stroke-width=\"1\" points=\"4,4 5,5 \"/>\n\
<text x=\"1\">a</text>\n\
<polyline fill=\"none\" opacity=\"1\" stroke=\"#111\" stroke-width=\"1\" points=\"1,1 2,2 \"/>\n\
</svg>\n";
        let out = merge_polylines(svg);
        assert_eq!(
            out,
            "<svg>\n\
<path fill=\"none\" opacity=\"1\" stroke=\"#111\" stroke-width=\"1\" d=\"M1,2L3,4M5,6L7,8L9,10\"/>\n\
<path fill=\"none\" opacity=\"1\" stroke=\"#222\" stroke-width=\"1\" d=\"M0,0L1,1\"/>\n\
<polyline fill=\"none\" opacity=\"0.45\" stroke=\"#222\" stroke-width=\"1\" points=\"2,2 3,3 \"/>\n\
<polyline fill=\"none\" opacity=\"0.45\" stroke=\"#222\" stroke-width=\"1\" points=\"4,4 5,5 \"/>\n\
<text x=\"1\">a</text>\n\
<path fill=\"none\" opacity=\"1\" stroke=\"#111\" stroke-width=\"1\" d=\"M1,1L2,2\"/>\n\
</svg>\n"
        );
    }

    #[test]
    fn dashes_cover_the_segment_in_order() {
        let d = dashes((0.0, 0.0), (20.0, 0.0), 5.0, 5.0);
        assert_eq!(d, vec![[(0, 0), (5, 0)], [(10, 0), (15, 0)]]);
        assert!(dashes((0.0, 0.0), (0.0, 0.0), 5.0, 5.0).is_empty());
    }

    #[test]
    fn dashes_continue_across_vertices() {
        let run = [(0.0, 0.0), (3.0, 0.0), (10.0, 0.0), (20.0, 0.0)];
        let d = dashed_polyline(&run, 5.0, 5.0);
        assert_eq!(
            d,
            vec![vec![(0, 0), (3, 0), (5, 0)], vec![(10, 0), (15, 0)]]
        );
    }

    #[test]
    fn layout_maps_corners() {
        let l = Layout {
            plot: (10, 20, 110, 220),
            x_range: (0.0, 100.0),
            y_range: (0.0, 1.0),
        };
        assert_eq!(l.to_px(0.0, 0.0), (10.0, 220.0));
        assert_eq!(l.to_px(100.0, 1.0), (110.0, 20.0));
    }
}
