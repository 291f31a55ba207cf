//! What Trendline reads: the dataset and its checks, dates, units, a reader's CSV, published forecasts.

pub mod dataset;
pub mod date;
pub mod frontier;
pub mod import;
pub mod published;
pub mod units;
