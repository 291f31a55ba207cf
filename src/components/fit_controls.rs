use super::data_number;
use trendline_core::units::format_days_and_months;
use trendline_core::{Day, Selection};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FitControlsProps {
    pub from: Option<Day>,
    pub to: Option<Day>,
    pub selection: Selection,
    pub fitted: Option<f64>,
    pub n: Option<usize>,
    pub r2: Option<f64>,
    pub span: Option<(Day, Day)>,
    pub cap_note: Option<AttrValue>,
    pub on_from: Callback<Option<Day>>,
    pub on_to: Callback<Option<Day>>,
    pub on_selection: Callback<Selection>,
}

fn date_input(cb: Callback<Option<Day>>) -> Callback<Event> {
    Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let v = input.value();
        if v.is_empty() {
            cb.emit(None);
        } else if let Ok(d) = Day::parse(&v) {
            cb.emit(Some(d));
        }
    })
}

/// The fitted trend's readouts and the settings that choose its points.
#[function_component(FitControls)]
pub fn fit_controls(props: &FitControlsProps) -> Html {
    let on_selection = {
        let cb = props.on_selection.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            if let Some(sel) = Selection::from_token(&s.value()) {
                cb.emit(sel);
            }
        })
    };
    let date = |d: Option<Day>| d.map(|d| d.to_string()).unwrap_or_default();
    html! {
        <div class="fit">
            <p class="fit-readout">
                {"Fitted doubling time: "}
                <strong data-testid="fit-doubling-days" data-value={data_number(props.fitted)}>
                    { props.fitted.map(format_days_and_months).unwrap_or_else(|| "—".into()) }
                </strong>
                {" · "}
                <span data-testid="fit-n" data-value={props.n.map(|n| n.to_string()).unwrap_or_default()}>
                    { format!("n = {}", props.n.map_or_else(|| "0".into(), |n| n.to_string())) }
                </span>
                if let Some(r2) = props.r2 { {format!(" · R² = {r2:.3}")} }
                if let Some((a, b)) = props.span { {format!(" · points from {a} to {b}")} }
            </p>
            <p class="method">
                {"Ordinary least squares of log₂(horizon) on release date"}
                if let Some(note) = &props.cap_note { {format!("; {note}")} }
                {"."}
            </p>
            <div class="fit-settings">
                <label>{"Fit from "}
                    <input type="date" data-testid="fit-from" value={date(props.from)} onchange={date_input(props.on_from.clone())} />
                </label>
                <label>{"to "}
                    <input type="date" data-testid="fit-to" value={date(props.to)} onchange={date_input(props.on_to.clone())} />
                </label>
                <label>{"Points "}
                    <select data-testid="fit-selection" onchange={on_selection}>
                        <option value="frontier" selected={props.selection == Selection::Frontier}>{"frontier models"}</option>
                        <option value="all" selected={props.selection == Selection::All}>{"all models"}</option>
                    </select>
                </label>
            </div>
        </div>
    }
}
