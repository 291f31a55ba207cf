//! The default view of the app as HTML, rendered by the app's own Yew components with Yew's
//! server-side renderer (feature `ssr`), natively at build time. scripts/postbuild.mjs runs it
//! for release builds and puts its output in `index.html`, so the whole default page (title,
//! notices area, chart, readouts, milestone table, controls) is readable before the wasm has
//! loaded; the app then takes that markup over (Yew's hydration) where it can match it.
//!
//! `cargo run --release --features ssr --bin prerender > view.html`
//!
//! Natively the app has no window: it reads no link settings, storage or theme, and draws the
//! chart as SVG instead of on a canvas (src/components/chart_canvas.rs).

fn main() {
    let html = futures::executor::block_on(
        // Hydratable: the browser takes this markup over (`Renderer::hydrate`, src/lib.rs).
        yew::ServerRenderer::<trendline::App>::new().render(),
    );
    print!("{html}");
}
