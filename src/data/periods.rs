//! Period totals ("4,677 trained 1996–2012") spread over their years, or kept whole.
use super::observations::{Dating, Observations};

/// How a total that covers several years enters yearly analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpreadRule {
    /// value / n to each of the n years of the period (bounds likewise); the default.
    Uniform,
    /// Keep period rows whole: they only enter windows that contain the entire period.
    KeepPeriods,
}

impl SpreadRule {
    /// The rule's name on the command line (`uniform`, `keep-periods`).
    pub fn name(self) -> &'static str {
        match self {
            SpreadRule::Uniform => "uniform",
            SpreadRule::KeepPeriods => "keep-periods",
        }
    }
}

/// Applies `rule`. With `Uniform`, each period row becomes one row per year, marked
/// `Dating::Spread`; with `KeepPeriods` the table is returned unchanged.
pub fn spread_periods(obs: &Observations, rule: SpreadRule) -> Observations {
    if rule == SpreadRule::KeepPeriods || !obs.has_periods() {
        return obs.clone();
    }
    let mut out = Observations::default();
    out.add_file("(spread)", Default::default());
    out.reserve(obs.len());
    for i in 0..obs.len() {
        let row = obs.row(i);
        if row.dating != Dating::Period {
            out.push(row, obs.line(i));
            continue;
        }
        let n = (row.year_end - row.year_start + 1) as f64;
        for year in row.year_start..=row.year_end {
            let mut r = row;
            r.year_start = year;
            r.year_end = year;
            r.dating = Dating::Spread;
            r.value = row.value / n;
            r.value_low = row.value_low.map(|x| x / n);
            r.value_high = row.value_high.map(|x| x / n);
            out.push(r, obs.line(i));
        }
    }
    out
}
