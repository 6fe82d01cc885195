//! Text renderings of a theses result: a terminal table and Markdown.
use std::fmt::Write;

use super::verdict::Verdict;
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
    let _ = writeln!(out, "{:<12} {:<13} {:<10} {:<13} {}", "channel", "verdict", "criterion", "status", "numbers");
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
        let _ = writeln!(out, "| {} | **{}** | {} |", c.channel, c.verdict.name(), c.deciding.join(", "));
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
                serde_json::json!({"id": c.id, "thesis": c.thesis, "claim": c.claim, "status": c.status, "summary": c.summary, "numbers": numbers})
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
            "periods": c.periods,
        })).collect::<Vec<_>>(),
        "multiverse": {
            "specifications": m.specifications,
            "shares": m.shares,
            "flips": m.flips,
            "dimensions": m.dimensions,
            "outcomes": m.outcomes,
        }
    })
}
