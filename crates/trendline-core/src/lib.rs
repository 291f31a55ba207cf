//! Trendline's core: the dataset, fits, forecasts, milestones and the reader's state.
//!
//! No web dependencies: everything here runs and is tested natively with `cargo test`.
//! The formulas are specified in `docs/engine.md`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod backtest;
pub mod compare;
pub mod dataset;
pub mod date;
pub mod export;
pub mod family;
pub mod fit;
pub mod forecast;
pub mod frontier;
pub mod import;
pub mod milestones;
pub mod montecarlo;
pub mod mosaic;
pub mod published;
pub mod reliability;
pub mod scenario;
pub mod sensitivity;
pub mod state;
pub mod superexp;
pub mod units;
pub mod url_state;

pub use dataset::{Dataset, Manifest, Point, PointKind, Series, SeriesMeta, Unit};
pub use date::Day;
pub use export::{assumptions, csv_export, export_stem};
pub use family::{Family, Transform};
pub use fit::{ExpFit, FitError, FitWindow, Selection};
pub use forecast::{
    forecast, prepare, prepare_with, project, Analyses, Forecast, MilestoneRow, Prepared,
    Projection,
};
pub use import::{parse_user_csv, ImportUnit};
pub use scenario::{parse_scenario, scenario_json, Json, JsonError};
pub use state::{Action, State};
