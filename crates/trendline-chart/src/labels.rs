//! Where the chart's text labels go: milestone labels at the left end of their lines, the
//! published-forecast labels, and model names beside frontier points, each in a free spot so
//! that no two labels overlap and no label covers a point. Pure: [`crate::draw`] paints what
//! [`place_labels`] returns, and the page reads the same list for its readouts.
//!
//! Text is never measured (see [`crate::draw`]): a label's width is estimated as 0.6 em per
//! character, which is wider than the usual sans-serif average, so estimated boxes contain the
//! painted text.

use crate::draw::{Layout, Theme};
use crate::model::ChartModel;

/// A box in backend pixels: `(left, top, right, bottom)`.
pub type Rect = (i32, i32, i32, i32);

/// What a placed label belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelOf {
    /// `model.lines[i]` (a milestone or the reliability ceiling).
    Line(usize),
    /// `model.forecasts[i]`.
    Forecast(usize),
    /// `model.points[i]`.
    Point(usize),
}

/// A label with its place: painted with its top-left corner at `(rect.0, rect.1)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// What it labels.
    pub of: LabelOf,
    /// The text.
    pub text: String,
    /// Its box.
    pub rect: Rect,
}

/// Font size of milestone labels, before `theme.scale`.
pub const LINE_FONT: f64 = 11.0;
/// Font size of point and forecast labels, before `theme.scale`.
pub const POINT_FONT: f64 = 10.5;

/// Estimated width of `text` at `size` px: `0.6 · size · scale · characters`.
pub fn text_width(text: &str, size: f64, scale: f64) -> i32 {
    (0.6 * size * scale * text.chars().count() as f64).ceil() as i32
}

fn overlaps(a: Rect, b: Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

fn grow(r: Rect, d: i32) -> Rect {
    (r.0 - d, r.1 - d, r.2 + d, r.3 + d)
}

/// Where the in-plot legend box goes (exports), or `None` when it is not drawn.
pub fn legend_rect(model: &ChartModel, layout: &Layout, theme: &Theme) -> Option<Rect> {
    let s = theme.scale;
    let px = |v: f64| (v * s).round() as i32;
    let (left, top, right, bottom) = layout.plot;
    let (pw, ph) = (right - left, bottom - top);
    let labels: Vec<&str> = model
        .point_legend
        .iter()
        .map(|e| e.3.as_str())
        .chain(model.curves.iter().map(|c| c.label.as_str()))
        .chain(model.bands.iter().map(|b| b.label.as_str()))
        .collect();
    let n = labels.len();
    if !model.legend_in_plot || n == 0 || pw < px(240.0) || ph < px(40.0 + 15.0 * n as f64) {
        return None;
    }
    let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64;
    let (lx, ly) = (left + px(8.0), top + px(6.0));
    let box_w = px(36.0 + 6.6 * longest).min(pw - px(16.0));
    Some((
        lx - px(4.0),
        ly - px(3.0),
        lx + box_w,
        ly + px(15.0) * n as i32 + px(3.0),
    ))
}

/// Places every label of `model` on the plot `layout` describes.
///
/// 1. Milestone and ceiling lines, lowest first: above the line at its left end, or below it
///    when another line or label is too close above; the full label when it fits before the
///    Monte Carlo band starts, else the short one; left out when neither spot is free (the
///    milestone table lists every milestone).
/// 2. Published forecasts, then frontier points from the newest back: the first free spot of
///    right, left, above, below and the four diagonals, inside the plot, clear of every point
///    marker, forecast marker, milestone line, the in-plot legend and every label placed
///    before (2 px apart).
///    A label with no free spot is left out; the tooltip and the data table still name it.
pub fn place_labels(model: &ChartModel, layout: &Layout, theme: &Theme) -> Vec<Placed> {
    let s = theme.scale;
    let px = |v: f64| (v * s).round() as i32;
    let (left, top, right, bottom) = layout.plot;
    let mut out: Vec<Placed> = Vec::new();

    // 1. Lines. Room for a label: from the plot's left edge to where the band starts.
    let room = model
        .bands
        .first()
        .and_then(|b| b.rows.first())
        .map_or(f64::from(right), |r| layout.to_px(r.0, model.y_range.0).0)
        - f64::from(left)
        - 8.0 * s;
    let mut order: Vec<(usize, f64)> = model
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.y >= model.y_range.0 && l.y <= model.y_range.1)
        .map(|(i, l)| (i, layout.to_px(model.x_range.0, l.y).1))
        .collect();
    trendline_core::data::order::sort_by(&mut order, |a, b| {
        model.lines[a.0].y.total_cmp(&model.lines[b.0].y)
    });
    let line_ys: Vec<i32> = order.iter().map(|(_, y)| y.round() as i32).collect();
    let label_h = px(13.0);
    for &(i, y) in &order {
        let line = &model.lines[i];
        let yi = y.round() as i32;
        let fits = |t: &str| 0.6 * LINE_FONT * s * t.chars().count() as f64 <= room;
        let text = if fits(&line.label) {
            &line.label
        } else {
            &line.short
        };
        let x0 = left + px(4.0);
        let x1 = x0 + text_width(text, LINE_FONT, s);
        let free = |(t, b): (i32, i32)| {
            t >= top
                && b <= bottom
                && !line_ys.iter().any(|&ly| ly != yi && ly >= t && ly <= b)
                && !out.iter().any(|p| p.rect.1 <= b && t <= p.rect.3)
        };
        let spot = [(yi - label_h, yi - 1), (yi + 1, yi + label_h)]
            .into_iter()
            .find(|b| free(*b));
        if let Some((t, b)) = spot {
            out.push(Placed {
                of: LabelOf::Line(i),
                text: text.clone(),
                rect: (x0, t, x1, b),
            });
        }
    }

    // 2. Forecasts and points.
    let r = (4.0 * s).round() as i32 + 1;
    let mut obstacles: Vec<Rect> = model
        .points
        .iter()
        .map(|p| {
            let (x, y) = layout.to_px(p.x, p.y);
            let (x, y) = (x.round() as i32, y.round() as i32);
            (x - r, y - r, x + r, y + r)
        })
        .collect();
    let fr = (5.5 * s).round() as i32 + 1;
    obstacles.extend(model.forecasts.iter().map(|f| {
        let (x, y) = layout.to_px(f.x, f.y);
        let (x, y) = (x.round() as i32, y.round() as i32);
        (x - fr, y - fr, x + fr, y + fr)
    }));
    obstacles.extend(legend_rect(model, layout, theme));
    // The milestone and ceiling lines: a name printed across a dashed line is hard to read.
    obstacles.extend(line_ys.iter().map(|&y| (left, y - 1, right, y + 2)));
    let inside = (left + 2, top, right - 2, bottom - 2);
    let h = px(13.0);
    let gap = px(3.0);
    let place = |of: LabelOf, text: String, (x, y): (i32, i32), r: i32, out: &mut Vec<Placed>| {
        let w = text_width(&text, POINT_FONT, s);
        let d = r + gap;
        let candidates = [
            (x + d, y - h / 2),
            (x - d - w, y - h / 2),
            (x - w / 2, y - d - h),
            (x - w / 2, y + d),
            (x + r, y - r - h),
            (x - r - w, y + r),
            (x - r - w, y - r - h),
            (x + r, y + r),
        ];
        let free = |c: Rect| {
            c.0 >= inside.0
                && c.1 >= inside.1
                && c.2 <= inside.2
                && c.3 <= inside.3
                && !obstacles.iter().any(|&o| overlaps(c, o))
                && !out.iter().any(|p| overlaps(grow(c, 2), p.rect))
        };
        if let Some(rect) = candidates
            .into_iter()
            .map(|(cx, cy)| (cx, cy, cx + w, cy + h))
            .find(|&c| free(c))
        {
            out.push(Placed { of, text, rect });
        }
    };
    for (i, f) in model.forecasts.iter().enumerate() {
        let (x, y) = layout.to_px(f.x, f.y);
        place(
            LabelOf::Forecast(i),
            format!("Forecast: {}", f.label),
            (x.round() as i32, y.round() as i32),
            fr,
            &mut out,
        );
    }
    let mut named: Vec<usize> = (0..model.points.len())
        .filter(|&i| model.points[i].label.is_some())
        .collect();
    trendline_core::data::order::sort_by(&mut named, |&a, &b| {
        model.points[b].x.total_cmp(&model.points[a].x)
    });
    for i in named {
        let p = &model.points[i];
        let (x, y) = layout.to_px(p.x, p.y);
        if let Some(text) = &p.label {
            place(
                LabelOf::Point(i),
                text.clone(),
                (x.round() as i32, y.round() as i32),
                r,
                &mut out,
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_overlap_only_when_they_share_area() {
        assert!(overlaps((0, 0, 10, 10), (5, 5, 15, 15)));
        assert!(!overlaps((0, 0, 10, 10), (10, 0, 20, 10)));
        assert!(!overlaps((0, 0, 10, 10), (0, 11, 10, 20)));
    }

    #[test]
    fn width_grows_with_the_text_and_the_scale() {
        assert_eq!(text_width("", 10.0, 1.0), 0);
        assert_eq!(text_width("abcde", 10.0, 1.0), 30);
        assert_eq!(text_width("abcde", 10.0, 2.0), 60);
    }
}
