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
    /// The point this one repeats (same date and value), fitted once in its name.
    #[prop_or_default]
    pub copy_of: Option<AttrValue>,
    pub dropped: bool,
}

/// Details of one point: shown beside it while hovered or focused, and announced politely.
#[function_component(PointTooltip)]
pub fn point_tooltip(props: &PointTooltipProps) -> Html {
    let node = use_node_ref();
    {
        // Placed through the CSSOM: the Content-Security-Policy (style-src 'self') refuses
        // inline style attributes.
        let node = node.clone();
        use_effect_with((props.x, props.y), move |(x, y)| {
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                let st = el.style();
                let _ = st.set_property("left", &format!("{x:.0}px"));
                let _ = st.set_property("top", &format!("{y:.0}px"));
            }
        });
    }
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
    html! {
        <div class="tooltip" role="status" aria-live="polite" data-testid="point-tooltip" ref={node.clone()}>
            <strong>{&p.model}</strong>
            <span class="muted">{format!(" · {}", p.org)}</span>
            <div class="muted" data-testid="point-tooltip-id">{format!("id: {}", p.id)}</div>
            <div>{format!("{} · {}", p.date, format_value(unit, p.value))}<span class="muted">{format!(" (exact: {})", p.value)}</span></div>
            <div class="muted">{interval}</div>
            <div>{format!("{}{}{}", p.kind.label(), if p.frontier { " · frontier" } else { "" }, if props.fitted { " · in the fit".to_string() } else if let Some(m) = &props.copy_of { format!(" · in the fit once, as {m} (the same date and value)") } else if props.dropped { " · left out by you (click to bring back)".to_string() } else { " · not fitted".to_string() })}</div>
            <div class="src">{&p.source}</div>
        </div>
    }
}
