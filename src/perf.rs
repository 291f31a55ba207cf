//! User-timing marks around the app's phases (`trendline:<phase>:start` / `:end`), so the
//! benchmark script and the browser's profiler can attribute time. A mark costs microseconds.

/// Runs `f` between two performance marks named after `phase`.
pub fn timed<T>(phase: &str, f: impl FnOnce() -> T) -> T {
    let perf = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &perf {
        let _ = p.mark(&format!("trendline:{phase}:start"));
    }
    let out = f();
    if let Some(p) = &perf {
        let _ = p.mark(&format!("trendline:{phase}:end"));
    }
    out
}
