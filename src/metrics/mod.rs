//! The index suite of docs/METHODS.md §3 for one group's partner vector, with undefined cases flagged.
pub(crate) mod columns;
pub mod concentration;
pub mod diversity;
pub mod focal;
pub mod inequality;
pub mod rarefaction;

use std::cmp::Ordering;

pub(crate) use columns::{Kind, Value, METRICS};

/// Why some indices of a group are undefined or need care (the `flags` column).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Flags {
    /// X = 0: no active partner; every share-based index is undefined.
    pub empty: bool,
    /// N = 1: normalised indices are undefined.
    pub single: bool,
    /// Two or more partners tie for the largest share (cr1_partner is the focal partner when
    /// it is among them, so that it agrees with focal_rank 1, else the alphabetical first).
    pub tie: bool,
    /// The window reaches beyond the years covered by the group's data.
    pub partial_window: bool,
}

impl Flags {
    /// `empty;single;tie;partial-window` in that order, those that apply.
    pub fn render(&self) -> String {
        let mut text = String::new();
        self.push_to(&mut text);
        text
    }

    /// Appends `render()` to `out`.
    pub fn push_to(&self, out: &mut String) {
        let mut first = true;
        for (on, name) in [(self.empty, "empty"), (self.single, "single"), (self.tie, "tie"), (self.partial_window, "partial-window")] {
            if on {
                if !first {
                    out.push(';');
                }
                out.push_str(name);
                first = false;
            }
        }
    }
}

/// Every index of one group. `None` means undefined (an empty cell / JSON null).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Suite {
    /// X = Σ x_i, the group's total volume.
    pub total: f64,
    /// N, the number of active partners (x_i > 0).
    pub richness: usize,
    /// Herfindahl–Hirschman index Σ s_i², in [1/N, 1] (Herfindahl 1950; Hirschman 1964).
    pub hhi: Option<f64>,
    /// Normalised HHI (HHI − 1/N) / (1 − 1/N), in [0, 1]; undefined for N = 1.
    pub hhi_norm: Option<f64>,
    /// UNCTAD concentration index (√HHI − √(1/N)) / (1 − √(1/N)), in [0, 1]; undefined for N = 1.
    pub unctad: Option<f64>,
    /// Effective number of partners 1 / HHI, in [1, N] (Laakso & Taagepera 1979).
    pub enp: Option<f64>,
    /// Shannon entropy H = −Σ s_i ln s_i, in [0, ln N] (Shannon 1948).
    pub shannon: Option<f64>,
    /// Hill number of order 1, exp(H) (Hill 1973).
    pub hill1: Option<f64>,
    /// Pielou evenness H / ln N, in [0, 1]; undefined for N = 1 (Pielou 1966).
    pub pielou: Option<f64>,
    /// Gini coefficient Σ_i Σ_j |x_i − x_j| / (2 N² μ) over active partners, in [0, 1 − 1/N] (Gini 1912).
    pub gini: Option<f64>,
    /// Theil index ln N − H, in [0, ln N] (Theil 1967).
    pub theil: Option<f64>,
    /// CR1, the largest share (Berger–Parker dominance).
    pub cr1: Option<f64>,
    /// The partner with the largest share (the alphabetically first on a tie).
    pub cr1_partner: Option<String>,
    /// CR3, the sum of the three largest shares (all shares if N < 3).
    pub cr3: Option<f64>,
    /// The focal partner's share; 0 when it is inactive.
    pub focal_share: Option<f64>,
    /// 1 + the number of partners with a strictly larger share than the focal partner; N + 1 when it is inactive.
    pub focal_rank: Option<usize>,
    /// Focal share / the largest share of any other active partner; undefined when there is none.
    pub dominance: Option<f64>,
    /// Why some indices are undefined or need care.
    pub flags: Flags,
}

impl Suite {
    /// A metric by column name, as a number (richness and focal_rank as f64); `None`
    /// when undefined or not a number (`cr1_partner`, `flags`).
    pub fn metric(&self, name: &str) -> Option<f64> {
        columns::metric(name).and_then(|m| (m.value)(self).number())
    }

    /// Names accepted by `metric` (the numeric columns, in output order).
    pub fn metric_names() -> Vec<&'static str> {
        METRICS.iter().filter(|m| m.is_numeric()).map(|m| m.name).collect()
    }
}

/// Computes the suite for one group.
///
/// `entries` holds (partner, x_i) with one entry per partner (values already summed);
/// entries with x_i = 0 are inactive. `name` gives a partner's name (for ties and
/// `cr1_partner`); `focal` is the focal partner's name. Partners are ordered by value
/// descending, then name ascending, and every sum runs in that order, so the result
/// does not depend on input order.
///
/// ```
/// use multivector::metrics::compute;
/// // Shares 0.6, 0.3, 0.1: HHI = 0.36 + 0.09 + 0.01 = 0.46, ENP = 1 / HHI.
/// let entries = [("Russia", 6.0), ("China", 3.0), ("Turkey", 1.0)];
/// let suite = compute(&entries, |p| p, "Russia");
/// assert!((suite.hhi.unwrap() - 0.46).abs() < 1e-12);
/// assert!((suite.enp.unwrap() - 1.0 / 0.46).abs() < 1e-12);
/// assert_eq!((suite.focal_rank, suite.dominance), (Some(1), Some(2.0)));
/// ```
pub fn compute<'a, P: Copy>(entries: &[(P, f64)], name: impl Fn(P) -> &'a str, focal: &str) -> Suite {
    let mut active: Vec<(f64, &'a str)> = entries.iter().filter(|(_, x)| *x > 0.0).map(|&(p, x)| (x, name(p))).collect();
    active.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(Ordering::Equal).then_with(|| a.1.cmp(b.1)));
    let values: Vec<f64> = active.iter().map(|(x, _)| *x).collect();
    let total: f64 = values.iter().sum::<f64>() + 0.0;
    let n = values.len();
    let mut flags = Flags::default();
    if total <= 0.0 {
        flags.empty = true;
        return Suite {
            total,
            richness: 0,
            hhi: None,
            hhi_norm: None,
            unctad: None,
            enp: None,
            shannon: None,
            hill1: None,
            pielou: None,
            gini: None,
            theil: None,
            cr1: None,
            cr1_partner: None,
            cr3: None,
            focal_share: None,
            focal_rank: None,
            dominance: None,
            flags,
        };
    }
    flags.single = n == 1;
    flags.tie = n >= 2 && values[0] == values[1];
    let shares: Vec<f64> = values.iter().map(|x| x / total).collect();
    let hhi = concentration::hhi(&shares);
    let shannon = diversity::shannon(&shares);
    let focal_position = active.iter().position(|(_, p)| *p == focal);
    let focal_share = focal_position.map_or(0.0, |i| shares[i]);
    let largest_other = shares.iter().enumerate().find(|(i, _)| Some(*i) != focal_position).map(|(_, s)| *s);
    Suite {
        total,
        richness: n,
        hhi: Some(hhi),
        hhi_norm: concentration::hhi_normalised(hhi, n),
        unctad: concentration::unctad(hhi, n),
        enp: Some(concentration::enp(hhi)),
        shannon: Some(shannon),
        hill1: Some(shannon.exp()),
        pielou: diversity::pielou(shannon, n),
        gini: Some(inequality::gini(&values)),
        theil: Some(diversity::theil(shannon, n)),
        cr1: Some(shares[0]),
        // In a tie for first, the focal partner leads if it is among the tied (focal_rank 1).
        cr1_partner: Some(if focal_position.is_some() && focal_share == shares[0] { focal } else { active[0].1 }.to_string()),
        cr3: Some(concentration::concentration_ratio(&shares, 3)),
        focal_share: Some(focal_share),
        focal_rank: Some(focal::rank(&shares, focal_share)),
        dominance: focal::dominance(focal_share, largest_other),
        flags,
    }
}
