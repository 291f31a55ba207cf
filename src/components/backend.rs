//! [`Backend`]: the one plotters backend type the app draws with, the page's canvas or an SVG
//! document.
//!
//! `trendline_chart::draw` is generic over the backend, so each backend type it is used with gets
//! its own copy of the whole drawing code in the wasm. The live chart and the PNG export draw on
//! a canvas ([`BatchedCanvas`]) and the SVG export through plotters' SVG backend: as two types,
//! that was two copies. Drawing through this enum, the drawing code is compiled once and each call
//! is passed on to the backend it holds, unchanged.

use super::batched_canvas::BatchedCanvas;
use plotters::backend::SVGBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// The canvas or the SVG document being drawn.
pub enum Backend<'a> {
    /// A canvas on the page (the live chart, the PNG export).
    Canvas(BatchedCanvas),
    /// An SVG document written into a string (the SVG export).
    Svg(SVGBackend<'a>),
}

/// Why drawing failed, in the backend's own words.
#[derive(Debug)]
pub struct BackendError(String);

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BackendError {}

type Error = DrawingErrorKind<BackendError>;

/// The same error with the backend's message kept as text.
fn own<E: std::error::Error + Send + Sync>(e: DrawingErrorKind<E>) -> Error {
    match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(BackendError(e.to_string()))
        }
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// Calls `$method` on whichever backend `$self` holds, with the error made a [`BackendError`].
macro_rules! pass {
    ($self:ident . $method:ident ( $($arg:expr),* )) => {
        match $self {
            Backend::Canvas(b) => b.$method($($arg),*).map_err(own),
            Backend::Svg(b) => b.$method($($arg),*).map_err(own),
        }
    };
}

impl DrawingBackend for Backend<'_> {
    type ErrorType = BackendError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Backend::Canvas(b) => b.get_size(),
            Backend::Svg(b) => b.get_size(),
        }
    }

    fn ensure_prepared(&mut self) -> Result<(), Error> {
        pass!(self.ensure_prepared())
    }

    fn present(&mut self) -> Result<(), Error> {
        pass!(self.present())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Error> {
        pass!(self.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Error> {
        pass!(self.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        pass!(self.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Error> {
        pass!(self.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        pass!(self.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Error> {
        pass!(self.fill_polygon(vert, style))
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), Error> {
        pass!(self.draw_text(text, style, pos))
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), Error> {
        pass!(self.estimate_text_size(text, style))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), Error> {
        pass!(self.blit_bitmap(pos, size, src))
    }
}

/// `model` as an SVG document `width × height` pixels: what `trendline_chart::render_svg` makes,
/// drawn through [`Backend`] so that the export shares the canvas's copy of the drawing code.
pub fn render_svg(
    model: &trendline_chart::ChartModel,
    width: u32,
    height: u32,
    theme: &trendline_chart::Theme,
) -> String {
    use plotters::prelude::IntoDrawingArea;
    let theme = trendline_chart::draw::svg_theme(theme);
    let mut out = String::new();
    {
        let root =
            Backend::Svg(SVGBackend::with_string(&mut out, (width, height))).into_drawing_area();
        // The SVG backend writes into a String and cannot fail.
        let _ = trendline_chart::draw(&root, model, &theme);
    }
    trendline_chart::merge_polylines(&out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use trendline_chart::{build_model, ModelOptions, Theme};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// The default view's chart, from the series compiled into the app.
    fn default_model(footer: Vec<String>) -> trendline_chart::ChartModel {
        let id = trendline_core::settings::DEFAULT_SERIES;
        let meta = crate::bundle::meta(id).unwrap();
        let series = crate::bundle::parse(meta, crate::bundle::embedded(meta).unwrap()).unwrap();
        let fc = trendline_core::forecast(&series, None, &trendline_core::State::default());
        build_model(
            &fc,
            &ModelOptions {
                end: fc.until,
                caption: Some(meta.title.to_string()),
                footer,
                legend_in_plot: true,
                forecasts: crate::bundle::forecasts_for(id),
                ..ModelOptions::default()
            },
        )
    }

    #[wasm_bindgen_test]
    fn the_export_draws_the_same_svg_as_the_chart_crate() {
        let m = default_model(vec![
            "Assumptions: one line".into(),
            "Source: another".into(),
        ]);
        for (w, h) in [(1000, 640), (640, 420)] {
            let ours = render_svg(&m, w, h, &Theme::light(1.0));
            let theirs = trendline_chart::render_svg(&m, w, h, &Theme::light(1.0));
            assert!(
                ours.starts_with("<svg") && ours.contains("<path"),
                "{}",
                &ours[..80]
            );
            assert_eq!(ours, theirs, "{w}x{h}");
        }
    }
}
