//! Observation data: schema, reading (CSV, Parquet, JSON Lines), validation, partner registry, frameworks.
pub mod attribution;
pub mod csv_source;
pub mod fast_csv;
pub(crate) mod fields;
pub(crate) mod frame_source;
pub mod frameworks;
pub mod issue;
pub(crate) mod jsonl_source;
pub mod load;
pub mod observations;
pub mod parquet_bounds;
pub mod periods;
pub mod prepare;
pub(crate) mod record_lines;
pub mod registry;
pub mod schema;
pub mod summary;
pub(crate) mod table_file;

pub use load::{load, Dataset, LoadOptions};
pub use observations::Observations;
