mod use_dark;
mod use_series;
mod use_url_sync;

pub use use_dark::use_dark;
pub use use_series::{use_series, Loaded, SeriesRef};
pub use use_url_sync::{initial_from_url, use_url_sync};
