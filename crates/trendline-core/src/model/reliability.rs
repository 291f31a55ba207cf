//! Horizons at other reliability levels, from METR's logistic success curve.

use crate::data::dataset::{Point, Series};

/// `logit(q) = ln(q / (1 − q))`.
pub fn logit(q: f64) -> f64 {
    (q / (1.0 - q)).ln()
}

/// The task length a model completes with probability `q`, from its 50% and 80% horizons.
///
/// METR's success curve is `P(success | t) = σ(β·(log2 h50 − log2 t))` with
/// `β = logit(0.8) / log2(h50/h80)`, so `h_q = h50 · 2^(−logit(q)/β)
/// = h50 · (h80/h50)^(logit(q)/logit(0.8))`. `None` when `h80 ≥ h50` (no valid curve), for
/// non-positive horizons or `q` outside (0, 1).
///
/// ```
/// use trendline_core::model::reliability::horizon_at;
/// assert_eq!(horizon_at(60.0, 15.0, 0.5), Some(60.0));
/// assert!((horizon_at(60.0, 15.0, 0.8).unwrap() - 15.0).abs() < 1e-9);
/// assert!(horizon_at(60.0, 15.0, 0.9).unwrap() < 15.0);
/// assert_eq!(horizon_at(10.0, 20.0, 0.8), None);
/// ```
pub fn horizon_at(h50: f64, h80: f64, q: f64) -> Option<f64> {
    if !(h50 > 0.0 && h80 > 0.0 && h80 < h50 && q > 0.0 && q < 1.0) {
        return None;
    }
    let h = h50 * (h80 / h50).powf(logit(q) / logit(0.8));
    (h.is_finite() && h > 0.0).then_some(h)
}

/// The id of the 80% series that pairs with a 50% series (`metr-th1.1-p50` → `metr-th1.1-p80`).
pub fn sibling80_id(id: &str) -> Option<String> {
    id.strip_suffix("-p50").map(|stem| format!("{stem}-p80"))
}

/// The series of horizons at reliability `q` (in %, e.g. 80), from a 50% series and its 80%
/// sibling joined by point id. Points keep their dates, frontier flags and kinds; their value is
/// the derived horizon and they carry no interval. Points without a valid pair are left out and
/// listed in the second return value.
pub fn derive(p50: &Series, p80: &Series, q_percent: f64) -> (Series, Vec<String>) {
    let q = q_percent / 100.0;
    let mut points = Vec::with_capacity(p50.points.len());
    let mut skipped = Vec::new();
    for p in &p50.points {
        match p80
            .point(&p.id)
            .and_then(|o| horizon_at(p.value, o.value, q))
        {
            Some(h) => points.push(Point {
                value: h,
                ci_low: None,
                ci_high: None,
                source: format!(
                    "derived at {q_percent}% reliability from the 50% and 80% horizons; 50%: {}",
                    p.source
                ),
                ..p.clone()
            }),
            None => skipped.push(p.model.clone()),
        }
    }
    (
        Series {
            meta: p50.meta.clone(),
            points,
        },
        skipped,
    )
}
