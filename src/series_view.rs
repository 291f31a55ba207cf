//! One loaded series: the chart, its controls and the panels around it. The fits are worked
//! out once per fit setting and reused while a slider moves; the chart is redrawn in the
//! input's own task and the panels follow after that frame (`use_after_paint`).

use crate::components::{
    AboutData, BacktestPanel, ChartCanvas, DataTable, ExportBar, FitControls, Later, Legend,
    MilestoneTable, ModelPanel, PointAt, PointTooltip, ShareBar,
};
use crate::hooks::{use_after_paint, SeriesRef};
use crate::perf::timed;
use crate::shared::Shared;
use std::rc::Rc;
use trendline_chart::{build_model, ModelOptions};
use trendline_core::data::units::format_days_and_months;
use trendline_core::settings::DEFAULT_UNTIL;
use trendline_core::sharing::url::encode;
use trendline_core::{
    prepare_with, project, Action, Analyses, Day, Deferred, Forecast, Prepared, Selection, State,
};
use yew::prelude::*;

/// What the fit stage depends on.
type FitKey = (SeriesRef, Option<SeriesRef>, State);

#[derive(Properties, PartialEq)]
pub struct SeriesViewProps {
    pub series: SeriesRef,
    /// The 80% horizons paired with a 50% series, once loaded.
    pub sibling: Option<SeriesRef>,
    /// Whether the series has 80% horizons to pair with.
    pub has_reliability: bool,
    pub state: State,
    pub dispatch: Callback<Action>,
    /// Compact view for an iframe.
    pub embed: bool,
    /// Title of the series.
    pub title: AttrValue,
    /// The settings resolved for the series (what exports record).
    pub resolved: State,
    pub on_scenario: Callback<Result<String, String>>,
    pub on_import: Callback<()>,
}

/// The elements that show the deferred analyses (`Prepared::deferred`): the AICc line, the
/// model panel and the backtest. They carry `data-analyses`.
pub const ANALYSES: &str = "[data-analyses]";

/// Chart, controls and tables for one loaded series.
#[function_component(SeriesView)]
pub fn series_view(props: &SeriesViewProps) -> Html {
    let hover = use_state_eq(|| None::<PointAt>);
    // Panels below the chart are rendered one frame after the first paint, so the chart comes
    // first on a cold load.
    // Rendered natively (the build's pre-render), and when taking that over, everything is
    // there at once.
    let rest = use_state_eq(crate::browser::hydrating);
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
    // Fits and resampling depend on the fit settings only; a slider drag reuses them. The first
    // pass leaves out the analyses the chart does not need (backtest, the superexponential fit
    // when it is only compared); they follow (`deferred` below), for the panels that show them.
    let key = (
        props.series.clone(),
        props.sibling.clone(),
        props.state.fit_settings(),
    );
    let quick = use_memo(key.clone(), |(s, sib, fs)| {
        crate::warm::prepared(s, sib.as_ref(), fs).unwrap_or_else(|| {
            Rc::new(timed("prepare", || {
                prepare_with(&s.0, sib.as_ref().map(|x| &*x.0), fs, Analyses::Essential)
            }))
        })
    });
    // The deferred analyses (`Prepared::deferred`: the superexponential fit and the backtest)
    // follow a moment later, computed from the first pass rather than from the start. The
    // projection, the chart and the panels around it need none of them, so they are not worked
    // out again when they arrive; only the panels that show them take them.
    //
    // They are wanted once a panel that shows them ([`ANALYSES`]) is on screen, or the reader
    // scrolls towards them: a reader who stays on the first screen does not wait for them (on
    // a phone, or in the embed, which shows none of them).
    let wanted = use_state_eq(|| false);
    {
        // Watched until they are wanted (then the scroll listeners go), never in the embed.
        let (setter, embed) = (wanted.clone(), props.embed);
        use_effect_with(*wanted, move |wanted| {
            let watch = (!embed && !*wanted)
                .then(|| crate::browser::when_on_screen(ANALYSES, move || setter.set(true)));
            move || drop(watch)
        });
    }
    let deferred = use_state(|| None::<(FitKey, Rc<Deferred>)>);
    {
        let (deferred, quick) = (deferred.clone(), quick.clone());
        use_effect_with((key.clone(), *wanted), move |(key, wanted)| {
            let key = key.clone();
            let t = wanted.then(|| {
                gloo::timers::callback::Timeout::new(60, move || {
                    let d = timed("analyses", || quick.deferred());
                    deferred.set(Some((key, Rc::new(d))));
                })
            });
            move || drop(t)
        });
    }
    let analyses = match &*deferred {
        Some((k, d)) if *k == key => Some(Shared(d.clone())),
        _ => None,
    };
    let prepared: Rc<Prepared> = (*quick).clone();
    let fc = use_memo(
        (Shared(prepared.clone()), props.state.clone()),
        |(p, st)| {
            crate::warm::forecast(&p.0, st)
                .unwrap_or_else(|| Rc::new(timed("project", || project(&p.0, st))))
        },
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
    let published = forecasts.clone();
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
            resolved: props.resolved.clone(),
        },
        Panels::slider_only,
    );
    // The settings as a query string, for the link and the embed snippet: written for the
    // panels, so once per frame of a drag rather than per input.
    let query = use_memo(later.resolved.clone(), |r| {
        AttrValue::from(encode(r, &crate::bundle::MANIFEST.vintage))
    });
    let s = &props.state;
    let fc: Rc<Forecast> = (*fc).clone();
    let series = &fc.prepared.series;
    let d = &props.dispatch;
    let fit = fc.prepared.fit.as_ref().ok();
    let fitted_points: Vec<usize> = fit.map(|f| f.used.clone()).unwrap_or_default();
    // Copies of an earlier point (same date and value): fitted once, as that point.
    let copy_of = |i: usize| {
        fit.and_then(|f| crate::components::copy_of(series, &f.copies, i))
            .map(AttrValue::from)
    };
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
                {crate::components::chart_summary(crate::components::summary_text(&later.fc, &runs))}
                if let Some((index, x, y)) = tooltip {
                    <PointTooltip series={shown.clone()} {index} {x} {y} fitted={fitted_points.contains(&index)} copy_of={copy_of(index)} dropped={s.drop.contains(&series.points[index].id)} />
                }
            </div>
    };
    let doubling = html! {
        {crate::components::doubling_control(&crate::components::DoublingControlProps {
            assumed: fc.assumed_doubling,
            fitted: fc.fitted_doubling,
            overridden: s.doubling.is_some(),
            family: fc.prepared.family,
            index_step: match fc.prepared.transform { trendline_core::Transform::Linear { step } => Some(step), _ => None },
            on_set: on.set_doubling.clone(),
            on_reset: on.reset_doubling.clone(),
        })}
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
                <MilestoneTable rows={later.fc.milestones.clone()} overridden={later.state.doubling.is_some() || later.state.accel.is_some()} until={later.state.until} by={later.state.by} {horizon} compact=true />
                <crate::components::Chance forecast={later.fc.clone()} band={later.state.band} by={later.state.by} dispatch={d.clone()} compact=true />
                <crate::components::Scenarios forecast={later.fc.clone()} runs={runs.clone()} slots={later.state.scenarios.clone()} dispatch={d.clone()} compact=true />
                {crate::components::source_note(&series.meta)}
            </>
        };
    }
    html! {
        <>
            {chart}
            <Later>
                if horizon {
                    {crate::components::scale_toggle(s.scale, &model.axis_notes, &on.scale)}
                }
                <p id="chart-keys" class="hint">{"Hover a point, or focus the chart and use the arrow keys, to see its details and source; click it (or press Enter) to leave it out of the fit."}</p>
                <Legend model={later.model.0.clone()} />
                {crate::components::source_note(&series.meta)}
            </Later>
            <Later>
                <crate::components::ForecastVerdicts forecasts={published.clone()} forecast={later.fc.clone()} rel={later.state.rel} />
                <ShareBar query={(*query).clone()} title={props.title.clone()}>
                    <ExportBar forecast={later.fc.clone()} runs={runs.clone()} state={later.resolved.clone()} on_scenario={props.on_scenario.clone()} on_import={props.on_import.clone()} forecasts={published.clone()} />
                </ShareBar>
            </Later>
            { for later.fc.notes.iter().map(|n| html! { <p class="note" role="status">{n}</p> }) }
            <section class="controls" aria-label="Trend and assumptions">
                <Later><FitControls prepared={Shared(fc.prepared.clone())} analyses={analyses.clone()} fitted={fc.fitted_doubling} from={s.from} to={s.to} selection={s.selection}
                    on_from={on.from.clone()}
                    on_to={on.to.clone()}
                    on_selection={on.selection.clone()} /></Later>
                {doubling}
            </section>
            <section class="milestone-panel">
                <Later><MilestoneTable rows={later.fc.milestones.clone()} overridden={later.state.doubling.is_some() || later.state.accel.is_some()} until={later.state.until} by={later.state.by} {horizon} /></Later>
                <Later><crate::components::Chance forecast={later.fc.clone()} band={later.state.band} by={later.state.by} dispatch={d.clone()} /></Later>
                <Later><crate::components::Sensitivity forecast={later.fc.clone()} /></Later>
            </section>
            <Later><crate::components::Scenarios forecast={later.fc.clone()} runs={runs.clone()} slots={later.state.scenarios.clone()} dispatch={d.clone()} /></Later>
            if *rest {
                <Later>
                    <ModelPanel state={State { doubling: None, ..s.clone() }} prepared={Shared(fc.prepared.clone())} analyses={analyses.clone()} dispatch={d.clone()} has_reliability={props.has_reliability} />
                    <BacktestPanel prepared={Shared(fc.prepared.clone())} analyses={analyses.clone()} band={s.band} />
                </Later>
                <Later>
                    <AboutData meta={series.meta.clone()} />
                    <DataTable series={shown} fitted={fitted_points.clone()} copies={fit.map(|f| f.copies.clone()).unwrap_or_default()} />
                </Later>
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
