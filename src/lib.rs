//! multivector: measures how diversified a country's security cooperation is and tests
//! competing theses about it (see DESIGN.md). This library knows nothing of the command line.
pub mod data;
pub mod error;

pub use error::{Error, Result};
