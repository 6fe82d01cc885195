//! The fields of cooperation claim C6 compares (`[[fields]]` of the analysis file): each
//! field's rows drawn like a channel's, its late-period leader and the probability that
//! this partner leads (docs/METHODS.md §1.3).
use serde::Serialize;

use super::criteria::{channel_rows, evaluate_channel, filter_rows, ChannelCache, ChannelResult, Context, Specification};
use super::model::PeriodRates;
use super::spec::FieldSection;
use crate::data::observations::Observations;

/// One field's late period: who leads and how surely.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldResult {
    /// The field's name.
    pub field: String,
    /// Its channel.
    pub channel: String,
    /// The kind its rows are limited to (None: all of the channel's rows).
    pub kind: Option<String>,
    /// First and last year of its late period (None without rows).
    pub late_period: Option<(i32, i32)>,
    /// Units of evidence (event clusters or year blocks) and period totals of the late period.
    pub late_units: usize,
    /// Period totals entering the late period.
    pub late_totals: usize,
    /// The leader on the late period's point rates (None when nothing is recorded).
    pub late_leader: Option<String>,
    /// P(leader): the share of posterior draws in which that partner has the largest rate.
    pub p_leader: Option<f64>,
    /// The late period's rates and draws (C6 compares their leaders draw by draw).
    #[serde(skip)]
    pub late: Option<PeriodRates>,
}

/// The rows of `field` among the scoped rows: its channel's, with its kind when it names one.
fn field_rows(rows: &Observations, field: &FieldSection) -> Observations {
    let channel = channel_rows(rows, &field.channel);
    match &field.kind {
        None => channel,
        Some(kind) => filter_rows(&channel, |i| channel.kinds(i).any(|k| k == kind)),
    }
}

impl FieldResult {
    fn of(field: &FieldSection, result: &ChannelResult) -> FieldResult {
        let late = result.periods.last().map(|p| p.rates.clone()).filter(|r| r.evidence.volume > 0.0);
        let leader = late.as_ref().and_then(PeriodRates::leader);
        FieldResult {
            field: field.name.clone(),
            channel: field.channel.clone(),
            kind: field.kind.clone(),
            late_period: result.periods.last().map(|p| (p.start, p.end)),
            late_units: result.periods.last().map_or(0, |p| p.units),
            late_totals: result.periods.last().map_or(0, |p| p.totals),
            late_leader: late.as_ref().zip(leader).map(|(r, k)| r.partners[k].clone()),
            p_leader: late.as_ref().zip(leader).map(|(r, k)| share_leading(r, k)),
            late,
        }
    }
}

/// The share of `rates`' posterior draws in which partner `k` leads.
fn share_leading(rates: &PeriodRates, k: usize) -> f64 {
    let leading = rates.draws.iter().filter(|d| d.leader == Some(k)).count();
    leading as f64 / rates.draws.len().max(1) as f64
}

/// Every field of `ctx` under `spec`: a field that is a whole thesis channel reuses that
/// channel's result; the others are drawn with random streams of their own (channel
/// index after the thesis channels).
pub(crate) fn evaluate_fields(
    ctx: &Context<'_>,
    spec: &Specification,
    in_scope: &Observations,
    channels: &[ChannelResult],
    cache: Option<&ChannelCache>,
) -> Vec<FieldResult> {
    ctx.fields
        .iter()
        .enumerate()
        .map(|(f, field)| {
            let whole = channels.iter().find(|c| field.kind.is_none() && c.channel == field.channel);
            match whole {
                Some(result) => FieldResult::of(field, result),
                None => {
                    let rows = field_rows(in_scope, field);
                    let k = (ctx.channels.len() + f) as u32;
                    FieldResult::of(field, &evaluate_channel(ctx, spec, &field.channel, &rows, (k, cache)))
                }
            }
        })
        .collect()
}
