//! The take-over of the pre-rendered page in steps.
//!
//! Yew hydrates a page in one synchronous pass: on a phone that was one task of several hundred
//! milliseconds, during which a tap waited. The parts around the chart and its slider are
//! wrapped in [`Later`]: while the page is taken over, each one waits for a task of its own (in
//! page order, one per task, [`begin`]) before it is hydrated. Meanwhile its pre-rendered
//! markup stays on screen (Yew's hydration of a suspended component keeps it), inert, so
//! nothing a reader does to it is lost when the live markup takes its place. A fresh render
//! (any other page) renders them at once. When every step has run, the page marks
//! `trendline:taken-over` and sends the window that event (`browser::TAKEN_OVER_EVENT`).

use std::cell::RefCell;
use std::collections::VecDeque;
use yew::prelude::*;
use yew::suspense::Suspension;

#[derive(Properties, PartialEq)]
pub struct LaterProps {
    pub children: Html,
}

/// A step of the take-over: makes its part live, then hydrates it.
type Step = Box<dyn FnOnce()>;

thread_local! {
    /// The parts still waiting, in page order.
    static QUEUE: RefCell<VecDeque<Step>> = const { RefCell::new(VecDeque::new()) };
}

/// `children`, hydrated in a task of their own when the page is being taken over (inert until
/// then). The wrapper's box is `display: contents` (style.css): the page lays out as if it
/// were not there.
#[function_component]
pub fn Later(props: &LaterProps) -> Html {
    let live = use_state_eq(|| !taking_over());
    let suspension = use_memo((), |_| {
        (!*live).then(|| {
            let (suspension, handle) = Suspension::new();
            let live = live.setter();
            QUEUE.with(|q| {
                q.borrow_mut().push_back(Box::new(move || {
                    live.set(true);
                    handle.resume();
                }))
            });
            suspension
        })
    });
    html! {
        <div class="later" inert={!*live}>
            <Suspense fallback={Html::default()}>
                <Waiting suspension={(*suspension).clone()}>{props.children.clone()}</Waiting>
            </Suspense>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct WaitingProps {
    suspension: Option<Suspension>,
    children: Html,
}

/// Suspended until its step has run; then `children`.
#[function_component]
fn Waiting(props: &WaitingProps) -> HtmlResult {
    if let Some(s) = props.suspension.as_ref().filter(|s| !s.resumed()) {
        return Err(s.clone().into());
    }
    Ok(props.children.clone())
}

/// Whether this render is the take-over of the pre-rendered page (never in the build's
/// pre-render itself, which renders everything).
fn taking_over() -> bool {
    cfg!(target_arch = "wasm32") && crate::browser::hydrating()
}

/// Runs the take-over's steps, each in a task after the one that queued it: called once the
/// hydration has been started.
#[cfg(target_arch = "wasm32")]
pub fn begin() {
    gloo::timers::callback::Timeout::new(0, || match QUEUE.with(|q| q.borrow_mut().pop_front()) {
        Some(step) => {
            step();
            begin();
        }
        None => {
            crate::perf::mark_once(crate::perf::TAKEN_OVER);
            if let Some(w) = crate::browser::window() {
                if let Ok(e) = web_sys::Event::new(crate::browser::TAKEN_OVER_EVENT) {
                    let _ = w.dispatch_event(&e);
                }
            }
        }
    })
    .forget();
}
