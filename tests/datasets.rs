//! The bundled Kazakhstan datasets: strict validity, every seed row against the vendored evidence tables, vendored sources by checksum, SIPRI totals.
//! (The check of the quotes against the full dissertation text is `tests/seed_text.rs`.)
mod provenance;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use provenance::{bundled, evidence_rows, ranges, root, seed_rows, shifted, SeedRow};
use sha2::{Digest, Sha256};

#[test]
fn bundled_data_validates_in_strict_mode() {
    let out = Command::new(env!("CARGO_BIN_EXE_multivector"))
        .args(["validate", "--strict"])
        .arg(root().join("datasets/kazakhstan"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("unknown partners: none"));
}

/// One row of a vendored evidence table (`datasets/kazakhstan/sources/evidence/`).
#[derive(Debug)]
struct Evidence {
    lines: Vec<(usize, usize)>,
    quote: String,
    /// The year of a dated event (exercises, agreements).
    year: Option<i32>,
    /// The figure a value row must carry (training `value`; arms `value`, else `quantity`).
    figure: Option<f64>,
}

/// The evidence table that a channel's seed rows are coded from.
fn table_of(channel: &str) -> &'static str {
    match channel {
        "arms_aid" | "arms_items" => "arms",
        "training" | "training_places" => "training",
        "exercises" => "exercises",
        "agreements" => "agreements",
        other => panic!("seed rows in channel {other}: which evidence table codes them?"),
    }
}

/// An evidence table by row id.
fn evidence(table: &str) -> BTreeMap<String, Evidence> {
    let dated = matches!(table, "exercises" | "agreements");
    let number = |cell: Option<&String>| cell.and_then(|c| c.trim().parse::<f64>().ok());
    evidence_rows(table)
        .into_iter()
        .map(|r| {
            let row = Evidence {
                lines: ranges(&r["seed_lines"]).unwrap_or_else(|| panic!("{table} {}: seed_lines {:?}", r["id"], r["seed_lines"])),
                quote: r["quote_de"].clone(),
                year: if dated { r["year"].parse().ok() } else { None },
                figure: number(r.get("value")).or_else(|| number(r.get("quantity"))),
            };
            (r["id"].clone(), row)
        })
        .collect()
}

/// The evidence id a row names: its event_id, or the id after "evidence " / "seed " in
/// its note, if that id is a row of `table`. Exactly one must be named.
fn evidence_id<'t>(row: &SeedRow, table: &'t BTreeMap<String, Evidence>) -> Result<&'t str, String> {
    let mut named = BTreeSet::new();
    let mut candidates: Vec<&str> = row.event_id.iter().map(String::as_str).collect();
    for marker in ["evidence ", "seed "] {
        for (at, _) in row.note.match_indices(marker) {
            let rest = &row.note[at + marker.len()..];
            candidates.push(rest.split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or(""));
        }
    }
    for c in candidates {
        if let Some((id, _)) = table.get_key_value(c) {
            named.insert(id.as_str());
        }
    }
    match named.len() {
        1 => Ok(named.into_iter().next().unwrap()),
        0 => Err("names no evidence row".into()),
        _ => Err(format!("names several evidence rows: {named:?}")),
    }
}

/// Why a seed row is not the evidence row it names, if it is not: same seed lines, same
/// quote, the evidence figure as value (a count of 1 for exercises and agreements), and
/// for dated events the same year.
fn disagreement(row: &SeedRow, tables: &BTreeMap<&str, BTreeMap<String, Evidence>>) -> Option<String> {
    let table_name = table_of(&row.channel);
    let table = &tables[table_name];
    let id = match evidence_id(row, table) {
        Ok(id) => id,
        Err(why) => return Some(why),
    };
    let e = &table[id];
    let cited = ranges(&row.locator).filter(|_| row.locator.starts_with("lines "));
    if cited.as_ref() != Some(&e.lines) {
        return Some(format!("{table_name} {id}: locator {:?}, evidence lines {:?}", row.locator, e.lines));
    }
    if row.quote.as_deref() != Some(e.quote.as_str()) {
        return Some(format!("{table_name} {id}: quote {:?} is not the evidence quote {:?}", row.quote, e.quote));
    }
    let expected = if e.year.is_some() { Some(1.0) } else { e.figure };
    if let Some(v) = expected.filter(|&v| v != row.value) {
        return Some(format!("{table_name} {id}: value {} where the evidence gives {v}", row.value));
    }
    match e.year {
        Some(y) if (row.year_start, row.year_end) != (y, y) => {
            Some(format!("{table_name} {id}: year {}-{} where the evidence gives {y}", row.year_start, row.year_end))
        }
        _ => None,
    }
}

fn evidence_tables() -> BTreeMap<&'static str, BTreeMap<String, Evidence>> {
    ["arms", "training", "exercises", "agreements"].into_iter().map(|t| (t, evidence(t))).collect()
}

/// The fields coded from the seed directly (datasets/kazakhstan/fields/): no evidence
/// table; their quotes are checked against the seed text (tests/seed_text.rs).
const FIELD_CHANNELS: [&str; 3] = ["border_security", "counter_terrorism", "peacekeeping"];

/// Seed rows coded from an evidence table (every seed row but the fields').
fn evidence_coded_rows() -> Vec<SeedRow> {
    seed_rows().into_iter().filter(|r| !FIELD_CHANNELS.contains(&r.channel.as_str())).collect()
}

#[test]
fn every_field_row_cites_seed_lines_and_quotes_them() {
    let rows: Vec<SeedRow> = seed_rows().into_iter().filter(|r| FIELD_CHANNELS.contains(&r.channel.as_str())).collect();
    assert_eq!(rows.len(), 128);
    for r in &rows {
        assert!(ranges(&r.locator).is_some() && r.locator.starts_with("lines "), "{}: {}", r.place, r.locator);
        assert!(r.quote.as_deref().is_some_and(|q| q.chars().count() >= 20), "{}: {:?}", r.place, r.quote);
        assert!(r.event_id.as_deref().is_some_and(|e| e.starts_with('F')), "{}: {:?}", r.place, r.event_id);
    }
}

#[test]
fn every_seed_row_is_an_evidence_row() {
    let tables = evidence_tables();
    let rows = evidence_coded_rows();
    let wrong: Vec<String> = rows.iter().filter_map(|r| disagreement(r, &tables).map(|why| format!("{}: {why}", r.place))).collect();
    assert!(rows.len() > 100, "only {} seed rows", rows.len());
    assert!(wrong.is_empty(), "{} of {} seed rows differ from their evidence row:\n{}", wrong.len(), rows.len(), wrong.join("\n"));
    // Every channel coded from the seed was checked, not only the large ones.
    let channels: BTreeSet<&str> = rows.iter().map(|r| r.channel.as_str()).collect();
    assert_eq!(
        channels.into_iter().collect::<Vec<_>>(),
        ["agreements", "arms_aid", "arms_items", "exercises", "training", "training_places"]
    );
}

#[test]
fn a_wrong_locator_quote_or_value_is_caught() {
    let tables = evidence_tables();
    let rows = evidence_coded_rows();
    let mut tried = 0;
    for (k, row) in rows.iter().enumerate() {
        // The cited lines moved 5,000 lines on; one range dropped; the next row's quote.
        let spans = ranges(&row.locator).unwrap();
        let mut wrong = vec![SeedRow { locator: shifted(&spans, 5000, 21448), ..row.clone() }];
        if spans.len() > 1 {
            wrong.push(SeedRow { locator: shifted(&spans[1..], 0, 21448), ..row.clone() });
        }
        let other = &rows[(k + 1) % rows.len()];
        if other.quote != row.quote {
            wrong.push(SeedRow { quote: other.quote.clone(), ..row.clone() });
        }
        wrong.push(SeedRow { value: row.value + 1.0, ..row.clone() });
        for w in &wrong {
            assert!(disagreement(w, &tables).is_some(), "{}: not caught: {w:?}", row.place);
            tried += 1;
        }
    }
    assert!(tried > 3 * rows.len(), "{tried} mutations tried");
}

/// The sha256 of every vendored source file, as its folder's SOURCE.md states it.
#[test]
fn vendored_sources_are_the_files_their_source_notes_describe() {
    let mut folders = Vec::new();
    for case in ["kazakhstan", "neighbours"] {
        let sources = root().join("datasets").join(case).join("sources");
        for entry in std::fs::read_dir(&sources).unwrap() {
            folders.push(entry.unwrap().path());
        }
    }
    folders.sort();
    assert!(folders.len() >= 4, "{folders:?}");
    for folder in folders {
        let note = std::fs::read_to_string(folder.join("SOURCE.md")).unwrap();
        // Rows "| `file` | lines | `sha256` |" of the checksum table.
        let stated: BTreeMap<String, String> = note
            .lines()
            .filter_map(|l| {
                let cells: Vec<&str> = l.split('|').map(|c| c.trim().trim_matches('`')).collect();
                let hash = cells.iter().find(|c| c.len() == 64 && c.bytes().all(|b| b.is_ascii_hexdigit()))?;
                Some((cells[1].to_string(), hash.to_string()))
            })
            .collect();
        let mut present = BTreeMap::new();
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name != "SOURCE.md" {
                let digest = Sha256::digest(std::fs::read(&path).unwrap());
                present.insert(name, digest.iter().map(|b| format!("{b:02x}")).collect::<String>());
            }
        }
        assert!(!present.is_empty(), "{}: no files", folder.display());
        assert_eq!(present, stated, "{}: files and SOURCE.md checksums differ", folder.display());
    }
}

/// (supplier, year) -> TIV from the vendored SIPRI extract, read independently.
fn sipri_deliveries() -> BTreeMap<(String, i32), f64> {
    let path = root().join("datasets/kazakhstan/sources/sipri/tiv_kazakhstan_by_supplier_2022-07.csv");
    let text = std::fs::read_to_string(Path::new(&path)).unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        *out.entry((f[1].to_string(), f[2].parse().unwrap())).or_insert(0.0) += f[3].parse::<f64>().unwrap();
    }
    out
}

#[test]
fn bundled_arms_match_sipri_per_year_and_russia_share() {
    let sipri = sipri_deliveries();
    let data = bundled();
    let obs = &data.observations;
    let mut bundled_total: BTreeMap<i32, f64> = BTreeMap::new();
    let mut bundled_russia: BTreeMap<i32, f64> = BTreeMap::new();
    for i in 0..obs.len() {
        let r = obs.row(i);
        if r.channel != "arms" {
            continue;
        }
        *bundled_total.entry(r.year_start).or_default() += r.value;
        if r.partner == "Russia" {
            *bundled_russia.entry(r.year_start).or_default() += r.value;
        }
    }
    assert_eq!(bundled_total.keys().copied().collect::<Vec<_>>(), (1992..=2021).collect::<Vec<_>>());
    for (&year, &total) in &bundled_total {
        let expected: f64 = sipri.iter().filter(|((_, y), _)| *y == year).map(|(_, v)| v).sum();
        assert_eq!(total, expected, "total {year}");
        let russia = sipri.get(&("Russia".to_string(), year)).copied().unwrap_or(0.0);
        assert_eq!(bundled_russia.get(&year).copied().unwrap_or(0.0), russia, "Russia {year}");
    }
    // Hand-checked against the file: 1995 only Russia (99), so Russia's share is 1;
    // 2004: Russia 29 of 29 + 19 (United States) = 48.
    assert_eq!(bundled_total[&1995], 99.0);
    assert_eq!(bundled_russia[&2004] / bundled_total[&2004], 29.0 / 48.0);
    // Structural zeros: 1992 has no delivery at all, but every supplier has a 0 row.
    assert_eq!(bundled_total[&1992], 0.0);
}

/// The report's quotations now live in the analysis file's `[report]` section: each must
/// be a passage of the vendored theses report, with the seed lines it cites.
#[test]
fn the_reports_quotations_are_in_the_vendored_theses_report() {
    let analysis: toml::Value =
        toml::from_str(&std::fs::read_to_string(root().join("datasets/kazakhstan/analysis.toml")).unwrap()).unwrap();
    let squash = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let evidence = squash(&std::fs::read_to_string(root().join("datasets/kazakhstan/sources/evidence/theses_report.md")).unwrap());
    let blocks = analysis["report"]["question"].as_array().unwrap();
    let quotes: Vec<(&str, &str)> = blocks.iter().filter_map(|b| Some((b.get("quote")?.as_str()?, b.get("cite")?.as_str()?))).collect();
    assert_eq!(quotes.len(), 3);
    // A quotation the evidence shortens („A … B“) counts when A begins and B ends it.
    let elided: Vec<Vec<&str>> =
        evidence.split('„').skip(1).filter_map(|q| q.split_once('“')).map(|(q, _)| q.split(" … ").collect()).collect();
    let shortened = |quote: &str| {
        elided
            .iter()
            .any(|parts| parts.len() > 1 && quote.starts_with(parts[0]) && quote.trim_end_matches('.').ends_with(parts[parts.len() - 1]))
    };
    for (quote, cite) in quotes {
        let quote = squash(quote);
        assert!(evidence.contains(&quote) || shortened(&quote), "not in theses_report.md: {quote}");
        let (a, b) = cite.trim_start_matches("seed lines ").split_once('-').unwrap();
        let (a, b): (u32, u32) = (a.parse().unwrap(), b.parse().unwrap());
        assert!(a <= b && b - a < 20, "{cite}");
    }
}
