//! Observation data: schema, reading (CSV, Parquet, JSON Lines), validation, partner registry, frameworks.
pub mod attribution;
pub mod csv_source;
pub mod fast_csv;
pub mod fields;
pub mod frame_source;
pub mod frameworks;
pub mod issue;
pub mod jsonl_source;
pub mod load;
pub mod observations;
pub mod periods;
pub mod prepare;
pub mod record_lines;
pub mod registry;
pub mod schema;
pub mod summary;
pub mod table_file;

pub use load::{load, Dataset, LoadOptions};
pub use observations::Observations;
