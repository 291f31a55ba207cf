use gloo::timers::callback::Timeout;
use trendline_core::sharing::url::{decode, encode, Decoded, View};
use trendline_core::State;
use yew::prelude::*;

/// Milliseconds the URL waits after the last change before it is rewritten.
const DEBOUNCE_MS: u32 = 250;

/// The state the page's query string asks for (defaults where it asks for nothing valid).
pub fn initial_from_url(known_series: &[&str]) -> Decoded {
    let query = crate::browser::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    decode(&query, known_series)
}

/// Keeps the address bar's query equal to the state (pass it resolved for its series, so every
/// setting is written explicitly), with a debounced `replaceState` (a slider drag writes once,
/// and never floods the history). `view` is written last (`view=single` or `view=mosaic`).
#[hook]
pub fn use_url_sync(state: &State, embed: bool, view: View) {
    use_effect_with((state.clone(), embed, view), |(state, embed, view)| {
        let (state, embed, view) = (state.clone(), *embed, *view);
        // Encoded when the timer fires: once per pause of a drag, not per input.
        let timer = Timeout::new(DEBOUNCE_MS, move || {
            let mut query = encode(&state, &crate::bundle::MANIFEST.vintage);
            if embed {
                query.push_str("&embed=1");
            } else {
                query.push_str("&view=");
                query.push_str(view.token());
            }
            let Some(w) = crate::browser::window() else {
                return;
            };
            let Ok(history) = w.history() else { return };
            let path = w.location().pathname().unwrap_or_default();
            let hash = w.location().hash().unwrap_or_default();
            // Fails quietly where the page may not touch its history (sandboxed frames).
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("{path}?{query}{hash}")),
            );
        });
        move || drop(timer)
    });
}
