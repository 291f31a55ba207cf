//! User-timing marks around the app's phases (`trendline:<phase>:start` / `:end`), so the
//! benchmark script and the browser's profiler can attribute time. A mark costs microseconds.

/// The two mark names of `phase`, without formatting for the phases the app times on every
/// slider input (a `format!` per mark cost about as much as the mark itself).
fn names(
    phase: &str,
) -> (
    std::borrow::Cow<'static, str>,
    std::borrow::Cow<'static, str>,
) {
    let fixed = |a: &'static str, b: &'static str| (a.into(), b.into());
    match phase {
        "project" => fixed("trendline:project:start", "trendline:project:end"),
        "model" => fixed("trendline:model:start", "trendline:model:end"),
        "draw" => fixed("trendline:draw:start", "trendline:draw:end"),
        other => (
            format!("trendline:{other}:start").into(),
            format!("trendline:{other}:end").into(),
        ),
    }
}

/// Runs `f` between two performance marks named after `phase`.
pub fn timed<T>(phase: &str, f: impl FnOnce() -> T) -> T {
    let perf = crate::browser::window().and_then(|w| w.performance());
    let (start, end) = names(phase);
    if let Some(p) = &perf {
        let _ = p.mark(&start);
    }
    let out = f();
    if let Some(p) = &perf {
        let _ = p.mark(&end);
    }
    out
}

/// The user-timing mark set once, right after the first chart is painted: the benchmark
/// measures "first chart" as its start time, with the same definition on every page it compares.
pub const FIRST_CHART: &str = "trendline:first-chart";

/// The mark set once, after the live (canvas) chart is first painted. In a release build the
/// default view's first chart is the pre-rendered SVG (which sets `FIRST_CHART` itself); this
/// one says when the interactive chart took over.
pub const LIVE_CHART: &str = "trendline:live-chart";

/// The mark set once the take-over of the pre-rendered page has run its last step
/// (`components::later`): every part of the page is live.
#[cfg(target_arch = "wasm32")]
pub const TAKEN_OVER: &str = "trendline:taken-over";

/// Sets the performance mark `name` unless the page already has one of that name.
pub fn mark_once(name: &str) {
    if let Some(p) = crate::browser::window().and_then(|w| w.performance()) {
        if p.get_entries_by_name(name).length() == 0 {
            let _ = p.mark(name);
        }
    }
}
