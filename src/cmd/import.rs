//! `multivector import`: SIPRI register, SIPRI TIV matrices and MME files to observations.
use std::path::{Path, PathBuf};

use multivector::import::register_merge::{self, MergeOptions};
use multivector::import::{self, ImportRow};
use multivector::paths::check_output_file;
use multivector::{Error, Result};

use super::common::{note, with_output};
use crate::cli::ImportKind;

/// The importer options besides the files.
pub struct Options {
    pub recipient: Option<String>,
    pub years: Option<String>,
    pub subject: Vec<String>,
}

pub fn run(kind: ImportKind, files: &[PathBuf], out: &Path, options: &Options) -> Result<()> {
    check_output_file(out, files)?;
    let text: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    if options.years.is_some() && kind != ImportKind::SipriRegister {
        return Err(Error::Usage("--years applies to sipri-register only".into()));
    }
    if options.recipient.is_some() && kind == ImportKind::Mme {
        return Err(Error::Usage("--recipient applies to sipri-register and sipri-tiv; the mme importer takes --subject".into()));
    }
    if !options.subject.is_empty() && kind != ImportKind::Mme {
        return Err(Error::Usage("--subject applies to mme only; the SIPRI importers take --recipient".into()));
    }
    let rows: Vec<ImportRow> = match kind {
        ImportKind::Mme if files.len() != 1 => {
            return Err(Error::Usage("the mme importer reads exactly one file".into()));
        }
        ImportKind::SipriRegister => {
            let years = options.years.as_deref().map(year_range).transpose()?;
            register_merge::import(&text, MergeOptions { recipient: options.recipient.as_deref(), years })?
        }
        ImportKind::Mme => import::mme::import(&text[0], &options.subject)?,
        ImportKind::SipriTiv => {
            let mut all = Vec::new();
            for f in &text {
                all.extend(import::sipri_tiv::import(f)?);
            }
            match options.recipient.as_deref() {
                Some(recipient) => only_recipient(all, recipient, &text)?,
                None => all,
            }
        }
    };
    with_output(Some(out), |w| import::write_csv(&rows, w))?;
    note(format!("imported {} rows into {}", rows.len(), out.display()));
    note(coverage_hint(&rows, options.years.is_some()));
    Ok(())
}

/// What an analysis file must declare for these rows: per channel and source, the years
/// of its rows, and that a systematic span names the source as `data_source` (an analysis
/// whose spans name another release stops until it does).
fn coverage_hint(rows: &[ImportRow], zeros_written: bool) -> String {
    let mut spans: std::collections::BTreeMap<(&str, &str), (i32, i32)> = Default::default();
    for r in rows {
        let e = spans.entry((r.channel.as_str(), r.source.as_str())).or_insert((r.year, r.year));
        *e = (e.0.min(r.year), e.1.max(r.year));
    }
    let listed: Vec<String> = spans.iter().map(|((c, s), (a, b))| format!("{c}: data_source = \"{s}\", rows {a}-{b}")).collect();
    let zeros = if zeros_written {
        "years of --years without a delivery are written as structural zeros"
    } else {
        "only years with a delivery or exercise have rows (give --years for the years the export covers to write zeros)"
    };
    format!(
        "coverage: {}; {zeros}. Declare each as a systematic [[coverage.CHANNEL]] span with that data_source and the years the source covers, beside or instead of the spans of the data it replaces",
        listed.join("; ")
    )
}

/// The rows of `recipient` (the matrices' row names), or a usage error naming the closest recipients.
fn only_recipient(rows: Vec<ImportRow>, recipient: &str, files: &[String]) -> Result<Vec<ImportRow>> {
    let mut known: Vec<&str> = rows.iter().map(|r| r.subject.as_str()).collect();
    known.sort_unstable();
    known.dedup();
    if !known.contains(&recipient) {
        let hint = multivector::suggest::hint(recipient, &known);
        return Err(Error::Usage(format!("--recipient \"{recipient}\" is no recipient row of {}{hint}", files.join(", "))));
    }
    Ok(rows.into_iter().filter(|r| r.subject == recipient).collect())
}

/// "2000-2023" → (2000, 2023): two years in 1800-2200, the first not after the second.
fn year_range(text: &str) -> Result<(i32, i32)> {
    let (lo, hi) = multivector::data::schema::YEAR_RANGE;
    let bad = || Error::Usage(format!("--years expects FIRST-LAST with years in {lo}-{hi} (e.g. 2000-2023), found \"{text}\""));
    let (a, b) = text.split_once('-').ok_or_else(bad)?;
    let (a, b) = (a.trim().parse::<i32>().map_err(|_| bad())?, b.trim().parse::<i32>().map_err(|_| bad())?);
    if a > b || a < lo || b > hi {
        return Err(bad());
    }
    Ok((a, b))
}
