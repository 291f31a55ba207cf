//! Published forecasts scored against the bundled data: every verdict kind, and the
//! probability beside "ahead/behind" against the milestone table's percentiles.

use std::path::PathBuf;
use std::rc::Rc;
use trendline_core::data::published::{ForecastKind, PublishedForecast};
use trendline_core::forecast::verdict::{
    data_end, first_reached, frontier_at, verdict, VerdictKind, DAYS_PER_MONTH,
};
use trendline_core::{prepare, project, Dataset, Day, Forecast, ImportUnit, Series, State};

fn data() -> Dataset {
    Dataset::load_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")).unwrap()
}

fn fc(s: &Series, state: &State) -> Forecast {
    project(&Rc::new(prepare(s, None, state)), state)
}

/// A forecast in minutes about `metr-th1.1-p50`.
fn forecast(kind: ForecastKind, target: Day, value: f64) -> PublishedForecast {
    PublishedForecast {
        id: "t".into(),
        series: vec!["metr-th1.1-p50".into()],
        label: "T".into(),
        forecaster: "T".into(),
        made: Day::parse("2019-01-01").unwrap(),
        kind,
        target,
        target_low: None,
        target_high: None,
        statistic: "test".into(),
        value,
        low: None,
        high: None,
        low_pct: None,
        high_pct: None,
        unit: ImportUnit::Minutes,
        source: "test".into(),
        licence: "test".into(),
        caveat: String::new(),
    }
}

fn with_range(mut f: PublishedForecast, lo: f64, hi: f64) -> PublishedForecast {
    (f.low, f.high, f.low_pct, f.high_pct) = (Some(lo), Some(hi), Some(10.0), Some(90.0));
    f
}

fn days(d: Day, n: i32) -> Day {
    Day::from_number(d.number() + n)
}

/// The frontier at a date is the running maximum of measured values up to it; a value
/// forecast whose date has passed reads inside, above or below its range accordingly.
#[test]
fn a_passed_value_forecast_reads_inside_above_or_below() {
    let d = data();
    let s = d.get("metr-th1.1-p50").unwrap();
    let end = data_end(s).unwrap();
    let target = days(end, -200);
    let best = s
        .points
        .iter()
        .filter(|p| p.kind.fitted_by_default() && p.date <= target)
        .map(|p| p.value)
        .fold(f64::MIN, f64::max);
    assert_eq!(frontier_at(s, target), Some(best));
    let f = forecast(ForecastKind::Value, target, best);
    for (lo, hi, want) in [
        (best / 2.0, best * 2.0, VerdictKind::Inside),
        (best / 4.0, best / 2.0, VerdictKind::Above),
        (best * 2.0, best * 4.0, VerdictKind::Below),
    ] {
        let g = with_range(f.clone(), lo, hi);
        let v = verdict(&g, s, None, Some(0.3)).unwrap();
        assert_eq!(v.kind, want, "{}", v.sentence);
        assert_eq!(v.actual, Some(best));
        assert_eq!(
            v.probability, None,
            "a passed forecast quotes no probability"
        );
        assert!(v.sentence.contains(&target.to_string()), "{}", v.sentence);
    }
    // Before the first measured point there is nothing to score.
    let early = forecast(ForecastKind::Value, Day::parse("2010-01-01").unwrap(), 1.0);
    assert_eq!(verdict(&early, s, None, None), None);
}

/// A passed date forecast: the first date the measured frontier reached the threshold, against
/// the forecast's date range.
#[test]
fn a_passed_date_forecast_reads_inside_above_or_below() {
    let d = data();
    let s = d.get("metr-th1.1-p50").unwrap();
    let end = data_end(s).unwrap();
    let threshold = frontier_at(s, days(end, -300)).unwrap();
    let first = first_reached(s, threshold).unwrap();
    assert!(first <= days(end, -300));
    let mut f = forecast(ForecastKind::Date, first, threshold);
    (f.low_pct, f.high_pct) = (Some(10.0), Some(90.0));
    for (lo, hi, want) in [
        (days(first, -30), days(first, 30), VerdictKind::Inside),
        (days(first, 10), days(first, 60), VerdictKind::Above),
    ] {
        let g = PublishedForecast {
            target: lo,
            target_low: Some(lo),
            target_high: Some(hi),
            ..f.clone()
        };
        let v = verdict(&g, s, None, None).unwrap();
        assert_eq!(v.kind, want, "{}", v.sentence);
        assert_eq!(v.reached, Some(first));
    }
    // A threshold above every measured value, with a date already passed: below.
    let top = s.points.iter().map(|p| p.value).fold(f64::MIN, f64::max);
    f.value = top * 2.0;
    f.target = days(end, -1);
    (f.low_pct, f.high_pct) = (None, None);
    let v = verdict(&f, s, None, None).unwrap();
    assert_eq!(v.kind, VerdictKind::Below, "{}", v.sentence);
}

/// Target dates after the data: ahead when the projection's crossing comes first, by
/// `(D − D_trend) / (365.2425/12)` months; behind when later, or never.
#[test]
fn a_forecast_still_ahead_reads_ahead_or_behind_by_months() {
    let d = data();
    let s = d.get("metr-th1.1-p50").unwrap();
    let state = State {
        mc: 400,
        ..State::default()
    };
    let f_c = fc(s, &state);
    let proj = f_c.projection.unwrap();
    let end = data_end(s).unwrap();
    let top = frontier_at(s, end).unwrap();
    // Reached by the trend well before a date ten years out.
    let target = days(end, 3652);
    let f = forecast(ForecastKind::Value, target, top * 4.0);
    let p = f_c.chance_by(f.value, target);
    let v = verdict(&f, s, Some(&proj), p).unwrap();
    assert_eq!(v.kind, VerdictKind::Ahead, "{}", v.sentence);
    let crossing = proj.crossing(top * 4.0).unwrap();
    assert_eq!(v.reached, Some(crossing));
    let months = v.months.unwrap();
    assert!((months - (target.x() - crossing.x()) / DAYS_PER_MONTH).abs() < 1e-9);
    assert!(months > 12.0, "{months}");
    assert!(v.probability.unwrap() > 0.5, "{:?}", v.probability);
    assert!(v.sentence.contains("ahead of"), "{}", v.sentence);
    assert!(v.sentence.contains("Chance of"), "{}", v.sentence);
    // A far larger value by next month: behind, with a small chance.
    let soon = days(end, 30);
    let g = forecast(ForecastKind::Date, soon, top * 1000.0);
    let p = f_c.chance_by(g.value, soon);
    let v = verdict(&g, s, Some(&proj), p).unwrap();
    assert_eq!(v.kind, VerdictKind::Behind, "{}", v.sentence);
    assert!(v.months.unwrap() < -12.0);
    assert!(v.probability.unwrap() < 0.05, "{:?}", v.probability);
    assert!(v.sentence.contains("behind"), "{}", v.sentence);
    // No projection (no trend): behind, and said so.
    let v = verdict(&f, s, None, None).unwrap();
    assert_eq!(v.kind, VerdictKind::Behind);
    assert_eq!(v.months, None);
    assert!(v.sentence.contains("does not reach"), "{}", v.sentence);
}

/// `P(milestone by its 10th/50th/90th percentile date)` reads 0.10/0.50/0.90: the share and
/// the milestone table come from the same simulated trends. A later date is never less likely.
#[test]
fn the_chance_by_a_percentile_date_is_that_percentile() {
    let d = data();
    let s = d.get("metr-th1.1-p50").unwrap();
    for doubling in [None, Some(120.0)] {
        let state = State {
            doubling,
            ..State::default()
        };
        let f_c = fc(s, &state);
        for row in &f_c.milestones {
            let Some(m) = &row.mc else { continue };
            for (q, day) in [(0.1, m.p10), (0.5, m.p50), (0.9, m.p90)] {
                let Some(day) = day else { continue };
                let p = f_c.chance_by(row.milestone.target, day).unwrap();
                assert!(
                    (p - q).abs() <= 0.02,
                    "{} by {day}: {p} vs {q}",
                    row.milestone.id
                );
            }
            let mut last = 0.0;
            for y in 0..12 {
                let day = Day::from_number(f_c.prepared.series.points[0].date.number() + 365 * y);
                let p = f_c.chance_by(row.milestone.target, day).unwrap();
                assert!((0.0..=1.0).contains(&p) && p >= last);
                last = p;
            }
        }
    }
}

/// The frontier never falls: a range it had already passed by the data's last date is scored
/// `above` before its target date; a date forecast whose threshold was reached is scored at
/// once by the date it was reached.
#[test]
fn outcomes_the_data_already_settle_are_scored_early() {
    let d = data();
    let s = d.get("metr-th1.1-p50").unwrap();
    let end = data_end(s).unwrap();
    let top = frontier_at(s, end).unwrap();
    let f = with_range(
        forecast(ForecastKind::Value, days(end, 400), top / 2.0),
        top / 4.0,
        top / 1.5,
    );
    let v = verdict(&f, s, None, None).unwrap();
    assert_eq!(v.kind, VerdictKind::Above, "{}", v.sentence);
    assert_eq!(v.actual, Some(top));
    // The same range around the frontier is not settled: ahead or behind.
    let g = with_range(f.clone(), top / 2.0, top * 2.0);
    let v = verdict(&g, s, None, None).unwrap();
    assert_eq!(v.kind, VerdictKind::Behind, "no projection: {}", v.sentence);
    // A date forecast for next year whose threshold the data already reached: above.
    let h = forecast(ForecastKind::Date, days(end, 365), top);
    let v = verdict(&h, s, None, None).unwrap();
    assert_eq!(v.kind, VerdictKind::Above, "{}", v.sentence);
    assert_eq!(v.reached, first_reached(s, top));
}

/// Every bundled forecast gets a verdict on every series it is about, and the sentence names it.
#[test]
fn every_bundled_forecast_gets_a_verdict() {
    let d = data();
    let state = State::default();
    for f in &d.forecasts {
        for id in &f.series {
            let s = d.get(id).unwrap();
            let st = State {
                series: id.clone(),
                ..state.clone()
            };
            let f_c = fc(s, &st);
            let p = f_c.chance_by(f.in_series_unit().0, f.target);
            let v = verdict(f, s, f_c.projection.as_ref(), p).unwrap();
            eprintln!("{} on {id}: {} — {}", f.id, v.kind.token(), v.sentence);
            if f.target <= data_end(s).unwrap() {
                assert!(matches!(
                    v.kind,
                    VerdictKind::Inside | VerdictKind::Above | VerdictKind::Below
                ));
            }
        }
    }
}

mod hostile {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::Config;

    fn wild() -> impl Strategy<Value = f64> {
        prop_oneof![
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(0.0),
            Just(-1.0),
            Just(f64::MAX),
            Just(f64::MIN_POSITIVE),
            -1e12..1e12f64,
            0.0..1e6f64,
        ]
    }

    proptest! {
        #![proptest_config(Config { cases: 3000, failure_persistence: None,
            rng_seed: proptest::test_runner::RngSeed::Fixed(20_261_206), ..Config::default() })]
        /// Whatever the numbers and dates (the parser refuses most of them; the verdict must not
        /// rely on that), scoring never panics, the kind is one of the five, and a probability
        /// is in [0, 1].
        #[test]
        fn scoring_hostile_forecasts_never_panics(
            value in wild(), lo in wild(), hi in wild(),
            target in -800_000i32..800_000, t_lo in -800_000i32..800_000, t_hi in -800_000i32..800_000,
            date in any::<bool>(), range in any::<bool>(),
            series in prop::sample::select(vec!["metr-th1.1-p50", "swebench-verified", "mlebench"]),
        ) {
            thread_local! {
                static DATA: Vec<(Series, Forecast)> = {
                    let d = data();
                    ["metr-th1.1-p50", "swebench-verified", "mlebench"]
                        .iter()
                        .map(|id| {
                            let s = d.get(id).unwrap().clone();
                            let st = State { series: id.to_string(), ..State::default() };
                            let f = fc(&s, &st);
                            (s, f)
                        })
                        .collect()
                };
            }
            let kind = if date { ForecastKind::Date } else { ForecastKind::Value };
            let mut f = forecast(kind, Day::from_number(target), value);
            if range {
                (f.low, f.high, f.low_pct, f.high_pct) = (Some(lo), Some(hi), Some(10.0), Some(90.0));
                (f.target_low, f.target_high) = (Some(Day::from_number(t_lo)), Some(Day::from_number(t_hi)));
            }
            let (p, v) = DATA.with(|all| {
                let (s, f_c) = all.iter().find(|(s, _)| s.meta.id == series).unwrap();
                let p = f_c.chance_by(value, f.target);
                (p, verdict(&f, s, f_c.projection.as_ref(), p))
            });
            if let Some(p) = p {
                prop_assert!((0.0..=1.0).contains(&p));
            }
            if let Some(v) = v {
                prop_assert!(!v.kind.token().is_empty());
                prop_assert!(v.probability.is_none_or(|p| (0.0..=1.0).contains(&p)));
            }
        }
    }
}
