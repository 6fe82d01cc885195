//! Loading a dataset: expand directories, read each file by its format, canonicalise partners, check units.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::csv_source::read_csv;
use super::frame_source::read_parquet;
use super::frameworks::Frameworks;
use super::issue::{Issue, IssueLog};
use super::jsonl_source::read_json_lines;
use super::observations::{Observations, NONE};
use super::registry::Registry;
use super::schema::Column;
use crate::error::{Error, Result};

/// The registry file name recognised inside a dataset directory.
pub const PARTNERS_FILE: &str = "partners.csv";
/// The framework table file name recognised inside a dataset directory.
pub const FRAMEWORKS_FILE: &str = "frameworks.csv";

/// How to load.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Stop collecting issues per file after this many.
    pub max_errors: usize,
    /// Unknown partner names are errors instead of warnings.
    pub strict: bool,
    /// An explicit registry file; otherwise `partners.csv` in a given directory, else the bundled one.
    pub partners: Option<PathBuf>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { max_errors: 50, strict: false, partners: None }
    }
}

/// A loaded, validated dataset.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Every row of every data file, validated, partner names canonicalised.
    pub observations: Observations,
    /// The partner registry used.
    pub registry: Registry,
    /// Where the registry came from ("bundled" or a path).
    pub registry_source: String,
    /// The framework table (empty when there is none).
    pub frameworks: Frameworks,
    /// Partner names not in the registry, with their row counts (they pass through unchanged).
    pub unknown_partners: BTreeMap<String, usize>,
    /// (file, column) pairs that are not part of the schema and were ignored.
    pub unknown_columns: Vec<(String, String)>,
}

/// The file format, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Csv,
    Parquet,
    JsonLines,
}

impl Format {
    /// The format of `path` by its extension (case ignored); `None` for any other.
    pub fn of(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "parquet" | "pq" => Some(Format::Parquet),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

/// The data files a list of paths stands for: files as given, directories expanded
/// to their data files (sorted by name, registry and framework files excluded; hidden
/// entries, whose names start with '.', such as a killed writer's temp files, skipped).
/// Also returns the first directory's registry and framework files, if any. A data entry
/// of a directory that is no regular file (a dangling symlink, a loop, a FIFO named
/// `*.csv`) is an error naming it, and so is a file reached twice (listed twice, a
/// directory and one of its files, or through a symlink).
pub(crate) fn expand_paths(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Option<PathBuf>, Option<PathBuf>)> {
    let mut files = Vec::new();
    let mut partners = None;
    let mut frameworks = None;
    for path in paths {
        let shown = path.display().to_string();
        let meta = std::fs::metadata(path).map_err(|e| Error::io(&shown, e))?;
        if meta.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| Error::io(&shown, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
                .collect();
            entries.sort();
            for entry in entries {
                let name = entry.file_name().and_then(|n| n.to_str()).unwrap_or("");
                let wanted = name == PARTNERS_FILE || name == FRAMEWORKS_FILE || Format::of(&entry).is_some();
                if !wanted || entry.is_dir() {
                    continue;
                }
                crate::paths::check_regular_file(&entry)?;
                if name == PARTNERS_FILE {
                    partners.get_or_insert(entry.clone());
                } else if name == FRAMEWORKS_FILE {
                    frameworks.get_or_insert(entry.clone());
                } else {
                    files.push(entry);
                }
            }
        } else if Format::of(path).is_some() {
            crate::paths::check_regular_file(path)?;
            files.push(path.clone());
        } else {
            return Err(Error::file(shown, "unknown file type: expected .csv, .parquet or .jsonl"));
        }
    }
    if files.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::DataSource {
            path: shown.join(", "),
            message: "no data files found: expected .csv, .parquet or .jsonl files or a directory of them".into(),
        });
    }
    refuse_repeats(&files)?;
    Ok((files, partners, frameworks))
}

/// The identity of a file: device and inode on Unix (so that hard links are one file),
/// the canonical path elsewhere.
fn identity(f: &PathBuf) -> Result<(u64, u64, PathBuf)> {
    let io = |e| Error::io(f.display().to_string(), e);
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(f).map_err(io)?;
        Ok((meta.dev(), meta.ino(), PathBuf::new()))
    }
    #[cfg(not(unix))]
    Ok((0, 0, std::fs::canonicalize(f).map_err(io)?))
}

/// An error when two of `files` are the same file (same device and inode, or canonical
/// path): its rows would count twice.
fn refuse_repeats(files: &[PathBuf]) -> Result<()> {
    let mut seen: BTreeMap<(u64, u64, PathBuf), &PathBuf> = BTreeMap::new();
    for f in files {
        if let Some(first) = seen.insert(identity(f)?, f) {
            return Err(Error::file(
                f.display().to_string(),
                format!("the same file as {} (listed twice, inside a listed directory, through a symlink or a hard link): its rows would count twice; list it once", first.display()),
            ));
        }
    }
    Ok(())
}

/// Every file a load of `paths` would read: the data files, the registry (`partners`
/// if given, else a directory's) and a directory's framework table. For output checks.
pub fn input_files(paths: &[PathBuf], partners: Option<&PathBuf>) -> Result<Vec<PathBuf>> {
    let (mut files, dir_partners, frameworks) = expand_paths(paths)?;
    files.extend(partners.cloned().or(dir_partners));
    files.extend(frameworks);
    Ok(files)
}

/// Reads and validates one data file on its own (no registry, no cross-file checks).
pub fn read_file(path: &Path, max_errors: usize) -> Result<(Observations, Vec<String>)> {
    let shown = path.display().to_string();
    crate::paths::check_regular_file(path)?;
    let mut log = IssueLog::new(max_errors);
    let mut observations = Observations::default();
    let is_large = std::fs::metadata(path).is_ok_and(|m| m.len() >= super::fast_csv::MIN_BYTES);
    if Format::of(path) == Some(Format::Csv) && is_large {
        if let Some(done) = super::fast_csv::try_read(&shown)? {
            return Ok(done);
        }
    }
    let unknown = match Format::of(path) {
        Some(Format::Csv) => read_csv(&shown, &mut observations, &mut log)?,
        Some(Format::Parquet) => read_parquet(&shown, &mut observations, &mut log)?,
        Some(Format::JsonLines) => read_json_lines(&shown, &mut observations, &mut log)?,
        None => return Err(Error::file(shown, "unknown file type: expected .csv, .parquet or .jsonl")),
    };
    if !log.is_empty() {
        return Err(Error::Input(log.into_issues(&shown)));
    }
    Ok((observations, unknown))
}

/// Loads, validates and canonicalises every data file under `paths`.
pub fn load(paths: &[PathBuf], options: &LoadOptions) -> Result<Dataset> {
    let (files, dir_partners, dir_frameworks) = expand_paths(paths)?;
    let (registry, registry_source) = match options.partners.as_ref().or(dir_partners.as_ref()) {
        Some(p) => (Registry::read(&p.display().to_string())?, p.display().to_string()),
        None => (Registry::bundled(), "bundled".to_string()),
    };
    let frameworks = match &dir_frameworks {
        Some(p) => Frameworks::read(&p.display().to_string(), &registry, options.strict)?,
        None => Frameworks::default(),
    };

    let mut observations = Observations::default();
    let mut issues = Vec::new();
    let mut unknown_columns = Vec::new();
    for file in &files {
        match read_file(file, options.max_errors) {
            Ok((obs, unknown)) => {
                if observations.is_empty() && observations.files.is_empty() {
                    observations = obs;
                } else {
                    observations.append(&obs);
                }
                unknown_columns.extend(unknown.into_iter().map(|c| (file.display().to_string(), c)));
            }
            Err(Error::Input(found)) => issues.extend(found),
            Err(other) => return Err(other),
        }
    }
    if !issues.is_empty() {
        return Err(Error::Input(issues));
    }
    check_units(&observations)?;
    let unknown_partners = canonicalise_partners(&mut observations, &registry, (options.strict, options.max_errors))?;
    Ok(Dataset { observations, registry, registry_source, frameworks, unknown_partners, unknown_columns })
}

/// One unit per channel: the first row that names a second unit is an error.
fn check_units(obs: &Observations) -> Result<()> {
    let mut first: BTreeMap<u32, (u32, usize)> = BTreeMap::new();
    let mut issues = Vec::new();
    for i in 0..obs.len() {
        let unit = obs.unit_id(i);
        if unit == NONE {
            continue;
        }
        let channel = obs.channel[i];
        match first.get(&channel) {
            None => {
                first.insert(channel, (unit, i));
            }
            Some(&(u, row)) if u != unit => issues.push(obs.issue_at(
                i,
                Column::Unit,
                format!(
                    "expected one unit per channel: channel \"{}\" already uses \"{}\" ({}), found \"{}\"",
                    obs.strings.text(channel),
                    obs.strings.text(u),
                    obs.location(row),
                    obs.strings.text(unit)
                ),
            )),
            Some(_) => {}
        }
        if issues.len() >= 50 {
            break;
        }
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(issues))
    }
}

/// Replaces partner spellings by canonical names; returns unknown names with counts.
fn canonicalise_partners(
    obs: &mut Observations,
    registry: &Registry,
    (strict, max_errors): (bool, usize),
) -> Result<BTreeMap<String, usize>> {
    let mut unknown_names = Vec::new();
    obs.rename_partners(|name| match registry.canonical(name) {
        Some(c) if c == name => None,
        Some(c) => Some(c.to_string()),
        None => {
            unknown_names.push(name.to_string());
            None
        }
    });
    if unknown_names.is_empty() {
        return Ok(BTreeMap::new());
    }
    // Count rows per partner id (no per-row string work), then name them.
    let mut rows_of = vec![0usize; obs.strings.len()];
    let mut first_row = vec![usize::MAX; obs.strings.len()];
    for (i, &p) in obs.partner.iter().enumerate() {
        rows_of[p as usize] += 1;
        if first_row[p as usize] == usize::MAX {
            first_row[p as usize] = i;
        }
    }
    let mut counts = BTreeMap::new();
    let mut firsts = BTreeMap::new();
    for name in unknown_names {
        if let Some(id) = obs.strings.get(&name) {
            if rows_of[id as usize] > 0 {
                counts.insert(name.clone(), rows_of[id as usize]);
                firsts.insert(name, first_row[id as usize]);
            }
        }
    }
    if strict && !counts.is_empty() {
        let known: Vec<&str> = registry.partners.iter().map(|p| p.name.as_str()).collect();
        let mut issues: Vec<Issue> = firsts
            .iter()
            .take(max_errors.max(1))
            .map(|(name, &i)| {
                let close = crate::suggest::closest(name, known.iter().copied(), 3);
                let hint = if close.is_empty() { String::new() } else { format!("; closest known: {}", close.join(", ")) };
                obs.issue_at(
                    i,
                    Column::Partner,
                    format!(
                        "unknown partner \"{}\" ({} rows): expected a name or alias from the partner registry{hint}",
                        crate::suggest::cell(name),
                        counts[name]
                    ),
                )
            })
            .collect();
        if firsts.len() > issues.len() {
            let more = firsts.len() - issues.len();
            let last = issues.last().cloned();
            if let Some(mut note) = last {
                note.message =
                    format!("… and {more} more unknown partners (limit {max_errors}; `multivector validate --max-errors N` shows more)");
                note.column_index = None;
                note.column = None;
                issues.push(note);
            }
        }
        return Err(Error::Input(issues));
    }
    Ok(counts)
}
