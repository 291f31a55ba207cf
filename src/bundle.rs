//! The dataset compiled into the app (validated by `build.rs` when the app is built).

use std::sync::OnceLock;
use trendline_core::Dataset;

include!(concat!(env!("OUT_DIR"), "/bundle.rs"));

/// The bundled dataset, parsed on first use. An error (impossible for a build that passed
/// `build.rs`, but never a panic) comes back as text to show.
pub fn dataset() -> Result<&'static Dataset, &'static str> {
    static CELL: OnceLock<Result<Dataset, String>> = OnceLock::new();
    CELL.get_or_init(|| {
        Dataset::load(MANIFEST, |name| {
            FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
        })
        .map_err(|e| e.to_string())
    })
    .as_ref()
    .map_err(String::as_str)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bundle_loads_and_holds_every_manifest_series() {
        let d = super::dataset().unwrap();
        assert_eq!(d.series.len(), d.manifest.series.len());
        assert!(d.get(trendline_core::state::DEFAULT_SERIES).is_some());
    }
}
