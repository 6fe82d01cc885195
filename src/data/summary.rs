//! What `validate` reports about a valid dataset: rows, subjects, channels, partners, coverage.
use std::collections::{BTreeMap, BTreeSet};

use super::load::Dataset;
use super::observations::{used_ids, Dating, Observations, NONE};

/// Coverage of one channel.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ChannelSummary {
    /// The channel's name.
    pub channel: String,
    /// Rows of the channel.
    pub rows: usize,
    /// The channel's unit, if any row gives one (the first seen).
    pub unit: Option<String>,
    /// First year of any row.
    pub year_first: i32,
    /// Last year of any row (a period's end included).
    pub year_last: i32,
    /// Distinct partners.
    pub partners: usize,
    /// Rows that are totals over a period.
    pub period_rows: usize,
}

/// A short description of a validated dataset.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Summary {
    /// The data files read.
    pub files: Vec<String>,
    /// Rows of the dataset.
    pub rows: usize,
    /// The subjects, sorted.
    pub subjects: Vec<String>,
    /// Coverage of every channel, sorted by channel.
    pub channels: Vec<ChannelSummary>,
    /// Distinct partners over all channels.
    pub partners: usize,
    /// Where the registry came from ("bundled" or a path).
    pub registry: String,
    /// Partner names not in the registry, with their row counts.
    pub unknown_partners: BTreeMap<String, usize>,
    /// (file, column) pairs outside the schema, which were ignored.
    pub ignored_columns: Vec<(String, String)>,
}

impl Summary {
    /// The summary of a loaded dataset.
    pub fn of(dataset: &Dataset) -> Summary {
        let obs = &dataset.observations;
        let text = |id: u32| obs.strings.text(id).to_string();
        let strings = obs.strings.len();
        let subject_used = used_ids(&obs.subject, strings);
        let subjects: BTreeSet<String> = (0..strings as u32).filter(|&id| subject_used[id as usize]).map(text).collect();
        let partners = used_ids(&obs.partner, strings).into_iter().filter(|&u| u).count();
        Summary {
            files: obs.files.clone(),
            rows: obs.len(),
            subjects: subjects.into_iter().collect(),
            channels: Summary::channels_of(obs),
            partners,
            registry: dataset.registry_source.clone(),
            unknown_partners: dataset.unknown_partners.clone(),
            ignored_columns: dataset.unknown_columns.clone(),
        }
    }

    /// Rows, unit, years and partners of every channel of `obs`, sorted by channel.
    pub fn channels_of(obs: &Observations) -> Vec<ChannelSummary> {
        let text = |id: u32| obs.strings.text(id).to_string();
        // Per-row work on ids only (flags indexed by string id); names at the end.
        let strings = obs.strings.len();
        let mut by_id: Vec<Option<(ChannelSummary, Vec<bool>)>> = vec![None; strings];
        for i in 0..obs.len() {
            let (summary, seen) = by_id[obs.channel[i] as usize].get_or_insert_with(|| {
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
                    vec![false; strings],
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
            seen[obs.partner[i] as usize] = true;
        }
        let mut channels: Vec<ChannelSummary> = by_id
            .into_iter()
            .flatten()
            .map(|(mut s, seen)| {
                s.partners = seen.into_iter().filter(|&u| u).count();
                s
            })
            .collect();
        channels.sort_by(|a, b| a.channel.cmp(&b.channel));
        channels
    }
}
