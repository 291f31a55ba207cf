//! Scenario files: every setting written as JSON and read back through the URL decoder.

// Tests sort freely: they are not in the wasm (clippy.toml keeps one sort in it).
#![allow(clippy::disallowed_methods)]

use std::path::PathBuf;
use trendline_core::settings::{Anchor, Cap, Units};
use trendline_core::sharing::json::parse;
use trendline_core::sharing::url::resolved;
use trendline_core::{parse_scenario, scenario_json, Dataset, Day, Family, Json, Selection, State};

const VINTAGE: &str = "2026-11-27";

fn data() -> Dataset {
    Dataset::load_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")).unwrap()
}

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn states() -> Vec<State> {
    vec![
        State::default(),
        State {
            cap: Cap::Off,
            ..State::default()
        },
        State {
            series: "metr-th1.1-p50".into(),
            from: Some(day("2023-01-01")),
            to: Some(day("2026-01-31")),
            selection: Selection::All,
            doubling: Some(123.456789),
            model: Some(Family::Superexponential),
            accel: Some(-12.5),
            floor: 30.0,
            cap: Cap::Hours(24.0),
            anchor: Anchor::Last,
            rel: 80.0,
            units: Units::Calendar,
            goal: Some(1234.5678),
            mc: 0,
            asof: Some(day("2025-01-01")),
            // Sorted, as `State::apply` and the URL decoder keep it.
            drop: vec![
                "a,b".into(),
                "c&d=e".into(),
                "plus+percent%20".into(),
                "quote\"and\\backslash".into(),
                "é 😀".into(),
            ],
            until: day("2040-06-30"),
            ..State::default()
        },
        State {
            series: "swebench-verified".into(),
            sat: 92.5,
            model: Some(Family::Logistic),
            drop: vec!["gpt-4o-2024-11-20".into()],
            until: day("2100-12-31"),
            scale: trendline_core::settings::Scale::Linear,
            scenarios: {
                let [a, _, c] = trendline_core::settings::Scenario::examples();
                [Some(a), None, Some(c)]
            },
            ..State::default()
        },
        State {
            series: "metr-th1.0-p50".into(),
            model: Some(Family::Superexponential),
            accel: None,
            doubling: Some(1.0),
            goal: Some(0.001),
            mc: 20_000,
            ..State::default()
        },
    ]
}

#[test]
fn every_setting_survives_a_scenario_file() {
    let d = data();
    let ids = d.ids();
    for s in states() {
        let meta = &d.get(&s.series).unwrap().meta;
        let text = scenario_json(&s, meta, VINTAGE);
        let back = parse_scenario(&text, &ids).unwrap();
        assert_eq!(back.state, resolved(&s, meta), "{text}");
        assert!(back.ignored.is_empty(), "{:?}", back.ignored);
        assert_eq!(back.data.as_deref(), Some(VINTAGE));
    }
}

#[test]
fn the_file_is_pretty_printed_with_every_url_key_as_a_string() {
    let d = data();
    let meta = &d.get("metr-th1.1-p50").unwrap().meta;
    let s = State {
        drop: vec!["gpt_4".into(), "o1".into()],
        ..State::default()
    };
    let text = scenario_json(&s, meta, VINTAGE);
    let want_start = format!(
        "{{\n  \"format\": \"trendline-scenario\",\n  \"version\": 1,\n  \"data\": \"2026-11-27\",\n  \"series_title\": \"{}\",\n  \"settings\": {{\n    \"v\": \"1\",\n    \"data\": \"2026-11-27\",\n    \"series\": \"metr-th1.1-p50\",\n    \"model\": \"exp\",\n",
        meta.title
    );
    assert!(text.starts_with(&want_start), "{text}");
    assert!(text.contains("    \"cap\": \"16\",\n"), "{text}");
    assert!(
        text.contains("    \"drop\": [\n      \"gpt_4\",\n      \"o1\"\n    ],\n"),
        "{text}"
    );
    assert!(text.ends_with("}\n}\n"), "{text}");
    let doc = parse(&text).unwrap();
    let Some(Json::Object(settings)) = doc.get("settings") else {
        panic!("no settings");
    };
    let keys: Vec<&str> = settings.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "v", "data", "series", "model", "from", "to", "fit", "cap", "drop", "dt", "accel",
            "floor", "sat", "anchor", "rel", "units", "goal", "mc", "asof", "until", "scale",
            "band", "by"
        ]
    );
    for (k, v) in settings {
        assert!(
            matches!(v, Json::String(_)) || (k == "drop" && matches!(v, Json::Array(_))),
            "{k}: {v:?}"
        );
    }
}

#[test]
fn hand_written_files_may_use_numbers_and_extra_fields() {
    let text = r#"{
        "comment": "my favourite view", "format": "trendline-scenario", "version": 1.0,
        "extra": {"nested": [1, 2, {"x": null}]},
        "settings": {"series": "swebench-verified", "dt": 120, "mc": 500, "sat": 90.5,
                     "goal": null, "drop": "a, b,,a", "fit": "all", "colour": "blue"}
    }"#;
    let d = parse_scenario(text, &["metr-th1.1-p50", "swebench-verified"]).unwrap();
    assert_eq!(d.state.series, "swebench-verified");
    assert_eq!(d.state.doubling, Some(120.0));
    assert_eq!(d.state.mc, 500);
    assert_eq!(d.state.sat, 90.5);
    assert_eq!(d.state.goal, None);
    assert_eq!(d.state.drop, ["a", "b"]);
    assert_eq!(d.state.selection, Selection::All);
    assert!(d.ignored.is_empty(), "{:?}", d.ignored);
}

#[test]
fn bad_settings_fall_back_with_the_urls_notices() {
    let text = r#"{"format": "trendline-scenario", "version": 1, "data": "2026-01-01",
        "settings": {"series": "nope", "dt": "abc", "rel": [80], "from": "2025-13-01",
                     "until": "2020-01-01", "mc": 99999999}}"#;
    let d = parse_scenario(text, &["metr-th1.1-p50"]).unwrap();
    assert_eq!(d.state.series, "metr-th1.1-p50");
    assert_eq!(d.state.doubling, None);
    assert_eq!(d.state.rel, 50.0);
    assert_eq!(d.state.from, None);
    assert_eq!(d.state.mc, trendline_core::settings::MC_MAX);
    assert_eq!(
        d.data.as_deref(),
        Some("2026-01-01"),
        "top-level data is used"
    );
    let mut keys: Vec<&str> = d.ignored.iter().map(|i| i.key.as_str()).collect();
    keys.sort();
    assert_eq!(keys, ["dt", "from", "mc", "rel", "series"]);
    let rel = d.ignored.iter().find(|i| i.key == "rel").unwrap();
    assert_eq!(rel.value, "[80]");
    assert!(
        rel.reason.starts_with("expected a single value"),
        "{}",
        rel.reason
    );
}

#[test]
fn a_byte_order_mark_is_tolerated() {
    let text = "\u{feff}{\"format\": \"trendline-scenario\", \"version\": 1, \"settings\": {}}";
    let d = parse_scenario(text, &["metr-th1.1-p50"]).unwrap();
    assert_eq!(d.state, State::default());
}

#[test]
fn files_that_are_not_scenarios_are_refused_with_a_sentence() {
    let known = ["metr-th1.1-p50"];
    let cases = [
        (
            "",
            "This file is not valid JSON (line 1, column 1: expected a value",
        ),
        (
            "{\"format\": \"trendline-scenario\",\n \"version\": 1,, }",
            "This file is not valid JSON (line 2, column 15: expected a member name",
        ),
        (
            "[1, 2]",
            "This is not a Trendline scenario file: it holds an array",
        ),
        (
            "{}",
            "This is not a Trendline scenario file: it has no \"format\"",
        ),
        (
            "{\"format\": \"geojson\"}",
            "This is not a Trendline scenario file: its format is \"geojson\"",
        ),
        (
            "{\"format\": \"trendline-scenario\", \"version\": 2, \"settings\": {}}",
            "This scenario file has version 2; this version of Trendline reads version 1.",
        ),
        (
            "{\"format\": \"trendline-scenario\", \"version\": \"1\", \"settings\": {}}",
            "This scenario file has version \"1\"",
        ),
        (
            "{\"format\": \"trendline-scenario\", \"settings\": {}}",
            "This scenario file does not say its version",
        ),
        (
            "{\"format\": \"trendline-scenario\", \"version\": 1}",
            "This scenario file has no settings: \"settings\" must be an object",
        ),
        (
            "{\"format\": \"trendline-scenario\", \"version\": 1, \"settings\": \"dt=100\"}",
            "This scenario file has no settings",
        ),
    ];
    for (text, want) in cases {
        let e = parse_scenario(text, &known).unwrap_err();
        assert!(e.starts_with(want), "{text:?}: got {e:?}");
        assert!(e.ends_with('.'), "a sentence: {e:?}");
    }
}
