//! What Trendline reads: the dataset and its checks, dates, units, a reader's CSV, published forecasts.
//!
//! Inside the folder imports run one way too: `date`, `number` (decimal text to `f64`), `order`
//! (one sort for the whole app) and `units` use nothing here, `error` uses `number`,
//! `frontier` uses `date`, `published` (the forecasts file) those, `dataset` all of them (its
//! loader reads the published forecasts) and `import` (a reader's CSV) builds on `dataset`.

pub mod dataset;
pub mod date;
pub mod error;
pub mod frontier;
pub mod import;
pub mod number;
pub mod order;
pub mod published;
pub mod units;
