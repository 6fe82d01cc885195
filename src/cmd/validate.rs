//! `multivector validate`: load and check data files, print a summary (text or JSON).
use std::io::Write;

use multivector::data::summary::Summary;
use multivector::error::UNNAMED_OUTPUT;
use multivector::suggest::cell;
use multivector::{Error, Result};

use super::common::{load_data, note, with_output};
use crate::cli::{DataArgs, SummaryFormat};

/// Unknown partner names listed in the warning; the JSON summary has them all.
const SHOWN_UNKNOWN: usize = 12;

pub fn run(data: &DataArgs, format: SummaryFormat) -> Result<()> {
    let dataset = load_data(data)?;
    let summary = Summary::of(&dataset);
    with_output(None, |w| {
        let written = match format {
            SummaryFormat::Json => {
                let text = serde_json::to_string_pretty(&summary).map_err(|e| Error::output(UNNAMED_OUTPUT, e))?;
                writeln!(w, "{text}")
            }
            SummaryFormat::Text => print_text(w, &summary),
        };
        written.map_err(|e| Error::io(super::common::STDOUT, e))
    })?;
    if !summary.unknown_partners.is_empty() {
        // The most frequent names first; the full list is in the JSON summary.
        let mut names: Vec<(&String, &usize)> = summary.unknown_partners.iter().collect();
        names.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        let mut list: Vec<String> = names.iter().take(SHOWN_UNKNOWN).map(|(n, c)| format!("{} ({c} rows)", cell(n))).collect();
        if names.len() > SHOWN_UNKNOWN {
            list.push(format!("and {} more (all in --format json)", names.len() - SHOWN_UNKNOWN));
        }
        note(format!(
            "warning: {} partner name(s) not in the registry ({}), kept unchanged: {}",
            summary.unknown_partners.len(),
            summary.registry,
            list.join(", ")
        ));
    }
    Ok(())
}

fn print_text(w: &mut dyn Write, s: &Summary) -> std::io::Result<()> {
    writeln!(w, "valid: {} rows in {} file(s)", s.rows, s.files.len())?;
    writeln!(w, "subjects: {}", s.subjects.iter().map(|x| cell(x)).collect::<Vec<_>>().join(", "))?;
    writeln!(w, "partners: {} (registry: {})", s.partners, s.registry)?;
    writeln!(w, "{:<14} {:>7} {:>6} {:>6} {:>9} {:>8}  unit", "channel", "rows", "first", "last", "partners", "periods")?;
    for c in &s.channels {
        writeln!(
            w,
            "{:<14} {:>7} {:>6} {:>6} {:>9} {:>8}  {}",
            cell(&c.channel),
            c.rows,
            c.year_first,
            c.year_last,
            c.partners,
            c.period_rows,
            c.unit.as_deref().unwrap_or("-")
        )?;
    }
    // The first few ignored columns by name, then how many more (a file may have 200,000).
    const NAMED: usize = 20;
    for (file, column) in s.ignored_columns.iter().take(NAMED) {
        writeln!(w, "note: {}: column '{}' is not part of the schema and was ignored", cell(file), cell(column))?;
    }
    if s.ignored_columns.len() > NAMED {
        writeln!(w, "note: … and {} more ignored columns", s.ignored_columns.len() - NAMED)?;
    }
    if s.unknown_partners.is_empty() {
        writeln!(w, "unknown partners: none")
    } else {
        writeln!(w, "unknown partners: {}", s.unknown_partners.len())
    }
}
