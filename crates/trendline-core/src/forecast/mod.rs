//! Series + settings → what the page shows: projection, fans, milestones, checks, tables.

pub mod backtest;
pub mod calibration;
pub mod compare;
pub mod growth;
pub mod milestones;
pub mod montecarlo;
pub mod mosaic;
mod pipeline;
pub mod probability;
pub mod sensitivity;
pub mod verdict;

pub use pipeline::*;
