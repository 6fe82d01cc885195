//! A new case: the commented analysis file, invented example data and a README stub that
//! `multivector new DIR` writes, so that a first case runs at once and is then edited. The
//! analysis file is also the reference of every required key (`theses::missing_keys`).
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The template analysis file; `{case}` stands for the case's folder.
pub const ANALYSIS: &str = include_str!("analysis.toml");

/// The files of a new case: name and text (`{case}` replaced by the folder when written).
const FILES: [(&str, &str); 4] = [
    ("analysis.toml", ANALYSIS),
    ("arms.csv", include_str!("arms.csv")),
    ("exercises.csv", include_str!("exercises.csv")),
    ("README.md", include_str!("README.md")),
];

/// Writes a new case into `dir` (created; it must not exist or be empty, so that nothing
/// is overwritten) and returns the files written, each written atomically.
pub fn write_new_case(dir: &Path) -> Result<Vec<PathBuf>> {
    let shown = dir.display().to_string();
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Error::Usage(format!(
                    "{shown} exists and is not empty: a new case is written only into a new or empty folder (nothing is overwritten)"
                )));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(&shown, e))?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            return Err(Error::Usage(format!("{shown} is an existing file: expected a new folder for the case")));
        }
        Err(e) => return Err(Error::io(&shown, e)),
    }
    let case = shown.trim_end_matches('/');
    let mut written = Vec::new();
    for (name, text) in FILES {
        let path = dir.join(name);
        crate::atomic::write_atomic(&path, text.replace("{case}", case).as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
