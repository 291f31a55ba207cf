//! [`use_after_paint`]: a value that follows another one frame later, for the panels around the
//! chart while the reader drags a slider.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Resolves after the browser's next frame has been painted: a `requestAnimationFrame`
/// callback runs just before that paint, and a zero-delay timer set from it runs after it.
/// Resolves at once where there is no window.
async fn after_next_paint() {
    let Some(window) = crate::browser::window() else {
        return;
    };
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let w = window.clone();
        let after = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
        if window
            .request_animation_frame(after.unchecked_ref::<js_sys::Function>())
            .is_err()
        {
            // No frames (a hidden or detached document): settle at once.
            let _ = after.unchecked_ref::<js_sys::Function>().call0(&after);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
}

/// `value` as the panels next to the chart show it. A change for which `defer(shown, new)`
/// holds (a slider input: the same fit, new assumptions) reaches them after the next frame is
/// painted, so the chart, redrawn in the input's own task, is on screen first; any other change
/// (a new series, new fit settings) reaches them at once, so panels never show another fit's
/// numbers. While a drag outpaces the frames, the panels take the newest value at each frame:
/// they lag by one frame and never starve.
///
/// Returns the value to render with. Timing, in the terms of the slider benchmark: input →
/// chart redrawn is the input task alone; input → panels updated adds one frame.
#[hook]
pub fn use_after_paint<T, D>(value: T, defer: D) -> T
where
    T: Clone + PartialEq + 'static,
    D: Fn(&T, &T) -> bool,
{
    let shown = use_mut_ref(|| value.clone());
    let latest = use_mut_ref(|| value.clone());
    // Whether an update is already waiting for a frame (then it will take the newest value).
    let waiting = use_mut_ref(|| false);
    let update = use_force_update();
    *latest.borrow_mut() = value.clone();
    let now = shown.borrow().clone();
    let behind = now != value && defer(&now, &value);
    if !behind {
        *shown.borrow_mut() = value.clone();
    }
    use_effect(move || {
        if behind && !*waiting.borrow() {
            *waiting.borrow_mut() = true;
            wasm_bindgen_futures::spawn_local(async move {
                after_next_paint().await;
                *waiting.borrow_mut() = false;
                let newest = latest.borrow().clone();
                *shown.borrow_mut() = newest;
                update.force_update();
            });
        }
    });
    if behind {
        now
    } else {
        value
    }
}
