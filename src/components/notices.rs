use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub messages: Vec<String>,
    pub on_dismiss: Callback<()>,
}

/// Dismissible notices (for example, link settings that were ignored).
#[function_component(Notices)]
pub fn notices(props: &NoticesProps) -> Html {
    if props.messages.is_empty() {
        return html! {};
    }
    let dismiss = {
        let cb = props.on_dismiss.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <div class="notice" role="status" data-testid="notice">
            <ul>{ for props.messages.iter().map(|m| html! { <li>{m}</li> }) }</ul>
            <button type="button" class="link-button" onclick={dismiss} aria-label="Dismiss notice">{"Dismiss"}</button>
        </div>
    }
}
