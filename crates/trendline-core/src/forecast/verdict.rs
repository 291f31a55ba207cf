//! Published forecasts scored against the data and the selected fit.
//!
//! Each forecast in `data/forecasts.csv` about a series gets one verdict:
//!
//! * **Target date passed** (the target is on or before the series' last measured point, so
//!   the data say what happened; or the outcome is already settled by the data, see below):
//!   was the measured frontier at the target date `inside`, `above` or `below` the forecast's
//!   range? The frontier at a date is the best measured
//!   value dated on or before it, `F(D) = max { vᵢ : dᵢ ≤ D, kindᵢ = measured }` (the running
//!   maximum the app fits; lab-reported and other kinds never count). A value forecast with a
//!   range `[low, high]` reads `below` when `F(D) < low`, `above` when `F(D) > high`, `inside`
//!   otherwise; without a range the median is both ends. A date forecast (the date a threshold
//!   `v*` is reached, with range `[D_low, D_high]`, or `[D, D]` without one) is passed once
//!   `D_high` is; with `D₁` the first date the frontier reaches `v*`, it reads `above` when
//!   `D₁ < D_low` (progress ran ahead of the forecast), `inside` when
//!   `D_low ≤ D₁ ≤ D_high`, `below` when the frontier had not reached `v*` by `D_high`.
//!   Settled early: the frontier never falls, so a value forecast whose range the frontier
//!   had already passed by the data's last date reads `above` even before its target date,
//!   and a date forecast whose threshold has been reached is scored by `D₁` at once.
//! * **Target date ahead**: when does the projection (the selected fit, or the reader's
//!   doubling time) reach the forecast's median value `v` (a date forecast's threshold)?
//!   With `D_trend` its crossing date and `D` the forecast's date,
//!   `months = (D − D_trend) / (365.2425 / 12)`: `ahead` when `months ≥ 0` (the trend gets
//!   there first), `behind` otherwise or when the projection never reaches `v`. The
//!   probability the app gives beside it, `P(v reached by D)`, is computed by the caller
//!   (the selected band's simulated trends: `Forecast::chance_by`) and passed in.

use crate::data::dataset::Series;
use crate::data::date::Day;
use crate::data::published::{ForecastKind, PublishedForecast};
use crate::data::units::ImportUnit;
use crate::forecast::Projection;

/// Days per month used for "months ahead/behind": a Gregorian year over 12.
pub const DAYS_PER_MONTH: f64 = 365.2425 / 12.0;

/// The verdict on one forecast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerdictKind {
    /// Passed: the measured frontier was inside the forecast's range.
    Inside,
    /// Passed: the frontier was above the range (progress beat the forecast).
    Above,
    /// Passed: the frontier was below the range.
    Below,
    /// Ahead: the current trend reaches the forecast's value before its date.
    Ahead,
    /// Ahead: the current trend reaches it after its date, or never.
    Behind,
}

impl VerdictKind {
    /// The token shown in `data-value`: `inside`, `above`, `below`, `ahead`, `behind`.
    pub fn token(self) -> &'static str {
        match self {
            VerdictKind::Inside => "inside",
            VerdictKind::Above => "above",
            VerdictKind::Below => "below",
            VerdictKind::Ahead => "ahead",
            VerdictKind::Behind => "behind",
        }
    }
}

/// A forecast's verdict and the figures behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// Which verdict.
    pub kind: VerdictKind,
    /// The measured frontier at the target date (passed value forecasts), in the series' unit.
    pub actual: Option<f64>,
    /// The date the frontier reached a date forecast's threshold (passed), or the date the
    /// projection reaches the forecast's value (ahead).
    pub reached: Option<Day>,
    /// Months the trend is ahead of the forecast's date (negative: behind), target date ahead
    /// only.
    pub months: Option<f64>,
    /// `P(value reached by the forecast's date)` from the simulated trends, if given.
    pub probability: Option<f64>,
    /// One sentence a reader can quote.
    pub sentence: String,
}

/// The measured frontier on `day`: the best value of a measured point dated on or before it
/// (`None` before the first one).
///
/// `F(D) = max { vᵢ : dᵢ ≤ D, kindᵢ = measured }`.
pub fn frontier_at(series: &Series, day: Day) -> Option<f64> {
    series
        .points
        .iter()
        .filter(|p| p.kind.fitted_by_default() && p.date <= day && p.value.is_finite())
        .map(|p| p.value)
        .fold(None, |m, v| Some(m.map_or(v, |m: f64| m.max(v))))
}

/// The first date a measured point reaches `value` (`None` if none has).
///
/// `D₁ = min { dᵢ : vᵢ ≥ v*, kindᵢ = measured }`.
pub fn first_reached(series: &Series, value: f64) -> Option<Day> {
    series
        .points
        .iter()
        .filter(|p| p.kind.fitted_by_default() && p.value >= value)
        .map(|p| p.date)
        .min()
}

/// The date of the series' last measured point: up to it the data say what the frontier was.
pub fn data_end(series: &Series) -> Option<Day> {
    series
        .points
        .iter()
        .filter(|p| p.kind.fitted_by_default())
        .map(|p| p.date)
        .max()
}

/// A value in the series' unit, written in the forecast's unit: "75.4%", "24.0 h", "39.0 min".
fn show(f: &PublishedForecast, series_value: f64) -> String {
    let v = series_value / f.unit.factor();
    match f.unit {
        ImportUnit::Percent => format!("{v:.1}%"),
        u => format!("{v:.1} {}", u.suffix()),
    }
}

fn range_words(f: &PublishedForecast) -> String {
    match (f.low_pct, f.high_pct) {
        (Some(pl), Some(ph)) => format!("{pl}th–{ph}th percentile range"),
        _ => "median (no range is given)".into(),
    }
}

/// The verdict on forecast `f` about `series`, scored against the measured data up to
/// [`data_end`] and, for target dates after it, against `projection` (see the module
/// documentation for the rule). `probability` is `P(f's value reached by f's date)` from the
/// caller's simulated trends (for example `Forecast::chance_by`); it is only quoted.
///
/// `None` when the forecast cannot be scored: its target passed but no measured point is
/// dated before it, or the series has no measured point.
pub fn verdict(
    f: &PublishedForecast,
    series: &Series,
    projection: Option<&Projection>,
    probability: Option<f64>,
) -> Option<Verdict> {
    let end = data_end(series)?;
    let (value, lo, hi) = f.in_series_unit();
    let (d_lo, d_hi) = match (f.kind, f.target_low, f.target_high) {
        (ForecastKind::Date, Some(a), Some(b)) => (a, b),
        _ => (f.target, f.target),
    };
    let probability = probability
        .filter(|p| p.is_finite())
        .map(|p| p.clamp(0.0, 1.0));
    let blank = |kind, sentence| Verdict {
        kind,
        actual: None,
        reached: None,
        months: None,
        probability: None,
        sentence,
    };
    match f.kind {
        // The frontier never falls, so one already above the range by the data's end was above
        // it on the target date too.
        ForecastKind::Value
            if f.target > end
                && frontier_at(series, end).is_some_and(|a| a > hi.unwrap_or(value)) =>
        {
            let actual = frontier_at(series, end)?;
            Some(Verdict {
                actual: Some(actual),
                ..blank(
                    VerdictKind::Above,
                    format!(
                        "The measured frontier was already {} on {end}, the data's last date, above the forecast's {} for {}.",
                        show(f, actual),
                        if f.low.is_some() {
                            format!("{} ({}–{})", range_words(f), show(f, lo.unwrap_or(value)), show(f, hi.unwrap_or(value)))
                        } else {
                            format!("median ({})", show(f, value))
                        },
                        f.target
                    ),
                )
            })
        }
        ForecastKind::Value if f.target <= end => {
            let actual = frontier_at(series, f.target)?;
            let (lo, hi) = (lo.unwrap_or(value), hi.unwrap_or(value));
            let kind = if actual < lo {
                VerdictKind::Below
            } else if actual > hi {
                VerdictKind::Above
            } else {
                VerdictKind::Inside
            };
            let where_ = match kind {
                VerdictKind::Below => "below",
                VerdictKind::Above => "above",
                _ => "inside",
            };
            let range = if f.low.is_some() {
                format!("{} ({}–{})", range_words(f), show(f, lo), show(f, hi))
            } else {
                format!("median ({})", show(f, value))
            };
            Some(Verdict {
                actual: Some(actual),
                ..blank(
                    kind,
                    format!(
                        "The measured frontier on {} was {}, {where_} the forecast's {range}.",
                        f.target,
                        show(f, actual)
                    ),
                )
            })
        }
        ForecastKind::Date if d_hi <= end || first_reached(series, value).is_some() => {
            let reached = first_reached(series, value);
            let kind = match reached {
                Some(d) if d < d_lo => VerdictKind::Above,
                Some(d) if d <= d_hi => VerdictKind::Inside,
                _ => VerdictKind::Below,
            };
            let sentence = match reached.filter(|d| *d <= d_hi) {
                Some(d) => format!(
                    "The measured frontier reached {} on {d}; the forecast said {}.",
                    show(f, value),
                    if d_lo == d_hi {
                        format!("{d_lo}")
                    } else {
                        format!("{d_lo} to {d_hi}")
                    }
                ),
                None => format!(
                    "The measured frontier had not reached {} by {d_hi}, the forecast's date.",
                    show(f, value)
                ),
            };
            Some(Verdict {
                reached,
                ..blank(kind, sentence)
            })
        }
        _ => {
            let reached = projection.and_then(|p| p.crossing(value));
            let months = reached.map(|d| (f.target.x() - d.x()) / DAYS_PER_MONTH);
            let kind = match months {
                Some(m) if m >= 0.0 => VerdictKind::Ahead,
                _ => VerdictKind::Behind,
            };
            let mut sentence = match (reached, months) {
                (Some(d), Some(m)) => format!(
                    "The trend reaches {} on {d}, {:.1} months {} the forecast's {}.",
                    show(f, value),
                    m.abs(),
                    if m >= 0.0 { "ahead of" } else { "behind" },
                    f.target
                ),
                _ => format!(
                    "The trend does not reach {} before the end of the projection; the forecast says {}.",
                    show(f, value),
                    f.target
                ),
            };
            // The trend's date is already inside the data: say what the data show there.
            if let (Some(d), Some(a)) = (reached, frontier_at(series, end)) {
                if d <= end {
                    sentence.push_str(&format!(
                        " The data end on {end} with the measured frontier at {}.",
                        show(f, a)
                    ));
                }
            }
            if let Some(p) = probability {
                sentence.push_str(&format!(
                    " Chance of {} by {}: {:.0}% (an extrapolation of past progress, not a prediction of events).",
                    show(f, value),
                    f.target,
                    p * 100.0
                ));
            }
            Some(Verdict {
                kind,
                actual: None,
                reached,
                months,
                probability,
                sentence,
            })
        }
    }
}

/// The verdicts of `forecasts` on the forecast `fc`, in order: [`verdict`] against `fc`'s
/// series and projection, with `P(value reached by its date)` from `fc`'s selected band
/// ([`crate::forecast::Forecast::chance_by`]). `None` for horizons shown at a reliability
/// level `rel` other than 50%: the published forecasts are about 50% horizons, so they are
/// scored there only. The page and the CSV export both read this.
pub fn verdicts(
    fc: &crate::forecast::Forecast,
    forecasts: &[PublishedForecast],
    rel: f64,
) -> Option<Vec<Option<Verdict>>> {
    let series = &fc.prepared.series;
    if series.meta.unit == crate::data::units::Unit::Minutes && rel != 50.0 {
        return None;
    }
    Some(
        forecasts
            .iter()
            .map(|f| {
                let p = fc.chance_by(f.in_series_unit().0, f.target);
                verdict(f, series, fc.projection.as_ref(), p)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_the_readout_values() {
        let all = [
            VerdictKind::Inside,
            VerdictKind::Above,
            VerdictKind::Below,
            VerdictKind::Ahead,
            VerdictKind::Behind,
        ];
        let t: Vec<&str> = all.iter().map(|k| k.token()).collect();
        assert_eq!(t, ["inside", "above", "below", "ahead", "behind"]);
    }
}
