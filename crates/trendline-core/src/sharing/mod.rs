//! What leaves the page: the settings as a URL query and as a scenario file, and the exports
//! (CSV, the assumptions under an image, file names), which need the forecasts.

pub mod export;
pub mod json;
pub mod scenario;
pub mod url;
