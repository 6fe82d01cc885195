//! Testing Thesis 1 against Thesis 2: analysis file, criteria, verdicts, multiverse.
pub mod criteria;
pub mod multiverse;
pub mod render;
pub mod spec;
pub mod verdict;

use std::path::Path;

use serde::Serialize;

use crate::data::{load, LoadOptions};
use crate::error::Result;
use criteria::{evaluate, Context, SpecResult, Specification};
use multiverse::MultiverseResult;
use spec::AnalysisFile;

/// The full result: the main specification (the analysis file's own choices) and the multiverse.
#[derive(Debug, Clone, Serialize)]
pub struct ThesesResult {
    pub subject: String,
    pub focal: String,
    pub vintage: String,
    pub main: SpecResult,
    pub multiverse: MultiverseResult,
}

/// The specification the analysis file itself states.
pub fn main_specification(file: &AnalysisFile) -> Specification {
    Specification {
        attribution: file.attribution.mode,
        split_events: file.attribution.split_events,
        spread: file.attribution.spread,
        window: file.windows.size,
        breaks: file.periods.breaks.clone(),
        weights_name: "file".into(),
        weights: file.channels.iter().map(|(c, s)| (c.clone(), s.weight)).collect(),
        first_year: file.data.first_year,
        last_year: file.data.last_year,
        replicates: file.bootstrap.replicates,
        seed: file.bootstrap.seed,
    }
}

/// Loads the data an analysis file names and runs the main specification and the multiverse.
pub fn run(analysis_path: &Path) -> Result<(AnalysisFile, ThesesResult)> {
    let file = AnalysisFile::read(analysis_path)?;
    let dataset = load(&file.data_paths(analysis_path), &LoadOptions { strict: true, ..LoadOptions::default() })?;
    let focal = dataset.registry.canonical(&file.data.focal).unwrap_or(&file.data.focal).to_string();
    let ctx = Context {
        observations: &dataset.observations,
        frameworks: &dataset.frameworks,
        subject: &file.data.subject,
        focal: &focal,
        channels: file.channels.keys().cloned().collect(),
        thresholds: &file.thresholds,
    };
    let main = evaluate(&ctx, &main_specification(&file));
    let multiverse = multiverse::run(&ctx, &file);
    let result = ThesesResult {
        subject: file.data.subject.clone(),
        focal,
        vintage: file.data.vintage.clone(),
        main,
        multiverse,
    };
    Ok((file, result))
}
