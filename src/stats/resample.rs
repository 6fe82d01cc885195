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
use rand_distr::{Binomial, Distribution};
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

/// One resampling unit: (dense partner index, value, low, high) rows.
type Unit = Vec<(usize, f64, f64, f64)>;

/// Runs the bootstrap for every group of `panel` (built from `obs`), in parallel.
pub fn bootstrap(obs: &Observations, panel: &Panel, focal: &str, spec: BootstrapSpec) -> Vec<GroupBootstrap> {
    let row_groups = panel.row_groups(obs);
    row_groups
        .par_iter()
        .enumerate()
        .map(|(g, rows)| bootstrap_group(obs, rows, focal, spec, g as u64))
        .collect()
}

/// The group's units and its partners (dense index -> partner id).
fn units_of(obs: &Observations, rows: &[usize]) -> (Vec<Unit>, Vec<u32>) {
    let mut partners: Vec<u32> = rows.iter().map(|&i| obs.partner[i]).collect();
    partners.sort_unstable();
    partners.dedup();
    let mut units: Vec<Unit> = Vec::new();
    let mut by_event: Vec<(u32, usize)> = Vec::new();
    for &i in rows {
        let r = obs.row(i);
        let dense = partners.binary_search(&obs.partner[i]).unwrap_or(0);
        let entry = (dense, r.value, r.value_low.unwrap_or(r.value), r.value_high.unwrap_or(r.value));
        let event = obs.event_id(i);
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
    (units, partners)
}

fn bootstrap_group(obs: &Observations, rows: &[usize], focal: &str, spec: BootstrapSpec, g: u64) -> GroupBootstrap {
    let (units, partners) = units_of(obs, rows);
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
    if method != "none" {
        // Multinomial: cumulative partner totals, searched by bisection.
        let mut cumulative = vec![0.0; partners.len()];
        for u in units.iter().flatten() {
            cumulative[u.0] += u.1;
        }
        for k in 1..cumulative.len() {
            cumulative[k] += cumulative[k - 1];
        }
        let mut sums = vec![0.0f64; partners.len()];
        let mut entries: Vec<(u32, f64)> = Vec::with_capacity(partners.len());
        for _ in 0..spec.replicates {
            sums.iter_mut().for_each(|s| *s = 0.0);
            if method == "multinomial" {
                // Conditional binomials: n_k ~ Bin(n − Σ_{j<k} n_j, x_k / Σ_{j≥k} x_j).
                let mut left = total as u64;
                let mut mass = total;
                for (k, s) in sums.iter_mut().enumerate() {
                    let x = cumulative[k] - if k > 0 { cumulative[k - 1] } else { 0.0 };
                    if left == 0 || mass <= 0.0 {
                        break;
                    }
                    let p = (x / mass).clamp(0.0, 1.0);
                    let n = if p >= 1.0 { left } else { Binomial::new(left, p).map_or(0, |b| b.sample(&mut rng)) };
                    *s = n as f64;
                    left -= n;
                    mass -= x;
                }
            } else {
                for _ in 0..units.len() {
                    for &(p, v, lo, hi) in &units[rng.gen_range(0..units.len())] {
                        let v = if spec.monte_carlo_bounds && hi > lo { lo + (hi - lo) * rng.gen::<f64>() } else { v };
                        sums[p] += v;
                    }
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
