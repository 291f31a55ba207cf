//! METR Time Horizon 1.0: the doubling times METR publishes in `benchmark_results_1_0.yaml`
//! are reproduced by `fit_exponential` on the bundled `metr-th1.0-p50` series.
//!
//! What the blocks mean (checked in Python before writing this test): each
//! `doubling_time_in_days` block is `1 / slope` of a plain OLS fit of `log2(p50 horizon)` on
//! the release date (in days) over the models METR flags `is_sota`, starting at the block's
//! date: `all_time` uses all 17 such models (2019-02-14 to 2025-11-24) and gives 201.150 d;
//! `from_2023_on` uses the 14 released on or after 2023-01-01 and gives 175.603 d. Fitting all
//! 33 models instead gives 207.7 d and 166.7 d, so the `is_sota` selection matters. No cap is
//! needed: every TH1.0 estimate is below 16 hours. The blocks' `ci_low`/`ci_high` come from
//! METR's bootstrap over tasks and are not reproducible without the per-run data, so only the
//! point estimates are checked.

use std::path::PathBuf;
use trendline_core::{fit::fit_exponential, Dataset, Day, FitWindow, Selection};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

fn load() -> Dataset {
    Dataset::load_dir(&data_dir()).unwrap_or_else(|e| panic!("bundled data is invalid:\n{e}"))
}

/// The start date each published block fits from, and how many frontier models that includes.
fn block_window(name: &str) -> (Option<Day>, usize) {
    match name {
        "all_time" => (None, 17),
        "from_2023_on" => (Day::parse("2023-01-01").ok(), 14),
        other => panic!("METR's TH1.0 file has a doubling-time block \"{other}\" this test does not know: find out what it fits before adding it"),
    }
}

#[test]
fn reproduces_every_metr_th1_0_published_doubling_time() {
    let d = load();
    let s = d.get("metr-th1.0-p50").unwrap();
    assert_eq!(s.meta.fit_cap, None, "TH1.0 has no fit cap");
    let text = std::fs::read_to_string(data_dir().join("upstream/metr/benchmark_results_1_0.yaml"))
        .unwrap();
    let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let blocks = doc["doubling_time_in_days"].as_mapping().unwrap();
    assert_eq!(blocks.len(), 2);
    for (name, block) in blocks {
        let name = name.as_str().unwrap();
        let (from, n) = block_window(name);
        let expected = block["point_estimate"].as_f64().unwrap();
        let w = FitWindow {
            from,
            to: None,
            selection: Selection::Frontier,
            cap: s.meta.fit_cap,
            ..FitWindow::default()
        };
        let f = fit_exponential(s, &w).unwrap();
        let got = f.doubling_days().unwrap();
        // METR prints three decimals: agree to within half a unit of the last one.
        assert!(
            (got - expected).abs() < 5e-4,
            "{name}: got {got}, METR publishes {expected}"
        );
        assert_eq!(f.line.n, n, "{name}");
        assert!(
            block["ci_low"].as_f64().unwrap() < got && got < block["ci_high"].as_f64().unwrap(),
            "{name}"
        );
    }
}
