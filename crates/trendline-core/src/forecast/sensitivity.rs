//! How a milestone's date depends on the assumed doubling time: the projection's crossing date
//! for each doubling time on a grid, every other assumption (anchor, acceleration, floor) kept.

use crate::data::date::Day;
use crate::forecast::Forecast;
use crate::settings::SLIDER_DOUBLING_DAYS;

/// Points on the sensitivity curve.
pub const SENSITIVITY_STEPS: usize = 60;

/// The doubling-time range the sensitivity chart spans, days: from half the smallest to twice
/// the largest of the assumed value, the fitted value and its interval, within the slider's
/// range (7–1095 days). `None` without a fitted or assumed doubling time.
///
/// ```
/// use trendline_core::forecast::sensitivity::doubling_range;
/// assert_eq!(doubling_range(Some(100.0), Some(120.0), Some((90.0, 160.0))), Some((45.0, 320.0)));
/// assert_eq!(doubling_range(Some(800.0), None, None), Some((400.0, 1095.0)));
/// assert_eq!(doubling_range(None, None, None), None);
/// ```
pub fn doubling_range(
    assumed: Option<f64>,
    fitted: Option<f64>,
    ci: Option<(f64, f64)>,
) -> Option<(f64, f64)> {
    let vals: Vec<f64> = [assumed, fitted, ci.map(|c| c.0), ci.map(|c| c.1)]
        .into_iter()
        .flatten()
        .filter(|v| v.is_finite() && *v > 0.0)
        .collect();
    let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (smin, smax) = SLIDER_DOUBLING_DAYS;
    (!vals.is_empty()).then(|| ((lo / 2.0).clamp(smin, smax), (hi * 2.0).clamp(smin, smax)))
}

/// The date the projection of `fc` reaches `target` (a value in the series' unit) if the
/// doubling time were `t` days instead of the assumed one: the assumed growth scaled by
/// `T_assumed / t` (for an exponential or logistic projection the crossing is
/// `x_A + (y_target − y_A) · t`, linear in `t`; for a superexponential one `t` is the doubling
/// time at the anchor). Targets already reached give the same date for every `t`. `None` when
/// never, or when there is no projection.
pub fn crossing_at(fc: &Forecast, target: f64, t: f64) -> Option<Day> {
    let p = fc.projection?;
    let assumed = fc.assumed_doubling?;
    if !(t.is_finite() && t > 0.0) {
        return None;
    }
    let scaled = crate::forecast::Projection {
        growth: p.growth.scaled(assumed / t),
        ..p
    };
    scaled.crossing(target)
}

/// The sensitivity curve of `target`: `(doubling days, crossing date)` at evenly spaced
/// doubling times over `range` ([`SENSITIVITY_STEPS`] steps); doubling times whose curve never
/// reaches it are left out.
pub fn sensitivity(fc: &Forecast, target: f64, range: (f64, f64)) -> Vec<(f64, Day)> {
    (0..=SENSITIVITY_STEPS)
        .map(|i| range.0 + (range.1 - range.0) * i as f64 / SENSITIVITY_STEPS as f64)
        .filter_map(|t| crossing_at(fc, target, t).map(|d| (t, d)))
        .collect()
}
