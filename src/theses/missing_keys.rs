//! Every missing key of an analysis file in one run, each at the line of the table that
//! lacks it: serde stops at the first missing field, so the file is deserialized again
//! with the new-case template's value put in for each missing key until nothing is
//! missing (the template, `new_case::ANALYSIS`, holds every required key).
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

/// The missing field and its table from a toml deserialization error ("missing field
/// `subject`" and, in its display, "in `data`").
fn missing_field(error: &toml::de::Error) -> Option<(String, String)> {
    let key = error.message().strip_prefix("missing field `")?.strip_suffix('`')?.to_string();
    let shown = error.to_string();
    let table = shown.lines().find_map(|l| l.strip_prefix("in `")?.strip_suffix('`').map(str::to_string)).unwrap_or_default();
    Some((table, key))
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

/// Every key the analysis file `text` lacks that the template can stand in for, in the
/// order serde meets them; empty when the text does not parse as TOML.
pub(crate) fn missing_keys(text: &str) -> Vec<MissingKey> {
    let (Ok(mut file), Ok(mut template)) = (toml::from_str::<toml::Table>(text), toml::from_str::<toml::Table>(crate::new_case::ANALYSIS))
    else {
        return vec![];
    };
    let mut missing = Vec::new();
    // Each round fills one key, so the template's size bounds the rounds.
    for _ in 0..256 {
        let Err(error) = AnalysisFile::deserialize(toml::Value::Table(file.clone())) else { break };
        let Some((table, key)) = missing_field(&error) else { break };
        let Some(value) = table_at(&mut template, &table).and_then(|t| t.get(&key)).cloned() else { break };
        let Some(target) = table_at(&mut file, &table) else { break };
        target.insert(key.clone(), value);
        missing.push(MissingKey { example: example(&table, &key), table, key });
    }
    missing
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
                Issue { file: shown.to_string(), line, column_index: None, column: None, message }
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
