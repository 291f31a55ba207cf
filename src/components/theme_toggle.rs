use crate::theme::{self, ThemeChoice};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Light, dark or the system's theme; the choice is kept in this browser.
#[function_component(ThemeToggle)]
pub fn theme_toggle() -> Html {
    let choice = use_state_eq(theme::stored);
    let onchange = {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            let c = ThemeChoice::from_token(&s.value());
            theme::choose(c);
            choice.set(c);
        })
    };
    let option = |c: ThemeChoice, label: &str| {
        html! { <option value={c.token()} selected={*choice == c}>{label.to_string()}</option> }
    };
    html! {
        <label class="theme-toggle">
            <span class="picker-label">{"Theme"}</span>
            <select data-testid="theme-select" {onchange}>
                {option(ThemeChoice::Auto, "system")}
                {option(ThemeChoice::Light, "light")}
                {option(ThemeChoice::Dark, "dark")}
            </select>
        </label>
    }
}
