//! The Export buttons' output: assumption lines, file name stems and the CSV, read back with the
//! `csv` crate.

use std::collections::HashMap;
use std::path::PathBuf;
use trendline_core::model::reliability::sibling80_id;
use trendline_core::settings::{Anchor, Cap, Units};
use trendline_core::sharing::export::{MILESTONE_COLUMNS, POINT_COLUMNS, PROJECTION_COLUMNS};
use trendline_core::{
    assumptions, csv_export, export_stem, forecast, parse_user_csv, Dataset, Day, Family, Forecast,
    ImportUnit, Selection, State,
};

const VINTAGE: &str = "2026-11-27";

fn data() -> Dataset {
    Dataset::load_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")).unwrap()
}

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn run(d: &Dataset, s: &State) -> Forecast {
    let series = d.get(&s.series).unwrap();
    forecast(series, sibling80_id(&s.series).and_then(|id| d.get(&id)), s)
}

/// The tables of an exported CSV by section name: header row, then data rows. Comment lines
/// (`#`) are skipped by the `csv` crate itself; sections are split at their `# section:` lines.
fn tables(text: &str) -> HashMap<String, Vec<Vec<String>>> {
    let mut out = HashMap::new();
    for chunk in text.split("# section: ").skip(1) {
        let (name, body) = chunk.split_once("\r\n").unwrap();
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .comment(Some(b'#'))
            .from_reader(body.as_bytes());
        let rows: Vec<Vec<String>> = rdr
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        out.insert(name.to_string(), rows);
    }
    out
}

/// Several states that exercise every family, the singularity, Monte Carlo off, an as-of date
/// and derived reliability levels.
fn states() -> Vec<State> {
    vec![
        State::default(),
        State {
            model: Some(Family::Superexponential),
            accel: Some(40.0),
            doubling: Some(60.0),
            until: day("2100-12-31"),
            ..State::default()
        },
        State {
            model: Some(Family::Superexponential),
            floor: 30.0,
            rel: 80.0,
            units: Units::Calendar,
            goal: Some(1234.5),
            anchor: Anchor::Last,
            cap: Cap::Off,
            ..State::default()
        },
        State {
            series: "swebench-verified".into(),
            sat: 92.5,
            selection: Selection::All,
            asof: Some(day("2025-09-30")),
            from: Some(day("2023-06-01")),
            ..State::default()
        },
        State {
            series: "metr-th1.0-p50".into(),
            mc: 0,
            doubling: Some(1.0),
            drop: vec!["gpt_4".into()],
            ..State::default()
        },
    ]
}

#[test]
fn the_default_export_is_named_after_series_doubling_time_and_date() {
    let d = data();
    let s = State::default();
    let f = run(&d, &s);
    let stem = export_stem(&s, &f, day("2026-11-27"));
    assert!(stem.starts_with("metr-th1.1-p50_dt"), "{stem}");
    assert!(stem.ends_with("_2026-11-27"), "{stem}");
    assert_eq!(stem, "metr-th1.1-p50_dt188d_2026-11-27");
}

#[test]
fn stems_name_a_non_default_family_and_reliability_and_use_safe_characters_only() {
    let d = data();
    let s = State {
        model: Some(Family::Superexponential),
        doubling: Some(99.6),
        rel: 80.0,
        ..State::default()
    };
    let stem = export_stem(&s, &run(&d, &s), day("2026-01-02"));
    assert_eq!(stem, "metr-th1.1-p50_dt100d_superexp_rel80_2026-01-02");
    for s in states() {
        let stem = export_stem(&s, &run(&d, &s), day("2026-11-27"));
        assert!(
            stem.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
            "{stem}"
        );
    }
    let logistic = State {
        series: "swebench-verified".into(),
        ..State::default()
    };
    let stem = export_stem(&logistic, &run(&d, &logistic), day("2026-11-27"));
    assert!(stem.starts_with("swebench-verified_dt"), "{stem}");
    assert!(
        !stem.contains("logistic"),
        "the series' default family is not named: {stem}"
    );
}

#[test]
fn assumptions_state_every_setting_in_force() {
    let d = data();
    let s = State::default();
    let lines = assumptions(&run(&d, &s), &s);
    let text = lines.join("\n");
    for want in [
        "Series: metr-th1.1-p50 (",
        "Fit family: exponential (the series' default)",
        "Fit window: all dates (fitted points dated ",
        "Points fitted: frontier points only",
        "Cap: values above 16 h are not fitted (the series' default",
        "Dropped from the fit: none",
        "Fitted doubling time: 187.8 days (6.2 months) (n = ",
        "95% bootstrap interval ",
        "Assumed doubling time: fitted (187.8 days (6.2 months))",
        "Projection starts: on the fitted curve at the last fitted date (",
        "Reliability level: 50%",
        "Milestones: work time",
        "Custom milestone: none",
        "Monte Carlo: 2,000 draws",
        "As-of date: none",
        "Projection end: 2030-12-31",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    assert!(!text.contains("Saturation"), "{text}");
    assert!(!text.contains("Acceleration"), "{text}");

    let s = State {
        model: Some(Family::Superexponential),
        accel: Some(12.5),
        floor: 30.0,
        doubling: Some(120.0),
        cap: Cap::Hours(24.0),
        rel: 80.0,
        units: Units::Calendar,
        goal: Some(100.0),
        anchor: Anchor::Last,
        mc: 0,
        asof: Some(day("2025-06-30")),
        from: Some(day("2023-01-01")),
        to: Some(day("2026-01-31")),
        selection: Selection::All,
        drop: vec!["a,b".into(), "gpt_4".into()],
        until: day("2040-06-30"),
        ..State::default()
    };
    let text = assumptions(&run(&d, &s), &s).join("\n");
    for want in [
        "Fit family: superexponential (chosen)",
        "Fit window: 2023-01-01 to 2026-01-31",
        "Points fitted: all points of kind measured",
        "Cap: values above 24 h are not fitted, applied to each model's 50% horizon",
        "Dropped from the fit (2): \"a,b\", \"gpt_4\"",
        "Fitted doubling time at the anchor: ",
        "Assumed doubling time at the anchor: 120.0 days (3.9 months) (yours)",
        "Acceleration: each doubling 12.5% shorter than the last (yours)",
        "Floor on the doubling time: 30 days",
        "Projection starts: at the last fitted point's own value",
        "Reliability level: 80% (derived",
        "Milestones: calendar time",
        "Custom milestone: 100 h",
        "Monte Carlo: off",
        "As-of date: 2025-06-30",
        "Projection end: 2040-06-30",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }

    let s = State {
        series: "swebench-verified".into(),
        sat: 92.5,
        model: Some(Family::Exponential),
        ..State::default()
    };
    let text = assumptions(&run(&d, &s), &s).join("\n");
    for want in [
        "Fit family: logistic (the series' default; exponential fits do not apply",
        "Fitted odds-doubling time: ",
        "Saturation: 92.5%",
        "Milestones: scores of 50, 80, 90, 95 and 99%",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    assert!(!text.contains("Cap:"), "{text}");
    assert!(!text.contains("Reliability"), "{text}");
}

#[test]
fn the_csv_header_block_names_source_licence_vintage_and_assumptions() {
    let d = data();
    let s = State::default();
    let f = run(&d, &s);
    let text = csv_export(&f, &s, VINTAGE, day("2026-12-01"));
    let meta = &d.get("metr-th1.1-p50").unwrap().meta;
    let (head, _) = text.split_once("\r\n\r\n").unwrap();
    let lines: Vec<&str> = head.split("\r\n").collect();
    assert!(lines.iter().all(|l| l.starts_with("# ")), "{head}");
    let want = [
        format!("# Title: {}", meta.title),
        "# Series id: metr-th1.1-p50".to_string(),
        format!("# Source: {}", meta.source_name),
        format!("# Source URL: {}", meta.source_urls[0]),
        format!("# Licence: {}", meta.licence),
        format!("# Attribution: {}", meta.attribution),
        format!("# Retrieved: {}", meta.retrieved),
        "# Dataset vintage: 2026-11-27".to_string(),
        "# Generated: 2026-12-01".to_string(),
    ];
    for w in &want {
        assert!(lines.contains(&w.as_str()), "missing {w:?} in\n{head}");
    }
    for a in assumptions(&f, &s) {
        assert!(lines.contains(&format!("# {a}").as_str()), "missing {a:?}");
    }
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("# Interval columns: ci_low and ci_high are")),
        "{head}"
    );
}

#[test]
fn the_points_table_has_every_point_with_exact_values() {
    let d = data();
    for s in states() {
        let f = run(&d, &s);
        let t = tables(&csv_export(&f, &s, VINTAGE, day("2026-11-27")));
        let rows = &t["points"];
        assert_eq!(rows[0], POINT_COLUMNS);
        let points = &f.prepared.series.points;
        assert_eq!(rows.len() - 1, points.len(), "{}", s.series);
        let fitted = f
            .prepared
            .fit
            .as_ref()
            .map(|x| x.used.clone())
            .unwrap_or_default();
        for (i, (r, p)) in rows[1..].iter().zip(points.iter()).enumerate() {
            assert_eq!(r[0], p.id);
            assert_eq!(r[1], p.model);
            assert_eq!(r[3], p.date.to_string());
            assert_eq!(r[4].parse::<f64>().unwrap(), p.value, "exact round trip");
            assert_eq!(r[5].parse::<f64>().ok(), p.ci_low);
            assert_eq!(r[6].parse::<f64>().ok(), p.ci_high);
            assert_eq!(r[9], if p.frontier { "yes" } else { "no" });
            assert_eq!(r[10] == "yes", fitted.contains(&i), "{} {}", s.series, p.id);
            assert_eq!(r[11] == "yes", s.drop.contains(&p.id));
            assert_eq!(r[12], p.source);
        }
    }
}

#[test]
fn milestone_rows_repeat_the_forecasts_dates() {
    let d = data();
    for s in states() {
        let f = run(&d, &s);
        let t = tables(&csv_export(&f, &s, VINTAGE, day("2026-11-27")));
        let rows = &t["milestones"];
        assert_eq!(rows[0], MILESTONE_COLUMNS);
        assert_eq!(rows.len() - 1, f.milestones.len());
        let iso = |d: Option<Day>| d.map(|d| d.to_string()).unwrap_or_default();
        for (r, m) in rows[1..].iter().zip(&f.milestones) {
            assert_eq!(r[0], m.milestone.id);
            assert_eq!(r[1], m.milestone.label);
            assert_eq!(r[2].parse::<f64>().unwrap(), m.milestone.target);
            assert_eq!(r[4], iso(m.assumed));
            assert_eq!(r[5], iso(m.fitted));
            let mc = m.mc.as_ref();
            assert_eq!(r[6], iso(mc.and_then(|c| c.p10)));
            assert_eq!(r[7], iso(mc.and_then(|c| c.p50)));
            assert_eq!(r[8], iso(mc.and_then(|c| c.p90)));
            assert_eq!(r[10].parse::<f64>().ok(), m.prob, "chance_by");
            assert_eq!(r[9].parse::<f64>().ok(), mc.map(|c| c.never_share));
        }
    }
}

#[test]
fn the_projection_is_monthly_from_the_first_fitted_date_to_the_end() {
    let d = data();
    for s in states() {
        let f = run(&d, &s);
        let t = tables(&csv_export(&f, &s, VINTAGE, day("2026-11-27")));
        let rows = &t["projection"];
        assert_eq!(rows[0], PROJECTION_COLUMNS);
        let fit = f.prepared.fit.as_ref().unwrap();
        let first = Day::parse(&rows[1][0]).unwrap();
        let last = Day::parse(&rows[rows.len() - 1][0]).unwrap();
        assert!(first >= fit.span.0 && (first.x() - fit.span.0.x()) < 31.0);
        assert!(last <= s.until && (s.until.x() - last.x()) < 31.0);
        let anchor = fit.span.1;
        for r in &rows[1..] {
            let date = Day::parse(&r[0]).unwrap();
            assert_eq!(date.ymd().2, 1, "1st of the month");
            if date <= anchor {
                assert!(
                    r[3..].iter().all(String::is_empty),
                    "no fan before the anchor"
                );
                if s.anchor == Anchor::Fit {
                    assert_eq!(r[1], r[2], "projected = fitted curve before the anchor");
                }
            } else if s.mc > 0 && !r[2].is_empty() {
                let q: Vec<f64> = r[3..].iter().filter_map(|c| c.parse().ok()).collect();
                assert!(q.windows(2).all(|w| w[0] <= w[1]), "{r:?}");
            }
            if s.mc == 0 {
                assert!(r[3..].iter().all(String::is_empty));
            }
        }
        if s.mc > 0 && f.singularity.is_none() {
            assert!(
                rows[1..].iter().any(|r| !r[5].is_empty()),
                "{}: the fan appears after the anchor",
                s.series
            );
        }
    }
}

#[test]
fn no_cell_is_nan_or_infinite_even_past_a_singularity() {
    let d = data();
    for s in states() {
        let f = run(&d, &s);
        let text = csv_export(&f, &s, VINTAGE, day("2026-11-27"));
        let t = tables(&text);
        let numeric: [(&str, &[usize]); 3] = [
            ("points", &[4, 5, 6]),
            ("projection", &[1, 2, 3, 4, 5, 6, 7]),
            ("milestones", &[2, 9]),
        ];
        for (name, cols) in numeric {
            for r in &t[name][1..] {
                for &c in cols {
                    assert!(
                        r[c].is_empty() || r[c].parse::<f64>().is_ok_and(f64::is_finite),
                        "{name} {r:?}"
                    );
                }
            }
        }
        assert!(!text.contains("NaN"), "NaN in the export of {s:?}");
        for rows in t.values() {
            for cell in rows.iter().flatten() {
                let c = cell.trim().trim_start_matches(['-', '+']).to_lowercase();
                assert!(
                    c != "inf" && c != "infinity" && c != "nan" && c != "∞",
                    "{cell}"
                );
            }
        }
    }
    // The singular state has projected cells left empty after the singularity.
    let s = &states()[1];
    let f = run(&d, s);
    assert!(f.singularity.is_some());
    let t = tables(&csv_export(&f, s, VINTAGE, day("2026-11-27")));
    assert!(t["projection"].last().unwrap()[2].is_empty());
}

#[test]
fn special_characters_in_names_survive_quoting() {
    let latest = day("2026-11-27");
    let file = "date,value,name\n2024-01-01,10,\"Model \"\"X\"\", v2\"\n2024-06-01,20,\"#1 two\nlines\"\n2024-12-01,40,  plain  \n";
    let series = parse_user_csv(
        "mine",
        "Runs, \"quoted\"",
        file,
        ImportUnit::Minutes,
        latest,
    )
    .unwrap();
    let s = State {
        series: "mine".into(),
        ..State::default()
    };
    let f = forecast(&series, None, &s);
    let text = csv_export(&f, &s, VINTAGE, latest);
    let t = tables(&text);
    let names: Vec<&str> = t["points"][1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(names, ["Model \"X\", v2", "#1 two\nlines", "plain"]);
    let sources: Vec<&str> = t["points"][1..].iter().map(|r| r[12].as_str()).collect();
    assert_eq!(sources[0], "your file \"Runs, \"quoted\"\", line 2");
    assert!(text.contains("# Title: Runs, \"quoted\"\r\n"));
    assert_eq!(t["points"].len(), 4);
}

#[test]
fn an_export_without_a_fit_still_lists_points_and_milestones() {
    let d = data();
    let s = State {
        series: "swebench-verified".into(),
        asof: Some(day("2025-01-01")),
        ..State::default()
    };
    let f = run(&d, &s);
    assert!(f.prepared.fit.is_err());
    let text = csv_export(&f, &s, VINTAGE, day("2026-11-27"));
    let t = tables(&text);
    assert_eq!(t["points"].len() - 1, f.prepared.series.points.len());
    assert!(t["points"][1..].iter().all(|r| r[10] == "no"));
    assert_eq!(t["projection"].len(), 1, "header only");
    assert_eq!(t["milestones"].len() - 1, f.milestones.len());
    assert!(t["milestones"][1..]
        .iter()
        .all(|r| r[4].is_empty() && r[5].is_empty()));
    let text = assumptions(&f, &s).join("\n");
    assert!(
        text.contains("Fitted odds-doubling time: none (a trend needs at least 2 points"),
        "{text}"
    );
    assert!(export_stem(&s, &f, day("2026-11-27")).contains("_dtnone_"));
}

/// With scenarios kept, the CSV ends with a `scenarios` section: per scenario and milestone its
/// date, the current settings' date and the months between; without them the CSV is unchanged.
#[test]
fn scenarios_get_their_own_section() {
    use std::rc::Rc;
    use trendline_core::forecast::compare::{months_between, run_scenarios};
    use trendline_core::sharing::export::{csv_export_with, SCENARIO_COLUMNS};
    use trendline_core::Action;
    let d = data();
    let s = State::default()
        .apply(Action::SetDoubling(150.0))
        .apply(Action::ExampleScenarios)
        .apply(Action::RenameScenario(2, "Fast, \"quoted\"".into()));
    let series = d.get(&s.series).unwrap();
    let sib = sibling80_id(&s.series).and_then(|id| d.get(&id));
    let f = forecast(series, sib, &s);
    let p = Rc::new(trendline_core::prepare(series, sib, &s));
    let runs = run_scenarios(series, sib, &p, &s);
    let text = csv_export_with(&f, &s, &runs, VINTAGE, day("2026-12-01"));
    let plain = csv_export(&f, &s, VINTAGE, day("2026-12-01"));
    assert!(
        text.starts_with(&plain),
        "the scenarios section only adds to the end"
    );
    assert!(!plain.contains("# section: scenarios"));
    let t = tables(&text);
    let rows = &t["scenarios"];
    assert_eq!(rows[0], SCENARIO_COLUMNS);
    assert_eq!(rows.len() - 1, 3 * f.milestones.len());
    for r in &rows[1..] {
        let m = f
            .milestones
            .iter()
            .find(|m| m.milestone.id == r[3])
            .unwrap();
        assert_eq!(r[6], m.assumed.map(|d| d.to_string()).unwrap_or_default());
        if let (Ok(a), Ok(b)) = (Day::parse(&r[6]), Day::parse(&r[5])) {
            let months: f64 = r[7].parse().unwrap();
            assert!((months - months_between(a, b)).abs() < 1e-9);
        } else {
            assert_eq!(r[7], "");
        }
    }
    let c: Vec<_> = rows.iter().filter(|r| r[0] == "C").collect();
    assert_eq!(c[0][1], "Fast, \"quoted\"", "read back exactly");
    assert!(c[0][2].starts_with("superexponential"));
}

/// Spreadsheet-safe export (OWASP CSV injection): text cells a spreadsheet would run as a
/// formula come back from a CSV parser with a leading `'`, and numeric cells, negative ones
/// included, still parse as numbers.
#[test]
fn formula_like_names_are_neutralised_and_numbers_stay_numbers() {
    use std::rc::Rc;
    use trendline_core::forecast::compare::run_scenarios;
    use trendline_core::sharing::export::csv_export_with;
    use trendline_core::Action;
    let latest = day("2026-11-27");
    let file = "date,value,name\n2024-01-01,10,=HYPERLINK(\"http://x\";\"click\")\n2024-06-01,20,+cmd|' /C calc'!A0\n2024-09-01,30,@SUM(A1:A9)\n2024-12-01,40,\"\tTabbed\"\n2025-03-01,80,-2+3\n2025-06-01,160,GPT-4 (plain)\n";
    let series = parse_user_csv("mine", "=1+1 title", file, ImportUnit::Minutes, latest).unwrap();
    let s = State {
        series: "mine".into(),
        ..State::default()
    }
    .apply(Action::ExampleScenarios)
    .apply(Action::RenameScenario(0, "=evil()".into()));
    let f = forecast(&series, None, &s);
    let p = Rc::new(trendline_core::prepare(&series, None, &s));
    let runs = run_scenarios(&series, None, &p, &s);
    let text = csv_export_with(&f, &s, &runs, VINTAGE, latest);
    let t = tables(&text);
    let names: Vec<&str> = t["points"][1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(
        names,
        [
            "'=HYPERLINK(\"http://x\";\"click\")",
            "'+cmd|' /C calc'!A0",
            "'@SUM(A1:A9)",
            "Tabbed", // the importer trims names
            "'-2+3",
            "GPT-4 (plain)"
        ]
    );
    for r in &t["points"][1..] {
        assert!(r[4].parse::<f64>().is_ok(), "value {:?}", r[4]);
    }
    // The scenario named "=evil()" is text; its negative month differences are numbers.
    let sc = &t["scenarios"];
    assert!(sc[1..]
        .iter()
        .filter(|r| r[0] == "A")
        .all(|r| r[1] == "'=evil()"));
    let negative: Vec<f64> = sc[1..]
        .iter()
        .filter_map(|r| r[7].parse::<f64>().ok())
        .filter(|m| *m < 0.0)
        .collect();
    assert!(
        !negative.is_empty(),
        "the superexponential scenario is earlier: {sc:?}"
    );
    assert!(
        !text.contains("\n=") && !text.contains(",="),
        "no cell starts with ="
    );
}

/// The published forecasts section scores each forecast about the series as the page does:
/// its verdict token, months and chance come from `forecast::verdict` with the selected band's
/// chance, and the sentence survives CSV quoting.
#[test]
fn the_csv_carries_the_published_forecasts_and_their_verdicts() {
    use trendline_core::forecast::verdict::verdict;
    use trendline_core::sharing::export::{csv_forecasts_section, FORECAST_VERDICT_COLUMNS};
    let d = data();
    for id in [
        "metr-th1.1-p50",
        "swebench-verified",
        "swebench-verified-leaderboard",
    ] {
        let s = State {
            series: id.into(),
            ..State::default()
        };
        let fc = run(&d, &s);
        let about: Vec<_> = d
            .forecasts
            .iter()
            .filter(|f| f.applies_to(id))
            .cloned()
            .collect();
        assert!(!about.is_empty(), "{id}: the data has forecasts about it");
        let mut text = csv_export(&fc, &s, VINTAGE, day("2026-12-06"));
        text.push_str(&csv_forecasts_section(&fc, &about, s.rel));
        let t = tables(&text);
        let rows = &t["published forecasts"];
        assert_eq!(rows[0], FORECAST_VERDICT_COLUMNS.map(String::from).to_vec());
        assert_eq!(rows.len(), about.len() + 1, "{id}");
        for (f, r) in about.iter().zip(&rows[1..]) {
            assert_eq!(r.len(), FORECAST_VERDICT_COLUMNS.len());
            assert_eq!(r[0], f.id);
            let p = fc.chance_by(f.in_series_unit().0, f.target);
            let v = verdict(f, &fc.prepared.series, fc.projection.as_ref(), p).expect("scored");
            assert_eq!(r[11], v.kind.token(), "{}", f.id);
            assert!(["inside", "above", "below", "ahead", "behind"].contains(&r[11].as_str()));
            assert_eq!(r[14], v.sentence);
            assert_eq!(r[13].parse::<f64>().ok(), v.probability, "{}", f.id);
        }
        // The other points of the export are untouched by the section.
        assert!(t.contains_key("points") && t.contains_key("milestones"));
    }
    // At another reliability level the horizons are not scored, and the file says why.
    let s = State {
        rel: 80.0,
        ..State::default()
    };
    let fc = run(&d, &s);
    let about: Vec<_> = d
        .forecasts
        .iter()
        .filter(|f| f.applies_to("metr-th1.1-p50"))
        .cloned()
        .collect();
    let sec = csv_forecasts_section(&fc, &about, s.rel);
    assert!(sec.contains("# Not scored: "), "{sec}");
    assert!(!sec.contains("verdict"));
    assert_eq!(csv_forecasts_section(&fc, &[], 50.0), "");
}
