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

/// A report's cells after subject, channel and metric, matching [`header`] ("" = undefined).
pub fn cells(report: &SeriesReport) -> Vec<String> {
    let num = |x: Option<f64>| x.map_or(String::new(), super::number);
    let int = |x: Option<i32>| x.map_or(String::new(), |v| v.to_string());
    let mk = report.mann_kendall.as_ref().ok();
    let ols = report.ols.as_ref().ok();
    let mut cells = vec![
        report.n.to_string(),
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
    cells.push(report.note());
    cells
}
