//! Shared by the fuzz targets: the bundled dataset (for real series ids and descriptions).
#![allow(dead_code)] // each target uses part of it

use std::path::PathBuf;
use std::sync::OnceLock;
use trendline_core::Dataset;

pub const VINTAGE: &str = "2026-11-27";

pub fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| {
        Dataset::load_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../data"))
            .expect("bundled data")
    })
}

pub fn known() -> &'static [&'static str] {
    static IDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    IDS.get_or_init(|| data().ids())
}
