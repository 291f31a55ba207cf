//! The URL query decoder and the scenario values inside it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trendline_core::settings::{
    ACCEL_LIMITS, DOUBLING_DAYS_LIMITS, FLOOR_LIMITS, MC_MAX, REL_LIMITS, SAT_LIMITS,
};
use trendline_core::sharing::url::{decode, decode_scenario, encode, encode_scenario};

mod common;

fn within(v: f64, (lo, hi): (f64, f64)) -> bool {
    v.is_finite() && lo <= v && v <= hi
}

fuzz_target!(|data: &[u8]| {
    let q = String::from_utf8_lossy(data);
    let known = common::known();
    let d = decode(&q, known);
    let s = &d.state;
    assert!(known.contains(&s.series.as_str()));
    assert!(s.doubling.is_none_or(|t| within(t, DOUBLING_DAYS_LIMITS)));
    assert!(s.accel.is_none_or(|a| within(a, ACCEL_LIMITS)));
    assert!(
        within(s.floor, FLOOR_LIMITS) && within(s.sat, SAT_LIMITS) && within(s.rel, REL_LIMITS)
    );
    assert!(s.mc <= MC_MAX);
    if let (Some(f), Some(t)) = (s.from, s.to) {
        assert!(f <= t);
    }
    let again = decode(&encode(s, common::VINTAGE), known);
    assert_eq!(&again.state, s, "decode(encode(state)) differs for {q:?}");
    assert!(again.ignored.is_empty(), "{:?}", again.ignored);
    if let Ok((sc, _)) = decode_scenario(&q, 0) {
        let (back, problems) = decode_scenario(&encode_scenario(&sc), 0).unwrap();
        assert_eq!(back, sc);
        assert!(problems.is_empty(), "{problems:?}");
    }
});
