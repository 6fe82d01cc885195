//! The README's data-update recipe with the real SIPRI trade register of 3 Jan 2025: the
//! analysis stops at the coverage conflict until the new release is declared, `diff`
//! then lists the claims that move, and the report names the release (issue 27).
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const RELEASE: &str = "sipri-register (3 Jan 2025 9:16:02 PM)";

fn multivector(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_multivector")).current_dir(dir).args(args).output().unwrap()
}

/// A copy of the repository's datasets/ in a temporary folder (the recipe edits it).
fn copy_datasets() -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap().flatten() {
            let target = to.join(entry.file_name());
            if entry.path().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets"), &dir.path().join("datasets"));
    dir
}

/// The analysis file with the 2025 register declared as a span of its own.
fn declare_release(analysis: &Path) {
    let text = std::fs::read_to_string(analysis).unwrap();
    let span = format!(
        "[[coverage.arms]]\nsource = \"SIPRI Arms Transfers Database, trade register (data generated 3 Jan 2025)\"\nfirst = 2000\nlast = 2023\nkind = \"systematic\"\ndata_source = \"{RELEASE}\"\n\n[[coverage.exercises]]"
    );
    std::fs::write(analysis, text.replacen("[[coverage.exercises]]", &span, 1)).unwrap();
}

#[test]
fn an_update_from_another_release_stops_until_its_coverage_is_declared() {
    let dir = copy_datasets();
    let root = dir.path();
    let analysis = "datasets/kazakhstan/analysis.toml";
    let import = multivector(
        root,
        &[
            "import",
            "sipri-register",
            "datasets/kazakhstan/sources/sipri/sipri_register_kazakhstan_2025-01.csv",
            "--recipient",
            "Kazakhstan",
            "--out",
            "new-arms.csv",
        ],
    );
    let said = String::from_utf8_lossy(&import.stderr);
    assert!(import.status.success() && said.contains(&format!("data_source = \"{RELEASE}\", rows 2000-2023")), "{said}");

    // The recipe as a newcomer runs it: diff, then replace and report. Both stop, naming the conflict and the fix.
    let diff = multivector(root, &["diff", "datasets/kazakhstan/arms.csv", "new-arms.csv", "--analysis", analysis]);
    let said = String::from_utf8_lossy(&diff.stderr);
    assert_eq!(diff.status.code(), Some(2), "{said}");
    assert!(
        said.contains("coverage.arms")
            && said.contains("\"sipri-tiv-2022-07\"")
            && said.contains(RELEASE)
            && said.contains("declare the new release"),
        "{said}"
    );
    std::fs::copy(root.join("new-arms.csv"), root.join("datasets/kazakhstan/arms.csv")).unwrap();
    let report = multivector(root, &["report", "--out", "out", analysis]);
    assert_eq!(report.status.code(), Some(2), "{}", String::from_utf8_lossy(&report.stderr));
    assert!(!root.join("out").exists());

    // Declared: the report runs, and its coverage table, sources and chart footers name the release.
    declare_release(&root.join(analysis));
    let report = multivector(root, &["report", "--out", "out", analysis]);
    assert!(report.status.success(), "{}", String::from_utf8_lossy(&report.stderr));
    let md = std::fs::read_to_string(root.join("out/report.md")).unwrap();
    let coverage_row =
        md.lines().find(|l| l.starts_with("| arms |") && l.contains("2000-2023")).unwrap_or_else(|| panic!("no coverage row"));
    assert!(
        coverage_row.contains(RELEASE) && !md.contains("| arms | SIPRI Arms Transfers Database (TIV, release 2022-07)"),
        "{coverage_row}"
    );
    assert!(md.contains(&format!("arms: \"{RELEASE}\"")), "sources");
    let svg = std::fs::read_to_string(root.join("out/chart_concentration.svg")).unwrap();
    assert!(svg.contains("sipri-register (3 Jan 2025"), "chart footer");
}

#[test]
fn diff_lists_the_claims_that_move_with_the_release() {
    let dir = copy_datasets();
    let root = dir.path();
    let analysis = "datasets/kazakhstan/analysis.toml";
    let register = "datasets/kazakhstan/sources/sipri/sipri_register_kazakhstan_2025-01.csv";
    assert!(multivector(root, &["import", "sipri-register", register, "--recipient", "Kazakhstan", "--out", "new-arms.csv"])
        .status
        .success());
    declare_release(&root.join(analysis));
    let out = multivector(root, &["diff", "datasets/kazakhstan/arms.csv", "new-arms.csv", "--analysis", analysis, "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arms = json["theses"].as_array().unwrap().iter().find(|s| s["scope"] == "arms").unwrap();
    assert_eq!(arms["old"]["coverage"], serde_json::json!([1992, 2014]));
    assert_eq!(arms["new"]["coverage"], serde_json::json!([2000, 2014]));
    let changed: Vec<&str> = arms["changed_claims"].as_array().unwrap().iter().map(|c| c["claim"].as_str().unwrap()).collect();
    assert!(changed.contains(&"D4"), "{changed:?}");
    for c in arms["changed_claims"].as_array().unwrap() {
        let (old, new) = (c["old"].as_f64().unwrap(), c["new"].as_f64().unwrap());
        assert!((c["change"].as_f64().unwrap() - (new - old)).abs() < 1e-12, "{c}");
    }
    // Recomputed: Russia's share of the register's TIV delivered to Kazakhstan in 2007-2014.
    let mut reader = csv::Reader::from_path(root.join("new-arms.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (mut russia, mut all) = (0.0, 0.0);
    for record in reader.records() {
        let record = record.unwrap();
        let year: i32 = record[col("year")].parse().unwrap();
        if (2007..=2014).contains(&year) {
            let value: f64 = record[col("value")].parse().unwrap();
            all += value;
            if &record[col("partner")] == "Russia" {
                russia += value;
            }
        }
    }
    let share = arms["new"]["late_focal_share"].as_f64().unwrap();
    assert!((share - russia / all).abs() < 1e-9, "{share} vs {}", russia / all);
}

#[test]
fn import_sipri_tiv_keeps_only_the_recipient_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let matrix: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/kazakhstan/sources/sipri/TIV-Export-RUS-1950-2021.csv");
    let out = dir.path().join("kz.csv");
    let run = |recipient: &str| {
        Command::new(env!("CARGO_BIN_EXE_multivector"))
            .args(["import", "sipri-tiv"])
            .arg(&matrix)
            .args(["--recipient", recipient, "--out"])
            .arg(&out)
            .output()
            .unwrap()
    };
    assert!(run("Kazakhstan").status.success());
    let text = std::fs::read_to_string(&out).unwrap();
    let subjects: std::collections::BTreeSet<&str> = text.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(subjects.into_iter().collect::<Vec<_>>(), ["Kazakhstan"]);
    // The matrix's Kazakhstan row, read independently: its non-empty year cells.
    let raw = std::fs::read_to_string(&matrix).unwrap();
    let row = raw.lines().find(|l| l.starts_with("Kazakhstan,")).unwrap();
    let cells = row.split(',').skip(1).filter(|c| !c.trim().is_empty()).count();
    // The last non-empty cell of the row is its Total, not a year.
    assert_eq!(text.lines().count() - 1, cells - 1);
    let wrong = run("Kazakstan");
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert_eq!(wrong.status.code(), Some(2), "{said}");
    assert!(said.contains("Kazakhstan") && said.contains("--recipient"), "{said}");
}

#[test]
fn version_names_the_commit_the_binary_was_built_from() {
    let out = Command::new(env!("CARGO_BIN_EXE_multivector")).arg("--version").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
    // "multivector 0.1.0 (commit 1234567890ab, source 0123456789abcdef)", or commit "unknown" outside git.
    let commit = text.split("(commit ").nth(1).and_then(|r| r.split(',').next()).unwrap_or_else(|| panic!("{text}"));
    assert!(text.starts_with(&format!("multivector {} (commit ", env!("CARGO_PKG_VERSION"))), "{text}");
    assert!(commit == "unknown" || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())), "{text}");
    let head = Command::new("git").args(["rev-parse", "--short=12", "HEAD"]).current_dir(env!("CARGO_MANIFEST_DIR")).output().ok();
    if let Some(head) = head.filter(|h| h.status.success() && commit != "unknown") {
        assert_eq!(commit, String::from_utf8_lossy(&head.stdout).trim(), "built from another commit than HEAD");
    }
}
