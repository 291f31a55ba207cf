//! Every fit and the forecast pipeline on arbitrary points (any day number, NaN, infinities,
//! 1e300, zeros, negatives, duplicates) and settings.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use std::rc::Rc;
use trendline_core::data::dataset::resolve_frontier;
use trendline_core::forecast::{prepare_with, project};
use trendline_core::model::fit::{fit_line, ols};
use trendline_core::model::superexp::fit_superexp;
use trendline_core::settings::{Band, Cap, MC_MAX};
use trendline_core::{
    Action, Analyses, Day, Family, FitWindow, Point, PointKind, Selection, Series, State, Transform,
};

mod common;

#[derive(Arbitrary, Debug)]
struct Input {
    points: Vec<(i32, f64, u8)>,
    series: u8,
    sat: f64,
    from: Option<i32>,
    to: Option<i32>,
    all: bool,
    cap: Option<f64>,
    family: u8,
    doubling: Option<f64>,
    accel: Option<f64>,
    floor: f64,
    mc: u8,
    full: bool,
    fit_band: bool,
    by: i32,
}

/// Any `i32` folded into the range the parsers accept.
fn day(n: i32) -> Day {
    let (lo, hi) = (Day::MIN.number(), Day::MAX.number());
    Day::from_number(lo + n.rem_euclid(hi - lo + 1))
}

fn finite_line(l: &trendline_core::model::fit::LinearFit) {
    assert!(
        l.slope.is_finite() && l.sxx.is_finite() && l.sxx > 0.0,
        "{l:?}"
    );
    assert!(l.resid_sd.is_finite() && l.r2.is_finite(), "{l:?}");
}

fuzz_target!(|input: Input| {
    let pts = &input.points[..input.points.len().min(40)];
    // OLS on the raw numbers.
    let xs: Vec<f64> = pts.iter().map(|p| f64::from(p.0)).collect();
    let ys: Vec<f64> = pts.iter().map(|p| p.1).collect();
    if let Ok(l) = ols(&xs, &ys) {
        finite_line(&l);
    }
    if pts.len() <= 12 {
        if let Ok(f) = fit_superexp(&xs, &ys) {
            assert!(f.model.is_valid() && f.y0.is_finite(), "{f:?}");
        }
    }
    // A series of these points under a real series' description.
    let all = &common::data().series;
    let meta = all[usize::from(input.series) % all.len()].meta.clone();
    let mut points: Vec<Point> = pts
        .iter()
        .enumerate()
        .map(|(i, &(d, v, k))| Point {
            id: format!("p{}", i % 7),
            model: format!("m{i}"),
            org: String::new(),
            date: day(d),
            value: v,
            ci_low: None,
            ci_high: None,
            source_frontier: (k & 0x80 != 0).then_some(k & 1 == 1),
            frontier: false,
            kind: PointKind::ALL[usize::from(k >> 1) % PointKind::ALL.len()],
            source: "fuzz".into(),
        })
        .collect();
    points.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
    resolve_frontier(&mut points);
    let series = Series { meta, points };
    let window = FitWindow {
        from: input.from.map(day),
        to: input.to.map(day),
        selection: if input.all {
            Selection::All
        } else {
            Selection::Frontier
        },
        cap: input.cap,
        drop: vec!["p3".into()],
        capped: Vec::new(),
    };
    for t in [Transform::Log2, Transform::LogOdds { sat: input.sat }] {
        if let Ok(f) = fit_line(&series, &window, t) {
            finite_line(&f.line);
            assert!(f.doubling_days().is_none_or(|d| d.is_finite() && d > 0.0));
        }
    }
    // The pipeline the page runs.
    let family = [
        None,
        Some(Family::Exponential),
        Some(Family::Superexponential),
        Some(Family::Logistic),
    ][usize::from(input.family) % 4];
    let mut state = State {
        series: series.meta.id.to_string(),
        ..State::default()
    };
    for a in [
        Action::SetFrom(window.from),
        Action::SetTo(window.to),
        Action::SetSelection(window.selection),
        Action::SetModel(family),
        Action::SetAccel(input.accel),
        Action::SetFloor(input.floor),
        Action::SetCap(input.cap.map_or(Cap::Default, Cap::Hours)),
        Action::SetSat(input.sat),
        Action::SetMc(u32::from(input.mc).min(MC_MAX)),
        Action::SetBand(if input.fit_band {
            Band::Fit
        } else {
            Band::Calibrated
        }),
        Action::SetBy(Day::from_number(input.by)),
        Action::ExampleScenarios,
    ] {
        state = state.apply(a);
    }
    if let Some(d) = input.doubling {
        state = state.apply(Action::SetDoubling(d));
    }
    let analyses = if input.full {
        Analyses::Full
    } else {
        Analyses::Essential
    };
    let prepared = Rc::new(prepare_with(&series, None, &state, analyses));
    let fc = project(&prepared, &state);
    for d in [fc.fitted_doubling, fc.assumed_doubling]
        .into_iter()
        .flatten()
    {
        assert!(d.is_finite() && d > 0.0, "{d}");
    }
    for m in &fc.milestones {
        for p in [m.prob, fc.chance_by(m.milestone.target, day(input.by))]
            .into_iter()
            .flatten()
        {
            assert!((0.0..=1.0).contains(&p), "{p}");
        }
    }
    let runs = trendline_core::forecast::compare::run_scenarios(&series, None, &prepared, &state);
    let _ = trendline_core::sharing::export::csv_export_with(
        &fc,
        &state,
        &runs,
        common::VINTAGE,
        Day::MIN,
    );
    if let Some(r) = trendline_core::forecast::sensitivity::doubling_range(
        fc.assumed_doubling,
        fc.fitted_doubling,
        prepared.ci,
    ) {
        if let Some(m) = fc.milestones.first() {
            let _ = trendline_core::forecast::sensitivity::sensitivity(&fc, m.milestone.target, r);
        }
    }
    let _ = trendline_core::forecast::mosaic::normalised(&series);
});
