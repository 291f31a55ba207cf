use trendline_core::MilestoneRow;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MilestoneTableProps {
    pub rows: Vec<MilestoneRow>,
    pub overridden: bool,
}

fn cell(d: Option<trendline_core::Day>) -> (String, String) {
    match d {
        Some(d) => (d.to_string(), d.to_string()),
        None => (String::new(), "not before 3000".into()),
    }
}

/// When the projection crosses each milestone, under the reader's and the fitted rate.
#[function_component(MilestoneTable)]
pub fn milestone_table(props: &MilestoneTableProps) -> Html {
    if props.rows.is_empty() {
        return html! {};
    }
    html! {
        <table class="milestones" data-testid="milestones">
            <caption>{"When does the trend reach tasks of this length (50% success)?"}</caption>
            <thead>
                <tr>
                    <th scope="col">{"Milestone"}</th>
                    <th scope="col">{ if props.overridden { "Your assumption" } else { "Projection" } }</th>
                    <th scope="col">{"Fitted trend"}</th>
                </tr>
            </thead>
            <tbody>
                { for props.rows.iter().map(|r| {
                    let id = r.milestone.id;
                    let (av, at) = cell(r.assumed);
                    let (fv, ft) = cell(r.fitted);
                    html! {
                        <tr key={id}>
                            <th scope="row">{format!("{} ({} h)", r.milestone.label, r.milestone.hours)}</th>
                            <td data-testid={format!("milestone-{id}")} data-value={av}>{at}</td>
                            <td data-testid={format!("milestone-{id}-fit")} data-value={fv}>{ft}</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
