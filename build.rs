//! Validates `data/` (a broken row fails the build with `file:line: reason`) and compiles the
//! manifest into the app as static data (no JSON parsing at start-up). Only the first view's
//! series are embedded, with their whole manifest entries; the others are fetched from
//! `series/*.csv` next to the page when chosen, and their entries are compiled in slim
//! (`SeriesMeta::slim`: no source URLs, upstream files or caveats): the app reads those from
//! `manifest.json` next to the page, fetched together with the first such series (the
//! single-file build answers both fetches from data inlined in the page).

use std::fmt::Write as _;
use std::path::PathBuf;
use trendline_core::data::dataset::{Group, PublishedDoubling, SeriesMeta, Upstream};
use trendline_core::Day;

/// Series compiled into the wasm, with their whole manifest entries: the default series (its
/// 80% sibling is needed only once a reader picks another reliability level, and is fetched
/// then, like every other series).
const EMBEDDED: &[&str] = &["metr-th1.1-p50"];

fn text(s: &str) -> String {
    format!("Cow::Borrowed({s:?})")
}

fn opt_text(s: &Option<std::borrow::Cow<'static, str>>) -> String {
    s.as_ref()
        .map_or("None".into(), |s| format!("Some({})", text(s)))
}

fn list(items: impl Iterator<Item = String>) -> String {
    format!("Cow::Borrowed(&[{}])", items.collect::<Vec<_>>().join(", "))
}

fn upstream(u: &Upstream) -> String {
    format!(
        "Upstream {{ path: {}, sha256: {}, origin: {}, extract: {}, extract_sha256: {} }}",
        text(&u.path),
        text(&u.sha256),
        text(&u.origin),
        opt_text(&u.extract),
        opt_text(&u.extract_sha256)
    )
}

fn published(p: &PublishedDoubling) -> String {
    format!(
        "PublishedDoubling {{ block: {}, from: {}, point: {:?}, ci_low: {:?}, ci_high: {:?} }}",
        text(&p.block),
        opt_text(&p.from),
        p.point,
        p.ci_low,
        p.ci_high
    )
}

fn meta(m: &SeriesMeta) -> String {
    format!(
        "SeriesMeta {{ id: {}, title: {}, short_title: {}, file: {}, unit: Unit::{:?}, bounded: {}, date_meaning: {}, \
         interval: {}, interval_contains_value: {}, frontier_rule: {}, fit_cap: {:?}, fit_cap_note: {}, source_name: {}, \
         source_urls: {}, upstream: {}, licence: {}, attribution: {}, retrieved: {}, caveats: {}, published_doubling: {}, \
         no_fit: {}, index_step: {:?}, levels: Cow::Borrowed(&{:?}), reference_lines: {}, breaks: {} }}",
        text(&m.id),
        text(&m.title),
        text(&m.short_title),
        text(&m.file),
        m.unit,
        m.bounded,
        text(&m.date_meaning),
        text(&m.interval),
        m.interval_contains_value,
        text(&m.frontier_rule),
        m.fit_cap,
        opt_text(&m.fit_cap_note),
        text(&m.source_name),
        list(m.source_urls.iter().map(|u| text(u))),
        list(m.upstream.iter().map(upstream)),
        text(&m.licence),
        text(&m.attribution),
        text(&m.retrieved),
        list(m.caveats.iter().map(|c| text(c))),
        list(m.published_doubling.iter().map(published)),
        opt_text(&m.no_fit),
        m.index_step,
        m.levels.as_ref(),
        list(m.reference_lines.iter().map(|r| format!(
            "RefLine {{ value: {:?}, label: {} }}",
            r.value,
            text(&r.label)
        ))),
        list(m.breaks.iter().map(|b| format!(
            "MethodBreak {{ date: {}, label: {} }}",
            text(&b.date),
            text(&b.label)
        ))),
    )
}

fn group(g: &Group) -> String {
    format!(
        "Group {{ id: {}, title: {}, series: {} }}",
        text(&g.id),
        text(&g.title),
        list(g.series.iter().map(|s| text(s)))
    )
}

fn day(d: Option<Day>) -> String {
    d.map_or("None".into(), |d| {
        format!("Some(Day::from_number({}))", d.number())
    })
}

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    // TRENDLINE_DATA_DIR points the check at another copy of data/ (scripts/test-bad-data.sh
    // breaks a temporary copy to show that a bad row stops the build); the app is always built
    // from data/ itself otherwise.
    println!("cargo:rerun-if-env-changed=TRENDLINE_DATA_DIR");
    let (data, label) = match std::env::var("TRENDLINE_DATA_DIR") {
        Ok(d) if !d.is_empty() => (PathBuf::from(&d), d),
        _ => (root.join("data"), "data".to_string()),
    };
    println!(
        "cargo:rerun-if-changed={}",
        data.join("manifest.json").display()
    );
    println!("cargo:rerun-if-changed={}", data.join("series").display());
    println!(
        "cargo:rerun-if-changed={}",
        data.join(trendline_core::data::dataset::FORECASTS_FILE)
            .display()
    );
    let dataset = match trendline_core::Dataset::load_dir(&data) {
        Ok(d) => d,
        Err(errors) => {
            for e in &errors.0 {
                eprintln!("{label}/{e}");
            }
            eprintln!(
                "error: {label}/ is invalid ({} problem(s)); fix the rows above",
                errors.0.len()
            );
            std::process::exit(1);
        }
    };
    let m = &dataset.manifest;
    let mut out = String::from("// Generated by build.rs from data/manifest.json: do not edit.\n");
    let _ = writeln!(
        out,
        "/// The dataset manifest.\npub static MANIFEST: Manifest = Manifest {{ schema: {}, vintage: {}, series: {}, groups: {} }};",
        m.schema,
        text(&m.vintage),
        list(m.series.iter().map(|s| if EMBEDDED.contains(&s.id.as_ref()) {
            meta(s)
        } else {
            meta(&s.slim())
        })),
        list(m.groups.iter().map(group))
    );
    out.push_str("/// Series files compiled into the app: (path relative to data/, text).\npub static EMBEDDED: &[(&str, &str)] = &[\n");
    for s in m.series.iter() {
        let path = data.join(s.file.as_ref());
        println!("cargo:rerun-if-changed={}", path.display());
        if EMBEDDED.contains(&s.id.as_ref()) {
            let _ = writeln!(out, "    ({:?}, include_str!({:?})),", s.file, path);
        }
    }
    out.push_str("];\n");
    // Published forecasts (validated above with the rest), as Rust values: the app carries
    // no CSV parsing or validation code for them.
    out.push_str("/// data/forecasts.csv, as checked by build.rs.\npub fn all_forecasts() -> Vec<PublishedForecast> {\n    vec![\n");
    for f in &dataset.forecasts {
        let _ = writeln!(
            out,
            "        PublishedForecast {{ id: {:?}.into(), series: vec![{}], label: {:?}.into(), forecaster: {:?}.into(), \
             made: Day::from_number({}), kind: ForecastKind::{:?}, target: Day::from_number({}), target_low: {}, target_high: {}, \
             statistic: {:?}.into(), value: {:?}, low: {:?}, \
             high: {:?}, low_pct: {:?}, high_pct: {:?}, unit: ImportUnit::{:?}, source: {:?}.into(), licence: {:?}.into(), \
             caveat: {:?}.into() }},",
            f.id,
            f.series.iter().map(|s| format!("{s:?}.into()")).collect::<Vec<_>>().join(", "),
            f.label,
            f.forecaster,
            f.made.number(),
            f.kind,
            f.target.number(),
            day(f.target_low),
            day(f.target_high),
            f.statistic,
            f.value,
            f.low,
            f.high,
            f.low_pct,
            f.high_pct,
            f.unit,
            f.source,
            f.licence,
            f.caveat
        );
    }
    out.push_str("    ]\n}\n");
    let dest =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundle.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
