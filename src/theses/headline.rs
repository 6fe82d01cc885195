//! The answer in calibrated words: each thesis' probability on the IPCC likelihood scale,
//! the components that decide it, and the claims the data leave open.
use super::criteria::SpecResult;
use super::probability::{t2_claims, Reading, T1_CLAIMS};
use super::status::{likelihood_words, Claim, Criterion};
use crate::format::percent;

/// A claim's short name for prose, with the focal partner's name.
pub fn short_name(id: Claim, focal: &str) -> String {
    match id {
        Claim::C1 => "the scope grew (C1)".into(),
        Claim::C2 => "the content broadened (C2)".into(),
        Claim::C3 => "cooperation reached beyond the post-Soviet space (C3)".into(),
        Claim::C4 => format!("{focal} shares the lead (C4)"),
        Claim::C5 => "no main partner (C5)".into(),
        Claim::C6 => "the leader depends on the field (C6)".into(),
        Claim::C7 => format!("{focal}'s lead narrowed (C7)"),
        Claim::D3 => format!("{focal} strongest in every period (D3)"),
        Claim::D4 => format!("deepening with {focal} (D4)"),
        Claim::D4Continuous => format!("continuous deepening with {focal} (D4c)"),
    }
}

/// "very likely (93 %)" for probability `p`.
pub fn worded(p: f64) -> String {
    format!("{} ({})", likelihood_words(p), percent(p))
}

/// The overall claims a thesis needs under the result's reading, with their criteria.
fn needed(result: &SpecResult, thesis: u8) -> Vec<&Criterion> {
    let spec = &result.specification;
    let mut ids: Vec<Claim> = if thesis == 1 { T1_CLAIMS.to_vec() } else { t2_claims(spec.deepening).to_vec() };
    if spec.reading == Reading::Full {
        ids.extend(if thesis == 1 { &[Claim::C2, Claim::C6][..] } else { &[Claim::C3][..] });
    }
    ids.iter().filter_map(|id| result.overall.criteria.iter().find(|c| c.id == *id)).collect()
}

/// The components of a thesis in words, weakest first (the weakest decides a conjunction).
pub fn components(result: &SpecResult, thesis: u8, focal: &str) -> Vec<String> {
    let mut parts = needed(result, thesis);
    parts.sort_by(|a, b| a.probability.total_cmp(&b.probability).then_with(|| a.id.cmp(&b.id)));
    parts
        .iter()
        .map(|c| {
            let informed = if c.informed { "" } else { ", not informed by the data" };
            format!("{} is {}{informed}", short_name(c.id, focal), worded(c.probability))
        })
        .collect()
}

/// When no thesis channel has data in two periods of the specification (breaks beyond
/// the data, or coverage that starts in the last period), the answer says so: the theses
/// compare periods, so there is nothing to judge, and probabilities would only restate
/// the prior of zero draws.
pub fn only_one_period(result: &SpecResult) -> Option<String> {
    let one_period = !result.channels.is_empty() && result.channels.iter().all(|c| c.probabilities.is_none());
    one_period.then(|| {
        let breaks: Vec<String> = result.specification.breaks.iter().map(|b| b.to_string()).collect();
        crate::report::prose::ONLY_ONE_PERIOD.fill(&[("breaks", &if breaks.is_empty() { "none".to_string() } else { breaks.join(", ") })])
    })
}

/// The headline: one sentence per thesis with its probability and deciding components,
/// then the claims of the reading that the data leave open (between 2.5 % and 97.5 %).
pub fn sentences(result: &SpecResult, focal: &str) -> Vec<String> {
    if let Some(sentence) = only_one_period(result) {
        return vec![sentence];
    }
    let p = &result.overall.probabilities;
    let mut out = Vec::new();
    for (thesis, prob, name) in [(1u8, p.p_t1, "Thesis 1"), (2, p.p_t2, "Thesis 2")] {
        let parts = components(result, thesis, focal);
        let decided_by = parts.first().cloned().unwrap_or_default();
        let rest = parts.get(1..).unwrap_or_default().join("; ");
        out.push(crate::report::prose::THESIS_SENTENCE.fill(&[
            ("words", &worded(prob)),
            ("name", &name),
            ("decided_by", &decided_by),
            ("rest", &rest),
        ]));
    }
    let mut in_reading = needed(result, 1);
    in_reading.extend(needed(result, 2));
    in_reading.sort_by_key(|c| c.id);
    in_reading.dedup_by_key(|c| c.id);
    let open: Vec<String> = in_reading
        .iter()
        .filter(|c| c.status == super::status::Status::Inconclusive)
        .map(|c| format!("{}: {}", short_name(c.id, focal), percent(c.probability)))
        .collect();
    if !open.is_empty() {
        out.push(crate::report::prose::INCONCLUSIVE.fill(&[("claims", &open.join(", "))]));
    }
    out
}
