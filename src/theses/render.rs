//! Text renderings of a theses result: a terminal table and Markdown.
use std::fmt::Write;

use super::verdict::{claim_names, Claim, Verdict};
use super::ThesesResult;

/// A readable verdict table for the terminal.
pub fn table(r: &ThesesResult) -> String {
    let mut out = String::new();
    let spec = &r.main.specification;
    let _ = writeln!(
        out,
        "{} — focal partner {} — attribution {}, breaks {}, window {} y, horizon {}-{}, {} bootstrap replicates",
        r.subject,
        r.focal,
        spec.attribution.name(),
        spec.breaks.iter().map(|b| b.to_string()).collect::<Vec<_>>().join("/"),
        spec.window,
        spec.first_year,
        spec.last_year,
        spec.replicates
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "{:<12} {:<13} {:<10} {:<13} numbers", "channel", "verdict", "criterion", "status");
    for c in &r.main.channels {
        for (k, crit) in c.criteria.iter().enumerate() {
            let (name, verdict) = if k == 0 { (c.channel.as_str(), c.verdict.name()) } else { ("", "") };
            let _ = writeln!(out, "{:<12} {:<13} {:<10} {:<13} {}", name, verdict, crit.id, crit.status.name(), crit.summary);
        }
        if c.criteria.is_empty() {
            let _ = writeln!(out, "{:<12} {:<13} (no data in the horizon)", c.channel, c.verdict.name());
        }
    }
    for crit in &r.main.overall.criteria {
        let _ = writeln!(out, "{:<12} {:<13} {:<10} {:<13} {}", "all", "", crit.id, crit.status.name(), crit.summary);
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "OVERALL: {}   (decided by {})", r.main.overall.verdict.name(), r.main.overall.deciding.join(", "));
    let m = &r.multiverse;
    let _ = writeln!(
        out,
        "MULTIVERSE: {} specifications — {}",
        m.specifications,
        Verdict::ALL.iter().map(|v| format!("{} {:.1} %", v.name(), 100.0 * m.shares[v.name()])).collect::<Vec<_>>().join(", ")
    );
    let _ = writeln!(
        out,
        "flips (one choice changed, verdict changed): {}",
        m.flips
            .iter()
            .map(|f| format!("{} {}/{} ({:.0} %)", f.dimension, f.flips, f.comparisons, 100.0 * f.share))
            .collect::<Vec<_>>()
            .join(", ")
    );
    out
}

/// The verdict section as Markdown (used by `theses --format markdown` and the report).
pub fn markdown(r: &ThesesResult) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "| channel | verdict | deciding criteria |");
    let _ = writeln!(out, "|---|---|---|");
    for c in &r.main.channels {
        let _ = writeln!(out, "| {} | **{}** | {} |", c.channel, c.verdict.name(), claim_names(&c.deciding));
    }
    let _ = writeln!(out, "| **overall** | **{}** | {} |", r.main.overall.verdict.name(), r.main.overall.deciding.join(", "));
    let _ = writeln!(out);
    let _ = writeln!(out, "| channel | criterion | thesis | status | evidence |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for c in &r.main.channels {
        for crit in &c.criteria {
            let _ = writeln!(out, "| {} | {} | {} | {} | {} |", c.channel, crit.id, crit.thesis, crit.status.name(), crit.summary);
        }
    }
    for crit in &r.main.overall.criteria {
        let _ = writeln!(out, "| all | {} | {} | {} | {} |", crit.id, crit.thesis, crit.status.name(), crit.summary);
    }
    let m = &r.multiverse;
    let _ = writeln!(out);
    let _ = writeln!(out, "Multiverse: {} specifications.", m.specifications);
    let _ = writeln!(out);
    let _ = writeln!(out, "| verdict | share of specifications |");
    let _ = writeln!(out, "|---|---|");
    for v in Verdict::ALL {
        let _ = writeln!(out, "| {} | {:.1} % |", v.name(), 100.0 * m.shares[v.name()]);
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "| choice | verdict flips when only this choice changes |");
    let _ = writeln!(out, "|---|---|");
    for f in &m.flips {
        let _ = writeln!(out, "| {} | {} of {} pairs ({:.0} %) |", f.dimension, f.flips, f.comparisons, 100.0 * f.share);
    }
    out
}

/// The JSON document of `theses --format json`.
pub fn json(r: &ThesesResult) -> serde_json::Value {
    let criteria = |list: &[super::verdict::Criterion]| -> Vec<serde_json::Value> {
        list.iter()
            .map(|c| {
                let numbers: serde_json::Map<String, serde_json::Value> =
                    c.numbers.iter().map(|(k, v)| (k.clone(), v.map_or(serde_json::Value::Null, |x| serde_json::json!(x)))).collect();
                serde_json::json!({
                    "id": c.id, "thesis": c.thesis, "claim": c.claim, "status": c.status, "summary": c.summary, "numbers": numbers,
                    "interval_low": c.interval_low, "interval_high": c.interval_high, "threshold": c.threshold,
                })
            })
            .collect()
    };
    let m = &r.multiverse;
    serde_json::json!({
        "subject": r.subject,
        "focal": r.focal,
        "vintage": r.vintage,
        "specification": r.main.specification,
        "overall": {"verdict": r.main.overall.verdict, "deciding": r.main.overall.deciding, "criteria": criteria(&r.main.overall.criteria)},
        "channels": r.main.channels.iter().map(|c| serde_json::json!({
            "channel": c.channel,
            "verdict": c.verdict,
            "deciding": c.deciding,
            "criteria": criteria(&c.criteria),
            "trend_note": c.trend_note,
            "periods": c.periods,
        })).collect::<Vec<_>>(),
        "multiverse": {
            "specifications": m.specifications,
            "shares": m.shares,
            "flips": m.flips,
            "dimensions": m.dimensions,
            "by_channel": m.by_channel,
            "claims": m.claims,
            "attribution": m.attribution,
            "window_skips": m.window_skips,
            "horizons": m.horizons,
            "outcomes": m.outcomes,
        }
    })
}

fn percent(count: usize, worlds: usize) -> String {
    format!("{:.1} %", 100.0 * super::calibrate::rate(count, worlds))
}

/// The headline error rates of a calibration, one sentence each.
pub(crate) fn calibration_findings(c: &super::calibrate::Calibration) -> Vec<String> {
    use super::calibrate::Truth;
    let mut out: Vec<String> = c
        .empty_periods
        .iter()
        .map(|(ch, a, b)| {
            format!("{ch} has no event in {a}-{b}: no world can plant volume there, so the flat and shrinking truths are neither in {ch}, and its D4 rates under them are not error rates.")
        })
        .collect();
    for t in &c.truths {
        let n = t.worlds;
        match t.truth.expected() {
            Some(v) => {
                let other = if v == Verdict::T1 { Verdict::T2 } else { Verdict::T1 };
                let cross = t.channels.iter().map(|ch| t.channel_count(&ch.0, other)).max().unwrap_or(0);
                out.push(format!(
                    "{} planted: overall {} recovered in {}; a channel says {} in at most {} of the worlds.",
                    t.truth.name(),
                    v.name(),
                    percent(t.overall_count(v), n),
                    other.name(),
                    percent(cross, n)
                ));
                if super::calibrate::rate(t.overall_count(v), n) < 0.9 {
                    out.push(low_power(t, v));
                }
            }
            None => {
                let thesis = t.overall_count(Verdict::T1) + t.overall_count(Verdict::T2);
                let mut line = format!("{} planted: a thesis overall in {}", t.truth.name(), percent(thesis, n));
                if matches!(t.truth, Truth::StrongestFlat | Truth::FlatTotals) {
                    let d4 = t.d4_supported.iter().map(|d| d.1).max().unwrap_or(0);
                    line.push_str(&format!("; D4 supported in at most {} per channel", percent(d4, n)));
                }
                out.push(line + ".");
            }
        }
    }
    out
}

/// Where a planted thesis is not recovered in 90 % of the worlds: per channel, how often
/// it was, and which of the claims the thesis needs were supported in fewer than 90 %.
fn low_power(t: &super::calibrate::TruthResult, v: Verdict) -> String {
    let needed: &[Claim] = if v == Verdict::T1 { &[Claim::C1, Claim::C4] } else { &[Claim::C1, Claim::D3, Claim::D4] };
    let n = t.worlds;
    let parts: Vec<String> = t
        .channels
        .iter()
        .map(|(ch, _)| {
            let weak: Vec<String> = t
                .claims
                .iter()
                .filter(|c| &c.0 == ch)
                .flat_map(|c| c.1.iter())
                .filter(|(id, s, _)| needed.contains(id) && super::calibrate::rate(*s, n) < 0.9)
                .map(|(id, s, _)| format!("{id} supported in {}", percent(*s, n)))
                .collect();
            let why = if weak.is_empty() { String::new() } else { format!(" ({})", weak.join(", ")) };
            format!("{ch} {}{why}", percent(t.channel_count(ch, v), n))
        })
        .collect();
    format!(
        "{} planted: low power on data of this shape; a true {} is found per channel in {}.",
        t.truth.name(),
        v.name(),
        parts.join("; ")
    )
}

/// Markdown tables of a calibration: overall verdicts and per channel, by planted truth.
pub fn calibration_markdown(c: &super::calibrate::Calibration) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Calibration: {} simulated worlds per planted truth, {} bootstrap replicates each, seed {}.\n",
        c.worlds_per_truth, c.replicates, c.seed
    );
    let _ = writeln!(out, "| planted truth | worlds | T1 | T2 | neither | inconclusive |");
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for t in &c.truths {
        let cells: Vec<String> = Verdict::ALL.iter().map(|v| percent(t.overall_count(*v), t.worlds)).collect();
        let _ = writeln!(out, "| {} | {} | {} |", t.truth.name(), t.worlds, cells.join(" | "));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "| channel | planted truth | T1 | T2 | neither | inconclusive | D4 supported |");
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    let channels: Vec<String> = c.truths.first().map_or(vec![], |t| t.channels.iter().map(|x| x.0.clone()).collect());
    for channel in &channels {
        for t in &c.truths {
            let cells: Vec<String> = Verdict::ALL.iter().map(|v| percent(t.channel_count(channel, *v), t.worlds)).collect();
            let d4 = t.d4_supported.iter().find(|d| &d.0 == channel).map_or(0, |d| d.1);
            let _ = writeln!(out, "| {} | {} | {} | {} |", channel, t.truth.name(), cells.join(" | "), percent(d4, t.worlds));
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "| channel | planted truth | C1 | C4 | C5 | D3 | D4 |");
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for channel in &channels {
        for t in &c.truths {
            let cells: Vec<String> =
                t.claims.iter().find(|x| &x.0 == channel).map_or(vec![], |x| {
                    x.1.iter().map(|(_, s, k)| format!("{} / {}", percent(*s, t.worlds), percent(*k, t.worlds))).collect()
                });
            let _ = writeln!(out, "| {} | {} | {} |", channel, t.truth.name(), cells.join(" | "));
        }
    }
    let _ = writeln!(out, "\n(claim cells: supported / contradicted)\n");
    let (header, rows) = power_table(c, 1);
    let _ = writeln!(out, "Weaker theses, the planted thesis found overall (per channel in brackets):\n");
    let _ = writeln!(out, "| {} |\n|{}", header.join(" | "), "---|".repeat(header.len()));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    let _ = writeln!(out);
    for line in calibration_findings(c) {
        let _ = writeln!(out, "- {line}");
    }
    out
}

/// Recovery of the swept theses by strength (docs/METHODS.md §1.5): a header and one row
/// per thesis, its cells the share of worlds with the thesis overall at every strength
/// and at the clear truth (strength 1), per channel in brackets when `digits` > 0.
pub(crate) fn power_table(c: &super::calibrate::Calibration, digits: usize) -> (Vec<String>, Vec<Vec<String>>) {
    let pct = |n: usize, w: usize| format!("{:.*} %", digits, 100.0 * super::calibrate::rate(n, w));
    let mut header = vec!["planted thesis".to_string()];
    header.extend(super::power::STRENGTHS.iter().map(|s| format!("strength {s}")));
    header.push("1 (clear)".into());
    let mut rows = Vec::new();
    for truth in super::power::THESES.into_iter().filter(|t| c.power.iter().any(|p| p.truth == *t)) {
        let want = truth.expected().unwrap_or(Verdict::Inconclusive);
        let mut row = vec![truth.name().to_string()];
        let cell = |overall: usize, channels: Vec<usize>, worlds: usize| {
            let parts: Vec<String> = channels.iter().map(|n| pct(*n, worlds)).collect();
            if digits > 0 {
                format!("{} ({})", pct(overall, worlds), parts.join(" / "))
            } else {
                pct(overall, worlds)
            }
        };
        for p in c.power.iter().filter(|p| p.truth == truth) {
            row.push(cell(p.recovered, p.channels.iter().map(|x| x.1).collect(), p.worlds));
        }
        if let Some(t) = c.truths.iter().find(|t| t.truth == truth) {
            row.push(cell(t.overall_count(want), t.channels.iter().map(|ch| t.channel_count(&ch.0, want)).collect(), t.worlds));
        }
        rows.push(row);
    }
    (header, rows)
}

/// The JSON document of `calibrate --format json`.
pub fn calibration_json(c: &super::calibrate::Calibration) -> serde_json::Value {
    let counts = |list: &[(Verdict, usize)]| -> serde_json::Map<String, serde_json::Value> {
        list.iter().map(|(v, n)| (v.name().to_string(), serde_json::json!(n))).collect()
    };
    serde_json::json!({
        "worlds_per_truth": c.worlds_per_truth,
        "replicates": c.replicates,
        "seed": c.seed,
        "truths": c.truths.iter().map(|t| serde_json::json!({
            "truth": t.truth.name(),
            "worlds": t.worlds,
            "overall": counts(&t.overall),
            "channels": t.channels.iter().map(|(ch, l)| (ch.clone(), serde_json::Value::Object(counts(l)))).collect::<serde_json::Map<_, _>>(),
            "d4_supported": t.d4_supported.iter().map(|(ch, n)| (ch.clone(), serde_json::json!(n))).collect::<serde_json::Map<_, _>>(),
            "claims": t.claims.iter().map(|(ch, l)| (ch.clone(), serde_json::Value::Object(
                l.iter().map(|(id, s, k)| (id.to_string(), serde_json::json!({"supported": s, "contradicted": k}))).collect()
            ))).collect::<serde_json::Map<_, _>>(),
        })).collect::<Vec<_>>(),
        "power": c.power.iter().map(|p| serde_json::json!({
            "truth": p.truth.name(),
            "strength": p.strength,
            "worlds": p.worlds,
            "recovered": p.recovered,
            "crossed": p.crossed,
            "channels": p.channels.iter().map(|(ch, n)| (ch.clone(), serde_json::json!(n))).collect::<serde_json::Map<_, _>>(),
        })).collect::<Vec<_>>(),
        "empty_periods": c.empty_periods.iter().map(|(ch, a, b)| serde_json::json!({"channel": ch, "first": a, "last": b})).collect::<Vec<_>>(),
        "findings": calibration_findings(c),
    })
}
