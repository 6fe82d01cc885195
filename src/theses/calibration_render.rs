//! A calibration as tables, findings and JSON: the self-consistency check, the data's
//! estimated shape and the power surface with the data's point (docs/METHODS.md §1.5).
use std::fmt::Write;

use super::calibrate::{Calibration, Observed};
use super::sbc::Reliability;
use super::shape::ChannelShape;
use super::surface::{Cell, PowerSurface, ScopeRates};
use crate::format::{fixed, share_percent, share_range, trimmed};
use crate::report::prose;
use crate::stats::binomial::Rate;

/// Which thesis a power table counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thesis {
    /// P(T1) ≥ 0.9.
    T1,
    /// P(T2) ≥ 0.9.
    T2,
}

impl Thesis {
    fn of(self, s: &ScopeRates) -> &Rate {
        match self {
            Thesis::T1 => &s.t1_very_likely,
            Thesis::T2 => &s.t2_very_likely,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Thesis::T1 => "T1",
            Thesis::T2 => "T2",
        }
    }
}

fn scope_of<'a>(cell: &'a Cell, scope: &str) -> Option<&'a ScopeRates> {
    cell.scopes.iter().find(|s| s.scope == scope)
}

/// The power table of one scope: a row per growth value (largest first), a column per
/// dominance value, each cell the share of worlds with the thesis very likely and its
/// 95 % interval; the null cell marked "(null)".
pub fn power_table(p: &PowerSurface, scope: &str, thesis: Thesis) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header = vec!["growth \\ dominance".to_string()];
    header.extend(p.dominance.iter().map(|d| trimmed(*d, 3)));
    let rows = p
        .growth
        .iter()
        .rev()
        .map(|&g| {
            let mut row = vec![trimmed(g, 3)];
            for &d in &p.dominance {
                let cell = p.cell(d, g);
                let text = cell.and_then(|c| scope_of(c, scope)).map_or("–".into(), |s| thesis.of(s).text());
                row.push(if cell.is_some_and(|c| c.null) { format!("{text} (null)") } else { text });
            }
            row
        })
        .collect();
    (header, rows)
}

/// The grid value nearest to `x` on the log scale (the largest for +∞).
fn nearest(values: &[f64], x: f64) -> Option<f64> {
    if x.is_infinite() {
        return values.last().copied();
    }
    values.iter().copied().filter(|_| x > 0.0).min_by(|a, b| (a.ln() - x.ln()).abs().total_cmp(&(b.ln() - x.ln()).abs()))
}

/// The cell nearest to a channel's observed point.
pub fn observed_cell<'a>(p: &'a PowerSurface, o: &Observed) -> Option<&'a Cell> {
    let d = nearest(&p.dominance, o.dominance?)?;
    let g = nearest(&p.growth, o.growth?)?;
    p.cell(d, g)
}

/// "dominance 2.4, growth 1.9" of an observed point.
pub fn observed_text(o: &Observed) -> String {
    let number = |x: Option<f64>| match x {
        Some(x) if x.is_infinite() => "∞ (no other partner)".to_string(),
        Some(x) => fixed(x, 2),
        None => "undefined".to_string(),
    };
    format!("dominance {}, growth {}", number(o.dominance), number(o.growth))
}

/// One row per statement of the self-consistency check: prior, statement, scope, n,
/// Brier, ECE, the ECE a calibrated forecaster would show, the worst bin.
pub fn reliability_rows(c: &Calibration) -> (Vec<String>, Vec<Vec<String>>) {
    let header = [
        "prior a₀",
        "statement",
        "scope",
        "statements",
        "Brier",
        "ECE",
        "ECE if calibrated: mean (95th percentile)",
        "largest gap, bins of n ≥ 20 (bin: stated → observed)",
    ];
    let rows = c
        .self_consistency
        .iter()
        .flat_map(|s| {
            s.statements.iter().map(move |r| {
                vec![
                    trimmed(s.prior_units, 3),
                    r.statement.clone(),
                    r.scope.to_string(),
                    r.n.to_string(),
                    fixed(r.brier, 3),
                    fixed(r.ece, 3),
                    format!("{} ({})", fixed(r.ece_calibrated, 3), fixed(r.ece_calibrated_95, 3)),
                    worst_bin(r),
                ]
            })
        })
        .collect();
    (header.map(String::from).to_vec(), rows)
}

/// The bin with the largest gap between stated and observed among bins of at least 20
/// statements (a smaller bin's gap is mostly noise).
fn worst_bin(r: &Reliability) -> String {
    r.bins
        .iter()
        .filter(|b| b.n >= 20)
        .max_by(|a, b| (a.stated - a.observed.rate).abs().total_cmp(&(b.stated - b.observed.rate).abs()))
        .map_or("–".into(), |b| {
            format!("{}: {} → {} (n = {})", share_percent(b.low, 0), share_percent(b.stated, 0), b.observed.text(), b.n)
        })
}

/// One row per channel: its estimated shape.
pub fn shape_rows(shapes: &[ChannelShape]) -> (Vec<String>, Vec<Vec<String>>) {
    let header = ["channel", "kind", "partners", "per period: focal rate / largest other (dominance)", "noise and structure"];
    let rows = shapes
        .iter()
        .map(|s| {
            let periods: Vec<String> = s
                .periods
                .iter()
                .map(|p| {
                    let d = p.dominance.map_or("–".into(), |d| if d.is_infinite() { "∞".into() } else { fixed(d, 2) });
                    format!("{}-{}: {} / {} ({d})", p.start, p.end, fixed(p.focal_rate, 2), fixed(p.top_other_rate, 2))
                })
                .collect();
            vec![s.channel.clone(), s.kind.to_string(), s.partners.to_string(), periods.join("; "), structure_text(s)]
        })
        .collect();
    (header.map(String::from).to_vec(), rows)
}

fn structure_text(s: &ChannelShape) -> String {
    let mut parts = Vec::new();
    if let Some(e) = &s.events {
        parts.push(format!(
            "{} events, {} partners per event (largest {}, {} with 5 or more; the 8 largest hold {} of partner-units), {} in {} recurring series, {} of the focal partner's events with others",
            e.events,
            fixed(e.partners_per_event, 1),
            e.largest_event,
            share_percent(e.share_five_or_more, 0),
            share_percent(e.largest_eight_share, 0),
            share_percent(e.series_share, 0),
            e.series,
            share_percent(e.focal_joint_share, 0)
        ));
    }
    if let Some(m) = &s.sums {
        parts.push(format!(
            "log-SD of yearly values {} (focal) / {} (others), zero years {} / {}, mean yearly value {}",
            fixed(m.focal_log_sd, 2),
            fixed(m.others_log_sd, 2),
            share_percent(m.focal_zero_share, 0),
            share_percent(m.others_zero_share, 0),
            fixed(m.mean_positive_value, 1)
        ));
    }
    if let Some(t) = &s.totals {
        let bounds = t.relative_bound_width.map_or(String::new(), |w| format!(", bounds {} of the value wide", share_percent(w, 0)));
        parts.push(format!(
            "{} totals over {} years on average, coding error σ = {}{bounds}",
            t.totals,
            fixed(t.mean_span_years, 1),
            t.coding_error_sd
        ));
    }
    parts.join("; ")
}

/// The largest ECE of the main prior's check and its statement.
pub fn largest_ece(c: &Calibration) -> Option<(&Reliability, f64)> {
    let main = c.self_consistency.first()?;
    main.statements.iter().map(|r| (r, main.prior_units)).max_by(|a, b| a.0.ece.total_cmp(&b.0.ece))
}

/// The error rates a reader asks for first: at the null cell, the share of worlds in which
/// T2 and T1 are very likely overall ("T2 in 0 % (0-37 %) and T1 in … of worlds"), and the
/// largest calibration error ("0.082 (C1, overall)").
pub fn error_rates(c: &Calibration) -> (String, String) {
    let p = &c.power;
    let null = p
        .cell(p.null.0, p.null.1)
        .and_then(|cell| cell.scopes.iter().find(|s| s.scope == "overall"))
        .map_or("–".into(), |s| format!("T2 in {} and T1 in {} of worlds", s.t2_very_likely.text(), s.t1_very_likely.text()));
    let ece = largest_ece(c).map_or("–".into(), |(r, _)| format!("{} ({}, {})", fixed(r.ece, 3), r.statement, r.scope));
    (null, ece)
}

/// The calibration in one line: the null cell's error rates and the largest calibration error.
pub fn one_line(c: &Calibration) -> String {
    let (null, ece) = error_rates(c);
    format!(
        "calibration: at the null cell (dominance {}, growth {}) a thesis is very likely overall for {null}; largest calibration error {ece}",
        trimmed(c.power.null.0, 3),
        trimmed(c.power.null.1, 3)
    )
}

/// The headline findings of a calibration, one sentence each.
pub fn findings(c: &Calibration, focal: &str) -> Vec<String> {
    let p = &c.power;
    let mut out = Vec::new();
    for s in &c.self_consistency {
        if let Some(worst) = s.statements.iter().max_by(|a, b| a.ece.total_cmp(&b.ece)) {
            out.push(prose::FINDING_SELF_CONSISTENCY.fill(&[
                ("prior_units", &trimmed(s.prior_units, 3)),
                ("worlds", &s.worlds),
                ("ece", &fixed(worst.ece, 3)),
                ("statement", &worst.statement),
                ("scope", &worst.scope),
                ("ece_calibrated", &fixed(worst.ece_calibrated, 3)),
                ("ece_calibrated_95", &fixed(worst.ece_calibrated_95, 3)),
                ("exceeding", &s.statements.iter().filter(|r| r.ece > r.ece_calibrated_95).count()),
                ("statements", &s.statements.len()),
            ]));
        }
    }
    if let Some(null) = p.cell(p.null.0, p.null.1) {
        let parts: Vec<String> =
            null.scopes.iter().map(|s| format!("{}: T2 {}, T1 {}", s.scope, s.t2_very_likely.text(), s.t1_very_likely.text())).collect();
        out.push(prose::FINDING_NULL_CELL.fill(&[
            ("dominance", &trimmed(p.null.0, 3)),
            ("growth", &trimmed(p.null.1, 3)),
            ("rates", &parts.join("; ")),
        ]));
    }
    out.push(detectable(p, "overall", focal));
    out.extend(meaning(c, focal));
    for o in &c.observed {
        let near = observed_cell(p, o).and_then(|cell| scope_of(cell, &o.channel).map(|s| (cell, s)));
        out.push(match near {
            Some((cell, s)) => prose::FINDING_OBSERVED.fill(&[
                ("channel", &o.channel),
                ("point", &observed_text(o)),
                ("dominance", &trimmed(cell.dominance, 3)),
                ("growth", &trimmed(cell.growth, 3)),
                ("t2", &s.t2_very_likely.text()),
                ("mean_p_t2", &share_percent(s.mean_p_t2, 0)),
                ("t1", &s.t1_very_likely.text()),
            ]),
            None => prose::FINDING_OBSERVED_OFF_GRID.fill(&[("channel", &o.channel), ("point", &observed_text(o))]),
        });
    }
    out
}

/// What the headline probabilities mean: the procedure on worlds of the data's own fitted
/// process (each channel at its observed dominance and growth), and where T1 is found.
fn meaning(c: &Calibration, focal: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(o) = c.observed_process.iter().find(|s| s.scope == "overall") {
        out.push(prose::FINDING_FITTED_PROCESS.fill(&[
            ("mean_p_t2", &share_percent(o.mean_p_t2, 0)),
            ("mean_p_t1", &share_percent(o.mean_p_t1, 0)),
            ("t2", &o.t2_very_likely.text()),
            ("t1", &o.t1_very_likely.text()),
            ("focal", &focal),
        ]));
    }
    let p = &c.power;
    let t1: Vec<String> = p
        .dominance
        .iter()
        .filter(|&&d| d < p.null.0)
        .filter_map(|&d| {
            let rates: Vec<f64> =
                p.growth.iter().filter_map(|&g| p.cell(d, g).and_then(|k| scope_of(k, "overall")).map(|s| s.t1_very_likely.rate)).collect();
            let (lo, hi) = rates.iter().fold((f64::INFINITY, 0.0f64), |(a, b), r| (a.min(*r), b.max(*r)));
            (!rates.is_empty()).then(|| format!("{} of worlds at dominance {}", share_range(lo, hi), trimmed(d, 3)))
        })
        .collect();
    if !t1.is_empty() {
        out.push(prose::FINDING_T1_FOUND.fill(&[("rates", &t1.join(", ")), ("dominance", &trimmed(p.dominance[0], 3)), ("focal", &focal)]));
    }
    out
}

/// "T2 becomes very likely in at least 80 % of worlds from dominance d at growth g": the
/// weakest cells that reach 80 %, per growth value.
fn detectable(p: &PowerSurface, scope: &str, focal: &str) -> String {
    let reach: Vec<String> = p
        .growth
        .iter()
        .filter_map(|&g| {
            p.dominance
                .iter()
                .find(|&&d| p.cell(d, g).and_then(|c| scope_of(c, scope)).is_some_and(|s| s.t2_very_likely.rate >= 0.8))
                .map(|d| format!("growth {} from dominance {}", trimmed(g, 3), trimmed(*d, 3)))
        })
        .collect();
    if reach.is_empty() {
        prose::FINDING_NOT_DETECTABLE.fill(&[("scope", &scope), ("focal", &focal)])
    } else {
        prose::FINDING_DETECTABLE.fill(&[("cells", &reach.join("; ")), ("scope", &scope)])
    }
}

/// Markdown tables and findings of a calibration (`calibrate`'s default output).
pub fn markdown(c: &Calibration, focal: &str) -> String {
    let mut out = String::new();
    let table = |out: &mut String, (header, rows): (Vec<String>, Vec<Vec<String>>)| {
        let _ = writeln!(out, "| {} |\n|{}", header.join(" | "), "---|".repeat(header.len()));
        for row in rows {
            let _ = writeln!(out, "| {} |", row.join(" | "));
        }
        let _ = writeln!(out);
    };
    let _ = writeln!(
        out,
        "Calibration: {} worlds per cell of the power surface, {} posterior draws each, seed {}.\n",
        c.worlds, c.replicates, c.seed
    );
    let _ = writeln!(out, "Self-consistency on the model's own prior predictive (reliability, Brier score, expected calibration error):\n");
    table(&mut out, reliability_rows(c));
    let _ = writeln!(out, "The data's shape that the worlds keep (estimated):\n");
    table(&mut out, shape_rows(&c.shape));
    let mut scopes: Vec<String> = c.observed.iter().map(|o| o.channel.clone()).collect();
    scopes.push("overall".into());
    for scope in &scopes {
        for thesis in [Thesis::T2, Thesis::T1] {
            let _ = writeln!(out, "Power surface, {scope}: share of worlds with P({}) >= 0.9 (95 % interval):\n", thesis.name());
            table(&mut out, power_table(&c.power, scope, thesis));
        }
    }
    for line in findings(c, focal) {
        let _ = writeln!(out, "- {line}");
    }
    out
}

/// The calibration's summary for a report's summary.json: settings, the null cell's
/// rates per scope, the expected calibration errors, the observed points and the
/// findings; the reliability bins, the data's shape and the whole power surface stay in
/// `details` (the report's calibration.json, or `calibrate --format json`).
pub fn summary_json(c: &Calibration, focal: &str, details: &str) -> serde_json::Value {
    let p = &c.power;
    serde_json::json!({
        "worlds": c.worlds,
        "replicates": c.replicates,
        "seed": c.seed,
        "null_cell": p.cell(p.null.0, p.null.1),
        "ece": per_statement(c, &|r| serde_json::json!({"value": r.ece, "calibrated_95": r.ece_calibrated_95})),
        "observed": c.observed,
        "findings": findings(c, focal),
        "details": details,
    })
}

/// One JSON object per prior and statement: its prior, statement, scope and count, then
/// the fields of `value`.
fn per_statement(c: &Calibration, value: &dyn Fn(&Reliability) -> serde_json::Value) -> Vec<serde_json::Value> {
    c.self_consistency
        .iter()
        .flat_map(|s| {
            s.statements.iter().map(move |r| {
                let mut v = serde_json::json!({"prior_units": s.prior_units, "statement": r.statement, "scope": r.scope, "n": r.n});
                if let (Some(map), serde_json::Value::Object(extra)) = (v.as_object_mut(), value(r)) {
                    map.extend(extra);
                }
                v
            })
        })
        .collect()
}

/// The JSON document of `calibrate --format json`.
pub fn json(c: &Calibration, focal: &str) -> serde_json::Value {
    serde_json::json!({
        "worlds": c.worlds,
        "replicates": c.replicates,
        "seed": c.seed,
        "self_consistency": c.self_consistency.iter().map(|s| serde_json::json!({"prior_units": s.prior_units, "worlds": s.worlds, "skipped": s.skipped})).collect::<Vec<_>>(),
        "reliability": per_statement(c, &|r| serde_json::json!({"bins": r.bins})),
        "brier": per_statement(c, &|r| serde_json::json!({"value": r.brier})),
        "ece": per_statement(c, &|r| serde_json::json!({"value": r.ece, "calibrated_floor": r.ece_calibrated, "calibrated_95": r.ece_calibrated_95})),
        "shape": c.shape,
        "power": c.power,
        "observed": c.observed,
        "findings": findings(c, focal),
    })
}
