//! A second, invented case (tests/cases/ardelia: its data, registries and an analysis file
//! with its own prose) produces a full report without any change to src/: the same files as
//! the bundled case's report, its own words and none of the bundled case's, the default
//! report folder named after the case, and numbers that match a recomputation from its CSVs.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the case folder in a fresh temporary directory (inputs are never touched).
fn case_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("cases/ardelia");
    std::fs::create_dir_all(&case).unwrap();
    for entry in std::fs::read_dir(root().join("tests/cases/ardelia")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, case.join(path.file_name().unwrap())).unwrap();
    }
    (dir, case)
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// periods.csv as (channel, start) -> column -> cell.
fn periods(dir: &Path) -> BTreeMap<(String, String), BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(dir.join("periods.csv")).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let cells: BTreeMap<String, String> = header.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect();
            ((cells["channel"].clone(), cells["start"].clone()), cells)
        })
        .collect()
}

#[test]
fn an_invented_case_gets_a_full_report_in_its_own_words() {
    let (dir, case) = case_copy();
    // No --out: the report goes to reports/<case folder> in the working directory.
    let out = Command::new(env!("CARGO_BIN_EXE_multivector"))
        .current_dir(dir.path())
        .args(["report", "cases/ardelia/analysis.toml"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = dir.path().join("reports/ardelia");
    assert_eq!(file_names(&report), file_names(&root().join("reports/kazakhstan")), "the same files as the bundled report");

    let md = std::fs::read_to_string(report.join("report.md")).unwrap();
    for own in [
        "# Ardelia: did its security cooperation diversify?",
        "Under the Ardelian ministry's reading",
        "**Thesis 1 (Borovia shares the lead with Calonia, no patron) is ",
        "| Borovian bloc strongest (D3) |",
        "| deepening with Borovia (D4) |",
        "> „Ardelia stands on many legs.“ (invented white paper, p. 1)",
        "The Ardelian claims: C1 the circle of partners grew",
        "Only Borovia's late-period dominance (its rate over the largest other partner's)",
        "(the Borovian bloc counted once per exercise)",
        "Every number here is invented",
    ] {
        assert!(md.contains(own), "report.md lacks {own:?}");
    }
    for foreign in ["Kazakh", "Russia ", "Russia'", "Russian vector", "dissertation", "SIPRI", "seed line", "CSTO"] {
        assert!(!md.contains(foreign), "report.md names the bundled case: {foreign:?}");
    }
    // The case folder was read, not written.
    assert_eq!(file_names(&case), file_names(&root().join("tests/cases/ardelia")));
}

#[test]
fn the_invented_case_numbers_match_its_csv_files() {
    let (dir, case) = case_copy();
    let report = dir.path().join("report");
    let out = Command::new(env!("CARGO_BIN_EXE_multivector"))
        .args(["report", case.join("analysis.toml").to_str().unwrap(), "--out", report.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = periods(&report);

    // Arms 2008-2011: every year covered, so the focal share of the average yearly rates is
    // Borovia's sum over the sum of all suppliers, read here from arms.csv.
    let (mut borovia, mut total) = (0.0, 0.0);
    for r in csv::Reader::from_path(case.join("arms.csv")).unwrap().records() {
        let r = r.unwrap();
        if (2008..=2011).contains(&r[3].parse::<i32>().unwrap()) {
            let v: f64 = r[4].parse().unwrap();
            total += v;
            if &r[2] == "Borovia" {
                borovia += v;
            }
        }
    }
    let arms = &rows[&("arms".to_string(), "2008".to_string())];
    assert!((arms["focal_share"].parse::<f64>().unwrap() - borovia / total).abs() < 1e-12, "{arms:?}");
    assert_eq!(arms["leader"], "Calonia");
    assert_eq!(arms["richness"], "4");

    // Exercises 2008-2011 (make_data.py's late plan, every year): Calonia in 3 of 5
    // exercises, Estmark, Fjordland, Borovia and Dravia in 1 each: Borovia's share 1/7,
    // ENP 1 / ((3/7)² + 4 (1/7)²) = 49/13.
    let exercises = &rows[&("exercises".to_string(), "2008".to_string())];
    assert!((exercises["focal_share"].parse::<f64>().unwrap() - 1.0 / 7.0).abs() < 1e-12, "{exercises:?}");
    assert!((exercises["enp"].parse::<f64>().unwrap() - 49.0 / 13.0).abs() < 1e-12, "{exercises:?}");
    assert_eq!(exercises["leader"], "Calonia");

    // Deterministic: a second run checks byte for byte.
    let check = Command::new(env!("CARGO_BIN_EXE_multivector"))
        .args(["report", case.join("analysis.toml").to_str().unwrap(), "--out", report.to_str().unwrap(), "--check"])
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
}
