//! A batch of analyses in one report directory: one complete report per analysis in the
//! folder named after its file (`mongolia.toml` → `mongolia/`), and the comparison
//! (`index.md`, `index.html`, `comparison.csv`, two charts). The directory is written and
//! swapped in as a whole, like a single report (`dirwriter`). An analysis that cannot be
//! read is listed as failed and the others still complete.
use std::path::{Path, PathBuf};

use super::comparison::{self, Failure};
use super::dirwriter::{Folder, StagingDir};
use super::{blocks, content, dirwriter, index, Hooks};
use crate::error::{Error, Result};
use crate::plot::comparison::{LateChart, SeriesChart};
use crate::theses::summary::SubjectSummary;
use crate::theses::Loaded;

/// One analysis of the batch: its name (the file stem) and its path.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The file stem, which names the analysis's folder in the batch.
    pub name: String,
    /// The analysis file.
    pub path: PathBuf,
}

/// What a batch run produced: every file (relative, "/"-separated) and the failures.
#[derive(Debug)]
pub struct Outcome {
    /// Every file written, relative to the batch directory and "/"-separated.
    pub files: Vec<String>,
    /// The analyses that could not be run, with why.
    pub failures: Vec<Failure>,
    /// How many reports were written.
    pub reports: usize,
    /// Each report's answer in one line (`theses::render::one_line`).
    pub summaries: Vec<String>,
}

/// The files of the comparison itself.
pub(crate) const BATCH_FILES: [&str; 7] = [
    "index.md",
    "index.html",
    "comparison.csv",
    "chart_comparison_late.png",
    "chart_comparison_late.svg",
    "chart_comparison_series.png",
    "chart_comparison_series.svg",
];

/// Names the analyses after their files (a file called `analysis.toml` after its folder),
/// sorted by name; two files with one name, or a
/// name that is no plain folder name, are usage errors.
pub fn analyses(paths: &[PathBuf]) -> Result<Vec<Analysis>> {
    if paths.is_empty() {
        return Err(Error::Usage("--batch expects at least one analysis file".into()));
    }
    let mut out: Vec<Analysis> = Vec::new();
    for path in paths {
        let name = crate::paths::case_name(path).unwrap_or_default();
        let plain = !name.is_empty() && !name.starts_with('.') && name.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
        if !plain || BATCH_FILES.contains(&name.as_str()) {
            return Err(Error::Usage(format!(
                "{}: the batch names each report after its analysis file, so expected a file name of letters, digits, '.', '_' or '-' (not one of the batch's own files), found \"{name}\"",
                path.display()
            )));
        }
        if let Some(other) = out.iter().find(|a| a.name == name) {
            return Err(Error::Usage(format!(
                "{} and {} would both be reported as \"{name}\": expected one analysis file per name",
                other.path.display(),
                path.display()
            )));
        }
        out.push(Analysis { name, path: path.clone() });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Writes the batch into `out`, replacing it as a whole once complete.
pub fn write(analyses: &[Analysis], out: &Path, progress: &dyn Fn(&str)) -> Result<Outcome> {
    write_with_hooks(analyses, out, progress, &Hooks::default())
}

/// `write`, calling `hooks` after each file and at each step of the swap.
pub fn write_with_hooks(analyses: &[Analysis], out: &Path, progress: &dyn Fn(&str), hooks: &Hooks) -> Result<Outcome> {
    let staging = StagingDir::new(out)?;
    let outcome = generate(analyses, &staging.folder(), progress, hooks)?;
    staging.commit_with_hooks(hooks)?;
    Ok(outcome)
}

/// Regenerates the batch in a temporary place and compares it with `committed`: the
/// differences and the failures.
pub fn check(analyses: &[Analysis], committed: &Path, progress: &dyn Fn(&str)) -> Result<(Vec<String>, Vec<Failure>)> {
    dirwriter::recover(committed)?;
    let staging = super::check_staging(committed)?;
    let folder = dirwriter::Folder { previous: Some(committed.to_path_buf()), ..staging.folder() };
    let outcome = generate(analyses, &folder, progress, &Hooks::default())?;
    Ok((super::differences(committed, &staging.path, &outcome.files)?, outcome.failures))
}

/// Every report, then the comparison. An analysis that cannot be read is a failure of its
/// own; an error while writing (a full disk, a failure injected by `hooks`) ends the whole batch.
fn generate(analyses: &[Analysis], dir: &Folder, progress: &dyn Fn(&str), hooks: &Hooks) -> Result<Outcome> {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    let mut rows = Vec::new();
    let mut summaries = Vec::new();
    for a in analyses {
        let step = |s: &str| progress(&format!("{}: {s}", a.name));
        step("loading data");
        let loaded = match Loaded::read(&a.path) {
            Ok(loaded) => loaded,
            Err(e) => {
                failures.push(Failure { name: a.name.clone(), path: a.path.display().to_string(), message: e.to_string() });
                continue;
            }
        };
        let generated = content::generate_loaded(&loaded, &dir.sub(&a.name)?, &step, hooks)?;
        summaries.push(crate::theses::render::one_line(&generated.result));
        rows.push(SubjectSummary::of(&a.name, &generated.result, loaded.file.thresholds.focal_share_max));
        files.extend(generated.files.iter().map(|f| format!("{}/{f}", a.name)));
    }
    progress("comparison");
    files.extend(write_comparison(dir, &rows, &failures, hooks)?);
    files.sort();
    Ok(Outcome { files, failures, reports: rows.len(), summaries })
}

/// comparison.csv, the two charts (PNG and SVG), index.md and index.html.
fn write_comparison(dir: &Folder, rows: &[SubjectSummary], failures: &[Failure], hooks: &Hooks) -> Result<Vec<String>> {
    let mut files = Vec::new();
    let mut wrote = |name: &str| -> Result<()> {
        files.push(name.to_string());
        hooks.wrote(name)
    };
    dir.write("comparison.csv", &comparison::csv(rows, failures))?;
    wrote("comparison.csv")?;
    let caption = index::caption(rows);
    for ext in ["png", "svg"] {
        let late = format!("chart_comparison_late.{ext}");
        dir.draw(&LateChart { rows, caption: caption.clone() }, &late)?;
        wrote(&late)?;
        let series = format!("chart_comparison_series.{ext}");
        dir.draw(&SeriesChart { rows, caption: caption.clone() }, &series)?;
        wrote(&series)?;
    }
    let page = index::blocks(rows, failures);
    dir.write("index.md", blocks::markdown(&page).as_bytes())?;
    wrote("index.md")?;
    let html = blocks::html(&index::title(rows), &page, &|name| std::fs::read(dir.file(name)).ok());
    dir.write("index.html", html.as_bytes())?;
    wrote("index.html")?;
    Ok(files)
}
