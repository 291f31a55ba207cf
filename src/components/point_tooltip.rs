use super::format_value;
use crate::hooks::SeriesRef;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PointTooltipProps {
    pub series: SeriesRef,
    /// Index into the series' points.
    pub index: usize,
    /// Position within the chart, CSS pixels.
    pub x: f64,
    pub y: f64,
    pub fitted: bool,
    pub dropped: bool,
}

/// Details of one point: shown beside it while hovered or focused, and announced politely.
#[function_component(PointTooltip)]
pub fn point_tooltip(props: &PointTooltipProps) -> Html {
    let s = &props.series.0;
    let Some(p) = s.points.get(props.index) else {
        return html! {};
    };
    let unit = s.meta.unit;
    let interval = match (p.ci_low, p.ci_high) {
        (Some(l), Some(h)) => format!(
            "{} – {} ({})",
            format_value(unit, l),
            format_value(unit, h),
            s.meta.interval
        ),
        _ => "no interval published".into(),
    };
    let left = format!("left: {:.0}px; top: {:.0}px", props.x, props.y);
    html! {
        <div class="tooltip" role="status" aria-live="polite" data-testid="point-tooltip" style={left}>
            <strong>{&p.model}</strong>
            <span class="muted">{format!(" · {}", p.org)}</span>
            <div>{format!("{} · {}", p.date, format_value(unit, p.value))}<span class="muted">{format!(" (exact: {})", p.value)}</span></div>
            <div class="muted">{interval}</div>
            <div>{format!("{}{}{}", p.kind.label(), if p.frontier { " · frontier" } else { "" }, if props.fitted { " · in the fit" } else if props.dropped { " · left out by you (click to bring back)" } else { " · not fitted" })}</div>
            <div class="src">{&p.source}</div>
        </div>
    }
}
