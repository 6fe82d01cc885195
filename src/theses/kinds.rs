//! The kinds of cooperation of a channel's periods (claim C2, "inhaltliche Bereicherung"):
//! which kinds the channel's rows name (`kind`: an exercise's missions and domains) and,
//! per unit of evidence, how many of its sampling units carry each kind (docs/METHODS.md §1.4).
use super::model::{counts_per_unit, sampling_key};
use crate::data::observations::Observations;

/// The distinct kinds the rows name, sorted (the dense kind list of a channel).
pub fn kinds_of(obs: &Observations) -> Vec<String> {
    let mut kinds: Vec<String> = (0..obs.len()).flat_map(|i| obs.kinds(i).map(str::to_string).collect::<Vec<_>>()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    kinds
}

/// Per unit, each kind's count of sampling units in it: the unit's distinct events with a
/// positive value that carry the kind (for event units; a row without event_id is its own
/// event), or its years with such a row (for year blocks). `assigned` holds each row's
/// unit, `kinds` is `kinds_of` the channel's rows. The sampling units are those of
/// richness (claim C1), so both are compared at the same common size.
pub(crate) fn kind_presence(
    obs: &Observations,
    assigned: &[(usize, usize)],
    units: usize,
    events: bool,
    kinds: &[String],
) -> Vec<Vec<(usize, f64)>> {
    if kinds.is_empty() {
        return vec![Vec::new(); units];
    }
    let mut seen: Vec<(usize, usize, u32, i32)> = Vec::new();
    for &(i, unit) in assigned.iter().filter(|&&(i, _)| obs.value[i] > 0.0) {
        let (event, year) = sampling_key(obs, i, events);
        for kind in obs.kinds(i) {
            if let Ok(k) = kinds.binary_search_by(|x| x.as_str().cmp(kind)) {
                seen.push((unit, k, event, year));
            }
        }
    }
    counts_per_unit(seen, units)
}
