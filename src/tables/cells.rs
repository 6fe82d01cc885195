//! The cells of an index-table row and their text: shortest decimals, empty for undefined;
//! CSV rows are written by the csv crate (which quotes a cell where needed).
use crate::metrics::{Suite, Value, METRICS};
use crate::panel::Group;

/// Shortest decimal that reads back to the same f64; never "-0".
pub fn number(x: f64) -> String {
    let mut text = String::new();
    push_number(&mut text, x);
    text
}

/// Appends `number(x)` to `out` without a temporary string ("" when not finite).
fn push_number(out: &mut String, x: f64) {
    let x = x + 0.0;
    if x.is_finite() {
        crate::decimal::push_shortest(out, x);
    }
}

/// Appends a metric value's text ("" for undefined).
fn push_value(out: &mut String, value: Value<'_>) {
    use std::fmt::Write as _;
    match value {
        Value::Partner(name) => out.push_str(name.unwrap_or("")),
        Value::Number(x) => push_number(out, x.unwrap_or(f64::NAN)),
        Value::Count(Some(n)) => {
            let _ = write!(out, "{n}");
        }
        Value::Count(None) => {}
        Value::Flags(f) => f.push_to(out),
    }
}

/// A metric value's text ("" for undefined).
pub(crate) fn value_text(value: Value<'_>) -> String {
    let mut text = String::new();
    push_value(&mut text, value);
    text
}

/// A number for the terminal: four decimals where it has a fraction, else as `number`
/// prints it ("" when not finite). `number` writes plain positional digits, so a '.'
/// marks a fraction.
pub(crate) fn terminal_number(x: f64) -> String {
    let text = number(x);
    if text.contains('.') {
        crate::format::fixed(x, 4)
    } else {
        text
    }
}

/// The cells of one index-table row ("" for undefined), in `header()` order.
pub fn index_cells(subject: &str, channel: &str, year_start: i32, year_end: i32, s: &Suite, hhi_scale: f64) -> Vec<String> {
    let mut cells = vec![subject.to_string(), channel.to_string(), year_start.to_string(), year_end.to_string()];
    cells.extend(METRICS.iter().map(|m| value_text(m.of(s, hhi_scale))));
    cells
}

/// Writes one index-table row as a CSV record (quoted where needed: RFC 4180): the
/// group's cells, then every metric's; `text` is scratch space for a cell's text.
pub(super) fn write_csv_row<W: std::io::Write>(
    out: &mut csv::Writer<W>,
    text: &mut String,
    g: &Group,
    s: &Suite,
    hhi_scale: f64,
) -> csv::Result<()> {
    use std::fmt::Write as _;
    out.write_field(g.subject.as_bytes())?;
    out.write_field(g.channel.as_bytes())?;
    for year in [g.year_start, g.year_end] {
        text.clear();
        let _ = write!(text, "{year}");
        out.write_field(text.as_bytes())?;
    }
    for m in &METRICS {
        text.clear();
        push_value(text, m.of(s, hhi_scale));
        out.write_field(text.as_bytes())?;
    }
    out.write_record(None::<&[u8]>)
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn number_is_shortest_round_trip_and_never_negative_zero() {
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(number(1e-7), "0.0000001");
        assert_eq!(number(f64::NAN), "");
        assert_eq!(number(2.0), "2");
    }
}
