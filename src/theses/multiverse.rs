//! The multiverse: the verdict over a grid of coding choices, the share of specifications
//! per verdict, and which single choice flips the verdict most often.
use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::criteria::{evaluate, Context, Specification};
use super::spec::AnalysisFile;
use super::verdict::{Claim, Status, Verdict};
use crate::data::attribution::Mode;
use crate::stats::period_rates::Resampling;

/// One specification's outcome, for tables and the specification curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpecOutcome {
    /// (dimension, chosen value) in grid order.
    pub choices: Vec<(String, String)>,
    /// The overall verdict.
    pub verdict: Verdict,
    /// Each channel's verdict.
    pub channel_verdicts: Vec<(String, Verdict)>,
    /// Per channel, each claim's status.
    pub channel_claims: Vec<(String, Vec<(Claim, Status)>)>,
    /// Weight-averaged late-period focal share across channels.
    pub focal_share: Option<f64>,
}

/// How often changing one choice alone flips the overall verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flip {
    /// The dimension (coding choice).
    pub dimension: String,
    /// Pairs of specifications that differ only in this dimension.
    pub comparisons: usize,
    /// Of those, pairs with different overall verdicts.
    pub flips: usize,
    /// `flips` / `comparisons`.
    pub share: f64,
}

/// The multiverse: verdicts over every combination of coding choices.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MultiverseResult {
    /// How many specifications were evaluated.
    pub specifications: usize,
    /// Share of specifications per verdict (T1, T2, neither, inconclusive).
    pub shares: BTreeMap<String, f64>,
    /// Dimensions ordered by how often they flip the verdict (most first).
    pub flips: Vec<Flip>,
    /// The dimensions and their values, in grid order.
    pub dimensions: Vec<(String, Vec<String>)>,
    /// Channel → verdict → share of specifications (each channel's shares sum to 1).
    pub by_channel: BTreeMap<String, BTreeMap<String, f64>>,
    /// Channel → claim → status → number of specifications (summing to `specifications`).
    pub claims: BTreeMap<String, BTreeMap<String, BTreeMap<String, usize>>>,
    /// Attribution mode → channel → late-period focal share of the main specification
    /// under that mode (None where the channel has no late period).
    pub attribution: BTreeMap<String, BTreeMap<String, Option<f64>>>,
    /// (window, channel, period start, period end) where the window size left fewer than
    /// 2 whole windows, so the period's year bootstrap used single years.
    pub window_skips: Vec<(i32, String, i32, i32)>,
    /// Horizon choice → channel → the last year with data it admits (main specification
    /// otherwise): a horizon past a channel's data does not extend that channel.
    pub horizons: BTreeMap<String, BTreeMap<String, Option<i32>>>,
    /// Every specification's outcome, in grid order.
    pub outcomes: Vec<SpecOutcome>,
}

/// A dimension of the grid: its name and its values.
pub type Dimension = (String, Vec<String>);

/// Every specification of the grid, with its choices.
pub fn grid(file: &AnalysisFile) -> (Vec<Dimension>, Vec<(Vec<usize>, Specification)>) {
    let m = &file.multiverse;
    let mut schemes: Vec<(String, BTreeMap<String, f64>)> =
        vec![("file".to_string(), file.channels.iter().map(|(c, s)| (c.clone(), s.weight)).collect())];
    for (name, weights) in &m.channel_weights {
        let mut full: BTreeMap<String, f64> = file.channels.keys().map(|c| (c.clone(), 0.0)).collect();
        full.extend(weights.iter().map(|(c, w)| (c.clone(), *w)));
        schemes.push((name.clone(), full));
    }
    let dims: Vec<(String, Vec<String>)> = vec![
        ("attribution".into(), m.attribution.iter().map(|a| a.name().to_string()).collect()),
        ("window".into(), m.windows.iter().map(|w| w.to_string()).collect()),
        ("breaks".into(), m.break_sets.iter().map(|b| b.iter().map(|y| y.to_string()).collect::<Vec<_>>().join("/")).collect()),
        ("exercise weighting".into(), m.split_events.iter().map(|s| if *s { "split" } else { "each" }.to_string()).collect()),
        ("channel weights".into(), schemes.iter().map(|s| s.0.clone()).collect()),
        ("horizon".into(), m.last_years.iter().map(|y| format!("to {y}")).collect()),
        ("vintage".into(), std::iter::once(super::spec::BASE_VINTAGE.to_string()).chain(file.data.vintages.keys().cloned()).collect()),
        ("coverage".into(), m.coverage.iter().map(|c| c.name().to_string()).collect()),
    ];
    let sizes: Vec<usize> = dims.iter().map(|d| d.1.len().max(1)).collect();
    let total: usize = sizes.iter().product();
    let mut specs = Vec::with_capacity(total);
    for n in 0..total {
        let mut idx = Vec::with_capacity(sizes.len());
        let mut rest = n;
        for s in sizes.iter().rev() {
            idx.push(rest % s);
            rest /= s;
        }
        idx.reverse();
        let spec = Specification {
            attribution: m.attribution[idx[0]],
            window: m.windows[idx[1]],
            breaks: m.break_sets[idx[2]].clone(),
            split_events: m.split_events[idx[3]],
            weights_name: schemes[idx[4]].0.clone(),
            weights: schemes[idx[4]].1.clone(),
            last_year: m.last_years.get(idx[5]).copied().unwrap_or(file.data.last_year),
            spread: file.attribution.spread,
            first_year: file.data.first_year,
            replicates: m.replicates,
            seed: file.bootstrap.seed,
            vintage: dims[6].1[idx[6]].clone(),
            coverage: m.coverage[idx[7]],
        };
        specs.push((idx, spec));
    }
    (dims, specs)
}

/// The grid position of the channel-weight choice: weights change only the overall
/// verdict, so the channels are evaluated once per choice of everything else.
const WEIGHTS_DIM: usize = 4;

/// Runs the grid in parallel (deterministic: each specification is seeded on its own).
pub fn run(ctx: &Context<'_>, file: &AnalysisFile) -> MultiverseResult {
    let (dims, specs) = grid(file);
    let first_weights: Vec<&(Vec<usize>, Specification)> = specs.iter().filter(|(idx, _)| idx[WEIGHTS_DIM] == 0).collect();
    let evaluated: BTreeMap<Vec<usize>, super::criteria::SpecResult> =
        first_weights.par_iter().map(|(idx, spec)| (idx.clone(), evaluate(ctx, spec))).collect();
    let outcomes: Vec<SpecOutcome> = specs
        .par_iter()
        .map(|(idx, spec)| {
            let mut key = idx.clone();
            key[WEIGHTS_DIM] = 0;
            let result = reweighted(&evaluated[&key], spec, ctx.thresholds.overall_majority);
            let mut weighted = 0.0;
            let mut weight = 0.0;
            for c in &result.channels {
                let w = spec.weights.get(&c.channel).copied().unwrap_or(0.0);
                if let Some(s) = c.periods.last().and_then(|p| p.suite.focal_share) {
                    weighted += w * s;
                    weight += w;
                }
            }
            SpecOutcome {
                choices: dims.iter().zip(idx).map(|(d, &i)| (d.0.clone(), d.1[i].clone())).collect(),
                verdict: result.overall.verdict,
                channel_verdicts: result.channels.iter().map(|c| (c.channel.clone(), c.verdict)).collect(),
                channel_claims: result
                    .channels
                    .iter()
                    .map(|c| (c.channel.clone(), c.criteria.iter().map(|k| (k.id, k.status)).collect()))
                    .collect(),
                focal_share: (weight > 0.0).then(|| weighted / weight),
            }
        })
        .collect();
    let n = outcomes.len();
    let shares = Verdict::ALL
        .iter()
        .map(|v| (v.name().to_string(), outcomes.iter().filter(|o| o.verdict == *v).count() as f64 / n.max(1) as f64))
        .collect();
    // Flip analysis: pairs that differ in exactly one dimension.
    let index: BTreeMap<&Vec<usize>, usize> = specs.iter().enumerate().map(|(k, (idx, _))| (idx, k)).collect();
    let mut flips: Vec<Flip> = dims
        .iter()
        .enumerate()
        .map(|(d, (name, values))| {
            let (mut comparisons, mut changed) = (0, 0);
            for (k, (idx, _)) in specs.iter().enumerate() {
                for alt in idx[d] + 1..values.len() {
                    let mut other = idx.clone();
                    other[d] = alt;
                    if let Some(&j) = index.get(&other) {
                        comparisons += 1;
                        changed += usize::from(outcomes[k].verdict != outcomes[j].verdict);
                    }
                }
            }
            Flip {
                dimension: name.clone(),
                comparisons,
                flips: changed,
                share: if comparisons > 0 { changed as f64 / comparisons as f64 } else { 0.0 },
            }
        })
        .collect();
    flips.sort_by(|a, b| b.share.total_cmp(&a.share).then_with(|| a.dimension.cmp(&b.dimension)));
    MultiverseResult {
        specifications: n,
        shares,
        flips,
        dimensions: dims,
        by_channel: channel_shares(&ctx.channels, &outcomes),
        claims: claim_counts(&ctx.channels, &outcomes),
        attribution: attribution_table(ctx, file),
        window_skips: window_skips(&evaluated),
        horizons: horizons(ctx, file),
        outcomes,
    }
}

/// `result` (evaluated under other channel weights) with the overall verdict of `spec`'s weights.
fn reweighted(result: &super::criteria::SpecResult, spec: &Specification, majority: f64) -> super::criteria::SpecResult {
    let weighted: Vec<(String, Verdict, f64)> = result
        .channels
        .iter()
        .filter(|c| !c.periods.is_empty())
        .map(|c| (c.channel.clone(), c.verdict, spec.weights.get(&c.channel).copied().unwrap_or(0.0)))
        .collect();
    let c6 = result.overall.criteria.first().map_or(Status::Inconclusive, |c| c.status);
    let (verdict, deciding) = super::verdict::overall_verdict(&weighted, c6, majority);
    let mut out = result.clone();
    out.specification = spec.clone();
    out.overall.verdict = verdict;
    out.overall.deciding = deciding;
    out
}

/// Horizon label → channel → last year with data under that horizon.
fn horizons(ctx: &Context<'_>, file: &AnalysisFile) -> BTreeMap<String, BTreeMap<String, Option<i32>>> {
    file.multiverse
        .last_years
        .iter()
        .map(|&y| {
            let spec = Specification { last_year: y, coverage: super::spec::CoverageChoice::All, ..super::main_specification(file) };
            let rows = super::criteria::scoped_rows(ctx, &spec);
            let per = ctx
                .channels
                .iter()
                .map(|ch| (ch.clone(), (0..rows.len()).filter(|&i| rows.row(i).channel == ch).map(|i| rows.year_end(i)).max()))
                .collect();
            (format!("to {y}"), per)
        })
        .collect()
}

/// Every (window, channel, period) whose year bootstrap fell back to single years.
fn window_skips(evaluated: &BTreeMap<Vec<usize>, super::criteria::SpecResult>) -> Vec<(i32, String, i32, i32)> {
    let mut skips: Vec<(i32, String, i32, i32)> = evaluated
        .values()
        .flat_map(|r| {
            let window = r.specification.window;
            r.channels.iter().flat_map(move |c| {
                c.periods
                    .iter()
                    .filter(move |p| p.resampling == Resampling::YearBlocks && p.block_years != window)
                    .map(move |p| (window, c.channel.clone(), p.start, p.end))
            })
        })
        .collect();
    skips.sort();
    skips.dedup();
    skips
}

/// Channel → verdict → share of the specifications.
fn channel_shares(channels: &[String], outcomes: &[SpecOutcome]) -> BTreeMap<String, BTreeMap<String, f64>> {
    let n = outcomes.len().max(1) as f64;
    channels
        .iter()
        .map(|ch| {
            let of = |v: Verdict| outcomes.iter().filter(|o| o.channel_verdicts.iter().any(|c| &c.0 == ch && c.1 == v)).count();
            (ch.clone(), Verdict::ALL.iter().map(|v| (v.name().to_string(), of(*v) as f64 / n)).collect())
        })
        .collect()
}

/// Channel → claim → status → count; a channel without claims in a specification (no
/// two periods) counts its claims as inconclusive there, so every count sums to the
/// number of specifications.
fn claim_counts(channels: &[String], outcomes: &[SpecOutcome]) -> BTreeMap<String, BTreeMap<String, BTreeMap<String, usize>>> {
    let statuses = [Status::Supported, Status::Contradicted, Status::Inconclusive];
    channels
        .iter()
        .map(|ch| {
            let per_claim = Claim::PER_CHANNEL
                .iter()
                .map(|id| {
                    let status_in = |o: &SpecOutcome| {
                        o.channel_claims
                            .iter()
                            .find(|c| &c.0 == ch)
                            .and_then(|c| c.1.iter().find(|k| k.0 == *id))
                            .map_or(Status::Inconclusive, |k| k.1)
                    };
                    let counts =
                        statuses.iter().map(|s| (s.name().to_string(), outcomes.iter().filter(|o| status_in(o) == *s).count())).collect();
                    (id.to_string(), counts)
                })
                .collect();
            (ch.clone(), per_claim)
        })
        .collect()
}

/// Mode → channel → the main specification's late-period focal share under that mode.
fn attribution_table(ctx: &Context<'_>, file: &AnalysisFile) -> BTreeMap<String, BTreeMap<String, Option<f64>>> {
    Mode::ALL
        .par_iter()
        .map(|&mode| {
            let spec = Specification { attribution: mode, ..super::main_specification(file) };
            let result = evaluate(ctx, &spec);
            let shares = result.channels.iter().map(|c| (c.channel.clone(), c.periods.last().and_then(|p| p.suite.focal_share))).collect();
            (mode.name().to_string(), shares)
        })
        .collect()
}
