//! The parallel CSV fast path reads exactly what the exact reader reads, and falls back on doubt.
use multivector::data::csv_source::read_csv;
use multivector::data::issue::IssueLog;
use multivector::data::load::read_file;
use multivector::data::Observations;
use multivector::synth::{write_panel, SynthSpec};
use multivector::Error;

fn big_panel() -> Vec<u8> {
    let spec = SynthSpec { subjects: 120, partners: 120, years: 60, channels: 3, density: 0.15, seed: 7 };
    let mut bytes = Vec::new();
    write_panel(&spec, &mut bytes).unwrap();
    assert!(bytes.len() as u64 > multivector::data::fast_csv::MIN_BYTES, "large enough for the fast path");
    bytes
}

fn rows(obs: &Observations) -> Vec<String> {
    (0..obs.len()).map(|i| format!("{:?} @{}", obs.row(i), obs.line(i))).collect()
}

#[test]
fn fast_path_equals_exact_reader() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.csv");
    std::fs::write(&path, big_panel()).unwrap();
    let fast = multivector::data::fast_csv::try_read(path.to_str().unwrap()).unwrap().expect("eligible").0;
    let mut exact = Observations::default();
    let mut log = IssueLog::new(10);
    read_csv(path.to_str().unwrap(), &mut exact, &mut log).unwrap();
    assert!(log.is_empty());
    assert_eq!(fast.len(), exact.len());
    assert_eq!(rows(&fast), rows(&exact));
}

#[test]
fn a_bad_row_in_a_large_file_is_reported_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.csv");
    let text = String::from_utf8(big_panel()).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let bad = 200_001; // 1-based line number, header = 1
    lines[bad - 1] = "S0001,c1,P001,1999,-5";
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    match read_file(&path, 10) {
        Err(Error::Input(issues)) => {
            assert_eq!(issues.len(), 1);
            assert_eq!(issues[0].line, Some(bad as u64));
            assert_eq!(issues[0].column.as_deref(), Some("value"));
        }
        other => panic!("expected an input error, got {:?}", other.map(|(o, _)| o.len())),
    }
}

#[test]
fn quotes_send_a_large_file_to_the_exact_reader_with_the_same_result() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.csv");
    let quoted = dir.path().join("quoted.csv");
    let bytes = big_panel();
    std::fs::write(&plain, &bytes).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let (a, _) = read_file(&plain, 10).unwrap();
    // A quote in the first row, in the last row (another chunk) and in the header.
    let last_row = text[..text.len() - 1].rfind('\n').unwrap() + 1;
    let (head, tail) = text.split_at(last_row);
    let variants = [
        text.replacen("S0001,", "\"S0001\",", 1),
        {
            let (first_field, rest) = tail.split_once(',').unwrap();
            format!("{head}\"{first_field}\",{rest}")
        },
        text.replacen("subject,", "\"subject\",", 1),
    ];
    for quoted_text in variants {
        assert!(quoted_text.contains('"'));
        std::fs::write(&quoted, &quoted_text).unwrap();
        assert!(multivector::data::fast_csv::try_read(quoted.to_str().unwrap()).unwrap().is_none());
        let (b, _) = read_file(&quoted, 10).unwrap();
        assert_eq!(rows(&a), rows(&b));
    }
}

#[test]
fn lines_stay_exact_when_a_file_follows_a_fast_read_one() {
    // The fast path stores no line numbers (row i is on line i + 2); appending a second
    // file must write them out and keep both files' lines and names right.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("a_big.csv");
    let small = dir.path().join("b_small.csv");
    let bytes = big_panel();
    let big_rows = bytes.iter().filter(|&&b| b == b'\n').count() - 1;
    std::fs::write(&big, &bytes).unwrap();
    std::fs::write(&small, "subject,channel,partner,year,value\n\nS9,c1,P001,2000,1\nS9,c1,P002,2001,2\n").unwrap();
    let options = multivector::data::load::LoadOptions { max_errors: 10, strict: false, partners: None };
    let obs = multivector::data::load::load(&[dir.path().to_path_buf()], &options).unwrap().observations;
    assert_eq!(obs.len(), big_rows + 2);
    for i in [0, 1, big_rows / 2, big_rows - 1] {
        assert_eq!(obs.line(i), i as u32 + 2);
        assert!(obs.location(i).ends_with(&format!("a_big.csv:{}", i + 2)), "{}", obs.location(i));
    }
    // The small file has a blank line 2: its rows are on lines 3 and 4.
    assert!(obs.location(big_rows).ends_with("b_small.csv:3"), "{}", obs.location(big_rows));
    assert!(obs.location(big_rows + 1).ends_with("b_small.csv:4"), "{}", obs.location(big_rows + 1));
}
