use crate::bundle;
use crate::components::{
    AboutData, ChartCanvas, DataTable, DoublingControl, FitControls, Legend, MilestoneTable,
    Notices, PointAt, PointTooltip, SeriesPicker, SourceNote,
};
use crate::hooks::{initial_from_url, use_series, use_url_sync, Loaded, SeriesRef};
use crate::state::AppState;
use std::rc::Rc;
use trendline_chart::{build_model, ModelOptions};
use trendline_core::units::format_days_and_months;
use trendline_core::{forecast, Action, Day, Forecast, Selection, Series, State};
use yew::prelude::*;

/// Last date on the time axis when a projection is drawn.
const AXIS_END: Day = Day::from_number(22_279); // 2030-12-31

#[function_component(App)]
pub fn app() -> Html {
    let initial = use_memo((), |_| initial_from_url(&bundle::ids()));
    let state = use_reducer_eq(|| AppState(initial.state.clone()));
    let notices = use_state(|| {
        initial
            .ignored
            .iter()
            .map(|i| format!("Ignored {}={} from the link: {}.", i.key, i.value, i.reason))
            .collect::<Vec<_>>()
    });
    use_url_sync(&state.0);
    let loaded = use_series(&state.0.series);

    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };
    let on_select = dispatch.reform(Action::SelectSeries);
    let on_dismiss = {
        let notices = notices.clone();
        Callback::from(move |_| notices.set(Vec::new()))
    };
    let meta = bundle::meta(&state.0.series).or_else(|| bundle::MANIFEST.series.first());
    let title = meta.map(|m| m.title.to_string()).unwrap_or_default();

    html! {
        <main class="app">
            <header class="top">
                <h1>{"Trendline"}</h1>
                <p class="tagline">{"AI benchmark results over time, their fitted trends, and when each milestone is reached if a trend continues."}</p>
            </header>
            <Notices messages={(*notices).clone()} on_dismiss={on_dismiss} />
            <section class="chart-panel" aria-labelledby="chart-title">
                <div class="chart-head">
                    <h2 id="chart-title" data-testid="series-title">{title}</h2>
                    <SeriesPicker selected={AttrValue::from(state.0.series.clone())} {on_select} />
                </div>
                { match loaded {
                    Loaded::Ready(series) => html! { <SeriesView {series} state={state.0.clone()} {dispatch} /> },
                    Loaded::Loading => html! { <div class="placeholder" data-testid="loading">{"Loading the data…"}</div> },
                    Loaded::Failed(e) => html! {
                        <div class="notice error" role="alert" data-testid="load-error">
                            <p>{"This series could not be shown:"}</p><pre>{e.to_string()}</pre>
                        </div>
                    },
                } }
            </section>
        </main>
    }
}

#[derive(Properties, PartialEq)]
struct SeriesViewProps {
    series: SeriesRef,
    state: State,
    dispatch: Callback<Action>,
}

/// Chart, controls and tables for one loaded series.
#[function_component(SeriesView)]
fn series_view(props: &SeriesViewProps) -> Html {
    let hover = use_state_eq(|| None::<PointAt>);
    {
        let hover = hover.clone();
        use_effect_with(props.series.clone(), move |_| hover.set(None));
    }
    let fc = use_memo((props.series.clone(), props.state.clone()), |(s, st)| {
        forecast(&s.0, st)
    });
    let highlight = hover.map(|h| h.index);
    let model = use_memo(
        (props.series.clone(), fc.clone(), highlight),
        |(s, fc, highlight)| {
            let end = if fc.projection.is_some() {
                AXIS_END
            } else {
                s.0.points
                    .last()
                    .map_or(AXIS_END, |p| Day::from_number(p.date.number() + 180))
            };
            let mut m = build_model(
                &s.0,
                fc,
                &ModelOptions {
                    end,
                    caption: None,
                    footer: vec![],
                    legend_in_plot: false,
                },
            );
            m.highlight = *highlight;
            Rc::new(m)
        },
    );

    let s = &props.state;
    let series = &props.series.0;
    let d = &props.dispatch;
    let fit = fc.fit.as_ref().ok();
    let fitted_points: Vec<usize> = fit.map(|f| f.used.clone()).unwrap_or_default();
    let on_point = {
        let hover = hover.clone();
        Callback::from(move |p: Option<PointAt>| hover.set(p))
    };
    let tooltip = hover.and_then(|h| model.points.get(h.index).map(|p| (p.index, h.x, h.y)));
    let cap_note = series.meta.fit_cap.map(|c| {
        AttrValue::from(format!(
            "points above {} h are not fitted ({})",
            c / 60.0,
            series.meta.fit_cap_note.as_deref().unwrap_or_default()
        ))
    });
    html! {
        <>
            <div class="chart-wrap">
                <ChartCanvas model={(*model).clone()} label={chart_label(series, &fc)} {on_point} />
                if let Some((index, x, y)) = tooltip {
                    <PointTooltip series={props.series.clone()} {index} {x} {y} fitted={fitted_points.contains(&index)} />
                }
            </div>
            <p id="chart-keys" class="hint">{"Hover a point, or focus the chart and use the arrow keys, to see its details and source."}</p>
            <Legend model={(*model).clone()} />
            <SourceNote meta={series.meta.clone()} />
            { for fc.notes.iter().map(|n| html! { <p class="note" role="status">{n}</p> }) }
            if series.meta.unit == trendline_core::Unit::Minutes {
            <section class="controls" aria-label="Trend and assumptions">
                <FitControls
                    from={s.from} to={s.to} selection={s.selection}
                    fitted={fc.fitted_doubling}
                    n={fit.map(|f| f.line.n)}
                    r2={fit.map(|f| f.line.r2)}
                    span={fit.map(|f| f.span)}
                    {cap_note}
                    on_from={d.reform(Action::SetFrom)}
                    on_to={d.reform(Action::SetTo)}
                    on_selection={d.reform(|sel: Selection| Action::SetSelection(sel))} />
                <DoublingControl assumed={fc.assumed_doubling} fitted={fc.fitted_doubling} overridden={s.doubling.is_some()}
                    on_set={d.reform(Action::SetDoubling)} on_reset={d.reform(|_| Action::ResetDoubling)} />
            </section>
            <section class="milestone-panel">
                <MilestoneTable rows={fc.milestones.clone()} overridden={s.doubling.is_some()} />
            </section>
            }
            <AboutData meta={series.meta.clone()} />
            <DataTable series={props.series.clone()} fitted={fitted_points.clone()} />
        </>
    }
}

fn chart_label(series: &Series, fc: &Forecast) -> AttrValue {
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
