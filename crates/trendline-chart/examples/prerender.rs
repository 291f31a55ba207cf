//! The default view's chart as SVG, for the release build to put in `index.html` so the first
//! chart is painted before the wasm has loaded (scripts/postbuild.mjs runs this):
//!
//! `cargo run -p trendline-chart --example prerender -- <data dir> <width> <height>`
//!
//! Prints one JSON object: `{"series": id, "title": …, "short_title": …, "svg": …}`. The chart
//! is built exactly as the app builds its first chart (default state, the same model options,
//! the light theme at scale 1), so the live canvas that replaces it shows the same picture.

use std::path::PathBuf;
use std::process::ExitCode;
use trendline_chart::{build_model, render_svg, ModelOptions, Theme};
use trendline_core::{forecast, Dataset, State};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, width, height] = args.as_slice() else {
        eprintln!("usage: prerender <data dir> <width> <height>");
        return ExitCode::FAILURE;
    };
    let (Ok(width), Ok(height)) = (width.parse::<u32>(), height.parse::<u32>()) else {
        eprintln!("prerender: width and height must be whole numbers of pixels");
        return ExitCode::FAILURE;
    };
    let data = match Dataset::load_dir(&PathBuf::from(dir)) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("prerender: {e}");
            return ExitCode::FAILURE;
        }
    };
    let state = State::default();
    let Some(series) = data.get(&state.series) else {
        eprintln!("prerender: no series {} in {dir}", state.series);
        return ExitCode::FAILURE;
    };
    let sibling = trendline_core::model::reliability::sibling80_id(&state.series)
        .and_then(|id| data.get(&id))
        .filter(|_| state.rel != 50.0);
    let fc = forecast(series, sibling, &state);
    // The app's options for its on-screen chart (src/app.rs, SeriesView).
    let model = build_model(
        &fc,
        &ModelOptions {
            end: fc.until,
            caption: None,
            footer: vec![],
            legend_in_plot: false,
            // build_model keeps those about the series drawn.
            forecasts: data.forecasts.clone(),
            ..ModelOptions::default()
        },
    );
    let svg = render_svg(&model, width, height, &Theme::light(1.0));
    let out = serde_json::json!({
        "series": &*series.meta.id,
        "title": &*series.meta.title,
        "short_title": &*series.meta.short_title,
        "svg": svg,
    });
    println!("{out}");
    ExitCode::SUCCESS
}
