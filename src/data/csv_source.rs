//! Line-aware CSV reading with the `csv` crate: exact line/column errors that polars cannot give.
use std::cell::RefCell;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};

use super::fields::{validate_row, Cell, CellProblem};
use super::issue::{Issue, IssueLog};
use super::observations::Observations;
use super::record_lines::Breaks;
use super::schema::{Column, ColumnMap};
use crate::error::{Error, Result};

/// What the header of a data file told us.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    /// Where each schema column sits in the file.
    pub columns: ColumnMap,
    /// The header's field names, in file order.
    pub names: Vec<String>,
    /// Columns that are not part of the schema; they are ignored.
    pub unknown: Vec<String>,
}

impl Header {
    /// Logs a row's cell problems, each located at its column in this file.
    pub fn report(&self, path: &str, line: u64, problems: Vec<CellProblem>, log: &mut IssueLog) {
        for p in problems {
            let position = self.columns.get(p.column).map(|i| i + 1);
            log.push(Issue::at_cell(path, line, position, p.column.name(), p.message));
        }
    }
}

/// Checks a header (field names in order) and maps schema columns to positions.
pub(crate) fn parse_header(path: &str, names: &[String], log: &mut IssueLog) -> Option<Header> {
    let mut columns = ColumnMap::default();
    let mut unknown = Vec::new();
    let mut ok = true;
    if names.len() == 1 {
        let only = &names[0];
        for (sep, label) in [(';', "semicolon"), ('\t', "tab"), ('|', "pipe")] {
            if only.contains(sep) {
                log.push(Issue::at_line(
                    path,
                    1,
                    format!("expected comma-separated values, but the header looks {label}-separated: \"{only}\""),
                ));
                return None;
            }
        }
    }
    // First position of each name: a hash map keeps wide headers linear (200,000 columns).
    let mut first_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::with_capacity(names.len());
    for (position, name) in names.iter().enumerate() {
        if let Some(&first) = first_of.get(name.as_str()) {
            log.push(Issue::at_cell(
                path,
                1,
                Some(position + 1),
                name,
                format!("duplicated column name (also column {}): expected unique names", first + 1),
            ));
            ok = false;
            continue;
        }
        first_of.insert(name, position);
        match Column::from_name(name) {
            Some(column) => columns.set(column, position),
            None => unknown.push(name.clone()),
        }
    }
    let missing = columns.missing_required();
    if !missing.is_empty() {
        log.push(Issue::at_line(
            path,
            1,
            format!("missing required column(s): {}; the header has: {}", missing.join(", "), shown_names(names)),
        ));
        ok = false;
    }
    ok.then(|| Header { columns, names: names.to_vec(), unknown })
}

/// The header's names for a message: all of them, or the first 20 and how many more.
fn shown_names(names: &[String]) -> String {
    const SHOWN: usize = 20;
    match names.len() {
        n if n <= SHOWN => names.join(", "),
        n => format!("{}, … and {} more", names[..SHOWN].join(", "), n - SHOWN),
    }
}

/// Reads and validates one CSV file into `out`. Returns the header's unknown columns.
pub fn read_csv(path: &str, out: &mut Observations, log: &mut IssueLog) -> Result<Vec<String>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let head = reader.fill_buf().map_err(|e| Error::io(path, e))?;
    let Some(opening) = inspect_head(path, head, log) else {
        return Ok(Vec::new());
    };
    reader.consume(opening.bom);
    // The csv crate's record positions lie before blank lines and CRLF breaks; `breaks`
    // gives each record's real first line.
    let (reader, breaks) = super::record_lines::BreakRecorder::new(reader);

    let mut csv = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(reader);
    let mut record = csv::ByteRecord::new();
    if !next_record(path, &mut csv, &mut record)? {
        log.push(Issue::at_line(path, 1, "empty file: expected a header line with column names"));
        return Ok(Vec::new());
    }
    let Some(names) = header_names(path, &record, log) else {
        return Ok(Vec::new());
    };
    let Some(header) = parse_header(path, &names, log) else {
        return Ok(Vec::new());
    };

    out.add_file(path, header.columns.clone());
    out.reserve(opening.expected_rows);
    let read = read_rows(path, &mut csv, &mut record, &header, &breaks, out, log)?;
    check_ending(path, &read, opening.bom, log)?;
    Ok(header.unknown)
}

/// What a file's first buffer told us before parsing it.
struct Opening {
    /// Estimated number of data rows, to reserve room for.
    expected_rows: usize,
    /// Length of the UTF-8 byte order mark at the start (0 or 3).
    bom: usize,
}

/// Logs an empty or binary file from its first buffer; otherwise estimates its rows and BOM.
fn inspect_head(path: &str, head: &[u8], log: &mut IssueLog) -> Option<Opening> {
    if head.is_empty() {
        log.push(Issue::at_line(path, 1, "empty file: expected a header line with column names"));
        return None;
    }
    let probe = &head[..head.len().min(8192)];
    if let Some(pos) = probe.iter().position(|&b| b == 0) {
        log.push(Issue::file_level(path, format!("binary file (NUL byte at offset {pos}): expected UTF-8 CSV text")));
        return None;
    }
    let file_len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let sample_lines = head.iter().filter(|&&b| b == b'\n').count();
    let expected_rows = if sample_lines > 1 && (head.len() as u64) < file_len {
        // Average line length of the first buffer, plus 3 % head-room: no doubling for large files.
        (file_len as f64 / (head.len() as f64 / sample_lines as f64) * 1.03) as usize + 16
    } else {
        sample_lines + 1
    };
    let bom = if head.starts_with(&[0xEF, 0xBB, 0xBF]) { 3 } else { 0 };
    Some(Opening { expected_rows, bom })
}

/// Reads the next record; a CSV syntax error becomes an input error at its line.
fn next_record<R: Read>(path: &str, csv: &mut csv::Reader<R>, record: &mut csv::ByteRecord) -> Result<bool> {
    csv.read_byte_record(record).map_err(|e| {
        let line = e.position().map_or(0, |p| p.line());
        Error::Input(vec![Issue::at_line(path, line, format!("cannot read CSV: {e}"))])
    })
}

/// The header record's trimmed field names; None (logged) if one is not UTF-8.
fn header_names(path: &str, record: &csv::ByteRecord, log: &mut IssueLog) -> Option<Vec<String>> {
    let mut names = Vec::with_capacity(record.len());
    for (i, field) in record.iter().enumerate() {
        match std::str::from_utf8(field) {
            Ok(name) => names.push(name.trim().to_string()),
            Err(e) => {
                log.push(Issue::at_cell(
                    path,
                    1,
                    Some(i + 1),
                    "?",
                    format!("invalid UTF-8 at byte {} of the column name", e.valid_up_to()),
                ));
                return None;
            }
        }
    }
    Some(names)
}

/// How many data records a file had and where the last one started.
struct RowsRead {
    rows: usize,
    last_record_byte: u64,
    last_line: u64,
}

/// Validates every data record into `out`, logging ragged rows and cell problems.
fn read_rows<R: Read>(
    path: &str,
    csv: &mut csv::Reader<R>,
    record: &mut csv::ByteRecord,
    header: &Header,
    breaks: &RefCell<Breaks>,
    out: &mut Observations,
    log: &mut IssueLog,
) -> Result<RowsRead> {
    let width = header.names.len();
    let mut read = RowsRead { rows: 0, last_record_byte: 0, last_line: 1 };
    while next_record(path, csv, record)? {
        let position = record.position().cloned().unwrap_or_else(csv::Position::new);
        let line = breaks.borrow_mut().first_line(position.byte());
        read.last_record_byte = position.byte();
        read.last_line = line;
        read.rows += 1;
        if record.len() != width {
            log.push(Issue::at_line(path, line, format!("ragged row: expected {width} fields as in the header, found {}", record.len())));
            continue;
        }
        let Some(text) = schema_texts(path, line, header, record, log) else {
            continue;
        };
        let cell = |c: Column| match header.columns.get(c) {
            Some(_) => Cell::from_text(text[c.index()]),
            None => Cell::Missing,
        };
        match validate_row(cell) {
            Ok(row) => out.push(row, line as u32),
            Err(problems) => header.report(path, line, problems, log),
        }
    }
    Ok(read)
}

/// The schema columns' texts of one record by column index; None (logged) on invalid UTF-8.
fn schema_texts<'r>(
    path: &str,
    line: u64,
    header: &Header,
    record: &'r csv::ByteRecord,
    log: &mut IssueLog,
) -> Option<[&'r str; Column::COUNT]> {
    let mut utf8_ok = true;
    let mut text: [&str; Column::COUNT] = [""; Column::COUNT];
    for column in Column::ALL {
        let Some(p) = header.columns.get(column) else {
            continue;
        };
        match std::str::from_utf8(&record[p]) {
            Ok(t) => text[column.index()] = t,
            Err(e) => {
                log.push(Issue::at_cell(
                    path,
                    line,
                    Some(p + 1),
                    column.name(),
                    format!("invalid UTF-8 at byte {} of the cell: expected UTF-8 text", e.valid_up_to()),
                ));
                utf8_ok = false;
            }
        }
    }
    utf8_ok.then_some(text)
}

/// Logs a file with a header but no data rows, or whose last quoted field is never closed.
fn check_ending(path: &str, read: &RowsRead, bom: usize, log: &mut IssueLog) -> Result<()> {
    if read.rows == 0 {
        log.push(Issue::at_line(path, 1, "header but no data rows: expected at least one observation"));
    } else if has_unterminated_quote(path, read.last_record_byte + bom as u64)? {
        log.push(Issue::at_line(
            path,
            read.last_line,
            "unterminated quoted field: a '\"' opened on this line is never closed before the end of the file",
        ));
    }
    Ok(())
}

/// True when the last record (starting at byte `start`) holds an odd number of
/// quote characters, i.e. a quoted field that runs to the end of the file.
fn has_unterminated_quote(path: &str, start: u64) -> Result<bool> {
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    file.seek(SeekFrom::Start(start)).map_err(|e| Error::io(path, e))?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail).map_err(|e| Error::io(path, e))?;
    Ok(tail.iter().filter(|&&b| b == b'"').count() % 2 == 1)
}
