//! The measurable claims of docs/METHODS.md §1 (C1, C4, C5, C6; D3, D4), evaluated for one
//! specification of coding choices, per channel and overall.
use std::collections::BTreeMap;

use serde::Serialize;

use super::spec::Thresholds;
use super::verdict::{channel_verdict, overall_verdict, Criterion, Status, Verdict};
use crate::data::attribution::{Attribution, Mode};
use crate::data::frameworks::Frameworks;
use crate::data::observations::Observations;
use crate::data::periods::SpreadRule;
use crate::data::prepare::prepare;
use crate::metrics::Suite;
use crate::panel::{GroupBy, Panel, Windowing};
use crate::stats::compare::period_difference;
use crate::stats::resample::{bootstrap, BootstrapSpec, GroupBootstrap};
use crate::stats::trend::{mann_kendall, sen_slope};

/// One set of coding choices.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Specification {
    pub attribution: Mode,
    pub split_events: bool,
    pub spread: SpreadRule,
    pub window: i32,
    pub breaks: Vec<i32>,
    pub weights_name: String,
    pub weights: BTreeMap<String, f64>,
    pub first_year: i32,
    pub last_year: i32,
    pub replicates: usize,
    pub seed: u64,
    /// Which data release ("base" or a name from `[data.vintages]`).
    pub vintage: String,
}

/// A period pooled into one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodResult {
    pub start: i32,
    pub end: i32,
    pub suite: Suite,
    pub bootstrap: GroupBootstrap,
}

/// One point of a channel's windowed series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesPoint {
    pub year_start: i32,
    pub year_end: i32,
    pub suite: Suite,
    /// The focal partner's absolute volume (share × total).
    pub focal_volume: f64,
}

/// Everything about one channel under one specification.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelResult {
    pub channel: String,
    pub verdict: Verdict,
    pub deciding: Vec<&'static str>,
    pub criteria: Vec<Criterion>,
    pub periods: Vec<PeriodResult>,
    pub series: Vec<SeriesPoint>,
}

/// The result of one specification.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpecResult {
    pub specification: Specification,
    pub channels: Vec<ChannelResult>,
    pub overall: Overall,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overall {
    pub verdict: Verdict,
    pub deciding: Vec<String>,
    pub criteria: Vec<Criterion>,
}

/// Context shared by all specifications: the loaded rows and what the file fixes.
pub struct Context<'a> {
    /// The data per vintage: ("base", the analysis file's data) first.
    pub vintages: Vec<(String, &'a Observations)>,
    pub frameworks: &'a Frameworks,
    pub subject: &'a str,
    pub focal: &'a str,
    pub channels: Vec<String>,
    pub thresholds: &'a Thresholds,
}

/// Rows of `obs` for which `keep` holds (a new table).
fn filter_rows(obs: &Observations, keep: impl Fn(usize) -> bool) -> Observations {
    let mut out = Observations::default();
    out.add_file("(selection)", Default::default());
    for i in (0..obs.len()).filter(|&i| keep(i)) {
        out.push(obs.row(i), obs.line(i));
    }
    out
}

/// The analysis rows of `spec`: attributed, spread, and limited to the subject, the
/// thesis channels and the horizon.
pub fn scoped_rows(ctx: &Context<'_>, spec: &Specification) -> Observations {
    let attribution = Attribution { mode: spec.attribution, split_events: spec.split_events };
    let observations = ctx.vintages.iter().find(|v| v.0 == spec.vintage).map_or(ctx.vintages[0].1, |v| v.1);
    let prepared = prepare(observations.clone(), ctx.frameworks, attribution, spec.spread);
    filter_rows(&prepared, |i| {
        let r = prepared.row(i);
        r.subject == ctx.subject
            && ctx.channels.iter().any(|c| c == r.channel)
            && r.year_start >= spec.first_year
            && r.year_end <= spec.last_year
    })
}

/// Rows of one channel.
pub fn channel_rows(rows: &Observations, channel: &str) -> Observations {
    filter_rows(rows, |i| rows.row(i).channel == channel)
}

/// Evaluates every criterion of `spec`.
pub fn evaluate(ctx: &Context<'_>, spec: &Specification) -> SpecResult {
    let in_scope = scoped_rows(ctx, spec);
    let channels: Vec<ChannelResult> = ctx
        .channels
        .iter()
        .enumerate()
        .map(|(k, channel)| {
            let rows = channel_rows(&in_scope, channel);
            evaluate_channel(ctx, spec, channel, &rows, k as u64)
        })
        .collect();
    let c6 = leaders_differ(&channels);
    let weighted: Vec<(String, Verdict, f64)> = channels
        .iter()
        .filter(|c| !c.series.is_empty())
        .map(|c| (c.channel.clone(), c.verdict, spec.weights.get(&c.channel).copied().unwrap_or(0.0)))
        .collect();
    let (verdict, deciding) = overall_verdict(&weighted, c6.status, ctx.thresholds.overall_majority);
    SpecResult { specification: spec.clone(), channels, overall: Overall { verdict, deciding, criteria: vec![c6] } }
}

fn periods_of(breaks: &[i32], first: i32, last: i32) -> Vec<(i32, i32)> {
    let mut cuts: Vec<i32> = breaks.iter().copied().filter(|b| *b > first && *b <= last).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut periods = Vec::new();
    let mut start = first;
    for b in cuts {
        periods.push((start, b - 1));
        start = b;
    }
    periods.push((start, last));
    periods
}

fn evaluate_channel(ctx: &Context<'_>, spec: &Specification, channel: &str, rows: &Observations, k: u64) -> ChannelResult {
    let t = ctx.thresholds;
    if rows.is_empty() {
        return ChannelResult {
            channel: channel.to_string(),
            verdict: Verdict::Inconclusive,
            deciding: vec![],
            criteria: vec![],
            periods: vec![],
            series: vec![],
        };
    }
    // The windowed series (anchored at the horizon's first year).
    let panel = Panel::build(rows, GroupBy::default(), Windowing::Blocks { size: spec.window, anchor: Some(spec.first_year) });
    let suites = panel.suites(rows, ctx.focal);
    let series: Vec<SeriesPoint> = panel
        .groups
        .iter()
        .zip(suites)
        .map(|(g, s)| SeriesPoint {
            year_start: g.year_start,
            year_end: g.year_end,
            focal_volume: s.focal_share.unwrap_or(0.0) * s.total,
            suite: s,
        })
        .collect();
    let first = rows.year_start.iter().copied().min().unwrap_or(spec.first_year);
    let last = (0..rows.len()).map(|i| rows.year_end(i)).max().unwrap_or(spec.last_year);
    // Each period pooled into one group, bootstrapped.
    let boot = BootstrapSpec { replicates: spec.replicates, seed: spec.seed, monte_carlo_bounds: true };
    let periods: Vec<PeriodResult> = periods_of(&spec.breaks, first, last)
        .into_iter()
        .enumerate()
        .filter_map(|(p, (start, end))| {
            let part = filter_rows(rows, |i| rows.year_start[i] >= start && rows.year_end(i) <= end);
            if part.is_empty() {
                return None;
            }
            let pooled = Panel::build(&part, GroupBy::default(), Windowing::Blocks { size: end - start + 1, anchor: Some(start) });
            let suite = pooled.suites(&part, ctx.focal).into_iter().next()?;
            let stream_seed = spec.seed ^ (k << 32) ^ (p as u64) << 48;
            let b = bootstrap(&part, &pooled, ctx.focal, BootstrapSpec { seed: stream_seed, ..boot }).into_iter().next()?;
            Some(PeriodResult { start, end, suite, bootstrap: b })
        })
        .collect();

    let in_period = |(s, e): (i32, i32), pick: &dyn Fn(&SeriesPoint) -> Option<f64>| -> Vec<f64> {
        series.iter().filter(|p| p.year_start >= s && p.year_start <= e).filter_map(pick).collect()
    };
    let early = periods.first().map(|p| (p.start, p.end));
    let late = periods.last().map(|p| (p.start, p.end));
    let alpha = t.alpha;
    let mut criteria = Vec::new();

    // C1: scope grew — richness (and ENP) rise.
    let richness = |p: &SeriesPoint| Some(p.suite.richness as f64);
    let enp = |p: &SeriesPoint| p.suite.enp;
    let ys: Vec<f64> = series.iter().map(|p| p.suite.richness as f64).collect();
    let mk = mann_kendall(&ys).ok();
    let diff = match (early, late) {
        (Some(e), Some(l)) if e != l => period_difference(&in_period(e, &richness), &in_period(l, &richness), spec.replicates, spec.seed, 1000 + k),
        _ => None,
    };
    let mk_up = mk.is_some_and(|m| m.p < alpha && m.s > 0.0);
    let mk_down = mk.is_some_and(|m| m.p < alpha && m.s < 0.0);
    let status = if diff.is_some_and(|d| d.ci_low > 0.0) || mk_up {
        Status::Supported
    } else if diff.is_some_and(|d| d.ci_high < 0.0) || mk_down {
        Status::Contradicted
    } else {
        Status::Inconclusive
    };
    let mean = |v: Vec<f64>| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    criteria.push(Criterion {
        id: "C1",
        thesis: "both",
        claim: "scope grew: more active partners, higher ENP",
        status,
        summary: format!(
            "active partners per window {} from {} (early) to {} (late); Mann-Kendall p = {}",
            if diff.is_some_and(|d| d.diff >= 0.0) { "rose" } else { "changed" },
            fmt(early.and_then(|e| mean(in_period(e, &richness)))),
            fmt(late.and_then(|l| mean(in_period(l, &richness)))),
            fmt(mk.map(|m| m.p))
        ),
        numbers: vec![
            ("richness_early".into(), early.and_then(|e| mean(in_period(e, &richness)))),
            ("richness_late".into(), late.and_then(|l| mean(in_period(l, &richness)))),
            ("richness_diff".into(), diff.map(|d| d.diff)),
            ("richness_diff_ci_low".into(), diff.map(|d| d.ci_low)),
            ("richness_diff_ci_high".into(), diff.map(|d| d.ci_high)),
            ("richness_diff_p".into(), diff.map(|d| d.p)),
            ("richness_mk_z".into(), mk.map(|m| m.z)),
            ("richness_mk_p".into(), mk.map(|m| m.p)),
            ("enp_early".into(), early.and_then(|e| mean(in_period(e, &enp)))),
            ("enp_late".into(), late.and_then(|l| mean(in_period(l, &enp)))),
        ],
    });

    let late_period = periods.last();
    let focal_share = late_period.and_then(|p| p.suite.focal_share);
    let rank = late_period.and_then(|p| p.suite.focal_rank);
    let dominance = late_period.and_then(|p| p.suite.dominance);
    let dom_ci = late_period.and_then(|p| p.bootstrap.interval("dominance"));
    let p_first = late_period.map(|p| p.bootstrap.p_focal_first);
    let leader = late_period.and_then(|p| p.suite.cr1_partner.clone());

    // C4: Russia shares the lead in the late period.
    let status = match (rank, dom_ci) {
        (Some(r), _) if r > 1 => Status::Supported,
        (_, Some(ci)) if ci.low <= 1.0 => Status::Supported,
        (Some(1), Some(ci)) if ci.low > 1.0 => Status::Contradicted,
        _ => Status::Inconclusive,
    };
    criteria.push(Criterion {
        id: "C4",
        thesis: "T1",
        claim: "the focal partner shares the lead (not first, or its lead over the next partner not significant)",
        status,
        summary: format!(
            "late period: {} ranks {}, leader {}, dominance {} (95% CI {}-{}), P(rank 1) = {}",
            ctx.focal,
            rank.map_or("-".into(), |r| r.to_string()),
            leader.clone().unwrap_or_else(|| "-".into()),
            fmt(dominance),
            fmt(dom_ci.map(|c| c.low)),
            fmt(dom_ci.map(|c| c.high)),
            fmt(p_first)
        ),
        numbers: vec![
            ("focal_rank_late".into(), rank.map(|r| r as f64)),
            ("dominance_late".into(), dominance),
            ("dominance_ci_low".into(), dom_ci.map(|c| c.low)),
            ("dominance_ci_high".into(), dom_ci.map(|c| c.high)),
            ("p_focal_first_late".into(), p_first),
        ],
    });

    // C5: no main partner — late ENP high and focal share low.
    let enp_late = late_period.and_then(|p| p.suite.enp);
    let enp_ci = late_period.and_then(|p| p.bootstrap.interval("enp"));
    let share_ci = late_period.and_then(|p| p.bootstrap.interval("focal_share"));
    let status = match (enp_ci, share_ci) {
        (Some(e), Some(s)) if e.low >= t.enp_min && s.high < t.focal_share_max => Status::Supported,
        (Some(e), Some(s)) if e.high < t.enp_min || s.low >= t.focal_share_max => Status::Contradicted,
        _ => Status::Inconclusive,
    };
    criteria.push(Criterion {
        id: "C5",
        thesis: "T1",
        claim: "no main partner: late-period ENP high and focal share low",
        status,
        summary: format!(
            "late period: ENP {} (CI {}-{}, threshold >= {}), {} share {} (CI {}-{}, threshold < {})",
            fmt(enp_late),
            fmt(enp_ci.map(|c| c.low)),
            fmt(enp_ci.map(|c| c.high)),
            t.enp_min,
            ctx.focal,
            fmt(focal_share),
            fmt(share_ci.map(|c| c.low)),
            fmt(share_ci.map(|c| c.high)),
            t.focal_share_max
        ),
        numbers: vec![
            ("enp_late".into(), enp_late),
            ("enp_ci_low".into(), enp_ci.map(|c| c.low)),
            ("enp_ci_high".into(), enp_ci.map(|c| c.high)),
            ("focal_share_late".into(), focal_share),
            ("focal_share_ci_low".into(), share_ci.map(|c| c.low)),
            ("focal_share_ci_high".into(), share_ci.map(|c| c.high)),
        ],
    });

    // D3: the Russian vector is strongest in every period.
    let every = !periods.is_empty()
        && periods.iter().all(|p| {
            p.bootstrap.p_focal_first >= t.p_rank1_min && p.suite.dominance.is_none_or(|d| d >= t.dominance_min)
        });
    let late_lost = p_first.is_some_and(|p| p < 0.5) || dom_ci.is_some_and(|c| c.high < 1.0);
    let status = if every {
        Status::Supported
    } else if late_lost {
        Status::Contradicted
    } else {
        Status::Inconclusive
    };
    let mut numbers = Vec::new();
    for p in &periods {
        numbers.push((format!("p_focal_first_{}_{}", p.start, p.end), Some(p.bootstrap.p_focal_first)));
        numbers.push((format!("dominance_{}_{}", p.start, p.end), p.suite.dominance));
    }
    criteria.push(Criterion {
        id: "D3",
        thesis: "T2",
        claim: "the focal partner ranks first in every period, P(rank 1) and dominance above thresholds",
        status,
        summary: format!(
            "P(rank 1) by period: {}; dominance by period: {} (thresholds {} and {})",
            periods.iter().map(|p| format!("{}-{} {:.2}", p.start, p.end, p.bootstrap.p_focal_first)).collect::<Vec<_>>().join(", "),
            periods.iter().map(|p| format!("{}-{} {}", p.start, p.end, fmt(p.suite.dominance))).collect::<Vec<_>>().join(", "),
            t.p_rank1_min,
            t.dominance_min
        ),
        numbers,
    });

    // D4: deepening with Russia — its absolute volume does not fall; late > early.
    let volume = |p: &SeriesPoint| Some(p.focal_volume);
    let xs: Vec<f64> = series.iter().map(|p| p.year_start as f64).collect();
    let vs: Vec<f64> = series.iter().map(|p| p.focal_volume).collect();
    let sen = sen_slope(&xs, &vs).ok();
    let vmk = mann_kendall(&vs).ok();
    let vdiff = match (early, late) {
        (Some(e), Some(l)) if e != l => period_difference(&in_period(e, &volume), &in_period(l, &volume), spec.replicates, spec.seed, 2000 + k),
        _ => None,
    };
    let falling = vmk.is_some_and(|m| m.p < alpha && m.s < 0.0) || vdiff.is_some_and(|d| d.ci_high < 0.0);
    let status = if falling {
        Status::Contradicted
    } else if sen.is_some_and(|s| s >= 0.0) && vdiff.is_some_and(|d| d.diff > 0.0) {
        Status::Supported
    } else {
        Status::Inconclusive
    };
    criteria.push(Criterion {
        id: "D4",
        thesis: "T2",
        claim: "deepening: the focal partner's absolute volume has a non-negative trend and late > early",
        status,
        summary: format!(
            "{} volume per window: Sen slope {} per year, early mean {}, late mean {} (difference CI {}-{}), Mann-Kendall p = {}",
            ctx.focal,
            fmt(sen),
            fmt(early.and_then(|e| mean(in_period(e, &volume)))),
            fmt(late.and_then(|l| mean(in_period(l, &volume)))),
            fmt(vdiff.map(|d| d.ci_low)),
            fmt(vdiff.map(|d| d.ci_high)),
            fmt(vmk.map(|m| m.p))
        ),
        numbers: vec![
            ("focal_volume_sen_slope".into(), sen),
            ("focal_volume_mk_z".into(), vmk.map(|m| m.z)),
            ("focal_volume_mk_p".into(), vmk.map(|m| m.p)),
            ("focal_volume_early".into(), early.and_then(|e| mean(in_period(e, &volume)))),
            ("focal_volume_late".into(), late.and_then(|l| mean(in_period(l, &volume)))),
            ("focal_volume_diff".into(), vdiff.map(|d| d.diff)),
            ("focal_volume_diff_ci_low".into(), vdiff.map(|d| d.ci_low)),
            ("focal_volume_diff_ci_high".into(), vdiff.map(|d| d.ci_high)),
        ],
    });

    let (verdict, deciding) = channel_verdict(&criteria);
    ChannelResult { channel: channel.to_string(), verdict, deciding, criteria, periods, series }
}

/// C6: the leading partner of the late period differs between channels.
fn leaders_differ(channels: &[ChannelResult]) -> Criterion {
    let leaders: Vec<(String, String)> = channels
        .iter()
        .filter_map(|c| c.periods.last().and_then(|p| p.suite.cr1_partner.clone()).map(|l| (c.channel.clone(), l)))
        .collect();
    let mut distinct: Vec<&String> = leaders.iter().map(|(_, l)| l).collect();
    distinct.sort();
    distinct.dedup();
    let status = if leaders.len() < 2 {
        Status::Inconclusive
    } else if distinct.len() >= 2 {
        Status::Supported
    } else {
        Status::Contradicted
    };
    Criterion {
        id: "C6",
        thesis: "T1",
        claim: "which partner leads depends on the field (late-period leaders differ between channels)",
        status,
        summary: format!(
            "late-period leaders: {}",
            leaders.iter().map(|(c, l)| format!("{c} {l}")).collect::<Vec<_>>().join(", ")
        ),
        numbers: vec![("distinct_leaders".into(), Some(distinct.len() as f64)), ("channels".into(), Some(leaders.len() as f64))],
    }
}

fn fmt(x: Option<f64>) -> String {
    match x {
        Some(v) if v.abs() >= 100.0 => format!("{v:.0}"),
        Some(v) => format!("{v:.2}"),
        None => "-".into(),
    }
}
