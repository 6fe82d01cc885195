//! The default case: the analysis file the commands run when none is given, named in
//! `datasets/default.toml` (so that the binary names no case), and a report's default folder.
use std::path::{Path, PathBuf};

use multivector::{Error, Result};
use serde::Deserialize;

/// The file that names the default case, relative to the working directory: the default
/// exists only in a multivector checkout (or a folder laid out like one), never silently
/// the tree the binary was built from.
pub const DEFAULT_CASE_FILE: &str = "datasets/default.toml";

/// `datasets/default.toml`: `analysis = "<folder>/analysis.toml"`, relative to that file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DefaultCase {
    analysis: PathBuf,
}

/// The default analysis file: the one `datasets/default.toml` of the working directory
/// names; saying so on standard error, since no file was given.
pub fn default_analysis() -> Result<PathBuf> {
    let file = PathBuf::from(DEFAULT_CASE_FILE);
    if !file.exists() {
        return Err(Error::Usage(format!(
            "no analysis file given, and this folder has no {DEFAULT_CASE_FILE} naming a default case (only a multivector checkout has one): give an analysis file, e.g. `multivector report cases/mycase/analysis.toml`, or start a case with `multivector new cases/mycase`"
        )));
    }
    let text = std::fs::read_to_string(&file)
        .map_err(|e| Error::Usage(format!("no analysis file given, and the default case file {} cannot be read ({e})", file.display())))?;
    let case: DefaultCase = toml::from_str(&text).map_err(|e| {
        Error::file(file.display().to_string(), format!("expected `analysis = \"<folder>/analysis.toml\"`: {}", e.message()))
    })?;
    let analysis = file.parent().unwrap_or(Path::new("")).join(case.analysis);
    super::common::note(format!("no analysis file given: using the default case {} (named in {DEFAULT_CASE_FILE})", analysis.display()));
    Ok(analysis)
}

/// The given analysis file, or the default one.
pub fn analysis_or_default(analysis: Option<&Path>) -> Result<PathBuf> {
    match analysis {
        Some(path) => super::common::no_unmatched_patterns(&[path.to_path_buf()]).map(|()| path.to_path_buf()),
        None => default_analysis(),
    }
}

/// A report's default folder: `reports/<case>`, where the case is the analysis file's
/// folder for a file named `analysis.toml` and the file's stem otherwise (as in a batch).
pub fn default_report_dir(analysis: &Path) -> PathBuf {
    Path::new("reports").join(multivector::paths::case_name(analysis).unwrap_or_else(|| "report".into()))
}
