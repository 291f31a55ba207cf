//! [`parse_f64`]: decimal text to `f64`, exactly as `str::parse::<f64>` reads it, without
//! carrying the standard library's general parser into the app's first download.
//!
//! Rust's parser is correct for every input and brings an 11 KB table of powers of five (about
//! 10 KB gzip, it hardly compresses). Nearly every number Trendline reads (CSV cells, link
//! values, scenario files) has at most 19 significant digits and a decimal exponent within ±22,
//! where one IEEE multiplication or division is already correctly rounded (Clinger's fast path,
//! "How to read floating point numbers accurately", PLDI 1990). The rest goes to a slower
//! reader: `str::parse` natively, and in the browser the one the app registers with
//! [`set_fallback`] (JavaScript's `Number`, also correctly rounded), so both builds return the
//! same value for the same text.

use std::sync::OnceLock;

/// Exact powers of ten: `10^k` for `k = 0..=22` are all representable in an `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The reader for text outside the fast path (see [`set_fallback`]).
static FALLBACK: OnceLock<fn(&str) -> Option<f64>> = OnceLock::new();

/// Registers the reader used for numbers outside the fast path (more than 19 significant
/// digits, or a decimal exponent beyond ±22). It is given text that `str::parse::<f64>`
/// accepts and must return the correctly rounded value. The first registration wins.
///
/// Native builds read such numbers with `str::parse` whether or not one is registered; in a
/// wasm build without one, such numbers are not read (`None`).
pub fn set_fallback(read: fn(&str) -> Option<f64>) {
    let _ = FALLBACK.set(read);
}

/// `s` as an `f64`, or `None` where `s.parse::<f64>()` fails: the same grammar (an optional
/// sign, then `inf`, `infinity` or `nan` in any case, or digits with an optional point and an
/// optional exponent `e±d`; no spaces) and the same, correctly rounded, values.
///
/// With significand `m` (its digits without the point, at most 19 of them, `m ≤ 2⁵³`) and
/// decimal exponent `e`, `|e| ≤ 22`: `m · 10ᵉ` or `m / 10⁻ᵉ` in one rounding (both operands
/// exact). Anything else: the fallback (see [`set_fallback`]).
///
/// ```
/// use trendline_core::data::number::parse_f64;
/// assert_eq!(parse_f64("0.1"), Some(0.1));
/// assert_eq!(parse_f64("-2.5e3"), Some(-2500.0));
/// assert_eq!(parse_f64(".5"), Some(0.5));
/// assert_eq!(parse_f64("1."), Some(1.0));
/// assert_eq!(parse_f64("-inf"), Some(f64::NEG_INFINITY));
/// assert_eq!(parse_f64(" 1"), None);
/// assert_eq!(parse_f64("1e"), None);
/// assert_eq!(parse_f64("."), None);
/// ```
pub fn parse_f64(s: &str) -> Option<f64> {
    match read(s) {
        Read::Value(v) => Some(v),
        Read::Invalid => None,
        Read::Outside => fallback(s),
    }
}

/// What [`read`] made of a text.
#[derive(Debug, PartialEq)]
enum Read {
    /// Not a number in `str::parse`'s grammar.
    Invalid,
    /// Read exactly (the fast path, a zero, an infinity or NaN).
    Value(f64),
    /// A number outside the fast path.
    Outside,
}

fn read(s: &str) -> Read {
    let b = s.as_bytes();
    let (negative, rest) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let signed = |v: f64| if negative { -v } else { v };
    if rest.eq_ignore_ascii_case(b"inf") || rest.eq_ignore_ascii_case(b"infinity") {
        return Read::Value(signed(f64::INFINITY));
    }
    if rest.eq_ignore_ascii_case(b"nan") {
        return Read::Value(f64::NAN);
    }
    let mut i = 0;
    let mut mantissa: u64 = 0;
    let mut kept = 0; // significant digits in `mantissa`
    let mut exact = true; // no non-zero digit was dropped
    let mut exp10: i64 = 0;
    let mut any_digit = false;
    let mut fraction = false;
    while i < rest.len() {
        let c = rest[i];
        if c == b'.' && !fraction {
            fraction = true;
        } else if c.is_ascii_digit() {
            any_digit = true;
            let d = u64::from(c - b'0');
            if kept < 19 {
                if mantissa > 0 || d > 0 {
                    mantissa = mantissa * 10 + d;
                    kept += 1;
                }
                if fraction {
                    exp10 -= 1;
                }
            } else {
                exact &= d == 0;
                if !fraction {
                    exp10 += 1;
                }
            }
        } else {
            break;
        }
        i += 1;
    }
    if !any_digit {
        return Read::Invalid;
    }
    if i < rest.len() {
        if rest[i] | 0x20 != b'e' {
            return Read::Invalid;
        }
        i += 1;
        let minus = match rest.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let mut e: i64 = 0;
        while i < rest.len() && rest[i].is_ascii_digit() {
            // Saturates far beyond any exponent that changes the result.
            e = (e * 10 + i64::from(rest[i] - b'0')).min(1 << 40);
            i += 1;
        }
        if i == start || i < rest.len() {
            return Read::Invalid;
        }
        exp10 += if minus { -e } else { e };
    }
    if mantissa == 0 && exact {
        return Read::Value(signed(0.0));
    }
    if exact && mantissa <= 1 << 53 && (-22..=22).contains(&exp10) {
        let m = mantissa as f64;
        let k = exp10.unsigned_abs() as usize;
        return Read::Value(signed(if exp10 < 0 {
            m / POW10[k]
        } else {
            m * POW10[k]
        }));
    }
    Read::Outside
}

#[cfg(not(target_arch = "wasm32"))]
fn fallback(s: &str) -> Option<f64> {
    s.parse().ok()
}

#[cfg(target_arch = "wasm32")]
fn fallback(s: &str) -> Option<f64> {
    FALLBACK.get().and_then(|read| read(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    fn same(s: &str) {
        let want = s.parse::<f64>().ok();
        let got = parse_f64(s);
        match (want, got) {
            (Some(a), Some(b)) if a.is_nan() => assert!(b.is_nan(), "{s:?}: {b}"),
            (a, b) => assert_eq!(
                a.map(f64::to_bits),
                b.map(f64::to_bits),
                "{s:?}: std {a:?}, ours {b:?}"
            ),
        }
    }

    #[test]
    fn agrees_with_std_on_edge_cases() {
        for s in [
            "",
            "+",
            "-",
            ".",
            "e5",
            "1e",
            "1e+",
            "1e-",
            "1.2.3",
            "1..2",
            " 1",
            "1 ",
            "0x10",
            "1_000",
            "١",
            "0",
            "-0",
            "+0",
            "0.0",
            "-0.0",
            "00012",
            "0.000",
            "1.",
            ".5",
            "-.5",
            "1.e5",
            ".e5",
            "1e5",
            "1E5",
            "1e+05",
            "1e-05",
            "inf",
            "-inf",
            "+Infinity",
            "INF",
            "infinity",
            "infinit",
            "nan",
            "NaN",
            "-nan",
            "nana",
            "1e22",
            "1e23",
            "9007199254740992",
            "9007199254740993",
            "9007199254740993e-3",
            "123456789012345678901234567890",
            "0.1234567890123456789012",
            "1e308",
            "1.7976931348623157e308",
            "1.8e308",
            "1e309",
            "4.9e-324",
            "2e-324",
            "1e-400",
            "0e999999999999999999",
            "1e999999999999999999999",
            "1e-999999999999999999999",
            "2.2250738585072011e-308",
            "0.000000000000000000000001",
            "1000000000000000000000",
            "10000000000000000000000000",
            "3.14159",
            "-273.15",
            "00000000000000000000000000001.5",
            "1.00000000000000000000000000000",
            "0.30000000000000004",
            "123.456e-7",
            "-1e-22",
            "1e-23",
        ] {
            same(s);
        }
    }

    /// Random decimal texts of every shape the grammar allows, compared bit for bit with
    /// `str::parse` (the fast path and the fallback alike).
    #[test]
    fn agrees_with_std_on_random_texts() {
        let mut rng = rand_pcg::Pcg32::seed_from_u64(0x7061_7273_6566_3634);
        let digits = |rng: &mut rand_pcg::Pcg32, n: usize| -> String {
            (0..n)
                .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
                .collect()
        };
        // A sign drawn from `0..n`: '-', '+', then no sign for every other draw.
        let sign = |rng: &mut rand_pcg::Pcg32, n: u32| {
            ["-", "+", ""][rng.random_range(0..n).min(2) as usize]
        };
        for _ in 0..200_000 {
            let mut s = String::new();
            s += sign(&mut rng, 4);
            let int = rng.random_range(0..22);
            s += &digits(&mut rng, int);
            if rng.random_bool(0.6) {
                s.push('.');
                let frac = rng.random_range(0..22);
                s += &digits(&mut rng, frac);
            }
            if rng.random_bool(0.4) {
                s.push(if rng.random_bool(0.5) { 'e' } else { 'E' });
                s += sign(&mut rng, 3);
                let n = rng.random_range(0..4);
                s += &digits(&mut rng, n);
            }
            same(&s);
        }
    }

    /// Short texts drawn from the grammar's own characters in any order ("1e+-5", "+.e",
    /// "-iNf", "5..", …), so that every way of breaking the grammar is tried.
    #[test]
    fn agrees_with_std_on_scrambled_texts() {
        const CHARS: &[u8] = b"0123456789.eE+-infatyINFATY _x";
        let mut rng = rand_pcg::Pcg32::seed_from_u64(0x7363_7261_6d62_6c65);
        for _ in 0..300_000 {
            let len = rng.random_range(0..9);
            let s: String = (0..len)
                .map(|_| char::from(CHARS[rng.random_range(0..CHARS.len())]))
                .collect();
            same(&s);
        }
    }

    #[test]
    fn which_texts_take_the_fast_path() {
        assert_eq!(read("1.5e-3"), Read::Value(0.0015));
        assert_eq!(
            read("9007199254740992"),
            Read::Value(9_007_199_254_740_992.0)
        );
        assert_eq!(read("0e400"), Read::Value(0.0));
        assert_eq!(read("-0.000"), Read::Value(-0.0));
        for s in [
            "9007199254740993",
            "1e23",
            "1e-23",
            "0.41666666666666669",
            "12345678901234567890",
        ] {
            assert_eq!(read(s), Read::Outside, "{s}");
        }
        assert_eq!(read("1e"), Read::Invalid);
    }

    /// Every number in the bundled series files reads as `str::parse` reads it. Most take the
    /// fast path; the rest (upstream values with 16 or more significant digits, such as
    /// `16.899999999999998`) take the fallback, which the browser test checks in the browser.
    #[test]
    fn bundled_data_reads_as_std_reads_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/series");
        let (mut fast, mut outside) = (0, 0);
        for entry in std::fs::read_dir(&dir).expect("data/series") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("read");
            for cell in text.lines().flat_map(|l| l.split(',')) {
                let t = cell.trim().trim_matches('"');
                if let Ok(want) = t.parse::<f64>() {
                    match read(t) {
                        Read::Value(v) => {
                            assert_eq!(v.to_bits(), want.to_bits(), "{}: {t}", path.display());
                            fast += 1;
                        }
                        Read::Outside => outside += 1,
                        Read::Invalid => panic!("{}: {t} not read", path.display()),
                    }
                }
            }
        }
        assert!(
            fast > 1000,
            "{fast} numbers on the fast path, {outside} outside"
        );
    }
}
