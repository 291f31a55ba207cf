use crate::browser;
use trendline_chart::{build_model, draw, ModelOptions, Theme};
use trendline_core::forecast::compare::ScenarioRun;
use trendline_core::sharing::export::{
    assumptions, csv_export_with, csv_forecasts_section, export_stem,
};
use trendline_core::sharing::scenario::scenario_json;
use trendline_core::{Day, Forecast, State};
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    pub forecast: crate::shared::Shared<Forecast>,
    /// The kept scenarios, drawn in the images and listed in the CSV.
    pub runs: crate::shared::Shared<Vec<ScenarioRun>>,
    /// The settings, resolved for the series.
    pub state: State,
    /// A scenario file's text (or why it could not be read), for the parent to apply.
    pub on_scenario: Callback<Result<String, String>>,
    /// Opens the "import your data" panel.
    pub on_import: Callback<()>,
    /// The published forecasts about the series, scored in the CSV as on the page.
    #[prop_or_default]
    pub forecasts: std::rc::Rc<Vec<trendline_core::data::published::PublishedForecast>>,
}

/// Today, from the browser's clock (for file names and the CSV header); natively (the build's
/// pre-render) from the system clock, in UTC.
#[cfg(not(target_arch = "wasm32"))]
pub fn today() -> Day {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Day::from_number(i32::try_from(secs / 86_400).unwrap_or(0))
}

/// Today, from the browser's clock (for file names and the CSV header).
#[cfg(target_arch = "wasm32")]
pub fn today() -> Day {
    let d = js_sys::Date::new_0();
    Day::from_ymd(
        d.get_full_year() as i32,
        (d.get_month() + 1) as u8,
        d.get_date() as u8,
    )
    .unwrap_or(Day::MIN)
}

/// Breaks `text` into lines of at most `width` characters, at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split(' ') {
        let fits = lines
            .last()
            .is_some_and(|l| l.is_empty() || l.chars().count() + 1 + word.chars().count() <= width);
        if !fits {
            lines.push(String::new());
        }
        if let Some(last) = lines.last_mut() {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}

/// The chart as an export `width` CSS pixels wide draws it: title, legend, assumptions and
/// source inside the image.
fn export_model(
    fc: &Forecast,
    state: &State,
    runs: &[ScenarioRun],
    width: u32,
) -> trendline_chart::ChartModel {
    let meta = &fc.prepared.series.meta;
    let chars = (width as usize * 10 / 68).max(40);
    let mut footer: Vec<String> = assumptions(fc, state)
        .iter()
        .flat_map(|l| wrap(l, chars))
        .collect();
    let source = format!(
        "{} · {} · Licence: {}",
        meta.attribution,
        meta.source_urls.first().map(|u| u.as_ref()).unwrap_or(""),
        meta.licence
    );
    for r in runs {
        footer.extend(wrap(
            &format!(
                "Scenario {}: {} ({})",
                r.letter(),
                r.scenario.name,
                r.describe()
            ),
            chars,
        ));
    }
    let forecasts = crate::bundle::forecasts_for(&meta.id);
    for f in &forecasts {
        let url = f.source.split_whitespace().next().unwrap_or("");
        footer.extend(wrap(
            &format!(
                "Published forecast (not data): {}. Source: {url}",
                f.describe()
            ),
            chars,
        ));
    }
    footer.extend(wrap(&source, chars));
    footer.push(format!(
        "Made with Trendline on {} (dataset vintage {}).",
        today(),
        crate::bundle::MANIFEST.vintage
    ));
    build_model(
        fc,
        &ModelOptions {
            end: fc.until,
            caption: Some(meta.title.to_string()),
            footer,
            legend_in_plot: true,
            scale: state.scale,
            scenarios: trendline_chart::ScenarioLine::from_runs(runs),
            forecasts,
        },
    )
}

/// The chart's size on the page in CSS pixels (exports use the same aspect).
fn chart_css_size() -> (u32, u32) {
    crate::browser::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-testid=chart]").ok().flatten())
        .map(|c| {
            (
                c.client_width().max(640) as u32,
                c.client_height().max(360) as u32,
            )
        })
        .unwrap_or((1000, 560))
}

/// Reads a chosen file's text and hands it on.
/// Files bigger than [`trendline_core::data::import::MAX_FILE_BYTES`] are refused unread, with a
/// message.
pub fn read_file(file: web_sys::File, done: impl FnOnce(Result<String, String>) + 'static) {
    if let Err(e) = trendline_core::data::import::check_file_size(file.size()) {
        done(Err(e));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let r = wasm_bindgen_futures::JsFuture::from(file.text()).await;
        done(
            r.ok()
                .and_then(|v| v.as_string())
                .ok_or_else(|| "the file could not be read as text".to_string()),
        );
    });
}

/// PNG (2×, with title, assumptions and source drawn in), SVG (the same drawing through
/// plotters' SVG backend), CSV (data, projection, milestones, with a header of every
/// assumption), and the scenario file.
#[function_component(ExportBar)]
pub fn export_bar(props: &ExportBarProps) -> Html {
    let stem = export_stem(&props.state, &props.forecast, today());
    let lines_extra = |m: &trendline_chart::ChartModel| 30 + 15 * m.footer.len() as u32 + 8;
    let png = {
        let (fc, state, stem) = (props.forecast.clone(), props.state.clone(), stem.clone());
        let runs = props.runs.clone();
        Callback::from(move |_: MouseEvent| {
            let (w, h) = chart_css_size();
            let m = export_model(&fc, &state, &runs, w);
            let h = h + lines_extra(&m);
            let Some(canvas) = crate::browser::window()
                .and_then(|w| w.document())
                .and_then(|d| d.create_element("canvas").ok())
                .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
            else {
                return;
            };
            canvas.set_width(w * 2);
            canvas.set_height(h * 2);
            // The same backend type as the live chart: one copy of the drawing code in the wasm.
            if let Some(canvas) = super::batched_canvas::BatchedCanvas::new(&canvas) {
                use plotters::prelude::IntoDrawingArea;
                let root = super::backend::Backend::Canvas(canvas).into_drawing_area();
                let _ = draw(&root, &m, &Theme::light(2.0));
            }
            if let Ok(url) = canvas.to_data_url_with_type("image/png") {
                browser::download_url(&format!("{stem}.png"), &url);
            }
        })
    };
    let svg = {
        let (fc, state, stem) = (props.forecast.clone(), props.state.clone(), stem.clone());
        let runs = props.runs.clone();
        Callback::from(move |_: MouseEvent| {
            let (w, h) = chart_css_size();
            let m = export_model(&fc, &state, &runs, w);
            let text = super::backend::render_svg(&m, w, h + lines_extra(&m), &Theme::light(1.0));
            browser::download(&format!("{stem}.svg"), "image/svg+xml", text.as_bytes());
        })
    };
    let csv = {
        let (fc, state, stem) = (props.forecast.clone(), props.state.clone(), stem.clone());
        let runs = props.runs.clone();
        let forecasts = props.forecasts.clone();
        Callback::from(move |_: MouseEvent| {
            let mut text = csv_export_with(
                &fc,
                &state,
                &runs,
                &crate::bundle::MANIFEST.vintage,
                today(),
            );
            text.push_str(&csv_forecasts_section(&fc, &forecasts, state.rel));
            browser::download(
                &format!("{stem}.csv"),
                "text/csv;charset=utf-8",
                text.as_bytes(),
            );
        })
    };
    let scenario = {
        let (fc, state, stem) = (props.forecast.clone(), props.state.clone(), stem.clone());
        Callback::from(move |_: MouseEvent| {
            let text = scenario_json(
                &state,
                &fc.prepared.series.meta,
                &crate::bundle::MANIFEST.vintage,
            );
            browser::download(
                &format!("{stem}.trendline.json"),
                "application/json",
                text.as_bytes(),
            );
        })
    };
    let open_scenario = {
        let cb = props.on_scenario.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                let cb = cb.clone();
                read_file(file, move |r| cb.emit(r));
            }
            input.set_value("");
        })
    };
    html! {
        <div class="export" data-testid="export">
            <span class="export-label">{"Export:"}</span>
            <button type="button" data-testid="export-png" onclick={png}>{"PNG"}</button>
            <button type="button" data-testid="export-svg" onclick={svg}>{"SVG"}</button>
            <button type="button" data-testid="export-csv" onclick={csv}>{"CSV"}</button>
            <button type="button" data-testid="export-scenario" onclick={scenario}>{"Save scenario"}</button>
            <label class="button file-button">{"Open scenario…"}
                <input type="file" accept=".json,application/json" data-testid="import-scenario" onchange={open_scenario} />
            </label>
            <button type="button" data-testid="import-open" onclick={props.on_import.reform(|_| ())}>{"Import your data…"}</button>
        </div>
    }
}
