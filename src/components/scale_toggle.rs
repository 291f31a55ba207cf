//! Log or linear vertical axis for task lengths, with the note on what the scale shows.

use trendline_core::settings::Scale;
use yew::prelude::*;

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| std::iter::once(f.to_ascii_uppercase()).chain(c).collect())
        .unwrap_or_default()
}

/// Two pressed/unpressed buttons, "Log" and "Linear", and the axis notes beside them (`notes`:
/// what the reader should know about the axis, its scale first, from the chart model).
/// A plain function, not a component (see `chart_summary`): a component type costs about a
/// kilobyte of wasm, more than this small view's re-render is worth skipping.
pub fn scale_toggle(scale: Scale, notes: &[String], on_scale: &Callback<Scale>) -> Html {
    let button = |k: Scale, text: &'static str| {
        let on = scale == k;
        html! {
            <button type="button" aria-pressed={if on { "true" } else { "false" }} class={classes!("seg", on.then_some("on"))}
                data-testid={format!("scale-{}", k.token())} onclick={on_scale.reform(move |_| k)}>{text}</button>
        }
    };
    html! {
        <div class="chart-tools">
            <div class="segmented" role="group" aria-label="Vertical axis">
                <span class="seg-label">{"Axis:"}</span>
                {button(Scale::Log, "Log")}
                {button(Scale::Linear, "Linear")}
            </div>
            <p class="scale-note" data-testid="scale-note" data-scale={scale.token()} aria-live="polite">
                <strong>{ match scale { Scale::Log => "Log scale. ", Scale::Linear => "Linear scale. " } }</strong>
                { notes.iter().map(|n| n.split_once(": ").map_or(n.to_string(), |(_, rest)| capitalised(rest))).collect::<Vec<_>>().join(" ") }
            </p>
        </div>
    }
}
