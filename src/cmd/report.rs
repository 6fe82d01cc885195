//! `multivector report`: the whole report in one directory, written atomically; `--check` for CI;
//! `--batch DIR`: one report per analysis file and their comparison, written as a whole.
use std::path::{Path, PathBuf};

use multivector::paths::{check_output_dir, ReportDir};
use multivector::report::batch;
use multivector::report::comparison::Failure;
use multivector::{report, theses};
use multivector::{Error, Result};

use super::common::{note, progress, with_output, STDOUT};
use super::default_case::{analysis_or_default, default_report_dir};

/// The files of which a single report directory holds at least one.
const REPORT_MARKERS: [&str; 2] = ["report.md", "summary.json"];
/// The files of which a batch directory holds at least one.
const BATCH_MARKERS: [&str; 2] = ["index.md", "comparison.csv"];

pub fn run(analysis: Option<&Path>, out: Option<&Path>, check: bool, force: bool) -> Result<()> {
    let path = analysis_or_default(analysis)?;
    let out = &out.map_or_else(|| default_report_dir(&path), Path::to_path_buf);
    if check {
        let differences = report::check(&path, out, &progress)?;
        with_output(None, |w| {
            let mut text = differences.join("\n");
            if differences.is_empty() {
                text = format!("report {} is up to date", out.display());
            }
            writeln!(w, "{text}").map_err(|e| Error::io(STDOUT, e))
        })?;
        if differences.is_empty() {
            return Ok(());
        }
        return Err(Error::CheckFailed(format!(
            "{} file(s) of {} differ from a fresh run; regenerate with `multivector report`",
            differences.len(),
            out.display()
        )));
    }
    check_output_dir(out, &theses::input_files(&path)?, ReportDir { markers: &REPORT_MARKERS, force })?;
    let written = report::write(&path, out, &progress)?;
    with_output(None, |w| {
        writeln!(w, "wrote {} files to {}\n{}", written.files.len(), out.display(), written.summary).map_err(|e| Error::io(STDOUT, e))
    })
}

/// `report --batch DIR A.toml B.toml …`: every report and the comparison, or `--check`.
pub fn run_batch(paths: &[PathBuf], dir: &Path, check: bool, force: bool) -> Result<()> {
    super::common::no_unmatched_patterns(paths)?;
    let analyses = batch::analyses(paths)?;
    if check {
        let (differences, failures) = batch::check(&analyses, dir, &progress)?;
        report_failures(&failures);
        with_output(None, |w| {
            let text =
                if differences.is_empty() { format!("batch report {} is up to date", dir.display()) } else { differences.join("\n") };
            writeln!(w, "{text}").map_err(|e| Error::io(STDOUT, e))
        })?;
        if differences.is_empty() && failures.is_empty() {
            return Ok(());
        }
        return Err(Error::CheckFailed(format!(
            "{} file(s) of {} differ from a fresh run and {} analysis file(s) failed; regenerate with `multivector report --batch`",
            differences.len(),
            dir.display(),
            failures.len()
        )));
    }
    // Inputs of the analyses that can be read, and every analysis file itself (one that
    // cannot be read fails below with its message, but is still an input).
    let mut inputs: Vec<PathBuf> = analyses.iter().filter_map(|a| theses::input_files(&a.path).ok()).flatten().collect();
    inputs.extend(analyses.iter().map(|a| a.path.clone()));
    check_output_dir(dir, &inputs, ReportDir { markers: &BATCH_MARKERS, force })?;
    let outcome = batch::write(&analyses, dir, &progress)?;
    report_failures(&outcome.failures);
    with_output(None, |w| {
        writeln!(w, "wrote {} files ({} reports and the comparison) to {}", outcome.files.len(), outcome.reports, dir.display())
            .map_err(|e| Error::io(STDOUT, e))?;
        outcome.summaries.iter().try_for_each(|line| writeln!(w, "{line}").map_err(|e| Error::io(STDOUT, e)))
    })?;
    match outcome.failures.len() {
        0 => Ok(()),
        n if n == analyses.len() => Err(Error::Incomplete(format!("every analysis file ({n}) failed; the batch holds no report"))),
        n => Err(Error::Incomplete(format!("{n} of {} analysis file(s) failed; the batch holds the others", analyses.len()))),
    }
}

/// One message per failed analysis, naming its file.
fn report_failures(failures: &[Failure]) {
    for f in failures {
        note(format!("multivector: analysis {} ({}) failed:\n{}", f.name, f.path, f.message));
    }
}
