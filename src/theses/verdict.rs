//! Statuses, verdicts and how criteria combine into a verdict per channel and overall.
use serde::Serialize;

/// What a criterion's numbers say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Supported,
    Contradicted,
    Inconclusive,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Supported => "supported",
            Status::Contradicted => "contradicted",
            Status::Inconclusive => "inconclusive",
        }
    }
}

/// A verdict on the two theses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Verdict {
    T1,
    T2,
    #[serde(rename = "neither")]
    Neither,
    #[serde(rename = "inconclusive")]
    Inconclusive,
}

impl Verdict {
    pub const ALL: [Verdict; 4] = [Verdict::T1, Verdict::T2, Verdict::Neither, Verdict::Inconclusive];

    pub fn name(self) -> &'static str {
        match self {
            Verdict::T1 => "T1",
            Verdict::T2 => "T2",
            Verdict::Neither => "neither",
            Verdict::Inconclusive => "inconclusive",
        }
    }
}

/// One criterion's result with the numbers behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criterion {
    pub id: &'static str,
    /// Which thesis it speaks for: "T1", "T2" or "both".
    pub thesis: &'static str,
    pub claim: &'static str,
    pub status: Status,
    /// One sentence with the deciding numbers.
    pub summary: String,
    /// Every number behind the status (null when undefined).
    pub numbers: Vec<(String, Option<f64>)>,
}

impl Criterion {
    pub fn number(&self, name: &str) -> Option<f64> {
        self.numbers.iter().find(|(n, _)| n == name).and_then(|(_, v)| *v)
    }
}

fn status_of<'a>(criteria: &'a [Criterion], id: &str) -> Option<&'a Criterion> {
    criteria.iter().find(|c| c.id == id)
}

/// The verdict of one channel from C1, C4, C5 (Thesis 1) and D3, D4 (Thesis 2).
///
/// Thesis 1's core claim is C5 (no main partner); C4 (the lead is shared) backs it.
/// Thesis 2's core claim is D3 and D4 together (strongest and deepening).
/// * C1 contradicted (the scope did not grow) → neither: both theses assume broadening;
///   C1 not shown (inconclusive) → no thesis can be confirmed.
/// * T2: D3 and D4 supported, C4 or C5 contradicted, C5 not supported.
/// * T1: C5 supported, D3 or D4 contradicted, not both D3 and D4 supported.
/// * neither: C4 or C5 contradicted and D3 or D4 contradicted, no core claim supported.
/// * Anything else is mixed → inconclusive.
///
/// Returns the verdict and the ids of the criteria that decided it.
pub fn channel_verdict(criteria: &[Criterion]) -> (Verdict, Vec<&'static str>) {
    let is = |id: &str, s: Status| status_of(criteria, id).is_some_and(|c| c.status == s);
    let ids = |list: &[&'static str], s: Status| list.iter().copied().filter(|id| is(id, s)).collect::<Vec<_>>();
    if is("C1", Status::Contradicted) {
        return (Verdict::Neither, vec!["C1"]);
    }
    let t1_core = is("C5", Status::Supported);
    let t2_core = is("D3", Status::Supported) && is("D4", Status::Supported);
    let t1_against = ids(&["C4", "C5"], Status::Contradicted);
    let t2_against = ids(&["D3", "D4"], Status::Contradicted);
    let c1_shown = is("C1", Status::Supported);
    let t2 = t2_core && !t1_against.is_empty() && !t1_core;
    let t1 = t1_core && !t2_against.is_empty() && !t2_core;
    if (t1 || t2) && !c1_shown {
        return (Verdict::Inconclusive, vec!["C1"]);
    }
    if t2 {
        let mut d = vec!["C1", "D3", "D4"];
        d.extend(t1_against);
        return (Verdict::T2, d);
    }
    if t1 {
        let mut d = vec!["C1", "C5"];
        d.extend(ids(&["C4"], Status::Supported));
        d.extend(t2_against);
        return (Verdict::T1, d);
    }
    if !t1_against.is_empty() && !t2_against.is_empty() && !t1_core && !t2_core {
        let mut d = t1_against;
        d.extend(t2_against);
        return (Verdict::Neither, d);
    }
    let mixed: Vec<&'static str> =
        ["C1", "C4", "C5", "D3", "D4"].into_iter().filter(|id| !is(id, Status::Contradicted) || *id != "C1").collect();
    (Verdict::Inconclusive, mixed)
}

/// The overall verdict: a thesis needs channels carrying at least `majority` of the
/// weight ("accept a thesis only if at least two of three agree",
/// datasets/kazakhstan/sources/evidence/theses_report.md). C6 (leaders differ by channel) is reported with it and
/// named among the deciding criteria, but does not overrule the channels: a panel in
/// which every channel diversifies away from the same former leader still supports T1.
pub fn overall_verdict(
    channels: &[(String, Verdict, f64)],
    c6: Status,
    majority: f64,
) -> (Verdict, Vec<String>) {
    let total: f64 = channels.iter().map(|c| c.2).sum();
    if total <= 0.0 {
        return (Verdict::Inconclusive, vec!["no weighted channel".into()]);
    }
    let share = |v: Verdict| channels.iter().filter(|c| c.1 == v).map(|c| c.2).sum::<f64>() / total;
    let winner = Verdict::ALL.into_iter().find(|v| *v != Verdict::Inconclusive && share(*v) >= majority - 1e-12);
    let deciding = |v: Verdict| -> Vec<String> {
        channels.iter().filter(|c| c.1 == v).map(|c| format!("{}:{}", c.0, v.name())).collect()
    };
    match winner {
        Some(v) => {
            let mut d = deciding(v);
            d.push(format!("C6:{}", c6.name()));
            (v, d)
        }
        None => (Verdict::Inconclusive, vec!["no thesis has the weighted majority".into()]),
    }
}
