//! The trend table (`multivector trend`, the report's trends.csv): its columns and one
//! series report's cells.
use crate::stats::series::SeriesReport;

/// The CSV header of `trend` (docs/METHODS.md §4; the column order is part of the interface), with one group per break year.
pub fn header(breaks: &[i32]) -> Vec<String> {
    let mut h: Vec<String> = [
        "subject",
        "channel",
        "metric",
        "n",
        "year_first",
        "year_last",
        "mk_s",
        "mk_var_s",
        "mk_z",
        "mk_p",
        "sen_slope",
        "ols_slope",
        "ols_ci_low",
        "ols_ci_high",
        "pettitt_year",
        "pettitt_k",
        "pettitt_p",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut sorted = breaks.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    for b in sorted {
        for suffix in ["chow_f", "chow_p", "mean_before", "mean_from", "diff", "diff_p", "diff_ci_low", "diff_ci_high"] {
            h.push(format!("break_{b}_{suffix}"));
        }
    }
    h.push("note".into());
    h
}

/// One cell of the trend table before it becomes text.
#[derive(Debug, Clone, PartialEq)]
pub enum TrendCell {
    /// A statistic (empty when undefined).
    Number(Option<f64>),
    /// A count or a year (empty when undefined).
    Whole(Option<i64>),
    /// The note on tests that did not run.
    Note(String),
}

impl TrendCell {
    /// The cell's text: shortest decimals, "" for undefined.
    pub fn text(&self) -> String {
        match self {
            TrendCell::Number(x) => x.map_or(String::new(), super::number),
            TrendCell::Whole(n) => n.map_or(String::new(), |n| n.to_string()),
            TrendCell::Note(note) => note.clone(),
        }
    }

    /// The cell for the terminal: a fractional number to 4 decimals, else its text.
    pub fn shown(&self) -> String {
        match self {
            TrendCell::Number(Some(x)) => super::terminal_number(*x),
            other => other.text(),
        }
    }
}

/// A report's cells after subject, channel and metric, matching [`header`].
pub fn values(report: &SeriesReport) -> Vec<TrendCell> {
    use TrendCell::{Number as num, Whole};
    let int = |x: Option<i32>| Whole(x.map(i64::from));
    let mk = report.mann_kendall.as_ref().ok();
    let ols = report.ols.as_ref().ok();
    let mut cells = vec![
        Whole(Some(report.n as i64)),
        int(report.year_first),
        int(report.year_last),
        num(mk.map(|m| m.s)),
        num(mk.map(|m| m.var_s)),
        num(mk.map(|m| m.z)),
        num(mk.map(|m| m.p)),
        num(report.sen_slope.ok()),
        num(ols.map(|o| o.slope)),
        num(ols.map(|o| o.ci_low)),
        num(ols.map(|o| o.ci_high)),
        int(report.pettitt_year),
        num(report.pettitt.map(|p| p.k)),
        num(report.pettitt.map(|p| p.p)),
    ];
    for b in &report.breaks {
        let d = b.difference.as_ref();
        cells.extend([
            num(b.chow.map(|c| c.f)),
            num(b.chow.map(|c| c.p)),
            num(b.mean_before),
            num(b.mean_after),
            num(d.map(|d| d.diff)),
            num(d.map(|d| d.p)),
            num(d.map(|d| d.ci_low)),
            num(d.map(|d| d.ci_high)),
        ]);
    }
    cells.push(TrendCell::Note(report.note()));
    cells
}

/// A report's cells as text ("" = undefined), matching [`header`] after subject, channel
/// and metric.
pub fn cells(report: &SeriesReport) -> Vec<String> {
    values(report).iter().map(TrendCell::text).collect()
}
