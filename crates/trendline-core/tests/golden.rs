//! The engine against the independent Python reference (`scripts/reference/`, numpy/scipy):
//! every deterministic number in `tests/golden/engine.json` is recomputed here through the
//! same public functions the app uses.

// Tests sort freely: they are not in the wasm (clippy.toml keeps one sort in it).
#![allow(clippy::disallowed_methods)]

use serde_json::Value;
use std::path::PathBuf;
use std::rc::Rc;
use trendline_core::model::reliability::{horizon_at, sibling80_id};
use trendline_core::model::superexp::SuperExp;
use trendline_core::settings::{Cap, Units};
use trendline_core::{prepare, project, Dataset, Day, Family, Forecast, Selection, State};

/// Tolerances (from the reference's own conventions): OLS results and closed forms agree to
/// 1e-12 relative, superexponential parameters to 1e-6, their SSE and AICc to 1e-9.
mod tol {
    pub const OLS: f64 = 1e-12;
    pub const SUPEREXP_PARAM: f64 = 1e-6;
    pub const SUPEREXP_SSE: f64 = 1e-9;
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn golden() -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join("tests/golden/engine.json")).unwrap())
        .unwrap()
}

fn data() -> Dataset {
    Dataset::load_dir(&root().join("data")).unwrap()
}

fn close(got: f64, want: f64, rel: f64, what: &str) {
    let scale = want.abs().max(1e-12);
    assert!(
        (got - want).abs() <= rel * scale,
        "{what}: got {got}, reference {want} (rel tol {rel})"
    );
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn date(v: &Value) -> Option<Day> {
    v.as_str().map(|s| Day::parse(s).unwrap())
}

/// The state a golden case describes.
fn state_for(case: &Value) -> State {
    State {
        series: case["series"].as_str().unwrap().into(),
        from: date(&case["from"]),
        to: date(&case["to"]),
        selection: Selection::from_token(case["selection"].as_str().unwrap()).unwrap(),
        drop: case["drop"]
            .as_array()
            .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
            .unwrap_or_default(),
        cap: match case.get("cap_hours") {
            Some(Value::Null) | None => Cap::Off,
            Some(v) => Cap::Hours(f(v)),
        },
        sat: case.get("sat").and_then(Value::as_f64).unwrap_or(100.0),
        ..State::default()
    }
}

fn run(d: &Dataset, s: &State) -> Forecast {
    let series = d.get(&s.series).unwrap();
    let sib = sibling80_id(&s.series).and_then(|id| d.get(&id));
    project(&Rc::new(prepare(series, sib, s)), s)
}

fn check_line(fc: &Forecast, case: &Value, name: &str) {
    let fit = fc.prepared.fit.as_ref().unwrap();
    assert_eq!(fit.line.n as u64, case["n"].as_u64().unwrap(), "{name} n");
    close(
        fit.line.slope,
        f(&case["slope"]),
        tol::OLS,
        &format!("{name} slope"),
    );
    close(
        fit.line.at(0.0),
        f(&case["intercept"]),
        tol::OLS * 10.0,
        &format!("{name} intercept"),
    );
    close(
        fit.line.r2,
        f(&case["r2"]),
        tol::OLS * 10.0,
        &format!("{name} r2"),
    );
    close(
        fit.line.resid_sd,
        f(&case["resid_sd"]),
        tol::OLS * 10.0,
        &format!("{name} resid_sd"),
    );
    let mut ids: Vec<&str> = fit
        .used
        .iter()
        .map(|&i| fc.prepared.series.points[i].id.as_str())
        .collect();
    ids.sort();
    let want: Vec<&str> = case["ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(ids, want, "{name} fitted points");
}

fn milestone_dates(fc: &Forecast) -> Vec<(String, Option<Day>, Option<Day>)> {
    fc.milestones
        .iter()
        .map(|m| (m.milestone.id.to_string(), m.assumed, m.fitted))
        .collect()
}

#[test]
fn exponential_fits_and_crossing_dates_match_the_reference() {
    let (g, d) = (golden(), data());
    for case in g["exp_fits"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let base = State {
            mc: 0,
            ..state_for(case)
        };
        let fc = run(&d, &base);
        check_line(&fc, case, name);
        close(
            fc.fitted_doubling.unwrap(),
            f(&case["doubling_days"]),
            tol::OLS,
            &format!("{name} doubling"),
        );
        let fit_sse =
            fc.prepared.fit.as_ref().unwrap().line.resid_sd.powi(2) * (f(&case["n"]) - 2.0);
        close(fit_sse, f(&case["sse"]), 1e-10, &format!("{name} sse"));
        close(
            fc.prepared.aicc_exp.unwrap(),
            f(&case["aicc"]),
            1e-10,
            &format!("{name} aicc"),
        );
        let mut compared = 0;
        for (scenario, dt) in [
            ("fitted", None),
            ("assumed_60", Some(60.0)),
            ("assumed_365", Some(365.0)),
        ] {
            for units in [Units::Work, Units::Calendar] {
                let s = State {
                    doubling: dt,
                    units,
                    ..base.clone()
                };
                let fc = run(&d, &s);
                for (id, assumed, _) in milestone_dates(&fc) {
                    let want = date(&case["crossings"][scenario][&id]["date"]);
                    assert_eq!(assumed, want, "{name} {scenario} {id}");
                    compared += usize::from(want.is_some());
                }
            }
        }
        assert_eq!(compared, 24, "{name}: every milestone date is compared");
    }
}

#[test]
fn logistic_fits_and_crossing_dates_match_the_reference() {
    let (g, d) = (golden(), data());
    for case in g["logistic_fits"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let s = State {
            mc: 0,
            ..state_for(case)
        };
        let fc = run(&d, &s);
        assert_eq!(fc.prepared.family, Family::Logistic);
        check_line(&fc, case, name);
        close(
            fc.fitted_doubling.unwrap(),
            f(&case["odds_doubling_days"]),
            tol::OLS,
            &format!("{name} odds doubling"),
        );
        for (id, assumed, fitted) in milestone_dates(&fc) {
            let want = date(&case["crossings"][&id]["date"]);
            assert_eq!(fitted, want, "{name} {id} (fitted)");
            assert_eq!(assumed, want, "{name} {id} (no override)");
        }
        let x = f(&case["projection"]["x"]);
        close(
            fc.projection.unwrap().value_at(x),
            f(&case["projection"]["value"]),
            1e-11,
            &format!("{name} value at 2028-01-01"),
        );
    }
}

#[test]
fn superexponential_fits_match_the_reference() {
    let (g, d) = (golden(), data());
    for case in g["superexp_fits"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let s = State {
            mc: 0,
            model: Some(Family::Superexponential),
            ..state_for(case)
        };
        let fc = run(&d, &s);
        let se = fc.prepared.superexp.as_ref().unwrap().as_ref().unwrap();
        close(
            se.model.a,
            f(&case["a"]),
            tol::SUPEREXP_PARAM,
            &format!("{name} a"),
        );
        close(
            se.model.t0,
            f(&case["T0"]),
            tol::SUPEREXP_PARAM,
            &format!("{name} T0"),
        );
        close(
            se.y0,
            f(&case["y0"]),
            tol::SUPEREXP_PARAM,
            &format!("{name} y0"),
        );
        close(
            se.sse,
            f(&case["sse"]),
            tol::SUPEREXP_SSE,
            &format!("{name} sse"),
        );
        close(
            fc.prepared.aicc_superexp.unwrap(),
            f(&case["aicc"]),
            tol::SUPEREXP_SSE,
            &format!("{name} aicc"),
        );
        close(
            fc.prepared.aicc_exp.unwrap(),
            f(&case["exp_aicc"]),
            1e-10,
            &format!("{name} exp aicc"),
        );
        close(
            fc.fitted_doubling.unwrap(),
            f(&case["doubling_at_anchor"]),
            tol::SUPEREXP_PARAM,
            &format!("{name} doubling at anchor"),
        );
        assert_eq!(
            fc.singularity,
            date(&case["singularity"]["date"]),
            "{name} singularity"
        );
        for units in [Units::Work, Units::Calendar] {
            let fc = run(&d, &State { units, ..s.clone() });
            for (id, _, fitted) in milestone_dates(&fc) {
                assert_eq!(
                    fitted,
                    date(&case["crossings"]["fitted"][&id]["date"]),
                    "{name} {id}"
                );
            }
        }
    }
}

#[test]
fn superexponential_closed_forms_match_the_reference() {
    let g = golden();
    for c in g["superexp_closed_forms"].as_array().unwrap() {
        let m = SuperExp {
            t0: f(&c["T0"]),
            a: f(&c["a"]),
            floor: f(&c["f"]),
        };
        let name = format!("{m:?}");
        match c["t_star"].as_f64() {
            Some(t) => close(m.singularity().unwrap(), t, tol::OLS, &format!("{name} t*")),
            None => assert_eq!(m.singularity(), None, "{name} t*"),
        }
        for p in c["n_of_t"].as_array().unwrap() {
            match p["n"].as_f64() {
                Some(n) => close(
                    m.doublings(f(&p["t"])).unwrap(),
                    n,
                    1e-11,
                    &format!("{name} n({})", p["t"]),
                ),
                None => assert_eq!(m.doublings(f(&p["t"])), None, "{name} n({})", p["t"]),
            }
        }
        for p in c["t_of_n"].as_array().unwrap() {
            match p["t"].as_f64() {
                Some(t) => close(
                    m.time_for(f(&p["n"])).unwrap(),
                    t,
                    1e-11,
                    &format!("{name} t({})", p["n"]),
                ),
                None => assert_eq!(m.time_for(f(&p["n"])), None, "{name} t({})", p["n"]),
            }
        }
        for p in c["doubling_of_n"].as_array().unwrap() {
            let t = m.time_for(f(&p["n"])).unwrap();
            close(
                m.doubling_time_at(t).unwrap(),
                f(&p["T"]),
                1e-9,
                &format!("{name} T(n={})", p["n"]),
            );
        }
    }
}

#[test]
fn reliability_transform_and_refits_match_the_reference() {
    let (g, d) = (golden(), data());
    let r = &g["reliability"];
    for m in r["models"].as_array().unwrap() {
        for (q, want) in m["h"].as_object().unwrap() {
            let q: f64 = q.parse().unwrap();
            let got = horizon_at(f(&m["h50"]), f(&m["h80"]), q);
            match want.as_f64() {
                Some(w) => close(got.unwrap(), w, tol::OLS, &format!("{} q={q}", m["id"])),
                None => assert_eq!(got, None),
            }
        }
    }
    for (q, case) in r["fits"].as_object().unwrap() {
        let rel: f64 = q.parse::<f64>().unwrap() * 100.0;
        let s = State {
            rel,
            mc: 0,
            cap: Cap::Default,
            ..State::default()
        };
        let fc = run(&d, &s);
        assert_eq!(
            fc.prepared.fit.as_ref().unwrap().line.n as u64,
            case["n"].as_u64().unwrap(),
            "q={q} n"
        );
        close(
            fc.fitted_doubling.unwrap(),
            f(&case["doubling_days"]),
            tol::OLS * 10.0,
            &format!("q={q} doubling"),
        );
    }
}

/// The calibrated band's corrections (bias μ, scale c, rate change ρ and the pair counts) from
/// the fitted points, against the reference's exact-OLS implementation.
#[test]
fn calibrations_match_the_reference() {
    let (g, d) = (golden(), data());
    let mut checked = 0;
    for section in ["exp_fits", "logistic_fits"] {
        for case in g[section].as_array().unwrap() {
            let name = case["name"].as_str().unwrap();
            let want = &case["calibration"];
            let s = state_for(case);
            let series = d.get(&s.series).unwrap();
            let p = prepare(
                series,
                sibling80_id(&s.series).and_then(|id| d.get(&id)),
                &s,
            );
            let c = p.calibration.unwrap();
            assert_eq!(
                c.one_step as u64,
                want["one_step"].as_u64().unwrap(),
                "{name}"
            );
            assert_eq!(c.pairs as u64, want["pairs"].as_u64().unwrap(), "{name}");
            for (got, key) in [(c.bias, "bias"), (c.scale, "scale"), (c.rho, "rho")] {
                let w = f(&want[key]);
                assert!(
                    (got - w).abs() <= 1e-9 * w.abs().max(1e-3),
                    "{name} {key}: got {got}, reference {w}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "{checked}");
}
