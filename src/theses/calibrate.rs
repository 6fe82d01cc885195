//! Error rates of the decision procedure: simulated worlds of known truth whose structure
//! mirrors the analysis data (same channels, years, events per year, kinds of values),
//! each run through the full procedure of `criteria::evaluate` (docs/METHODS.md §1).
//!
//! A world plants expected yearly rates per partner and period. Event channels keep the
//! number of events of every year as a capacity: a partner's planted yearly volume is
//! spread over the period's years by `water_level` (thin years take what they can), it
//! joins each event of a year independently with that year's chance, and an event slot
//! nobody joined is no event (forcing a partner in would plant volume and richness that
//! follow the data's event density instead of the truth). Yearly-sum channels keep their years; the
//! focal partner is active every year, others in 40 % of years, with log-normal values
//! (σ = 0.5) around rate / activity. Period-total channels keep every total's span and
//! whose it is (focal partner or another); a total is the planted rates summed over its
//! span, times log-normal noise (σ = 0.1), with the bounds' relative width of the data.
use rand::Rng;
use rand_distr::{Distribution, LogNormal, Poisson};
use rayon::prelude::*;
use serde::Serialize;

use super::criteria::{channel_rows, evaluate, periods_of, scoped_rows, yearly_coverage, Context, Specification};
use super::probability::Call;
use super::status::{Claim, Status};
use crate::data::frameworks::Frameworks;
use crate::data::observations::{Dating, Observations, RowInput, NONE};
use crate::stats::rng::{stream, Stream};

/// A planted truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Truth {
    /// Scope grows; the focal partner falls behind another partner, no main partner late.
    T1,
    /// Scope grows; the focal partner strongest in every period and its volume grows.
    T2,
    /// The focal partner strongest and growing, but the scope does not grow.
    NoBroadening,
    /// Scope grows; the focal partner strongest but its volume shrinks.
    Receding,
    /// Scope grows; the focal partner strongest with a flat volume (not deepening).
    StrongestFlat,
    /// As `StrongestFlat`, with the focal partner's volume coded as one total over the
    /// whole coverage of each channel.
    FlatTotals,
}

impl Truth {
    /// Every planted truth, in table order.
    pub const ALL: [Truth; 6] = [Truth::T1, Truth::T2, Truth::NoBroadening, Truth::Receding, Truth::StrongestFlat, Truth::FlatTotals];

    /// The truth's name in tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Truth::T1 => "T1",
            Truth::T2 => "T2",
            Truth::NoBroadening => "no-broadening",
            Truth::Receding => "receding",
            Truth::StrongestFlat => "strongest-flat",
            Truth::FlatTotals => "flat-as-totals",
        }
    }

    /// The call a correct procedure makes (None: any call but a thesis).
    pub fn expected(self) -> Option<Call> {
        match self {
            Truth::T1 => Some(Call::T1),
            Truth::T2 => Some(Call::T2),
            _ => None,
        }
    }

    /// Planted rates at relative time τ ∈ [0, 1] (early → late): (focal, leading other,
    /// each further other, active partners as a share of the universe). For yearly sums
    /// and totals they are yearly volumes in base units; for events they are the
    /// expected events per year in units of the thinnest period's mean number of events
    /// per year (so a rate of 1 joins every event of that period), and `events` holds the
    /// first and the last period's mean number of events per year in those units.
    ///
    /// A clear T2 of events has the focal partner in every event of the last period and
    /// in a share p₀ = min(1, l / 2e) of the first period's events (e, l: the first and
    /// last period's mean events per year), so its yearly volume grows by
    /// l / (p₀ e) = max(2, l / e), at least twofold whether the data's events grow (the
    /// growth is then theirs) or stay flat (then the focal partner's share of them grows).
    /// It joins at least half of the first period's events unless the events shrink, and
    /// a middle period gets the interpolated volume (docs/METHODS.md §1.5).
    /// With `strength` s < 1 the thesis's decisive contrast shrinks (`Truth::ALL` plants
    /// s = 1): under T2 the focal partner's growth is s times the clear one (s = 0: flat,
    /// still strongest); under T1 the rival's late volume lies s of the way from the
    /// focal partner's late volume (s = 0: a tie, the lead shared) to the clear one.
    pub(crate) fn rates(self, tau: f64, events: Option<(f64, f64)>, strength: f64) -> (f64, f64, f64, f64) {
        let clear = |tau: f64| self.clear_rates(tau, events);
        let (focal, rival, other, active) = clear(tau);
        match self {
            Truth::T2 => {
                let first = clear(0.0).0;
                (first + strength * (focal - first), rival, other, active)
            }
            Truth::T1 => {
                let ((_, first, ..), (focal_last, rival_last, ..)) = (clear(0.0), clear(1.0));
                let last = focal_last + strength * (rival_last - focal_last);
                (focal, first + tau * (last - first), other, active)
            }
            _ => (focal, rival, other, active),
        }
    }

    /// `rates` of the clear truth (strength 1).
    fn clear_rates(self, tau: f64, events: Option<(f64, f64)>) -> (f64, f64, f64, f64) {
        let lerp = |a: f64, b: f64| a + (b - a) * tau;
        let broadening = lerp(0.3, 1.0);
        let Some((first, last)) = events else { return self.sum_rates(lerp, broadening) };
        // Where the scope broadens, the other partners' events grow with it (T1: more so).
        let others = lerp(0.03, 0.05);
        match self {
            Truth::T1 => (lerp(0.6, 0.2), lerp(0.03, 0.6), lerp(0.03, 0.1), broadening),
            Truth::T2 => {
                let joined_first = (last / (2.0 * first)).min(1.0);
                (lerp(joined_first * first, last), others, others, broadening)
            }
            Truth::NoBroadening => (lerp(0.9, 1.6), 0.03, 0.03, 0.6),
            Truth::Receding => (lerp(1.0, 0.5), others, others, broadening),
            Truth::StrongestFlat | Truth::FlatTotals => (0.9, others, others, broadening),
        }
    }

    /// `rates` of yearly sums and period totals, in base units.
    fn sum_rates(self, lerp: impl Fn(f64, f64) -> f64, broadening: f64) -> (f64, f64, f64, f64) {
        match self {
            Truth::T1 => (lerp(0.3, 0.15), lerp(0.03, 0.5), lerp(0.03, 0.08), broadening),
            Truth::T2 => (lerp(0.5, 2.0), 0.025, 0.025, broadening),
            Truth::NoBroadening => (lerp(0.5, 2.0), 0.025, 0.025, 0.6),
            Truth::Receding => (lerp(2.0, 0.5), 0.025, 0.025, broadening),
            Truth::StrongestFlat | Truth::FlatTotals => (1.0, 0.025, 0.025, broadening),
        }
    }
}

/// The structure of one channel of the data, kept by every simulated world.
#[derive(Debug, Clone)]
enum Skeleton {
    /// (year, number of events) for every covered year.
    Events(Vec<(i32, usize)>),
    /// Covered years.
    Sums(Vec<i32>),
    /// (start, end, is the focal partner's, relative low, relative high) per total.
    Totals(Vec<(i32, i32, bool, f64, f64)>),
}

struct ChannelShape {
    channel: String,
    skeleton: Skeleton,
    /// Partners in the universe (focal included), at least 8 and at most 30.
    universe: usize,
    first: i32,
    last: i32,
}

/// The shape of one channel; `coverage` is its yearly coverage (`yearly_coverage`), whose
/// years without rows become years without events or with zero sums.
fn shape_of(rows: &Observations, channel: &str, focal: &str, coverage: Option<(i32, i32)>) -> Option<ChannelShape> {
    if rows.is_empty() {
        return None;
    }
    let mut partners: Vec<u32> = rows.partner.clone();
    partners.sort_unstable();
    partners.dedup();
    let universe = partners.len().clamp(8, 30);
    let yearly: Vec<usize> = (0..rows.len()).filter(|&i| rows.dating(i) != Dating::Period).collect();
    let first = rows.year_start.iter().copied().chain(coverage.map(|c| c.0)).min()?;
    let last = (0..rows.len()).map(|i| rows.year_end(i)).chain(coverage.map(|c| c.1)).max()?;
    let skeleton = if let (Some((a, b)), true) = (coverage, yearly.iter().any(|&i| rows.event_id(i) != NONE)) {
        let mut counts = Vec::new();
        for y in a..=b {
            let mut events: Vec<u32> = yearly.iter().filter(|&&i| rows.year_start[i] == y).map(|&i| rows.event_id(i)).collect();
            events.sort_unstable();
            events.dedup();
            counts.push((y, events.len()));
        }
        Skeleton::Events(counts)
    } else if let Some((a, b)) = coverage {
        Skeleton::Sums((a..=b).collect())
    } else {
        Skeleton::Totals(
            (0..rows.len())
                .map(|i| {
                    let r = rows.row(i);
                    let rel = |b: Option<f64>| if r.value > 0.0 { b.map_or(1.0, |b| b / r.value) } else { 1.0 };
                    (r.year_start, r.year_end, r.partner == focal, rel(r.value_low), rel(r.value_high))
                })
                .collect(),
        )
    };
    Some(ChannelShape { channel: channel.to_string(), skeleton, universe, first, last })
}

/// Confusion counts of one truth: overall and per channel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TruthResult {
    /// The planted truth.
    pub truth: Truth,
    /// How many worlds were simulated with it.
    pub worlds: usize,
    /// Call name → count, overall.
    pub overall: Vec<(Call, usize)>,
    /// Channel → (call → count).
    pub channels: Vec<(String, Vec<(Call, usize)>)>,
    /// Channel → worlds in which D4 was supported.
    pub d4_supported: Vec<(String, usize)>,
    /// Channel → claim → (worlds supported, worlds contradicted): which claim decided.
    pub claims: Vec<(String, Vec<ClaimCount>)>,
}

/// (claim id, worlds supported, worlds contradicted).
pub type ClaimCount = (Claim, usize, usize);

/// What the procedure says in one simulated world.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WorldCalls {
    /// The call with the channels pooled.
    pub overall: Call,
    /// Per channel (in the analysis file's order), its call and each claim's status.
    pub channels: Vec<ChannelCall>,
}

/// One channel's call in one simulated world, with its claims' statuses.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChannelCall {
    /// The channel's call.
    pub call: Call,
    /// Each claim's status.
    pub claims: Vec<(Claim, Status)>,
}

impl WorldCalls {
    /// Whether channel `k` gives claim `id` the status `status`.
    fn claim_is(&self, k: usize, id: Claim, status: Status) -> bool {
        self.channels.get(k).is_some_and(|c| c.claims.contains(&(id, status)))
    }
}

/// The calibration of one analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// Simulated worlds per planted truth.
    pub worlds_per_truth: usize,
    /// Posterior draws per world.
    pub replicates: usize,
    /// Seed of the simulation.
    pub seed: u64,
    /// One result per planted truth, in the order of `Truth::ALL`.
    pub truths: Vec<TruthResult>,
    /// Recovery of weaker theses (`power::STRENGTHS`).
    pub power: Vec<super::power::Power>,
    /// (channel, first year, last year) of every period of an event channel without any
    /// event in the data: no world can plant volume there, so truths with a flat or
    /// shrinking focal volume are not flat or shrinking in that channel.
    pub empty_periods: Vec<(String, i32, i32)>,
}

/// Settings of a calibration run.
#[derive(Debug, Clone, Copy)]
pub struct CalibrationSettings {
    /// Simulated worlds per planted truth.
    pub worlds: usize,
    /// Posterior draws per world.
    pub replicates: usize,
    /// Seed of the simulation.
    pub seed: u64,
}

/// Simulates `settings.worlds` worlds per truth shaped like the data of `spec` and runs
/// the decision procedure on each.
pub fn calibrate(ctx: &Context<'_>, spec: &Specification, settings: CalibrationSettings) -> Calibration {
    let simulator = Simulator::new(ctx, spec, settings);
    let jobs: Vec<(usize, usize)> = (0..Truth::ALL.len()).flat_map(|t| (0..settings.worlds).map(move |w| (t, w))).collect();
    let outcomes: Vec<(usize, WorldCalls)> = jobs
        .par_iter()
        .map(|&(t, w)| (t, simulator.run((Truth::ALL[t], 1.0), Stream::CalibrationWorld { truth: t as u32, world: w as u32 }.id(), w)))
        .collect();
    let count = |vs: &mut dyn Iterator<Item = Call>| -> Vec<(Call, usize)> {
        let all: Vec<Call> = vs.collect();
        Call::ALL.iter().map(|v| (*v, all.iter().filter(|x| *x == v).count())).collect()
    };
    let truths = Truth::ALL
        .iter()
        .enumerate()
        .map(|(t, &truth)| {
            let mine: Vec<&WorldCalls> = outcomes.iter().filter(|o| o.0 == t).map(|o| &o.1).collect();
            let claim_count = |k: usize, id: Claim, status: Status| mine.iter().filter(|o| o.claim_is(k, id, status)).count();
            TruthResult {
                truth,
                worlds: mine.len(),
                overall: count(&mut mine.iter().map(|o| o.overall)),
                channels: ctx
                    .channels
                    .iter()
                    .enumerate()
                    .map(|(k, c)| (c.clone(), count(&mut mine.iter().filter_map(|o| o.channels.get(k).map(|x| x.call)))))
                    .collect(),
                d4_supported: ctx
                    .channels
                    .iter()
                    .enumerate()
                    .map(|(k, c)| (c.clone(), claim_count(k, Claim::D4, Status::Supported)))
                    .collect(),
                claims: ctx
                    .channels
                    .iter()
                    .enumerate()
                    .map(|(k, c)| {
                        (
                            c.clone(),
                            Claim::PER_CHANNEL
                                .iter()
                                .map(|&id| (id, claim_count(k, id, Status::Supported), claim_count(k, id, Status::Contradicted)))
                                .collect(),
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    let power = super::power::sweep(&simulator, settings.worlds);
    let empty_periods = simulator.empty_periods();
    Calibration { worlds_per_truth: settings.worlds, replicates: settings.replicates, seed: settings.seed, truths, power, empty_periods }
}

/// Simulates worlds shaped like the data of one analysis and runs the decision procedure.
pub(crate) struct Simulator<'c> {
    ctx: &'c Context<'c>,
    spec: &'c Specification,
    shapes: Vec<ChannelShape>,
    frameworks: Frameworks,
    settings: CalibrationSettings,
}

impl<'c> Simulator<'c> {
    fn new(ctx: &'c Context<'c>, spec: &'c Specification, settings: CalibrationSettings) -> Simulator<'c> {
        let rows = scoped_rows(ctx, spec);
        let shapes = ctx
            .channels
            .iter()
            .filter_map(|c| {
                let mine = channel_rows(&rows, c);
                shape_of(&mine, c, ctx.focal, yearly_coverage(ctx, spec, c, &mine))
            })
            .collect();
        Simulator { ctx, spec, shapes, frameworks: Frameworks::default(), settings }
    }

    /// One world of `truth` at `strength`, drawn from random stream `stream`; `world`
    /// seeds its bootstrap.
    pub(crate) fn run(&self, truth: (Truth, f64), stream_id: u64, world: usize) -> WorldCalls {
        let (ctx, settings) = (self.ctx, self.settings);
        let mut rng = stream(settings.seed, stream_id);
        let data = simulate(&self.shapes, truth, ctx, self.spec, &mut rng);
        let sim_ctx = Context {
            vintages: vec![(super::spec::BASE_VINTAGE.to_string(), &data)],
            frameworks: &self.frameworks,
            subject: ctx.subject,
            focal: ctx.focal,
            channels: ctx.channels.clone(),
            thresholds: ctx.thresholds,
            coverage: ctx.coverage,
        };
        let spec = Specification { replicates: settings.replicates, seed: settings.seed ^ (world as u64 + 1) << 20, ..self.spec.clone() };
        let result = evaluate(&sim_ctx, &spec);
        let call = |p: Option<super::probability::ThesisProbabilities>| p.map_or(Call::Open, |p| p.call());
        let channels = result
            .channels
            .iter()
            .map(|c| ChannelCall { call: call(c.probabilities), claims: c.criteria.iter().map(|k| (k.id, k.status)).collect() })
            .collect();
        WorldCalls { overall: call(Some(result.overall.probabilities)), channels }
    }

    /// Periods of event channels whose years hold no event in the data.
    fn empty_periods(&self) -> Vec<(String, i32, i32)> {
        let mut out = Vec::new();
        for shape in &self.shapes {
            if let Skeleton::Events(years) = &shape.skeleton {
                for (a, b) in periods_of(&self.spec.breaks, shape.first, shape.last) {
                    if events_in(years, (a, b)).all(|n| n == 0.0) {
                        out.push((shape.channel.clone(), a, b));
                    }
                }
            }
        }
        out
    }

    /// The thesis channels.
    pub(crate) fn channels(&self) -> &[String] {
        &self.ctx.channels
    }
}

/// One simulated row: (partner index, first year, last year, value, bounds, event id).
type SimRow = (usize, i32, i32, f64, (Option<f64>, Option<f64>), Option<String>);

/// The planted rates of one channel shape under one truth.
struct Planting<'s> {
    shape: &'s ChannelShape,
    truth: Truth,
    periods: Vec<(i32, i32)>,
    /// Strength of the planted thesis (`Truth::rates`).
    strength: f64,
    /// Event channels: the base unit of rates, the thinnest period's mean number of events
    /// per year among periods that have events (at least 1; 1 when none has, and for
    /// other channels).
    base: f64,
    /// Event channels: the first and the last period's mean events per year, in `base` units.
    events: Option<(f64, f64)>,
}

impl Planting<'_> {
    fn new(shape: &ChannelShape, truth: Truth, periods: Vec<(i32, i32)>, strength: f64) -> Planting<'_> {
        let means: Vec<f64> = match &shape.skeleton {
            Skeleton::Events(years) => periods
                .iter()
                .map(|&p| {
                    let counts: Vec<f64> = events_in(years, p).collect();
                    counts.iter().sum::<f64>() / counts.len().max(1) as f64
                })
                .collect(),
            _ => Vec::new(),
        };
        let thinnest = means.iter().copied().filter(|m| *m > 0.0).fold(f64::INFINITY, f64::min);
        let base = if thinnest.is_finite() { thinnest.max(1.0) } else { 1.0 };
        let events = means.first().zip(means.last()).map(|(a, b)| (a / base, b / base));
        Planting { shape, truth, periods, strength, base, events }
    }

    /// Expected yearly rate of partner k in `year`, in base units (`Truth::rates`).
    fn rate(&self, k: usize, year: i32) -> f64 {
        let p = self.periods.iter().position(|&(a, b)| year >= a && year <= b).unwrap_or(0);
        let tau = if self.periods.len() > 1 { p as f64 / (self.periods.len() - 1) as f64 } else { 0.0 };
        let (focal, leader, other, active) = self.truth.rates(tau, self.events, self.strength);
        let pool = ((active * self.shape.universe as f64).round() as usize).clamp(3, self.shape.universe);
        match k {
            0 => focal,
            1 => leader,
            k if k < pool => other,
            _ => 0.0,
        }
    }

    /// Event channels: every year draws Poisson(n) event slots (the data's count n is one
    /// realisation of a process of events), and each partner joins each slot with its
    /// water-filled chance; a slot nobody joined is no event (a forced partner would
    /// plant volume and richness that follow the data's event density).
    fn events(&self, years: &[(i32, usize)], rng: &mut impl Rng) -> Vec<SimRow> {
        let capacities = |p: (i32, i32)| -> Vec<f64> { events_in(years, p).collect() };
        let base = self.base;
        let mut rows = Vec::new();
        let mut event = 0usize;
        for &(year, n) in years {
            let period = self.periods.iter().copied().find(|&(a, b)| year >= a && year <= b).unwrap_or((year, year));
            let caps = capacities(period);
            let chance: Vec<f64> = (0..self.shape.universe)
                .map(|k| if n == 0 { 0.0 } else { water_level(&caps, self.rate(k, year) * base).min(n as f64) / n as f64 })
                .collect();
            let slots = if n == 0 { 0 } else { Poisson::new(n as f64).map_or(n, |d| d.sample(rng) as usize) };
            for _ in 0..slots {
                event += 1;
                let joined: Vec<usize> = (0..self.shape.universe).filter(|&k| rng.gen::<f64>() < chance[k]).collect();
                rows.extend(joined.into_iter().map(|k| (k, year, year, 1.0, (None, None), Some(format!("sim{event}")))));
            }
        }
        rows
    }

    /// Yearly-sum channels: the focal partner and the rival active every year, others in
    /// 40 % of years, log-normal values (σ = 0.5) around rate / activity.
    fn sums(&self, years: &[i32], rng: &mut impl Rng) -> Vec<SimRow> {
        let noise = LogNormal::new(-0.125, 0.5).expect("valid log-normal");
        let mut rows = Vec::new();
        for &year in years {
            for k in 0..self.shape.universe {
                let r = self.rate(k, year) * 100.0;
                let active = if k <= 1 { 1.0 } else { 0.4 };
                let value = if r > 0.0 && rng.gen::<f64>() < active { r / active * noise.sample(rng) } else { 0.0 };
                if r > 0.0 {
                    rows.push((k, year, year, value, (None, None), None));
                }
            }
        }
        rows
    }

    /// Period-total channels: each total the planted rates over its span with log-normal
    /// noise (σ = 0.1) and the data's relative bounds; under `FlatTotals` the focal
    /// partner's total spans the whole coverage.
    fn totals(&self, totals: &[(i32, i32, bool, f64, f64)], rng: &mut impl Rng) -> Vec<SimRow> {
        let small_noise = LogNormal::new(-0.005, 0.1).expect("valid log-normal");
        let mut other = 0;
        let mut rows = Vec::new();
        for &(a, b, is_focal, low, high) in totals {
            let k = if is_focal {
                0
            } else {
                other += 1;
                other
            };
            let (a, b) = if is_focal && self.truth == Truth::FlatTotals { (self.shape.first, self.shape.last) } else { (a, b) };
            let value = (a..=b).map(|y| self.rate(k.min(self.shape.universe - 1), y) * 100.0).sum::<f64>() * small_noise.sample(rng);
            let bounds = (Some(value * low).filter(|_| low != 1.0), Some(value * high).filter(|_| high != 1.0));
            rows.push((k.min(29), a, b, value, bounds, None));
        }
        rows
    }
}

/// One simulated world: rows for every channel shape under `truth`. Under `FlatTotals`
/// the focal partner's yearly values of event and sum channels become one total over
/// the channel's coverage.
fn simulate(
    shapes: &[ChannelShape],
    (truth, strength): (Truth, f64),
    ctx: &Context<'_>,
    spec: &Specification,
    rng: &mut impl Rng,
) -> Observations {
    let mut obs = Observations::default();
    obs.add_file("(simulated world)", Default::default());
    let names: Vec<String> = (0..30).map(|k| if k == 0 { ctx.focal.to_string() } else { format!("Partner {k:02}") }).collect();
    for shape in shapes {
        let planting = Planting::new(shape, truth, periods_of(&spec.breaks, shape.first, shape.last), strength);
        let rows = match &shape.skeleton {
            Skeleton::Events(years) => planting.events(years, rng),
            Skeleton::Sums(years) => planting.sums(years, rng),
            Skeleton::Totals(totals) => planting.totals(totals, rng),
        };
        let fold_focal = truth == Truth::FlatTotals && !matches!(shape.skeleton, Skeleton::Totals(_));
        let mut focal_total = 0.0;
        let mut push = |k: usize, start: i32, end: i32, value: f64, bounds: (Option<f64>, Option<f64>), event: Option<&str>| {
            obs.push(
                RowInput {
                    subject: ctx.subject,
                    channel: &shape.channel,
                    partner: &names[k],
                    year_start: start,
                    year_end: end,
                    dating: if start == end { Dating::Year } else { Dating::Period },
                    value,
                    value_low: bounds.0,
                    value_high: bounds.1,
                    unit: None,
                    framework: None,
                    event_id: event,
                    series: None,
                    source: None,
                    locator: None,
                    quote: None,
                    note: None,
                },
                0,
            )
        };
        for (k, start, end, value, bounds, event) in rows {
            if k == 0 && fold_focal {
                focal_total += value;
            } else {
                push(k, start, end, value, bounds, event.as_deref());
            }
        }
        if fold_focal && focal_total > 0.0 {
            push(0, shape.first, shape.last, focal_total, (None, None), None);
        }
    }
    obs
}

/// The number of events of every year of `years` within period (a, b).
fn events_in(years: &[(i32, usize)], (a, b): (i32, i32)) -> impl Iterator<Item = f64> + '_ {
    years.iter().filter(move |y| y.0 >= a && y.0 <= b).map(|y| y.1 as f64)
}

/// The level c at which the mean of min(capacity, c) over a period's years equals
/// `target` ("water filling"): a planted yearly volume spread over years with different
/// numbers of events, so that thin years take what they can and the period's expected
/// volume stays as planted. The largest capacity when the target exceeds the mean capacity.
fn water_level(capacities: &[f64], target: f64) -> f64 {
    let mut sorted = capacities.to_vec();
    sorted.sort_by(f64::total_cmp);
    let total = target * sorted.len() as f64;
    let mut filled = 0.0;
    for (i, &cap) in sorted.iter().enumerate() {
        let rest = (sorted.len() - i) as f64;
        if filled + cap * rest >= total {
            return (total - filled) / rest;
        }
        filled += cap;
    }
    sorted.last().copied().unwrap_or(0.0)
}

/// Share of `count` among `worlds`.
pub fn rate(count: usize, worlds: usize) -> f64 {
    if worlds == 0 {
        0.0
    } else {
        count as f64 / worlds as f64
    }
}

impl TruthResult {
    /// Worlds with call `v`, overall.
    pub fn overall_count(&self, v: Call) -> usize {
        self.overall.iter().find(|x| x.0 == v).map_or(0, |x| x.1)
    }

    /// Worlds with call `v` in `channel`.
    pub fn channel_count(&self, channel: &str, v: Call) -> usize {
        self.channels.iter().find(|c| c.0 == channel).and_then(|c| c.1.iter().find(|x| x.0 == v)).map_or(0, |x| x.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The focal partner's planted (first, last) period rate of a clear T2 of events.
    fn t2_focal(first: f64, last: f64) -> (f64, f64) {
        (Truth::T2.rates(0.0, Some((first, last)), 1.0).0, Truth::T2.rates(1.0, Some((first, last)), 1.0).0)
    }

    #[test]
    fn a_clear_t2_of_events_at_least_doubles_and_joins_half_the_events() {
        // Flat events: half of them early, all late, twofold.
        assert_eq!(t2_focal(1.0, 1.0), (0.5, 1.0));
        // Events growing 4.35-fold (the bundled exercises): all of them in both periods.
        assert_eq!(t2_focal(1.0, 4.35), (1.0, 4.35));
        // Events shrinking to half: a quarter early, all late.
        assert_eq!(t2_focal(2.0, 1.0), (0.5, 1.0));
        // A first period without events: nothing to join, no NaN.
        assert_eq!(t2_focal(0.0, 3.0), (0.0, 3.0));
        // Sums keep their fixed rates.
        assert_eq!(Truth::T2.rates(0.0, None, 1.0).0, 0.5);
    }

    #[test]
    fn strength_scales_the_decisive_contrast() {
        let at = |truth: Truth, tau: f64, s: f64| truth.rates(tau, None, s);
        // T2 (sums: focal 0.5 -> 2.0): strength 0 is flat, 0.5 grows by half as much.
        assert_eq!((at(Truth::T2, 0.0, 0.0).0, at(Truth::T2, 1.0, 0.0).0), (0.5, 0.5));
        assert_eq!(at(Truth::T2, 1.0, 0.5).0, 1.25);
        // T1 (sums: focal 0.3 -> 0.15, rival 0.03 -> 0.5): strength 0 ends in a tie.
        assert_eq!((at(Truth::T1, 1.0, 0.0).0, at(Truth::T1, 1.0, 0.0).1), (0.15, 0.15));
        assert!((at(Truth::T1, 1.0, 0.5).1 - 0.325).abs() < 1e-12);
        assert!((at(Truth::T1, 0.5, 0.0).1 - 0.09).abs() < 1e-12);
        // Strength 1 is the clear truth; other truths ignore strength.
        for tau in [0.0, 0.5, 1.0] {
            for truth in Truth::ALL {
                assert_eq!(truth.rates(tau, Some((1.0, 4.0)), 1.0), truth.clear_rates(tau, Some((1.0, 4.0))));
            }
            assert_eq!(at(Truth::Receding, tau, 0.3), at(Truth::Receding, tau, 1.0));
        }
    }

    #[test]
    fn the_event_base_is_the_thinnest_period_with_events() {
        let shape = |counts: Vec<(i32, usize)>| ChannelShape {
            channel: "c".into(),
            skeleton: Skeleton::Events(counts),
            universe: 8,
            first: 1991,
            last: 1996,
        };
        let periods = vec![(1991, 1992), (1993, 1994), (1995, 1996)];
        let busy = shape(vec![(1991, 0), (1992, 0), (1993, 2), (1994, 4), (1995, 6), (1996, 8)]);
        assert_eq!(Planting::new(&busy, Truth::T2, periods.clone(), 1.0).base, 3.0);
        let empty = shape((1991..=1996).map(|y| (y, 0)).collect());
        assert_eq!(Planting::new(&empty, Truth::T2, periods, 1.0).base, 1.0);
    }
}
