//! The cells of an index-table row and their text: shortest decimals, empty for undefined;
//! CSV rows are written by the csv crate (which quotes a cell where needed).
use crate::metrics::{Flags, Suite};
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

/// One cell of an index-table row before it becomes text.
enum Cell<'a> {
    Text(&'a str),
    Number(Option<f64>),
    Count(Option<usize>),
    Year(i32),
    Flags(Flags),
}

impl Cell<'_> {
    /// Appends the cell's text ("" for undefined).
    fn push_to(&self, out: &mut String) {
        use std::fmt::Write as _;
        match self {
            Cell::Text(t) => out.push_str(t),
            Cell::Number(x) => push_number(out, x.unwrap_or(f64::NAN)),
            Cell::Count(n) => {
                if let Some(n) = n {
                    let _ = write!(out, "{n}");
                }
            }
            Cell::Year(y) => {
                let _ = write!(out, "{y}");
            }
            Cell::Flags(f) => f.push_to(out),
        }
    }
}

/// The cells of one index-table row, in `header()` order.
fn cells<'a>(subject: &'a str, channel: &'a str, year_start: i32, year_end: i32, s: &'a Suite, hhi_scale: f64) -> [Cell<'a>; 22] {
    [
        Cell::Text(subject),
        Cell::Text(channel),
        Cell::Year(year_start),
        Cell::Year(year_end),
        Cell::Number(Some(s.total)),
        Cell::Count(Some(s.richness)),
        Cell::Number(s.hhi.map(|h| h * hhi_scale)),
        Cell::Number(s.hhi_norm),
        Cell::Number(s.unctad),
        Cell::Number(s.enp),
        Cell::Number(s.shannon),
        Cell::Number(s.hill1),
        Cell::Number(s.pielou),
        Cell::Number(s.gini),
        Cell::Number(s.theil),
        Cell::Number(s.cr1),
        Cell::Text(s.cr1_partner.as_deref().unwrap_or("")),
        Cell::Number(s.cr3),
        Cell::Number(s.focal_share),
        Cell::Count(s.focal_rank),
        Cell::Number(s.dominance),
        Cell::Flags(s.flags),
    ]
}

/// The cells of one index-table row ("" for undefined), in `header()` order.
pub fn index_cells(subject: &str, channel: &str, year_start: i32, year_end: i32, s: &Suite, hhi_scale: f64) -> Vec<String> {
    cells(subject, channel, year_start, year_end, s, hhi_scale)
        .iter()
        .map(|cell| {
            let mut text = String::new();
            cell.push_to(&mut text);
            text
        })
        .collect()
}

/// Writes one index-table row as a CSV record (quoted where needed: RFC 4180);
/// `text` is scratch space for a cell's text.
pub(super) fn write_csv_row<W: std::io::Write>(
    out: &mut csv::Writer<W>,
    text: &mut String,
    g: &Group,
    s: &Suite,
    hhi_scale: f64,
) -> csv::Result<()> {
    for cell in cells(&g.subject, &g.channel, g.year_start, g.year_end, s, hhi_scale).iter() {
        text.clear();
        cell.push_to(text);
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
