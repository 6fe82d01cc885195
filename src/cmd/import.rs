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
            all
        }
    };
    with_output(Some(out), |w| import::write_csv(&rows, w))?;
    note(format!("imported {} rows into {}", rows.len(), out.display()));
    Ok(())
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
