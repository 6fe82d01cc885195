//! Criterion benchmark: the panel engine and index suite on an in-memory synthetic panel.
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use multivector::data::load::read_file;
use multivector::panel::{GroupBy, Panel, Windowing};
use multivector::synth::{write_panel, SynthSpec};

fn bench(c: &mut Criterion) {
    let spec = SynthSpec { subjects: 200, partners: 120, years: 60, channels: 3, density: 0.15, seed: 1 };
    let dir = std::env::temp_dir().join("multivector-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("panel.csv");
    let mut bytes = Vec::new();
    write_panel(&spec, &mut bytes).unwrap();
    std::fs::write(&path, &bytes).unwrap();

    let mut group = c.benchmark_group("indices");
    group.sample_size(10);
    group.bench_function("load 650k-row csv", |b| b.iter(|| black_box(read_file(&path, 10).unwrap())));
    let (obs, _) = read_file(&path, 10).unwrap();
    group.bench_function("panel annual", |b| b.iter(|| black_box(Panel::build(&obs, GroupBy::default(), Windowing::ANNUAL))));
    let panel = Panel::build(&obs, GroupBy::default(), Windowing::ANNUAL);
    group.bench_function("suites 36k groups", |b| b.iter(|| black_box(panel.suites(&obs, "P001"))));
    group.bench_function("panel rolling 5", |b| {
        b.iter(|| black_box(Panel::build(&obs, GroupBy::default(), Windowing::Rolling { size: 5 })))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
