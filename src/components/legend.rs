use plotters::style::RGBColor;
use std::rc::Rc;
use trendline_chart::{curve_look, ChartModel, CurveStyle, Marker, Theme};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub model: Rc<ChartModel>,
}

fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

fn marker_svg(marker: Marker, filled: bool, color: &str, background: &str) -> Html {
    let fill = if filled {
        color.to_string()
    } else {
        background.to_string()
    };
    let shape = match marker {
        Marker::Circle => {
            html! { <circle cx="9" cy="7" r="4" fill={fill} stroke={color.to_string()} stroke-width="1.5" /> }
        }
        Marker::Dot => html! { <circle cx="9" cy="7" r="2.5" fill={color.to_string()} /> },
        Marker::Square => {
            html! { <rect x="5.5" y="3.5" width="7" height="7" fill={fill} stroke={color.to_string()} stroke-width="1.5" /> }
        }
        Marker::Triangle => {
            html! { <polygon points="9,2 14,11 4,11" fill={fill} stroke={color.to_string()} stroke-width="1.5" /> }
        }
        Marker::Cross => {
            html! { <path d="M5 3 L13 11 M5 11 L13 3" stroke={color.to_string()} stroke-width="2" /> }
        }
        Marker::Diamond => {
            html! { <polygon points="9,1.5 14.5,7 9,12.5 3.5,7" fill={fill} stroke={color.to_string()} stroke-width="1.5" /> }
        }
    };
    html! { <svg width="18" height="14" aria-hidden="true">{shape}</svg> }
}

fn line_svg(color: &str, dash: Option<&str>, width: &str) -> Html {
    html! {
        <svg width="24" height="14" aria-hidden="true">
            <line x1="1" y1="7" x2="23" y2="7" stroke={color.to_string()} stroke-width={width.to_string()} stroke-dasharray={dash.map(str::to_string)} />
        </svg>
    }
}

/// The chart's legend as HTML (readable by screen readers, never covering the data).
#[function_component(Legend)]
pub fn legend(props: &LegendProps) -> Html {
    let t = if crate::hooks::use_dark() {
        Theme::dark(1.0)
    } else {
        Theme::light(1.0)
    };
    let m = &props.model;
    html! {
        <ul class="legend" data-testid="legend">
            { for m.point_legend.iter().map(|(marker, filled, above, label)| {
                let color = hex(if *marker == Marker::Diamond { t.text } else if *above { t.warning } else if *filled { t.frontier } else { t.other });
                html! { <li>{marker_svg(*marker, *filled, &color, &hex(t.background))}{label}</li> }
            }) }
            { for m.curves.iter().map(|c| {
                let (color, dash, width) = curve_look(c.style, &t);
                let dash = dash.map(|(on, off)| format!("{on} {off}"));
                let slot = match c.style {
                    CurveStyle::Scenario(k) => Some(k.to_string()),
                    _ => None,
                };
                html! { <li data-scenario={slot}>{line_svg(&hex(color), dash.as_deref(), &width.to_string())}{&c.label}</li> }
            }) }
            { for m.bands.iter().rev().map(|b| {
                let opacity = if b.level >= 95 { "0.10" } else { "0.26" };
                html! { <li><svg width="24" height="14" aria-hidden="true"><rect x="1" y="2" width="22" height="10" fill={hex(t.projection)} fill-opacity={opacity} /></svg>{&b.label}</li> }
            }) }
        </ul>
    }
}
