//! SIPRI trade-register export (as downloaded): preamble lines, then one row per deal and
//! delivery year. Each row becomes an observation: subject = recipient, partner =
//! supplier, value = "TIV delivery values", event_id = the SIPRI deal id.
use super::{amount, read_text, ImportRow};
use crate::data::issue::{Issue, IssueLog};
use crate::error::{Error, Result};

const HEADER_START: &str = "SIPRI AT Database ID";
const COLUMNS: [&str; 17] = [
    "SIPRI AT Database ID", "Supplier", "Recipient", "Designation", "Description", "Armament category", "Order date",
    "Order date is estimate", "Numbers delivered", "Numbers delivered is estimate", "Delivery year",
    "Delivery year is estimate", "Status", "SIPRI estimate", "TIV deal unit", "TIV delivery values", "Local production",
];

/// Imports the register at `path`; `recipient` keeps only that recipient.
pub fn import(path: &str, recipient: Option<&str>) -> Result<Vec<ImportRow>> {
    let text = read_text(path)?;
    let lines: Vec<&str> = text.lines().collect();
    let Some(header_index) = lines.iter().position(|l| l.trim_start_matches('\u{feff}').starts_with(HEADER_START)) else {
        return Err(Error::file(path, format!("no header line starting with \"{HEADER_START}\": expected a SIPRI trade-register export")));
    };
    let generated = lines[..header_index]
        .iter()
        .find_map(|l| l.trim().strip_prefix("Data generated:"))
        .map(|d| d.trim().trim_matches(',').trim().to_string())
        .unwrap_or_else(|| "unknown date".to_string());
    let body = lines[header_index..].join("\n");
    let (bytes, breaks) = crate::data::record_lines::BreakRecorder::new(body.as_bytes());
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut log = IssueLog::new(50);
    let mut rows = Vec::new();
    let mut seen: std::collections::HashMap<(String, i32), u64> = std::collections::HashMap::new();
    let offset = header_index as u64; // csv line 1 = file line header_index + 1
    for (k, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line()) + offset;
                log.push(Issue::at_line(path, line, format!("cannot read CSV: {e}")));
                continue;
            }
        };
        let line = breaks.borrow_mut().line_of(record.position()) + offset;
        if k == 0 {
            let names: Vec<&str> = record.iter().map(str::trim).collect();
            if names != COLUMNS {
                log.push(Issue::at_line(path, line, format!("expected the SIPRI register columns {}", COLUMNS.join(", "))));
                break;
            }
            continue;
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != COLUMNS.len() {
            log.push(Issue::at_line(path, line, format!("ragged row: expected {} fields, found {}", COLUMNS.len(), record.len())));
            continue;
        }
        let cell = |c: usize| record[c].trim();
        let year = cell(10).parse::<i32>().ok().filter(|y| (1800..=2200).contains(y));
        let tiv = amount(cell(15));
        let mut bad = |c: usize, what: &str| {
            log.push(Issue::at_cell(path, line, Some(c + 1), COLUMNS[c], format!("{what}, found \"{}\"", cell(c))))
        };
        if cell(0).is_empty() {
            bad(0, "expected a deal id");
        }
        if cell(1).is_empty() {
            bad(1, "expected a supplier");
        }
        if cell(2).is_empty() {
            bad(2, "expected a recipient");
        }
        if year.is_none() {
            bad(10, "expected a delivery year in 1800-2200");
        }
        if tiv.is_none() {
            bad(15, "expected a non-negative TIV value");
        }
        let (Some(year), Some(tiv)) = (year, tiv) else { continue };
        if cell(0).is_empty() || cell(1).is_empty() || cell(2).is_empty() {
            continue;
        }
        // One row per deal and delivery year: a repeated row would be counted twice.
        if let Some(first) = seen.insert((cell(0).to_string(), year), line) {
            let message = format!("deal {} with delivery year {year} has a row already (line {first}): expected one row per deal and year", cell(0));
            log.push(Issue::at_cell(path, line, Some(1), COLUMNS[0], message));
            continue;
        }
        if recipient.is_some_and(|r| r != cell(2)) {
            continue;
        }
        let mut notes = vec![format!("{} ({})", cell(3), cell(5))];
        if cell(11).eq_ignore_ascii_case("yes") {
            notes.push("delivery year estimated".into());
        }
        if cell(9).eq_ignore_ascii_case("yes") {
            notes.push("number delivered estimated".into());
        }
        if cell(13).eq_ignore_ascii_case("yes") {
            notes.push("SIPRI estimate".into());
        }
        if cell(15) == "0" {
            notes.push("SIPRI '0': between 0 and 0.5 m".into());
        }
        rows.push(ImportRow {
            subject: cell(2).to_string(),
            channel: "arms".into(),
            partner: cell(1).to_string(),
            year,
            value: tiv,
            unit: "TIV_mn".into(),
            framework: "bilateral".into(),
            event_id: format!("sipri-{}", cell(0)),
            source: format!("sipri-register ({generated})"),
            locator: format!("SIPRI AT Database ID {}, delivery year {year}, line {line}", cell(0)),
            note: notes.join("; "),
            ..ImportRow::default()
        });
    }
    if !log.is_empty() {
        return Err(Error::Input(log.into_issues(path)));
    }
    if rows.is_empty() {
        return Err(Error::file(path, "no deliveries imported (check --recipient)"));
    }
    Ok(rows)
}
