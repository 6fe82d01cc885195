//! multivector: measures how diversified a country's security cooperation is and tests
//! competing theses about it (see docs/METHODS.md). This library knows nothing of the command line.
#![warn(missing_docs)]
// Checks are written `!(x >= lo)` on purpose: a NaN fails them, where `x < lo` would let
// it pass; clippy's advice to use `partial_cmp` would be longer and no clearer.
#![allow(clippy::neg_cmp_op_on_partial_ord)]
pub mod atomic;
pub mod data;
pub mod decimal;
pub mod diff;
pub mod error;
pub mod format;
pub mod import;
pub mod metrics;
pub mod new_case;
/// Serde of numbers that may be infinite.
pub mod number_serde;
pub mod panel;
pub mod paths;
pub mod plot;
pub mod report;
pub mod stats;
pub mod suggest;
pub mod synth;
pub mod tables;
pub mod theses;

pub use error::{Error, Result};
