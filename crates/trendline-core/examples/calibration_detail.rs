//! Per-origin details of one series' rolling-origin backtest (diagnostics for
//! docs/calibration.md): `cargo run --release -p trendline-core --example calibration_detail -- <series id>`.
//! Prints, for every scored point, its date, the lead past the last training date, the point
//! (fit space), both bands' 10th/50th/90th percentiles, the calibration (μ, c, ρ, one-step and
//! all hindcast pairs) and the training fit's slope and residual SD.

use std::path::PathBuf;
use trendline_core::model::fit::ols;
use trendline_core::model::reliability::sibling80_id;
use trendline_core::{prepare, Dataset, FitWindow, State};

fn main() {
    let id = std::env::args().nth(1).unwrap_or_else(|| "eci".into());
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let data = Dataset::load_dir(&root.join("data")).expect("data/ loads");
    let Some(series) = data.get(&id) else {
        eprintln!("no series {id}");
        return;
    };
    let state = State {
        series: id.clone(),
        ..State::default()
    };
    let sib = sibling80_id(&id).and_then(|s| data.get(&s));
    let p = prepare(series, sib, &state);
    let Some(bt) = &p.backtest else {
        eprintln!("no backtest");
        return;
    };
    let open = FitWindow {
        to: None,
        ..p.window.clone()
    };
    let pts: Vec<(usize, f64, f64)> = open
        .select(series)
        .into_iter()
        .filter_map(|i| {
            p.transform
                .to_y(series.points[i].value)
                .map(|y| (i, series.points[i].date.x(), y))
        })
        .collect();
    println!(
        "# {id}: transform {:?}, {} selected points",
        p.transform,
        pts.len()
    );
    for (i, x, y) in &pts {
        println!(
            "pt {} {} {:.4} {}",
            series.points[*i].date, x, y, series.points[*i].id
        );
    }
    println!(
        "date lead n y fit10 fit50 fit90 cal10 cal50 cal90 mu c rho P1 P b_per_yr s in80c in80f"
    );
    for r in &bt.rows {
        let x = series.points[r.index].date.x();
        let train: Vec<&(usize, f64, f64)> = pts.iter().filter(|p| p.1 < x).collect();
        let xs: Vec<f64> = train.iter().map(|p| p.1).collect();
        let ys: Vec<f64> = train.iter().map(|p| p.2).collect();
        let x_a = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let f = ols(&xs, &ys).expect("fit");
        let (fq, cq, c) = (r.fit.q, r.calibrated.q, r.calibration);
        println!(
            "{} {:>4} {:>3} {:>8.4} | {:>8.4} {:>8.4} {:>8.4} | {:>8.4} {:>8.4} {:>8.4} | {:>7.4} {:.3} {:.3} {:>3} {:>4} | {:.4} {:.4} {} {}",
            series.points[r.index].date,
            x - x_a,
            r.trained_on,
            r.actual,
            fq[1],
            fq[2],
            fq[3],
            cq[1],
            cq[2],
            cq[3],
            c.bias,
            c.scale,
            c.rho,
            c.one_step,
            c.pairs,
            f.slope * 365.2425,
            f.resid_sd,
            r.calibrated.in80(r.actual) as u8,
            r.fit.in80(r.actual) as u8,
        );
    }
}
