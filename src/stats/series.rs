//! Everything `trend` reports for one metric series: trend tests, breaks, period differences.
use super::breaks::{chow, pettitt, segment_mean, Chow, Pettitt};
use super::compare::{period_difference, PeriodDifference};
use super::trend::{mann_kendall, ols, sen_slope, Degenerate, MannKendall, Ols};
use crate::data::observations::{Dating, Observations};

/// Results at one break year.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BreakReport {
    /// The break year: the first year of the new period.
    pub year: i32,
    /// The Chow test for a break in the linear trend at `year` (None when undefined).
    pub chow: Option<Chow>,
    /// Mean of the period that ends just before `year` (from the previous break or the start).
    pub mean_before: Option<f64>,
    /// Mean of the period that starts at `year` (to the next break or the end).
    pub mean_after: Option<f64>,
    /// after − before, with permutation p and bootstrap CI.
    pub difference: Option<PeriodDifference>,
}

/// The analysis of one series.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SeriesReport {
    /// Points (years) in the series.
    pub n: usize,
    /// First year of the series (None when it is empty).
    pub year_first: Option<i32>,
    /// Last year of the series (None when it is empty).
    pub year_last: Option<i32>,
    /// The Mann–Kendall trend test, or why it did not run.
    pub mann_kendall: Result<MannKendall, Degenerate>,
    /// Sen's slope per year, or why it is undefined.
    pub sen_slope: Result<f64, Degenerate>,
    /// The OLS trend line, or why it is undefined.
    pub ols: Result<Ols, Degenerate>,
    /// Pettitt's change-point test (None when undefined or not run).
    pub pettitt: Option<Pettitt>,
    /// The year of Pettitt's change point: the last year before the change.
    pub pettitt_year: Option<i32>,
    /// Results at each break year, in year order.
    pub breaks: Vec<BreakReport>,
    /// Why no test ran although the series has points (period totals, too few figures).
    pub untested: Option<String>,
}

/// Why the yearly series of `rows` (one subject and channel; the rows for which `keep`
/// holds) must not be tested (docs/METHODS.md §1): a period total is one observation of
/// a rate, never yearly points, and fewer than 4 independent figures carry no test.
pub fn untestable(rows: &Observations, keep: impl Fn(usize) -> bool) -> Option<String> {
    let mut totals: Vec<(u32, u32)> = Vec::new();
    let mut figures: Vec<(i32, u32)> = Vec::new();
    for i in (0..rows.len()).filter(|&i| keep(i)) {
        match rows.dating(i) {
            Dating::Period | Dating::Spread => totals.push((rows.line(i), rows.partner[i])),
            Dating::Year => figures.push((rows.year_start[i], rows.partner[i])),
        }
    }
    totals.sort_unstable();
    totals.dedup();
    if !totals.is_empty() {
        return Some(format!(
            "rests on {} period total(s), each one observation of a rate over its span, not yearly points: no trend or break test",
            totals.len()
        ));
    }
    let mut years: Vec<i32> = figures.iter().map(|f| f.0).collect();
    years.sort_unstable();
    years.dedup();
    (years.len() < 4).then(|| format!("rests on {} independent yearly figures (fewer than 4): no trend or break test", years.len()))
}

/// Analyses the series (year, value) sorted by year. `breaks` are start years of new
/// periods; `replicates` permutations/bootstrap draws seeded by `seed` on `stream`.
pub fn analyse(points: &[(i32, f64)], breaks: &[i32], replicates: usize, seed: u64, stream: u64) -> SeriesReport {
    let x: Vec<f64> = points.iter().map(|p| p.0 as f64).collect();
    let y: Vec<f64> = points.iter().map(|p| p.1).collect();
    let pettitt = pettitt(&y);
    let mut sorted_breaks = breaks.to_vec();
    sorted_breaks.sort_unstable();
    sorted_breaks.dedup();
    let reports = sorted_breaks
        .iter()
        .enumerate()
        .map(|(k, &year)| {
            let start = if k == 0 { f64::NEG_INFINITY } else { sorted_breaks[k - 1] as f64 };
            let end = sorted_breaks.get(k + 1).map_or(f64::INFINITY, |b| *b as f64 - 1.0);
            let before: Vec<f64> = points.iter().filter(|p| (p.0 as f64) >= start && p.0 < year).map(|p| p.1).collect();
            let after: Vec<f64> = points.iter().filter(|p| p.0 >= year && (p.0 as f64) <= end).map(|p| p.1).collect();
            BreakReport {
                year,
                chow: chow(&x, &y, year as f64),
                mean_before: segment_mean(&x, &y, start, year as f64 - 1.0),
                mean_after: segment_mean(&x, &y, year as f64, end),
                difference: period_difference(&before, &after, replicates, seed, stream * 64 + k as u64),
            }
        })
        .collect();
    SeriesReport {
        n: points.len(),
        year_first: points.first().map(|p| p.0),
        year_last: points.last().map(|p| p.0),
        mann_kendall: mann_kendall(&y),
        sen_slope: sen_slope(&x, &y),
        ols: ols(&x, &y),
        pettitt,
        pettitt_year: pettitt.map(|p| points[p.position].0),
        breaks: reports,
        untested: None,
    }
}

/// The report of a series that must not be tested: its extent and the reason, no tests.
pub fn untested(points: &[(i32, f64)], breaks: &[i32], reason: String) -> SeriesReport {
    let mut sorted = breaks.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    SeriesReport {
        n: points.len(),
        year_first: points.first().map(|p| p.0),
        year_last: points.last().map(|p| p.0),
        mann_kendall: Err(Degenerate::NotTested),
        sen_slope: Err(Degenerate::NotTested),
        ols: Err(Degenerate::NotTested),
        pettitt: None,
        pettitt_year: None,
        breaks: sorted
            .into_iter()
            .map(|year| BreakReport { year, chow: None, mean_before: None, mean_after: None, difference: None })
            .collect(),
        untested: Some(reason),
    }
}

impl SeriesReport {
    /// Why tests are missing, in words ("" when all ran).
    pub fn note(&self) -> String {
        if let Some(reason) = &self.untested {
            return reason.clone();
        }
        match (&self.mann_kendall, &self.ols) {
            (Err(Degenerate::TooFewPoints), _) => "fewer than 3 points: no trend test".into(),
            (Err(Degenerate::Constant), _) => "constant series: no trend to test".into(),
            (_, Err(Degenerate::Constant)) => "single year: no slope".into(),
            _ => String::new(),
        }
    }
}
