//! Writing the index table (one row per group) as CSV, JSON, an aligned text table or Parquet.
use std::io::Write;

use polars::prelude::*;
use rayon::prelude::*;

mod cells;
mod pipeline;
pub mod trend;

use crate::error::{Error, Result, UNNAMED_OUTPUT};
use crate::metrics::{Kind, Suite, Value, METRICS};
use crate::panel::Group;
use cells::value_text;
use cells::write_csv_row;
pub(crate) use cells::{index_cells, number, terminal_number};
pub(crate) use pipeline::write_rows_pipelined;

/// Output formats of tabular results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An aligned text table for the terminal.
    Table,
    /// CSV with a header row.
    Csv,
    /// JSON.
    Json,
    /// Apache Parquet.
    Parquet,
}

/// Rows of the index table: a group and its suite.
pub struct IndexTable<'a> {
    /// The groups, one row each.
    pub groups: &'a [Group],
    /// Their suites, in group order.
    pub suites: Suites<'a>,
    /// Multiplier for `hhi` (1 or 10,000).
    pub hhi_scale: f64,
}

/// A CSV writer with '\n' line ends, quoting only where needed.
fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out)
}

/// The output column names in order (docs/METHODS.md §3).
pub(crate) fn header() -> Vec<&'static str> {
    let mut h = vec!["subject", "channel", "year_start", "year_end"];
    h.extend(METRICS.iter().map(|m| m.name));
    h
}

/// A metric value as JSON: a number, a count, a name or null, or the list of flags.
fn json_value(value: Value<'_>) -> serde_json::Value {
    match value {
        Value::Number(x) => x.map_or(serde_json::Value::Null, |v| serde_json::json!(v + 0.0)),
        Value::Count(n) => n.map_or(serde_json::Value::Null, Into::into),
        Value::Partner(name) => name.map_or(serde_json::Value::Null, Into::into),
        Value::Flags(f) => {
            serde_json::Value::Array(f.render().split(';').filter(|f| !f.is_empty()).map(|f| f.to_string().into()).collect())
        }
    }
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
        let csv_error = |e: csv::Error| Error::io(UNNAMED_OUTPUT, e.into());
        let mut head = csv_writer(&mut *out);
        head.write_record(header()).map_err(csv_error)?;
        head.flush().map_err(|e| Error::io(UNNAMED_OUTPUT, e))?;
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
            block.into_inner().map_err(|e| Error::io(UNNAMED_OUTPUT, e.into_error()))
        })
    }

    /// JSON: an array of objects, one per row (null for undefined).
    pub(crate) fn write_json(&self, out: &mut dyn Write) -> Result<()> {
        let io = |e: std::io::Error| Error::io(UNNAMED_OUTPUT, e);
        let suites = self.computed();
        out.write_all(b"[\n").map_err(io)?;
        for i in 0..self.groups.len() {
            let (g, s) = (&self.groups[i], &suites[i]);
            let mut object = serde_json::Map::new();
            object.insert("subject".into(), g.subject.to_string().into());
            object.insert("channel".into(), g.channel.to_string().into());
            object.insert("year_start".into(), g.year_start.into());
            object.insert("year_end".into(), g.year_end.into());
            for m in &METRICS {
                object.insert(m.name.to_string(), json_value(m.of(s, self.hhi_scale)));
            }
            let text = serde_json::to_string(&serde_json::Value::Object(object)).map_err(|e| Error::output(UNNAMED_OUTPUT, e))?;
            let sep = if i + 1 < self.groups.len() { ",\n" } else { "\n" };
            write!(out, "  {text}{sep}").map_err(io)?;
        }
        out.write_all(b"]\n").map_err(io)
    }

    /// An aligned table for the terminal: numbers to 4 decimals.
    pub(crate) fn write_table(&self, out: &mut dyn Write) -> Result<()> {
        let io = |e: std::io::Error| Error::io(UNNAMED_OUTPUT, e);
        let header = header();
        let suites = self.computed();
        // A fractional number to 4 decimals; whole numbers, counts and text as written.
        let shown = |value: Value<'_>| match value {
            Value::Number(Some(x)) => terminal_number(x),
            value => value_text(value),
        };
        let rows: Vec<Vec<String>> = (0..self.groups.len())
            .map(|i| {
                let g = &self.groups[i];
                let mut row = vec![g.subject.to_string(), g.channel.to_string(), g.year_start.to_string(), g.year_end.to_string()];
                row.extend(METRICS.iter().map(|m| shown(m.of(&suites[i], self.hhi_scale))));
                row
            })
            .collect();
        // Names and flags read left to right; numbers align right.
        let left: Vec<bool> =
            [true, true, false, false].into_iter().chain(METRICS.iter().map(|m| matches!(m.kind, Kind::Partner | Kind::Flags))).collect();
        let widths: Vec<usize> =
            (0..header.len()).map(|c| rows.iter().map(|r| r[c].chars().count()).chain([header[c].len()]).max().unwrap_or(0)).collect();
        let line = |cells: Vec<&str>| -> String {
            cells
                .iter()
                .enumerate()
                .map(|(c, cell)| if left[c] { format!("{cell:<w$}", w = widths[c]) } else { format!("{cell:>w$}", w = widths[c]) })
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
    pub(crate) fn to_frame(&self) -> Result<DataFrame> {
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
        ];
        for m in &METRICS {
            let name = m.name.into();
            let column = match m.kind {
                Kind::Number => Column::new(name, float(&|i| m.of(&s[i], self.hhi_scale).number())),
                Kind::Count => Column::new(name, (0..n).map(|i| m.of(&s[i], 1.0).number().map(|r| r as u32)).collect::<Vec<Option<u32>>>()),
                // A name is null where undefined; the flags are always text.
                Kind::Partner | Kind::Flags => Column::new(
                    name,
                    text(&|i| match m.of(&s[i], 1.0) {
                        Value::Partner(name) => name.map(String::from),
                        value => Some(value_text(value)),
                    }),
                ),
            };
            columns.push(column);
        }
        DataFrame::new(n, columns).map_err(|e| Error::output(UNNAMED_OUTPUT, format!("cannot build table: {e}")))
    }

    /// Parquet, through a polars DataFrame (nulls for undefined).
    pub(crate) fn write_parquet(&self, out: &mut dyn Write) -> Result<()> {
        let mut frame = self.to_frame()?;
        ParquetWriter::new(out).finish(&mut frame).map_err(|e| Error::output(UNNAMED_OUTPUT, format!("cannot write Parquet: {e}")))?;
        Ok(())
    }

    /// The table in `format`.
    pub fn write(&self, format: Format, out: &mut dyn Write) -> Result<()> {
        match format {
            Format::Table => self.write_table(out),
            Format::Csv => self.write_csv(out),
            Format::Json => self.write_json(out),
            Format::Parquet => self.write_parquet(out),
        }
    }
}
