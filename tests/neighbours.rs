//! The comparative case datasets/neighbours and its committed batch report: the analysis
//! files differ only in their subject, arms.csv is rebuilt byte for byte from the vendored
//! SIPRI exports, every supplier-year TIV sum equals the raw register's, exercises.csv is
//! rebuilt byte for byte from the vendored MME extract and holds every country's MME
//! exercises of 2000-2010, and the batch's late-period shares and ENPs match a
//! recomputation from the raw exports.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_multivector"))
}

const EXPORTS: [&str; 2] = [
    "datasets/neighbours/sources/sipri/trade_register_central_asia_2025-01.csv",
    "datasets/kazakhstan/sources/sipri/sipri_register_kazakhstan_2025-01.csv",
];

/// (recipient, supplier, year) -> TIV summed from the raw exports, read here with the csv
/// crate alone: 11 preamble lines, then the register's columns.
fn register() -> BTreeMap<(String, String, i32), f64> {
    let mut sums = BTreeMap::new();
    for export in EXPORTS {
        let text = std::fs::read_to_string(root().join(export)).unwrap();
        let body: String = text.lines().skip(11).collect::<Vec<_>>().join("\n");
        let mut reader = csv::Reader::from_reader(body.as_bytes());
        assert_eq!(&reader.headers().unwrap()[15], "TIV delivery values");
        for r in reader.records() {
            let r = r.unwrap();
            *sums.entry((r[2].to_string(), r[1].to_string(), r[10].parse().unwrap())).or_insert(0.0) += r[15].parse::<f64>().unwrap();
        }
    }
    sums
}

/// The analysis files of the case, by file name.
fn analyses() -> BTreeMap<String, String> {
    std::fs::read_dir(root().join("datasets/neighbours"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

#[test]
fn seven_analysis_files_differ_only_in_their_subject() {
    let files = analyses();
    let subjects: BTreeSet<String> = register().keys().map(|k| k.0.clone()).collect();
    assert_eq!(subjects.len(), 7);
    let mut shapes = BTreeSet::new();
    for (name, text) in &files {
        let value: toml::Value = toml::from_str(text).unwrap();
        let subject = value["data"]["subject"].as_str().unwrap();
        assert_eq!(name, &format!("{}.toml", subject.to_lowercase()));
        assert!(subjects.contains(subject), "{subject}");
        shapes.insert(text.replacen(&format!("subject = \"{subject}\""), "subject = \"?\"", 1));
    }
    assert_eq!(files.len(), 7);
    assert_eq!(shapes.len(), 1, "the analysis files differ beyond their subject");
}

#[test]
fn arms_csv_is_rebuilt_byte_for_byte_by_the_documented_import() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("arms.csv");
    let run = bin()
        .current_dir(root())
        .args(["import", "sipri-register"])
        .args(EXPORTS)
        .args(["--years", "2000-2023", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(
        std::fs::read(&out).unwrap() == std::fs::read(root().join("datasets/neighbours/arms.csv")).unwrap(),
        "arms.csv differs from a fresh import"
    );
    let readme = std::fs::read_to_string(root().join("datasets/neighbours/README.md")).unwrap();
    assert!(EXPORTS.iter().all(|e| readme.contains(e)) && readme.contains("--years 2000-2023"), "the README's command");
}

#[test]
fn every_subjects_supplier_year_sums_equal_the_registers() {
    let raw = register();
    let mut imported: BTreeMap<(String, String, i32), f64> = BTreeMap::new();
    let mut zero_rows = 0;
    for r in csv::Reader::from_path(root().join("datasets/neighbours/arms.csv")).unwrap().records() {
        let r = r.unwrap();
        let value: f64 = r[4].parse().unwrap();
        zero_rows += usize::from(r[9].is_empty());
        assert!(!r[9].is_empty() || value == 0.0, "a row without a deal must be a structural zero");
        *imported.entry((r[0].to_string(), r[2].to_string(), r[3].parse().unwrap())).or_insert(0.0) += value;
    }
    for (key, tiv) in &raw {
        assert!((imported[key] - tiv).abs() < 1e-9, "{key:?}: {} vs the register's {tiv}", imported[key]);
    }
    // Every other cell of a recipient's suppliers in 2000-2023 is 0.
    let others: Vec<_> = imported.iter().filter(|(k, _)| !raw.contains_key(*k)).collect();
    assert_eq!(others.len(), zero_rows);
    assert!(others.iter().all(|(k, v)| **v == 0.0 && (2000..=2023).contains(&k.2)));
    let per_subject = |s: &str| raw.iter().filter(|(k, _)| k.0 == s).map(|(_, v)| v).sum::<f64>();
    // The Kazakhstan export's TIV total, and the reviewer's check of 2000 (120.6).
    let kz_2000: f64 = raw.iter().filter(|(k, _)| k.0 == "Kazakhstan" && k.2 == 2000).map(|(_, v)| v).sum();
    assert!((kz_2000 - 120.6).abs() < 1e-9 && per_subject("Kazakhstan") > 3000.0);
}

/// The vendored MME v7 extract: every participant row of the exercises with one of the seven.
const MME: &str = "datasets/neighbours/sources/mme/mme_v7_long_central_asia_mongolia_azerbaijan.csv";

/// The seven countries, in the order in which exercises.csv is built (datasets/neighbours/README.md).
const COUNTRIES: [&str; 7] = ["Azerbaijan", "Kazakhstan", "Kyrgyzstan", "Mongolia", "Tajikistan", "Turkmenistan", "Uzbekistan"];

#[test]
fn exercises_csv_is_rebuilt_byte_for_byte_by_the_documented_import() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("exercises.csv");
    let subjects = COUNTRIES.join(",");
    let run = bin().current_dir(root()).args(["import", "mme", MME, "--subject", &subjects, "--out"]).arg(&out).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let built = std::fs::read_to_string(&out).unwrap();
    assert!(
        built == std::fs::read_to_string(root().join("datasets/neighbours/exercises.csv")).unwrap(),
        "exercises.csv differs from a fresh import"
    );
    // Each subject's rows together, in the order given; MME's "NA" series is no series.
    let subjects_in_order: Vec<&str> =
        built.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect::<Vec<_>>().chunk_by(|a, b| a == b).map(|c| c[0]).collect();
    assert_eq!(subjects_in_order, COUNTRIES);
    assert!(!built.contains(",NA,"), "an NA series was imported as a name");
    let readme = std::fs::read_to_string(root().join("datasets/neighbours/README.md")).unwrap();
    assert!(
        readme.contains(&format!(
            "multivector import mme {MME} \\\n    --subject {subjects} \\\n    --out datasets/neighbours/exercises.csv"
        )),
        "the README's command"
    );
}

#[test]
fn every_countrys_exercises_per_year_are_mmes() {
    // (country, year) -> MME ids and rows (named co-participants), from the raw extract
    // read with the csv crate alone: MME's long format, one row per exercise and participant.
    let mut reader = csv::Reader::from_path(root().join(MME)).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (id, country, year) = (col("MMEID"), col("country"), col("year"));
    let mut participants: BTreeMap<(String, i32), BTreeSet<String>> = BTreeMap::new();
    for r in reader.records() {
        let r = r.unwrap();
        participants.entry((r[id].to_string(), r[year].parse().unwrap())).or_default().insert(r[country].to_string());
    }
    let mut raw: BTreeMap<(String, i32), BTreeSet<String>> = BTreeMap::new();
    let mut raw_rows: BTreeMap<(String, i32), usize> = BTreeMap::new();
    for ((mmeid, y), who) in &participants {
        for c in COUNTRIES {
            if who.contains(c) {
                raw.entry((c.to_string(), *y)).or_default().insert(mmeid.clone());
                *raw_rows.entry((c.to_string(), *y)).or_default() += who.iter().filter(|p| p.as_str() != c && p.as_str() != "-9").count();
            }
        }
    }
    assert_eq!(participants.len(), 250, "exercises in the extract");
    // (subject, year) -> event ids and rows of exercises.csv.
    let mut imported: BTreeMap<(String, i32), BTreeSet<String>> = BTreeMap::new();
    let mut imported_rows: BTreeMap<(String, i32), usize> = BTreeMap::new();
    let mut reader = csv::Reader::from_path(root().join("datasets/neighbours/exercises.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (subject, year, event, channel, value) = (col("subject"), col("year"), col("event_id"), col("channel"), col("value"));
    for r in reader.records() {
        let r = r.unwrap();
        assert!(&r[channel] == "exercises" && &r[value] == "1", "{r:?}");
        let key = (r[subject].to_string(), r[year].parse().unwrap());
        imported.entry(key.clone()).or_default().insert(r[event].to_string());
        *imported_rows.entry(key).or_default() += 1;
    }
    let in_years = |m: &BTreeMap<(String, i32), BTreeSet<String>>| -> BTreeMap<(String, i32), usize> {
        m.iter().filter(|(k, _)| (2000..=2010).contains(&k.1)).map(|(k, ids)| (k.clone(), ids.len())).collect()
    };
    assert_eq!(in_years(&imported), in_years(&raw), "exercises per subject and year, 2000-2010");
    assert_eq!(imported, raw, "the MME ids per subject and year");
    assert_eq!(imported_rows, raw_rows, "rows (named co-participants) per subject and year");
    let per_country = |c: &str| (2000..=2010).map(|y| raw.get(&(c.to_string(), y)).map_or(0, BTreeSet::len)).sum::<usize>();
    let counts = COUNTRIES.map(per_country);
    // The README's table: Turkmenistan's single exercise is Medceur 2008 (mme3117).
    assert_eq!(counts, [67, 97, 77, 26, 69, 1, 34]);
    assert_eq!(raw[&("Turkmenistan".to_string(), 2008)], BTreeSet::from(["mme3117".to_string()]));
}

/// Canonical partner names of the bundled registry (alias -> name).
fn canonical() -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    let mut reader = csv::Reader::from_path(root().join("datasets/partners.csv")).unwrap();
    let aliases = reader.headers().unwrap().iter().position(|h| h == "aliases").unwrap();
    for r in reader.records() {
        let r = r.unwrap();
        for alias in r[aliases].split(';').map(str::trim).filter(|a| !a.is_empty()).chain([&r[0]]) {
            map.insert(alias.to_lowercase(), r[0].to_string());
        }
    }
    map
}

fn comparison(path: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[2].to_string(), header.iter().zip(r.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect())
        })
        .collect()
}

#[test]
fn the_committed_comparison_matches_the_raw_register_in_the_late_period() {
    let names = canonical();
    let raw = register();
    let rows = comparison(&root().join("reports/neighbours/comparison.csv"));
    assert_eq!(rows.len(), 7);
    for (subject, row) in &rows {
        // 2016-2023: every partner's rate is its TIV sum over the same 8 covered years, so
        // the shares are shares of the sums.
        let mut by_partner: BTreeMap<String, f64> = BTreeMap::new();
        for ((recipient, supplier, year), tiv) in &raw {
            if recipient == subject && (2016..=2023).contains(year) {
                *by_partner.entry(names[&supplier.to_lowercase()].clone()).or_insert(0.0) += tiv;
            }
        }
        let total: f64 = by_partner.values().sum();
        let share = by_partner.get("Russia").copied().unwrap_or(0.0) / total;
        let enp = 1.0 / by_partner.values().map(|v| (v / total).powi(2)).sum::<f64>();
        let leader = by_partner.iter().max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0))).unwrap().0;
        let num = |col: &str| row[col].parse::<f64>().unwrap();
        assert_eq!(row["arms_late_period"], "2016-2023", "{subject}");
        assert!((num("arms_focal_share") - share).abs() < 1e-9, "{subject}: {} vs {share}", num("arms_focal_share"));
        assert!((num("arms_enp") - enp).abs() < 1e-9, "{subject}: {} vs {enp}", num("arms_enp"));
        assert_eq!(&row["arms_leader"], leader, "{subject}");
        // An interval, where the replicates define one, holds the estimate.
        if let (Ok(low), Ok(high)) = (row["arms_focal_share_ci_low"].parse::<f64>(), row["arms_focal_share_ci_high"].parse::<f64>()) {
            assert!(low <= share + 1e-12 && share <= high + 1e-12, "{subject}: {low} to {high} around {share}");
        }
        // 6 specifications of the files' lists, times the default readings (2), deepenings (2) and first years (2).
        assert_eq!(row["multiverse_specifications"], "48", "{subject}");
    }
}

#[test]
fn the_committed_batch_is_current_and_a_data_change_is_drift() {
    let batch = |data: &Path| {
        let mut files: Vec<PathBuf> = analyses().keys().map(|n| data.join(n)).collect();
        files.sort();
        bin().current_dir(root()).args(["report", "--check", "--batch", "reports/neighbours"]).args(&files).output().unwrap()
    };
    let current = batch(&root().join("datasets/neighbours"));
    assert_eq!(current.status.code(), Some(0), "{}{}", String::from_utf8_lossy(&current.stdout), String::from_utf8_lossy(&current.stderr));
    // The same case with one Uzbek delivery revised, in a copy.
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in analyses() {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    std::fs::copy(root().join("datasets/neighbours/exercises.csv"), dir.path().join("exercises.csv")).unwrap();
    let arms = std::fs::read_to_string(root().join("datasets/neighbours/arms.csv")).unwrap();
    let line = arms.lines().find(|l| l.starts_with("Uzbekistan,arms,Russia,2019,") && l.contains(",sipri-")).unwrap();
    let fields: Vec<&str> = line.splitn(6, ',').collect();
    let revised =
        format!("{},{},{},{},{},{}", fields[0], fields[1], fields[2], fields[3], fields[4].parse::<f64>().unwrap() + 50.0, fields[5]);
    std::fs::write(dir.path().join("arms.csv"), arms.replacen(line, &revised, 1)).unwrap();
    let drift = batch(dir.path());
    assert_eq!(drift.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&drift.stdout);
    assert!(stdout.contains("uzbekistan/") && stdout.contains("comparison.csv: differs") && !stdout.contains("kazakhstan/"), "{stdout}");
}
