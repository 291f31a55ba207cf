use super::format_value;
use super::LazyDetails;
use trendline_core::{Family, Prepared};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BacktestPanelProps {
    pub prepared: crate::shared::Shared<Prepared>,
}

/// Rolling-origin hindcasts: each frontier point from the 5th on, predicted from the points
/// before it, scored against the simulated bands.
#[function_component(BacktestPanel)]
pub fn backtest_panel(props: &BacktestPanelProps) -> Html {
    let p = &props.prepared;
    let Some(bt) = &p.backtest else {
        return html! { <p class="hint" data-testid="backtest-none">{"Backtest: needs at least 5 fitted points."}</p> };
    };
    let unit = p.series.meta.unit;
    let space = if p.family == Family::Logistic {
        "log₂ odds"
    } else {
        "log₂"
    };
    let pct = |v: f64| format!("{:.0}%", v * 100.0);
    html! {
            <LazyDetails class="backtest" testid="backtest" summary={html! { <>
                    {"Backtest: would this method have predicted the later points? "}
                    <span>{"80% band covered "}<strong data-testid="backtest-coverage-80" data-value={bt.coverage80.to_string()}>{pct(bt.coverage80)}</strong></span>
                    {", 95% band "}<strong data-testid="backtest-coverage-95" data-value={bt.coverage95.to_string()}>{pct(bt.coverage95)}</strong>
                    {format!(", mean |error| ")}<strong data-testid="backtest-mean-abs-error" data-value={bt.mean_abs_error.to_string()}>{format!("{:.2}", bt.mean_abs_error)}</strong>{format!(" ({space}), {} points", bt.rows.len())}
    </> }}>
                <p class="hint">{"Each point from the 5th on is predicted from the points dated before it (same selection; straight-line fit in log space), with 1000 bootstrap-plus-noise simulations."}</p>
                <div class="table-scroll">
                    <table>
                        <thead><tr><th scope="col">{"Model"}</th><th scope="col">{"Date"}</th><th scope="col">{"Fitted on"}</th><th scope="col">{"Predicted (median)"}</th><th scope="col">{"Actual"}</th><th scope="col">{"In 80%"}</th><th scope="col">{"In 95%"}</th><th scope="col">{"|error|"}</th></tr></thead>
                        <tbody>
                            { for bt.rows.iter().map(|r| {
                                let pt = &p.series.points[r.index];
                                html! { <tr>
                                    <th scope="row">{&pt.model}</th><td>{pt.date.to_string()}</td><td>{format!("{} points", r.trained_on)}</td>
                                    <td>{format_value(unit, p.transform.to_value(r.predicted))}</td><td>{format_value(unit, pt.value)}</td>
                                    <td>{ if r.in80 { "yes" } else { "no" } }</td><td>{ if r.in95 { "yes" } else { "no" } }</td><td>{format!("{:.2}", r.abs_error)}</td>
                                </tr> }
                            }) }
                        </tbody>
                    </table>
                </div>
            </LazyDetails>
        }
}
