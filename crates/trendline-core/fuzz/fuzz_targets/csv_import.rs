//! The reader's CSV importer ("bring your own data"). The first byte picks the unit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trendline_core::data::import::{check_file_size, MAX_MESSAGES, MAX_ROWS};
use trendline_core::{parse_user_csv, Day, ImportUnit};

mod common;

fuzz_target!(|data: &[u8]| {
    let Some((&u, rest)) = data.split_first() else {
        return;
    };
    // The app refuses bigger files unread.
    if check_file_size(rest.len() as f64).is_err() {
        return;
    }
    let unit = ImportUnit::ALL[usize::from(u) % 3];
    let text = String::from_utf8_lossy(rest);
    let latest = Day::parse(common::VINTAGE).unwrap();
    match parse_user_csv("mine", "Fuzz", &text, unit, latest) {
        Ok(s) => {
            assert!(!s.points.is_empty() && s.points.len() <= MAX_ROWS);
            for p in &s.points {
                assert!(p.value.is_finite());
                match unit {
                    ImportUnit::Percent => assert!((0.0..=100.0).contains(&p.value)),
                    _ => assert!(p.value > 0.0),
                }
                assert!(Day::MIN <= p.date && p.date <= latest);
                assert_eq!(p.ci_low.is_some(), p.ci_high.is_some());
            }
            assert!(s.points.windows(2).all(|w| w[0].date <= w[1].date));
        }
        Err(e) => {
            assert!(!e.is_empty() && e.len() <= MAX_MESSAGES + 1);
            assert!(e.iter().all(|m| !m.trim().is_empty()));
        }
    }
});
