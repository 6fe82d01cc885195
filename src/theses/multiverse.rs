//! The multiverse: P(T1) and P(T2) over a grid of coding choices, their distribution,
//! and which single choice moves P(T2) most.
use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::criteria::{evaluate, evaluate_cached, rejudge, ChannelCache, Context, SpecResult, Specification};
use super::model::Resampling;
use super::spec::AnalysisFile;
use super::status::Claim;
use crate::data::attribution::Mode;

/// A coding choice of the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Choice {
    /// How multilateral events are attributed.
    Attribution,
    /// Years per window of the series and per block of yearly sums.
    Window,
    /// The period breaks.
    Breaks,
    /// Each event counts 1 per partner, or 1 in total.
    ExerciseWeighting,
    /// The channels' weights in the overall pool.
    ChannelWeights,
    /// The last year of the horizon.
    Horizon,
    /// The data release.
    Vintage,
    /// Systematic years only, or example-only years too.
    Coverage,
    /// Where a channel's yearly data start.
    FirstYear,
    /// Which claims make up the theses.
    Reading,
    /// How deepening is read.
    Deepening,
}

impl Choice {
    /// The choice's name in tables.
    pub fn name(self) -> &'static str {
        match self {
            Choice::Attribution => "attribution",
            Choice::Window => "window",
            Choice::Breaks => "breaks",
            Choice::ExerciseWeighting => "exercise weighting",
            Choice::ChannelWeights => "channel weights",
            Choice::Horizon => "horizon",
            Choice::Vintage => "vintage",
            Choice::Coverage => "coverage",
            Choice::FirstYear => "first year",
            Choice::Reading => "reading",
            Choice::Deepening => "deepening",
        }
    }

    /// Whether the choice changes the draws (else only how they are judged).
    fn redraws(self) -> bool {
        !matches!(self, Choice::ChannelWeights | Choice::Reading | Choice::Deepening)
    }
}

/// A dimension of the grid: a choice and its values' names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dimension {
    /// The choice.
    pub choice: Choice,
    /// Its values, by index.
    pub values: Vec<String>,
}

/// One channel's probabilities in one specification.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ChannelProbabilities {
    /// P(T1) (None without two periods of data).
    pub p_t1: Option<f64>,
    /// P(T2).
    pub p_t2: Option<f64>,
}

/// One specification's outcome.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpecOutcome {
    /// The value index chosen in each dimension, in `dimensions` order.
    pub choices: Vec<usize>,
    /// P(T1) overall.
    pub p_t1: f64,
    /// P(T2) overall.
    pub p_t2: f64,
    /// Per channel, in the analysis file's channel order.
    pub channels: Vec<ChannelProbabilities>,
    /// Weight-averaged late-period focal share across channels.
    pub focal_share: Option<f64>,
}

impl SpecOutcome {
    /// Whether the specification judges anything (some channel has two periods); the
    /// others are counted as `one_period` and left out of the spreads, shares and effects.
    pub fn judged(&self) -> bool {
        self.channels.iter().any(|c| c.p_t1.is_some())
    }
}

/// How much changing one choice alone moves P(T2).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceEffect {
    /// The choice.
    pub choice: Choice,
    /// Groups of specifications that differ only in this choice.
    pub groups: usize,
    /// The mean, over those groups, of max − min P(T2) within the group.
    pub mean_spread_t2: f64,
    /// The largest such spread.
    pub max_spread_t2: f64,
    /// The mean spread of P(T1).
    pub mean_spread_t1: f64,
}

/// Median, minimum and maximum of a probability over specifications.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Spread {
    /// The median.
    pub median: f64,
    /// The smallest.
    pub min: f64,
    /// The largest.
    pub max: f64,
}

impl Spread {
    /// The spread of `values` (None when empty).
    pub fn of(mut values: Vec<f64>) -> Option<Spread> {
        if values.is_empty() {
            return None;
        }
        values.sort_by(f64::total_cmp);
        let n = values.len();
        let median = if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 };
        Some(Spread { median, min: values[0], max: values[n - 1] })
    }
}

/// The multiverse's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MultiverseResult {
    /// How many specifications were evaluated.
    pub count: usize,
    /// How many of them leave every channel with only one period of data (coverage that
    /// starts late): they judge nothing and are left out of the spreads and shares.
    pub one_period: usize,
    /// The dimensions and their values, in grid order.
    pub dimensions: Vec<Dimension>,
    /// P(T1) over the specifications.
    pub p_t1: Option<Spread>,
    /// P(T2) over the specifications.
    pub p_t2: Option<Spread>,
    /// Share of specifications in which T1 is very likely (P ≥ 0.9).
    pub very_likely_t1: f64,
    /// Share of specifications in which T2 is very likely (P ≥ 0.9).
    pub very_likely_t2: f64,
    /// The choices ordered by how much they move P(T2) alone (most first).
    pub effects: Vec<ChoiceEffect>,
    /// Channel → (P(T1) spread, P(T2) spread) over the specifications.
    pub by_channel: BTreeMap<String, (Option<Spread>, Option<Spread>)>,
    /// Channel → claim → its probability's spread over the specifications that redraw.
    pub claims: BTreeMap<String, BTreeMap<String, Spread>>,
    /// Attribution mode → channel → the main specification's late-period focal share
    /// under that mode (None where the channel has no late period).
    pub attribution: BTreeMap<String, BTreeMap<String, Option<f64>>>,
    /// (window, channel, period start, period end) where the window size left fewer than
    /// 2 whole windows, so the period's yearly sums were blocked by single years.
    pub window_skips: Vec<(i32, String, i32, i32)>,
    /// Horizon choice → channel → the last year with data it admits.
    pub horizons: BTreeMap<String, BTreeMap<String, Option<i32>>>,
    /// Every specification's outcome, in grid order.
    pub specifications: Vec<SpecOutcome>,
}

/// The dimensions of the grid and, per dimension, what each value sets.
pub fn dimensions(file: &AnalysisFile) -> Vec<Dimension> {
    let m = &file.multiverse;
    vec![
        Dimension { choice: Choice::Attribution, values: m.attribution.iter().map(|a| a.name().to_string()).collect() },
        Dimension { choice: Choice::Window, values: m.windows.iter().map(|w| w.to_string()).collect() },
        Dimension {
            choice: Choice::Breaks,
            values: m.break_sets.iter().map(|b| b.iter().map(|y| y.to_string()).collect::<Vec<_>>().join("/")).collect(),
        },
        Dimension {
            choice: Choice::ExerciseWeighting,
            values: m.split_events.iter().map(|s| if *s { "split" } else { "each" }.to_string()).collect(),
        },
        Dimension { choice: Choice::ChannelWeights, values: weight_schemes(file).into_iter().map(|s| s.0).collect() },
        Dimension { choice: Choice::Horizon, values: m.last_years.iter().map(|y| format!("to {y}")).collect() },
        Dimension {
            choice: Choice::Vintage,
            values: std::iter::once(super::spec::BASE_VINTAGE.to_string()).chain(file.data.vintages.keys().cloned()).collect(),
        },
        Dimension { choice: Choice::Coverage, values: m.coverage.iter().map(|c| c.name().to_string()).collect() },
        Dimension { choice: Choice::FirstYear, values: m.first_years.iter().map(|c| c.name().to_string()).collect() },
        Dimension { choice: Choice::Reading, values: m.readings.iter().map(|c| c.name().to_string()).collect() },
        Dimension { choice: Choice::Deepening, values: m.deepenings.iter().map(|c| c.name().to_string()).collect() },
    ]
}

/// The channel-weight schemes: the file's own ("file") and each named one.
fn weight_schemes(file: &AnalysisFile) -> Vec<(String, BTreeMap<String, f64>)> {
    let mut schemes = vec![("file".to_string(), file.channels.iter().map(|(c, s)| (c.clone(), s.weight)).collect())];
    for (name, weights) in &file.multiverse.channel_weights {
        let mut full: BTreeMap<String, f64> = file.channels.keys().map(|c| (c.clone(), 0.0)).collect();
        full.extend(weights.iter().map(|(c, w)| (c.clone(), *w)));
        schemes.push((name.clone(), full));
    }
    schemes
}

/// The specification at grid position `idx` (one value index per dimension).
pub fn specification(file: &AnalysisFile, dims: &[Dimension], idx: &[usize]) -> Specification {
    let m = &file.multiverse;
    let mut spec = super::main_specification(file);
    spec.replicates = m.replicates;
    for (d, &i) in dims.iter().zip(idx) {
        match d.choice {
            Choice::Attribution => spec.attribution = m.attribution[i],
            Choice::Window => spec.window = m.windows[i],
            Choice::Breaks => spec.breaks = m.break_sets[i].clone(),
            Choice::ExerciseWeighting => spec.split_events = m.split_events[i],
            Choice::ChannelWeights => (spec.weights_name, spec.weights) = weight_schemes(file).swap_remove(i),
            Choice::Horizon => spec.last_year = m.last_years[i],
            Choice::Vintage => spec.vintage = d.values[i].clone(),
            Choice::Coverage => spec.coverage = m.coverage[i],
            Choice::FirstYear => spec.first_year_rule = m.first_years[i],
            Choice::Reading => spec.reading = m.readings[i],
            Choice::Deepening => spec.deepening = m.deepenings[i],
        }
    }
    spec
}

/// Every index vector of the grid whose dimensions in `free` vary and the others sit at 0.
fn positions(dims: &[Dimension], free: impl Fn(Choice) -> bool) -> Vec<Vec<usize>> {
    let sizes: Vec<usize> = dims.iter().map(|d| if free(d.choice) { d.values.len().max(1) } else { 1 }).collect();
    let total: usize = sizes.iter().product();
    (0..total)
        .map(|n| {
            let mut rest = n;
            let mut idx = vec![0; sizes.len()];
            for (k, s) in sizes.iter().enumerate().rev() {
                idx[k] = rest % s;
                rest /= s;
            }
            idx
        })
        .collect()
}

/// Runs the grid in parallel (deterministic: every specification draws from its own
/// streams). The draws are made once per combination of the choices that change them;
/// weights, reading and deepening only re-judge those draws.
pub fn run(ctx: &Context<'_>, file: &AnalysisFile) -> MultiverseResult {
    let dims = dimensions(file);
    let redraw = positions(&dims, Choice::redraws);
    let judge = positions(&dims, |c| !c.redraws());
    let majority = ctx.thresholds.overall_majority;
    let cache = ChannelCache::default();
    let evaluated: Vec<Redrawn> = redraw
        .par_iter()
        .map(|base| {
            let result = evaluate_cached(ctx, &specification(file, &dims, base), Some(&cache));
            let outcomes = judge
                .iter()
                .map(|light| {
                    let idx: Vec<usize> = base.iter().zip(light).map(|(a, b)| a + b).collect();
                    outcome(&result, &specification(file, &dims, &idx), idx, majority)
                })
                .collect();
            let claims =
                result.channels.iter().map(|c| (c.channel.clone(), c.criteria.iter().map(|k| (k.id, k.probability)).collect())).collect();
            Redrawn { outcomes, claims, window_skips: window_skips(&result) }
        })
        .collect();
    let mut specifications: Vec<SpecOutcome> = evaluated.iter().flat_map(|e| e.outcomes.iter().cloned()).collect();
    specifications.sort_by(|a, b| a.choices.cmp(&b.choices));
    let mut skips: Vec<(i32, String, i32, i32)> = evaluated.iter().flat_map(|e| e.window_skips.iter().cloned()).collect();
    skips.sort();
    skips.dedup();
    // A specification in which no channel has two periods judges nothing (its P are the
    // zero-draw values): it is counted apart and left out of the spreads and shares.
    let judged: Vec<&SpecOutcome> = specifications.iter().filter(|o| o.judged()).collect();
    let spread = |f: &dyn Fn(&SpecOutcome) -> f64| Spread::of(judged.iter().map(|o| f(o)).collect());
    let share = |f: &dyn Fn(&SpecOutcome) -> bool| judged.iter().filter(|o| f(o)).count() as f64 / judged.len().max(1) as f64;
    MultiverseResult {
        count: specifications.len(),
        one_period: specifications.len() - judged.len(),
        p_t1: spread(&|o| o.p_t1),
        p_t2: spread(&|o| o.p_t2),
        very_likely_t1: share(&|o| o.p_t1 >= 0.9),
        very_likely_t2: share(&|o| o.p_t2 >= 0.9),
        effects: effects(&dims, &judged),
        by_channel: by_channel(&ctx.channels, &specifications),
        claims: claim_spreads(&evaluated.iter().flat_map(|e| e.claims.iter().cloned()).collect::<Vec<_>>()),
        attribution: attribution_table(ctx, file),
        window_skips: skips,
        horizons: horizons(ctx, file),
        dimensions: dims,
        specifications,
    }
}

/// What one combination of the redrawing choices gives: the outcomes of every way of
/// judging it, each channel's claim probabilities, and the periods whose window fell back.
struct Redrawn {
    outcomes: Vec<SpecOutcome>,
    claims: Vec<(String, Vec<(Claim, f64)>)>,
    window_skips: Vec<(i32, String, i32, i32)>,
}

/// One specification's outcome from the draws of `result` (evaluated under the same
/// redrawing choices) judged under `spec`.
fn outcome(result: &SpecResult, spec: &Specification, choices: Vec<usize>, majority: f64) -> SpecOutcome {
    let (channels, overall) = rejudge(result, spec, majority);
    let (mut weighted, mut weight) = (0.0, 0.0);
    for c in &result.channels {
        let w = spec.weights.get(&c.channel).copied().unwrap_or(0.0);
        if let Some(s) = c.periods.last().and_then(|p| p.suite.focal_share) {
            weighted += w * s;
            weight += w;
        }
    }
    SpecOutcome {
        choices,
        p_t1: overall.p_t1,
        p_t2: overall.p_t2,
        channels: channels.iter().map(|p| ChannelProbabilities { p_t1: p.map(|p| p.p_t1), p_t2: p.map(|p| p.p_t2) }).collect(),
        focal_share: (weight > 0.0).then(|| weighted / weight),
    }
}

/// Per choice with at least two values among the judged specifications: among those that
/// differ only in that choice, the spread of P(T2) (and P(T1)); groups are summed in the
/// order of their other values.
fn effects(dims: &[Dimension], outcomes: &[&SpecOutcome]) -> Vec<ChoiceEffect> {
    let mut effects: Vec<ChoiceEffect> = dims
        .iter()
        .enumerate()
        // A choice that takes one value among the judged specifications moves nothing.
        .filter(|(d, _)| outcomes.iter().map(|o| o.choices[*d]).collect::<std::collections::BTreeSet<_>>().len() > 1)
        .map(|(d, dim)| {
            let mut groups: BTreeMap<Vec<usize>, (f64, f64, f64, f64)> = BTreeMap::new();
            for o in outcomes {
                let mut key = o.choices.clone();
                key[d] = 0;
                let g = groups.entry(key).or_insert((f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY));
                *g = (g.0.min(o.p_t2), g.1.max(o.p_t2), g.2.min(o.p_t1), g.3.max(o.p_t1));
            }
            let n = groups.len().max(1) as f64;
            ChoiceEffect {
                choice: dim.choice,
                groups: groups.len(),
                mean_spread_t2: groups.values().map(|g| g.1 - g.0).sum::<f64>() / n,
                max_spread_t2: groups.values().map(|g| g.1 - g.0).fold(0.0, f64::max),
                mean_spread_t1: groups.values().map(|g| g.3 - g.2).sum::<f64>() / n,
            }
        })
        .collect();
    effects.sort_by(|a, b| b.mean_spread_t2.total_cmp(&a.mean_spread_t2).then_with(|| a.choice.name().cmp(b.choice.name())));
    effects
}

/// Channel → spreads of P(T1) and P(T2) over the specifications.
fn by_channel(channels: &[String], outcomes: &[SpecOutcome]) -> BTreeMap<String, (Option<Spread>, Option<Spread>)> {
    channels
        .iter()
        .enumerate()
        .map(|(k, ch)| {
            let of = |f: fn(&ChannelProbabilities) -> Option<f64>| {
                Spread::of(outcomes.iter().filter_map(|o| o.channels.get(k).and_then(f)).collect())
            };
            (ch.clone(), (of(|c| c.p_t1), of(|c| c.p_t2)))
        })
        .collect()
}

/// Channel → claim → the spread of its probability.
fn claim_spreads(per_spec: &[(String, Vec<(Claim, f64)>)]) -> BTreeMap<String, BTreeMap<String, Spread>> {
    let mut values: BTreeMap<String, BTreeMap<String, Vec<f64>>> = BTreeMap::new();
    for (channel, claims) in per_spec {
        for (id, p) in claims {
            values.entry(channel.clone()).or_default().entry(id.to_string()).or_default().push(*p);
        }
    }
    values.into_iter().map(|(ch, m)| (ch, m.into_iter().filter_map(|(id, v)| Spread::of(v).map(|s| (id, s))).collect())).collect()
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

/// Every (window, channel, period) whose yearly sums fell back to single-year blocks.
fn window_skips(result: &SpecResult) -> Vec<(i32, String, i32, i32)> {
    let window = result.specification.window;
    result
        .channels
        .iter()
        .flat_map(|c| {
            c.periods
                .iter()
                .filter(move |p| p.resampling == Resampling::YearBlocks && p.block_years != window)
                .map(move |p| (window, c.channel.clone(), p.start, p.end))
        })
        .collect()
}

/// Mode → channel → the main specification's late-period focal share under that mode.
fn attribution_table(ctx: &Context<'_>, file: &AnalysisFile) -> BTreeMap<String, BTreeMap<String, Option<f64>>> {
    Mode::ALL
        .par_iter()
        .map(|&mode| {
            let spec = Specification { attribution: mode, replicates: 0, ..super::main_specification(file) };
            let result = evaluate(ctx, &spec);
            let shares = result.channels.iter().map(|c| (c.channel.clone(), c.periods.last().and_then(|p| p.suite.focal_share))).collect();
            (mode.name().to_string(), shares)
        })
        .collect()
}
