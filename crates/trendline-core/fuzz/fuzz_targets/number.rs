//! The core's number reader against the standard library's: the same answer, bit for bit, for
//! any text (natively the fallback is `str::parse` itself, so this checks the fast path and the
//! grammar).
#![no_main]

use libfuzzer_sys::fuzz_target;
use trendline_core::data::number::parse_f64;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let want = s.parse::<f64>().ok();
    match (want, parse_f64(&s)) {
        (Some(a), Some(b)) if a.is_nan() => assert!(b.is_nan(), "{s:?}"),
        (a, b) => assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits), "{s:?}"),
    }
});
