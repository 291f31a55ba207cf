//! Ordinary least squares and the exponential (log-linear) trend fit.

use crate::data::dataset::Series;
use crate::data::date::Day;
use crate::model::family::Transform;
use std::fmt;

/// A fitted straight line `y = intercept + slope · (x − x_mean)`, with its goodness of fit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearFit {
    /// Slope `b = Sxy / Sxx`.
    pub slope: f64,
    /// Mean of `x`, the centre the line is expressed around (keeps day numbers well conditioned).
    pub x_mean: f64,
    /// Mean of `y`; the line passes through `(x_mean, y_mean)`.
    pub y_mean: f64,
    /// Number of points.
    pub n: usize,
    /// `Sxx = Σ (xᵢ − x̄)²`.
    pub sxx: f64,
    /// Coefficient of determination `R² = 1 − SSE / SST` (1 when `SST = 0`).
    pub r2: f64,
    /// Residual standard deviation `s = √(SSE / (n − 2))` (0 when `n = 2`).
    pub resid_sd: f64,
}

impl LinearFit {
    /// The line's value at `x`: `ȳ + b (x − x̄)`.
    pub fn at(&self, x: f64) -> f64 {
        self.y_mean + self.slope * (x - self.x_mean)
    }

    /// Standard error of the slope, `s / √Sxx`.
    pub fn slope_se(&self) -> f64 {
        self.resid_sd / self.sxx.sqrt()
    }
}

/// Why a fit could not be made.
#[derive(Clone, Debug, PartialEq)]
pub enum FitError {
    /// Fewer than two points were selected.
    TooFewPoints {
        /// How many were selected.
        n: usize,
    },
    /// All selected points share one date, so no slope exists.
    SingleDate,
    /// An input was NaN or infinite, or so large that the fit's sums overflow.
    NonFinite,
    /// The series is too short for a trend (its manifest says why): no line is fitted on
    /// fewer than 5 frontier points or less than 12 months.
    TooShort,
}

impl fmt::Display for FitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FitError::TooFewPoints { n } => {
                write!(
                    f,
                    "a trend needs at least 2 points; the current selection has {n}"
                )
            }
            FitError::SingleDate => write!(
                f,
                "all selected points share one date, so no trend can be fitted"
            ),
            FitError::NonFinite => write!(
                f,
                "the selection contains a value that is not a finite number"
            ),
            FitError::TooShort => write!(
                f,
                "this series is too short for a trend (fewer than 5 frontier points or less than 12 months), so no line is fitted"
            ),
        }
    }
}

impl std::error::Error for FitError {}

/// Ordinary least squares of `y` on `x`.
///
/// `b = Σ(xᵢ − x̄)(yᵢ − ȳ) / Σ(xᵢ − x̄)²`, `a = ȳ − b x̄`.
///
/// ```
/// use trendline_core::model::fit::ols;
/// let f = ols(&[0.0, 1.0, 2.0], &[1.0, 3.0, 5.0]).unwrap();
/// assert!((f.slope - 2.0).abs() < 1e-12 && (f.at(0.0) - 1.0).abs() < 1e-12);
/// assert!((f.r2 - 1.0).abs() < 1e-12);
/// ```
pub fn ols(xs: &[f64], ys: &[f64]) -> Result<LinearFit, FitError> {
    let n = xs.len().min(ys.len());
    if n < 2 {
        return Err(FitError::TooFewPoints { n });
    }
    if xs[..n].iter().chain(&ys[..n]).any(|v| !v.is_finite()) {
        return Err(FitError::NonFinite);
    }
    let nf = n as f64;
    let x_mean = xs[..n].iter().sum::<f64>() / nf;
    let y_mean = ys[..n].iter().sum::<f64>() / nf;
    let (mut sxx, mut sxy, mut syy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let dx = xs[i] - x_mean;
        let dy = ys[i] - y_mean;
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    if sxx <= 0.0 {
        return Err(FitError::SingleDate);
    }
    let slope = sxy / sxx;
    // Finite inputs can still overflow the sums (|x| or |y| near 1e155 and beyond).
    if ![x_mean, y_mean, sxx, sxy, syy, slope]
        .iter()
        .all(|v| v.is_finite())
    {
        return Err(FitError::NonFinite);
    }
    let sse = (syy - slope * sxy).max(0.0);
    let r2 = if syy > 0.0 { 1.0 - sse / syy } else { 1.0 };
    let resid_sd = if n > 2 {
        (sse / (nf - 2.0)).sqrt()
    } else {
        0.0
    };
    Ok(LinearFit {
        slope,
        x_mean,
        y_mean,
        n,
        sxx,
        r2,
        resid_sd,
    })
}

/// Which points a fit uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Selection {
    /// Frontier points only (METR's rule: `is_sota`).
    #[default]
    Frontier,
    /// Every point.
    All,
}

impl Selection {
    /// URL token.
    pub fn token(self) -> &'static str {
        match self {
            Selection::Frontier => "frontier",
            Selection::All => "all",
        }
    }

    /// Parses a URL token.
    pub fn from_token(s: &str) -> Option<Selection> {
        match s {
            "frontier" => Some(Selection::Frontier),
            "all" => Some(Selection::All),
            _ => None,
        }
    }
}

/// Settings that pick the fitted points.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct FitWindow {
    /// First date fitted (inclusive); `None` = from the first point.
    pub from: Option<Day>,
    /// Last date fitted (inclusive); `None` = to the last point.
    pub to: Option<Day>,
    /// Frontier only, or all points.
    pub selection: Selection,
    /// Points with a value above this (in the series' unit) are not fitted (`None` = no cap).
    pub cap: Option<f64>,
    /// Point ids left out by the reader.
    pub drop: Vec<String>,
    /// Point ids left out because a related value is above the cap (derived reliability levels
    /// are capped on the model's 50% horizon).
    pub capped: Vec<String>,
}

impl FitWindow {
    /// Whether the point is left out for being above the cap.
    pub fn is_capped(&self, p: &crate::data::dataset::Point) -> bool {
        self.cap.is_some_and(|c| p.value > c) || self.capped.contains(&p.id)
    }

    /// Whether point `p` is fitted under these settings: inside `[from, to]`, frontier if
    /// asked, not above the cap, not dropped, and of kind `measured`.
    pub fn includes(&self, p: &crate::data::dataset::Point) -> bool {
        self.from.is_none_or(|f| p.date >= f)
            && self.to.is_none_or(|t| p.date <= t)
            && (self.selection == Selection::All || p.frontier)
            && !self.is_capped(p)
            && p.kind.fitted_by_default()
            && !self.drop.contains(&p.id)
    }

    /// Indices of the fitted points of `series`: the points [`includes`](Self::includes)
    /// accepts, each measurement once. A point with the same date and value as an earlier
    /// accepted point (in the series' order) is a copy of it and is not fitted again: Epoch's
    /// capabilities index, for one, lists one model's one score under each of its reasoning
    /// settings (up to 9 times), and counting it 9 times would weigh that score 9-fold in the
    /// slope and narrow the band as 9 independent measurements would. A fit lists them
    /// ([`ExpFit::copies`]).
    pub fn select(&self, series: &Series) -> Vec<usize> {
        self.pass(series).0
    }

    /// The fitted points ([`select`](Self::select)) and the copies left out: `(copy,
    /// original)` index pairs, `original` being the earlier fitted point with the same date and
    /// value.
    fn pass(&self, series: &Series) -> (Vec<usize>, Vec<(usize, usize)>) {
        let (mut used, mut copies) = (Vec::new(), Vec::new());
        for (i, p) in series.points.iter().enumerate() {
            if !self.includes(p) {
                continue;
            }
            match used
                .iter()
                .find(|&&j| same_measurement(&series.points[j], p))
            {
                Some(&j) => copies.push((i, j)),
                None => used.push(i),
            }
        }
        (used, copies)
    }
}

/// Whether two points are the same measurement: the same date and the same value.
fn same_measurement(a: &crate::data::dataset::Point, b: &crate::data::dataset::Point) -> bool {
    a.date == b.date && a.value == b.value
}

/// A straight-line trend in fit space: OLS of `y = transform(value)` on the day number, i.e. an
/// exponential (`y = log2 value`) or logistic (`y = log2 odds`) trend.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpFit {
    /// The line in `(day number, y)` space; its slope is doublings (of the value, or of the
    /// odds) per day.
    pub line: LinearFit,
    /// The transform between values and `y`.
    pub transform: Transform,
    /// Indices (into `series.points`) of the fitted points.
    pub used: Vec<usize>,
    /// Points the window accepts but fits once, as copies of an earlier point:
    /// `(copy, original)` index pairs (see [`FitWindow::select`]).
    pub copies: Vec<(usize, usize)>,
    /// First and last fitted date.
    pub span: (Day, Day),
}

impl ExpFit {
    /// Doubling time in days (of the value, or of the odds), `1 / slope`; `None` when the trend
    /// is flat or falling.
    pub fn doubling_days(&self) -> Option<f64> {
        (self.line.slope > 0.0).then(|| 1.0 / self.line.slope)
    }

    /// The fitted value at day number `x`.
    pub fn value_at(&self, x: f64) -> f64 {
        self.transform.to_value(self.line.at(x))
    }
}

/// Fits `y = a + b · day` by OLS over the points `window` selects, with `y` the `transform` of
/// each value. With `Transform::Log2` this is METR's method: plain OLS of `log2(horizon)` on
/// release dates as day numbers over frontier models, excluding points above the cap; the
/// doubling time is `1 / b` days.
pub fn fit_line(
    series: &Series,
    window: &FitWindow,
    transform: Transform,
) -> Result<ExpFit, FitError> {
    let (used, copies) = window.pass(series);
    let mut xs = Vec::with_capacity(used.len());
    let mut ys = Vec::with_capacity(used.len());
    for &i in &used {
        let p = &series.points[i];
        xs.push(p.date.x());
        ys.push(transform.to_y(p.value).ok_or(FitError::NonFinite)?);
    }
    let line = ols(&xs, &ys)?;
    let span = (
        series.points[used[0]].date,
        series.points[used[used.len() - 1]].date,
    );
    Ok(ExpFit {
        line,
        transform,
        used,
        copies,
        span,
    })
}

/// [`fit_line`] with `y = log2(value)`: the exponential fit.
pub fn fit_exponential(series: &Series, window: &FitWindow) -> Result<ExpFit, FitError> {
    fit_line(series, window, Transform::Log2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_a_line_through_two_dots() {
        let f = ols(&[1.0, 3.0], &[2.0, 6.0]).unwrap();
        assert!((f.slope - 2.0).abs() < 1e-12);
        assert!((f.at(0.0)).abs() < 1e-12);
        assert_eq!(f.resid_sd, 0.0);
    }

    #[test]
    fn recovers_slope_and_residual_sd_of_noisy_line() {
        // y = 1 + 0.5x + e, e = ±1 alternating: SSE = n, s = sqrt(n / (n - 2)).
        let xs: Vec<f64> = (0..10).map(f64::from).collect();
        let ys: Vec<f64> = xs
            .iter()
            .enumerate()
            .map(|(i, x)| 1.0 + 0.5 * x + if i % 2 == 0 { 1.0 } else { -1.0 })
            .collect();
        let f = ols(&xs, &ys).unwrap();
        // The alternating noise is slightly correlated with x: Sxy_e = -5, Sxx = 82.5.
        assert!((f.slope - (0.5 - 5.0 / 82.5)).abs() < 1e-12, "{}", f.slope);
        assert!(f.r2 > 0.6 && f.r2 < 1.0);
    }

    #[test]
    fn refuses_degenerate_inputs() {
        assert_eq!(ols(&[1.0], &[1.0]), Err(FitError::TooFewPoints { n: 1 }));
        assert_eq!(ols(&[2.0, 2.0], &[1.0, 3.0]), Err(FitError::SingleDate));
        assert_eq!(ols(&[1.0, f64::NAN], &[1.0, 3.0]), Err(FitError::NonFinite));
    }
}
