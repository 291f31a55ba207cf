use super::data_number;
use trendline_core::data::units::{format_days_and_months, rate_in_words};
use trendline_core::{Day, Family, Prepared, Selection};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FitControlsProps {
    pub prepared: crate::shared::Shared<Prepared>,
    /// The analyses that follow the first pass (`None` until they arrive).
    pub analyses: Option<crate::shared::Shared<trendline_core::forecast::Deferred>>,
    /// Fitted doubling time (the current one for superexponential fits).
    pub fitted: Option<f64>,
    pub from: Option<Day>,
    pub to: Option<Day>,
    pub selection: Selection,
    pub on_from: Callback<Option<Day>>,
    pub on_to: Callback<Option<Day>>,
    pub on_selection: Callback<Selection>,
}

/// Reads a date input: empty clears, a valid date sets, anything else is ignored.
pub fn date_input(cb: Callback<Option<Day>>) -> Callback<Event> {
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

/// "Why this default" beside the fit's assumptions, from the manifest's own words, with a link
/// to the source.
fn why_defaults(meta: &trendline_core::SeriesMeta) -> Html {
    let source = meta.source_urls.first().map(|u| u.to_string());
    let link = |text: &str| match &source {
        Some(u) => {
            html! { <>{" "}<a href={u.clone()} target="_blank" rel="noopener">{text.to_string()}</a></> }
        }
        None => html! {},
    };
    let all = meta.published_doubling.iter().find(|b| b.from.is_none());
    let later = meta.published_doubling.iter().find(|b| b.from.is_some());
    html! {
        <ul class="why" data-testid="why-defaults">
            <li data-testid="why-frontier">
                <strong>{"Why frontier only: "}</strong>
                {format!("the trend is of the best result at each date, not of every model released. Frontier here: {}.", meta.frontier_rule)}
            </li>
            <li data-testid="why-from">
                <strong>{"Why from the first point: "}</strong>
                { match (all, later) {
                    (Some(a), Some(l)) => format!(
                        "the default fit uses every frontier point, like {}'s {} fit ({} days); {} also publishes a fit from {} on ({} days): set “Fit from” to {} to compare.",
                        meta.source_name, a.block, a.point, meta.source_name, l.from.as_deref().unwrap_or_default(), l.point, l.from.as_deref().unwrap_or_default()),
                    _ => "the default fit uses every frontier point, so no date is picked by hand; set “Fit from” to test a later start.".to_string(),
                } }
                {link(&format!("{}'s numbers", meta.source_name))}
            </li>
            if let (Some(cap), Some(note)) = (meta.fit_cap, meta.fit_cap_note.as_ref()) {
                <li data-testid="why-cap">
                    <strong>{format!("Why horizons above {} h are not fitted: ", cap / 60.0)}</strong>
                    {format!("{note}.")}
                    {link("Source")}
                </li>
            }
        </ul>
    }
}

/// The fitted trend's readouts (doubling time, interval, n, fit quality, model comparison, the
/// source's own number) and the settings that choose its points.
#[function_component(FitControls)]
pub fn fit_controls(props: &FitControlsProps) -> Html {
    let p = &props.prepared;
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
    let fit = p.fit.as_ref().ok();
    let what = match p.family {
        Family::Logistic => "Fitted odds-doubling time",
        Family::Superexponential => "Fitted doubling time now",
        Family::Exponential => "Fitted doubling time",
        Family::Linear => "Fitted rate",
    };
    let method = match p.family {
        Family::Logistic => format!(
            "Ordinary least squares of log₂ odds of score / {}% on date (scores clamped to 0.1%–99.9% of saturation first).",
            match p.transform {
                trendline_core::Transform::LogOdds { sat } => sat,
                _ => 100.0,
            }
        ),
        Family::Superexponential => "Least squares of log₂(horizon) = y₀ + n(t), where each doubling takes (1 − a) of the time of the previous one; the exponential line is kept for comparison.".into(),
        Family::Exponential => "Ordinary least squares of log₂(value) on release date.".into(),
        Family::Linear => "Ordinary least squares of the index value on release date: a straight line, in index points per year.".into(),
    };
    let step = match p.transform {
        trendline_core::Transform::Linear { step } => Some(step),
        _ => None,
    };
    let readout = |d: f64| match step {
        Some(s) => format!(
            "{} ({} days per {s} points)",
            rate_in_words(d, s),
            (d * 10.0).round() / 10.0
        ),
        None => format_days_and_months(d),
    };
    let (ci_lo, ci_hi) = match (p.family, p.ci) {
        (Family::Superexponential, _) | (_, None) => (None, None),
        (_, Some((a, b))) => (Some(a), Some(b)),
    };
    let fmt_ci = |v: f64| {
        if v.is_finite() {
            format!("{v:.1}")
        } else {
            "∞".into()
        }
    };
    let (superexp, aicc_superexp) = super::superexp_of(p, props.analyses.as_deref());
    let se = superexp.and_then(|r| r.as_ref().ok());
    html! {
        <div class="fit">
            <p class="fit-readout">
                {format!("{what}: ")}
                <strong data-testid="fit-doubling-days" data-value={data_number(props.fitted)}>
                    { props.fitted.map(readout).unwrap_or_else(|| "—".into()) }
                </strong>
            </p>
            <p class="fit-detail">
                {"95% interval "}
                <span data-testid="fit-ci-low" data-value={data_number(ci_lo)}>{ci_lo.map(fmt_ci).unwrap_or_else(|| "—".into())}</span>
                {"–"}
                <span data-testid="fit-ci-high" data-value={data_number(ci_hi)}>{ci_hi.map(fmt_ci).unwrap_or_else(|| "—".into())}</span>
                {" days"}
                <span class="muted">{ if p.family == Family::Superexponential { " (not computed for the superexponential fit)".to_string() } else { format!(" (bootstrap over the fitted models, {} resamples; not METR's bootstrap over tasks)", p.draws.as_ref().map_or(0, |d| d.len())) } }</span>
                {" · "}
                <span data-testid="fit-n" data-value={fit.map(|f| f.line.n.to_string()).unwrap_or_default()}>
                    { format!("n = {}", fit.map_or(0, |f| f.line.n)) }
                </span>
                if let Some(f) = fit { {format!(" · R² = {:.3} · residual SD {:.2} (log₂)", f.line.r2, f.line.resid_sd)} }
                if let Some(f) = fit { {format!(" · points from {} to {}", f.span.0, f.span.1)} }
            </p>
            if let Some(pb) = &p.published {
                <p class="published" data-testid="published-doubling" data-value={pb.point.to_string()}>
                    {format!("{} publishes {} days", p.series.meta.source_name, pb.point)}
                    if let (Some(l), Some(h)) = (pb.ci_low, pb.ci_high) { {format!(" (95% CI {l}–{h})")} }
                    {format!(" for these settings (its {} fit).", pb.block)}
                </p>
            }
            if p.aicc_exp.is_some() || aicc_superexp.is_some() {
                <p class="fit-detail" data-analyses="aicc">
                    {"AICc: exponential "}
                    <span data-testid="fit-aicc-exp" data-value={data_number(p.aicc_exp)}>{p.aicc_exp.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into())}</span>
                    {", superexponential "}
                    <span data-testid="fit-aicc-superexp" data-value={data_number(aicc_superexp)}>{aicc_superexp.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into())}</span>
                    if let Some(f) = se { {format!(" (fitted a = {:.1}% per doubling)", f.model.a * 100.0)} }
                    { match (p.aicc_exp, aicc_superexp) {
                        (Some(e), Some(s)) if s < e - 2.0 => ". The data favour the superexponential curve.".to_string(),
                        (Some(e), Some(s)) if e < s - 2.0 => ". The data favour the exponential line.".to_string(),
                        (Some(_), Some(_)) => ". The two fit about equally well (ΔAICc < 2).".to_string(),
                        _ => String::new(),
                    } }
                </p>
            }
            <p class="method">{method}</p>
            <div class="fit-settings">
                <label>{"Fit from "}
                    <input type="date" data-testid="fit-from" value={date(props.from)} onchange={date_input(props.on_from.clone())} />
                </label>
                <label>{"to "}
                    <input type="date" data-testid="fit-to" value={date(props.to)} onchange={date_input(props.on_to.clone())} />
                </label>
                <label>{"Points "}
                    <select data-testid="fit-selection" onchange={on_selection}>
                        <option value="frontier" selected={props.selection == Selection::Frontier}>{"frontier only"}</option>
                        <option value="all" selected={props.selection == Selection::All}>{"all"}</option>
                    </select>
                </label>
            </div>
            {why_defaults(&p.series.meta)}
        </div>
    }
}
