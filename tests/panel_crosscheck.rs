//! Cross-check: the panel engine against a straightforward per-group reference on a random panel.
use std::collections::BTreeMap;

use multivector::data::load::read_file;
use multivector::panel::{GroupBy, Panel, Windowing};
use multivector::synth::{write_panel, SynthSpec};

/// A reference implementation written from the definitions, group by group.
fn reference(values: &BTreeMap<String, f64>, focal: &str) -> BTreeMap<&'static str, Option<f64>> {
    let active: Vec<(&String, f64)> = values.iter().filter(|(_, v)| **v > 0.0).map(|(p, v)| (p, *v)).collect();
    let x: f64 = active.iter().map(|(_, v)| v).sum();
    let n = active.len() as f64;
    let mut out = BTreeMap::new();
    out.insert("total", Some(values.values().sum::<f64>()));
    out.insert("richness", Some(n));
    if x == 0.0 {
        return out;
    }
    let s: Vec<f64> = active.iter().map(|(_, v)| v / x).collect();
    let hhi: f64 = s.iter().map(|v| v * v).sum();
    let h: f64 = -s.iter().map(|v| v * v.ln()).sum::<f64>();
    let mut sorted = s.clone();
    sorted.sort_by(|a, b| b.partial_cmp(a).unwrap());
    let mu = x / n;
    let mut pair_sum = 0.0;
    for (_, a) in &active {
        for (_, b) in &active {
            pair_sum += (a - b).abs();
        }
    }
    let focal_share = active.iter().find(|(p, _)| p.as_str() == focal).map_or(0.0, |(_, v)| v / x);
    let other = active
        .iter()
        .filter(|(p, _)| p.as_str() != focal)
        .map(|(_, v)| v / x)
        .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))));
    let multi = n > 1.0;
    out.insert("hhi", Some(hhi));
    out.insert("hhi_norm", multi.then(|| (hhi - 1.0 / n) / (1.0 - 1.0 / n)));
    out.insert("unctad", multi.then(|| (hhi.sqrt() - (1.0 / n).sqrt()) / (1.0 - (1.0 / n).sqrt())));
    out.insert("enp", Some(1.0 / hhi));
    out.insert("shannon", Some(h));
    out.insert("hill1", Some(h.exp()));
    out.insert("pielou", multi.then(|| h / n.ln()));
    out.insert("gini", Some(pair_sum / (2.0 * n * n * mu)));
    out.insert("theil", Some(n.ln() - h));
    out.insert("cr1", Some(sorted[0]));
    out.insert("cr3", Some(sorted.iter().take(3).sum()));
    out.insert("focal_share", Some(focal_share));
    out.insert(
        "focal_rank",
        Some(
            1.0 + s.iter().filter(|v| **v > focal_share).count() as f64
                + if focal_share == 0.0 { n - s.iter().filter(|v| **v > 0.0).count() as f64 } else { 0.0 },
        ),
    );
    out.insert("dominance", other.map(|o| focal_share / o));
    out
}

/// Indices near 0 built from differences (theil, hhi_norm, …) are compared absolutely.
fn agree(name: &str, got: Option<f64>, want: Option<f64>) -> bool {
    match (got, want) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            let scale = a.abs().max(b.abs());
            (a - b).abs() <= 1e-12 * scale || (a - b).abs() <= 1e-12 && matches!(name, "theil" | "hhi_norm" | "unctad" | "gini" | "pielou")
        }
        _ => false,
    }
}

fn rows_of(csv: &str) -> Vec<(String, String, String, i32, f64)> {
    csv.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].into(), f[1].into(), f[2].into(), f[3].parse().unwrap(), f[4].parse().unwrap())
        })
        .collect()
}

fn check(windowing: Windowing, windows_of: impl Fn(i32) -> Vec<(i32, i32)>) -> usize {
    let spec = SynthSpec { subjects: 60, partners: 25, years: 20, channels: 3, density: 0.3, seed: 42 };
    let mut bytes = Vec::new();
    write_panel(&spec, &mut bytes).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("panel.csv");
    std::fs::write(&path, &bytes).unwrap();
    let (obs, _) = read_file(&path, 10).unwrap();
    let panel = Panel::build(&obs, GroupBy::default(), windowing);
    let focal = "P001";
    let suites = panel.suites(&obs, focal);

    // Reference grouping, independent of the library's loader.
    let mut groups: BTreeMap<(String, String, i32, i32), BTreeMap<String, f64>> = BTreeMap::new();
    for (subject, channel, partner, year, value) in rows_of(std::str::from_utf8(&bytes).unwrap()) {
        for (a, b) in windows_of(year) {
            *groups.entry((subject.clone(), channel.clone(), a, b)).or_default().entry(partner.clone()).or_insert(0.0) += value;
        }
    }
    assert_eq!(panel.groups.len(), groups.len());
    for (g, ((subject, channel, a, b), values)) in groups.iter().enumerate() {
        let group = &panel.groups[g];
        assert_eq!((&*group.subject, &*group.channel, group.year_start, group.year_end), (subject.as_str(), channel.as_str(), *a, *b));
        let want = reference(values, focal);
        for (name, expected) in &want {
            let got = suites[g].metric(name);
            assert!(agree(name, got, *expected), "{subject}/{channel}/{a}: {name} got {got:?} want {expected:?}");
        }
    }
    groups.len()
}

#[test]
fn annual_suite_matches_reference_on_thousands_of_groups() {
    let n = check(Windowing::ANNUAL, |y| vec![(y, y)]);
    assert!(n >= 3000, "{n} groups");
}

#[test]
fn three_year_blocks_match_reference() {
    // Anchor = earliest year (1960): blocks 1960-1962, 1963-1965, ...
    check(Windowing::Blocks { size: 3, anchor: None }, |y| {
        let start = 1960 + (y - 1960).div_euclid(3) * 3;
        vec![(start, start + 2)]
    });
}

#[test]
fn rolling_windows_match_reference() {
    // Every subject-channel covers 1960-1979; full 4-year windows start 1960..=1976.
    check(Windowing::Rolling { size: 4 }, |y| ((y - 3).max(1960)..=y.min(1976)).map(|s| (s, s + 3)).collect());
}
