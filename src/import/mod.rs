//! Importers of raw public data (SIPRI trade register, SIPRI TIV matrices, MME) into observations.
pub mod mme;
pub mod register_merge;
pub(crate) mod sipri_register;
pub mod sipri_tiv;

use std::io::Write;

use crate::error::{Error, Result, UNNAMED_OUTPUT};

/// One imported observation, in the schema's column order (owned text).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportRow {
    /// `subject`: whose portfolio the row belongs to.
    pub subject: String,
    /// `channel`: arms, exercises, …
    pub channel: String,
    /// `partner`: the partner's name.
    pub partner: String,
    /// `year`: the calendar year.
    pub year: i32,
    /// `value`: the amount.
    pub value: f64,
    /// `value_low`: lower bound of `value`, if the source gives a range.
    pub value_low: Option<f64>,
    /// `value_high`: upper bound of `value`, if the source gives a range.
    pub value_high: Option<f64>,
    /// `unit`: TIV_mn, exercises, …
    pub unit: String,
    /// `framework`: bilateral or the multilateral framework ("" when none).
    pub framework: String,
    /// `event_id`: the event the row is part of ("" when none).
    pub event_id: String,
    /// `series`: the recurring series of the event ("" when none).
    pub series: String,
    /// `kind`: the row's kinds of cooperation, `;`-separated ("" when none).
    pub kind: String,
    /// `source`: the source and its release.
    pub source: String,
    /// `locator`: where in the source the row comes from.
    pub locator: String,
    /// `note`: remarks ("" when none).
    pub note: String,
}

/// The columns importers write; `series` and `kind` only when a row has one.
pub(crate) const COLUMNS: [&str; 15] = [
    "subject",
    "channel",
    "partner",
    "year",
    "value",
    "value_low",
    "value_high",
    "unit",
    "framework",
    "event_id",
    "series",
    "kind",
    "source",
    "locator",
    "note",
];

/// Position of `series` in `COLUMNS` (`kind` follows it).
const SERIES: usize = 10;

/// Writes rows as an observation CSV (readable by every other command). The `series`
/// and `kind` columns are written only when some row has one (the SIPRI imports have none).
pub fn write_csv(rows: &[ImportRow], out: &mut dyn Write) -> Result<()> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
    let err = |e: csv::Error| Error::output(UNNAMED_OUTPUT, format!("cannot write CSV: {e}"));
    let with_series = rows.iter().any(|r| !r.series.is_empty());
    let with_kind = rows.iter().any(|r| !r.kind.is_empty());
    let keep = |k: &usize| (with_series || *k != SERIES) && (with_kind || *k != SERIES + 1);
    w.write_record((0..COLUMNS.len()).filter(keep).map(|k| COLUMNS[k])).map_err(err)?;
    let num = |x: Option<f64>| x.map_or(String::new(), crate::tables::number);
    for r in rows {
        let cells = [
            r.subject.as_str(),
            &r.channel,
            &r.partner,
            &r.year.to_string(),
            &crate::tables::number(r.value),
            &num(r.value_low),
            &num(r.value_high),
            &r.unit,
            &r.framework,
            &r.event_id,
            &r.series,
            &r.kind,
            &r.source,
            &r.locator,
            &r.note,
        ];
        w.write_record((0..cells.len()).filter(keep).map(|k| cells[k])).map_err(err)?;
    }
    w.flush().map_err(|e| Error::io(UNNAMED_OUTPUT, e))
}

/// Reads a file as UTF-8 text, or a located error.
pub(crate) fn read_text(path: &str) -> Result<String> {
    crate::paths::check_regular_file(std::path::Path::new(path))?;
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    if bytes.is_empty() {
        return Err(Error::file(path, "empty file"));
    }
    if let Some(at) = memchr::memchr(0, &bytes) {
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        return Err(Error::Input(vec![crate::data::issue::Issue::at_line(path, line, "binary content (NUL byte): expected CSV text")]));
    }
    String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        Error::Input(vec![crate::data::issue::Issue::at_line(path, line, "invalid UTF-8: expected UTF-8 text")])
    })
}

/// Parses a non-negative number cell of an import file.
pub(crate) fn amount(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0)
}
