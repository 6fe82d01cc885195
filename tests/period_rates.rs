//! Periods as average yearly rates over the units of evidence, against values worked out
//! by hand: period totals as rates over their spans, year blocks, multi-year events.
use multivector::data::observations::{Dating, Observations, RowInput};
use multivector::stats::period_rates::{difference, expanded_tail, period_rates, PeriodSettings, Resampling};

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

fn settings(block_years: i32) -> PeriodSettings {
    PeriodSettings { replicates: 200, seed: 5, stream: 0, block_years, alpha: 0.05 }
}

#[test]
fn period_totals_enter_as_yearly_rates_and_uncovered_years_are_not_zero() {
    // Russia 170 over 1996-2012 (10 a year), US 40 over 1994-2013 (2), China 20 over 2003-2012 (2).
    let obs = table(&[
        ("Russia", 1996, 2012, 170.0, None, None, None),
        ("United States", 1994, 2013, 40.0, None, None, None),
        ("China", 2003, 2012, 20.0, None, None, None),
    ]);
    let all: Vec<usize> = (0..obs.len()).collect();
    let early = period_rates(&obs, &all, (1991, 1999), None, "Russia", settings(1)).unwrap();
    let late = period_rates(&obs, &all, (2007, 2013), None, "Russia", settings(1)).unwrap();
    assert_eq!(early.resampling, Resampling::Fixed);
    assert_eq!((early.covered_years, late.covered_years), (6, 7), "1994-1999 and 2007-2013");
    assert!((early.point.focal_rate - 10.0).abs() < 1e-12);
    assert!((early.point.focal_share.unwrap() - 10.0 / 12.0).abs() < 1e-12);
    assert!((late.point.focal_share.unwrap() - 10.0 / 14.0).abs() < 1e-12);
    // Active partners per covered year: 1994-95 one, 1996-99 two -> 10/6; 2007-12 three, 2013 one -> 19/7.
    assert!((early.point.yearly_richness - 10.0 / 6.0).abs() < 1e-12);
    assert!((late.point.yearly_richness - 19.0 / 7.0).abs() < 1e-12);
    // One total spanning both periods cannot show a change: the difference is exactly 0.
    let (diff, ci) = difference(&early, &late, |d| Some(d.focal_rate)).unwrap();
    let ci = ci.unwrap();
    assert_eq!((diff, ci.low, ci.high), (0.0, 0.0, 0.0));
}

#[test]
fn yearly_sums_are_resampled_by_blocks_of_years() {
    // 1992-1999: Russia 0..7, China 5 every year; coverage from 1992.
    let rows: Vec<TestRow<'_>> = (1992..=1999)
        .flat_map(|y| [("Russia", y, y, (y - 1992) as f64, None, None, None), ("China", y, y, 5.0, None, None, None)])
        .collect();
    let obs = table(&rows);
    let all: Vec<usize> = (0..obs.len()).collect();
    let p = period_rates(&obs, &all, (1991, 1999), Some((1992, 2021)), "Russia", settings(1)).unwrap();
    assert_eq!((p.resampling, p.units, p.covered_years), (Resampling::YearBlocks, 8, 8));
    assert!((p.point.focal_rate - 3.5).abs() < 1e-12);
    assert!((p.point.focal_share.unwrap() - 3.5 / 8.5).abs() < 1e-12);
    // 1992: only China active; the other 7 years both -> 15/8.
    assert!((p.point.yearly_richness - 15.0 / 8.0).abs() < 1e-12);
    // China's constant 5 makes every replicate's China rate 5: P(Russia first) is the share
    // of replicates whose mean of 8 drawn years of 0..7 is >= 5.
    let first = p.p_focal_first().unwrap();
    assert!(first > 0.0 && first < 0.2, "{first}");
    // Blocks of 3 years: 3 units (1992-94, 1995-97, 1998-99).
    let b = period_rates(&obs, &all, (1991, 1999), Some((1992, 2021)), "Russia", settings(3)).unwrap();
    assert_eq!(b.units, 3);
    // The expanded tail for 8 units: Phi(-sqrt(8/7) t_{7,0.975}) = Phi(-2.528...) ~ 0.0057.
    let tail = expanded_tail(0.05, Some(8), 7);
    assert!((tail - 0.00573).abs() < 2e-4, "{tail}");
    assert_eq!(expanded_tail(0.05, None, 0), 0.025);
}

#[test]
fn a_multi_year_event_is_one_unit_with_a_value_in_each_year() {
    let obs = table(&[
        ("Russia", 2000, 2000, 100.0, None, None, Some("d1")),
        ("Russia", 2001, 2001, 136.0, None, None, Some("d1")),
        ("China", 2000, 2000, 20.0, None, None, Some("d2")),
        ("China", 2002, 2002, 10.0, None, None, Some("d3")),
    ]);
    let all: Vec<usize> = (0..obs.len()).collect();
    let p = period_rates(&obs, &all, (2000, 2006), Some((2000, 2002)), "Russia", settings(1)).unwrap();
    assert_eq!((p.resampling, p.units, p.covered_years), (Resampling::Events, 3, 3));
    assert!((p.point.focal_rate - 236.0 / 3.0).abs() < 1e-12);
    // 2000: both, 2001: Russia, 2002: China -> 4/3 active partners per year.
    assert!((p.point.yearly_richness - 4.0 / 3.0).abs() < 1e-12);
    // Poisson bootstrap: Russia's rate is 236/3 times the number of times d1 was drawn,
    // k ~ Poisson(1): a whole number, 0 with probability e^-1, mean and variance 1.
    let ks: Vec<f64> = p.draws.iter().map(|d| d.focal_rate / (236.0 / 3.0)).collect();
    assert!(ks.iter().all(|k| (k - k.round()).abs() < 1e-9), "{ks:?}");
    let n = ks.len() as f64;
    let zero = ks.iter().filter(|k| **k < 0.5).count() as f64 / n;
    let mean = ks.iter().sum::<f64>() / n;
    let var = ks.iter().map(|k| (k - mean).powi(2)).sum::<f64>() / (n - 1.0);
    // Tolerances of about 4 standard errors for n replicates.
    let se = |v: f64| 4.0 * (v / n).sqrt();
    assert!((zero - (-1.0f64).exp()).abs() < se(0.2325), "{zero}");
    assert!((mean - 1.0).abs() < se(1.0), "{mean}");
    assert!((var - 1.0).abs() < se(3.0), "{var}");
}

#[test]
fn structural_zeros_mark_years_as_covered_but_are_no_units_among_events() {
    // Deals in 2001 and 2003; SIPRI's zeros for Russia and China in the other years of
    // 2000-2004 (no event: nothing was delivered).
    let mut rows = vec![
        ("Russia", 2001, 2001, 30.0, None, None, Some("d1")),
        ("China", 2003, 2003, 10.0, None, None, Some("d2")),
        ("Russia", 2003, 2003, 5.0, None, None, Some("d3")),
    ];
    for (partner, years) in [("Russia", [2000, 2002, 2004]), ("China", [2000, 2002, 2004])] {
        rows.extend(years.map(|y| (partner, y, y, 0.0, None, None, None)));
    }
    rows.push(("China", 2001, 2001, 0.0, None, None, None));
    let obs = table(&rows);
    let all: Vec<usize> = (0..obs.len()).collect();
    // Coverage 2000-2004 comes from the zeros: five covered years.
    let p = period_rates(&obs, &all, (2000, 2004), Some((2000, 2004)), "Russia", settings(1)).unwrap();
    assert_eq!((p.resampling, p.units, p.covered_years), (Resampling::Events, 3, 5));
    // Rates over 5 years: Russia 35/5, China 10/5; richness (1 + 2) / 5.
    assert!((p.point.focal_rate - 7.0).abs() < 1e-12);
    assert!((p.point.focal_share.unwrap() - 35.0 / 45.0).abs() < 1e-12);
    assert!((p.point.yearly_richness - 3.0 / 5.0).abs() < 1e-12);
    // The zeros are no units: every replicate is the one drawn from the three deals alone
    // with the same coverage (as units, the zeros would take Poisson draws of their own
    // and change every replicate, and widen the interval through n = 10).
    let deals: Vec<usize> = (0..obs.len()).filter(|&i| obs.values()[i] > 0.0).collect();
    let alone = period_rates(&obs, &deals, (2000, 2004), Some((2000, 2004)), "Russia", settings(1)).unwrap();
    assert_eq!(p.draws.len(), 200);
    assert!(p.draws == alone.draws, "the zeros changed the replicates");
    assert_eq!(p.interval(|d| d.focal_share), alone.interval(|d| d.focal_share));
    // And the draws vary: Russia's volume is 30 k1 + 5 k3 with k ~ Poisson(1).
    assert!(p.draws.iter().any(|d| (d.focal_rate * 5.0 - 35.0).abs() > 1e-9));
    for d in &p.draws {
        let v = d.focal_rate * 5.0;
        assert!((0..12).any(|k1| (0..12).any(|k3| (30.0 * k1 as f64 + 5.0 * k3 as f64 - v).abs() < 1e-9)), "{v}");
    }
}
