//! Validates `data/` and bundles it: a broken row fails the build with `file:line: reason`.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let data = root.join("data");
    println!("cargo:rerun-if-changed=data/manifest.json");
    println!("cargo:rerun-if-changed=data/series");
    let dataset = match trendline_core::Dataset::load_dir(&data) {
        Ok(d) => d,
        Err(errors) => {
            for e in &errors.0 {
                eprintln!("data/{e}");
            }
            eprintln!(
                "error: data/ is invalid ({} problem(s)); fix the rows above",
                errors.0.len()
            );
            std::process::exit(1);
        }
    };
    let mut out = String::from("/// The bundled dataset files, validated at build time.\n");
    let _ = writeln!(
        out,
        "pub const MANIFEST: &str = include_str!({:?});",
        data.join("manifest.json")
    );
    out.push_str("pub const FILES: &[(&str, &str)] = &[\n");
    for s in &dataset.manifest.series {
        let path = data.join(&s.file);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(out, "    ({:?}, include_str!({:?})),", s.file, path);
    }
    out.push_str("];\n");
    let dest =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundle.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
