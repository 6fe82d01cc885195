//! A channel's richness in its first and last period at a common sample size: the
//! periods' sampling units (exercises or deals where the rows name events, else covered
//! years) rarefied to the smaller period's number of units (docs/METHODS.md §4.9).
use serde::Serialize;

use crate::data::observations::{Dating, Observations, NONE};
use crate::metrics::rarefaction::Incidence;

/// Fewer common units than this and the comparison is not made: the richness of two or
/// three units says little about a period.
pub const MIN_COMMON_UNITS: usize = 5;

/// One period's sample.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodSample {
    /// First year.
    pub start: i32,
    /// Last year.
    pub end: i32,
    /// T: sampling units.
    pub units: usize,
    /// Partners in at least one unit.
    pub observed: usize,
    /// S(t) at the common size t (None when too few units).
    pub rarefied: Option<f64>,
}

/// The first and the last period at a common sample size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RarefiedRichness {
    /// "event" (an exercise or a deal) or "year".
    pub sampling_unit: &'static str,
    /// t = the smaller period's units.
    pub common_units: usize,
    /// The first period.
    pub early: PeriodSample,
    /// The last period.
    pub late: PeriodSample,
    /// Why no rarefied richness is given (None when it is).
    pub note: Option<String>,
}

/// The sampling units of `rows` in `period` (covered years only): with events, each
/// event (or a row with a positive value and no event) is a unit holding the partners
/// with a positive value in it; without events, each covered year is a unit (a year
/// without cooperation an empty one). Period totals are no sampling units.
fn units(rows: &Observations, (start, end): (i32, i32), coverage: (i32, i32), events: bool) -> Vec<Vec<u32>> {
    let (first, last) = (start.max(coverage.0), end.min(coverage.1));
    let yearly = (0..rows.len()).filter(|&i| rows.dating(i) != Dating::Period && (first..=last).contains(&rows.year_start[i]));
    let positive: Vec<usize> = yearly.filter(|&i| rows.value[i] > 0.0).collect();
    let mut keyed: Vec<((i32, u32, usize), u32)> = positive
        .iter()
        .map(|&i| {
            let key = match (events, rows.event_id(i)) {
                (true, NONE) => (0, NONE, i),
                (true, event) => (0, event, 0),
                (false, _) => (rows.year_start[i], NONE, 0),
            };
            (key, rows.partner[i])
        })
        .collect();
    keyed.sort_unstable();
    let mut out: Vec<Vec<u32>> = Vec::new();
    let mut previous = None;
    for (key, partner) in keyed {
        if previous != Some(key) {
            out.push(Vec::new());
            previous = Some(key);
        }
        if let Some(unit) = out.last_mut() {
            unit.push(partner);
        }
    }
    if !events {
        // Every covered year is a unit, those without cooperation empty.
        let years = (last - first + 1).max(0) as usize;
        out.resize(years.max(out.len()), Vec::new());
    }
    out
}

/// The first and last of `periods` at a common sample size, or None without yearly
/// coverage or with fewer than two periods.
pub fn compare(rows: &Observations, coverage: Option<(i32, i32)>, periods: &[(i32, i32)]) -> Option<RarefiedRichness> {
    let coverage = coverage?;
    let (&early, &late) = (periods.first()?, periods.last().filter(|_| periods.len() >= 2)?);
    let events = (0..rows.len()).any(|i| rows.dating(i) != Dating::Period && rows.event_id(i) != NONE);
    let sample = |p: (i32, i32)| Incidence::of_units(&units(rows, p, coverage, events));
    let (a, b) = (sample(early), sample(late));
    let common = a.units.min(b.units);
    let enough = common >= MIN_COMMON_UNITS;
    let period = |(start, end): (i32, i32), i: &Incidence| PeriodSample {
        start,
        end,
        units: i.units,
        observed: i.observed(),
        rarefied: if enough { i.rarefied(common) } else { None },
    };
    Some(RarefiedRichness {
        sampling_unit: if events { "event" } else { "year" },
        common_units: common,
        early: period(early, &a),
        late: period(late, &b),
        note: (!enough).then(|| format!("too few sampling units: {common} in the smaller period, at least {MIN_COMMON_UNITS} needed")),
    })
}
