//! Nothing silently wrong: readers that agree (CSV, JSON Lines, Parquet; exact and
//! parallel), strict importers, analysis files whose names must match the data, grids
//! that are checked before they run, inputs that are regular files, and located
//! messages (issue 16).
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use multivector::data::load::read_file;
use multivector::data::Observations;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_multivector"))
}

fn repo(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Each row as text with its line, for comparing readers.
fn rows(obs: &Observations, line_shift: i64) -> Vec<String> {
    (0..obs.len()).map(|i| format!("{:?} @{}", obs.row(i), obs.line(i) as i64 + line_shift)).collect()
}

/// 150 records; `event_id` and the bounds appear only from record 120 on, after the
/// window in which a sampling reader guesses the schema.
fn late_keys(bad_bound_at: Option<usize>) -> (String, String) {
    let mut csv = String::from("subject,channel,partner,year,value,value_low,event_id\n");
    let mut jsonl = String::new();
    for k in 0..150 {
        let partner = ["Russia", "China", "Turkey"][k % 3];
        let year = 1990 + (k / 6) as i32;
        let value = 1 + k % 7;
        if k < 119 {
            csv.push_str(&format!("Kazakhstan,exercises,{partner},{year},{value},,\n"));
            jsonl.push_str(&format!(
                "{{\"subject\":\"Kazakhstan\",\"channel\":\"exercises\",\"partner\":\"{partner}\",\"year\":{year},\"value\":{value}}}\n"
            ));
        } else {
            let low = if Some(k + 1) == bad_bound_at { value + 5 } else { value.saturating_sub(1) };
            let event = format!("ex-{year}");
            csv.push_str(&format!("Kazakhstan,exercises,{partner},{year},{value},{low},{event}\n"));
            jsonl.push_str(&format!("{{\"subject\":\"Kazakhstan\",\"channel\":\"exercises\",\"partner\":\"{partner}\",\"year\":{year},\"value\":{value},\"value_low\":{low},\"event_id\":\"{event}\"}}\n"));
        }
    }
    (csv, jsonl)
}

#[test]
fn json_lines_keys_first_seen_late_count_like_csv_columns() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, jsonl) = late_keys(None);
    let (c, j) = (dir.path().join("a.csv"), dir.path().join("a.jsonl"));
    std::fs::write(&c, csv).unwrap();
    std::fs::write(&j, jsonl).unwrap();
    let (from_csv, _) = read_file(&c, 10).unwrap();
    let (from_jsonl, _) = read_file(&j, 10).unwrap();
    assert_eq!(rows(&from_csv, 0), rows(&from_jsonl, 1));
    // The same indices either way (events split by their late event_id).
    let indices = |p: &Path| bin().arg("indices").arg(p).args(["--split-events", "--format", "csv"]).output().unwrap().stdout;
    assert_eq!(indices(&c), indices(&j));
    // A bound error on line 149 is found.
    let (_, jsonl) = late_keys(Some(149));
    std::fs::write(&j, jsonl).unwrap();
    let out = bin().arg("validate").arg(&j).output().unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("a.jsonl:149:"), "{}", stderr(&out));
}

#[test]
fn json_lines_with_whitespace_only_lines_and_odd_values() {
    let out = bin().arg("validate").arg(repo("tests/data/valid/whitespace_line.jsonl")).output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "{\"subject\":\"K\",\"channel\":\"arms\",\"partner\":\"X\",\"year\":true,\"value\":1}\n",
            ":1:4:",
            "expected a number, found a boolean",
        ),
        ("{\"subject\":\"K\",\"channel\":\"arms\",\"partner\":\"X\",\"year\":2000,\"value\":1,\"value\":2}\n", ":1:", "appears twice"),
        ("{\"subject\":\"K\",\"channel\":\"arms\",\"partner\":\"X\\u0000Y\",\"year\":2000,\"value\":1}\n", ":1:3:", "NUL byte"),
    ];
    for (text, location, phrase) in cases {
        let path = dir.path().join("odd.jsonl");
        std::fs::write(&path, text).unwrap();
        let out = bin().arg("validate").arg(&path).output().unwrap();
        assert_eq!(code(&out), 2, "{text}: {}", stderr(&out));
        assert!(stderr(&out).contains(location) && stderr(&out).contains(phrase), "{text}: {}", stderr(&out));
    }
}

/// A copy of tests/data/tiny/analysis.toml with `from` replaced by `to`, reading the tiny data.
fn analysis_with(dir: &Path, from: &str, to: &str) -> PathBuf {
    let text = std::fs::read_to_string(repo("tests/data/tiny/analysis.toml")).unwrap();
    assert!(text.contains(from), "{from}");
    let data = repo("tests/data/tiny/data.csv");
    let text = text.replace("paths = [\"data.csv\"]", &format!("paths = [{:?}]", data.display().to_string())).replace(from, to);
    let path = dir.join("analysis.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// The 1-based line of the first line of `path` containing `needle`.
fn line_of(path: &Path, needle: &str) -> usize {
    std::fs::read_to_string(path).unwrap().lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn analysis_names_that_match_no_data_are_errors_with_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("focal = \"Russia\"", "focal = \"Rusia\"", "data.focal", "closest known: Russia"),
        ("subject = \"Kazakhstan\"", "subject = \"Kazakstan\"", "data.subject", "closest known: Kazakhstan"),
        ("exercises = { weight", "exercise = { weight", "channels.exercise", "closest known: exercises"),
        ("first_year = 1995\nlast_year = 2012", "first_year = 1980\nlast_year = 1994", "data.first_year", "matches no data"),
    ];
    for (from, to, key, phrase) in cases {
        let path = analysis_with(dir.path(), from, to);
        if key == "data.first_year" {
            // A break inside the new horizon, so that the horizon itself is what fails.
            let text = std::fs::read_to_string(&path).unwrap().replace("breaks = [2000, 2007]", "breaks = [1990]");
            std::fs::write(&path, text).unwrap();
        }
        let line = line_of(&path, to.lines().next().unwrap());
        for command in ["theses", "plot"] {
            let mut run = bin();
            run.arg(command).arg(&path);
            if command == "plot" {
                run.args(["--chart", "shares", "--out"]).arg(dir.path().join("x.svg"));
            }
            let out = run.output().unwrap();
            let message = stderr(&out);
            assert_eq!(code(&out), 2, "{to}: {message}");
            assert!(message.contains(&format!("analysis.toml:{line}: ")), "{to}: {message}");
            assert!(message.contains(key) && message.contains(phrase), "{to}: {message}");
        }
    }
}

#[test]
fn multiverse_lists_are_checked_before_the_grid_runs() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("last_years = [2012]", "last_years = []", "multiverse.last_years", "non-empty"),
        ("attribution = [\"framework\", \"lead\"]", "attribution = []", "multiverse.attribution", "non-empty"),
        ("windows = [1]", "windows = []", "multiverse.windows", "non-empty"),
        ("break_sets = [[2000, 2007]]", "break_sets = []", "multiverse.break_sets", "non-empty"),
        ("split_events = [false]", "split_events = []", "multiverse.split_events", "non-empty"),
        ("windows = [1]", "windows = [1, 3, 1]", "multiverse.windows", "1 twice"),
        ("attribution = [\"framework\", \"lead\"]", "attribution = [\"lead\", \"lead\"]", "multiverse.attribution", "twice"),
        ("break_sets = [[2000, 2007]]", "break_sets = [[2007, 2000]]", "multiverse.break_sets", "increasing"),
        ("last_years = [2012]", "last_years = [1990]", "multiverse.last_years", "expected years"),
    ];
    for (from, to, key, phrase) in cases {
        let path = analysis_with(dir.path(), from, to);
        let out = bin().arg("theses").arg(&path).output().unwrap();
        let message = stderr(&out);
        assert_eq!(code(&out), 2, "{to}: {message}");
        let line = line_of(&path, to.lines().next().unwrap());
        assert!(message.contains(&format!("analysis.toml:{line}: ")), "{to}: {message}");
        assert!(message.contains(key) && message.contains(phrase), "{to}: {message}");
    }
    // A grid too large to run is refused with its size (18 horizons, each split by the breaks).
    let years: Vec<String> = (2000..=2017).map(|y| y.to_string()).collect();
    let to = format!("windows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nbreak_sets = [[2000, 2007]]\nsplit_events = [false]\nlast_years = [{}]\nreplicates = 100000", years.join(", "));
    let path = analysis_with(
        dir.path(),
        "windows = [1]\nbreak_sets = [[2000, 2007]]\nsplit_events = [false]\nlast_years = [2012]\nreplicates = 50",
        &to,
    );
    let out = bin().arg("theses").arg(&path).output().unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("2880 specifications × 100000 replicates"), "{}", stderr(&out));
    // A range error names its line too.
    let path = analysis_with(dir.path(), "alpha = 0.05", "alpha = 0.7");
    let out = bin().arg("theses").arg(&path).output().unwrap();
    assert!(stderr(&out).contains(&format!("analysis.toml:{}: ", line_of(&path, "alpha = 0.7"))), "{}", stderr(&out));
}

/// Runs an importer on a file of the import corpus.
fn import(kind: &str, name: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    bin()
        .args(["import", kind])
        .arg(repo("tests/data/malformed/import").join(name))
        .arg("--out")
        .arg(dir.path().join("out.csv"))
        .output()
        .unwrap()
}

#[test]
fn importers_reject_broken_headers_ids_and_duplicates_with_the_line() {
    let cases = [
        ("sipri-tiv", "tiv_bad_year_label.csv", ":3:3:", "found \"2OO3\""),
        ("sipri-tiv", "tiv_duplicate_year.csv", ":3:4:", "year 1996 appears twice"),
        ("sipri-tiv", "tiv_year_out_of_range.csv", ":3:3:", "found \"0\""),
        ("sipri-tiv", "tiv_year_out_of_range.csv", ":3:4:", "found \"99999\""),
        ("sipri-tiv", "tiv_duplicate_recipient.csv", ":6:1:", "has a row already (line 4)"),
        ("mme", "mme_empty_id.csv", ":4:1:", "expected an exercise id"),
        ("mme", "mme_empty_id.csv", ":5:1:", "expected an exercise id"),
        ("mme", "mme_conflicting_year.csv", ":3:5:", "year 2000 (as on line 2), found 2001"),
        ("mme", "mme_duplicate_column.csv", ":1:6:", "duplicated column name"),
        ("sipri-register", "register_duplicate_row.csv", ":7:1:", "has a row already (line 5)"),
    ];
    for (kind, name, location, phrase) in cases {
        let out = import(kind, name);
        let message = stderr(&out);
        assert_eq!(code(&out), 2, "{name}: {message}");
        assert!(message.contains(&format!("{name}{location}")) && message.contains(phrase), "{name}: {message}");
    }
}

/// A plain panel of `rows` rows (large enough for the parallel reader at 200,000).
fn plain_panel(rows: usize) -> String {
    let mut text = String::from("subject,channel,partner,year,value\n");
    for i in 0..rows {
        text.push_str(&format!("S{:03},c{},P{:02},{},{}.5\n", i % 97, i % 3, i % 41, 1950 + i % 60, i % 1000));
    }
    text
}

#[test]
fn the_parallel_and_the_exact_reader_apply_one_rule() {
    let dir = tempfile::tempdir().unwrap();
    let big = plain_panel(200_000);
    assert!(big.len() as u64 >= multivector::data::fast_csv::MIN_BYTES);
    let row = 150_000;
    // Line `row + 2` of the file, i.e. past the first 8 KiB.
    let bad_rows = [("lone CR", "S001,c1,Ru\rssia,2000,1\n"), ("NUL", "S001,c1,Ru\0ssia,2000,1\n")];
    for (what, bad) in bad_rows {
        let mut lines: Vec<&str> = big.split_inclusive('\n').collect();
        lines[row + 1] = bad;
        let text: String = lines.concat();
        let large = dir.path().join("large.csv");
        std::fs::write(&large, &text).unwrap();
        assert!(multivector::data::fast_csv::try_read(large.to_str().unwrap()).unwrap().is_none(), "{what}");
        let large_error = read_file(&large, 5).unwrap_err().to_string();
        // The exact reader alone on the same file says the same.
        let mut log = multivector::data::issue::IssueLog::new(5);
        let shown = large.to_str().unwrap();
        multivector::data::csv_source::read_csv(shown, &mut Observations::default(), &mut log).unwrap();
        let exact: Vec<String> = log.into_issues(shown).iter().map(|i| i.to_string()).collect();
        assert_eq!(large_error, exact.join("\n"), "{what}");
        assert!(large_error.contains(&format!("large.csv:{}", row + 2)), "{what}: {large_error}");
    }
}

#[test]
fn parquet_columns_of_any_writer_type_are_read() {
    use polars::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("p.csv");
    std::fs::write(&csv, "subject,channel,partner,year,value\nK,arms,Russia,2000,1.5\nK,arms,China,2001,2.25\n").unwrap();
    let (reference, _) = read_file(&csv, 5).unwrap();
    let base = df!(
        "subject" => ["K", "K"],
        "channel" => ["arms", "arms"],
        "partner" => ["Russia", "China"],
        "year" => [2000i64, 2001],
        "value" => [1.5f64, 2.25],
    )
    .unwrap();
    let variants: Vec<(&str, &str, DataType)> = vec![
        ("year", "int16", DataType::Int16),
        ("year", "uint16", DataType::UInt16),
        ("value", "decimal", DataType::Decimal(10, 2)),
        ("partner", "category", DataType::from_categories(Categories::global())),
    ];
    for (column, label, dtype) in variants {
        let mut frame = base.clone();
        let cast = frame.column(column).unwrap().cast(&dtype).unwrap();
        frame.with_column(cast).unwrap();
        let path = dir.path().join(format!("{label}.parquet"));
        ParquetWriter::new(std::fs::File::create(&path).unwrap()).finish(&mut frame).unwrap();
        let (read, _) = read_file(&path, 5).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(rows(&read, 0), rows(&reference, 0), "{label}");
    }
    // Values as small integers too (a year does not fit in 8 bits).
    for (label, dtype) in [("int8", DataType::Int8), ("uint8", DataType::UInt8)] {
        let mut frame = base.clone();
        let cast = frame.column("value").unwrap().cast(&dtype).unwrap();
        frame.with_column(cast).unwrap();
        let path = dir.path().join(format!("{label}.parquet"));
        ParquetWriter::new(std::fs::File::create(&path).unwrap()).finish(&mut frame).unwrap();
        let (read, _) = read_file(&path, 5).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(read.values(), [1.0, 2.0], "{label}");
    }
}

#[test]
fn a_fifo_is_refused_instead_of_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("x.csv");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let mut child = bin().arg("validate").arg(&fifo).stderr(std::process::Stdio::piped()).spawn().unwrap();
    for _ in 0..200 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    if child.try_wait().unwrap().is_none() {
        child.kill().unwrap();
        panic!("validate blocked on a FIFO");
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("not a regular file"), "{}", stderr(&out));
}

#[test]
fn numeric_options_have_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let data = repo("tests/data/tiny/data.csv");
    let out = bin().arg("trend").arg(&data).args(["--metric", "hhi", "--boot", "100000000"]).output().unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--boot"), "{}", stderr(&out));
    let panel = dir.path().join("s.csv");
    let out = bin().args(["synth", "--years", "300", "--subjects", "1", "--partners", "2", "--out"]).arg(&panel).output().unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(!panel.exists());
    let out = bin()
        .args(["synth", "--years", "241", "--subjects", "1", "--partners", "2", "--density", "1", "--out"])
        .arg(&panel)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(code(&bin().arg("validate").arg(&panel).output().unwrap()), 0);
}

#[test]
fn messages_name_the_right_place() {
    let dir = tempfile::tempdir().unwrap();
    // "no data files found" names the path.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = bin().arg("validate").arg(&empty).output().unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains(&empty.display().to_string()), "{}", stderr(&out));
    assert!(!stderr(&out).contains("usage:"), "a data source, not a usage error: {}", stderr(&out));
    // A plot error names the target, not a temporary file.
    let target = dir.path().join("chart.gif");
    let out =
        bin().args(["plot"]).arg(repo("tests/data/tiny/analysis.toml")).args(["--chart", "shares", "--out"]).arg(&target).output().unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("chart.gif:") && !stderr(&out).contains(".chart"), "{}", stderr(&out));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn more_than_65536_files_name_the_right_file() {
    use multivector::data::observations::{Dating, RowInput};
    use multivector::data::schema::{Column, ColumnMap};
    let mut obs = Observations::default();
    let mut columns = ColumnMap::default();
    columns.set(Column::Value, 4);
    let row = RowInput {
        subject: "K",
        channel: "arms",
        partner: "X",
        year_start: 2000,
        year_end: 2000,
        dating: Dating::Year,
        value: 1.0,
        value_low: None,
        value_high: None,
        unit: None,
        framework: None,
        event_id: None,
        series: None,
        kind: None,
        source: None,
        locator: None,
        quote: None,
        note: None,
    };
    for k in 0..65_540u32 {
        obs.add_file(&format!("f{k}.csv"), columns.clone());
        obs.push(row, 2);
    }
    assert_eq!(obs.location(65_539), "f65539.csv:2");
    assert_eq!(obs.issue_at(65_537, Column::Value, "x").file, "f65537.csv");
}
