//! Trendline's chart: a pure [`ChartModel`] computed from the data and the forecast, and one
//! [`draw`] function generic over plotters' `DrawingBackend`, so the same code paints the
//! page's canvas, the SVG export and the native tests.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod chance;
pub mod draw;
pub mod labels;
pub mod model;
pub mod small;

pub use draw::{curve_look, draw, draw_layer, merge_polylines, render_svg, Layer, Layout, Theme};
pub use labels::{place_labels, LabelOf, Placed};
pub use model::{
    build_model, ChartModel, Curve, CurveStyle, ForecastMark, HLine, Marker, ModelOptions,
    PointMark, ScenarioLine, YAxis,
};
