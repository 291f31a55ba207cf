//! The page: the header, notices, the view tabs, the series picker and import, and one
//! series (`SeriesView`) or the mosaic. Owns the reader's settings (one reducer) and the
//! series they imported.

use crate::browser;
use crate::bundle;
use crate::components::{notices as notices_view, ImportPanel, SeriesPicker};
use crate::hooks::{initial_from_url, use_series, use_url_sync, Loaded, SeriesRef};
use crate::series_view::SeriesView;
use crate::state::AppState;
use crate::user_series;
use std::rc::Rc;
use trendline_core::model::reliability::sibling80_id;
use trendline_core::sharing::scenario::parse_scenario;
use trendline_core::sharing::url::{encode, resolved};
use trendline_core::{Action, Series};
use yew::prelude::*;

/// Notices for the start of a visit: link settings that were ignored, a link made with older
/// data, and a new version of the app.
fn start_notices(initial: &trendline_core::sharing::url::Decoded) -> Vec<String> {
    let mut out: Vec<String> = initial
        .ignored
        .iter()
        .map(|i| format!("Ignored {}={} from the link: {}.", i.key, i.value, i.reason))
        .collect();
    let vintage = &*bundle::MANIFEST.vintage;
    if let Some(v) = initial.data.as_deref().filter(|v| *v != vintage) {
        out.push(format!(
            "This link was made with the dataset of {v}; the data has changed since (now {vintage}), so some numbers may differ from what its author saw."
        ));
    }
    if let Some(build) = browser::meta_content("trendline-build") {
        if browser::load("trendline-build").is_some_and(|seen| seen != build) {
            out.push("Trendline has been updated to a new version since your last visit.".into());
        }
    }
    out
}

#[function_component(App)]
pub fn app() -> Html {
    // Series the reader imported earlier (kept in this browser).
    let users = use_state(user_series::load_all);
    let known = |users: &[Rc<Series>]| -> Vec<String> {
        bundle::ids()
            .into_iter()
            .map(str::to_string)
            .chain(users.iter().map(|s| s.meta.id.to_string()))
            .collect()
    };
    let initial = use_memo((), {
        let ids = known(&users.0);
        move |_| initial_from_url(&ids.iter().map(String::as_str).collect::<Vec<_>>())
    });
    let embed = initial.embed;
    let state = use_reducer_eq(|| AppState(initial.state.clone()));
    let notices = use_state(|| {
        let mut n = start_notices(&initial);
        n.extend(users.1.iter().cloned());
        n
    });
    use_effect_with((), |_| {
        // Remember this build, so the next visit can tell whether the app was updated.
        if let Some(build) = browser::meta_content("trendline-build") {
            browser::save("trendline-build", &build);
        }
    });
    let importing = use_state(|| false);
    let user = users
        .0
        .iter()
        .find(|s| *s.meta.id == state.0.series)
        .cloned();
    let meta = user
        .as_ref()
        .map(|s| &s.meta)
        .or_else(|| bundle::meta(&state.0.series))
        .or_else(|| bundle::MANIFEST.series.first());
    let written = meta.map_or_else(|| state.0.clone(), |m| resolved(&state.0, m));
    // Which page: one series or the mosaic (`view`, not part of the settings).
    let view = use_state_eq(|| initial.view);
    use_url_sync(&written, embed, *view);
    let bundled = use_series(if user.is_some() {
        trendline_core::settings::DEFAULT_SERIES
    } else {
        &state.0.series
    });
    let loaded = match &user {
        Some(s) => Loaded::Ready(SeriesRef(s.clone())),
        None => bundled,
    };
    // The 80% horizons that pair with a 50% series (for other reliability levels).
    let sibling_id = sibling80_id(&state.0.series).filter(|id| bundle::meta(id).is_some());
    let wanted = sibling_id.as_deref().filter(|_| state.0.rel != 50.0);
    // No sibling wanted: no id (an unknown one loads nothing), rather than the shown series'
    // own, which would load it a second time.
    let sibling = use_series(wanted.unwrap_or(""));
    let sibling = match (wanted.is_some(), sibling) {
        (true, Loaded::Ready(s)) => Some(s),
        _ => None,
    };
    let has_reliability = sibling_id.is_some();

    // Callbacks keep their identity across renders (use_callback), so a slider input does not
    // re-render every component that takes one: a new Callback never equals the old one.
    let dispatch = use_callback(state.dispatcher(), |a: Action, d| d.dispatch(a));
    let on_select = use_callback(dispatch.clone(), |id: String, d| {
        d.emit(Action::SelectSeries(id))
    });
    let on_dismiss = use_callback(notices.setter(), |_: (), n| n.set(Vec::new()));
    let title = meta.map(|m| m.title.to_string()).unwrap_or_default();
    let on_scenario = use_callback(
        (state.dispatcher(), notices.setter(), known(&users.0)),
        |r: Result<String, String>, (state, notices, ids)| {
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            match r.and_then(|text| parse_scenario(&text, &ids)) {
                Ok(d) => {
                    let mut n: Vec<String> = d
                        .ignored
                        .iter()
                        .map(|i| {
                            format!(
                                "Ignored {}={} from the scenario file: {}.",
                                i.key, i.value, i.reason
                            )
                        })
                        .collect();
                    n.push("Opened the scenario file.".into());
                    notices.set(n);
                    state.dispatch(Action::Load(Box::new(d.state)));
                }
                Err(e) => notices.set(vec![format!("The scenario file could not be opened: {e}")]),
            }
        },
    );
    let on_import = use_callback((importing.setter(), *importing), |_: (), (set, now)| {
        set.set(!*now)
    });
    let on_imported = {
        let (users, state, notices, importing) = (
            users.clone(),
            state.clone(),
            notices.clone(),
            importing.clone(),
        );
        Callback::from(move |imp: user_series::Imported| {
            let kept = user_series::store(&imp);
            let id = imp.series.meta.id.to_string();
            let mut list = users.0.clone();
            list.retain(|s| *s.meta.id != *id);
            list.push(imp.series.clone());
            users.set((list, Vec::new()));
            importing.set(false);
            let why = match kept {
                Ok(()) => None,
                Err(browser::StoreError::Full) => {
                    Some("this browser's storage for the page is full")
                }
                Err(browser::StoreError::Unavailable) => {
                    Some("this page may not store data here (storage is blocked or unavailable)")
                }
                Err(browser::StoreError::Refused) => Some("the browser refused to store it"),
            };
            notices.set(vec![match why {
                None => format!("Imported \"{}\" ({} points). It is kept in this browser; remove it with the button beside the picker.", imp.series.meta.title, imp.series.points.len()),
                Some(why) => format!("Imported \"{}\" ({} points) for this visit only: it could not be kept, because {why}. Keep your file, or export the view as CSV, to bring it back later.", imp.series.meta.title, imp.series.points.len()),
            }]);
            state.dispatch(Action::SelectSeries(id));
        })
    };
    let on_remove = {
        let (users, state) = (users.clone(), state.clone());
        Callback::from(move |id: String| {
            user_series::forget(&id);
            let list: Vec<Rc<Series>> = users
                .0
                .iter()
                .filter(|s| *s.meta.id != *id)
                .cloned()
                .collect();
            users.set((list, Vec::new()));
            state.dispatch(Action::SelectSeries(
                trendline_core::settings::DEFAULT_SERIES.into(),
            ));
        })
    };
    let taken = known(&users.0);
    let on_import_close = {
        let importing = importing.clone();
        Callback::from(move |_| importing.set(false))
    };
    let user_choices: Vec<(String, String)> = users
        .0
        .iter()
        .map(|s| (s.meta.id.to_string(), s.meta.title.to_string()))
        .collect();
    {
        // The page's title and description name the series shown.
        let (title, short) = (
            title.clone(),
            meta.map(|m| m.short_title.to_string()).unwrap_or_default(),
        );
        use_effect_with(state.0.series.clone(), move |_| {
            browser::set_title(&format!("{short} · Trendline"));
            browser::set_meta_content(
                "description",
                &format!("{title}: the data with its sources, the fitted trend, an adjustable doubling time and the date each milestone is reached."),
            );
        });
    }
    {
        // Embedded: tell the host page our height after every render and on resize.
        let last = use_mut_ref(|| std::cell::Cell::new(-1));
        let last2 = last.clone();
        use_effect(move || {
            if embed {
                browser::post_height(&last.borrow());
            }
        });
        use_effect_with(embed, move |embed| {
            let listener = embed.then(|| {
                crate::browser::window().map(|w| {
                    gloo::events::EventListener::new(&w, "resize", move |_| {
                        browser::post_height(&last2.borrow())
                    })
                })
            });
            move || drop(listener)
        });
    }

    let body = match loaded {
        Loaded::Ready(series) => html! {
            <SeriesView {series} {sibling} {has_reliability} state={state.0.clone()} dispatch={dispatch.clone()} {embed}
                title={title.clone()} {on_scenario} {on_import} resolved={written.clone()} />
        },
        Loaded::Loading => {
            html! { <div class="placeholder" data-testid="loading">{"Loading the data…"}</div> }
        }
        Loaded::Failed(e) => html! {
            <div class="notice error" role="alert" data-testid="load-error">
                <p>{"This series could not be shown:"}</p><pre>{e.to_string()}</pre>
            </div>
        },
    };
    if embed {
        let open = format!(
            "{}?{}",
            browser::page_base(),
            encode(&written, &bundle::MANIFEST.vintage)
        );
        return html! {
            <main class="app embed" data-testid="embed">
                {notices_view(&notices, &on_dismiss)}
                <div class="embed-head">
                    <h2 id="chart-title" data-testid="series-title">{title}</h2>
                    <a class="open-full" href={open} target="_blank" rel="noopener" data-testid="open-in-trendline">{"Open in Trendline ↗"}</a>
                </div>
                {body}
            </main>
        };
    }
    html! {
        <main class="app">
            <header class="top">
                <crate::components::ThemeToggle />
                <h1>{"Trendline"}</h1>
                <p class="tagline">{"AI benchmark results over time, their fitted trends, and when each milestone is reached if a trend continues."}</p>
            </header>
            {notices_view(&notices, &on_dismiss)}
            {crate::components::view_tabs(*view, &{ let view = view.clone(); Callback::from(move |v| view.set(v)) })}
            if *view == trendline_core::sharing::url::View::Mosaic {
                <crate::components::Mosaic on_open={{ let (view, d) = (view.clone(), dispatch.clone()); Callback::from(move |id: String| { d.emit(Action::SelectSeries(id)); view.set(trendline_core::sharing::url::View::Single); }) }} band={state.0.band} by={state.0.by} />
            } else {
            <section class="chart-panel" aria-labelledby="chart-title">
                <div class="chart-head">
                    <h2 id="chart-title" data-testid="series-title">{title}</h2>
                    <div class="picker-row">
                        <crate::components::Later><SeriesPicker selected={AttrValue::from(state.0.series.clone())} {on_select} user={user_choices} /></crate::components::Later>
                        if let Some(u) = &user {
                            <button type="button" class="link-button" data-testid="remove-user-series" onclick={on_remove.reform({ let id = u.meta.id.to_string(); move |_| id.clone() })}>{"Remove this imported series"}</button>
                        }
                    </div>
                </div>
                if *importing {
                    <ImportPanel {taken} {on_imported} on_close={on_import_close} />
                }
                {body}
            </section>
            }
            // After the chart, not above it: the chart is what a reader came for, and it stays
            // in the first screen (and where the pre-rendered first view draws it).
            <crate::components::HowToRead />
        </main>
    }
}
