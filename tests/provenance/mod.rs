//! Shared by the provenance tests: the bundled Kazakhstan data, its rows coded from the seed, and seed line ranges.
// Each test file that includes this module reads only some of SeedRow's fields.
#![allow(dead_code)]
use std::collections::BTreeMap;
use std::path::PathBuf;

use multivector::data::{load, Dataset, LoadOptions};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundled Kazakhstan data, read strictly (as `validate --strict` does).
pub fn bundled() -> Dataset {
    load(&[root().join("datasets/kazakhstan")], &LoadOptions { strict: true, ..LoadOptions::default() }).unwrap()
}

/// The rows of a vendored evidence table (`datasets/kazakhstan/sources/evidence/TABLE.csv`),
/// each as column name -> cell, in file order.
pub fn evidence_rows(table: &str) -> Vec<BTreeMap<String, String>> {
    let path = root().join(format!("datasets/kazakhstan/sources/evidence/{table}.csv"));
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header.iter().map(str::to_string).zip(r.iter().map(str::to_string)).collect()
        })
        .collect()
}

/// One observation coded from the seed (`source = seed`), with what cites it.
#[derive(Clone, Debug)]
pub struct SeedRow {
    /// file:line of the row, for messages.
    pub place: String,
    pub channel: String,
    pub year_start: i32,
    pub year_end: i32,
    pub value: f64,
    pub event_id: Option<String>,
    pub locator: String,
    pub quote: Option<String>,
    pub note: String,
}

/// Every `source = seed` row of the bundled data, in file order.
pub fn seed_rows() -> Vec<SeedRow> {
    let data = bundled();
    let obs = &data.observations;
    (0..obs.len())
        .filter(|&i| obs.row(i).source == Some("seed"))
        .map(|i| {
            let r = obs.row(i);
            SeedRow {
                place: obs.location(i),
                channel: r.channel.to_string(),
                year_start: r.year_start,
                year_end: r.year_end,
                value: r.value,
                event_id: r.event_id.map(str::to_string),
                locator: r.locator.unwrap_or_else(|| panic!("{}: a seed row without a locator", obs.location(i))).to_string(),
                quote: r.quote.map(str::to_string),
                note: r.note.unwrap_or("").to_string(),
            }
        })
        .collect()
}

/// The line ranges of a seed citation: "lines 16126-16132; 17133" (a data locator) or
/// "16126-16132;17133" (an evidence table's seed_lines). None if any part is not a
/// range A-B with 1 <= A <= B, or a single line.
pub fn ranges(cited: &str) -> Option<Vec<(usize, usize)>> {
    let spans: Option<Vec<(usize, usize)>> = cited
        .strip_prefix("lines ")
        .unwrap_or(cited)
        .split(';')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (a, b) = part.split_once('-').unwrap_or((part, part));
            let (a, b) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            (1 <= a && a <= b).then_some((a, b))
        })
        .collect();
    spans.filter(|s| !s.is_empty())
}

/// The same ranges moved `by` lines on, wrapping at `len` lines, as a data locator.
pub fn shifted(spans: &[(usize, usize)], by: usize, len: usize) -> String {
    let moved: Vec<String> = spans
        .iter()
        .map(|&(a, b)| {
            let a2 = (a + by - 1) % len + 1;
            format!("{}-{}", a2, (a2 + (b - a)).min(len))
        })
        .collect();
    format!("lines {}", moved.join("; "))
}
