//! Sensitivity: the date a chosen milestone is reached (y) against the assumed doubling time
//! (x), with the fitted value and its 95% interval marked and the slider's value as a marker
//! that moves with it.

use crate::hooks::use_width;
use crate::shared::Shared;
use trendline_chart::small::sensitivity_chart;
use trendline_core::forecast::mosaic::next_milestone_for;
use trendline_core::forecast::sensitivity::{crossing_at, doubling_range, sensitivity};
use trendline_core::{Family, Forecast};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SensitivityProps {
    pub forecast: Shared<Forecast>,
}

#[function_component(Sensitivity)]
pub fn sensitivity_chart_view(props: &SensitivityProps) -> Html {
    let fc = &*props.forecast;
    let chosen = use_state(|| None::<String>);
    let figure = use_node_ref();
    let width = use_width(&figure, 520.0).clamp(240.0, 560.0);
    let (Some(p), Some(assumed)) = (fc.projection, fc.assumed_doubling) else {
        return html! { <div ref={figure} /> };
    };
    // The chosen milestone, else the mosaic's next milestone for the series, else the first
    // one the projection has not reached by the anchor.
    let next = next_milestone_for(&fc.prepared.series);
    let row = chosen
        .as_ref()
        .and_then(|id| fc.milestones.iter().find(|m| m.milestone.id == *id))
        .or_else(|| fc.milestones.iter().find(|m| m.milestone.id == next))
        .or_else(|| {
            fc.milestones
                .iter()
                .find(|m| m.assumed.is_some_and(|d| d.x() > p.anchor_x))
        })
        .or(fc.milestones.first());
    let Some(row) = row else {
        return html! { <div ref={figure} /> };
    };
    // The axis spans the fit's neighbourhood (so it holds still while the slider moves),
    // stretched to the slider's value when that is outside it.
    // The selected band's interval (the calibrated one is wider) sets the axis too, so its
    // shading sits inside the axis with room on both sides where its ends are finite.
    let band_ci = fc.prepared.ci_for(fc.band);
    let Some(base) = doubling_range(None, fc.fitted_doubling, band_ci)
        .or_else(|| doubling_range(Some(assumed), None, None))
    else {
        return html! { <div ref={figure} /> };
    };
    let range = (base.0.min(assumed), base.1.max(assumed));
    let target = row.milestone.target;
    let curve: Vec<(f64, f64)> = sensitivity(fc, target, range)
        .into_iter()
        .map(|(t, d)| (t, d.x()))
        .collect();
    let at = |t: Option<f64>| t.map(|t| (t, crossing_at(fc, target, t).map(|d| d.x())));
    // The interval of the selected band (the calibrated one is wider); an infinite end (a
    // flat trend inside the interval) is drawn to the edge of the axis.
    let (ci_lo, ci_hi) = band_ci.map_or((None, None), |c| {
        (Some(c.0.min(range.1)), Some(c.1.min(range.1)))
    });
    let marks: Vec<(f64, Option<f64>)> = [Some(assumed), fc.fitted_doubling, ci_lo, ci_hi]
        .into_iter()
        .map(|t| at(t).unwrap_or((f64::NAN, None)))
        .collect();
    let h = 200.0;
    let (c, m) = sensitivity_chart(&curve, &marks, width, h);
    let (l, top, r, b) = c.plot;
    let clampx = |x: f64| x.clamp(l, r);
    let path: String = c.lines[0]
        .points
        .iter()
        .enumerate()
        .map(|(i, (x, y))| format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" }))
        .collect();
    let date_at = crossing_at(fc, target, assumed);
    let on_pick = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            chosen.set(Some(s.value()));
        })
    };
    let what = if fc.prepared.family == Family::Linear {
        "days-per-index-step"
    } else if fc.prepared.family == Family::Logistic {
        "odds-doubling"
    } else {
        "doubling"
    };
    let marker = m[0];
    // The interval in words: an infinite end is a trend that may not grow at all.
    let ci_text = match band_ci {
        Some((lo, hi)) if hi.is_finite() => format!("{lo:.0} to {hi:.0} days"),
        Some((lo, _)) => format!("{lo:.0} days to no growth at all, shaded to the axis's edge"),
        None => "none".into(),
    };
    let f1 = |v: f64| format!("{v:.1}");
    html! {
        <figure class="sensitivity" ref={figure} data-testid="sensitivity"
            data-milestone-id={row.milestone.id.to_string()}
            data-marker-x={f1(marker.0)}
            data-marker-doubling={crate::components::data_number(Some(assumed))}
            data-marker-date={date_at.map(|d| d.to_string()).unwrap_or_default()}>
            <figcaption>
                <label>{"How the date of "}
                    <select data-testid="sensitivity-milestone" onchange={on_pick} aria-label="Milestone">
                        { for fc.milestones.iter().map(|mr| html! {
                            <option value={mr.milestone.id.to_string()} selected={mr.milestone.id == row.milestone.id}>{mr.milestone.label.to_string()}</option>
                        }) }
                    </select>
                </label>
                {format!(" depends on the assumed {what} time")}
            </figcaption>
            <svg width={width.to_string()} height={h.to_string()} viewBox={format!("0 0 {width} {h}")} role="img"
                aria-label={format!("{} reached on {} at a {what} time of {:.0} days; later for slower trends.", row.milestone.label, date_at.map(|d| d.to_string()).unwrap_or_else(|| "no date".into()), assumed)}>
                if let (Some(a), Some(bx)) = (ci_lo.map(|_| m[2].0), ci_hi.map(|_| m[3].0)) {
                    <rect class="ci-band" x={f1(clampx(a))} y={f1(top)} width={f1((clampx(bx) - clampx(a)).max(0.0))} height={f1(b - top)} />
                }
                <g class="grid">
                    { for c.y_ticks.iter().map(|k| html! {
                        <>
                            <line x1={f1(l)} x2={f1(r)} y1={f1(k.at)} y2={f1(k.at)} />
                            <text class="tick" x={f1(l - 6.0)} y={f1(k.at + 4.0)} text-anchor="end">{&k.label}</text>
                        </>
                    }) }
                    { for c.x_ticks.iter().map(|k| html! {
                        <text class="tick" x={f1(k.at)} y={f1(b + 16.0)} text-anchor="middle">{&k.label}</text>
                    }) }
                    <line x1={f1(l)} x2={f1(r)} y1={f1(b)} y2={f1(b)} />
                </g>
                <text class="tick" x={f1(r)} y={f1(h - 2.0)} text-anchor="end">{format!("{what} time, days")}</text>
                if fc.fitted_doubling.is_some() {
                    <line class="fitted-mark" data-testid="sensitivity-fitted" x1={f1(m[1].0)} x2={f1(m[1].0)} y1={f1(top)} y2={f1(b)} />
                }
                <path class="sens-curve" d={path} />
                <line class="slider-mark" x1={f1(marker.0)} x2={f1(marker.0)} y1={f1(top)} y2={f1(b)} />
                if let Some(y) = marker.1 {
                    <circle class="slider-dot" data-testid="sensitivity-marker" cx={f1(marker.0)} cy={f1(y)} r="5" />
                }
            </svg>
            <p class="hint">
                {format!("Shaded: the {what} time's 95% interval ({}: {}); dashed: the fitted value; dot: the slider's value ({:.0} days", fc.band.label(), ci_text, assumed)}
                {match date_at { Some(d) => format!(", reached on {d}).", ), None => ", never reached).".into() }}
            </p>
        </figure>
    }
}
