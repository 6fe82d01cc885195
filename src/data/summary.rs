//! What `validate` reports about a valid dataset: rows, subjects, channels, partners, coverage.
use std::collections::{BTreeMap, BTreeSet};

use super::load::Dataset;
use super::observations::{used_ids, Dating, Observations, NONE};

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
