//! Each claim's result as reported: its probability, prior, status, credible interval
//! and one sentence with the numbers behind it.
use super::claims::{share, ClaimDraws};
use super::model::{Draw, PeriodRates};
use super::probability::{pooled_draws, pooled_informed, Pooled, PooledClaim};
use super::spec::Thresholds;
use super::status::{Claim, Criterion, Status};
use crate::format::{equals, percent, summary_number};
use crate::stats::resample::Interval;
use crate::stats::rng::interval_of;

/// "a to b" for an interval, "-" when undefined.
fn shown(i: Option<Interval>) -> String {
    i.map_or("-".into(), |i| format!("{} to {}", summary_number(Some(i.low)), summary_number(Some(i.high))))
}

/// The central (1 − alpha) interval of a claim's quantity.
fn interval(c: &ClaimDraws, alpha: f64) -> Option<Interval> {
    interval_of(c.quantity.clone(), c.holds.len(), alpha / 2.0)
}

/// The criterion of `c` with `summary` and `numbers`.
fn criterion(c: &ClaimDraws, alpha: f64, summary: String, mut numbers: Vec<(String, Option<f64>)>) -> Criterion {
    let ci = interval(c, alpha);
    let probability = c.probability();
    let summary = match c.not_informed_because {
        Some(why) => format!("{summary}; not informed ({why}): its prior probability {}", percent(probability)),
        None => summary,
    };
    numbers.push(("point".into(), c.point));
    Criterion {
        id: c.id,
        thesis: c.id.thesis(),
        claim: c.id.text(),
        probability,
        prior: c.prior_probability(),
        informed: c.informed,
        not_informed_because: c.not_informed_because,
        status: if c.informed { Status::of(probability) } else { Status::NotInformed },
        summary,
        numbers,
        interval_low: ci.map(|i| i.low),
        interval_high: ci.map(|i| i.high),
        threshold: Some(c.threshold),
    }
}

/// The claims of one channel as reported.
pub fn channel(claims: &[ClaimDraws], periods: &[PeriodRates], focal: &str, t: &Thresholds) -> Vec<Criterion> {
    let (early, late) = (&periods[0], &periods[periods.len() - 1]);
    let span = |p: &PeriodRates| format!("{}-{}", p.start, p.end);
    claims
        .iter()
        .map(|c| {
            let ci = shown(interval(c, t.alpha));
            let p = equals(c.probability());
            let (summary, numbers): (String, Vec<(String, Option<f64>)>) = match c.id {
                Claim::C1 => scope(early, late, &ci, &p),
                Claim::C2 => {
                    let (summary, mut numbers) = early_to_late(
                        (&format!("kinds of cooperation in {} sampling units (rarefied)", early.rarefied_to.unwrap_or(0)), "kinds"),
                        |d| d.rarefied_kinds,
                        (early, late),
                        &format!("difference credible interval {ci}; P(broadened) {p}; kinds coded: {}", late.kinds.join(", ")),
                    );
                    numbers.push(("kinds_coded".into(), Some(late.kinds.len() as f64)));
                    (summary, numbers)
                }
                Claim::C3 => early_to_late(
                    ("share beyond the post-Soviet space", "beyond_share"),
                    |d| d.beyond_share,
                    (early, late),
                    &format!("difference credible interval {ci}; P(grew) {p}"),
                ),
                Claim::C4 => (
                    format!("late {}: {focal}'s rate {} times the largest other's (credible interval {ci}; shared below {}); P(shared) {p}", span(late), summary_number(late.point.dominance), t.dominance_min),
                    vec![("dominance_late".into(), late.point.dominance), ("p_focal_first_late".into(), late.p_focal_first())],
                ),
                Claim::C5 => {
                    let enp = late.interval(t.alpha, |d| d.enp);
                    (
                        format!(
                            "late {}: ENP {} (credible interval {}, needs >= {}), {focal}'s share {} (credible interval {ci}, needs < {}); P {p}",
                            span(late),
                            summary_number(late.point.enp),
                            shown(enp),
                            t.enp_min,
                            summary_number(late.point.focal_share),
                            t.focal_share_max
                        ),
                        vec![("enp_late".into(), late.point.enp), ("focal_share_late".into(), late.point.focal_share)],
                    )
                }
                Claim::C7 => early_to_late(
                    (&format!("{focal}'s dominance"), "dominance"),
                    |d| d.dominance,
                    (early, late),
                    &format!("ratio late/early credible interval {ci}; P(narrowed) {p}"),
                ),
                Claim::D3 => (
                    format!(
                        "{focal}'s dominance by period: {}; weakest period credible interval {ci} (threshold {}); P(strongest in every period) {p}",
                        periods.iter().map(|q| format!("{} {}", span(q), summary_number(q.point.dominance))).collect::<Vec<_>>().join(", "),
                        t.dominance_min
                    ),
                    periods.iter().map(|q| (format!("dominance_{}_{}", q.start, q.end), q.point.dominance)).collect(),
                ),
                Claim::D4 | Claim::D4Continuous => (
                    format!(
                        "{focal} per year: {}; growth {} credible interval {ci} (needs >= {}); P {p}",
                        periods.iter().map(|q| format!("{} {}", span(q), summary_number(Some(q.point.focal_rate)))).collect::<Vec<_>>().join(", "),
                        if c.id == Claim::D4 { "first to last" } else { "weakest step" },
                        t.growth_min
                    ),
                    periods.iter().map(|q| (format!("focal_rate_{}_{}", q.start, q.end), Some(q.point.focal_rate))).collect(),
                ),
                Claim::C6 => (String::new(), vec![]),
            };
            criterion(c, t.alpha, summary, numbers)
        })
        .collect()
}

/// The claims pooled over the channels (each as `PooledClaim` decides it per draw), and C6.
pub fn overall(pool: &[Pooled<'_>], c6: Option<&ClaimDraws>, majority: f64, alpha: f64) -> Vec<Criterion> {
    let n = pooled_draws(pool, None);
    let mut out: Vec<Criterion> = Claim::PER_CHANNEL
        .iter()
        .filter(|id| pool.iter().any(|c| c.claims.iter().any(|k| k.id == **id)))
        .map(|&id| {
            let pooled = PooledClaim::new(pool, id, majority);
            let holds: Vec<bool> = (0..n).map(|r| pooled.holds(r, false)).collect();
            let prior: Vec<bool> = (0..n).map(|r| pooled.holds(r, true)).collect();
            let informed = pooled_informed(pool, id);
            let per_channel = pool
                .iter()
                .filter(|c| c.weight > 0.0)
                .filter_map(|c| c.claims.iter().find(|k| k.id == id))
                .map(|k| if k.informed { percent(k.probability()) } else { format!("{} (not informed)", percent(k.probability())) })
                .collect::<Vec<_>>()
                .join(", ");
            let draws = ClaimDraws {
                id,
                holds: holds.clone(),
                prior,
                informed,
                not_informed_because: (!informed).then_some("no channel can inform it"),
                quantity: vec![],
                point: None,
                threshold: majority,
            };
            let summary = format!(
                "holds in channels carrying >= {} of the informing weight in {} of draws (channels: {per_channel})",
                majority,
                percent(share(&holds))
            );
            let mut c = criterion(&draws, alpha, summary, vec![]);
            c.threshold = Some(majority);
            c
        })
        .collect();
    if let Some(c6) = c6 {
        let summary = format!(
            "distinct late-period leaders across channels: {} on the point rates; P(leaders differ) {}",
            summary_number(c6.point),
            crate::format::equals(c6.probability())
        );
        out.push(criterion(c6, alpha, summary, vec![]));
    }
    out
}

/// C1's summary and numbers: richness at the common sample size (or why there is none),
/// with the expected active partners per year beside it.
fn scope(early: &PeriodRates, late: &PeriodRates, ci: &str, p: &str) -> (String, Vec<(String, Option<f64>)>) {
    let span = |p: &PeriodRates| format!("{}-{}", p.start, p.end);
    let yearly = format!(
        "expected active partners per year {} to {}",
        summary_number(Some(early.point.yearly_richness)),
        summary_number(Some(late.point.yearly_richness))
    );
    let summary = match early.rarefied_to {
        Some(t) => format!(
            "partners in {t} sampling units (rarefied) {} ({}, {} units) to {} ({}, {} units), difference credible interval {ci}; P(grew) {p}; {yearly}",
            summary_number(early.point.rarefied_richness),
            span(early),
            early.sampling_units,
            summary_number(late.point.rarefied_richness),
            span(late),
            late.sampling_units,
        ),
        None => format!(
            "{} and {} sampling units in {} and {}: too few to compare richness at a common sample size; {yearly}",
            early.sampling_units,
            late.sampling_units,
            span(early),
            span(late),
        ),
    };
    let numbers = vec![
        ("richness_early".into(), early.point.rarefied_richness),
        ("richness_late".into(), late.point.rarefied_richness),
        ("common_units".into(), early.rarefied_to.map(|t| t as f64)),
        ("yearly_richness_early".into(), Some(early.point.yearly_richness)),
        ("yearly_richness_late".into(), Some(late.point.yearly_richness)),
    ];
    (summary, numbers)
}

/// "{what} e (first period) to l (last period), {tail}" with the numbers `{key}_early`
/// and `{key}_late`, the point values of `pick`.
fn early_to_late(
    (what, key): (&str, &str),
    pick: impl Fn(&Draw) -> Option<f64>,
    (early, late): (&PeriodRates, &PeriodRates),
    tail: &str,
) -> (String, Vec<(String, Option<f64>)>) {
    let span = |p: &PeriodRates| format!("{}-{}", p.start, p.end);
    let (e, l) = (pick(&early.point), pick(&late.point));
    (
        format!("{what} {} ({}) to {} ({}), {tail}", summary_number(e), span(early), summary_number(l), span(late)),
        vec![(format!("{key}_early"), e), (format!("{key}_late"), l)],
    )
}
