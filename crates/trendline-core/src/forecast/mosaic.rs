//! The cross-benchmark mosaic: one summary row per series (fitted doubling time with its
//! interval, n, fit window, the next milestone with Monte Carlo percentiles, a sparkline) and
//! the series on one normalised axis, so trends can be compared by slope.
//!
//! Every row is computed with the series' default settings (the same as the single view with
//! no link keys), except for [`MOSAIC_DRAWS`] Monte Carlo draws instead of the default 2000.

use crate::data::dataset::Series;
use crate::data::date::Day;
use crate::data::units::Unit;
use crate::forecast::{prepare_with, project, Analyses, McCrossing};
use crate::model::family::Family;
use crate::settings::{Band, State};
use std::cmp::Ordering;
use std::rc::Rc;

/// Monte Carlo draws per series in the mosaic (the single view's default is 2000).
pub const MOSAIC_DRAWS: u32 = 500;

/// The milestone a row reports: its id, label and crossing dates.
#[derive(Clone, Debug, PartialEq)]
pub struct NextMilestone {
    /// Milestone id, as in the single view's milestone table (`work-week`, `pct-90`, …).
    pub id: String,
    /// Human label.
    pub label: String,
    /// Crossing date of the fitted trend (the single view's "Projection" with no assumption).
    pub date: Option<Day>,
    /// Monte Carlo 10th–90th percentile dates.
    pub mc: Option<McCrossing>,
    /// Chance of reaching it by the reader's date `by` (see `forecast::probability`).
    pub chance: Option<f64>,
}

/// A small picture of the data and the fit, in a unit box: `x` (date) and `y` (fit space:
/// log2 value or log2 odds) both scaled to `[0, 1]`, `y` upwards.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Sparkline {
    /// Every measured point `(x, y, frontier)`.
    pub points: Vec<(f64, f64, bool)>,
    /// The fitted line from the first to the last fitted date, if there is a fit.
    pub fit: Option<[(f64, f64); 2]>,
}

/// One series' summary.
#[derive(Clone, Debug, PartialEq)]
pub struct MosaicRow {
    /// Series id.
    pub id: String,
    /// Short title.
    pub title: String,
    /// The series' unit.
    pub unit: Unit,
    /// The fit family used (exponential for horizons, logistic for scores).
    pub family: Family,
    /// Fitted doubling time in days: of the value (horizons) or of the odds (scores).
    pub doubling: Option<f64>,
    /// Its 95% bootstrap interval, days.
    pub ci: Option<(f64, f64)>,
    /// Number of fitted points.
    pub n: usize,
    /// First and last fitted dates.
    pub window: Option<(Day, Day)>,
    /// The next milestone not yet reached by the data.
    pub milestone: Option<NextMilestone>,
    /// Data and fit in a unit box.
    pub sparkline: Sparkline,
    /// Why the series has no fit, when it is too short for one (the manifest's `no_fit`).
    pub no_fit: Option<String>,
    /// For index series (linear fits): the index points one unit of `doubling` counts, so
    /// that the rate is `step × 365.2425 / doubling` points per year.
    pub index_step: Option<f64>,
}

impl MosaicRow {
    /// The fitted rate in index points per year (index series only):
    /// `step × 365.2425 / doubling`.
    pub fn rate_per_year(&self) -> Option<f64> {
        Some(crate::data::units::index_rate_per_year(
            self.doubling?,
            self.index_step?,
        ))
    }
}

/// The milestone a row reports, given the best value measured so far: horizons report
/// `work-week` (40 h), or `work-month` (167 h) once a point has reached a work-week; scores
/// report `pct-90`, or `pct-99` (near saturation) once a point has reached 90%.
///
/// ```
/// use trendline_core::{forecast::mosaic::next_milestone_id, Unit};
/// assert_eq!(next_milestone_id(Unit::Minutes, 600.0), "work-week");
/// assert_eq!(next_milestone_id(Unit::Minutes, 40.0 * 60.0), "work-month");
/// assert_eq!(next_milestone_id(Unit::Percent, 75.0), "pct-90");
/// assert_eq!(next_milestone_id(Unit::Percent, 92.0), "pct-99");
/// ```
pub fn next_milestone_id(unit: Unit, best: f64) -> &'static str {
    match unit {
        Unit::Minutes if best < 40.0 * 60.0 => "work-week",
        Unit::Minutes => "work-month",
        Unit::Percent if best < 90.0 => "pct-90",
        Unit::Percent => "pct-99",
        // Index and multiplier series name their own levels: see [`next_level_id`].
        Unit::Index | Unit::Multiplier => "",
    }
}

/// The milestone id a row of `series` reports: [`next_milestone_id`], or for index and
/// multiplier series the first of its manifest levels above `best` (`level-<value>`).
///
/// ```
/// use trendline_core::forecast::mosaic::next_level_id;
/// assert_eq!(next_level_id(&[170.0, 200.0], 161.6).as_deref(), Some("level-170"));
/// assert_eq!(next_level_id(&[170.0], 180.0), None);
/// ```
pub fn next_level_id(levels: &[f64], best: f64) -> Option<String> {
    levels
        .iter()
        .find(|&&l| l > best)
        .map(|l| format!("level-{l}"))
}

/// The best value among `series`' points that are fitted by default, `max vᵢ` (`−∞` when
/// there is none): what "reached so far" means for the next milestone.
pub fn best_fitted(series: &Series) -> f64 {
    series
        .points
        .iter()
        .filter(|p| p.kind.fitted_by_default())
        .map(|p| p.value)
        .fold(f64::NEG_INFINITY, f64::max)
}

/// The milestone a reader of `series` looks at next, with `best` = [`best_fitted`]:
/// [`next_level_id`] of the manifest's levels for index and multiplier series (empty when every
/// level is reached), else [`next_milestone_id`]. The mosaic's row, the chance sentence and the
/// sensitivity chart all report this one.
pub fn next_milestone_for(series: &Series) -> String {
    let best = best_fitted(series);
    match series.meta.unit {
        Unit::Index | Unit::Multiplier => {
            next_level_id(&series.meta.levels, best).unwrap_or_default()
        }
        u => next_milestone_id(u, best).to_string(),
    }
}

/// The mosaic row of `series`: [`prepare_with`] (essential analyses) and [`project`] under the
/// default settings for the series with [`MOSAIC_DRAWS`] draws.
pub fn summarise(series: &Series) -> MosaicRow {
    let d = State::default();
    summarise_with(series, d.band, d.by)
}

/// [`summarise`] with the reader's band and date of the chance of the next milestone.
pub fn summarise_with(series: &Series, band: Band, by: Day) -> MosaicRow {
    let state = State {
        series: series.meta.id.to_string(),
        mc: MOSAIC_DRAWS,
        band,
        by,
        ..State::default()
    };
    let prepared = Rc::new(prepare_with(series, None, &state, Analyses::Essential));
    let fc = project(&prepared, &state);
    let fit = prepared.fit.as_ref().ok();
    let want = next_milestone_for(series);
    // Without a fit there is no date to report (not "never").
    let milestone = fc
        .milestones
        .iter()
        .filter(|_| fit.is_some())
        .find(|m| m.milestone.id == want)
        .map(|m| NextMilestone {
            id: want.clone(),
            label: m.milestone.label.to_string(),
            date: m.assumed,
            mc: m.mc.clone(),
            chance: m.prob,
        });
    MosaicRow {
        id: series.meta.id.to_string(),
        title: series.meta.short_title.to_string(),
        unit: series.meta.unit,
        family: prepared.family,
        doubling: fc.fitted_doubling,
        ci: prepared.ci,
        n: fit.map_or(0, |f| f.line.n),
        window: fit.map(|f| f.span),
        milestone,
        sparkline: sparkline(series, &prepared),
        no_fit: series.meta.no_fit.as_ref().map(|r| r.to_string()),
        index_step: match prepared.transform {
            crate::model::family::Transform::Linear { step } => Some(step),
            _ => None,
        },
    }
}

fn sparkline(series: &Series, p: &crate::forecast::Prepared) -> Sparkline {
    let raw: Vec<(f64, f64, bool)> = series
        .points
        .iter()
        .filter(|pt| pt.kind.fitted_by_default())
        .filter_map(|pt| Some((pt.date.x(), p.transform.to_y(pt.value)?, pt.frontier)))
        .collect();
    let fit = p.fit.as_ref().ok().map(|f| {
        let (a, b) = (f.span.0.x(), f.span.1.x());
        [(a, f.line.at(a)), (b, f.line.at(b))]
    });
    let all = raw
        .iter()
        .map(|&(x, y, _)| (x, y))
        .chain(fit.iter().flatten().copied());
    let (mut x0, mut x1, mut y0, mut y1) = (
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
    );
    for (x, y) in all {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    let scale = |v: f64, lo: f64, hi: f64| if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
    let unit = |(x, y): (f64, f64)| (scale(x, x0, x1), scale(y, y0, y1));
    Sparkline {
        points: raw
            .iter()
            .map(|&(x, y, f)| {
                let (u, v) = unit((x, y));
                (u, v, f)
            })
            .collect(),
        fit: fit.map(|[a, b]| [unit(a), unit(b)]),
    }
}

/// A series on the normalised axis: frontier points as `(day number, Δy)` where `Δy` is the
/// number of doublings of the value (horizons) or of the odds (scores) since the series' own
/// first frontier point, `Δy = y − y_first` in fit space.
///
/// ```
/// use trendline_core::forecast::mosaic::normalised;
/// # use trendline_core::{parse_user_csv, Day, ImportUnit};
/// # let csv = "date,value\n2023-01-01,10\n2023-06-01,40\n";
/// # let s = parse_user_csv("user-t", "t", csv, ImportUnit::Minutes, Day::MAX).unwrap();
/// let pts = normalised(&s);
/// assert_eq!(pts[0].1, 0.0);
/// assert!((pts[1].1 - 2.0).abs() < 1e-12); // 10 → 40 minutes is two doublings
/// ```
pub fn normalised(series: &Series) -> Vec<(f64, f64)> {
    let t = match series.meta.unit {
        Unit::Minutes | Unit::Multiplier => crate::model::family::Transform::Log2,
        Unit::Percent => crate::model::family::Transform::LogOdds { sat: 100.0 },
        // An index has no doublings: the one-scale chart cannot place it.
        Unit::Index => return Vec::new(),
    };
    let ys: Vec<(f64, f64)> = series
        .points
        .iter()
        .filter(|p| p.frontier && p.kind.fitted_by_default())
        .filter_map(|p| Some((p.date.x(), t.to_y(p.value)?)))
        .collect();
    let Some(&(_, first)) = ys.first() else {
        return Vec::new();
    };
    ys.into_iter().map(|(x, y)| (x, y - first)).collect()
}

/// A column to sort the mosaic by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    /// Series title.
    Name,
    /// Fitted doubling time.
    Doubling,
    /// Number of fitted points.
    Points,
    /// Next milestone's date.
    Milestone,
}

/// Sorts `rows` by `key`, ascending or not. Rows without a value (no fit, a milestone never
/// reached) go last either way; ties keep the manifest order (stable sort).
pub fn sort_rows(rows: &mut [MosaicRow], key: SortKey, ascending: bool) {
    fn opt<T: PartialOrd>(a: Option<T>, b: Option<T>, asc: bool) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) => {
                let o = a.partial_cmp(&b).unwrap_or(Ordering::Equal);
                if asc {
                    o
                } else {
                    o.reverse()
                }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    crate::data::order::sort_by(rows, |a, b| match key {
        SortKey::Name => opt(
            Some(a.title.to_ascii_lowercase()),
            Some(b.title.to_ascii_lowercase()),
            ascending,
        ),
        SortKey::Doubling => opt(a.doubling, b.doubling, ascending),
        SortKey::Points => opt(Some(a.n), Some(b.n), ascending),
        SortKey::Milestone => opt(
            a.milestone.as_ref().and_then(|m| m.date),
            b.milestone.as_ref().and_then(|m| m.date),
            ascending,
        ),
    });
}
