//! Trendline's web app: a thin Yew layer over `trendline-core` (data, fits, state) and
//! `trendline-chart` (the drawing). Natively only the bundled data is compiled, so
//! `cargo test` can check that the bundle loads.

pub mod bundle;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod hooks;
#[cfg(target_arch = "wasm32")]
mod perf;
#[cfg(target_arch = "wasm32")]
mod series_view;
#[cfg(target_arch = "wasm32")]
mod shared;
#[cfg(target_arch = "wasm32")]
mod state;
#[cfg(target_arch = "wasm32")]
mod theme;
#[cfg(target_arch = "wasm32")]
mod user_series;

#[cfg(target_arch = "wasm32")]
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
