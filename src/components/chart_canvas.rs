use gloo::events::EventListener;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use std::rc::Rc;
use trendline_chart::{draw, ChartModel, Layout, Theme};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartCanvasProps {
    pub model: Rc<ChartModel>,
    /// Text alternative for the chart.
    pub label: AttrValue,
}

/// Paints `model` at the canvas' CSS size times the device pixel ratio (sharp on HiDPI).
fn paint(canvas: &HtmlCanvasElement, model: &ChartModel) -> Option<Layout> {
    let dpr = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    let (cw, ch) = (canvas.client_width(), canvas.client_height());
    if cw <= 0 || ch <= 0 {
        return None;
    }
    let (w, h) = (
        (f64::from(cw) * dpr).round() as u32,
        (f64::from(ch) * dpr).round() as u32,
    );
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    let root = CanvasBackend::with_canvas_object(canvas.clone())?.into_drawing_area();
    let layout = draw(&root, model, &Theme::light(dpr)).ok();
    // A redraw counter for tests and benchmarks: they wait for it to change.
    let drawn = canvas
        .get_attribute("data-drawn")
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    let _ = canvas.set_attribute("data-drawn", &(drawn + 1).to_string());
    layout
}

#[function_component(ChartCanvas)]
pub fn chart_canvas(props: &ChartCanvasProps) -> Html {
    let canvas = use_node_ref();
    let layout = use_mut_ref(|| None::<Layout>);
    let latest: Rc<RefCell<Rc<ChartModel>>> = use_mut_ref(|| props.model.clone());
    *latest.borrow_mut() = props.model.clone();

    {
        let (canvas, layout) = (canvas.clone(), layout.clone());
        use_effect_with(props.model.clone(), move |model| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                *layout.borrow_mut() = paint(&c, model);
            }
        });
    }
    {
        let (canvas, layout, latest) = (canvas.clone(), layout.clone(), latest.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "resize", move |_| {
                    if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                        *layout.borrow_mut() = paint(&c, &latest.borrow());
                    }
                })
            });
            move || drop(listener)
        });
    }

    html! {
        <canvas ref={canvas} class="chart" data-testid="chart" role="img" aria-label={props.label.clone()} />
    }
}
