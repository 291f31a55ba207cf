//! Browser tests: the real app mounted in headless Chromium (`cargo test --target
//! wasm32-unknown-unknown`, run by `make test`).
#![cfg(target_arch = "wasm32")]

use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    CanvasRenderingContext2d, Element, Event, EventInit, HtmlCanvasElement, HtmlInputElement,
};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Yew render and effects run (no network, short waits).
async fn settle() {
    for _ in 0..5 {
        yew::platform::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Mounts a fresh app with the page's stylesheet and a clean query string (tests share one
/// page, and the app writes its state to the URL).
fn mount() -> Element {
    let window = web_sys::window().unwrap();
    let doc = window.document().unwrap();
    if doc.get_element_by_id("app-css").is_none() {
        let style = doc.create_element("style").unwrap();
        style.set_id("app-css");
        style.set_text_content(Some(include_str!("../style.css")));
        doc.head().unwrap().append_child(&style).unwrap();
    }
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
    let root = doc.create_element("div").unwrap();
    root.set_attribute("style", "width: 960px").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    // Keep the app alive for the rest of the test.
    std::mem::forget(trendline::mount(root.clone()));
    root
}

fn find(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{testid}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no {testid}"))
}

fn value(root: &Element, testid: &str) -> String {
    find(root, testid)
        .get_attribute("data-value")
        .unwrap_or_default()
}

/// The pixels of the chart as seen: the base canvas followed by the overlay canvas above it.
fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let read = |c: &HtmlCanvasElement| {
        let ctx: CanvasRenderingContext2d =
            c.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
        ctx.get_image_data(0.0, 0.0, f64::from(c.width()), f64::from(c.height()))
            .unwrap()
            .data()
            .to_vec()
    };
    let overlay: HtmlCanvasElement = canvas.next_element_sibling().unwrap().dyn_into().unwrap();
    let mut px = read(canvas);
    px.extend(read(&overlay));
    px
}

fn input(el: &HtmlInputElement, v: &str) {
    el.set_value(v);
    let init = EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn mounts_and_draws_the_default_series() {
    let root = mount();
    settle().await;
    let canvas: HtmlCanvasElement = find(&root, "chart").dyn_into().unwrap();
    assert!(
        canvas.width() >= 900,
        "canvas sized from its CSS box: {}",
        canvas.width()
    );
    let px = pixels(&canvas);
    let inked = px
        .chunks(4)
        .filter(|p| p[0] < 200 || p[1] < 200 || p[2] < 200)
        .count();
    assert!(inked > 5_000, "the chart has ink: {inked} dark pixels");
    let fitted: f64 = value(&root, "fit-doubling-days").parse().unwrap();
    assert!(fitted > 30.0 && fitted < 1000.0, "{fitted}");
    assert_eq!(
        value(&root, "fit-doubling-days"),
        value(&root, "assumed-doubling-days"),
        "no override yet"
    );
}

#[wasm_bindgen_test]
async fn moving_the_slider_redraws_the_chart_and_moves_the_milestones() {
    let root = mount();
    settle().await;
    let canvas: HtmlCanvasElement = find(&root, "chart").dyn_into().unwrap();
    let before = pixels(&canvas);
    let month_before = value(&root, "milestone-work-month");
    let month_fit_before = value(&root, "milestone-work-month-fit");
    assert!(!month_before.is_empty());

    let slider: HtmlInputElement = find(&root, "doubling-slider").dyn_into().unwrap();
    input(&slider, "60");
    settle().await;

    assert_eq!(value(&root, "assumed-doubling-days"), "60");
    let month_after = value(&root, "milestone-work-month");
    assert!(
        month_after < month_before,
        "faster doubling, earlier date: {month_after} vs {month_before}"
    );
    assert_eq!(
        value(&root, "milestone-work-month-fit"),
        month_fit_before,
        "the fitted column does not move"
    );
    assert_ne!(pixels(&canvas), before, "the canvas was redrawn");

    // Reset returns to the fitted rate.
    let reset: web_sys::HtmlElement = find(&root, "reset-doubling").dyn_into().unwrap();
    reset.click();
    settle().await;
    assert_eq!(value(&root, "milestone-work-month"), month_before);
}

#[wasm_bindgen_test]
async fn typed_nonsense_keeps_the_last_valid_doubling_time() {
    let root = mount();
    settle().await;
    let typed: HtmlInputElement = find(&root, "doubling-input").dyn_into().unwrap();
    input(&typed, "90");
    settle().await;
    assert_eq!(value(&root, "assumed-doubling-days"), "90");
    for bad in ["", "-5", "abc", "1e400", "0"] {
        input(&typed, bad);
        settle().await;
        assert_eq!(
            value(&root, "assumed-doubling-days"),
            "90",
            "after typing {bad:?}"
        );
    }
}

/// Numbers outside the core's fast path are read by the browser's `parseFloat` once the app is
/// mounted: every such text reads bit for bit as Rust's own parser reads it, and a typed value
/// with 22 significant digits reaches the page as its nearest `f64`.
#[wasm_bindgen_test]
async fn long_numbers_read_as_rust_reads_them() {
    let root = mount();
    settle().await;
    for s in [
        "16.899999999999998",
        "0.41666666666666669",
        "13.5999999999999983",
        "9007199254740993",
        "1e23",
        "-1e-23",
        "2.2250738585072011e-308",
        "4.9e-324",
        "1e400",
        "1.7976931348623157e308",
        "123456789012345678901234567890e-28",
        ".1234567890123456789012",
        "1.e30",
    ] {
        let want = s.parse::<f64>().unwrap();
        let got = trendline_core::data::number::parse_f64(s);
        assert_eq!(got.map(f64::to_bits), Some(want.to_bits()), "{s}");
    }
    assert_eq!(trendline_core::data::number::parse_f64("1e23x"), None);
    let typed: HtmlInputElement = find(&root, "doubling-input").dyn_into().unwrap();
    input(&typed, "90.00000000000000000001");
    settle().await;
    assert_eq!(value(&root, "assumed-doubling-days"), "90");
}
