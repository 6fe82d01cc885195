//! `multivector report`: the whole report in one directory, written atomically; `--check` for CI.
use std::io::IsTerminal;
use std::path::Path;

use multivector::report;
use multivector::{Error, Result};

use super::theses::default_analysis;

pub fn run(analysis: Option<&Path>, out: &Path, check: bool) -> Result<()> {
    let path = analysis.map(Path::to_path_buf).unwrap_or_else(default_analysis);
    let terminal = std::io::stderr().is_terminal();
    let progress = |step: &str| {
        if terminal {
            eprintln!("[multivector] {step} …");
        }
    };
    if check {
        let differences = report::check(&path, out, &progress)?;
        if differences.is_empty() {
            println!("report {} is up to date", out.display());
            return Ok(());
        }
        for d in &differences {
            println!("{d}");
        }
        return Err(Error::CheckFailed(format!(
            "{} file(s) of {} differ from a fresh run; regenerate with `multivector report`",
            differences.len(),
            out.display()
        )));
    }
    let files = report::write(&path, out, &progress)?;
    println!("wrote {} files to {}", files.len(), out.display());
    Ok(())
}
