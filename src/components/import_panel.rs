use super::export_bar::{read_file, today};
use std::rc::Rc;
use trendline_core::{parse_user_csv, ImportUnit};
use web_sys::{DragEvent, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ImportPanelProps {
    /// Ids already taken (bundled and imported series).
    pub taken: Vec<String>,
    /// A file was read and validated.
    pub on_imported: Callback<crate::user_series::Imported>,
    pub on_close: Callback<()>,
}

/// A series id for an imported file: `user-` and a slug of its name, made unique.
fn id_for(title: &str, taken: &[String]) -> String {
    let slug: String = title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = format!(
        "user-{}",
        if slug.is_empty() {
            "data"
        } else {
            &slug[..slug.len().min(40)]
        }
    );
    let mut id = base.clone();
    let mut k = 2;
    while taken.contains(&id) {
        id = format!("{base}-{k}");
        k += 1;
    }
    id
}

/// "Import your data": a CSV with columns date and value (and optionally name, ci_low,
/// ci_high), dropped or picked. Problems are listed by line and nothing changes until the file
/// is clean.
#[function_component(ImportPanel)]
pub fn import_panel(props: &ImportPanelProps) -> Html {
    let unit = use_state(|| ImportUnit::Minutes);
    let errors = use_state(Vec::<String>::new);
    let handle = {
        let (unit, errors, taken, done) = (
            unit.clone(),
            errors.clone(),
            props.taken.clone(),
            props.on_imported.clone(),
        );
        Rc::new(move |file: web_sys::File| {
            let name = file.name();
            let title = name
                .rsplit_once('.')
                .map_or(name.as_str(), |(stem, _)| stem)
                .to_string();
            let (unit, errors, taken, done) = (*unit, errors.clone(), taken.clone(), done.clone());
            read_file(file, move |text| match text {
                Err(e) => errors.set(vec![e]),
                Ok(text) => {
                    match parse_user_csv(&id_for(&title, &taken), &title, &text, unit, today()) {
                        Ok(series) => {
                            errors.set(Vec::new());
                            done.emit(crate::user_series::Imported {
                                series: Rc::new(series),
                                text,
                                unit,
                            });
                        }
                        Err(list) => errors.set(list),
                    }
                }
            });
        })
    };
    let on_pick = {
        let handle = handle.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input.files().and_then(|f| f.get(0)) {
                handle(f);
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let handle = handle.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(f) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                handle(f);
            }
        })
    };
    let on_unit = {
        let unit = unit.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            unit.set(match s.value().as_str() {
                "hours" => ImportUnit::Hours,
                "percent" => ImportUnit::Percent,
                _ => ImportUnit::Minutes,
            });
        })
    };
    html! {
        <div class="import-panel" data-testid="import-panel" role="region" aria-label="Import your data">
            <p>{"A CSV file with a header row: "}<code>{"date"}</code>{" (YYYY-MM-DD) and "}<code>{"value"}</code>{", optionally "}<code>{"name"}</code>{", "}<code>{"ci_low"}</code>{", "}<code>{"ci_high"}</code>{". It stays in this browser; nothing is uploaded."}</p>
            <label>{"Values are "}
                <select data-testid="import-unit" onchange={on_unit}>
                    <option value="minutes" selected={*unit == ImportUnit::Minutes}>{"task lengths in minutes"}</option>
                    <option value="hours" selected={*unit == ImportUnit::Hours}>{"task lengths in hours"}</option>
                    <option value="percent" selected={*unit == ImportUnit::Percent}>{"scores in percent"}</option>
                </select>
            </label>
            <div class="drop-zone" data-testid="import-drop" ondragover={Callback::from(|e: DragEvent| e.prevent_default())} ondrop={on_drop}>
                {"Drop a CSV file here, or "}
                <label class="file-button link-button">{"choose one"}
                    <input type="file" accept=".csv,text/csv,text/plain" data-testid="import-file" onchange={on_pick} />
                </label>
            </div>
            if !errors.is_empty() {
                <div class="notice error" role="alert" data-testid="import-errors">
                    <p>{"The file was not imported; your view is unchanged:"}</p>
                    <ul>{ for errors.iter().map(|e| html! { <li>{e}</li> }) }</ul>
                </div>
            }
            <button type="button" class="link-button" onclick={props.on_close.reform(|_| ())}>{"Close"}</button>
        </div>
    }
}
