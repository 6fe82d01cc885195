//! `multivector trend`: Mann–Kendall, Sen, OLS, Chow, Pettitt and period differences of one index.
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use multivector::error::UNNAMED_OUTPUT;
use multivector::metrics::Suite;
use multivector::panel::Panel;
use multivector::stats::series::{analyse, untestable, untested, SeriesReport};
use multivector::tables::trend as trend_table;
use multivector::{Error, Result};
use rayon::prelude::*;

use super::common::{analysis_rows, check_out, group_by, windowing, with_output};
use crate::cli::{DataArgs, PanelArgs, TableFormat};

/// The most permutations and bootstrap replicates `--boot` may ask for.
pub const MAX_BOOT: usize = 100_000;

pub struct Options {
    pub metric: String,
    pub breaks: Vec<i32>,
    pub boot: usize,
    pub seed: u64,
    pub format: TableFormat,
}

pub fn run(data: &DataArgs, panel_args: &PanelArgs, options: &Options, out: Option<&Path>) -> Result<()> {
    if !Suite::metric_names().contains(&options.metric.as_str()) {
        return Err(Error::Usage(format!("--metric {}: expected one of {}", options.metric, Suite::metric_names().join(", "))));
    }
    if !(1..=MAX_BOOT).contains(&options.boot) {
        return Err(Error::Usage(format!("--boot {}: expected 1-{MAX_BOOT} replicates", options.boot)));
    }
    if options.format == TableFormat::Parquet {
        return Err(Error::Usage("trend writes table, csv or json".into()));
    }
    let windows = windowing(panel_args)?;
    check_out(out, data)?;
    let (rows, focal) = analysis_rows(data, panel_args)?;
    let panel = Panel::build(&rows, group_by(panel_args), windows);
    let suites = panel.suites(&rows, &focal);
    // One series per subject and channel: (window start, metric value) where defined.
    let mut series: BTreeMap<(String, String), Vec<(i32, f64)>> = BTreeMap::new();
    for (g, suite) in panel.groups.iter().zip(&suites) {
        let points = series.entry((g.subject.to_string(), g.channel.to_string())).or_default();
        if let Some(v) = suite.metric(&options.metric) {
            points.push((g.year_start, v));
        }
    }
    let keys: Vec<(String, String)> = series.keys().cloned().collect();
    let reports: Vec<SeriesReport> = keys
        .par_iter()
        .enumerate()
        .map(|(k, key)| {
            let reason = untestable(&rows, |i| {
                let row = rows.row(i);
                row.subject == key.0 && row.channel == key.1
            });
            match reason {
                Some(reason) => untested(&series[key], &options.breaks, reason),
                None => analyse(&series[key], &options.breaks, options.boot, options.seed, k as u64),
            }
        })
        .collect();
    with_output(out, |w| write(w, options, &keys, &reports))
}

fn write(w: &mut dyn Write, options: &Options, keys: &[(String, String)], reports: &[SeriesReport]) -> Result<()> {
    let io = |e: std::io::Error| Error::io(UNNAMED_OUTPUT, e);
    match options.format {
        TableFormat::Csv => {
            let mut csv = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(w);
            let err = |e: csv::Error| Error::output(UNNAMED_OUTPUT, format!("cannot write CSV: {e}"));
            csv.write_record(trend_table::header(&options.breaks)).map_err(err)?;
            for ((subject, channel), report) in keys.iter().zip(reports) {
                let mut cells = vec![subject.clone(), channel.clone(), options.metric.clone()];
                cells.extend(trend_table::cells(report));
                csv.write_record(cells).map_err(err)?;
            }
            csv.flush().map_err(io)
        }
        TableFormat::Json => {
            let items: Vec<serde_json::Value> = keys
                .iter()
                .zip(reports)
                .map(|((subject, channel), report)| {
                    serde_json::json!({"subject": subject, "channel": channel, "metric": options.metric, "report": report})
                })
                .collect();
            let text = serde_json::to_string_pretty(&items).map_err(|e| Error::output(UNNAMED_OUTPUT, e))?;
            writeln!(w, "{text}").map_err(io)
        }
        _ => {
            let header = trend_table::header(&options.breaks);
            for ((subject, channel), report) in keys.iter().zip(reports) {
                writeln!(w, "{subject} / {channel} / {}", options.metric).map_err(io)?;
                for (name, cell) in header[3..].iter().zip(trend_table::values(report)) {
                    let shown = cell.shown();
                    if !shown.is_empty() {
                        writeln!(w, "  {name:<24} {shown}").map_err(io)?;
                    }
                }
                writeln!(w).map_err(io)?;
            }
            Ok(())
        }
    }
}
