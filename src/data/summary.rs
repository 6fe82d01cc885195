//! What `validate` reports about a valid dataset: rows, subjects, channels, partners, coverage.
use std::collections::{BTreeMap, BTreeSet};

use super::load::Dataset;
use super::observations::{Dating, NONE};

/// Coverage of one channel.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ChannelSummary {
    pub channel: String,
    pub rows: usize,
    pub unit: Option<String>,
    pub year_first: i32,
    pub year_last: i32,
    pub partners: usize,
    pub period_rows: usize,
}

/// A short description of a validated dataset.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Summary {
    pub files: Vec<String>,
    pub rows: usize,
    pub subjects: Vec<String>,
    pub channels: Vec<ChannelSummary>,
    pub partners: usize,
    pub registry: String,
    pub unknown_partners: BTreeMap<String, usize>,
    pub ignored_columns: Vec<(String, String)>,
}

impl Summary {
    pub fn of(dataset: &Dataset) -> Summary {
        let obs = &dataset.observations;
        let text = |id: u32| obs.strings.text(id).to_string();
        // Distinct ids first (no per-row allocation), then names.
        let distinct = |ids: &[u32]| ids.iter().copied().collect::<hashbrown::HashSet<u32>>();
        let subjects: BTreeSet<String> = distinct(&obs.subject).into_iter().map(text).collect();
        let partners = distinct(&obs.partner);
        // Accumulate by channel id (cheap per row), resolve names at the end.
        let mut by_id: BTreeMap<u32, (ChannelSummary, BTreeSet<u32>)> = BTreeMap::new();
        for i in 0..obs.len() {
            let (summary, seen) = by_id.entry(obs.channel[i]).or_insert_with(|| {
                (
                    ChannelSummary {
                        channel: text(obs.channel[i]),
                        rows: 0,
                        unit: None,
                        year_first: i32::MAX,
                        year_last: i32::MIN,
                        partners: 0,
                        period_rows: 0,
                    },
                    BTreeSet::new(),
                )
            });
            summary.rows += 1;
            summary.year_first = summary.year_first.min(obs.year_start[i]);
            summary.year_last = summary.year_last.max(obs.year_end(i));
            if obs.dating(i) == Dating::Period {
                summary.period_rows += 1;
            }
            let unit = obs.unit_id(i);
            if unit != NONE && summary.unit.is_none() {
                summary.unit = Some(text(unit));
            }
            seen.insert(obs.partner[i]);
        }
        let mut channels: Vec<(ChannelSummary, BTreeSet<u32>)> = by_id.into_values().collect();
        channels.sort_by(|a, b| a.0.channel.cmp(&b.0.channel));
        let channels = channels
            .into_iter()
            .map(|(mut s, seen)| {
                s.partners = seen.len();
                s
            })
            .collect();
        Summary {
            files: obs.files.clone(),
            rows: obs.len(),
            subjects: subjects.into_iter().collect(),
            channels,
            partners: partners.len(),
            registry: dataset.registry_source.clone(),
            unknown_partners: dataset.unknown_partners.clone(),
            ignored_columns: dataset.unknown_columns.clone(),
        }
    }
}
