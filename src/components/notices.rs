use yew::prelude::*;

/// Dismissible notices (for example, link settings that were ignored).
/// A plain function, not a component (see `chart_summary`): a component type costs about a
/// kilobyte of wasm, more than this small view's re-render is worth skipping.
pub fn notices(messages: &[String], on_dismiss: &Callback<()>) -> Html {
    if messages.is_empty() {
        return html! {};
    }
    let dismiss = on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notice" role="status" data-testid="notice">
            <ul>{ for messages.iter().map(|m| html! { <li>{m}</li> }) }</ul>
            <button type="button" class="link-button" onclick={dismiss} aria-label="Dismiss notice">{"Dismiss"}</button>
        </div>
    }
}
