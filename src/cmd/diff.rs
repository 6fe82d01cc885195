//! `multivector diff`: what changes between two versions of a dataset.
use std::io::Write;
use std::path::{Path, PathBuf};

use multivector::data::{load, LoadOptions};
use multivector::diff::{diff, DataDiff};
use multivector::format::{share_percent, trimmed};
use std::collections::BTreeMap;

use multivector::theses::status::Criterion;
use multivector::theses::{coverage_check, criteria::evaluate, main_specification, Loaded};
use multivector::{Error, Result};

use super::common::{with_output, STDOUT};
use crate::cli::SummaryFormat;

/// What a reader compares for one scope (a channel, or "overall") of the main
/// specification: the theses, every claim, the late period and the coverage.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
struct Scope {
    scope: String,
    p_t1: Option<f64>,
    p_t2: Option<f64>,
    /// Claim id → (probability, status).
    claims: BTreeMap<String, (f64, String)>,
    late_period: Option<(i32, i32)>,
    late_focal_share: Option<f64>,
    late_enp: Option<f64>,
    /// First and last year of the channel's periods (its coverage under the main specification).
    coverage: Option<(i32, i32)>,
}

/// The main specification's scopes when the channels in `data` replace the analysis
/// file's rows (other channels stay as the analysis file loads them); a coverage the
/// updated data no longer match is an error naming the fix (`coverage_check`).
fn scopes(analysis: &Path, data: &Path) -> Result<Vec<Scope>> {
    let mut loaded = Loaded::read(analysis)?;
    loaded.dataset.observations = loaded.with_update(analysis, &[data.to_path_buf()], false)?;
    let with = format!("the data with {}", data.display());
    coverage_check::check(analysis, &loaded.file, &loaded.dataset.observations, &with)?;
    let result = evaluate(&loaded.context(), &main_specification(&loaded.file));
    let claims =
        |criteria: &[Criterion]| criteria.iter().map(|k| (k.id.name().to_string(), (k.probability, k.status.name().to_string()))).collect();
    let mut out: Vec<Scope> = result
        .channels
        .iter()
        .map(|c| {
            let late = c.periods.last();
            Scope {
                scope: c.channel.clone(),
                p_t1: c.probabilities.map(|p| p.p_t1),
                p_t2: c.probabilities.map(|p| p.p_t2),
                claims: claims(&c.criteria),
                late_period: late.map(|p| (p.start, p.end)),
                late_focal_share: late.and_then(|p| p.suite.focal_share),
                late_enp: late.and_then(|p| p.suite.enp),
                coverage: c.periods.first().zip(late).map(|(a, b)| (a.start, b.end)),
            }
        })
        .collect();
    let o = &result.overall;
    out.push(Scope {
        scope: "overall".into(),
        p_t1: Some(o.probabilities.p_t1),
        p_t2: Some(o.probabilities.p_t2),
        claims: claims(&o.criteria),
        late_period: None,
        late_focal_share: None,
        late_enp: None,
        coverage: None,
    });
    Ok(out)
}

/// A number as people read it: at most 6 decimals, no float noise ("49.4", not 49.400000000000006).
fn shown(x: Option<f64>) -> String {
    x.map_or("-".to_string(), |v| {
        let text = trimmed(v, 6);
        if text == "-0" {
            "0".into()
        } else {
            text
        }
    })
}

/// The claims whose probability or status differs between `old` and `new`, as JSON.
fn changed_claims(old: &Scope, new: &Scope) -> Vec<serde_json::Value> {
    let ids: std::collections::BTreeSet<&String> = old.claims.keys().chain(new.claims.keys()).collect();
    ids.into_iter()
        .filter(|id| old.claims.get(*id) != new.claims.get(*id))
        .map(|id| {
            let (a, b) = (old.claims.get(id), new.claims.get(id));
            serde_json::json!({
                "claim": id,
                "old": a.map(|x| x.0), "new": b.map(|x| x.0),
                "old_status": a.map(|x| &x.1), "new_status": b.map(|x| &x.1),
                "change": a.zip(b).map(|(x, y)| y.0 - x.0),
            })
        })
        .collect()
}

pub fn run(old: &Path, new: &Path, analysis: Option<&Path>, focal: &str, format: SummaryFormat) -> Result<()> {
    let options = LoadOptions::default();
    let (a, b) = (load(&[PathBuf::from(old)], &options)?, load(&[PathBuf::from(new)], &options)?);
    let focal = b.registry.canonical(focal).unwrap_or(focal).to_string();
    let changes = diff(&a.observations, &b.observations, &focal);
    let verdict_change = match analysis {
        Some(path) => Some((scopes(path, old)?, scopes(path, new)?)),
        None => None,
    };
    with_output(None, |w| print(w, format, &changes, &focal, verdict_change.as_ref()).map_err(|e| Error::io(STDOUT, e)))
}

type VerdictChange = (Vec<Scope>, Vec<Scope>);

fn print(
    w: &mut dyn Write,
    format: SummaryFormat,
    changes: &DataDiff,
    focal: &str,
    verdict_change: Option<&VerdictChange>,
) -> std::io::Result<()> {
    match format {
        SummaryFormat::Json => {
            let theses = verdict_change.map(|(o, n)| {
                o.iter()
                    .zip(n)
                    .map(|(x, y)| serde_json::json!({"scope": x.scope, "old": x, "new": y, "changed_claims": changed_claims(x, y)}))
                    .collect::<Vec<_>>()
            });
            let json = serde_json::json!({"rows": changes.rows, "indices": changes.indices, "theses": theses});
            writeln!(w, "{}", serde_json::to_string_pretty(&json).map_err(std::io::Error::other)?)?;
        }
        SummaryFormat::Text => {
            let count = |k: &str| changes.rows.iter().filter(|r| r.kind == k).count();
            writeln!(w, "rows: {} added, {} removed, {} revised", count("added"), count("removed"), count("revised"))?;
            let num = shown;
            for r in &changes.rows {
                let years = if r.year_start == r.year_end { r.year_start.to_string() } else { format!("{}-{}", r.year_start, r.year_end) };
                writeln!(w, "  {:<8} {} / {} / {} / {}: {} -> {}", r.kind, r.subject, r.channel, r.partner, years, num(r.old), num(r.new))?;
            }
            writeln!(w, "indices that change (annual, {} as focal partner): {}", focal, changes.indices.len())?;
            for c in &changes.indices {
                writeln!(w, "  {} / {} / {} {:<12} {} -> {}", c.subject, c.channel, c.year, c.metric, num(c.old), num(c.new))?;
            }
            if let Some((o, n)) = verdict_change {
                print_scopes(w, o, n)?;
            }
        }
    }
    Ok(())
}

/// The text lines of the theses' comparison: per scope the theses, coverage and late
/// period, then every claim whose probability or status moved.
fn print_scopes(w: &mut dyn Write, old: &[Scope], new: &[Scope]) -> std::io::Result<()> {
    let pct = |x: Option<f64>| x.map_or("-".to_string(), |v| share_percent(v, 1));
    let years = |x: Option<(i32, i32)>| x.map_or("-".to_string(), |(a, b)| format!("{a}-{b}"));
    writeln!(w, "theses (main specification of the analysis file):")?;
    for (x, y) in old.iter().zip(new) {
        let flag = if x != y { "   (changed)" } else { "" };
        writeln!(w, "  {:<10} P(T1) {} -> {}, P(T2) {} -> {}{flag}", x.scope, pct(x.p_t1), pct(y.p_t1), pct(x.p_t2), pct(y.p_t2))?;
        if x.scope != "overall" {
            writeln!(
                w,
                "             coverage {} -> {}; late period {} -> {}: focal share {} -> {}, ENP {} -> {}",
                years(x.coverage),
                years(y.coverage),
                years(x.late_period),
                years(y.late_period),
                shown(x.late_focal_share),
                shown(y.late_focal_share),
                shown(x.late_enp),
                shown(y.late_enp)
            )?;
        }
        for c in changed_claims(x, y) {
            let p = |k: &str| c[k].as_f64().map_or("-".to_string(), |v| share_percent(v, 1));
            let status = |k: &str| c[k].as_str().unwrap_or("-").to_string();
            writeln!(
                w,
                "             {}: {} ({}) -> {} ({})",
                c["claim"].as_str().unwrap_or("?"),
                p("old"),
                status("old_status"),
                p("new"),
                status("new_status")
            )?;
        }
    }
    Ok(())
}
