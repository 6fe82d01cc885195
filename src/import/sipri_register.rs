//! SIPRI trade-register export (as downloaded): preamble lines, then one row per deal and
//! delivery year. Each row becomes an observation: subject = recipient, partner =
//! supplier, value = "TIV delivery values", event_id = the SIPRI deal id. Several exports
//! of one release are merged by `register_merge`.
use super::{amount, read_text, ImportRow};
use std::collections::HashMap;

use crate::data::issue::{Issue, IssueLog};
use crate::error::{Error, Result};

const HEADER_START: &str = "SIPRI AT Database ID";
const COLUMNS: [&str; 17] = [
    "SIPRI AT Database ID",
    "Supplier",
    "Recipient",
    "Designation",
    "Description",
    "Armament category",
    "Order date",
    "Order date is estimate",
    "Numbers delivered",
    "Numbers delivered is estimate",
    "Delivery year",
    "Delivery year is estimate",
    "Status",
    "SIPRI estimate",
    "TIV deal unit",
    "TIV delivery values",
    "Local production",
];

/// One export read whole: its "Data generated" stamp and every delivery row with its line.
#[derive(Debug, Clone)]
pub struct Register {
    /// The export's path.
    pub path: String,
    /// The export's "Data generated" stamp (its release).
    pub generated: String,
    /// Every delivery row, with its line in the export.
    pub deliveries: Vec<(u64, ImportRow)>,
}

/// Reads and checks the whole export at `path` (every recipient).
pub fn read(path: &str) -> Result<Register> {
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
    let mut file = FileState { path, generated: &generated, log: IssueLog::new(50), seen: HashMap::new(), rows: Vec::new() };
    let offset = header_index as u64; // csv line 1 = file line header_index + 1
    for (k, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line()) + offset;
                file.log.push(Issue::at_line(path, line, format!("cannot read CSV: {e}")));
                continue;
            }
        };
        let line = breaks.borrow_mut().line_of(record.position()) + offset;
        if k == 0 {
            let names: Vec<&str> = record.iter().map(str::trim).collect();
            if names != COLUMNS {
                file.log.push(Issue::at_line(path, line, format!("expected the SIPRI register columns {}", COLUMNS.join(", "))));
                break;
            }
            continue;
        }
        file.record(&record, line);
    }
    if !file.log.is_empty() {
        return Err(Error::Input(file.log.into_issues(path)));
    }
    let deliveries = file.rows;
    Ok(Register { path: path.to_string(), generated, deliveries })
}

/// What reading one export collects: its issues, the (deal, year) rows seen, the rows.
struct FileState<'a> {
    path: &'a str,
    generated: &'a str,
    log: IssueLog,
    seen: HashMap<(String, i32), u64>,
    rows: Vec<(u64, ImportRow)>,
}

impl FileState<'_> {
    /// Checks one data record at file line `line` and keeps its delivery.
    fn record(&mut self, record: &csv::StringRecord, line: u64) {
        let path = self.path;
        if record.iter().all(|f| f.trim().is_empty()) {
            return;
        }
        if record.len() != COLUMNS.len() {
            self.log.push(Issue::at_line(path, line, format!("ragged row: expected {} fields, found {}", COLUMNS.len(), record.len())));
            return;
        }
        let cell = |c: usize| record[c].trim();
        let year = cell(10).parse::<i32>().ok().filter(|y| (1800..=2200).contains(y));
        let tiv = amount(cell(15));
        let checks = [
            (0, cell(0).is_empty(), "expected a deal id"),
            (1, cell(1).is_empty(), "expected a supplier"),
            (2, cell(2).is_empty(), "expected a recipient"),
            (10, year.is_none(), "expected a delivery year in 1800-2200"),
            (15, tiv.is_none(), "expected a non-negative TIV value"),
        ];
        let mut bad = false;
        for (c, failed, what) in checks.into_iter().filter(|c| c.1) {
            bad |= failed;
            self.log.push(Issue::at_cell(path, line, Some(c + 1), COLUMNS[c], format!("{what}, found \"{}\"", cell(c))));
        }
        let (Some(year), Some(tiv), false) = (year, tiv, bad) else { return };
        // One row per deal and delivery year: a repeated row would be counted twice.
        if let Some(first) = self.seen.insert((cell(0).to_string(), year), line) {
            let message =
                format!("deal {} with delivery year {year} has a row already (line {first}): expected one row per deal and year", cell(0));
            self.log.push(Issue::at_cell(path, line, Some(1), COLUMNS[0], message));
            return;
        }
        let row = delivery(record, year, tiv, self.generated, &format!("{} line {line}", file_name(path)));
        self.rows.push((line, row));
    }
}

/// The file name of `path` (the whole path when it has none).
fn file_name(path: &str) -> String {
    std::path::Path::new(path).file_name().map_or(path.into(), |n| n.to_string_lossy().into_owned())
}

/// The observation of one checked delivery row; `place` is "FILE line N".
fn delivery(record: &csv::StringRecord, year: i32, tiv: f64, generated: &str, place: &str) -> ImportRow {
    let cell = |c: usize| record[c].trim();
    let yes = |c: usize| cell(c).eq_ignore_ascii_case("yes");
    let mut notes = vec![format!("{} ({})", cell(3), cell(5))];
    let flags = [
        (yes(11), "delivery year estimated"),
        (yes(9), "number delivered estimated"),
        (yes(13), "SIPRI estimate"),
        (cell(15) == "0", "SIPRI '0': between 0 and 0.5 m"),
    ];
    notes.extend(flags.iter().filter(|f| f.0).map(|f| f.1.to_string()));
    ImportRow {
        subject: cell(2).to_string(),
        channel: "arms".into(),
        partner: cell(1).to_string(),
        year,
        value: tiv,
        unit: "TIV_mn".into(),
        framework: "bilateral".into(),
        event_id: format!("sipri-{}", cell(0)),
        source: format!("sipri-register ({generated})"),
        locator: format!("SIPRI AT Database ID {}, delivery year {year}, {place}", cell(0)),
        note: notes.join("; "),
        ..ImportRow::default()
    }
}
