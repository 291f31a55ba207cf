//! A paper's worked figures as a test: METR's sensitivity example (Kwa et al., "Measuring AI
//! Ability to Complete Long Tasks", arXiv 2503.14499v2 §7.1, Appendix E.1 in later
//! revisions): "a naive extrapolation based on o1's time horizon of 39 minutes and a past
//! doubling time of 218 days (3.2x/year) predicts that AIs will reach a 1-month 50% time
//! horizon (roughly 8 doublings over o1) about 4.8 years after the release date of o1. A 2x
//! increase in doubling time would delay the 1 month point by a further 4.8 years, but a 2x
//! constant factor decrease in horizon length would only delay it by 0.6 years."
//!
//! The engine's own fit, projection and sensitivity functions reproduce all three figures from
//! a series that lies exactly on that trend.

use std::path::PathBuf;
use trendline_core::data::dataset::{Point, PointKind, Series};
use trendline_core::forecast::sensitivity::crossing_at;
use trendline_core::{forecast, Dataset, Day, Forecast, State};

/// One month of work, as the paper defines it: 167 working hours, in minutes.
const ONE_MONTH_MIN: f64 = 167.0 * 60.0;
const YEAR: f64 = 365.2425;

/// o1's release date as METR's data give it.
fn o1() -> Day {
    Day::parse("2024-12-05").unwrap()
}

/// A horizon series exactly on `h(t) = start · 2^((t − o1)/218)`, ending at o1 with `start`
/// minutes: five points 218 days apart.
fn on_trend(start: f64) -> Series {
    let d =
        Dataset::load_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")).unwrap();
    let mut meta = d.get("metr-th1.0-p50").unwrap().meta.clone();
    meta.fit_cap = None;
    meta.published_doubling = vec![].into();
    let points = (0..5)
        .map(|k| Point {
            id: format!("p{k}"),
            model: format!("m{k}"),
            org: "o".into(),
            date: Day::from_number(o1().number() - 218 * (4 - k)),
            value: start / 2f64.powi(4 - k),
            ci_low: None,
            ci_high: None,
            source_frontier: Some(true),
            frontier: true,
            kind: PointKind::Measured,
            source: "synthetic".into(),
        })
        .collect();
    Series { meta, points }
}

fn run(start: f64) -> Forecast {
    let state = State {
        mc: 0,
        ..State::default()
    };
    forecast(&on_trend(start), None, &state)
}

fn years_after_o1(d: Day) -> f64 {
    (d.x() - o1().x()) / YEAR
}

/// 39 minutes at a 218-day doubling: one month is log2(10020/39) ≈ 8.0 doublings, reached about
/// 4.8 years after o1.
#[test]
fn one_month_is_about_8_doublings_and_4_8_years_after_o1() {
    let fc = run(39.0);
    let t = fc.fitted_doubling.unwrap();
    assert!((t - 218.0).abs() < 1e-6, "the fit recovers 218 days: {t}");
    let month = fc.projection.unwrap().crossing(ONE_MONTH_MIN).unwrap();
    let doublings = (month.x() - o1().x()) / fc.assumed_doubling.unwrap();
    assert!((doublings - 8.0).abs() < 0.05, "{doublings} doublings");
    let years = years_after_o1(month);
    assert!((years - 4.8).abs() < 0.05, "{years} years");
}

/// Doubling the doubling time (the sensitivity curve at 436 days) delays it by about 4.8 more
/// years.
#[test]
fn twice_the_doubling_time_adds_about_4_8_years() {
    let fc = run(39.0);
    let base = fc.projection.unwrap().crossing(ONE_MONTH_MIN).unwrap();
    let slow = crossing_at(&fc, ONE_MONTH_MIN, 2.0 * 218.0).unwrap();
    let delay = (slow.x() - base.x()) / YEAR;
    assert!((delay - 4.8).abs() < 0.05, "{delay} years");
}

/// Starting from half the horizon (a 2× error in the starting level) delays it by one
/// doubling, about 0.6 years.
#[test]
fn a_2x_error_in_the_starting_horizon_moves_it_about_0_6_years() {
    let base = run(39.0)
        .projection
        .unwrap()
        .crossing(ONE_MONTH_MIN)
        .unwrap();
    let half = run(19.5)
        .projection
        .unwrap()
        .crossing(ONE_MONTH_MIN)
        .unwrap();
    let delay = (half.x() - base.x()) / YEAR;
    assert!((delay - 0.6).abs() < 0.05, "{delay} years");
}
