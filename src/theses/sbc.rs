//! The self-consistency check (simulation-based calibration: Cook, Gelman & Rubin 2006;
//! Talts et al. 2018), read as reliability diagrams of stated probabilities (Murphy &
//! Winkler 1977; Bröcker & Smith 2007), docs/METHODS.md §1.5.
//!
//! Each world draws its truth from the model's own prior and its data from that truth,
//! with the data's structure: channels, partners, periods, covered years, the kind of
//! units of every period, the year blocks, and the period totals with their spans.
//!
//! * **Event periods**: partner k's events arrive as a Poisson process of yearly rate
//!   g_k ~ Gamma(a₀ / K, 1) (the prior's pseudo-units), each an event of k alone of the
//!   channel's unit size m; truth λ_k = g_k m, activity 1 − exp(−g_k).
//! * **Year-block periods**: block shares π = g / Σ g (Dirichlet(a₀ / K)); every block is
//!   one partner's, drawn from π, with value m in each of its years; truth λ_k = π_k m,
//!   activity π_k.
//! * **Periods without covered years**: truth λ_k = g_k m (what the model's pseudo-units say).
//! * **Totals**: true yearly rate ρ_t = m · exp(u), u ~ U(−1, 1), coded as ρ_t n_t exp(σ z)
//!   without bounds; it adds ρ_t to its partner in every period it overlaps.
//!
//! The posterior of the model is then exact for events and blocks (a gamma-process and a
//! Dirichlet-process posterior with the data's atoms at the prior's atoms) and for totals
//! up to the edges of u's range; where totals and yearly data share a channel, the model's
//! m (the mean of all positive values) differs from the events' size, a small departure.
//! The prior predictive cannot produce multi-partner events or series: those the power
//! surface keeps (`surface`). A claim's truth is the claim evaluated by the same code on
//! the true rates (one "draw": the truth); the true richness at the common sample size t
//! is that of t units of the true unit distribution, Σ_k [1 − (1 − π_k)^t] with π_k ∝ g_k
//! (events) or the block shares.
use rand::Rng;
use rand_distr::{Distribution, Gamma};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::calibrate::{Runner, WorldRows};
use super::claims::{self, ClaimDraws};
use super::criteria::{c6_of, channel_rows, judge_overall, partners_and_scale, ChannelResult, PeriodResult, SpecResult, Specification};
use super::model::{summarise, Draw, PeriodRates};
use super::probability;
use super::shape::ChannelShape;
use crate::metrics::rarefaction::expected_richness;
use crate::stats::binomial::Rate;
use crate::stats::rng::{stream, Stream};

/// Bins of the reliability table: [0, 0.1), …, [0.9, 1].
pub const BINS: usize = 10;

/// One bin of a reliability table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bin {
    /// Lower edge of the stated probability.
    pub low: f64,
    /// Upper edge.
    pub high: f64,
    /// Statements in the bin.
    pub n: usize,
    /// Their mean stated probability.
    pub stated: f64,
    /// The share of them that truly hold, with its 95 % interval.
    pub observed: Rate,
}

/// The reliability of one kind of statement (a thesis or a claim) at one scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reliability {
    /// "P(T1)", "P(T2)" or a claim ("C1", …).
    pub statement: String,
    /// "channel" (every channel of every world) or "overall".
    pub scope: String,
    /// Statements.
    pub n: usize,
    /// Brier score: mean (p − truth)².
    pub brier: f64,
    /// Expected calibration error: Σ_bins (n_b / n) |stated_b − observed_b|.
    pub ece: f64,
    /// The mean ECE a perfectly calibrated forecaster shows with these stated
    /// probabilities and this many statements (its sampling floor; 200 replications).
    pub ece_calibrated: f64,
    /// The 95th percentile of that forecaster's ECE: an ECE above it is unlikely from
    /// sampling alone (one statement in twenty exceeds it by chance).
    pub ece_calibrated_95: f64,
    /// The bins (empty ones included).
    pub bins: Vec<Bin>,
}

/// The check under one prior.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelfConsistency {
    /// a₀ of the prior the worlds are drawn from and the model uses.
    pub prior_units: f64,
    /// Worlds simulated.
    pub worlds: usize,
    /// Channel-worlds left out because their periods differ from the data's.
    pub skipped: usize,
    /// Per statement and scope.
    pub statements: Vec<Reliability>,
}

/// The kind of a period's units, as the model draws them.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Events,
    Blocks,
    Fixed,
}

/// The truth of one channel: per period, per partner (in `shape.names` order) its weight
/// (yearly event rate g, or block share π) and the period's kind; the totals' true rates.
struct ChannelTruth {
    periods: Vec<(Kind, Vec<f64>)>,
    totals: Vec<(usize, i32, i32, f64)>,
}

fn gamma_weights(shape: &ChannelShape, units: f64, rng: &mut impl Rng) -> Vec<f64> {
    let k = shape.names.len().max(1);
    let gamma = Gamma::new(units / k as f64, 1.0).ok();
    (0..k).map(|_| gamma.as_ref().map_or(0.0, |g| g.sample(rng))).collect()
}

/// Draws a channel's truth from the prior and its rows from the truth.
fn draw_channel(shape: &ChannelShape, (units, sigma): (f64, f64), out: &mut WorldRows, rng: &mut impl Rng) -> ChannelTruth {
    let m = shape.unit_scale;
    out.keep_coverage(shape, &shape.names);
    let mut event = 0usize;
    let mut periods = Vec::new();
    for (p, period) in shape.periods.iter().enumerate() {
        let g = gamma_weights(shape, units, rng);
        let kind = match (period.years.is_empty(), shape.kind.as_str()) {
            (true, _) => Kind::Fixed,
            (false, "events") => Kind::Events,
            _ => Kind::Blocks,
        };
        match kind {
            Kind::Events => {
                // A zero event keeps the period drawn by events when no partner has one.
                out.push(&shape.channel, &shape.names[0], period.years[0], 0.0, (Some(&format!("p{p}")), None));
                for &year in &period.years {
                    for (k, &rate) in g.iter().enumerate() {
                        for _ in 0..super::surface::poisson(rate, rng) {
                            event += 1;
                            out.push(&shape.channel, &shape.names[k], year, m, (Some(&format!("e{event}")), None));
                        }
                    }
                }
                periods.push((kind, g));
            }
            Kind::Blocks => {
                let total: f64 = g.iter().sum();
                let shares: Vec<f64> = g.iter().map(|x| if total > 0.0 { x / total } else { 0.0 }).collect();
                for block in period.years.chunks(period.block_years.max(1) as usize) {
                    let k = pick(&shares, rng.gen::<f64>());
                    block.iter().for_each(|&year| out.push(&shape.channel, &shape.names[k], year, m, (None, None)));
                }
                periods.push((kind, shares));
            }
            Kind::Fixed => periods.push((kind, g)),
        }
    }
    let totals = shape
        .total_rows
        .iter()
        .map(|t| {
            let k = shape.names.iter().position(|n| *n == t.partner).unwrap_or(0);
            let rate = m * rng.gen_range(-1.0f64..1.0).exp();
            let z: f64 = rand_distr::StandardNormal.sample(rng);
            out.push_total(
                &shape.channel,
                &t.partner,
                (t.start, t.end),
                rate * (t.end - t.start + 1) as f64 * (sigma * z).exp(),
                (None, None),
            );
            (k, t.start, t.end, rate)
        })
        .collect();
    ChannelTruth { periods, totals }
}

/// The index whose cumulative share first exceeds u (the last one at the top).
fn pick(shares: &[f64], u: f64) -> usize {
    let mut acc = 0.0;
    for (k, s) in shares.iter().enumerate() {
        acc += s;
        if u < acc {
            return k;
        }
    }
    shares.len().saturating_sub(1)
}

/// The true period rates of a channel, as a draw of the model's periods (`world`: the
/// world's evaluated periods, whose partners, evidence and coverage it keeps).
fn true_periods(shape: &ChannelShape, truth: &ChannelTruth, world: &[PeriodResult], world_m: f64) -> Option<Vec<PeriodRates>> {
    if world.len() != shape.periods.len() || world.iter().zip(&shape.periods).any(|(w, s)| (w.start, w.end) != (s.start, s.end)) {
        return None;
    }
    let periods = world.iter().zip(&truth.periods).map(|(w, (kind, weights))| {
        let r = &w.rates;
        let mut rates = vec![0.0; r.partners.len()];
        let mut active = vec![0.0; r.partners.len()];
        for (dense, name) in r.partners.iter().enumerate() {
            let Some(k) = shape.names.iter().position(|n| n == name) else { continue };
            let x = weights[k];
            (rates[dense], active[dense]) = match kind {
                Kind::Events => (x * shape.unit_scale, 1.0 - (-x).exp()),
                Kind::Blocks => (x * shape.unit_scale, x),
                Kind::Fixed => (x * world_m, 1.0 - (-x).exp()),
            };
            for &(_, start, end, rho) in truth.totals.iter().filter(|t| t.0 == k && t.1 <= r.end && t.2 >= r.start) {
                rates[dense] += rho;
                active[dense] += (end.min(r.end) - start.max(r.start) + 1) as f64 / r.covered_years.max(1) as f64;
            }
        }
        let richness = active.iter().map(|a| a.min(1.0)).sum();
        // The true richness of t units: every event or block is one partner's, partner k's
        // with probability ∝ its weight (totals are no sampling units).
        let units: Vec<f64> =
            r.partners.iter().map(|name| shape.names.iter().position(|n| n == name).map_or(0.0, |k| weights[k])).collect();
        let rarefied = match kind {
            Kind::Fixed => None,
            _ => r.rarefied_to.map(|t| expected_richness(units.iter().copied(), units.iter().sum(), t)),
        };
        let beyond_share = super::model::beyond_share(&rates, &r.beyond);
        let draw = Draw { rarefied_richness: rarefied, beyond_share, ..summarise(&rates, r.focal, richness) };
        PeriodRates { draws: vec![draw], prior_draws: vec![draw], point: draw, ..r.clone() }
    });
    Some(periods.collect())
}

/// (statement, scope is overall, stated probability, truly holds) of one world.
type Record = (String, bool, f64, bool);

fn thesis_records(stated: &probability::ThesisProbabilities, truth: &probability::ThesisProbabilities, overall: bool) -> [Record; 2] {
    [("P(T1)".into(), overall, stated.p_t1, truth.p_t1 > 0.5), ("P(T2)".into(), overall, stated.p_t2, truth.p_t2 > 0.5)]
}

/// Whether claim `id` enters T1 or T2 under `spec`.
fn thesis_claim(id: super::status::Claim, spec: &Specification) -> bool {
    let full = spec.reading == probability::Reading::Full
        && matches!(id, super::status::Claim::C2 | super::status::Claim::C6 | super::status::Claim::C3);
    probability::T1_CLAIMS.contains(&id) || probability::t2_claims(spec.deepening).contains(&id) || full
}

/// Compares a world's statements with its truth.
fn records(
    runner: &Runner<'_>,
    spec: &Specification,
    shapes: &[ChannelShape],
    world: &SpecResult,
    truths: &[(String, ChannelTruth, f64)],
) -> (Vec<Record>, usize) {
    let t = runner.thresholds();
    let mut out = Vec::new();
    let mut skipped = 0;
    let mut true_channels: Vec<ChannelResult> = Vec::new();
    for c in &world.channels {
        let mut truth_channel = ChannelResult { claims: vec![], ..c.clone() };
        let found = shapes.iter().zip(truths).find(|(s, _)| s.channel == c.channel);
        if let (Some((shape, (_, truth, m))), false) = (found, c.claims.is_empty()) {
            match true_periods(shape, truth, &c.periods, *m) {
                Some(periods) => {
                    let true_claims = claims::channel_claims(&periods, t);
                    out.extend(claim_records(&c.claims, &true_claims));
                    let scored = all_informed(c.claims.iter().filter(|k| thesis_claim(k.id, spec)).map(|k| k.informed));
                    if let (Some(p), Some(q), true) = (c.probabilities, probability::channel(&true_claims, spec.deepening), scored) {
                        out.extend(thesis_records(&p, &q, false));
                    }
                    for (period, rates) in truth_channel.periods.iter_mut().zip(periods) {
                        period.rates = rates;
                    }
                    truth_channel.claims = true_claims;
                }
                None => skipped += 1,
            }
        }
        true_channels.push(truth_channel);
    }
    if skipped == 0 {
        let overall = judge_overall(&true_channels, c6_of(&true_channels, spec), spec, t);
        if all_informed(world.overall.criteria.iter().filter(|k| thesis_claim(k.id, spec)).map(|k| k.informed)) {
            out.extend(thesis_records(&world.overall.probabilities, &overall.probabilities, true));
        }
        for stated in world.overall.criteria.iter().filter(|k| k.informed) {
            if let Some(truth) = overall.criteria.iter().find(|k| k.id == stated.id) {
                out.push((stated.id.name().to_string(), true, stated.probability, truth.probability > 0.5));
            }
        }
    }
    (out, skipped)
}

/// Records of the claims the data inform (a claim they cannot inform states its prior by
/// convention, not a posterior, and is not scored).
fn claim_records(stated: &[ClaimDraws], truth: &[ClaimDraws]) -> Vec<Record> {
    stated
        .iter()
        .zip(truth)
        .filter(|(s, _)| s.informed)
        .map(|(s, t)| (s.id.name().to_string(), false, s.probability(), t.effective(0)))
        .collect()
}

/// Whether every claim of both theses is informed (else their probabilities mix in the
/// convention of uninformed claims and are not scored).
fn all_informed(informed: impl Iterator<Item = bool>) -> bool {
    informed.into_iter().all(|i| i)
}

/// The check under `spec`'s prior with `worlds` worlds.
pub(crate) fn check(runner: &Runner<'_>, spec: &Specification, shapes: &[ChannelShape], worlds: usize) -> SelfConsistency {
    let outcomes: Vec<(Vec<Record>, usize)> = (0..worlds)
        .into_par_iter()
        .map(|w| {
            let mut rng = stream(runner.seed(), Stream::SelfConsistencyWorld { prior: spec.prior_index, world: w as u32 }.id());
            let mut rows = WorldRows::new(runner.subject());
            let mut truths: Vec<(String, ChannelTruth, f64)> = shapes
                .iter()
                .map(|s| (s.channel.clone(), draw_channel(s, (spec.prior.units, spec.prior.total_error), &mut rows, &mut rng), 0.0))
                .collect();
            for (channel, _, m) in truths.iter_mut() {
                *m = partners_and_scale(&channel_rows(rows.observations(), channel)).1;
            }
            let result = runner.evaluate(&rows, spec, w);
            records(runner, spec, shapes, &result, &truths)
        })
        .collect();
    let skipped = outcomes.iter().map(|o| o.1).sum();
    let all: Vec<&Record> = outcomes.iter().flat_map(|o| o.0.iter()).collect();
    let mut keys: Vec<(String, bool)> = Vec::new();
    for r in &all {
        if !keys.iter().any(|k| k.0 == r.0 && k.1 == r.1) {
            keys.push((r.0.clone(), r.1));
        }
    }
    let statements = keys
        .iter()
        .map(|(statement, overall)| {
            let pairs: Vec<(f64, bool)> = all.iter().filter(|r| &r.0 == statement && r.1 == *overall).map(|r| (r.2, r.3)).collect();
            reliability(statement, if *overall { "overall" } else { "channel" }, &pairs, runner.seed())
        })
        .collect();
    SelfConsistency { prior_units: spec.prior.units, worlds, skipped, statements }
}

/// The bin of a stated probability.
fn bin_of(p: f64) -> usize {
    ((p * BINS as f64).floor() as usize).min(BINS - 1)
}

/// Σ_bins (n_b / n) |mean stated_b − share true_b|.
fn ece(pairs: &[(f64, bool)]) -> f64 {
    let mut bins = [(0usize, 0.0f64, 0usize); BINS];
    for &(p, y) in pairs {
        let b = &mut bins[bin_of(p)];
        b.0 += 1;
        b.1 += p;
        b.2 += usize::from(y);
    }
    let n = pairs.len().max(1) as f64;
    bins.iter().filter(|b| b.0 > 0).map(|b| (b.0 as f64 / n) * (b.1 / b.0 as f64 - b.2 as f64 / b.0 as f64).abs()).sum()
}

/// The reliability table, Brier score and ECE of (stated, truth) pairs.
pub fn reliability(statement: &str, scope: &'static str, pairs: &[(f64, bool)], seed: u64) -> Reliability {
    let n = pairs.len();
    let bins = (0..BINS)
        .map(|b| {
            let mine: Vec<&(f64, bool)> = pairs.iter().filter(|x| bin_of(x.0) == b).collect();
            let stated = if mine.is_empty() { 0.0 } else { mine.iter().map(|x| x.0).sum::<f64>() / mine.len() as f64 };
            Bin {
                low: b as f64 / BINS as f64,
                high: (b + 1) as f64 / BINS as f64,
                n: mine.len(),
                stated,
                observed: Rate::of(mine.iter().filter(|x| x.1).count(), mine.len()),
            }
        })
        .collect();
    let brier = if n == 0 { 0.0 } else { pairs.iter().map(|&(p, y)| (p - f64::from(u8::from(y))).powi(2)).sum::<f64>() / n as f64 };
    let mut rng = stream(seed, Stream::CalibratedForecaster.id());
    let replications = 200;
    let mut floors: Vec<f64> = (0..replications)
        .map(|_| {
            let drawn: Vec<(f64, bool)> = pairs.iter().map(|&(p, _)| (p, rng.gen::<f64>() < p)).collect();
            ece(&drawn)
        })
        .collect();
    let floor = floors.iter().sum::<f64>() / replications as f64;
    floors.sort_by(f64::total_cmp);
    let ece_calibrated_95 = crate::stats::rng::percentile(&floors, 0.95);
    Reliability {
        statement: statement.to_string(),
        scope: scope.to_string(),
        n,
        brier,
        ece: ece(pairs),
        ece_calibrated: floor,
        ece_calibrated_95,
        bins,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brier_and_ece_by_hand() {
        // Bin 0: two statements at 0.05, one true (gap 0.45); bin 9: two at 0.95, both true (gap 0.05).
        let pairs = [(0.05, false), (0.05, true), (0.95, true), (0.95, true)];
        let r = reliability("P(T2)", "channel", &pairs, 1);
        assert!((r.ece - (0.5 * 0.45 + 0.5 * 0.05)).abs() < 1e-12, "{}", r.ece);
        assert!((r.brier - (0.0025 + 0.9025 + 0.0025 + 0.0025) / 4.0).abs() < 1e-12, "{}", r.brier);
        assert_eq!((r.bins[0].n, r.bins[9].n, r.bins[0].observed.rate), (2, 2, 0.5));
        // A stated 1.0 falls in the last bin, not past it.
        assert_eq!(bin_of(1.0), BINS - 1);
        assert_eq!(pick(&[0.2, 0.5, 0.3], 0.65), 1);
    }
}
