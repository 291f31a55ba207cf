//! How a trend is fitted: families and transforms, least squares, superexponential, reliability.

pub mod family;
pub mod fit;
pub mod reliability;
pub mod superexp;
