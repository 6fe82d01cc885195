//! `multivector import`: SIPRI register, SIPRI TIV matrices and MME files to observations.
use std::path::{Path, PathBuf};

use multivector::import::{self, ImportRow};
use multivector::paths::check_output_file;
use multivector::{Error, Result};

use super::common::{note, with_output};
use crate::cli::ImportKind;

pub fn run(kind: ImportKind, files: &[PathBuf], out: &Path, recipient: Option<&str>, subject: Option<&str>) -> Result<()> {
    check_output_file(out, files)?;
    let text = |p: &PathBuf| p.display().to_string();
    let rows: Vec<ImportRow> = match kind {
        ImportKind::SipriRegister | ImportKind::Mme if files.len() != 1 => {
            return Err(Error::Usage("this importer reads exactly one file".into()));
        }
        ImportKind::SipriRegister => import::sipri_register::import(&text(&files[0]), recipient)?,
        ImportKind::Mme => import::mme::import(&text(&files[0]), subject)?,
        ImportKind::SipriTiv => {
            let mut all = Vec::new();
            for f in files {
                all.extend(import::sipri_tiv::import(&text(f))?);
            }
            all
        }
    };
    with_output(Some(out), |w| import::write_csv(&rows, w))?;
    note(format!("imported {} rows into {}", rows.len(), out.display()));
    Ok(())
}
