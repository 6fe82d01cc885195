//! Command-line definitions (clap): one subcommand per verb of DESIGN.md §5.
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "multivector", version, about = "Measure how diversified a country's security cooperation is, and test theses about it")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SummaryFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check data files (schema, values, years, units, partner registry) and summarise them.
    Validate {
        /// Data files (.csv, .parquet, .jsonl) or dataset directories.
        #[arg(required = true)]
        data: Vec<PathBuf>,
        /// Treat partner names missing from the registry as errors.
        #[arg(long)]
        strict: bool,
        /// Partner registry (default: partners.csv in a given directory, else the bundled one).
        #[arg(long)]
        partners: Option<PathBuf>,
        /// Output format of the summary.
        #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
        format: SummaryFormat,
        /// Report at most this many errors per file.
        #[arg(long, default_value_t = 50)]
        max_errors: usize,
    },
}
