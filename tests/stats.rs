//! Trend, break and resampling statistics against independently computed values.
//!
//! Reference values for series A and B were computed once with independent
//! implementations (Python): pymannkendall 1.4.3 `original_test` (S, var S, z, p),
//! scipy 1.17.1 `theilslopes` (Sen's slope on the real years) and `linregress` with
//! t.ppf(0.975, n−2) (OLS CI), a numpy least-squares Chow F with `scipy.stats.f.sf`,
//! and pyhomogeneity `pettitt_test` (change point and K); Pettitt's p is checked against
//! its closed form 2·exp(−6K²/(n³+n²)) evaluated here. The generator that recomputes
//! every reference value below (with the exact package versions) is
//! tests/reference/stats_reference.py; it documents provenance and is not run by CI.
use multivector::data::observations::{Dating, Observations, RowInput};
use multivector::panel::{GroupBy, Panel, Windowing};
use multivector::stats::breaks::{chow, pettitt};
use multivector::stats::resample::{bootstrap, BootstrapSpec};
use multivector::stats::trend::{mann_kendall, ols, sen_slope, Degenerate};
use rand::{Rng, SeedableRng};

const XA: [f64; 12] = [1992., 1993., 1995., 1996., 1997., 2000., 2001., 2002., 2004., 2005., 2006., 2008.];
const YA: [f64; 12] = [3., 5., 5., 4., 7., 7., 9., 8., 8., 11., 10., 12.];

#[track_caller]
fn close(got: f64, want: f64, tol: f64) {
    assert!((got - want).abs() <= tol, "got {got}, want {want}");
}

#[test]
fn mann_kendall_with_ties_matches_pymannkendall() {
    let m = mann_kendall(&YA).unwrap();
    close(m.s, 53.0, 0.0);
    close(m.var_s, 209.66666666666666, 1e-9);
    close(m.z, 3.591192193025821, 1e-12);
    close(m.p, 0.0003291687776680874, 1e-12);
    let b = mann_kendall(&[1., 1., 2., 2., 2., 3., 1., 4., 4., 5.]).unwrap();
    close(b.s, 30.0, 0.0);
    close(b.var_s, 116.66666666666667, 1e-9);
    close(b.z, 2.6848782893403995, 1e-12);
    close(b.p, 0.007255622276777007, 1e-12);
}

#[test]
fn sen_and_ols_on_a_series_with_gaps_match_scipy() {
    close(sen_slope(&XA, &YA).unwrap(), 0.5, 1e-12);
    let o = ols(&XA, &YA).unwrap();
    close(o.slope, 0.49986512004316175, 1e-12);
    close(o.ci_low, 0.37482215084180454, 1e-9);
    close(o.ci_high, 0.6249080892445189, 1e-9);
}

#[test]
fn chow_matches_least_squares_reference() {
    let c = chow(&XA, &YA, 2000.0).unwrap();
    close(c.f, 0.035109046625333255, 1e-9);
    close(c.p, 0.9656480373881984, 1e-9);
    assert_eq!((c.df1, c.df2), (2.0, 8.0));
    assert!(chow(&XA, &YA, 1994.0).is_none(), "a segment with 2 points cannot be fitted");
}

#[test]
fn pettitt_matches_pyhomogeneity_and_the_closed_form() {
    let p = pettitt(&YA).unwrap();
    assert_eq!((p.position + 1, p.k), (6, 36.0)); // pyhomogeneity cp = 6 (1-based), U = 36
    close(p.p, 2.0 * (-6.0 * 36.0f64 * 36.0 / (12f64.powi(3) + 12f64.powi(2))).exp(), 1e-15);
    let b = pettitt(&[1., 1., 2., 2., 2., 3., 1., 4., 4., 5.]).unwrap();
    assert_eq!((b.position + 1, b.k), (7, 21.0));
}

#[test]
fn degenerate_series_say_why() {
    assert_eq!(mann_kendall(&[1.0, 2.0]), Err(Degenerate::TooFewPoints));
    assert_eq!(mann_kendall(&[4.0, 4.0, 4.0, 4.0]), Err(Degenerate::Constant));
    assert_eq!(ols(&[2000.0, 2000.0, 2000.0], &[1.0, 2.0, 3.0]), Err(Degenerate::Constant));
    let flat = ols(&[1.0, 2.0, 3.0, 4.0], &[5.0, 5.0, 5.0, 5.0]).unwrap();
    assert_eq!((flat.slope, flat.ci_low, flat.ci_high), (0.0, 0.0, 0.0));
}

/// A table of count rows: one subject and channel, given years, (partner, count).
fn counts_table(groups: &[(i32, Vec<(&str, f64)>)], events: bool) -> Observations {
    let mut obs = Observations::default();
    obs.add_file("(test)", Default::default());
    let mut event = 0;
    for (year, counts) in groups {
        for (partner, n) in counts {
            event += 1;
            let id = format!("e{event}");
            obs.push(
                RowInput {
                    subject: "K",
                    channel: "exercises",
                    partner,
                    year_start: *year,
                    year_end: *year,
                    dating: Dating::Year,
                    value: *n,
                    value_low: None,
                    value_high: None,
                    unit: None,
                    framework: None,
                    event_id: events.then_some(id.as_str()),
                    series: None,
                    kind: None,
                    source: None,
                    locator: None,
                    quote: None,
                    note: None,
                },
                1,
            );
        }
    }
    obs
}

#[test]
fn bootstrap_is_identical_with_1_and_8_threads() {
    let groups: Vec<(i32, Vec<(&str, f64)>)> = (0..12)
        .map(|y| (2000 + y, vec![("Russia", 1.0), ("China", 1.0), ("Russia", 1.0), ("United States", 1.0), ("NATO", 1.0)]))
        .collect();
    let obs = counts_table(&groups, true);
    let panel = Panel::build(&obs, GroupBy::default(), Windowing::ANNUAL);
    let spec = BootstrapSpec { replicates: 500, seed: 99, monte_carlo_bounds: true };
    let run =
        |threads| rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| bootstrap(&obs, &panel, "Russia", spec));
    let one = run(1);
    assert_eq!(one, run(8));
    assert_eq!(one[0].method, "events");
    assert!(one[0].p_focal_first > 0.5 && one[0].p_focal_first < 1.0, "{}", one[0].p_focal_first);
    // A different seed gives different draws.
    let other = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap()
        .install(|| bootstrap(&obs, &panel, "Russia", BootstrapSpec { seed: 100, ..spec }));
    assert_ne!(one, other);
}

#[test]
fn bootstrap_ci_of_hhi_covers_the_truth_at_the_nominal_rate() {
    let shares = [("A", 0.4), ("B", 0.25), ("C", 0.15), ("D", 0.12), ("E", 0.08)];
    let truth: f64 = shares.iter().map(|(_, p)| p * p).sum();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2024);
    let simulations = 400;
    let n = 400;
    // Each simulation is one year: draw n counts from the true shares.
    let groups: Vec<(i32, Vec<(&str, f64)>)> = (0..simulations)
        .map(|s| {
            let mut counts = [0.0f64; 5];
            for _ in 0..n {
                let mut u: f64 = rng.gen();
                let mut k = 0;
                while k < 4 && u >= shares[k].1 {
                    u -= shares[k].1;
                    k += 1;
                }
                counts[k] += 1.0;
            }
            // Each unit is an event of its own (value 1): resampling events is multinomial.
            let units: Vec<(&str, f64)> =
                shares.iter().zip(counts).flat_map(|((p, _), c)| std::iter::repeat_n((*p, 1.0), c as usize)).collect();
            (1000 + s, units)
        })
        .collect();
    let obs = counts_table(&groups, true);
    let panel = Panel::build(&obs, GroupBy::default(), Windowing::ANNUAL);
    let results = bootstrap(&obs, &panel, "A", BootstrapSpec { replicates: 300, seed: 7, monte_carlo_bounds: false });
    assert_eq!(results.len(), simulations as usize);
    assert!(results.iter().all(|r| r.method == "events"));
    let covered = results.iter().filter(|r| r.interval("hhi").is_some_and(|i| i.low <= truth && truth <= i.high)).count();
    let rate = covered as f64 / simulations as f64;
    assert!((0.90..=0.98).contains(&rate), "coverage {rate}");
}

#[test]
fn yearly_sums_without_events_are_not_resampled_by_units_of_value() {
    // Supplier-year TIV sums: one year's rows are no sample of independent units, so the
    // annual bootstrap draws nothing (no interval) unless values carry bounds.
    let obs = counts_table(&[(2001, vec![("Russia", 136.0), ("China", 40.0), ("Ukraine", 12.0)])], false);
    let panel = Panel::build(&obs, GroupBy::default(), Windowing::ANNUAL);
    let r = bootstrap(&obs, &panel, "Russia", BootstrapSpec { replicates: 200, seed: 1, monte_carlo_bounds: true });
    assert_eq!(r[0].method, "none");
    assert!(r[0].interval("focal_share").is_none());
}
