//! The index suite on hand-worked examples and its mathematical properties.
use multivector::metrics::diversity::hill;
use multivector::metrics::{compute, Suite};
use proptest::prelude::*;

mod common;

fn suite(entries: &[(&str, f64)], focal: &str) -> Suite {
    compute(entries, |p| p, focal)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

#[track_caller]
fn assert_close(got: Option<f64>, want: f64) {
    let got = got.expect("defined");
    assert!(close(got, want), "got {got}, want {want}");
}

#[test]
fn one_partner() {
    let s = suite(&[("Russia", 5.0)], "Russia");
    assert_eq!((s.total, s.richness), (5.0, 1));
    assert_eq!(s.hhi, Some(1.0));
    assert_eq!((s.hhi_norm, s.unctad, s.pielou), (None, None, None), "undefined for N = 1");
    assert_eq!(s.enp, Some(1.0));
    assert_eq!(s.shannon, Some(0.0));
    assert!(s.shannon.unwrap().is_sign_positive(), "N = 1 gives +0.0");
    assert_eq!((s.hill1, s.gini, s.theil, s.cr1, s.cr3), (Some(1.0), Some(0.0), Some(0.0), Some(1.0), Some(1.0)));
    assert_eq!((s.focal_share, s.focal_rank, s.dominance), (Some(1.0), Some(1), None));
    assert!(s.flags.single && !s.flags.tie && !s.flags.empty);
}

#[test]
fn two_equal_partners() {
    let s = suite(&[("B", 3.0), ("A", 3.0)], "B");
    assert_eq!(s.hhi, Some(0.5)); // 0.5² + 0.5²
    assert_eq!((s.hhi_norm, s.unctad), (Some(0.0), Some(0.0)));
    assert_eq!(s.enp, Some(2.0));
    assert_close(s.shannon, 2f64.ln());
    assert_close(s.hill1, 2.0);
    assert_close(s.pielou, 1.0);
    assert_eq!((s.gini, s.theil), (Some(0.0), Some(0.0)));
    // The focal partner B ties with A for first: it leads (rank 1 and leader agree).
    assert_eq!((s.cr1, s.cr1_partner.as_deref(), s.cr3), (Some(0.5), Some("B"), Some(1.0)));
    assert!(s.flags.tie, "A and B tie for first");
    assert_eq!((s.focal_share, s.focal_rank, s.dominance), (Some(0.5), Some(1), Some(1.0)));
}

#[test]
fn all_zero_is_empty_and_undefined() {
    let s = suite(&[("A", 0.0), ("B", 0.0)], "A");
    assert_eq!((s.total, s.richness), (0.0, 0));
    assert!(s.flags.empty);
    for name in Suite::metric_names() {
        if name != "total" && name != "richness" {
            assert_eq!(s.metric(name), None, "{name} must be undefined");
        }
    }
    assert_eq!(s.cr1_partner, None);
}

#[test]
fn tie_for_first_place() {
    // x = (2, 2, 1), X = 5: shares 0.4, 0.4, 0.2.
    let s = suite(&[("C", 1.0), ("B", 2.0), ("A", 2.0)], "C");
    assert_close(s.hhi, 0.16 + 0.16 + 0.04);
    assert_close(s.enp, 1.0 / 0.36);
    assert_close(s.hhi_norm, (0.36 - 1.0 / 3.0) / (1.0 - 1.0 / 3.0));
    assert_close(s.unctad, (0.6 - (1.0f64 / 3.0).sqrt()) / (1.0 - (1.0f64 / 3.0).sqrt()));
    let h = -(2.0 * 0.4 * 0.4f64.ln() + 0.2 * 0.2f64.ln());
    assert_close(s.shannon, h);
    assert_close(s.pielou, h / 3f64.ln());
    assert_close(s.theil, 3f64.ln() - h);
    // Σ_i Σ_j |x_i − x_j| = 4 (four ordered pairs of 2 and 1); 2 N² μ = 2 · 9 · 5/3 = 30.
    assert_close(s.gini, 4.0 / 30.0);
    assert_eq!((s.cr1, s.cr1_partner.as_deref()), (Some(0.4), Some("A")));
    assert_close(s.cr3, 1.0);
    assert!(s.flags.tie);
    // The focal partner tied for first leads: rank 1 and leader agree, and the tie is flagged.
    let tied = compute(&[("A", 2.0), ("B", 2.0), ("C", 1.0)], |p| p, "B");
    assert_eq!((tied.focal_rank, tied.cr1_partner.as_deref(), tied.flags.tie), (Some(1), Some("B"), true));
    assert_eq!((s.focal_share, s.focal_rank), (Some(0.2), Some(3)));
    assert_close(s.dominance, 0.5);
    // Tied focal partner ranks first.
    assert_eq!(suite(&[("C", 1.0), ("B", 2.0), ("A", 2.0)], "B").focal_rank, Some(1));
}

#[test]
fn one_huge_and_many_tiny() {
    let mut entries = vec![("Russia", 1e6)];
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    entries.extend(names.iter().map(|n| (*n, 1.0)));
    let s = suite(&entries, "Russia");
    let x = 1e6 + 9.0;
    let (big, tiny) = (1e6 / x, 1.0 / x);
    assert_close(s.hhi, big * big + 9.0 * tiny * tiny);
    assert_close(s.shannon, -(big * big.ln() + 9.0 * tiny * tiny.ln()));
    assert_close(s.cr1, big);
    assert_close(s.cr3, big + 2.0 * tiny);
    // Gini by the definition: 9 pairs (big, tiny) each way, |1e6 − 1| each; μ = x / 10.
    assert_close(s.gini, 18.0 * (1e6 - 1.0) / (2.0 * 100.0 * x / 10.0));
    assert_close(s.dominance, 1e6);
    assert_eq!(s.focal_rank, Some(1));
}

#[test]
fn inactive_focal_partner() {
    let s = suite(&[("A", 1.0), ("B", 3.0), ("Russia", 0.0)], "Russia");
    assert_eq!(s.richness, 2);
    assert_eq!((s.focal_share, s.focal_rank, s.dominance), (Some(0.0), Some(3), Some(0.0)));
}

#[test]
fn hill_numbers_of_known_orders() {
    let shares = [0.5, 0.3, 0.2];
    assert_eq!(hill(&shares, 0.0), 3.0);
    assert!(close(hill(&shares, 2.0), 1.0 / (0.25 + 0.09 + 0.04)));
    assert!(close(hill(&shares, f64::INFINITY), 2.0));
    let h = -(0.5 * 0.5f64.ln() + 0.3 * 0.3f64.ln() + 0.2 * 0.2f64.ln());
    assert!(close(hill(&shares, 1.0), h.exp()));
    assert_eq!(multivector::metrics::concentration::berger_parker(&shares), 0.5);
}

fn named(values: &[f64]) -> Vec<(String, f64)> {
    values.iter().enumerate().map(|(i, v)| (format!("p{i:02}"), *v)).collect()
}

fn suite_of(values: &[(String, f64)], focal: &str) -> Suite {
    let entries: Vec<(&str, f64)> = values.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    compute(&entries, |p| p, focal)
}

proptest! {
    #![proptest_config(common::seeded(300))]

    #[test]
    fn hhi_and_enp_bounds(values in proptest::collection::vec(0.001f64..1e6, 1..40)) {
        let s = suite_of(&named(&values), "p00");
        let n = values.len() as f64;
        let hhi = s.hhi.unwrap();
        prop_assert!(hhi >= 1.0 / n - 1e-12 && hhi <= 1.0 + 1e-12);
        let enp = s.enp.unwrap();
        prop_assert!(enp >= 1.0 - 1e-12 && enp <= n + 1e-9);
    }

    #[test]
    fn invariant_under_permutation(values in proptest::collection::vec(0.0f64..1e3, 1..30), seed in any::<u64>()) {
        let original = named(&values);
        let mut shuffled = original.clone();
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(suite_of(&original, "p00"), suite_of(&shuffled, "p00"));
    }

    #[test]
    fn invariant_under_scaling(values in proptest::collection::vec(0.01f64..1e3, 1..30), factor in 0.001f64..1000.0) {
        let a = suite_of(&named(&values), "p00");
        let scaled: Vec<f64> = values.iter().map(|v| v * factor).collect();
        let b = suite_of(&named(&scaled), "p00");
        for name in Suite::metric_names() {
            if name == "total" { continue; }
            match (a.metric(name), b.metric(name)) {
                (Some(x), Some(y)) => prop_assert!((x - y).abs() <= 1e-9 * x.abs().max(1.0), "{}: {} vs {}", name, x, y),
                (x, y) => prop_assert_eq!(x, y, "{}", name),
            }
        }
    }

    #[test]
    fn hill_numbers_non_increasing_in_q(values in proptest::collection::vec(0.01f64..1e3, 1..30)) {
        let total: f64 = values.iter().sum();
        let mut shares: Vec<f64> = values.iter().map(|v| v / total).collect();
        shares.sort_by(|a, b| b.partial_cmp(a).unwrap());
        let qs = [0.0, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 8.0, f64::INFINITY];
        for w in qs.windows(2) {
            prop_assert!(hill(&shares, w[1]) <= hill(&shares, w[0]) * (1.0 + 1e-10), "q {} -> {}", w[0], w[1]);
        }
    }

    #[test]
    fn shannon_is_ln_n_for_equal_shares(n in 1usize..60, value in 0.01f64..1e4) {
        let s = suite_of(&named(&vec![value; n]), "p00");
        prop_assert!((s.shannon.unwrap() - (n as f64).ln()).abs() < 1e-12);
    }
}
