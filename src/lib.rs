//! Trendline's web app: a thin Yew layer over `trendline-core` (data, fits, state) and
//! `trendline-chart` (the drawing). Natively only the bundled data is compiled, so
//! `cargo test` can check that the bundle loads; with the `ssr` feature the Yew layer is
//! compiled natively too, for the build's pre-render of the default view (`src/bin/prerender.rs`).

pub mod bundle;

#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
mod app;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
mod browser;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
mod components;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
mod hooks;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
mod perf;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
mod series_view;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
mod shared;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
mod state;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
mod theme;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
mod user_series;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
mod warm;

#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub use app::App;

/// Mounts the app: it takes over the release build's pre-rendered default page (`#prerender`,
/// rendered by these components at build time, scripts/postbuild.mjs) with Yew's hydration when
/// the page kept it (`first-view.js` keeps it only where the first render matches it: no link
/// settings, light theme, nothing stored that changes the page, not the single file);
/// otherwise it drops it and renders fresh on `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn run() {
    register_number_reader();
    theme::apply(theme::stored());
    let doc = browser::window().and_then(|w| w.document());
    let pre = doc.as_ref().and_then(|d| d.get_element_by_id("prerender"));
    let kept = doc
        .as_ref()
        .and_then(|d| d.document_element())
        .is_some_and(|r| {
            !r.get_attribute("class")
                .is_some_and(|c| c.split_whitespace().any(|c| c == "no-prerender"))
        });
    match pre {
        Some(root) if kept => {
            browser::set_hydrating(true);
            // The take-over in steps, each a task of its own (the first after the one that
            // compiled and started the wasm): the default view's fit and its projection
            // (`warm`), then the page's hydration, then the parts around the chart
            // (`components::later`) and the chart's first drawing.
            gloo::timers::callback::Timeout::new(0, move || {
                warm::prepare_default(move || {
                    perf::timed("mount", || {
                        let _ = root.remove_attribute("inert");
                        root.set_id("app-root");
                        yew::Renderer::<App>::with_root(root).hydrate();
                    });
                    components::later::begin();
                })
            })
            .forget();
        }
        other => perf::timed("mount", || {
            if let Some(p) = other {
                p.remove();
            }
            yew::Renderer::<App>::new().render();
        }),
    }
}

/// Numbers outside the core's fast path (more than 19 significant digits, or an exponent
/// beyond ±22) are read by JavaScript's `parseFloat`, correctly rounded as Rust's own parser is,
/// so the app does not carry that parser's tables (see `trendline_core::data::number`). The core
/// has checked the text's grammar before it asks.
#[cfg(target_arch = "wasm32")]
pub fn register_number_reader() {
    trendline_core::data::number::set_fallback(|s| {
        Some(js_sys::Number::parse_float(s)).filter(|v| !v.is_nan())
    });
}

/// Mounts the app inside `root` (browser tests mount into a fresh element).
#[cfg(target_arch = "wasm32")]
pub fn mount(root: web_sys::Element) -> yew::AppHandle<App> {
    register_number_reader();
    theme::apply(theme::stored());
    yew::Renderer::<App>::with_root(root).render()
}
