//! The same observations as CSV, Parquet and JSON Lines give the same validated table.
use std::fs::File;
use std::path::Path;

use multivector::data::load::read_file;
use multivector::data::Observations;
use polars::prelude::*;

fn rows(obs: &Observations) -> Vec<String> {
    (0..obs.len()).map(|i| format!("{:?} @{}", obs.row(i), obs.line(i))).collect()
}

/// The content of tests/data/valid/sample.csv, typed, as a polars frame.
fn sample_frame() -> DataFrame {
    let none_s: Option<&str> = None;
    df!(
        "subject" => ["Kazakhstan", "Kazakhstan", "Kazakhstan", "Kazakhstan", "Kazakhstan", "Uzbekistan"],
        "channel" => ["training", "training", "training", "arms", "arms", "arms"],
        "partner" => ["Russia", "China", "Russland", "Russia", "Turkiye", "China"],
        "year" => [None, None, Some(2003i64), Some(2000), Some(2001), Some(2001)],
        "period_start" => [Some(1996i64), Some(2003), None, None, None, None],
        "period_end" => [Some(2012i64), Some(2012), None, None, None, None],
        "value" => [4677.0f64, 111.0, 250.0, 121.0, 3.5, 0.0],
        "value_low" => [None, Some(100.0f64), None, None, Some(3.0), None],
        "value_high" => [None, Some(120.0f64), None, None, Some(4.0), None],
        "unit" => [Some("persons"), Some("persons"), Some("persons"), none_s, none_s, none_s],
        "framework" => [Some("bilateral"), Some("bilateral"), Some("bilateral"), none_s, none_s, none_s],
        "event_id" => [none_s, none_s, none_s, none_s, Some("d-17"), none_s],
        "source" => [Some("seed"), Some("seed"), Some("seed"), none_s, none_s, none_s],
        "locator" => [Some("16126-16132"), Some("17133-17145"), Some("16055-16059"), none_s, none_s, none_s],
        "note" => [Some("cumulative, all categories"), Some("about 111"), Some("quota"), none_s, Some("a \"quoted\" note"), none_s],
    )
    .unwrap()
}

#[test]
fn csv_parquet_and_json_lines_agree() {
    let dir = tempfile::tempdir().unwrap();
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/valid/sample.csv");
    let parquet = dir.path().join("sample.parquet");
    let jsonl = dir.path().join("sample.jsonl");
    let mut frame = sample_frame();
    ParquetWriter::new(File::create(&parquet).unwrap()).finish(&mut frame).unwrap();
    JsonWriter::new(File::create(&jsonl).unwrap()).with_json_format(JsonFormat::JsonLines).finish(&mut frame).unwrap();

    let (from_csv, _) = read_file(&csv, 10).unwrap();
    let (from_parquet, _) = read_file(&parquet, 10).unwrap();
    let (from_jsonl, _) = read_file(&jsonl, 10).unwrap();
    assert_eq!(from_csv.len(), 6);
    // JSON Lines has no header line, so its line numbers are one lower than CSV's.
    let jsonl_rows: Vec<String> = (0..from_jsonl.len()).map(|i| format!("{:?} @{}", from_jsonl.row(i), from_jsonl.line(i) + 1)).collect();
    assert_eq!(rows(&from_csv), rows(&from_parquet));
    assert_eq!(rows(&from_csv), jsonl_rows);
    // Spot-check against the file by hand.
    let r = from_csv.row(1);
    assert_eq!(
        (r.partner, r.year_start, r.year_end, r.value, r.value_low, r.value_high),
        ("China", 2003, 2012, 111.0, Some(100.0), Some(120.0))
    );
    assert_eq!(from_csv.row(4).note, Some("a \"quoted\" note"));
}
