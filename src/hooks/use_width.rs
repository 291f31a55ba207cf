use yew::prelude::*;

/// The client width of the element behind `node` (pixels; `fallback` until it is measured),
/// measured after mount and on every window resize, so small SVG charts are laid out at their
/// own size and their text stays readable on a phone.
#[hook]
pub fn use_width(node: &NodeRef, fallback: f64) -> f64 {
    let width = use_state_eq(|| fallback);
    {
        let (node, width) = (node.clone(), width.clone());
        use_effect_with((), move |_| {
            let measure = move || {
                if let Some(el) = node.cast::<web_sys::Element>() {
                    let w = f64::from(el.client_width());
                    if w > 0.0 {
                        width.set(w.round());
                    }
                }
            };
            measure();
            let listener = crate::browser::window()
                .map(|w| gloo::events::EventListener::new(&w, "resize", move |_| measure()));
            move || drop(listener)
        });
    }
    *width
}
