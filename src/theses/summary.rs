//! A compact summary of one analysis's result for comparisons across subjects: per
//! channel the periods' focal share and ENP with their intervals, the leader, the yearly
//! series and the theses' probabilities; overall probabilities and the multiverse's medians.
use std::collections::BTreeSet;

use super::probability::Call;
use super::ThesesResult;
use crate::stats::resample::Interval;

/// One period of one channel: the numbers the claims are judged on.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodSummary {
    pub start: i32,
    pub end: i32,
    pub focal_share: Option<f64>,
    pub focal_share_ci: Option<Interval>,
    pub enp: Option<f64>,
    pub enp_ci: Option<Interval>,
    pub leader: Option<String>,
    /// Two or more partners tie for the largest share (the leader is the focal partner
    /// when it is among them).
    pub leader_tied: bool,
}

/// One channel of one subject: its periods (the last is the late period), its yearly
/// series (year, focal share, ENP) and its probabilities.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelSummary {
    pub channel: String,
    pub periods: Vec<PeriodSummary>,
    pub yearly: Vec<(i32, Option<f64>, Option<f64>)>,
    /// P(T1) and P(T2) in the channel (None without two periods).
    pub p_t1: Option<f64>,
    pub p_t2: Option<f64>,
    /// The outcome called at P ≥ 0.9, if any.
    pub call: Call,
}

impl ChannelSummary {
    pub fn late(&self) -> Option<&PeriodSummary> {
        self.periods.last()
    }
}

/// One analysis of the batch.
#[derive(Debug, Clone, PartialEq)]
pub struct SubjectSummary {
    /// The analysis name (its file stem, the report's folder).
    pub name: String,
    pub subject: String,
    pub focal: String,
    /// The data release the analysis file names.
    pub vintage: String,
    pub breaks: Vec<i32>,
    /// C5's threshold on the late focal share.
    pub focal_share_max: f64,
    pub channels: Vec<ChannelSummary>,
    /// P(T1), P(T2) overall.
    pub p_t1: f64,
    pub p_t2: f64,
    /// The outcome called overall at P ≥ 0.9, if any.
    pub call: Call,
    pub specifications: usize,
    /// Median P(T1) and P(T2) over the multiverse's specifications.
    pub multiverse: [Option<f64>; 2],
}

impl SubjectSummary {
    /// The summary of analysis `name`'s result.
    pub fn of(name: &str, result: &ThesesResult, focal_share_max: f64) -> SubjectSummary {
        let channels = result
            .main
            .channels
            .iter()
            .map(|c| ChannelSummary {
                channel: c.channel.clone(),
                periods: c
                    .periods
                    .iter()
                    .map(|p| PeriodSummary {
                        start: p.start,
                        end: p.end,
                        focal_share: p.suite.focal_share,
                        focal_share_ci: p.interval("focal_share"),
                        enp: p.suite.enp,
                        enp_ci: p.interval("enp"),
                        leader: p.suite.cr1_partner.clone(),
                        leader_tied: p.suite.flags.tie,
                    })
                    .collect(),
                yearly: c.series.iter().map(|p| (p.year_start, p.suite.focal_share, p.suite.enp)).collect(),
                p_t1: c.probabilities.map(|p| p.p_t1),
                p_t2: c.probabilities.map(|p| p.p_t2),
                call: c.probabilities.map_or(Call::Open, |p| p.call()),
            })
            .collect();
        let m = &result.multiverse;
        SubjectSummary {
            name: name.to_string(),
            subject: result.subject.clone(),
            focal: result.focal.clone(),
            vintage: result.vintage.clone(),
            breaks: result.main.specification.breaks.clone(),
            focal_share_max,
            channels,
            p_t1: result.main.overall.probabilities.p_t1,
            p_t2: result.main.overall.probabilities.p_t2,
            call: result.main.overall.probabilities.call(),
            specifications: m.count,
            multiverse: [m.p_t1.map(|s| s.median), m.p_t2.map(|s| s.median)],
        }
    }
}

/// The channels of all summaries, sorted.
pub fn channels(rows: &[SubjectSummary]) -> Vec<String> {
    let set: BTreeSet<&String> = rows.iter().flat_map(|r| r.channels.iter().map(|c| &c.channel)).collect();
    set.into_iter().cloned().collect()
}
