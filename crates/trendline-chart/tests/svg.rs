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
    let sibling =
        trendline_core::reliability::sibling80_id(&state.series).and_then(|id| d.get(&id));
    let f = forecast(s, sibling, state);
    build_model(
        &f,
        &ModelOptions {
            end: f.until,
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

/// Extreme settings (the engine's and the chart's edge cases in one list) give finite numbers,
/// messages where a fit is impossible, and a chart with finite axes and no NaN or infinity in
/// the markup.
#[test]
fn extreme_settings_give_messages_and_finite_charts() {
    use trendline_core::state::{Anchor, Cap};
    use trendline_core::{Family, Selection};
    let until_2100 = Day::parse("2100-12-31").unwrap();
    let d = dataset();
    let all: Vec<String> = d
        .get("metr-th1.1-p50")
        .unwrap()
        .points
        .iter()
        .map(|p| p.id.clone())
        .collect();
    let cases = [
        State {
            doubling: Some(1.0),
            ..State::default()
        },
        State {
            doubling: Some(18_262.5),
            until: until_2100,
            ..State::default()
        },
        State {
            mc: 20_000,
            until: until_2100,
            ..State::default()
        },
        State {
            drop: all,
            ..State::default()
        },
        State {
            model: Some(Family::Superexponential),
            accel: Some(95.0),
            until: until_2100,
            ..State::default()
        },
        State {
            model: Some(Family::Superexponential),
            accel: Some(-90.0),
            floor: 36_525.0,
            ..State::default()
        },
        State {
            cap: Cap::Hours(0.001),
            ..State::default()
        },
        State {
            series: "arc-agi-2".into(),
            sat: 1.0,
            until: until_2100,
            ..State::default()
        },
        State {
            series: "swebench-full".into(),
            doubling: Some(1.0),
            anchor: Anchor::Last,
            ..State::default()
        },
        State {
            asof: Day::parse("2019-06-01").ok(),
            ..State::default()
        },
        State {
            rel: 95.0,
            selection: Selection::All,
            ..State::default()
        },
    ];
    for s in cases {
        let series = d.get(&s.series).unwrap();
        let sibling =
            trendline_core::reliability::sibling80_id(&s.series).and_then(|id| d.get(&id));
        let fc = forecast(series, sibling, &s);
        for v in [
            fc.fitted_doubling,
            fc.assumed_doubling,
            fc.prepared.aicc_exp,
            fc.prepared.aicc_superexp,
        ]
        .into_iter()
        .flatten()
        {
            assert!(v.is_finite(), "{s:?}: {v}");
        }
        if let Some((lo, hi)) = fc.prepared.ci {
            assert!(!lo.is_nan() && !hi.is_nan(), "{s:?}");
        }
        if fc.prepared.fit.is_err() {
            assert!(!fc.notes.is_empty(), "{s:?}: a missing fit is explained");
        }
        if let Some(fan) = &fc.fan {
            assert!(
                fan.bands.iter().flatten().all(|v| !v.is_nan()),
                "{s:?}: NaN in the fan"
            );
        }
        let m = model(&s);
        assert!(
            m.x_range.0.is_finite() && m.x_range.1 > m.x_range.0,
            "{s:?}"
        );
        assert!(
            m.y_range.0.is_finite() && m.y_range.1 > m.y_range.0,
            "{s:?}"
        );
        for c in &m.curves {
            assert!(
                c.points.iter().all(|(x, y)| x.is_finite() && y.is_finite()),
                "{s:?}: {:?}",
                c.style
            );
        }
        for b in &m.bands {
            assert!(
                b.rows
                    .iter()
                    .all(|(x, lo, hi)| x.is_finite() && lo.is_finite() && hi.is_finite()),
                "{s:?}"
            );
        }
        let svg = render_svg(&m, 800, 500, &Theme::light(1.0));
        // Numbers in the markup are never NaN or infinite ("infinite on <date>" labels are fine).
        for bad in ["NaN", "\"inf", "\"-inf", "inf\"", "inf,", ",inf", "inf "] {
            assert!(!svg.contains(bad), "{s:?}: {bad} in the SVG");
        }
    }
}

/// A slider move changes only the overlay: the base layer's pixels are identical.
#[test]
fn moving_the_doubling_time_changes_only_the_overlay() {
    use trendline_chart::{draw_layer, Layer};
    let a = model(&State::default());
    let b = model(&State::default().apply(Action::SetDoubling(60.0)));
    assert!(a.same_base(&b));
    let layer = |m: &ChartModel, l: Layer| {
        let mut out = String::new();
        {
            let root = plotters::prelude::SVGBackend::with_string(&mut out, (800, 500));
            let area = plotters::prelude::IntoDrawingArea::into_drawing_area(root);
            draw_layer(&area, m, &Theme::light(1.0), l).unwrap();
        }
        out
    };
    assert!(
        layer(&a, Layer::Base) == layer(&b, Layer::Base),
        "base layers differ"
    );
    assert!(
        layer(&a, Layer::Overlay) != layer(&b, Layer::Overlay),
        "overlay layers are equal"
    );
    // A different fit window changes the base.
    let c = model(&State {
        from: Day::parse("2023-01-01").ok(),
        ..State::default()
    });
    assert!(!a.same_base(&c));
}

/// With simulations on, the chart shows the 80% and 95% bands and the median; with them off,
/// none of the three.
#[test]
fn the_fan_shows_its_bands_and_median_only_when_simulations_are_on() {
    let on = model(&State::default());
    assert_eq!(
        on.bands.iter().map(|b| b.level).collect::<Vec<_>>(),
        [95, 80]
    );
    assert!(on.curves.iter().any(|c| c.style == CurveStyle::FanMedian));
    let off = model(&State {
        mc: 0,
        ..State::default()
    });
    assert!(off.bands.is_empty());
    assert!(!off.curves.iter().any(|c| c.style == CurveStyle::FanMedian));
}

/// The dark theme paints the same chart on a dark background, with light text; the light
/// theme's colours do not appear in it.
#[test]
fn dark_theme_paints_the_same_chart_on_a_dark_background() {
    let m = model(&State::default());
    let light = render_svg(&m, 800, 500, &Theme::light(1.0));
    let dark = render_svg(&m, 800, 500, &Theme::dark(1.0));
    assert!(dark.contains("#111827"), "dark background missing");
    assert!(
        dark.contains("#E5E7EB") || dark.contains("#e5e7eb"),
        "light text missing"
    );
    assert!(!dark.contains("#FFFFFF") && !dark.contains("#ffffff"));
    assert!(light.contains("#FFFFFF") || light.contains("#ffffff"));
    assert_eq!(count(&light, "<circle"), count(&dark, "<circle"));
    assert_eq!(count(&light, "<text"), count(&dark, "<text"));
}
