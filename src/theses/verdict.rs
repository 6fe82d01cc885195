//! Statuses, verdicts and how criteria combine into a verdict per channel and overall.
use serde::Serialize;

/// What a criterion's numbers say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The whole 95 % interval lies on the claim's side of its threshold (docs/METHODS.md §1).
    Supported,
    /// The whole 95 % interval lies on the other side of the threshold.
    Contradicted,
    /// Anything else: the interval straddles the threshold or is undefined.
    Inconclusive,
}

impl Status {
    /// The status in lower case, as in tables.
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
    /// Thesis 1 (docs/METHODS.md §1).
    T1,
    /// Thesis 2 (docs/METHODS.md §1).
    T2,
    /// Against both theses, e.g. no broadening (C1 contradicted); rules in docs/METHODS.md §1.
    #[serde(rename = "neither")]
    Neither,
    /// No verdict is established: the deciding intervals are too wide (docs/METHODS.md §1).
    #[serde(rename = "inconclusive")]
    Inconclusive,
}

impl Verdict {
    /// Every verdict, in table order.
    pub const ALL: [Verdict; 4] = [Verdict::T1, Verdict::T2, Verdict::Neither, Verdict::Inconclusive];

    /// The verdict's name in tables ("T1", "T2", "neither", "inconclusive").
    pub fn name(self) -> &'static str {
        match self {
            Verdict::T1 => "T1",
            Verdict::T2 => "T2",
            Verdict::Neither => "neither",
            Verdict::Inconclusive => "inconclusive",
        }
    }
}

/// The measurable claims of the two theses (docs/METHODS.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Claim {
    /// The scope grew (both theses).
    C1,
    /// The focal partner shares the lead (T1).
    C4,
    /// No main partner (T1).
    C5,
    /// The leader depends on the field (T1, across channels).
    C6,
    /// The focal partner is strongest in every period (T2).
    D3,
    /// Deepening with the focal partner (T2).
    D4,
}

impl Claim {
    /// The claims judged per channel, in table order.
    pub const PER_CHANNEL: [Claim; 5] = [Claim::C1, Claim::C4, Claim::C5, Claim::D3, Claim::D4];

    /// The claim's id ("C1" … "D4").
    pub fn name(self) -> &'static str {
        match self {
            Claim::C1 => "C1",
            Claim::C4 => "C4",
            Claim::C5 => "C5",
            Claim::C6 => "C6",
            Claim::D3 => "D3",
            Claim::D4 => "D4",
        }
    }
}

impl std::fmt::Display for Claim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The claims' names joined by ", ".
pub(crate) fn claim_names(claims: &[Claim]) -> String {
    claims.iter().map(|c| c.name()).collect::<Vec<_>>().join(", ")
}

/// One criterion's result with the numbers behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criterion {
    /// Which claim it judges.
    pub id: Claim,
    /// Which thesis it speaks for: "T1", "T2" or "both".
    pub thesis: &'static str,
    /// The claim in words.
    pub claim: &'static str,
    /// What the numbers say about the claim.
    pub status: Status,
    /// One sentence with the deciding numbers.
    pub summary: String,
    /// Every number behind the status (null when undefined).
    pub numbers: Vec<(String, Option<f64>)>,
    /// The 95 % interval the status was judged on (None when undefined) and the
    /// threshold it was compared with (docs/METHODS.md §1).
    pub interval_low: Option<f64>,
    /// The interval's upper bound.
    pub interval_high: Option<f64>,
    /// The threshold.
    pub threshold: Option<f64>,
}

impl Criterion {
    /// The number called `name` among `numbers` (None when absent or undefined).
    pub fn number(&self, name: &str) -> Option<f64> {
        self.numbers.iter().find(|(n, _)| n == name).and_then(|(_, v)| *v)
    }
}

/// Where an interval lies against a threshold: wholly above (`Some(true)`), wholly below
/// (`Some(false)`), or covering it (`None`, also when the interval is undefined).
pub(crate) fn side(interval: Option<(f64, f64)>, threshold: f64) -> Option<bool> {
    match interval {
        Some((low, _)) if low > threshold => Some(true),
        Some((_, high)) if high < threshold => Some(false),
        _ => None,
    }
}

fn status_of(criteria: &[Criterion], id: Claim) -> Option<&Criterion> {
    criteria.iter().find(|c| c.id == id)
}

/// The verdict of one channel (docs/METHODS.md §1), symmetric for the two theses:
///
/// * **neither**: C1 contradicted (no broadening, which both theses assert), or D3
///   supported while D4 is contradicted (the focal partner first but receding);
/// * **T2**: C1, D3 and D4 supported; C4 or C5 contradicted and neither supported;
/// * **T1**: C1 and C4 supported; C5 not contradicted; D3 not supported;
/// * **inconclusive** otherwise.
///
/// Both theses assert that the scope grew, so both need C1 *supported* (an interval
/// that covers 0 does not show broadening). Each thesis needs its claim about the lead
/// supported: D3 (the focal partner first, with a margin, in every period) for T2, C4
/// (the focal partner's lead shared in the late period) for T1. C5 (a dispersed late
/// period) alone does not show a shared lead: a focal partner with a 35 % share among
/// thirty small partners is still the main partner, and on worlds planted so (a receding
/// but leading focal partner, `calibrate`) "C4 or C5" gave T1 in 28 % of them. A channel
/// where C4 holds and C5 is refuted is mixed, not Thesis 1. Returns the verdict and the claims that decided it; for an inconclusive
/// channel, the claims whose interval was too wide.
pub fn channel_verdict(criteria: &[Criterion]) -> (Verdict, Vec<Claim>) {
    let is = |id: Claim, s: Status| status_of(criteria, id).is_some_and(|c| c.status == s);
    let ids = |list: &[Claim], s: Status| list.iter().copied().filter(|id| is(*id, s)).collect::<Vec<_>>();
    if is(Claim::C1, Status::Contradicted) {
        return (Verdict::Neither, vec![Claim::C1]);
    }
    if is(Claim::D3, Status::Supported) && is(Claim::D4, Status::Contradicted) {
        return (Verdict::Neither, vec![Claim::D3, Claim::D4]);
    }
    let c1 = is(Claim::C1, Status::Supported);
    let t1_for = ids(&[Claim::C4, Claim::C5], Status::Supported);
    let t1_against = ids(&[Claim::C4, Claim::C5], Status::Contradicted);
    if c1 && is(Claim::D3, Status::Supported) && is(Claim::D4, Status::Supported) && !t1_against.is_empty() && t1_for.is_empty() {
        let mut d = vec![Claim::C1, Claim::D3, Claim::D4];
        d.extend(t1_against);
        return (Verdict::T2, d);
    }
    if c1 && is(Claim::C4, Status::Supported) && !is(Claim::C5, Status::Contradicted) && !is(Claim::D3, Status::Supported) {
        let mut d = vec![Claim::C1];
        d.extend(t1_for);
        d.push(Claim::D3);
        return (Verdict::T1, d);
    }
    let mut open = ids(&[Claim::C1, Claim::C4, Claim::C5, Claim::D3, Claim::D4], Status::Inconclusive);
    if open.is_empty() {
        // Every claim decided, but they disagree: name the conflicting T1 claims.
        open = [Claim::C4, Claim::C5].into_iter().filter(|id| status_of(criteria, *id).is_some()).collect();
    }
    (Verdict::Inconclusive, open)
}

/// The overall verdict: the thesis (or "neither") of the channels that carry at least
/// `majority` of the weight ("accept a thesis only if at least two of three agree").
/// C6 (leaders differ by channel) is a claim of Thesis 1 at the level of all channels:
/// it is named among the deciding claims of a T1 verdict where it is supported, and
/// otherwise neither blocks T1 nor counts for T2.
pub fn overall_verdict(channels: &[(String, Verdict, f64)], c6: Status, majority: f64) -> (Verdict, Vec<String>) {
    let total: f64 = channels.iter().map(|c| c.2).sum();
    if total <= 0.0 {
        return (Verdict::Inconclusive, vec!["no weighted channel".into()]);
    }
    let share = |v: Verdict| channels.iter().filter(|c| c.1 == v).map(|c| c.2).sum::<f64>() / total;
    let winner = Verdict::ALL.into_iter().find(|v| *v != Verdict::Inconclusive && share(*v) >= majority - 1e-12);
    let deciding = |v: Verdict| -> Vec<String> { channels.iter().filter(|c| c.1 == v).map(|c| format!("{}:{}", c.0, v.name())).collect() };
    match winner {
        Some(v) => {
            let mut d = deciding(v);
            if v == Verdict::T1 && c6 == Status::Supported {
                d.push("C6:supported".into());
            }
            (v, d)
        }
        None => (Verdict::Inconclusive, vec!["no thesis has the weighted majority".into()]),
    }
}
