//! The power surface (docs/METHODS.md §1.5): worlds shaped like the data (`shape`) in
//! which the focal partner's late-period dominance d and its growth g from the first to
//! the last period are planted on a grid declared in the analysis file before any result
//! is seen; per cell and per channel and overall, the mean P(T1) and P(T2) and how often
//! each thesis is very likely (P ≥ 0.9), with 95 % intervals.
//!
//! **Planting a cell (d, g)** in a channel with periods 0..L: the focal partner keeps its
//! observed late rate f_L (d times the largest other's when it has none) and has
//! f_p = f_L · g^(−(L−p)/L) before; its lead over the largest other partner is d in the
//! last period and max(d, the data's lead) before, so that d is its weakest lead (what D3
//! judges) and T1's decline (C7) appears where the data led by more. The other partners
//! keep their observed profile within each period, scaled by s_p = (f_p / lead_p) / (the
//! data's largest other rate). At the data's own point the world is the data's process.
use rand::Rng;
use rand_distr::{Distribution, LogNormal, Poisson};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::calibrate::{Runner, WorldRows};
use super::criteria::Specification;
use super::shape::ChannelShape;
use crate::stats::binomial::Rate;
use crate::stats::rng::{stream, Stream};

/// What one scope (a channel or "overall") says in the worlds of one cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScopeRates {
    /// A channel, or "overall".
    pub scope: String,
    /// Mean P(T1) over the worlds in which the scope has probabilities.
    pub mean_p_t1: f64,
    /// Mean P(T2).
    pub mean_p_t2: f64,
    /// Worlds with P(T2) ≥ 0.9.
    pub t2_very_likely: Rate,
    /// Worlds with P(T1) ≥ 0.9.
    pub t1_very_likely: Rate,
}

/// One cell of the surface.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The focal partner's planted late dominance.
    pub dominance: f64,
    /// Its planted growth, first → last period.
    pub growth: f64,
    /// Whether this is the null cell (both at their thresholds).
    pub null: bool,
    /// Per channel, then overall.
    pub scopes: Vec<ScopeRates>,
}

/// The power surface.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PowerSurface {
    /// Dominance values (columns).
    pub dominance: Vec<f64>,
    /// Growth values (rows).
    pub growth: Vec<f64>,
    /// Worlds per cell.
    pub worlds: usize,
    /// The null cell: (dominance_min, growth_min).
    pub null: (f64, f64),
    /// Every cell, growth-major.
    pub cells: Vec<Cell>,
}

impl PowerSurface {
    /// The cell at (d, g), if on the grid.
    pub fn cell(&self, d: f64, g: f64) -> Option<&Cell> {
        self.cells.iter().find(|c| c.dominance == d && c.growth == g)
    }
}

/// The planted rates of one channel in one cell.
struct Plant {
    /// The focal partner's yearly rate per period.
    focal: Vec<f64>,
    /// The focal rate relative to the data's per period (1 where the data have none).
    focal_factor: Vec<f64>,
    /// The other partners' scale per period.
    others: Vec<f64>,
}

fn plant(shape: &ChannelShape, d: f64, g: f64) -> Plant {
    let last = shape.periods.len() - 1;
    let late = &shape.periods[last];
    let f_late = if late.focal_rate > 0.0 {
        late.focal_rate
    } else if late.top_other_rate > 0.0 {
        d * late.top_other_rate
    } else {
        shape.unit_scale
    };
    let mut plant = Plant { focal: vec![], focal_factor: vec![], others: vec![] };
    for (p, period) in shape.periods.iter().enumerate() {
        let focal = f_late * g.powf(-((last - p) as f64) / last as f64);
        let lead = if p == last { d } else { period.dominance.map_or(d, |obs| obs.max(d)) };
        let top_other = if lead.is_infinite() { 0.0 } else { focal / lead };
        plant.focal.push(focal);
        plant.focal_factor.push(if period.focal_rate > 0.0 { focal / period.focal_rate } else { 1.0 });
        plant.others.push(if period.top_other_rate > 0.0 { top_other / period.top_other_rate } else { 0.0 });
    }
    plant
}

/// A mean-one log-normal factor with log-SD `sigma`.
fn noise(sigma: f64, rng: &mut impl Rng) -> f64 {
    LogNormal::new(-sigma * sigma / 2.0, sigma).map_or(1.0, |d| d.sample(rng))
}

pub(crate) fn poisson(mean: f64, rng: &mut impl Rng) -> usize {
    if mean > 0.0 {
        Poisson::new(mean).map_or(0, |d: Poisson<f64>| d.sample(rng) as usize)
    } else {
        0
    }
}

/// The focal partner's yearly-data target in period p: its planted rate less what its
/// totals carry there.
fn focal_yearly(shape: &ChannelShape, plant: &Plant, p: usize) -> f64 {
    let period = &shape.periods[p];
    let focal = &shape.names[0];
    let has_total = shape.total_rows.iter().any(|t| &t.partner == focal && t.start <= period.end && t.end >= period.start);
    if period.focal_rate > 0.0 {
        plant.focal[p] * period.focal_yearly_rate / period.focal_rate
    } else if has_total {
        0.0
    } else {
        plant.focal[p]
    }
}

/// Event periods: template events per year ~ Poisson(s_p × the data's), each a random
/// event of the period with its series and other partners; the focal partner joins each
/// with one chance, and takes part in events of its own for the rest of its volume.
fn plant_events(shape: &ChannelShape, plant: &Plant, out: &mut WorldRows, rng: &mut impl Rng) {
    let Some(events) = &shape.events else { return };
    let focal = shape.names[0].as_str();
    let mut id = 0usize;
    for (p, period) in shape.periods.iter().enumerate() {
        let target = focal_yearly(shape, plant, p) / events.focal_value.max(f64::MIN_POSITIVE);
        let joint_per_year = plant.others[p] * period.events_per_year.unwrap_or(0.0);
        let join = if joint_per_year > 0.0 { (events.focal_joint_share * target / joint_per_year).min(1.0) } else { 0.0 };
        let alone = (target - join * joint_per_year).max(0.0);
        for (&year, &n) in period.years.iter().zip(&period.events_by_year) {
            for _ in 0..poisson(plant.others[p] * n as f64, rng) {
                let template = &period.templates[rng.gen_range(0..period.templates.len())];
                id += 1;
                let event = format!("w{id}");
                for (partner, value) in &template.others {
                    out.push(&shape.channel, partner, year, *value, (Some(&event), template.series.as_deref()));
                }
                if rng.gen::<f64>() < join {
                    out.push(&shape.channel, focal, year, events.focal_value, (Some(&event), template.series.as_deref()));
                }
            }
            for _ in 0..poisson(alone, rng) {
                id += 1;
                out.push(&shape.channel, focal, year, events.focal_value, (Some(&format!("w{id}")), None));
            }
        }
    }
}

/// Yearly sums: each partner active in a year with the data's chance, with a log-normal
/// value of the data's log-SD around its planted rate.
fn plant_sums(shape: &ChannelShape, plant: &Plant, out: &mut WorldRows, rng: &mut impl Rng) {
    let Some(sums) = &shape.sums else { return };
    for (p, period) in shape.periods.iter().enumerate() {
        let focal = (shape.names[0].as_str(), focal_yearly(shape, plant, p), sums.focal_zero_share, sums.focal_log_sd);
        let others = period.other_yearly.iter().map(|(n, r)| (n.as_str(), r * plant.others[p], sums.others_zero_share, sums.others_log_sd));
        for (partner, rate, zero, sigma) in std::iter::once(focal).chain(others) {
            let active = 1.0 - zero.min(0.9);
            for &year in period.years.iter().filter(|_| rate > 0.0) {
                if rng.gen::<f64>() < active {
                    out.push(&shape.channel, partner, year, rate / active * noise(sigma, rng), (None, None));
                }
            }
        }
    }
}

/// Period totals: each the data's total times the planted change of its partner over its
/// span, with the coding error and the data's relative bounds.
fn plant_totals(shape: &ChannelShape, plant: &Plant, sigma: f64, out: &mut WorldRows, rng: &mut impl Rng) {
    for t in &shape.total_rows {
        let factors: Vec<f64> = (t.start..=t.end)
            .map(|y| match shape.periods.iter().position(|p| (p.start..=p.end).contains(&y)) {
                Some(p) if t.partner == shape.names[0] => plant.focal_factor[p],
                Some(p) if shape.periods[p].top_other_rate > 0.0 => plant.others[p],
                _ => 1.0,
            })
            .collect();
        let factor = factors.iter().sum::<f64>() / factors.len().max(1) as f64;
        let value = t.value * factor * noise(sigma, rng);
        let relative = |b: Option<f64>| b.filter(|_| t.value > 0.0).map(|b| value * b / t.value);
        out.push_total(&shape.channel, &t.partner, (t.start, t.end), value, (relative(t.low), relative(t.high)));
    }
}

/// One world with channel k planted at `cells[k]` = (d, g), the data's coverage kept.
fn world(shapes: &[ChannelShape], cells: &[(f64, f64)], sigma: f64, out: &mut WorldRows, rng: &mut impl Rng) {
    for (shape, &(d, g)) in shapes.iter().zip(cells) {
        let plant = plant(shape, d, g);
        out.keep_coverage(shape, std::slice::from_ref(&shape.names[0]));
        plant_events(shape, &plant, out, rng);
        plant_sums(shape, &plant, out, rng);
        plant_totals(shape, &plant, sigma, out, rng);
    }
}

/// The surface over `dominance` × `growth` with `worlds` worlds per cell.
pub(crate) fn surface(
    runner: &Runner<'_>,
    spec: &Specification,
    shapes: &[ChannelShape],
    grid: (&[f64], &[f64]),
    worlds: usize,
) -> PowerSurface {
    let (dominance, growth) = grid;
    let t = runner.thresholds();
    let cells: Vec<(f64, f64)> = growth.iter().flat_map(|&g| dominance.iter().map(move |&d| (d, g))).collect();
    let jobs: Vec<(usize, usize)> = (0..cells.len()).flat_map(|c| (0..worlds).map(move |w| (c, w))).collect();
    let outcomes: Vec<Vec<Option<(f64, f64)>>> = jobs
        .par_iter()
        .map(|&(c, w)| {
            let mut rng = stream(runner.seed(), Stream::SurfaceWorld { cell: c as u32, world: w as u32 }.id());
            let mut rows = WorldRows::new(runner.subject());
            world(shapes, &vec![cells[c]; shapes.len()], spec.prior.total_error, &mut rows, &mut rng);
            runner.probabilities(&rows, spec, c * worlds + w)
        })
        .collect();
    let mut scopes: Vec<String> = runner.channels().to_vec();
    scopes.push("overall".into());
    let cells = cells
        .iter()
        .enumerate()
        .map(|(c, &(d, g))| {
            let mine = &outcomes[c * worlds..(c + 1) * worlds];
            Cell { dominance: d, growth: g, null: d == t.dominance_min && g == t.growth_min, scopes: scope_rates(&scopes, mine) }
        })
        .collect();
    PowerSurface { dominance: dominance.to_vec(), growth: growth.to_vec(), worlds, null: (t.dominance_min, t.growth_min), cells }
}

/// The stream's cell number of the worlds of the data's own fitted process.
const OBSERVED_CELL: u32 = 0xffff;

/// Worlds of the data's own fitted process: every channel planted at its observed
/// (dominance, growth) (`null` where undefined, growth 1 where undefined), so the
/// procedure is run where the truth is what the data estimate; per scope as a cell.
pub(crate) fn at_observed(runner: &Runner<'_>, spec: &Specification, shapes: &[ChannelShape], worlds: usize) -> Vec<ScopeRates> {
    let t = runner.thresholds();
    let cells: Vec<(f64, f64)> = shapes
        .iter()
        .map(|s| {
            let (d, g) = s.observed();
            (d.unwrap_or(t.dominance_min), g.unwrap_or(1.0))
        })
        .collect();
    let outcomes: Vec<Vec<Option<(f64, f64)>>> = (0..worlds)
        .into_par_iter()
        .map(|w| {
            let mut rng = stream(runner.seed(), Stream::SurfaceWorld { cell: OBSERVED_CELL, world: w as u32 }.id());
            let mut rows = WorldRows::new(runner.subject());
            world(shapes, &cells, spec.prior.total_error, &mut rows, &mut rng);
            runner.probabilities(&rows, spec, (1 << 30) + w)
        })
        .collect();
    let mut scopes: Vec<String> = runner.channels().to_vec();
    scopes.push("overall".into());
    scope_rates(&scopes, &outcomes)
}

/// Per scope, the mean probabilities and the rates of very likely theses over `worlds`
/// (each world: per scope, (P(T1), P(T2)) or None).
fn scope_rates(scopes: &[String], worlds: &[Vec<Option<(f64, f64)>>]) -> Vec<ScopeRates> {
    scopes
        .iter()
        .enumerate()
        .map(|(k, scope)| {
            let ps: Vec<(f64, f64)> = worlds.iter().filter_map(|w| w[k]).collect();
            let n = ps.len();
            let mean = |f: fn(&(f64, f64)) -> f64| if n == 0 { 0.0 } else { ps.iter().map(f).sum::<f64>() / n as f64 };
            let count = |f: fn(&(f64, f64)) -> f64| ps.iter().filter(|p| f(p) >= super::probability::CALL_AT).count();
            ScopeRates {
                scope: scope.clone(),
                mean_p_t1: mean(|p| p.0),
                mean_p_t2: mean(|p| p.1),
                t2_very_likely: Rate::of(count(|p| p.1), worlds.len()),
                t1_very_likely: Rate::of(count(|p| p.0), worlds.len()),
            }
        })
        .collect()
}
