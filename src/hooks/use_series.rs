use crate::bundle;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use trendline_core::sharing::json::Json;
use trendline_core::{Series, SeriesMeta};
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

/// Fetches a file next to the page (same origin, relative URL, so sub-paths work). The request
/// starts at the call, not when the future is first polled, so two fetches started one after
/// the other and then awaited run side by side.
pub(crate) fn fetch_text(url: &str) -> impl std::future::Future<Output = Result<String, String>> {
    let started = crate::browser::window().map(|w| JsFuture::from(w.fetch_with_str(url)));
    let url = url.to_string();
    async move {
        let resp = started.ok_or("no window")?.await.map_err(js_error)?;
        let resp: web_sys::Response = resp.dyn_into().map_err(js_error)?;
        if !resp.ok() {
            return Err(format!("{url}: HTTP {}", resp.status()));
        }
        let text = JsFuture::from(resp.text().map_err(js_error)?)
            .await
            .map_err(js_error)?;
        text.as_string().ok_or_else(|| format!("{url}: not text"))
    }
}

thread_local! {
    /// The manifest next to the page, parsed, once it has arrived (a failed fetch is not kept,
    /// so the next series tries again).
    static MANIFEST_JSON: RefCell<Option<Rc<Json>>> = const { RefCell::new(None) };
}

/// The manifest next to the page ([`bundle::MANIFEST_URL`]), fetched and parsed on first use.
async fn manifest_json() -> Result<Rc<Json>, String> {
    if let Some(j) = MANIFEST_JSON.with(|m| m.borrow().clone()) {
        return Ok(j);
    }
    let text = fetch_text(bundle::MANIFEST_URL).await?;
    let json = Rc::new(
        trendline_core::sharing::json::parse(&text)
            .map_err(|e| format!("{}: {e}", bundle::MANIFEST_URL))?,
    );
    MANIFEST_JSON.with(|m| *m.borrow_mut() = Some(json.clone()));
    Ok(json)
}

/// `meta` whole: as compiled for an embedded series, otherwise with its details read from the
/// manifest next to the page.
async fn whole_meta(meta: &SeriesMeta) -> Result<SeriesMeta, String> {
    if bundle::is_whole(meta) {
        return Ok(meta.clone());
    }
    let json = manifest_json().await?;
    bundle::details_in(&json, &meta.id).map(|d| meta.with_details(d))
}

/// Loads a series that is not embedded: its file and (side by side, on first use) the
/// manifest's details for its entry, then parses and validates it. Without its details (its
/// caveats, sources and credit) the series is not shown: the error says which file failed.
async fn load(meta: &'static SeriesMeta) -> Result<SeriesRef, String> {
    let text = fetch_text(&meta.file);
    let whole = whole_meta(meta)
        .await
        .map_err(|e| format!("could not load {}: {e}", bundle::MANIFEST_URL))?;
    let text = text
        .await
        .map_err(|e| format!("could not load {}: {e}", meta.file))?;
    bundle::parse(&whole, &text)
        .map(|s| SeriesRef(Rc::new(s)))
        .map_err(|e| e.to_string())
}

/// The series `id`: parsed at once when embedded, otherwise fetched from `series/<id>.csv`
/// (with its manifest entry's details, [`whole_meta`]) and validated, then kept for the rest
/// of the page's life.
#[hook]
pub fn use_series(id: &str) -> Loaded {
    let cache: Rc<RefCell<Cache>> = use_mut_ref(HashMap::new);
    let rerender = use_force_update();
    let meta = bundle::meta(id);
    if let Some(m) = meta {
        let in_cache = cache.borrow().contains_key(id);
        if let (false, Some(text)) = (in_cache, bundle::embedded(m)) {
            // Parsed already when the page was taken over (`warm`): the same one, so the fit
            // worked out for it then is used.
            let parsed = match crate::warm::series(id) {
                Some(s) => Ok(s),
                None => bundle::parse(m, text)
                    .map(|s| SeriesRef(Rc::new(s)))
                    .map_err(|e| Rc::from(e.to_string())),
            };
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
                    let result = load(m).await;
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
