//! Verdicts on constructed panels whose truth is known, the analysis-file checks, and the
//! bundled Kazakhstan verdict's JSON contract.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use multivector::theses::{self, verdict::Verdict};
use rand::{Rng, SeedableRng};

const ANALYSIS: &str = r#"
[data]
paths = ["."]
subject = "K"
focal = "Russia"
first_year = 1995
last_year = 2014

[channels]
arms = { weight = 1.0 }
exercises = { weight = 1.0 }
training = { weight = 1.0 }

[periods]
breaks = [2000, 2007]

[attribution]
mode = "framework"

[bootstrap]
replicates = 400
seed = 11

[thresholds]
enp_min = 2.5
focal_share_max = 0.5
p_rank1_min = 0.9
dominance_min = 1.5
alpha = 0.05
overall_majority = 0.66

[multiverse]
attribution = ["framework", "members"]
windows = [1, 3]
break_sets = [[2000, 2007]]
split_events = [false]
last_years = [2014]
replicates = 200
channel_weights = {}
"#;

/// Writes a panel where every channel follows `counts(year) -> [(partner, n)]`, each unit
/// one event (exercise-like), and returns the verdicts.
fn verdict_of(counts: impl Fn(i32) -> Vec<(&'static str, u32)>) -> (Verdict, Vec<Verdict>) {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("subject,channel,partner,year,value,event_id\n");
    let mut event = 0;
    for channel in ["arms", "exercises", "training"] {
        for year in 1995..=2014 {
            for (partner, n) in counts(year) {
                for _ in 0..n {
                    event += 1;
                    let _ = writeln!(csv, "K,{channel},{partner},{year},1,e{event}");
                }
            }
        }
    }
    std::fs::write(dir.path().join("data.csv"), csv).unwrap();
    std::fs::write(dir.path().join("analysis.toml"), ANALYSIS).unwrap();
    let (_, result) = theses::run(&dir.path().join("analysis.toml")).unwrap();
    (result.main.overall.verdict, result.main.channels.iter().map(|c| c.verdict).collect())
}

const OTHERS: [&str; 5] = ["China", "United States", "Turkey", "Germany", "India"];

/// Russia 18 -> 2 exercises a year, China 0 -> 10, four partners 0 -> 5 each.
fn russia_falls_behind_china(y: i32) -> Vec<(&'static str, u32)> {
    let t = (y - 1995) as f64 / 19.0;
    let mut v = vec![("Russia", (18.0 - 16.0 * t).round() as u32), ("China", (10.0 * t).round() as u32)];
    v.extend(OTHERS.iter().skip(1).map(|p| (*p, (5.0 * t).round() as u32)));
    v
}

#[test]
fn russia_falling_behind_a_rising_partner_gives_t1() {
    // Late period 2007-2014: Russia about 4.6 a year, China 8.2, the others 4.1 each.
    let (overall, channels) = verdict_of(russia_falls_behind_china);
    assert_eq!(channels, vec![Verdict::T1; 3]);
    assert_eq!(overall, Verdict::T1);
}

#[test]
fn a_dispersed_late_period_with_russia_still_well_ahead_is_not_t1() {
    // Russia 18 -> 6 a year, each of 5 partners 0 -> 5: in 2007-2014 Russia's share is
    // about 0.27 (C5 supported) but it still has about 1.8 times the next partner's
    // volume, so its lead is not shown to be shared (C4 not supported): no T1.
    let (overall, channels) = verdict_of(|y| {
        let t = (y - 1995) as f64 / 19.0;
        let mut v = vec![("Russia", (18.0 - 12.0 * t).round() as u32)];
        v.extend(OTHERS.iter().map(|p| (*p, (5.0 * t).round() as u32)));
        v
    });
    assert!(channels.iter().all(|v| *v != Verdict::T1), "{channels:?}");
    assert_ne!(overall, Verdict::T1);
}

#[test]
fn partners_multiply_but_russia_stays_above_070_and_grows_gives_t2() {
    // Russia 10 -> 30 a year; partners appear one by one with 1-2 each: share >= 0.7.
    let (overall, channels) = verdict_of(|y| {
        let t = (y - 1995) as f64 / 19.0;
        let mut v = vec![("Russia", (10.0 + 20.0 * t).round() as u32)];
        let active = (5.0 * t).round() as usize;
        v.extend(OTHERS.iter().take(active).enumerate().map(|(k, p)| (*p, 1 + (k as u32 % 2))));
        v
    });
    assert_eq!(channels, vec![Verdict::T2; 3]);
    assert_eq!(overall, Verdict::T2);
}

#[test]
fn a_flat_noisy_panel_is_not_forced_into_a_verdict() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
    let noise: Vec<Vec<u32>> = (0..20).map(|_| (0..4).map(|_| rng.gen_range(3..8)).collect()).collect();
    let (overall, channels) = verdict_of(|y| {
        let row = &noise[(y - 1995) as usize];
        vec![("Russia", row[0]), ("China", row[1]), ("United States", row[2]), ("Turkey", row[3])]
    });
    for v in channels.iter().chain([&overall]) {
        assert!(matches!(v, Verdict::Inconclusive | Verdict::Neither), "{v:?}");
    }
}

fn bundled() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("datasets/kazakhstan/analysis.toml")
}

#[test]
fn bundled_verdict_json_has_the_contracted_fields() {
    let out = Command::new(env!("CARGO_BIN_EXE_multivector")).args(["theses", "--format", "json"]).arg(bundled()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(["T1", "T2", "neither", "inconclusive"].contains(&json["overall"]["verdict"].as_str().unwrap()));
    let channels = json["channels"].as_array().unwrap();
    let names: Vec<&str> = channels.iter().map(|c| c["channel"].as_str().unwrap()).collect();
    assert_eq!(names, ["arms", "exercises", "training"]);
    for c in channels {
        let ids: Vec<&str> = c["criteria"].as_array().unwrap().iter().map(|k| k["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["C1", "C4", "C5", "D3", "D4"]);
        for k in c["criteria"].as_array().unwrap() {
            assert!(["supported", "contradicted", "inconclusive"].contains(&k["status"].as_str().unwrap()));
            assert!(k["numbers"].is_object());
        }
    }
    let m = &json["multiverse"];
    assert!(m["specifications"].as_u64().unwrap() >= 200);
    let shares = m["shares"].as_object().unwrap();
    let sum: f64 = ["T1", "T2", "neither", "inconclusive"].iter().map(|k| shares[*k].as_f64().unwrap()).sum();
    assert!((sum - 1.0).abs() < 1e-9);
    assert!(!m["flips"].as_array().unwrap().is_empty());
    // Per channel: verdict shares sum to 1, and they agree with the outcomes' channel
    // verdicts counted here; claim status counts sum to the number of specifications.
    let n = m["specifications"].as_u64().unwrap();
    let outcomes = m["outcomes"].as_array().unwrap();
    assert_eq!(outcomes.len() as u64, n);
    for ch in names {
        let shares = m["by_channel"][ch].as_object().unwrap();
        let sum: f64 = shares.values().map(|v| v.as_f64().unwrap()).sum();
        assert!((sum - 1.0).abs() < 1e-9, "{ch}");
        for (verdict, share) in shares {
            let counted = outcomes
                .iter()
                .filter(|o| o["channel_verdicts"].as_array().unwrap().iter().any(|c| c[0] == ch && c[1] == verdict.as_str()))
                .count();
            assert!((share.as_f64().unwrap() - counted as f64 / n as f64).abs() < 1e-12, "{ch} {verdict}");
        }
        for claim in ["C1", "C4", "C5", "D3", "D4"] {
            let counts = m["claims"][ch][claim].as_object().unwrap();
            assert_eq!(counts.values().map(|v| v.as_u64().unwrap()).sum::<u64>(), n, "{ch} {claim}");
        }
    }
    // The attribution table: every mode; the Russian vector's late-period exercise share
    // is larger when CSTO/CIS exercises count for it than under `framework`.
    let attribution = m["attribution"].as_object().unwrap();
    assert_eq!(attribution.keys().collect::<Vec<_>>(), ["bloc", "framework", "lead", "members", "russian-vector"]);
    let share = |mode: &str| attribution[mode]["exercises"].as_f64().unwrap();
    assert!(share("russian-vector") > share("framework") && share("bloc") > share("framework"), "{attribution:?}");
    // ... and it equals the main specification's (russian-vector) late-period share.
    let late = channels[1]["periods"].as_array().unwrap().last().unwrap()["suite"]["focal_share"].as_f64().unwrap();
    assert_eq!(share("russian-vector"), late);
}

#[test]
fn analysis_file_errors_name_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| -> (i32, String) {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_multivector")).arg("theses").arg(&path).output().unwrap();
        (out.status.code().unwrap(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (code, err) = write("unknown.toml", &ANALYSIS.replace("[periods]", "[periods]\nbrakes = [1]"));
    assert_eq!(code, 2);
    assert!(err.contains("brakes"), "{err}");
    let (code, err) = write("range.toml", &ANALYSIS.replace("enp_min = 2.5", "enp_min = 0.5"));
    assert_eq!(code, 2);
    assert!(err.contains("thresholds.enp_min"), "{err}");
    let (code, err) = write("mode.toml", &ANALYSIS.replace("mode = \"framework\"", "mode = \"vector\""));
    assert_eq!(code, 2);
    assert!(err.contains("vector") && err.contains(":"), "{err}");
    assert!(Path::new(&dir.path().join("mode.toml")).exists());
}

#[test]
fn a_second_vintage_becomes_a_multiverse_choice() {
    let dir = tempfile::tempdir().unwrap();
    let rows = |channel: &str, counts: &dyn Fn(i32) -> Vec<(&'static str, u32)>, prefix: &str| {
        let mut csv = String::new();
        let mut event = 0;
        for year in 1995..=2014 {
            for (partner, n) in counts(year) {
                for _ in 0..n {
                    event += 1;
                    let _ = writeln!(csv, "K,{channel},{partner},{year},1,{prefix}{event}");
                }
            }
        }
        csv
    };
    let t2 = |y: i32| {
        let t = (y - 1995) as f64 / 19.0;
        let mut v = vec![("Russia", (10.0 + 20.0 * t).round() as u32)];
        v.extend(OTHERS.iter().take((5.0 * t).round() as usize).enumerate().map(|(k, p)| (*p, 1 + (k as u32 % 2))));
        v
    };
    let t1 = russia_falls_behind_china;
    let header = "subject,channel,partner,year,value,event_id\n";
    let base: String = ["arms", "exercises", "training"].iter().map(|c| rows(c, &t2, c)).collect();
    std::fs::write(dir.path().join("data.csv"), format!("{header}{base}")).unwrap();
    std::fs::create_dir(dir.path().join("vintages")).unwrap();
    std::fs::write(dir.path().join("vintages/arms.csv"), format!("{header}{}", rows("arms", &t1, "v"))).unwrap();
    let analysis = ANALYSIS.replace("last_year = 2014\n", "last_year = 2014\n\n[data.vintages]\nrevised = [\"vintages/arms.csv\"]\n");
    std::fs::write(dir.path().join("analysis.toml"), analysis).unwrap();
    let (_, result) = theses::run(&dir.path().join("analysis.toml")).unwrap();
    let m = &result.multiverse;
    let vintage = m.dimensions.iter().find(|d| d.0 == "vintage").unwrap();
    assert_eq!(vintage.1, vec!["base".to_string(), "revised".to_string()]);
    assert_eq!(m.specifications, 2 * 2 * 2, "attribution x windows x vintages");
    let arms = |o: &multivector::theses::multiverse::SpecOutcome| o.channel_verdicts.iter().find(|c| c.0 == "arms").unwrap().1;
    for o in &m.outcomes {
        let v = &o.choices.iter().find(|c| c.0 == "vintage").unwrap().1;
        let window = &o.choices.iter().find(|c| c.0 == "window").unwrap().1;
        if window == "1" {
            assert_eq!(arms(o), if v == "base" { Verdict::T2 } else { Verdict::T1 }, "{:?}", o.choices);
        }
    }
    let flip = m.flips.iter().find(|f| f.dimension == "vintage").unwrap();
    assert_eq!(flip.comparisons, 4);
}

/// Exercises only (Russia twice and China once a year from `first_row` to 2010), horizon
/// from 1991: writes the data into `dir` and returns the analysis text without coverage.
fn exercises_from(dir: &Path, first_row: i32) -> String {
    let mut csv = String::from("subject,channel,partner,year,value,event_id\n");
    let mut event = 0;
    for year in first_row..=2010 {
        for partner in ["Russia", "Russia", "China"] {
            event += 1;
            let _ = writeln!(csv, "K,exercises,{partner},{year},1,e{event}");
        }
    }
    std::fs::write(dir.join("data.csv"), csv).unwrap();
    ANALYSIS
        .replace("first_year = 1995", "first_year = 1991")
        .replace("arms = { weight = 1.0 }\nexercises = { weight = 1.0 }\ntraining = { weight = 1.0 }", "exercises = { weight = 1.0 }")
}

/// Exercises coded systematically in 1991-2010.
const SYSTEMATIC_1991: &str = "\n[[coverage.exercises]]\nsource = \"a register\"\nfirst = 1991\nlast = 2010\nkind = \"systematic\"\n";

#[test]
fn years_of_a_systematic_source_before_the_first_row_are_zeros() {
    // Exercises coded systematically from 1991, the first one in 1995: Russia joins 2 a
    // year 1995-1999 (10 events), so its early rate is 10 / 9 years (1991-1999), not
    // 10 / 5; the first period starts in 1991. Without the coverage table the channel's
    // years start at its first row.
    let dir = tempfile::tempdir().unwrap();
    let analysis = exercises_from(dir.path(), 1995);
    let coverage = SYSTEMATIC_1991;
    // A systematic span that does not reach the rows' years within the horizon widens nothing.
    let apart = coverage.replace("first = 1991", "first = 1995") + &coverage.replace("last = 2010", "last = 1992");
    let cases = [(analysis.clone() + coverage, 1991, 10.0 / 9.0), (analysis.clone() + &apart, 1995, 2.0), (analysis, 1995, 2.0)];
    for (text, start, rate) in cases {
        std::fs::write(dir.path().join("analysis.toml"), text).unwrap();
        let (_, result) = theses::run(&dir.path().join("analysis.toml")).unwrap();
        let early = &result.main.channels[0].periods[0];
        assert_eq!((early.start, early.end), (start, 1999));
        assert!((early.rates.point.focal_rate - rate).abs() < 1e-12, "{} vs {rate}", early.rates.point.focal_rate);
        let late = &result.main.channels[0].periods[2];
        assert!((late.rates.point.focal_rate - 2.0).abs() < 1e-12);
        // The trend series holds the same years: covered years without rows as zeros.
        let series = &result.main.channels[0].series;
        assert_eq!((series.len(), series[0].year_start), ((2011 - start) as usize, start));
        assert!(series.iter().take_while(|p| p.year_start < 1995).all(|p| p.suite.total == 0.0 && p.suite.richness == 0));
    }
}

#[test]
fn a_covered_period_without_any_volume_refutes_no_lead() {
    // Exercises coded systematically from 1991, the first in 2000: the first period
    // (1991-1999) has no exercise at all, so nobody ranks first there. D3 ("the focal
    // partner first in every period") is then not contradicted (it was, when "not first"
    // counted as "another first"), and Russia's volume grew from 0 (D4 supported).
    let dir = tempfile::tempdir().unwrap();
    let analysis = exercises_from(dir.path(), 2000) + SYSTEMATIC_1991;
    std::fs::write(dir.path().join("analysis.toml"), analysis).unwrap();
    let (_, result) = theses::run(&dir.path().join("analysis.toml")).unwrap();
    let channel = &result.main.channels[0];
    assert_eq!(channel.periods[0].rates.point.focal_rate, 0.0);
    let status = |id: &str| channel.criteria.iter().find(|k| k.id.to_string() == id).unwrap().status.name();
    assert_eq!(status("D3"), "inconclusive");
    assert_eq!(status("D4"), "supported");
    // The calibration says that no world can plant volume in that period.
    let calibration = theses::Loaded::read(&dir.path().join("analysis.toml")).unwrap().calibrate(Some(4));
    assert_eq!(calibration.empty_periods, vec![("exercises".to_string(), 1991, 1999)]);
    assert!(calibration.truths.iter().all(|t| t.worlds == 4));
}
