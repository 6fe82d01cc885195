//! A newcomer's first hour (issue 28, items 25 and 27): `multivector new` writes a case that
//! runs at once in an empty folder, an analysis file lacking keys names every one at its
//! table's line, and outside a checkout `report` asks for a case instead of using the data
//! of the tree the binary was built from.
use std::path::Path;

mod common;
use common::{multivector, stderr};

#[test]
fn a_new_case_reports_at_once_in_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let new = multivector(&["new", "cases/mycase"], dir.path());
    assert_eq!(new.status.code(), Some(0), "{}", stderr(&new));
    for name in ["analysis.toml", "arms.csv", "exercises.csv", "README.md"] {
        assert!(dir.path().join("cases/mycase").join(name).is_file(), "{name}");
    }
    let report = multivector(&["report", "cases/mycase/analysis.toml"], dir.path());
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    let md = std::fs::read_to_string(dir.path().join("reports/mycase/report.md")).unwrap();
    assert!(md.starts_with("# Examplia"), "{}", &md[..80]);
    // The data are the template's rows: 19 deals and 23 exercises, as the report's data table says.
    assert!(md.contains("| arms | TIV_mn | 19 |") && md.contains("| exercises | exercises | 23 |"), "{md}");
    // A second `new` onto the case is refused, and the case is untouched.
    let before = std::fs::read(dir.path().join("cases/mycase/analysis.toml")).unwrap();
    let again = multivector(&["new", "cases/mycase"], dir.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("not empty"), "{}", stderr(&again));
    assert_eq!(std::fs::read(dir.path().join("cases/mycase/analysis.toml")).unwrap(), before);
}

/// 1-based line of the first line of `text` that starts with `prefix`.
fn line_starting(text: &str, prefix: &str) -> usize {
    text.lines().position(|l| l.starts_with(prefix)).unwrap() + 1
}

#[test]
fn every_missing_key_is_named_at_its_tables_line_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(multivector(&["new", "case"], dir.path()).status.code(), Some(0));
    let path = dir.path().join("case/analysis.toml");
    let full = std::fs::read_to_string(&path).unwrap();
    let dropped = ["subject =", "alpha =", "seed =", "replicates = 200"];
    let text: String = full.lines().filter(|l| !dropped.iter().any(|d| l.starts_with(d))).map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, &text).unwrap();
    let out = multivector(&["theses", "case/analysis.toml"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    // `seed` is dropped from [bootstrap] and from [calibration]: both are named.
    for (table, key) in
        [("data", "subject"), ("thresholds", "alpha"), ("bootstrap", "replicates"), ("bootstrap", "seed"), ("calibration", "seed")]
    {
        let line = line_starting(&text, &format!("[{table}]"));
        let expected = format!("case/analysis.toml:{line}: error: table [{table}]: missing key `{key}`");
        assert!(err.contains(&expected), "{expected}\n{err}");
    }
    assert_eq!(err.matches("missing key").count(), 5, "{err}");
    // A wrong type elsewhere does not hide a missing key, and is reported too.
    let typed = full.replace("windows = [1, 2]", "windows = 1");
    let typed: String = typed.lines().filter(|l| !l.starts_with("enp_min =")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, &typed).unwrap();
    let err = stderr(&multivector(&["theses", "case/analysis.toml"], dir.path()));
    let line = line_starting(&typed, "[thresholds]");
    assert!(err.contains(&format!("case/analysis.toml:{line}: error: table [thresholds]: missing key `enp_min`")), "{err}");
    assert!(err.contains(&format!("case/analysis.toml:{}: error: invalid type", line_starting(&typed, "windows = 1"))), "{err}");
    // A whole table left out is named too.
    let no_periods: String =
        full.lines().filter(|l| !l.starts_with("[periods]") && !l.starts_with("breaks =")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&path, no_periods).unwrap();
    let err = stderr(&multivector(&["theses", "case/analysis.toml"], dir.path()));
    assert!(err.contains("missing table [periods]"), "{err}");
}

#[test]
fn outside_a_checkout_report_asks_for_a_case() {
    let dir = tempfile::tempdir().unwrap();
    let out = multivector(&["report"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("no analysis file given") && err.contains("multivector new"), "{err}");
    assert!(!dir.path().join("reports").exists());
    // Inside the checkout, the default case is named on standard error.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = multivector(&["theses", "--format", "json"], root);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("using the default case datasets/kazakhstan/analysis.toml"), "{}", stderr(&out));
}
