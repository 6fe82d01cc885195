//! The measurable claims of docs/METHODS.md §1, one function each: every claim is judged
//! on a 95 % interval against its threshold, the same way for both theses.
use super::spec::Thresholds;
use super::verdict::{side, Claim, Criterion, Status};
use crate::stats::period_rates::{difference, Draw, PeriodRates};
use crate::stats::resample::Interval;

/// Three-valued status of "the interval lies above the threshold".
fn above(interval: Option<Interval>, threshold: f64) -> Status {
    match side(interval.map(|i| (i.low, i.high)), threshold) {
        Some(true) => Status::Supported,
        Some(false) => Status::Contradicted,
        None => Status::Inconclusive,
    }
}

fn covers(interval: Option<Interval>, threshold: f64) -> bool {
    interval.is_some_and(|i| i.low <= threshold && i.high >= threshold)
}

fn low(i: Option<Interval>) -> Option<f64> {
    i.map(|i| i.low)
}

fn high(i: Option<Interval>) -> Option<f64> {
    i.map(|i| i.high)
}

/// "a to b" for an interval, "-" when undefined.
fn shown(i: Option<Interval>) -> String {
    i.map_or("-".into(), |i| format!("{} to {}", fmt(Some(i.low)), fmt(Some(i.high))))
}

/// A number for summaries: whole numbers from 100 up, two decimals below.
pub fn fmt(x: Option<f64>) -> String {
    match x {
        Some(v) if v.abs() >= 100.0 => format!("{v:.0}"),
        Some(v) => format!("{v:.2}"),
        None => "-".into(),
    }
}

fn richness(d: &Draw) -> Option<f64> {
    Some(d.yearly_richness)
}

fn enp(d: &Draw) -> Option<f64> {
    d.enp
}

fn focal_rate(d: &Draw) -> Option<f64> {
    Some(d.focal_rate)
}

/// C1 (both theses): the scope grew. Supported when the late − early difference of
/// yearly richness *or* of ENP has an interval above 0 and the other's interval does not
/// lie below 0; contradicted when both lie below 0, or one lies below and the other
/// covers 0.
pub fn c1(early: &PeriodRates, late: &PeriodRates) -> Criterion {
    let rich = difference(early, late, richness);
    let eff = difference(early, late, enp);
    let (ri, ei) = (rich.and_then(|d| d.1), eff.and_then(|d| d.1));
    let (r, e) = (above(ri, 0.0), above(ei, 0.0));
    // Supported: one measure rises and the other does not fall (the mirror image of
    // "contradicted": one falls and the other does not rise).
    let status = if (r == Status::Supported && e != Status::Contradicted) || (e == Status::Supported && r != Status::Contradicted) {
        Status::Supported
    } else if (r == Status::Contradicted && (e == Status::Contradicted || covers(ei, 0.0)))
        || (e == Status::Contradicted && covers(ri, 0.0))
    {
        Status::Contradicted
    } else {
        Status::Inconclusive
    };
    // The interval shown is the one that decided: ENP when only ENP supports.
    let judged = if (r != Status::Supported && e == Status::Supported) || r == Status::Contradicted { ei } else { ri };
    Criterion {
        id: Claim::C1,
        thesis: "both",
        claim: "scope grew: more active partners per year, or a higher ENP, late than early",
        status,
        summary: format!(
            "active partners per year {} (early) to {} (late), difference CI {}; ENP {} to {}, difference CI {}",
            fmt(Some(early.point.yearly_richness)),
            fmt(Some(late.point.yearly_richness)),
            shown(ri),
            fmt(early.point.enp),
            fmt(late.point.enp),
            shown(ei)
        ),
        numbers: vec![
            ("richness_early".into(), Some(early.point.yearly_richness)),
            ("richness_late".into(), Some(late.point.yearly_richness)),
            ("richness_diff".into(), rich.map(|d| d.0)),
            ("richness_diff_ci_low".into(), low(ri)),
            ("richness_diff_ci_high".into(), high(ri)),
            ("enp_early".into(), early.point.enp),
            ("enp_late".into(), late.point.enp),
            ("enp_diff".into(), eff.map(|d| d.0)),
            ("enp_diff_ci_low".into(), low(ei)),
            ("enp_diff_ci_high".into(), high(ei)),
        ],
        interval_low: low(judged),
        interval_high: high(judged),
        threshold: Some(0.0),
    }
}

/// C4 (T1): the focal partner shares the lead in the late period. Supported when another
/// partner ranks first with P ≥ p_rank1_min or the dominance interval lies wholly below
/// dominance_min; contradicted when it lies wholly above dominance_min.
pub fn c4(late: &PeriodRates, focal: &str, t: &Thresholds) -> Criterion {
    let dom = late.interval(|d| d.dominance);
    let p_first = late.p_focal_first();
    let p_other = p_first.map(|p| 1.0 - p);
    let status = match above(dom, t.dominance_min) {
        _ if p_other.is_some_and(|p| p >= t.p_rank1_min) => Status::Supported,
        Status::Contradicted => Status::Supported,
        Status::Supported => Status::Contradicted,
        Status::Inconclusive => Status::Inconclusive,
    };
    let leader = late.leader().map(|k| late.partners[k].clone());
    Criterion {
        id: Claim::C4,
        thesis: "T1",
        claim: "the focal partner shares the lead: another partner first, or its lead below the dominance threshold",
        status,
        summary: format!(
            "late period {}-{}: leader {}, {} dominance {} (CI {}, threshold {}), P({} first) = {}",
            late.start,
            late.end,
            leader.unwrap_or_else(|| "-".into()),
            focal,
            fmt(late.point.dominance),
            shown(dom),
            t.dominance_min,
            focal,
            fmt(p_first)
        ),
        numbers: vec![
            ("focal_rank_late".into(), late.suite.focal_rank.map(|r| r as f64)),
            ("dominance_late".into(), late.point.dominance),
            ("dominance_ci_low".into(), low(dom)),
            ("dominance_ci_high".into(), high(dom)),
            ("p_focal_first_late".into(), p_first),
            ("p_other_first_late".into(), p_other),
        ],
        interval_low: low(dom),
        interval_high: high(dom),
        threshold: Some(t.dominance_min),
    }
}

/// C5 (T1): no main partner in the late period. Supported when the ENP interval lies at
/// or above enp_min and the focal share interval below focal_share_max; contradicted when
/// the ENP interval lies below enp_min or the share interval above focal_share_max.
pub fn c5(late: &PeriodRates, focal: &str, t: &Thresholds) -> Criterion {
    let enp_ci = late.interval(enp);
    let share_ci = late.interval(|d| d.focal_share);
    let enp_ok = enp_ci.map(|i| i.low >= t.enp_min);
    let enp_bad = enp_ci.is_some_and(|i| i.high < t.enp_min);
    let share_side = above(share_ci, t.focal_share_max);
    let status = if enp_bad || share_side == Status::Supported {
        Status::Contradicted
    } else if enp_ok == Some(true) && share_side == Status::Contradicted {
        Status::Supported
    } else {
        Status::Inconclusive
    };
    // The interval shown: ENP when ENP alone decided or alone blocked, else the share.
    let enp_decides =
        (enp_bad && share_side != Status::Supported) || (status == Status::Inconclusive && share_side == Status::Contradicted);
    let (judged, threshold) = if enp_decides { (enp_ci, t.enp_min) } else { (share_ci, t.focal_share_max) };
    Criterion {
        id: Claim::C5,
        thesis: "T1",
        claim: "no main partner: late-period ENP high and focal share low",
        status,
        summary: format!(
            "late period {}-{}: ENP {} (CI {}, threshold >= {}), {} share {} (CI {}, threshold < {})",
            late.start,
            late.end,
            fmt(late.point.enp),
            shown(enp_ci),
            t.enp_min,
            focal,
            fmt(late.point.focal_share),
            shown(share_ci),
            t.focal_share_max
        ),
        numbers: vec![
            ("enp_late".into(), late.point.enp),
            ("enp_ci_low".into(), low(enp_ci)),
            ("enp_ci_high".into(), high(enp_ci)),
            ("focal_share_late".into(), late.point.focal_share),
            ("focal_share_ci_low".into(), low(share_ci)),
            ("focal_share_ci_high".into(), high(share_ci)),
        ],
        interval_low: low(judged),
        interval_high: high(judged),
        threshold: Some(threshold),
    }
}

/// D3 (T2): the focal partner is strongest in every period. Supported when in every
/// period P(focal first) ≥ p_rank1_min and the dominance interval lies above
/// dominance_min; contradicted when in some period another partner ranks first with
/// P ≥ p_rank1_min.
pub fn d3(periods: &[PeriodRates], focal: &str, t: &Thresholds) -> Criterion {
    let per: Vec<(&PeriodRates, Option<f64>, Option<Interval>)> =
        periods.iter().map(|p| (p, p.p_focal_first(), p.interval(|d| d.dominance))).collect();
    let every = !per.is_empty()
        && per.iter().all(|(_, pf, dom)| pf.is_some_and(|p| p >= t.p_rank1_min) && dom.is_some_and(|i| i.low > t.dominance_min));
    // Another partner first, not merely the focal partner not first: a period without
    // any volume has no leader and refutes nothing.
    let lost = per.iter().any(|(p, ..)| p.p_other_first().is_some_and(|p| p >= t.p_rank1_min));
    let status = if lost {
        Status::Contradicted
    } else if every {
        Status::Supported
    } else {
        Status::Inconclusive
    };
    // The interval shown: the weakest period's dominance interval; none where a period has none.
    let weakest =
        if per.iter().all(|x| x.2.is_some()) { per.iter().filter_map(|x| x.2).min_by(|a, b| a.low.total_cmp(&b.low)) } else { None };
    let mut numbers = Vec::new();
    for (p, pf, dom) in &per {
        numbers.push((format!("p_focal_first_{}_{}", p.start, p.end), *pf));
        numbers.push((format!("dominance_{}_{}", p.start, p.end), p.point.dominance));
        numbers.push((format!("dominance_ci_low_{}_{}", p.start, p.end), low(*dom)));
        numbers.push((format!("dominance_ci_high_{}_{}", p.start, p.end), high(*dom)));
    }
    Criterion {
        id: Claim::D3,
        thesis: "T2",
        claim: "the focal partner is strongest in every period: P(first) and the dominance interval above thresholds",
        status,
        summary: format!(
            "by period, P({focal} first) and dominance (CI): {} (thresholds {} and {})",
            per.iter()
                .map(|(p, pf, dom)| format!("{}-{} {}, {} ({})", p.start, p.end, fmt(*pf), fmt(p.point.dominance), shown(*dom)))
                .collect::<Vec<_>>()
                .join("; "),
            t.p_rank1_min,
            t.dominance_min
        ),
        numbers,
        interval_low: low(weakest),
        interval_high: high(weakest),
        threshold: Some(t.dominance_min),
    }
}

/// D4 (T2): deepening with the focal partner. Supported when the late − early difference
/// of its average yearly volume has an interval above 0; contradicted when below 0.
pub fn d4(early: &PeriodRates, late: &PeriodRates, focal: &str) -> Criterion {
    let diff = difference(early, late, focal_rate);
    let ci = diff.and_then(|d| d.1);
    Criterion {
        id: Claim::D4,
        thesis: "T2",
        claim: "deepening: the focal partner's average yearly volume is higher late than early",
        status: above(ci, 0.0),
        summary: format!(
            "{focal} volume per year {} ({}-{}) to {} ({}-{}), difference {} (CI {})",
            fmt(Some(early.point.focal_rate)),
            early.start,
            early.end,
            fmt(Some(late.point.focal_rate)),
            late.start,
            late.end,
            fmt(diff.map(|d| d.0)),
            shown(ci)
        ),
        numbers: vec![
            ("focal_volume_early".into(), Some(early.point.focal_rate)),
            ("focal_volume_late".into(), Some(late.point.focal_rate)),
            ("focal_volume_diff".into(), diff.map(|d| d.0)),
            ("focal_volume_diff_ci_low".into(), low(ci)),
            ("focal_volume_diff_ci_high".into(), high(ci)),
        ],
        interval_low: low(ci),
        interval_high: high(ci),
        threshold: Some(0.0),
    }
}

/// C6 (T1, all channels): which partner leads depends on the field. Supported when the
/// late-period leaders differ between channels, each first with P ≥ p_rank1_min;
/// contradicted when one partner leads every channel with P ≥ p_rank1_min.
pub fn c6(lates: &[(String, &PeriodRates)], t: &Thresholds) -> Criterion {
    let leaders: Vec<(String, String, Option<f64>)> =
        lates.iter().filter_map(|(c, p)| p.leader().map(|k| (c.clone(), p.partners[k].clone(), p.p_first(k)))).collect();
    let mut distinct: Vec<&String> = leaders.iter().map(|l| &l.1).collect();
    distinct.sort();
    distinct.dedup();
    let sure = leaders.iter().all(|l| l.2.is_some_and(|p| p >= t.p_rank1_min));
    let status = if leaders.len() < 2 || !sure {
        Status::Inconclusive
    } else if distinct.len() >= 2 {
        Status::Supported
    } else {
        Status::Contradicted
    };
    let ps: Vec<f64> = leaders.iter().filter_map(|l| l.2).collect();
    Criterion {
        id: Claim::C6,
        thesis: "T1",
        claim: "which partner leads depends on the field (late-period leaders differ between channels)",
        status,
        summary: format!(
            "late-period leaders (P first): {}",
            leaders.iter().map(|(c, l, p)| format!("{c} {l} ({})", fmt(*p))).collect::<Vec<_>>().join(", ")
        ),
        numbers: vec![
            ("distinct_leaders".into(), Some(distinct.len() as f64)),
            ("channels".into(), Some(leaders.len() as f64)),
            ("p_leader_first_min".into(), ps.iter().copied().reduce(f64::min)),
        ],
        interval_low: ps.iter().copied().reduce(f64::min),
        interval_high: ps.iter().copied().reduce(f64::max),
        threshold: Some(t.p_rank1_min),
    }
}
