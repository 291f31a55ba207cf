//! Series + settings → what the page shows: projection, fans, milestones, checks, tables.

pub mod backtest;
pub mod calibration;
pub mod compare;
pub mod milestones;
pub mod montecarlo;
pub mod mosaic;
mod pipeline;
pub mod sensitivity;

pub use pipeline::*;
