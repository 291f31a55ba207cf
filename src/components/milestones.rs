use trendline_core::forecast::McCrossing;
use trendline_core::{Day, MilestoneRow};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MilestoneTableProps {
    pub rows: Vec<MilestoneRow>,
    pub overridden: bool,
    pub until: Day,
    pub horizon: bool,
    /// Leave out the Monte Carlo percentile columns (embedded view).
    #[prop_or_default]
    pub compact: bool,
    /// The date of the chance column.
    pub by: Day,
}

fn cell(d: Option<Day>, never: &str) -> (String, String) {
    match d {
        Some(d) => (d.to_string(), d.to_string()),
        None => (String::new(), never.to_string()),
    }
}

/// When the projection crosses each milestone: under the reader's assumptions, the fitted
/// curve, and the Monte Carlo percentiles.
#[function_component(MilestoneTable)]
pub fn milestone_table(props: &MilestoneTableProps) -> Html {
    if props.rows.is_empty() {
        return html! {};
    }
    let mc = !props.compact && props.rows.iter().any(|r| r.mc.is_some());
    let chance = props.rows.iter().any(|r| r.mc.is_some());
    let by = crate::components::long_date(props.by);
    let after = format!("after {}", props.until);
    html! {
        <table class="milestones" data-testid="milestones">
            <caption>{ if props.horizon { "When does the trend reach tasks of this length?" } else { "When does the trend reach this score?" } }</caption>
            <thead>
                <tr>
                    <th scope="col">{"Milestone"}</th>
                    if chance {
                        <th scope="col" title="Share of simulated trends that reach it on or before this date">{format!("Chance by {by}")}</th>
                    }
                    <th scope="col">{ if props.overridden { "Your assumption" } else { "Projection" } }</th>
                    <th scope="col">{"Fitted trend"}</th>
                    if mc {
                        <th scope="col">{"Simulated 10%"}</th>
                        <th scope="col">{"median"}</th>
                        <th scope="col">{"90%"}</th>
                        <th scope="col" title="Share of simulated trends that do not reach it by the end date">{"not by end"}</th>
                    }
                </tr>
            </thead>
            <tbody>
                { for props.rows.iter().map(|r| {
                    let id = r.milestone.id.to_string();
                    let (av, at) = cell(r.assumed, "never (before 3000)");
                    let (fv, ft) = cell(r.fitted, "never (before 3000)");
                    let label = match r.milestone.hours { Some(h) if r.milestone.id != "custom" => format!("{} ({h} h)", r.milestone.label), _ => r.milestone.label.to_string() };
                    html! {
                        <tr key={id.clone()}>
                            <th scope="row">{label}</th>
                            if chance {
                                <td data-testid={format!("milestone-{id}-prob")} data-value={r.prob.map(|p| p.to_string()).unwrap_or_default()}
                                    title={r.prob.map(|p| format!("{p:.4}")).unwrap_or_else(|| "not after the last fitted date".into())}>
                                    { r.prob.map_or_else(|| "—".to_string(), crate::components::percent) }
                                </td>
                            }
                            <td data-testid={format!("milestone-{id}")} data-value={av}>{at}</td>
                            <td data-testid={format!("milestone-{id}-fit")} data-value={fv}>{ft}</td>
                            if let (true, Some(McCrossing { p10, p50, p90, never_share })) = (mc, &r.mc) {
                                { for [("p10", p10), ("p50", p50), ("p90", p90)].into_iter().map(|(k, d)| {
                                    let (v, t) = cell(*d, &after);
                                    html! { <td data-testid={format!("milestone-{id}-{k}")} data-value={v}>{t}</td> }
                                }) }
                                <td data-testid={format!("milestone-{id}-never")} data-value={never_share.to_string()}>{format!("{:.0}%", never_share * 100.0)}</td>
                            }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
