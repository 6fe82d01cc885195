//! Criterion benchmark: 10,000 bootstrap replicates of the full index suite for every
//! year and channel of the bundled Kazakhstan data (framework attribution).
use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use multivector::data::attribution::{Attribution, Mode};
use multivector::data::periods::SpreadRule;
use multivector::data::prepare::prepare;
use multivector::data::{load, LoadOptions};
use multivector::panel::{GroupBy, Panel, Windowing};
use multivector::stats::resample::{bootstrap, BootstrapSpec};

fn bench(c: &mut Criterion) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("datasets/kazakhstan");
    let data = load(&[dir], &LoadOptions::default()).unwrap();
    let rows =
        prepare(data.observations, &data.frameworks, Attribution { mode: Mode::Framework, split_events: false }, SpreadRule::Uniform);
    let panel = Panel::build(&rows, GroupBy::default(), Windowing::ANNUAL);
    let spec = BootstrapSpec { replicates: 10_000, seed: 1, monte_carlo_bounds: true };
    let mut group = c.benchmark_group("bootstrap");
    group.sample_size(10);
    group.bench_function(format!("10k replicates x {} groups", panel.groups.len()), |b| {
        b.iter(|| black_box(bootstrap(&rows, &panel, "Russia", spec)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
