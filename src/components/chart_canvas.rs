use gloo::events::EventListener;
use plotters::prelude::IntoDrawingArea;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use trendline_chart::{draw_layer, place_labels, ChartModel, LabelOf, Layer, Layout, Theme};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
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

/// The canvas' CSS box in whole pixels, measured once and then kept up to date by a
/// `ResizeObserver` and the window's `resize` event: reading `clientWidth` after the DOM has
/// changed forces a synchronous layout, which cost more than the drawing on every slider input.
type CssSize = Cell<Option<(i32, i32)>>;

fn css_size(canvas: &HtmlCanvasElement, size: &CssSize) -> Option<(i32, i32)> {
    if let Some(s) = size.get() {
        return Some(s);
    }
    let s = (canvas.client_width(), canvas.client_height());
    size.set(Some(s));
    Some(s)
}

/// Calls `on_size` with the element's new CSS box (rounded like `clientWidth`) whenever it
/// changes; returns the observer and the callback that must live as long as it.
type SizeCallback = Closure<dyn FnMut(js_sys::Array)>;
type OnSize = dyn Fn(Option<(i32, i32)>);

fn observe_size(
    el: &web_sys::Element,
    on_size: Rc<OnSize>,
) -> Option<(web_sys::ResizeObserver, SizeCallback)> {
    let closure = SizeCallback::new(move |entries: js_sys::Array| {
        let last = entries.get(entries.length().saturating_sub(1));
        if let Ok(entry) = last.dyn_into::<web_sys::ResizeObserverEntry>() {
            let r = entry.content_rect();
            on_size(Some((r.width().round() as i32, r.height().round() as i32)));
        }
    });
    let observer = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()).ok()?;
    observer.observe(el);
    Some((observer, closure))
}

/// Sizes `canvas` to the CSS box `(cw, ch)` times the device pixel ratio (sharp on HiDPI);
/// returns the ratio and whether the size changed (which also cleared it).
fn fit_canvas(canvas: &HtmlCanvasElement, (cw, ch): (i32, i32)) -> Option<(f64, bool)> {
    let dpr = crate::browser::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .max(1.0);
    if cw <= 0 || ch <= 0 {
        return None;
    }
    let (w, h) = (
        (f64::from(cw) * dpr).round() as u32,
        (f64::from(ch) * dpr).round() as u32,
    );
    let changed = canvas.width() != w || canvas.height() != h;
    if changed {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    Some((dpr, changed))
}

/// The base layer last painted, and whether it was painted dark.
type Painted = RefCell<Option<(Rc<ChartModel>, bool)>>;

/// Paints one layer of `model` on `canvas`, in the dark or the light theme.
fn paint(
    canvas: &HtmlCanvasElement,
    model: &ChartModel,
    layer: Layer,
    dpr: f64,
    dark: bool,
) -> Option<Layout> {
    if layer == Layer::Overlay {
        let ctx = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<web_sys::CanvasRenderingContext2d>()
            .ok()?;
        ctx.clear_rect(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        );
    }
    let root = super::backend::Backend::Canvas(super::batched_canvas::BatchedCanvas::new(canvas)?)
        .into_drawing_area();
    crate::perf::timed("draw", || {
        let theme = if dark {
            Theme::dark(dpr)
        } else {
            Theme::light(dpr)
        };
        draw_layer(&root, model, &theme, layer).ok()
    })
}

/// Writes what the base layer labelled into readouts on the canvas: `data-point-labels` (the
/// model names drawn, newest first, separated by " | "), `data-forecasts` (the ids of the
/// published forecasts drawn), `data-line-labels` and `data-vline-labels` (the chart's
/// horizontal and vertical lines by label).
fn publish_labels(canvas: &HtmlCanvasElement, model: &ChartModel, layout: &Layout, dpr: f64) {
    let placed = place_labels(model, layout, &Theme::light(dpr));
    let names: Vec<&str> = placed
        .iter()
        .filter(|p| matches!(p.of, LabelOf::Point(_)))
        .map(|p| p.text.as_str())
        .collect();
    let forecasts: Vec<&str> = model.forecasts.iter().map(|f| f.id.as_str()).collect();
    let _ = canvas.set_attribute("data-point-labels", &names.join(" | "));
    let _ = canvas.set_attribute("data-forecasts", &forecasts.join(" "));
    // Horizontal lines (milestones, reference levels, ceilings) and vertical ones (method
    // breaks, the as-of date) by their full labels, whether or not room was found to print them.
    let lines: Vec<&str> = model.lines.iter().map(|l| l.label.as_str()).collect();
    let _ = canvas.set_attribute("data-line-labels", &lines.join(" | "));
    let vlines: Vec<&str> = model.vlines.iter().map(|l| l.label.as_str()).collect();
    let _ = canvas.set_attribute("data-vline-labels", &vlines.join(" | "));
}

/// Paints the base layer when it changed (or `force`), and the overlay always; counts paints
/// in the base canvas' `data-drawn` attribute (tests and benchmarks wait for it to change).
fn repaint(
    base: &HtmlCanvasElement,
    overlay: &HtmlCanvasElement,
    model: &ChartModel,
    last_base: &Painted,
    size: &CssSize,
    force: bool,
    dark: bool,
) -> Option<(Layout, f64)> {
    let css = css_size(base, size)?;
    let (dpr, resized_base) = fit_canvas(base, css)?;
    let (_, _) = fit_canvas(overlay, css)?;
    let stale = force
        || resized_base
        || last_base
            .borrow()
            .as_ref()
            .is_none_or(|(m, d)| *d != dark || !m.same_base(model));
    let mut layout = None;
    if stale {
        layout = paint(base, model, Layer::Base, dpr, dark);
        *last_base.borrow_mut() = Some((Rc::new(model.clone()), dark));
        if let Some(l) = &layout {
            publish_labels(base, model, l, dpr);
        }
    }
    let overlay_layout = paint(overlay, model, Layer::Overlay, dpr, dark);
    let drawn = base
        .get_attribute("data-drawn")
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    let _ = base.set_attribute("data-drawn", &(drawn + 1).to_string());
    if drawn == 0 {
        crate::perf::mark_once(crate::perf::FIRST_CHART);
        crate::perf::mark_once(crate::perf::LIVE_CHART);
    }
    layout.or(overlay_layout).map(|l| (l, dpr))
}

/// The point within 14 CSS pixels of the pointer, if any (index into the model's points).
fn point_under(
    layout: &Option<(Layout, f64)>,
    model: &ChartModel,
    e: &MouseEvent,
) -> Option<usize> {
    let (l, dpr) = layout.as_ref()?;
    let (x, y) = (f64::from(e.offset_x()) * dpr, f64::from(e.offset_y()) * dpr);
    l.nearest_point(model, x, y, 14.0 * dpr)
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
    let overlay = use_node_ref();
    let last_base = use_mut_ref(|| None::<(Rc<ChartModel>, bool)>);
    // The page's theme; a change repaints both layers.
    let dark = crate::hooks::use_dark();
    let dark_now = use_mut_ref(|| dark);
    *dark_now.borrow_mut() = dark;
    let size = use_memo((), |_| CssSize::new(None));
    let layout = use_mut_ref(|| None::<(Layout, f64)>);
    let latest: Rc<RefCell<Rc<ChartModel>>> = use_mut_ref(|| props.model.clone());
    *latest.borrow_mut() = props.model.clone();
    // The point the keyboard moved to since this render, before the re-render that shows it:
    // keys pressed faster than the app renders (Home then Enter, or several arrows) act on
    // the point they moved to, not on the one last drawn. Cleared by each render.
    let cursor: Rc<RefCell<Option<Option<usize>>>> = use_mut_ref(|| None);
    *cursor.borrow_mut() = None;
    // The build's pre-render draws the chart as SVG over the (blank) canvas; taking that page
    // over, the SVG stays until the canvas under it has been drawn, so nothing flickers or
    // moves.
    let svg_over = use_state_eq(crate::browser::hydrating);
    // Taking the page over, the first drawing waits for a task of its own (the SVG shows the
    // same chart meanwhile): the take-over's task is shorter, and a tap is answered sooner.
    let first_draw = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    // Whether the canvas has been drawn: until then a new size is only noted (the first
    // drawing uses it), so the size observer's first call does not draw in the frame's task.
    let drawn = use_memo((), |_| Cell::new(false));

    {
        let (canvas, overlay, layout, last_base, size, latest, dark_now, svg_over, drawn) = (
            canvas.clone(),
            overlay.clone(),
            layout.clone(),
            last_base.clone(),
            size.clone(),
            latest.clone(),
            dark_now.clone(),
            svg_over.clone(),
            drawn.clone(),
        );
        use_effect_with((props.model.clone(), dark), move |(model, dark)| {
            let paint = move |model: &ChartModel, dark: bool| {
                if let (Some(c), Some(o)) = (
                    canvas.cast::<HtmlCanvasElement>(),
                    overlay.cast::<HtmlCanvasElement>(),
                ) {
                    if let Some(l) = repaint(&c, &o, model, &last_base, &size, false, dark) {
                        *layout.borrow_mut() = Some(l);
                    }
                }
                drawn.set(true);
                svg_over.set(false);
            };
            if crate::browser::hydrating() {
                // The newest model and theme when the task comes (a slider may have moved).
                *first_draw.borrow_mut() =
                    Some(gloo::timers::callback::Timeout::new(0, move || {
                        paint(&latest.borrow(), *dark_now.borrow())
                    }));
            } else {
                // Drawn now; a first drawing still waiting is not needed any more.
                drop(first_draw.borrow_mut().take());
                paint(model, *dark);
            }
        });
    }
    {
        let (canvas, overlay, layout, latest, last_base, size, dark_now, drawn) = (
            canvas.clone(),
            overlay.clone(),
            layout.clone(),
            latest.clone(),
            last_base.clone(),
            size.clone(),
            dark_now.clone(),
            drawn.clone(),
        );
        use_effect_with((), move |_| {
            let observed_el = canvas.cast::<web_sys::Element>();
            // Repaints at a new size: `measured` is the new CSS box when known (from the
            // observer), else it is measured again (the window's resize, which also covers a
            // change of the device pixel ratio).
            let redraw = Rc::new(move |measured: Option<(i32, i32)>| {
                if let (Some(c), Some(o)) = (
                    canvas.cast::<HtmlCanvasElement>(),
                    overlay.cast::<HtmlCanvasElement>(),
                ) {
                    if measured.is_some() && measured == size.get() {
                        return;
                    }
                    size.set(measured);
                    if !drawn.get() {
                        return;
                    }
                    let dark = *dark_now.borrow();
                    if let Some(l) =
                        repaint(&c, &o, &latest.borrow(), &last_base, &size, true, dark)
                    {
                        *layout.borrow_mut() = Some(l);
                    }
                }
            });
            let on_resize = redraw.clone();
            let listener = crate::browser::window()
                .map(|w| EventListener::new(&w, "resize", move |_| on_resize(None)));
            let observed = observed_el.and_then(|el| observe_size(&el, redraw));
            move || {
                drop(listener);
                if let Some((observer, _closure)) = observed {
                    observer.disconnect();
                }
            }
        });
    }

    use_effect_with((), move |_| crate::browser::set_hydrating(false));

    let onmousemove = {
        let (layout, latest, cb) = (layout.clone(), latest.clone(), props.on_point.clone());
        Callback::from(move |e: MouseEvent| {
            let model = latest.borrow();
            let found = point_under(&layout.borrow(), &model, &e);
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
            if let Some(i) = point_under(&layout.borrow(), &latest.borrow(), &e) {
                cb.emit(i);
            }
        })
    };
    let onkeydown = {
        let toggle = props.on_toggle.clone();
        let (layout, latest, cb) = (layout.clone(), latest.clone(), props.on_point.clone());
        let cursor = cursor.clone();
        Callback::from(move |e: KeyboardEvent| {
            let model = latest.borrow();
            let n = model.points.len();
            if n == 0 {
                return;
            }
            let current = cursor
                .borrow()
                .unwrap_or(model.highlight)
                .filter(|&i| i < n);
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
            *cursor.borrow_mut() = Some(next);
            cb.emit(next.and_then(|i| point_at(&layout.borrow(), &model, i)));
        })
    };
    let onblur = {
        let cb = props.on_point.clone();
        Callback::from(move |_: FocusEvent| cb.emit(None))
    };

    html! {
        <div class="chart-layers">
            if *svg_over {
                <div class="prerender-chart">{svg_layers(&props.model)}</div>
            }
            <canvas ref={canvas} class="chart" data-testid="chart" role="img" tabindex="0"
                aria-label={props.label.clone()} aria-describedby="chart-keys"
                {onmousemove} {onmouseleave} {onclick} {onkeydown} {onblur} />
            <canvas ref={overlay} class="chart-overlay" data-testid="chart-overlay" aria-hidden="true" />
        </div>
    }
}

/// The chart as SVG at the shapes the page gives the canvas on a wide screen and on a phone
/// (style.css shows one), for the build's pre-render. In the browser, taking that page over,
/// the markup is already there: an empty raw node adopts it (Yew hydrates raw HTML by
/// position, not content), so the SVG is never drawn in the browser.
fn svg_layers(model: &ChartModel) -> Html {
    #[cfg(target_arch = "wasm32")]
    let svg = |_: u32, _: u32| -> Html {
        let _ = model;
        Html::from_html_unchecked(AttrValue::from(""))
    };
    #[cfg(not(target_arch = "wasm32"))]
    let svg = |w: u32, h: u32| -> Html {
        let s = trendline_chart::render_svg(model, w, h, &Theme::light(1.0));
        let open = format!("<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\"");
        Html::from_html_unchecked(AttrValue::from(s.trim().replacen(
            &open,
            &format!(
                "<svg viewBox=\"0 0 {w} {h}\" preserveAspectRatio=\"xMidYMid meet\" focusable=\"false\" aria-hidden=\"true\""
            ),
            1,
        )))
    };
    html! {
        <>
            <div class="prerender-wide">{svg(1070, 602)}</div>
            <div class="prerender-phone">{svg(366, 366)}</div>
        </>
    }
}
