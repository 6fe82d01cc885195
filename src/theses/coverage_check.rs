//! Does the declared coverage still describe the data? A systematic span that names its
//! `data_source` must find rows carrying that source, and those rows must lie within the
//! spans that name it; otherwise a data update (another release, other years) would turn
//! declared years into zeros, or leave rows outside the coverage, without a word.
use std::collections::{BTreeMap, BTreeSet};

use std::path::Path;

use super::spec::{key_error, AnalysisFile, CoverageKind};
use crate::data::Observations;
use crate::error::{Error, Result};

/// `problem` as a located error of the analysis file at `analysis_path` (its key's line).
pub fn check(analysis_path: &Path, file: &AnalysisFile, obs: &Observations, data: &str) -> Result<()> {
    let Some((key, message)) = problem(file, obs, data) else { return Ok(()) };
    let shown = analysis_path.display().to_string();
    let text = std::fs::read_to_string(analysis_path).map_err(|e| Error::io(&shown, e))?;
    Err(key_error(&shown, &text, &key, message))
}

/// The first year of the horizons of `file` and the last of any of them.
fn horizon(file: &AnalysisFile) -> (i32, i32) {
    (file.data.first_year, file.multiverse.last_years.iter().copied().fold(file.data.last_year, i32::max))
}

/// Per channel of `file`'s coverage, each `source` of the subject's rows within the
/// horizon with the first and last year of its rows and their number.
fn row_sources<'o>(file: &AnalysisFile, obs: &'o Observations, channel: &str) -> BTreeMap<&'o str, (i32, i32, usize)> {
    let (from, to) = horizon(file);
    let mut sources: BTreeMap<&str, (i32, i32, usize)> = BTreeMap::new();
    for i in (0..obs.len()).filter(|&i| obs.text(obs.subject[i]) == file.data.subject && obs.text(obs.channel[i]) == channel) {
        let r = obs.row(i);
        if r.year_end < from || r.year_start > to {
            continue;
        }
        let e = sources.entry(r.source.unwrap_or("(no source)")).or_insert((r.year_start, r.year_end, 0));
        *e = (e.0.min(r.year_start), e.1.max(r.year_end), e.2 + 1);
    }
    sources
}

/// The (channel, data_source) pairs of `file`'s systematic spans that `obs` carries:
/// the spans that count for these data.
pub fn carried(file: &AnalysisFile, obs: &Observations) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (channel, spans) in &file.coverage {
        let sources = row_sources(file, obs, channel);
        for key in spans.iter().filter_map(|s| s.data_source.as_deref()).filter(|k| sources.contains_key(k)) {
            out.insert((channel.clone(), key.to_string()));
        }
    }
    out
}

/// The first problem of `obs` (the data of `data`: "the data" or "vintage NAME") against
/// the file's coverage: (key, message naming the fix); None when every span holds. A
/// channel whose systematic spans name data sources needs rows carrying one of them (the
/// spans of sources its rows do not carry do not count: an older release's span stays
/// declared for the data that still carry it), and the rows of each carried source must
/// lie within that source's spans. Rows outside every horizon of the file never enter the
/// analysis and are not checked.
pub fn problem(file: &AnalysisFile, obs: &Observations, data: &str) -> Option<(String, String)> {
    let (subject, (from, to)) = (file.data.subject.as_str(), horizon(file));
    for (channel, spans) in &file.coverage {
        let keyed: Vec<&str> =
            spans.iter().filter(|s| s.kind == CoverageKind::Systematic).filter_map(|s| s.data_source.as_deref()).collect();
        if keyed.is_empty() {
            continue;
        }
        let sources = row_sources(file, obs, channel);
        let key_name = format!("coverage.{channel}");
        let listed = sources.iter().map(|(s, (a, b, n))| format!("\"{s}\" {a}-{b} ({n} rows)")).collect::<Vec<_>>().join(", ");
        if !keyed.iter().any(|k| sources.contains_key(k)) {
            return Some((
                key_name,
                format!(
                    "the systematic spans name data_source {}, but no {channel} row of \"{subject}\" in {data} carries one; its rows come from: {listed}. After a data update, declare the new release as a span of its own: data_source = the rows' source, first and last = the years the release covers (the import prints them), source = its name; or restore the data the spans describe",
                    keyed.iter().map(|k| format!("\"{k}\"")).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
        for (&key, &(first, last, _)) in sources.iter().filter(|(k, _)| keyed.contains(k)) {
            let covered = |y: i32| spans.iter().any(|s| s.data_source.as_deref() == Some(key) && s.first <= y && y <= s.last);
            if let Some(outside) = (first.max(from)..=last.min(to)).find(|&y| !covered(y) && has_row(obs, subject, channel, key, y)) {
                return Some((
                    key_name,
                    format!(
                        "{channel} rows from \"{key}\" in {data} reach {first}-{last} within the horizon, but the spans naming that source do not cover {outside}; widen first or last to the years the release covers, or import only the declared years"
                    ),
                ));
            }
        }
    }
    None
}

/// Whether a row of `subject`'s `channel` from `source` touches year `y`.
fn has_row(obs: &Observations, subject: &str, channel: &str, source: &str, y: i32) -> bool {
    (0..obs.len()).any(|i| {
        let r = obs.row(i);
        r.subject == subject && r.channel == channel && r.source == Some(source) && r.year_start <= y && y <= r.year_end
    })
}
