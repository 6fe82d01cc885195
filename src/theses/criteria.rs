//! One specification of coding choices evaluated: the channel's periods as latent
//! yearly rates with their joint posterior draws (docs/METHODS.md §1.4), the claims per
//! channel and across channels, and the theses' probabilities.
use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use super::claims::{self, ClaimDraws};
use super::describe;
use super::model::{partners_of, period_rates, Draw, ModelPrior, PeriodRates, PeriodSettings, Resampling};
use super::probability::{self, Deepening, Pooled, Reading, ThesisProbabilities};
use super::spec::{CoverageChoice, CoverageKind, CoverageSpan, FirstYear, Thresholds};
use super::status::Criterion;
use crate::data::attribution::{Attribution, Mode};
use crate::data::frameworks::Frameworks;
use crate::data::observations::{Dating, Observations, RowInput};
use crate::data::periods::{spread_periods, SpreadRule};
use crate::data::prepare::prepare;
use crate::metrics::Suite;
use crate::panel::{GroupBy, Panel, Windowing};
use crate::stats::resample::Interval;
use crate::stats::series::untestable;

/// One set of coding choices.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Specification {
    /// How rows with several partners are attributed.
    pub attribution: Mode,
    /// Exercise weighting: each event counts 1 per partner (false) or 1 in total (true).
    pub split_events: bool,
    /// How values dated to several years are spread over them (display series only).
    pub spread: SpreadRule,
    /// Years per window of the trend series (and per block of yearly sums in the model).
    pub window: i32,
    /// Start years of the later periods.
    pub breaks: Vec<i32>,
    /// The name of the channel-weight scheme ("file" for the analysis file's own weights).
    pub weights_name: String,
    /// Channel → weight in the overall pool.
    pub weights: BTreeMap<String, f64>,
    /// First year of the horizon.
    pub first_year: i32,
    /// Last year of the horizon.
    pub last_year: i32,
    /// Posterior draws (and as many prior draws).
    pub replicates: usize,
    /// Seed of the random streams of units and totals.
    pub seed: u64,
    /// Seed of the pseudo-units' weights of the draws from the prior alone (a calibration
    /// keeps it for every world; the posterior draws' pseudo-units follow `seed`).
    pub prior_seed: u64,
    /// Which data release ("base" or a name from `[data.vintages]`).
    pub vintage: String,
    /// Which years enter (systematic coverage, or example-only years too).
    pub coverage: CoverageChoice,
    /// Where a channel's yearly data start: the systematic source's first year, or the first observation.
    pub first_year_rule: FirstYear,
    /// Which claims make up the theses.
    pub reading: Reading,
    /// How deepening is read.
    pub deepening: Deepening,
    /// The prior and coding-error model of the draws.
    pub prior: ModelPrior,
    /// Which prior of the analysis file (0 the main one, 1 the sensitivity prior), for the random streams.
    pub prior_index: u32,
}

/// One number of a draw.
type DrawNumber = fn(&Draw) -> Option<f64>;

/// A period as latent yearly rates, with the credible intervals the report shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodResult {
    /// First year of the period.
    pub start: i32,
    /// Last year of the period.
    pub end: i32,
    /// The index suite on the partners' point rates.
    pub suite: Suite,
    /// 95 % credible intervals of enp, focal_share, dominance, focal_rate and yearly_richness.
    pub intervals: Vec<(&'static str, Interval)>,
    /// Share of posterior draws in which the focal partner ranks first.
    pub p_focal_first: Option<f64>,
    /// How the yearly part enters the model.
    pub resampling: Resampling,
    /// Units of evidence of the yearly part (event clusters or year blocks); 0 when fixed.
    pub units: usize,
    /// Events behind the units (0 without events).
    pub events: usize,
    /// Years of the period covered by the channel's data.
    pub covered_years: usize,
    /// Period totals that enter the period.
    pub totals: usize,
    /// Years per block of yearly sums (1 where the window size left fewer than 2 whole
    /// windows in the period).
    pub block_years: i32,
    /// The rates and draws the other fields come from.
    #[serde(skip)]
    pub rates: PeriodRates,
}

impl PeriodResult {
    fn new(rates: PeriodRates, block_years: i32, alpha: f64) -> PeriodResult {
        let picks: [(&'static str, DrawNumber); 5] = [
            ("enp", |d| d.enp),
            ("focal_share", |d| d.focal_share),
            ("dominance", |d| d.dominance),
            ("focal_rate", |d| Some(d.focal_rate)),
            ("yearly_richness", |d| Some(d.yearly_richness)),
        ];
        let intervals = picks.iter().filter_map(|(n, f)| rates.interval(alpha, f).map(|i| (*n, i))).collect();
        PeriodResult {
            start: rates.start,
            end: rates.end,
            suite: rates.suite.clone(),
            intervals,
            p_focal_first: rates.p_focal_first(),
            resampling: rates.resampling,
            units: rates.units,
            events: rates.events,
            covered_years: rates.covered_years,
            totals: rates.totals,
            block_years,
            rates,
        }
    }

    /// The interval of `name` (see `intervals`).
    pub fn interval(&self, name: &str) -> Option<Interval> {
        self.intervals.iter().find(|(n, _)| *n == name).map(|(_, i)| *i)
    }
}

/// One point of a channel's windowed series (period totals spread for display only).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesPoint {
    /// First year of the window.
    pub year_start: i32,
    /// Last year of the window.
    pub year_end: i32,
    /// The index suite of the window.
    pub suite: Suite,
    /// The focal partner's absolute volume (share × total).
    pub focal_volume: f64,
}

/// Everything about one channel under one specification.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelResult {
    /// The channel's name.
    pub channel: String,
    /// P(T1), P(T2), P(neither) in this channel (None without two periods of data).
    pub probabilities: Option<ThesisProbabilities>,
    /// Each claim's probability and the numbers behind it.
    pub criteria: Vec<Criterion>,
    /// The claims draw by draw.
    #[serde(skip)]
    pub claims: Vec<ClaimDraws>,
    /// The periods between the breaks, in order.
    pub periods: Vec<PeriodResult>,
    /// The windowed series.
    pub series: Vec<SeriesPoint>,
    /// Why the channel's yearly series gets no trend test (None when it does).
    pub trend_note: Option<String>,
    /// Richness of the first and last period at a common sample size (None without
    /// yearly coverage or two periods).
    pub rarefied: Option<super::richness::RarefiedRichness>,
}

/// The result of one specification.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpecResult {
    /// The specification evaluated.
    pub specification: Specification,
    /// One result per channel.
    pub channels: Vec<ChannelResult>,
    /// The fields C6 compares, each with its late leader (empty without `[[fields]]`).
    pub fields: Vec<super::fields::FieldResult>,
    /// The channels pooled.
    pub overall: Overall,
}

/// The theses over all channels of one specification (docs/METHODS.md §1.3).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overall {
    /// P(T1), P(T2), P(neither) with the channels pooled per draw.
    pub probabilities: ThesisProbabilities,
    /// Each claim pooled over the channels, and C6 across the fields (or channels).
    pub criteria: Vec<Criterion>,
    /// C6 draw by draw.
    #[serde(skip)]
    pub c6: Option<ClaimDraws>,
}

/// Context shared by all specifications: the loaded rows and what the file fixes.
pub struct Context<'a> {
    /// The data per vintage: ("base", the analysis file's data) first.
    pub vintages: Vec<(String, &'a Observations)>,
    /// Frameworks and blocs, for attribution.
    pub frameworks: &'a Frameworks,
    /// The subject country.
    pub subject: &'a str,
    /// The focal partner's canonical name.
    pub focal: &'a str,
    /// The thesis channels.
    pub channels: Vec<String>,
    /// The fields C6 compares (empty: the weighted thesis channels).
    pub fields: Vec<super::spec::FieldSection>,
    /// The decision thresholds.
    pub thresholds: &'a Thresholds,
    /// Channel → coverage spans of its sources (empty: every year counts).
    pub coverage: &'a BTreeMap<String, Vec<CoverageSpan>>,
    /// Partner (or bloc) → whether it is beyond the post-Soviet space (claim C3); a
    /// partner missing here has no known region.
    pub beyond_region: BTreeMap<String, bool>,
    /// Per vintage, the (channel, data_source) pairs its rows carry: a span that names a
    /// `data_source` counts only for the data that carry it (`coverage_check`).
    pub data_sources: BTreeMap<String, std::collections::BTreeSet<(String, String)>>,
}

/// The systematic spans of `channel` that count for `spec`'s data: those without a
/// `data_source`, and those whose source the vintage's rows carry.
fn systematic_spans<'c>(ctx: &'c Context<'_>, spec: &Specification, channel: &str) -> Vec<&'c CoverageSpan> {
    let carried = ctx.data_sources.get(&spec.vintage);
    let counts =
        |s: &CoverageSpan| s.data_source.as_ref().is_none_or(|d| carried.is_some_and(|c| c.contains(&(channel.to_string(), d.clone()))));
    ctx.coverage.get(channel).map_or(vec![], |spans| spans.iter().filter(|s| s.kind == CoverageKind::Systematic && counts(s)).collect())
}

/// Whether row years `start`..=`end` of `channel` enter under `spec.coverage`: with
/// `Systematic`, a channel with systematic spans keeps only rows that overlap one.
fn covered(ctx: &Context<'_>, spec: &Specification, channel: &str, start: i32, end: i32) -> bool {
    let spans = systematic_spans(ctx, spec, channel);
    spec.coverage == CoverageChoice::All || spans.is_empty() || spans.iter().any(|s| start <= s.last && end >= s.first)
}

/// Rows of `obs` for which `keep` holds (a new table).
pub(crate) fn filter_rows(obs: &Observations, keep: impl Fn(usize) -> bool) -> Observations {
    let mut out = Observations::default();
    out.add_file("(selection)", Default::default());
    for i in (0..obs.len()).filter(|&i| keep(i)) {
        out.push(obs.row(i), obs.line(i));
    }
    out
}

/// The analysis rows of `spec`: attributed (period totals kept whole) and limited to the
/// subject, the thesis channels and the fields' channels, and the horizon.
pub fn scoped_rows(ctx: &Context<'_>, spec: &Specification) -> Observations {
    let attribution = Attribution { mode: spec.attribution, split_events: spec.split_events };
    let observations = ctx.vintages.iter().find(|v| v.0 == spec.vintage).map_or(ctx.vintages[0].1, |v| v.1);
    let prepared = prepare(observations.clone(), ctx.frameworks, attribution, SpreadRule::KeepPeriods);
    filter_rows(&prepared, |i| {
        let r = prepared.row(i);
        r.subject == ctx.subject
            && (ctx.channels.iter().any(|c| c == r.channel) || ctx.fields.iter().any(|f| f.channel == r.channel))
            && r.year_start >= spec.first_year
            && r.year_end <= spec.last_year
            && covered(ctx, spec, r.channel, r.year_start, r.year_end)
    })
}

/// Rows of one channel.
pub(crate) fn channel_rows(rows: &Observations, channel: &str) -> Observations {
    filter_rows(rows, |i| rows.row(i).channel == channel)
}

/// Evaluates `spec`: every channel's periods, draws and claims, and the theses'
/// probabilities per channel and overall.
pub fn evaluate(ctx: &Context<'_>, spec: &Specification) -> SpecResult {
    evaluate_cached(ctx, spec, None)
}

/// Channel results already drawn, keyed by every input that determines them, so that the
/// multiverse draws a channel once for all specifications that give it the same rows,
/// coverage, periods and settings (results are identical to drawing again: the random
/// streams depend only on the key's contents). Results from the cache have no display series.
#[derive(Default)]
pub(crate) struct ChannelCache {
    map: std::sync::Mutex<std::collections::HashMap<Vec<u8>, ChannelResult>>,
}

/// `evaluate`, with channel results shared through `cache` when given.
pub(crate) fn evaluate_cached(ctx: &Context<'_>, spec: &Specification, cache: Option<&ChannelCache>) -> SpecResult {
    let in_scope = scoped_rows(ctx, spec);
    let channels: Vec<ChannelResult> = ctx
        .channels
        .iter()
        .enumerate()
        .map(|(k, channel)| {
            let rows = channel_rows(&in_scope, channel);
            evaluate_channel(ctx, spec, channel, &rows, (k as u32, cache))
        })
        .collect();
    let fields = super::fields::evaluate_fields(ctx, spec, &in_scope, &channels, cache);
    let c6 = if fields.is_empty() { c6_of(&channels, spec) } else { c6_of_fields(&fields) };
    let overall = judge_overall(&channels, c6, spec, ctx.thresholds);
    SpecResult { specification: spec.clone(), channels, fields, overall }
}

/// C6 across the fields that record cooperation in their late period (None with fewer than two).
fn c6_of_fields(fields: &[super::fields::FieldResult]) -> Option<ClaimDraws> {
    let lates: Vec<&PeriodRates> = fields.iter().filter_map(|f| f.late.as_ref()).collect();
    (lates.len() >= 2).then(|| claims::c6(&lates))
}

/// C6 across the channels that carry weight under `spec` and record cooperation in their
/// late period (None with fewer than two); used when the analysis names no fields.
pub(crate) fn c6_of(channels: &[ChannelResult], spec: &Specification) -> Option<ClaimDraws> {
    let lates: Vec<&PeriodRates> = channels
        .iter()
        .filter(|c| !c.claims.is_empty() && spec.weights.get(&c.channel).is_some_and(|w| *w > 0.0))
        .filter_map(|c| c.periods.last().map(|p| &p.rates))
        .filter(|p| p.evidence.volume > 0.0)
        .collect();
    (lates.len() >= 2).then(|| claims::c6(&lates))
}

/// The channels pooled under `spec`'s weights, reading and deepening.
pub(crate) fn judge_overall(channels: &[ChannelResult], c6: Option<ClaimDraws>, spec: &Specification, t: &Thresholds) -> Overall {
    let majority = t.overall_majority;
    let pool: Vec<Pooled<'_>> = channels
        .iter()
        .filter(|c| !c.claims.is_empty())
        .map(|c| Pooled { claims: &c.claims, weight: spec.weights.get(&c.channel).copied().unwrap_or(0.0) })
        .collect();
    let probabilities = probability::overall(&pool, c6.as_ref(), spec.deepening, spec.reading, majority);
    let criteria = describe::overall(&pool, c6.as_ref(), majority, t.alpha);
    Overall { probabilities, criteria, c6 }
}

/// `result` under other weights, reading and deepening (no draw is repeated).
pub(crate) fn rejudge(result: &SpecResult, spec: &Specification, majority: f64) -> (Vec<Option<ThesisProbabilities>>, ThesisProbabilities) {
    let channels = result.channels.iter().map(|c| probability::channel(&c.claims, spec.deepening)).collect();
    let pool: Vec<Pooled<'_>> = result
        .channels
        .iter()
        .filter(|c| !c.claims.is_empty())
        .map(|c| Pooled { claims: &c.claims, weight: spec.weights.get(&c.channel).copied().unwrap_or(0.0) })
        .collect();
    // C6 over channels follows the weights (a channel without weight leaves the comparison
    // of leaders); over fields it does not depend on them.
    let same = spec.weights == result.specification.weights || !result.fields.is_empty();
    let c6 = if same { result.overall.c6.clone() } else { c6_of(&result.channels, spec) };
    (channels, probability::overall(&pool, c6.as_ref(), spec.deepening, spec.reading, majority))
}

/// The periods between `breaks` (start years of new periods) within [first, last].
pub(crate) fn periods_of(breaks: &[i32], first: i32, last: i32) -> Vec<(i32, i32)> {
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

/// The channel's yearly coverage: from the first to the last year of its yearly rows
/// (events or sums, structural zeros included), widened to the systematic sources'
/// spans within the horizon, since a year of a systematic source without a row is a
/// zero, not a gap (docs/METHODS.md §2.4); None when the channel has only period totals.
pub(crate) fn yearly_coverage(ctx: &Context<'_>, spec: &Specification, channel: &str, rows: &Observations) -> Option<(i32, i32)> {
    let years = (0..rows.len()).filter(|&i| rows.dating(i) != Dating::Period).map(|i| rows.year_start[i]);
    let (first, last) = (years.clone().min()?, years.max()?);
    // Systematic spans that reach the rows' years (overlapping or adjacent), within the horizon.
    let systematic: Vec<(i32, i32)> = systematic_spans(ctx, spec, channel)
        .into_iter()
        .map(|s| (s.first.max(spec.first_year), s.last.min(spec.last_year)))
        .filter(|(a, b)| a <= b && *a <= last + 1 && *b + 1 >= first)
        .collect();
    let first = match spec.first_year_rule {
        FirstYear::Systematic => systematic.iter().map(|s| s.0).fold(first, i32::min),
        FirstYear::FirstObservation => first,
    };
    let last = systematic.iter().map(|s| s.1).fold(last, i32::max);
    Some((first, last))
}

/// `rows` with a zero row of the focal partner in every year of `coverage` that has no
/// yearly row (docs/METHODS.md §2.3: a covered year without rows is a zero), so that the
/// trend series and the period rates see the same years. The zero rows are structural
/// zeros: no event, no active partner, only a covered year. `rows` itself when no covered
/// year lacks a row.
fn with_zero_years<'r>(rows: &'r Observations, coverage: Option<(i32, i32)>, focal: &str) -> Cow<'r, Observations> {
    let Some((first, last)) = coverage else { return Cow::Borrowed(rows) };
    let mut has_row = vec![false; (last - first + 1).max(0) as usize];
    let mut template = None;
    for i in (0..rows.len()).filter(|&i| rows.dating(i) != Dating::Period) {
        template.get_or_insert(i);
        if let Some(seen) = usize::try_from(rows.year_start[i] - first).ok().and_then(|k| has_row.get_mut(k)) {
            *seen = true;
        }
    }
    let missing: Vec<i32> = (first..=last).zip(&has_row).filter(|(_, seen)| !**seen).map(|(year, _)| year).collect();
    let Some(template) = template.filter(|_| !missing.is_empty()) else { return Cow::Borrowed(rows) };
    let template = rows.row(template);
    let mut out = rows.clone();
    for year in missing {
        let zero = RowInput {
            partner: focal,
            year_start: year,
            year_end: year,
            dating: Dating::Year,
            value: 0.0,
            value_low: None,
            value_high: None,
            framework: None,
            event_id: None,
            series: None,
            kind: None,
            source: None,
            locator: None,
            quote: None,
            note: Some("covered year without rows: a zero"),
            ..template
        };
        out.push(zero, 0);
    }
    Cow::Owned(out)
}

/// The windowed series for display and trend tests: period totals spread by
/// `spec.spread`, windows of `spec.window` years anchored at the start of every period
/// (no window straddles a break; a period's last window ends at the period's end).
fn series_of(rows: &Observations, spec: &Specification, focal: &str, periods: &[(i32, i32)]) -> Vec<SeriesPoint> {
    let spread = spread_periods(rows, spec.spread);
    let mut points = Vec::new();
    for &(a, b) in periods {
        let part = filter_rows(&spread, |i| spread.year_start[i] >= a && spread.year_start[i] <= b);
        if part.is_empty() {
            continue;
        }
        let panel = Panel::build(&part, GroupBy::default(), Windowing::Blocks { size: spec.window, anchor: Some(a) });
        let suites = panel.suites(&part, focal);
        points.extend(panel.groups.iter().zip(suites).map(|(g, s)| SeriesPoint {
            year_start: g.year_start,
            year_end: g.year_end.min(b),
            focal_volume: s.focal_share.unwrap_or(0.0) * s.total,
            suite: s,
        }));
    }
    points
}

/// Years per block of the year bootstrap in a period: `window`, unless the period's
/// covered years hold fewer than 2 whole windows, in which case single years (the
/// window size is skipped for that period, and the period says so).
fn block_years(window: i32, period: (i32, i32), coverage: Option<(i32, i32)>) -> i32 {
    let years = coverage.map_or(0, |(a, b)| (b.min(period.1) - a.max(period.0) + 1).max(0));
    if years / window.max(1) >= 2 {
        window
    } else {
        1
    }
}

/// The channel's partners (sorted ids, the focal partner's zero rows included) and its
/// typical unit size m: the mean positive yearly value of a partner (a total counts with
/// its yearly rate); 1 when nothing is positive.
pub(crate) fn partners_and_scale(rows: &Observations) -> (Vec<u32>, f64) {
    let universe = partners_of(rows);
    let rates: Vec<f64> = (0..rows.len())
        .map(|i| {
            if rows.dating(i) == Dating::Period {
                rows.value[i] / (rows.year_end(i) - rows.year_start[i] + 1) as f64
            } else {
                rows.value[i]
            }
        })
        .filter(|v| *v > 0.0)
        .collect();
    // Summed in sorted order, so that the last bit does not depend on the order of the rows.
    let mut rates = rates;
    rates.sort_by(f64::total_cmp);
    let scale = if rates.is_empty() { 1.0 } else { rates.iter().sum::<f64>() / rates.len() as f64 };
    (universe, scale)
}

/// The bytes of everything that determines a channel's draws and claims: the channel's
/// index (its random streams), its rows as the model reads them, coverage, periods,
/// blocks and the draw settings.
fn channel_key(k: u32, rows: &Observations, coverage: Option<(i32, i32)>, periods: &[((i32, i32), i32)], spec: &Specification) -> Vec<u8> {
    let mut key = Vec::with_capacity(64 + rows.len() * 48);
    let mut put = |b: &[u8]| key.extend_from_slice(b);
    put(&k.to_le_bytes());
    put(&format!("{coverage:?}{periods:?}").into_bytes());
    put(&(spec.replicates as u64).to_le_bytes());
    put(&spec.seed.to_le_bytes());
    put(&spec.prior_seed.to_le_bytes());
    put(&spec.prior.units.to_bits().to_le_bytes());
    put(&spec.prior.total_error.to_bits().to_le_bytes());
    put(&spec.prior_index.to_le_bytes());
    for i in 0..rows.len() {
        let r = rows.row(i);
        for text in [Some(r.partner), r.event_id, r.series] {
            put(text.unwrap_or("\u{0}").as_bytes());
            put(&[0xff]);
        }
        put(&r.year_start.to_le_bytes());
        put(&r.year_end.to_le_bytes());
        put(&[r.dating as u8]);
        for v in [Some(r.value), r.value_low, r.value_high] {
            put(&v.map_or(u64::MAX, f64::to_bits).to_le_bytes());
        }
    }
    key
}

/// Every period of a channel with rows, drawn (`k`: the channel's index; `coverage`: its
/// yearly coverage), each with its block size; richness is rarefied to `rarefy_to`, the
/// first and last period's common sample size.
fn draw_periods(
    ctx: &Context<'_>,
    spec: &Specification,
    rows: &Observations,
    (k, coverage, rarefy_to): (u32, Option<(i32, i32)>, Option<usize>),
    periods: Vec<((i32, i32), i32)>,
) -> Vec<(PeriodRates, i32)> {
    let (universe, unit_scale) = partners_and_scale(rows);
    let beyond: Vec<Option<bool>> = universe.iter().map(|&p| ctx.beyond_region.get(rows.strings.text(p)).copied()).collect();
    periods
        .into_iter()
        .enumerate()
        .filter_map(|(p, (period, block))| {
            let settings = PeriodSettings {
                draws: spec.replicates,
                seed: spec.seed,
                prior_seed: spec.prior_seed,
                channel: k,
                period: p as u32,
                prior_index: spec.prior_index,
                block_years: block,
                prior: spec.prior,
                unit_scale,
                rarefy_to,
            };
            period_rates(rows, &universe, period, coverage, (ctx.focal, &beyond), settings).map(|r| (r, block))
        })
        .collect()
}

/// One channel's (or field's: `channel` names the channel whose coverage applies) periods,
/// draws, claims and series; `k` picks its random streams.
pub(crate) fn evaluate_channel(
    ctx: &Context<'_>,
    spec: &Specification,
    channel: &str,
    rows: &Observations,
    (k, cache): (u32, Option<&ChannelCache>),
) -> ChannelResult {
    let t = ctx.thresholds;
    let mut result = ChannelResult {
        channel: channel.to_string(),
        probabilities: None,
        criteria: vec![],
        claims: vec![],
        periods: vec![],
        series: vec![],
        trend_note: None,
        rarefied: None,
    };
    if rows.is_empty() {
        return result;
    }
    result.trend_note = untestable(rows, |_| true);
    let coverage = yearly_coverage(ctx, spec, channel, rows);
    // The zero rows make the rows span the coverage: periods follow the rows.
    let rows: &Observations = &with_zero_years(rows, coverage, ctx.focal);
    let first = rows.year_start.iter().copied().min().unwrap_or(spec.first_year);
    let last = (0..rows.len()).map(|i| rows.year_end(i)).max().unwrap_or(spec.last_year);
    let periods: Vec<((i32, i32), i32)> =
        periods_of(&spec.breaks, first, last).into_iter().map(|p| (p, block_years(spec.window, p, coverage))).collect();
    // Block sizes matter only where yearly sums are blocked: a period drawn by its events
    // (one with a yearly row that has an event_id) draws the same whatever the window.
    let drawn_by_events = |(a, b): (i32, i32)| {
        (0..rows.len()).any(|i| {
            rows.dating(i) != Dating::Period && (a..=b).contains(&rows.year_start[i]) && rows.event_id(i) != crate::data::observations::NONE
        })
    };
    let key = cache.map(|_| {
        let blocks: Vec<((i32, i32), i32)> = periods.iter().map(|&(p, b)| (p, if drawn_by_events(p) { 1 } else { b })).collect();
        channel_key(k, rows, coverage, &blocks, spec)
    });
    if let (Some(cache), Some(key)) = (cache, &key) {
        if let Some(hit) = cache.map.lock().ok().and_then(|m| m.get(key).cloned()) {
            return hit;
        }
    } else {
        result.series = series_of(rows, spec, ctx.focal, &periods.iter().map(|p| p.0).collect::<Vec<_>>());
    }
    let bounds: Vec<(i32, i32)> = periods.iter().map(|p| p.0).collect();
    let rarefied = super::richness::compare(rows, coverage, &bounds);
    let rarefy_to = rarefied.as_ref().filter(|r| r.note.is_none()).map(|r| r.common_units);
    let rates = draw_periods(ctx, spec, rows, (k, coverage, rarefy_to), periods);
    let (rates, blocks): (Vec<PeriodRates>, Vec<i32>) = rates.into_iter().unzip();
    if rates.len() >= 2 {
        result.claims = claims::channel_claims(&rates, t);
        result.probabilities = probability::channel(&result.claims, spec.deepening);
        result.criteria = describe::channel(&result.claims, &rates, ctx.focal, t);
        result.rarefied = rarefied;
    }
    result.periods = rates.into_iter().zip(blocks).map(|(r, b)| PeriodResult::new(r, b, t.alpha)).collect();
    if let (Some(cache), Some(key)) = (cache, key) {
        if let Ok(mut map) = cache.map.lock() {
            map.insert(key, result.clone());
        }
    }
    result
}
