//! `multivector indices --format csv` (suites made while writing, pipelined output) equals
//! the table written from suites computed beforehand, whatever the thread count, and
//! quotes names that hold a comma, a quote or a line break.
use std::process::Command;

use multivector::data::load::{load, LoadOptions};
use multivector::panel::{GroupBy, Panel, Windowing};
use multivector::synth::{write_panel, SynthSpec};
use multivector::tables::{IndexTable, Suites};

fn run_indices(panel: &std::path::Path, out: &std::path::Path, threads: &str) {
    let status = Command::new(env!("CARGO_BIN_EXE_multivector"))
        .args(["indices", panel.to_str().unwrap(), "--format", "csv", "--focal", "P001", "--out", out.to_str().unwrap()])
        .env("RAYON_NUM_THREADS", threads)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn streamed_csv_equals_precomputed_table_with_1_and_4_threads() {
    let dir = tempfile::tempdir().unwrap();
    let panel_path = dir.path().join("panel.csv");
    // 150 subjects x 3 channels x 60 years: 27,000 groups, 7 blocks of rows; the file is
    // large enough for the parallel reader.
    let spec = SynthSpec { subjects: 150, partners: 120, years: 60, channels: 3, density: 0.15, seed: 11 };
    let mut bytes = Vec::new();
    write_panel(&spec, &mut bytes).unwrap();
    std::fs::write(&panel_path, &bytes).unwrap();

    let (one, four) = (dir.path().join("one.csv"), dir.path().join("four.csv"));
    run_indices(&panel_path, &one, "1");
    run_indices(&panel_path, &four, "4");
    let streamed = std::fs::read(&one).unwrap();
    assert_eq!(streamed, std::fs::read(&four).unwrap(), "thread count changed the bytes");

    // The same table from the library, with every suite computed first.
    let data =
        load(std::slice::from_ref(&panel_path), &LoadOptions { max_errors: 10, strict: false, partners: None }).unwrap().observations;
    let panel = Panel::build(&data, GroupBy::default(), Windowing::ANNUAL);
    let suites = panel.suites(&data, "P001");
    let table = IndexTable { groups: &panel.groups, suites: Suites::Computed(&suites), hhi_scale: 1.0 };
    let mut expected = Vec::new();
    table.write_csv(&mut expected).unwrap();
    assert_eq!(panel.groups.len(), 27_000);
    assert_eq!(streamed.len(), expected.len());
    assert!(streamed == expected, "streamed CSV differs from the precomputed table");
}

#[test]
fn names_with_commas_quotes_and_line_breaks_are_quoted_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let panel = dir.path().join("names.csv");
    std::fs::write(
        &panel,
        "subject,channel,partner,year,value\n\
         \"Korea, Republic of\",arms,Russia,2000,3\n\
         \"Korea, Republic of\",arms,\"A \"\"quoted\"\" one\",2000,5\n\
         \"Line\nBreak\",drills,\"Comma, Partner\",2001,2\n",
    )
    .unwrap();
    let out = dir.path().join("out.csv");
    run_indices(&panel, &out, "1");
    let text = std::fs::read_to_string(&out).unwrap();
    // RFC 4180: quotes around a cell with a comma, quote or line break; inner quotes doubled.
    assert!(text.contains("\n\"Korea, Republic of\",arms,2000,2000,8,2,"), "{text}");
    assert!(text.contains(",\"A \"\"quoted\"\" one\","), "{text}");
    assert!(text.contains("\n\"Line\nBreak\",drills,2001,2001,2,1,"), "{text}");
    let rows: Vec<csv::StringRecord> = csv::Reader::from_path(&out).unwrap().records().map(Result::unwrap).collect();
    let cell = |r: &csv::StringRecord, i| r[i].to_string();
    let read: Vec<(String, String, String)> = rows.iter().map(|r| (cell(r, 0), cell(r, 1), cell(r, 16))).collect();
    assert_eq!(
        read,
        [
            ("Korea, Republic of".into(), "arms".into(), "A \"quoted\" one".into()),
            ("Line\nBreak".into(), "drills".into(), "Comma, Partner".into())
        ]
    );
}
