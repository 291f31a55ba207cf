//! The default view's fit stage and projection, worked out in a task of their own before the
//! pre-rendered page is taken over (`crate::run`): the core's share of the take-over no longer
//! adds to the hydration's task, so neither task is as long as the two were together.
//!
//! [`series`], [`prepared`] and [`forecast`] hand the results to the hooks that would otherwise work them out
//! again, only when their inputs are exactly these (the same series, by address, and the same
//! settings): any other view computes its own.

use crate::hooks::SeriesRef;
use std::cell::RefCell;
use std::rc::Rc;
use trendline_core::{Forecast, Prepared, State};

struct Warm {
    series: SeriesRef,
    prepared: Rc<Prepared>,
    /// The projection at the default settings, once worked out.
    forecast: Option<Rc<Forecast>>,
}

thread_local! {
    static WARM: RefCell<Option<Warm>> = const { RefCell::new(None) };
}

/// Parses the default series and works out its first pass (`Analyses::Essential`) in this
/// task, its projection at the default settings in the next, and calls `then` in the one after
/// that. Works out nothing for a series that is not compiled in (`then` still follows).
#[cfg(target_arch = "wasm32")]
pub fn prepare_default(then: impl FnOnce() + 'static) {
    use crate::perf::timed;
    use gloo::timers::callback::Timeout;
    use trendline_core::settings::DEFAULT_SERIES;
    use trendline_core::{prepare_with, project, Analyses};
    let parsed = crate::bundle::meta(DEFAULT_SERIES)
        .and_then(|m| crate::bundle::parse(m, crate::bundle::embedded(m)?).ok());
    let Some(parsed) = parsed else {
        Timeout::new(0, then).forget();
        return;
    };
    let series = SeriesRef(Rc::new(parsed));
    let state = State::default();
    let prepared = Rc::new(timed("prepare", || {
        prepare_with(&series.0, None, &state.fit_settings(), Analyses::Essential)
    }));
    WARM.with(|w| {
        *w.borrow_mut() = Some(Warm {
            series,
            prepared: prepared.clone(),
            forecast: None,
        })
    });
    Timeout::new(0, move || {
        let forecast = Rc::new(timed("project", || project(&prepared, &state)));
        WARM.with(|w| {
            if let Some(w) = w.borrow_mut().as_mut() {
                w.forecast = Some(forecast);
            }
        });
        Timeout::new(0, then).forget();
    })
    .forget();
}

/// The default series as [`prepare_default`] parsed it, when `id` is that series.
pub fn series(id: &str) -> Option<SeriesRef> {
    WARM.with(|w| {
        w.borrow()
            .as_ref()
            .filter(|w| *w.series.0.meta.id == *id)
            .map(|w| w.series.clone())
    })
}

/// The warm first pass, when the fit stage's inputs are the ones it was worked out for:
/// `series` (by address), no 80% sibling and the default fit settings.
pub fn prepared(
    series: &SeriesRef,
    sibling: Option<&SeriesRef>,
    fit: &State,
) -> Option<Rc<Prepared>> {
    WARM.with(|w| {
        w.borrow()
            .as_ref()
            .filter(|w| {
                w.series == *series && sibling.is_none() && *fit == State::default().fit_settings()
            })
            .map(|w| w.prepared.clone())
    })
}

/// The warm projection, when it is `prepared`'s (by address) under the default settings.
/// Asked once, by the take-over's first projection: the warm values are dropped then, matched
/// or not, so no later render (every slider input projects again) pays for the comparison.
pub fn forecast(prepared: &Rc<Prepared>, state: &State) -> Option<Rc<Forecast>> {
    let w = WARM.with(|w| w.borrow_mut().take())?;
    w.forecast
        .filter(|_| Rc::ptr_eq(&w.prepared, prepared) && *state == State::default())
}
