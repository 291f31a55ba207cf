use gloo::events::EventListener;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use std::rc::Rc;
use trendline_chart::{draw, ChartModel, Layout, Theme};
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// A point the reader points at: index into the model's points and its position in CSS
/// pixels within the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PointAt {
    pub index: usize,
    pub x: f64,
    pub y: f64,
}

#[derive(Properties, PartialEq)]
pub struct ChartCanvasProps {
    pub model: Rc<ChartModel>,
    /// Text alternative for the chart.
    pub label: AttrValue,
    /// The point under the pointer or keyboard focus changed.
    #[prop_or_default]
    pub on_point: Callback<Option<PointAt>>,
    /// A point was clicked (or Enter pressed on the focused one): index into the model's points.
    #[prop_or_default]
    pub on_toggle: Callback<usize>,
}

/// Paints `model` at the canvas' CSS size times the device pixel ratio (sharp on HiDPI).
fn paint(canvas: &HtmlCanvasElement, model: &ChartModel) -> Option<(Layout, f64)> {
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
    layout.map(|l| (l, dpr))
}

fn point_at(layout: &Option<(Layout, f64)>, model: &ChartModel, index: usize) -> Option<PointAt> {
    let (l, dpr) = layout.as_ref()?;
    let p = model.points.get(index)?;
    let (x, y) = l.to_px(p.x, p.y);
    Some(PointAt {
        index,
        x: x / dpr,
        y: y / dpr,
    })
}

#[function_component(ChartCanvas)]
pub fn chart_canvas(props: &ChartCanvasProps) -> Html {
    let canvas = use_node_ref();
    let layout = use_mut_ref(|| None::<(Layout, f64)>);
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

    let onmousemove = {
        let (layout, latest, cb) = (layout.clone(), latest.clone(), props.on_point.clone());
        Callback::from(move |e: MouseEvent| {
            let model = latest.borrow();
            let found = layout.borrow().as_ref().and_then(|(l, dpr)| {
                let (x, y) = (f64::from(e.offset_x()) * dpr, f64::from(e.offset_y()) * dpr);
                l.nearest_point(&model, x, y, 14.0 * dpr)
            });
            cb.emit(found.and_then(|i| point_at(&layout.borrow(), &model, i)));
        })
    };
    let onmouseleave = {
        let cb = props.on_point.clone();
        Callback::from(move |_: MouseEvent| cb.emit(None))
    };
    let onclick = {
        let (layout, latest, cb) = (layout.clone(), latest.clone(), props.on_toggle.clone());
        Callback::from(move |e: MouseEvent| {
            let model = latest.borrow();
            let found = layout.borrow().as_ref().and_then(|(l, dpr)| {
                let (x, y) = (f64::from(e.offset_x()) * dpr, f64::from(e.offset_y()) * dpr);
                l.nearest_point(&model, x, y, 14.0 * dpr)
            });
            if let Some(i) = found {
                cb.emit(i);
            }
        })
    };
    let onkeydown = {
        let toggle = props.on_toggle.clone();
        let (layout, latest, cb) = (layout.clone(), latest.clone(), props.on_point.clone());
        Callback::from(move |e: KeyboardEvent| {
            let model = latest.borrow();
            let n = model.points.len();
            if n == 0 {
                return;
            }
            let current = model.highlight;
            if matches!(e.key().as_str(), "Enter" | " ") {
                if let Some(i) = current {
                    e.prevent_default();
                    toggle.emit(i);
                }
                return;
            }
            let next = match e.key().as_str() {
                "ArrowRight" | "ArrowUp" => Some(current.map_or(0, |i| (i + 1).min(n - 1))),
                "ArrowLeft" | "ArrowDown" => Some(current.map_or(n - 1, |i| i.saturating_sub(1))),
                "Home" => Some(0),
                "End" => Some(n - 1),
                "Escape" => None,
                _ => return,
            };
            e.prevent_default();
            cb.emit(next.and_then(|i| point_at(&layout.borrow(), &model, i)));
        })
    };
    let onblur = {
        let cb = props.on_point.clone();
        Callback::from(move |_: FocusEvent| cb.emit(None))
    };

    html! {
        <canvas ref={canvas} class="chart" data-testid="chart" role="img" tabindex="0"
            aria-label={props.label.clone()} aria-describedby="chart-keys"
            {onmousemove} {onmouseleave} {onclick} {onkeydown} {onblur} />
    }
}
