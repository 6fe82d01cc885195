//! Bootstrap of the index suite per group: events resampled within each window, counts
//! resampled multinomially, uncertain values drawn inside [value_low, value_high].
//!
//! Units: rows sharing an `event_id` inside a group form one event (one exercise, one
//! deal); other rows are units of their own. When no row of a group has an event and
//! every value is a whole number, the group is treated as counts and resampled
//! multinomially (n = total, probabilities = partner shares). Each replicate recomputes
//! the whole suite. Group g draws from `rng::stream(seed, g)`, so results are identical
//! whatever the number of threads.
use rand::Rng;
use rayon::prelude::*;

use super::rng::{percentile, stream};
use crate::data::observations::{Observations, NONE};
use crate::metrics::{self, Suite};
use crate::panel::Panel;

/// A bootstrap interval of one index.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

/// Bootstrap results of one group.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GroupBootstrap {
    /// How the group was resampled: "events", "rows", "multinomial" or "none" (empty).
    pub method: &'static str,
    pub units: usize,
    /// 95 % percentile interval per index name (only indices defined in ≥ 95 % of replicates).
    pub intervals: Vec<(&'static str, Interval)>,
    /// Share of replicates in which the focal partner ranks first (ties count as first).
    pub p_focal_first: f64,
}

impl GroupBootstrap {
    pub fn interval(&self, name: &str) -> Option<Interval> {
        self.intervals.iter().find(|(n, _)| *n == name).map(|(_, i)| *i)
    }
}

/// Settings of a bootstrap run.
#[derive(Debug, Clone, Copy)]
pub struct BootstrapSpec {
    pub replicates: usize,
    pub seed: u64,
    /// Draw uncertain values uniformly inside [value_low, value_high] in each replicate.
    pub monte_carlo_bounds: bool,
}

/// One resampling unit: (partner id, value, low, high) rows.
type Unit = Vec<(u32, f64, f64, f64)>;

/// Runs the bootstrap for every group of `panel` (built from `obs`), in parallel.
pub fn bootstrap(obs: &Observations, panel: &Panel, focal: &str, spec: BootstrapSpec) -> Vec<GroupBootstrap> {
    let row_groups = panel.row_groups(obs);
    row_groups
        .par_iter()
        .enumerate()
        .map(|(g, rows)| bootstrap_group(obs, rows, focal, spec, g as u64))
        .collect()
}

fn units_of(obs: &Observations, rows: &[usize]) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut by_event: Vec<(u32, usize)> = Vec::new();
    for &i in rows {
        let r = obs.row(i);
        let entry = (obs.partner[i], r.value, r.value_low.unwrap_or(r.value), r.value_high.unwrap_or(r.value));
        let event = obs.event_id(i);
        if event == NONE {
            units.push(vec![entry]);
            continue;
        }
        match by_event.iter().find(|(e, _)| *e == event) {
            Some(&(_, u)) => units[u].push(entry),
            None => {
                by_event.push((event, units.len()));
                units.push(vec![entry]);
            }
        }
    }
    units
}

fn bootstrap_group(obs: &Observations, rows: &[usize], focal: &str, spec: BootstrapSpec, g: u64) -> GroupBootstrap {
    let units = units_of(obs, rows);
    let has_events = rows.iter().any(|&i| obs.event_id(i) != NONE);
    let counts = !has_events && units.iter().flatten().all(|u| u.1.fract() == 0.0 && u.2 == u.1 && u.3 == u.1);
    let total: f64 = units.iter().flatten().map(|u| u.1).sum();
    let method = if total <= 0.0 {
        "none"
    } else if has_events {
        "events"
    } else if counts {
        "multinomial"
    } else {
        "rows"
    };
    let mut rng = stream(spec.seed, g);
    let mut suites: Vec<Suite> = Vec::with_capacity(spec.replicates);
    let mut sums: Vec<(u32, f64)> = Vec::new();
    if method != "none" {
        // Multinomial: the partner totals and their cumulative shares.
        let mut totals: Vec<(u32, f64)> = Vec::new();
        for u in units.iter().flatten() {
            match totals.iter_mut().find(|t| t.0 == u.0) {
                Some(t) => t.1 += u.1,
                None => totals.push((u.0, u.1)),
            }
        }
        for _ in 0..spec.replicates {
            sums.clear();
            let mut add = |p: u32, v: f64| match sums.iter_mut().find(|s| s.0 == p) {
                Some(s) => s.1 += v,
                None => sums.push((p, v)),
            };
            if method == "multinomial" {
                for _ in 0..total as u64 {
                    let mut x = rng.gen::<f64>() * total;
                    let mut pick = totals[totals.len() - 1].0;
                    for t in &totals {
                        if x < t.1 {
                            pick = t.0;
                            break;
                        }
                        x -= t.1;
                    }
                    add(pick, 1.0);
                }
            } else {
                for _ in 0..units.len() {
                    for &(p, v, lo, hi) in &units[rng.gen_range(0..units.len())] {
                        let v = if spec.monte_carlo_bounds && hi > lo { lo + (hi - lo) * rng.gen::<f64>() } else { v };
                        add(p, v);
                    }
                }
            }
            suites.push(metrics::compute(&sums, |p| obs.strings.text(p), focal));
        }
    }
    summarise(method, units.len(), &suites)
}

fn summarise(method: &'static str, units: usize, suites: &[Suite]) -> GroupBootstrap {
    let mut intervals = Vec::new();
    for name in Suite::metric_names() {
        let mut v: Vec<f64> = suites.iter().filter_map(|s| s.metric(name)).collect();
        if suites.is_empty() || (v.len() as f64) < 0.95 * suites.len() as f64 {
            continue;
        }
        v.sort_by(f64::total_cmp);
        intervals.push((name, Interval { low: percentile(&v, 0.025) + 0.0, high: percentile(&v, 0.975) + 0.0 }));
    }
    let first = suites.iter().filter(|s| s.focal_rank == Some(1)).count();
    GroupBootstrap {
        method,
        units,
        intervals,
        p_focal_first: if suites.is_empty() { 0.0 } else { first as f64 / suites.len() as f64 },
    }
}
