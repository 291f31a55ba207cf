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
        trendline_core::model::reliability::sibling80_id(&state.series).and_then(|id| d.get(&id));
    let f = forecast(s, sibling, state);
    build_model(
        &f,
        &ModelOptions {
            end: f.until,
            caption: None,
            footer: vec![],
            legend_in_plot: true,
            forecasts: d.forecasts.clone(),
            ..ModelOptions::default()
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
    use trendline_core::settings::{Anchor, Cap};
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
            trendline_core::model::reliability::sibling80_id(&s.series).and_then(|id| d.get(&id));
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

fn model_with(state: &State, scale: trendline_core::settings::Scale) -> ChartModel {
    let d = dataset();
    let s = d.get(&state.series).unwrap();
    let sibling =
        trendline_core::model::reliability::sibling80_id(&state.series).and_then(|id| d.get(&id));
    let f = forecast(s, sibling, state);
    let p = std::rc::Rc::new(trendline_core::prepare(s, sibling, state));
    let runs = trendline_core::forecast::compare::run_scenarios(s, sibling, &p, state);
    build_model(
        &f,
        &ModelOptions {
            end: f.until,
            scale,
            scenarios: trendline_chart::ScenarioLine::from_runs(&runs),
            ..ModelOptions::default()
        },
    )
}

/// On the log axis the range grows to take in the Monte Carlo band, by at most two decades
/// above the highest point or milestone, and says when the band runs past the top.
#[test]
fn the_log_range_takes_in_the_fan_up_to_a_cap() {
    use trendline_core::settings::Scale;
    let with = model_with(&State::default(), Scale::Log);
    let without = model_with(
        &State {
            mc: 0,
            ..State::default()
        },
        Scale::Log,
    );
    let highest = without
        .points
        .iter()
        .map(|p| p.interval.map_or(p.y, |i| i.1).max(p.y))
        .chain(without.lines.iter().map(|l| l.y))
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(
        (without.y_range.1 - (highest + 2f64.log10())).abs() < 1e-9,
        "no fan: the range ends a factor 2 above the highest mark"
    );
    assert!(
        with.y_range.1 > without.y_range.1 + 0.5,
        "the fan widens the range: {:?} vs {:?}",
        with.y_range,
        without.y_range
    );
    assert!(
        with.y_range.1 <= highest + 2.0 + 2f64.log10() + 1e-9,
        "capped at ×100"
    );
    assert!(
        with.axis_notes[0].starts_with("Log scale"),
        "{:?}",
        with.axis_notes
    );
    let far = model_with(
        &State {
            until: Day::parse("2045-12-31").unwrap(),
            ..State::default()
        },
        Scale::Log,
    );
    assert!(
        far.axis_notes
            .iter()
            .any(|n| n.contains("runs above the top")),
        "to 2045 the 95% band passes ×100: {:?}",
        far.axis_notes
    );
    assert!(
        far.y_range.1 <= highest + 2.0 + 2f64.log10() + 1e-9,
        "capped at ×100"
    );
    // Ticks cover the widened range.
    assert!(with.y_ticks.last().unwrap().0 > without.y_ticks.last().unwrap().0);
    // A short horizon keeps the whole band on the chart, with no note.
    let short = model_with(
        &State {
            until: Day::parse("2026-12-31").unwrap(),
            ..State::default()
        },
        Scale::Log,
    );
    assert!(
        !short.axis_notes.iter().any(|n| n.contains("runs above")),
        "{:?}",
        short.axis_notes
    );
    let top = short.bands[0]
        .rows
        .iter()
        .map(|r| r.2)
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(
        top < short.y_range.1,
        "band {top} inside {:?}",
        short.y_range
    );
}

/// The linear axis starts at zero with evenly spaced, labelled ticks; milestones above the top
/// or crowding a higher one are left out; the title says which scale it is.
#[test]
fn the_linear_axis_is_linear_from_zero() {
    use trendline_chart::YAxis;
    use trendline_core::settings::Scale;
    let m = model_with(&State::default(), Scale::Linear);
    assert_eq!(m.y_axis, YAxis::LinearMinutes);
    assert_eq!(m.y_range.0, 0.0);
    assert!(m.y_title.contains("linear scale"));
    assert!(m.axis_notes[0].starts_with("Linear scale"));
    assert_eq!(m.y_ticks[0], (0.0, "0".to_string()));
    let steps: Vec<f64> = m.y_ticks.windows(2).map(|w| w[1].0 - w[0].0).collect();
    assert!(steps.len() >= 3, "{:?}", m.y_ticks);
    assert!(
        steps.iter().all(|s| (s - steps[0]).abs() < 1e-6),
        "{steps:?}"
    );
    assert!(m.y_ticks.iter().all(|t| t.0 <= m.y_range.1 * 1.0001));
    let max_point = m
        .points
        .iter()
        .map(|p| p.y)
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(m.y_range.1 >= max_point, "every point fits");
    for w in m.lines.windows(2) {
        assert!(w[1].y - w[0].y >= 0.04 * m.y_range.1, "{:?}", m.lines);
    }
    assert!(m.lines.iter().all(|l| l.y <= m.y_range.1));
    // Points are plotted in minutes.
    let d = dataset();
    let s = d.get("metr-th1.1-p50").unwrap();
    let p = m.points.last().unwrap();
    assert_eq!(p.y, s.points[p.index].value);
    // A score series ignores the scale.
    let score = State::default().apply(Action::SelectSeries("swebench-verified".into()));
    let a = model_with(&score, Scale::Linear);
    let b = model_with(&score, Scale::Log);
    assert_eq!(a, b);
    assert_eq!(a.y_axis, YAxis::Percent);
}

/// Scenarios are drawn as their own curves, one style per slot, with their names in the legend.
#[test]
fn scenarios_are_drawn_beside_the_projection() {
    use trendline_core::settings::Scale;
    let s = State::default().apply(Action::ExampleScenarios);
    let m = model_with(&s, Scale::Log);
    let sc: Vec<_> = m
        .curves
        .iter()
        .filter(|c| matches!(c.style, CurveStyle::Scenario(_)))
        .collect();
    assert_eq!(sc.len(), 3);
    for (k, c) in sc.iter().enumerate() {
        assert_eq!(c.style, CurveStyle::Scenario(k as u8));
        assert!(c.points.len() >= 2, "{c:?}");
        assert!(c
            .label
            .starts_with(&format!("{}: ", (b'A' + k as u8) as char)));
    }
    assert!(sc[1].label.contains("Slows to 12-month doubling"));
    // B (12-month doubling) ends below A (the fitted, faster trend).
    let end = |c: &trendline_chart::Curve| *c.points.last().unwrap();
    assert!(end(sc[1]).1 < end(sc[0]).1 || end(sc[1]).0 > end(sc[0]).0);
    let svg = render_svg(&m, 800, 500, &Theme::light(1.0));
    let t = Theme::light(1.0);
    for c in t.scenarios {
        let hex = format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
        assert!(svg.to_uppercase().contains(&hex), "{hex} not in the SVG");
    }
    // Scenarios are in the overlay: the base is the same with or without them.
    assert!(m.same_base(&model_with(&State::default(), Scale::Log)));
}

/// Milestone labels sit at the left end of their lines, clear of the Monte Carlo band, at the
/// desktop and the phone chart sizes (about 0.6 em per character of the 11 px label font).
#[test]
fn milestone_labels_stay_clear_of_the_fan() {
    use trendline_chart::{draw_layer, Layer};
    use trendline_core::settings::Scale;
    for scale in [Scale::Log, Scale::Linear] {
        let m = model_with(&State::default(), scale);
        let fan_x = m.bands[0].rows[0].0;
        for (w, h) in [(1070u32, 602u32), (366, 366), (336, 336)] {
            let mut out = String::new();
            let layout = {
                let root = plotters::prelude::SVGBackend::with_string(&mut out, (w, h));
                let area = plotters::prelude::IntoDrawingArea::into_drawing_area(root);
                draw_layer(&area, &m, &Theme::light(1.0), Layer::All).unwrap()
            };
            let (fan_px, _) = layout.to_px(fan_x, m.y_range.0);
            let drawn: Vec<&str> = m
                .lines
                .iter()
                .filter_map(|l| {
                    [&l.label, &l.short]
                        .into_iter()
                        .find(|t| out.contains(&format!(">\n{t}\n<")))
                        .map(String::as_str)
                })
                .collect();
            assert!(drawn.len() >= 3, "{w}×{h}: {drawn:?}");
            if scale == Scale::Log && w >= 1070 {
                assert_eq!(
                    drawn.len(),
                    m.lines.len(),
                    "{w}×{h}: every label has a place"
                );
            }
            for l in drawn {
                let end = f64::from(layout.plot.0) + 4.0 + 0.6 * 11.0 * l.chars().count() as f64;
                assert!(
                    end < fan_px,
                    "{scale:?} {w}×{h}: '{l}' ends at {end}, fan starts at {fan_px}"
                );
            }
        }
    }
}

/// Pixel layout of `m` drawn at `w × h` (as the SVG backend lays it out).
fn layout_of(m: &ChartModel, w: u32, h: u32) -> trendline_chart::Layout {
    use plotters::prelude::IntoDrawingArea;
    let mut out = String::new();
    let layout = {
        let root = plotters::prelude::SVGBackend::with_string(&mut out, (w, h)).into_drawing_area();
        trendline_chart::draw(&root, m, &Theme::light(1.0)).unwrap()
    };
    layout
}

fn overlaps(a: (i32, i32, i32, i32), b: (i32, i32, i32, i32)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

#[test]
fn frontier_points_are_named_where_there_is_room_and_no_label_covers_another_or_a_point() {
    use trendline_chart::LabelOf;
    for (w, h) in [(1000, 600), (640, 420), (360, 300)] {
        let m = model(&State::default());
        let frontier: Vec<&str> = m
            .points
            .iter()
            .filter(|p| p.filled)
            .filter_map(|p| p.label.as_deref())
            .collect();
        assert!(frontier.len() >= 10, "{frontier:?}");
        assert!(m
            .points
            .iter()
            .filter(|p| !p.filled)
            .all(|p| p.label.is_none()));
        let layout = layout_of(&m, w, h);
        let placed = trendline_chart::place_labels(&m, &layout, &Theme::light(1.0));
        let named: Vec<&str> = placed
            .iter()
            .filter(|p| matches!(p.of, LabelOf::Point(_)))
            .map(|p| p.text.as_str())
            .collect();
        assert!(named.len() >= 3, "{w}x{h}: only {named:?}");
        if w == 1000 {
            assert!(named.len() >= 8, "{w}x{h}: only {named:?}");
        }
        for (i, a) in placed.iter().enumerate() {
            let (l, t, r, b) = layout.plot;
            assert!(
                a.rect.0 >= l && a.rect.2 <= r && a.rect.1 >= t && a.rect.3 <= b,
                "{a:?} leaves the plot {:?}",
                layout.plot
            );
            for b in &placed[i + 1..] {
                assert!(!overlaps(a.rect, b.rect), "{w}x{h}: {a:?} overlaps {b:?}");
            }
            if matches!(a.of, LabelOf::Point(_) | LabelOf::Forecast(_)) {
                for l in m
                    .lines
                    .iter()
                    .filter(|l| l.y >= m.y_range.0 && l.y <= m.y_range.1)
                {
                    let y = layout.to_px(m.x_range.0, l.y).1.round() as i32;
                    assert!(
                        !(a.rect.1 <= y && y <= a.rect.3),
                        "{w}x{h}: {a:?} crosses the line {}",
                        l.label
                    );
                }
                for p in &m.points {
                    let (x, y) = layout.to_px(p.x, p.y);
                    let mark = (x as i32 - 4, y as i32 - 4, x as i32 + 4, y as i32 + 4);
                    assert!(
                        !overlaps(a.rect, mark),
                        "{w}x{h}: {a:?} covers a point at {mark:?}"
                    );
                }
            }
        }
        let svg = render_svg(&m, w, h, &Theme::light(1.0));
        for n in &named {
            let esc = n.replace('&', "&amp;").replace('<', "&lt;");
            assert!(svg.contains(&esc), "{w}x{h}: {n} not in the SVG");
        }
    }
}

#[test]
fn the_published_forecast_is_drawn_on_metr_50_only_as_a_forecast() {
    let m = model(&State::default());
    let ids: Vec<&str> = m.forecasts.iter().map(|f| f.id.as_str()).collect();
    // Value forecasts only: a date forecast (METR's one-month date) is listed with its verdict
    // under the chart, not drawn.
    assert_eq!(ids, ["cotra-2026-01-14"], "{:?}", m.forecasts);
    let f = &m.forecasts[0];
    assert_eq!(f.id, "cotra-2026-01-14");
    assert!(
        (f.y - 1440f64.log10()).abs() < 1e-12,
        "24 h median at log10(1440 min)"
    );
    let (lo, hi) = f.interval.unwrap();
    assert!((lo - 900f64.log10()).abs() < 1e-12 && (hi - 2400f64.log10()).abs() < 1e-12);
    assert_eq!(Day::from_x(f.x).unwrap().to_string(), "2026-12-31");
    assert!(m.points.len() == 26, "a forecast is never a point");
    assert!(m
        .point_legend
        .iter()
        .any(|e| e.0 == trendline_chart::Marker::Diamond && e.3.starts_with("Published forecast")));
    let svg = render_svg(&m, 1000, 600, &Theme::light(1.0));
    assert!(svg.contains("Forecast: Cotra, Jan 2026"));
    // Not on a series it is not about.
    let st = State::default().apply(Action::SelectSeries("mlebench".into()));
    let other = model(&st);
    assert!(other.forecasts.is_empty());
    assert!(!other
        .point_legend
        .iter()
        .any(|e| e.3.starts_with("Published forecast")));
}

#[test]
fn merged_svg_keeps_every_segment_of_every_opaque_line() {
    use plotters::prelude::*;
    // The chart as plotters writes it, then merged: every point of every opaque polyline is in
    // the merged paths, in order, and the document has far fewer elements.
    let m = model(&State::default());
    let mut raw = String::new();
    {
        let root = SVGBackend::with_string(&mut raw, (1000, 600)).into_drawing_area();
        trendline_chart::draw(&root, &m, &Theme::light(1.0)).unwrap();
    }
    let merged = trendline_chart::merge_polylines(&raw);
    let opaque_points = |s: &str| -> Vec<String> {
        s.lines()
            .filter_map(|l| l.strip_prefix("<polyline"))
            .filter(|l| l.contains(" opacity=\"1\""))
            .flat_map(|l| {
                let (_, p) = l.split_once(" points=\"").unwrap();
                p.trim_end_matches("\"/>")
                    .split_whitespace()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let path_points: Vec<String> = merged
        .lines()
        .filter_map(|l| l.strip_prefix("<path"))
        .flat_map(|l| {
            let (_, d) = l.split_once(" d=\"").unwrap();
            d.trim_end_matches("\"/>")
                .split(['M', 'L'])
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let before = opaque_points(&raw);
    assert!(before.len() > 500, "{} points", before.len());
    assert_eq!(path_points, before);
    assert!(opaque_points(&merged).is_empty());
    let (n_raw, n_merged) = (count(&raw, "<"), count(&merged, "<"));
    assert!(n_merged * 3 < n_raw, "{n_merged} elements of {n_raw}");
    // What is not an opaque polyline is untouched.
    let merged_away = |l: &str| {
        l.starts_with("<path") || (l.starts_with("<polyline") && l.contains(" opacity=\"1\""))
    };
    let rest = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| !merged_away(l))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(rest(&merged), rest(&raw));
    // render_svg gives the merged document.
    assert_eq!(
        count(
            &render_svg(&m, 1000, 600, &Theme::light(1.0)),
            "<polyline fill=\"none\" opacity=\"1\""
        ),
        0
    );
}

/// The cumulative chance chart from the default forecast: one curve per milestone, rising,
/// with the date `by` marked where each curve's height is that milestone's chance.
#[test]
fn the_chance_chart_has_a_rising_curve_per_milestone_and_marks_by() {
    use trendline_chart::chance::{chance_chart, chance_svg};
    let d = dataset();
    let s = State::default();
    let f = forecast(d.get(&s.series).unwrap(), None, &s);
    let c = f.chance.as_ref().unwrap();
    let curves: Vec<trendline_chart::small::NamedSeries> = f
        .milestones
        .iter()
        .zip(&c.curves)
        .map(|(m, cv)| {
            (
                m.milestone.id.to_string(),
                m.milestone.label.to_string(),
                c.xs.iter().copied().zip(cv.iter().copied()).collect(),
            )
        })
        .collect();
    let svg = chance_svg(&curves, s.by.x(), "31 Dec 2028", 480.0, 200.0, "chance");
    assert_eq!(count(&svg, "<polyline"), f.milestones.len());
    assert_eq!(count(&svg, "data-testid=\"chance-by-mark\""), 1);
    let (chart, by_x) = chance_chart(&curves, s.by.x(), 480.0, 200.0);
    let by_x = by_x.unwrap();
    let (top, bottom) = (chart.plot.1, chart.plot.3);
    for (line, m) in chart.lines.iter().zip(&f.milestones) {
        // Pixel y never rises as the date goes on (chance never falls).
        assert!(line.points.windows(2).all(|w| w[1].1 <= w[0].1 + 1e-9));
        // Height at the mark (nearest grid point at or before it) within a grid step of the chance.
        let at = line
            .points
            .iter()
            .rev()
            .find(|p| p.0 <= by_x + 1e-9)
            .unwrap();
        let chance_px = (bottom - at.1) / (bottom - top);
        let p = m.prob.unwrap();
        let next = line.points.iter().find(|p| p.0 >= by_x - 1e-9).unwrap();
        let chance_next = (bottom - next.1) / (bottom - top);
        assert!(
            chance_px - 1e-9 <= p && p <= chance_next + 1e-9,
            "{}: {chance_px} {p} {chance_next}",
            m.milestone.id
        );
    }
}
