//! A period's partner rates: the point estimate on the data and joint posterior draws
//! from a model of the units of evidence (docs/METHODS.md §1.4).
//!
//! For a period P = [start, end] and partner i the point rate is
//!
//! r_i = Σ_{y ∈ Y} x_{i,y} / |Y| + Σ_{totals t of i overlapping P} T_t / n_t,
//!
//! where Y are the years of P inside the channel's yearly coverage, x_{i,y} the yearly
//! values (events or sums) and T_t a total over n_t years. A total is one measurement of
//! a rate: it enters every period it overlaps with its average yearly rate, and the
//! years outside its span are not covered (not zero).
//!
//! **Posterior draws** (one draw = every partner's rate at once, so shares and ranks are
//! coherent). The yearly part is a Bayesian bootstrap over the units of evidence with a
//! proper prior (the posterior of a Dirichlet / gamma process, Ferguson 1973; Rubin
//! 1981; Lo 1987):
//!
//! * **events** (clustered by recurring series where the data name one, else by
//!   `event_id`): each unit u gets an unnormalised weight w_u ~ Gamma(1, 1), so the number
//!   of events is uncertain as in a Poisson process, and
//!   λ_i = (Σ_u w_u x_{u,i} + g_i m) / (|Y| + 1): the conjugate posterior of a gamma
//!   process whose prior (the pseudo-units) counts as one year of exposure, as in the
//!   prior draws below (the "+ 1" was found by the
//!   self-consistency check of `calibrate`, which draws worlds from this prior);
//! * **year blocks** (yearly sums without events): Dirichlet weights over blocks of
//!   years, λ_i = (Σ_b w_b x_{b,i} + g_i m) / (Σ_b w_b len_b + Σ_k g_k);
//! * **no covered years** (period totals only): λ_i = g_i m;
//!
//! plus, for every period total t of partner i, its measured rate times a coding error
//! ε_t = exp(σ z), z ~ N(0, 1) truncated so that the total stays within
//! [value_low, value_high]. ε_t is drawn once per draw for the total, whichever period
//! it enters, so a total that spans two periods moves both alike.
//!
//! The prior: a₀ pseudo-units of evidence per period (`ModelPrior::units`), spread evenly
//! over the channel's K partners, g_k ~ Gamma(a₀ / K, 1), each of the channel's typical
//! unit size m (the mean positive yearly value of a partner). Prior draws (what the
//! procedure says with no data) are the same in every kind of period: λ_k = g_k m, and
//! partner k is active with chance 1 − exp(−g_k).
//!
//! **Expected active partners per year** counts partners, not volume: Σ_i min(1, a_i)
//! with a_i = 1 − exp(−c_i) for events (c_i = the weighted number of partner i's events
//! per covered year, its pseudo-unit counting as one event: the chance that it takes
//! part in at least one event in a year when its events arrive as a Poisson process),
//! the weighted share of covered years in which it is active for year blocks (its
//! pseudo-unit a pseudo-year), plus, for a positive period total, the share of the
//! period's covered years the total spans.
//!
//! **Richness at a common sample size t** (`PeriodSettings::rarefy_to`, claim C1):
//! π_i = (Σ_u w_u e_{u,i} + g_i) / (Σ_u w_u E_u + Σ_k g_k), with E_u the sampling units
//! of unit u (its events with a positive value, or its years) and e_{u,i} those in which
//! partner i takes part, and S(t) = Σ_i [1 − (1 − π_i)^t] (`expected_richness`); prior
//! draws take π_i = g_i / Σ_k g_k. The point value is the sample's rarefaction
//! Σ_i [1 − C(T − Y_i, t) / C(T, t)] (`Incidence::rarefied`; Colwell et al. 2012).
//!
//! **Kinds at the same common size** (claim C2): the same with the channel's J kinds of
//! cooperation (`kind`) in place of partners and the same unit weights w_u, so kinds and
//! partners are drawn jointly: κ_j = (Σ_u w_u f_{u,j} + h_j) / (Σ_u w_u E_u + Σ_k h_k),
//! f_{u,j} the sampling units of unit u that carry kind j, h_j ~ Gamma(a₀ / J, 1) the
//! kinds' own pseudo-units, and S_kinds(t) = Σ_j [1 − (1 − κ_j)^t]; the point value is
//! the sample's rarefied number of kinds. None when the rows name no kind.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rand::Rng;
use rand_distr::{Distribution, Gamma};
use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::data::observations::{Dating, Observations, NONE};
use crate::metrics::rarefaction::{expected_richness, Incidence};
use crate::metrics::{self, Suite};
use crate::stats::resample::Interval;
use crate::stats::rng::{interval_of, stream, Stream};

/// One row's contribution to a unit: its partner and its value with the bounds it is drawn in.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    /// Dense partner index.
    partner: usize,
    /// The coded value.
    value: f64,
    /// Lower bound (the value where none is coded).
    low: f64,
    /// Upper bound (the value where none is coded).
    high: f64,
}

impl Entry {
    /// The value of one draw: uniform within the bounds, the value itself without them.
    fn drawn(&self, rng: &mut impl Rng) -> f64 {
        if self.high > self.low {
            self.low + (self.high - self.low) * rng.gen::<f64>()
        } else {
            self.value
        }
    }
}

/// A period total that enters a period: one measurement of a yearly rate.
#[derive(Debug, Clone, Copy, PartialEq)]
struct TotalRate {
    /// Its rank among the channel's totals by content (the identity of its coding-error stream).
    row: usize,
    /// Dense partner index.
    partner: usize,
    /// The total over its years: a yearly rate.
    rate: f64,
    /// Lower bound of the yearly rate (0 where none is coded).
    low: f64,
    /// Upper bound of the yearly rate (+∞ where none is coded).
    high: f64,
}

/// How the yearly part of a period enters the posterior.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resampling {
    /// Events (clustered by series) are the units, with gamma weights.
    Events,
    /// Blocks of consecutive years (all rows of those years) are the units, with Dirichlet weights.
    YearBlocks,
    /// No yearly data: only period totals (each one measurement with a coding error).
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

/// The prior and the coding-error model of the posterior draws (the analysis file's `[prior]`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ModelPrior {
    /// a₀: prior pseudo-units of evidence per period, spread evenly over the channel's partners.
    pub units: f64,
    /// σ: standard deviation of a period total's log coding error.
    pub total_error: f64,
}

/// Settings of one period's draws.
#[derive(Debug, Clone, Copy)]
pub struct PeriodSettings {
    /// Posterior draws (and as many prior draws).
    pub draws: usize,
    /// Seed of the random streams of the units' weights and the totals' errors.
    pub seed: u64,
    /// Seed of the pseudo-units' weights of the draws from the prior alone (the same for
    /// every simulated world of a calibration). The posterior draws' pseudo-units follow
    /// `seed`: a world that shared them with every other world would share their Monte
    /// Carlo error too, and the worlds of a calibration would not be independent.
    pub prior_seed: u64,
    /// The channel's index (for the random streams).
    pub channel: u32,
    /// The period's index within the channel (for the random streams).
    pub period: u32,
    /// Which prior of the analysis file (0 the main one, 1 the sensitivity prior).
    pub prior_index: u32,
    /// Years per block when yearly sums are the units (blocks start at the period's start).
    pub block_years: i32,
    /// The prior and the coding-error model.
    pub prior: ModelPrior,
    /// m: the channel's typical unit size (mean positive yearly value of a partner).
    pub unit_scale: f64,
    /// t: the common sample size (sampling units) at which richness is rarefied, None
    /// when the channel's first and last periods hold too few units to compare.
    pub rarefy_to: Option<usize>,
}

/// The claim-relevant numbers of one draw (or of the data itself).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Draw {
    /// The focal partner's yearly rate.
    pub focal_rate: f64,
    /// Expected active partners per year, Σ_i min(1, a_i) (see the module's documentation).
    pub yearly_richness: f64,
    /// Richness at the common sample size t (`PeriodSettings::rarefy_to`; see the module's
    /// documentation); None when not rarefied.
    pub rarefied_richness: Option<f64>,
    /// Kinds of cooperation at the common sample size t (claim C2; None when not rarefied
    /// or the channel names no kind).
    pub rarefied_kinds: Option<f64>,
    /// The share of the rates of partners beyond the post-Soviet space among the partners
    /// whose region is known (`beyond_share`); None when none of them is active.
    pub beyond_share: Option<f64>,
    /// ENP = 1 / Σ (λ_i / Σ λ)² (Laakso & Taagepera 1979); None when every rate is 0.
    pub enp: Option<f64>,
    /// The focal partner's rate / Σ λ; None when every rate is 0.
    pub focal_share: Option<f64>,
    /// Focal rate / largest other rate; +∞ when no other partner is active.
    pub dominance: Option<f64>,
    /// The largest rate of another partner (0 when none is active).
    pub max_other: f64,
    /// Whether the focal partner ranks first (ties count as first).
    pub focal_first: bool,
    /// Dense index of the partner ranked first (None when every rate is 0).
    pub leader: Option<usize>,
}

/// What a period's data hold, for deciding which claims the data can inform.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Covered years with yearly data (events or sums, zeros included).
    pub yearly_years: usize,
    /// The period totals that enter: (the total's rank among the channel's totals, dense partner).
    pub totals: Vec<(usize, usize)>,
    /// Sum of the data's point rates (0: nobody cooperated in the period, or no data).
    pub volume: f64,
}

impl Evidence {
    /// Whether the period holds any data.
    pub fn any(&self) -> bool {
        self.yearly_years > 0 || !self.totals.is_empty()
    }

    /// Whether the data say anything about partner `p`'s rate: yearly data, or a total of `p`.
    pub fn about(&self, p: Option<usize>) -> bool {
        self.yearly_years > 0 || p.is_some_and(|p| self.totals.iter().any(|t| t.1 == p))
    }

    /// Whether partner `p`'s rate rests on the same totals in both periods and on nothing
    /// else: its change between them is then fixed by construction, not measured.
    pub fn tied(&self, other: &Evidence, p: Option<usize>) -> bool {
        let of = |e: &Evidence| e.totals.iter().filter(|t| Some(t.1) == p).map(|t| t.0).collect::<Vec<_>>();
        self.yearly_years == 0 && other.yearly_years == 0 && of(self) == of(other)
    }
}

/// A period: point estimates on the data, posterior draws and prior draws.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodRates {
    /// First year of the period.
    pub start: i32,
    /// Last year of the period (inclusive).
    pub end: i32,
    /// The index suite on the partners' point rates.
    pub suite: Suite,
    /// The claim-relevant numbers on the data itself (the point estimates).
    pub point: Draw,
    /// How the yearly part of the period enters the posterior.
    pub resampling: Resampling,
    /// Units of evidence of the yearly part (event clusters or year blocks); 0 when fixed.
    pub units: usize,
    /// Events behind the units (equal to `units` unless series cluster them; 0 without events).
    pub events: usize,
    /// Years of the period covered by the channel's data (yearly or by totals).
    pub covered_years: usize,
    /// Period totals that enter the period.
    pub totals: usize,
    /// T: sampling units of the period for rarefied richness (events with a positive
    /// value, or covered years; 0 in a period of totals only).
    pub sampling_units: usize,
    /// t: the common sample size its richness is rarefied to (None: not rarefied).
    pub rarefied_to: Option<usize>,
    /// Per dense partner, whether it is beyond the post-Soviet space (None: its region is
    /// not known), for claim C3.
    #[serde(skip)]
    pub beyond: Vec<Option<bool>>,
    /// The channel's kinds of cooperation (sorted; empty when its rows name none).
    pub kinds: Vec<String>,
    /// Partner names by dense index (the channel's partners, the same in every period).
    pub partners: Vec<String>,
    /// The focal partner's dense index (None when it is not among the channel's partners).
    pub focal: Option<usize>,
    /// What the data hold (for which claims they inform).
    pub evidence: Evidence,
    /// The joint posterior draws.
    #[serde(skip)]
    pub draws: Vec<Draw>,
    /// Draws from the prior alone (what the procedure says with no data).
    #[serde(skip)]
    pub prior_draws: Vec<Draw>,
}

/// The inputs of one period, sorted into units of evidence.
struct Layout {
    /// Covered years of the yearly data inside the period.
    years: usize,
    /// Units of the yearly part; each entry is (dense partner, value, low, high).
    units: Vec<Vec<Entry>>,
    /// Per unit, each active partner's count in it: events (event clusters) or active years (blocks).
    presence: Vec<Vec<(usize, f64)>>,
    /// Per partner, the share of the period's covered years spanned by its positive totals.
    total_activity: Vec<f64>,
    /// Events behind the units.
    events: usize,
    /// For year blocks: each unit's number of years.
    block_lengths: Vec<usize>,
    /// Per unit, each kind's count of its sampling units (`super::kinds::kind_presence`).
    kind_presence: Vec<Vec<(usize, f64)>>,
    /// Per unit, its sampling units for rarefied richness: its events with a positive
    /// value (event units) or its years (year blocks).
    sampling: Vec<f64>,
    resampling: Resampling,
    /// Period totals.
    totals: Vec<TotalRate>,
    /// Years of the period covered by totals only.
    total_only_years: usize,
}

impl Layout {
    /// T: the period's sampling units (events with a positive value, or covered years).
    fn sampling_units(&self) -> usize {
        self.sampling.iter().sum::<f64>() as usize
    }

    /// The period's kinds' incidence (unweighted).
    fn kind_incidence(&self, kinds: usize) -> Incidence {
        let mut counts = vec![0.0; kinds];
        self.kind_presence.iter().flatten().for_each(|&(j, n)| counts[j] += n);
        self.incidence(&counts)
    }

    /// The period's incidence from each partner's count of units (`counts`, unweighted).
    fn incidence(&self, counts: &[f64]) -> Incidence {
        let mut frequencies: Vec<usize> = counts.iter().map(|&c| c as usize).filter(|&c| c > 0).collect();
        frequencies.sort_unstable_by(|a, b| b.cmp(a));
        Incidence { units: self.sampling_units(), frequencies }
    }
}

/// The sampling units of period [start, end] of `rows` and each partner's number of them
/// (the period's incidence, for rarefied richness: docs/METHODS.md §4.9); None when the
/// period holds no row. Arguments as in `period_rates`.
pub fn period_incidence(obs: &Observations, universe: &[u32], period: (i32, i32), coverage: Option<(i32, i32)>) -> Option<Incidence> {
    let layout = layout(obs, universe, period, coverage, (1, &[]))?;
    let mut counts = vec![0.0; universe.len()];
    layout.presence.iter().flatten().for_each(|&(p, n)| counts[p] += n);
    Some(layout.incidence(&counts))
}

/// The partner ids of `obs`, each once, ordered by name: the dense partner list
/// (`universe`) of `period_rates`. The order follows the names, not the order in which
/// rows introduced them, so that the draws do not depend on the order of the rows.
pub fn partners_of(obs: &Observations) -> Vec<u32> {
    let mut ids = obs.partner.clone();
    ids.sort_unstable();
    ids.dedup();
    ids.sort_by(|a, b| obs.strings.text(*a).cmp(obs.strings.text(*b)));
    ids
}

/// A row's content as a sort key: its partner, years, value and bounds, event and series
/// (texts, not ids), so that units, entries and totals can be ordered whatever the order
/// of the rows.
fn content_key(obs: &Observations, i: usize) -> (String, i32, i32, u64, u64, u64, String, String) {
    let r = obs.row(i);
    let bits = |x: Option<f64>| x.map_or(u64::MAX, f64::to_bits);
    (
        r.partner.to_string(),
        r.year_start,
        r.year_end,
        r.value.to_bits(),
        bits(r.value_low),
        bits(r.value_high),
        r.event_id.unwrap_or("").to_string(),
        r.series.unwrap_or("").to_string(),
    )
}

/// Computes the period [start, end] of `rows` (one channel, attributed, period totals
/// not spread) over the dense partner list `universe` (the channel's partner ids).
/// `coverage` is the channel's yearly coverage (first, last year), if any; `beyond` says
/// per dense partner whether it is beyond the post-Soviet space (None or missing: not
/// known). None when the period holds no row.
pub fn period_rates(
    obs: &Observations,
    universe: &[u32],
    (start, end): (i32, i32),
    coverage: Option<(i32, i32)>,
    (focal, beyond): (&str, &[Option<bool>]),
    settings: PeriodSettings,
) -> Option<PeriodRates> {
    let kinds = super::kinds::kinds_of(obs);
    let layout = layout(obs, universe, (start, end), coverage, (settings.block_years, &kinds))?;
    let focal_dense = universe.iter().position(|&p| obs.strings.text(p) == focal);
    let names: Vec<String> = universe.iter().map(|&p| obs.strings.text(p).to_string()).collect();
    let pseudo = |prior_only: bool| pseudo_weights(&settings, universe.len(), prior_only, false);
    let kind_pseudo = |prior_only: bool| pseudo_weights(&settings, kinds.len(), prior_only, true);
    let model = Model {
        layout: &layout,
        focal: focal_dense,
        settings,
        partners: universe.len(),
        posterior_pseudo: pseudo(false),
        prior_pseudo: pseudo(true),
        kinds: kinds.len(),
        kind_posterior_pseudo: kind_pseudo(false),
        kind_prior_pseudo: kind_pseudo(true),
        beyond,
    };
    let mut scratch = Scratch {
        rates: vec![0.0; universe.len()],
        activity: vec![0.0; universe.len()],
        kinds: vec![0.0; kinds.len()],
        rarefied: None,
        rarefied_kinds: None,
    };
    model.point(&mut scratch);
    let point_draw = model.summarise(&scratch);
    let point = scratch.rates.clone();
    let entries: Vec<(usize, f64)> = point.iter().copied().enumerate().collect();
    let suite = metrics::compute(&entries, |k| names[k].as_str(), focal);
    let errors = total_errors(&layout, &settings);
    let mut rng =
        stream(settings.seed, Stream::Posterior { channel: settings.channel, period: settings.period, prior: settings.prior_index }.id());
    let draws = (0..settings.draws).map(|r| model.posterior(&mut rng, &errors, r, &mut scratch)).collect();
    let prior_draws = (0..settings.draws).map(|r| model.prior_only(r, &mut scratch)).collect();
    let evidence = Evidence {
        yearly_years: layout.years,
        totals: layout.totals.iter().map(|t| (t.row, t.partner)).collect(),
        volume: point.iter().sum(),
    };
    Some(PeriodRates {
        start,
        end,
        suite,
        point: point_draw,
        resampling: layout.resampling,
        units: layout.units.len(),
        events: layout.events,
        covered_years: layout.years + layout.total_only_years,
        totals: layout.totals.len(),
        sampling_units: layout.sampling_units(),
        rarefied_to: settings.rarefy_to,
        beyond: beyond.to_vec(),
        kinds,
        partners: names,
        focal: focal_dense,
        evidence,
        draws,
        prior_draws,
    })
}

/// The period's units of evidence (`block_years`: years per block of yearly sums;
/// `kinds`: the channel's kinds of cooperation).
fn layout(
    obs: &Observations,
    universe: &[u32],
    (start, end): (i32, i32),
    coverage: Option<(i32, i32)>,
    (block_years, kinds): (i32, &[String]),
) -> Option<Layout> {
    let (first, last) = coverage.map_or((start, start - 1), |(a, b)| (a.max(start), b.min(end)));
    let years = (last - first + 1).max(0) as usize;
    // Partner id → dense index (the universe is ordered by name, so look ids up by id).
    let mut index: Vec<(u32, usize)> = universe.iter().enumerate().map(|(k, &id)| (id, k)).collect();
    index.sort_unstable();
    let dense_of = |i: usize| index.binary_search_by_key(&obs.partner[i], |e| e.0).ok().map(|k| index[k].1);
    let in_universe = |i: &usize| dense_of(*i).is_some();
    let yearly: Vec<usize> = (0..obs.len())
        .filter(|&i| obs.dating(i) != Dating::Period && obs.year_start[i] >= first && obs.year_start[i] <= last)
        .filter(in_universe)
        .collect();
    let totals_in: Vec<usize> = (0..obs.len())
        .filter(|&i| obs.dating(i) == Dating::Period && obs.year_start[i] <= end && obs.year_end(i) >= start)
        .filter(in_universe)
        .collect();
    if yearly.is_empty() && totals_in.is_empty() && years == 0 {
        return None;
    }
    let dense = |i: usize| dense_of(i).unwrap_or(0);
    let entry = |i: usize| {
        let r = obs.row(i);
        Entry { partner: dense(i), value: r.value, low: r.value_low.unwrap_or(r.value), high: r.value_high.unwrap_or(r.value) }
    };
    let events = yearly.iter().any(|&i| obs.event_id(i) != NONE);
    // Each unit's rows (row index, unit index): the units' entries and activities come from the same assignment.
    let (assigned, units_count, event_count, block_lengths) = if events {
        let (assigned, units, count) = event_units(obs, &yearly);
        (assigned, units, count, Vec::new())
    } else {
        let (assigned, lengths) = block_units(obs, &yearly, (first, years), block_years);
        (assigned, lengths.len(), 0, lengths)
    };
    let mut units: Vec<Vec<Entry>> = vec![Vec::new(); units_count];
    for &(i, unit) in &assigned {
        units[unit].push(entry(i));
    }
    // Entries in a canonical order: each draws its value within its bounds in turn.
    for unit in units.iter_mut() {
        unit.sort_by(|a, b| {
            (a.partner, a.value.to_bits(), a.low.to_bits(), a.high.to_bits()).cmp(&(
                b.partner,
                b.value.to_bits(),
                b.low.to_bits(),
                b.high.to_bits(),
            ))
        });
    }
    let resampling = if events {
        Resampling::Events
    } else if years > 0 {
        Resampling::YearBlocks
    } else {
        Resampling::Fixed
    };
    let (totals, total_activity, total_only_years) = totals_of(obs, &totals_in, (start, end), (first, last), universe.len(), dense);
    let (presence, sampling) = presence_of(obs, &assigned, units_count, events, dense);
    let sampling = if events { sampling } else { block_lengths.iter().map(|&l| l as f64).collect() };
    let kind_presence = super::kinds::kind_presence(obs, &assigned, units_count, events, kinds);
    Some(Layout {
        years,
        units,
        presence,
        kind_presence,
        total_activity,
        events: event_count,
        block_lengths,
        sampling,
        resampling,
        totals,
        total_only_years,
    })
}

/// The period totals that enter a period: their yearly rates, each partner's share of the
/// period's covered years spanned by its positive totals, and the years covered by totals only.
fn totals_of(
    obs: &Observations,
    totals_in: &[usize],
    (start, end): (i32, i32),
    (first, last): (i32, i32),
    partners: usize,
    dense: impl Fn(usize) -> usize,
) -> (Vec<TotalRate>, Vec<f64>, usize) {
    // A total's identity (its coding-error stream) is its rank among the channel's totals
    // by content, not its row number, so that the draws do not depend on the order of the rows.
    let mut all: Vec<usize> = (0..obs.len()).filter(|&i| obs.dating(i) == Dating::Period).collect();
    all.sort_by_cached_key(|&i| content_key(obs, i));
    let ranks: HashMap<usize, usize> = all.iter().enumerate().map(|(r, &i)| (i, r)).collect();
    let rank = |i: usize| ranks.get(&i).copied().unwrap_or(i);
    let mut totals_in = totals_in.to_vec();
    totals_in.sort_by_key(|&i| rank(i));
    let totals: Vec<TotalRate> = totals_in
        .iter()
        .map(|&i| {
            let r = obs.row(i);
            let n = (r.year_end - r.year_start + 1) as f64;
            // A bound left out does not bound the coding error: 0 below, +∞ above.
            TotalRate {
                row: rank(i),
                partner: dense(i),
                rate: r.value / n,
                low: r.value_low.unwrap_or(0.0) / n,
                high: r.value_high.map_or(f64::INFINITY, |h| h / n),
            }
        })
        .collect();
    let mut only_years: Vec<i32> = totals_in.iter().flat_map(|&i| obs.year_start[i].max(start)..=obs.year_end(i).min(end)).collect();
    only_years.retain(|y| *y < first || *y > last);
    only_years.sort_unstable();
    only_years.dedup();
    let covered = (last - first + 1).max(0) as usize + only_years.len();
    let mut total_activity = vec![0.0; partners];
    for &i in totals_in.iter().filter(|&&i| obs.value[i] > 0.0) {
        let spanned = (obs.year_end(i).min(end) - obs.year_start[i].max(start) + 1).max(0) as f64;
        total_activity[dense(i)] += spanned / covered.max(1) as f64;
    }
    (totals, total_activity, only_years.len())
}

/// The sampling unit of row `i` inside its unit of evidence: its event for event units
/// (a row without event_id is an event of its own), its year for year blocks.
pub(crate) fn sampling_key(obs: &Observations, i: usize, events: bool) -> (u32, i32) {
    if events {
        (obs.event_id(i), if obs.event_id(i) == NONE { i as i32 } else { 0 })
    } else {
        (NONE, obs.year_start[i])
    }
}

/// Per unit, each label's count of distinct sampling units: `seen` holds (unit, label,
/// sampling key) triples, flattened, possibly repeated.
pub(crate) fn counts_per_unit(mut seen: Vec<(usize, usize, u32, i32)>, units: usize) -> Vec<Vec<(usize, f64)>> {
    seen.sort_unstable();
    seen.dedup();
    let mut counts = vec![Vec::<(usize, f64)>::new(); units];
    for (unit, label, ..) in seen {
        match counts[unit].last_mut() {
            Some(last) if last.0 == label => last.1 += 1.0,
            _ => counts[unit].push((label, 1.0)),
        }
    }
    counts
}

/// Per unit, each partner's count in it: its distinct events with a positive value (for
/// event units), or its years with one (for year blocks); `assigned` holds each row's unit.
/// Also, per unit, its distinct events with a positive value (for event units).
fn presence_of(
    obs: &Observations,
    assigned: &[(usize, usize)],
    units: usize,
    events: bool,
    dense: impl Fn(usize) -> usize,
) -> (Vec<Vec<(usize, f64)>>, Vec<f64>) {
    // An event counts once per partner (whatever its years); a year once per partner.
    let seen: Vec<(usize, usize, u32, i32)> = assigned
        .iter()
        .filter(|&&(i, _)| obs.value[i] > 0.0)
        .map(|&(i, unit)| {
            let (event, year) = sampling_key(obs, i, events);
            (unit, dense(i), event, year)
        })
        .collect();
    let mut sampled: Vec<(usize, u32, i32)> = seen.iter().map(|&(unit, _, event, year)| (unit, event, year)).collect();
    sampled.sort_unstable();
    sampled.dedup();
    let mut sampling = vec![0.0; units];
    sampled.iter().for_each(|&(unit, ..)| sampling[unit] += 1.0);
    (counts_per_unit(seen, units), sampling)
}

/// The cluster an event row belongs to: its series where the data name one (a recurring
/// exercise series is one unit of evidence), else its event.
fn cluster_of(obs: &Observations, i: usize) -> (bool, u32) {
    match obs.series(i) {
        NONE => (false, obs.event_id(i)),
        series => (true, series),
    }
}

/// Events as units: rows sharing a series, or else an event_id (in any year of the
/// period), are one unit; a row with neither is a unit of its own; structural zeros are
/// no units. Returns each row's unit (row, unit), the number of units and the number of
/// events behind them.
fn event_units(obs: &Observations, yearly: &[usize]) -> (Vec<(usize, usize)>, usize, usize) {
    let mut assigned = Vec::with_capacity(yearly.len());
    let mut units = 0;
    let mut by_cluster: Vec<((bool, u32), usize)> = Vec::new();
    let mut events: Vec<u32> = Vec::new();
    let mut singles = 0;
    for &i in yearly.iter().filter(|&&i| !obs.is_structural_zero(i)) {
        let key = cluster_of(obs, i);
        if obs.event_id(i) == NONE {
            singles += 1;
        } else {
            events.push(obs.event_id(i));
        }
        let unit = if key == (false, NONE) {
            units += 1;
            units - 1
        } else {
            match by_cluster.binary_search_by_key(&key, |e| e.0) {
                Ok(k) => by_cluster[k].1,
                Err(k) => {
                    by_cluster.insert(k, (key, units));
                    units += 1;
                    units - 1
                }
            }
        };
        assigned.push((i, unit));
    }
    events.sort_unstable();
    events.dedup();
    (canonical_units(obs, assigned, units), units, events.len() + singles)
}

/// `assigned` with the units renumbered in a canonical order, so that the units' weights
/// do not depend on the order of the rows: clusters by their series, then by their
/// event's text, rows without either by their content.
fn canonical_units(obs: &Observations, assigned: Vec<(usize, usize)>, units: usize) -> Vec<(usize, usize)> {
    type UnitKey = (u8, String, (String, i32, i32, u64, u64, u64, String, String));
    let mut keys: Vec<Option<UnitKey>> = vec![None; units];
    for &(i, unit) in &assigned {
        let key = match cluster_of(obs, i) {
            (true, series) => (0, obs.strings.text(series).to_string(), Default::default()),
            (false, NONE) => (2, String::new(), content_key(obs, i)),
            (false, event) => (1, obs.strings.text(event).to_string(), Default::default()),
        };
        if keys[unit].as_ref().is_none_or(|k| key < *k) {
            keys[unit] = Some(key);
        }
    }
    let mut order: Vec<usize> = (0..units).collect();
    order.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
    let mut rank = vec![0; units];
    for (r, &unit) in order.iter().enumerate() {
        rank[unit] = r;
    }
    assigned.into_iter().map(|(i, unit)| (i, rank[unit])).collect()
}

/// Blocks of `block_years` consecutive covered years (anchored at the first) as units:
/// each row's unit (row, unit) and each block's number of years.
fn block_units(obs: &Observations, yearly: &[usize], (first, years): (i32, usize), block_years: i32) -> (Vec<(usize, usize)>, Vec<usize>) {
    if years == 0 {
        return (Vec::new(), Vec::new());
    }
    let block = block_years.max(1) as usize;
    let lengths: Vec<usize> = (0..years.div_ceil(block)).map(|b| block.min(years - b * block)).collect();
    let assigned = yearly.iter().map(|&i| (i, (obs.year_start[i] - first) as usize / block)).collect();
    (assigned, lengths)
}

/// Each total's coding error ε in every draw, from the total's own stream (the same in
/// every period the total enters): ε = exp(σ z), z ~ N(0, 1) truncated to the total's bounds.
fn total_errors(layout: &Layout, settings: &PeriodSettings) -> Vec<Vec<f64>> {
    let sigma = settings.prior.total_error;
    let normal = Normal::new(0.0, 1.0).ok();
    layout
        .totals
        .iter()
        .map(|&TotalRate { row, rate: v, low: lo, high: hi, .. }| {
            let id = Stream::TotalError { channel: settings.channel, row: row as u32, prior: settings.prior_index }.id();
            let mut rng = stream(settings.seed, id);
            let bound = |b: f64| if v > 0.0 && sigma > 0.0 { (b / v).ln() / sigma } else { 0.0 };
            let (a, b) = (bound(lo), bound(hi));
            let (ca, cb) = normal.as_ref().map_or((0.5, 0.5), |n| (n.cdf(a), n.cdf(b)));
            (0..settings.draws)
                .map(|_| {
                    let u: f64 = rng.gen();
                    if v <= 0.0 {
                        return if hi > lo && hi.is_finite() { lo + (hi - lo) * u } else { 0.0 };
                    }
                    let z = match &normal {
                        Some(n) if cb > ca => n.inverse_cdf((ca + u * (cb - ca)).clamp(1e-300, 1.0 - 1e-16)),
                        _ => a.max(0.0).min(b),
                    };
                    v * (sigma * z).exp()
                })
                .collect()
        })
        .collect()
}

/// Key of a matrix of pseudo-unit weights: (seed, channel, period, prior index,
/// partners, draws, a₀'s bits, for prior draws).
type PseudoKey = (u64, u32, u32, u32, usize, usize, u64, bool, bool);

/// Pseudo-unit weights already drawn. They depend only on their key, not on the data, so
/// every specification and simulated world that shares a key shares them (the multiverse
/// and the calibration draw them once); bounded by clearing it when it grows large.
static PSEUDO_WEIGHTS: std::sync::OnceLock<Mutex<HashMap<PseudoKey, Arc<Vec<f64>>>>> = std::sync::OnceLock::new();

/// The pseudo-units' weights g_k ~ Gamma(a₀ / K, 1) of every draw (draws × K, row-major),
/// from the stream `Stream::Pseudo` under the draws' seed (posterior draws) or the prior
/// seed (draws from the prior alone), memoised; with `kinds`, the kinds' pseudo-units h_j
/// (K the number of kinds) from their own stream `Stream::KindPseudo`.
fn pseudo_weights(settings: &PeriodSettings, partners: usize, prior_only: bool, kinds: bool) -> Arc<Vec<f64>> {
    let seed = if prior_only { settings.prior_seed } else { settings.seed };
    let key = (
        seed,
        settings.channel,
        settings.period,
        settings.prior_index,
        partners,
        settings.draws,
        settings.prior.units.to_bits(),
        prior_only,
        kinds,
    );
    let memo = PSEUDO_WEIGHTS.get_or_init(Default::default);
    if let Some(hit) = memo.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return hit;
    }
    let (channel, period, prior) = (settings.channel, settings.period, settings.prior_index);
    let id = if kinds {
        Stream::KindPseudo { channel, period, prior, prior_only }.id()
    } else {
        Stream::Pseudo { channel, period, prior, prior_only }.id()
    };
    let mut rng = stream(seed, id);
    let gamma = Gamma::new(settings.prior.units / partners.max(1) as f64, 1.0).ok();
    let weights: Arc<Vec<f64>> =
        Arc::new((0..settings.draws * partners).map(|_| gamma.as_ref().map_or(0.0, |g| g.sample(&mut rng))).collect());
    if let Ok(mut m) = memo.lock() {
        if m.len() > 4096 {
            m.clear();
        }
        m.insert(key, weights.clone());
    }
    weights
}

/// The model of one period: its layout, the channel's partners and the settings.
struct Model<'a> {
    layout: &'a Layout,
    focal: Option<usize>,
    settings: PeriodSettings,
    /// K, the channel's partners.
    partners: usize,
    /// The prior pseudo-units' weights g_k ~ Gamma(a₀ / K, 1) of the posterior draws and of
    /// the prior draws (draws × K, row-major).
    posterior_pseudo: Arc<Vec<f64>>,
    prior_pseudo: Arc<Vec<f64>>,
    /// J, the channel's kinds, and their pseudo-units' weights h_j (draws × J).
    kinds: usize,
    kind_posterior_pseudo: Arc<Vec<f64>>,
    kind_prior_pseudo: Arc<Vec<f64>>,
    /// Per dense partner, beyond the post-Soviet space (None or missing: not known).
    beyond: &'a [Option<bool>],
}

/// Scratch space of one period's draws: each partner's rate and activity.
struct Scratch {
    rates: Vec<f64>,
    activity: Vec<f64>,
    /// Each kind's weighted count of sampling units.
    kinds: Vec<f64>,
    /// The draw's richness at the common sample size (None when not rarefied).
    rarefied: Option<f64>,
    /// The draw's kinds at the common sample size (None when not rarefied or no kinds).
    rarefied_kinds: Option<f64>,
}

impl Model<'_> {
    /// The data's own rates and activities: yearly values over the covered years plus the totals.
    fn point(&self, out: &mut Scratch) {
        out.rates.iter_mut().chain(out.activity.iter_mut()).for_each(|x| *x = 0.0);
        let layout = self.layout;
        for (unit, present) in layout.units.iter().zip(&layout.presence) {
            unit.iter().for_each(|e| out.rates[e.partner] += e.value);
            present.iter().for_each(|&(p, n)| out.activity[p] += n);
        }
        out.rarefied = self.settings.rarefy_to.and_then(|t| layout.incidence(&out.activity).rarefied(t));
        out.rarefied_kinds = self.settings.rarefy_to.filter(|_| self.kinds > 0).and_then(|t| layout.kind_incidence(self.kinds).rarefied(t));
        self.finish(out, layout.years as f64, layout.years as f64);
        for t in &layout.totals {
            out.rates[t.partner] += t.rate;
        }
    }

    /// One joint posterior draw (draw index `r` picks the totals' coding errors).
    fn posterior<R: Rng>(&self, rng: &mut R, errors: &[Vec<f64>], r: usize, out: &mut Scratch) -> Draw {
        out.rates.iter_mut().chain(out.activity.iter_mut()).chain(out.kinds.iter_mut()).for_each(|x| *x = 0.0);
        let layout = self.layout;
        let (mut exposure, mut sampled) = (0.0, 0.0);
        for (k, (unit, present)) in layout.units.iter().zip(&layout.presence).enumerate() {
            let w = -(1.0 - rng.gen::<f64>()).ln();
            for e in unit {
                out.rates[e.partner] += w * e.drawn(rng);
            }
            present.iter().for_each(|&(p, n)| out.activity[p] += w * n);
            layout.kind_presence[k].iter().for_each(|&(j, n)| out.kinds[j] += w * n);
            sampled += w * layout.sampling[k];
            if layout.resampling == Resampling::YearBlocks {
                exposure += w * layout.block_lengths[k] as f64;
            }
        }
        self.add_prior(r, out, exposure, sampled);
        for (k, t) in layout.totals.iter().enumerate() {
            out.rates[t.partner] += errors[k][r];
        }
        self.summarise(out)
    }

    /// One draw from the prior alone, the same in every kind of period: λ_k = g_k m and
    /// a_k = 1 − exp(−g_k) (the pseudo-units as events of one year), so that the prior
    /// treats every period and partner alike.
    fn prior_only(&self, r: usize, out: &mut Scratch) -> Draw {
        let m = self.settings.unit_scale;
        let weights = &self.prior_pseudo[r * self.partners..(r + 1) * self.partners];
        for ((rate, active), &g) in out.rates.iter_mut().zip(out.activity.iter_mut()).zip(weights) {
            *rate = g * m;
            *active = 1.0 - (-g).exp();
        }
        // Data-free, so defined at any t: the common size, or the smallest one compared.
        let t = self.settings.rarefy_to.unwrap_or(super::richness::MIN_COMMON_UNITS);
        let rarefied = Some(expected_richness(weights.iter().copied(), weights.iter().sum(), t));
        let h = &self.kind_prior_pseudo[r * self.kinds..(r + 1) * self.kinds];
        let rarefied_kinds = (self.kinds > 0).then(|| expected_richness(h.iter().copied(), h.iter().sum(), t));
        let beyond_share = beyond_share(&out.rates, self.beyond);
        Draw { rarefied_richness: rarefied, rarefied_kinds, beyond_share, ..summarise(&out.rates, self.focal, out.activity.iter().sum()) }
    }

    /// Adds the prior pseudo-units (volume m and one event or active year each) and turns
    /// the sums into rates (`exposure`: the data's weighted years, for year blocks); gives
    /// the draw's rarefied richness from the weighted incidences (`sampled`: the data's
    /// weighted sampling units, each pseudo-unit one more unit of its partner).
    fn add_prior(&self, r: usize, out: &mut Scratch, exposure: f64, sampled: f64) {
        let m = self.settings.unit_scale;
        let mut pseudo_years = 0.0;
        let weights = &self.posterior_pseudo[r * self.partners..(r + 1) * self.partners];
        for ((rate, active), &g) in out.rates.iter_mut().zip(out.activity.iter_mut()).zip(weights) {
            *rate += g * m;
            *active += g;
            pseudo_years += g;
        }
        out.rarefied = self.settings.rarefy_to.map(|t| expected_richness(out.activity.iter().copied(), sampled + pseudo_years, t));
        let h = &self.kind_posterior_pseudo[r * self.kinds..(r + 1) * self.kinds];
        out.rarefied_kinds = self.settings.rarefy_to.filter(|_| self.kinds > 0).map(|t| {
            out.kinds.iter_mut().zip(h).for_each(|(k, g)| *k += g);
            expected_richness(out.kinds.iter().copied(), sampled + h.iter().sum::<f64>(), t)
        });
        let years = match self.layout.resampling {
            Resampling::Events => self.layout.years as f64 + 1.0,
            Resampling::YearBlocks => exposure + pseudo_years,
            Resampling::Fixed => 1.0,
        };
        self.finish(out, years, years);
    }

    /// Divides the yearly sums by `years` and turns activities into chances of being
    /// active in a year (events and totals-only periods: 1 − exp(−count per year); until
    /// December 2026 a totals-only period took the count itself, unlike its prior draws,
    /// which the self-consistency check of `calibrate` showed as a miscalibrated C1).
    fn finish(&self, out: &mut Scratch, rate_years: f64, activity_years: f64) {
        if rate_years > 0.0 {
            out.rates.iter_mut().for_each(|r| *r /= rate_years);
        }
        // Events and totals-only periods read a count per year as the chance of at least
        // one event (in a totals-only period the pseudo-units alone, as in the prior draws).
        let events = self.layout.resampling != Resampling::YearBlocks;
        for a in out.activity.iter_mut() {
            let per_year = if activity_years > 0.0 { *a / activity_years } else { 0.0 };
            *a = if events { 1.0 - (-per_year).exp() } else { per_year };
        }
    }

    /// The claim-relevant numbers of one draw (one pass, no sorting).
    fn summarise(&self, out: &Scratch) -> Draw {
        let richness = out.activity.iter().zip(&self.layout.total_activity).map(|(a, t)| (a + t).min(1.0)).sum();
        Draw {
            rarefied_richness: out.rarefied,
            rarefied_kinds: out.rarefied_kinds,
            beyond_share: beyond_share(&out.rates, self.beyond),
            ..summarise(&out.rates, self.focal, richness)
        }
    }
}

/// Σ_{i beyond} λ_i / Σ_{i of known region} λ_i: the share of cooperation with partners
/// beyond the post-Soviet space (claim C3); None when no partner of known region is active.
pub(crate) fn beyond_share(rates: &[f64], beyond: &[Option<bool>]) -> Option<f64> {
    let (mut outside, mut known) = (0.0, 0.0);
    for (rate, region) in rates.iter().zip(beyond) {
        match region {
            Some(true) => (outside, known) = (outside + rate, known + rate),
            Some(false) => known += rate,
            None => {}
        }
    }
    (known > 0.0).then(|| outside / known)
}

/// The claim-relevant numbers of a rate vector with its expected active partners per year.
pub(crate) fn summarise(rates: &[f64], focal: Option<usize>, yearly_richness: f64) -> Draw {
    let total: f64 = rates.iter().sum();
    let focal_rate = focal.map_or(0.0, |f| rates[f]);
    let max_other = rates.iter().enumerate().filter(|(k, _)| Some(*k) != focal).map(|(_, r)| *r).fold(0.0, f64::max);
    if !(total > 0.0) {
        return Draw {
            focal_rate,
            yearly_richness,
            rarefied_richness: None,
            rarefied_kinds: None,
            beyond_share: None,
            enp: None,
            focal_share: None,
            dominance: None,
            max_other,
            focal_first: false,
            leader: None,
        };
    }
    let hhi: f64 = rates.iter().map(|r| (r / total) * (r / total)).sum();
    let mut leader = 0usize;
    for (k, r) in rates.iter().enumerate() {
        if *r > rates[leader] {
            leader = k;
        }
    }
    // With no other active partner the focal partner's lead is unbounded: +∞.
    let dominance = match focal {
        Some(f) if max_other > 0.0 => Some(rates[f] / max_other),
        Some(f) if rates[f] > 0.0 => Some(f64::INFINITY),
        _ => None,
    };
    let focal_first = focal.is_some_and(|f| rates[f] > 0.0 && rates[f] >= max_other);
    Draw {
        focal_rate,
        yearly_richness,
        rarefied_richness: None,
        rarefied_kinds: None,
        beyond_share: None,
        enp: Some(1.0 / hhi),
        focal_share: Some(focal_rate / total),
        dominance,
        max_other,
        focal_first,
        leader: Some(leader),
    }
}

impl PeriodRates {
    /// The central (1 − alpha) credible interval of one number of the posterior draws.
    pub fn interval(&self, alpha: f64, pick: impl Fn(&Draw) -> Option<f64>) -> Option<Interval> {
        let values: Vec<f64> = self.draws.iter().filter_map(&pick).collect();
        interval_of(values, self.draws.len(), alpha / 2.0)
    }

    /// Share of posterior draws in which the focal partner ranks first.
    pub fn p_focal_first(&self) -> Option<f64> {
        (!self.draws.is_empty()).then(|| self.draws.iter().filter(|d| d.focal_first).count() as f64 / self.draws.len() as f64)
    }

    /// The point leader's dense index.
    pub fn leader(&self) -> Option<usize> {
        self.point.leader
    }
}
