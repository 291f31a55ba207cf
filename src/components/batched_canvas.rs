//! [`BatchedCanvas`]: plotters' canvas backend, with runs of opaque strokes of one style drawn as
//! one canvas path.
//!
//! The chart draws a dashed line as one short polyline per dash (plotters has no dash style),
//! and `CanvasBackend` strokes each polyline on its own: a colour string formatted and sent, the
//! line width set, a path begun and stroked, per dash. A projection has about a hundred dashes,
//! redrawn on every slider input. Here consecutive opaque polylines of the same colour and width
//! become subpaths of one path, stroked once when the style changes or anything else is drawn.
//! Opaque strokes do not blend, so the picture is the same (up to anti-aliasing where
//! subpaths meet); semi-transparent ones are stroked one by one as before.

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

type Error = DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>;

/// A `CanvasBackend` that batches opaque polylines (see the module text).
pub struct BatchedCanvas {
    inner: CanvasBackend,
    ctx: CanvasRenderingContext2d,
    /// The colour and width of the path being collected, if one is.
    open: Option<((u8, u8, u8), u32)>,
}

impl BatchedCanvas {
    /// The backend for `canvas`'s 2D context; `None` where there is none.
    pub fn new(canvas: &HtmlCanvasElement) -> Option<Self> {
        let ctx = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        Some(Self {
            inner: CanvasBackend::with_canvas_object(canvas.clone())?,
            ctx,
            open: None,
        })
    }

    /// Strokes the path being collected.
    fn flush(&mut self) {
        if self.open.take().is_some() {
            self.ctx.stroke();
        }
    }
}

impl Drop for BatchedCanvas {
    fn drop(&mut self) {
        self.flush();
    }
}

impl DrawingBackend for BatchedCanvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), Error> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), Error> {
        self.flush();
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Error> {
        self.flush();
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Error> {
        self.flush();
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        self.flush();
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Error> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        if color.alpha < 1.0 {
            self.flush();
            return self.inner.draw_path(path, style);
        }
        let key = (color.rgb, style.stroke_width());
        if self.open != Some(key) {
            self.flush();
            let (r, g, b) = color.rgb;
            self.ctx
                .set_stroke_style_str(&format!("rgba({r},{g},{b},1)"));
            self.ctx.set_line_width(f64::from(key.1));
            self.ctx.begin_path();
            self.open = Some(key);
        }
        let mut path = path.into_iter();
        if let Some(start) = path.next() {
            self.ctx.move_to(f64::from(start.0), f64::from(start.1));
            for next in path {
                self.ctx.line_to(f64::from(next.0), f64::from(next.1));
            }
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        self.flush();
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Error> {
        self.flush();
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), Error> {
        self.flush();
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), Error> {
        self.inner.estimate_text_size(text, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), Error> {
        self.flush();
        self.inner.blit_bitmap(pos, size, src)
    }
}
