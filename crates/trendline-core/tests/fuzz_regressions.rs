//! Inputs found by the property tests (`fuzz_props.rs`) and the cargo-fuzz targets
//! (`crates/trendline-core/fuzz`) that broke an invariant or panicked, kept exactly as found.

use trendline_core::fit::ols;
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
