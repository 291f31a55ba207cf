use super::format_value;
use super::LazyDetails;
use trendline_core::forecast::backtest::Score;
use trendline_core::forecast::Deferred;
use trendline_core::settings::Band;
use trendline_core::Prepared;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BacktestPanelProps {
    pub prepared: crate::shared::Shared<Prepared>,
    /// The analyses that follow the first pass (`None` until they arrive).
    pub analyses: Option<crate::shared::Shared<Deferred>>,
    /// The selected band (its figures lead; the other band's are beside them).
    #[prop_or_default]
    pub band: Band,
}

/// Rolling-origin hindcasts: each frontier point with at least 4 points dated before it,
/// predicted from those points, scored against both bands (coverage at 80% and 95%, mean 80% width, interval
/// score at 80%).
#[function_component(BacktestPanel)]
pub fn backtest_panel(props: &BacktestPanelProps) -> Html {
    let p = &props.prepared;
    // The first pass (and the build's pre-render of it) leaves the backtest out; it follows a
    // moment later. Only analyses without one mean too few points.
    let Some(later) = &props.analyses else {
        return html! { <p class="hint" data-testid="backtest-pending" data-analyses="backtest">{"Backtest: being worked out…"}</p> };
    };
    let Some(bt) = &later.backtest else {
        return html! { <p class="hint" data-testid="backtest-none">{"Backtest: needs at least 5 fitted points."}</p> };
    };
    let unit = p.series.meta.unit;
    let space = p.transform.space_label();
    let pct = |v: f64| format!("{:.0}%", v * 100.0);
    let (band, other) = (props.band, props.band.other());
    let (s, o): (&Score, &Score) = (bt.score(band), bt.score(other));
    let figures = |sc: &Score, prefix: &str| {
        let t = |name: &str| Some(format!("{prefix}{name}"));
        html! { <>
            <td data-testid={t("coverage-80")} data-value={sc.coverage80.to_string()}>{format!("{} ({}/{})", pct(sc.coverage80), sc.hits80, sc.n)}</td>
            <td data-testid={t("coverage-95")} data-value={sc.coverage95.to_string()}>{format!("{} ({}/{})", pct(sc.coverage95), sc.hits95, sc.n)}</td>
            <td data-testid={t("mean-width-80")} data-value={sc.mean_width80.to_string()}>{format!("{:.2}", sc.mean_width80)}</td>
            <td data-testid={t("interval-score-80")} data-value={sc.interval_score80.to_string()}>{format!("{:.2}", sc.interval_score80)}</td>
        </> }
    };
    html! {
            <LazyDetails class="backtest" testid="backtest" summary={html! { <>
                    {format!("Backtest ({}): would this method have predicted the later points? ", band.label())}
                    <span>{"80% band covered "}<strong data-testid="backtest-coverage-80" data-value={s.coverage80.to_string()}>{pct(s.coverage80)}</strong></span>
                    {", 95% band "}<strong data-testid="backtest-coverage-95" data-value={s.coverage95.to_string()}>{pct(s.coverage95)}</strong>
                    {" of "}<strong data-testid="backtest-n" data-value={s.n.to_string()}>{s.n}</strong>{" points; interval score "}
                    <strong data-testid="backtest-interval-score-80" data-value={s.interval_score80.to_string()}>{format!("{:.2}", s.interval_score80)}</strong>
                    {format!(" ({}: {}, {}, {:.2}); mean |error| of the fit's median ", other.label(), pct(o.coverage80), pct(o.coverage95), o.interval_score80)}
                    <strong data-testid="backtest-mean-abs-error" data-value={bt.mean_abs_error.to_string()}>{format!("{:.2}", bt.mean_abs_error)}</strong>{format!(" ({space})")}
    </> }}>
                <div class="table-scroll">
                    <table class="backtest-scores" data-testid="backtest-scores">
                        <caption>{"Both bands on the same points (lower interval score is better: it punishes both misses and width; Gneiting & Raftery 2007)"}</caption>
                        <thead><tr><th scope="col">{"Band"}</th><th scope="col">{"80% covered"}</th><th scope="col">{"95% covered"}</th><th scope="col">{format!("Mean 80% width ({space})")}</th><th scope="col">{"Interval score at 80%"}</th></tr></thead>
                        <tbody>
                            <tr class="selected"><th scope="row">{format!("{} (shown)", band.label())}</th>{figures(s, "backtest-table-")}</tr>
                            <tr data-testid="backtest-other"><th scope="row">{other.label()}</th>{figures(o, "backtest-other-")}</tr>
                        </tbody>
                    </table>
                </div>
                <p class="hint">{format!("Each point with at least 4 points dated before it is predicted from those points alone (same selection; straight-line fit in the fit space, {space}), with 1000 bootstrap-plus-noise simulations; the calibrated band also re-scales and re-centres them by that earlier data's own forecast errors. A point repeating an earlier one's date and value is not scored again. Every bundled series: docs/calibration.md.")}</p>
                <div class="table-scroll">
                    <table>
                        <thead><tr><th scope="col">{"Model"}</th><th scope="col">{"Date"}</th><th scope="col">{"Fitted on"}</th><th scope="col">{"Predicted (median)"}</th><th scope="col">{"Actual"}</th><th scope="col">{"In 80%"}</th><th scope="col">{"In 95%"}</th><th scope="col">{"|error|"}</th></tr></thead>
                        <tbody>
                            { for bt.rows.iter().map(|r| {
                                let pt = &p.series.points[r.index];
                                let iv = r.interval(band);
                                html! { <tr>
                                    <th scope="row">{&pt.model}</th><td>{pt.date.to_string()}</td><td>{format!("{} points", r.trained_on)}</td>
                                    <td>{format_value(unit, p.transform.to_value(iv.q[2]))}</td><td>{format_value(unit, pt.value)}</td>
                                    <td>{ if iv.in80(r.actual) { "yes" } else { "no" } }</td><td>{ if iv.in95(r.actual) { "yes" } else { "no" } }</td><td>{format!("{:.2}", (r.actual - iv.q[2]).abs())}</td>
                                </tr> }
                            }) }
                        </tbody>
                    </table>
                </div>
            </LazyDetails>
        }
}
