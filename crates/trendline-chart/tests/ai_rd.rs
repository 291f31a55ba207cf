//! Charts of the AI R&D series: speedups on a log axis with the cards' expert-effort lines,
//! indices on a linear axis with a rate in their legend, method breaks as vertical lines.

use std::path::PathBuf;
use trendline_chart::{build_model, render_svg, ChartModel, ModelOptions, Theme, YAxis};
use trendline_core::{forecast, Dataset, State};

fn model(id: &str) -> ChartModel {
    let d =
        Dataset::load_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")).unwrap();
    let state = State {
        series: id.into(),
        ..State::default()
    };
    let f = forecast(d.get(id).unwrap(), None, &state);
    build_model(
        &f,
        &ModelOptions {
            end: f.until,
            legend_in_plot: true,
            ..ModelOptions::default()
        },
    )
}

#[test]
fn the_kernel_task_is_a_log_speedup_axis_with_the_cards_equivalences() {
    let m = model("anthropic-kernels");
    assert_eq!(m.y_axis, YAxis::LogMultiplier);
    assert!(m.y_title.contains("Speedup"));
    for (v, label) in [
        (4.0f64, "4× ≈ 1 h of expert effort (cards)"),
        (200.0, "200× ≈ 8 h of expert effort (cards)"),
        (300.0, "300× ≈ 40 h of expert effort (later cards)"),
    ] {
        let l = m
            .lines
            .iter()
            .find(|l| l.label == label)
            .unwrap_or_else(|| panic!("{label}"));
        assert!((l.y - v.log10()).abs() < 1e-12, "{label}");
        assert!(
            m.y_range.0 <= l.y && l.y <= m.y_range.1,
            "{label} inside the axis"
        );
    }
    assert!(m.y_ticks.iter().any(|(_, t)| t == "100×"));
    // The fit is a straight line on this axis, through the frontier points.
    let fit = m
        .curves
        .iter()
        .find(|c| c.label.starts_with("Fitted trend"))
        .unwrap();
    assert!(fit.label.contains("doubles every"));
    // The drawn chart prints the levels' labels (full or shortened where space is short).
    let svg = render_svg(&m, 800, 500, &Theme::light(1.0));
    assert!(svg.contains("≈ 8 h"), "the 200× line is labelled");
}

#[test]
fn eci_is_a_linear_index_axis_with_its_rate_in_points_per_year() {
    let m = model("eci");
    assert_eq!(m.y_axis, YAxis::Index);
    assert!(m
        .y_ticks
        .iter()
        .all(|(_, t)| !t.contains('×') && !t.contains('%')));
    let fit = m
        .curves
        .iter()
        .find(|c| c.label.starts_with("Fitted linear trend"))
        .unwrap();
    assert!(fit.label.contains("points/year"), "{}", fit.label);
    assert!(m
        .lines
        .iter()
        .any(|l| l.label == "170.0 points" && (l.y - 170.0).abs() < 1e-12));
    // Every point is inside the vertical range.
    assert!(m
        .points
        .iter()
        .all(|p| m.y_range.0 <= p.y && p.y <= m.y_range.1));
}

#[test]
fn the_llm_training_chart_marks_its_method_break() {
    let m = model("anthropic-llm-training");
    assert!(m.vlines.iter().any(|v| v.label.contains("fixed-CPU")));
}
