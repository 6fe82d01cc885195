//! A period's partner vector as average yearly rates, and its bootstrap over the units of
//! evidence (docs/METHODS.md §1): events resampled as events, yearly sums resampled by
//! blocks of years, period totals kept fixed (only their bounds are drawn). Events are
//! drawn by the Poisson bootstrap (`poisson_pick`), so the number of events varies.
//!
//! For a period P = [start, end] and partner i the rate is
//!
//! r_i = Σ_{y ∈ Y} x_{i,y} / |Y| + Σ_{totals t of i overlapping P} T_t / n_t,
//!
//! where Y are the years of P inside the channel's yearly coverage, x_{i,y} the yearly
//! values (events or sums) and T_t a total over n_t years. A total is one observation
//! of a rate: it enters every period it overlaps with its average yearly rate, and the
//! years outside its span are not covered (not zero). The *yearly richness* of P is the
//! mean, over the covered years, of the number of partners with a positive value in
//! that year (a total counts in the years it spans).
//!
//! Intervals are percentile intervals, widened for small numbers of units by the
//! expanded percentile method (Hesterberg, T. C. (2015), "What teachers should know
//! about the bootstrap", The American Statistician 69(4)): the tail probability α/2 is
//! replaced by Φ(−√(n/(n−1)) · t_{n−1, 1−α/2}) for n resampled units.
use ndarray::Array2;
use rand::Rng;
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

use super::resample::Interval;
use super::rng::{interval_of, stream};
use crate::data::observations::{Dating, Observations, NONE};
use crate::metrics::{self, Suite};

/// One row's contribution: (dense partner, slot = year − first covered year, value, low, high).
type Entry = (usize, usize, f64, f64, f64);

/// How the yearly part of a period is resampled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resampling {
    /// Rows sharing an event_id (in any year of the period) are one unit; a row without
    /// one is a unit of its own, unless it is a structural zero (then it only marks its
    /// year as covered).
    Events,
    /// Blocks of consecutive years (all rows of those years) are the units.
    YearBlocks,
    /// Nothing to resample: only period totals (their bounds are drawn).
    Fixed,
}

impl Resampling {
    /// The name used in tables.
    pub fn name(self) -> &'static str {
        match self {
            Resampling::Events => "events",
            Resampling::YearBlocks => "year-blocks",
            Resampling::Fixed => "fixed",
        }
    }
}

/// Settings of one period bootstrap.
#[derive(Debug, Clone, Copy)]
pub struct PeriodSettings {
    /// Bootstrap replicates.
    pub replicates: usize,
    /// Seed of the random stream.
    pub seed: u64,
    /// The stream under `seed` this period draws from (see `rng::stream`).
    pub stream: u64,
    /// Years per block when yearly sums are resampled (blocks start at the period's start).
    pub block_years: i32,
    /// Two-sided level of the intervals (0.05 → 95 %).
    pub alpha: f64,
}

/// The summary of one replicate (or of the data itself).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Draw {
    /// The focal partner's average yearly volume.
    pub focal_rate: f64,
    /// Mean number of active partners per covered year.
    pub yearly_richness: f64,
    /// ENP = 1 / Σ (r_i / Σ r)² on the rates (Laakso & Taagepera 1979); None when every rate is 0.
    pub enp: Option<f64>,
    /// The focal partner's rate / Σ r; None when every rate is 0.
    pub focal_share: Option<f64>,
    /// Focal rate / largest other rate; +∞ when no other partner is active.
    pub dominance: Option<f64>,
    /// Whether the focal partner ranks first (ties count as first).
    pub focal_first: bool,
    /// Dense index of the partner ranked first (None when every rate is 0).
    pub leader: Option<usize>,
}

/// A period: point estimates on the data and its bootstrap replicates.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PeriodRates {
    /// First year of the period.
    pub start: i32,
    /// Last year of the period (inclusive).
    pub end: i32,
    /// The index suite on the partners' average yearly rates.
    pub suite: Suite,
    /// The claim-relevant numbers on the data itself (the point estimates).
    pub point: Draw,
    /// How the yearly part of the period was resampled.
    pub resampling: Resampling,
    /// Resampled units (events or year blocks); 0 when fixed.
    pub units: usize,
    /// Years of the period covered by the channel's data.
    pub covered_years: usize,
    /// Period totals that enter the period.
    pub totals: usize,
    /// Partner names by dense index.
    pub partners: Vec<String>,
    /// The bootstrap replicates; none when the period has events or year blocks but fewer than 2 of them.
    #[serde(skip)]
    pub draws: Vec<Draw>,
    /// Two-sided level of the intervals (0.05 → 95 %).
    pub alpha: f64,
}

/// The inputs of one period, sorted into resampling units.
struct Layout {
    partners: Vec<u32>,
    /// Covered years of the yearly data inside the period (slots 0..years).
    years: usize,
    /// Resampling units; each entry is (dense partner, slot, value, low, high).
    units: Vec<Vec<Entry>>,
    /// For year blocks: each unit's (first slot, number of years).
    blocks: Vec<(usize, usize)>,
    resampling: Resampling,
    /// Period totals: (dense partner, yearly rate, low, high).
    totals: Vec<(usize, f64, f64, f64)>,
    /// slot × partner: a total with a positive value covers this slot for this partner.
    total_cover: Array2<bool>,
    /// Years of the period covered by totals only, and the partners present summed over them.
    total_only_years: usize,
    total_only_presence: f64,
}

/// Computes the period [start, end] of `rows` (one channel, attributed, period totals
/// not spread). `coverage` is the channel's yearly coverage (first, last year), if any.
pub fn period_rates(
    obs: &Observations,
    rows: &[usize],
    (start, end): (i32, i32),
    coverage: Option<(i32, i32)>,
    focal: &str,
    settings: PeriodSettings,
) -> Option<PeriodRates> {
    let layout = layout(obs, rows, (start, end), coverage, settings.block_years)?;
    let focal_dense = layout.partners.iter().position(|&p| obs.strings.text(p) == focal);
    let names: Vec<String> = layout.partners.iter().map(|&p| obs.strings.text(p).to_string()).collect();
    let mut work = Work::new(&layout);
    let all: Vec<usize> = (0..layout.units.len()).collect();
    let point = work.draw(&layout, &all, None::<&mut rand_chacha::ChaCha8Rng>, focal_dense);
    let entries: Vec<(usize, f64)> = work.rates.iter().copied().enumerate().collect();
    let suite = metrics::compute(&entries, |k| names[k].as_str(), focal);
    let fixed = layout.resampling == Resampling::Fixed;
    let mut draws = Vec::new();
    if fixed || layout.units.len() >= 2 {
        let mut rng = stream(settings.seed, settings.stream);
        let mut pick = all.clone();
        for _ in 0..settings.replicates {
            match layout.resampling {
                Resampling::Events => poisson_pick(&mut pick, layout.units.len(), &mut rng),
                Resampling::YearBlocks => pick.iter_mut().for_each(|p| *p = rng.gen_range(0..layout.units.len())),
                Resampling::Fixed => {}
            }
            draws.push(work.draw(&layout, &pick, Some(&mut rng), focal_dense));
        }
    }
    Some(PeriodRates {
        start,
        end,
        suite,
        point,
        resampling: layout.resampling,
        units: if fixed { 0 } else { layout.units.len() },
        covered_years: layout.years + layout.total_only_years,
        totals: layout.totals.len(),
        partners: names,
        draws,
        alpha: settings.alpha,
    })
}

fn layout(obs: &Observations, rows: &[usize], (start, end): (i32, i32), coverage: Option<(i32, i32)>, block_years: i32) -> Option<Layout> {
    let (first, last) = coverage.map_or((start, start - 1), |(a, b)| (a.max(start), b.min(end)));
    let years = (last - first + 1).max(0) as usize;
    let yearly: Vec<usize> = rows
        .iter()
        .copied()
        .filter(|&i| obs.dating(i) != Dating::Period && obs.year_start[i] >= first && obs.year_start[i] <= last)
        .collect();
    let totals_in: Vec<usize> =
        rows.iter().copied().filter(|&i| obs.dating(i) == Dating::Period && obs.year_start[i] <= end && obs.year_end(i) >= start).collect();
    if yearly.is_empty() && totals_in.is_empty() {
        return None;
    }
    let mut partners: Vec<u32> = yearly.iter().chain(&totals_in).map(|&i| obs.partner[i]).collect();
    partners.sort_unstable();
    partners.dedup();
    let dense = |i: usize| partners.binary_search(&obs.partner[i]).unwrap_or(0);
    let entry = |i: usize| {
        let r = obs.row(i);
        (dense(i), (r.year_start - first) as usize, r.value, r.value_low.unwrap_or(r.value), r.value_high.unwrap_or(r.value))
    };
    let events = yearly.iter().any(|&i| obs.event_id(i) != NONE);
    let (units, blocks) =
        if events { (event_units(obs, &yearly, entry), Vec::new()) } else { block_units(&yearly, years, block_years, entry) };
    let cover = TotalCover::of(obs, &totals_in, (start, end), (first, last), partners.len(), dense);
    let resampling = if events {
        Resampling::Events
    } else if years > 0 {
        Resampling::YearBlocks
    } else {
        Resampling::Fixed
    };
    Some(Layout {
        partners,
        years,
        units,
        blocks,
        resampling,
        totals: cover.totals,
        total_cover: cover.cover,
        total_only_years: cover.only_years,
        total_only_presence: cover.only_presence,
    })
}

/// Events as resampling units: rows sharing an event_id (in any year of the period) are
/// one unit, a row without one is a unit of its own; structural zeros are no units.
fn event_units(obs: &Observations, yearly: &[usize], entry: impl Fn(usize) -> Entry) -> Vec<Vec<Entry>> {
    let mut units: Vec<Vec<Entry>> = Vec::new();
    let mut by_event: Vec<(u32, usize)> = Vec::new();
    for &i in yearly {
        let event = obs.event_id(i);
        if obs.is_structural_zero(i) {
            continue;
        }
        if event == NONE {
            units.push(vec![entry(i)]);
            continue;
        }
        match by_event.binary_search_by_key(&event, |e| e.0) {
            Ok(k) => units[by_event[k].1].push(entry(i)),
            Err(k) => {
                by_event.insert(k, (event, units.len()));
                units.push(vec![entry(i)]);
            }
        }
    }
    units
}

/// Blocks of `block_years` consecutive covered years (anchored at the first) as units,
/// with each block's (first slot, number of years).
fn block_units(yearly: &[usize], years: usize, block_years: i32, entry: impl Fn(usize) -> Entry) -> (Vec<Vec<Entry>>, Vec<(usize, usize)>) {
    if years == 0 {
        return (Vec::new(), Vec::new());
    }
    let block = block_years.max(1) as usize;
    let blocks: Vec<(usize, usize)> = (0..years.div_ceil(block)).map(|b| (b * block, block.min(years - b * block))).collect();
    let mut units = vec![Vec::new(); blocks.len()];
    for &i in yearly {
        let e = entry(i);
        units[e.1 / block].push(e);
    }
    (units, blocks)
}

/// The period totals of a period: their yearly rates, which covered years they cover
/// for their partner, and the years covered by totals only.
struct TotalCover {
    /// (dense partner, yearly rate, low, high).
    totals: Vec<(usize, f64, f64, f64)>,
    /// slot × partner: a positive total covers this slot for this partner.
    cover: Array2<bool>,
    only_years: usize,
    only_presence: f64,
}

impl TotalCover {
    fn of(
        obs: &Observations,
        totals_in: &[usize],
        (start, end): (i32, i32),
        (first, last): (i32, i32),
        partners: usize,
        dense: impl Fn(usize) -> usize,
    ) -> TotalCover {
        let years = (last - first + 1).max(0) as usize;
        let mut cover = Array2::from_elem((years, partners), false);
        let mut only: Vec<(i32, usize)> = Vec::new();
        let mut totals = Vec::new();
        for &i in totals_in {
            let r = obs.row(i);
            let n = (r.year_end - r.year_start + 1) as f64;
            let p = dense(i);
            totals.push((p, r.value / n, r.value_low.unwrap_or(r.value) / n, r.value_high.unwrap_or(r.value) / n));
            if r.value > 0.0 {
                for y in r.year_start.max(start)..=r.year_end.min(end) {
                    if y >= first && y <= last {
                        cover[[(y - first) as usize, p]] = true;
                    } else {
                        only.push((y, p));
                    }
                }
            }
        }
        only.sort_unstable();
        only.dedup();
        let mut only_years: Vec<i32> = totals_in.iter().flat_map(|&i| obs.year_start[i].max(start)..=obs.year_end(i).min(end)).collect();
        only_years.retain(|y| *y < first || *y > last);
        only_years.sort_unstable();
        only_years.dedup();
        TotalCover { totals, cover, only_years: only_years.len(), only_presence: only.len() as f64 }
    }
}

/// Scratch space reused across replicates.
struct Work {
    /// replicate slot × partner: the yearly values of one replicate.
    yearly: Array2<f64>,
    /// The covered year each replicate slot stands for.
    origin: Vec<usize>,
    rates: Vec<f64>,
}

impl Work {
    fn new(layout: &Layout) -> Work {
        // Year blocks can fill at most (blocks × longest block) slots.
        let longest = layout.blocks.iter().map(|b| b.1).max().unwrap_or(0);
        let slots = layout.years.max(layout.blocks.len() * longest);
        Work { yearly: Array2::zeros((slots, layout.partners.len())), origin: vec![0; slots], rates: vec![0.0; layout.partners.len()] }
    }

    /// Lays the picked units into replicate slots and sums them (with the totals) into
    /// rates; draws uncertain values inside their bounds when `rng` is given.
    fn draw<R: Rng>(&mut self, layout: &Layout, pick: &[usize], mut rng: Option<&mut R>, focal: Option<usize>) -> Draw {
        self.yearly.fill(0.0);
        self.rates.iter_mut().for_each(|r| *r = 0.0);
        let mut value = |v: f64, lo: f64, hi: f64| match rng.as_deref_mut() {
            Some(r) if hi > lo => lo + (hi - lo) * r.gen::<f64>(),
            _ => v,
        };
        let slots = match layout.resampling {
            Resampling::Events => {
                for &u in pick {
                    for &(p, slot, v, lo, hi) in &layout.units[u] {
                        self.yearly[[slot, p]] += value(v, lo, hi);
                    }
                }
                self.origin[..layout.years].iter_mut().enumerate().for_each(|(k, o)| *o = k);
                layout.years
            }
            Resampling::YearBlocks => {
                let mut offset = 0;
                for &u in pick {
                    let (first, len) = layout.blocks[u];
                    for &(p, slot, v, lo, hi) in &layout.units[u] {
                        self.yearly[[offset + slot - first, p]] += value(v, lo, hi);
                    }
                    for k in 0..len {
                        self.origin[offset + k] = first + k;
                    }
                    offset += len;
                }
                offset
            }
            Resampling::Fixed => 0,
        };
        let mut presence = layout.total_only_presence;
        for s in 0..slots {
            let row = self.yearly.row(s);
            let cover = layout.total_cover.row(self.origin[s]);
            presence += row.iter().zip(cover.iter()).filter(|(x, c)| **x > 0.0 || **c).count() as f64;
            for (rate, x) in self.rates.iter_mut().zip(row.iter()) {
                *rate += x;
            }
        }
        if slots > 0 {
            self.rates.iter_mut().for_each(|r| *r /= slots as f64);
        }
        for &(p, v, lo, hi) in &layout.totals {
            self.rates[p] += value(v, lo, hi);
        }
        let covered = slots + layout.total_only_years;
        let yearly_richness = if covered > 0 { presence / covered as f64 } else { 0.0 };
        summarise(&self.rates, focal, yearly_richness)
    }
}

/// The Poisson bootstrap of `units` events: each event enters the replicate k ~ Poisson(1)
/// times (Hanley, J. A. & MacGibbon, B. (2006), "Creating non-parametric bootstrap
/// samples using Poisson frequencies", Computer Methods and Programs in Biomedicine
/// 83(1); Chamandy, N. et al. (2012), "Estimating uncertainty for massive data streams",
/// Google). The number of events varies between replicates as it does between
/// realisations of a process of events; with the number fixed, a partner that joins a
/// share q of n events would get the volume variance n·q(1−q) instead of about its count
/// n·q, far too small when q is near 1.
fn poisson_pick(pick: &mut Vec<usize>, units: usize, rng: &mut impl Rng) {
    // Poisson(1) by inversion: P(0) = P(1) = e⁻¹, P(k) = P(k−1)/k.
    pick.clear();
    for u in 0..units {
        let (mut k, mut p, mut cdf, x) = (0usize, (-1.0f64).exp(), (-1.0f64).exp(), rng.gen::<f64>());
        while x > cdf && k < 20 {
            k += 1;
            p /= k as f64;
            cdf += p;
        }
        pick.extend(std::iter::repeat_n(u, k));
    }
}

/// The claim-relevant numbers of one rate vector (one pass, no sorting).
fn summarise(rates: &[f64], focal: Option<usize>, yearly_richness: f64) -> Draw {
    let total: f64 = rates.iter().sum();
    let focal_rate = focal.map_or(0.0, |f| rates[f]);
    if total <= 0.0 {
        return Draw { focal_rate, yearly_richness, enp: None, focal_share: None, dominance: None, focal_first: false, leader: None };
    }
    let hhi: f64 = rates.iter().map(|r| (r / total) * (r / total)).sum();
    let mut leader = 0usize;
    for (k, r) in rates.iter().enumerate() {
        if *r > rates[leader] {
            leader = k;
        }
    }
    let other_max = rates
        .iter()
        .enumerate()
        .filter(|(k, r)| Some(*k) != focal && **r > 0.0)
        .map(|(_, r)| *r)
        .fold(None, |m: Option<f64>, r| Some(m.map_or(r, |m| m.max(r))));
    // With no other active partner the focal partner's lead is unbounded: +∞ (so that a
    // replicate in which only the focal partner delivers counts as "above" any threshold).
    let dominance = match (focal, other_max) {
        (Some(f), Some(o)) => Some(rates[f] / o),
        (Some(f), None) if rates[f] > 0.0 => Some(f64::INFINITY),
        _ => None,
    };
    let focal_first = focal.is_some_and(|f| rates[f] > 0.0 && other_max.is_none_or(|o| rates[f] >= o));
    Draw {
        focal_rate,
        yearly_richness,
        enp: Some(1.0 / hhi),
        focal_share: Some(focal_rate / total),
        dominance,
        focal_first,
        leader: Some(leader),
    }
}

/// The tail probability of the expanded percentile interval for `n` units with `df`
/// degrees of freedom (n − 1 for one sample): Φ(−√(n/(n−1)) · t_{df, 1−α/2}); α/2 when
/// n is unknown (or n < 2, or df = 0).
///
/// Hesterberg, T. C. (2015), "What teachers should know about the bootstrap", The
/// American Statistician 69(4).
pub fn expanded_tail(alpha: f64, n: Option<usize>, df: usize) -> f64 {
    match n {
        Some(n) if n >= 2 && df >= 1 => {
            let nf = n as f64;
            let t = StudentsT::new(0.0, 1.0, df as f64).map_or(1.96, |d| d.inverse_cdf(1.0 - alpha / 2.0));
            Normal::new(0.0, 1.0).map_or(alpha / 2.0, |z| z.cdf(-(nf / (nf - 1.0)).sqrt() * t))
        }
        _ => alpha / 2.0,
    }
}

impl PeriodRates {
    /// Units behind the intervals (None when only fixed totals vary).
    pub fn unit_count(&self) -> Option<usize> {
        (self.resampling != Resampling::Fixed).then_some(self.units)
    }

    /// The interval of one number of the draws.
    pub fn interval(&self, pick: impl Fn(&Draw) -> Option<f64>) -> Option<Interval> {
        let values: Vec<f64> = self.draws.iter().filter_map(&pick).collect();
        let n = self.unit_count();
        interval_of(values, self.draws.len(), expanded_tail(self.alpha, n, n.unwrap_or(1).saturating_sub(1)))
    }

    /// Share of replicates in which the focal partner ranks first.
    pub fn p_focal_first(&self) -> Option<f64> {
        (!self.draws.is_empty()).then(|| self.draws.iter().filter(|d| d.focal_first).count() as f64 / self.draws.len() as f64)
    }

    /// Share of replicates in which another partner than the focal one ranks first alone
    /// (a replicate where every rate is 0 has no leader and counts for neither).
    pub fn p_other_first(&self) -> Option<f64> {
        (!self.draws.is_empty())
            .then(|| self.draws.iter().filter(|d| d.leader.is_some() && !d.focal_first).count() as f64 / self.draws.len() as f64)
    }

    /// Share of replicates in which partner `leader` (dense index) ranks first.
    pub fn p_first(&self, leader: usize) -> Option<f64> {
        (!self.draws.is_empty()).then(|| self.draws.iter().filter(|d| d.leader == Some(leader)).count() as f64 / self.draws.len() as f64)
    }

    /// The point leader's dense index.
    pub fn leader(&self) -> Option<usize> {
        self.point.leader
    }
}

/// late − early of one number, replicate by replicate (the two bootstraps are
/// independent), with the expanded tail of the smaller unit count and the two samples'
/// degrees of freedom (n_early + n_late − 2).
pub fn difference(early: &PeriodRates, late: &PeriodRates, pick: impl Fn(&Draw) -> Option<f64>) -> Option<(f64, Option<Interval>)> {
    let point = pick(&late.point)? - pick(&early.point)?;
    let n = early.draws.len().min(late.draws.len());
    let values: Vec<f64> = early.draws.iter().zip(&late.draws).filter_map(|(e, l)| Some(pick(l)? - pick(e)?)).collect();
    let (units, df) = match (early.unit_count(), late.unit_count()) {
        (Some(a), Some(b)) => (Some(a.min(b)), (a + b).saturating_sub(2)),
        (Some(a), None) | (None, Some(a)) => (Some(a), a.saturating_sub(1)),
        (None, None) => (None, 0),
    };
    Some((point + 0.0, interval_of(values, n, expanded_tail(early.alpha, units, df))))
}
