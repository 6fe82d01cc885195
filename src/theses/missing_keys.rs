//! Every missing key of an analysis file in one run, each at the line of the table that
//! lacks it. serde stops at the first error, so the required keys are found on the
//! new-case template (`new_case::ANALYSIS`, which holds every one): a key is required when
//! the template without it fails with "missing field". A key is missing from a file when
//! its table is there (or it is a top-level table) and the key is not; another error in
//! the file (a wrong type) does not hide it.
use serde::Deserialize;

use super::spec::AnalysisFile;
use crate::data::issue::Issue;

/// A key the analysis file lacks: the table it belongs in ("" for the top level), the
/// key, and the template's line for it as an example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MissingKey {
    pub table: String,
    pub key: String,
    pub example: Option<String>,
}

/// The table at a dotted path, if every part is a table.
fn table_at<'a>(root: &'a mut toml::Table, dotted: &str) -> Option<&'a mut toml::Table> {
    let mut table = root;
    for part in dotted.split('.').filter(|p| !p.is_empty()) {
        table = table.get_mut(part)?.as_table_mut()?;
    }
    Some(table)
}

/// The template's line defining `table.key`, without its comment.
fn example(table: &str, key: &str) -> Option<String> {
    let dotted = if table.is_empty() { key.to_string() } else { format!("{table}.{key}") };
    let line = super::key_lines::line_of(crate::new_case::ANALYSIS, &dotted)?;
    let text = crate::new_case::ANALYSIS.lines().nth(line as usize - 1)?;
    Some(text.split(" #").next().unwrap_or(text).trim().to_string())
}

/// Every (table, key) of the template whose removal makes it fail with "missing field"
/// ("" as the table for a top-level table), in the template's order.
fn required_keys() -> Vec<(String, String)> {
    let Ok(template) = toml::from_str::<toml::Table>(crate::new_case::ANALYSIS) else { return vec![] };
    let mut paths: Vec<(String, String)> = Vec::new();
    for (name, value) in &template {
        paths.push((String::new(), name.clone()));
        if let Some(table) = value.as_table() {
            paths.extend(table.keys().map(|k| (name.clone(), k.clone())));
        }
    }
    paths
        .into_iter()
        .filter(|(table, key)| {
            let mut without = template.clone();
            let removed = table_at(&mut without, table).is_some_and(|t| t.remove(key).is_some());
            removed
                && AnalysisFile::deserialize(toml::Value::Table(without)).is_err_and(|e| e.message() == format!("missing field `{key}`"))
        })
        .collect()
}

/// Every required key the analysis file `text` lacks where its table is present, and
/// every required top-level table it lacks; empty when the text does not parse as TOML.
pub(crate) fn missing_keys(text: &str) -> Vec<MissingKey> {
    let Ok(mut file) = toml::from_str::<toml::Table>(text) else { return vec![] };
    required_keys()
        .into_iter()
        .filter(|(table, key)| table_at(&mut file, table).is_some_and(|t| !t.contains_key(key)))
        .map(|(table, key)| MissingKey { example: example(&table, &key), table, key })
        .collect()
}

/// The first error of the file once its missing keys are filled in from the template
/// (a wrong type that the first missing key hid): its message and the dotted key it is
/// in; None when the filled file deserializes.
pub(crate) fn next_error(text: &str, missing: &[MissingKey]) -> Option<(String, String)> {
    let mut file = toml::from_str::<toml::Table>(text).ok()?;
    let mut template = toml::from_str::<toml::Table>(crate::new_case::ANALYSIS).ok()?;
    for m in missing {
        let value = table_at(&mut template, &m.table)?.get(&m.key)?.clone();
        table_at(&mut file, &m.table)?.insert(m.key.clone(), value);
    }
    let error = AnalysisFile::deserialize(toml::Value::Table(file)).err()?;
    let shown = error.to_string();
    let key = shown.lines().find_map(|l| l.strip_prefix("in `")?.strip_suffix('`').map(str::to_string)).unwrap_or_default();
    Some((error.message().to_string(), key))
}

/// The missing keys as located issues of the file `shown`: a key at its table's line, a
/// missing table without a line.
pub(crate) fn issues(shown: &str, text: &str, missing: &[MissingKey]) -> Vec<Issue> {
    missing
        .iter()
        .map(|m| {
            let example = m.example.as_deref().map(|e| format!(" (for example `{e}`)")).unwrap_or_default();
            if m.table.is_empty() {
                Issue::file_level(shown, format!("missing table [{}]: every analysis file needs it{example}", m.key))
            } else {
                let line = super::key_lines::line_of(text, &m.table);
                let message = format!("table [{}]: missing key `{}`{example}", m.table, m.key);
                Issue::located(shown, line, message)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::missing_keys;

    #[test]
    fn the_template_lacks_nothing_and_every_removed_key_is_found() {
        let template = crate::new_case::ANALYSIS;
        assert!(missing_keys(template).is_empty());
        let dropped = ["subject =", "alpha =", "[periods]", "breaks ="];
        let text: String = template.lines().filter(|l| !dropped.iter().any(|d| l.starts_with(d))).map(|l| format!("{l}\n")).collect();
        let found: Vec<(String, String)> = missing_keys(&text).into_iter().map(|m| (m.table, m.key)).collect();
        let expected = [("data", "subject"), ("", "periods"), ("thresholds", "alpha")];
        for (table, key) in expected {
            assert!(found.contains(&(table.to_string(), key.to_string())), "{found:?}");
        }
        assert_eq!(found.len(), 3, "{found:?}");
    }
}
