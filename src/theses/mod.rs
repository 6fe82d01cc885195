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

/// An analysis file with its data loaded.
pub struct Loaded {
    pub file: AnalysisFile,
    pub dataset: crate::data::Dataset,
    /// The focal partner's canonical name.
    pub focal: String,
}

impl Loaded {
    /// Reads the analysis file and loads (strictly) the data it names.
    pub fn read(analysis_path: &Path) -> Result<Loaded> {
        let file = AnalysisFile::read(analysis_path)?;
        let dataset = load(&file.data_paths(analysis_path), &LoadOptions { strict: true, ..LoadOptions::default() })?;
        let focal = dataset.registry.canonical(&file.data.focal).unwrap_or(&file.data.focal).to_string();
        Ok(Loaded { file, dataset, focal })
    }

    pub fn context(&self) -> Context<'_> {
        Context {
            observations: &self.dataset.observations,
            frameworks: &self.dataset.frameworks,
            subject: &self.file.data.subject,
            focal: &self.focal,
            channels: self.file.channels.keys().cloned().collect(),
            thresholds: &self.file.thresholds,
        }
    }

    /// Runs the main specification and the multiverse.
    pub fn run(&self) -> ThesesResult {
        let ctx = self.context();
        ThesesResult {
            subject: self.file.data.subject.clone(),
            focal: self.focal.clone(),
            vintage: self.file.data.vintage.clone(),
            main: evaluate(&ctx, &main_specification(&self.file)),
            multiverse: multiverse::run(&ctx, &self.file),
        }
    }
}

/// Loads the data an analysis file names and runs the main specification and the multiverse.
pub fn run(analysis_path: &Path) -> Result<(AnalysisFile, ThesesResult)> {
    let loaded = Loaded::read(analysis_path)?;
    let result = loaded.run();
    Ok((loaded.file, result))
}
