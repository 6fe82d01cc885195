//! Text renderings of a theses result (a terminal table, Markdown, JSON) and of a calibration.
use std::fmt::Write;

use super::headline;
use super::probability::{Call, ThesisProbabilities};
use super::status::{percent as pct, Claim, Criterion};
use super::ThesesResult;

/// "P(T1) 3 %, P(T2) 45 %, P(neither) 52 %".
fn probabilities_line(p: &ThesisProbabilities) -> String {
    format!("P(T1) {}, P(T2) {}, P(neither) {}", pct(p.p_t1), pct(p.p_t2), pct(p.p_neither))
}

/// The Bayes factor as text ("not estimable" when a count is zero).
pub fn bayes_factor_text(p: &ThesisProbabilities) -> String {
    match p.bayes_factor_t2_t1 {
        Some(b) if b >= 100.0 => format!("{b:.0}"),
        Some(b) => format!("{b:.2}"),
        None => format!("not estimable from {} draws (a probability is 0 in every draw)", p.draws),
    }
}

/// A readable table for the terminal.
pub fn table(r: &ThesesResult) -> String {
    let mut out = String::new();
    let spec = &r.main.specification;
    let _ = writeln!(
        out,
        "{} — focal partner {} — attribution {}, breaks {}, window {} y, horizon {}-{}, reading {}, deepening {}, {} posterior draws",
        r.subject,
        r.focal,
        spec.attribution.name(),
        spec.breaks.iter().map(|b| b.to_string()).collect::<Vec<_>>().join("/"),
        spec.window,
        spec.first_year,
        spec.last_year,
        spec.reading.name(),
        spec.deepening.name(),
        spec.replicates
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "{:<12} {:<6} {:>6} {:>6} {:<9} {:<13} numbers", "channel", "claim", "P", "prior", "informed", "status");
    let mut row = |name: &str, c: &Criterion| {
        let informed = if c.informed { "yes" } else { "no" };
        let _ = writeln!(
            out,
            "{:<12} {:<6} {:>6} {:>6} {:<9} {:<13} {}",
            name,
            c.id,
            pct(c.probability),
            pct(c.prior),
            informed,
            c.status.name(),
            c.summary
        );
    };
    for c in &r.main.channels {
        c.criteria.iter().for_each(|k| row(&c.channel, k));
    }
    r.main.overall.criteria.iter().for_each(|k| row("overall", k));
    let _ = writeln!(out);
    for c in &r.main.channels {
        let p = c.probabilities.map_or("no two periods of data".to_string(), |p| probabilities_line(&p));
        let _ = writeln!(out, "{:<12} {p}", c.channel);
    }
    let o = &r.main.overall.probabilities;
    let _ = writeln!(
        out,
        "{:<12} {}; prior P(T1) {}, P(T2) {}; Bayes factor T2:T1 {}",
        "OVERALL",
        probabilities_line(o),
        pct(o.prior_t1),
        pct(o.prior_t2),
        bayes_factor_text(o)
    );
    let _ = writeln!(out, "{:<12} {} (prior a0 = {})", "2nd prior", probabilities_line(&r.sensitivity.overall), r.sensitivity.prior_units);
    for line in headline::sentences(&r.main, &r.focal) {
        let _ = writeln!(out, "{line}");
    }
    let m = &r.multiverse;
    if let (Some(t1), Some(t2)) = (m.p_t1, m.p_t2) {
        let _ = writeln!(
            out,
            "MULTIVERSE: {} specifications — P(T1) median {} ({} to {}), P(T2) median {} ({} to {}); moves P(T2) most: {}",
            m.count,
            pct(t1.median),
            pct(t1.min),
            pct(t1.max),
            pct(t2.median),
            pct(t2.min),
            pct(t2.max),
            m.effects.first().map_or("-".to_string(), |e| format!("{} (mean spread {})", e.choice.name(), pct(e.mean_spread_t2)))
        );
    }
    out
}

/// The theses section as Markdown (used by `theses --format markdown` and the report).
pub fn markdown(r: &ThesesResult) -> String {
    let mut out = String::new();
    for line in headline::sentences(&r.main, &r.focal) {
        let _ = writeln!(out, "{line}\n");
    }
    let _ = writeln!(out, "| channel | P(T1) | P(T2) | P(neither) | prior T1 / T2 | Bayes factor T2:T1 | second prior: P(T1) / P(T2) |");
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    let second = |name: &str| r.sensitivity.channels.iter().find(|c| c.0 == name).and_then(|c| c.1);
    let mut line = |name: &str, p: Option<ThesisProbabilities>, q: Option<ThesisProbabilities>| {
        let cells = p.map_or("| - | - | - | - | - ".to_string(), |p| {
            format!(
                "| {} | {} | {} | {} / {} | {} ",
                pct(p.p_t1),
                pct(p.p_t2),
                pct(p.p_neither),
                pct(p.prior_t1),
                pct(p.prior_t2),
                bayes_factor_text(&p)
            )
        });
        let q = q.map_or("-".to_string(), |q| format!("{} / {}", pct(q.p_t1), pct(q.p_t2)));
        let _ = writeln!(out, "| {name} {cells}| {q} |");
    };
    for c in &r.main.channels {
        line(&c.channel, c.probabilities, second(&c.channel));
    }
    line("**overall**", Some(r.main.overall.probabilities), Some(r.sensitivity.overall));
    let _ = writeln!(out);
    let _ = writeln!(out, "| channel | claim | thesis | P(claim) | prior | informed | status | evidence |");
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|");
    let mut claim = |name: &str, c: &Criterion| {
        let informed = if c.informed { "yes" } else { "**no**" };
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {} | {informed} | {} | {} |",
            c.id,
            c.thesis,
            pct(c.probability),
            pct(c.prior),
            c.status.name(),
            c.summary
        );
    };
    for c in &r.main.channels {
        c.criteria.iter().for_each(|k| claim(&c.channel, k));
    }
    r.main.overall.criteria.iter().for_each(|k| claim("overall", k));
    let m = &r.multiverse;
    let _ = writeln!(out);
    let _ = writeln!(out, "Multiverse: {} specifications.", m.count);
    if let (Some(t1), Some(t2)) = (m.p_t1, m.p_t2) {
        let _ = writeln!(out);
        let _ = writeln!(out, "| probability | median | min | max | specifications with P >= 90 % |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        let _ = writeln!(out, "| P(T1) | {} | {} | {} | {:.1} % |", pct(t1.median), pct(t1.min), pct(t1.max), 100.0 * m.very_likely_t1);
        let _ = writeln!(out, "| P(T2) | {} | {} | {} | {:.1} % |", pct(t2.median), pct(t2.min), pct(t2.max), 100.0 * m.very_likely_t2);
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "| choice | mean spread of P(T2) when only this choice changes | largest | mean spread of P(T1) |");
    let _ = writeln!(out, "|---|---|---|---|");
    for e in &m.effects {
        let _ = writeln!(
            out,
            "| {} | {:.1} pp | {:.1} pp | {:.1} pp |",
            e.choice.name(),
            100.0 * e.mean_spread_t2,
            100.0 * e.max_spread_t2,
            100.0 * e.mean_spread_t1
        );
    }
    out
}

/// One claim as JSON.
fn criterion_json(c: &Criterion) -> serde_json::Value {
    let numbers: serde_json::Map<String, serde_json::Value> =
        c.numbers.iter().map(|(k, v)| (k.clone(), v.map_or(serde_json::Value::Null, |x| serde_json::json!(x)))).collect();
    serde_json::json!({
        "id": c.id, "thesis": c.thesis, "claim": c.claim, "probability": c.probability, "prior": c.prior, "informed": c.informed,
        "not_informed_because": c.not_informed_because, "status": c.status, "summary": c.summary, "numbers": numbers,
        "interval_low": c.interval_low, "interval_high": c.interval_high, "threshold": c.threshold,
    })
}

/// The probability keys of one channel or the overall pool, with the second prior's.
fn probabilities_json(p: Option<ThesisProbabilities>, second: Option<ThesisProbabilities>) -> serde_json::Map<String, serde_json::Value> {
    let mut m = serde_json::Map::new();
    let num = |x: Option<f64>| x.map_or(serde_json::Value::Null, |v| serde_json::json!(v));
    m.insert("p_t1".into(), num(p.map(|p| p.p_t1)));
    m.insert("p_t2".into(), num(p.map(|p| p.p_t2)));
    m.insert("p_neither".into(), num(p.map(|p| p.p_neither)));
    m.insert("prior_t1".into(), num(p.map(|p| p.prior_t1)));
    m.insert("prior_t2".into(), num(p.map(|p| p.prior_t2)));
    m.insert("bayes_factor_t2_t1".into(), num(p.and_then(|p| p.bayes_factor_t2_t1)));
    m.insert("draws".into(), serde_json::json!(p.map_or(0, |p| p.draws)));
    m.insert("second_prior".into(), serde_json::json!({"p_t1": num(second.map(|q| q.p_t1)), "p_t2": num(second.map(|q| q.p_t2)), "p_neither": num(second.map(|q| q.p_neither))}));
    m
}

/// The JSON document of `theses --format json`.
pub fn json(r: &ThesesResult) -> serde_json::Value {
    let m = &r.multiverse;
    let mut overall = probabilities_json(Some(r.main.overall.probabilities), Some(r.sensitivity.overall));
    overall.insert("criteria".into(), r.main.overall.criteria.iter().map(criterion_json).collect());
    overall.insert("headline".into(), serde_json::json!(headline::sentences(&r.main, &r.focal)));
    let channels: Vec<serde_json::Value> = r
        .main
        .channels
        .iter()
        .map(|c| {
            let second = r.sensitivity.channels.iter().find(|s| s.0 == c.channel).and_then(|s| s.1);
            let mut o = probabilities_json(c.probabilities, second);
            o.insert("channel".into(), serde_json::json!(c.channel));
            o.insert("criteria".into(), c.criteria.iter().map(criterion_json).collect());
            o.insert("trend_note".into(), serde_json::json!(c.trend_note));
            o.insert("periods".into(), serde_json::json!(c.periods));
            serde_json::Value::Object(o)
        })
        .collect();
    serde_json::json!({
        "subject": r.subject,
        "focal": r.focal,
        "vintage": r.vintage,
        "specification": r.main.specification,
        "prior_units": {"main": r.main.specification.prior.units, "second": r.sensitivity.prior_units},
        "overall": overall,
        "channels": channels,
        "multiverse": m,
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
                let other = if v == Call::T1 { Call::T2 } else { Call::T1 };
                let cross = t.channels.iter().map(|ch| t.channel_count(&ch.0, other)).max().unwrap_or(0);
                out.push(format!(
                    "{} planted: overall {} called (P >= 0.9) in {}; a channel calls {} in at most {} of the worlds.",
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
                let thesis = t.overall_count(Call::T1) + t.overall_count(Call::T2);
                let mut line = format!("{} planted: a thesis called overall in {}", t.truth.name(), percent(thesis, n));
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
fn low_power(t: &super::calibrate::TruthResult, v: Call) -> String {
    let needed: &[Claim] = if v == Call::T1 { &[Claim::C1, Claim::C4, Claim::C5, Claim::C7] } else { &[Claim::C1, Claim::D3, Claim::D4] };
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
        "{} planted: low power on data of this shape; a true {} is called per channel in {}.",
        t.truth.name(),
        v.name(),
        parts.join("; ")
    )
}

/// Markdown tables of a calibration: the calls overall and per channel, by planted truth.
pub fn calibration_markdown(c: &super::calibrate::Calibration) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Calibration: {} simulated worlds per planted truth, {} posterior draws each, seed {}; a world is called T1, T2 or neither where that outcome has P >= 0.9, else open.\n",
        c.worlds_per_truth, c.replicates, c.seed
    );
    let _ = writeln!(out, "| planted truth | worlds | T1 | T2 | neither | open |");
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for t in &c.truths {
        let cells: Vec<String> = Call::ALL.iter().map(|v| percent(t.overall_count(*v), t.worlds)).collect();
        let _ = writeln!(out, "| {} | {} | {} |", t.truth.name(), t.worlds, cells.join(" | "));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "| channel | planted truth | T1 | T2 | neither | open | D4 supported |");
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    let channels: Vec<String> = c.truths.first().map_or(vec![], |t| t.channels.iter().map(|x| x.0.clone()).collect());
    for channel in &channels {
        for t in &c.truths {
            let cells: Vec<String> = Call::ALL.iter().map(|v| percent(t.channel_count(channel, *v), t.worlds)).collect();
            let d4 = t.d4_supported.iter().find(|d| &d.0 == channel).map_or(0, |d| d.1);
            let _ = writeln!(out, "| {} | {} | {} | {} |", channel, t.truth.name(), cells.join(" | "), percent(d4, t.worlds));
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "| channel | planted truth | C1 | C4 | C5 | C7 | D3 | D4 | D4c |");
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|");
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
        let want = truth.expected().unwrap_or(Call::Open);
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
    let counts = |list: &[(Call, usize)]| -> serde_json::Map<String, serde_json::Value> {
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
