//! Evidence on demand: for each claim of the headline table, a part the reader opens with,
//! per channel, the claim's probability, the posterior distribution of the quantity it is
//! judged on with the threshold drawn (an inline SVG histogram), and the units of evidence
//! behind it and their sources.
use std::collections::BTreeMap;
use std::fmt::Write;

use super::blocks::{escape, Block};
use super::prose;
use crate::format::{equals, percent};
use crate::theses::claims::ClaimDraws;
use crate::theses::criteria::ChannelResult;
use crate::theses::status::{Claim, Criterion};
use crate::theses::ThesesResult;

/// What the quantity of claim `id` is, whether the claim needs it below the threshold,
/// and whether it is a ratio (drawn on a log scale).
fn quantity_of(id: Claim, focal: &str) -> (String, bool, bool) {
    match id {
        Claim::C1 => ("late − early partners at a common sample size".into(), false, false),
        Claim::C2 => ("late − early kinds of cooperation at a common sample size".into(), false, false),
        Claim::C3 => ("late − early share of partners beyond the post-Soviet space".into(), false, false),
        Claim::C4 => (format!("{focal}'s late dominance (its rate ÷ the largest other rate)"), true, true),
        Claim::C5 => (format!("{focal}'s late share"), true, false),
        Claim::C6 => ("distinct late leaders across the fields".into(), false, false),
        Claim::C7 => (format!("change of {focal}'s dominance (late ÷ early)"), true, true),
        Claim::D3 => (format!("{focal}'s weakest dominance over the periods"), false, true),
        Claim::D4 => (format!("growth of {focal}'s rate (late ÷ early)"), false, true),
        Claim::D4Continuous => (format!("{focal}'s weakest growth from one period to the next"), false, true),
    }
}

/// The parts for the headline table's claims (`components`: claim and words), in its order.
pub(crate) fn blocks(r: &ThesesResult, components: &[(Claim, String)], sources: &BTreeMap<String, Vec<String>>) -> Vec<Block> {
    let mut b = vec![Block::Para(prose::EVIDENCE_INTRO.text().into())];
    for (id, words) in components {
        let mut inner = Vec::new();
        let mut headline = Vec::new();
        for channel in &r.main.channels {
            let Some(criterion) = channel.criteria.iter().find(|k| k.id == *id) else { continue };
            headline.push(format!("{} {}", channel.channel, percent(criterion.probability)));
            inner.extend(channel_blocks(r, channel, criterion, channel.claims.iter().find(|c| c.id == *id), sources));
        }
        if let Some(criterion) = r.main.overall.criteria.iter().find(|k| k.id == *id) {
            headline.push(format!("overall {}", percent(criterion.probability)));
            inner.push(Block::Para(format!(
                "**Overall**: P {} ({}). {}",
                equals(criterion.probability),
                criterion.status.name(),
                criterion.summary
            )));
            if let Some(draws) = r.main.overall.c6.as_ref().filter(|c| c.id == *id) {
                inner.extend(distribution(draws, criterion, &r.focal, "across the fields"));
            }
        }
        if headline.is_empty() {
            continue;
        }
        b.push(Block::Details(format!("{words} ({id}): {}", headline.join(", ")), inner));
    }
    b
}

/// One channel's part of a claim: probability and deciding numbers, distribution, evidence.
fn channel_blocks(
    r: &ThesesResult,
    channel: &ChannelResult,
    criterion: &Criterion,
    draws: Option<&ClaimDraws>,
    sources: &BTreeMap<String, Vec<String>>,
) -> Vec<Block> {
    let mut b = vec![Block::Para(format!(
        "**{}**: P {} ({}). {}",
        channel.channel,
        equals(criterion.probability),
        criterion.status.name(),
        criterion.summary
    ))];
    match (criterion.informed, draws) {
        (true, Some(draws)) => b.extend(distribution(draws, criterion, &r.focal, &channel.channel)),
        _ => b.push(Block::Para(prose::EVIDENCE_NOT_INFORMED.text().into())),
    }
    b.push(Block::Para(units_line(channel, sources)));
    b
}

/// The units of evidence per period and the channel's sources.
fn units_line(channel: &ChannelResult, sources: &BTreeMap<String, Vec<String>>) -> String {
    let periods: Vec<String> = channel
        .periods
        .iter()
        .map(|p| {
            let mut parts = Vec::new();
            if p.units > 0 {
                parts.push(format!("{} units of evidence", p.units));
            }
            if p.events > 0 {
                parts.push(format!("{} events", p.events));
            }
            if p.covered_years > 0 {
                parts.push(format!("{} years with data", p.covered_years));
            }
            if p.totals > 0 {
                parts.push(format!("{} period totals", p.totals));
            }
            let parts = if parts.is_empty() { "no data".to_string() } else { parts.join(", ") };
            format!("{}–{}: {parts}", p.start, p.end)
        })
        .collect();
    let from = sources.get(&channel.channel).filter(|s| !s.is_empty()).map_or("the analysis file names none".into(), |s| s.join("; "));
    prose::EVIDENCE_UNITS.fill(&[("periods", &periods.join("; ")), ("sources", &from)])
}

/// The histogram of the claim's quantity over its posterior draws, with its caption.
fn distribution(draws: &ClaimDraws, criterion: &Criterion, focal: &str, place: &str) -> Vec<Block> {
    let (name, below, log) = quantity_of(draws.id, focal);
    let Some(h) = Histogram::of(&draws.quantity, draws.threshold, log) else { return vec![] };
    let side = if below { "below" } else { "above" };
    let apart = if h.apart > 0 { format!("; {} draws off the scale (0 or +∞) are not drawn", h.apart) } else { String::new() };
    let interval = match (criterion.interval_low, criterion.interval_high) {
        (Some(lo), Some(hi)) => format!("; 95 % interval {} to {}", short(lo), short(hi)),
        _ => String::new(),
    };
    let caption = prose::EVIDENCE_CAPTION.fill(&[
        ("place", &place),
        ("claim", &draws.id),
        ("quantity", &name),
        ("draws", &draws.quantity.len()),
        ("scale", &if log { " (log scale)" } else { "" }),
        ("interval", &interval),
        ("threshold", &short(draws.threshold)),
        ("side", &side),
        ("p", &equals(criterion.probability)),
        ("apart", &apart),
    ]);
    vec![Block::Svg(h.svg(&caption), caption)]
}

/// A number with up to three significant digits.
fn short(x: f64) -> String {
    crate::format::significant(x, 3)
}

/// Counts of draws in equal bins of the (log-)quantity between `low` and `high`.
struct Histogram {
    counts: Vec<usize>,
    low: f64,
    high: f64,
    threshold: f64,
    log: bool,
    /// Draws that cannot be drawn: infinite, or not positive on a log scale.
    apart: usize,
}

impl Histogram {
    /// Bins from the 0.5th to the 99.5th percentile of the drawable values, widened to
    /// hold the threshold (values beyond fall into the edge bins); one bin per integer
    /// when the values are a few integers. None without drawable values.
    fn of(values: &[f64], threshold: f64, log: bool) -> Option<Histogram> {
        let scale = |x: f64| if log { x.log10() } else { x };
        let mut drawable: Vec<f64> = values.iter().filter(|x| x.is_finite() && (!log || **x > 0.0)).map(|x| scale(*x)).collect();
        let apart = values.len() - drawable.len();
        if drawable.is_empty() {
            return None;
        }
        drawable.sort_by(f64::total_cmp);
        let at = |q: f64| drawable[((drawable.len() - 1) as f64 * q).round() as usize];
        let t = if log && threshold > 0.0 { scale(threshold) } else { threshold };
        let integers = !log && drawable.iter().all(|x| x.fract() == 0.0) && at(1.0) - at(0.0) <= 12.0;
        let (mut low, mut high) =
            if integers { (at(0.0).min(t) - 0.5, at(1.0).max(t) + 0.5) } else { (at(0.005).min(t), at(0.995).max(t)) };
        if high - low < 1e-9 {
            (low, high) = (low - 0.5, high + 0.5);
        }
        let bins = if integers { (high - low).round() as usize } else { 40 };
        let mut counts = vec![0; bins];
        for x in &drawable {
            let k = (((x - low) / (high - low)) * bins as f64).floor().clamp(0.0, (bins - 1) as f64);
            counts[k as usize] += 1;
        }
        Some(Histogram { counts, low, high, threshold: t, log, apart })
    }

    /// The histogram as an SVG drawing with axis labels; `label` is its accessible name.
    fn svg(&self, label: &str) -> String {
        let (w, h, left, bottom) = (640.0, 170.0, 40.0, 30.0);
        let plot = w - left - 10.0;
        let x = |v: f64| left + plot * (v - self.low) / (self.high - self.low);
        let most = self.counts.iter().copied().max().unwrap_or(1).max(1) as f64;
        let bar = plot / self.counts.len() as f64;
        let mut svg = format!("<svg viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\">", escape(label));
        let mut path = String::new();
        for (k, &count) in self.counts.iter().enumerate() {
            let height = (h - bottom - 10.0) * count as f64 / most;
            let _ = write!(
                path,
                "M{:.1} {:.1}h{:.1}v{:.1}h{:.1}Z",
                left + k as f64 * bar + 0.5,
                h - bottom - height,
                bar - 1.0,
                height,
                1.0 - bar
            );
        }
        let _ = write!(svg, "<path d=\"{path}\" fill=\"#0072b2\"/>");
        let _ = write!(svg, "<line x1=\"{left}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#555\"/>", left + plot, h - bottom, h - bottom);
        for k in 0..=4 {
            let v = self.low + (self.high - self.low) * k as f64 / 4.0;
            let shown = if self.log { 10f64.powf(v) } else { v };
            let anchor = ["start", "middle", "middle", "middle", "end"][k];
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{}\" font-size=\"11\" text-anchor=\"{anchor}\" fill=\"#333\">{}</text>",
                x(v),
                h - bottom + 14.0,
                short(shown)
            );
        }
        let tx = x(self.threshold);
        let shown = if self.log { 10f64.powf(self.threshold) } else { self.threshold };
        // The label stays inside: right of the line, or left of it near the right edge.
        let (label_x, anchor) = if tx > left + 0.75 * plot { (tx - 4.0, "end") } else { (tx + 4.0, "start") };
        let _ = write!(
            svg,
            "<line x1=\"{tx:.1}\" x2=\"{tx:.1}\" y1=\"6\" y2=\"{}\" stroke=\"#b34700\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text x=\"{label_x:.1}\" y=\"14\" font-size=\"11\" text-anchor=\"{anchor}\" fill=\"#222\">threshold {}</text></svg>",
            h - bottom,
            short(shown)
        );
        svg
    }
}

#[cfg(test)]
mod tests {
    use super::Histogram;

    #[test]
    fn histogram_counts_every_drawable_value_once_and_sets_apart_the_rest() {
        // 0, +∞ and a negative value cannot be drawn on a log scale: 3 apart, 4 in bins.
        let h = Histogram::of(&[0.5, 1.0, 2.0, 4.0, 0.0, f64::INFINITY, -1.0], 2.0, true).unwrap();
        assert_eq!(h.apart, 3);
        assert_eq!(h.counts.iter().sum::<usize>(), 4);
        assert_eq!(h.counts.len(), 40);
        // log10(0.5) … log10(4): the threshold log10(2) lies inside, so the range is the data's.
        assert!((h.low - 0.5f64.log10()).abs() < 1e-12 && (h.high - 4f64.log10()).abs() < 1e-12);
        assert!((h.threshold - 2f64.log10()).abs() < 1e-12);
    }

    #[test]
    fn a_few_integers_get_one_bin_each_and_the_threshold_widens_the_range() {
        // Distinct leaders 1, 1, 2, 3 with threshold 2: bins for 1, 2 and 3.
        let h = Histogram::of(&[1.0, 1.0, 2.0, 3.0], 2.0, false).unwrap();
        assert_eq!(h.counts, vec![2, 1, 1]);
        let h = Histogram::of(&[1.0, 1.0], 4.0, false).unwrap();
        assert_eq!(h.counts, vec![2, 0, 0, 0]);
        assert!(Histogram::of(&[f64::NAN, f64::INFINITY], 1.0, false).is_none());
    }
}
