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
    pub suites: &'a [Suite],
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
    let x = x + 0.0;
    if x.is_finite() {
        format!("{x}")
    } else {
        String::new()
    }
}

/// The cells of one index-table row ("" for undefined), in `header()` order.
pub fn index_cells(subject: &str, channel: &str, year_start: i32, year_end: i32, s: &Suite, hhi_scale: f64) -> Vec<String> {
    let opt = |x: Option<f64>| x.map_or(String::new(), number);
    vec![
            subject.to_string(),
            channel.to_string(),
            year_start.to_string(),
            year_end.to_string(),
            number(s.total),
            s.richness.to_string(),
            opt(s.hhi.map(|h| h * hhi_scale)),
            opt(s.hhi_norm),
            opt(s.unctad),
            opt(s.enp),
            opt(s.shannon),
            opt(s.hill1),
            opt(s.pielou),
            opt(s.gini),
            opt(s.theil),
            opt(s.cr1),
            s.cr1_partner.clone().unwrap_or_default(),
            opt(s.cr3),
            opt(s.focal_share),
            s.focal_rank.map_or(String::new(), |r| r.to_string()),
            opt(s.dominance),
            s.flags.render(),
        ]
}

impl IndexTable<'_> {
    /// Cells of row `i` as text ("" for undefined).
    fn cells(&self, i: usize) -> Vec<String> {
        let (g, s) = (&self.groups[i], &self.suites[i]);
        index_cells(&g.subject, &g.channel, g.year_start, g.year_end, s, self.hhi_scale)
    }

    /// CSV (RFC 4180 quoting where needed). Rows are formatted in parallel blocks and
    /// written in order, so the bytes do not depend on the thread count.
    pub fn write_csv(&self, out: &mut dyn Write) -> Result<()> {
        let io = |e: std::io::Error| Error::io("output", e);
        out.write_all(header().join(",").as_bytes()).map_err(io)?;
        out.write_all(b"\n").map_err(io)?;
        // Batches of 64 blocks: formatted in parallel, written in order, then freed.
        let rows: Vec<usize> = (0..self.groups.len()).collect();
        for batch in rows.chunks(4096 * 64) {
            let blocks: Vec<String> = batch
                .par_chunks(4096)
                .map(|rows| {
                    let mut text = String::with_capacity(rows.len() * 256);
                    for &i in rows {
                        for (c, cell) in self.cells(i).iter().enumerate() {
                            if c > 0 {
                                text.push(',');
                            }
                            push_csv_field(&mut text, cell);
                        }
                        text.push('\n');
                    }
                    text
                })
                .collect();
            for block in blocks {
                out.write_all(block.as_bytes()).map_err(io)?;
            }
        }
        Ok(())
    }

    pub fn write_json(&self, out: &mut dyn Write) -> Result<()> {
        let io = |e: std::io::Error| Error::io("output", e);
        let header = header();
        out.write_all(b"[\n").map_err(io)?;
        for i in 0..self.groups.len() {
            let (g, s) = (&self.groups[i], &self.suites[i]);
            let mut object = serde_json::Map::new();
            object.insert("subject".into(), g.subject.clone().into());
            object.insert("channel".into(), g.channel.clone().into());
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
        let rows: Vec<Vec<String>> = (0..self.groups.len())
            .map(|i| {
                self.cells(i)
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
        let (g, s) = (self.groups, self.suites);
        let mut columns: Vec<Column> = vec![
            Column::new("subject".into(), text(&|i| Some(g[i].subject.clone()))),
            Column::new("channel".into(), text(&|i| Some(g[i].channel.clone()))),
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
