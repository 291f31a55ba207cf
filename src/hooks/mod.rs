mod use_after_paint;
mod use_all_series;
mod use_dark;
mod use_series;
mod use_url_sync;
mod use_width;

pub use use_after_paint::use_after_paint;
pub use use_all_series::use_all_series;
pub use use_dark::use_dark;
pub use use_series::{use_series, Loaded, SeriesRef};
pub use use_url_sync::{initial_from_url, use_url_sync};
pub use use_width::use_width;
