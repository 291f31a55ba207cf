//! Scenarios side by side: each named scenario's forecast beside the current settings', and
//! the milestone dates of all of them with the differences in months.

use std::rc::Rc;

use crate::data::dataset::Series;
use crate::data::date::Day;
use crate::data::units::format_days_and_months;
use crate::forecast::{prepare_with, project, Analyses, Forecast, Prepared};
use crate::model::family::Family;
use crate::settings::{Anchor, Scenario, State};

/// Mean length of a Gregorian month, days: 365.2425 / 12.
pub const MONTH_DAYS: f64 = 30.436_875;

/// One scenario worked out on the current data.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioRun {
    /// Slot, 0 = A.
    pub slot: usize,
    /// The scenario.
    pub scenario: Scenario,
    /// The settings it was computed from ([`Scenario::applied_to`] the current settings).
    pub state: State,
    /// Its forecast (Monte Carlo off).
    pub forecast: Forecast,
}

impl ScenarioRun {
    /// `"A"`, `"B"` or `"C"`.
    pub fn letter(&self) -> char {
        Scenario::letter(self.slot)
    }

    /// One line saying what the scenario assumes, e.g. "exponential, doubling every 365.2 days
    /// (12.0 months)" or "superexponential, now doubling every …, each doubling 15.0% shorter".
    pub fn describe(&self) -> String {
        let f = &self.forecast;
        let family = f.prepared.family;
        let mut out = family.label().to_string();
        match f.assumed_doubling {
            Some(t) => {
                let what = if family == Family::Linear {
                    "one index step"
                } else if family == Family::Logistic {
                    "odds doubling"
                } else {
                    "doubling"
                };
                let fitted = if self.scenario.doubling.is_none() {
                    " (fitted)"
                } else {
                    ""
                };
                out.push_str(&format!(
                    ", {what} every {}{fitted}",
                    format_days_and_months(t)
                ));
            }
            None => out.push_str(", no fit"),
        }
        if let (Family::Superexponential, Some(a)) = (family, f.accel) {
            out.push_str(&format!(", each doubling {:.1}% shorter", a * 100.0));
        }
        if self.scenario.floor > 0.0 && family == Family::Superexponential {
            out.push_str(&format!(
                ", never faster than every {}",
                format_days_and_months(self.scenario.floor)
            ));
        }
        if self.scenario.anchor == Anchor::Last {
            out.push_str(", from the last point");
        }
        out
    }
}

/// The part of `state` the scenarios' forecasts depend on: `state` with the settings every
/// scenario overrides (doubling time, acceleration, floor, anchor) at their defaults. Two states
/// with equal bases give the same [`run_scenarios`], so a slider drag never recomputes them.
pub fn scenario_basis(state: &State) -> State {
    let d = State::default();
    State {
        doubling: d.doubling,
        accel: d.accel,
        floor: d.floor,
        anchor: d.anchor,
        ..state.clone()
    }
}

/// The forecasts of `state`'s scenarios, in slot order. A scenario whose fit settings equal the
/// current ones reuses `prepared` (only the projection is recomputed); one that changes the fit
/// (another family, cap or saturation) is fitted on its own, without the analyses the chart does
/// not need.
pub fn run_scenarios(
    series: &Series,
    sibling80: Option<&Series>,
    prepared: &Rc<Prepared>,
    state: &State,
) -> Vec<ScenarioRun> {
    let current = state.fit_settings();
    state
        .scenarios
        .iter()
        .enumerate()
        .filter_map(|(slot, sc)| sc.as_ref().map(|sc| (slot, sc)))
        .map(|(slot, sc)| {
            let s = sc.applied_to(state);
            let same_fit = State {
                mc: state.mc,
                ..s.clone()
            }
            .fit_settings()
                == current;
            let forecast = if same_fit {
                project(prepared, &s)
            } else {
                let p = Rc::new(prepare_with(series, sibling80, &s, Analyses::Essential));
                project(&p, &s)
            };
            ScenarioRun {
                slot,
                scenario: sc.clone(),
                state: s,
                forecast,
            }
        })
        .collect()
}

/// Months from `a` to `b` (negative when `b` is earlier): `(b − a) / 30.436875` days.
///
/// ```
/// use trendline_core::{forecast::compare::months_between, Day};
/// let d = |s| Day::parse(s).unwrap();
/// assert!((months_between(d("2028-01-01"), d("2029-01-01")) - 12.0).abs() < 0.03);
/// assert!(months_between(d("2029-01-01"), d("2028-01-01")) < 0.0);
/// ```
pub fn months_between(a: Day, b: Day) -> f64 {
    (b.x() - a.x()) / MONTH_DAYS
}

/// One milestone across the current settings and every scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonRow {
    /// Milestone label ("1 work-month").
    pub label: String,
    /// Date under the current settings (`None`: not reached by the end date).
    pub current: Option<Day>,
    /// Per scenario run, in the same order: its date and the months after the current
    /// settings' date (negative = earlier; `None` when either date is missing).
    pub scenarios: Vec<(Option<Day>, Option<f64>)>,
}

/// The milestone table of scenarios side by side: for each milestone of `current`, its date
/// there and in each run, with `months_between(current, scenario)`.
pub fn compare(current: &Forecast, runs: &[ScenarioRun]) -> Vec<ComparisonRow> {
    current
        .milestones
        .iter()
        .map(|m| {
            let scenarios = runs
                .iter()
                .map(|r| {
                    let d = r
                        .forecast
                        .milestones
                        .iter()
                        .find(|x| x.milestone.id == m.milestone.id)
                        .and_then(|x| x.assumed);
                    let diff = match (m.assumed, d) {
                        (Some(a), Some(b)) => Some(months_between(a, b)),
                        _ => None,
                    };
                    (d, diff)
                })
                .collect();
            ComparisonRow {
                label: m.milestone.label.to_string(),
                current: m.assumed,
                scenarios,
            }
        })
        .collect()
}

/// A difference in months as the table writes it: "same", "+14.2 mo" or "−3.0 mo" (a true
/// minus sign); "—" when undefined.
pub fn format_month_diff(d: Option<f64>) -> String {
    match d {
        Some(x) if x.abs() < 0.05 => "same".into(),
        Some(x) if x > 0.0 => format!("+{x:.1} mo"),
        Some(x) => format!("\u{2212}{:.1} mo", -x),
        None => "—".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::dataset::{Point, PointKind};
    use crate::forecast::{forecast, prepare};
    use crate::settings::Action;

    fn series() -> Series {
        let manifest = crate::data::dataset::tests_meta();
        let mut points = Vec::new();
        for (i, v) in [1.0, 2.1, 3.9, 8.3, 15.8, 33.0].iter().enumerate() {
            points.push(Point {
                id: format!("p{i}"),
                model: format!("M{i}"),
                org: "o".into(),
                date: Day::from_number(19_000 + 200 * i as i32),
                value: *v,
                ci_low: None,
                ci_high: None,
                source_frontier: None,
                frontier: true,
                kind: PointKind::Measured,
                source: "s".into(),
            });
        }
        Series {
            meta: manifest,
            points,
        }
    }

    #[test]
    fn scenarios_reuse_the_fit_and_differ_where_their_assumptions_do() {
        let s = series();
        let state = State {
            mc: 0,
            ..State::default()
        }
        .apply(Action::ExampleScenarios);
        let p = Rc::new(prepare(&s, None, &state));
        let runs = run_scenarios(&s, None, &p, &state);
        assert_eq!(runs.len(), 3);
        // A is the fitted trend: the same dates as the current settings.
        let current = project(&p, &state);
        let rows = compare(&current, &runs);
        assert!(!rows.is_empty());
        for r in &rows {
            if let (Some(_), (Some(_), Some(d))) = (r.current, r.scenarios[0]) {
                assert!(d.abs() < 1e-9, "{r:?}");
            }
        }
        // B doubles every 12 months: later than the fitted (faster) trend.
        let later = rows
            .iter()
            .filter_map(|r| r.scenarios[1].1)
            .collect::<Vec<_>>();
        assert!(
            !later.is_empty() && later.iter().all(|d| *d > 0.0),
            "{later:?}"
        );
        // B's forecast equals a full forecast of its own settings.
        let own = forecast(&s, None, &runs[1].state);
        assert_eq!(own.milestones, runs[1].forecast.milestones);
        assert!(
            runs[1].describe().contains("12.0 months"),
            "{}",
            runs[1].describe()
        );
        assert!(
            runs[2].describe().starts_with("superexponential"),
            "{}",
            runs[2].describe()
        );
        // Moving the current doubling time changes none of the scenarios.
        let moved = state.apply(Action::SetDoubling(90.0));
        let again = run_scenarios(&s, None, &p, &moved);
        for (a, b) in runs.iter().zip(&again) {
            assert_eq!(a.forecast.milestones, b.forecast.milestones);
        }
    }

    #[test]
    fn month_differences_are_written_with_a_sign() {
        assert_eq!(format_month_diff(Some(14.24)), "+14.2 mo");
        assert_eq!(format_month_diff(Some(-3.0)), "\u{2212}3.0 mo");
        assert_eq!(format_month_diff(Some(0.01)), "same");
        assert_eq!(format_month_diff(None), "—");
    }
}
