//! The theses' probabilities: each thesis is the conjunction of its claims in the same
//! joint draw, per channel and pooled over channels (docs/METHODS.md §1.3), with its
//! prior probability and the Bayes factor T2 : T1.
use serde::{Deserialize, Serialize};

use super::claims::ClaimDraws;
use super::status::Claim;

/// Which claims make up Thesis 1 (the multiverse's "reading" choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reading {
    /// T1 = C1 ∧ C4 ∧ C5 ∧ C7; T2 = C1 ∧ D3 ∧ D4.
    Core,
    /// The core reading, with C2 (content broadened, where some channel codes kinds of
    /// cooperation) and C6 (the leader depends on the field) added to T1 overall, and C3
    /// (beyond the post-Soviet space) to T2 overall.
    Full,
}

/// How deepening (D4) is read (the multiverse's "deepening" choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Deepening {
    /// From the first period to the last.
    Overall,
    /// From each period to the next.
    Continuous,
}

impl Reading {
    /// The reading's name in tables.
    pub fn name(self) -> &'static str {
        match self {
            Reading::Core => "core",
            Reading::Full => "full",
        }
    }
}

impl Deepening {
    /// The reading's name in tables.
    pub fn name(self) -> &'static str {
        match self {
            Deepening::Overall => "overall",
            Deepening::Continuous => "continuous",
        }
    }

    /// The claim D4 stands for under this reading.
    pub fn claim(self) -> Claim {
        match self {
            Deepening::Overall => Claim::D4,
            Deepening::Continuous => Claim::D4Continuous,
        }
    }
}

/// The claims of Thesis 1 per channel (C2 and C6 join overall under the full reading, as C3 joins T2).
pub const T1_CLAIMS: [Claim; 4] = [Claim::C1, Claim::C4, Claim::C5, Claim::C7];

/// The claims of Thesis 2 under `deepening`.
pub fn t2_claims(deepening: Deepening) -> [Claim; 3] {
    [Claim::C1, Claim::D3, deepening.claim()]
}

/// P(T1), P(T2), P(neither) with their priors and the Bayes factor.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ThesisProbabilities {
    /// P(T1 | data).
    pub p_t1: f64,
    /// P(T2 | data).
    pub p_t2: f64,
    /// P(neither | data) = 1 − P(T1) − P(T2).
    pub p_neither: f64,
    /// P(T1) under the prior alone.
    pub prior_t1: f64,
    /// P(T2) under the prior alone.
    pub prior_t2: f64,
    /// The Bayes factor T2 : T1, (P(T2) / P(T1)) / (prior_t2 / prior_t1); None when one of
    /// the four is 0 in every draw (not estimable with this many draws).
    pub bayes_factor_t2_t1: Option<f64>,
    /// Joint draws behind the probabilities.
    pub draws: usize,
}

/// A joint draw's outcome: one thesis holds, or neither (also when both conjunctions
/// hold in different channels of an overall pool).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    T1,
    T2,
    Neither,
}

fn outcome(t1: bool, t2: bool) -> Outcome {
    match (t1, t2) {
        (true, false) => Outcome::T1,
        (false, true) => Outcome::T2,
        _ => Outcome::Neither,
    }
}

/// Tallies the outcomes of posterior and prior draws into probabilities.
fn tally(draws: usize, posterior: impl Fn(usize) -> Outcome, prior: impl Fn(usize) -> Outcome) -> ThesisProbabilities {
    // Each draw's outcome is decided once: (T1 count, T2 count).
    let count = |f: &dyn Fn(usize) -> Outcome| {
        (0..draws).map(f).fold((0usize, 0usize), |(a, b), o| (a + usize::from(o == Outcome::T1), b + usize::from(o == Outcome::T2)))
    };
    let (t1, t2) = count(&posterior);
    let (q1, q2) = count(&prior);
    let n = draws.max(1) as f64;
    let bayes_factor = (t1 > 0 && t2 > 0 && q1 > 0 && q2 > 0).then(|| (t2 as f64 / t1 as f64) / (q2 as f64 / q1 as f64));
    ThesisProbabilities {
        p_t1: t1 as f64 / n,
        p_t2: t2 as f64 / n,
        p_neither: (draws - t1 - t2) as f64 / n,
        prior_t1: q1 as f64 / n,
        prior_t2: q2 as f64 / n,
        bayes_factor_t2_t1: bayes_factor,
        draws,
    }
}

/// The claim `id` among `claims`.
pub(crate) fn find(claims: &[ClaimDraws], id: Claim) -> Option<&ClaimDraws> {
    claims.iter().find(|c| c.id == id)
}

fn draws_of(claims: &[ClaimDraws]) -> usize {
    claims.iter().map(|c| c.holds.len().min(c.prior.len())).min().unwrap_or(0)
}

/// The probabilities of one channel: each thesis the conjunction of its claims in the
/// same draw (a claim the data cannot inform enters with its prior draw).
pub fn channel(claims: &[ClaimDraws], deepening: Deepening) -> Option<ThesisProbabilities> {
    let t1: Vec<&ClaimDraws> = T1_CLAIMS.iter().map(|id| find(claims, *id)).collect::<Option<_>>()?;
    let t2: Vec<&ClaimDraws> = t2_claims(deepening).iter().map(|id| find(claims, *id)).collect::<Option<_>>()?;
    let all = |list: &[&ClaimDraws], r: usize, prior: bool| list.iter().all(|c| if prior { c.prior[r] } else { c.effective(r) });
    Some(tally(draws_of(claims), |r| outcome(all(&t1, r, false), all(&t2, r, false)), |r| outcome(all(&t1, r, true), all(&t2, r, true))))
}

/// One channel's claims and its weight in the overall pool.
pub struct Pooled<'a> {
    /// The channel's claims.
    pub claims: &'a [ClaimDraws],
    /// Its weight.
    pub weight: f64,
}

/// One claim pooled over channels: the (draws, weight) that count in posterior draws
/// and in prior draws, and the share of weight it needs.
pub(crate) struct PooledClaim<'a> {
    posterior: Vec<(&'a [bool], f64)>,
    prior: Vec<(&'a [bool], f64)>,
    majority: f64,
}

impl<'a> PooledClaim<'a> {
    /// Claim `id` pooled over `channels`: it holds overall in a draw when the channels in
    /// which it holds carry at least `majority` of the weight of the channels that inform
    /// it. Channels that cannot inform it do not count; when none can, every channel's
    /// prior draw counts (and so in prior draws).
    pub(crate) fn new(channels: &[Pooled<'a>], id: Claim, majority: f64) -> PooledClaim<'a> {
        let with: Vec<(&'a ClaimDraws, f64)> =
            channels.iter().filter(|c| c.weight > 0.0).filter_map(|c| find(c.claims, id).map(|k| (k, c.weight))).collect();
        let prior: Vec<(&'a [bool], f64)> = with.iter().map(|(k, w)| (k.prior.as_slice(), *w)).collect();
        let informing: Vec<(&'a [bool], f64)> = with.iter().filter(|(k, _)| k.informed).map(|(k, w)| (k.holds.as_slice(), *w)).collect();
        let posterior = if informing.is_empty() { prior.clone() } else { informing };
        PooledClaim { posterior, prior, majority }
    }

    /// Whether the pooled claim holds in posterior (or, with `prior`, prior) draw `r`.
    pub(crate) fn holds(&self, r: usize, prior: bool) -> bool {
        let list = if prior { &self.prior } else { &self.posterior };
        let total: f64 = list.iter().map(|(_, w)| w).sum();
        let holding: f64 = list.iter().filter(|(d, _)| d[r]).map(|(_, w)| w).sum();
        total > 0.0 && holding >= self.majority * total
    }
}

/// Whether claim `id` is informed by any weighted channel.
pub(crate) fn pooled_informed(channels: &[Pooled<'_>], id: Claim) -> bool {
    channels.iter().any(|c| c.weight > 0.0 && find(c.claims, id).is_some_and(|k| k.informed))
}

/// The number of joint draws all `channels` (and `c6`) share.
pub(crate) fn pooled_draws(channels: &[Pooled<'_>], c6: Option<&ClaimDraws>) -> usize {
    channels.iter().map(|c| draws_of(c.claims)).chain(c6.map(|c| c.holds.len().min(c.prior.len()))).min().unwrap_or(0)
}

/// The overall probabilities: each claim pooled over the channels in every draw
/// (`PooledClaim`), then each thesis the conjunction of its pooled claims; under the
/// full reading, T1 also needs C2 (unless no channel codes kinds, so that no channel has
/// it) and C6, and T2 also needs C3.
pub fn overall(
    channels: &[Pooled<'_>],
    c6: Option<&ClaimDraws>,
    deepening: Deepening,
    reading: Reading,
    majority: f64,
) -> ThesisProbabilities {
    let n = pooled_draws(channels, c6);
    let mut t1: Vec<PooledClaim<'_>> = T1_CLAIMS.iter().map(|id| PooledClaim::new(channels, *id, majority)).collect();
    let mut t2: Vec<PooledClaim<'_>> = t2_claims(deepening).iter().map(|id| PooledClaim::new(channels, *id, majority)).collect();
    if reading == Reading::Full {
        t2.push(PooledClaim::new(channels, Claim::C3, majority));
        if channels.iter().any(|c| c.weight > 0.0 && find(c.claims, Claim::C2).is_some()) {
            t1.push(PooledClaim::new(channels, Claim::C2, majority));
        }
    }
    let decide = |r: usize, prior: bool| {
        let c6_holds = || match (reading, c6) {
            (Reading::Core, _) => true,
            (Reading::Full, Some(c)) => {
                if prior {
                    c.prior[r]
                } else {
                    c.effective(r)
                }
            }
            (Reading::Full, None) => false,
        };
        let t1 = t1.iter().all(|c| c.holds(r, prior)) && c6_holds();
        let t2 = t2.iter().all(|c| c.holds(r, prior));
        outcome(t1, t2)
    };
    tally(n, |r| decide(r, false), |r| decide(r, true))
}

/// The probability at or above which an outcome is called (IPCC "very likely").
pub const CALL_AT: f64 = 0.9;

/// The coarsest reading of a channel's or the overall probabilities: the outcome that is
/// very likely (P ≥ 0.9), if any. Calibration counts calls; the report gives probabilities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Call {
    /// P(T1) ≥ 0.9.
    T1,
    /// P(T2) ≥ 0.9.
    T2,
    /// P(neither) ≥ 0.9.
    #[serde(rename = "neither")]
    Neither,
    /// No outcome reaches 0.9.
    #[serde(rename = "open")]
    Open,
}

impl Call {
    /// Every call, in table order.
    pub const ALL: [Call; 4] = [Call::T1, Call::T2, Call::Neither, Call::Open];

    /// The call's name in tables ("T1", "T2", "neither", "open").
    pub fn name(self) -> &'static str {
        match self {
            Call::T1 => "T1",
            Call::T2 => "T2",
            Call::Neither => "neither",
            Call::Open => "open",
        }
    }
}

impl ThesisProbabilities {
    /// The outcome with P ≥ `CALL_AT`, if any.
    pub fn call(&self) -> Call {
        if self.p_t1 >= CALL_AT {
            Call::T1
        } else if self.p_t2 >= CALL_AT {
            Call::T2
        } else if self.p_neither >= CALL_AT {
            Call::Neither
        } else {
            Call::Open
        }
    }
}
