//! Scenarios side by side: up to three named sets of assumptions kept beside the current
//! settings, drawn on the chart, and their milestone dates with the differences in months.

use crate::shared::Shared;
use trendline_chart::{curve_look, CurveStyle, Theme};
use trendline_core::forecast::compare::{compare, format_month_diff, ScenarioRun};
use trendline_core::settings::{Scenario, SCENARIO_SLOTS};
use trendline_core::{Action, Forecast};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ScenariosProps {
    /// The current settings' forecast.
    pub forecast: Shared<Forecast>,
    /// The kept scenarios worked out on the current data.
    pub runs: Shared<Vec<ScenarioRun>>,
    /// The kept scenarios by slot (`None` = empty), as in the state.
    pub slots: [Option<Scenario>; SCENARIO_SLOTS],
    pub dispatch: Callback<Action>,
    /// Only the comparison table (embedded view).
    #[prop_or_default]
    pub compact: bool,
}

fn hex(c: plotters::style::RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// The line sample of scenario `slot` as the chart draws it.
fn swatch(slot: usize, theme: &Theme) -> Html {
    let (color, dash, width) = curve_look(CurveStyle::Scenario(slot as u8), theme);
    let dash = dash.map(|(on, off)| format!("{on} {off}"));
    html! {
        <svg class="scenario-swatch" width="28" height="12" aria-hidden="true">
            <line x1="1" y1="6" x2="27" y2="6" stroke={hex(color)} stroke-width={width.to_string()} stroke-dasharray={dash} />
        </svg>
    }
}

/// The comparison table: each milestone's date under the current settings and under every
/// kept scenario, with the difference in months.
fn table(fc: &Forecast, runs: &[ScenarioRun], theme: &Theme) -> Html {
    let rows = compare(fc, runs);
    if rows.is_empty() || runs.is_empty() {
        return html! {};
    }
    html! {
        <div class="table-scroll">
        <table class="scenario-table" data-testid="scenario-table">
            <caption>{"Milestone dates by scenario, and how many months later (+) or earlier (−) than your current settings"}</caption>
            <thead>
                <tr>
                    <th scope="col">{"Milestone"}</th>
                    <th scope="col">{"Current settings"}</th>
                    { for runs.iter().map(|r| html! {
                        <th scope="col" data-testid={format!("scenario-col-{}", r.letter())}>{swatch(r.slot, theme)}{format!("{}: {}", r.letter(), r.scenario.name)}</th>
                    }) }
                </tr>
            </thead>
            <tbody>
                { for rows.iter().zip(&fc.milestones).map(|(row, m)| {
                    let id = m.milestone.id.to_string();
                    let current = row.current.map(|d| d.to_string());
                    html! {
                        <tr key={id.clone()}>
                            <th scope="row">{&row.label}</th>
                            <td data-testid={format!("cmp-current-{id}")} data-value={current.clone().unwrap_or_default()}>{current.unwrap_or_else(|| "not reached".into())}</td>
                            { for runs.iter().zip(&row.scenarios).map(|(r, (d, diff))| {
                                let text = d.map(|d| d.to_string());
                                html! {
                                    <td data-testid={format!("cmp-{}-{id}", r.letter())} data-value={text.clone().unwrap_or_default()}
                                        data-months={crate::components::data_number(*diff)}>
                                        {text.unwrap_or_else(|| "not reached".into())}
                                        if d.is_some() && row.current.is_some() {
                                            <span class="month-diff">{format!(" ({})", format_month_diff(*diff))}</span>
                                        }
                                    </td>
                                }
                            }) }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
        </div>
    }
}

/// Keep, name, use and remove scenarios A–C, and compare their milestone dates.
#[function_component(Scenarios)]
pub fn scenarios(props: &ScenariosProps) -> Html {
    let theme = if crate::hooks::use_dark() {
        Theme::dark(1.0)
    } else {
        Theme::light(1.0)
    };
    let runs = &*props.runs;
    if props.compact {
        return table(&props.forecast, runs, &theme);
    }
    let d = &props.dispatch;
    let any = props.slots.iter().any(Option::is_some);
    html! {
        <section class="scenarios" aria-labelledby="scenarios-title" data-testid="scenarios">
            <h3 id="scenarios-title">{"Scenarios side by side"}</h3>
            <p class="hint">{"Keep up to three sets of assumptions (fit family, doubling time, acceleration, floor, cap, saturation, starting point). Each is drawn on the chart in its own colour and dash, on the same data and fit window as your current settings, and goes into the link, the embed and the exports."}</p>
            <ol class="scenario-slots">
                { for props.slots.iter().enumerate().map(|(slot, sc)| {
                    let letter = Scenario::letter(slot);
                    match sc {
                        Some(sc) => {
                            let run = runs.iter().find(|r| r.slot == slot);
                            let rename = d.reform(move |e: Event| {
                                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                                Action::RenameScenario(slot, input.value())
                            });
                            html! {
                                <li class="scenario-slot" data-testid={format!("scenario-{letter}")}>
                                    {swatch(slot, &theme)}
                                    <strong class="scenario-letter">{letter}</strong>
                                    <input type="text" class="scenario-name" value={sc.name.clone()} maxlength="48"
                                        aria-label={format!("Name of scenario {letter}")} data-testid={format!("scenario-name-{letter}")} onchange={rename} />
                                    <span class="scenario-desc" data-testid={format!("scenario-desc-{letter}")}>{run.map(ScenarioRun::describe).unwrap_or_default()}</span>
                                    <span class="scenario-actions">
                                        <button type="button" data-testid={format!("scenario-use-{letter}")} onclick={d.reform(move |_| Action::UseScenario(slot))}
                                            aria-label={format!("Use scenario {letter}'s assumptions as the current settings")}>{"Use"}</button>
                                        <button type="button" data-testid={format!("scenario-save-{letter}")} onclick={{ let name = sc.name.clone(); d.reform(move |_| Action::SaveScenario(slot, name.clone())) }}
                                            aria-label={format!("Replace with current settings: scenario {letter}")}>{"Replace with current"}</button>
                                        <button type="button" data-testid={format!("scenario-remove-{letter}")} onclick={d.reform(move |_| Action::SetScenario(slot, None))}
                                            aria-label={format!("Remove scenario {letter}")}>{"Remove"}</button>
                                    </span>
                                </li>
                            }
                        }
                        None => html! {
                            <li class="scenario-slot empty">
                                <button type="button" data-testid={format!("scenario-save-{letter}")} onclick={d.reform(move |_| Action::SaveScenario(slot, String::new()))}>
                                    {format!("Keep the current settings as scenario {letter}")}
                                </button>
                            </li>
                        },
                    }
                }) }
            </ol>
            if !any {
                <p>
                    <button type="button" data-testid="scenario-examples" onclick={d.reform(|_| Action::ExampleScenarios)}>
                        {"Add three examples: trend continues, slows to 12-month doubling, superexponential 15%"}
                    </button>
                </p>
            }
            {table(&props.forecast, runs, &theme)}
        </section>
    }
}
