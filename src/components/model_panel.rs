use super::fit_controls::date_input;
use trendline_core::data::number::parse_f64;
use trendline_core::settings::{Anchor, Cap, Units, ACCEL_LIMITS, MC_MAX, REL_LIMITS, SAT_LIMITS};
use trendline_core::{Action, Day, Family, Prepared, State, Unit};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ModelPanelProps {
    pub state: State,
    pub prepared: crate::shared::Shared<Prepared>,
    /// The analyses that follow the first pass (`None` until they arrive).
    pub analyses: Option<crate::shared::Shared<trendline_core::forecast::Deferred>>,
    pub dispatch: Callback<Action>,
    /// Whether the series has 80% horizons to derive other reliability levels from.
    pub has_reliability: bool,
}

/// The trend family of a series whose unit offers no choice, in words.
fn fixed_family_label(family: Family) -> &'static str {
    match family {
        Family::Logistic => "logistic (bounded score)",
        Family::Linear => "linear (index points per year)",
        Family::Exponential => "exponential (doubling time)",
        Family::Superexponential => "superexponential",
    }
}

fn select_value(e: &Event) -> String {
    let s: HtmlSelectElement = e.target_unchecked_into();
    s.value()
}

/// The acceleration slider's value in words.
fn accel_words(a: f64) -> String {
    if a > 0.0 {
        format!("each doubling {a:.1}% shorter than the one before")
    } else if a < 0.0 {
        format!("each doubling {:.1}% longer than the one before", -a)
    } else {
        "every doubling as long as the one before".into()
    }
}

/// The "Model" panel: fit family and its assumptions, cap, anchor, reliability, milestones,
/// uncertainty, backtest date, end date and dropped points.
#[function_component(ModelPanel)]
pub fn model_panel(props: &ModelPanelProps) -> Html {
    let s = &props.state;
    let d = &props.dispatch;
    let p = &props.prepared;
    let unit = p.series.meta.unit;
    let family = p.family;
    let on_family = d.reform(|e: Event| Action::SetModel(Family::from_token(&select_value(&e))));
    let fitted_a = super::superexp_of(p, props.analyses.as_deref())
        .0
        .and_then(|r| r.as_ref().ok())
        .map(|f| f.model.a * 100.0);
    let accel_shown = s.accel.or(fitted_a);
    let on_accel = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = super::typed_number(&e) {
                d.emit(Action::SetAccel(Some(v)));
            }
        })
    };
    let number_action = |f: fn(f64) -> Action| {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = super::typed_number(&e) {
                d.emit(f(v));
            }
        })
    };
    let on_cap = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            d.emit(Action::SetCap(match v.as_str() {
                "default" => Cap::Default,
                "none" => Cap::Off,
                h => parse_f64(h).map_or(Cap::Default, Cap::Hours),
            }))
        })
    };
    let on_anchor = d.reform(|e: Event| {
        Action::SetAnchor(if select_value(&e) == "last" {
            Anchor::Last
        } else {
            Anchor::Fit
        })
    });
    let on_units = d.reform(|e: Event| {
        Action::SetUnits(if select_value(&e) == "calendar" {
            Units::Calendar
        } else {
            Units::Work
        })
    });
    let on_goal = {
        let d = d.clone();
        Callback::from(move |e: InputEvent| {
            let i: HtmlInputElement = e.target_unchecked_into();
            let v = i.value();
            if v.trim().is_empty() {
                d.emit(Action::SetGoal(None));
            } else if let Some(h) = parse_f64(v.trim()).filter(|h| h.is_finite() && *h > 0.0) {
                d.emit(Action::SetGoal(Some(h)));
            }
        })
    };
    let on_mc = d.reform(|e: Event| Action::SetMc(select_value(&e).parse().unwrap_or(0)));
    let on_until = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let i: HtmlInputElement = e.target_unchecked_into();
            if let Ok(day) = Day::parse(&i.value()) {
                d.emit(Action::SetUntil(day));
            }
        })
    };
    let cap_value = match s.cap {
        Cap::Default => "default".to_string(),
        Cap::Off => "none".to_string(),
        Cap::Hours(h) => h.to_string(),
    };
    let default_cap = p
        .series
        .meta
        .fit_cap
        .map(|c| format!("default ({} h)", c / 60.0))
        .unwrap_or_else(|| "default (none)".into());
    let mc_options = [0u32, 500, 2000, 5000, 10_000, MC_MAX];
    html! {
        <details class="model-panel" open=true data-testid="model-panel" data-analyses="model">
            <summary>{"Model and assumptions"}</summary>
            <div class="model-grid">
                <label>{"Trend family "}
                    if unit == Unit::Minutes {
                        <select data-testid="model-family" onchange={on_family}>
                            <option value="exp" selected={family == Family::Exponential}>{"exponential"}</option>
                            <option value="superexp" selected={family == Family::Superexponential}>{"superexponential"}</option>
                        </select>
                    } else {
                        <strong data-testid="model-family-fixed">{ fixed_family_label(family) }</strong>
                    }
                </label>
                if family == Family::Superexponential {
                    <div class="control">
                        <label for="accel">{"Each doubling shorter by (a)"}</label>
                        <div class="row">
                            <input id="accel" type="range" data-testid="accel-slider" min="-20" max="50" step="0.5"
                                value={accel_shown.unwrap_or(0.0).clamp(-20.0, 50.0).to_string()} oninput={on_accel.clone()}
                                aria-valuetext={accel_words(accel_shown.unwrap_or(0.0))} />
                            <input type="number" class="num" aria-label="Acceleration per doubling, %" data-testid="accel-input"
                                min={ACCEL_LIMITS.0.to_string()} max={ACCEL_LIMITS.1.to_string()} step="any"
                                value={accel_shown.map(|a| format!("{:.2}", a)).unwrap_or_default()} oninput={on_accel} />
                            <span class="unit">{"%"}</span>
                        </div>
                        <p class="hint">
                            { match fitted_a { Some(a) => format!("Fitted: {a:.1}%. "), None => String::new() } }
                            if s.accel.is_some() {
                                <button type="button" class="link-button" onclick={d.reform(|_| Action::SetAccel(None))}>{"Use the fitted value"}</button>
                            }
                        </p>
                    </div>
                    <label>{"Floor on the doubling time "}
                        <input type="number" class="num" data-testid="floor-input" min="0" step="any" value={s.floor.to_string()} oninput={number_action(Action::SetFloor)} />
                        <span class="unit">{" days (0 = none)"}</span>
                    </label>
                }
                if family == Family::Logistic {
                    <div class="control">
                        <label for="sat">{"Saturation (the score it levels off at)"}</label>
                        <div class="row">
                            <input id="sat" type="range" data-testid="sat-slider" min="50" max={SAT_LIMITS.1.to_string()} step="0.5" value={s.sat.max(50.0).to_string()} oninput={number_action(Action::SetSat)}
                                aria-valuetext={format!("levels off at a score of {}%", s.sat)} />
                            <input type="number" class="num" aria-label="Saturation, %" data-testid="sat-input" min={SAT_LIMITS.0.to_string()} max={SAT_LIMITS.1.to_string()} step="any" value={s.sat.to_string()} oninput={number_action(Action::SetSat)} />
                            <span class="unit">{"%"}</span>
                        </div>
                    </div>
                }
                if unit == Unit::Minutes {
                    <label>{"Do not fit horizons above "}
                        <select data-testid="cap-select" onchange={on_cap}>
                            <option value="default" selected={s.cap == Cap::Default}>{default_cap}</option>
                            <option value="none" selected={s.cap == Cap::Off}>{"no cap"}</option>
                            { for [8.0, 16.0, 40.0].into_iter().map(|h| html! { <option value={h.to_string()} selected={cap_value == h.to_string()}>{format!("{h} h")}</option> }) }
                        </select>
                    </label>
                }
                <label>{"Projection starts at "}
                    <select data-testid="anchor-select" onchange={on_anchor}>
                        <option value="fit" selected={s.anchor == Anchor::Fit}>{"the fitted curve (last fitted date)"}</option>
                        <option value="last" selected={s.anchor == Anchor::Last}>{"the last fitted point's own value"}</option>
                    </select>
                </label>
                if props.has_reliability {
                    <div class="control">
                        <label for="rel">{format!("Reliability level: {}% success", s.rel)}</label>
                        <input id="rel" type="range" data-testid="rel-slider" min={REL_LIMITS.0.to_string()} max={REL_LIMITS.1.to_string()} step="1" value={s.rel.to_string()} oninput={number_action(Action::SetRel)}
                            aria-valuetext={format!("tasks the models succeed at {}% of the time", s.rel)} />
                        <p class="hint">{"Other levels are derived from each model's 50% and 80% horizons (METR's logistic success curve) and carry no confidence interval."}</p>
                    </div>
                }
                if unit == Unit::Minutes {
                    <label>{"Milestones in "}
                        <select data-testid="units-select" onchange={on_units}>
                            <option value="work" selected={s.units == Units::Work}>{"work time (day 8 h, week 40 h, month 167 h, year 2000 h)"}</option>
                            <option value="calendar" selected={s.units == Units::Calendar}>{"calendar time (24 h, 168 h, 730 h, 8766 h)"}</option>
                        </select>
                    </label>
                    <label>{"Your own milestone "}
                        <input type="number" class="num" data-testid="goal-input" min="0" step="any" placeholder="e.g. 100" value={s.goal.map(|g| g.to_string()).unwrap_or_default()} oninput={on_goal} />
                        <span class="unit">{" hours"}</span>
                    </label>
                }
                <label>{"Uncertainty: "}
                    <select data-testid="mc-select" onchange={on_mc}>
                        { for mc_options.iter().map(|&n| html! { <option value={n.to_string()} selected={s.mc == n}>{ if n == 0 { "off".to_string() } else { format!("{n} simulated trends") } }</option> }) }
                        if !mc_options.contains(&s.mc) { <option value={s.mc.to_string()} selected=true>{format!("{} simulated trends", s.mc)}</option> }
                    </select>
                </label>
                <label>{"Backtest: fit only data up to "}
                    <input type="date" data-testid="asof-input" value={s.asof.map(|d| d.to_string()).unwrap_or_default()} onchange={date_input(d.reform(Action::SetAsOf))} />
                </label>
                <label>{"Project until "}
                    <input type="date" data-testid="until-input" value={s.until.to_string()} onchange={on_until} />
                </label>
                if !s.drop.is_empty() {
                    <p class="dropped" data-testid="dropped">
                        {format!("Left out of the fit by you: {}. ", s.drop.join(", "))}
                        <button type="button" class="link-button" onclick={d.reform(|_| Action::ClearDrops)}>{"Bring them all back"}</button>
                    </p>
                }
                <p class="hint">{"Click a point (or focus the chart, pick a point with the arrow keys and press Enter) to leave it out of the fit or bring it back."}</p>
            </div>
        </details>
    }
}
