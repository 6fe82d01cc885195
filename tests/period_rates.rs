//! The model of a period's rates (docs/METHODS.md §1.4) against values worked out by
//! hand and against the distributions its draws must follow: period totals as rates
//! with a shared coding error, Dirichlet-weighted year blocks, gamma-weighted events,
//! structural zeros, and draws from the prior alone.
use multivector::data::observations::{Dating, Observations, RowInput};
use multivector::theses::model::{partners_of, period_rates, ModelPrior, PeriodRates, PeriodSettings, Resampling};

/// A row: (partner, first year, last year, value, low, high, event).
type TestRow<'a> = (&'a str, i32, i32, f64, Option<f64>, Option<f64>, Option<&'a str>);

/// Rows as observations.
fn table(rows: &[TestRow<'_>]) -> Observations {
    let mut obs = Observations::default();
    obs.add_file("(test)", Default::default());
    for (k, &(partner, a, b, value, low, high, event)) in rows.iter().enumerate() {
        obs.push(
            RowInput {
                subject: "K",
                channel: "c",
                partner,
                year_start: a,
                year_end: b,
                dating: if a == b { Dating::Year } else { Dating::Period },
                value,
                value_low: low,
                value_high: high,
                unit: None,
                framework: None,
                event_id: event,
                series: None,
                kind: None,
                source: None,
                locator: None,
                quote: None,
                note: None,
            },
            k as u32 + 2,
        );
    }
    obs
}

/// Settings with a prior of `units` pseudo-units and unit size `scale`; 4000 draws.
fn settings(block_years: i32, period: u32, units: f64, scale: f64) -> PeriodSettings {
    PeriodSettings {
        draws: 4000,
        seed: 5,
        prior_seed: 5,
        channel: 0,
        period,
        prior_index: 0,
        block_years,
        prior: ModelPrior { units, total_error: 0.1 },
        unit_scale: scale,
        rarefy_to: None,
    }
}

/// A prior so weak that it moves no rate by more than about 1e-9 of its size.
const NO_PRIOR: f64 = 1e-12;

fn mean(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len() as f64
}

fn variance(x: &[f64]) -> f64 {
    let m = mean(x);
    x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (x.len() as f64 - 1.0)
}

/// 4.5 standard errors of a mean of n draws with variance v.
fn tolerance(v: f64, n: usize) -> f64 {
    4.5 * (v / n as f64).sqrt()
}

fn rates(obs: &Observations, period: (i32, i32), coverage: Option<(i32, i32)>, s: PeriodSettings) -> PeriodRates {
    period_rates(obs, &partners_of(obs), period, coverage, ("Russia", &[]), s).unwrap()
}

#[test]
fn a_period_total_is_one_measurement_with_a_coding_error_shared_by_the_periods_it_spans() {
    // Russia 170 over 1996-2012 (10 a year), US 40 over 1994-2013 within 36-44, China 20 over 2003-2012.
    let obs = table(&[
        ("Russia", 1996, 2012, 170.0, None, None, None),
        ("United States", 1994, 2013, 40.0, Some(36.0), Some(44.0), None),
        ("China", 2003, 2012, 20.0, None, None, None),
    ]);
    let early = rates(&obs, (1991, 1999), None, settings(1, 0, NO_PRIOR, 1.0));
    let late = rates(&obs, (2007, 2013), None, settings(1, 1, NO_PRIOR, 1.0));
    assert_eq!(early.resampling, Resampling::Fixed);
    assert_eq!((early.covered_years, late.covered_years), (6, 7), "1994-1999 and 2007-2013");
    assert!((early.point.focal_rate - 10.0).abs() < 1e-12);
    assert!((early.point.focal_share.unwrap() - 10.0 / 12.0).abs() < 1e-12);
    assert!((late.point.focal_share.unwrap() - 10.0 / 14.0).abs() < 1e-12);
    // Active partners per covered year: 1994-95 one, 1996-99 two -> 10/6; 2007-12 three, 2013 one -> 19/7.
    assert!((early.point.yearly_richness - 10.0 / 6.0).abs() < 1e-12);
    assert!((late.point.yearly_richness - 19.0 / 7.0).abs() < 1e-12);
    // The same total in both periods: the same coding error in every joint draw.
    for (e, l) in early.draws.iter().zip(&late.draws) {
        assert!((e.focal_rate - l.focal_rate).abs() < 1e-6, "{} vs {}", e.focal_rate, l.focal_rate);
    }
    // ln ε ~ N(0, 0.1²) without bounds: mean 0, variance 0.01.
    let logs: Vec<f64> = early.draws.iter().map(|d| (d.focal_rate / 10.0).ln()).collect();
    assert!(mean(&logs).abs() < tolerance(0.01, logs.len()), "{}", mean(&logs));
    assert!((variance(&logs) - 0.01).abs() < 0.0015, "{}", variance(&logs));
    // Bounds truncate the error: the US rate (the largest other early: China starts in
    // 2003) stays within 36/20 .. 44/20 a year.
    assert!(early.draws.iter().all(|d| d.max_other > 1.8 - 1e-6 && d.max_other < 2.2 + 1e-6));
    assert!(early.draws.iter().any(|d| (d.max_other - 2.0).abs() > 0.01));
    // The evidence says the focal rate rests on the same total in both periods.
    assert!(early.evidence.tied(&late.evidence, early.focal));
}

#[test]
fn yearly_sums_are_drawn_by_dirichlet_weighted_blocks_of_years() {
    // 1992-1999: Russia 0..7, China 5 every year; coverage from 1992.
    let rows: Vec<TestRow<'_>> = (1992..=1999)
        .flat_map(|y| [("Russia", y, y, (y - 1992) as f64, None, None, None), ("China", y, y, 5.0, None, None, None)])
        .collect();
    let obs = table(&rows);
    let p = rates(&obs, (1991, 1999), Some((1992, 2021)), settings(1, 0, NO_PRIOR, 5.0));
    assert_eq!((p.resampling, p.units, p.covered_years), (Resampling::YearBlocks, 8, 8));
    assert!((p.point.focal_rate - 3.5).abs() < 1e-12);
    assert!((p.point.focal_share.unwrap() - 3.5 / 8.5).abs() < 1e-12);
    // Active partners per year: 1992 only China, the other 7 years both -> 15/8.
    assert!((p.point.yearly_richness - 15.0 / 8.0).abs() < 1e-12);
    // Normalised weights: China's constant 5 is 5 in every draw, Russia's rate is a
    // weighted mean of 0..7 with Dirichlet(1, …, 1) weights: mean 3.5, variance
    // Σ (x − x̄)² / (n (n + 1)) = 42 / 72 (Rubin 1981).
    let max_other: Vec<f64> = p.draws.iter().map(|d| d.max_other).collect();
    assert!(max_other.iter().all(|c| (c - 5.0).abs() < 1e-6));
    let russia: Vec<f64> = p.draws.iter().map(|d| d.focal_rate).collect();
    assert!((mean(&russia) - 3.5).abs() < tolerance(42.0 / 72.0, russia.len()), "{}", mean(&russia));
    assert!((variance(&russia) - 42.0 / 72.0).abs() < 0.06, "{}", variance(&russia));
    // Blocks of 3 years: 3 units (1992-94, 1995-97, 1998-99).
    let b = rates(&obs, (1991, 1999), Some((1992, 2021)), settings(3, 0, NO_PRIOR, 5.0));
    assert_eq!(b.units, 3);
}

#[test]
fn events_carry_gamma_weights_so_their_number_is_uncertain() {
    let obs = table(&[
        ("Russia", 2000, 2000, 100.0, None, None, Some("d1")),
        ("Russia", 2001, 2001, 136.0, None, None, Some("d1")),
        ("China", 2000, 2000, 20.0, None, None, Some("d2")),
        ("China", 2002, 2002, 10.0, None, None, Some("d3")),
    ]);
    let p = rates(&obs, (2000, 2006), Some((2000, 2002)), settings(1, 0, NO_PRIOR, 1.0));
    assert_eq!((p.resampling, p.units, p.events, p.covered_years), (Resampling::Events, 3, 3, 3));
    assert!((p.point.focal_rate - 236.0 / 3.0).abs() < 1e-12);
    // Expected active partners per year: Russia 1 event, China 2 over 3 years, each read
    // as a Poisson count: (1 − e^{−1/3}) + (1 − e^{−2/3}).
    let richness = (1.0 - (-1.0f64 / 3.0).exp()) + (1.0 - (-2.0f64 / 3.0).exp());
    assert!((p.point.yearly_richness - richness).abs() < 1e-12);
    // Russia's posterior rate is 236 / (3 + 1) times the weight of d1 (the 3 covered years
    // and the prior's pseudo-year), w ~ Gamma(1, 1) = Exp(1): mean 1, variance 1,
    // P(w < 1/2) = 1 − e^{−1/2}.
    let w: Vec<f64> = p.draws.iter().map(|d| d.focal_rate / (236.0 / 4.0)).collect();
    let below = w.iter().filter(|k| **k < 0.5).count() as f64 / w.len() as f64;
    assert!((mean(&w) - 1.0).abs() < tolerance(1.0, w.len()), "{}", mean(&w));
    assert!((variance(&w) - 1.0).abs() < 0.15, "{}", variance(&w));
    assert!((below - (1.0 - (-0.5f64).exp())).abs() < tolerance(0.24, w.len()), "{below}");
}

#[test]
fn structural_zeros_mark_years_as_covered_but_are_no_units_among_events() {
    // Deals in 2001 and 2003; SIPRI's zeros for Russia and China in the other years.
    let deals = [
        ("Russia", 2001, 2001, 30.0, None, None, Some("d1")),
        ("China", 2003, 2003, 10.0, None, None, Some("d2")),
        ("Russia", 2003, 2003, 5.0, None, None, Some("d3")),
    ];
    let mut rows = deals.to_vec();
    for (partner, years) in [("Russia", [2000, 2002, 2004]), ("China", [2000, 2002, 2004])] {
        rows.extend(years.map(|y| (partner, y, y, 0.0, None, None, None)));
    }
    rows.push(("China", 2001, 2001, 0.0, None, None, None));
    let obs = table(&rows);
    let p = rates(&obs, (2000, 2004), Some((2000, 2004)), settings(1, 0, 1.0, 10.0));
    assert_eq!((p.resampling, p.units, p.covered_years), (Resampling::Events, 3, 5));
    // Rates over 5 years: Russia 35/5, China 10/5.
    assert!((p.point.focal_rate - 7.0).abs() < 1e-12);
    assert!((p.point.focal_share.unwrap() - 35.0 / 45.0).abs() < 1e-12);
    // The zeros are no units: the draws equal those of the three deals alone.
    let alone = rates(&table(&deals), (2000, 2004), Some((2000, 2004)), settings(1, 0, 1.0, 10.0));
    assert!(p.draws == alone.draws, "the zeros changed the draws");
    assert!(p.draws.iter().any(|d| (d.focal_rate - 7.0).abs() > 1e-6));
}

#[test]
fn prior_draws_spread_the_pseudo_units_over_the_partners() {
    // Two partners, a₀ = 2: each g ~ Gamma(1, 1). Prior draws: λ = m g = 3 g per partner
    // (mean 3, variance 9), active with chance 1 − e^{−g} (mean 1/2 for g ~ Exp(1)), so 1
    // expected active partner; focal first half the time.
    let obs = table(&[("Russia", 2000, 2000, 1.0, None, None, Some("a")), ("China", 2001, 2001, 1.0, None, None, Some("b"))]);
    let p = rates(&obs, (2000, 2003), Some((2000, 2003)), settings(1, 0, 2.0, 3.0));
    let focal: Vec<f64> = p.prior_draws.iter().map(|d| d.focal_rate).collect();
    assert!((mean(&focal) - 3.0).abs() < tolerance(9.0, focal.len()), "{}", mean(&focal));
    let richness: Vec<f64> = p.prior_draws.iter().map(|d| d.yearly_richness).collect();
    assert!((mean(&richness) - 1.0).abs() < tolerance(2.0 / 12.0, richness.len()), "{}", mean(&richness));
    let first = p.prior_draws.iter().filter(|d| d.focal_first).count() as f64 / focal.len() as f64;
    assert!((first - 0.5).abs() < tolerance(0.25, focal.len()), "{first}");
    // Posterior draws add the data over the 4 covered years and the prior's pseudo-year:
    // Russia's one event (weight Exp(1)) and its pseudo-unit (3 g): (w + 3 g) / 5, mean 4/5,
    // variance (1 + 9) / 25.
    let post: Vec<f64> = p.draws.iter().map(|d| d.focal_rate).collect();
    assert!((mean(&post) - 0.8).abs() < tolerance(0.4, post.len()), "{}", mean(&post));
    // The same seed and stream give the same draws.
    let again = rates(&obs, (2000, 2003), Some((2000, 2003)), settings(1, 0, 2.0, 3.0));
    assert!(again.draws == p.draws && again.prior_draws == p.prior_draws);
}

#[test]
fn posterior_pseudo_units_follow_the_draws_seed_and_prior_draws_the_prior_seed() {
    // China has no event in 2000-2003, so its posterior rate there is its pseudo-unit
    // alone: 3 g / 5. Two simulated worlds of a calibration differ in `seed` and share
    // `prior_seed`: their posterior pseudo-units must differ (else the worlds share their
    // Monte Carlo error and are not independent), their prior draws must not.
    let obs = table(&[("Russia", 2000, 2000, 1.0, None, None, Some("a")), ("China", 2005, 2005, 1.0, None, None, Some("b"))]);
    let world = |seed: u64, prior_seed: u64| {
        let s = PeriodSettings { seed, prior_seed, ..settings(1, 0, 2.0, 3.0) };
        rates(&obs, (2000, 2003), Some((2000, 2003)), s)
    };
    let china = |p: &PeriodRates| p.draws.iter().map(|d| d.max_other).collect::<Vec<f64>>();
    let (a, b) = (world(5, 5), world(6, 5));
    assert_eq!(a.prior_draws, b.prior_draws);
    let (ca, cb) = (china(&a), china(&b));
    let same = ca.iter().zip(&cb).filter(|(x, y)| x == y).count();
    assert!(same < 10, "{same} of {} draws of the pseudo-unit alone coincide", ca.len());
    // Each is 3 g / 5 with g ~ Gamma(1, 1): mean 0.6, variance 0.36.
    for c in [&ca, &cb] {
        assert!((mean(c) - 0.6).abs() < tolerance(0.36, c.len()), "{}", mean(c));
    }
    // Another prior seed moves the prior draws but not the posterior.
    let c = world(5, 7);
    assert_eq!(china(&c), ca);
    assert!(c.prior_draws != a.prior_draws);
}

#[test]
fn rarefied_richness_is_the_samples_rarefaction_and_its_draws_the_processs() {
    // Four single-partner events: Russia in three, China in one (T = 4, Y = (3, 1)), t = 2.
    // Point (without replacement): Russia 1 − C(1,2)/C(4,2) = 1, China 1 − C(3,2)/C(4,2)
    // = 1/2: 1.5. Draws: (π_R, π_C) ~ Dirichlet(3, 1) (gamma weights, no prior), and
    // E[1 − (1 − π)^2] = 1 − Π_{j<2} (β + j)/(4 + j), β = 4 − α: Russia 1 − (1·2)/(4·5) =
    // 0.9, China 1 − (3·4)/(4·5) = 0.4: mean 1.3.
    let obs = table(&[
        ("Russia", 2000, 2000, 1.0, None, None, Some("a")),
        ("Russia", 2001, 2001, 1.0, None, None, Some("b")),
        ("Russia", 2002, 2002, 1.0, None, None, Some("c")),
        ("China", 2003, 2003, 1.0, None, None, Some("d")),
    ]);
    let s = PeriodSettings { rarefy_to: Some(2), ..settings(1, 0, NO_PRIOR, 1.0) };
    let p = rates(&obs, (2000, 2003), Some((2000, 2003)), s);
    assert_eq!((p.sampling_units, p.rarefied_to), (4, Some(2)));
    assert!((p.point.rarefied_richness.unwrap() - 1.5).abs() < 1e-12, "{:?}", p.point.rarefied_richness);
    let draws: Vec<f64> = p.draws.iter().map(|d| d.rarefied_richness.unwrap()).collect();
    assert!((mean(&draws) - 1.3).abs() < tolerance(variance(&draws), draws.len()), "{}", mean(&draws));
    // Without a common size there is none.
    let q = rates(&obs, (2000, 2003), Some((2000, 2003)), settings(1, 0, NO_PRIOR, 1.0));
    assert!(q.point.rarefied_richness.is_none() && q.draws.iter().all(|d| d.rarefied_richness.is_none()));
}

#[test]
fn exercises_of_one_recurring_series_are_one_unit_of_evidence() {
    // Russia in two exercises of the series "Rubezh" (2000, 2002), China in one lone exercise.
    let mut obs = Observations::default();
    obs.add_file("(test)", Default::default());
    for (k, (partner, year, event, series)) in
        [("Russia", 2000, "r1", Some("Rubezh")), ("Russia", 2002, "r2", Some("Rubezh")), ("China", 2001, "c1", None)]
            .into_iter()
            .enumerate()
    {
        let row = RowInput {
            subject: "K",
            channel: "c",
            partner,
            year_start: year,
            year_end: year,
            dating: Dating::Year,
            value: 1.0,
            value_low: None,
            value_high: None,
            unit: None,
            framework: None,
            event_id: Some(event),
            series,
            kind: None,
            source: None,
            locator: None,
            quote: None,
            note: None,
        };
        obs.push(row, k as u32 + 2);
    }
    let p = rates(&obs, (2000, 2003), Some((2000, 2003)), settings(1, 0, NO_PRIOR, 1.0));
    // Two units (the series, the lone exercise) behind three events.
    assert_eq!((p.units, p.events), (2, 3));
    // One weight for both Rubezh exercises: Russia's rate is 2/(4 + 1) · w with w ~ Exp(1)
    // (4 covered years and the prior's pseudo-year), so rate / 0.4 has variance 1 (two
    // independent weights would give 1/2).
    let w: Vec<f64> = p.draws.iter().map(|d| d.focal_rate / 0.4).collect();
    assert!((mean(&w) - 1.0).abs() < tolerance(1.0, w.len()), "{}", mean(&w));
    assert!((variance(&w) - 1.0).abs() < 0.15, "{}", variance(&w));
    // Activity still counts events: Russia 2 events in 4 years, China 1.
    let richness = (1.0 - (-0.5f64).exp()) + (1.0 - (-0.25f64).exp());
    assert!((p.point.yearly_richness - richness).abs() < 1e-12);
}
