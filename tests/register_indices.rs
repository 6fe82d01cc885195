//! The data-update path on a real release: `import sipri-register` on SIPRI's 2025
//! register for Kazakhstan, then `indices`. Every supplier-year sum must equal the
//! register's (a deal delivered over several years keeps every year's value), and every
//! index must match a recomputation from those sums.
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

fn register() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("datasets/kazakhstan/sources/sipri/sipri_register_kazakhstan_2025-01.csv")
}

/// (year, supplier) → TIV read straight from the register (11 preamble lines, then CSV).
fn register_sums() -> BTreeMap<(i32, String), f64> {
    let text = std::fs::read_to_string(register()).unwrap();
    let body: String = text.lines().skip(11).collect::<Vec<_>>().join("\n");
    let mut sums = BTreeMap::new();
    for r in csv::Reader::from_reader(body.as_bytes()).records() {
        let r = r.unwrap();
        assert_eq!(&r[2], "Kazakhstan");
        *sums.entry((r[10].parse().unwrap(), r[1].to_string())).or_insert(0.0) += r[15].parse::<f64>().unwrap();
    }
    sums
}

#[test]
fn imported_register_gives_the_registers_sums_and_indices() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("arms.csv");
    let bin = env!("CARGO_BIN_EXE_multivector");
    let import = Command::new(bin).args(["import", "sipri-register"]).arg(register()).arg("--out").arg(&out).output().unwrap();
    assert!(import.status.success(), "{}", String::from_utf8_lossy(&import.stderr));
    let indices = Command::new(bin).arg("indices").arg(&out).args(["--format", "csv"]).output().unwrap();
    assert!(indices.status.success(), "{}", String::from_utf8_lossy(&indices.stderr));
    let sums = register_sums();
    let years: Vec<i32> = {
        let mut y: Vec<i32> = sums.keys().map(|k| k.0).collect();
        y.dedup();
        y
    };
    let mut reader = csv::Reader::from_reader(indices.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut seen = 0;
    for row in reader.records() {
        let row = row.unwrap();
        let year: i32 = row[col("year_start")].parse().unwrap();
        let x: Vec<(&String, f64)> = sums.iter().filter(|(k, v)| k.0 == year && **v > 0.0).map(|(k, v)| (&k.1, *v)).collect();
        let total: f64 = x.iter().map(|p| p.1).sum();
        let num = |name: &str| row[col(name)].parse::<f64>().unwrap();
        assert!((num("total") - total).abs() < 1e-9, "{year}: total {} vs register {total}", num("total"));
        assert_eq!(num("richness") as usize, x.len(), "{year}");
        let hhi: f64 = x.iter().map(|p| (p.1 / total).powi(2)).sum();
        assert!((num("hhi") - hhi).abs() < 1e-12, "{year}");
        assert!((num("enp") - 1.0 / hhi).abs() < 1e-9, "{year}");
        let russia = x.iter().find(|p| p.0 == "Russia").map_or(0.0, |p| p.1);
        assert!((num("focal_share") - russia / total).abs() < 1e-12, "{year}");
        seen += 1;
    }
    assert_eq!(seen, years.len());
    // The reviewer's two cases: 2000 totals 120.6, and 2001 keeps Russia's deliveries.
    let total_2000: f64 = sums.iter().filter(|(k, _)| k.0 == 2000).map(|(_, v)| v).sum();
    assert!((total_2000 - 120.6).abs() < 1e-9, "{total_2000}");
    assert!(sums.get(&(2001, "Russia".to_string())).is_some_and(|v| *v >= 136.0));
}
