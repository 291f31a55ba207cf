use crate::browser;
use yew::prelude::*;

const KEY: &str = "trendline-howto-dismissed";

/// "How to read this": a short explainer of the chart and the table, dismissible; the
/// dismissal is kept in this browser.
#[function_component(HowToRead)]
pub fn how_to_read() -> Html {
    let shown = use_state_eq(|| browser::load(KEY).is_none());
    if !*shown {
        return html! {};
    }
    let dismiss = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| {
            browser::save(KEY, "1");
            shown.set(false);
        })
    };
    html! {
        <aside class="how-to-read" data-testid="how-to-read" aria-labelledby="how-to-read-title">
            <div class="how-head">
                <h2 id="how-to-read-title">{"How to read this"}</h2>
                <button type="button" class="link-button" data-testid="how-to-read-dismiss" onclick={dismiss}>{"Got it, hide this"}</button>
            </div>
            <ul>
                <li>{"Each dot is one model's result, placed at the date named under the chart. Filled dots are the frontier (the best result so far); the solid line is the trend fitted through them."}</li>
                <li>{"Task lengths are on a log scale: each step up the axis is a multiple, so a straight line means a constant doubling time."}</li>
                <li>{"The dashed line continues the trend at the doubling time set by the slider; the shaded bands hold 80% and 95% of simulated trends: by default the calibrated band, which adds to the fit's own uncertainty how far this trend's past forecasts missed (the backtest scores it; band=fit shows the fit's uncertainty alone)."}</li>
                <li>{"The table gives the date each milestone is reached if the trend continues: an extrapolation of past results, not a prediction."}</li>
            </ul>
        </aside>
    }
}
