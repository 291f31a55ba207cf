//! The dataset as compiled into the app: the manifest (static, validated by `build.rs`) and
//! the series files embedded for the first view. Other series are fetched on demand, and so are
//! their manifest entries' long texts (caveats, upstream files, further source URLs: see
//! [`details_in`]), which the compiled manifest leaves out for them.

use std::borrow::Cow;
use trendline_core::data::dataset::{
    parse_series, Group, List, Manifest, MethodBreak, PublishedDoubling, RefLine, SeriesDetails,
    SeriesMeta, Text, Upstream,
};
use trendline_core::data::error::DataErrors;
use trendline_core::data::published::{ForecastKind, PublishedForecast};
use trendline_core::data::units::{ImportUnit, Unit};
use trendline_core::sharing::json::Json;
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

/// The manifest next to the page (Trunk copies `data/manifest.json` there): where the entries
/// compiled in slim get their details.
pub const MANIFEST_URL: &str = "manifest.json";

/// Whether `meta` is compiled in whole (an embedded series' entry); the others lack their
/// [`SeriesDetails`] until [`details_in`] supplies them.
pub fn is_whole(meta: &SeriesMeta) -> bool {
    embedded(meta).is_some()
}

/// Series `id`'s details (every source URL, the upstream files, the caveats), read from the
/// manifest's JSON text as parsed by the app's small JSON reader (serde stays out of the
/// wasm). A missing `upstream` or `caveats` member is an empty list, as in the manifest's own
/// reader; anything else malformed is an error naming the series and the member.
pub fn details_in(manifest: &Json, id: &str) -> Result<SeriesDetails, String> {
    let entry = match manifest.get("series") {
        Some(Json::Array(all)) => all
            .iter()
            .find(|e| e.get("id").and_then(Json::as_str) == Some(id)),
        _ => None,
    }
    .ok_or_else(|| format!("{MANIFEST_URL} has no series {id}"))?;
    let bad = |member: &str| format!("{MANIFEST_URL}, series {id}: {member} is malformed");
    let items = |member: &str| -> Result<&[Json], String> {
        match entry.get(member) {
            None if member != "source_urls" => Ok(&[]),
            Some(Json::Array(a)) => Ok(a),
            _ => Err(bad(member)),
        }
    };
    let text = |v: Option<&Json>, member: &str| -> Result<Text, String> {
        v.and_then(Json::as_str)
            .map(|s| Text::Owned(s.to_string()))
            .ok_or_else(|| bad(member))
    };
    let opt_text = |v: Option<&Json>, member: &str| -> Result<Option<Text>, String> {
        match v {
            None | Some(Json::Null) => Ok(None),
            v => text(v, member).map(Some),
        }
    };
    let texts = |member: &str| -> Result<List<Text>, String> {
        items(member)?
            .iter()
            .map(|v| text(Some(v), member))
            .collect::<Result<Vec<_>, _>>()
            .map(List::Owned)
    };
    let upstream = items("upstream")?
        .iter()
        .map(|u| {
            Ok(Upstream {
                path: text(u.get("path"), "upstream")?,
                sha256: text(u.get("sha256"), "upstream")?,
                origin: text(u.get("origin"), "upstream")?,
                extract: opt_text(u.get("extract"), "upstream")?,
                extract_sha256: opt_text(u.get("extract_sha256"), "upstream")?,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(SeriesDetails {
        source_urls: texts("source_urls")?,
        upstream: List::Owned(upstream),
        caveats: texts("caveats")?,
    })
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

    // Reads data/ from disk: native only.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_compiled_manifest_with_the_fetched_details_equals_data_manifest_json() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let text = std::fs::read_to_string(dir.join(MANIFEST_URL)).unwrap();
        let parsed = trendline_core::data::dataset::parse_manifest(MANIFEST_URL, &text).unwrap();
        let json = trendline_core::sharing::json::parse(&text).unwrap();
        let mut whole = MANIFEST.clone();
        let mut slim = 0;
        for m in whole.series.to_mut().iter_mut() {
            if is_whole(m) {
                continue;
            }
            // Compiled in slim: no source URLs, upstream files or caveats.
            assert_eq!(m.details(), SeriesDetails::default(), "{}", m.id);
            *m = m.with_details(details_in(&json, &m.id).unwrap());
            slim += 1;
        }
        assert_eq!(slim, MANIFEST.series.len() - EMBEDDED.len());
        assert!(slim > 0);
        assert_eq!(parsed, whole);
        // The slim entries really lack texts the file has (the comparison above could not pass
        // with the details left out).
        assert_ne!(parsed, MANIFEST);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn details_in_a_malformed_manifest_are_errors_naming_the_series_and_member() {
        let json = |t: &str| trendline_core::sharing::json::parse(t).unwrap();
        let e = details_in(&json(r#"{"series": []}"#), "eci").unwrap_err();
        assert!(e.contains("no series eci"), "{e}");
        let e = details_in(
            &json(r#"{"series": [{"id": "eci", "source_urls": ["u"], "caveats": [1]}]}"#),
            "eci",
        )
        .unwrap_err();
        assert!(e.contains("eci") && e.contains("caveats"), "{e}");
        let e = details_in(&json(r#"{"series": [{"id": "eci"}]}"#), "eci").unwrap_err();
        assert!(e.contains("source_urls"), "{e}");
        let e = details_in(
            &json(r#"{"series": [{"id": "eci", "source_urls": [], "upstream": [{"path": "p"}]}]}"#),
            "eci",
        )
        .unwrap_err();
        assert!(e.contains("upstream"), "{e}");
        let d = details_in(
            &json(r#"{"series": [{"id": "x"}, {"id": "eci", "source_urls": ["u", "v"]}]}"#),
            "eci",
        )
        .unwrap();
        assert_eq!(&*d.source_urls, &["u", "v"]);
        assert!(d.caveats.is_empty() && d.upstream.is_empty());
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
