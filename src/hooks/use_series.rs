use crate::bundle;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use trendline_core::Series;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// A series as far as it has arrived.
#[derive(Clone, Debug)]
pub enum Loaded {
    Loading,
    Ready(SeriesRef),
    Failed(Rc<str>),
}

/// A parsed series, compared by address (each is parsed once per page).
#[derive(Clone, Debug)]
pub struct SeriesRef(pub Rc<Series>);

impl PartialEq for SeriesRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

type Cache = HashMap<String, Result<SeriesRef, Rc<str>>>;

fn js_error(e: wasm_bindgen::JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::JSON::stringify(&e).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| "unknown error".into())
}

/// Fetches a file next to the page (same origin, relative URL, so sub-paths work).
pub(crate) async fn fetch_text(url: &str) -> Result<String, String> {
    let window = crate::browser::window().ok_or("no window")?;
    let resp = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(js_error)?;
    let resp: web_sys::Response = resp.dyn_into().map_err(js_error)?;
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(js_error)?)
        .await
        .map_err(js_error)?;
    text.as_string().ok_or_else(|| format!("{url}: not text"))
}

/// The series `id`: parsed at once when embedded, otherwise fetched from `series/<id>.csv`
/// and validated, then kept for the rest of the page's life.
#[hook]
pub fn use_series(id: &str) -> Loaded {
    let cache: Rc<RefCell<Cache>> = use_mut_ref(HashMap::new);
    let rerender = use_force_update();
    let meta = bundle::meta(id);
    if let Some(m) = meta {
        let in_cache = cache.borrow().contains_key(id);
        if let (false, Some(text)) = (in_cache, bundle::embedded(m)) {
            let parsed = bundle::parse(m, text)
                .map(|s| SeriesRef(Rc::new(s)))
                .map_err(|e| Rc::from(e.to_string()));
            cache.borrow_mut().insert(id.to_string(), parsed);
        }
    }
    {
        let cache = cache.clone();
        use_effect_with(id.to_string(), move |id| {
            let in_cache = cache.borrow().contains_key(id);
            if let (false, Some(m)) = (in_cache, bundle::meta(id)) {
                let id = id.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = match fetch_text(&m.file).await {
                        Ok(text) => bundle::parse(m, &text)
                            .map(|s| SeriesRef(Rc::new(s)))
                            .map_err(|e| e.to_string()),
                        Err(e) => Err(format!("could not load {}: {e}", m.file)),
                    };
                    cache.borrow_mut().insert(id, result.map_err(Rc::from));
                    rerender.force_update();
                });
            }
        });
    }
    let cached = cache.borrow().get(id).cloned();
    match (meta, cached) {
        (None, _) => Loaded::Failed(Rc::from(format!("unknown series {id}"))),
        (_, Some(Ok(s))) => Loaded::Ready(s),
        (_, Some(Err(e))) => Loaded::Failed(e),
        (_, None) => Loaded::Loading,
    }
}
