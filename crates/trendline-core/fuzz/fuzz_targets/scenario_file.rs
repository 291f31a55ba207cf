//! The scenario-file reader and the hand-written JSON reader/writer under it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trendline_core::settings::{MC_MAX, SAT_LIMITS};
use trendline_core::sharing::json::{parse, MAX_DEPTH};
use trendline_core::{parse_scenario, Json};

mod common;

fn depth(v: &Json) -> usize {
    match v {
        Json::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Json::Object(m) => 1 + m.iter().map(|(_, v)| depth(v)).max().unwrap_or(0),
        _ => 0,
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(v) = parse(&text) {
        assert!(depth(&v) <= MAX_DEPTH + 1);
        assert_eq!(parse(&v.write()).as_ref(), Ok(&v));
        assert_eq!(parse(&v.write_pretty()).as_ref(), Ok(&v));
    }
    match parse_scenario(&text, common::known()) {
        Ok(d) => {
            assert!(common::known().contains(&d.state.series.as_str()));
            assert!(d.state.mc <= MC_MAX);
            assert!((SAT_LIMITS.0..=SAT_LIMITS.1).contains(&d.state.sat));
        }
        Err(e) => assert!(!e.is_empty()),
    }
});
