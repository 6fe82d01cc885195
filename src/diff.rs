//! What a data update changes: rows added, removed and revised, and the effect on the
//! annual indices (and, with an analysis file, on the theses' probabilities).
use std::collections::BTreeMap;

use serde::Serialize;

use crate::data::observations::Observations;
use crate::metrics::Suite;
use crate::panel::{GroupBy, Panel, Windowing};

/// (subject, channel, partner, year_start, year_end)
pub(crate) type RowKey = (String, String, String, i32, i32);

/// A row (summed per subject, channel, partner and dating) added, removed or revised.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowChange {
    /// "added", "removed" or "revised".
    pub kind: &'static str,
    /// The subject country.
    pub subject: String,
    /// The channel.
    pub channel: String,
    /// The partner.
    pub partner: String,
    /// First year of the row's dating.
    pub year_start: i32,
    /// Last year of the row's dating.
    pub year_end: i32,
    /// The summed value in the old data (None when added).
    pub old: Option<f64>,
    /// The summed value in the new data (None when removed).
    pub new: Option<f64>,
}

/// An annual index whose value changes between the two versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexChange {
    /// The subject country.
    pub subject: String,
    /// The channel.
    pub channel: String,
    /// The year (annual window).
    pub year: i32,
    /// The metric's name (one of total, richness, hhi, enp, focal_share).
    pub metric: &'static str,
    /// The old value (None when absent).
    pub old: Option<f64>,
    /// The new value (None when absent).
    pub new: Option<f64>,
}

/// Everything that changes between two versions of a dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DataDiff {
    /// Rows added, removed or revised, sorted by key.
    pub rows: Vec<RowChange>,
    /// Annual indices that change, sorted by subject, channel and year.
    pub indices: Vec<IndexChange>,
}

/// The metrics whose changes are listed.
pub(crate) const METRICS: [&str; 5] = ["total", "richness", "hhi", "enp", "focal_share"];

fn totals(obs: &Observations) -> BTreeMap<RowKey, f64> {
    let mut out = BTreeMap::new();
    for i in 0..obs.len() {
        let r = obs.row(i);
        *out.entry((r.subject.to_string(), r.channel.to_string(), r.partner.to_string(), r.year_start, r.year_end)).or_insert(0.0) +=
            r.value;
    }
    out
}

fn suites(obs: &Observations, focal: &str) -> BTreeMap<(String, String, i32), Suite> {
    let panel = Panel::build(obs, GroupBy::default(), Windowing::ANNUAL);
    let suites = panel.suites(obs, focal);
    panel.groups.iter().zip(suites).map(|(g, s)| ((g.subject.to_string(), g.channel.to_string(), g.year_start), s)).collect()
}

/// Compares two versions of a dataset (values summed per subject, channel, partner and
/// dating; indices on annual windows without attribution).
pub fn diff(old: &Observations, new: &Observations, focal: &str) -> DataDiff {
    let (a, b) = (totals(old), totals(new));
    let mut rows = Vec::new();
    let mut keys: Vec<&RowKey> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (o, n) = (a.get(key).copied(), b.get(key).copied());
        let kind = match (o, n) {
            (None, Some(_)) => "added",
            (Some(_), None) => "removed",
            (Some(x), Some(y)) if x != y => "revised",
            _ => continue,
        };
        rows.push(RowChange {
            kind,
            subject: key.0.clone(),
            channel: key.1.clone(),
            partner: key.2.clone(),
            year_start: key.3,
            year_end: key.4,
            old: o,
            new: n,
        });
    }
    let (sa, sb) = (suites(old, focal), suites(new, focal));
    let mut groups: Vec<&(String, String, i32)> = sa.keys().chain(sb.keys()).collect();
    groups.sort();
    groups.dedup();
    let mut indices = Vec::new();
    for g in groups {
        for metric in METRICS {
            let (o, n) = (sa.get(g).and_then(|s| s.metric(metric)), sb.get(g).and_then(|s| s.metric(metric)));
            let same = match (o, n) {
                (Some(x), Some(y)) => (x - y).abs() <= 1e-12 * x.abs().max(1.0),
                (None, None) => true,
                _ => false,
            };
            if !same || (sa.contains_key(g) != sb.contains_key(g)) {
                indices.push(IndexChange { subject: g.0.clone(), channel: g.1.clone(), year: g.2, metric, old: o, new: n });
            }
        }
    }
    DataDiff { rows, indices }
}
