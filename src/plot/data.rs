//! The numbers behind the charts, computed once from the main specification.
use serde::Serialize;

use crate::data::observations::Observations;
use crate::panel::{GroupBy, Panel, Windowing};
use crate::stats::resample::{bootstrap, BootstrapSpec};
use crate::theses::criteria::{channel_rows, scoped_rows};
use crate::theses::multiverse::MultiverseResult;
use crate::theses::{main_specification, Loaded, ThesesResult};

/// How many partners get their own colour in share charts (the rest is "others").
pub(crate) const TOP: usize = 6;

/// One channel's annual series for charts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelChart {
    /// The channel's name.
    pub channel: String,
    /// The channel's unit (empty when none is given).
    pub unit: String,
    /// The years shown, in order; every other series has one entry per year.
    pub years: Vec<i32>,
    /// Named partners (largest total first, the focal partner always included), then "others".
    pub partners: Vec<String>,
    /// shares[year][partner], the last column "others"; all zero for an empty year.
    pub shares: Vec<Vec<f64>>,
    /// The partners of the heatmap (at most 20), largest total first.
    pub heat_partners: Vec<String>,
    /// heat[year][partner]: values in the order of `heat_partners`.
    pub heat: Vec<Vec<f64>>,
    /// Herfindahl-Hirschman index per year (None when undefined).
    pub hhi: Vec<Option<f64>>,
    /// Bootstrap interval of the HHI per year.
    pub hhi_ci: Vec<Option<(f64, f64)>>,
    /// Effective number of partners per year.
    pub enp: Vec<Option<f64>>,
    /// Bootstrap interval of the effective number of partners per year.
    pub enp_ci: Vec<Option<(f64, f64)>>,
    /// The focal partner's share per year.
    pub focal_share: Vec<Option<f64>>,
    /// The focal partner's rank among the partners per year.
    pub focal_rank: Vec<Option<usize>>,
    /// Shares of the largest and second-largest other partners, with their names.
    pub next: Vec<[Option<(String, f64)>; 2]>,
}

/// Everything the charts need.
#[derive(Debug, Clone, Serialize)]
pub struct ChartSet {
    /// The subject country.
    pub subject: String,
    /// The focal partner's canonical name.
    pub focal: String,
    /// The main specification's period breaks (first year of each later period).
    pub breaks: Vec<i32>,
    /// Sources and specification, printed under every chart.
    pub caption: String,
    /// One series per channel of the analysis.
    pub channels: Vec<ChannelChart>,
    /// The multiverse result the multiverse chart draws.
    pub multiverse: MultiverseResult,
}

impl ChartSet {
    /// The numbers behind every chart, for the main specification of an analysis and its result.
    pub fn of(loaded: &Loaded, result: &ThesesResult) -> ChartSet {
        let file = &loaded.file;
        let spec = main_specification(file);
        let scoped = scoped_rows(&loaded.context(), &spec);
        let boot = BootstrapSpec { replicates: file.bootstrap.replicates, seed: file.bootstrap.seed, monte_carlo_bounds: true };
        ChartSet {
            subject: result.subject.clone(),
            focal: result.focal.clone(),
            breaks: spec.breaks.clone(),
            caption: caption(result),
            channels: file
                .channels
                .keys()
                .map(|c| channel_chart(&channel_rows(&scoped, c), c, &result.focal, boot))
                .filter(|c| !c.years.is_empty())
                .collect(),
            multiverse: result.multiverse.clone(),
        }
    }
}

/// The line under every chart: data, specification, bootstrap.
fn caption(r: &ThesesResult) -> String {
    let s = &r.main.specification;
    let data = if r.vintage.is_empty() { "as given in the analysis file".to_string() } else { r.vintage.clone() };
    let data = match r.releases.is_empty() {
        true => data,
        false => format!("{data}; rows from {}", r.releases.iter().map(|(c, s)| format!("{c}: {s}")).collect::<Vec<_>>().join(", ")),
    };
    format!(
        "Data: {data}. multivector, attribution {}, breaks {}, horizon {}-{}, {} posterior draws, seed {}.",
        s.attribution.name(),
        s.breaks.iter().map(|b| b.to_string()).collect::<Vec<_>>().join("/"),
        s.first_year,
        s.last_year,
        s.replicates,
        s.seed
    )
}

/// Builds one channel's chart data from its analysis rows (annual windows).
pub(crate) fn channel_chart(rows: &Observations, channel: &str, focal: &str, spec: BootstrapSpec) -> ChannelChart {
    let unit = (0..rows.len()).find_map(|i| rows.row(i).unit).unwrap_or("").to_string();
    let panel = Panel::build(rows, GroupBy::default(), Windowing::ANNUAL);
    let suites = panel.suites(rows, focal);
    let boot = bootstrap(rows, &panel, focal, spec);
    // Partner totals over all years, for ordering.
    let mut totals: Vec<(String, f64)> = Vec::new();
    for g in 0..panel.groups.len() {
        for &(p, v) in panel.entries(g) {
            let name = rows.strings.text(p);
            match totals.iter_mut().find(|t| t.0 == name) {
                Some(t) => t.1 += v,
                None => totals.push((name.to_string(), v)),
            }
        }
    }
    totals.retain(|t| t.1 > 0.0);
    totals.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut partners: Vec<String> = totals.iter().take(TOP).map(|t| t.0.clone()).collect();
    if !partners.iter().any(|p| p == focal) && totals.iter().any(|t| t.0 == focal) {
        partners.pop();
        partners.insert(0, focal.to_string());
    }
    let heat_partners: Vec<String> = totals.iter().take(20).map(|t| t.0.clone()).collect();
    let mut chart = ChannelChart {
        channel: channel.to_string(),
        unit,
        partners: partners.iter().cloned().chain(["others".to_string()]).collect(),
        heat_partners: heat_partners.clone(),
        ..empty(channel)
    };
    for (g, group) in panel.groups.iter().enumerate() {
        let entries: Vec<(String, f64)> = panel.entries(g).iter().map(|&(p, v)| (rows.strings.text(p).to_string(), v)).collect();
        let total: f64 = entries.iter().map(|e| e.1).sum();
        let value_of = |name: &str| entries.iter().find(|e| e.0 == name).map_or(0.0, |e| e.1);
        let mut row: Vec<f64> = partners.iter().map(|p| if total > 0.0 { value_of(p) / total } else { 0.0 }).collect();
        let named: f64 = row.iter().sum();
        row.push(if total > 0.0 { (1.0 - named).max(0.0) } else { 0.0 });
        chart.years.push(group.year_start);
        chart.shares.push(row);
        chart.heat.push(heat_partners.iter().map(|p| value_of(p)).collect());
        let s = &suites[g];
        chart.hhi.push(s.hhi);
        chart.enp.push(s.enp);
        chart.hhi_ci.push(boot[g].interval("hhi").map(|i| (i.low, i.high)));
        chart.enp_ci.push(boot[g].interval("enp").map(|i| (i.low, i.high)));
        chart.focal_share.push(s.focal_share);
        chart.focal_rank.push(s.focal_rank);
        let mut others: Vec<(String, f64)> =
            entries.iter().filter(|e| e.0 != focal && e.1 > 0.0).map(|e| (e.0.clone(), e.1 / total)).collect();
        others.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        chart.next.push([others.first().cloned(), others.get(1).cloned()]);
    }
    chart
}

fn empty(channel: &str) -> ChannelChart {
    ChannelChart {
        channel: channel.to_string(),
        unit: String::new(),
        years: vec![],
        partners: vec![],
        shares: vec![],
        heat_partners: vec![],
        heat: vec![],
        hhi: vec![],
        hhi_ci: vec![],
        enp: vec![],
        enp_ci: vec![],
        focal_share: vec![],
        focal_rank: vec![],
        next: vec![],
    }
}
