//! `multivector diff`: what changes between two versions of a dataset.
use std::io::Write;
use std::path::{Path, PathBuf};

use multivector::data::{load, LoadOptions};
use multivector::diff::{diff, DataDiff};
use multivector::theses::{criteria::evaluate, main_specification, Loaded};
use multivector::{Error, Result};

use super::common::{with_output, STDOUT};
use crate::cli::SummaryFormat;

/// P(T1) and P(T2) of the analysis file's main specification when the channels in
/// `data` are replaced by `data`'s rows (other channels stay as the analysis file loads them).
fn verdicts(analysis: &Path, data: &Path) -> Result<Vec<(String, String)>> {
    let mut loaded = Loaded::read(analysis)?;
    loaded.dataset.observations = loaded.with_update(analysis, &[data.to_path_buf()], false)?;
    let result = evaluate(&loaded.context(), &main_specification(&loaded.file));
    let words = |p: Option<multivector::theses::probability::ThesisProbabilities>| {
        p.map_or("no two periods".to_string(), |p| format!("P(T1) {:.3}, P(T2) {:.3}", p.p_t1, p.p_t2))
    };
    let mut out: Vec<(String, String)> = result.channels.iter().map(|c| (c.channel.clone(), words(c.probabilities))).collect();
    out.push(("overall".into(), words(Some(result.overall.probabilities))));
    Ok(out)
}

pub fn run(old: &Path, new: &Path, analysis: Option<&Path>, focal: &str, format: SummaryFormat) -> Result<()> {
    let options = LoadOptions::default();
    let (a, b) = (load(&[PathBuf::from(old)], &options)?, load(&[PathBuf::from(new)], &options)?);
    let focal = b.registry.canonical(focal).unwrap_or(focal).to_string();
    let changes = diff(&a.observations, &b.observations, &focal);
    let verdict_change = match analysis {
        Some(path) => Some((verdicts(path, old)?, verdicts(path, new)?)),
        None => None,
    };
    with_output(None, |w| print(w, format, &changes, &focal, verdict_change.as_ref()).map_err(|e| Error::io(STDOUT, e)))
}

type VerdictChange = (Vec<(String, String)>, Vec<(String, String)>);

fn print(
    w: &mut dyn Write,
    format: SummaryFormat,
    changes: &DataDiff,
    focal: &str,
    verdict_change: Option<&VerdictChange>,
) -> std::io::Result<()> {
    match format {
        SummaryFormat::Json => {
            let json = serde_json::json!({"rows": changes.rows, "indices": changes.indices, "theses": verdict_change.map(|(o, n)| {
                o.iter().zip(n).map(|((c, x), (_, y))| serde_json::json!({"scope": c, "old": x, "new": y})).collect::<Vec<_>>()
            })});
            writeln!(w, "{}", serde_json::to_string_pretty(&json).map_err(std::io::Error::other)?)?;
        }
        SummaryFormat::Text => {
            let count = |k: &str| changes.rows.iter().filter(|r| r.kind == k).count();
            writeln!(w, "rows: {} added, {} removed, {} revised", count("added"), count("removed"), count("revised"))?;
            let num = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v}"));
            for r in &changes.rows {
                let years = if r.year_start == r.year_end { r.year_start.to_string() } else { format!("{}-{}", r.year_start, r.year_end) };
                writeln!(w, "  {:<8} {} / {} / {} / {}: {} -> {}", r.kind, r.subject, r.channel, r.partner, years, num(r.old), num(r.new))?;
            }
            writeln!(w, "indices that change (annual, {} as focal partner): {}", focal, changes.indices.len())?;
            for c in &changes.indices {
                writeln!(w, "  {} / {} / {} {:<12} {} -> {}", c.subject, c.channel, c.year, c.metric, num(c.old), num(c.new))?;
            }
            if let Some((o, n)) = verdict_change {
                writeln!(w, "theses (main specification of the analysis file):")?;
                for ((scope, x), (_, y)) in o.iter().zip(n) {
                    writeln!(w, "  {scope:<10} {x} -> {y}{}", if x != y { "   (changed)" } else { "" })?;
                }
            }
        }
    }
    Ok(())
}
