use crate::bundle;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SeriesPickerProps {
    pub selected: AttrValue,
    pub on_select: Callback<String>,
    /// Imported series `(id, title)`.
    #[prop_or_default]
    pub user: Vec<(String, String)>,
}

/// Which family a series belongs to, for grouping the picker.
fn group(id: &str) -> &'static str {
    if id.starts_with("metr-") {
        "Task time horizons (METR)"
    } else if id.starts_with("swebench") {
        "Software engineering (SWE-bench)"
    } else if id.starts_with("corebench") || id.starts_with("mlebench") {
        "Research and ML engineering"
    } else {
        "Epoch AI Benchmarking Hub"
    }
}

/// The series picker, grouped by benchmark family, in manifest order.
#[function_component(SeriesPicker)]
pub fn series_picker(props: &SeriesPickerProps) -> Html {
    let onchange = {
        let cb = props.on_select.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(s.value());
        })
    };
    let mut groups: Vec<(&str, Vec<&trendline_core::SeriesMeta>)> = Vec::new();
    for m in bundle::MANIFEST.series.iter() {
        let g = group(&m.id);
        match groups.iter_mut().find(|(name, _)| *name == g) {
            Some((_, v)) => v.push(m),
            None => groups.push((g, vec![m])),
        }
    }
    html! {
        <label class="picker">
            <span class="picker-label">{"Benchmark"}</span>
            <select data-testid="series-picker" {onchange}>
                { for groups.into_iter().map(|(name, items)| html! {
                    <optgroup label={name}>
                        { for items.into_iter().map(|m| html! {
                            <option value={m.id.to_string()} selected={*props.selected == *m.id}>{m.short_title.to_string()}</option>
                        }) }
                    </optgroup>
                }) }
                if !props.user.is_empty() {
                    <optgroup label="Your data">
                        { for props.user.iter().map(|(id, title)| html! {
                            <option value={id.clone()} selected={*props.selected == **id}>{title.clone()}</option>
                        }) }
                    </optgroup>
                }
            </select>
        </label>
    }
}
