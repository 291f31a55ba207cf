//! The dataset as compiled into the app: the manifest (static, validated by `build.rs`) and
//! the series files embedded for the first view. Other series are fetched on demand.

use std::borrow::Cow;
use trendline_core::data::dataset::{
    parse_series, Group, Manifest, MethodBreak, PublishedDoubling, RefLine, SeriesMeta, Upstream,
};
use trendline_core::data::error::DataErrors;
use trendline_core::data::published::{ForecastKind, PublishedForecast};
use trendline_core::data::units::{ImportUnit, Unit};
use trendline_core::{Day, Series};

include!(concat!(env!("OUT_DIR"), "/bundle.rs"));

/// The manifest's entry for `id`.
pub fn meta(id: &str) -> Option<&'static SeriesMeta> {
    MANIFEST.series.iter().find(|m| m.id == id)
}

/// Every series id, in manifest order.
pub fn ids() -> Vec<&'static str> {
    MANIFEST.series.iter().map(|m| m.id.as_ref()).collect()
}

/// The latest plausible date of a point: the dataset's vintage.
pub fn vintage() -> Day {
    Day::parse(&MANIFEST.vintage).unwrap_or(Day::MAX)
}

/// The embedded text of a series file, if it is compiled in.
pub fn embedded(meta: &SeriesMeta) -> Option<&'static str> {
    EMBEDDED
        .iter()
        .find(|(f, _)| *f == meta.file)
        .map(|(_, t)| *t)
}

/// The published forecasts about series `id` (data/forecasts.csv, checked by `build.rs`).
pub fn forecasts_for(id: &str) -> Vec<PublishedForecast> {
    let mut all = all_forecasts();
    all.retain(|f| f.applies_to(id));
    all
}

/// Parses and validates the text of `meta`'s series file.
pub fn parse(meta: &SeriesMeta, text: &str) -> Result<Series, DataErrors> {
    parse_series(meta, text, vintage())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_manifest_equals_data_manifest_json() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let text = std::fs::read_to_string(dir.join("manifest.json")).unwrap();
        let parsed = trendline_core::data::dataset::parse_manifest("manifest.json", &text).unwrap();
        assert_eq!(parsed, MANIFEST);
    }

    // Reads data/ from disk: native only.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_compiled_forecasts_equal_data_forecasts_csv() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let d = trendline_core::Dataset::load_dir(&dir).unwrap();
        assert!(!d.forecasts.is_empty());
        assert_eq!(d.forecasts, all_forecasts());
    }

    #[test]
    fn the_forecasts_reach_the_series_they_are_about_only() {
        let f = forecasts_for("metr-th1.1-p50");
        assert!(f.iter().any(|f| f.id == "cotra-2026-01-14"));
        assert!(f.iter().all(|f| !f.source.is_empty()));
        let swe: Vec<String> = forecasts_for("swebench-verified")
            .into_iter()
            .map(|f| f.id)
            .collect();
        assert!(swe.iter().all(|id| id.contains("-low-")), "{swe:?}");
        assert!(forecasts_for("mlebench").is_empty());
        assert!(forecasts_for("metr-th1.1-p80").is_empty());
    }

    #[test]
    fn embedded_series_parse_and_include_the_default() {
        let m = meta(trendline_core::settings::DEFAULT_SERIES).unwrap();
        let s = parse(m, embedded(m).unwrap()).unwrap();
        assert!(!s.points.is_empty());
        for (file, text) in EMBEDDED {
            let m = MANIFEST.series.iter().find(|m| m.file == *file).unwrap();
            assert!(parse(m, text).is_ok(), "{file}");
        }
    }
}
