//! The reader's settings (`State`, changed by `Action`) and how they travel: URL and scenario file.

pub mod json;
pub mod scenario;
mod settings;
pub mod url;

pub use settings::*;
