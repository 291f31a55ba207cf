//! The chart rendered natively to SVG, checked on its markup.

use std::path::PathBuf;
use trendline_chart::{build_model, render_svg, ChartModel, CurveStyle, ModelOptions, Theme};
use trendline_core::{forecast, Action, Dataset, Day, State};

fn dataset() -> Dataset {
    Dataset::load_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")).unwrap()
}

fn model(state: &State) -> ChartModel {
    let d = dataset();
    let s = d.get(&state.series).unwrap();
    let f = forecast(s, state);
    build_model(
        s,
        &f,
        &ModelOptions {
            end: Day::parse("2030-12-31").unwrap(),
            caption: None,
            footer: vec![],
            legend_in_plot: true,
        },
    )
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[test]
fn draws_every_metr_point_with_its_interval_and_the_milestones() {
    let m = model(&State::default());
    assert_eq!(m.points.len(), 26);
    assert_eq!(m.points.iter().filter(|p| p.interval.is_some()).count(), 26);
    let svg = render_svg(&m, 1000, 600, &Theme::light(1.0));
    if let Ok(path) = std::env::var("TRENDLINE_SVG_OUT") {
        std::fs::write(path, &svg).unwrap();
    }
    assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
    // 26 points plus legend markers; hollow circles are drawn over a background disc.
    assert!(count(&svg, "<circle") >= 26, "{}", count(&svg, "<circle"));
    for label in [
        "1 work-day (8 h)",
        "1 work-week (40 h)",
        "1 work-month (167 h)",
        "1 work-year (2000 h)",
        "16 h reliability ceiling",
    ] {
        assert!(svg.contains(label), "missing {label}");
    }
    for tick in ["1 min", "10 min", "1 h", "8 h", "2024", "2030"] {
        assert!(
            svg.contains(&format!(">{tick}<"))
                || svg.contains(&format!(">\n{tick}"))
                || svg.contains(tick),
            "missing tick {tick}"
        );
    }
    assert!(
        svg.contains("Fitted trend (OLS, n = 17)"),
        "legend names the fit"
    );
    assert!(svg.contains("Frontier model (METR is_sota)"));
    assert!(svg.contains("Above 16 h (not fitted)"));
}

#[test]
fn the_projection_follows_the_assumed_doubling_time() {
    let base = model(&State::default());
    let fast = model(&State::default().apply(Action::SetDoubling(60.0)));
    let proj = |m: &ChartModel| {
        m.curves
            .iter()
            .find(|c| c.style == CurveStyle::Projection)
            .unwrap()
            .points
            .clone()
    };
    let (a, b) = (proj(&base), proj(&fast));
    assert_eq!(a[0], b[0], "both start at the anchor");
    assert!(b[1].1 > a[1].1, "a faster doubling ends higher");
    // The fitted extension appears only when the assumption differs from the fit.
    assert!(!base
        .curves
        .iter()
        .any(|c| c.style == CurveStyle::FitExtension));
    assert!(fast
        .curves
        .iter()
        .any(|c| c.style == CurveStyle::FitExtension));
    let svg_a = render_svg(&base, 800, 500, &Theme::light(1.0));
    let svg_b = render_svg(&fast, 800, 500, &Theme::light(1.0));
    assert_ne!(svg_a, svg_b);
    assert!(svg_b.contains("Projection if it doubles every 60.0 days (2.0 months)"));
}

#[test]
fn a_tiny_canvas_still_draws_without_panicking() {
    let m = model(&State::default().apply(Action::SetDoubling(1.0)));
    for (w, h) in [(1, 1), (40, 30), (320, 200)] {
        let svg = render_svg(&m, w, h, &Theme::light(1.0));
        assert!(svg.starts_with("<svg"));
    }
}
