use super::format_value;
use super::LazyDetails;
use crate::hooks::SeriesRef;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DataTableProps {
    pub series: SeriesRef,
    /// Indices of the fitted points.
    pub fitted: Vec<usize>,
    /// `(copy, original)`: points fitted once, as the earlier point with the same date and value.
    #[prop_or_default]
    pub copies: Vec<(usize, usize)>,
}

/// Every point of the series with its source, as a table (for reading and screen readers).
#[function_component(DataTable)]
pub fn data_table(props: &DataTableProps) -> Html {
    let s = &props.series.0;
    let unit = s.meta.unit;
    html! {
        <LazyDetails class="data-table" testid="data-table" summary={html! { {format!("Data table ({} points)", s.points.len())} }}>
            <div class="table-scroll">
                <table>
                    <thead><tr>
                        <th scope="col">{"Model"}</th><th scope="col">{"Id (source's key)"}</th><th scope="col">{"Organisation"}</th><th scope="col">{"Date"}</th>
                        <th scope="col">{"Value"}</th><th scope="col">{"Interval"}</th><th scope="col">{"Kind"}</th>
                        <th scope="col">{"Frontier"}</th><th scope="col">{"Fitted"}</th><th scope="col">{"Source"}</th>
                    </tr></thead>
                    <tbody>
                        { for s.points.iter().enumerate().map(|(i, p)| html! {
                            <tr key={p.id.clone()} data-point-id={p.id.clone()}>
                                <th scope="row">{&p.model}</th>
                                <td class="raw-id"><code>{&p.id}</code></td>
                                <td>{&p.org}</td>
                                <td>{p.date.to_string()}</td>
                                <td data-value={p.value.to_string()}>{format_value(unit, p.value)}</td>
                                <td>{ match (p.ci_low, p.ci_high) { (Some(l), Some(h)) => format!("{} – {}", format_value(unit, l), format_value(unit, h)), _ => "—".into() } }</td>
                                <td>{p.kind.label()}</td>
                                <td>{ if p.frontier { "yes" } else { "no" } }</td>
                                <td>{ if props.fitted.contains(&i) { "yes".to_string() } else if let Some(m) = super::copy_of(s, &props.copies, i) { format!("once, as {m}") } else { "no".to_string() } }</td>
                                <td class="src">{&p.source}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </LazyDetails>
    }
}
