//! The dataset manifest parser and the series-file parser. The first byte picks which, and
//! for a series file which bundled series' description it is read under.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trendline_core::data::dataset::{parse_manifest, parse_series, EARLIEST_PLAUSIBLE};
use trendline_core::{Day, Unit};

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let latest = Day::parse(common::VINTAGE).unwrap();
    if pick % 4 == 0 {
        match parse_manifest("manifest.json", &text) {
            Ok(m) => {
                assert_eq!(m.schema, 1);
                assert!(Day::parse(&m.vintage).is_ok());
            }
            Err(e) => assert!(!e.0.is_empty() && e.0.iter().all(|x| !x.reason.is_empty())),
        }
        return;
    }
    let all = &common::data().series;
    let meta = &all[usize::from(pick) % all.len()].meta;
    match parse_series(meta, &text, latest) {
        Ok(s) => {
            for w in s.points.windows(2) {
                assert!((w[0].date, &w[0].id) < (w[1].date, &w[1].id));
            }
            for p in &s.points {
                assert!(EARLIEST_PLAUSIBLE <= p.date && p.date <= latest);
                match meta.unit {
                    Unit::Percent => assert!((0.0..=100.0).contains(&p.value)),
                    Unit::Minutes | Unit::Multiplier => {
                        assert!(p.value.is_finite() && p.value > 0.0)
                    }
                    Unit::Index => assert!(p.value.is_finite()),
                }
            }
        }
        Err(e) => assert!(!e.0.is_empty()),
    }
});
