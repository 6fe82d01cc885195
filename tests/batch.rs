//! `report --batch`: one report per analysis file and the comparison, written as a whole,
//! byte-identical on reruns (any thread count), checkable, and complete for the analyses
//! that run when another fails. Numbers of comparison.csv against values worked out by hand.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use multivector::report::batch::{analyses as batch_analyses, write_with_hooks as write_batch};
use multivector::report::Hooks;
use multivector::Error;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_multivector"))
}

/// Deals (event ids) of two subjects, 2000-2009. Late period 2005-2009: A gets Russia
/// 10 + 20 = 30 and China 5 + 5 = 10 (Russia's share 30/40 = 0.75, ENP 1/(0.75² + 0.25²)
/// = 1.6); B gets Russia 5, the United States 15 and France 10 (share 5/30, ENP
/// 1/((1/6)² + (1/2)² + (1/3)²) = 36/14).
const DATA: &str = "subject,channel,partner,year,value,event_id
A,arms,Russia,2000,10,a1
A,arms,China,2001,5,a2
A,arms,Russia,2002,20,a3
A,arms,Russia,2003,5,a4
A,arms,Russia,2006,10,a5
A,arms,China,2007,5,a6
A,arms,Russia,2008,20,a7
A,arms,China,2009,5,a8
B,arms,Russia,2000,5,b1
B,arms,United States,2001,5,b2
B,arms,Russia,2003,5,b3
B,arms,Russia,2006,5,b4
B,arms,United States,2007,15,b5
B,arms,France,2008,10,b6
B,arms,Russia,2009,0,b7
";

fn analysis(subject: &str) -> String {
    format!(
        r#"[data]
paths = ["data.csv"]
subject = "{subject}"
first_year = 2000
last_year = 2009

[channels]
arms = {{ weight = 1.0 }}

[periods]
breaks = [2005]

[attribution]
mode = "framework"

[bootstrap]
replicates = 60
seed = 3

[thresholds]
enp_min = 2.5
focal_share_max = 0.5
growth_min = 1.25         # D4: deepening when the focal rate grows by at least this factor
dominance_min = 1.5
alpha = 0.05
overall_majority = 0.66

[multiverse]
attribution = ["framework"]
windows = [1, 2]
break_sets = [[2005], [2004]]
split_events = [false]
last_years = [2009]
replicates = 40
channel_weights = {{}}

[calibration]
worlds = 4
replicates = 20
seed = 1
"#
    )
}

/// A folder with the data and the analysis files a.toml (subject A) and b.toml (B).
fn case() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("data.csv"), DATA).unwrap();
    std::fs::write(dir.path().join("a.toml"), analysis("A")).unwrap();
    std::fs::write(dir.path().join("b.toml"), analysis("B")).unwrap();
    dir
}

fn batch(dir: &Path, out: &str, names: &[&str], extra: &[&str]) -> Output {
    bin().current_dir(dir).arg("report").args(extra).args(["--batch", out]).args(names).output().unwrap()
}

/// Every file under `dir` with its bytes, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// comparison.csv as name -> column -> cell.
fn comparison(path: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), header.iter().zip(r.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect())
        })
        .collect()
}

#[test]
fn a_batch_writes_every_report_and_the_comparison_byte_identically() {
    let dir = case();
    let run = batch(dir.path(), "out", &["b.toml", "a.toml"], &[]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run));
    let first = tree(&dir.path().join("out"));
    for name in [
        "index.md",
        "index.html",
        "comparison.csv",
        "chart_comparison_late.png",
        "chart_comparison_series.svg",
        "a/report.md",
        "b/report.html",
        "b/periods.csv",
    ] {
        assert!(first.contains_key(name), "{name} missing: {:?}", first.keys().collect::<Vec<_>>());
    }
    assert_eq!(first.keys().filter(|k| k.starts_with("a/")).count(), 24, "a full report per analysis");
    // Another order of the files and one thread: the same bytes.
    let again = bin()
        .current_dir(dir.path())
        .env("RAYON_NUM_THREADS", "1")
        .args(["report", "--batch", "again", "a.toml", "b.toml"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0), "{}", text(&again));
    assert!(tree(&dir.path().join("again")) == first, "a rerun differs");
    // The late period by hand (see DATA).
    let rows = comparison(&dir.path().join("out/comparison.csv"));
    let num = |name: &str, col: &str| rows[name][col].parse::<f64>().unwrap();
    assert_eq!(rows.keys().collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(rows["a"]["arms_late_period"], "2005-2009");
    assert!((num("a", "arms_focal_share") - 0.75).abs() < 1e-12);
    assert!((num("a", "arms_enp") - 1.6).abs() < 1e-12);
    assert!((num("b", "arms_focal_share") - 5.0 / 30.0).abs() < 1e-12);
    assert!((num("b", "arms_enp") - 36.0 / 14.0).abs() < 1e-12);
    assert_eq!((rows["a"]["arms_leader"].as_str(), rows["b"]["arms_leader"].as_str()), ("Russia", "United States"));
    for name in ["a", "b"] {
        assert!(
            num(name, "arms_focal_share_ci_low") <= num(name, "arms_focal_share")
                && num(name, "arms_focal_share") <= num(name, "arms_focal_share_ci_high")
        );
        // 4 specifications of the file's lists, times the default readings, deepenings and first years.
        assert_eq!(rows[name]["multiverse_specifications"], "32");
        for column in ["p_t1", "p_t2", "multiverse_median_p_t1", "multiverse_median_p_t2"] {
            assert!((0.0..=1.0).contains(&num(name, column)), "{name} {column}");
        }
        // The same probabilities as the subject's own report.
        let summary: serde_json::Value = serde_json::from_slice(&first[&format!("{name}/summary.json")]).unwrap();
        for key in ["p_t1", "p_t2"] {
            assert!((summary["overall"][key].as_f64().unwrap() - num(name, key)).abs() < 1e-12, "{name} {key}");
        }
    }
    // The index page: both charts inline, links to the reports, nothing external.
    let html = String::from_utf8(first["index.html"].clone()).unwrap();
    assert_eq!(html.matches("<img src=\"data:image/png;base64,").count(), 2);
    assert!(html.contains("href=\"a/report.html\"") && html.contains("href=\"b/report.html\""));
    // Scripts only inline (the comparison explorer), nothing loaded from anywhere.
    assert!(!html.contains("http:") && !html.contains("https:") && !html.contains("<script src") && !html.contains("<link"));
    // Without a [report] section a report says nothing about Kazakhstan or a dissertation.
    let report = String::from_utf8(first["a/report.md"].clone()).unwrap();
    assert!(report.contains("Did A's security cooperation diversify away from Russia?"), "{report}");
    assert!(!report.contains("Kazakhstan") && !report.contains("dissertation"));
}

#[test]
fn check_finds_drift_in_any_report_of_the_batch() {
    let dir = case();
    assert_eq!(batch(dir.path(), "out", &["a.toml", "b.toml"], &[]).status.code(), Some(0));
    let ok = batch(dir.path(), "out", &["a.toml", "b.toml"], &["--check"]);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("is up to date"));
    let before = tree(&dir.path().join("out"));
    // A data change in B: B's report and the comparison drift, A's report does not.
    let data = DATA.replace("B,arms,France,2008,10,b6", "B,arms,France,2008,12,b6");
    std::fs::write(dir.path().join("data.csv"), data).unwrap();
    let drift = batch(dir.path(), "out", &["a.toml", "b.toml"], &["--check"]);
    assert_eq!(drift.status.code(), Some(1), "{}", text(&drift));
    let stdout = String::from_utf8_lossy(&drift.stdout);
    assert!(stdout.contains("b/periods.csv: differs") && stdout.contains("comparison.csv: differs"), "{stdout}");
    assert!(!stdout.contains("a/periods.csv"), "{stdout}");
    assert!(tree(&dir.path().join("out")) == before, "--check changed the committed batch");
    // A report left out of the batch is drift too.
    let fewer = batch(dir.path(), "out", &["a.toml"], &["--check"]);
    assert_eq!(fewer.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&fewer.stdout).contains("b/report.md: in the committed report but no longer generated"));
}

#[test]
fn a_failing_analysis_is_named_and_the_others_still_complete() {
    let dir = case();
    std::fs::write(dir.path().join("c.toml"), analysis("C").replace("data.csv", "missing.csv")).unwrap();
    let run = batch(dir.path(), "out", &["a.toml", "c.toml", "b.toml"], &[]);
    assert_eq!(run.status.code(), Some(1), "{}", text(&run));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("analysis c (c.toml) failed") && stderr.contains("missing.csv"), "{stderr}");
    assert!(stderr.contains("1 of 3 analysis file(s) failed"), "{stderr}");
    let files = tree(&dir.path().join("out"));
    assert!(files.contains_key("a/report.md") && files.contains_key("b/report.md"));
    assert!(!files.keys().any(|k| k.starts_with("c/")), "no report for the failed analysis");
    let index = String::from_utf8(files["index.md"].clone()).unwrap();
    assert!(index.contains("## Failed analyses") && index.contains("c (c.toml)"), "{index}");
    let rows = comparison(&dir.path().join("out/comparison.csv"));
    assert_eq!((rows["c"]["status"].as_str(), rows["c"]["arms_focal_share"].as_str(), rows["a"]["status"].as_str()), ("failed", "", "ok"));
    // --check names the failure as well and exits 1.
    let check = batch(dir.path(), "out", &["a.toml", "c.toml", "b.toml"], &["--check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stderr).contains("analysis c (c.toml) failed"));
}

#[test]
fn a_batch_whose_every_analysis_fails_says_so_without_a_panic() {
    let dir = case();
    std::fs::write(dir.path().join("c.toml"), analysis("C").replace("data.csv", "missing.csv")).unwrap();
    let run = batch(dir.path(), "out", &["c.toml"], &[]);
    assert_eq!(run.status.code(), Some(1), "{}", text(&run));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains("analysis c (c.toml) failed") && stderr.contains("every analysis file (1) failed"), "{stderr}");
    let rows = comparison(&dir.path().join("out/comparison.csv"));
    assert_eq!(rows["c"]["status"].as_str(), "failed");
}

#[test]
fn a_batch_is_replaced_whole_or_not_at_all() {
    let dir = case();
    assert_eq!(batch(dir.path(), "out", &["a.toml", "b.toml"], &[]).status.code(), Some(0));
    let before = tree(&dir.path().join("out"));
    std::fs::write(dir.path().join("data.csv"), DATA.replace(",10,a1", ",11,a1")).unwrap();
    let analyses = batch_analyses(&[dir.path().join("a.toml"), dir.path().join("b.toml")]).unwrap();
    for step in ["report.md", "comparison.csv", "index.md"] {
        // The library's seam: the run fails on purpose right after writing file `step`.
        let fail = |name: &str| match name == step {
            true => Err(Error::output(name, "injected failure after writing it")),
            false => Ok(()),
        };
        let hooks = Hooks { after_file: Some(&fail), ..Hooks::default() };
        match write_batch(&analyses, &dir.path().join("out"), &|_| {}, &hooks) {
            Err(e @ Error::Output { .. }) => assert!(e.to_string().contains("injected failure"), "{step}: {e}"),
            other => panic!("{step}: expected the injected failure, got {other:?}"),
        }
        assert!(tree(&dir.path().join("out")) == before, "{step}: the batch changed");
    }
    let names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(names.iter().all(|n| !n.starts_with('.')), "leftovers: {names:?}");
}

#[test]
fn unusable_batches_are_usage_errors() {
    let dir = case();
    std::fs::create_dir(dir.path().join("other")).unwrap();
    std::fs::write(dir.path().join("other/a.toml"), analysis("B")).unwrap();
    std::fs::write(dir.path().join("comparison.csv.toml"), analysis("B")).unwrap();
    let cases: [(&[&str], &str); 5] = [
        (&["report", "--batch", "out", "a.toml", "other/a.toml"], "would both be reported as \"a\""),
        (&["report", "--batch", "out"], "at least one analysis file"),
        (&["report", "a.toml", "b.toml"], "several analysis files need --batch"),
        (&["report", "--batch", "out", "--out", "x", "a.toml"], "cannot be used with"),
        (&["report", "--batch", "out", "comparison.csv.toml"], "not one of the batch's own files"),
    ];
    for (args, expected) in cases {
        let run = bin().current_dir(dir.path()).args(args).output().unwrap();
        assert_eq!(run.status.code(), Some(2), "{args:?}: {}", text(&run));
        assert!(text(&run).contains(expected), "{args:?}: {}", text(&run));
    }
    // A batch directory holding an input is refused.
    let run = bin().current_dir(dir.path()).args(["report", "--batch", "."]).arg("a.toml").output().unwrap();
    assert_eq!(run.status.code(), Some(2), "{}", text(&run));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn a_malformed_report_section_is_a_located_error() {
    let dir = case();
    let bad = analysis("A") + "\n[[report.question]]\ntext = \"a paragraph\"\ncite = \"a citation without a quote\"\n";
    std::fs::write(dir.path().join("a.toml"), &bad).unwrap();
    let run = bin().current_dir(dir.path()).args(["report", "a.toml", "--out", "rep"]).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    let line = bad.lines().position(|l| l == "[[report.question]]").unwrap() + 1;
    assert!(
        text(&run).contains(&format!("a.toml:{line}: error: key 'report.question': report.question[1]: expected either text")),
        "{}",
        text(&run)
    );
}
