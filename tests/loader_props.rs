//! Property tests: random bytes and random mutations of a valid CSV never make the loader panic.
use std::io::Write;

use multivector::data::load::read_file;
use proptest::prelude::*;

const VALID: &str = include_str!("data/valid/sample.csv");

fn load_bytes(bytes: &[u8], extension: &str) {
    let mut file = tempfile::Builder::new().suffix(extension).tempfile().unwrap();
    file.write_all(bytes).unwrap();
    file.flush().unwrap();
    // Either outcome is fine; a panic fails the test.
    let _ = read_file(file.path(), 20);
}

/// A mutation: (position fraction, kind, byte).
fn mutate(base: &[u8], edits: &[(f64, u8, u8)]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for &(at, kind, byte) in edits {
        if bytes.is_empty() {
            bytes.push(byte);
            continue;
        }
        let i = ((at * bytes.len() as f64) as usize).min(bytes.len() - 1);
        match kind % 5 {
            0 => bytes[i] = byte,
            1 => {
                bytes.remove(i);
            }
            2 => bytes.insert(i, byte),
            3 => bytes.insert(i, [b',', b'"', b'\n', b'-', b'e'][byte as usize % 5]),
            _ => bytes.truncate(i),
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        load_bytes(&bytes, ".csv");
        load_bytes(&bytes, ".jsonl");
    }

    #[test]
    fn mutated_csv_never_panics(edits in proptest::collection::vec((0.0f64..1.0, any::<u8>(), any::<u8>()), 1..8)) {
        load_bytes(&mutate(VALID.as_bytes(), &edits), ".csv");
    }

    #[test]
    fn random_parquet_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let mut with_magic = b"PAR1".to_vec();
        with_magic.extend_from_slice(&bytes);
        with_magic.extend_from_slice(b"PAR1");
        load_bytes(&with_magic, ".parquet");
    }
}
