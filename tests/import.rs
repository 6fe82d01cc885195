//! Importers against the raw files they read, and `diff` on a known update.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_multivector"))
}

/// A vendored source file, under datasets/ (each folder's SOURCE.md says what it is).
fn vendored(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("datasets").join(rel)
}

fn import(args: &[&str], input: &Path, out: &Path) -> std::process::Output {
    bin().arg("import").arg(args[0]).arg(input).args(&args[1..]).arg("--out").arg(out).output().unwrap()
}

/// (subject, partner, year) -> summed value of an imported observation CSV.
fn imported(path: &Path) -> BTreeMap<(String, String, i32), f64> {
    let mut out = BTreeMap::new();
    let mut reader = csv::Reader::from_path(path).unwrap();
    for r in reader.records() {
        let r = r.unwrap();
        *out.entry((r[0].to_string(), r[2].to_string(), r[3].parse().unwrap())).or_insert(0.0) += r[4].parse::<f64>().unwrap();
    }
    out
}

#[test]
fn sipri_register_round_trip_per_recipient_supplier_and_year() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("arms.csv");
    let input = vendored("neighbours/sources/sipri/trade_register_central_asia_2025-01.csv");
    assert!(import(&["sipri-register"], &input, &out).status.success());
    // The raw file read directly: skip the 11 preamble lines, sum "TIV delivery values".
    let text = std::fs::read_to_string(&input).unwrap();
    let body: String = text.lines().skip(11).collect::<Vec<_>>().join("\n");
    let mut direct: BTreeMap<(String, String, i32), f64> = BTreeMap::new();
    for r in csv::Reader::from_reader(body.as_bytes()).records() {
        let r = r.unwrap();
        *direct.entry((r[2].to_string(), r[1].to_string(), r[10].parse().unwrap())).or_insert(0.0) += r[15].parse::<f64>().unwrap();
    }
    let got = imported(&out);
    assert_eq!(got.keys().collect::<Vec<_>>(), direct.keys().collect::<Vec<_>>());
    for (key, value) in &direct {
        // The file has at most two decimals: equal to that precision.
        assert!((got[key] - value).abs() < 1e-9, "{key:?}: {} vs {value}", got[key]);
    }
    let recipients: std::collections::BTreeSet<&String> = direct.keys().map(|k| &k.0).collect();
    assert_eq!(recipients.len(), 6);
    // --recipient keeps one.
    let one = dir.path().join("uz.csv");
    assert!(import(&["sipri-register", "--recipient", "Uzbekistan"], &input, &one).status.success());
    assert!(imported(&one).keys().all(|k| k.0 == "Uzbekistan"));
}

#[test]
fn sipri_tiv_matrix_gives_every_cell() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rus.csv");
    let input = vendored("kazakhstan/sources/sipri/TIV-Export-RUS-1950-2021.csv");
    let run = import(&["sipri-tiv"], &input, &out);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let got = imported(&out);
    let rows: Vec<csv::StringRecord> =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).from_path(&input).unwrap().records().map(|r| r.unwrap()).collect();
    let header = rows.iter().find(|r| r.len() > 2 && r[0].is_empty() && r[1].parse::<i32>().is_ok()).unwrap().clone();
    let mut cells = 0;
    for r in rows.iter().filter(|r| !r[0].is_empty() && r.len() == header.len() && r[0] != *"Total") {
        if !header.iter().skip(1).any(|h| h.parse::<i32>().is_ok()) {
            continue;
        }
        for (k, h) in header.iter().enumerate().skip(1) {
            let (Ok(year), cell) = (h.parse::<i32>(), r[k].trim()) else { continue };
            let key = (r[0].to_string(), "Russia".to_string(), year);
            match cell {
                "" => assert!(!got.contains_key(&key), "{key:?} should have no row"),
                "0" => assert_eq!(got[&key], 0.25, "{key:?}: '0' is coded 0.25"),
                v => assert_eq!(got[&key], v.parse::<f64>().unwrap(), "{key:?}"),
            }
            cells += usize::from(!cell.is_empty());
        }
    }
    assert_eq!(cells, got.len());
}

#[test]
fn a_wrong_total_in_a_tiv_matrix_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(vendored("kazakhstan/sources/sipri/TIV-Export-RUS-1950-2021.csv")).unwrap();
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let k = lines.iter().position(|l| l.starts_with("Algeria,")).unwrap();
    let mut broken = lines.clone();
    broken[k] = broken[k].replace(",12843", ",13843");
    let bad = dir.path().join("bad.csv");
    // Unix and Windows line ends give the same line.
    for line_end in ["\n", "\r\n"] {
        std::fs::write(&bad, broken.join(line_end)).unwrap();
        let run = import(&["sipri-tiv"], &bad, &dir.path().join("out.csv"));
        assert_eq!(run.status.code(), Some(2));
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(err.contains(&format!("bad.csv:{}:", k + 1)) && err.contains("Total"), "{line_end:?}: {err}");
        assert!(!dir.path().join("out.csv").exists(), "no partial output");
    }
}

#[test]
fn a_malformed_register_is_rejected_with_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(vendored("neighbours/sources/sipri/trade_register_central_asia_2025-01.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let mut fields: Vec<&str> = lines[20].split(',').collect();
    fields[10] = "20x0";
    lines[20] = fields.join(",");
    lines[30].push_str(",extra");
    let bad = dir.path().join("reg.csv");
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let run = import(&["sipri-register"], &bad, &dir.path().join("out.csv"));
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("reg.csv:21:11: error: column 'Delivery year'"), "{err}");
    assert!(err.contains("reg.csv:31: error: ragged row"), "{err}");
    // With Windows line ends and a blank line before the bad row, the lines move by one.
    lines.insert(20, String::new());
    std::fs::write(&bad, lines.join("\r\n")).unwrap();
    let err = String::from_utf8_lossy(&import(&["sipri-register"], &bad, &dir.path().join("out.csv")).stderr).into_owned();
    assert!(err.contains("reg.csv:22:11: error: column 'Delivery year'"), "{err}");
    assert!(err.contains("reg.csv:32: error: ragged row"), "{err}");
}

#[test]
fn mme_import_matches_the_bundled_mme_rows() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mme.csv");
    assert!(import(&["mme", "--subject", "Kazakhstan"], &vendored("kazakhstan/sources/mme/mme_v7_long_kazakhstan_exercises.csv"), &out)
        .status
        .success());
    let got = imported(&out);
    let mut bundled: BTreeMap<(String, String, i32), f64> = BTreeMap::new();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("datasets/kazakhstan/exercises.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (subject, partner, year, value, source) = (col("subject"), col("partner"), col("year"), col("value"), col("source"));
    for r in reader.records() {
        let r = r.unwrap();
        if &r[source] == "mme-v7" {
            *bundled.entry((r[subject].to_string(), r[partner].to_string(), r[year].parse().unwrap())).or_insert(0.0) +=
                r[value].parse::<f64>().unwrap();
        }
    }
    assert_eq!(got, bundled);
}

/// event_id -> the distinct `series` cells of an imported observation CSV.
fn imported_series(path: &Path) -> BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name} in {header:?}"));
    let (event, series) = (col("event_id"), col("series"));
    let mut out: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for r in reader.records() {
        let r = r.unwrap();
        out.entry(r[event].to_string()).or_default().insert(r[series].to_string());
    }
    out
}

#[test]
fn mme_import_writes_the_series_as_mme_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mme.csv");
    let input = vendored("kazakhstan/sources/mme/mme_v7_long_kazakhstan_exercises.csv");
    assert!(import(&["mme", "--subject", "Kazakhstan"], &input, &out).status.success());
    let header = std::fs::read_to_string(&out).unwrap().lines().next().unwrap().to_string();
    assert_eq!(header, "subject,channel,partner,year,value,value_low,value_high,unit,framework,event_id,series,kind,source,locator,note");
    let got = imported_series(&out);
    let one = |s: &str| std::collections::BTreeSet::from([s.to_string()]);
    // Values from the vendored file (Series_Name of the MMEID's rows), spelled as MME
    // spells them: mme2340 Steppe Eagle 2003, mme3285 Vzaimodeystviye (Collaboration) 2009,
    // mme3776 Vzaimodeistviye-2003, mme1978 Combined Endeavor 2001 ("CE"); mme1249 has none.
    assert_eq!(got["mme2340"], one("Steppe Eagle"));
    assert_eq!(got["mme3285"], one("Vzaimodeystviye"));
    assert_eq!(got["mme3776"], one("Vzaimodeistviye"));
    assert_eq!(got["mme1978"], one("CE"));
    assert_eq!(got["mme1249"], one(""));
    // Every exercise: its series is the Series_Name of its rows in the raw file.
    let mut raw: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    let mut reader = csv::Reader::from_path(&input).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (id, series) = (col("MMEID"), col("Series_Name"));
    for r in reader.records() {
        let r = r.unwrap();
        let name = r[series].trim();
        raw.entry(r[id].to_string()).or_default().insert(if name == "-9" { "" } else { name }.to_string());
    }
    assert_eq!(got, raw);
    assert_eq!((got.len(), got.values().filter(|s| !s.contains("")).count()), (113, 70));
    // The loader reads it back: the series column is part of the schema.
    let (obs, unknown) = multivector::data::load::read_file(&out, 10).unwrap();
    assert!(unknown.is_empty(), "{unknown:?}");
    let i = (0..obs.len()).find(|&i| obs.row(i).event_id == Some("mme2340")).unwrap();
    assert_eq!(obs.text(obs.series(i)), "Steppe Eagle");
}

#[test]
fn sipri_imports_write_no_series_column() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("arms.csv");
    let input = vendored("neighbours/sources/sipri/trade_register_central_asia_2025-01.csv");
    assert!(import(&["sipri-register"], &input, &out).status.success());
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "subject,channel,partner,year,value,value_low,value_high,unit,framework,event_id,source,locator,note"
    );
}

#[test]
fn diff_lists_an_added_year_and_a_revision_with_russias_share() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("datasets/kazakhstan/arms.csv");
    let text = std::fs::read_to_string(&bundled).unwrap();
    // The update: Russia 2010 revised 50 -> 60, and a new year 2022 (Russia 40, China 10).
    let mut updated: Vec<String> = text.lines().map(str::to_string).collect();
    let k = updated.iter().position(|l| l.starts_with("Kazakhstan,arms,Russia,2010,")).unwrap();
    updated[k] = updated[k].replacen("Russia,2010,,,50,", "Russia,2010,,,60,", 1);
    updated.push("Kazakhstan,arms,Russia,2022,,,40,,,TIV_mn,bilateral,,sipri-test,fixture,,".into());
    updated.push("Kazakhstan,arms,China,2022,,,10,,,TIV_mn,bilateral,,sipri-test,fixture,,".into());
    let new = dir.path().join("arms.csv");
    std::fs::write(&new, updated.join("\n") + "\n").unwrap();
    let out = bin().args(["diff", "--format", "json"]).arg(&bundled).arg(&new).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = json["rows"].as_array().unwrap();
    let summary: Vec<(String, String, i64)> = rows
        .iter()
        .map(|r| (r["kind"].as_str().unwrap().into(), r["partner"].as_str().unwrap().into(), r["year_start"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        summary,
        vec![("added".into(), "China".into(), 2022), ("revised".into(), "Russia".into(), 2010), ("added".into(), "Russia".into(), 2022)]
    );
    // Russia's share by hand: 2010 total in the bundled file.
    let total_2010: f64 = text.lines().filter(|l| l.contains(",2010,")).map(|l| l.split(',').nth(6).unwrap().parse::<f64>().unwrap()).sum();
    let share = |y: i64, m: &str| {
        json["indices"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["year"] == y && c["metric"] == m)
            .map(|c| (c["old"].as_f64(), c["new"].as_f64()))
    };
    assert_eq!(share(2010, "focal_share"), Some((Some(50.0 / total_2010), Some(60.0 / (total_2010 + 10.0)))));
    assert_eq!(share(2022, "focal_share"), Some((None, Some(0.8))));
    assert!(json["indices"].as_array().unwrap().iter().all(|c| c["year"] == 2010 || c["year"] == 2022));
}

/// (recipient, supplier, year) -> TIV summed straight from a raw register export.
fn register_sums(path: &Path) -> BTreeMap<(String, String, i32), f64> {
    let text = std::fs::read_to_string(path).unwrap();
    let body: String = text.lines().skip(11).collect::<Vec<_>>().join("\n");
    let mut sums = BTreeMap::new();
    for r in csv::Reader::from_reader(body.as_bytes()).records() {
        let r = r.unwrap();
        *sums.entry((r[2].to_string(), r[1].to_string(), r[10].parse().unwrap())).or_insert(0.0) += r[15].parse::<f64>().unwrap();
    }
    sums
}

#[test]
fn two_exports_of_one_release_merge_with_structural_zeros_for_the_covered_years() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("arms.csv");
    let (a, b) = (
        vendored("neighbours/sources/sipri/trade_register_central_asia_2025-01.csv"),
        vendored("kazakhstan/sources/sipri/sipri_register_kazakhstan_2025-01.csv"),
    );
    let run = bin().args(["import", "sipri-register"]).arg(&a).arg(&b).args(["--years", "2000-2023", "--out"]).arg(&out).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let mut direct = register_sums(&a);
    direct.extend(register_sums(&b));
    let got = imported(&out);
    // Every recipient's suppliers get a cell in every year 2000-2023: the register's sum, or 0.
    let pairs: std::collections::BTreeSet<(String, String)> = direct.keys().map(|k| (k.0.clone(), k.1.clone())).collect();
    assert_eq!(got.len(), pairs.len() * 24);
    for (recipient, supplier) in &pairs {
        for year in 2000..=2023 {
            let key = (recipient.clone(), supplier.clone(), year);
            let expected = direct.get(&key).copied().unwrap_or(0.0);
            assert!((got[&key] - expected).abs() < 1e-9, "{key:?}: {} vs {expected}", got[&key]);
        }
    }
    // The zeros carry no event (nothing was delivered); every delivery keeps its deal id.
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let zeros = rows.iter().filter(|r| r[9].is_empty()).count();
    assert_eq!(zeros, got.iter().filter(|(k, _)| !direct.contains_key(*k)).count());
    assert!(rows.iter().filter(|r| !r[9].is_empty()).all(|r| r[9].starts_with("sipri-")));
    assert_eq!(rows.len() - zeros, 417 + 141);
}

#[test]
fn exports_of_two_releases_a_repeated_export_and_years_outside_the_range_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let a = vendored("neighbours/sources/sipri/trade_register_central_asia_2025-01.csv");
    let older = dir.path().join("older.csv");
    let text = std::fs::read_to_string(vendored("kazakhstan/sources/sipri/sipri_register_kazakhstan_2025-01.csv")).unwrap();
    std::fs::write(&older, text.replace("Data generated: 3 Jan 2025", "Data generated: 14 Mar 2024")).unwrap();
    let out = dir.path().join("out.csv");
    let run = |files: &[&Path], extra: &[&str]| {
        bin().args(["import", "sipri-register"]).args(files).args(extra).arg("--out").arg(&out).output().unwrap()
    };
    let mixed = run(&[&a, &older], &[]);
    assert_eq!(mixed.status.code(), Some(2));
    let err = String::from_utf8_lossy(&mixed.stderr);
    assert!(err.contains("older.csv") && err.contains("14 Mar 2024") && err.contains("one SIPRI release"), "{err}");
    let twice = run(&[&a, &a], &[]);
    assert_eq!(twice.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&twice.stderr).contains("trade_register_central_asia_2025-01.csv:13:1: error"),
        "{}",
        String::from_utf8_lossy(&twice.stderr)
    );
    // The first delivery of 2000 sits on line 32.
    let narrow = run(&[&a], &["--years", "2001-2023"]);
    assert_eq!(narrow.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&narrow.stderr)
        .contains(":32:11: error: column 'Delivery year': delivery year 2000 outside --years 2001-2023"));
    for bad in ["2023-2000", "20x1-2023", "2000"] {
        assert_eq!(run(&[&a], &["--years", bad]).status.code(), Some(2), "{bad}");
    }
    assert!(!out.exists(), "no partial output");
}

/// The Kazakhstan register with fields `a` and `b` (0-based) swapped in the header and
/// every row after it, written under the original file name in a new folder `dir/sub`.
fn register_with_swapped_columns(dir: &Path, sub: &str, a: usize, b: usize, edit: impl Fn(usize, &mut Vec<String>)) -> PathBuf {
    let name = "sipri_register_kazakhstan_2025-01.csv";
    let text = std::fs::read_to_string(vendored(&format!("kazakhstan/sources/sipri/{name}"))).unwrap();
    let header = text.lines().position(|l| l.starts_with("SIPRI AT Database ID")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (i, line) in lines.iter_mut().enumerate().skip(header) {
        let mut fields: Vec<String> = line.split(',').map(str::to_string).collect();
        assert_eq!(fields.len(), 17, "line {}: {line}", i + 1);
        fields.swap(a, b);
        edit(i, &mut fields);
        *line = fields.join(",");
    }
    std::fs::create_dir(dir.join(sub)).unwrap();
    let path = dir.join(sub).join(name);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

#[test]
fn a_register_with_two_columns_swapped_imports_to_the_same_rows() {
    let dir = tempfile::tempdir().unwrap();
    let original = vendored("kazakhstan/sources/sipri/sipri_register_kazakhstan_2025-01.csv");
    let (want, got) = (dir.path().join("want.csv"), dir.path().join("got.csv"));
    assert!(import(&["sipri-register", "--years", "2000-2023"], &original, &want).status.success());
    // Supplier (column 2) and Delivery year (column 11) change places.
    let swapped = register_with_swapped_columns(dir.path(), "swapped", 1, 10, |_, _| {});
    let run = import(&["sipri-register", "--years", "2000-2023"], &swapped, &got);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    // The export's 141 delivery rows (SOURCE.md) are the rows with a deal id.
    let deliveries = csv::Reader::from_path(&got).unwrap().records().filter(|r| !r.as_ref().unwrap()[9].is_empty()).count();
    assert_eq!(deliveries, 141);
    assert_eq!(std::fs::read(&got).unwrap(), std::fs::read(&want).unwrap());

    // Errors name the column where it now is: Delivery year is column 2, the deal id column 1.
    let bad = register_with_swapped_columns(dir.path(), "bad", 1, 10, |i, f| {
        if i == 20 {
            f[1] = "20x0".into();
        }
    });
    let run = import(&["sipri-register"], &bad, &dir.path().join("out.csv"));
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("sipri_register_kazakhstan_2025-01.csv:21:2: error: column 'Delivery year': expected a delivery year"), "{err}");
    let narrow = import(&["sipri-register", "--years", "2001-2023"], &swapped, &dir.path().join("out.csv"));
    assert_eq!(narrow.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&narrow.stderr).contains(":2: error: column 'Delivery year': delivery year 2000 outside --years 2001-2023")
    );

    // A header without Supplier is refused at its line, naming the missing column.
    let text = std::fs::read_to_string(&swapped).unwrap().replacen(",Supplier,", ",Vendor,", 1);
    std::fs::write(&bad, text).unwrap();
    let run = import(&["sipri-register"], &bad, &dir.path().join("out.csv"));
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("sipri_register_kazakhstan_2025-01.csv:12: error: missing column(s) Supplier"), "{err}");
    assert!(!dir.path().join("out.csv").exists(), "no partial output");
}
