//! Engine timings on METR Time Horizon 1.1 (50%): `cargo bench -p trendline-core` (or
//! `make bench`). The budget: a 10 000-draw fan plus milestone percentiles recomputes in under
//! 10 ms natively.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::PathBuf;
use std::rc::Rc;
use trendline_core::forecast::montecarlo::bootstrap;
use trendline_core::model::fit::fit_exponential;
use trendline_core::model::superexp::fit_superexp;
use trendline_core::{prepare, prepare_with, project, Analyses, Dataset, State};

fn bench(c: &mut Criterion) {
    let d =
        Dataset::load_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")).unwrap();
    let series = d.get("metr-th1.1-p50").unwrap();
    let sib = d.get("metr-th1.1-p80");
    let state = State::default();
    let window = state.fit_window(series);
    let fit = fit_exponential(series, &window).unwrap();
    let xs: Vec<f64> = fit
        .used
        .iter()
        .map(|&i| series.points[i].date.x())
        .collect();
    let ys: Vec<f64> = fit
        .used
        .iter()
        .map(|&i| series.points[i].value.log2())
        .collect();

    c.bench_function("exponential fit (OLS, 17 points)", |b| {
        b.iter(|| fit_exponential(black_box(series), &window))
    });
    c.bench_function("superexponential fit (17 points)", |b| {
        b.iter(|| fit_superexp(black_box(&xs), &ys))
    });
    c.bench_function("bootstrap, 2000 resamples", |b| {
        b.iter(|| bootstrap(black_box(&xs), &ys, &fit.line, 2000))
    });
    let s10k = State {
        mc: 10_000,
        ..State::default()
    };
    let prepared = Rc::new(prepare(series, sib, &s10k));
    c.bench_function("fan + milestones, 10000 draws (slider move)", |b| {
        b.iter(|| {
            project(
                black_box(&prepared),
                &State {
                    doubling: Some(150.0),
                    ..s10k.clone()
                },
            )
        })
    });
    let s2k = State::default();
    let prepared2k = Rc::new(prepare(series, sib, &s2k));
    c.bench_function("fan + milestones, 2000 draws (slider move, default)", |b| {
        b.iter(|| {
            project(
                black_box(&prepared2k),
                &State {
                    doubling: Some(150.0),
                    ..s2k.clone()
                },
            )
        })
    });
    // The page's first pass: the fit stage without the deferred analyses, then the projection.
    let first_pass = |s: &State| {
        let p = Rc::new(prepare_with(black_box(series), sib, s, Analyses::Essential));
        project(&p, s)
    };
    c.bench_function(
        "first pass at the default settings, 2000 draws (page load: fit, refits, fan table, milestones, chances)",
        |b| {
            b.iter(|| first_pass(&s2k))
        },
    );
    c.bench_function(
        "Monte Carlo from scratch, 10000 draws (fit, refits, fan table, milestones)",
        |b| b.iter(|| first_pass(&s10k)),
    );
    c.bench_function(
        "fit stage, 10000 draws + backtest + superexponential fit",
        |b| b.iter(|| prepare(black_box(series), sib, &s10k)),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
