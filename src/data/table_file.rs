//! Small auxiliary CSV tables (partner registry, frameworks): read with line numbers, strictly.
use std::cell::RefCell;

use super::issue::{Issue, IssueLog};
use super::record_lines::Breaks;
use crate::error::{Error, Result};

/// A small CSV table held as text, each row with its 1-based line number.
#[derive(Debug, Clone)]
pub struct TextTable {
    /// The file, as named in issues.
    pub path: String,
    /// The header's column names.
    pub header: Vec<String>,
    /// Every data row with its 1-based line number.
    pub rows: Vec<(u64, Vec<String>)>,
}

impl TextTable {
    /// Reads `path`; ragged rows, invalid UTF-8, duplicate or missing `required` columns are errors.
    pub fn read(path: &str, required: &[&str]) -> Result<TextTable> {
        crate::paths::check_regular_file(std::path::Path::new(path))?;
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let mut log = IssueLog::new(50);
        let text = decode_text(path, &bytes)?;
        let (bytes, breaks) = super::record_lines::BreakRecorder::new(text.as_bytes());
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
        let mut records = reader.records();
        let header = read_header(path, &mut records)?;
        check_header(path, &header, required, &mut log);
        let rows = read_rows(path, records, header.len(), &breaks, &mut log);
        if !log.is_empty() {
            return Err(Error::Input(log.into_issues(path)));
        }
        Ok(TextTable { path: path.to_string(), header, rows })
    }

    /// Position of a column (which `read` guaranteed for required ones).
    pub fn position(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// The cell of `row` in column `name`, or "" when the column is absent.
    pub fn cell<'a>(&self, row: &'a [String], name: &str) -> &'a str {
        self.position(name).map_or("", |p| row[p].as_str())
    }

    /// An issue located at a cell of this table.
    pub fn issue(&self, line: u64, column: &str, message: impl Into<String>) -> Issue {
        Issue::at_cell(&self.path, line, self.position(column).map(|p| p + 1), column, message)
    }
}

/// The file's text without a BOM; an empty, binary or non-UTF-8 file is an error.
fn decode_text<'a>(path: &str, bytes: &'a [u8]) -> Result<&'a str> {
    if bytes.is_empty() {
        return Err(Error::Input(vec![Issue::at_line(path, 1, "empty file: expected a header line")]));
    }
    if bytes.contains(&0) {
        return Err(Error::file(path, "binary file (NUL byte): expected UTF-8 CSV text"));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        Error::Input(vec![Issue::at_line(path, line, "invalid UTF-8: expected UTF-8 text")])
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// The first record's trimmed field names; an unreadable or missing header is an error.
fn read_header(path: &str, records: &mut impl Iterator<Item = csv::Result<csv::StringRecord>>) -> Result<Vec<String>> {
    match records.next() {
        Some(Ok(r)) => Ok(r.iter().map(|s| s.trim().to_string()).collect()),
        Some(Err(e)) => Err(Error::Input(vec![Issue::at_line(path, 1, format!("cannot read CSV: {e}"))])),
        None => Err(Error::Input(vec![Issue::at_line(path, 1, "empty file: expected a header line")])),
    }
}

/// Logs duplicated column names and missing `required` columns.
fn check_header(path: &str, header: &[String], required: &[&str], log: &mut IssueLog) {
    for (i, name) in header.iter().enumerate() {
        if header[..i].contains(name) {
            log.push(Issue::at_cell(path, 1, Some(i + 1), name, "duplicated column name: expected unique names"));
        }
    }
    let missing: Vec<&str> = required.iter().copied().filter(|r| !header.iter().any(|h| h == r)).collect();
    if !missing.is_empty() {
        log.push(Issue::at_line(path, 1, format!("missing required column(s): {}", missing.join(", "))));
    }
}

/// The data rows with their lines, trimmed; logs ragged and unreadable records.
fn read_rows(
    path: &str,
    records: impl Iterator<Item = csv::Result<csv::StringRecord>>,
    width: usize,
    breaks: &RefCell<Breaks>,
    log: &mut IssueLog,
) -> Vec<(u64, Vec<String>)> {
    let mut rows = Vec::new();
    for record in records {
        match record {
            Ok(r) => {
                let line = breaks.borrow_mut().line_of(r.position());
                if r.len() != width {
                    log.push(Issue::at_line(
                        path,
                        line,
                        format!("ragged row: expected {} fields as in the header, found {}", width, r.len()),
                    ));
                    continue;
                }
                rows.push((line, r.iter().map(|s| s.trim().to_string()).collect()));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                log.push(Issue::at_line(path, line, format!("cannot read CSV: {e}")));
            }
        }
    }
    rows
}
