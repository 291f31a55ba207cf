//! Every bundled series, for the mosaic: the embedded ones parsed and the others fetched when
//! the hook first runs (after the first paint), then kept for the rest of the page's life.

use super::use_series::{fetch_text, SeriesRef};
use crate::bundle;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

type Entry = Result<SeriesRef, Rc<str>>;

thread_local! {
    /// Parsed series by id, shared by every mount of the mosaic.
    static CACHE: RefCell<HashMap<String, Entry>> = RefCell::new(HashMap::new());
}

/// Every series of the manifest, in manifest order: `None` while it is still loading.
#[hook]
pub fn use_all_series() -> Vec<(&'static str, Option<Entry>)> {
    let rerender = use_force_update();
    use_effect_with((), move |_| {
        let missing: Vec<_> = bundle::MANIFEST
            .series
            .iter()
            .filter(|m| CACHE.with(|c| !c.borrow().contains_key(&*m.id)))
            .collect();
        let mut parsed_any = false;
        for m in missing {
            if let Some(text) = bundle::embedded(m) {
                let e = bundle::parse(m, text)
                    .map(|s| SeriesRef(Rc::new(s)))
                    .map_err(|e| Rc::from(e.to_string()));
                CACHE.with(|c| c.borrow_mut().insert(m.id.to_string(), e));
                parsed_any = true;
                continue;
            }
            let rerender = rerender.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let e = match fetch_text(&m.file).await {
                    Ok(text) => bundle::parse(m, &text)
                        .map(|s| SeriesRef(Rc::new(s)))
                        .map_err(|e| Rc::from(e.to_string())),
                    Err(e) => Err(Rc::from(format!("could not load {}: {e}", m.file))),
                };
                CACHE.with(|c| c.borrow_mut().insert(m.id.to_string(), e));
                rerender.force_update();
            });
        }
        if parsed_any {
            rerender.force_update();
        }
    });
    CACHE.with(|c| {
        let c = c.borrow();
        bundle::MANIFEST
            .series
            .iter()
            .map(|m| (&*m.id, c.get(&*m.id).cloned()))
            .collect()
    })
}
