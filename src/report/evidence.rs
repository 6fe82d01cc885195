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

/// Which side of its threshold a claim needs its quantity on.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    /// Strictly below.
    Below,
    /// Strictly above.
    Above,
    /// At or above.
    AtLeast,
}

impl Side {
    fn words(self) -> &'static str {
        match self {
            Side::Below => "below",
            Side::Above => "above",
            Side::AtLeast => "at or above",
        }
    }
}

/// What the quantity of claim `id` is, which side of the threshold the claim needs, and
/// whether the quantity is a ratio (drawn on a log scale); as `theses::claims` judges it.
fn quantity_of(id: Claim, focal: &str) -> (String, Side, bool) {
    match id {
        Claim::C1 => ("late − early partners at a common sample size".into(), Side::Above, false),
        Claim::C2 => ("late − early kinds of cooperation at a common sample size".into(), Side::Above, false),
        Claim::C3 => ("late − early share of partners beyond the post-Soviet space".into(), Side::Above, false),
        Claim::C4 => (format!("{focal}'s late dominance (its rate ÷ the largest other rate)"), Side::Below, true),
        Claim::C5 => (format!("{focal}'s late share"), Side::Below, false),
        Claim::C6 => ("distinct late leaders across the fields".into(), Side::AtLeast, false),
        Claim::C7 => (format!("change of {focal}'s dominance (late ÷ early)"), Side::Below, true),
        Claim::D3 => (format!("{focal}'s weakest dominance over the periods"), Side::AtLeast, true),
        Claim::D4 => (format!("growth of {focal}'s rate (late ÷ early)"), Side::AtLeast, true),
        Claim::D4Continuous => (format!("{focal}'s weakest growth from one period to the next"), Side::AtLeast, true),
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
            inner.push(claim_line("Overall", criterion));
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

/// "**where**: P = n % (status). The deciding numbers."
fn claim_line(place: &str, criterion: &Criterion) -> Block {
    Block::Para(format!("**{place}**: P {} ({}). {}", equals(criterion.probability), criterion.status.name(), criterion.summary))
}

/// One channel's part of a claim: probability and deciding numbers, distribution, evidence.
fn channel_blocks(
    r: &ThesesResult,
    channel: &ChannelResult,
    criterion: &Criterion,
    draws: Option<&ClaimDraws>,
    sources: &BTreeMap<String, Vec<String>>,
) -> Vec<Block> {
    let mut b = vec![claim_line(&channel.channel, criterion)];
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
    let (name, side, log) = quantity_of(draws.id, focal);
    let Some(h) = Histogram::of(&draws.quantity, draws.threshold, log, side) else { return vec![] };
    let apart = match h.apart {
        0 => String::new(),
        n if log => format!("; {n} draws are not drawn (not finite, or not positive on the log scale)"),
        n => format!("; {n} draws are not drawn (not finite)"),
    };
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
        ("side", &side.words()),
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
    /// Where the threshold is drawn (None when it has no place on a log scale).
    threshold: Option<f64>,
    log: bool,
    /// One bin per whole number.
    integers: bool,
    /// Draws that cannot be drawn: not finite, or not positive on a log scale.
    apart: usize,
}

impl Histogram {
    /// 40 bins from the smallest to the largest drawable value, widened to hold the
    /// threshold; one bin per whole number when the values are at most 13 whole numbers,
    /// with the threshold drawn between the bins the claim tells apart. None without
    /// drawable values.
    fn of(values: &[f64], threshold: f64, log: bool, side: Side) -> Option<Histogram> {
        let scale = |x: f64| if log { x.log10() } else { x };
        let mut drawable: Vec<f64> = values.iter().filter(|x| x.is_finite() && (!log || **x > 0.0)).map(|x| scale(*x)).collect();
        let apart = values.len() - drawable.len();
        if drawable.is_empty() {
            return None;
        }
        drawable.sort_by(f64::total_cmp);
        let (first, last) = (drawable[0], drawable[drawable.len() - 1]);
        let integers = !log && drawable.iter().all(|x| x.fract() == 0.0) && last - first <= 12.0;
        let t = match (log, integers) {
            (true, _) => (threshold > 0.0).then(|| scale(threshold)),
            (false, true) if threshold.fract() == 0.0 => Some(if side == Side::Above { threshold + 0.5 } else { threshold - 0.5 }),
            (false, _) => Some(threshold),
        };
        let reach = |a: f64, b: Option<f64>| b.map_or(a, |b| if b < a { b } else { a });
        let (mut low, mut high) = (reach(first, t), -reach(-last, t.map(|t| -t)));
        if integers {
            (low, high) = (low.min(first - 0.5).floor() + 0.5, high.max(last + 0.5).ceil() - 0.5);
        }
        if high - low < 1e-9 {
            (low, high) = (low - 0.5, high + 0.5);
        }
        let bins = if integers { (high - low).round().max(1.0) as usize } else { 40 };
        let mut counts = vec![0; bins];
        for x in &drawable {
            let k = (((x - low) / (high - low)) * bins as f64).floor().clamp(0.0, (bins - 1) as f64);
            counts[k as usize] += 1;
        }
        Some(Histogram { counts, low, high, threshold: t, log, integers, apart })
    }

    /// The value shown at position `v` of the axis.
    fn shown(&self, v: f64) -> f64 {
        if self.log {
            10f64.powf(v)
        } else {
            v
        }
    }

    /// The axis labels: (position, text); each whole number, or five evenly spaced values.
    fn ticks(&self) -> Vec<(f64, String)> {
        if self.integers {
            return (0..self.counts.len()).map(|k| self.low + 0.5 + k as f64).map(|v| (v, short(v))).collect();
        }
        (0..=4).map(|k| self.low + (self.high - self.low) * k as f64 / 4.0).map(|v| (v, short(self.shown(v)))).collect()
    }

    /// The histogram as an SVG drawing with axis labels; `label` is its accessible name.
    fn svg(&self, label: &str) -> String {
        let (w, h, left, bottom, top) = (640.0, 170.0, 40.0, 30.0, 22.0);
        let plot = w - left - 10.0;
        let x = |v: f64| left + plot * (v - self.low) / (self.high - self.low);
        let most = self.counts.iter().copied().max().unwrap_or(1).max(1) as f64;
        let bar = plot / self.counts.len() as f64;
        let mut svg = format!("<svg viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\">", escape(label));
        let mut path = String::new();
        for (k, &count) in self.counts.iter().enumerate() {
            let height = (h - bottom - top) * count as f64 / most;
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
        let ticks = self.ticks();
        for (k, (v, text)) in ticks.iter().enumerate() {
            let anchor = if self.integers || (k > 0 && k + 1 < ticks.len()) {
                "middle"
            } else if k == 0 {
                "start"
            } else {
                "end"
            };
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{}\" font-size=\"11\" text-anchor=\"{anchor}\" fill=\"#333\">{text}</text>",
                x(*v),
                h - bottom + 14.0
            );
        }
        if let Some(t) = self.threshold {
            let tx = x(t);
            // The label stays inside: right of the line, or left of it near the right edge.
            let (label_x, anchor) = if tx > left + 0.75 * plot { (tx - 4.0, "end") } else { (tx + 4.0, "start") };
            let value = if self.integers { self.shown(t).round() } else { self.shown(t) };
            let shown = if self.integers && (t - value).abs() > 0.0 {
                format!("between {} and {}", short(t - 0.5), short(t + 0.5))
            } else {
                short(value)
            };
            let _ = write!(
                svg,
                "<line x1=\"{tx:.1}\" x2=\"{tx:.1}\" y1=\"4\" y2=\"{}\" stroke=\"#b34700\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text x=\"{label_x:.1}\" y=\"14\" font-size=\"11\" text-anchor=\"{anchor}\" fill=\"#222\">threshold ({shown})</text>",
                h - bottom
            );
        }
        svg + "</svg>"
    }
}

#[cfg(test)]
mod tests {
    use super::{Histogram, Side};

    #[test]
    fn histogram_counts_every_drawable_value_once_and_sets_apart_the_rest() {
        // 0, +∞ and a negative value cannot be drawn on a log scale: 3 apart, 4 in bins.
        let h = Histogram::of(&[0.5, 1.0, 2.0, 4.0, 0.0, f64::INFINITY, -1.0], 2.0, true, Side::AtLeast).unwrap();
        assert_eq!(h.apart, 3);
        assert_eq!(h.counts.iter().sum::<usize>(), 4);
        assert_eq!(h.counts.len(), 40);
        // log10(0.5) … log10(4): the threshold log10(2) lies inside, so the range is the data's.
        assert!((h.low - 0.5f64.log10()).abs() < 1e-12 && (h.high - 4f64.log10()).abs() < 1e-12);
        assert!((h.threshold.unwrap() - 2f64.log10()).abs() < 1e-12);
        // A threshold of 0 has no place on a log scale.
        assert_eq!(Histogram::of(&[1.0, 2.0], 0.0, true, Side::AtLeast).unwrap().threshold, None);
    }

    #[test]
    fn a_few_integers_get_one_bin_each_and_the_threshold_widens_the_range() {
        // Distinct leaders 1, 1, 2, 3, at least 2: bins for 1, 2 and 3, the line between 1 and 2.
        let h = Histogram::of(&[1.0, 1.0, 2.0, 3.0], 2.0, false, Side::AtLeast).unwrap();
        assert_eq!((h.counts.clone(), h.low, h.high, h.threshold), (vec![2, 1, 1], 0.5, 3.5, Some(1.5)));
        // Strictly above 3: the line between 3 and 4, which widens the range to hold it.
        let h = Histogram::of(&[1.0, 1.0], 3.0, false, Side::Above).unwrap();
        assert_eq!((h.counts.clone(), h.threshold), (vec![2, 0, 0], Some(3.5)));
        assert!(Histogram::of(&[f64::NAN, f64::INFINITY], 1.0, false, Side::Above).is_none());
    }
}
