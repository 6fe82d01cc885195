//! Rarefied richness (docs/METHODS.md §4.9) against an independent computation on the
//! bundled exercises, exact reference values, and iNEXT's output on its ant data.
//!
//! The exact values were computed with fractions by tests/reference/rarefaction_reference.py
//! (provenance only, not run by CI). The independent computation here reads the CSV with
//! a plain reader and evaluates C(T − Y, t) / C(T, t) through ln Γ (statrs), not the
//! product of ratios of `Incidence::rarefied`.
use std::collections::{BTreeMap, BTreeSet};

use multivector::data::load::read_file;
use multivector::metrics::rarefaction::Incidence;
use multivector::theses::richness::compare;
use statrs::function::gamma::ln_gamma;

const EXERCISES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/kazakhstan/exercises.csv");

/// ln C(n, k).
fn ln_choose(n: usize, k: usize) -> f64 {
    ln_gamma(n as f64 + 1.0) - ln_gamma(k as f64 + 1.0) - ln_gamma((n - k) as f64 + 1.0)
}

/// S(t) from incidence frequencies, through ln Γ.
fn rarefied_by_gamma(units: usize, frequencies: &[usize], t: usize) -> f64 {
    frequencies.iter().map(|&y| if units - y < t { 1.0 } else { 1.0 - (ln_choose(units - y, t) - ln_choose(units, t)).exp() }).sum()
}

/// (T, Y_k) of the exercises of `years`, each event_id a unit, each raw partner name a
/// partner, read with a plain CSV reader.
fn incidence_from_csv(years: std::ops::RangeInclusive<i32>) -> (usize, Vec<usize>) {
    let mut reader = csv::Reader::from_path(EXERCISES).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (partner, year, value, event) = (col("partner"), col("year"), col("value"), col("event_id"));
    let mut units: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in reader.records().map(Result::unwrap) {
        let in_period = row[year].parse::<i32>().is_ok_and(|y| years.contains(&y));
        if in_period && row[value].parse::<f64>().unwrap() > 0.0 && !row[event].is_empty() {
            units.entry(row[event].to_string()).or_default().insert(row[partner].to_string());
        }
    }
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for partners in units.values() {
        partners.iter().for_each(|p| *counts.entry(p.as_str()).or_insert(0) += 1);
    }
    (units.len(), counts.into_values().collect())
}

#[test]
fn bundled_exercises_rarefied_to_a_common_size_agree_with_an_independent_computation() {
    let (obs, _) = read_file(std::path::Path::new(EXERCISES), 10).unwrap();
    let r = compare(&obs, Some((1991, 2010)), &[(1991, 1999), (2000, 2006)]).unwrap();
    let (early_units, early_y) = incidence_from_csv(1991..=1999);
    let (late_units, late_y) = incidence_from_csv(2000..=2006);
    assert_eq!((r.early.units, r.late.units, r.common_units), (early_units, late_units, 16));
    assert_eq!((r.early.observed, r.late.observed), (early_y.len(), late_y.len()));
    assert_eq!((early_units, early_y.len(), late_units, late_y.len()), (16, 20, 67, 50));
    let t = r.common_units;
    let (early, late) = (r.early.rarefied.unwrap(), r.late.rarefied.unwrap());
    assert!((early - rarefied_by_gamma(early_units, &early_y, t)).abs() < 1e-9, "{early}");
    assert!((late - rarefied_by_gamma(late_units, &late_y, t)).abs() < 1e-9, "{late}");
    // Exact: 1031972893808827 / 31216330426567 (the reference script's fraction).
    assert!((late - 33.05875097127224).abs() < 1e-12, "{late}");
    assert_eq!(early, 20.0);
    // The whole 1991-1999 curve at interior sizes (exact values, reference script).
    let curve = Incidence { units: early_units, frequencies: early_y };
    for (t, want) in [(1, 4.625), (2, 7.366666666666666), (5, 11.954212454212454), (10, 16.354395604395606), (15, 19.4375)] {
        assert!((curve.rarefied(t).unwrap() - want).abs() < 1e-12, "S({t}) = {:?}", curve.rarefied(t));
    }
}

#[test]
fn too_few_common_units_give_no_rarefied_richness() {
    let (obs, _) = read_file(std::path::Path::new(EXERCISES), 10).unwrap();
    // 1995 alone holds fewer than 5 exercises.
    let r = compare(&obs, Some((1991, 2010)), &[(1995, 1995), (2000, 2006)]).unwrap();
    assert!(r.common_units < 5 && r.early.rarefied.is_none() && r.late.rarefied.is_none(), "{r:?}");
    assert!(r.note.unwrap().contains("too few sampling units"));
}

/// Incidence frequencies in iNEXT's `incidence_freq` form: T, then the Y_k.
fn inext(vector: &[usize]) -> Incidence {
    Incidence { units: vector[0], frequencies: vector[1..].to_vec() }
}

/// `rep(y, n)` of R.
fn rep(pairs: &[(usize, usize)]) -> Vec<usize> {
    pairs.iter().flat_map(|&(y, n)| std::iter::repeat_n(y, n)).collect()
}

#[test]
fn inext_ant_data_rarefaction_is_reproduced() {
    // iNEXT's data(ant) (Longino & Colwell 2011), as written in the iNEXT R source
    // (JohnsonHsieh/iNEXT, R/iNEXT.r, commit 005ec9ec): y2000 = c(200, 1, 2, 2, 3, 4, 8,
    // 8, 13, 15, 19, 23, 34, 59, 80), and h1500m. Printed by iNEXT 3.0.x,
    // iNEXT(ant, datatype = "incidence_freq")$iNextEst$size_based, q = 0, Rarefaction
    // (a recorded run in the public repository huyenanh-pham/ETC5543-VNPA,
    // analysis/understanding_iNEXT.R, commit d2da093b): h2000m t = 100: 12.811923,
    // t = 1: 1.355000; h1500m t = 100: 47.982643, t = 1: 5.850000.
    let h2000 = inext(&[200, 1, 2, 2, 3, 4, 8, 8, 13, 15, 19, 23, 34, 59, 80]);
    assert!((h2000.rarefied(100).unwrap() - 12.811923).abs() < 5e-7, "{:?}", h2000.rarefied(100));
    assert!((h2000.rarefied(1).unwrap() - 1.355).abs() < 5e-7);
    let mut h1500 = vec![200];
    h1500.extend(rep(&[(1, 13), (2, 4), (3, 2), (4, 2), (5, 4), (6, 2), (9, 4), (11, 2), (17, 2), (18, 1), (19, 1), (23, 2), (24, 1)]));
    h1500.extend(rep(&[
        (25, 3),
        (29, 1),
        (30, 1),
        (32, 1),
        (33, 1),
        (43, 1),
        (50, 1),
        (53, 1),
        (73, 1),
        (74, 1),
        (76, 1),
        (79, 1),
        (113, 1),
        (144, 1),
    ]));
    let h1500 = inext(&h1500);
    assert_eq!(h1500.observed(), 56);
    assert!((h1500.rarefied(100).unwrap() - 47.982643).abs() < 5e-7, "{:?}", h1500.rarefied(100));
    assert!((h1500.rarefied(1).unwrap() - 5.85).abs() < 5e-7);
}
