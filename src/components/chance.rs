//! The chance of each milestone by a date: the band and the date (`band`, `by`), a sentence a
//! reader can quote, and the cumulative chart (chance reached against the date, a curve per
//! milestone, the date marked) drawn by the chart crate.

use crate::hooks::use_width;
use crate::shared::Shared;
use trendline_chart::chance::chance_svg;
use trendline_core::forecast::mosaic::next_milestone_for;
use trendline_core::settings::Band;
use trendline_core::{Action, Day, Forecast};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChanceProps {
    pub forecast: Shared<Forecast>,
    pub band: Band,
    pub by: Day,
    pub dispatch: Callback<Action>,
    /// Sentence only, no controls or chart (embedded view).
    #[prop_or_default]
    pub compact: bool,
}

/// "31 Dec 2028".
pub fn long_date(d: Day) -> String {
    const M: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, m, day) = d.ymd();
    format!("{day} {} {y}", M[(usize::from(m).clamp(1, 12)) - 1])
}

/// The quotable sentence for one milestone.
pub fn chance_sentence(label: &str, by: Day, p: f64, band: Band) -> String {
    format!(
        "Chance the trend reaches {label} by {}: {} ({}; an extrapolation of past progress, not a prediction of events)",
        long_date(by),
        crate::components::percent(p),
        band.label()
    )
}

#[function_component(Chance)]
pub fn chance(props: &ChanceProps) -> Html {
    let fc = &*props.forecast;
    let figure = use_node_ref();
    let width = use_width(&figure, 520.0).clamp(240.0, 560.0);
    let next = next_milestone_for(&fc.prepared.series);
    let row = fc
        .milestones
        .iter()
        .find(|m| m.milestone.id == next && m.prob.is_some())
        .or_else(|| {
            fc.milestones
                .iter()
                .find(|m| m.prob.is_some_and(|p| p < 1.0))
        });
    let quote = row.and_then(|r| {
        r.prob.map(|p| {
            let label = match r.milestone.hours {
                Some(_) if r.milestone.id != "custom" => format!("{} tasks", r.milestone.label),
                _ => r.milestone.label.to_string(),
            };
            (
                r.milestone.id.to_string(),
                chance_sentence(&label, props.by, p, props.band),
            )
        })
    });
    let quote_html = match &quote {
        Some((id, q)) => {
            html! { <p class="chance-quote" data-testid="chance-quote" data-milestone-id={id.clone()}>{q}</p> }
        }
        None => html! { <p class="hint" data-testid="chance-quote-none">{
            if props.by.x() <= fc.prepared.fit.as_ref().map_or(f64::INFINITY, |f| f.span.1.x()) {
                format!("{} is not after the last fitted date, so there is no chance to give: the trend is already known there.", long_date(props.by))
            } else {
                "No chance to give: it needs simulated trends (Monte Carlo on) and a rising fit.".to_string()
            }
        }</p> },
    };
    if props.compact {
        return quote_html;
    }
    let on_band = props.dispatch.reform(|e: Event| {
        let s: HtmlSelectElement = e.target_unchecked_into();
        Action::SetBand(Band::from_token(&s.value()).unwrap_or_default())
    });
    let on_by = {
        let d = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let i: HtmlInputElement = e.target_unchecked_into();
            if let Ok(day) = Day::parse(&i.value()) {
                d.emit(Action::SetBy(day));
            }
        })
    };
    let chart = fc.chance.as_ref().map(|c| {
        let curves: Vec<trendline_chart::small::NamedSeries> = fc
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
        let label = format!(
            "Chance each milestone is reached, against the date, {}; {} marked.",
            props.band.label(),
            long_date(props.by)
        );
        let svg = chance_svg(
            &curves,
            props.by.x(),
            &long_date(props.by),
            width,
            180.0,
            &label,
        );
        (curves, Html::from_html_unchecked(AttrValue::from(svg)))
    });
    // The calibrated band's level shift μ moves the simulated trends off the projection line:
    // say so, with its size, wherever it is large enough to move the dates.
    let recentred = fc
        .prepared
        .calibration
        .as_ref()
        .filter(|c| props.band == Band::Calibrated && c.bias.abs() >= 0.05)
        .map(|c| {
            let (how, when) = if c.bias > 0.0 { ("low", "earlier") } else { ("high", "later") };
            format!(
                "The calibrated band also re-centres the simulated trends: this trend's earlier one-step forecasts landed {how} by {:.2} ({}) on average, shrunk towards 0, so the chances and the simulated dates in the table come {when} than the projection line's.",
                c.bias.abs(),
                fc.prepared.transform.space_label()
            )
        });
    html! {
        <section class="chance" data-testid="chance" aria-label="Chance of each milestone by a date">
            <div class="chance-controls">
                <label>{"Band "}
                    <select data-testid="band-select" onchange={on_band}>
                        <option value="calibrated" selected={props.band == Band::Calibrated}>{"calibrated (default)"}</option>
                        <option value="fit" selected={props.band == Band::Fit}>{"fit only"}</option>
                    </select>
                </label>
                <label>{"Chance by "}
                    <input type="date" data-testid="by-input" value={props.by.to_string()} min="2020-01-01" max="2100-12-31" onchange={on_by} />
                </label>
            </div>
            {quote_html}
            <p class="hint">{"The default date, 31 Dec 2028, is the horizon of the essay “Automating AI Research”, which puts a likely chance (60%+) on no-human-involved AI R&D by the end of 2028. The chance is the share of simulated trends that reach the milestone by that date; the calibrated band widens the fit's own uncertainty by how far this trend's past forecasts missed (see the backtest)."}</p>
            if let Some(text) = recentred {
                <p class="hint" data-testid="chance-recentred">{text}</p>
            }
            if let Some((curves, svg)) = chart {
                <figure class="chance-figure" ref={figure} data-testid="chance-chart" data-curves={curves.len().to_string()}>
                    {svg}
                    <figcaption class="legend-row">
                        { for curves.iter().enumerate().map(|(i, (id, label, _))| html! {
                            <span class={classes!("chance-key", format!("chance-{}", i % 6))} data-id={id.clone()}>{label.clone()}</span>
                        }) }
                    </figcaption>
                </figure>
            } else {
                <div ref={figure} />
            }
        </section>
    }
}
