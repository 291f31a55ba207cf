use crate::browser;
use crate::bundle;
use crate::components::{
    AboutData, BacktestPanel, ChartCanvas, DataTable, DoublingControl, ExportBar, FitControls,
    ImportPanel, Legend, MilestoneTable, ModelPanel, Notices, PointAt, PointTooltip, SeriesPicker,
    ShareBar, SourceNote,
};
use crate::hooks::{
    initial_from_url, use_after_paint, use_series, use_url_sync, Loaded, SeriesRef,
};
use crate::perf::timed;
use crate::shared::Shared;
use crate::state::AppState;
use crate::user_series;
use std::rc::Rc;
use trendline_chart::{build_model, ModelOptions};
use trendline_core::data::units::format_days_and_months;
use trendline_core::model::reliability::sibling80_id;
use trendline_core::settings::DEFAULT_UNTIL;
use trendline_core::sharing::scenario::parse_scenario;
use trendline_core::sharing::url::{encode, resolved};
use trendline_core::Series;
use trendline_core::{
    prepare_with, project, Action, Analyses, Day, Forecast, Prepared, Selection, State,
};

/// What the fit stage depends on.
type FitKey = (SeriesRef, Option<SeriesRef>, State);
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
    let query = AttrValue::from(encode(&written, &bundle::MANIFEST.vintage));
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
    let sibling = use_series(wanted.unwrap_or(&state.0.series));
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
                web_sys::window().map(|w| {
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
                query={query.clone()} title={title.clone()} {on_scenario} {on_import} resolved={written.clone()} />
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
        let open = format!("{}?{}", browser::page_base(), query);
        return html! {
            <main class="app embed" data-testid="embed">
                <Notices messages={(*notices).clone()} on_dismiss={on_dismiss} />
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
            <Notices messages={(*notices).clone()} on_dismiss={on_dismiss} />
            <crate::components::ViewTabs view={*view} on_view={{ let view = view.clone(); Callback::from(move |v| view.set(v)) }} />
            if *view == trendline_core::sharing::url::View::Mosaic {
                <crate::components::Mosaic on_open={{ let (view, d) = (view.clone(), dispatch.clone()); Callback::from(move |id: String| { d.emit(Action::SelectSeries(id)); view.set(trendline_core::sharing::url::View::Single); }) }} />
            } else {
            <section class="chart-panel" aria-labelledby="chart-title">
                <div class="chart-head">
                    <h2 id="chart-title" data-testid="series-title">{title}</h2>
                    <div class="picker-row">
                        <SeriesPicker selected={AttrValue::from(state.0.series.clone())} {on_select} user={user_choices} />
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

#[derive(Properties, PartialEq)]
struct SeriesViewProps {
    series: SeriesRef,
    /// The 80% horizons paired with a 50% series, once loaded.
    sibling: Option<SeriesRef>,
    /// Whether the series has 80% horizons to pair with.
    has_reliability: bool,
    state: State,
    dispatch: Callback<Action>,
    /// Compact view for an iframe.
    embed: bool,
    /// The settings as a query string, for links and the embed snippet.
    query: AttrValue,
    /// Title of the series.
    title: AttrValue,
    /// The settings resolved for the series (what exports record).
    resolved: State,
    on_scenario: Callback<Result<String, String>>,
    on_import: Callback<()>,
}

/// Chart, controls and tables for one loaded series.
#[function_component(SeriesView)]
fn series_view(props: &SeriesViewProps) -> Html {
    let hover = use_state_eq(|| None::<PointAt>);
    // Panels below the chart are rendered one frame after the first paint, so the chart comes
    // first on a cold load.
    let rest = use_state_eq(|| false);
    {
        let rest = rest.clone();
        use_effect_with((), move |_| {
            let t = gloo::timers::callback::Timeout::new(0, move || rest.set(true));
            move || drop(t)
        });
    }
    {
        let hover = hover.clone();
        use_effect_with(props.series.clone(), move |_| hover.set(None));
    }
    // Fits and resampling depend on the fit settings only; a slider drag reuses them.
    // Fits and resampling depend on the fit settings only; a slider drag reuses them. The first
    // pass leaves out the analyses the chart does not need (backtest, the superexponential fit
    // when it is only compared); they follow a moment later and replace it.
    let key = (
        props.series.clone(),
        props.sibling.clone(),
        props.state.fit_settings(),
    );
    let quick = use_memo(key.clone(), |(s, sib, fs)| {
        Rc::new(timed("prepare", || {
            prepare_with(&s.0, sib.as_ref().map(|x| &*x.0), fs, Analyses::Essential)
        }))
    });
    let full = use_state(|| None::<(FitKey, Rc<Prepared>)>);
    {
        let full = full.clone();
        use_effect_with(key.clone(), move |key| {
            let key = key.clone();
            let t = gloo::timers::callback::Timeout::new(60, move || {
                let p = timed("analyses", || {
                    prepare_with(
                        &key.0 .0,
                        key.1.as_ref().map(|x| &*x.0),
                        &key.2,
                        Analyses::Full,
                    )
                });
                full.set(Some((key, Rc::new(p))));
            });
            move || drop(t)
        });
    }
    let prepared = match &*full {
        Some((k, p)) if *k == key => p.clone(),
        _ => (*quick).clone(),
    };
    let fc = use_memo(
        (Shared(prepared.clone()), props.state.clone()),
        |(p, st)| Rc::new(timed("project", || project(&p.0, st))),
    );
    // Scenarios override every assumption the slider moves, so they are worked out again only
    // when the data, the fit or the scenarios change, never on a slider input.
    let runs = use_memo(
        (
            props.series.clone(),
            props.sibling.clone(),
            Shared(prepared.clone()),
            trendline_core::forecast::compare::scenario_basis(&props.state),
        ),
        |(s, sib, p, basis)| {
            Rc::new(timed("scenarios", || {
                trendline_core::forecast::compare::run_scenarios(
                    &s.0,
                    sib.as_ref().map(|x| &*x.0),
                    &p.0,
                    basis,
                )
            }))
        },
    );
    let highlight = hover.map(|h| h.index);
    let scale = props.state.scale;
    // Per series, not per slider input.
    let forecasts = use_memo(fc.prepared.series.meta.id.clone(), |id| {
        crate::bundle::forecasts_for(id)
    });
    let model = use_memo(
        (
            (*fc).clone(),
            highlight,
            Shared((*runs).clone()),
            scale,
            forecasts,
        ),
        |(fc, highlight, runs, scale, forecasts)| {
            let end = if fc.projection.is_some() {
                fc.until
            } else {
                fc.prepared
                    .series
                    .points
                    .last()
                    .map_or(DEFAULT_UNTIL, |p| Day::from_number(p.date.number() + 180))
            };
            let mut m = timed("model", || {
                build_model(
                    fc,
                    &ModelOptions {
                        end,
                        caption: None,
                        footer: vec![],
                        legend_in_plot: false,
                        scale: *scale,
                        scenarios: trendline_chart::ScenarioLine::from_runs(runs),
                        forecasts: (**forecasts).clone(),
                    },
                )
            });
            m.highlight = *highlight;
            Rc::new(m)
        },
    );

    // The panels around the chart (tables, the sensitivity chart, scenarios, the link and the
    // exports) follow a slider input after the frame that shows the redrawn chart; any other
    // change reaches them at once.
    let later = use_after_paint(
        Panels {
            fc: Shared((*fc).clone()),
            model: Shared((*model).clone()),
            state: props.state.clone(),
            query: props.query.clone(),
            resolved: props.resolved.clone(),
        },
        Panels::slider_only,
    );
    let s = &props.state;
    let fc: Rc<Forecast> = (*fc).clone();
    let series = &fc.prepared.series;
    let d = &props.dispatch;
    let fit = fc.prepared.fit.as_ref().ok();
    let fitted_points: Vec<usize> = fit.map(|f| f.used.clone()).unwrap_or_default();
    let on_point = use_callback(hover.setter(), |p: Option<PointAt>, h| h.set(p));
    // The controls' callbacks, made once per dispatcher, so that controls whose values did not
    // change are not re-rendered on a slider input.
    let on = use_memo(props.dispatch.clone(), |d| Handlers {
        set_doubling: d.reform(Action::SetDoubling),
        reset_doubling: d.reform(|_| Action::ResetDoubling),
        scale: d.reform(Action::SetScale),
        from: d.reform(Action::SetFrom),
        to: d.reform(Action::SetTo),
        selection: d.reform(Action::SetSelection),
    });
    let on_toggle = {
        let (d, model, series) = (d.clone(), model.clone(), series.clone());
        Callback::from(move |i: usize| {
            if let Some(p) = model.points.get(i).and_then(|m| series.points.get(m.index)) {
                d.emit(Action::ToggleDrop(p.id.clone()));
            }
        })
    };
    let runs: Shared<Vec<trendline_core::forecast::compare::ScenarioRun>> = Shared((*runs).clone());
    let tooltip = hover.and_then(|h| model.points.get(h.index).map(|p| (p.index, h.x, h.y)));
    let shown = SeriesRef(series.clone());
    let horizon = series.meta.unit == trendline_core::Unit::Minutes;
    let chart = html! {
            <div class="chart-wrap">
                <ChartCanvas model={(*model).clone()} label={chart_label(&fc)} {on_point} {on_toggle} />
                <crate::components::ChartSummary text={crate::components::summary_text(&later.fc, &runs)} />
                if let Some((index, x, y)) = tooltip {
                    <PointTooltip series={shown.clone()} {index} {x} {y} fitted={fitted_points.contains(&index)} dropped={s.drop.contains(&series.points[index].id)} />
                }
            </div>
    };
    let doubling = html! {
        <DoublingControl assumed={fc.assumed_doubling} fitted={fc.fitted_doubling} overridden={s.doubling.is_some()}
            family={fc.prepared.family}
            on_set={on.set_doubling.clone()} on_reset={on.reset_doubling.clone()} />
    };
    if props.embed {
        return html! {
            <>
                {chart}
                <Legend model={later.model.0.clone()} />
                <p class="fit-readout embed-readout">
                    {"Fitted: "}
                    <strong data-testid="fit-doubling-days" data-value={crate::components::data_number(fc.fitted_doubling)}>
                        { fc.fitted_doubling.map(format_days_and_months).unwrap_or_else(|| "—".into()) }
                    </strong>
                    {format!(" ({} fit, n = {})", fc.prepared.family.label(), fit.map_or(0, |f| f.line.n))}
                </p>
                {doubling}
                <MilestoneTable rows={later.fc.milestones.clone()} overridden={later.state.doubling.is_some() || later.state.accel.is_some()} until={later.state.until} {horizon} compact=true />
                <crate::components::Scenarios forecast={later.fc.clone()} runs={runs.clone()} slots={later.state.scenarios.clone()} dispatch={d.clone()} compact=true />
                <SourceNote meta={series.meta.clone()} />
            </>
        };
    }
    html! {
        <>
            {chart}
            if horizon {
                <crate::components::ScaleToggle scale={s.scale} notes={model.axis_notes.clone()} on_scale={on.scale.clone()} />
            }
            <p id="chart-keys" class="hint">{"Hover a point, or focus the chart and use the arrow keys, to see its details and source; click it (or press Enter) to leave it out of the fit."}</p>
            <Legend model={later.model.0.clone()} />
            <SourceNote meta={series.meta.clone()} />
            <ShareBar query={later.query.clone()} title={props.title.clone()}>
                <ExportBar forecast={later.fc.clone()} runs={runs.clone()} state={later.resolved.clone()} on_scenario={props.on_scenario.clone()} on_import={props.on_import.clone()} />
            </ShareBar>
            { for later.fc.notes.iter().map(|n| html! { <p class="note" role="status">{n}</p> }) }
            <section class="controls" aria-label="Trend and assumptions">
                <FitControls prepared={Shared(fc.prepared.clone())} fitted={fc.fitted_doubling} from={s.from} to={s.to} selection={s.selection}
                    on_from={on.from.clone()}
                    on_to={on.to.clone()}
                    on_selection={on.selection.clone()} />
                {doubling}
            </section>
            <section class="milestone-panel">
                <MilestoneTable rows={later.fc.milestones.clone()} overridden={later.state.doubling.is_some() || later.state.accel.is_some()} until={later.state.until} {horizon} />
                <crate::components::Sensitivity forecast={later.fc.clone()} />
            </section>
            <crate::components::Scenarios forecast={later.fc.clone()} runs={runs.clone()} slots={later.state.scenarios.clone()} dispatch={d.clone()} />
            if *rest {
            <ModelPanel state={State { doubling: None, ..s.clone() }} prepared={Shared(fc.prepared.clone())} dispatch={d.clone()} has_reliability={props.has_reliability} />
            }
            if *rest {
                <BacktestPanel prepared={Shared(fc.prepared.clone())} />
                <AboutData meta={series.meta.clone()} />
                <DataTable series={shown} fitted={fitted_points.clone()} />
            }
        </>
    }
}

/// The controls' callbacks (see `SeriesView`).
struct Handlers {
    set_doubling: Callback<f64>,
    reset_doubling: Callback<()>,
    scale: Callback<trendline_core::settings::Scale>,
    from: Callback<Option<Day>>,
    to: Callback<Option<Day>>,
    selection: Callback<Selection>,
}

/// What the panels around the chart are drawn from (see `use_after_paint`).
#[derive(Clone, PartialEq)]
struct Panels {
    fc: Shared<Forecast>,
    model: Shared<trendline_chart::ChartModel>,
    state: State,
    query: AttrValue,
    resolved: State,
}

impl Panels {
    /// Whether `new` differs from `old` by a slider's move alone: the same fit, and settings
    /// that differ only in the doubling time or its acceleration.
    fn slider_only(old: &Panels, new: &Panels) -> bool {
        let rest = |s: &State| State {
            doubling: None,
            accel: None,
            ..s.clone()
        };
        Rc::ptr_eq(&old.fc.prepared, &new.fc.prepared) && rest(&old.state) == rest(&new.state)
    }
}

fn chart_label(fc: &Forecast) -> AttrValue {
    let series = &fc.prepared.series;
    let mut text = format!("{}: {} points.", series.meta.title, series.points.len());
    if let Some(t) = fc.fitted_doubling {
        text.push_str(&format!(
            " Fitted doubling time {}.",
            format_days_and_months(t)
        ));
    }
    if let Some(t) = fc.assumed_doubling {
        text.push_str(&format!(
            " Projection doubles every {}.",
            format_days_and_months(t)
        ));
    }
    for m in &fc.milestones {
        if let Some(d) = m.assumed {
            text.push_str(&format!(" Reaches {} on {d}.", m.milestone.label));
        }
    }
    AttrValue::from(text)
}
