//! From loaded observations to analysis rows: attribution, then period spreading.
use super::attribution::{attribute, pooled_blocs, Attribution, Mode};
use super::frameworks::Frameworks;
use super::observations::{Observations, NONE};
use super::periods::{spread_periods, SpreadRule};

/// Applies `attribution` and `spread` in that order, skipping work that changes nothing
/// (no events, frameworks or period rows), so large plain panels are not copied.
pub fn prepare(obs: Observations, frameworks: &Frameworks, attribution: Attribution, spread: SpreadRule) -> Observations {
    let attributed = if needs_attribution(&obs, frameworks, attribution.mode) { attribute(&obs, frameworks, attribution) } else { obs };
    if spread == SpreadRule::Uniform && attributed.has_periods() {
        spread_periods(&attributed, spread)
    } else {
        attributed
    }
}

fn needs_attribution(obs: &Observations, frameworks: &Frameworks, mode: Mode) -> bool {
    // Decided once per distinct string, then looked up per row by id.
    let names_framework: Vec<bool> = (0..obs.strings.len() as u32).map(|id| frameworks.get(obs.strings.text(id)).is_some()).collect();
    let is_framework = |id: u32| id != NONE && names_framework[id as usize];
    let blocs = pooled_blocs(frameworks, mode);
    let in_bloc = |id: u32| blocs.iter().any(|b| b.pools(obs.strings.text(id)) && b.name != obs.strings.text(id));
    let attributable: Vec<bool> = (0..obs.strings.len() as u32).map(|id| is_framework(id) || in_bloc(id)).collect();
    obs.partner.iter().any(|&p| attributable[p as usize])
        || (0..obs.len()).any(|i| obs.event_id(i) != NONE || is_framework(obs.framework_id(i)))
}
