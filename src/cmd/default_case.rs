//! The default case: the analysis file the commands run when none is given, named in
//! `datasets/default.toml` (so that the binary names no case), and a report's default folder.
use std::path::{Path, PathBuf};

use multivector::{Error, Result};
use serde::Deserialize;

/// The file that names the default case, relative to the working directory (else to the
/// repository the binary was built from).
pub const DEFAULT_CASE_FILE: &str = "datasets/default.toml";

/// `datasets/default.toml`: `analysis = "<folder>/analysis.toml"`, relative to that file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DefaultCase {
    analysis: PathBuf,
}

/// The default analysis file: the one `datasets/default.toml` names.
pub fn default_analysis() -> Result<PathBuf> {
    let relative = PathBuf::from(DEFAULT_CASE_FILE);
    let file = if relative.exists() { relative } else { PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_CASE_FILE) };
    let text = std::fs::read_to_string(&file)
        .map_err(|e| Error::Usage(format!("no analysis file given, and the default case file {} cannot be read ({e})", file.display())))?;
    let case: DefaultCase = toml::from_str(&text).map_err(|e| {
        Error::file(file.display().to_string(), format!("expected `analysis = \"<folder>/analysis.toml\"`: {}", e.message()))
    })?;
    Ok(file.parent().unwrap_or(Path::new("")).join(case.analysis))
}

/// The given analysis file, or the default one.
pub fn analysis_or_default(analysis: Option<&Path>) -> Result<PathBuf> {
    analysis.map_or_else(default_analysis, |p| Ok(p.to_path_buf()))
}

/// A report's default folder: `reports/<case>`, where the case is the analysis file's
/// folder for a file named `analysis.toml` and the file's stem otherwise (as in a batch).
pub fn default_report_dir(analysis: &Path) -> PathBuf {
    Path::new("reports").join(multivector::paths::case_name(analysis).unwrap_or_else(|| "report".into()))
}
