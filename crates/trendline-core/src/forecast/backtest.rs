//! Scored hindcasts: would this method have predicted the points that came later?

use crate::data::dataset::Series;
use crate::forecast::montecarlo::{bootstrap, quantile};
use crate::model::family::Transform;
use crate::model::fit::{ols, FitWindow};

/// One hindcast: a point predicted from the points before it.
#[derive(Clone, Debug, PartialEq)]
pub struct BacktestRow {
    /// Index of the predicted point in the series.
    pub index: usize,
    /// How many earlier points the fit used.
    pub trained_on: usize,
    /// Median prediction (fit space).
    pub predicted: f64,
    /// The point's own value (fit space).
    pub actual: f64,
    /// Inside the 80% band (10th–90th percentile).
    pub in80: bool,
    /// Inside the 95% band (2.5th–97.5th percentile).
    pub in95: bool,
    /// `|actual − predicted|` in fit space (log2 value, or log2 odds).
    pub abs_error: f64,
}

/// Rolling-origin backtest results.
#[derive(Clone, Debug, PartialEq)]
pub struct Backtest {
    /// One row per predicted point.
    pub rows: Vec<BacktestRow>,
    /// Share of points inside their 80% band.
    pub coverage80: f64,
    /// Share of points inside their 95% band.
    pub coverage95: f64,
    /// Mean absolute error (fit space).
    pub mean_abs_error: f64,
}

/// For each selected point from the 5th on (in date order; the window's end date is ignored),
/// fits the selected points dated strictly before it, draws `resamples` bootstrap-plus-noise
/// predictions at its date, and scores it: inside the 80% and 95% bands, and
/// `|y − median|`. `None` with fewer than 5 selected points.
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
        let train: Vec<&(usize, f64, f64)> = pts[..k].iter().filter(|p| p.1 < x).collect();
        let xs: Vec<f64> = train.iter().map(|p| p.1).collect();
        let ys: Vec<f64> = train.iter().map(|p| p.2).collect();
        let Ok(full) = ols(&xs, &ys) else { continue };
        let d = bootstrap(&xs, &ys, &full, resamples);
        if d.is_empty() {
            continue;
        }
        let mut pred: Vec<f64> = (0..d.len()).map(|i| d.line_at(i, x) + d.noise[i]).collect();
        let q = |v: &mut Vec<f64>, p: f64| quantile(v, p).unwrap_or(f64::NAN);
        let (lo95, lo80, mid, hi80, hi95) = (
            q(&mut pred, 0.025),
            q(&mut pred, 0.1),
            q(&mut pred, 0.5),
            q(&mut pred, 0.9),
            q(&mut pred, 0.975),
        );
        rows.push(BacktestRow {
            index,
            trained_on: xs.len(),
            predicted: mid,
            actual,
            in80: actual >= lo80 && actual <= hi80,
            in95: actual >= lo95 && actual <= hi95,
            abs_error: (actual - mid).abs(),
        });
    }
    if rows.is_empty() {
        return None;
    }
    let n = rows.len() as f64;
    Some(Backtest {
        coverage80: rows.iter().filter(|r| r.in80).count() as f64 / n,
        coverage95: rows.iter().filter(|r| r.in95).count() as f64 / n,
        mean_abs_error: rows.iter().map(|r| r.abs_error).sum::<f64>() / n,
        rows,
    })
}
