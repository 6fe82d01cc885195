//! Bootstrap of the index suite per group (one window of the yearly series): events
//! resampled within the window, uncertain values drawn inside [value_low, value_high].
//!
//! Units (docs/METHODS.md §1): rows sharing an `event_id` inside a group form one event
//! (one exercise, one deal); in a group with events, other rows are events of their
//! own, except structural zeros (nothing happened, nothing to draw). A group without events holds yearly sums (TIV per supplier) or spread period
//! totals: its rows are no sample of independent units, so nothing is resampled (a
//! TIV-million is not a draw); only bounds are drawn ("bounds"), and a group without
//! bounds gets no interval ("none"). Period comparisons resample years instead (see
//! `period_rates`). Each replicate recomputes the whole suite. Group g draws from
//! `rng::Stream::Group`, so results are identical whatever the number of threads.
use rand::Rng;
use rayon::prelude::*;

use super::rng::{interval_of, stream};
use crate::data::observations::{Observations, NONE};
use crate::metrics::{self, Suite};
use crate::panel::Panel;

/// A bootstrap interval of one index.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Interval {
    /// Lower end (the lower percentile).
    pub low: f64,
    /// Upper end (the upper percentile).
    pub high: f64,
}

/// Bootstrap results of one group.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GroupBootstrap {
    /// How the group was resampled: "events", "bounds" (values drawn within their bounds
    /// only) or "none" (empty, or nothing that varies).
    pub method: &'static str,
    /// Resampling units of the group (events, or rows without an event_id; structural zeros excluded when there are events).
    pub units: usize,
    /// 95 % percentile interval per index name (only indices defined in ≥ 95 % of replicates).
    pub intervals: Vec<(&'static str, Interval)>,
    /// Share of replicates in which the focal partner ranks first (ties count as first).
    pub p_focal_first: f64,
}

impl GroupBootstrap {
    /// The interval of the index column `name`, if it was defined in enough replicates.
    pub fn interval(&self, name: &str) -> Option<Interval> {
        self.intervals.iter().find(|(n, _)| *n == name).map(|(_, i)| *i)
    }
}

/// Settings of a bootstrap run.
#[derive(Debug, Clone, Copy)]
pub struct BootstrapSpec {
    /// Bootstrap replicates R per group.
    pub replicates: usize,
    /// Seed of the random streams (group g draws from stream g).
    pub seed: u64,
    /// Draw uncertain values uniformly inside [value_low, value_high] in each replicate.
    pub monte_carlo_bounds: bool,
}

/// One resampling unit: (dense partner index, value, low, high) rows.
type Unit = Vec<(usize, f64, f64, f64)>;

/// Runs the bootstrap for every group of `panel` (built from `obs`), in parallel. With
/// events, a replicate draws as many events as the group has, with replacement; the
/// suite is recomputed on each of the R replicates, and each index gets the percentile
/// interval [q_{2.5 %}, q_{97.5 %}] (type 7 interpolation) when it is defined in at
/// least 95 % of them.
///
/// Efron, B. and Tibshirani, R. J. (1993), *An Introduction to the Bootstrap*, Chapman & Hall.
pub fn bootstrap(obs: &Observations, panel: &Panel, focal: &str, spec: BootstrapSpec) -> Vec<GroupBootstrap> {
    let row_groups = panel.row_groups(obs);
    row_groups.par_iter().enumerate().map(|(g, rows)| bootstrap_group(obs, rows, focal, spec, g as u64)).collect()
}

/// The group's units and its partners (dense index -> partner id).
fn units_of(obs: &Observations, rows: &[usize]) -> (Vec<Unit>, Vec<u32>) {
    let has_events = rows.iter().any(|&i| obs.event_id(i) != NONE);
    // Partners ordered by name and units by content, so that the draws do not depend on
    // the order of the rows (nor on the order in which names were first read).
    let mut partners: Vec<u32> = rows.iter().map(|&i| obs.partner[i]).collect();
    partners.sort_unstable();
    partners.dedup();
    partners.sort_by(|a, b| obs.strings.text(*a).cmp(obs.strings.text(*b)));
    let mut index: Vec<(u32, usize)> = partners.iter().enumerate().map(|(k, &id)| (id, k)).collect();
    index.sort_unstable();
    let mut units: Vec<Unit> = Vec::new();
    let mut by_event: Vec<(u32, usize)> = Vec::new();
    for &i in rows {
        let r = obs.row(i);
        let dense = index.binary_search_by_key(&obs.partner[i], |e| e.0).map_or(0, |k| index[k].1);
        let entry = (dense, r.value, r.value_low.unwrap_or(r.value), r.value_high.unwrap_or(r.value));
        let event = obs.event_id(i);
        if has_events && obs.is_structural_zero(i) {
            continue;
        }
        if event == NONE {
            units.push(vec![entry]);
            continue;
        }
        match by_event.binary_search_by_key(&event, |e| e.0) {
            Ok(k) => units[by_event[k].1].push(entry),
            Err(k) => {
                by_event.insert(k, (event, units.len()));
                units.push(vec![entry]);
            }
        }
    }
    let bits = |e: &(usize, f64, f64, f64)| (e.0, e.1.to_bits(), e.2.to_bits(), e.3.to_bits());
    for unit in units.iter_mut() {
        unit.sort_by_key(bits);
    }
    units.sort_by(|a, b| a.iter().map(bits).cmp(b.iter().map(bits)));
    (units, partners)
}

fn bootstrap_group(obs: &Observations, rows: &[usize], focal: &str, spec: BootstrapSpec, g: u64) -> GroupBootstrap {
    let (units, partners) = units_of(obs, rows);
    let has_events = rows.iter().any(|&i| obs.event_id(i) != NONE);
    let bounded = spec.monte_carlo_bounds && units.iter().flatten().any(|u| u.3 > u.2);
    let total: f64 = units.iter().flatten().map(|u| u.1).sum();
    let method = if total <= 0.0 {
        "none"
    } else if has_events {
        "events"
    } else if bounded {
        "bounds"
    } else {
        "none"
    };
    let mut rng = stream(spec.seed, super::rng::Stream::Group { group: g }.id());
    let mut suites: Vec<Suite> = Vec::with_capacity(spec.replicates);
    if method != "none" {
        let mut sums = vec![0.0f64; partners.len()];
        let mut entries: Vec<(u32, f64)> = Vec::with_capacity(partners.len());
        for _ in 0..spec.replicates {
            sums.iter_mut().for_each(|s| *s = 0.0);
            for k in 0..units.len() {
                let unit = if method == "events" { rng.gen_range(0..units.len()) } else { k };
                for &(p, v, lo, hi) in &units[unit] {
                    let v = if spec.monte_carlo_bounds && hi > lo { lo + (hi - lo) * rng.gen::<f64>() } else { v };
                    sums[p] += v;
                }
            }
            entries.clear();
            entries.extend(partners.iter().zip(&sums).map(|(&p, &v)| (p, v)));
            suites.push(metrics::compute(&entries, |p| obs.strings.text(p), focal));
        }
    }
    summarise(method, units.len(), &suites)
}

fn summarise(method: &'static str, units: usize, suites: &[Suite]) -> GroupBootstrap {
    let mut intervals = Vec::new();
    for name in Suite::metric_names() {
        let v: Vec<f64> = suites.iter().filter_map(|s| s.metric(name)).collect();
        if let Some(interval) = interval_of(v, suites.len(), 0.025) {
            intervals.push((name, interval));
        }
    }
    let first = suites.iter().filter(|s| s.focal_rank == Some(1)).count();
    GroupBootstrap { method, units, intervals, p_focal_first: if suites.is_empty() { 0.0 } else { first as f64 / suites.len() as f64 } }
}
