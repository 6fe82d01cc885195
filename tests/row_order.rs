//! Draws depend on the data, not on the order of its rows (issue 28, defect 13): the
//! bundled case with the rows of its data files shuffled gives a byte-identical report
//! (probabilities, intervals, multiverse, calibration and its cache key).
use std::path::{Path, PathBuf};

use rand::seq::SliceRandom;
use rand::SeedableRng;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Shuffles the data rows of a CSV file (the header stays first).
fn shuffle_rows(file: &Path, seed: u64) {
    let text = std::fs::read_to_string(file).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    let before = lines.clone();
    lines.shuffle(&mut rand_chacha::ChaCha8Rng::seed_from_u64(seed));
    assert_ne!(before, lines, "{} was not shuffled", file.display());
    std::fs::write(file, format!("{header}\n{}\n", lines.join("\n"))).unwrap();
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn shuffled_rows_give_a_byte_identical_report() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("datasets/kazakhstan");
    copy_tree(&root().join("datasets/kazakhstan"), &case);
    std::fs::copy(root().join("datasets/partners.csv"), dir.path().join("datasets/partners.csv")).unwrap();
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    multivector::report::write(&case.join("analysis.toml"), &first, &|_| {}).unwrap();
    for (k, name) in ["exercises.csv", "arms.csv", "training.csv"].iter().enumerate() {
        shuffle_rows(&case.join(name), 7 + k as u64);
    }
    // The second report starts from the first one's folder: its cached calibration is
    // reused only if the shuffled rows give the same key, and every file must agree.
    copy_tree(&first, &second);
    multivector::report::write(&case.join("analysis.toml"), &second, &|_| {}).unwrap();
    let (a, b) = (files(&first), files(&second));
    assert_eq!(a.len(), b.len());
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{name} differs after shuffling the rows");
    }
}
