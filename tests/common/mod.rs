//! Shared by the integration tests: a proptest configuration with a fixed seed, and
//! running the binary in a folder. Each test crate uses some of these.
#![allow(dead_code)]
use std::path::Path;
use std::process::{Command, Output};

use proptest::test_runner::{Config, RngSeed};

/// Runs `multivector ARGS` in `dir` and returns its output.
pub fn multivector(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_multivector")).current_dir(dir).args(args).output().unwrap()
}

/// A run's standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Seed of every property test unless `PROPTEST_RNG_SEED` names another, so that CI runs
/// the same cases on every clone (a failure is reproducible) while a developer can
/// explore other cases by setting the variable.
const SEED: u64 = 20_261_202;

/// `cases` cases from the fixed seed (or from `PROPTEST_RNG_SEED`).
pub fn seeded(cases: u32) -> Config {
    let base = Config::default();
    let rng_seed = match base.rng_seed {
        RngSeed::Random => RngSeed::Fixed(SEED),
        chosen => chosen,
    };
    Config { cases, rng_seed, ..base }
}
