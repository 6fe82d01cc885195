//! The report's CSV tables from a theses result: annual indices, trend tests, criteria,
//! periods and multiverse outcomes (header and rows each).
use crate::stats::series::{analyse, untested, SeriesReport};
use crate::tables::trend as trend_table;
use crate::tables::{header, index_cells, number};
use crate::theses::{main_specification, Loaded, ThesesResult};

/// A table: its header and its rows.
pub type Table = (Vec<String>, Vec<Vec<String>>);

/// The metrics whose trends the report tests.
pub const TREND_METRICS: [&str; 5] = ["focal_share", "enp", "hhi", "richness", "total"];

/// Annual index suite of the main specification.
pub fn indices(result: &ThesesResult) -> Table {
    let subject = result.subject.as_str();
    let rows = result
        .main
        .channels
        .iter()
        .flat_map(|c| c.series.iter().map(move |p| index_cells(subject, &c.channel, p.year_start, p.year_end, &p.suite, 1.0)))
        .collect();
    (header().iter().map(|s| s.to_string()).collect(), rows)
}

/// One trend analysis of the report: a channel's metric and its tests.
pub struct TrendEntry {
    pub channel: String,
    pub metric: &'static str,
    pub report: SeriesReport,
}

/// Trend and break tests per channel and metric (trends.csv, the JSON and section 4 are
/// made from these values).
pub fn trends(loaded: &Loaded, result: &ThesesResult) -> Vec<TrendEntry> {
    let file = &loaded.file;
    let spec = main_specification(file);
    let mut entries = Vec::new();
    for (k, c) in result.main.channels.iter().enumerate() {
        for (m, metric) in TREND_METRICS.iter().enumerate() {
            let points: Vec<(i32, f64)> = c.series.iter().filter_map(|p| p.suite.metric(metric).map(|v| (p.year_start, v))).collect();
            let report = match &c.trend_note {
                Some(reason) => untested(&points, &spec.breaks, reason.clone()),
                None => analyse(&points, &spec.breaks, file.bootstrap.replicates, file.bootstrap.seed, (k * 16 + m) as u64),
            };
            entries.push(TrendEntry { channel: c.channel.clone(), metric, report });
        }
    }
    entries
}

/// The rows of trends.csv.
pub fn trend_rows(subject: &str, entries: &[TrendEntry]) -> Vec<Vec<String>> {
    entries
        .iter()
        .map(|e| {
            let mut row = vec![subject.to_string(), e.channel.clone(), e.metric.to_string()];
            row.extend(trend_table::cells(&e.report));
            row
        })
        .collect()
}

/// The trends of summary.json.
pub fn trend_json(entries: &[TrendEntry]) -> Vec<serde_json::Value> {
    entries.iter().map(|e| serde_json::json!({"channel": e.channel, "metric": e.metric, "report": e.report})).collect()
}

/// Every claim per channel and the claims across channels ("all").
pub fn criteria(result: &ThesesResult) -> Table {
    let rows = result
        .main
        .channels
        .iter()
        .flat_map(|c| c.criteria.iter().map(move |k| (c.channel.clone(), k)))
        .chain(result.main.overall.criteria.iter().map(|k| ("all".to_string(), k)))
        .map(|(channel, k)| vec![channel, k.id.to_string(), k.thesis.to_string(), k.status.name().to_string(), k.summary.clone()])
        .collect();
    (["channel", "criterion", "thesis", "status", "evidence"].map(String::from).to_vec(), rows)
}

/// Every period of every channel with the numbers its claims are judged on.
pub fn periods(result: &ThesesResult) -> Table {
    let rows = result
        .main
        .channels
        .iter()
        .flat_map(|c| {
            c.periods.iter().map(move |p| {
                let ci = |name: &str| p.interval(name);
                vec![
                    c.channel.clone(),
                    p.start.to_string(),
                    p.end.to_string(),
                    number(p.suite.total),
                    p.suite.richness.to_string(),
                    p.suite.enp.map_or(String::new(), number),
                    ci("enp").map_or(String::new(), |i| number(i.low)),
                    ci("enp").map_or(String::new(), |i| number(i.high)),
                    p.suite.focal_share.map_or(String::new(), number),
                    ci("focal_share").map_or(String::new(), |i| number(i.low)),
                    ci("focal_share").map_or(String::new(), |i| number(i.high)),
                    p.suite.focal_rank.map_or(String::new(), |r| r.to_string()),
                    p.p_focal_first.map_or(String::new(), number),
                    p.suite.dominance.map_or(String::new(), number),
                    ci("dominance").map_or(String::new(), |i| number(i.low)),
                    ci("dominance").map_or(String::new(), |i| number(i.high)),
                    p.suite.cr1_partner.clone().unwrap_or_default(),
                    p.resampling.name().to_string(),
                ]
            })
        })
        .collect();
    let header = [
        "channel",
        "start",
        "end",
        "total",
        "richness",
        "enp",
        "enp_ci_low",
        "enp_ci_high",
        "focal_share",
        "focal_share_ci_low",
        "focal_share_ci_high",
        "focal_rank",
        "p_focal_first",
        "dominance",
        "dominance_ci_low",
        "dominance_ci_high",
        "leader",
        "bootstrap_method",
    ];
    (header.map(String::from).to_vec(), rows)
}

/// Every multiverse specification: its choices, P(T1) and P(T2) overall and per
/// channel, and the weighted late focal share.
pub fn multiverse(result: &ThesesResult, channels: &[String]) -> Table {
    let m = &result.multiverse;
    let mut header: Vec<String> = m.dimensions.iter().map(|d| d.choice.name().to_string()).collect();
    header.extend(["p_t1".to_string(), "p_t2".to_string(), "focal_share".to_string()]);
    header.extend(channels.iter().flat_map(|c| [format!("p_t1_{c}"), format!("p_t2_{c}")]));
    let rows = m
        .specifications
        .iter()
        .map(|o| {
            let mut r: Vec<String> = o.choices.iter().zip(&m.dimensions).map(|(&i, d)| d.values[i].clone()).collect();
            r.push(number(o.p_t1));
            r.push(number(o.p_t2));
            r.push(o.focal_share.map_or(String::new(), number));
            r.extend(o.channels.iter().flat_map(|c| [c.p_t1.map_or(String::new(), number), c.p_t2.map_or(String::new(), number)]));
            r
        })
        .collect();
    (header, rows)
}

/// The multiverse as Parquet: the choice columns as text, every probability and the late
/// focal share as Float64 (null where a channel has no two periods); the same columns
/// and rows as multiverse.csv (schema in docs/METHODS.md §7).
pub fn multiverse_parquet(result: &ThesesResult, channels: &[String]) -> crate::Result<Vec<u8>> {
    use polars::prelude::{Column, DataFrame, ParquetWriter};
    let m = &result.multiverse;
    let specs = &m.specifications;
    let float =
        |name: String, value: &dyn Fn(usize) -> Option<f64>| Column::new(name.into(), (0..specs.len()).map(value).collect::<Vec<_>>());
    let mut columns: Vec<Column> = m
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            Column::new(dim.choice.name().into(), specs.iter().map(|o| dim.values[o.choices[d]].clone()).collect::<Vec<String>>())
        })
        .collect();
    columns.push(float("p_t1".into(), &|i| Some(specs[i].p_t1)));
    columns.push(float("p_t2".into(), &|i| Some(specs[i].p_t2)));
    columns.push(float("focal_share".into(), &|i| specs[i].focal_share));
    for (k, c) in channels.iter().enumerate() {
        columns.push(float(format!("p_t1_{c}"), &|i| specs[i].channels.get(k).and_then(|x| x.p_t1)));
        columns.push(float(format!("p_t2_{c}"), &|i| specs[i].channels.get(k).and_then(|x| x.p_t2)));
    }
    let fail = |e: polars::prelude::PolarsError| crate::Error::output("multiverse.parquet", e.to_string());
    let mut frame = DataFrame::new(specs.len(), columns).map_err(fail)?;
    let mut bytes = Vec::new();
    ParquetWriter::new(&mut bytes).finish(&mut frame).map_err(fail)?;
    Ok(bytes)
}
