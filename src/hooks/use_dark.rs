use crate::theme;
use gloo::events::EventListener;
use yew::prelude::*;

/// Whether the page is dark; re-renders when the reader's choice or the system's preference
/// changes.
#[hook]
pub fn use_dark() -> bool {
    let dark = use_state_eq(theme::is_dark);
    {
        let dark = dark.clone();
        use_effect_with((), move |_| {
            let d = dark.clone();
            let chosen = crate::browser::window()
                .map(|w| EventListener::new(&w, theme::CHANGED, move |_| d.set(theme::is_dark())));
            let system = theme::dark_query_target()
                .map(|t| EventListener::new(&t, "change", move |_| dark.set(theme::is_dark())));
            move || drop((chosen, system))
        });
    }
    *dark
}
