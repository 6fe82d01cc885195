//! Cell-level parsing and row validation, shared by the CSV, Parquet and JSON Lines readers.
use super::observations::{Dating, RowInput};
use super::schema::{Column, YEAR_RANGE};

/// One cell as a reader sees it: text (CSV, string columns) or a number (typed columns).
#[derive(Debug, Clone, Copy)]
pub enum Cell<'a> {
    /// No value: an absent cell, a null, or empty or whitespace-only text.
    Missing,
    /// Text, trimmed.
    Text(&'a str),
    /// A number from a typed column.
    Number(f64),
}

impl<'a> Cell<'a> {
    /// Empty or whitespace-only text counts as missing.
    pub fn from_text(text: &'a str) -> Cell<'a> {
        let t = text.trim();
        if t.is_empty() {
            Cell::Missing
        } else {
            Cell::Text(t)
        }
    }
}

/// A problem with one cell: which column and what was expected.
#[derive(Debug, Clone, PartialEq)]
pub struct CellProblem {
    /// The column of the cell.
    pub column: Column,
    /// What was expected, and what the cell held.
    pub message: String,
}

fn problem(column: Column, message: impl Into<String>) -> CellProblem {
    CellProblem { column, message: message.into() }
}

fn shown(cell: Cell<'_>) -> String {
    match cell {
        Cell::Missing => "an empty cell".to_string(),
        Cell::Text(t) => {
            let short: String = t.chars().take(40).collect();
            format!("\"{short}\"")
        }
        Cell::Number(x) => format!("{x}"),
    }
}

/// The largest amount a value cell may hold: sums of many values stay exact to well
/// below a unit, and far from f64's overflow (values near 1e308 once gave an HHI of 0).
pub const MAX_AMOUNT: f64 = 1e15;

/// Parses a non-negative finite amount (value, value_low, value_high) up to `MAX_AMOUNT`.
pub fn parse_amount(column: Column, cell: Cell<'_>) -> Result<Option<f64>, CellProblem> {
    let x = match cell {
        Cell::Missing => return Ok(None),
        Cell::Number(x) => x,
        Cell::Text(t) => match t.parse::<f64>() {
            Ok(x) => {
                if x.is_infinite() && !t.to_ascii_lowercase().contains("inf") {
                    return Err(problem(column, format!("expected a number within f64 range, found {}", shown(cell))));
                }
                x
            }
            Err(_) => {
                return Err(problem(column, format!("expected a non-negative number, found {}", shown(cell))));
            }
        },
    };
    if x.is_nan() {
        return Err(problem(column, "expected a non-negative number, found NaN"));
    }
    if x.is_infinite() {
        return Err(problem(column, format!("expected a finite number, found {}", shown(cell))));
    }
    if x < 0.0 {
        return Err(problem(column, format!("expected a non-negative number, found {}", shown(cell))));
    }
    if x > MAX_AMOUNT {
        return Err(problem(
            column,
            format!("expected a number up to 1e15 (sums of larger values overflow or lose precision), found {}", shown(cell)),
        ));
    }
    Ok(Some(x + 0.0))
}

/// Parses a calendar year: an integer in 1800–2200.
pub fn parse_year(column: Column, cell: Cell<'_>) -> Result<Option<i32>, CellProblem> {
    let (lo, hi) = YEAR_RANGE;
    let expected = || format!("expected an integer year in {lo}-{hi}, found {}", shown(cell));
    let year: i64 = match cell {
        Cell::Missing => return Ok(None),
        Cell::Number(x) => {
            if x.fract() != 0.0 || !x.is_finite() || x.abs() > 1e9 {
                return Err(problem(column, expected()));
            }
            x as i64
        }
        Cell::Text(t) => t.parse::<i64>().map_err(|_| problem(column, expected()))?,
    };
    if year < lo as i64 || year > hi as i64 {
        return Err(problem(column, expected()));
    }
    Ok(Some(year as i32))
}

/// Text with a NUL byte is binary content, whichever reader and file size it came from.
fn no_nul(column: Column, text: &str) -> Result<&str, CellProblem> {
    match text.find('\0') {
        Some(at) => Err(problem(column, format!("expected text, found a NUL byte (binary content) at byte {} of the cell", at + 1))),
        None => Ok(text),
    }
}

/// Reads a required text cell (subject, channel, partner).
pub fn required_text<'a>(column: Column, cell: Cell<'a>) -> Result<&'a str, CellProblem> {
    match cell {
        Cell::Text(t) => no_nul(column, t),
        Cell::Missing => Err(problem(column, "expected a non-empty name, found an empty cell")),
        Cell::Number(x) => Err(problem(column, format!("expected text, found the number {x}"))),
    }
}

fn optional_text<'a>(column: Column, cell: Cell<'a>) -> Result<Option<&'a str>, CellProblem> {
    match cell {
        Cell::Text(t) => no_nul(column, t).map(Some),
        Cell::Missing => Ok(None),
        Cell::Number(x) => Err(problem(column, format!("expected text, found the number {x}"))),
    }
}

/// Validates one row given a cell accessor. Returns the row or every problem found in it.
pub fn validate_row<'a>(cell: impl Fn(Column) -> Cell<'a>) -> Result<RowInput<'a>, Vec<CellProblem>> {
    let mut problems = Vec::new();
    fn keep_ok<T>(problems: &mut Vec<CellProblem>, r: Result<T, CellProblem>) -> Option<T> {
        r.map_err(|p| problems.push(p)).ok()
    }
    macro_rules! keep {
        ($e:expr) => {
            keep_ok(&mut problems, $e)
        };
    }

    let subject = keep!(required_text(Column::Subject, cell(Column::Subject)));
    let channel = keep!(required_text(Column::Channel, cell(Column::Channel)));
    let partner = keep!(required_text(Column::Partner, cell(Column::Partner)));
    let year = keep!(parse_year(Column::Year, cell(Column::Year)));
    let period_start = keep!(parse_year(Column::PeriodStart, cell(Column::PeriodStart)));
    let period_end = keep!(parse_year(Column::PeriodEnd, cell(Column::PeriodEnd)));
    let value = keep!(parse_amount(Column::Value, cell(Column::Value)));
    let value_low = keep!(parse_amount(Column::ValueLow, cell(Column::ValueLow)));
    let value_high = keep!(parse_amount(Column::ValueHigh, cell(Column::ValueHigh)));
    let unit = keep!(optional_text(Column::Unit, cell(Column::Unit)));
    let framework = keep!(optional_text(Column::Framework, cell(Column::Framework)));
    let event_id = keep!(optional_text(Column::EventId, cell(Column::EventId)));
    let series = keep!(optional_text(Column::Series, cell(Column::Series)));
    let kind = keep!(optional_text(Column::Kind, cell(Column::Kind)));
    let source = keep!(optional_text(Column::Source, cell(Column::Source)));
    let locator = keep!(optional_text(Column::Locator, cell(Column::Locator)));
    let quote = keep!(optional_text(Column::Quote, cell(Column::Quote)));
    let note = keep!(optional_text(Column::Note, cell(Column::Note)));

    let dating = check_dating(year, period_start, period_end, &mut problems);
    check_bounds(value, value_low, value_high, &mut problems);

    if !problems.is_empty() {
        return Err(problems);
    }
    let (year_start, year_end, dating) = dating.expect("dating set when no problems");
    Ok(RowInput {
        subject: subject.expect("checked"),
        channel: channel.expect("checked"),
        partner: partner.expect("checked"),
        year_start,
        year_end,
        dating,
        value: value.flatten().expect("checked"),
        value_low: value_low.flatten(),
        value_high: value_high.flatten(),
        unit: unit.flatten(),
        framework: framework.flatten(),
        event_id: event_id.flatten(),
        series: series.flatten(),
        kind: kind.flatten(),
        source: source.flatten(),
        locator: locator.flatten(),
        quote: quote.flatten(),
        note: note.flatten(),
    })
}

/// Exactly one of year / (period_start, period_end), from parsed cells only (None when a
/// cell did not parse or a problem was logged): (first year, last year, kind).
fn check_dating(
    year: Option<Option<i32>>,
    period_start: Option<Option<i32>>,
    period_end: Option<Option<i32>>,
    problems: &mut Vec<CellProblem>,
) -> Option<(i32, i32, Dating)> {
    let mut dating = None;
    if let (Some(year), Some(ps), Some(pe)) = (year, period_start, period_end) {
        let has_period = ps.is_some() || pe.is_some();
        match (year, has_period) {
            (Some(_), true) => problems.push(problem(Column::Year, "expected either year or period_start+period_end, found both")),
            (Some(y), false) => dating = Some((y, y, Dating::Year)),
            (None, false) => problems.push(problem(Column::Year, "expected a year (or period_start and period_end), found neither")),
            (None, true) => match (ps, pe) {
                (Some(s), Some(e)) if e < s => {
                    problems.push(problem(Column::PeriodEnd, format!("expected period_end >= period_start ({s}), found {e}")))
                }
                (Some(s), Some(e)) => dating = Some((s, e, Dating::Period)),
                (None, _) => problems.push(problem(Column::PeriodStart, "expected a start year, found an empty cell")),
                (_, None) => problems.push(problem(Column::PeriodEnd, "expected an end year, found an empty cell")),
            },
        }
    }
    dating
}

/// value_low <= value <= value_high where given, from parsed cells only; an empty value
/// is a problem.
fn check_bounds(
    value: Option<Option<f64>>,
    value_low: Option<Option<f64>>,
    value_high: Option<Option<f64>>,
    problems: &mut Vec<CellProblem>,
) {
    if let (Some(Some(v)), Some(lo), Some(hi)) = (value, value_low, value_high) {
        match (lo, hi) {
            (Some(l), Some(h)) if l > h => {
                problems.push(problem(Column::ValueLow, format!("expected value_low <= value_high ({h}), found {l}")))
            }
            _ => {
                if let Some(l) = lo.filter(|l| v < *l) {
                    problems.push(problem(Column::Value, format!("expected value >= value_low ({l}), found {v}")));
                }
                if let Some(h) = hi.filter(|h| v > *h) {
                    problems.push(problem(Column::Value, format!("expected value <= value_high ({h}), found {v}")));
                }
            }
        }
    }
    if let Some(None) = value {
        problems.push(problem(Column::Value, "expected a non-negative number, found an empty cell"));
    }
}
