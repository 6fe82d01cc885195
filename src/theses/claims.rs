//! The measurable claims of docs/METHODS.md §1, evaluated in every joint draw of a
//! channel's period rates: for each claim, whether it holds in each posterior draw and
//! in each prior draw, the quantity it is judged on, and whether the data can inform it.
use super::model::{Draw, PeriodRates};
use super::spec::Thresholds;
use super::status::Claim;

/// One claim of one channel (or across channels), draw by draw.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimDraws {
    /// Which claim.
    pub id: Claim,
    /// Whether the claim holds in each posterior draw.
    pub holds: Vec<bool>,
    /// Whether it holds in each draw from the prior alone.
    pub prior: Vec<bool>,
    /// Whether the data can inform the claim; if not, its draws are the prior's.
    pub informed: bool,
    /// Why the data cannot inform it (None when informed).
    pub not_informed_because: Option<&'static str>,
    /// The quantity the claim is judged on, per posterior draw (undefined draws left out).
    pub quantity: Vec<f64>,
    /// The quantity on the data's point rates.
    pub point: Option<f64>,
    /// The quantity's threshold.
    pub threshold: f64,
}

impl ClaimDraws {
    /// Whether the claim holds in joint draw `r`: the posterior draw where the data
    /// inform the claim, the prior draw where they do not.
    pub fn effective(&self, r: usize) -> bool {
        if self.informed {
            self.holds[r]
        } else {
            self.prior[r]
        }
    }

    /// P(claim | data): the share of draws in which it holds (the prior's share when not informed).
    pub fn probability(&self) -> f64 {
        share(if self.informed { &self.holds } else { &self.prior })
    }

    /// The claim's prior probability.
    pub fn prior_probability(&self) -> f64 {
        share(&self.prior)
    }
}

/// The share of `true` among `flags` (0 when empty).
pub(crate) fn share(flags: &[bool]) -> f64 {
    if flags.is_empty() {
        0.0
    } else {
        flags.iter().filter(|f| **f).count() as f64 / flags.len() as f64
    }
}

/// Builds one claim from a per-draw test on the channel's periods.
struct Builder<'p> {
    periods: &'p [PeriodRates],
}

impl<'p> Builder<'p> {
    /// Fills `out` with the draws of every period at index `r` of the posterior (`prior`
    /// false) or prior draws.
    fn at(&self, r: usize, prior: bool, out: &mut Vec<&'p Draw>) {
        out.clear();
        out.extend(self.periods.iter().map(|p| if prior { &p.prior_draws[r] } else { &p.draws[r] }));
    }

    fn draws(&self) -> usize {
        self.periods.iter().map(|p| p.draws.len().min(p.prior_draws.len())).min().unwrap_or(0)
    }

    /// The claim `id`: `test` says whether it holds and gives its quantity for one joint draw.
    fn claim(
        &self,
        id: Claim,
        threshold: f64,
        why_not: Option<&'static str>,
        test: impl Fn(&[&Draw]) -> (bool, Option<f64>),
    ) -> ClaimDraws {
        let n = self.draws();
        let mut holds = Vec::with_capacity(n);
        let mut quantity = Vec::with_capacity(n);
        let mut joint = Vec::with_capacity(self.periods.len());
        let mut prior = Vec::with_capacity(n);
        for r in 0..n {
            self.at(r, false, &mut joint);
            let (h, q) = test(&joint);
            holds.push(h);
            quantity.extend(q.filter(|q| !q.is_nan()));
            self.at(r, true, &mut joint);
            prior.push(test(&joint).0);
        }
        let points: Vec<&Draw> = self.periods.iter().map(|p| &p.point).collect();
        ClaimDraws {
            id,
            holds,
            prior,
            informed: why_not.is_none(),
            not_informed_because: why_not,
            quantity,
            point: test(&points).1,
            threshold,
        }
    }
}

/// Focal rate / largest other rate of a draw, +∞ when only the focal partner is active
/// and None when nobody is.
fn dominance(d: &Draw) -> Option<f64> {
    d.dominance
}

/// The focal partner leads by at least `factor` (and is active).
fn leads_by(d: &Draw, factor: f64) -> bool {
    d.focal_rate > 0.0 && d.focal_rate >= factor * d.max_other
}

/// a / b for growth ratios: +∞ when only b is 0, None when both are.
fn ratio(a: f64, b: f64) -> Option<f64> {
    if b > 0.0 {
        Some(a / b)
    } else if a > 0.0 {
        Some(f64::INFINITY)
    } else {
        None
    }
}

/// C2: more kinds of cooperation at the common sample size late than early (not informed
/// when C1 is not, `why_not`).
fn content_claim(b: &Builder<'_>, why_not: Option<&'static str>) -> ClaimDraws {
    let last = b.periods.len() - 1;
    b.claim(Claim::C2, 0.0, why_not, |d| {
        let diff = d[last].rarefied_kinds.zip(d[0].rarefied_kinds).map(|(l, e)| l - e);
        (diff.is_some_and(|x| x > 0.0), diff)
    })
}

/// Every claim of one channel with at least two periods, in `Claim::PER_CHANNEL` order
/// (C2 only where the channel's rows name kinds of cooperation).
pub fn channel_claims(periods: &[PeriodRates], t: &Thresholds) -> Vec<ClaimDraws> {
    let b = Builder { periods };
    let (early, late) = (&periods[0], &periods[periods.len() - 1]);
    let focal = late.focal;
    let last = periods.len() - 1;
    let volume = |p: &PeriodRates| p.evidence.volume > 0.0;
    let late_why = (!volume(late)).then_some("no cooperation recorded in the late period");
    let compare_why = |e: &PeriodRates, l: &PeriodRates| -> Option<&'static str> {
        if !e.evidence.about(focal) || !l.evidence.about(focal) {
            Some("no data on the focal partner in one of the periods")
        } else if e.evidence.tied(&l.evidence, focal) {
            Some("the focal partner's rate rests on the same period total in both periods")
        } else {
            None
        }
    };
    let scope_why = if !early.evidence.any() || !late.evidence.any() {
        Some("a period without data")
    } else if early.rarefied_to.is_none() || late.rarefied_to.is_none() {
        Some("too few sampling units (events or covered years) in the first or last period to compare richness at a common sample size")
    } else {
        None
    };
    let pairs_why = (0..last).find_map(|k| compare_why(&periods[k], &periods[k + 1]));
    let region_why = if !early.evidence.any() || !late.evidence.any() {
        Some("a period without data")
    } else if !late.beyond.iter().any(Option::is_some) {
        Some("no partner of a known region (the registry's region column)")
    } else if early.evidence.yearly_years == 0 && late.evidence.yearly_years == 0 && early.evidence.totals == late.evidence.totals {
        Some("both periods rest on the same period totals")
    } else {
        None
    };
    let every_why = periods.iter().any(|p| !volume(p)).then_some("a period without any recorded cooperation");
    let c2 = (!late.kinds.is_empty()).then(|| content_claim(&b, scope_why));
    let claims = vec![
        b.claim(Claim::C1, 0.0, scope_why, |d| {
            let diff = d[last].rarefied_richness.zip(d[0].rarefied_richness).map(|(l, e)| l - e);
            (diff.is_some_and(|x| x > 0.0), diff)
        }),
        b.claim(Claim::C3, 0.0, region_why, |d| {
            let diff = d[last].beyond_share.zip(d[0].beyond_share).map(|(l, e)| l - e);
            (diff.is_some_and(|x| x > 0.0), diff)
        }),
        b.claim(Claim::C4, t.dominance_min, late_why, |d| {
            let l = d[last];
            (l.leader.is_some() && !leads_by(l, t.dominance_min), dominance(l))
        }),
        b.claim(Claim::C5, t.focal_share_max, late_why, |d| {
            let l = d[last];
            (l.enp.is_some_and(|e| e >= t.enp_min) && l.focal_share.is_some_and(|s| s < t.focal_share_max), l.focal_share)
        }),
        b.claim(Claim::C7, 1.0, compare_why(early, late).or(late_why), |d| {
            let change =
                dominance(d[0])
                    .zip(dominance(d[last]))
                    .and_then(|(e, l)| if e.is_infinite() && l.is_infinite() { None } else { Some(l / e) });
            (change.is_some_and(|c| c < 1.0), change)
        }),
        b.claim(Claim::D3, t.dominance_min, every_why, |d| {
            let weakest = d.iter().filter_map(|x| dominance(x)).fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.min(x))));
            (d.iter().all(|x| leads_by(x, t.dominance_min)), weakest)
        }),
        b.claim(Claim::D4, t.growth_min, compare_why(early, late), |d| {
            let growth = ratio(d[last].focal_rate, d[0].focal_rate);
            (growth.is_some_and(|g| g >= t.growth_min), growth)
        }),
        b.claim(Claim::D4Continuous, t.growth_min, pairs_why, |d| {
            let steps: Vec<Option<f64>> = d.windows(2).map(|w| ratio(w[1].focal_rate, w[0].focal_rate)).collect();
            let weakest = steps.iter().map(|s| s.unwrap_or(0.0)).fold(f64::INFINITY, f64::min);
            (steps.iter().all(|s| s.is_some_and(|g| g >= t.growth_min)), Some(weakest))
        }),
    ];
    let mut claims = claims;
    if let Some(c2) = c2 {
        claims.insert(1, c2);
    }
    claims
}

/// C6 across channels: the late-period leaders differ between channels, in each draw.
/// `lates` are the late periods of at least two weighted channels that record cooperation
/// there (`evaluate` passes only those, and evaluates no C6 with fewer).
pub fn c6(lates: &[&PeriodRates]) -> ClaimDraws {
    let n = lates.iter().map(|p| p.draws.len().min(p.prior_draws.len())).min().unwrap_or(0);
    let leaders = |draws: &dyn Fn(&PeriodRates) -> &Draw| -> (bool, f64) {
        let mut names: Vec<&str> = lates.iter().filter_map(|p| draws(p).leader.map(|k| p.partners[k].as_str())).collect();
        names.sort_unstable();
        names.dedup();
        (names.len() >= 2, names.len() as f64)
    };
    let mut holds = Vec::with_capacity(n);
    let mut quantity = Vec::with_capacity(n);
    let mut prior = Vec::with_capacity(n);
    for r in 0..n {
        let (h, q) = leaders(&|p| &p.draws[r]);
        holds.push(h);
        quantity.push(q);
        prior.push(leaders(&|p| &p.prior_draws[r]).0);
    }
    ClaimDraws {
        id: Claim::C6,
        holds,
        prior,
        informed: true,
        not_informed_because: None,
        quantity,
        point: Some(leaders(&|p| &p.point).1),
        threshold: 2.0,
    }
}
