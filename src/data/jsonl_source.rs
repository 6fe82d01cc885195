//! JSON Lines reading, exact and line-aware like the CSV reader: every line is parsed on
//! its own, the header is the union of the keys of all records (first-seen order), and
//! each cell is validated by the same rules as a CSV cell. No schema is guessed from a
//! sample, so a key first seen in the last record counts like one in the first.
use std::collections::HashSet;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use super::csv_source::{parse_header, Header};
use super::fields::{validate_row, Cell};
use super::issue::{Issue, IssueLog};
use super::observations::Observations;
use super::schema::Column;
use crate::error::{Error, Result};

/// A JSON object's members in file order, duplicates kept (a map would drop them).
struct Members(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Members, D::Error> {
        struct Object;
        impl<'de> Visitor<'de> for Object {
            type Value = Members;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Members, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, Value>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(Object)
    }
}

/// The non-blank lines of `bytes` as (1-based line number, text), or the first line
/// that is not UTF-8 text (NUL byte, invalid UTF-8) as an issue.
fn lines<'a>(path: &str, bytes: &'a [u8]) -> std::result::Result<Vec<(u64, &'a str)>, Issue> {
    let mut out = Vec::new();
    for (k, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let number = k as u64 + 1;
        if let Some(at) = memchr::memchr(0, raw) {
            return Err(Issue::at_line(
                path,
                number,
                format!("binary content (NUL byte at byte {} of the line): expected a JSON object per line", at + 1),
            ));
        }
        let text = std::str::from_utf8(raw)
            .map_err(|e| Issue::at_line(path, number, format!("invalid UTF-8 at byte {} of the line", e.valid_up_to() + 1)))?;
        let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if !text.is_empty() {
            out.push((number, text));
        }
    }
    Ok(out)
}

/// Parses one line as a JSON object, or logs why it is not one.
fn object(path: &str, number: u64, text: &str, log: &mut IssueLog) -> Option<Vec<(String, Value)>> {
    if !text.starts_with('{') {
        log.push(Issue::at_line(path, number, "expected a JSON object, found another JSON value"));
        return None;
    }
    match serde_json::from_str::<Members>(text) {
        Ok(Members(members)) => {
            let mut seen: HashSet<&str> = HashSet::with_capacity(members.len());
            for (key, _) in &members {
                if !seen.insert(key.as_str()) {
                    log.push(Issue::at_line(path, number, format!("key \"{key}\" appears twice in the object: expected unique keys")));
                    return None;
                }
            }
            Some(members)
        }
        Err(e) => {
            log.push(Issue::at_line(path, number, format!("invalid JSON (column {}): {e}", e.column())));
            None
        }
    }
}

/// Reads and validates a JSON Lines file into `out`. Returns the unknown keys.
pub fn read_json_lines(path: &str, out: &mut Observations, log: &mut IssueLog) -> Result<Vec<String>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let lines = match lines(path, &bytes) {
        Ok(lines) => lines,
        Err(issue) => {
            log.push(issue);
            return Ok(Vec::new());
        }
    };
    if lines.is_empty() {
        log.push(Issue::at_line(path, 1, "empty file: expected one JSON object per line"));
        return Ok(Vec::new());
    }
    // Pass 1: every line is an object; the header is the union of their keys.
    let names = key_union(path, &lines, log);
    if !log.is_empty() {
        return Ok(Vec::new());
    }
    let Some(header) = parse_header(path, &names, log) else {
        return Ok(Vec::new());
    };
    // Pass 2: each record validated as a row, located at its own line.
    out.add_file(path, header.columns.clone());
    for &(number, text) in &lines {
        let Some(members) = object(path, number, text, log) else { continue };
        let mut cells: [Option<&Value>; Column::COUNT] = [None; Column::COUNT];
        for (key, value) in &members {
            if let Some(column) = Column::from_name(key) {
                cells[column.index()] = Some(value);
            }
        }
        // Numbers in text columns are read as their JSON text (as a CSV cell would be).
        let numbers_as_text: Vec<Option<String>> = Column::ALL
            .iter()
            .map(|c| match cells[c.index()] {
                Some(Value::Number(n)) if !c.is_numeric() => Some(n.to_string()),
                _ => None,
            })
            .collect();
        if has_wrong_types(path, number, &header, &cells, log) {
            continue;
        }
        let cell = |c: Column| match (cells[c.index()], &numbers_as_text[c.index()]) {
            (_, Some(text)) => Cell::from_text(text),
            (Some(Value::String(s)), _) => Cell::from_text(s),
            (Some(Value::Number(n)), _) => n.as_f64().map_or(Cell::Missing, Cell::Number),
            _ => Cell::Missing,
        };
        match validate_row(cell) {
            Ok(row) => out.push(row, number as u32),
            Err(problems) => header.report(path, number, problems, log),
        }
    }
    Ok(header.unknown)
}

/// The keys of every line's object in order of first appearance; logs lines that are not objects.
fn key_union(path: &str, lines: &[(u64, &str)], log: &mut IssueLog) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for &(number, text) in lines {
        if let Some(members) = object(path, number, text, log) {
            for (key, _) in members {
                if !seen.contains(&key) {
                    seen.insert(key.clone());
                    names.push(key);
                }
            }
        }
        if log.is_full() {
            break;
        }
    }
    names
}

/// Logs every schema cell holding a boolean, array or object; true if there was one.
fn has_wrong_types(path: &str, number: u64, header: &Header, cells: &[Option<&Value>; Column::COUNT], log: &mut IssueLog) -> bool {
    let mut wrong_type = false;
    for column in Column::ALL {
        let found = match cells[column.index()] {
            Some(Value::Bool(_)) => "a boolean",
            Some(Value::Array(_)) => "an array",
            Some(Value::Object(_)) => "an object",
            _ => continue,
        };
        let expected = if column.is_numeric() { "a number" } else { "text" };
        let position = header.columns.get(column).map(|p| p + 1);
        log.push(Issue::at_cell(path, number, position, column.name(), format!("expected {expected}, found {found}")));
        wrong_type = true;
    }
    wrong_type
}
