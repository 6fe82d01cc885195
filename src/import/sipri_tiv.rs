//! SIPRI "TIV of arms exports from X" matrices: recipients × years. A '0' means a value
//! below 0.5 m and becomes 0.25 with bounds [0, 0.5] (flagged); an empty cell means no
//! delivery and gives no row. The Total column is checked against the row sum.
use super::{amount, read_text, ImportRow};
use crate::data::issue::{Issue, IssueLog};
use crate::data::record_lines::BreakRecorder;
use crate::error::{Error, Result};

/// The value a SIPRI '0' (below 0.5 m) stands for: the midpoint of (0, 0.5).
pub(crate) const BELOW_HALF: f64 = 0.25;

/// The year of each column after the first (`None` for Total) and the Total column. Every
/// header cell must be a distinct year in range or the one "Total": a cell like "2OO3"
/// or a repeated year would otherwise drop or move a column's values without a word.
fn header_years(path: &str, line: u64, header: &csv::StringRecord, log: &mut IssueLog) -> (Vec<Option<i32>>, Option<usize>) {
    let (lo, hi) = crate::data::schema::YEAR_RANGE;
    let mut years = Vec::new();
    let mut total_col = None;
    for (k, cell) in header.iter().enumerate().skip(1) {
        let cell = cell.trim();
        let at = |message: String| Issue::at_cell(path, line, Some(k + 1), cell, message);
        if cell == "Total" {
            match total_col {
                None => total_col = Some(k),
                Some(_) => log.push(at("\"Total\" appears twice in the header: expected one Total column".into())),
            }
            years.push(None);
            continue;
        }
        let year = cell.parse::<i32>().ok().filter(|y| (lo..=hi).contains(y));
        match year {
            Some(y) if years.contains(&Some(y)) => {
                log.push(at(format!("year {y} appears twice in the header: expected each year once")));
            }
            Some(_) => {}
            None => log.push(at(format!("expected a year in {lo}-{hi} or \"Total\" as column label, found \"{cell}\""))),
        }
        years.push(year);
    }
    if total_col.is_none() {
        log.push(Issue::at_line(path, line, "expected a Total column"));
    }
    (years, total_col)
}

/// Imports one matrix file.
pub fn import(path: &str) -> Result<Vec<ImportRow>> {
    let text = read_text(path)?;
    let (bytes, breaks) = BreakRecorder::new(text.as_bytes());
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let records: Vec<csv::StringRecord> = reader
        .records()
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| Error::Input(vec![Issue::at_line(path, e.position().map_or(0, |p| p.line()), format!("cannot read CSV: {e}"))]))?;
    let supplier = supplier_of(path, &records)?;
    let generated = records.iter().find_map(|r| r[0].trim().strip_prefix("Generated:").map(|d| d.trim().to_string())).unwrap_or_default();
    let Some(h) = records.iter().position(|r| r.len() > 2 && r[0].trim().is_empty() && r[1].trim().parse::<i32>().is_ok()) else {
        return Err(Error::file(path, "no header row of years: expected \",1950,1951,…,Total\""));
    };
    let header = &records[h];
    let line_of = |r: &csv::StringRecord| breaks.borrow_mut().line_of(r.position());
    let header_line = line_of(header);
    let mut log = IssueLog::new(50);
    let (years, total_col) = header_years(path, header_line, header, &mut log);
    if !log.is_empty() {
        return Err(Error::Input(log.into_issues(path)));
    }
    let matrix = Matrix { path, supplier, generated, years, total_col };
    let mut rows = Vec::new();
    let mut recipients: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for record in &records[h + 1..] {
        let line = line_of(record);
        if let Some(recipient) = checked_recipient(path, line, record, header.len(), &mut recipients, &mut log) {
            matrix.recipient_rows(line, recipient, record, &mut rows, &mut log);
        }
    }
    if !log.is_empty() {
        return Err(Error::Input(log.into_issues(path)));
    }
    Ok(rows)
}

/// The supplier named by the title in the first record ("TIV of arms exports from SUPPLIER, …").
fn supplier_of(path: &str, records: &[csv::StringRecord]) -> Result<String> {
    let title = records.first().map(|r| r[0].to_string()).unwrap_or_default();
    Ok(title
        .split(" from ")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            Error::Input(vec![Issue::at_line(
                path,
                1,
                format!("expected a title \"TIV of arms exports from SUPPLIER, …\", found \"{title}\""),
            )])
        })?
        .to_string())
}

/// The recipient of a data record, or `None` for a Total or blank row and (logged) for an
/// unnamed, repeated or ragged one.
fn checked_recipient<'r>(
    path: &str,
    line: u64,
    record: &'r csv::StringRecord,
    width: usize,
    recipients: &mut std::collections::HashMap<String, u64>,
    log: &mut IssueLog,
) -> Option<&'r str> {
    let recipient = record[0].trim();
    if recipient == "Total" || record.iter().all(|c| c.trim().is_empty()) {
        return None;
    }
    if recipient.is_empty() {
        log.push(Issue::at_cell(path, line, Some(1), "recipient", "expected a recipient name for a row with values, found an empty cell"));
        return None;
    }
    if let Some(first) = recipients.insert(recipient.to_string(), line) {
        log.push(Issue::at_cell(
            path,
            line,
            Some(1),
            "recipient",
            format!("\"{recipient}\" has a row already (line {first}): expected one row per recipient"),
        ));
        return None;
    }
    if record.len() != width {
        log.push(Issue::at_line(path, line, format!("ragged row: expected {} fields, found {}", width, record.len())));
        return None;
    }
    Some(recipient)
}

/// What a matrix's title and header say about every data row.
struct Matrix<'a> {
    path: &'a str,
    supplier: String,
    generated: String,
    years: Vec<Option<i32>>,
    total_col: Option<usize>,
}

impl Matrix<'_> {
    /// One import row per non-empty year cell of a recipient's record; checks the Total.
    fn recipient_rows(&self, line: u64, recipient: &str, record: &csv::StringRecord, rows: &mut Vec<ImportRow>, log: &mut IssueLog) {
        let path = self.path;
        let mut sum = 0.0;
        let mut cells = 0usize;
        for (k, year) in self.years.iter().enumerate() {
            let column = k + 1;
            let (Some(year), false) = (year, Some(column) == self.total_col) else { continue };
            let cell = record[column].trim();
            if cell.is_empty() {
                continue;
            }
            let Some(value) = amount(cell) else {
                log.push(Issue::at_cell(
                    path,
                    line,
                    Some(column + 1),
                    &year.to_string(),
                    format!("expected a non-negative TIV, found \"{cell}\""),
                ));
                continue;
            };
            cells += 1;
            sum += value;
            let below_half = cell == "0";
            rows.push(ImportRow {
                subject: recipient.to_string(),
                channel: "arms".into(),
                partner: self.supplier.clone(),
                year: *year,
                value: if below_half { BELOW_HALF } else { value },
                value_low: below_half.then_some(0.0),
                value_high: below_half.then_some(0.5),
                unit: "TIV_mn".into(),
                framework: "bilateral".into(),
                source: format!("sipri-tiv-export ({})", self.generated),
                locator: format!("{}: {recipient} {year}", std::path::Path::new(path).file_name().and_then(|n| n.to_str()).unwrap_or(path)),
                note: if below_half { "SIPRI '0': below 0.5 m, coded 0.25 in [0, 0.5]".into() } else { String::new() },
                ..ImportRow::default()
            });
        }
        self.check_total(line, record, sum, cells, log);
    }

    /// Logs a Total cell that is not a number or not the row sum within rounding.
    fn check_total(&self, line: u64, record: &csv::StringRecord, sum: f64, cells: usize, log: &mut IssueLog) {
        let path = self.path;
        if let Some(t) = self.total_col {
            match amount(&record[t]) {
                // Each cell is rounded to a whole number: the sum may be off by 0.5 per cell.
                Some(total) if (total - sum).abs() > 0.5 * cells as f64 + 0.5 => log.push(Issue::at_cell(
                    path,
                    line,
                    Some(t + 1),
                    "Total",
                    format!("expected the row sum {sum} within rounding (±{}), found {total}", 0.5 * cells as f64 + 0.5),
                )),
                Some(_) => {}
                None => log.push(Issue::at_cell(path, line, Some(t + 1), "Total", "expected a number")),
            }
        }
    }
}
