//! `multivector calibrate`: how often each thesis is called on simulated worlds of known truth.
use std::path::Path;

use multivector::error::UNNAMED_OUTPUT;
use multivector::theses::{calibration_render, Loaded};
use multivector::{Error, Result};

use super::common::{note, progress, with_output};
use super::default_case::analysis_or_default;
use crate::cli::ReportFormat;

pub fn run(analysis: Option<&Path>, worlds: Option<usize>, format: ReportFormat) -> Result<()> {
    if worlds.is_some_and(|w| !(1..=100_000).contains(&w)) {
        return Err(Error::Usage("--worlds: expected 1-100000".into()));
    }
    let path = analysis_or_default(analysis)?;
    progress("loading data");
    let loaded = Loaded::read(&path)?;
    progress("simulating worlds: the self-consistency check and the power surface");
    let calibration = loaded.calibrate(worlds);
    let focal = loaded.context().focal.to_string();
    with_output(None, |w| {
        let text = match format {
            ReportFormat::Json => {
                serde_json::to_string_pretty(&calibration_render::json(&calibration, &focal))
                    .map_err(|e| Error::output(UNNAMED_OUTPUT, e))?
                    + "\n"
            }
            ReportFormat::Table | ReportFormat::Markdown => calibration_render::markdown(&calibration, &focal),
        };
        w.write_all(text.as_bytes()).map_err(|e| Error::io(UNNAMED_OUTPUT, e))
    })?;
    note(calibration_render::one_line(&calibration));
    Ok(())
}
