//! Command-line definitions (clap): one subcommand per verb of docs/METHODS.md §6.
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "multivector", version = env!("MULTIVECTOR_VERSION"), about = "Measure how diversified a country's security cooperation is, and test theses about it")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SummaryFormat {
    Text,
    Json,
}

/// Where the data comes from and how strictly it is read (shared by data commands).
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Data files (.csv, .parquet, .jsonl) or dataset directories.
    #[arg(required = true)]
    pub data: Vec<PathBuf>,
    /// Treat partner names missing from the registry as errors.
    #[arg(long)]
    pub strict: bool,
    /// Partner registry (default: partners.csv in a given directory, else the bundled one).
    #[arg(long)]
    pub partners: Option<PathBuf>,
    /// Report at most this many errors per file.
    #[arg(long, default_value_t = 50)]
    pub max_errors: usize,
}

/// How events, periods and windows turn rows into groups (shared by analysis commands).
#[derive(Debug, Clone, Args)]
pub struct PanelArgs {
    /// Grouping dimensions; a dimension left out is pooled and shown as "(all)".
    #[arg(long, value_delimiter = ',', default_value = "subject,channel")]
    pub by: Vec<ByDimension>,
    /// Pool years into aligned blocks of N years.
    #[arg(long, conflicts_with = "rolling")]
    pub window: Option<i32>,
    /// First year of the first block (default: the earliest year in the input).
    #[arg(long, requires = "window")]
    pub anchor: Option<i32>,
    /// Moving windows of N years.
    #[arg(long)]
    pub rolling: Option<i32>,
    /// The focal partner for focal_share, focal_rank and dominance [default: Russia]; a name
    /// given here that matches no partner of the data gets a note with the closest ones.
    #[arg(long)]
    pub focal: Option<String>,
    /// Who receives the value of events under multilateral frameworks.
    #[arg(long, value_enum, default_value_t = AttributionArg::Framework)]
    pub attribution: AttributionArg,
    /// Divide each event's value among its receiving partners (weight 1/(k-1)).
    #[arg(long)]
    pub split_events: bool,
    /// How totals over several years enter yearly windows.
    #[arg(long, value_enum, default_value_t = SpreadArg::Uniform)]
    pub spread: SpreadArg,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ByDimension {
    Subject,
    Channel,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum AttributionArg {
    Framework,
    Lead,
    Members,
    /// Pool the focal partner with the frameworks it alone leads (CSTO, CIS … for Russia).
    RussianVector,
    /// As russian-vector (from the command line the focal vector is the only bloc).
    Bloc,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SpreadArg {
    Uniform,
    KeepPeriods,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ImportKind {
    SipriRegister,
    SipriTiv,
    Mme,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReportFormat {
    Table,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum HhiScale {
    #[value(name = "1")]
    One,
    #[value(name = "10000")]
    TenThousand,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TableFormat {
    Table,
    Csv,
    Json,
    Parquet,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check data files (schema, values, years, units, partner registry) and summarise them.
    Validate {
        #[command(flatten)]
        data: DataArgs,
        /// Output format of the summary.
        #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
        format: SummaryFormat,
    },
    /// Concentration and diversity indices per subject, channel and window.
    Indices {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        panel: PanelArgs,
        /// Scale of hhi: 1 (0-1) or 10000 (0-10,000).
        #[arg(long, value_enum, default_value_t = HhiScale::One)]
        scale: HhiScale,
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// Write to this file (atomically) instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Trend, break and period-comparison tests of one index over time, per subject and channel.
    Trend {
        #[command(flatten)]
        data: DataArgs,
        #[command(flatten)]
        panel: PanelArgs,
        /// The index to test (total, richness, hhi, hhi_norm, unctad, enp, shannon, hill1,
        /// pielou, gini, theil, cr1, cr3, focal_share, focal_rank, dominance).
        #[arg(long)]
        metric: String,
        /// Break years (start years of new periods), e.g. 2000,2007.
        #[arg(long, value_delimiter = ',')]
        breaks: Vec<i32>,
        /// Permutations and bootstrap replicates for period comparisons.
        #[arg(long, default_value_t = 2000)]
        boot: usize,
        /// Seed of every random draw.
        #[arg(long, default_value_t = 20240601)]
        seed: u64,
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
        /// Write to this file (atomically) instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Thesis 1 vs Thesis 2: P(T1), P(T2) per channel and overall, each claim's probability, and the multiverse.
    Theses {
        /// Analysis file (default: the case named in datasets/default.toml).
        analysis: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Write to this file (atomically) instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Calibration: self-consistency on the model's own prior predictive, and the power surface (dominance × growth) on worlds shaped like the analysis data.
    Calibrate {
        /// Analysis file (default: the case named in datasets/default.toml).
        analysis: Option<PathBuf>,
        /// Worlds per cell of the power surface (default: the analysis file's [calibration] worlds).
        #[arg(long)]
        worlds: Option<usize>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
    },
    /// Draw one chart (SVG or PNG by the file name) for an analysis file.
    Plot {
        /// Analysis file (default: the case named in datasets/default.toml).
        analysis: Option<PathBuf>,
        /// shares | concentration | focal | heatmap | multiverse
        #[arg(long)]
        chart: String,
        /// Output file, .svg or .png (default: <chart>.png in the working directory).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write the full report (Markdown, HTML, JSON, CSV, charts) atomically, or check a committed one;
    /// with --batch, one report per analysis file and their comparison.
    Report {
        /// Analysis file (default: the case named in datasets/default.toml); with --batch,
        /// one or more.
        analyses: Vec<PathBuf>,
        /// Report directory (default: reports/<case>, the case being the analysis file's
        /// folder for an `analysis.toml`, else the file's stem).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Batch directory: a report per analysis file in DIR/<file name>/, and DIR/index.md,
        /// DIR/index.html, DIR/comparison.csv with the comparison charts.
        #[arg(long, value_name = "DIR", conflicts_with = "out")]
        batch: Option<PathBuf>,
        /// Regenerate in a temporary place and exit 1 if anything differs from --out (or --batch).
        #[arg(long)]
        check: bool,
        /// Replace --out (or --batch) even when it is an existing directory that is not a
        /// report (its files are deleted).
        #[arg(long, conflicts_with = "check")]
        force: bool,
    },
    /// Turn a raw SIPRI or MME file into observations (strictly validated, written atomically).
    Import {
        #[arg(value_enum)]
        kind: ImportKind,
        /// The raw file(s): several for sipri-tiv, and for sipri-register several exports
        /// of one release (merged into one file); one for mme.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output observation CSV.
        #[arg(long)]
        out: PathBuf,
        /// sipri-register and sipri-tiv: keep only this recipient (its rows of the matrix or register).
        #[arg(long)]
        recipient: Option<String>,
        /// sipri-register: the delivery years the exports cover, FIRST-LAST (e.g. 2000-2023);
        /// a year without a delivery from a recipient's supplier becomes a structural zero.
        #[arg(long)]
        years: Option<String>,
        /// mme: keep only these participants' views (repeat it, or separate names by commas;
        /// default: every participant).
        #[arg(long, value_delimiter = ',')]
        subject: Vec<String>,
    },
    /// What a data update changes: rows added, removed, revised, and the effect on indices and the theses' probabilities.
    Diff {
        old: PathBuf,
        new: PathBuf,
        /// Also compare P(T1) and P(T2) of this analysis file's main specification on both versions.
        #[arg(long)]
        analysis: Option<PathBuf>,
        #[arg(long, default_value = "Russia")]
        focal: String,
        #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
        format: SummaryFormat,
    },
    /// Start a case of your own: write DIR/analysis.toml (every required key, commented),
    /// invented example data and a README stub; `report DIR/analysis.toml` runs at once.
    New {
        /// The case's folder (created; it must be new or empty).
        dir: PathBuf,
    },
    /// Write a deterministic synthetic panel (heavy-tailed values, ties, zeros) as CSV.
    Synth {
        #[arg(long, default_value_t = 100)]
        subjects: usize,
        #[arg(long, default_value_t = 50)]
        partners: usize,
        #[arg(long, default_value_t = 30)]
        years: usize,
        #[arg(long, default_value_t = 3)]
        channels: usize,
        /// Probability that a partner appears in a subject-channel-year cell (0-1].
        #[arg(long, default_value_t = 0.15)]
        density: f64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
}
