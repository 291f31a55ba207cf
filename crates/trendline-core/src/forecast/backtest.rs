//! Scored hindcasts: would this method have predicted the points that came later?

use crate::data::dataset::Series;
use crate::forecast::calibration::{calibrate, calibrated_draws, Calibration, MIN_TRAIN};
use crate::forecast::montecarlo::{bootstrap, quantiles};
use crate::model::family::Transform;
use crate::model::fit::{ols, FitWindow};
use crate::settings::Band;

/// A predictive interval set at one date (fit space): the 2.5th, 10th, 50th, 90th and 97.5th
/// percentiles of the simulated trends.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    /// `[q2.5, q10, q50, q90, q97.5]`.
    pub q: [f64; 5],
}

impl Interval {
    /// Whether `y` is inside the 80% band `[q10, q90]`.
    pub fn in80(&self, y: f64) -> bool {
        y >= self.q[1] && y <= self.q[3]
    }

    /// Whether `y` is inside the 95% band `[q2.5, q97.5]`.
    pub fn in95(&self, y: f64) -> bool {
        y >= self.q[0] && y <= self.q[4]
    }

    /// Interval score of the central `(1 − α)` band `[l, u]` for the outcome `y` (Gneiting &
    /// Raftery 2007, eq. 43; lower is better):
    /// `S = (u − l) + (2/α)(l − y)·1{y < l} + (2/α)(y − u)·1{y > u}`, here at `α = 0.2`.
    pub fn interval_score80(&self, y: f64) -> f64 {
        let (l, u, a) = (self.q[1], self.q[3], 0.2);
        (u - l) + (2.0 / a) * (l - y).max(0.0) + (2.0 / a) * (y - u).max(0.0)
    }
}

/// One hindcast: a point predicted from the points before it.
#[derive(Clone, Debug, PartialEq)]
pub struct BacktestRow {
    /// Index of the predicted point in the series.
    pub index: usize,
    /// How many earlier points the fit used.
    pub trained_on: usize,
    /// Median prediction of the fit-only band (fit space).
    pub predicted: f64,
    /// The point's own value (fit space).
    pub actual: f64,
    /// Inside the fit-only 80% band (10th–90th percentile).
    pub in80: bool,
    /// Inside the fit-only 95% band (2.5th–97.5th percentile).
    pub in95: bool,
    /// `|actual − predicted|` in fit space (log2 value, or log2 odds).
    pub abs_error: f64,
    /// The fit-only band at the point's date.
    pub fit: Interval,
    /// The calibrated band at the point's date.
    pub calibrated: Interval,
    /// The calibration the calibrated band used (estimated from the earlier points alone).
    pub calibration: Calibration,
}

impl BacktestRow {
    /// The interval of `band`.
    pub fn interval(&self, band: Band) -> &Interval {
        match band {
            Band::Fit => &self.fit,
            Band::Calibrated => &self.calibrated,
        }
    }
}

/// A band's scores over the hindcasts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Score {
    /// Points scored.
    pub n: usize,
    /// Points inside the 80% band.
    pub hits80: usize,
    /// Points inside the 95% band.
    pub hits95: usize,
    /// `hits80 / n`.
    pub coverage80: f64,
    /// `hits95 / n`.
    pub coverage95: f64,
    /// Mean width of the 80% band, `mean(q90 − q10)` (fit space).
    pub mean_width80: f64,
    /// Mean interval score at 80% (see [`Interval::interval_score80`]).
    pub interval_score80: f64,
}

impl Score {
    /// The scores of `band` over `rows` (`None` when there are none).
    pub fn of(rows: &[BacktestRow], band: Band) -> Option<Score> {
        if rows.is_empty() {
            return None;
        }
        let n = rows.len();
        let it = |r: &BacktestRow| *r.interval(band);
        let hits80 = rows.iter().filter(|r| it(r).in80(r.actual)).count();
        let hits95 = rows.iter().filter(|r| it(r).in95(r.actual)).count();
        let nf = n as f64;
        Some(Score {
            n,
            hits80,
            hits95,
            coverage80: hits80 as f64 / nf,
            coverage95: hits95 as f64 / nf,
            mean_width80: rows.iter().map(|r| it(r).q[3] - it(r).q[1]).sum::<f64>() / nf,
            interval_score80: rows
                .iter()
                .map(|r| it(r).interval_score80(r.actual))
                .sum::<f64>()
                / nf,
        })
    }
}

/// Rolling-origin backtest results.
#[derive(Clone, Debug, PartialEq)]
pub struct Backtest {
    /// One row per predicted point.
    pub rows: Vec<BacktestRow>,
    /// Share of points inside their fit-only 80% band.
    pub coverage80: f64,
    /// Share of points inside their fit-only 95% band.
    pub coverage95: f64,
    /// Mean absolute error (fit space).
    pub mean_abs_error: f64,
    /// Scores of the fit-only band.
    pub fit: Score,
    /// Scores of the calibrated band.
    pub calibrated: Score,
}

impl Backtest {
    /// The scores of `band`.
    pub fn score(&self, band: Band) -> &Score {
        match band {
            Band::Fit => &self.fit,
            Band::Calibrated => &self.calibrated,
        }
    }
}

/// For each selected point (in date order; the window's end date is ignored) with at least
/// [`MIN_TRAIN`] selected points dated strictly before it, fits those points, draws `resamples`
/// bootstrap-plus-noise predictions at its date, and scores it: inside the 80% and 95% bands,
/// and `|y − median|` (the 5th point in date order is not scored when ties on the first dates
/// leave fewer than [`MIN_TRAIN`] points before it). Copies (the same date and value as an
/// earlier point) are neither fitted nor scored again ([`FitWindow::select`] counts each
/// measurement once: ECI lists one model's one score under each of its reasoning settings, up
/// to 9 times); nor is a point whose fit-space value ties an earlier one's on the same date.
/// `None` with fewer than 5 selected points or no scored point.
///
/// Both bands come from the same draws: fit-only `yᵢ = lineᵢ(x) + εᵢ`; calibrated
/// `yᵢ = L(x_A) + shiftᵢ' + bᵢ'·(x − x_A)` ([`calibrated_draws`]) with `x_A` the last training
/// date and the calibration that [`calibrate`] estimates from the training points alone (no
/// point dated on or after the origin is used): the same procedure that makes the page's band.
pub fn rolling_origin(
    series: &Series,
    window: &FitWindow,
    transform: Transform,
    resamples: usize,
) -> Option<Backtest> {
    let open = FitWindow {
        to: None,
        ..window.clone()
    };
    let pts: Vec<(usize, f64, f64)> = open
        .select(series)
        .into_iter()
        .filter_map(|i| {
            transform
                .to_y(series.points[i].value)
                .map(|y| (i, series.points[i].date.x(), y))
        })
        .collect();
    if pts.len() < 5 {
        return None;
    }
    let mut rows = Vec::new();
    for k in 4..pts.len() {
        let (index, x, actual) = pts[k];
        if pts[..k].iter().any(|p| p.1 == x && p.2 == actual) {
            continue;
        }
        let train: Vec<&(usize, f64, f64)> = pts[..k].iter().filter(|p| p.1 < x).collect();
        if train.len() < MIN_TRAIN {
            continue;
        }
        let xs: Vec<f64> = train.iter().map(|p| p.1).collect();
        let ys: Vec<f64> = train.iter().map(|p| p.2).collect();
        let Some(band) = hindcast(&xs, &ys, x, resamples) else {
            continue;
        };
        let mid = band.fit.q[2];
        rows.push(BacktestRow {
            index,
            trained_on: xs.len(),
            predicted: mid,
            actual,
            in80: band.fit.in80(actual),
            in95: band.fit.in95(actual),
            abs_error: (actual - mid).abs(),
            fit: band.fit,
            calibrated: band.calibrated,
            calibration: band.calibration,
        });
    }
    let fit = Score::of(&rows, Band::Fit)?;
    let calibrated = Score::of(&rows, Band::Calibrated)?;
    let n = rows.len() as f64;
    Some(Backtest {
        coverage80: fit.coverage80,
        coverage95: fit.coverage95,
        mean_abs_error: rows.iter().map(|r| r.abs_error).sum::<f64>() / n,
        rows,
        fit,
        calibrated,
    })
}

/// Both bands at day `x` from the training points `(xs, ys)` alone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hindcast {
    /// Fit-only band.
    pub fit: Interval,
    /// Calibrated band.
    pub calibrated: Interval,
    /// The calibration used (from the training points alone).
    pub calibration: Calibration,
}

/// The two bands at day `x` predicted from `(xs, ys)` only (see [`rolling_origin`]); `None`
/// when the points admit no line.
pub fn hindcast(xs: &[f64], ys: &[f64], x: f64, resamples: usize) -> Option<Hindcast> {
    let full = ols(xs, ys).ok()?;
    let d = bootstrap(xs, ys, &full, resamples);
    if d.is_empty() {
        return None;
    }
    let x_a = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let cal = calibrate(xs, ys);
    let shift: Vec<f64> = (0..d.len())
        .map(|i| d.line_at(i, x_a) + d.noise[i] - full.at(x_a))
        .collect();
    let (c_shift, c_slope) = calibrated_draws(&cal, full.slope, &shift, &d.slope);
    let mut fit: Vec<f64> = (0..d.len()).map(|i| d.line_at(i, x) + d.noise[i]).collect();
    let mut cal_y: Vec<f64> = (0..d.len())
        .map(|i| full.at(x_a) + c_shift[i] + c_slope[i] * (x - x_a))
        .collect();
    let q = |v: &mut Vec<f64>| Interval {
        q: quantiles(v, &crate::forecast::montecarlo::BAND_QUANTILES)
            .map(|q| q.unwrap_or(f64::NAN)),
    };
    Some(Hindcast {
        fit: q(&mut fit),
        calibrated: q(&mut cal_y),
        calibration: cal,
    })
}
