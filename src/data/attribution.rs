//! Attribution: turns events under multilateral frameworks into partner values (docs/METHODS.md §2).
//!
//! An *event* is the set of rows sharing (subject, channel, event_id) *and* the same year
//! (or period): rows of one event in different years (a deal delivered over several
//! years) stay separate values per year, nothing is merged across years; the bootstrap
//! still resamples them as one event. A row without an event_id is an event of its own. Each mode decides who receives an event's value:
//!
//! * `framework` — an event under a known framework (CSTO, SCO, CIS, …) goes to the
//!   framework itself as one partner, with the event's value (the largest row value).
//! * `lead` — such an event goes to the framework's lead state(s), split equally
//!   (CSTO → Russia; SCO → Russia ½, China ½).
//! * `members` — every co-participant keeps its own row; a row whose partner *is* a
//!   framework (e.g. "CSTO", participants not named) is expanded to the framework's
//!   members in that year, the subject itself excluded.
//! * `russian-vector` — the first bloc of the analysis file (the focal partner's vector:
//!   the focal partner and the alliance it leads, as the analysis file defines it) is pooled into one partner: an event
//!   under a framework of the bloc or led by it, or whose participants besides the subject
//!   are all members of the bloc's composition frameworks in that year (one of them a bloc
//!   partner), counts once for the bloc; other events as in `framework`, with the bloc's
//!   partners renamed to the bloc.
//! * `bloc` — the same for every bloc of the analysis file (e.g. a Western bloc for events
//!   led by the United States or NATO).
//!
//! Events that are not under a known framework keep their rows in every mode (bar the
//! expansion and pooling above). Every row derived from an event keeps the event's
//! `event_id`, `framework`, `series` and `kind`. With `split_events`, the value of an event with k
//! receiving partners is divided by k, so every event totals its value once (the
//! 1/(k−1) weighting of docs/METHODS.md §2, k counting the subject); without it every receiving
//! partner gets the full value (weight 1).
use std::collections::BTreeMap;

use super::frameworks::{Bloc, Frameworks};
use super::observations::{Observations, RowInput, NONE};

/// Who receives the value of a multilateral event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// An event under a known framework goes to the framework itself, as one partner.
    Framework,
    /// An event under a known framework goes to its lead state(s), split equally.
    Lead,
    /// Every co-participant keeps its own row; a framework named as partner is expanded to its members.
    Members,
    /// The first bloc of the analysis file (the focal partner's vector) is pooled into one partner.
    RussianVector,
    /// Every bloc of the analysis file is pooled into one partner each.
    Bloc,
}

impl Mode {
    /// Every mode, in the order of the documentation and of `name`.
    pub const ALL: [Mode; 5] = [Mode::Framework, Mode::Lead, Mode::Members, Mode::RussianVector, Mode::Bloc];

    /// The mode's name on the command line and in the analysis file (`russian-vector`, …).
    pub fn name(self) -> &'static str {
        match self {
            Mode::Framework => "framework",
            Mode::Lead => "lead",
            Mode::Members => "members",
            Mode::RussianVector => "russian-vector",
            Mode::Bloc => "bloc",
        }
    }

    /// The mode called `text` (as `name` spells it); `None` for an unknown name.
    pub fn parse(text: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == text)
    }
}

/// The blocs `mode` pools: the first for `russian-vector`, all for `bloc`, none otherwise.
pub(crate) fn pooled_blocs(frameworks: &Frameworks, mode: Mode) -> &[Bloc] {
    match mode {
        Mode::RussianVector => &frameworks.blocs[..frameworks.blocs.len().min(1)],
        Mode::Bloc => &frameworks.blocs,
        _ => &[],
    }
}

/// An attribution choice: the mode and whether an event's value is split among its receivers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Attribution {
    /// Who receives the value of a multilateral event.
    pub mode: Mode,
    /// Divide an event's value by its k receiving partners (weight 1/k) instead of giving each the full value.
    pub split_events: bool,
}

/// One receiving partner of an event: (partner, value, low, high).
type Share = (String, f64, Option<f64>, Option<f64>);

/// Applies `attribution` to every row; returns a new table in which each row is one
/// partner's share of one event (its line still points at the row it came from).
pub fn attribute(obs: &Observations, frameworks: &Frameworks, attribution: Attribution) -> Observations {
    // Group row indices into events, in first-appearance order.
    let mut events: Vec<Vec<usize>> = Vec::new();
    let mut by_key: BTreeMap<(u32, u32, u32, i32, i32), usize> = BTreeMap::new();
    for i in 0..obs.len() {
        let event = obs.event_id(i);
        if event == NONE {
            events.push(vec![i]);
            continue;
        }
        let key = (obs.subject[i], obs.channel[i], event, obs.year_start[i], obs.year_end(i));
        match by_key.get(&key) {
            Some(&e) => events[e].push(i),
            None => {
                by_key.insert(key, events.len());
                events.push(vec![i]);
            }
        }
    }

    let mut out = Observations::default();
    out.add_file("(attributed)", Default::default());
    out.reserve(obs.len());
    for rows in &events {
        let mut first = obs.row(rows[0]);
        // Every derived row keeps the event's series: its first row's, else the first one
        // any of its rows names.
        first.series = rows.iter().map(|&i| obs.series(i)).find(|&s| s != NONE).map(|s| obs.text(s));
        // And its kinds, likewise (an event has one set of missions and domains).
        first.kind = rows.iter().map(|&i| obs.kind_id(i)).find(|&s| s != NONE).map(|s| obs.text(s));
        let (shares, already_divided) = receivers(obs, rows, frameworks, attribution.mode);
        let k = shares.len().max(1) as f64;
        let divide = attribution.split_events && !already_divided;
        for (partner, value, low, high) in shares {
            let scale = |x: f64| if divide { x / k } else { x };
            let mut r: RowInput<'_> = first;
            r.partner = &partner;
            r.value = scale(value);
            r.value_low = low.map(scale);
            r.value_high = high.map(scale);
            out.push(r, obs.line(rows[0]));
        }
    }
    out
}

/// The partners that receive one event's value under `mode`, sorted by name, and
/// whether their shares already divide the event's value (a lead split).
fn receivers(obs: &Observations, rows: &[usize], frameworks: &Frameworks, mode: Mode) -> (Vec<Share>, bool) {
    let first = obs.row(rows[0]);
    let event_framework = first.framework.and_then(|f| frameworks.get(f));
    let event_value = rows.iter().map(|&i| obs.value[i]).fold(0.0, f64::max);
    let bound =
        |pick: fn(&RowInput<'_>) -> Option<f64>| rows.iter().map(|&i| pick(&obs.row(i))).try_fold(0.0f64, |acc, b| b.map(|b| acc.max(b)));
    let (low, high) = (bound(|r| r.value_low), bound(|r| r.value_high));

    let mut shares: BTreeMap<String, Share> = BTreeMap::new();
    // A partner named twice in one event receives the event once (largest value).
    let mut give = |partner: &str, value: f64, low: Option<f64>, high: Option<f64>| merge_share(&mut shares, partner, value, low, high);

    let blocs = pooled_blocs(frameworks, mode);
    if let Some(bloc) = bloc_of_event(obs, rows, frameworks, blocs) {
        give(&bloc.name, event_value, low, high);
        return (shares.into_values().collect(), false);
    }
    let mut already_divided = false;
    match (mode, event_framework) {
        (Mode::Framework | Mode::RussianVector | Mode::Bloc, Some(f)) => give(&f.name, event_value, low, high),
        (Mode::Lead, Some(f)) => {
            already_divided = true;
            let m = f.lead.len().max(1) as f64;
            for lead in &f.lead {
                give(lead, event_value / m, low.map(|x| x / m), high.map(|x| x / m));
            }
        }
        _ => {
            for &i in rows {
                let r = obs.row(i);
                match frameworks.get(r.partner) {
                    Some(f) if mode == Mode::Members => {
                        let year = r.year_start;
                        for member in f.members_in(year).into_iter().filter(|m| *m != r.subject) {
                            give(member, r.value, r.value_low, r.value_high);
                        }
                    }
                    Some(f) if mode == Mode::Lead => {
                        let m = f.lead.len().max(1) as f64;
                        for lead in &f.lead {
                            give(lead, r.value / m, r.value_low.map(|x| x / m), r.value_high.map(|x| x / m));
                        }
                    }
                    _ => give(r.partner, r.value, r.value_low, r.value_high),
                }
            }
        }
    }
    (pool_into_blocs(shares.into_values().collect(), blocs), already_divided)
}

/// Adds one receiver's share to `shares`: a partner that receives an event more than once
/// keeps the largest value and bounds (an unknown bound stays unknown).
fn merge_share(shares: &mut BTreeMap<String, Share>, partner: &str, value: f64, low: Option<f64>, high: Option<f64>) {
    let entry = shares.entry(partner.to_string()).or_insert((partner.to_string(), 0.0, Some(0.0), Some(0.0)));
    entry.1 = entry.1.max(value);
    entry.2 = entry.2.zip(low).map(|(a, b)| a.max(b));
    entry.3 = entry.3.zip(high).map(|(a, b)| a.max(b));
}

/// Renames bloc partners among `shares` to their bloc; a bloc named twice receives the
/// event once (largest value and bounds).
fn pool_into_blocs(shares: Vec<Share>, blocs: &[Bloc]) -> Vec<Share> {
    if blocs.is_empty() {
        return shares;
    }
    let mut pooled: BTreeMap<String, Share> = BTreeMap::new();
    for (partner, value, low, high) in shares {
        let name = blocs.iter().find(|b| b.pools(&partner)).map_or(partner, |b| b.name.clone());
        merge_share(&mut pooled, &name, value, low, high);
    }
    pooled.into_values().collect()
}

/// The bloc an event counts for as a whole, if any: its framework is a bloc partner or is
/// led only by the bloc's `led_by` states; or every participant besides the subject is a
/// bloc partner or a member of one of the bloc's composition frameworks in the event's
/// year, and at least one is a bloc partner (a bilateral exercise with another CIS state
/// is not the Russian vector).
fn bloc_of_event<'b>(obs: &Observations, rows: &[usize], frameworks: &Frameworks, blocs: &'b [Bloc]) -> Option<&'b Bloc> {
    let first = obs.row(rows[0]);
    let framework = first.framework.and_then(|f| frameworks.get(f));
    let year = first.year_start;
    let participants: Vec<&str> = rows.iter().map(|&i| obs.row(i).partner).filter(|p| *p != first.subject).collect();
    blocs.iter().find(|bloc| {
        let by_framework =
            framework.is_some_and(|f| bloc.pools(&f.name) || (!f.lead.is_empty() && f.lead.iter().all(|l| bloc.led_by.contains(l))));
        let member =
            |p: &str| bloc.pools(p) || bloc.composition.iter().filter_map(|c| frameworks.get(c)).any(|c| c.members_in(year).contains(&p));
        let by_composition =
            !participants.is_empty() && participants.iter().any(|p| bloc.pools(p)) && participants.iter().all(|p| member(p));
        by_framework || by_composition
    })
}
