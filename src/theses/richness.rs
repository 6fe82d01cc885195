//! A channel's richness in its first and last period at a common sample size: the
//! periods' sampling units (events where the rows name them, else covered years)
//! rarefied to the smaller period's number of units (docs/METHODS.md §4.9).
use serde::Serialize;

use super::model::{partners_of, period_incidence};
use crate::data::observations::Observations;
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
    /// t = the smaller period's units.
    pub common_units: usize,
    /// The first period.
    pub early: PeriodSample,
    /// The last period.
    pub late: PeriodSample,
    /// Why no rarefied richness is given (None when it is).
    pub note: Option<String>,
}

/// The first and the last of `periods` that hold rows (the periods the claims compare),
/// with their incidence over the partner list `universe`; None with fewer than two.
fn first_and_last(
    rows: &Observations,
    universe: &[u32],
    periods: &[(i32, i32)],
    coverage: Option<(i32, i32)>,
) -> Option<[((i32, i32), Incidence); 2]> {
    let mut held = periods.iter().filter_map(|&p| period_incidence(rows, universe, p, coverage).map(|i| (p, i)));
    let first = held.next()?;
    let last = held.next_back()?;
    Some([first, last])
}

/// The first and last of `periods` that hold rows at a common sample size (`coverage`:
/// the channel's yearly coverage), or None with fewer than two such periods.
pub fn compare(rows: &Observations, coverage: Option<(i32, i32)>, periods: &[(i32, i32)]) -> Option<RarefiedRichness> {
    let universe = partners_of(rows);
    let [(early, a), (late, b)] = first_and_last(rows, &universe, periods, coverage)?;
    let common = a.units.min(b.units);
    let enough = common >= MIN_COMMON_UNITS;
    let sample = |(start, end): (i32, i32), i: &Incidence| PeriodSample {
        start,
        end,
        units: i.units,
        observed: i.observed(),
        rarefied: if enough { i.rarefied(common) } else { None },
    };
    Some(RarefiedRichness {
        common_units: common,
        early: sample(early, &a),
        late: sample(late, &b),
        note: (!enough).then(|| {
            format!("too few sampling units: {common} in the smaller period, at least {MIN_COMMON_UNITS} needed to compare richness")
        }),
    })
}
