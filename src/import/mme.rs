//! Multinational Military Exercises (MME, D'Orazio & Galambos) long format: one row per
//! exercise and participant. Each exercise becomes one event: for each participant (or
//! only `subject`) one row per co-participant, value 1, framework guessed from the series,
//! `series` as MME spells it (`Series_Name`), `kind` its mission and domain flags set to 1.
use std::collections::BTreeMap;

use super::{read_text, ImportRow};
use crate::data::issue::{Issue, IssueLog};
use crate::error::{Error, Result};

/// Framework by series name (lower case, substring), following the codebook of the
/// bundled case's exercise table. The first match wins.
const SERIES_FRAMEWORK: [(&str, &str); 22] = [
    ("rubezh", "CSTO"),
    ("vzaimode", "CSTO"),
    ("peace mission", "SCO"),
    ("norak", "SCO"),
    ("tsentrazbat", "CENTRAZBAT"),
    ("centrazbat", "CENTRAZBAT"),
    ("yuzhny shchit", "CIS"),
    ("southern shield", "CIS"),
    ("boyevoye sodruzhestvo", "CIS"),
    ("combat commonwealth", "CIS"),
    ("military partnership", "CIS"),
    ("anti-terror", "CIS"),
    ("steppe eagle", "NATO-PfP"),
    ("cooperative", "NATO-PfP"),
    ("combined endeavor", "NATO-PfP"),
    ("peace shield", "NATO-PfP"),
    ("rapid trident", "NATO-PfP"),
    ("medceur", "NATO-PfP"),
    ("rescuer", "NATO-PfP"),
    ("regional response", "NATO-PfP"),
    ("cooperative best effort", "NATO-PfP"),
    ("cbe", "NATO-PfP"),
];

/// The framework guessed from an exercise's series and name.
pub(crate) fn framework(series: &str, name: &str, co_participants: usize) -> &'static str {
    let text = format!("{series} {name}").to_lowercase();
    if text.contains("vzaimode") && text.contains("2003") {
        return "SCO";
    }
    SERIES_FRAMEWORK.iter().find(|(pattern, _)| text.contains(pattern)).map(|(_, f)| *f).unwrap_or(if co_participants == 1 {
        "bilateral"
    } else {
        "multilateral-other"
    })
}

/// The series as MME spells it (`Series_Name`); empty when MME gives none ("", "-9", or
/// R's "NA", as in MME's own long-format export).
fn series_name(series: &str) -> &str {
    if matches!(series, "-9" | "NA") {
        ""
    } else {
        series
    }
}

struct Exercise {
    name: String,
    series: String,
    /// Its missions and domains (the MME flags set to 1), `;`-separated.
    kind: String,
    year: i32,
    /// The line that introduced the exercise.
    line: u64,
    participants: Vec<String>,
}

/// Imports the MME file; `subjects` keeps only these participants' views (all when empty),
/// each subject's rows together, in the order given.
pub fn import(path: &str, subjects: &[String]) -> Result<Vec<ImportRow>> {
    let text = read_text(path)?;
    let (bytes, breaks) = crate::data::record_lines::BreakRecorder::new(text.as_bytes());
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Error::Input(vec![Issue::at_line(path, 1, format!("cannot read header: {e}"))]))?
        .iter()
        .map(str::to_string)
        .collect();
    let columns = MmeColumns::find(path, &header)?;
    let mut log = IssueLog::new(50);
    let mut exercises: BTreeMap<String, Exercise> = BTreeMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                log.push(Issue::at_line(path, e.position().map_or(0, |p| p.line()), format!("cannot read CSV: {e}")));
                continue;
            }
        };
        let line = breaks.borrow_mut().line_of(record.position());
        if record.len() != header.len() {
            log.push(Issue::at_line(path, line, format!("ragged row: expected {} fields, found {}", header.len(), record.len())));
            continue;
        }
        columns.add_participant(path, line, &record, &mut exercises, &mut log);
    }
    if !log.is_empty() {
        return Err(Error::Input(log.into_issues(path)));
    }
    if subjects.is_empty() {
        let rows = exercise_rows(&exercises, None);
        if rows.is_empty() {
            return Err(Error::file(path, "no exercise rows imported"));
        }
        return Ok(rows);
    }
    let mut rows = Vec::new();
    for subject in subjects {
        let mine = exercise_rows(&exercises, Some(subject));
        if mine.is_empty() {
            return Err(Error::file(path, format!("no exercise of participant \"{subject}\" (check --subject: MME's country names)")));
        }
        rows.extend(mine);
    }
    Ok(rows)
}

/// MME's mission and domain flags, in the order `kind` lists them (D'Orazio & Galambos,
/// MME codebook v7: 1 when the exercise has the mission or takes place in the domain).
pub(crate) const FLAGS: [&str; 9] = ["Warfighting", "Peacekeeping", "Humanitarian", "CPX", "Air", "Land", "Sea", "Amphibious", "Cyber"];

/// Positions of the MME columns the import reads (`flags`: those of `FLAGS` the file has).
struct MmeColumns {
    id: usize,
    ex_name: usize,
    series: usize,
    country: usize,
    year: usize,
    flags: Vec<(usize, &'static str)>,
}

impl MmeColumns {
    /// Finds the columns; a duplicated column name or a missing MME column is an error.
    fn find(path: &str, header: &[String]) -> Result<MmeColumns> {
        let mut log = IssueLog::new(50);
        for (k, name) in header.iter().enumerate() {
            if let Some(first) = header[..k].iter().position(|h| h == name) {
                log.push(Issue::at_cell(
                    path,
                    1,
                    Some(k + 1),
                    name,
                    format!("duplicated column name (also column {}): expected unique names", first + 1),
                ));
            }
        }
        if !log.is_empty() {
            return Err(Error::Input(log.into_issues(path)));
        }
        let col = |name: &str| header.iter().position(|h| h == name);
        let (Some(id), Some(ex_name), Some(series), Some(country), Some(year)) =
            (col("MMEID"), col("Ex_Name"), col("Series_Name"), col("country"), col("year"))
        else {
            return Err(Error::Input(vec![Issue::at_line(path, 1, "expected the MME columns MMEID, Ex_Name, Series_Name, country, year")]));
        };
        let flags = FLAGS.iter().filter_map(|f| col(f).map(|k| (k, *f))).collect();
        Ok(MmeColumns { id, ex_name, series, country, year, flags })
    }

    /// The record's kinds: the flags set to 1 (0, -9, NA or empty: not set), or the
    /// located error of a flag that is none of these.
    fn kind(&self, path: &str, line: u64, record: &csv::StringRecord) -> std::result::Result<String, Issue> {
        let mut kinds = Vec::new();
        for &(k, name) in &self.flags {
            match record[k].trim() {
                "1" | "1.0" => kinds.push(name),
                "0" | "0.0" | "-9" | "NA" | "" => {}
                other => return Err(Issue::at_cell(path, line, Some(k + 1), name, format!("expected a flag 0 or 1, found \"{other}\""))),
            }
        }
        Ok(kinds.join(";"))
    }

    /// Adds one record's participant to its exercise; logs a bad year or id, or a year
    /// that differs from the exercise's.
    fn add_participant(
        &self,
        path: &str,
        line: u64,
        record: &csv::StringRecord,
        exercises: &mut BTreeMap<String, Exercise>,
        log: &mut IssueLog,
    ) {
        let MmeColumns { id, ex_name, series, country, year, .. } = *self;
        let Some(y) = record[year].trim().parse::<i32>().ok().filter(|y| (1800..=2200).contains(y)) else {
            log.push(Issue::at_cell(path, line, Some(year + 1), "year", format!("expected a year, found \"{}\"", &record[year])));
            return;
        };
        let mmeid = record[id].trim();
        if mmeid.is_empty() || mmeid == "-9" {
            log.push(Issue::at_cell(path, line, Some(id + 1), "MMEID", format!("expected an exercise id, found \"{mmeid}\"")));
            return;
        }
        let kind = match self.kind(path, line, record) {
            Ok(kind) => kind,
            Err(issue) => return log.push(issue),
        };
        let e = exercises.entry(mmeid.to_string()).or_insert_with(|| Exercise {
            name: record[ex_name].trim().to_string(),
            series: record[series].trim().to_string(),
            kind,
            year: y,
            line,
            participants: Vec::new(),
        });
        if e.year != y {
            let message = format!("expected {mmeid}'s year {} (as on line {}), found {y}: one exercise has one year", e.year, e.line);
            log.push(Issue::at_cell(path, line, Some(year + 1), "year", message));
            return;
        }
        let who = record[country].trim().to_string();
        if who != "-9" && !who.is_empty() && !e.participants.contains(&who) {
            e.participants.push(who);
        }
    }
}

/// For each exercise and participant (or only `subject`), one row per co-participant.
fn exercise_rows(exercises: &BTreeMap<String, Exercise>, subject: Option<&str>) -> Vec<ImportRow> {
    let mut rows = Vec::new();
    for (mmeid, e) in exercises {
        let mut participants = e.participants.clone();
        participants.sort();
        for s in participants.iter().filter(|p| subject.is_none_or(|want| want == p.as_str())) {
            let co: Vec<&String> = participants.iter().filter(|p| *p != s).collect();
            let framework = framework(&e.series, &e.name, co.len());
            for p in co {
                rows.push(ImportRow {
                    subject: s.clone(),
                    channel: "exercises".into(),
                    partner: p.clone(),
                    year: e.year,
                    value: 1.0,
                    unit: "exercises".into(),
                    framework: framework.into(),
                    event_id: mmeid.clone(),
                    series: series_name(&e.series).to_string(),
                    kind: e.kind.clone(),
                    source: "mme-v7".into(),
                    locator: mmeid.clone(),
                    note: format!("MME {mmeid}: {}", if e.name == "-9" { "(unnamed in MME)" } else { &e.name }),
                    ..ImportRow::default()
                });
            }
        }
    }
    rows
}
