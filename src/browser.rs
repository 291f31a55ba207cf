//! Small, failure-tolerant wrappers around browser APIs. Every one degrades quietly: in a
//! sandboxed iframe storage and the clipboard may be unavailable, and that must never break
//! the page.

use wasm_bindgen::JsCast;

/// The browser window. `None` when the app is rendered natively (the build's pre-render,
/// `src/bin/prerender.rs`): every caller already treats a missing window as "nothing to read",
/// which gives the default view.
pub fn window() -> Option<web_sys::Window> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window();
    #[cfg(not(target_arch = "wasm32"))]
    return None;
}

/// `localStorage`, when the page may use it (not in an opaque-origin sandbox).
fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

thread_local! {
    static HYDRATING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the app's first render is taking over the build's pre-rendered page (Yew's
/// hydration, src/lib.rs): components that differ on a fresh start (the chart drawn as SVG
/// over its canvas, the panels below it) must then render what the pre-render did. Natively
/// (the pre-render itself) always true. Cleared once the chart has been drawn on its canvas
/// (the last component that asks, `ChartCanvas`).
pub fn hydrating() -> bool {
    cfg!(not(target_arch = "wasm32")) || HYDRATING.with(std::cell::Cell::get)
}

/// Sets [`hydrating`].
pub fn set_hydrating(on: bool) {
    HYDRATING.with(|h| h.set(on));
}

/// Reads a stored string.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores a string; `false` when storage is unavailable or full.
pub fn save(key: &str, value: &str) -> bool {
    try_save(key, value).is_ok()
}

/// Why a value could not be stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The page may not use local storage (blocked by the browser or its settings, or an
    /// opaque-origin frame).
    Unavailable,
    /// Local storage is full (QuotaExceededError).
    Full,
    /// Any other refusal.
    Refused,
}

/// Stores a string, saying why not when it cannot.
pub fn try_save(key: &str, value: &str) -> Result<(), StoreError> {
    let s = storage().ok_or(StoreError::Unavailable)?;
    s.set_item(key, value).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &wasm_bindgen::JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            StoreError::Full
        } else {
            StoreError::Refused
        }
    })
}

/// Removes a stored string.
pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// The content of `<meta name="…">`, if present.
pub fn meta_content(name: &str) -> Option<String> {
    let doc = window()?.document()?;
    doc.query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??
        .get_attribute("content")
}

/// Sets `<meta name="…">`'s content (creating nothing).
pub fn set_meta_content(name: &str, content: &str) {
    if let Some(el) = window().and_then(|w| w.document()).and_then(|d| {
        d.query_selector(&format!("meta[name=\"{name}\"]"))
            .ok()
            .flatten()
    }) {
        let _ = el.set_attribute("content", content);
    }
}

/// Sets the document title.
pub fn set_title(title: &str) {
    if let Some(d) = window().and_then(|w| w.document()) {
        d.set_title(title);
    }
}

/// The page's address without its query and fragment (`https://host/path/`); known even in
/// an opaque-origin sandbox.
pub fn page_base() -> String {
    let href = window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Whether the page runs from a file (the single-file download) rather than a server.
pub fn is_local_file() -> bool {
    if cfg!(not(target_arch = "wasm32")) {
        return false;
    }
    window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "file:")
        || js_sys::Reflect::get(&js_sys::global(), &"__TRENDLINE_SINGLE_FILE".into())
            .is_ok_and(|v| v.is_truthy())
}

/// Copies `text` to the clipboard: the asynchronous clipboard API where allowed, else a
/// selected hidden textarea and `execCommand("copy")`. Calls `done(true)` on success.
pub fn copy_text(text: String, done: impl FnOnce(bool) + 'static) {
    let Some(window) = window() else {
        return done(false);
    };
    let fallback = move |text: &str| -> bool {
        let Some(doc) = self::window().and_then(|w| w.document()) else {
            return false;
        };
        let Ok(el) = doc.create_element("textarea") else {
            return false;
        };
        let Ok(ta) = el.dyn_into::<web_sys::HtmlTextAreaElement>() else {
            return false;
        };
        ta.set_value(text);
        // Through the CSSOM, not a style attribute: the Content-Security-Policy (style-src
        // 'self') refuses inline style attributes.
        let st = ta.style();
        for (k, v) in [("position", "fixed"), ("top", "-1000px"), ("opacity", "0")] {
            let _ = st.set_property(k, v);
        }
        let Some(body) = doc.body() else { return false };
        if body.append_child(&ta).is_err() {
            return false;
        }
        ta.select();
        let ok = doc
            .dyn_ref::<web_sys::HtmlDocument>()
            .and_then(|h| h.exec_command("copy").ok())
            .unwrap_or(false);
        ta.remove();
        ok
    };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into())
        .ok()
        .filter(|c| !c.is_undefined());
    match clipboard {
        Some(_) => {
            let promise = window.navigator().clipboard().write_text(&text);
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(promise).await {
                    Ok(_) => done(true),
                    Err(_) => done(fallback(&text)),
                }
            });
        }
        None => done(fallback(&text)),
    }
}

/// Offers `bytes` as a download named `file_name`.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> bool {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts) else {
        return false;
    };
    download_blob(file_name, &blob)
}

/// Offers a URL (e.g. a `data:` URL) as a download named `file_name`.
pub fn download_url(file_name: &str, url: &str) -> bool {
    (|| {
        let doc = window()?.document()?;
        let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(url);
        a.set_download(file_name);
        doc.body()?.append_child(&a).ok()?;
        a.click();
        a.remove();
        Some(())
    })()
    .is_some()
}

/// Offers a blob as a download named `file_name`.
pub fn download_blob(file_name: &str, blob: &web_sys::Blob) -> bool {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return false;
    };
    let ok = (|| {
        let doc = window()?.document()?;
        let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
        a.set_href(&url);
        a.set_download(file_name);
        doc.body()?.append_child(&a).ok()?;
        a.click();
        a.remove();
        Some(())
    })()
    .is_some();
    // Revoke later: the download reads the URL asynchronously.
    let _ = gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    ok
}

/// Tells the parent page (when embedded) how tall this page is: `{type: "trendline:height",
/// height}`. Sent only when the height changed.
pub fn post_height(last: &std::cell::Cell<i32>) {
    let Some(window) = window() else {
        return;
    };
    let Some(h) = window
        .document()
        .and_then(|d| d.document_element())
        .map(|e| e.scroll_height())
    else {
        return;
    };
    if h == last.get() {
        return;
    }
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if parent == window {
        return;
    }
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"type".into(), &"trendline:height".into());
    let _ = js_sys::Reflect::set(&msg, &"height".into(), &h.into());
    if parent.post_message(&msg, "*").is_ok() {
        last.set(h);
    }
}

/// What [`when_on_screen`] keeps alive; dropping it stops watching.
pub struct ScreenWatch {
    _listeners: Vec<gloo::events::EventListener>,
    observer: Option<web_sys::IntersectionObserver>,
    _callback: Option<wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>>,
}

impl Drop for ScreenWatch {
    fn drop(&mut self) {
        if let Some(o) = &self.observer {
            o.disconnect();
        }
    }
}

/// Calls `f` once something matching `selector` may be on screen: when one of the elements
/// matching it now is in the window (an `IntersectionObserver`, so no layout is forced), or at
/// the reader's first scroll or resize of the window (either may bring one, or one rendered
/// later, into view). `f` may be called more than once. Without a window (natively) nothing is
/// ever on screen.
pub fn when_on_screen(selector: &str, f: impl Fn() + 'static) -> ScreenWatch {
    let mut watch = ScreenWatch {
        _listeners: Vec::new(),
        observer: None,
        _callback: None,
    };
    let Some(w) = window() else {
        return watch;
    };
    let f = std::rc::Rc::new(f);
    watch._listeners = ["scroll", "resize"]
        .into_iter()
        .map(|event| {
            let f = f.clone();
            gloo::events::EventListener::new(&w, event, move |_| f())
        })
        .collect();
    let on_entries = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
        move |entries: js_sys::Array| {
            let shown = entries.iter().any(|e| {
                e.dyn_into::<web_sys::IntersectionObserverEntry>()
                    .is_ok_and(|e| e.is_intersecting())
            });
            if shown {
                f();
            }
        },
    );
    if let Ok(observer) = web_sys::IntersectionObserver::new(on_entries.as_ref().unchecked_ref()) {
        observe_all(&w, &observer, selector);
        // The take-over's steps replace the pre-rendered markup of the parts around the chart
        // (`components::later`): watched again once they are live.
        let (again, selector, w2) = (observer.clone(), selector.to_string(), w.clone());
        watch._listeners.push(gloo::events::EventListener::new(
            &w,
            TAKEN_OVER_EVENT,
            move |_| {
                again.disconnect();
                observe_all(&w2, &again, &selector);
            },
        ));
        watch.observer = Some(observer);
    }
    watch._callback = Some(on_entries);
    watch
}

/// The window event the take-over of the pre-rendered page sends after its last step
/// (`components::later`).
pub const TAKEN_OVER_EVENT: &str = "trendline-taken-over";

/// Makes `observer` watch every element matching `selector` now.
fn observe_all(w: &web_sys::Window, observer: &web_sys::IntersectionObserver, selector: &str) {
    let Some(list) = w
        .document()
        .and_then(|d| d.query_selector_all(selector).ok())
    else {
        return;
    };
    for i in 0..list.length() {
        if let Some(e) = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            observer.observe(&e);
        }
    }
}
