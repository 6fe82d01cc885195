//! The calibration of a report, kept in the report folder (calibration.json) with a hash
//! of everything it depends on: the source of the program that made it, the analysis
//! file as read and the attributed rows the calibration reads. A report reuses
//! the previous report's calibration when the hash matches, and computes it afresh
//! otherwise, so `report --check` and repeated runs do not redo thousands of simulated
//! worlds while any change of code or data does.
use serde::{Deserialize, Serialize};

use super::dirwriter::Folder;
use crate::error::{Error, Result};
use crate::theses::calibrate::Calibration;
use crate::theses::criteria::scoped_rows;
use crate::theses::{main_specification, Loaded};

/// The cache file's name in the report folder.
pub(crate) const FILE: &str = "calibration.json";

/// The hash of the program's source (src/, Cargo.toml, Cargo.lock), from build.rs.
const SOURCE_HASH: &str = env!("MULTIVECTOR_SOURCE_HASH");

/// The file: the inputs' hash and the calibration.
#[derive(Serialize, Deserialize)]
struct Cached {
    key: String,
    calibration: Calibration,
}

/// FNV-1a, 64 bits, continued from `hash` (as in build.rs).
fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= b as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The hash of everything the calibration of `loaded` depends on: the program, the
/// analysis file and the rows the calibration reads (the subject's attributed rows of the
/// thesis channels within the horizon), so that a change of another subject's rows in a
/// shared data file keeps the cache.
pub(crate) fn key(loaded: &Loaded) -> String {
    let mut hash = fnv1a(0xcbf2_9ce4_8422_2325, SOURCE_HASH.as_bytes());
    hash = fnv1a(hash, serde_json::to_string(&loaded.file).unwrap_or_default().as_bytes());
    hash = fnv1a(hash, loaded.focal.as_bytes());
    let rows = scoped_rows(&loaded.context(), &main_specification(&loaded.file));
    // Sorted: the calibration does not depend on the order of the rows, nor does its key.
    // The fields the model reads (attribution keeps a merged row's first source text,
    // which follows the order of the rows and does not enter any number).
    let text = |i: usize| {
        let r = rows.row(i);
        let fields = (r.subject, r.channel, r.partner, r.year_start, r.year_end, r.dating as u8, r.value, r.value_low, r.value_high);
        format!("{fields:?}{:?}{:?}\n", r.event_id, r.series)
    };
    let mut texts: Vec<String> = (0..rows.len()).map(text).collect();
    texts.sort_unstable();
    for text in &texts {
        hash = fnv1a(hash, text.as_bytes());
    }
    format!("{SOURCE_HASH}-{hash:016x}")
}

/// The calibration of `loaded`: the previous report's when its key matches, else a fresh
/// one; written to `dir` either way.
pub(crate) fn calibration(loaded: &Loaded, dir: &Folder) -> Result<Calibration> {
    let key = key(loaded);
    let previous = dir
        .previous
        .as_ref()
        .and_then(|p| std::fs::read(p.join(FILE)).ok())
        .and_then(|bytes| serde_json::from_slice::<Cached>(&bytes).ok())
        .filter(|c| c.key == key);
    let calibration = match previous {
        Some(cached) => cached.calibration,
        None => loaded.calibrate(None),
    };
    let cached = Cached { key, calibration };
    let text = serde_json::to_string(&cached).map_err(|e| Error::output(FILE, e))? + "\n";
    dir.write(FILE, text.as_bytes())?;
    Ok(cached.calibration)
}
