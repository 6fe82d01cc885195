//! Writing the index table (one row per group) as CSV, JSON, an aligned text table or Parquet.
use std::io::Write;

use polars::prelude::*;
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::metrics::{Suite, COLUMNS};
use crate::panel::Group;

/// Output formats of tabular results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Parquet,
}

/// Rows of the index table: a group and its suite.
pub struct IndexTable<'a> {
    pub groups: &'a [Group],
    pub suites: Suites<'a>,
    /// Multiplier for `hhi` (1 or 10,000).
    pub hhi_scale: f64,
}

/// The output column names in order (DESIGN.md §3).
pub fn header() -> Vec<&'static str> {
    let mut h = vec!["subject", "channel", "year_start", "year_end"];
    h.extend_from_slice(&COLUMNS);
    h
}

/// Appends `field`, quoted if it holds a comma, quote or line break.
fn push_csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Shortest decimal that reads back to the same f64; never "-0".
pub fn number(x: f64) -> String {
    let mut text = String::new();
    push_number(&mut text, x);
    text
}

/// Appends `number(x)` to `out` without a temporary string ("" when not finite).
fn push_number(out: &mut String, x: f64) {
    let x = x + 0.0;
    if x.is_finite() {
        crate::decimal::push_shortest(out, x);
    }
}

/// One cell of an index-table row before it becomes text.
enum Cell<'a> {
    Text(&'a str),
    Number(Option<f64>),
    Count(Option<usize>),
    Year(i32),
    Flags(crate::metrics::Flags),
}

impl Cell<'_> {
    /// Appends the cell's text ("" for undefined); text cells are CSV-quoted if `quote`.
    fn push_to(&self, out: &mut String, quote: bool) {
        use std::fmt::Write as _;
        match self {
            Cell::Text(t) if quote => push_csv_field(out, t),
            Cell::Text(t) => out.push_str(t),
            Cell::Number(x) => push_number(out, x.unwrap_or(f64::NAN)),
            Cell::Count(n) => {
                if let Some(n) = n {
                    let _ = write!(out, "{n}");
                }
            }
            Cell::Year(y) => {
                let _ = write!(out, "{y}");
            }
            Cell::Flags(f) => f.push_to(out),
        }
    }
}

/// The cells of one index-table row, in `header()` order.
fn cells<'a>(subject: &'a str, channel: &'a str, year_start: i32, year_end: i32, s: &'a Suite, hhi_scale: f64) -> [Cell<'a>; 22] {
    [
        Cell::Text(subject),
        Cell::Text(channel),
        Cell::Year(year_start),
        Cell::Year(year_end),
        Cell::Number(Some(s.total)),
        Cell::Count(Some(s.richness)),
        Cell::Number(s.hhi.map(|h| h * hhi_scale)),
        Cell::Number(s.hhi_norm),
        Cell::Number(s.unctad),
        Cell::Number(s.enp),
        Cell::Number(s.shannon),
        Cell::Number(s.hill1),
        Cell::Number(s.pielou),
        Cell::Number(s.gini),
        Cell::Number(s.theil),
        Cell::Number(s.cr1),
        Cell::Text(s.cr1_partner.as_deref().unwrap_or("")),
        Cell::Number(s.cr3),
        Cell::Number(s.focal_share),
        Cell::Count(s.focal_rank),
        Cell::Number(s.dominance),
        Cell::Flags(s.flags),
    ]
}

/// The cells of one index-table row ("" for undefined), in `header()` order.
pub fn index_cells(subject: &str, channel: &str, year_start: i32, year_end: i32, s: &Suite, hhi_scale: f64) -> Vec<String> {
    cells(subject, channel, year_start, year_end, s, hhi_scale)
        .iter()
        .map(|cell| {
            let mut text = String::new();
            cell.push_to(&mut text, false);
            text
        })
        .collect()
}

/// Appends one index-table row as a CSV line.
fn push_csv_row(out: &mut String, g: &Group, s: &Suite, hhi_scale: f64) {
    for (c, cell) in cells(&g.subject, &g.channel, g.year_start, g.year_end, s, hhi_scale).iter().enumerate() {
        if c > 0 {
            out.push(',');
        }
        cell.push_to(out, true);
    }
    out.push('\n');
}

/// Rows per block formatted by one task, and blocks per batch handed to the writer.
const BLOCK_ROWS: usize = 4096;
const BATCH_BLOCKS: usize = 64;

/// Writes `rows` text rows made by `push_row`: blocks of rows are formatted in parallel
/// while the previous batch is being written, and written in row order, so the bytes do
/// not depend on the thread count and at most two batches are held in memory.
pub fn write_rows_pipelined(out: &mut dyn Write, rows: usize, push_row: impl Fn(usize, &mut String) + Sync) -> Result<()> {
    let io = |e: std::io::Error| Error::io("output", e);
    std::thread::scope(|scope| {
        let (batches, received) = std::sync::mpsc::sync_channel::<Vec<String>>(1);
        let push_row = &push_row;
        scope.spawn(move || {
            for first in (0..rows).step_by(BLOCK_ROWS * BATCH_BLOCKS) {
                let last = (first + BLOCK_ROWS * BATCH_BLOCKS).min(rows);
                let blocks: Vec<String> = (first..last)
                    .step_by(BLOCK_ROWS)
                    .collect::<Vec<usize>>()
                    .into_par_iter()
                    .map(|start| {
                        let mut text = String::with_capacity(BLOCK_ROWS * 256);
                        for i in start..(start + BLOCK_ROWS).min(last) {
                            push_row(i, &mut text);
                        }
                        text
                    })
                    .collect();
                // The receiver is gone only after a write error; stop formatting then.
                if batches.send(blocks).is_err() {
                    return;
                }
            }
        });
        for blocks in received {
            for block in blocks {
                out.write_all(block.as_bytes()).map_err(io)?;
            }
        }
        Ok(())
    })
}

/// Where an index table's suites come from.
#[derive(Clone, Copy)]
pub enum Suites<'a> {
    /// Computed beforehand, one per group.
    Computed(&'a [Suite]),
    /// Computed for each row as it is written, so no table of suites is held in memory.
    OnDemand(&'a (dyn Fn(usize) -> Suite + Sync)),
}

impl IndexTable<'_> {
    /// Every row's suite, computing them (in parallel) if they are made on demand.
    fn computed(&self) -> std::borrow::Cow<'_, [Suite]> {
        match self.suites {
            Suites::Computed(s) => std::borrow::Cow::Borrowed(s),
            Suites::OnDemand(make) => std::borrow::Cow::Owned((0..self.groups.len()).into_par_iter().map(make).collect()),
        }
    }

    /// CSV (RFC 4180 quoting where needed), formatted in parallel and written in order.
    pub fn write_csv(&self, out: &mut dyn Write) -> Result<()> {
        let io = |e: std::io::Error| Error::io("output", e);
        out.write_all(header().join(",").as_bytes()).map_err(io)?;
        out.write_all(b"\n").map_err(io)?;
        write_rows_pipelined(out, self.groups.len(), |i, text| match self.suites {
            Suites::Computed(s) => push_csv_row(text, &self.groups[i], &s[i], self.hhi_scale),
            Suites::OnDemand(make) => push_csv_row(text, &self.groups[i], &make(i), self.hhi_scale),
        })
    }

    pub fn write_json(&self, out: &mut dyn Write) -> Result<()> {
        let io = |e: std::io::Error| Error::io("output", e);
        let header = header();
        let suites = self.computed();
        out.write_all(b"[\n").map_err(io)?;
        for i in 0..self.groups.len() {
            let (g, s) = (&self.groups[i], &suites[i]);
            let mut object = serde_json::Map::new();
            object.insert("subject".into(), g.subject.to_string().into());
            object.insert("channel".into(), g.channel.to_string().into());
            object.insert("year_start".into(), g.year_start.into());
            object.insert("year_end".into(), g.year_end.into());
            let num =
                |x: Option<f64>| x.map_or(serde_json::Value::Null, |v| serde_json::json!(v + 0.0));
            object.insert("total".into(), num(Some(s.total)));
            object.insert("richness".into(), s.richness.into());
            for name in &header[6..] {
                let value = match *name {
                    "hhi" => num(s.hhi.map(|h| h * self.hhi_scale)),
                    "cr1_partner" => s
                        .cr1_partner
                        .clone()
                        .map_or(serde_json::Value::Null, Into::into),
                    "focal_rank" => s.focal_rank.map_or(serde_json::Value::Null, Into::into),
                    "flags" => serde_json::Value::Array(
                        s.flags
                            .render()
                            .split(';')
                            .filter(|f| !f.is_empty())
                            .map(|f| f.to_string().into())
                            .collect(),
                    ),
                    other => num(s.metric(other)),
                };
                object.insert(name.to_string(), value);
            }
            let text = serde_json::to_string(&serde_json::Value::Object(object))
                .map_err(|e| Error::Usage(e.to_string()))?;
            let sep = if i + 1 < self.groups.len() {
                ",\n"
            } else {
                "\n"
            };
            write!(out, "  {text}{sep}").map_err(io)?;
        }
        out.write_all(b"]\n").map_err(io)
    }

    /// An aligned table for the terminal: numbers to 4 decimals.
    pub fn write_table(&self, out: &mut dyn Write) -> Result<()> {
        let io = |e: std::io::Error| Error::io("output", e);
        let header = header();
        let suites = self.computed();
        let rows: Vec<Vec<String>> = (0..self.groups.len())
            .map(|i| {
                let g = &self.groups[i];
                index_cells(&g.subject, &g.channel, g.year_start, g.year_end, &suites[i], self.hhi_scale)
                    .into_iter()
                    .enumerate()
                    .map(|(c, cell)| match cell.parse::<f64>() {
                        Ok(x) if c >= 4 && cell.contains('.') => format!("{x:.4}"),
                        _ => cell,
                    })
                    .collect()
            })
            .collect();
        let widths: Vec<usize> = (0..header.len())
            .map(|c| {
                rows.iter()
                    .map(|r| r[c].chars().count())
                    .chain([header[c].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: Vec<&str>| -> String {
            cells
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    if c < 2 || c == 16 || c == 21 {
                        format!("{cell:<w$}", w = widths[c])
                    } else {
                        format!("{cell:>w$}", w = widths[c])
                    }
                })
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
        };
        writeln!(out, "{}", line(header.clone())).map_err(io)?;
        for r in &rows {
            writeln!(out, "{}", line(r.iter().map(String::as_str).collect())).map_err(io)?;
        }
        Ok(())
    }

    /// The table as a polars DataFrame (nulls for undefined), for Parquet output.
    pub fn to_frame(&self) -> Result<DataFrame> {
        let n = self.groups.len();
        let text =
            |f: &dyn Fn(usize) -> Option<String>| (0..n).map(f).collect::<Vec<Option<String>>>();
        let float = |f: &dyn Fn(usize) -> Option<f64>| (0..n).map(f).collect::<Vec<Option<f64>>>();
        let suites = self.computed();
        let (g, s) = (self.groups, &suites[..]);
        let mut columns: Vec<Column> = vec![
            Column::new("subject".into(), text(&|i| Some(g[i].subject.to_string()))),
            Column::new("channel".into(), text(&|i| Some(g[i].channel.to_string()))),
            Column::new(
                "year_start".into(),
                (0..n).map(|i| g[i].year_start).collect::<Vec<i32>>(),
            ),
            Column::new(
                "year_end".into(),
                (0..n).map(|i| g[i].year_end).collect::<Vec<i32>>(),
            ),
            Column::new("total".into(), float(&|i| Some(s[i].total))),
            Column::new(
                "richness".into(),
                (0..n).map(|i| s[i].richness as u32).collect::<Vec<u32>>(),
            ),
        ];
        for name in &header()[6..] {
            let column = match *name {
                "hhi" => Column::new(
                    "hhi".into(),
                    float(&|i| s[i].hhi.map(|h| h * self.hhi_scale)),
                ),
                "cr1_partner" => {
                    Column::new("cr1_partner".into(), text(&|i| s[i].cr1_partner.clone()))
                }
                "focal_rank" => Column::new(
                    "focal_rank".into(),
                    (0..n)
                        .map(|i| s[i].focal_rank.map(|r| r as u32))
                        .collect::<Vec<Option<u32>>>(),
                ),
                "flags" => Column::new("flags".into(), text(&|i| Some(s[i].flags.render()))),
                other => Column::new((*other).into(), float(&|i| s[i].metric(other))),
            };
            columns.push(column);
        }
        DataFrame::new(n, columns).map_err(|e| Error::Usage(format!("cannot build table: {e}")))
    }

    pub fn write_parquet(&self, out: &mut dyn Write) -> Result<()> {
        let mut frame = self.to_frame()?;
        ParquetWriter::new(out)
            .finish(&mut frame)
            .map_err(|e| Error::Usage(format!("cannot write Parquet: {e}")))?;
        Ok(())
    }

    pub fn write(&self, format: Format, out: &mut dyn Write) -> Result<()> {
        match format {
            Format::Table => self.write_table(out),
            Format::Csv => self.write_csv(out),
            Format::Json => self.write_json(out),
            Format::Parquet => self.write_parquet(out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sink that fails once more than `limit` bytes were written.
    struct FailingSink {
        written: usize,
        limit: usize,
    }

    impl Write for FailingSink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.written + buf.len() > self.limit {
                return Err(std::io::Error::other("disk full"));
            }
            self.written += buf.len();
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn pipelined_rows_arrive_in_order_across_batches() {
        let rows = 2 * BLOCK_ROWS * BATCH_BLOCKS + 3 * BLOCK_ROWS + 17;
        let mut out = Vec::new();
        write_rows_pipelined(&mut out, rows, |i, text| text.push_str(&format!("{i}\n"))).unwrap();
        let expected: String = (0..rows).map(|i| format!("{i}\n")).collect();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn pipelined_write_error_is_returned_and_formatting_stops() {
        let rows = 4 * BLOCK_ROWS * BATCH_BLOCKS;
        let formatted = std::sync::atomic::AtomicUsize::new(0);
        let mut sink = FailingSink { written: 0, limit: 1000 };
        let result = write_rows_pipelined(&mut sink, rows, |i, text| {
            formatted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            text.push_str(&format!("{i}\n"));
        });
        assert!(matches!(result, Err(Error::Io { .. })), "{result:?}");
        // The writer failed on the first batch: at most the batches already in flight
        // (one written, one queued, one being formatted) were formatted, not all four.
        assert!(formatted.into_inner() <= 3 * BLOCK_ROWS * BATCH_BLOCKS);
    }

    #[test]
    fn number_is_shortest_round_trip_and_never_negative_zero() {
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number(1e-7), "0.0000001");
        assert_eq!(number(f64::NAN), "");
        assert_eq!(number(2.0), "2");
    }
}
