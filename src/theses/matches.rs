//! Does the analysis file talk about the data it loads? Its subject, focal partner, each
//! thesis channel and each horizon must match rows; a misspelt name would otherwise
//! silently change the answer (a focal partner with no rows is never "first").
use std::collections::BTreeSet;
use std::path::Path;

use super::spec::{key_error, AnalysisFile};
use crate::data::{Dataset, Observations};
use crate::error::{Error, Result};
use crate::suggest::hint;

/// Checks `file` against `dataset` (loaded from it); `focal` is the canonical focal name.
/// Errors name the key, its line, the value and the closest names found in the data.
pub fn check(analysis_path: &Path, file: &AnalysisFile, dataset: &Dataset, focal: &str) -> Result<()> {
    let obs = &dataset.observations;
    let fail = |key: &str, message: String| -> Result<()> {
        let shown = analysis_path.display().to_string();
        let text = std::fs::read_to_string(analysis_path).map_err(|e| Error::io(&shown, e))?;
        Err(key_error(&shown, &text, key, message))
    };
    let subject = &file.data.subject;
    let subjects = names(obs, &obs.subject, |_| true);
    if !subjects.contains(subject.as_str()) {
        let known: Vec<&str> = subjects.iter().copied().collect();
        return fail("data.subject", format!("\"{subject}\" matches no row's subject{}", hint(subject, &known)));
    }
    let of_subject = |i: usize| obs.strings.text(obs.subject[i]) == subject;
    let channels = names(obs, &obs.channel, of_subject);
    for channel in file.channels.keys() {
        if !channels.contains(channel.as_str()) {
            let known: Vec<&str> = channels.iter().copied().collect();
            return fail(
                &format!("channels.{channel}"),
                format!("\"{channel}\" matches no row of subject \"{subject}\"{}", hint(channel, &known)),
            );
        }
    }
    let analysed: Vec<&str> = file.channels.keys().map(String::as_str).chain(file.fields.iter().map(|f| f.channel.as_str())).collect();
    for channel in channels.iter().filter(|c| !analysed.contains(c)) {
        // A misspelling: one or two edits, and at most a quarter of the name ("excercises"),
        // not a channel of its own that extends a thesis channel's name ("arms_aid").
        let near = analysed.iter().find(|a| {
            let d = crate::suggest::edit_distance(&channel.to_lowercase(), &a.to_lowercase());
            d <= 2 && 4 * d <= channel.chars().count()
        });
        if let Some(near) = near {
            let message = format!("the data's channel \"{channel}\" is not analysed but close to the thesis channel \"{near}\": its rows would be left out without a word; correct the spelling in the data, or list it under [channels] if it is a channel of its own");
            return fail(&format!("channels.{near}"), message);
        }
    }
    check_fields(file, obs, &channels, |key, message| fail(key, message))?;
    check_blocs(file, dataset, |key, message| fail(key, message))?;
    let in_theses = |i: usize| of_subject(i) && file.channels.contains_key(obs.strings.text(obs.channel[i]));
    let mut partners = names(obs, &obs.partner, in_theses);
    // Attribution may give a framework's value to its lead state.
    partners.extend(dataset.frameworks.by_name.values().flat_map(|f| f.lead.iter().map(String::as_str)));
    if !partners.contains(focal) {
        let known: Vec<&str> = partners.iter().copied().collect();
        return fail(
            "data.focal",
            format!("\"{}\" matches no partner of \"{subject}\" in the thesis channels{}", file.data.focal, hint(&file.data.focal, &known)),
        );
    }
    let years: Vec<(i32, i32)> = (0..obs.len()).filter(|&i| in_theses(i)).map(|i| (obs.year_start[i], obs.year_end(i))).collect();
    let (first, last) = (years.iter().map(|y| y.0).min().unwrap_or(0), years.iter().map(|y| y.1).max().unwrap_or(0));
    let covers = |from: i32, to: i32| years.iter().any(|&(s, e)| s <= to && e >= from);
    let span = format!("the thesis channels of \"{subject}\" have rows in {first}-{last}");
    if !covers(file.data.first_year, file.data.last_year) {
        return fail("data.first_year", format!("the horizon {}-{} matches no data: {span}", file.data.first_year, file.data.last_year));
    }
    if let Some(y) = file.multiverse.last_years.iter().find(|&&y| !covers(file.data.first_year, y)) {
        return fail("multiverse.last_years", format!("the horizon {}-{y} matches no data: {span}", file.data.first_year));
    }
    Ok(())
}

/// Each bloc of `[attribution]`: its `partners` and `led_by` name partners of the data or
/// the registry, or frameworks; its `composition` names frameworks; and its name, when it
/// is no known name, is not a misspelt one (a bloc "Rusia" would pool the Russian vector
/// away from the focal partner Russia).
fn check_blocs(file: &AnalysisFile, dataset: &Dataset, fail: impl Fn(&str, String) -> Result<()>) -> Result<()> {
    let frameworks: Vec<&str> = dataset.frameworks.by_name.keys().map(String::as_str).collect();
    let mut known: Vec<&str> = dataset.observations.partner_names();
    known.extend(dataset.registry.partners.iter().map(|p| p.name.as_str()));
    known.extend(frameworks.iter().copied());
    let is_known = |n: &str| known.contains(&n) || dataset.registry.canonical(n).is_some();
    for (k, bloc) in file.attribution.blocs.iter().enumerate() {
        let at = format!("attribution.blocs[{k}] (\"{}\")", bloc.name);
        for (list, names, pool) in
            [("partners", &bloc.partners, &known), ("led_by", &bloc.led_by, &known), ("composition", &bloc.composition, &frameworks)]
        {
            if let Some(bad) = names.iter().find(|n| !(pool.contains(&n.as_str()) || (list != "composition" && is_known(n)))) {
                let message = format!(
                    "{at}: {list} entry \"{bad}\" is no {} of the data{}",
                    if list == "composition" { "framework" } else { "partner or framework" },
                    hint(bad, pool)
                );
                return fail("attribution", message);
            }
        }
        let close = crate::suggest::closest(&bloc.name, known.iter().copied(), 1);
        if !is_known(&bloc.name) && !close.is_empty() {
            return fail("attribution", format!("{at}: the bloc's name is no partner of the data but close to \"{}\": a misspelt name pools the bloc away from that partner; spell it exactly, or choose a name unlike any partner", close[0]));
        }
    }
    Ok(())
}

/// Each `[[fields]]` entry: a non-empty name used once, a channel with rows of the
/// subject (`channels`), and a kind that some row of that channel lists.
fn check_fields(
    file: &AnalysisFile,
    obs: &Observations,
    channels: &BTreeSet<&str>,
    fail: impl Fn(&str, String) -> Result<()>,
) -> Result<()> {
    for (k, field) in file.fields.iter().enumerate() {
        let key = format!("fields[{k}]");
        if field.name.trim().is_empty() || file.fields[..k].iter().any(|f| f.name == field.name) {
            return fail("fields", format!("{key}: expected a non-empty name used once, found \"{}\"", field.name));
        }
        if !channels.contains(field.channel.as_str()) {
            let known: Vec<&str> = channels.iter().copied().collect();
            let message = format!(
                "{key} (\"{}\"): channel \"{}\" matches no row of the subject{}",
                field.name,
                field.channel,
                hint(&field.channel, &known)
            );
            return fail("fields", message);
        }
        if let Some(kind) = &field.kind {
            let mut kinds: BTreeSet<&str> = BTreeSet::new();
            for i in (0..obs.len()).filter(|&i| obs.strings.text(obs.channel[i]) == field.channel) {
                kinds.extend(obs.kinds(i));
            }
            if !kinds.contains(kind.as_str()) {
                let known: Vec<&str> = kinds.iter().copied().collect();
                let message = format!(
                    "{key} (\"{}\"): kind \"{kind}\" is listed by no row of channel \"{}\"{}",
                    field.name,
                    field.channel,
                    hint(kind, &known)
                );
                return fail("fields", message);
            }
        }
    }
    Ok(())
}

/// The distinct texts of `ids` over the rows where `keep` holds.
fn names<'a>(obs: &'a Observations, ids: &[u32], keep: impl Fn(usize) -> bool) -> BTreeSet<&'a str> {
    let mut seen = vec![false; obs.strings.len()];
    for (i, &id) in ids.iter().enumerate() {
        if !seen[id as usize] && keep(i) {
            seen[id as usize] = true;
        }
    }
    (0..seen.len()).filter(|&id| seen[id]).map(|id| obs.strings.text(id as u32)).collect()
}
