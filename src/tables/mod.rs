//! Writing the index table (one row per group) as CSV, JSON, an aligned text table or Parquet.
use std::io::Write;

use polars::prelude::*;
use rayon::prelude::*;

mod cells;
mod pipeline;

use crate::error::{Error, Result};
use crate::metrics::{Suite, COLUMNS};
use crate::panel::Group;
use cells::write_csv_row;
pub use cells::{index_cells, number};
pub use pipeline::write_rows_pipelined;

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

/// A CSV writer with '\n' line ends, quoting only where needed.
fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out)
}

/// The output column names in order (docs/METHODS.md §3).
pub fn header() -> Vec<&'static str> {
    let mut h = vec!["subject", "channel", "year_start", "year_end"];
    h.extend_from_slice(&COLUMNS);
    h
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

    /// CSV (RFC 4180 quoting where needed, by the csv crate), formatted in parallel and
    /// written in order.
    pub fn write_csv(&self, out: &mut dyn Write) -> Result<()> {
        let csv_error = |e: csv::Error| Error::io("output", e.into());
        let mut head = csv_writer(&mut *out);
        head.write_record(header()).map_err(csv_error)?;
        head.flush().map_err(|e| Error::io("output", e))?;
        drop(head);
        write_rows_pipelined(out, self.groups.len(), |rows| {
            let mut block = csv_writer(Vec::with_capacity(rows.len() * 256));
            let mut text = String::new();
            for i in rows {
                let row = match self.suites {
                    Suites::Computed(s) => write_csv_row(&mut block, &mut text, &self.groups[i], &s[i], self.hhi_scale),
                    Suites::OnDemand(make) => write_csv_row(&mut block, &mut text, &self.groups[i], &make(i), self.hhi_scale),
                };
                row.map_err(csv_error)?;
            }
            block.into_inner().map_err(|e| Error::io("output", e.into_error()))
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
            let num = |x: Option<f64>| x.map_or(serde_json::Value::Null, |v| serde_json::json!(v + 0.0));
            object.insert("total".into(), num(Some(s.total)));
            object.insert("richness".into(), s.richness.into());
            for name in &header[6..] {
                let value = match *name {
                    "hhi" => num(s.hhi.map(|h| h * self.hhi_scale)),
                    "cr1_partner" => s.cr1_partner.clone().map_or(serde_json::Value::Null, Into::into),
                    "focal_rank" => s.focal_rank.map_or(serde_json::Value::Null, Into::into),
                    "flags" => serde_json::Value::Array(
                        s.flags.render().split(';').filter(|f| !f.is_empty()).map(|f| f.to_string().into()).collect(),
                    ),
                    other => num(s.metric(other)),
                };
                object.insert(name.to_string(), value);
            }
            let text = serde_json::to_string(&serde_json::Value::Object(object)).map_err(|e| Error::Usage(e.to_string()))?;
            let sep = if i + 1 < self.groups.len() { ",\n" } else { "\n" };
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
        let widths: Vec<usize> =
            (0..header.len()).map(|c| rows.iter().map(|r| r[c].chars().count()).chain([header[c].len()]).max().unwrap_or(0)).collect();
        let line =
            |cells: Vec<&str>| -> String {
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
        let text = |f: &dyn Fn(usize) -> Option<String>| (0..n).map(f).collect::<Vec<Option<String>>>();
        let float = |f: &dyn Fn(usize) -> Option<f64>| (0..n).map(f).collect::<Vec<Option<f64>>>();
        let suites = self.computed();
        let (g, s) = (self.groups, &suites[..]);
        let mut columns: Vec<Column> = vec![
            Column::new("subject".into(), text(&|i| Some(g[i].subject.to_string()))),
            Column::new("channel".into(), text(&|i| Some(g[i].channel.to_string()))),
            Column::new("year_start".into(), (0..n).map(|i| g[i].year_start).collect::<Vec<i32>>()),
            Column::new("year_end".into(), (0..n).map(|i| g[i].year_end).collect::<Vec<i32>>()),
            Column::new("total".into(), float(&|i| Some(s[i].total))),
            Column::new("richness".into(), (0..n).map(|i| s[i].richness as u32).collect::<Vec<u32>>()),
        ];
        for name in &header()[6..] {
            let column = match *name {
                "hhi" => Column::new("hhi".into(), float(&|i| s[i].hhi.map(|h| h * self.hhi_scale))),
                "cr1_partner" => Column::new("cr1_partner".into(), text(&|i| s[i].cr1_partner.clone())),
                "focal_rank" => {
                    Column::new("focal_rank".into(), (0..n).map(|i| s[i].focal_rank.map(|r| r as u32)).collect::<Vec<Option<u32>>>())
                }
                "flags" => Column::new("flags".into(), text(&|i| Some(s[i].flags.render()))),
                other => Column::new((*other).into(), float(&|i| s[i].metric(other))),
            };
            columns.push(column);
        }
        DataFrame::new(n, columns).map_err(|e| Error::Usage(format!("cannot build table: {e}")))
    }

    pub fn write_parquet(&self, out: &mut dyn Write) -> Result<()> {
        let mut frame = self.to_frame()?;
        ParquetWriter::new(out).finish(&mut frame).map_err(|e| Error::Usage(format!("cannot write Parquet: {e}")))?;
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
