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
pub use app::App;

/// Mounts the app on `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn run() {
    theme::apply(theme::stored());
    perf::timed("mount", || {
        yew::Renderer::<App>::new().render();
    });
}

/// Mounts the app inside `root` (browser tests mount into a fresh element).
#[cfg(target_arch = "wasm32")]
pub fn mount(root: web_sys::Element) -> yew::AppHandle<App> {
    theme::apply(theme::stored());
    yew::Renderer::<App>::with_root(root).render()
}
