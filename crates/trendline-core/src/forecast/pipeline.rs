//! From (series, settings) to everything the page shows: fits, projection, milestone dates,
//! uncertainty and backtests. Two stages so a slider drag only redoes the cheap part:
//! [`prepare`] (fits and resampling; depends on the data and fit settings) and [`project`]
//! (projection, milestones, fan; depends on the assumptions too).

use crate::data::dataset::{PublishedDoubling, Series};
use crate::data::date::Day;
use crate::data::units::Unit;
use crate::forecast::backtest::{rolling_origin, Backtest};
use crate::forecast::calibration::{calibrate, calibrated_draws, Calibration};
pub use crate::forecast::growth::Growth;
use crate::forecast::milestones::{milestones_for, Milestone};
use crate::forecast::montecarlo::{bootstrap, quantile, Draws, Fan, UnitFan};
pub use crate::forecast::probability::{ChanceCurves, McCrossing, Trends};
use crate::model::family::{Family, Transform};
use crate::model::fit::{fit_line, ExpFit, FitError, FitWindow, LinearFit, Selection};
use crate::model::reliability::derive;
use crate::model::superexp::{aicc, fit_superexp, SuperExp, SuperExpFit};
use crate::settings::{Anchor, Band, Cap, State, SLIDER_DOUBLING_DAYS};
use std::rc::Rc;

/// Bootstrap resamples for the doubling-time interval (at least; more when the fan uses more).
pub const CI_RESAMPLES: usize = 2000;
/// Resamples per origin in the rolling-origin backtest.
pub const BACKTEST_RESAMPLES: usize = 1000;
/// Years past the anchor the tabulated fan covers at the fastest slider setting.
pub const TABLE_YEARS: f64 = 15.0;
/// Points on the fan's time grid.
pub const FAN_STEPS: usize = 24;

/// The fitted curve (before the anchor).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Fitted {
    /// A straight line in fit space.
    Line(LinearFit),
    /// A superexponential curve.
    Super(SuperExpFit),
}

impl Fitted {
    /// `y` at day `x`.
    pub fn y_at(&self, x: f64) -> Option<f64> {
        match self {
            Fitted::Line(l) => Some(l.at(x)),
            Fitted::Super(s) => s.at(x),
        }
    }

    /// The day on which the fitted curve reaches `y`, if it does.
    pub fn x_for(&self, y: f64) -> Option<f64> {
        match self {
            Fitted::Line(l) if l.slope > 0.0 => Some(l.x_mean + (y - l.y_mean) / l.slope),
            Fitted::Line(_) => None,
            Fitted::Super(s) => s.model.time_for(y - s.y0).map(|t| s.x_ref + t),
        }
    }
}

/// The curve drawn past the data: the fitted curve up to the anchor, then the assumed growth.
///
/// `y(x) = fitted(x)` for `x ≤ x_A`, `y(x) = y_A + Δy(x − x_A)` after, where `y_A` is the fitted
/// value at the anchor (or the last point's own, with `anchor=last`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    /// Anchor day number (the last fitted date).
    pub anchor_x: f64,
    /// `y` at the anchor.
    pub anchor_y: f64,
    /// The fitted curve.
    pub fitted: Fitted,
    /// Growth after the anchor.
    pub growth: Growth,
    /// Values ↔ fit space.
    pub transform: Transform,
}

impl Projection {
    /// `y` at day `x` (`None` past a singularity).
    pub fn y_at(&self, x: f64) -> Option<f64> {
        if x <= self.anchor_x {
            self.fitted.y_at(x)
        } else {
            self.growth.dy(x - self.anchor_x).map(|d| self.anchor_y + d)
        }
    }

    /// Projected value at day `x` (`+∞` past a singularity).
    pub fn value_at(&self, x: f64) -> f64 {
        self.y_at(x)
            .map_or(f64::INFINITY, |y| self.transform.to_value(y))
    }

    /// The first date the projection reaches `target` (a value in the series' unit). Targets at
    /// or below the anchor level are crossed along the fitted curve (no later than the anchor);
    /// higher ones at `x_A + t(y_target − y_A)`. `None` when never, or after 2999-12-31.
    pub fn crossing(&self, target: f64) -> Option<Day> {
        let ty = self.transform.target_y(target)?;
        let x = if ty <= self.anchor_y {
            self.fitted.x_for(ty)?.min(self.anchor_x)
        } else {
            self.anchor_x + self.growth.t_for(ty - self.anchor_y)?
        };
        Day::from_x(x)
    }
}

/// Everything that depends on the data and the fit settings only.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    /// The series as fitted (horizons at the chosen reliability level when it is not 50%).
    pub series: Rc<Series>,
    /// The family.
    pub family: Family,
    /// Values ↔ fit space.
    pub transform: Transform,
    /// The points the fit uses.
    pub window: FitWindow,
    /// The straight-line fit (exponential or logistic), or why there is none.
    pub fit: Result<ExpFit, FitError>,
    /// The superexponential fit (horizon series).
    pub superexp: Option<Result<SuperExpFit, FitError>>,
    /// AICc of the exponential fit (horizon series).
    pub aicc_exp: Option<f64>,
    /// AICc of the superexponential fit on the same points.
    pub aicc_superexp: Option<f64>,
    /// Bootstrap draws of the straight-line fit.
    pub draws: Option<Draws>,
    /// Per draw, its level at the anchor relative to the fit, noise included:
    /// `shiftᵢ = lineᵢ(x_A) − line(x_A) + εᵢ`.
    pub shift: Vec<f64>,
    /// The fit-only band's fan of the first `mc` draws in fitted-rate time (see [`UnitFan`]),
    /// tabulated when first asked for: [`Prepared::unit_fan`], [`Prepared::fit_band_at`].
    pub fit_table: FitTable,
    /// The calibrated band's corrections, estimated from the fitted points alone.
    pub calibration: Option<Calibration>,
    /// The calibrated band's draws: `(shiftᵢ', bᵢ')` (see `forecast::calibration`).
    pub cal_shift: Vec<f64>,
    /// Slopes of the calibrated band's draws.
    pub cal_slope: Vec<f64>,
    /// [`Prepared::unit_fan`] of the calibrated draws.
    pub cal_unit_fan: Option<UnitFan>,
    /// 95% percentile interval of the doubling time from the bootstrap, days.
    pub ci: Option<(f64, f64)>,
    /// The same interval from the calibrated band's slopes `bᵢ'`.
    pub cal_ci: Option<(f64, f64)>,
    /// The source's published doubling time for these settings, if any.
    pub published: Option<PublishedDoubling>,
    /// Rolling-origin backtest.
    pub backtest: Option<Backtest>,
    /// Messages for the reader.
    pub notes: Vec<String>,
    /// Whether every analysis was computed (see [`Analyses`]).
    pub complete: bool,
}

/// The fit-only band's table ([`Prepared::unit_fan`]), worked out when first needed: the
/// calibrated band is the default, and the chart's vertical range needs only two of its
/// columns ([`Prepared::fit_band_at`]). Equality compares what it is computed from (the table
/// follows from those and the pass's draws).
#[derive(Clone, Default)]
pub struct FitTable {
    cell: std::cell::OnceCell<Option<UnitFan>>,
    /// The table's last `τ` ([`UnitFan::grid`]).
    pub tau_max: f64,
    /// Draws tabulated (the first `count`); 0 when there is no table (no rising fit, no draws).
    pub count: usize,
}

impl PartialEq for FitTable {
    fn eq(&self, other: &FitTable) -> bool {
        self.tau_max.to_bits() == other.tau_max.to_bits() && self.count == other.count
    }
}

impl std::fmt::Debug for FitTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FitTable")
            .field("tau_max", &self.tau_max)
            .field("count", &self.count)
            .finish()
    }
}

/// The analyses an [`Analyses::Essential`] pass leaves out (see [`Prepared::deferred`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Deferred {
    /// [`Prepared::superexp`].
    pub superexp: Option<Result<SuperExpFit, FitError>>,
    /// [`Prepared::aicc_superexp`].
    pub aicc_superexp: Option<f64>,
    /// [`Prepared::backtest`].
    pub backtest: Option<Backtest>,
}

/// A milestone and its crossing dates.
#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneRow {
    /// Which milestone.
    pub milestone: Milestone,
    /// Crossing under the assumptions (sliders).
    pub assumed: Option<Day>,
    /// Crossing under the fitted curve.
    pub fitted: Option<Day>,
    /// Monte Carlo percentiles of the crossing date.
    pub mc: Option<McCrossing>,
    /// Chance of reaching it by the date `by` (`None` without draws, or when `by` is before
    /// the anchor).
    pub prob: Option<f64>,
}

/// Where a later point landed in an as-of fan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BandHit {
    /// Inside the 80% band.
    Inside80,
    /// Inside the 95% band but not the 80%.
    Inside95,
    /// Below the 95% band.
    Below,
    /// Above the 95% band.
    Above,
}

/// Everything the page shows for (series, settings).
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    /// The fit stage.
    pub prepared: Rc<Prepared>,
    /// Fitted doubling time, days: of the value (exponential), of the odds (logistic), or the
    /// current one at the anchor (superexponential).
    pub fitted_doubling: Option<f64>,
    /// Doubling time used for the projection (the reader's, else the fitted one).
    pub assumed_doubling: Option<f64>,
    /// Acceleration used (fraction), superexponential only.
    pub accel: Option<f64>,
    /// The projection under the assumptions.
    pub projection: Option<Projection>,
    /// The projection under the fitted curve.
    pub fitted_projection: Option<Projection>,
    /// Date the assumed projection reaches infinity (superexponential without floor).
    pub singularity: Option<Day>,
    /// Milestones with their crossing dates.
    pub milestones: Vec<MilestoneRow>,
    /// Monte Carlo fan (fit space).
    pub fan: Option<Fan>,
    /// The band the fan, percentiles and chances use.
    pub band: Band,
    /// The simulated trends of that band under the assumptions.
    pub trends: Option<Rc<Trends>>,
    /// Chance of each milestone (in [`Forecast::milestones`] order) against the date.
    pub chance: Option<ChanceCurves>,
    /// The as-of date of the backtest view, if any.
    pub asof: Option<Day>,
    /// End of the projection and of the time axis.
    pub until: Day,
    /// Points after the as-of date and the fan band each landed in.
    pub asof_hits: Vec<(usize, BandHit)>,
    /// Messages for the reader.
    pub notes: Vec<String>,
}

/// The fit stage for `series` (with `sibling80`, its 80% horizons, when there is one) under
/// `state`.
pub fn prepare(series: &Series, sibling80: Option<&Series>, state: &State) -> Prepared {
    prepare_with(series, sibling80, state, Analyses::Full)
}

/// How much of the fit stage to compute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Analyses {
    /// Everything.
    Full,
    /// What the chart and the projection need: the fit, the resampling and the fan. The
    /// superexponential fit (unless it is the chosen family) and the backtest are left out, to
    /// be computed later; [`Prepared::complete`] says which it is.
    Essential,
}

/// [`prepare`], optionally leaving out the analyses the first paint does not need.
pub fn prepare_with(
    series: &Series,
    sibling80: Option<&Series>,
    state: &State,
    analyses: Analyses,
) -> Prepared {
    let quick = prepare_essential(series, sibling80, state);
    match analyses {
        Analyses::Full => quick.completed(),
        Analyses::Essential => quick,
    }
}

/// The [`Analyses::Essential`] pass; [`Prepared::completed`] adds the rest.
fn prepare_essential(series: &Series, sibling80: Option<&Series>, state: &State) -> Prepared {
    let mut notes = Vec::new();
    let unit = series.meta.unit;
    let family = state.family(unit);
    if let Some(m) = state.model.filter(|m| !m.applies_to(unit)) {
        notes.push(format!(
            "A {} fit does not apply to this series; using {}.",
            m.label(),
            family.label()
        ));
    }
    let transform = Transform::for_meta(&series.meta, state.sat);
    let mut window = state.fit_window(series);
    let effective = match (unit, sibling80) {
        (Unit::Minutes, Some(p80)) if state.rel != 50.0 => {
            let (d, skipped) = derive(series, p80, state.rel);
            if !skipped.is_empty() {
                notes.push(format!(
                    "No reliability curve for {} (its 80% horizon is not below its 50% horizon).",
                    skipped.join(", ")
                ));
            }
            // The cap applies to each model's 50% horizon, as METR's rule does.
            if let Some(c) = window.cap.take() {
                window.capped = series
                    .points
                    .iter()
                    .filter(|p| p.value > c)
                    .map(|p| p.id.clone())
                    .collect();
            }
            notes.push(format!(
                "Horizons at {}% reliability are derived from each model's 50% and 80% horizons with METR's logistic success curve; they carry no confidence interval.",
                state.rel
            ));
            Rc::new(d)
        }
        (Unit::Minutes, None) if state.rel != 50.0 => {
            notes.push(
                "Reliability levels other than 50% need the series' 80% horizons; showing 50%."
                    .into(),
            );
            Rc::new(series.clone())
        }
        _ => Rc::new(series.clone()),
    };
    let s = &*effective;
    // A series too short for a trend is shown without one, whatever the settings.
    let fit = if s.meta.no_fit.is_some() {
        Err(crate::model::fit::FitError::TooShort)
    } else {
        fit_line(s, &window, transform)
    };
    let (xs, ys) = fitted_xy(s, &fit, transform);
    let (superexp, aicc_exp, aicc_superexp) = if unit == Unit::Minutes {
        let a_exp = fit.as_ref().ok().and_then(|f| {
            let sse = f.line.resid_sd.powi(2) * (f.line.n as f64 - 2.0);
            aicc(sse, f.line.n, 3)
        });
        if family == Family::Superexponential {
            let se = fit_superexp(&xs, &ys);
            let a_se = se.as_ref().ok().and_then(|f| aicc(f.sse, f.n, 4));
            (Some(se), a_exp, a_se)
        } else {
            (None, a_exp, None)
        }
    } else {
        (None, None, None)
    };
    if family == Family::Superexponential {
        if let Some(Err(e)) = &superexp {
            notes.push(format!(
                "No superexponential fit: {e} (it needs at least 3 points)."
            ));
        }
    }
    let draws = fit
        .as_ref()
        .ok()
        .map(|f| bootstrap(&xs, &ys, &f.line, CI_RESAMPLES.max(state.mc as usize)));
    let ci = draws.as_ref().and_then(|d| doubling_interval(&d.slope));
    let (shift, fit_table, calibration, cal_shift, cal_slope, cal_unit_fan) = match (&fit, &draws) {
        (Ok(f), Some(d)) => {
            let x_a = f.span.1.x();
            let shift: Vec<f64> = (0..d.len())
                .map(|i| d.line_at(i, x_a) - f.line.at(x_a) + d.noise[i])
                .collect();
            let count = (state.mc as usize).min(d.len());
            // Enough for every slider position (doubling times down to 7 days) over
            // TABLE_YEARS; projections beyond it are computed draw by draw.
            let tau_max = TABLE_YEARS * 365.2425 / (f.line.slope * SLIDER_DOUBLING_DAYS.0);
            let tabulated = count > 0 && f.line.slope > 0.0;
            let cal = calibrate(&xs, &ys);
            let (cs, ck) = calibrated_draws(&cal, f.line.slope, &shift, &d.slope);
            // The calibrated band is the default: its table now; the fit-only one when asked.
            let cuf = tabulated.then(|| UnitFan::compute(&cs[..count], &ck[..count], tau_max));
            let fit_table = FitTable {
                cell: std::cell::OnceCell::new(),
                tau_max,
                count: if tabulated { count } else { 0 },
            };
            (shift, fit_table, Some(cal), cs, ck, cuf)
        }
        _ => (
            Vec::new(),
            FitTable::default(),
            None,
            Vec::new(),
            Vec::new(),
            None,
        ),
    };
    let cal_ci = doubling_interval(&cal_slope);
    let published = (family == Family::Exponential
        && state.rel == 50.0
        && state.selection == Selection::Frontier
        && state.to.is_none()
        && state.asof.is_none()
        && state.drop.is_empty()
        && state.cap == Cap::Default)
        .then(|| {
            let from = state.from.map(|d| d.to_string());
            s.meta
                .published_doubling
                .iter()
                .find(|p| p.from.as_deref() == from.as_deref())
                .cloned()
        })
        .flatten();
    match &fit {
        Err(e) => notes.push(format!("No trend: {e}.")),
        Ok(f) if f.doubling_days().is_none() => {
            notes.push("The fitted trend is flat or falling, so it has no doubling time.".into())
        }
        _ => {}
    }
    if let Ok(f) = &fit {
        let copies = f.copies.len();
        if copies > 0 {
            notes.push(format!(
                "{copies} {} an earlier point's date and value (such as one model's score listed under several settings); each measurement is fitted once.",
                if copies == 1 { "point repeats" } else { "points repeat" }
            ));
        }
    }
    Prepared {
        series: effective,
        family,
        transform,
        window,
        fit,
        superexp,
        aicc_exp,
        aicc_superexp,
        draws,
        shift,
        fit_table,
        calibration,
        cal_shift,
        cal_slope,
        cal_unit_fan,
        cal_ci,
        ci,
        published,
        backtest: None,
        notes,
        complete: false,
    }
}

/// 95% percentile interval of the doubling time `1/bᵢ` over the slopes `bᵢ` (2.5th and 97.5th
/// percentiles, flat or falling slopes counted as an infinite doubling time); `None` when half
/// or more of the slopes are not rising.
fn doubling_interval(slopes: &[f64]) -> Option<(f64, f64)> {
    let mut t: Vec<f64> = slopes
        .iter()
        .filter(|b| **b > 0.0)
        .map(|b| 1.0 / b)
        .collect();
    if slopes.is_empty() || t.len() < slopes.len() / 2 {
        return None;
    }
    t.extend(std::iter::repeat_n(f64::INFINITY, slopes.len() - t.len()));
    Some((quantile(&mut t, 0.025)?, quantile(&mut t, 0.975)?))
}

/// The points a fit used, in fit space: `(xᵢ, yᵢ) = (dateᵢ, transform(valueᵢ))` for each `i`
/// in `fit.used` (empty without a fit).
fn fitted_xy(
    s: &Series,
    fit: &Result<ExpFit, FitError>,
    transform: Transform,
) -> (Vec<f64>, Vec<f64>) {
    match fit {
        Ok(f) => f
            .used
            .iter()
            .map(|&i| {
                (
                    s.points[i].date.x(),
                    transform.to_y(s.points[i].value).unwrap_or(f64::NAN),
                )
            })
            .unzip(),
        Err(_) => (Vec::new(), Vec::new()),
    }
}

impl Prepared {
    /// The analyses an [`Analyses::Essential`] pass leaves out, for this pass: the
    /// superexponential fit of the fitted points (horizon series; AICc `aicc(sse, n, 4)` beside
    /// it) and the rolling-origin backtest on the same series, window and transform. The
    /// superexponential fit is copied when this pass has it (the chosen family, or a complete
    /// pass), not fitted again.
    pub fn deferred(&self) -> Deferred {
        let s = &*self.series;
        let (superexp, aicc_superexp) = match &self.superexp {
            Some(se) => (Some(se.clone()), self.aicc_superexp),
            None if s.meta.unit == Unit::Minutes => {
                let (xs, ys) = fitted_xy(s, &self.fit, self.transform);
                let se = fit_superexp(&xs, &ys);
                let a = se.as_ref().ok().and_then(|f| aicc(f.sse, f.n, 4));
                (Some(se), a)
            }
            None => (None, None),
        };
        // A series shown without a trend (too short) has no band to score either.
        let backtest = if s.meta.no_fit.is_none() {
            rolling_origin(s, &self.window, self.transform, BACKTEST_RESAMPLES)
        } else {
            None
        };
        Deferred {
            superexp,
            aicc_superexp,
            backtest,
        }
    }

    /// This pass with [`Prepared::deferred`] added: `prepare_with(series, sibling80, state,
    /// Analyses::Full)` is computed this way, so an app that shows the essential pass first and
    /// completes it later neither fits, resamples nor tabulates the fans twice. A complete pass
    /// comes back unchanged.
    ///
    /// ```
    /// use trendline_core::{prepare_with, Analyses, Dataset, State};
    /// let data = Dataset::load_dir(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"))).unwrap();
    /// let series = data.get("metr-th1.1-p50").unwrap();
    /// let state = State::default();
    /// let quick = prepare_with(series, None, &state, Analyses::Essential);
    /// assert!(!quick.complete && quick.backtest.is_none());
    /// let later = quick.deferred();
    /// assert!(later.backtest.is_some() && later.superexp.is_some());
    /// assert_eq!(quick.completed(), prepare_with(series, None, &state, Analyses::Full));
    /// ```
    pub fn completed(mut self) -> Prepared {
        if self.complete {
            return self;
        }
        let d = self.deferred();
        self.superexp = d.superexp;
        self.aicc_superexp = d.aicc_superexp;
        self.backtest = d.backtest;
        self.complete = true;
        self
    }

    /// The fit-only band's table: the fan of `shiftᵢ + bᵢ·τ` over the first
    /// [`FitTable::count`] draws, `τ` up to [`FitTable::tau_max`] ([`UnitFan::compute`]),
    /// tabulated on the first call. `None` without a rising fit or draws.
    pub fn unit_fan(&self) -> Option<&UnitFan> {
        self.fit_table
            .cell
            .get_or_init(|| {
                let (shift, slope, tau_max) = self.fit_table_inputs()?;
                Some(UnitFan::compute(shift, slope, tau_max))
            })
            .as_ref()
    }

    /// `self.unit_fan()?.at(tau)`, without tabulating the whole table when it is not yet
    /// ([`UnitFan::at_once`]: the same numbers).
    pub fn fit_band_at(&self, tau: f64) -> Option<[f64; 5]> {
        if let Some(table) = self.fit_table.cell.get() {
            return table.as_ref().map(|t| t.at(tau));
        }
        let (shift, slope, tau_max) = self.fit_table_inputs()?;
        Some(UnitFan::at_once(shift, slope, tau_max, tau))
    }

    fn fit_table_inputs(&self) -> Option<(&[f64], &[f64], f64)> {
        let n = self.fit_table.count;
        let slope = &self.draws.as_ref()?.slope;
        (n > 0 && self.shift.len() >= n && slope.len() >= n)
            .then(|| (&self.shift[..n], &slope[..n], self.fit_table.tau_max))
    }

    /// The doubling time's 95% interval under `band`.
    pub fn ci_for(&self, band: Band) -> Option<(f64, f64)> {
        match band {
            Band::Fit => self.ci,
            Band::Calibrated => self.cal_ci,
        }
    }
}

/// The projection stage: assumptions, milestones, the selected band's fan and the chances.
pub fn project(prepared: &Rc<Prepared>, state: &State) -> Forecast {
    let p = &**prepared;
    let mut out = Forecast {
        prepared: prepared.clone(),
        fitted_doubling: None,
        assumed_doubling: None,
        accel: None,
        projection: None,
        fitted_projection: None,
        singularity: None,
        milestones: milestones_for(&p.series.meta, state.units, state.goal)
            .into_iter()
            .map(|m| MilestoneRow {
                milestone: m,
                assumed: None,
                fitted: None,
                mc: None,
                prob: None,
            })
            .collect(),
        fan: None,
        band: state.band,
        trends: None,
        chance: None,
        asof: state.asof,
        until: state.until,
        asof_hits: Vec::new(),
        notes: p.notes.clone(),
    };
    let Ok(fit) = &p.fit else {
        return out;
    };
    let anchor_x = fit.span.1.x();
    let (fitted, fitted_growth, fitted_doubling) = fitted_curve(p, fit, anchor_x);
    let fitted_anchor_y = fitted.y_at(anchor_x).unwrap_or(fit.line.at(anchor_x));
    let last_y = fit
        .used
        .last()
        .and_then(|&i| p.transform.to_y(p.series.points[i].value));
    let anchor_y = match state.anchor {
        Anchor::Fit => fitted_anchor_y,
        Anchor::Last => last_y.unwrap_or(fitted_anchor_y),
    };
    out.fitted_doubling = fitted_doubling;
    out.assumed_doubling = state.doubling.or(fitted_doubling);
    out.accel = match &fitted {
        Fitted::Super(f) => Some(state.accel.map_or(f.model.a, |a| a / 100.0)),
        Fitted::Line(_) if p.family == Family::Superexponential => state.accel.map(|a| a / 100.0),
        Fitted::Line(_) => None,
    };
    let growth = match (p.family, out.assumed_doubling, out.accel) {
        (Family::Superexponential, Some(t), Some(a)) => Some(Growth::Super(SuperExp {
            t0: t,
            a,
            floor: state.floor,
        })),
        (_, Some(t), _) => Some(Growth::Linear { slope: 1.0 / t }),
        (_, None, _) => None,
    };
    let make = |g: Growth, y: f64| Projection {
        anchor_x,
        anchor_y: y,
        fitted,
        growth: g,
        transform: p.transform,
    };
    out.projection = growth.map(|g| make(g, anchor_y));
    out.fitted_projection = fitted_growth.map(|g| make(g, fitted_anchor_y));
    if let Some(Growth::Super(m)) = growth {
        out.singularity = m.singularity().and_then(|t| Day::from_x(anchor_x + t));
        if let Some(d) = out.singularity {
            out.notes.push(format!(
                "Without a floor on the doubling time this curve reaches infinity on {d}: each doubling is {:.0}% shorter than the last.",
                m.a * 100.0
            ));
        }
    }
    if let (Some(g), true) = (growth, fit.line.slope > 0.0) {
        simulate(&mut out, state, (anchor_x, anchor_y), g, fit.line.slope);
    }
    for row in &mut out.milestones {
        row.assumed = out
            .projection
            .and_then(|pr| pr.crossing(row.milestone.target));
        row.fitted = out
            .fitted_projection
            .and_then(|pr| pr.crossing(row.milestone.target));
    }
    out.asof_hits = asof_hits(p, state.asof, out.fan.as_ref());
    out
}

/// The chosen family's fitted curve, its growth after the anchor and its doubling time there.
fn fitted_curve(
    p: &Prepared,
    fit: &ExpFit,
    anchor_x: f64,
) -> (Fitted, Option<Growth>, Option<f64>) {
    match (&p.family, &p.superexp) {
        (Family::Superexponential, Some(Ok(f))) => {
            let current = f.model.doubling_time_at(anchor_x - f.x_ref);
            let growth = current.map(|t| {
                Growth::Super(SuperExp {
                    t0: t,
                    a: f.model.a,
                    floor: 0.0,
                })
            });
            (Fitted::Super(*f), growth, current)
        }
        _ => (
            Fitted::Line(fit.line),
            Some(Growth::Linear {
                slope: fit.line.slope,
            }),
            fit.doubling_days(),
        ),
    }
}

/// Monte Carlo under growth `g` from `anchor = (x_A, y_A)`: the selected band's trends
/// (bootstrap refits plus residual noise, calibrated or not, re-centred on the projection),
/// their fan, the milestone percentiles and the chances by `state.by`.
fn simulate(out: &mut Forecast, state: &State, anchor: (f64, f64), g: Growth, b: f64) {
    let p = &*out.prepared;
    let (shift, slope, table) = match state.band {
        Band::Fit => (&p.shift, p.draws.as_ref().map(|d| &d.slope), p.unit_fan()),
        Band::Calibrated => (&p.cal_shift, Some(&p.cal_slope), p.cal_unit_fan.as_ref()),
    };
    let count = (state.mc as usize).min(shift.len());
    let Some(slope) = slope.filter(|s| count > 0 && s.len() >= count) else {
        return;
    };
    let trends = Trends::new(anchor, &shift[..count], &slope[..count], b, g, p.transform);
    let (anchor_x, until) = (anchor.0, state.until.x());
    if until > anchor_x {
        out.fan = Some(band_fan(&trends, table, g, b, anchor, until));
    }
    let crossings: Vec<Option<Vec<f64>>> = out
        .milestones
        .iter()
        .map(|m| trends.crossings(m.milestone.target))
        .collect();
    let by = state.by.x();
    let before = by < anchor_x;
    if before {
        out.notes.push(format!(
            "The date for the chance of each milestone ({}) is before the last fitted date ({}): the trend is already known there, so no chance is given.",
            state.by,
            Day::from_x(anchor_x).map_or_else(String::new, |d| d.to_string())
        ));
    }
    for (row, c) in out.milestones.iter_mut().zip(&crossings) {
        row.mc = Some(
            c.as_ref()
                .map_or(McCrossing::NEVER, |c| McCrossing::of(c, until)),
        );
        row.prob = (!before).then(|| {
            c.as_ref()
                .map_or(0.0, |c| crate::forecast::probability::share_by(c, by))
        });
    }
    out.chance = Some(ChanceCurves::compute(
        &crossings,
        anchor_x,
        until.max(by),
        state.by,
    ));
    out.trends = Some(Rc::new(trends));
}

/// The fan of `trends` from the anchor to `until`: read off the tabulated fan at `τ = k·t` for
/// straight-line growth of slope `k·b` when the table reaches far enough, else computed draw by
/// draw.
fn band_fan(
    trends: &Trends,
    table: Option<&UnitFan>,
    g: Growth,
    b: f64,
    anchor: (f64, f64),
    until: f64,
) -> Fan {
    let (anchor_x, anchor_y) = anchor;
    let grid = |steps: usize| -> Vec<f64> {
        (0..=steps)
            .map(|j| anchor_x + (until - anchor_x) * j as f64 / steps as f64)
            .collect()
    };
    match (g, table) {
        (Growth::Linear { slope }, Some(uf))
            if uf.draws == trends.len()
                && (slope / b) * (until - anchor_x) <= uf.taus.last().copied().unwrap_or(0.0) =>
        {
            let k = slope / b;
            let xs = grid(2 * FAN_STEPS);
            let mut bands: [Vec<f64>; 5] = Default::default();
            for &x in &xs {
                for (band, v) in bands.iter_mut().zip(uf.at(k * (x - anchor_x))) {
                    band.push(anchor_y + v);
                }
            }
            Fan {
                xs,
                bands,
                draws: trends.len(),
            }
        }
        _ => Fan::compute(grid(FAN_STEPS), trends.len(), |i, x| trends.y(i, x)),
    }
}

/// Points after the as-of date and the band of `fan` each landed in.
fn asof_hits(p: &Prepared, asof: Option<Day>, fan: Option<&Fan>) -> Vec<(usize, BandHit)> {
    let (Some(asof), Some(fan)) = (asof, fan) else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    for (i, pt) in p.series.points.iter().enumerate() {
        if pt.date <= asof || !pt.kind.fitted_by_default() {
            continue;
        }
        let (Some(q), Some(y)) = (fan.at(pt.date.x()), p.transform.to_y(pt.value)) else {
            continue;
        };
        let hit = if y >= q[1] && y <= q[3] {
            BandHit::Inside80
        } else if y >= q[0] && y <= q[4] {
            BandHit::Inside95
        } else if y < q[0] {
            BandHit::Below
        } else {
            BandHit::Above
        };
        hits.push((i, hit));
    }
    hits
}

impl Forecast {
    /// `P(value ≥ target by the end of day by)` from the selected band's simulated trends
    /// under the reader's assumptions ([`Trends::chance_by`]): the share of trends that reach
    /// `target` (in the series' unit) on or before `by`. Any date works, also after the end
    /// date `until`. `None` without simulated trends (Monte Carlo off, no rising fit).
    pub fn chance_by(&self, target: f64, by: Day) -> Option<f64> {
        self.trends.as_ref()?.chance_by(target, by)
    }
}

/// Both stages at once: `project(prepare(…), state)`.
pub fn forecast(series: &Series, sibling80: Option<&Series>, state: &State) -> Forecast {
    project(&Rc::new(prepare(series, sibling80, state)), state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fit::ols;

    fn line_through(points: &[(i32, f64)]) -> (Fitted, f64) {
        let xs: Vec<f64> = points.iter().map(|p| f64::from(p.0)).collect();
        let ys: Vec<f64> = points.iter().map(|p| p.1.log2()).collect();
        (Fitted::Line(ols(&xs, &ys).unwrap()), xs[xs.len() - 1])
    }

    fn projection(doubling: f64) -> Projection {
        let (fitted, anchor_x) = line_through(&[(0, 1.0), (100, 2.0), (200, 4.0)]);
        Projection {
            anchor_x,
            anchor_y: fitted.y_at(anchor_x).unwrap(),
            fitted,
            growth: Growth::Linear {
                slope: 1.0 / doubling,
            },
            transform: Transform::Log2,
        }
    }

    /// Values 1, 2, 4 at days 0, 100, 200: doubling every 100 days; 8 is reached at day 300
    /// under the fitted rate, and at day 200 + 50 = 250 under a 50-day doubling time.
    #[test]
    fn crossing_dates_follow_the_closed_form() {
        assert_eq!(projection(100.0).crossing(8.0), Some(Day::from_number(300)));
        let fast = projection(50.0);
        assert_eq!(fast.crossing(8.0), Some(Day::from_number(250)));
        // A target below the anchor is crossed along the fitted line, whatever the assumption.
        assert_eq!(fast.crossing(2.0), Some(Day::from_number(100)));
        assert!((fast.value_at(250.0) - 8.0).abs() < 1e-9);
    }

    #[test]
    fn extreme_doubling_times_give_dates_or_never_but_no_nonsense() {
        assert_eq!(
            projection(36_525.0).crossing(1e9),
            None,
            "beyond year 2999 is reported as never"
        );
        let quick = projection(1.0);
        assert_eq!(quick.crossing(8.0), Some(Day::from_number(201)));
        assert_eq!(quick.crossing(f64::NAN), None);
        assert_eq!(quick.crossing(0.0), None);
    }

    #[test]
    fn a_superexponential_projection_reaches_infinity_at_a_finite_date() {
        let mut p = projection(100.0);
        p.growth = Growth::Super(SuperExp {
            t0: 100.0,
            a: 0.2,
            floor: 0.0,
        });
        let t_star = 100.0 / -(0.8f64).ln();
        assert!(p.value_at(200.0 + t_star * 0.99).is_finite());
        assert_eq!(p.value_at(200.0 + t_star + 1.0), f64::INFINITY);
        assert!(p.crossing(1e30).unwrap().x() < 200.0 + t_star);
    }

    #[test]
    fn logistic_projections_never_reach_saturation() {
        let l = ols(&[0.0, 100.0], &[-1.0, 0.0]).unwrap();
        let p = Projection {
            anchor_x: 100.0,
            anchor_y: 0.0,
            fitted: Fitted::Line(l),
            growth: Growth::Linear { slope: 0.01 },
            transform: Transform::LogOdds { sat: 90.0 },
        };
        assert!((p.value_at(100.0) - 45.0).abs() < 1e-9);
        assert!(p.value_at(1e5) <= 90.0);
        assert_eq!(p.crossing(90.0), None);
        assert_eq!(p.crossing(95.0), None);
        // 80% of 90 = 72: odds 4 = 2² → two odds-doublings, 200 days after the anchor.
        assert_eq!(p.crossing(72.0), Some(Day::from_number(300)));
    }
}
