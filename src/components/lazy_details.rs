use web_sys::HtmlDetailsElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LazyDetailsProps {
    /// What the closed panel shows.
    pub summary: Html,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    #[prop_or_default]
    pub open: bool,
    pub children: Html,
}

/// A `<details>` panel whose content is rendered only once it is opened, so long tables do not
/// slow the first view.
#[function_component(LazyDetails)]
pub fn lazy_details(props: &LazyDetailsProps) -> Html {
    let opened = use_state(|| props.open);
    let ontoggle = {
        let opened = opened.clone();
        Callback::from(move |e: Event| {
            let d: HtmlDetailsElement = e.target_unchecked_into();
            if d.open() && !*opened {
                opened.set(true);
            }
        })
    };
    html! {
        <details class={props.class.clone()} data-testid={props.testid.clone()} open={props.open} {ontoggle}>
            <summary>{props.summary.clone()}</summary>
            if *opened { {props.children.clone()} }
        </details>
    }
}
