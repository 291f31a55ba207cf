//! The bundled dataset in `data/` parses, validates, and reproduces what its sources publish.

use std::path::PathBuf;
use trendline_core::{fit::fit_exponential, Dataset, Day, FitWindow, Selection};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

fn load() -> Dataset {
    Dataset::load_dir(&data_dir()).unwrap_or_else(|e| panic!("bundled data is invalid:\n{e}"))
}

/// METR's `doubling_time_in_days` blocks, read from the verbatim YAML in `data/upstream/`.
fn metr_published(file: &str) -> serde_yaml::Value {
    let text = std::fs::read_to_string(data_dir().join("upstream/metr").join(file)).unwrap();
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    doc["doubling_time_in_days"].clone()
}

#[test]
fn every_bundled_series_parses_and_validates() {
    let d = load();
    assert!(d.get("metr-th1.1-p50").is_some());
    for s in &d.series {
        assert!(!s.points.is_empty(), "{}", s.meta.id);
    }
}

/// Same method as METR: OLS of log2(p50) on release day over `is_sota` models, excluding
/// central estimates above 16 h (the manifest's `fit_cap`). Expected values are METR's own.
#[test]
fn reproduces_metr_th1_1_published_doubling_times() {
    let d = load();
    let s = d.get("metr-th1.1-p50").unwrap();
    let published = metr_published("benchmark_results_1_1.yaml");
    let cases = [
        ("all_time_stitched", None, 17),
        ("from_2023_on", Day::parse("2023-01-01").ok(), 14),
    ];
    for (block, from, n) in cases {
        let expected = published[block]["point_estimate"].as_f64().unwrap();
        let w = FitWindow {
            from,
            to: None,
            selection: Selection::Frontier,
            cap: s.meta.fit_cap,
            ..FitWindow::default()
        };
        let f = fit_exponential(s, &w).unwrap();
        let got = f.doubling_days().unwrap();
        assert!(
            (got - expected).abs() < 5e-4,
            "{block}: got {got}, METR publishes {expected}"
        );
        assert_eq!(f.line.n, n, "{block}");
    }
}

#[test]
fn metr_series_match_the_upstream_yaml_value_for_value() {
    let d = load();
    let text = std::fs::read_to_string(data_dir().join("upstream/metr/benchmark_results_1_1.yaml"))
        .unwrap();
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let results = doc["results"].as_mapping().unwrap();
    for q in ["p50", "p80"] {
        let s = d.get(&format!("metr-th1.1-{q}")).unwrap();
        assert_eq!(s.points.len(), results.len());
        for (k, r) in results {
            let p = s.point(k.as_str().unwrap()).unwrap();
            let h = &r["metrics"][format!("{q}_horizon_length").as_str()];
            assert_eq!(p.value, h["estimate"].as_f64().unwrap(), "{q} {}", p.id);
            assert_eq!(p.ci_low, h["ci_low"].as_f64(), "{q} {}", p.id);
            assert_eq!(p.ci_high, h["ci_high"].as_f64(), "{q} {}", p.id);
            assert_eq!(
                Some(p.frontier),
                r["metrics"]["is_sota"].as_bool(),
                "{}",
                p.id
            );
            assert_eq!(
                p.date.to_string(),
                r["release_date"]
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("{:?}", r["release_date"]))
            );
        }
    }
}
