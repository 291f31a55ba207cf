//! Trendline's core: the dataset, fits, forecasts, milestones and the reader's state.
//!
//! No web dependencies: everything here runs and is tested natively with `cargo test`.
//! The formulas are specified in `docs/engine.md`.
//!
//! Five layers, each importing only from the ones before it (`scripts/check-core-graph.py`
//! checks this, file by file, and that no files import each other in a circle):
//!
//! 1. [`data`]: the dataset, dates, units, a reader's own CSV, published forecasts;
//! 2. [`model`]: fit families, least squares, the superexponential model, reliability levels;
//! 3. [`settings`]: the reader's settings ([`State`], changed only by [`Action`]), their
//!    defaults and limits;
//! 4. [`forecast`](mod@forecast): from a series and the settings to the projection, milestones,
//!    fans, backtests, sensitivity, scenarios side by side and the mosaic;
//! 5. [`sharing`]: what leaves the page: the URL query, scenario files and the exports.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod data;

pub mod model;

pub mod settings;

pub mod forecast;

pub mod sharing;

// The names the app uses most, layer by layer.
pub use data::dataset::{Dataset, Manifest, Point, PointKind, Series, SeriesMeta};
pub use data::date::Day;
pub use data::error::{DataError, DataErrors};
pub use data::import::parse_user_csv;
pub use data::units::{ImportUnit, Unit};

pub use model::family::{Family, Transform};
pub use model::fit::{ExpFit, FitError, FitWindow, Selection};

pub use settings::{Action, State};

pub use forecast::{
    forecast, prepare, prepare_with, project, Analyses, Deferred, Forecast, MilestoneRow, Prepared,
    Projection,
};

pub use sharing::export::{assumptions, csv_export, export_stem};
pub use sharing::json::{Json, JsonError};
pub use sharing::scenario::{parse_scenario, scenario_json};
