//! SIPRI trade-register export (as downloaded): preamble lines, then one row per deal and
//! delivery year. Each row becomes an observation: subject = recipient, partner =
//! supplier, value = "TIV delivery values", event_id = the SIPRI deal id. Columns are
//! read by their header names (`Delivery`, a serde struct), so an export whose columns
//! come in another order reads the same; columns beyond SIPRI's are ignored. Several
//! exports of one release are merged by `register_merge`.
use super::{amount, read_text, ImportRow};
use std::collections::HashMap;

use crate::data::issue::{Issue, IssueLog};
use crate::error::{Error, Result};

const HEADER_START: &str = "SIPRI AT Database ID";
/// The columns of a SIPRI trade-register export, in SIPRI's order; each must be in the header.
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

/// The cells of one register row that the import uses, by column name (trimmed).
#[derive(Debug, serde::Deserialize)]
struct Delivery {
    #[serde(rename = "SIPRI AT Database ID")]
    deal: String,
    #[serde(rename = "Supplier")]
    supplier: String,
    #[serde(rename = "Recipient")]
    recipient: String,
    #[serde(rename = "Designation")]
    designation: String,
    #[serde(rename = "Armament category")]
    category: String,
    #[serde(rename = "Numbers delivered is estimate")]
    number_estimated: String,
    #[serde(rename = "Delivery year")]
    year: String,
    #[serde(rename = "Delivery year is estimate")]
    year_estimated: String,
    #[serde(rename = "SIPRI estimate")]
    sipri_estimate: String,
    #[serde(rename = "TIV delivery values")]
    tiv: String,
}

/// One export read whole: its "Data generated" stamp, its header and every delivery row
/// with its line.
#[derive(Debug, Clone)]
pub struct Register {
    /// The export's path.
    pub path: String,
    /// The export's "Data generated" stamp (its release).
    pub generated: String,
    /// The header's column names in file order.
    pub columns: Vec<String>,
    /// Every delivery row, with its line in the export.
    pub deliveries: Vec<(u64, ImportRow)>,
}

impl Register {
    /// The 1-based position of column `name` in this export.
    pub fn column_number(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name).map(|i| i + 1)
    }
}

/// Whether `line` is the header: one of its comma-separated fields is the deal-id column.
fn is_header(line: &str) -> bool {
    line.trim_start_matches('\u{feff}').split(',').any(|f| f.trim().trim_matches('"') == HEADER_START)
}

/// Reads and checks the whole export at `path` (every recipient).
pub fn read(path: &str) -> Result<Register> {
    let text = read_text(path)?;
    let lines: Vec<&str> = text.lines().collect();
    let Some(header_index) = lines.iter().position(|l| is_header(l)) else {
        return Err(Error::file(path, format!("no header line with a \"{HEADER_START}\" column: expected a SIPRI trade-register export")));
    };
    let generated = lines[..header_index]
        .iter()
        .find_map(|l| l.trim().strip_prefix("Data generated:"))
        .map(|d| d.trim().trim_matches(',').trim().to_string())
        .unwrap_or_else(|| "unknown date".to_string());
    let body = lines[header_index..].join("\n");
    let (bytes, breaks) = crate::data::record_lines::BreakRecorder::new(body.as_bytes());
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut file = FileState {
        path,
        generated: &generated,
        log: IssueLog::new(50),
        header: csv::StringRecord::new(),
        seen: HashMap::new(),
        rows: Vec::new(),
    };
    let offset = header_index as u64; // csv line 1 = file line header_index + 1
    for (k, record) in reader.records().enumerate() {
        let mut record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line()) + offset;
                file.log.push(Issue::at_line(path, line, format!("cannot read CSV: {e}")));
                continue;
            }
        };
        let line = breaks.borrow_mut().line_of(record.position()) + offset;
        record.trim();
        if k == 0 {
            if !file.header(record, line) {
                break;
            }
            continue;
        }
        file.record(&record, line);
    }
    if !file.log.is_empty() {
        return Err(Error::Input(file.log.into_issues(path)));
    }
    let columns = file.header.iter().map(str::to_string).collect();
    let deliveries = file.rows;
    Ok(Register { path: path.to_string(), generated, columns, deliveries })
}

/// What reading one export collects: its header, its issues, the (deal, year) rows seen, the rows.
struct FileState<'a> {
    path: &'a str,
    generated: &'a str,
    log: IssueLog,
    header: csv::StringRecord,
    seen: HashMap<(String, i32), u64>,
    rows: Vec<(u64, ImportRow)>,
}

impl FileState<'_> {
    /// Keeps the (trimmed) header at file line `line` if it names every register column
    /// once; otherwise logs what is wrong and returns false.
    fn header(&mut self, names: csv::StringRecord, line: u64) -> bool {
        let path = self.path;
        let names: csv::StringRecord =
            names.iter().enumerate().map(|(i, n)| if i == 0 { n.trim_start_matches('\u{feff}') } else { n }).collect();
        let mut ok = true;
        for (i, name) in names.iter().enumerate() {
            if let Some(first) = names.iter().take(i).position(|n| n == name) {
                let message = format!("duplicated column name (also column {}): expected each register column once", first + 1);
                self.log.push(Issue::at_cell(path, line, Some(i + 1), name, message));
                ok = false;
            }
        }
        let missing: Vec<&str> = COLUMNS.iter().copied().filter(|c| !names.iter().any(|n| n == *c)).collect();
        if !missing.is_empty() {
            let message = format!(
                "missing column(s) {}: expected the SIPRI register columns {} (in any order)",
                missing.join(", "),
                COLUMNS.join(", ")
            );
            self.log.push(Issue::at_line(path, line, message));
            ok = false;
        }
        self.header = names;
        ok
    }

    /// An issue at column `name` of file line `line`, located by the header.
    fn cell_issue(&mut self, line: u64, name: &str, message: String) {
        let position = self.header.iter().position(|n| n == name).map(|i| i + 1);
        self.log.push(Issue::at_cell(self.path, line, position, name, message));
    }

    /// Checks one (trimmed) data record at file line `line` and keeps its delivery.
    fn record(&mut self, record: &csv::StringRecord, line: u64) {
        let path = self.path;
        if record.iter().all(str::is_empty) {
            return;
        }
        if record.len() != self.header.len() {
            let message = format!("ragged row: expected {} fields as in the header, found {}", self.header.len(), record.len());
            self.log.push(Issue::at_line(path, line, message));
            return;
        }
        let d: Delivery = match record.deserialize(Some(&self.header)) {
            Ok(d) => d,
            Err(e) => return self.log.push(Issue::at_line(path, line, format!("cannot read the row: {e}"))),
        };
        let year = d.year.parse::<i32>().ok().filter(|y| (1800..=2200).contains(y));
        let tiv = amount(&d.tiv);
        let checks = [
            (COLUMNS[0], &d.deal, d.deal.is_empty(), "expected a deal id"),
            (COLUMNS[1], &d.supplier, d.supplier.is_empty(), "expected a supplier"),
            (COLUMNS[2], &d.recipient, d.recipient.is_empty(), "expected a recipient"),
            (COLUMNS[10], &d.year, year.is_none(), "expected a delivery year in 1800-2200"),
            (COLUMNS[15], &d.tiv, tiv.is_none(), "expected a non-negative TIV value"),
        ];
        let mut bad = false;
        for (name, found, _, what) in checks.into_iter().filter(|c| c.2) {
            bad = true;
            self.cell_issue(line, name, format!("{what}, found \"{found}\""));
        }
        let (Some(year), Some(tiv), false) = (year, tiv, bad) else { return };
        // One row per deal and delivery year: a repeated row would be counted twice.
        if let Some(first) = self.seen.insert((d.deal.clone(), year), line) {
            let message =
                format!("deal {} with delivery year {year} has a row already (line {first}): expected one row per deal and year", d.deal);
            self.cell_issue(line, COLUMNS[0], message);
            return;
        }
        let row = delivery(&d, year, tiv, self.generated, &format!("{} line {line}", file_name(path)));
        self.rows.push((line, row));
    }
}

/// The file name of `path` (the whole path when it has none).
fn file_name(path: &str) -> String {
    std::path::Path::new(path).file_name().map_or(path.into(), |n| n.to_string_lossy().into_owned())
}

/// The observation of one checked delivery row; `place` is "FILE line N".
fn delivery(d: &Delivery, year: i32, tiv: f64, generated: &str, place: &str) -> ImportRow {
    let yes = |cell: &str| cell.eq_ignore_ascii_case("yes");
    let mut notes = vec![format!("{} ({})", d.designation, d.category)];
    let flags = [
        (yes(&d.year_estimated), "delivery year estimated"),
        (yes(&d.number_estimated), "number delivered estimated"),
        (yes(&d.sipri_estimate), "SIPRI estimate"),
        (d.tiv == "0", "SIPRI '0': between 0 and 0.5 m"),
    ];
    notes.extend(flags.iter().filter(|f| f.0).map(|f| f.1.to_string()));
    ImportRow {
        subject: d.recipient.clone(),
        channel: "arms".into(),
        partner: d.supplier.clone(),
        year,
        value: tiv,
        unit: "TIV_mn".into(),
        framework: "bilateral".into(),
        event_id: format!("sipri-{}", d.deal),
        source: format!("sipri-register ({generated})"),
        locator: format!("SIPRI AT Database ID {}, delivery year {year}, {place}", d.deal),
        note: notes.join("; "),
        ..ImportRow::default()
    }
}
