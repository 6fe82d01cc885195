//! The one-command report: Markdown, self-contained HTML, summary JSON, CSV tables and
//! charts, written atomically; `check` regenerates and compares with a committed report.
/// Several analyses in one report directory, with their comparison.
pub mod batch;
pub(crate) mod blocks;
pub(crate) mod calibration_cache;
pub(crate) mod calibration_charts;
/// The comparison table of a batch and its failed analyses.
pub mod comparison;
pub(crate) mod content;
/// Report directories written beside their target and swapped in whole.
pub mod dirwriter;
pub(crate) mod evidence;
pub(crate) mod explorer;
pub(crate) mod index;
pub(crate) mod index_explorer;
pub(crate) mod prose;
pub(crate) mod sections;
pub(crate) mod tables;
pub(crate) mod texts;

use std::path::Path;

use crate::error::{Error, Result};
use dirwriter::StagingDir;

/// A hook run after a report file is written (see `Hooks::after_file`).
pub type AfterFile<'a> = &'a dyn Fn(&str) -> Result<()>;

/// Seams for tests of atomicity and crash safety: callbacks that report writing calls
/// at fixed points. `write` and `batch::write` pass none (`Hooks::default()`); tests
/// call `write_with_hooks` and `batch::write_with_hooks`.
#[derive(Clone, Copy, Default)]
pub struct Hooks<'a> {
    /// Called after each report file is written, with its name in its folder
    /// (`report.md`, also for each report of a batch); an error it returns ends the run
    /// as a failed write would.
    pub after_file: Option<AfterFile<'a>>,
    /// Called at each step of the swap into the target, `staged`, `new`, `old` and
    /// `swapped` (see `dirwriter`), e.g. to end the process there as if killed.
    pub at_swap_step: Option<&'a dyn Fn(&str)>,
}

impl Hooks<'_> {
    /// Runs `after_file` for file `name`, if set.
    pub(crate) fn wrote(&self, name: &str) -> Result<()> {
        self.after_file.map_or(Ok(()), |hook| hook(name))
    }

    /// Runs `at_swap_step` for `step`, if set.
    pub(crate) fn swap_step(&self, step: &str) {
        if let Some(hook) = self.at_swap_step {
            hook(step);
        }
    }
}

/// What a report run wrote: its files and its answer in one line.
#[derive(Debug, Clone)]
pub struct Written {
    /// The files written, relative to the report directory and "/"-separated.
    pub files: Vec<String>,
    /// The answer in one line (`theses::render::one_line`).
    pub summary: String,
}

/// Writes the report for `analysis` into `out` (replacing it only when complete).
pub fn write(analysis: &Path, out: &Path, progress: &dyn Fn(&str)) -> Result<Written> {
    write_with_hooks(analysis, out, progress, &Hooks::default())
}

/// `write`, calling `hooks` after each file and at each step of the swap.
pub fn write_with_hooks(analysis: &Path, out: &Path, progress: &dyn Fn(&str), hooks: &Hooks) -> Result<Written> {
    let staging = StagingDir::new(out)?;
    let generated = content::generate(analysis, &staging.folder(), progress, hooks)?;
    staging.commit_with_hooks(hooks)?;
    Ok(Written { summary: crate::theses::render::one_line(&generated.result), files: generated.files })
}

/// Regenerates the report in a temporary place and compares it with `committed`.
/// Returns the differences (empty when identical).
pub fn check(analysis: &Path, committed: &Path, progress: &dyn Fn(&str)) -> Result<Vec<String>> {
    // A swap that a killed run left unfinished is completed first (see `dirwriter`).
    dirwriter::recover(committed)?;
    let staging = check_staging(committed)?;
    let folder = dirwriter::Folder { previous: Some(committed.to_path_buf()), ..staging.folder() };
    let generated = content::generate(analysis, &folder, progress, &Hooks::default())?;
    differences(committed, &staging.path, &generated.files)
}

/// A staging directory beside `committed` for a regeneration that is compared, never committed.
pub(crate) fn check_staging(committed: &Path) -> Result<StagingDir> {
    let name = committed.file_name().and_then(|n| n.to_str()).unwrap_or("report");
    StagingDir::new(&committed.with_file_name(format!("{name}-check")))
}

/// The files of `committed` that differ from the fresh ones in `fresh` (`files`: their
/// paths relative to `fresh`, "/"-separated), and files only on one side.
pub(crate) fn differences(committed: &Path, fresh: &Path, files: &[String]) -> Result<Vec<String>> {
    if !committed.is_dir() {
        return Ok(vec![format!("{}: no committed report (run `multivector report` first)", committed.display())]);
    }
    let mut differences = Vec::new();
    for name in listed(committed, "") {
        if !files.contains(&name) {
            differences.push(format!("{name}: in the committed report but no longer generated"));
        }
    }
    for name in files {
        let new = std::fs::read(fresh.join(name)).map_err(|e| Error::io(name.clone(), e))?;
        match std::fs::read(committed.join(name)) {
            Err(_) => differences.push(format!("{name}: new file, not in the committed report")),
            Ok(old) if old != new => differences.push(describe(name, &old, &new)),
            Ok(_) => {}
        }
    }
    Ok(differences)
}

/// Every file under `dir`, as sorted paths relative to it ("sub/file"), `prefix` first.
fn listed(dir: &Path, prefix: &str) -> Vec<String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let Ok(name) = entry.file_name().into_string() else { continue };
        let path = format!("{prefix}{name}");
        if entry.path().is_dir() {
            names.extend(listed(&entry.path(), &format!("{path}/")));
        } else {
            names.push(path);
        }
    }
    names.sort();
    names
}

/// Which lines of a text file changed (the first few), or that a binary file differs.
fn describe(name: &str, old: &[u8], new: &[u8]) -> String {
    let text = [".csv", ".md", ".json"].iter().any(|e| name.ends_with(e));
    if !text {
        return format!("{name}: differs ({} -> {} bytes)", old.len(), new.len());
    }
    let (old, new) = (String::from_utf8_lossy(old), String::from_utf8_lossy(new));
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let mut out = format!("{name}: differs");
    let mut shown = 0;
    for k in 0..a.len().max(b.len()) {
        let (x, y) = (a.get(k).copied().unwrap_or(""), b.get(k).copied().unwrap_or(""));
        if x != y {
            out.push_str(&format!("\n    line {}: - {}\n    line {}: + {}", k + 1, clip(x), k + 1, clip(y)));
            shown += 1;
            if shown == 5 {
                out.push_str("\n    …");
                break;
            }
        }
    }
    out
}

fn clip(s: &str) -> String {
    if s.chars().count() > 160 {
        format!("{}…", s.chars().take(160).collect::<String>())
    } else {
        s.to_string()
    }
}
