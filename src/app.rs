use crate::bundle;
use crate::components::{
    ChartCanvas, DoublingControl, FitControls, Legend, MilestoneTable, Notices, SourceNote,
};
use crate::hooks::{initial_from_url, use_url_sync};
use crate::state::AppState;
use std::rc::Rc;
use trendline_chart::{build_model, ModelOptions};
use trendline_core::units::format_days_and_months;
use trendline_core::{forecast, Action, Dataset, Day, Selection};
use yew::prelude::*;

/// Last date on the time axis.
const AXIS_END: &str = "2030-12-31";

#[function_component(App)]
pub fn app() -> Html {
    match bundle::dataset() {
        Ok(data) => html! { <Explorer data={DataRef(data)} /> },
        Err(e) => html! {
            <main class="app"><div class="notice error" role="alert">
                <p>{"The bundled dataset could not be read, so there is nothing to show."}</p>
                <pre>{e}</pre>
            </div></main>
        },
    }
}

/// The bundled dataset, compared by address (it is loaded once per page).
#[derive(Clone, Copy)]
struct DataRef(&'static Dataset);

impl PartialEq for DataRef {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

#[derive(Properties, PartialEq)]
struct ExplorerProps {
    data: DataRef,
}

#[function_component(Explorer)]
fn explorer(props: &ExplorerProps) -> Html {
    let data = props.data.0;
    let initial = use_memo((), |_| initial_from_url(&data.ids()));
    let state = use_reducer_eq(|| AppState(initial.state.clone()));
    let notices = use_state(|| {
        initial
            .ignored
            .iter()
            .map(|i| format!("Ignored {}={} from the link: {}.", i.key, i.value, i.reason))
            .collect::<Vec<_>>()
    });
    use_url_sync(&state.0);

    let s = &state.0;
    // `decode` only accepts known ids, so the lookup succeeds; fall back to the first series anyway.
    let series = data.get(&s.series).or_else(|| data.series.first());
    let Some(series) = series else {
        return html! { <main class="app"><p>{"The dataset is empty."}</p></main> };
    };
    let fc = use_memo((series.meta.id.clone(), s.clone()), move |(_, s)| {
        forecast(series, s)
    });
    let model = {
        let fc = fc.clone();
        use_memo(fc, move |fc| {
            let end = Day::parse(AXIS_END).unwrap_or(Day::MAX);
            Rc::new(build_model(
                series,
                fc,
                &ModelOptions {
                    end,
                    caption: None,
                    footer: vec![],
                    legend_in_plot: false,
                },
            ))
        })
    };

    let dispatch = |f: fn(f64) -> Action| {
        let state = state.clone();
        Callback::from(move |v: f64| state.dispatch(f(v)))
    };
    let on_set = dispatch(Action::SetDoubling);
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ResetDoubling))
    };
    let on_from = {
        let state = state.clone();
        Callback::from(move |d| state.dispatch(Action::SetFrom(d)))
    };
    let on_to = {
        let state = state.clone();
        Callback::from(move |d| state.dispatch(Action::SetTo(d)))
    };
    let on_selection = {
        let state = state.clone();
        Callback::from(move |sel: Selection| state.dispatch(Action::SetSelection(sel)))
    };
    let on_dismiss = {
        let notices = notices.clone();
        Callback::from(move |_| notices.set(Vec::new()))
    };

    let fit = fc.fit.as_ref().ok();
    let label = chart_label(series, &fc);
    html! {
        <main class="app">
            <header class="top">
                <h1>{"Trendline"}</h1>
                <p class="tagline">{"AI benchmark trends, their fits, and when they reach each milestone if they continue."}</p>
            </header>
            <Notices messages={(*notices).clone()} on_dismiss={on_dismiss} />
            <section class="chart-panel" aria-labelledby="chart-title">
                <h2 id="chart-title" data-testid="series-title">{&series.meta.title}</h2>
                <ChartCanvas model={(*model).clone()} label={label} />
                <Legend model={(*model).clone()} />
                <SourceNote meta={series.meta.clone()} />
                { for fc.notes.iter().map(|n| html! { <p class="note" role="status">{n}</p> }) }
            </section>
            <section class="controls" aria-label="Trend and assumptions">
                <FitControls
                    from={s.from} to={s.to} selection={s.selection}
                    fitted={fc.fitted_doubling}
                    n={fit.map(|f| f.line.n)}
                    r2={fit.map(|f| f.line.r2)}
                    span={fit.map(|f| f.span)}
                    cap_note={series.meta.fit_cap.map(|c| AttrValue::from(format!("points above {} h are not fitted ({})", c / 60.0, series.meta.fit_cap_note.clone().unwrap_or_default())))}
                    {on_from} {on_to} {on_selection} />
                <DoublingControl assumed={fc.assumed_doubling} fitted={fc.fitted_doubling} overridden={s.doubling.is_some()} {on_set} {on_reset} />
            </section>
            <section class="milestone-panel">
                <MilestoneTable rows={fc.milestones.clone()} overridden={s.doubling.is_some()} />
            </section>
        </main>
    }
}

fn chart_label(series: &trendline_core::Series, fc: &trendline_core::Forecast) -> AttrValue {
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
