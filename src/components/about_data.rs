use super::LazyDetails;
use crate::bundle;
use trendline_core::SeriesMeta;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AboutDataProps {
    pub meta: SeriesMeta,
}

fn link(url: &str) -> Html {
    html! { <a href={url.to_string()} rel="noopener noreferrer" target="_blank">{url.to_string()}</a> }
}

/// "About this data": source, licence, vintage and caveats of the shown series, and a line for
/// every other bundled series.
#[function_component(AboutData)]
pub fn about_data(props: &AboutDataProps) -> Html {
    let m = &props.meta;
    html! {
        <LazyDetails class="about" testid="about-data" summary={html! { "About this data" }}>
            <dl class="facts">
                <dt>{"Series"}</dt><dd>{m.title.to_string()}</dd>
                <dt>{"Source"}</dt><dd>{m.source_name.to_string()}{" · "}{ for m.source_urls.iter().map(|u| html! { <>{link(u)}{" "}</> }) }</dd>
                <dt>{"Licence"}</dt><dd data-testid="about-licence">{m.licence.to_string()}</dd>
                <dt>{"Credit"}</dt><dd>{m.attribution.to_string()}</dd>
                <dt>{"Retrieved"}</dt><dd>{m.retrieved.to_string()}{format!(" (dataset vintage {})", bundle::MANIFEST.vintage)}</dd>
                <dt>{"Dates are"}</dt><dd>{m.date_meaning.to_string()}</dd>
                <dt>{"Intervals are"}</dt><dd>{m.interval.to_string()}</dd>
                <dt>{"Frontier"}</dt><dd>{m.frontier_rule.to_string()}</dd>
                if let Some(c) = m.fit_cap {
                    <dt>{"Not fitted"}</dt><dd>{format!("values above {c} ({})", m.fit_cap_note.as_deref().unwrap_or(""))}</dd>
                }
                <dt>{"Files"}</dt>
                <dd>
                    <a href={m.file.to_string()} download="">{format!("{} (this series as CSV)", m.file)}</a>
                    <ul class="upstream">
                        { for m.upstream.iter().map(|u| html! {
                            <li>
                                {format!("Built from {} — {}", u.path, u.origin)}
                                if let Some(x) = &u.extract { {format!("; kept here: {x}")} }
                                <br /><code class="sha">{format!("sha256 {}", u.sha256)}</code>
                            </li>
                        }) }
                    </ul>
                </dd>
            </dl>
            if !m.caveats.is_empty() {
                <h3>{"Caveats"}</h3>
                <ul class="caveats" data-testid="about-caveats">{ for m.caveats.iter().map(|c| html! { <li>{c.to_string()}</li> }) }</ul>
            }
            <h3>{"All bundled series"}</h3>
            <ul class="all-series">
                { for bundle::MANIFEST.series.iter().map(|s| html! {
                    <li><strong>{s.short_title.to_string()}</strong>{format!(" — {}; retrieved {}. Licence: {}", s.attribution, s.retrieved, s.licence)}</li>
                }) }
            </ul>
        </LazyDetails>
    }
}
