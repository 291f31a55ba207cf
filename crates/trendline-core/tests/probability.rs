//! The calibrated band and the chance of a milestone: no peeking, agreement with the
//! percentiles, monotonicity.

use std::path::PathBuf;
use std::rc::Rc;
use trendline_core::data::dataset::Series;
use trendline_core::forecast::backtest::rolling_origin;
use trendline_core::model::reliability::sibling80_id;
use trendline_core::settings::Band;
use trendline_core::{prepare, project, Dataset, Day, Forecast, State};

fn data() -> Dataset {
    Dataset::load_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")).unwrap()
}

fn run(d: &Dataset, s: &State) -> Forecast {
    let series = d.get(&s.series).unwrap();
    project(
        &Rc::new(prepare(
            series,
            sibling80_id(&s.series).and_then(|id| d.get(&id)),
            s,
        )),
        s,
    )
}

/// `series` with every point dated after `cut` moved (values times 3 or divided by 5) and a
/// new point added after `cut`.
fn tampered(series: &Series, cut: Day) -> Series {
    let mut t = series.clone();
    for (i, p) in t.points.iter_mut().enumerate() {
        if p.date > cut {
            p.value = if i % 2 == 0 {
                p.value * 3.0
            } else {
                p.value / 5.0
            };
        }
    }
    let mut extra = t.points.last().unwrap().clone();
    extra.id = "extra".into();
    extra.date = Day::from_number(cut.number() + 3);
    t.points.push(extra);
    t
}

/// Changing or adding points after an origin never changes the bands the backtest drew at
/// that origin, for both bands, on every bundled series with a backtest.
#[test]
fn no_peeking_in_the_backtest() {
    let d = data();
    let mut checked = 0;
    for series in &d.series {
        let s = State {
            series: series.meta.id.to_string(),
            ..State::default()
        };
        let p = prepare(series, None, &s);
        let Some(bt) = &p.backtest else { continue };
        let mid = &bt.rows[bt.rows.len() / 2];
        let cut = series.points[mid.index].date;
        let t = tampered(series, cut);
        let bt2 = rolling_origin(&t, &p.window, p.transform, 1000).unwrap();
        for r in bt
            .rows
            .iter()
            .filter(|r| series.points[r.index].date <= cut)
        {
            let r2 = bt2.rows.iter().find(|x| x.index == r.index).unwrap();
            assert_eq!(r.fit, r2.fit, "{} row {}", series.meta.id, r.index);
            assert_eq!(
                r.calibrated, r2.calibrated,
                "{} row {}",
                series.meta.id, r.index
            );
            assert_eq!(r.calibration, r2.calibration);
            checked += 1;
        }
        // The later rows (if any) did see the tampered points.
        let mut later = bt
            .rows
            .iter()
            .filter(|r| series.points[r.index].date > cut)
            .peekable();
        assert!(
            later.peek().is_none()
                || later.any(|r| bt2.rows.iter().find(|x| x.index == r.index) != Some(r))
        );
    }
    assert!(checked > 50, "{checked}");
}

/// The page's calibrated band as of a date is built by the same procedure as the backtest's at
/// that origin (same calibration from the same points), and changing the points after it
/// changes nothing.
#[test]
fn the_page_uses_the_backtest_procedure_without_peeking() {
    let d = data();
    let series = d.get("metr-th1.1-p50").unwrap();
    let s0 = State::default();
    let p = prepare(series, None, &s0);
    let bt = p.backtest.as_ref().unwrap();
    for r in &bt.rows[2..] {
        // As of the day before the predicted point: the fit uses exactly the training points.
        let asof = Day::from_number(series.points[r.index].date.number() - 1);
        let s = State {
            asof: Some(asof),
            ..State::default()
        };
        let a = prepare(series, None, &s);
        assert_eq!(a.calibration, Some(r.calibration), "as of {asof}");
        let b = prepare(&tampered(series, asof), None, &s);
        assert_eq!(a.cal_shift, b.cal_shift);
        assert_eq!(a.cal_slope, b.cal_slope);
        assert_eq!(
            project(&Rc::new(a), &s).fan,
            project(&Rc::new(b), &s).fan,
            "as of {asof}"
        );
    }
}

/// With `by` at a milestone's 10th, 50th or 90th percentile date, the chance reads 0.10,
/// 0.50 or 0.90 (± 0.02), for both bands and several series.
#[test]
fn the_chance_agrees_with_the_percentiles() {
    let d = data();
    let mut checked = 0;
    for id in [
        "metr-th1.1-p50",
        "metr-th1.0-p50",
        "swebench-verified",
        "gpqa-diamond",
    ] {
        for band in [Band::Calibrated, Band::Fit] {
            let s = State {
                series: id.into(),
                band,
                ..State::default()
            };
            let fc = run(&d, &s);
            for m in &fc.milestones {
                let Some(mc) = &m.mc else { continue };
                let anchor = fc.prepared.fit.as_ref().unwrap().span.1;
                for (q, date) in [(0.1, mc.p10), (0.5, mc.p50), (0.9, mc.p90)] {
                    // Dates at or before the anchor are known, not forecast.
                    let Some(date) = date.filter(|d| *d > anchor) else {
                        continue;
                    };
                    let by = State {
                        by: date,
                        ..s.clone()
                    };
                    let prob = run(&d, &by)
                        .milestones
                        .iter()
                        .find(|r| r.milestone.id == m.milestone.id)
                        .unwrap()
                        .prob
                        .unwrap();
                    assert!(
                        (prob - q).abs() <= 0.02,
                        "{id} {band:?} {}: P by {date} = {prob}, want {q}",
                        m.milestone.id
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 20, "{checked}");
}

/// A longer milestone is never more likely by the same date, a later date never less likely;
/// a date after the end of the axis still counts the draws that reach it then; a date before
/// the anchor gives no chance and says so.
#[test]
fn chances_are_monotone_and_honest_at_the_edges() {
    let d = data();
    for band in [Band::Calibrated, Band::Fit] {
        let s = State {
            band,
            ..State::default()
        };
        let fc = run(&d, &s);
        let c = fc.chance.as_ref().unwrap();
        for w in fc.milestones.windows(2) {
            assert!(w[0].milestone.target < w[1].milestone.target);
            assert!(w[0].prob.unwrap() >= w[1].prob.unwrap(), "{band:?}");
        }
        for (i, curve) in c.curves.iter().enumerate() {
            assert!(curve.windows(2).all(|w| w[0] <= w[1]), "{band:?}");
            if i > 0 {
                assert!(curve.iter().zip(&c.curves[i - 1]).all(|(a, b)| a <= b));
            }
        }
        // `by` after `until`: the chance keeps growing after the axis ends.
        let month = fc
            .milestones
            .iter()
            .find(|m| m.milestone.id == "work-month")
            .unwrap();
        let early = State {
            until: Day::parse("2027-01-01").unwrap(),
            by: Day::parse("2035-01-01").unwrap(),
            ..s.clone()
        };
        let fe = run(&d, &early);
        let late_p = fe
            .milestones
            .iter()
            .find(|m| m.milestone.id == "work-month")
            .unwrap()
            .prob
            .unwrap();
        let by_until = fe.chance_by(month.milestone.target, early.until).unwrap();
        assert!(late_p > by_until, "{late_p} vs {by_until}");
        assert_eq!(
            Some(late_p),
            fc.chance_by(month.milestone.target, early.by),
            "the end of the axis does not change the chance"
        );
        let before = State {
            by: Day::parse("2022-01-01").unwrap(),
            ..s.clone()
        };
        let fb = run(&d, &before);
        assert!(fb.milestones.iter().all(|m| m.prob.is_none()));
        assert!(fb
            .notes
            .iter()
            .any(|n| n.contains("before the last fitted date")));
    }
}

/// The acceptance figures of the calibrated band over every bundled series (the same run
/// `make calibration` writes to docs/calibration.md).
#[test]
fn the_calibrated_band_is_calibrated_over_the_bundled_series() {
    let d = data();
    let (mut n, mut h80, mut h95, mut is_cal, mut is_fit) = (0usize, 0usize, 0usize, 0.0, 0.0);
    for series in &d.series {
        let id = series.meta.id.to_string();
        let s = State {
            series: id.clone(),
            ..State::default()
        };
        let p = prepare(series, sibling80_id(&id).and_then(|x| d.get(&x)), &s);
        let Some(bt) = &p.backtest else { continue };
        let (c, f) = (bt.score(Band::Calibrated), bt.score(Band::Fit));
        n += c.n;
        h80 += c.hits80;
        h95 += c.hits95;
        is_cal += c.interval_score80 * c.n as f64;
        is_fit += f.interval_score80 * f.n as f64;
        if id == "metr-th1.1-p50" {
            assert_eq!(c.n, 13);
            assert!(c.hits80 >= 9, "{c:?}");
            assert!(c.hits95 >= 12, "{c:?}");
            // The fit-only band stays as it was.
            assert_eq!(f.hits80, 7);
        }
    }
    let (c80, c95) = (h80 as f64 / n as f64, h95 as f64 / n as f64);
    eprintln!(
        "pooled over {n}: 80% {c80:.3}, 95% {c95:.3}, IS80 {:.3} vs fit {:.3}",
        is_cal / n as f64,
        is_fit / n as f64
    );
    assert!(n > 100, "{n}");
    assert!((c80 - 0.80).abs() <= 0.05, "{c80}");
    assert!((c95 - 0.95).abs() <= 0.03, "{c95}");
    assert!(is_cal < is_fit);
}

/// A user series of task lengths in minutes from `csv` (`date,value` rows), and its
/// rolling-origin backtest over every point (200 draws, log₂ space).
fn backtest_of(
    csv: &str,
) -> (
    trendline_core::Series,
    trendline_core::forecast::backtest::Backtest,
) {
    use trendline_core::{parse_user_csv, FitWindow, ImportUnit, Selection, Transform};
    let s = parse_user_csv(
        "csv",
        "CSV",
        csv,
        ImportUnit::Minutes,
        Day::parse("2026-01-01").unwrap(),
    )
    .unwrap();
    let w = FitWindow {
        selection: Selection::All,
        ..FitWindow::default()
    };
    let bt = rolling_origin(&s, &w, Transform::Log2, 200).unwrap();
    (s, bt)
}

/// A series whose first dates hold ties: its 5th point in date order has only 3 points dated
/// before it, too few for a hindcast, so the backtest does not score it; every scored point
/// was predicted from at least 4 earlier points.
#[test]
fn the_backtest_scores_no_point_from_fewer_than_four_earlier_points() {
    use trendline_core::forecast::calibration::MIN_TRAIN;
    let csv = "date,value\n2024-01-01,1\n2024-02-01,2\n2024-02-01,2.5\n2024-03-01,3\n\
               2024-03-01,3.5\n2024-04-01,5\n2024-05-01,7\n2024-06-01,9\n2024-07-01,14\n";
    let (s, bt) = backtest_of(csv);
    let first = s.points[bt.rows[0].index].date;
    assert_eq!(first, Day::parse("2024-04-01").unwrap(), "{:?}", bt.rows);
    assert_eq!(bt.rows.len(), 4);
    assert!(bt.rows.iter().all(|r| r.trained_on >= MIN_TRAIN));
}

/// A point with the same date and value as an earlier one is neither fitted nor scored again
/// (the same training points would give it the same bands: a copy, not a new outcome); a point
/// on the same date with another value is scored.
#[test]
fn the_backtest_scores_a_copy_of_a_point_once() {
    let csv = "date,value\n2024-01-01,1\n2024-02-01,2\n2024-03-01,3\n2024-04-01,4.5\n\
               2024-05-01,6\n2024-05-01,6\n2024-05-01,6\n2024-05-01,7\n2024-06-01,9\n";
    let (s, bt) = backtest_of(csv);
    let scored: Vec<(Day, f64)> = bt
        .rows
        .iter()
        .map(|r| (s.points[r.index].date, s.points[r.index].value))
        .collect();
    let may = Day::parse("2024-05-01").unwrap();
    assert_eq!(
        scored,
        vec![
            (may, 6.0),
            (may, 7.0),
            (Day::parse("2024-06-01").unwrap(), 9.0)
        ]
    );
    assert_eq!(bt.calibrated.n, 3);
    // The copies are not fitted either: the last point's hindcast used the 6 distinct
    // measurements before it (8 rows, two of them copies).
    assert_eq!(bt.rows[2].trained_on, 6);
}
