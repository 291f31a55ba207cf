use super::{data_number, typed_number};
use trendline_core::data::units::{doubling_in_words, format_days_and_months, rate_in_words};
use trendline_core::settings::{DOUBLING_DAYS_LIMITS, SLIDER_DOUBLING_DAYS};
use yew::prelude::*;

/// What [`doubling_control`] shows and whom it tells.
pub struct DoublingControlProps {
    /// Doubling time in use (the reader's, else the fitted one).
    pub assumed: Option<f64>,
    /// Fitted doubling time.
    pub fitted: Option<f64>,
    /// Whether the reader overrides the fit.
    pub overridden: bool,
    /// The family, which says what the doubling time is of.
    pub family: trendline_core::Family,
    /// For a linear (index) trend: the index points one step of the slider's "days" counts.
    pub index_step: Option<f64>,
    pub on_set: Callback<f64>,
    pub on_reset: Callback<()>,
}

/// The doubling-time slider with a typed number beside it; redraws on every `input` event.
/// A plain function, not a component: it changes with every slider input anyway, so a
/// component (about a kilobyte of wasm per type) would skip no re-render worth its size.
pub fn doubling_control(props: &DoublingControlProps) -> Html {
    let (smin, smax) = SLIDER_DOUBLING_DAYS;
    let (tmin, tmax) = DOUBLING_DAYS_LIMITS;
    let on_slider = {
        let cb = props.on_set.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = typed_number(&e) {
                cb.emit(v);
            }
        })
    };
    let on_typed = {
        let cb = props.on_set.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = typed_number(&e).filter(|v| *v >= tmin && *v <= tmax) {
                cb.emit(v);
            }
        })
    };
    let on_reset = {
        let cb = props.on_reset.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let disabled = props.assumed.is_none();
    let slider_value = props.assumed.map(|v| v.clamp(smin, smax)).unwrap_or(smin);
    // The slider's value in words, e.g. "doubling every 4.3 months (130 days)".
    let words = props.assumed.map(|v| match props.family {
        trendline_core::Family::Logistic => doubling_in_words(v, "odds "),
        trendline_core::Family::Superexponential => format!("{} now", doubling_in_words(v, "")),
        trendline_core::Family::Exponential => doubling_in_words(v, ""),
        trendline_core::Family::Linear => format!(
            "{} ({} days per {} points)",
            rate_in_words(v, props.index_step.unwrap_or(1.0)),
            (v * 10.0).round() / 10.0,
            props.index_step.unwrap_or(1.0)
        ),
    });
    let typed_value = props
        .assumed
        .map(|v| format!("{}", (v * 10.0).round() / 10.0))
        .unwrap_or_default();
    html! {
        <div class="doubling">
            <label for="doubling-slider" class="doubling-label">{ match props.family {
                trendline_core::Family::Logistic => "Assumed odds-doubling time",
                trendline_core::Family::Superexponential => "Assumed doubling time now (each later doubling shorter by a)",
                trendline_core::Family::Exponential => "Assumed doubling time",
                trendline_core::Family::Linear => "Assumed rate (days per index step)",
            } }</label>
            <div class="doubling-inputs">
                <input id="doubling-slider" type="range" data-testid="doubling-slider"
                    min={smin.to_string()} max={smax.to_string()} step="1"
                    list="fitted-doubling-mark"
                    value={slider_value.to_string()} disabled={disabled}
                    aria-valuetext={words.unwrap_or_else(|| "no doubling time: the trend could not be fitted".into())}
                    oninput={on_slider} />
                <datalist id="fitted-doubling-mark">
                    if let Some(f) = props.fitted { <option value={f.to_string()} label="fitted" /> }
                </datalist>
                <input type="number" class="doubling-number" data-testid="doubling-input" aria-label="Assumed doubling time in days"
                    min={tmin.to_string()} max={tmax.to_string()} step="any"
                    value={typed_value} disabled={disabled} oninput={on_typed} />
                <span class="unit">{"days"}</span>
            </div>
            <p class="doubling-readout">
                <span data-testid="assumed-doubling-days" data-value={data_number(props.assumed)}>
                    { props.assumed.map(format_days_and_months).unwrap_or_else(|| "—".into()) }
                </span>
                if props.overridden {
                    <span class="tag">{"your assumption"}</span>
                    <button type="button" class="link-button" data-testid="reset-doubling" onclick={on_reset}>
                        { match props.fitted { Some(f) => format!("Reset to fitted ({f:.1} days)"), None => "Reset to fitted".into() } }
                    </button>
                } else {
                    <span class="tag">{"fitted"}</span>
                }
            </p>
        </div>
    }
}
