//! Attribution modes on a small hand-made exercise set, with partner values worked out by hand.
use std::collections::BTreeMap;

use multivector::data::attribution::{attribute, Attribution, Mode};
use multivector::data::frameworks::Bloc;
use multivector::data::periods::{spread_periods, SpreadRule};
use multivector::data::{load, LoadOptions};

const EXERCISES: &str = "\
subject,channel,partner,year,value,framework,event_id
K,exercises,Russia,2005,1,CSTO,E1
K,exercises,Kyrgyzstan,2005,1,CSTO,E1
K,exercises,Russia,2005,1,SCO,E2
K,exercises,China,2005,1,SCO,E2
K,exercises,Tajikistan,2005,1,SCO,E2
K,exercises,United States,2005,1,bilateral,
K,exercises,CSTO,2005,1,CSTO,E4
K,exercises,Russia,2005,1,CIS,E5
";

const FRAMEWORKS: &str = "\
framework,lead,member,from_year,to_year
CSTO,Russia,Russia,2002,
CSTO,Russia,Kyrgyzstan,2002,
CSTO,Russia,Tajikistan,2002,
CSTO,Russia,K,2002,
CSTO,Russia,Uzbekistan,2006,2012
SCO,Russia;China,China,2001,
SCO,Russia;China,Russia,2001,
SCO,Russia;China,K,2001,
CIS,Russia,Russia,1991,
CIS,Russia,K,1991,
";

fn totals(mode: Mode, split_events: bool) -> BTreeMap<String, f64> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("exercises.csv"), EXERCISES).unwrap();
    std::fs::write(dir.path().join("frameworks.csv"), FRAMEWORKS).unwrap();
    let mut data = load(&[dir.path().to_path_buf()], &LoadOptions::default()).unwrap();
    data.frameworks.blocs = vec![Bloc::led_by_state(&data.frameworks, "Russia")];
    let out = attribute(&data.observations, &data.frameworks, Attribution { mode, split_events });
    let mut sums = BTreeMap::new();
    for i in 0..out.len() {
        let r = out.row(i);
        *sums.entry(r.partner.to_string()).or_insert(0.0) += r.value;
    }
    sums
}

fn expect(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(p, v)| (p.to_string(), *v)).collect()
}

fn assert_close(got: BTreeMap<String, f64>, want: BTreeMap<String, f64>) {
    assert_eq!(got.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>(), "{got:?}");
    for (p, v) in &want {
        assert!((got[p] - v).abs() < 1e-12, "{p}: got {}, want {v}", got[p]);
    }
}

#[test]
fn framework_mode_gives_events_to_frameworks() {
    // E1 and E4 are CSTO events, E2 SCO, E5 CIS; the bilateral US row stays.
    let want = expect(&[("CSTO", 2.0), ("SCO", 1.0), ("CIS", 1.0), ("United States", 1.0)]);
    assert_close(totals(Mode::Framework, false), want.clone());
    assert_close(totals(Mode::Framework, true), want);
}

#[test]
fn lead_mode_gives_events_to_lead_states() {
    // CSTO/CIS events to Russia (E1, E4, E5 = 3), SCO split Russia/China (E2: 0.5 each).
    let want = expect(&[("Russia", 3.5), ("China", 0.5), ("United States", 1.0)]);
    assert_close(totals(Mode::Lead, false), want.clone());
    // The lead split already divides the event, so splitting changes nothing.
    assert_close(totals(Mode::Lead, true), want);
}

#[test]
fn members_mode_counts_every_co_participant() {
    // E4 names only "CSTO": expanded to its 2005 members minus K (Russia, Kyrgyzstan, Tajikistan).
    // Weight 1: Russia E1+E2+E4+E5 = 4, Kyrgyzstan E1+E4 = 2, Tajikistan E2+E4 = 2.
    assert_close(
        totals(Mode::Members, false),
        expect(&[("Russia", 4.0), ("Kyrgyzstan", 2.0), ("Tajikistan", 2.0), ("China", 1.0), ("United States", 1.0)]),
    );
    // Weight 1/(k-1): E1 halves, E2 and E4 thirds; every event totals 1, five events.
    let got = totals(Mode::Members, true);
    assert_close(
        got.clone(),
        expect(&[
            ("Russia", 0.5 + 1.0 / 3.0 + 1.0 / 3.0 + 1.0),
            ("Kyrgyzstan", 0.5 + 1.0 / 3.0),
            ("Tajikistan", 2.0 / 3.0),
            ("China", 1.0 / 3.0),
            ("United States", 1.0),
        ]),
    );
    assert!((got.values().sum::<f64>() - 5.0).abs() < 1e-12);
}

#[test]
fn russian_vector_pools_russia_csto_and_cis() {
    // Framework mode (CSTO 2, CIS 1, SCO 1, US 1), then CSTO + CIS -> "Russia".
    assert_close(totals(Mode::RussianVector, false), expect(&[("Russia", 3.0), ("SCO", 1.0), ("United States", 1.0)]));
}

#[test]
fn the_focal_vector_is_derived_from_the_frameworks_it_alone_leads() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("exercises.csv"), EXERCISES).unwrap();
    std::fs::write(dir.path().join("frameworks.csv"), FRAMEWORKS).unwrap();
    let data = load(&[dir.path().to_path_buf()], &LoadOptions::default()).unwrap();
    let bloc = Bloc::led_by_state(&data.frameworks, "Russia");
    // SCO is led by Russia and China: not part of the Russian vector.
    assert_eq!(bloc.partners, ["Russia", "CIS", "CSTO"]);
    assert_eq!(bloc.composition, ["CIS", "CSTO"]);
}

/// Sums per partner of `csv` under `mode`, with a Russian and a Western bloc.
fn bloc_totals(csv: &str, mode: Mode) -> BTreeMap<String, f64> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("exercises.csv"), csv).unwrap();
    std::fs::write(dir.path().join("frameworks.csv"), format!("{FRAMEWORKS}NATO-PfP,United States,NATO,1995,\nNATO-PfP,United States,K,1995,\nCIS,Russia,Armenia,1991,\nCIS,Russia,Belarus,1991,\nCIS,Russia,Kyrgyzstan,1991,\n")).unwrap();
    let mut data = load(&[dir.path().to_path_buf()], &LoadOptions::default()).unwrap();
    let russia = Bloc {
        name: "Russia".into(),
        partners: vec!["Russia".into(), "CSTO".into(), "CIS".into()],
        composition: vec!["CSTO".into(), "CIS".into()],
        led_by: vec!["Russia".into()],
    };
    let west = Bloc {
        name: "Western bloc".into(),
        partners: vec!["United States".into(), "NATO".into()],
        composition: vec![],
        led_by: vec!["United States".into()],
    };
    data.frameworks.blocs = vec![russia, west];
    let out = attribute(&data.observations, &data.frameworks, Attribution { mode, split_events: false });
    let mut sums = BTreeMap::new();
    for i in 0..out.len() {
        *sums.entry(out.row(i).partner.to_string()).or_insert(0.0) += out.values()[i];
    }
    sums
}

#[test]
fn blocs_count_a_post_soviet_exercise_once_for_russia_and_a_us_led_one_once_for_the_west() {
    // P1: Armenia, Belarus, Kyrgyzstan, Russia (all CIS members in 2005), no framework
    // named (as MME's mme2090); P2: Kyrgyzstan alone (a CIS member, but without Russia);
    // P3: a NATO-PfP exercise with NATO and the United States.
    let csv = "\
subject,channel,partner,year,value,framework,event_id
K,exercises,Armenia,2005,1,multilateral-other,P1
K,exercises,Belarus,2005,1,multilateral-other,P1
K,exercises,Kyrgyzstan,2005,1,multilateral-other,P1
K,exercises,Russia,2005,1,multilateral-other,P1
K,exercises,Kyrgyzstan,2005,1,bilateral,P2
K,exercises,NATO,2005,1,NATO-PfP,P3
K,exercises,United States,2005,1,NATO-PfP,P3
";
    assert_close(
        bloc_totals(csv, Mode::Framework),
        expect(&[("Armenia", 1.0), ("Belarus", 1.0), ("Kyrgyzstan", 2.0), ("NATO-PfP", 1.0), ("Russia", 1.0)]),
    );
    assert_close(bloc_totals(csv, Mode::RussianVector), expect(&[("Kyrgyzstan", 1.0), ("NATO-PfP", 1.0), ("Russia", 1.0)]));
    assert_close(bloc_totals(csv, Mode::Bloc), expect(&[("Kyrgyzstan", 1.0), ("Russia", 1.0), ("Western bloc", 1.0)]));
}

#[test]
fn period_totals_spread_uniformly_over_their_years() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    std::fs::write(&path, "subject,channel,partner,period_start,period_end,value,value_low,value_high\nK,training,Russia,1996,2012,4677,,\nK,training,China,2003,2012,111,99.9,122.1\n").unwrap();
    let data = load(&[path], &LoadOptions::default()).unwrap();
    let spread = spread_periods(&data.observations, SpreadRule::Uniform);
    assert_eq!(spread.len(), 17 + 10);
    let russia_1996 = spread.row(0);
    assert_eq!((russia_1996.year_start, russia_1996.value), (1996, 4677.0 / 17.0));
    let china = spread.row(17);
    assert_eq!(
        (china.year_start, china.value, china.value_low, china.value_high),
        (2003, 111.0 / 10.0, Some(99.9 / 10.0), Some(122.1 / 10.0))
    );
    let kept = spread_periods(&data.observations, SpreadRule::KeepPeriods);
    assert_eq!(kept.len(), 2);
}

/// (year, partner) → summed value after attribution in every mode.
fn yearly(csv: &str, mode: Mode) -> BTreeMap<(i32, String), f64> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("arms.csv"), csv).unwrap();
    let data = load(&[dir.path().to_path_buf()], &LoadOptions::default()).unwrap();
    let out = attribute(&data.observations, &data.frameworks, Attribution { mode, split_events: false });
    let mut sums = BTreeMap::new();
    for i in 0..out.len() {
        let r = out.row(i);
        *sums.entry((r.year_start, r.partner.to_string())).or_insert(0.0) += r.value;
    }
    sums
}

#[test]
fn one_deal_delivered_over_several_years_keeps_every_years_value() {
    // A SIPRI register import: one event_id per deal, one row per delivery year.
    let csv = "\
subject,channel,partner,year,value,event_id
K,arms,Russia,2000,100,sipri-1
K,arms,Russia,2001,136,sipri-1
K,arms,China,2000,20.6,sipri-2
K,arms,Russia,2000,2,sipri-3
";
    for mode in Mode::ALL {
        let got = yearly(csv, mode);
        let want: BTreeMap<(i32, String), f64> =
            [((2000, "China".to_string()), 20.6), ((2000, "Russia".to_string()), 102.0), ((2001, "Russia".to_string()), 136.0)]
                .into_iter()
                .collect();
        assert_eq!(got, want, "{mode:?}");
    }
}

#[test]
fn mme2090_counts_once_for_the_russian_vector_in_the_bundled_analysis() {
    // MME's mme2090 (2002): Armenia, Belarus, Kyrgyzstan, Russia, Tajikistan, Uzbekistan.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/kazakhstan/analysis.toml");
    let loaded = multivector::theses::Loaded::read(&path).unwrap();
    let ctx = loaded.context();
    let receivers = |mode: Mode| -> Vec<(String, f64)> {
        let spec =
            multivector::theses::criteria::Specification { attribution: mode, ..multivector::theses::main_specification(&loaded.file) };
        let rows = multivector::theses::criteria::scoped_rows(&ctx, &spec);
        let mut out: Vec<(String, f64)> = (0..rows.len())
            .filter(|&i| rows.row(i).event_id == Some("mme2090"))
            .map(|i| (rows.row(i).partner.to_string(), rows.values()[i]))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    };
    assert_eq!(receivers(Mode::RussianVector), [("Russia".to_string(), 1.0)]);
    assert_eq!(receivers(Mode::Bloc), [("Russia".to_string(), 1.0)]);
    let members: Vec<String> = receivers(Mode::Members).into_iter().map(|r| r.0).collect();
    assert_eq!(members, ["Armenia", "Belarus", "Kyrgyzstan", "Russia", "Tajikistan", "Uzbekistan"]);
}
