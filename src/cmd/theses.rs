//! `multivector theses`: the probabilities of Thesis 1 and Thesis 2 with their claims and the multiverse.
use std::path::Path;

use multivector::error::UNNAMED_OUTPUT;
use multivector::paths::check_output_file;
use multivector::theses::{self, render};
use multivector::{Error, Result};

use super::common::{note, progress, with_output};
use super::default_case::analysis_or_default;
use crate::cli::ReportFormat;

pub fn run(analysis: Option<&Path>, format: ReportFormat, out: Option<&Path>) -> Result<()> {
    let path = analysis_or_default(analysis)?;
    if let Some(out) = out {
        check_output_file(out, &theses::input_files(&path)?)?;
    }
    progress("loading data and running the main specification and the multiverse");
    let (_, result) = theses::run(&path)?;
    with_output(out, |w| {
        let text = match format {
            ReportFormat::Table => render::table(&result),
            ReportFormat::Markdown => render::markdown(&result),
            ReportFormat::Json => {
                serde_json::to_string_pretty(&render::json(&result)).map_err(|e| Error::output(UNNAMED_OUTPUT, e))? + "\n"
            }
        };
        w.write_all(text.as_bytes()).map_err(|e| Error::io(UNNAMED_OUTPUT, e))
    })?;
    note(render::one_line(&result));
    Ok(())
}
