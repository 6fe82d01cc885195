//! The claims' identities, their probabilities' coarsening into three statuses and
//! calibrated words, and one claim's result as reported (docs/METHODS.md §1).
use serde::Serialize;

/// The three-valued coarsening of a claim's probability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// P(claim) ≥ 0.975.
    Supported,
    /// P(claim) ≤ 0.025.
    Contradicted,
    /// Anything between.
    Inconclusive,
    /// The data cannot inform the claim: its probability is its prior's.
    #[serde(rename = "not informed")]
    NotInformed,
}

/// P at or above which a claim is supported (and at or below 1 − this, contradicted).
pub const SUPPORTED_AT: f64 = 0.975;

impl Status {
    /// The status of a claim with probability `p`: supported when p ≥ 0.975,
    /// contradicted when p ≤ 0.025, inconclusive otherwise.
    pub fn of(p: f64) -> Status {
        if p >= SUPPORTED_AT {
            Status::Supported
        } else if p <= 1.0 - SUPPORTED_AT {
            Status::Contradicted
        } else {
            Status::Inconclusive
        }
    }

    /// The status in lower case, as in tables.
    pub fn name(self) -> &'static str {
        match self {
            Status::Supported => "supported",
            Status::Contradicted => "contradicted",
            Status::Inconclusive => "inconclusive",
            Status::NotInformed => "not informed",
        }
    }
}

/// The calibrated words of the IPCC likelihood scale (Mastrandrea et al. 2010, the IPCC
/// AR5 guidance note on the consistent treatment of uncertainties) for probability `p`:
/// virtually certain ≥ 0.99, very likely ≥ 0.90, likely ≥ 0.66, about as likely as not
/// (0.33-0.66), unlikely ≤ 0.33, very unlikely ≤ 0.10, exceptionally unlikely ≤ 0.01.
pub fn likelihood_words(p: f64) -> &'static str {
    if p >= 0.99 {
        "virtually certain"
    } else if p >= 0.90 {
        "very likely"
    } else if p >= 0.66 {
        "likely"
    } else if p > 0.33 {
        "about as likely as not"
    } else if p > 0.10 {
        "unlikely"
    } else if p > 0.01 {
        "very unlikely"
    } else {
        "exceptionally unlikely"
    }
}

/// The measurable claims of the two theses (docs/METHODS.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Claim {
    /// The scope grew (both theses).
    C1,
    /// The content broadened: more kinds of cooperation late than early (T1, "qualitativ").
    C2,
    /// Cooperation grew beyond the post-Soviet space (T2, "auch über die postsowjetische
    /// Region hinaus").
    C3,
    /// The focal partner shares the lead (T1).
    C4,
    /// No main partner (T1).
    C5,
    /// The leader depends on the field (T1, across channels).
    C6,
    /// The focal partner's lead narrowed (T1).
    C7,
    /// The focal partner is strongest in every period (T2).
    D3,
    /// Deepening, reading "overall": the focal rate grows by growth_min from the first to the last period (T2).
    D4,
    /// Deepening, reading "continuous": from each period to the next (T2).
    #[serde(rename = "D4c")]
    D4Continuous,
}

impl Claim {
    /// The claims judged per channel, in table order.
    pub const PER_CHANNEL: [Claim; 9] =
        [Claim::C1, Claim::C2, Claim::C3, Claim::C4, Claim::C5, Claim::C7, Claim::D3, Claim::D4, Claim::D4Continuous];

    /// The claim's id ("C1" … "D4c").
    pub fn name(self) -> &'static str {
        match self {
            Claim::C1 => "C1",
            Claim::C2 => "C2",
            Claim::C3 => "C3",
            Claim::C4 => "C4",
            Claim::C5 => "C5",
            Claim::C6 => "C6",
            Claim::C7 => "C7",
            Claim::D3 => "D3",
            Claim::D4 => "D4",
            Claim::D4Continuous => "D4c",
        }
    }

    /// Which thesis the claim speaks for: "T1", "T2" or "both".
    pub fn thesis(self) -> &'static str {
        match self {
            Claim::C1 => "both",
            Claim::C2 | Claim::C4 | Claim::C5 | Claim::C6 | Claim::C7 => "T1",
            Claim::C3 | Claim::D3 | Claim::D4 | Claim::D4Continuous => "T2",
        }
    }

    /// The claim in words, with the condition it is evaluated on in every draw.
    pub fn text(self) -> &'static str {
        match self {
            Claim::C1 => "scope grew: more partners late than early in the same number of units of cooperation (rarefied to the smaller period's units)",
            Claim::C2 => "content broadened: more kinds of cooperation (missions, domains) late than early in the same number of units (rarefied like C1)",
            Claim::C3 => "beyond the region: the share of cooperation with partners outside the post-Soviet space grew from the first to the last period",
            Claim::C4 => "the focal partner shares the lead: late, its rate below dominance_min times the largest other",
            Claim::C5 => "no main partner: late ENP at least enp_min and focal share below focal_share_max",
            Claim::C6 => "which partner leads depends on the field: the late leaders of the fields differ",
            Claim::C7 => "the focal partner's lead narrowed: its dominance lower late than early",
            Claim::D3 => "the focal partner is strongest in every period: its rate at least dominance_min times the largest other",
            Claim::D4 => "deepening (overall): the focal rate grows by at least growth_min from the first to the last period",
            Claim::D4Continuous => "deepening (continuous): the focal rate grows by at least growth_min from each period to the next",
        }
    }
}

impl std::fmt::Display for Claim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One claim's result as reported, with the numbers behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criterion {
    /// Which claim.
    pub id: Claim,
    /// Which thesis it speaks for: "T1", "T2" or "both".
    pub thesis: &'static str,
    /// The claim in words.
    pub claim: &'static str,
    /// P(claim | data): the share of joint draws in which it holds (its prior probability when not informed).
    pub probability: f64,
    /// The claim's prior probability (the share of prior draws in which it holds).
    pub prior: f64,
    /// Whether the data can inform the claim.
    pub informed: bool,
    /// Why not, when they cannot.
    pub not_informed_because: Option<&'static str>,
    /// The probability's coarsening (supported ≥ 0.975, contradicted ≤ 0.025), or "not
    /// informed" where the data cannot inform the claim.
    pub status: Status,
    /// One sentence with the deciding numbers.
    pub summary: String,
    /// Every number behind the probability (null when undefined).
    pub numbers: Vec<(String, Option<f64>)>,
    /// The central 95 % credible interval of the quantity the claim is judged on (None
    /// when undefined), and the threshold it is compared with.
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
