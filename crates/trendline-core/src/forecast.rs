//! Extrapolation of a fitted trend under an assumed doubling time, and milestone dates.

use crate::dataset::{Series, Unit};
use crate::date::Day;
use crate::fit::{fit_exponential, ExpFit, FitError, FitWindow};
use crate::milestones::{Milestone, WORK};
use crate::state::State;

/// The curve drawn past the data: the fitted line up to the anchor, then a line through the
/// anchor with the assumed doubling time.
///
/// In `log2` space, with anchor `(x₀, y₀)` on the fitted line at the last fitted date:
/// `y(x) = fit(x)` for `x ≤ x₀` and `y(x) = y₀ + (x − x₀) / T` for `x > x₀`, where `T` is the
/// assumed doubling time in days.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    /// Anchor day number.
    pub anchor_x: f64,
    /// `log2` of the value at the anchor.
    pub anchor_log2: f64,
    /// Fitted slope (doublings per day) used before the anchor.
    pub fit_slope: f64,
    /// Assumed slope `1 / T` used after the anchor.
    pub slope: f64,
}

impl Projection {
    /// Projection of `fit` with doubling time `doubling_days` after the last fitted date.
    pub fn new(fit: &ExpFit, doubling_days: f64) -> Projection {
        let anchor_x = fit.span.1.x();
        Projection {
            anchor_x,
            anchor_log2: fit.line.at(anchor_x),
            fit_slope: fit.line.slope,
            slope: 1.0 / doubling_days,
        }
    }

    /// `log2` of the projected value at day number `x`.
    pub fn log2_at(&self, x: f64) -> f64 {
        let s = if x <= self.anchor_x {
            self.fit_slope
        } else {
            self.slope
        };
        self.anchor_log2 + (x - self.anchor_x) * s
    }

    /// Projected value at day number `x`: `2^y(x)`.
    pub fn value_at(&self, x: f64) -> f64 {
        self.log2_at(x).exp2()
    }

    /// The first date on which the projection reaches `target` (same unit as the data):
    /// `x = x₀ + (log2 target − y₀) / s`, with `s` the fitted slope when the target lies below
    /// the anchor (crossed along the fitted trend) and the assumed slope above it.
    /// `None` when it is never reached on a rising curve or not before [`Day::MAX`].
    pub fn crossing(&self, target: f64) -> Option<Day> {
        if !(target.is_finite() && target > 0.0) {
            return None;
        }
        let dy = target.log2() - self.anchor_log2;
        let s = if dy <= 0.0 {
            self.fit_slope
        } else {
            self.slope
        };
        if !(s.is_finite() && s > 0.0) {
            return None;
        }
        Day::from_x(self.anchor_x + dy / s)
    }
}

/// Slider bounds for the assumed doubling time, in days.
pub const SLIDER_DOUBLING_DAYS: (f64, f64) = (7.0, 1095.0);
/// Bounds for a typed doubling time (also used to clamp URL values), in days: 1 day to
/// 100 years.
pub const DOUBLING_DAYS_LIMITS: (f64, f64) = (1.0, 36_525.0);

/// A milestone and its crossing dates.
#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneRow {
    /// Which milestone.
    pub milestone: Milestone,
    /// Crossing under the assumed (slider) doubling time.
    pub assumed: Option<Day>,
    /// Crossing under the fitted doubling time.
    pub fitted: Option<Day>,
}

/// Everything derived from (series, state) that the page shows: the fit, the doubling times,
/// the projection and the milestone table. Pure; recomputed whenever either input changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    /// The points the fit uses.
    pub window: FitWindow,
    /// The fit, or why there is none.
    pub fit: Result<ExpFit, FitError>,
    /// Fitted doubling time in days (`None` without a rising fit).
    pub fitted_doubling: Option<f64>,
    /// Doubling time used for the projection: the user's, else the fitted one.
    pub assumed_doubling: Option<f64>,
    /// The projection under the assumed doubling time.
    pub projection: Option<Projection>,
    /// The projection under the fitted doubling time.
    pub fitted_projection: Option<Projection>,
    /// Milestones with their crossing dates.
    pub milestones: Vec<MilestoneRow>,
    /// Messages for the reader about what could not be computed and why.
    pub notes: Vec<String>,
}

/// Computes the forecast for `series` under `state`.
pub fn forecast(series: &Series, state: &State) -> Forecast {
    let window = state.fit_window(series);
    let mut notes = Vec::new();
    if series.meta.unit != Unit::Minutes {
        notes.push(
            "Trend fits for percentage benchmarks are not available yet; the chart shows the data."
                .into(),
        );
        return Forecast {
            window,
            fit: Err(FitError::TooFewPoints { n: 0 }),
            fitted_doubling: None,
            assumed_doubling: None,
            projection: None,
            fitted_projection: None,
            milestones: Vec::new(),
            notes,
        };
    }
    let fit = fit_exponential(series, &window);
    let fitted_doubling = fit.as_ref().ok().and_then(ExpFit::doubling_days);
    match (&fit, fitted_doubling) {
        (Err(e), _) => notes.push(format!("No trend: {e}.")),
        (Ok(_), None) => {
            notes.push("The fitted trend is flat or falling, so it has no doubling time.".into())
        }
        _ => {}
    }
    let assumed_doubling = state.doubling.or(fitted_doubling);
    let projection = fit
        .as_ref()
        .ok()
        .zip(assumed_doubling)
        .map(|(f, t)| Projection::new(f, t));
    let fitted_projection = fit
        .as_ref()
        .ok()
        .zip(fitted_doubling)
        .map(|(f, t)| Projection::new(f, t));
    let milestones = WORK
        .iter()
        .map(|m| MilestoneRow {
            milestone: *m,
            assumed: projection.and_then(|p| p.crossing(m.minutes())),
            fitted: fitted_projection.and_then(|p| p.crossing(m.minutes())),
        })
        .collect();
    Forecast {
        window,
        fit,
        fitted_doubling,
        assumed_doubling,
        projection,
        fitted_projection,
        milestones,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fit::ols;

    fn fit_through(points: &[(i32, f64)]) -> ExpFit {
        let xs: Vec<f64> = points.iter().map(|p| f64::from(p.0)).collect();
        let ys: Vec<f64> = points.iter().map(|p| p.1.log2()).collect();
        let n = points.len();
        ExpFit {
            line: ols(&xs, &ys).unwrap(),
            used: (0..n).collect(),
            span: (
                Day::from_number(points[0].0),
                Day::from_number(points[n - 1].0),
            ),
        }
    }

    /// Values 1, 2, 4 at days 0, 100, 200: doubling every 100 days; 8 is reached at day 300
    /// under the fitted rate, and at day 200 + 50 = 250 under a 50-day doubling time.
    #[test]
    fn crossing_dates_follow_the_closed_form() {
        let f = fit_through(&[(0, 1.0), (100, 2.0), (200, 4.0)]);
        assert!((f.doubling_days().unwrap() - 100.0).abs() < 1e-9);
        let fitted = Projection::new(&f, 100.0);
        assert_eq!(fitted.crossing(8.0), Some(Day::from_number(300)));
        let fast = Projection::new(&f, 50.0);
        assert_eq!(fast.crossing(8.0), Some(Day::from_number(250)));
        // A target below the anchor is crossed along the fitted line, whatever the assumption.
        assert_eq!(fast.crossing(2.0), Some(Day::from_number(100)));
        assert!((fast.value_at(250.0) - 8.0).abs() < 1e-9);
    }

    #[test]
    fn extreme_doubling_times_give_dates_or_never_but_no_nonsense() {
        let f = fit_through(&[(0, 1.0), (100, 2.0), (200, 4.0)]);
        let slow = Projection::new(&f, 36_525.0);
        assert_eq!(
            slow.crossing(1e9),
            None,
            "beyond year 2999 is reported as never"
        );
        let quick = Projection::new(&f, 1.0);
        assert_eq!(quick.crossing(8.0), Some(Day::from_number(201)));
        assert_eq!(quick.crossing(f64::NAN), None);
        assert_eq!(quick.crossing(0.0), None);
    }
}
