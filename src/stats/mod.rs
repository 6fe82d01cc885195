//! Statistics over index series: trend, breaks, period comparison, resampling (statrs for distributions).
pub mod binomial;
pub mod breaks;
pub mod compare;
pub mod resample;
pub(crate) mod rng;
pub mod series;
pub mod trend;
