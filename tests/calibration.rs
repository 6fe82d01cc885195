//! The calibration on simulated worlds of known truth (docs/METHODS.md §1.5): clear
//! theses are called (P >= 0.9) where planted, never the other thesis, and no thesis is
//! called where none is planted more often than a calibrated probability allows.
use std::fmt::Write as _;
use std::path::PathBuf;

use multivector::theses::calibrate::{Calibration, Truth};
use multivector::theses::probability::Call;
use multivector::theses::Loaded;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Where an interval lies against a threshold, re-implemented from the method text.
/// Asserts the acceptance rates of the calibration: clear worlds called (overall, and per
/// channel in `recovers`, truth by truth), no cross errors in any channel, and D4 rarely
/// supported on a flat volume. Where no thesis is planted, the truths sit at or beyond
/// the claims' boundaries (a flat scope, a flat volume): a calibrated probability
/// reaches 0.9 there in at most about 10 % of worlds, so a thesis may be called in at
/// most 16 % of 100 worlds (the binomial 95 % upper bound of 10 %).
fn check_rates(c: &Calibration, channels: &[&str], recovers: &[(Truth, &[&str])], t2_overall: bool) {
    let mut report = String::new();
    for t in &c.truths {
        let _ = writeln!(report, "{:?}: overall {:?}; channels {:?}; D4 {:?}", t.truth, t.overall, t.channels, t.d4_supported);
    }
    let n = c.worlds_per_truth as f64;
    for t in &c.truths {
        let share = |x: usize| x as f64 / n;
        match t.truth {
            Truth::T1 | Truth::T2 => {
                let want = t.truth.expected().unwrap();
                let other = if want == Call::T1 { Call::T2 } else { Call::T1 };
                if want == Call::T1 || t2_overall {
                    assert!(share(t.overall_count(want)) >= 0.9, "{:?} recovered overall: {report}", t.truth);
                }
                for ch in channels {
                    assert!(share(t.channel_count(ch, other)) <= 0.05, "{ch} cross error under {:?}: {report}", t.truth);
                }
                for ch in recovers.iter().filter(|r| r.0 == t.truth).flat_map(|r| r.1.iter()) {
                    assert!(share(t.channel_count(ch, want)) >= 0.9, "{ch} recovers {:?}: {report}", t.truth);
                }
            }
            Truth::NoBroadening | Truth::Receding | Truth::FlatTotals | Truth::StrongestFlat => {
                let thesis = t.overall_count(Call::T1) + t.overall_count(Call::T2);
                assert!(share(thesis) <= 0.16, "{:?}: a thesis called: {report}", t.truth);
            }
        }
        if matches!(t.truth, Truth::StrongestFlat | Truth::FlatTotals) {
            for (ch, d4) in &t.d4_supported {
                assert!(share(*d4) <= 0.05, "{ch}: D4 supported on a flat volume: {report}");
            }
        }
    }
}

#[test]
fn calibration_on_worlds_shaped_like_the_bundled_data() {
    let loaded = Loaded::read(&root().join("datasets/kazakhstan/analysis.toml")).unwrap();
    let c = loaded.calibrate(Some(100));
    assert_eq!(c.truths.len(), Truth::ALL.len());
    // Training holds only period totals (Russia's spans every period): it cannot inform
    // deepening or a narrowing lead, so the overall pool decides D4 on arms and exercises
    // alone, and training itself can reach neither thesis at P >= 0.9 (C7 and D4 stay at
    // their priors there).
    check_rates(&c, &["arms", "exercises", "training"], &[(Truth::T1, &["arms"]), (Truth::T2, &["arms", "exercises"])], true);
    // Weaker theses: never the other thesis overall, found more often as they get
    // stronger (allowing noise of 100 worlds), and never more often than the clear one.
    assert_eq!(c.power.len(), 2 * multivector::theses::power::STRENGTHS.len());
    for p in &c.power {
        assert!(p.crossed as f64 <= 0.05 * p.worlds as f64, "{p:?}");
        let clear = c.truths.iter().find(|t| t.truth == p.truth).unwrap();
        assert!(p.recovered <= clear.overall_count(p.truth.expected().unwrap()) + 5, "{p:?}");
    }
    let t2: Vec<usize> = c.power.iter().filter(|p| p.truth == Truth::T2).map(|p| p.recovered).collect();
    assert!(t2.windows(2).all(|w| w[0] <= w[1] + 5), "{t2:?}");
    // Same seed, same numbers.
    assert_eq!(c, loaded.calibrate(Some(100)));
}

#[test]
fn calibration_holds_under_every_attribution_mode() {
    let mut loaded = Loaded::read(&root().join("datasets/kazakhstan/analysis.toml")).unwrap();
    for mode in multivector::data::attribution::Mode::ALL {
        loaded.file.attribution.mode = mode;
        let c = loaded.calibrate(Some(60));
        check_rates(&c, &["arms", "exercises", "training"], &[(Truth::T1, &["arms"]), (Truth::T2, &["arms", "exercises"])], true);
    }
}

const NAMES: [&str; 12] =
    ["China", "Turkey", "India", "Germany", "France", "Israel", "Ukraine", "Belarus", "Spain", "Italy", "Canada", "Poland"];

#[test]
fn calibration_on_worlds_of_another_shape() {
    // 30 years, busy event channel and a yearly-sum channel, two breaks elsewhere.
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("subject,channel,partner,year,value,event_id\n");
    for year in 1991..=2020 {
        for e in 0..25 {
            let _ = writeln!(csv, "X,drills,Russia,{year},1,d{year}-{e}");
            let _ = writeln!(csv, "X,drills,{},{year},1,d{year}-{e}", NAMES[e % 12]);
        }
        for (s, name) in NAMES.iter().enumerate().take(10) {
            let _ = writeln!(csv, "X,sales,{name},{year},{},", 10 + s);
        }
        let _ = writeln!(csv, "X,sales,Russia,{year},50,");
    }
    std::fs::write(dir.path().join("data.csv"), csv).unwrap();
    let analysis = r#"
[data]
paths = ["data.csv"]
subject = "X"
focal = "Russia"
first_year = 1991
last_year = 2020
[channels]
drills = { weight = 1.0 }
sales = { weight = 1.0 }
[periods]
breaks = [2001, 2011]
[attribution]
mode = "framework"
[bootstrap]
replicates = 400
seed = 3
[thresholds]
enp_min = 2.5
focal_share_max = 0.5
growth_min = 1.25         # D4: deepening when the focal rate grows by at least this factor
dominance_min = 1.5
alpha = 0.05
overall_majority = 0.66
[multiverse]
attribution = ["framework"]
windows = [1]
break_sets = [[2001, 2011]]
split_events = [false]
last_years = [2020]
replicates = 100
channel_weights = {}
[calibration]
worlds = 100
replicates = 400
seed = 9
"#;
    std::fs::write(dir.path().join("analysis.toml"), analysis).unwrap();
    let loaded = Loaded::read(&dir.path().join("analysis.toml")).unwrap();
    let c = loaded.calibrate(None);
    check_rates(&c, &["drills", "sales"], &[(Truth::T1, &["drills", "sales"]), (Truth::T2, &["drills", "sales"])], true);
}
