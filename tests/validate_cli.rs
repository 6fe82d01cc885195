//! The malformed-input corpus: every error class exits 2 with file:line:column, never a panic.
use std::path::PathBuf;
use std::process::Command;

fn corpus(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/malformed").join(name)
}

/// Runs `multivector validate FILE` and returns (exit code, stderr).
fn validate(path: &PathBuf) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_multivector")).arg("validate").arg(path).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// (file, expected "file:line[:col]" location, a phrase from the message)
const CASES: &[(&str, &str, &str)] = &[
    ("missing_column.csv", "missing_column.csv:1:", "missing required column(s): partner"),
    ("empty_subject.csv", "empty_subject.csv:2:1:", "column 'subject': expected a non-empty name"),
    ("empty_name.csv", "empty_name.csv:3:2:", "column 'channel': expected a non-empty name"),
    ("empty_partner.csv", "empty_partner.csv:4:3:", "column 'partner': expected a non-empty name"),
    ("negative_value.csv", "negative_value.csv:3:5:", "expected a non-negative number, found \"-2.5\""),
    ("nan_value.csv", "nan_value.csv:4:5:", "found NaN"),
    ("infinite_value.csv", "infinite_value.csv:2:5:", "expected a finite number"),
    ("overflow_value.csv", "overflow_value.csv:3:5:", "within f64 range"),
    ("text_value.csv", "text_value.csv:3:5:", "found \"about 20\""),
    ("fractional_year.csv", "fractional_year.csv:3:4:", "expected an integer year in 1800-2200"),
    ("year_out_of_range.csv", "year_out_of_range.csv:5:4:", "found \"1700\""),
    ("period_reversed.csv", "period_reversed.csv:2:5:", "expected period_end >= period_start (2012), found 1996"),
    ("year_and_period.csv", "year_and_period.csv:3:4:", "found both"),
    ("no_dating.csv", "no_dating.csv:3:4:", "found neither"),
    ("bounds_reversed.csv", "bounds_reversed.csv:2:6:", "expected value_low <= value_high"),
    ("value_outside_bounds.csv", "value_outside_bounds.csv:3:5:", "expected value >= value_low (400), found 390"),
    ("two_units.csv", "two_units.csv:3:6:", "expected one unit per channel"),
    ("ragged_row.csv", "ragged_row.csv:3:", "ragged row: expected 6 fields"),
    ("unterminated_quote.csv", "unterminated_quote.csv:3:", "unterminated quoted field"),
    ("invalid_utf8.csv", "invalid_utf8.csv:3:3:", "invalid UTF-8"),
    ("binary.csv", "binary.csv:", "binary file"),
    ("empty_file.csv", "empty_file.csv:1:", "empty file"),
    ("header_only.csv", "header_only.csv:1:", "header but no data rows"),
    ("duplicate_column.csv", "duplicate_column.csv:1:6:", "duplicated column name"),
    ("semicolon_separated.csv", "semicolon_separated.csv:1:", "semicolon-separated"),
    // Windows line ends and blank lines do not shift the reported line.
    ("crlf_bad_value.csv", "crlf_bad_value.csv:3:5:", "expected a non-negative number, found \"x\""),
    ("blank_lines_bad_value.csv", "blank_lines_bad_value.csv:5:5:", "expected a non-negative number, found \"-1\""),
    // Old Mac line ends (CR only) count as lines too (issue 16).
    ("cr_only_bad_value.csv", "cr_only_bad_value.csv:3:5:", "expected a non-negative number, found \"-5\""),
    ("bad_line.jsonl", "bad_line.jsonl:3:", "invalid JSON"),
    ("negative.jsonl", "negative.jsonl:2:5:", "expected a non-negative number, found -4"),
    ("not_parquet.parquet", "not_parquet.parquet:", "cannot read as Parquet"),
];

#[test]
fn every_error_class_exits_2_with_its_location() {
    for (file, location, phrase) in CASES {
        let (code, stderr) = validate(&corpus(file));
        assert_eq!(code, 2, "{file}: exit code, stderr: {stderr}");
        assert!(!stderr.contains("panicked"), "{file} panicked: {stderr}");
        let line = stderr.lines().find(|l| l.contains(phrase)).unwrap_or_else(|| panic!("{file}: no '{phrase}' in {stderr}"));
        assert!(line.contains(location), "{file}: expected location {location} in: {line}");
    }
}

#[test]
fn every_corpus_file_is_covered() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/malformed");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        // import/ holds the importers' corpus (tests/input_strictness.rs).
        let covered = CASES.iter().any(|(f, _, _)| *f == name) || name == "many_errors.csv" || name == "import";
        assert!(covered, "{name} has no expectation");
    }
}

#[test]
fn several_errors_in_one_file_are_all_reported() {
    let (code, stderr) = validate(&corpus("many_errors.csv"));
    assert_eq!(code, 2);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 3, "{stderr}");
    assert!(errors[0].starts_with(&format!("{}:2:5:", corpus("many_errors.csv").display())));
    assert!(errors[1].contains("many_errors.csv:4:4:"));
    assert!(errors[2].contains("many_errors.csv:5:3:"));
}

#[test]
fn error_limit_is_respected_and_announced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    let mut text = String::from("subject,channel,partner,year,value\n");
    for _ in 0..30 {
        text.push_str("K,arms,Russia,2000,-1\n");
    }
    std::fs::write(&path, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_multivector")).args(["validate", "--max-errors", "5"]).arg(&path).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr.lines().filter(|l| l.contains("non-negative")).count(), 5);
    assert!(stderr.contains("25 more errors not shown"), "{stderr}");
}

#[test]
fn strict_mode_rejects_unknown_partners_and_lenient_mode_counts_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.csv");
    std::fs::write(&path, "subject,channel,partner,year,value\nK,arms,Atlantis,2000,1\nK,arms,Russland,2000,2\nK,arms,Atlantis,2001,1\n")
        .unwrap();
    let bin = env!("CARGO_BIN_EXE_multivector");
    let lenient = Command::new(bin).arg("validate").arg(&path).output().unwrap();
    assert_eq!(lenient.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&lenient.stderr);
    assert!(stderr.contains("Atlantis (2 rows)"), "{stderr}");
    let strict = Command::new(bin).args(["validate", "--strict"]).arg(&path).output().unwrap();
    assert_eq!(strict.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&strict.stderr);
    assert!(stderr.contains("d.csv:2:3: error: column 'partner': unknown partner \"Atlantis\" (2 rows)"), "{stderr}");
}

#[test]
fn the_unknown_partner_warning_names_the_12_most_frequent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.csv");
    // Partner Q00 has 1 row, Q01 2 rows, …, Q13 14 rows.
    let mut text = String::from("subject,channel,partner,year,value\n");
    for p in 0..14 {
        for y in 0..=p {
            text.push_str(&format!("K,arms,Q{p:02},{},1\n", 1990 + y));
        }
    }
    std::fs::write(&path, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_multivector")).arg("validate").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning: 14 partner name(s)"), "{stderr}");
    assert!(stderr.contains("Q13 (14 rows), Q12 (13 rows)"), "{stderr}");
    assert!(stderr.contains("Q02 (3 rows), and 2 more"), "{stderr}");
    assert!(!stderr.contains("Q01") && !stderr.contains("Q00"), "{stderr}");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let code = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_multivector")).args(args).output().unwrap().status.code();
    assert_eq!(code(&["validate"]), Some(2));
    assert_eq!(code(&["frobnicate"]), Some(2));
    assert_eq!(code(&["validate", "/nonexistent/x.csv"]), Some(2));
    assert_eq!(code(&["validate", "--help"]), Some(0));
}

#[test]
fn valid_file_summary_as_json() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/valid/sample.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_multivector")).args(["validate", "--format", "json"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["rows"], 6);
    assert_eq!(json["subjects"], serde_json::json!(["Kazakhstan", "Uzbekistan"]));
    let training = json["channels"].as_array().unwrap().iter().find(|c| c["channel"] == "training").unwrap();
    assert_eq!(training["year_first"], 1996);
    assert_eq!(training["year_last"], 2012);
    assert_eq!(training["partners"], 2, "Russland is an alias of Russia");
    assert_eq!(training["period_rows"], 2);
}
