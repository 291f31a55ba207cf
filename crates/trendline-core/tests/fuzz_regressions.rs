//! Inputs found by the property tests (`fuzz_props.rs`) and the cargo-fuzz targets
//! (`crates/trendline-core/fuzz`) that broke an invariant or panicked, kept exactly as found.

use trendline_core::model::fit::ols;
use trendline_core::FitError;

/// `fit_ols`: finite x values near 1e155 overflowed `Sxx` to infinity and OLS returned `Ok`
/// with `sxx = inf` (a slope standard error of 0 and a meaningless line). Overflowing sums are
/// now refused as non-finite.
#[test]
fn ols_with_overflowing_sums_is_an_error() {
    assert_eq!(
        ols(&[-1.378625873568779e155, 0.01], &[0.01, 0.01]),
        Err(FitError::NonFinite)
    );
    assert_eq!(ols(&[0.0, 1.0], &[1e308, 1e308]), Err(FitError::NonFinite));
    assert_eq!(
        ols(&[1e300, -1e300, 0.0], &[1.0, 2.0, 3.0]),
        Err(FitError::NonFinite)
    );
}

/// `state_apply`: `Action::SetTo(Some(Day::from_number(2147483647)))` then `encode` panicked
/// with "attempt to add with overflow" in `Day::ymd` (day number + the Julian day of
/// 1970-01-01). Such a day now prints as the fallback date instead of panicking.
#[test]
fn a_day_number_near_i32_max_prints_without_overflow() {
    use trendline_core::settings::Action;
    use trendline_core::sharing::url::encode;
    use trendline_core::{Day, State};
    let s = State::default().apply(Action::SetTo(Some(Day::from_number(2_147_483_647))));
    assert!(encode(&s, "x").contains("&to=1970-01-01&"));
    for n in [i32::MAX, i32::MAX - 2_440_587, i32::MIN] {
        let d = Day::from_number(n);
        assert_eq!(d.to_string().len(), 10);
        assert!(d.decimal_year().is_finite());
    }
}
