//! Output safety and input kinds: an output must never be one of the inputs (compared by
//! file identity, not by spelling), a report directory never replaces a file or holds an
//! input, and inputs must be regular files (a FIFO or device would block or never end).
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// True when `a` and `b` name the same existing file or directory (same device and
/// inode on Unix, same canonical path elsewhere). Missing paths are never the same.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (a.canonicalize(), b.canonicalize()) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

/// Refuses (exit 2) an output file that is one of `inputs`, however it is spelt
/// (`./raw.csv`, a symlink or a hard link to it).
pub fn check_output_file(out: &Path, inputs: &[PathBuf]) -> Result<()> {
    if let Some(input) = inputs.iter().find(|i| same_file(out, i)) {
        return Err(Error::Usage(format!(
            "--out {} is the input file {}: refusing to replace an input (inputs are never modified)",
            out.display(),
            input.display()
        )));
    }
    if out.is_dir() {
        return Err(Error::Usage(format!("--out {} is a directory: expected a file name", out.display())));
    }
    check_replaceable(out)
}

/// Refuses (exit 2) an output whose folder does not exist, or that exists and is no
/// regular file or directory: a FIFO, socket or device node (`/dev/null` as root) would be
/// replaced by a regular file by the atomic rename. Leave out `--out` and redirect
/// standard output to write into one.
pub fn check_replaceable(out: &Path) -> Result<()> {
    let dir = crate::atomic::parent(out);
    if !dir.is_dir() {
        return Err(Error::Usage(format!("{}: the folder {} does not exist: create it first", out.display(), dir.display())));
    }
    match std::fs::metadata(out) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => Err(Error::Usage(format!(
            "--out {} is a FIFO, socket or device, not a regular file: refusing to replace it (outputs are written to a regular file; where the command writes to standard output, leave out --out and redirect)",
            out.display()
        ))),
        _ => Ok(()),
    }
}

/// What a report directory must hold to be replaced without `--force`: any one of
/// `markers` (report files), unless it is empty.
#[derive(Debug, Clone, Copy)]
pub struct ReportDir<'a> {
    /// File names of which a report directory holds at least one.
    pub markers: &'a [&'a str],
    /// Replace an existing directory that is not a report all the same.
    pub force: bool,
}

/// Refuses (exit 2) a report directory that is an existing non-directory (it would be
/// replaced by a directory), that is, or contains, one of `inputs`, or that is an
/// existing, non-empty directory holding none of the report's files (it would be swapped
/// out and its files deleted), unless `--force`.
pub fn check_output_dir(out: &Path, inputs: &[PathBuf], report: ReportDir<'_>) -> Result<()> {
    let here = std::env::current_dir().ok().and_then(|d| d.canonicalize().ok());
    let holds_here = out.canonicalize().ok().zip(here).is_some_and(|(out, here)| here.starts_with(out));
    if out.file_name().is_none() || holds_here {
        return Err(Error::Usage(format!(
            "--out {} is the working directory or one that holds it: a report is a folder of its own, written beside its target and swapped in whole, so it cannot replace the folder you work in; give a new folder, e.g. --out reports/mycase",
            out.display()
        )));
    }
    if let Ok(meta) = std::fs::metadata(out) {
        if !meta.is_dir() {
            return Err(Error::Usage(format!(
                "--out {} is an existing file, not a directory: refusing to replace it by a report directory",
                out.display()
            )));
        }
        let entries = std::fs::read_dir(out).map(|d| d.count()).unwrap_or(0);
        let is_report = report.markers.iter().any(|m| out.join(m).is_file());
        if entries > 0 && !is_report && !report.force {
            return Err(Error::Usage(format!(
                "{} is an existing directory that is not a report (it holds {entries} entries and none of {}): refusing to replace it, which would delete them; choose another directory, or pass --force to replace it",
                out.display(),
                report.markers.join(", ")
            )));
        }
    }
    let Ok(dir) = out.canonicalize() else { return Ok(()) };
    for input in inputs {
        if input.canonicalize().is_ok_and(|i| i.starts_with(&dir)) {
            return Err(Error::Usage(format!(
                "--out {} holds the input {}: refusing to replace a directory of inputs (inputs are never modified)",
                out.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

/// Checks that an input path is a regular file (or a symlink to one) before it is
/// opened: opening a FIFO blocks until a writer appears, and a device never ends.
pub(crate) fn check_regular_file(path: &Path) -> Result<()> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::io(&shown, e))?;
    if meta.is_file() {
        Ok(())
    } else if meta.is_dir() {
        Err(Error::file(shown, "is a directory: expected a file"))
    } else {
        Err(Error::file(shown, "not a regular file (a FIFO, socket or device): expected a data file"))
    }
}

/// The case an analysis file stands for: its folder's name for a file called
/// `analysis.toml` (resolved, so that `analysis.toml` and `./analysis.toml` name the folder
/// they sit in), else the file's stem; None when neither has a name.
pub fn case_name(analysis: &Path) -> Option<String> {
    if analysis.file_name().is_some_and(|n| n == "analysis.toml") {
        let parent = analysis.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let named = parent.file_name().map(|n| n.to_os_string());
        let resolved = || std::fs::canonicalize(parent).ok().and_then(|p| p.file_name().map(|n| n.to_os_string()));
        return named.or_else(resolved).and_then(|n| n.to_str().map(str::to_string));
    }
    analysis.file_stem().and_then(|n| n.to_str()).map(str::to_string)
}
