//! Text renderings of a theses result (a terminal table, Markdown, JSON) and of a calibration.
use std::fmt::Write;

use super::headline;
use super::probability::ThesisProbabilities;
use super::status::Criterion;
use super::ThesesResult;
use crate::format::{percent as pct, points, ratio, share_percent};

/// "P(T1) 3 %, P(T2) 45 %, P(neither) 52 %".
fn probabilities_line(p: &ThesisProbabilities) -> String {
    format!("P(T1) {}, P(T2) {}, P(neither) {}", pct(p.p_t1), pct(p.p_t2), pct(p.p_neither))
}

/// The Bayes factor as text ("not estimable" when a count is zero).
pub fn bayes_factor_text(p: &ThesisProbabilities) -> String {
    match p.bayes_factor_t2_t1 {
        Some(b) => ratio(b),
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
    for line in fields_lines(&r.main.fields) {
        let _ = writeln!(out, "{line}");
    }
    for c in &r.main.channels {
        let p = c.probabilities.map_or("no two periods of data".to_string(), |p| probabilities_line(&p));
        let _ = writeln!(out, "{:<12} {p}", c.channel);
    }
    for line in overall_lines(r) {
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

/// The overall probabilities with their prior and Bayes factor, the second prior and the
/// headline sentences; with only one period, the sentence that says so instead.
fn overall_lines(r: &ThesesResult) -> Vec<String> {
    if let Some(sentence) = headline::only_one_period(&r.main) {
        return vec![format!("{:<12} {sentence}", "OVERALL")];
    }
    let o = &r.main.overall.probabilities;
    let mut lines = vec![
        format!(
            "{:<12} {}; prior P(T1) {}, P(T2) {}; Bayes factor T2:T1 {}",
            "OVERALL",
            probabilities_line(o),
            pct(o.prior_t1),
            pct(o.prior_t2),
            bayes_factor_text(o)
        ),
        format!("{:<12} {} (prior a0 = {})", "2nd prior", probabilities_line(&r.sensitivity.overall), r.sensitivity.prior_units),
    ];
    lines.extend(headline::sentences(&r.main, &r.focal));
    lines
}

/// The answer in one line: the main specification's probabilities and the multiverse's
/// range of P(T2), e.g. "Ardelia (focal Borovia): P(T1) < 1 %, P(T2) 47 %, P(neither)
/// 53 %; across 1440 specifications P(T2) median 40 % (3 % to 89 %)".
pub fn one_line(r: &ThesesResult) -> String {
    let answer = headline::only_one_period(&r.main).unwrap_or_else(|| probabilities_line(&r.main.overall.probabilities));
    let main = format!("{} (focal {}): {answer}", r.subject, r.focal);
    match r.multiverse.p_t2 {
        Some(t2) => format!(
            "{main}; across {} specifications{} P(T2) median {} ({} to {})",
            r.multiverse.count,
            match r.multiverse.one_period {
                0 => String::new(),
                n => format!(" ({n} with only one period left out)"),
            },
            pct(t2.median),
            pct(t2.min),
            pct(t2.max)
        ),
        None => main,
    }
}

/// One line per field of C6: its late period, leader and P(leader) (none without fields).
pub fn fields_lines(fields: &[super::fields::FieldResult]) -> Vec<String> {
    fields
        .iter()
        .map(|f| {
            let period = f.late_period.map_or("no rows".to_string(), |(a, b)| format!("{a}-{b}"));
            let leader = match (&f.late_leader, f.p_leader) {
                (Some(l), Some(p)) => format!("late leader {l}, P(leader) {}", pct(p)),
                _ => "no cooperation recorded late".to_string(),
            };
            format!("FIELD {:<26} late {period}: {leader} ({} units, {} totals)", f.field, f.late_units, f.late_totals)
        })
        .collect()
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
    fields_markdown(&mut out, &r.main.fields);
    let m = &r.multiverse;
    let _ = writeln!(out);
    let _ = writeln!(out, "Multiverse: {} specifications.", m.count);
    if let (Some(t1), Some(t2)) = (m.p_t1, m.p_t2) {
        let _ = writeln!(out);
        let _ = writeln!(out, "| probability | median | min | max | specifications with P >= 90 % |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        let _ =
            writeln!(out, "| P(T1) | {} | {} | {} | {} |", pct(t1.median), pct(t1.min), pct(t1.max), share_percent(m.very_likely_t1, 1));
        let _ =
            writeln!(out, "| P(T2) | {} | {} | {} | {} |", pct(t2.median), pct(t2.min), pct(t2.max), share_percent(m.very_likely_t2, 1));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "| choice | mean spread of P(T2) when only this choice changes | largest | mean spread of P(T1) |");
    let _ = writeln!(out, "|---|---|---|---|");
    for e in &m.effects {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            e.choice.name(),
            points(e.mean_spread_t2, 1),
            points(e.max_spread_t2, 1),
            points(e.mean_spread_t1, 1)
        );
    }
    out
}

/// The fields C6 compares, as a Markdown table (nothing without fields).
fn fields_markdown(out: &mut String, fields: &[super::fields::FieldResult]) {
    if fields.is_empty() {
        return;
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "C6 compares the late-period leaders of these fields; P(leader) is the share of posterior draws in which that partner has the largest rate:");
    let _ = writeln!(out);
    let _ = writeln!(out, "| field | channel | kind | late period | leader | P(leader) | units | totals |");
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|");
    for f in fields {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            f.field,
            f.channel,
            f.kind.as_deref().unwrap_or("all"),
            f.late_period.map_or("-".to_string(), |(a, b)| format!("{a}-{b}")),
            f.late_leader.as_deref().unwrap_or("none recorded"),
            f.p_leader.map_or("-".to_string(), pct),
            f.late_units,
            f.late_totals
        );
    }
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
            o.insert("rarefied_richness".into(), serde_json::json!(c.rarefied));
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
        "fields": r.main.fields,
        "multiverse": m,
    })
}
