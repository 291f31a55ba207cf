//! Statistical and robustness properties of the forecast engine.

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg32;
use statrs::distribution::{ContinuousCDF, StudentsT};
use std::path::PathBuf;
use std::rc::Rc;
use trendline_core::data::dataset::{Point, PointKind, Series};
use trendline_core::model::reliability::sibling80_id;
use trendline_core::settings::{Anchor, Band, Units};
use trendline_core::{forecast, prepare, project, Dataset, Day, Family, Forecast, State};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn data() -> Dataset {
    Dataset::load_dir(&root().join("data")).unwrap()
}

fn run(d: &Dataset, s: &State) -> Forecast {
    let series = d.get(&s.series).unwrap();
    forecast(series, sibling80_id(&s.series).and_then(|id| d.get(&id)), s)
}

/// A synthetic horizon series: `log2 v = 1 + x/T + N(0, σ)` at `n` dates spread over `span`
/// days from 2020-01-01, every point frontier.
fn synthetic(n: usize, span: f64, doubling: f64, sigma: f64, seed: u64) -> Series {
    let mut rng = Pcg32::seed_from_u64(seed);
    let start = Day::parse("2020-01-01").unwrap().number();
    let meta = d_meta();
    let points = (0..n)
        .map(|i| {
            let x = (i as f64 * span / (n - 1) as f64).round();
            let z: f64 = normal(&mut rng);
            Point {
                id: format!("p{i}"),
                model: format!("m{i}"),
                org: "o".into(),
                date: Day::from_number(start + x as i32),
                value: (1.0 + x / doubling + sigma * z).exp2(),
                ci_low: None,
                ci_high: None,
                source_frontier: Some(true),
                frontier: true,
                kind: PointKind::Measured,
                source: "synthetic".into(),
            }
        })
        .collect();
    Series { meta, points }
}

fn normal(rng: &mut Pcg32) -> f64 {
    let (u1, u2): (f64, f64) = (1.0 - rng.random::<f64>(), rng.random::<f64>());
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

fn d_meta() -> trendline_core::SeriesMeta {
    let d = data();
    let mut m = d.get("metr-th1.0-p50").unwrap().meta.clone();
    m.fit_cap = None;
    m.published_doubling = vec![].into();
    m
}

fn synthetic_state() -> State {
    State {
        series: "synthetic".into(),
        ..State::default()
    }
}

#[test]
fn the_bootstrap_interval_contains_the_estimate_and_shrinks_with_more_data() {
    let mut widths = Vec::new();
    for n in [8, 30, 120] {
        let s = synthetic(n, 1500.0, 150.0, 0.8, 7);
        let p = prepare(&s, None, &synthetic_state());
        let t = p.fit.as_ref().unwrap().doubling_days().unwrap();
        let (lo, hi) = p.ci.unwrap();
        assert!(lo <= t && t <= hi, "n={n}: {lo} ≤ {t} ≤ {hi}");
        widths.push(hi - lo);
    }
    assert!(widths[0] > widths[1] && widths[1] > widths[2], "{widths:?}");
    // On METR's own data too.
    let d = data();
    let p = prepare(d.get("metr-th1.1-p50").unwrap(), None, &State::default());
    let (lo, hi) = p.ci.unwrap();
    assert!(lo < 187.778 && 187.778 < hi, "{lo}–{hi}");
}

/// The analytic OLS interval `1/(b ± t₀.₉₇₅,ₙ₋₂ · s/√Sxx)` and the bootstrap percentile interval
/// agree closely on well-behaved data (normal noise, 60 points).
#[test]
fn the_analytic_ols_interval_cross_checks_the_bootstrap() {
    let s = synthetic(60, 1500.0, 150.0, 0.5, 11);
    let p = prepare(&s, None, &synthetic_state());
    let line = p.fit.as_ref().unwrap().line;
    let t = StudentsT::new(0.0, 1.0, line.n as f64 - 2.0)
        .unwrap()
        .inverse_cdf(0.975);
    let h = t * line.slope_se();
    let (a_lo, a_hi) = (1.0 / (line.slope + h), 1.0 / (line.slope - h));
    let (b_lo, b_hi) = p.ci.unwrap();
    eprintln!(
        "doubling-time 95% interval: bootstrap {b_lo:.2}–{b_hi:.2}, analytic {a_lo:.2}–{a_hi:.2}"
    );
    assert!(
        (b_lo / a_lo - 1.0).abs() < 0.06,
        "lower: bootstrap {b_lo}, analytic {a_lo}"
    );
    assert!(
        (b_hi / a_hi - 1.0).abs() < 0.06,
        "upper: bootstrap {b_hi}, analytic {a_hi}"
    );
}

/// On a synthetic exponential process with known noise, the fan's 95% band covers about 95% of
/// later, held-out points (and the 80% band about 80%), over 20 independent histories.
#[test]
fn the_95_band_covers_about_95_percent_of_held_out_points() {
    let (mut in95, mut in80, mut total) = (0, 0, 0);
    for seed in 0..20 {
        let train = synthetic(25, 1500.0, 150.0, 0.7, 100 + seed);
        let state = State {
            mc: 4000,
            until: Day::parse("2025-12-31").unwrap(),
            ..synthetic_state()
        };
        let fc = project(&Rc::new(prepare(&train, None, &state)), &state);
        let fan = fc.fan.as_ref().unwrap();
        let mut rng = Pcg32::seed_from_u64(10_000 + seed);
        let start = Day::parse("2020-01-01").unwrap().x();
        for k in 0..50 {
            let x = 1500.0 + 10.0 * f64::from(k) + 5.0;
            let y = 1.0 + x / 150.0 + 0.7 * normal(&mut rng);
            let q = fan.at(start + x).unwrap();
            in95 += usize::from(y >= q[0] && y <= q[4]);
            in80 += usize::from(y >= q[1] && y <= q[3]);
            total += 1;
        }
    }
    let (c95, c80) = (in95 as f64 / total as f64, in80 as f64 / total as f64);
    eprintln!("held-out coverage over {total} points: 95% band {c95:.3}, 80% band {c80:.3}");
    assert!((0.91..=0.985).contains(&c95), "95% band covered {c95}");
    assert!((0.72..=0.88).contains(&c80), "80% band covered {c80}");
}

#[test]
fn the_monte_carlo_median_crossing_is_close_to_the_deterministic_one() {
    let d = data();
    // The fit-only band is centred on the fit; the calibrated one is shifted by its bias μ on
    // purpose (see forecast::calibration).
    let fc = run(
        &d,
        &State {
            mc: 10_000,
            band: Band::Fit,
            ..State::default()
        },
    );
    for m in fc.milestones.iter().take(3) {
        let det = m.fitted.unwrap();
        let mc = m.mc.as_ref().unwrap().p50.unwrap();
        let gap = (mc.number() - det.number()).abs();
        eprintln!(
            "{}: Monte Carlo median {mc}, fitted {det} ({gap} days apart)",
            m.milestone.id
        );
        assert!(gap <= 45, "{}: median {mc} vs fitted {det}", m.milestone.id);
    }
}

#[test]
fn the_same_settings_give_the_same_numbers() {
    let d = data();
    let s = State {
        mc: 3000,
        doubling: Some(120.0),
        ..State::default()
    };
    assert_eq!(run(&d, &s), run(&d, &s));
}

/// `State::fit_settings` is the memo key of the fit stage: it must keep everything `prepare`
/// reads, so projection-only changes never change the prepared fit.
#[test]
fn projection_settings_do_not_change_the_fit_stage() {
    let d = data();
    let series = d.get("metr-th1.1-p50").unwrap();
    let sib = d.get("metr-th1.1-p80");
    for s in [
        State {
            doubling: Some(50.0),
            accel: Some(20.0),
            floor: 10.0,
            anchor: Anchor::Last,
            ..State::default()
        },
        State {
            units: Units::Calendar,
            goal: Some(100.0),
            until: Day::parse("2040-01-01").unwrap(),
            rel: 80.0,
            ..State::default()
        },
        State {
            model: Some(Family::Superexponential),
            accel: Some(5.0),
            ..State::default()
        },
    ] {
        assert_eq!(
            prepare(series, sib, &s),
            prepare(series, sib, &s.fit_settings())
        );
    }
}

#[test]
fn metr_published_doubling_times_in_the_manifest_equal_metr_files() {
    let d = data();
    for (id, file) in [
        ("metr-th1.1-p50", "benchmark_results_1_1.yaml"),
        ("metr-th1.0-p50", "benchmark_results_1_0.yaml"),
    ] {
        let yaml: serde_yaml::Value = serde_yaml::from_str(
            &std::fs::read_to_string(root().join("data/upstream/metr").join(file)).unwrap(),
        )
        .unwrap();
        let blocks = yaml["doubling_time_in_days"].as_mapping().unwrap();
        let meta = &d.get(id).unwrap().meta;
        assert_eq!(meta.published_doubling.len(), blocks.len(), "{id}");
        for p in meta.published_doubling.iter() {
            let b = &yaml["doubling_time_in_days"][p.block.as_ref()];
            assert_eq!(
                Some(p.point),
                b["point_estimate"].as_f64(),
                "{id} {}",
                p.block
            );
            assert_eq!(p.ci_low, b["ci_low"].as_f64(), "{id} {}", p.block);
            assert_eq!(p.ci_high, b["ci_high"].as_f64(), "{id} {}", p.block);
            // And the app's own fit with the block's settings reproduces it to 3 decimals.
            let s = State {
                from: p.from.as_deref().map(|f| Day::parse(f).unwrap()),
                mc: 0,
                ..State {
                    series: id.into(),
                    ..State::default()
                }
            };
            let fc = run(&d, &s);
            assert_eq!(
                fc.prepared.published.as_ref(),
                Some(p),
                "the app shows METR's block beside its fit"
            );
            assert!(
                (fc.fitted_doubling.unwrap() - p.point).abs() < 5e-4,
                "{id} {}",
                p.block
            );
        }
    }
}

#[test]
fn dropping_points_removes_them_from_the_fit_and_clears_the_published_match() {
    let d = data();
    let s = State {
        drop: vec!["o3_inspect".into()],
        mc: 0,
        ..State::default()
    };
    let fc = run(&d, &s);
    assert_eq!(fc.prepared.fit.as_ref().unwrap().line.n, 16);
    assert!(fc.prepared.published.is_none());
    let all_dropped: Vec<String> = d
        .get("metr-th1.1-p50")
        .unwrap()
        .points
        .iter()
        .map(|p| p.id.clone())
        .collect();
    let fc = run(
        &d,
        &State {
            drop: all_dropped,
            ..State::default()
        },
    );
    assert!(fc.prepared.fit.is_err());
    assert!(
        fc.notes
            .iter()
            .any(|n| n.contains("needs at least 2 points")),
        "{:?}",
        fc.notes
    );
    assert!(fc
        .milestones
        .iter()
        .all(|m| m.assumed.is_none() && m.fitted.is_none()));
}

/// The fan read off the tabulated unit fan (the fast path a slider move takes) matches the fan
/// computed draw by draw for the same assumption, to well within the band's own width.
#[test]
fn the_tabulated_fan_matches_the_direct_computation() {
    let d = data();
    let series = d.get("metr-th1.1-p50").unwrap();
    // The last case reaches beyond the table (fast doubling, far end date) and is computed
    // draw by draw.
    let far = Day::parse("2100-12-31").unwrap();
    for (dt, until, band) in [
        (30.0, None, Band::Fit),
        (120.0, None, Band::Calibrated),
        (400.0, None, Band::Fit),
        (400.0, None, Band::Calibrated),
        (3000.0, None, Band::Calibrated),
        (7.0, Some(far), Band::Calibrated),
    ] {
        let s = State {
            doubling: Some(dt),
            until: until.unwrap_or(State::default().until),
            band,
            ..State::default()
        };
        let prep = Rc::new(prepare(series, None, &s));
        let fc = project(&prep, &s);
        let fan = fc.fan.as_ref().unwrap();
        let fit = prep.fit.as_ref().unwrap();
        let (xa, ya) = (fit.span.1.x(), fit.line.at(fit.span.1.x()));
        let (shift, slope) = match band {
            Band::Fit => (&prep.shift, &prep.draws.as_ref().unwrap().slope),
            Band::Calibrated => (&prep.cal_shift, &prep.cal_slope),
        };
        let count = s.mc as usize;
        let direct =
            trendline_core::forecast::montecarlo::Fan::compute(fan.xs.clone(), count, |i, x| {
                ya + shift[i] + (slope[i] / fit.line.slope) / dt * (x - xa)
            });
        for j in 0..fan.xs.len() {
            let width = direct.bands[4][j] - direct.bands[0][j];
            for k in 0..5 {
                let gap = (fan.bands[k][j] - direct.bands[k][j]).abs();
                assert!(
                    gap <= 0.01 * width.max(1e-9) + 1e-9,
                    "dt={dt} x={} band {k}: {} vs {}",
                    fan.xs[j],
                    fan.bands[k][j],
                    direct.bands[k][j]
                );
            }
        }
    }
}

/// The essential fit stage agrees with the full one on everything it computes.
#[test]
fn the_essential_fit_stage_is_the_full_one_minus_the_deferred_analyses() {
    use trendline_core::{prepare_with, Analyses};
    let d = data();
    let series = d.get("metr-th1.1-p50").unwrap();
    for s in [
        State::default(),
        State {
            model: Some(Family::Superexponential),
            ..State::default()
        },
    ] {
        let full = prepare_with(series, None, &s, Analyses::Full);
        let quick = prepare_with(series, None, &s, Analyses::Essential);
        assert!(full.complete && !quick.complete);
        assert_eq!(quick.backtest, None);
        assert_eq!(
            quick.superexp.is_some(),
            s.model == Some(Family::Superexponential)
        );
        let merged = trendline_core::Prepared {
            backtest: full.backtest.clone(),
            superexp: full.superexp.clone(),
            aicc_superexp: full.aicc_superexp,
            complete: true,
            ..quick
        };
        assert_eq!(merged, full);
        assert_eq!(
            project(
                &Rc::new(prepare_with(series, None, &s, Analyses::Essential)),
                &s
            )
            .milestones,
            project(&Rc::new(full), &s).milestones
        );
    }
}

/// Completing an essential pass (the app's deferred analyses) adds the superexponential fit
/// (horizon series) and the backtest and changes nothing the first pass computed, for every
/// bundled series and for settings that change what the analyses see: another reliability level
/// (derived horizons, the cap moved to the 50% horizons), the superexponential family (already
/// fitted in the first pass), all points, a fit window. It is the full pass.
#[test]
fn completing_the_essential_fit_stage_gives_the_full_one() {
    use trendline_core::model::fit::Selection;
    use trendline_core::{prepare_with, Analyses, Unit};
    let d = data();
    let states = [
        State::default(),
        State {
            rel: 80.0,
            ..State::default()
        },
        State {
            model: Some(Family::Superexponential),
            ..State::default()
        },
        State {
            selection: Selection::All,
            from: Some(Day::parse("2023-01-01").unwrap()),
            ..State::default()
        },
    ];
    let (mut compared, mut backtests) = (0, 0);
    for id in d.ids() {
        let series = d.get(id).unwrap();
        let sibling = sibling80_id(id).and_then(|s| d.get(&s));
        for s in &states {
            let quick = prepare_with(series, sibling, s, Analyses::Essential);
            assert!(!quick.complete && quick.backtest.is_none(), "{id}");
            let done = quick.clone().completed();
            assert!(done.complete, "{id}");
            let horizon = series.meta.unit == Unit::Minutes;
            assert_eq!(done.superexp.is_some(), horizon, "{id}");
            backtests += usize::from(done.backtest.is_some());
            // Everything else is the first pass's, untouched. Debug text, so that NaNs (no
            // value) compare equal to themselves.
            let kept = trendline_core::Prepared {
                backtest: None,
                superexp: quick.superexp.clone(),
                aicc_superexp: quick.aicc_superexp,
                complete: false,
                ..done.clone()
            };
            assert_eq!(format!("{kept:?}"), format!("{quick:?}"), "{id} {s:?}");
            let full = prepare_with(series, sibling, s, Analyses::Full);
            assert_eq!(format!("{done:?}"), format!("{full:?}"), "{id} {s:?}");
            // A complete pass is left as it is.
            assert_eq!(
                format!("{:?}", full.clone().completed()),
                format!("{full:?}"),
                "{id}"
            );
            compared += 1;
        }
    }
    assert!(compared >= 4 * 20, "{compared} passes compared");
    assert!(
        backtests >= 3 * 20,
        "{backtests} of {compared} passes backtested"
    );
}

/// The fit-only band's table is worked out only when asked for, and gives the same numbers
/// either way: the chart's vertical range read from two of its columns before it is tabulated
/// equals the whole table's reading, and the fit-only band's projection tabulates it.
#[test]
fn the_fit_only_table_is_tabulated_on_demand_with_the_same_numbers() {
    use trendline_core::{prepare_with, Analyses};
    let d = data();
    let mut read = 0;
    for id in d.ids() {
        let series = d.get(id).unwrap();
        let p = Rc::new(prepare_with(
            series,
            None,
            &State::default(),
            Analyses::Essential,
        ));
        // The default (calibrated) band's projection leaves it alone.
        let fc = project(&p, &State::default());
        assert_eq!(fc.band, Band::Calibrated);
        let Ok(fit) = &p.fit else { continue };
        let span = 365.25 * 4.0 * fit.line.slope.abs().max(1e-9);
        let taus = [0.0, 0.3, 1.0, 17.5, span, span * 40.0];
        let before: Vec<_> = taus.iter().map(|&t| p.fit_band_at(t)).collect();
        let Some(table) = p.unit_fan() else {
            assert!(before.iter().all(Option::is_none), "{id}");
            continue;
        };
        for (&t, b) in taus.iter().zip(&before) {
            assert_eq!(
                format!("{b:?}"),
                format!("{:?}", Some(table.at(t))),
                "{id} τ = {t}"
            );
            assert_eq!(
                format!("{:?}", p.fit_band_at(t)),
                format!("{b:?}"),
                "{id} τ = {t}"
            );
        }
        read += 1;
        // The fit-only band reads the same table.
        let fit_only = State {
            band: Band::Fit,
            ..State::default()
        };
        let a = project(&p, &fit_only);
        let fresh = Rc::new(prepare_with(series, None, &fit_only, Analyses::Essential));
        assert_eq!(
            format!("{:?}", a.fan),
            format!("{:?}", project(&fresh, &fit_only).fan),
            "{id}"
        );
    }
    assert!(read >= 15, "{read} series read");
}
