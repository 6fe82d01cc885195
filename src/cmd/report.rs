//! `multivector report`: the whole report in one directory, written atomically; `--check` for CI.
use std::io::IsTerminal;
use std::path::Path;

use multivector::paths::check_output_dir;
use multivector::{report, theses};
use multivector::{Error, Result};

use super::common::{note, with_output, STDOUT};
use super::theses::default_analysis;

pub fn run(analysis: Option<&Path>, out: &Path, check: bool) -> Result<()> {
    let path = analysis.map(Path::to_path_buf).unwrap_or_else(default_analysis);
    let terminal = std::io::stderr().is_terminal();
    let progress = |step: &str| {
        if terminal {
            note(format!("[multivector] {step} …"));
        }
    };
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
    check_output_dir(out, &theses::input_files(&path)?)?;
    let files = report::write(&path, out, &progress)?;
    with_output(None, |w| writeln!(w, "wrote {} files to {}", files.len(), out.display()).map_err(|e| Error::io(STDOUT, e)))
}
