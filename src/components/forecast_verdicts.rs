use crate::shared::Shared;
use trendline_core::data::published::PublishedForecast;
use trendline_core::forecast::verdict::{verdicts, VerdictKind};
use trendline_core::Forecast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ForecastVerdictsProps {
    /// The published forecasts about the series.
    pub forecasts: std::rc::Rc<Vec<PublishedForecast>>,
    pub forecast: Shared<Forecast>,
    /// Reliability level of the horizons shown (forecasts are about 50% horizons).
    pub rel: f64,
}

/// Each published forecast about the series, scored: against the measured frontier once its
/// date has passed (inside, above or below its range), against the projection otherwise
/// (ahead or behind, by how many months, and the chance of its value by its date). The rule
/// is `forecast::verdict`'s.
#[function_component(ForecastVerdicts)]
pub fn forecast_verdicts(props: &ForecastVerdictsProps) -> Html {
    if props.forecasts.is_empty() {
        return html! {};
    }
    let Some(verdicts) = verdicts(&props.forecast, &props.forecasts, props.rel) else {
        return html! {
            <section class="forecast-verdicts" aria-labelledby="forecast-verdicts-h">
                <h3 id="forecast-verdicts-h">{"Published forecasts, scored"}</h3>
                <p class="hint" data-testid="forecast-verdicts-rel">{format!(
                    "The published forecasts are about 50% time horizons; they are scored at 50% reliability only (shown: {}%).",
                    props.rel
                )}</p>
            </section>
        };
    };
    let rows = props.forecasts.iter().zip(verdicts).map(|(f, v)| {
        let id = &f.id;
        match v {
            Some(v) => {
                let word = match v.kind {
                    VerdictKind::Inside => "Inside its range",
                    VerdictKind::Above => "Above its range",
                    VerdictKind::Below => "Below its range",
                    VerdictKind::Ahead => "Trend ahead",
                    VerdictKind::Behind => "Trend behind",
                };
                html! {
                    <li data-testid={format!("forecast-{id}-row")}>
                        <strong>{&f.label}</strong>{": "}
                        <span class={classes!("verdict", format!("verdict-{}", v.kind.token()))}
                            data-testid={format!("forecast-{id}-verdict")} data-value={v.kind.token()}>{word}</span>
                        {". "}
                        <span data-testid={format!("forecast-{id}-sentence")}>{&v.sentence}</span>
                        if let Some(m) = v.months {
                            <span hidden=true data-testid={format!("forecast-{id}-months")} data-value={m.to_string()}></span>
                        }
                        if let Some(p) = v.probability {
                            <span hidden=true data-testid={format!("forecast-{id}-prob")} data-value={p.to_string()}></span>
                        }
                    </li>
                }
            }
            None => html! {
                <li data-testid={format!("forecast-{id}-row")}>
                    <strong>{&f.label}</strong>{": "}
                    <span class="verdict" data-testid={format!("forecast-{id}-verdict")} data-value="">{"not scored"}</span>
                    {" (no measured point before its date)."}
                </li>
            },
        }
    });
    html! {
        <section class="forecast-verdicts" aria-labelledby="forecast-verdicts-h" data-testid="forecast-verdicts">
            <h3 id="forecast-verdicts-h">{"Published forecasts, scored"}</h3>
            <p class="hint">{"A forecast whose date has passed is compared with the measured frontier (the best measured value up to its date); one still ahead with the trend drawn: when it reaches the forecast's value, and the chance of that value by that date from the selected band's simulated trends. The CSV export carries the same verdicts."}</p>
            <ul>{ for rows }</ul>
        </section>
    }
}
