//! Parquet reading through polars, validated cell by cell like CSV.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

use polars::prelude::*;

use super::csv_source::parse_header;
use super::fields::{validate_row, Cell};
use super::issue::{Issue, IssueLog};
use super::observations::Observations;
use super::schema::Column;
use crate::error::{Error, Result};

/// A schema column extracted from a frame in the form the validator reads.
enum Extracted {
    Absent,
    Text(Vec<Option<String>>),
    Number(Vec<Option<f64>>),
    Unsupported(String),
}

impl Extracted {
    fn cell(&self, row: usize) -> Cell<'_> {
        match self {
            Extracted::Absent | Extracted::Unsupported(_) => Cell::Missing,
            Extracted::Text(v) => v[row].as_deref().map_or(Cell::Missing, Cell::from_text),
            Extracted::Number(v) => v[row].map_or(Cell::Missing, Cell::Number),
        }
    }
}

/// Reads a column in the form the validator wants. Every type a Parquet writer uses for
/// these columns is accepted: integers of any width, floats and decimals for numbers;
/// strings and dictionary-encoded strings (pandas `category`, polars `Categorical`)
/// for text; numbers in a text column become their text, text in a numeric column is
/// parsed as in CSV.
fn extract(series: &Series, numeric: bool) -> Extracted {
    let dtype = series.dtype().clone();
    let is_number = dtype.is_numeric() || dtype == DataType::Null;
    let is_text = dtype.is_string() || dtype.is_categorical() || dtype.is_enum();
    if numeric && is_number {
        return match series.cast(&DataType::Float64).and_then(|s| s.f64().cloned()) {
            Ok(ca) => Extracted::Number(ca.iter().collect()),
            Err(e) => Extracted::Unsupported(format!("cannot read as number: {e}")),
        };
    }
    if is_text || is_number {
        return match series.cast(&DataType::String) {
            Ok(s) => match s.str() {
                Ok(ca) => Extracted::Text(ca.iter().map(|v| v.map(str::to_string)).collect()),
                Err(e) => Extracted::Unsupported(e.to_string()),
            },
            Err(e) => Extracted::Unsupported(e.to_string()),
        };
    }
    Extracted::Unsupported(format!("expected {} values, found column type {dtype}", if numeric { "numeric" } else { "text" }))
}

/// Reads a Parquet file through polars and validates it into `out`.
pub fn read_parquet(path: &str, out: &mut Observations, log: &mut IssueLog) -> Result<Vec<String>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let bounded = quietly(|| super::parquet_bounds::check(&bytes)).unwrap_or_else(|| Err("unreadable metadata".into()));
    if let Err(problem) = bounded {
        log.push(Issue::file_level(path, format!("cannot read as Parquet: {problem}")));
        return Ok(Vec::new());
    }
    match guarded(|| ParquetReader::new(std::io::Cursor::new(bytes)).finish()) {
        Ok(frame) => validate_frame(path, &frame, out, log),
        Err(e) => {
            log.push(Issue::file_level(path, format!("cannot read as Parquet: {e}")));
            Ok(Vec::new())
        }
    }
}

/// Panics of guarded readers are not printed while this counts any (see `quietly`).
static QUIET: AtomicUsize = AtomicUsize::new(0);

/// Runs `f`, turning a panic into `None` without printing a library panic message: the
/// process-wide panic hook is wrapped once to stay silent while a guarded call runs.
fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET.load(Ordering::SeqCst) == 0 {
                previous(info);
            }
        }));
    });
    QUIET.fetch_add(1, Ordering::SeqCst);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.fetch_sub(1, Ordering::SeqCst);
    result.ok()
}

/// Runs a polars reader, turning a panic inside polars (malformed input it does
/// not anticipate) into an ordinary error, so no input can crash the program.
fn guarded(read: impl FnOnce() -> PolarsResult<DataFrame>) -> PolarsResult<DataFrame> {
    quietly(read).unwrap_or_else(|| Err(PolarsError::ComputeError("the reader failed on malformed input".into())))
}

fn frame_names(frame: &DataFrame) -> Vec<String> {
    frame.get_column_names().iter().map(|n| n.to_string()).collect()
}

fn validate_frame(path: &str, frame: &DataFrame, out: &mut Observations, log: &mut IssueLog) -> Result<Vec<String>> {
    let names = frame_names(frame);
    let Some(header) = parse_header(path, &names, log) else {
        return Ok(Vec::new());
    };
    if frame.height() == 0 {
        log.push(Issue::file_level(path, "no rows: expected at least one observation"));
        return Ok(header.unknown);
    }
    // Parquet has no header line; row i is reported as line i + 2, as in the same CSV.
    validate_rows(path, frame, &header, |row| row as u64 + 2, out, log);
    Ok(header.unknown)
}

fn validate_rows(
    path: &str,
    frame: &DataFrame,
    header: &super::csv_source::Header,
    line_of: impl Fn(usize) -> u64,
    out: &mut Observations,
    log: &mut IssueLog,
) {
    let columns: Vec<Extracted> = Column::ALL
        .iter()
        .map(|c| match header.columns.get(*c) {
            None => Extracted::Absent,
            Some(p) => match frame.columns().get(p) {
                Some(col) => quietly(|| extract(col.as_materialized_series(), c.is_numeric()))
                    .unwrap_or_else(|| Extracted::Unsupported("cannot read this column's type".into())),
                None => Extracted::Absent,
            },
        })
        .collect();
    for (c, extracted) in Column::ALL.iter().zip(&columns) {
        let message = match extracted {
            Extracted::Unsupported(message) => Some(message.clone()),
            // A corrupt file can yield a column shorter than the frame.
            Extracted::Text(v) if v.len() != frame.height() => {
                Some(format!("{} values where the file has {} rows", v.len(), frame.height()))
            }
            Extracted::Number(v) if v.len() != frame.height() => {
                Some(format!("{} values where the file has {} rows", v.len(), frame.height()))
            }
            _ => None,
        };
        if let Some(message) = message {
            log.push(Issue::at_cell(path, 1, header.columns.get(*c).map(|p| p + 1), c.name(), message));
        }
    }
    if !log.is_empty() {
        return;
    }
    out.add_file(path, header.columns.clone());
    for row in 0..frame.height() {
        let line = line_of(row);
        match validate_row(|c| columns[c.index()].cell(row)) {
            Ok(input) => out.push(input, line as u32),
            Err(problems) => header.report(path, line, problems, log),
        }
    }
}
