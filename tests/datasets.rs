//! The bundled Kazakhstan datasets: strict validity, provenance against the seed, SIPRI totals.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use multivector::data::{load, LoadOptions};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shared() -> PathBuf {
    root().join("../shared")
}

fn bundled() -> multivector::data::Dataset {
    load(
        &[root().join("datasets/kazakhstan")],
        &LoadOptions {
            strict: true,
            ..LoadOptions::default()
        },
    )
    .unwrap()
}

#[test]
fn bundled_data_validates_in_strict_mode() {
    let out = Command::new(env!("CARGO_BIN_EXE_multivector"))
        .args(["validate", "--strict"])
        .arg(root().join("datasets/kazakhstan"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("unknown partners: none"));
}

/// Seed text normalised for matching: footnote-number lines dropped, end-of-line
/// hyphenation joined, whitespace collapsed, typographic quotes unified.
fn normalise(text: &str) -> String {
    let kept: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let mut joined = String::new();
    for line in kept {
        let hyphenated =
            joined.ends_with('-') && !joined[..joined.len() - 1].ends_with(char::is_whitespace);
        if hyphenated && line.chars().next().is_some_and(|c| c.is_lowercase()) {
            joined.pop(); // a word broken across lines
        } else if hyphenated {
            // a compound such as "NATO-" + "Verbindungsoffiziers": keep the hyphen, no space
        } else if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    let unified: String = joined
        .chars()
        .map(|c| match c {
            '„' | '“' | '”' | '«' | '»' => '"',
            '‘' | '’' | '‚' => '\'',
            '–' | '—' => '-',
            c => c,
        })
        .collect();
    unified.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Line ranges of a locator such as "lines 16126-16132; 17133".
fn ranges(locator: &str) -> Vec<(usize, usize)> {
    locator
        .trim_start_matches("lines ")
        .split(';')
        .filter_map(|part| {
            let part = part.trim();
            let (a, b) = part.split_once('-').unwrap_or((part, part));
            Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
        })
        .collect()
}

/// True if the cited lines contain the quote (or, lacking one, the key number).
fn cited_lines_support(seed: &[&str], locator: &str, quote: Option<&str>, value: f64) -> bool {
    let spans = ranges(locator);
    assert!(!spans.is_empty(), "locator without line ranges: {locator}");
    let mut text = String::new();
    for (a, b) in spans {
        if a == 0 || b > seed.len() || a > b {
            return false;
        }
        text.push_str(&seed[a - 1..b].join("\n"));
        text.push('\n');
    }
    let text = normalise(&text);
    match quote {
        // "[…]" marks an omission: the parts must appear in order.
        Some(q) => {
            let mut rest = text.as_str();
            for part in q
                .split(['[', ']'])
                .filter(|p| !matches!(p.trim(), "…" | "..." | ""))
            {
                match rest.find(&normalise(part)) {
                    Some(at) => rest = &rest[at + normalise(part).len()..],
                    None => return false,
                }
            }
            true
        }
        None => text.contains(&format!("{value}")),
    }
}

#[test]
fn every_seed_row_is_backed_by_its_cited_lines() {
    let seed_text =
        std::fs::read_to_string(shared().join("seed/000_df5c64e1188ce4a4.txt")).unwrap();
    let seed: Vec<&str> = seed_text.lines().collect();
    let data = bundled();
    let obs = &data.observations;
    let mut checked = 0;
    let mut wrong = Vec::new();
    for i in 0..obs.len() {
        let r = obs.row(i);
        if r.source != Some("seed") {
            continue;
        }
        checked += 1;
        let locator = r.locator.expect("seed rows carry a locator");
        if !cited_lines_support(&seed, locator, r.quote, r.value) {
            wrong.push(format!("{}: {locator}: {:?}", obs.location(i), r.quote));
        }
    }
    assert!(checked > 100, "only {checked} seed rows");
    assert!(
        wrong.is_empty(),
        "{} rows not backed by their lines:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn a_wrong_locator_is_caught() {
    let seed_text =
        std::fs::read_to_string(shared().join("seed/000_df5c64e1188ce4a4.txt")).unwrap();
    let seed: Vec<&str> = seed_text.lines().collect();
    let data = bundled();
    let obs = &data.observations;
    let mut tried = 0;
    for i in 0..obs.len() {
        let r = obs.row(i);
        if r.source != Some("seed") || r.quote.is_none() {
            continue;
        }
        // Move every cited range 5,000 lines on (wrapping at the end of the file).
        let n = seed.len();
        let shifted: Vec<String> = ranges(r.locator.unwrap())
            .iter()
            .map(|(a, b)| {
                let a2 = (a + 5000 - 1) % n + 1;
                format!("{}-{}", a2, (a2 + (b - a)).min(n))
            })
            .collect();
        let shifted = format!("lines {}", shifted.join("; "));
        assert!(
            !cited_lines_support(&seed, &shifted, r.quote, r.value),
            "{}: still matches at {shifted}",
            obs.location(i)
        );
        tried += 1;
    }
    assert!(tried > 100);
}

/// (supplier, year) -> TIV from the SIPRI extract in ../shared, read independently.
fn sipri_deliveries() -> BTreeMap<(String, i32), f64> {
    let path = shared().join("external/sipri/tiv_kazakhstan_by_supplier_2022-07.csv");
    let text = std::fs::read_to_string(Path::new(&path)).unwrap();
    let mut out = BTreeMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        *out.entry((f[1].to_string(), f[2].parse().unwrap()))
            .or_insert(0.0) += f[3].parse::<f64>().unwrap();
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
    assert_eq!(
        bundled_total.keys().copied().collect::<Vec<_>>(),
        (1992..=2021).collect::<Vec<_>>()
    );
    for (&year, &total) in &bundled_total {
        let expected: f64 = sipri
            .iter()
            .filter(|((_, y), _)| *y == year)
            .map(|(_, v)| v)
            .sum();
        assert_eq!(total, expected, "total {year}");
        let russia = sipri
            .get(&("Russia".to_string(), year))
            .copied()
            .unwrap_or(0.0);
        assert_eq!(
            bundled_russia.get(&year).copied().unwrap_or(0.0),
            russia,
            "Russia {year}"
        );
    }
    // Hand-checked against the file: 1995 only Russia (99), so Russia's share is 1;
    // 2004: Russia 29 of 29 + 19 (United States) = 48.
    assert_eq!(bundled_total[&1995], 99.0);
    assert_eq!(bundled_russia[&2004] / bundled_total[&2004], 29.0 / 48.0);
    // Structural zeros: 1992 has no delivery at all, but every supplier has a 0 row.
    assert_eq!(bundled_total[&1992], 0.0);
}
