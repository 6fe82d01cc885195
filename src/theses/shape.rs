//! The shape of the data that simulated worlds keep, estimated from the data of the main
//! specification (docs/METHODS.md §1.5): per channel its periods and covered years, every
//! partner's observed yearly rate per period, the events as templates (their years, sizes
//! and series), the yearly noise and zero years of sums, and the period totals.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::criteria::{channel_rows, partners_and_scale, scoped_rows, yearly_coverage, Context, SpecResult, Specification};
use crate::data::observations::{Dating, Observations, NONE};

/// One event of the data without the focal partner: the template of simulated events.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Template {
    /// Its recurring series, if the data name one.
    pub series: Option<String>,
    /// The other partners' values.
    pub others: Vec<(String, f64)>,
}

/// A period total of the data.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct TotalRow {
    pub partner: String,
    pub start: i32,
    pub end: i32,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// One period of a channel as observed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodShape {
    /// First year.
    pub start: i32,
    /// Last year.
    pub end: i32,
    /// Covered years of the yearly data in the period.
    pub covered_years: usize,
    /// The focal partner's yearly rate (yearly data and totals).
    pub focal_rate: f64,
    /// Its yearly rate from yearly data alone.
    pub focal_yearly_rate: f64,
    /// The largest other partner's yearly rate.
    pub top_other_rate: f64,
    /// focal_rate / top_other_rate (+∞ with no other partner; None with no volume).
    #[serde(with = "crate::number_serde")]
    pub dominance: Option<f64>,
    /// Events with at least one other partner per covered year (event channels).
    pub events_per_year: Option<f64>,
    /// Events of the focal partner alone per covered year (event channels).
    pub focal_alone_per_year: Option<f64>,
    /// Covered years.
    #[serde(skip)]
    pub(crate) years: Vec<i32>,
    /// Per covered year, the events with at least one other partner.
    #[serde(skip)]
    pub(crate) events_by_year: Vec<usize>,
    /// The events with at least one other partner.
    #[serde(skip)]
    pub(crate) templates: Vec<Template>,
    /// Other partners' yearly rates from yearly data (sums channels).
    #[serde(skip)]
    pub(crate) other_yearly: Vec<(String, f64)>,
    /// Years per block where the model draws yearly sums by blocks.
    #[serde(skip)]
    pub(crate) block_years: i32,
}

/// Events of a channel, as observed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventShape {
    /// Events (an event_id in a year).
    pub events: usize,
    /// Mean partners per event (the focal partner included).
    pub partners_per_event: f64,
    /// Partners of the largest event.
    pub largest_event: usize,
    /// Share of events with 5 or more partners.
    pub share_five_or_more: f64,
    /// Share of all partner-units (a partner in an event) held by the 8 largest events.
    pub largest_eight_share: f64,
    /// Share of events that belong to a recurring series.
    pub series_share: f64,
    /// Distinct series.
    pub series: usize,
    /// Share of the focal partner's events in which another partner takes part.
    pub focal_joint_share: f64,
    /// The focal partner's mean value per event.
    pub focal_value: f64,
}

/// Yearly sums of a channel (deliveries), as observed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SumShape {
    /// SD of the focal partner's log yearly value around its period mean (positive years).
    pub focal_log_sd: f64,
    /// The same, pooled over the other partners with at least two positive years in a period.
    pub others_log_sd: f64,
    /// Share of covered years without a value, in the focal partner's active periods.
    pub focal_zero_share: f64,
    /// The same, pooled over the other partners.
    pub others_zero_share: f64,
    /// Mean positive yearly value (the size of a year's deliveries).
    pub mean_positive_value: f64,
}

/// Period totals of a channel, as observed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TotalShape {
    /// Totals.
    pub totals: usize,
    /// Their mean span in years.
    pub mean_span_years: f64,
    /// σ of a total's log coding error (`[prior] total_error`).
    pub coding_error_sd: f64,
    /// Mean (high − low) / value of the totals with both bounds (None without).
    pub relative_bound_width: Option<f64>,
}

/// One channel of the data, as the simulated worlds keep it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelShape {
    /// The channel.
    pub channel: String,
    /// "events", "yearly-sums" or "totals" (the yearly part; totals may join either).
    pub kind: String,
    /// Yearly coverage (first, last year), None for totals only.
    pub coverage: Option<(i32, i32)>,
    /// Partners of the channel (the focal partner included).
    pub partners: usize,
    /// m: the channel's typical unit size (as the model computes it).
    pub unit_scale: f64,
    /// Its periods.
    pub periods: Vec<PeriodShape>,
    /// Events, for event channels.
    pub events: Option<EventShape>,
    /// Yearly sums, for channels of yearly sums.
    pub sums: Option<SumShape>,
    /// Period totals, if any.
    pub totals: Option<TotalShape>,
    /// Partner names, the focal partner first.
    #[serde(skip)]
    pub(crate) names: Vec<String>,
    /// The totals.
    #[serde(skip)]
    pub(crate) total_rows: Vec<TotalRow>,
}

impl ChannelShape {
    /// The focal partner's growth first → last period and its late dominance (the data's
    /// point on the power surface); None where undefined.
    pub fn observed(&self) -> (Option<f64>, Option<f64>) {
        let (first, last) = (&self.periods[0], &self.periods[self.periods.len() - 1]);
        let growth = (first.focal_rate > 0.0).then(|| last.focal_rate / first.focal_rate);
        (last.dominance, growth)
    }
}

/// The shapes of every channel with at least two periods under `spec` (`result`: the
/// data's own evaluation, whose periods the shapes keep).
pub fn estimate(ctx: &Context<'_>, spec: &Specification, result: &SpecResult) -> Vec<ChannelShape> {
    let rows = scoped_rows(ctx, spec);
    result
        .channels
        .iter()
        .filter(|c| c.periods.len() >= 2)
        .map(|c| {
            let mine = channel_rows(&rows, &c.channel);
            let coverage = yearly_coverage(ctx, spec, &c.channel, &mine);
            let periods: Vec<(i32, i32)> = c.periods.iter().map(|p| (p.start, p.end)).collect();
            let mut shape = channel_shape(&mine, &c.channel, ctx.focal, coverage, &periods, spec.prior.total_error);
            for (p, q) in shape.periods.iter_mut().zip(&c.periods) {
                p.block_years = q.block_years;
            }
            shape
        })
        .collect()
}

/// Rows of one channel, read once: its yearly rows within coverage and its totals.
struct ChannelRows<'a> {
    rows: &'a Observations,
    yearly: Vec<usize>,
    focal: &'a str,
}

impl ChannelRows<'_> {
    fn partner(&self, i: usize) -> &str {
        self.rows.strings.text(self.rows.partner[i])
    }

    /// (partner, summed value) of the yearly rows in `years`.
    fn yearly_rates(&self, years: &[i32]) -> Vec<(String, f64)> {
        // By name, so that the worlds do not depend on the order of the rows.
        let mut sums: BTreeMap<&str, f64> = BTreeMap::new();
        for &i in self.yearly.iter().filter(|&&i| years.contains(&self.rows.year_start[i])) {
            *sums.entry(self.partner(i)).or_insert(0.0) += self.rows.value[i];
        }
        sums.into_iter().map(|(name, sum)| (name.to_string(), sum / years.len().max(1) as f64)).collect()
    }

    /// Events of `years`: ((event, year), its rows), events ordered by their id's text.
    fn events(&self, years: &[i32]) -> Vec<((String, i32), Vec<usize>)> {
        let mut events: BTreeMap<(String, i32), Vec<usize>> = BTreeMap::new();
        for &i in self.yearly.iter().filter(|&&i| years.contains(&self.rows.year_start[i]) && self.rows.value[i] > 0.0) {
            let id = match self.rows.event_id(i) {
                NONE => format!("\u{0}row{i}"),
                e => self.rows.strings.text(e).to_string(),
            };
            events.entry((id, self.rows.year_start[i])).or_default().push(i);
        }
        events.into_iter().collect()
    }
}

fn channel_shape(
    rows: &Observations,
    channel: &str,
    focal: &str,
    coverage: Option<(i32, i32)>,
    periods: &[(i32, i32)],
    sigma: f64,
) -> ChannelShape {
    let yearly: Vec<usize> = (0..rows.len())
        .filter(|&i| rows.dating(i) != Dating::Period && coverage.is_some_and(|(a, b)| (a..=b).contains(&rows.year_start[i])))
        .collect();
    let has_events = yearly.iter().any(|&i| rows.event_id(i) != NONE);
    let cr = ChannelRows { rows, yearly, focal };
    let mut total_rows: Vec<TotalRow> = (0..rows.len())
        .filter(|&i| rows.dating(i) == Dating::Period)
        .map(|i| {
            let r = rows.row(i);
            TotalRow {
                partner: r.partner.to_string(),
                start: r.year_start,
                end: r.year_end,
                value: r.value,
                low: r.value_low,
                high: r.value_high,
            }
        })
        .collect();
    // By content, so that the worlds do not depend on the order of the rows.
    let bits = |x: Option<f64>| x.map_or(u64::MAX, f64::to_bits);
    let key = |t: &TotalRow| (t.partner.clone(), t.start, t.end, t.value.to_bits(), bits(t.low), bits(t.high));
    total_rows.sort_by_key(key);
    let (partner_ids, unit_scale) = partners_and_scale(rows);
    let mut names: Vec<String> = partner_ids.iter().map(|&p| rows.strings.text(p).to_string()).filter(|n| n != focal).collect();
    names.insert(0, focal.to_string());
    let periods: Vec<PeriodShape> = periods.iter().map(|&p| period_shape(&cr, &total_rows, coverage, p, has_events)).collect();
    let kind = if has_events {
        "events"
    } else if coverage.is_some() {
        "yearly-sums"
    } else {
        "totals"
    };
    ChannelShape {
        channel: channel.to_string(),
        kind: kind.to_string(),
        coverage,
        partners: names.len(),
        unit_scale,
        events: has_events.then(|| event_shape(&cr, coverage)),
        sums: (!has_events && coverage.is_some()).then(|| sum_shape(&cr, &periods)),
        totals: (!total_rows.is_empty()).then(|| total_shape(&total_rows, sigma)),
        periods,
        names,
        total_rows,
    }
}

fn period_shape(
    cr: &ChannelRows<'_>,
    totals: &[TotalRow],
    coverage: Option<(i32, i32)>,
    (start, end): (i32, i32),
    events: bool,
) -> PeriodShape {
    let years: Vec<i32> = coverage.map_or(vec![], |(a, b)| (a.max(start)..=b.min(end)).collect());
    let yearly = cr.yearly_rates(&years);
    let mut rates = yearly.clone();
    for t in totals.iter().filter(|t| t.start <= end && t.end >= start) {
        let rate = t.value / (t.end - t.start + 1) as f64;
        match rates.iter_mut().find(|r| r.0 == t.partner) {
            Some(r) => r.1 += rate,
            None => rates.push((t.partner.clone(), rate)),
        }
    }
    let of = |list: &[(String, f64)]| list.iter().find(|r| r.0 == cr.focal).map_or(0.0, |r| r.1);
    let focal_rate = of(&rates);
    let top_other_rate = rates.iter().filter(|r| r.0 != cr.focal).map(|r| r.1).fold(0.0, f64::max);
    let dominance = if top_other_rate > 0.0 { Some(focal_rate / top_other_rate) } else { (focal_rate > 0.0).then_some(f64::INFINITY) };
    let mut shape = PeriodShape {
        start,
        end,
        covered_years: years.len(),
        focal_rate,
        focal_yearly_rate: of(&yearly),
        top_other_rate,
        dominance,
        events_per_year: None,
        focal_alone_per_year: None,
        years: years.clone(),
        events_by_year: vec![],
        templates: vec![],
        other_yearly: yearly.into_iter().filter(|r| r.0 != cr.focal).collect(),
        block_years: 1,
    };
    if events {
        let all = cr.events(&years);
        let others = |rows: &[usize]| -> Vec<(String, f64)> {
            let mut list: Vec<(String, f64)> =
                rows.iter().filter(|&&i| cr.partner(i) != cr.focal).map(|&i| (cr.partner(i).to_string(), cr.rows.value[i])).collect();
            list.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
            list
        };
        let joint: Vec<&((String, i32), Vec<usize>)> = all.iter().filter(|e| !others(&e.1).is_empty()).collect();
        shape.events_by_year = years.iter().map(|y| joint.iter().filter(|e| e.0 .1 == *y).count()).collect();
        shape.templates = joint
            .iter()
            .map(|e| Template { series: e.1.iter().filter_map(|&i| cr.rows.row(i).series).min().map(str::to_string), others: others(&e.1) })
            .collect();
        let per_year = |n: usize| n as f64 / years.len().max(1) as f64;
        shape.events_per_year = Some(per_year(joint.len()));
        shape.focal_alone_per_year = Some(per_year(all.len() - joint.len()));
    }
    shape
}

fn event_shape(cr: &ChannelRows<'_>, coverage: Option<(i32, i32)>) -> EventShape {
    let years: Vec<i32> = coverage.map_or(vec![], |(a, b)| (a..=b).collect());
    let events = cr.events(&years);
    let mut sizes: Vec<usize> = events.iter().map(|e| e.1.len()).collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    let units: usize = sizes.iter().sum();
    let n = events.len().max(1) as f64;
    let mut series: Vec<&str> = events.iter().filter_map(|e| e.1.iter().find_map(|&i| cr.rows.row(i).series)).collect();
    let in_series = series.len();
    series.sort_unstable();
    series.dedup();
    let with_focal: Vec<&((String, i32), Vec<usize>)> = events.iter().filter(|e| e.1.iter().any(|&i| cr.partner(i) == cr.focal)).collect();
    let joint = with_focal.iter().filter(|e| e.1.len() > 1).count();
    let focal_values: Vec<f64> =
        with_focal.iter().flat_map(|e| e.1.iter().filter(|&&i| cr.partner(i) == cr.focal).map(|&i| cr.rows.value[i])).collect();
    EventShape {
        events: events.len(),
        partners_per_event: units as f64 / n,
        largest_event: sizes.first().copied().unwrap_or(0),
        share_five_or_more: sizes.iter().filter(|s| **s >= 5).count() as f64 / n,
        largest_eight_share: sizes.iter().take(8).sum::<usize>() as f64 / units.max(1) as f64,
        series_share: in_series as f64 / n,
        series: series.len(),
        focal_joint_share: if with_focal.is_empty() { 0.5 } else { joint as f64 / with_focal.len() as f64 },
        focal_value: if focal_values.is_empty() { 1.0 } else { focal_values.iter().sum::<f64>() / focal_values.len() as f64 },
    }
}

/// Log-SD and zero share of yearly values, for the focal partner and pooled over the others.
fn sum_shape(cr: &ChannelRows<'_>, periods: &[PeriodShape]) -> SumShape {
    // (is focal, log deviations from the period mean, zero years, covered years)
    let mut stats = [(Vec::<f64>::new(), 0usize, 0usize), (Vec::new(), 0, 0)];
    let mut positives = Vec::new();
    for p in periods {
        let mut names: Vec<&str> =
            cr.yearly.iter().filter(|&&i| p.years.contains(&cr.rows.year_start[i])).map(|&i| cr.partner(i)).collect();
        names.sort_unstable();
        names.dedup();
        for name in names {
            let values: Vec<f64> = p
                .years
                .iter()
                .map(|y| {
                    cr.yearly.iter().filter(|&&i| cr.rows.year_start[i] == *y && cr.partner(i) == name).map(|&i| cr.rows.value[i]).sum()
                })
                .collect();
            let logs: Vec<f64> = values.iter().filter(|v| **v > 0.0).map(|v| v.ln()).collect();
            if logs.is_empty() {
                continue;
            }
            positives.extend(values.iter().copied().filter(|v| *v > 0.0));
            let s = &mut stats[usize::from(name != cr.focal)];
            s.1 += values.len() - logs.len();
            s.2 += values.len();
            if logs.len() >= 2 {
                let mean = logs.iter().sum::<f64>() / logs.len() as f64;
                s.0.extend(logs.iter().map(|l| l - mean));
            }
        }
    }
    let sd = |d: &[f64]| if d.len() < 2 { 0.5 } else { (d.iter().map(|x| x * x).sum::<f64>() / (d.len() - 1) as f64).sqrt() };
    let zero = |s: &(Vec<f64>, usize, usize)| if s.2 == 0 { 0.0 } else { s.1 as f64 / s.2 as f64 };
    SumShape {
        focal_log_sd: sd(&stats[0].0),
        others_log_sd: sd(&stats[1].0),
        focal_zero_share: zero(&stats[0]),
        others_zero_share: zero(&stats[1]),
        mean_positive_value: if positives.is_empty() { 0.0 } else { positives.iter().sum::<f64>() / positives.len() as f64 },
    }
}

fn total_shape(totals: &[TotalRow], sigma: f64) -> TotalShape {
    let widths: Vec<f64> =
        totals.iter().filter_map(|t| t.low.zip(t.high).filter(|_| t.value > 0.0).map(|(l, h)| (h - l) / t.value)).collect();
    TotalShape {
        totals: totals.len(),
        mean_span_years: totals.iter().map(|t| (t.end - t.start + 1) as f64).sum::<f64>() / totals.len().max(1) as f64,
        coding_error_sd: sigma,
        relative_bound_width: (!widths.is_empty()).then(|| widths.iter().sum::<f64>() / widths.len() as f64),
    }
}
