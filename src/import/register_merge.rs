//! Several SIPRI trade-register exports of one release merged into one import (each
//! export checked whole first), with structural zeros for the years the exports cover.
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::sipri_register::{self, Register};
use super::ImportRow;
use crate::data::issue::{Issue, IssueLog};
use crate::error::{Error, Result};

/// What to keep and how to complete it.
#[derive(Debug, Clone, Copy, Default)]
pub struct MergeOptions<'a> {
    /// Keep only this recipient.
    pub recipient: Option<&'a str>,
    /// The delivery years the exports cover (inclusive): every supplier of a recipient
    /// gets a structural-zero row in each of them without a delivery from it.
    pub years: Option<(i32, i32)>,
}

/// Imports the exports at `paths` (one release) as one set of observations: every
/// delivery in file order, then the structural zeros by recipient, supplier and year.
pub fn import(paths: &[String], options: MergeOptions<'_>) -> Result<Vec<ImportRow>> {
    let registers = paths.iter().map(|p| sipri_register::read(p)).collect::<Result<Vec<Register>>>()?;
    check_one_release(&registers)?;
    check_no_repeats(&registers)?;
    if let Some(years) = options.years {
        check_years(&registers, years)?;
    }
    let deliveries: Vec<ImportRow> = registers
        .into_iter()
        .flat_map(|r| r.deliveries)
        .map(|(_, row)| row)
        .filter(|row| options.recipient.is_none_or(|r| r == row.subject))
        .collect();
    if deliveries.is_empty() {
        return Err(Error::file(paths.join(", "), "no deliveries imported (check --recipient)"));
    }
    let zeros = options.years.map_or_else(Vec::new, |years| structural_zeros(&deliveries, years));
    Ok(deliveries.into_iter().chain(zeros).collect())
}

/// Every export must carry the same "Data generated" stamp: one release, one vintage.
fn check_one_release(registers: &[Register]) -> Result<()> {
    let Some(first) = registers.first() else { return Ok(()) };
    match registers.iter().find(|r| r.generated != first.generated) {
        Some(other) => Err(Error::file(
            &other.path,
            format!(
                "data generated {}, but {} was generated {}: expected exports of one SIPRI release",
                other.generated, first.path, first.generated
            ),
        )),
        None => Ok(()),
    }
}

/// A deal's delivery year may appear in one export only (else it would count twice).
fn check_no_repeats(registers: &[Register]) -> Result<()> {
    let mut seen: HashMap<(&str, i32), (&str, u64)> = HashMap::new();
    let mut issues = IssueLog::new(50);
    for register in registers {
        // Within one export `sipri_register::read` already refuses a repeated row.
        let mut added = Vec::new();
        for (line, row) in &register.deliveries {
            let key = (row.event_id.as_str(), row.year);
            match seen.get(&key) {
                Some((path, first)) => issues.push(Issue::at_cell(
                    &register.path,
                    *line,
                    register.column_number("SIPRI AT Database ID"),
                    "SIPRI AT Database ID",
                    format!(
                        "deal {} with delivery year {} is in {path} already (line {first}): expected each delivery in one export only",
                        row.event_id.trim_start_matches("sipri-"),
                        row.year
                    ),
                )),
                None => added.push((key, (register.path.as_str(), *line))),
            }
        }
        seen.extend(added);
    }
    let shown = registers.iter().map(|r| r.path.as_str()).collect::<Vec<_>>().join(", ");
    if issues.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(issues.into_issues(&shown)))
    }
}

/// Every delivery year must lie in the years the exports are said to cover.
fn check_years(registers: &[Register], (first, last): (i32, i32)) -> Result<()> {
    let issues: Vec<Issue> = registers
        .iter()
        .flat_map(|r| r.deliveries.iter().map(move |(line, row)| (r, *line, row.year)))
        .filter(|(_, _, year)| *year < first || *year > last)
        .map(|(register, line, year)| {
            let message = format!("delivery year {year} outside --years {first}-{last}: expected the years the export covers");
            Issue::at_cell(&register.path, line, register.column_number("Delivery year"), "Delivery year", message)
        })
        .collect();
    if issues.is_empty() {
        Ok(())
    } else {
        Err(Error::Input(issues))
    }
}

/// A zero row for every recipient, supplier of that recipient and covered year without a
/// delivery, as SIPRI's TIV tables show them: no event (nothing was delivered), so a
/// bootstrap over deals never draws it; it marks the year as covered.
fn structural_zeros(deliveries: &[ImportRow], (first, last): (i32, i32)) -> Vec<ImportRow> {
    let mut suppliers: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut delivered: BTreeSet<(&str, &str, i32)> = BTreeSet::new();
    let mut sources: BTreeMap<&str, &str> = BTreeMap::new();
    for row in deliveries {
        suppliers.entry(&row.subject).or_default().insert(&row.partner);
        delivered.insert((&row.subject, &row.partner, row.year));
        sources.entry(&row.subject).or_insert(&row.source);
    }
    let mut zeros = Vec::new();
    for (recipient, partners) in &suppliers {
        for supplier in partners {
            for year in (first..=last).filter(|y| !delivered.contains(&(recipient, supplier, *y))) {
                zeros.push(ImportRow {
                    subject: recipient.to_string(),
                    channel: "arms".into(),
                    partner: supplier.to_string(),
                    year,
                    value: 0.0,
                    unit: "TIV_mn".into(),
                    framework: "bilateral".into(),
                    source: sources[recipient].to_string(),
                    locator: format!("no delivery from {supplier} to {recipient} in {year} (register years {first}-{last})"),
                    note: "structural zero: no delivery recorded by SIPRI".into(),
                    ..ImportRow::default()
                });
            }
        }
    }
    zeros
}
