//! Parquet and JSON Lines reading through polars, validated cell by cell like CSV.
use std::fs::File;
use std::io::{BufRead, BufReader};

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

fn extract(series: &Series, numeric: bool) -> Extracted {
    let dtype = series.dtype().clone();
    if numeric && (dtype.is_primitive_numeric() || dtype == DataType::Null) {
        return match series
            .cast(&DataType::Float64)
            .and_then(|s| s.f64().cloned())
        {
            Ok(ca) => Extracted::Number(ca.iter().collect()),
            Err(e) => Extracted::Unsupported(format!("cannot read as number: {e}")),
        };
    }
    if dtype == DataType::String
        || dtype == DataType::Null
        || (!numeric && dtype.is_primitive_numeric())
    {
        return match series.cast(&DataType::String) {
            Ok(s) => match s.str() {
                Ok(ca) => Extracted::Text(ca.iter().map(|v| v.map(str::to_string)).collect()),
                Err(e) => Extracted::Unsupported(e.to_string()),
            },
            Err(e) => Extracted::Unsupported(e.to_string()),
        };
    }
    Extracted::Unsupported(format!(
        "expected {} values, found column type {dtype}",
        if numeric { "numeric" } else { "text" }
    ))
}

/// Reads a Parquet file through polars and validates it into `out`.
pub fn read_parquet(path: &str, out: &mut Observations, log: &mut IssueLog) -> Result<Vec<String>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    match guarded(|| ParquetReader::new(file).finish()) {
        Ok(frame) => validate_frame(path, &frame, out, log),
        Err(e) => {
            log.push(Issue::file_level(
                path,
                format!("cannot read as Parquet: {e}"),
            ));
            Ok(Vec::new())
        }
    }
}

/// Reads a JSON Lines file through polars and validates it into `out`. The
/// frame's row i is the i-th non-blank line, so errors name the real line.
pub fn read_json_lines(
    path: &str,
    out: &mut Observations,
    log: &mut IssueLog,
) -> Result<Vec<String>> {
    let lines = check_json_lines(path, log)?;
    if !log.is_empty() {
        return Ok(Vec::new());
    }
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    match guarded(|| {
        JsonReader::new(file)
            .with_json_format(JsonFormat::JsonLines)
            .finish()
    }) {
        Ok(frame) => {
            let names = frame_names(&frame);
            let Some(header) = parse_header(path, &names, log) else {
                return Ok(Vec::new());
            };
            validate_rows(
                path,
                &frame,
                &header,
                |row| lines.get(row).copied().unwrap_or(0),
                out,
                log,
            );
            Ok(header.unknown)
        }
        Err(e) => {
            log.push(Issue::file_level(
                path,
                format!("cannot read as JSON Lines: {e}"),
            ));
            Ok(Vec::new())
        }
    }
}

/// Checks each non-blank line is a JSON object (exact line numbers, which polars
/// does not give) and returns the line number of each record.
fn check_json_lines(path: &str, log: &mut IssueLog) -> Result<Vec<u64>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut lines = Vec::new();
    let mut buffer = Vec::new();
    let mut reader = BufReader::new(file);
    let mut number = 0u64;
    loop {
        buffer.clear();
        let n = reader
            .read_until(b'\n', &mut buffer)
            .map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        number += 1;
        if buffer.contains(&0) {
            log.push(Issue::at_line(
                path,
                number,
                "binary content (NUL byte): expected a JSON object per line",
            ));
            return Ok(lines);
        }
        let text = match std::str::from_utf8(&buffer) {
            Ok(t) => t.trim(),
            Err(e) => {
                log.push(Issue::at_line(
                    path,
                    number,
                    format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()),
                ));
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(_)) => lines.push(number),
            Ok(_) => log.push(Issue::at_line(
                path,
                number,
                "expected a JSON object, found another JSON value",
            )),
            Err(e) => log.push(Issue::at_line(
                path,
                number,
                format!("invalid JSON (column {}): {e}", e.column()),
            )),
        }
        if log.is_full() {
            break;
        }
    }
    if number == 0 {
        log.push(Issue::at_line(
            path,
            1,
            "empty file: expected one JSON object per line",
        ));
    } else if lines.is_empty() && log.is_empty() {
        log.push(Issue::at_line(
            path,
            1,
            "no records: expected at least one JSON object",
        ));
    }
    Ok(lines)
}

/// Runs a polars reader, turning a panic inside polars (malformed input it does
/// not anticipate) into an ordinary error, so no input can crash the program.
fn guarded(read: impl FnOnce() -> PolarsResult<DataFrame>) -> PolarsResult<DataFrame> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(PolarsError::ComputeError(
            "the reader failed on malformed input".into(),
        ))
    })
}

fn frame_names(frame: &DataFrame) -> Vec<String> {
    frame
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect()
}

fn validate_frame(
    path: &str,
    frame: &DataFrame,
    out: &mut Observations,
    log: &mut IssueLog,
) -> Result<Vec<String>> {
    let names = frame_names(frame);
    let Some(header) = parse_header(path, &names, log) else {
        return Ok(Vec::new());
    };
    if frame.height() == 0 {
        log.push(Issue::file_level(
            path,
            "no rows: expected at least one observation",
        ));
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
                Some(col) => extract(col.as_materialized_series(), c.is_numeric()),
                None => Extracted::Absent,
            },
        })
        .collect();
    for (c, extracted) in Column::ALL.iter().zip(&columns) {
        if let Extracted::Unsupported(message) = extracted {
            log.push(Issue::at_cell(
                path,
                1,
                header.columns.get(*c).map(|p| p + 1),
                c.name(),
                message.clone(),
            ));
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
