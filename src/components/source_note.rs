use trendline_core::SeriesMeta;
use yew::prelude::*;

/// The data's source, licence and vintage, shown under the chart.
/// A plain function, not a component (see `chart_summary`): a component type costs about a
/// kilobyte of wasm, more than this small view's re-render is worth skipping.
pub fn source_note(m: &SeriesMeta) -> Html {
    html! {
        <p class="source" data-testid="source-line">
            <strong>{m.attribution.to_string()}</strong>
            {" · "}
            { for m.source_urls.iter().take(1).map(|u| html! { <a href={u.to_string()} rel="noopener" target="_blank">{u.trim_start_matches("https://")}</a> }) }
            {format!(" · retrieved {} · ", m.retrieved)}
            <span class="licence">{format!("Licence: {}", m.licence)}</span>
            { for crate::bundle::forecasts_for(&m.id).iter().map(|f| {
                let url = f.source.split_whitespace().next().unwrap_or("").to_string();
                html! {
                    <span class="forecast-note" data-testid={format!("forecast-{}", f.id)} title={f.source.clone()}>
                        <br />
                        {format!("Published forecast ({}; not data): {}. ",
                            if f.kind == trendline_core::data::published::ForecastKind::Value { "shown as a diamond" } else { "scored below" },
                            f.describe())}
                        <a href={url.clone()} rel="noopener" target="_blank">{"Source"}</a>
                        {format!(". {}", f.caveat)}
                    </span>
                }
            }) }
        </p>
    }
}
