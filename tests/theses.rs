//! The theses' probabilities on constructed panels whose truth is known, claims the data
//! cannot inform, the analysis-file checks, and the bundled case's JSON contract.
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use multivector::theses::multiverse::Choice;
use multivector::theses::{self, probability::ThesisProbabilities};
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
growth_min = 1.25         # D4: deepening when the focal rate grows by at least this factor
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
/// one event (exercise-like), and returns the overall and per-channel probabilities.
fn probabilities_of(counts: impl Fn(i32) -> Vec<(&'static str, u32)>) -> (ThesisProbabilities, Vec<ThesisProbabilities>) {
    probabilities_with(ANALYSIS, counts)
}

/// 1995-2014 of `channels`, each following `counts(year) -> [(partner, n)]`, every unit
/// one event of its own.
fn panel_csv(channels: &[&str], counts: &dyn Fn(i32) -> Vec<(&'static str, u32)>) -> String {
    let mut csv = String::from("subject,channel,partner,year,value,event_id\n");
    let mut event = 0;
    for channel in channels {
        for year in 1995..=2014 {
            for (partner, n) in counts(year) {
                for _ in 0..n {
                    event += 1;
                    let _ = writeln!(csv, "K,{channel},{partner},{year},1,e{event}");
                }
            }
        }
    }
    csv
}

fn probabilities_with(analysis: &str, counts: impl Fn(i32) -> Vec<(&'static str, u32)>) -> (ThesisProbabilities, Vec<ThesisProbabilities>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("data.csv"), panel_csv(&["arms", "exercises", "training"], &counts)).unwrap();
    std::fs::write(dir.path().join("analysis.toml"), analysis).unwrap();
    let (_, result) = theses::run(&dir.path().join("analysis.toml")).unwrap();
    let sum = |p: &ThesisProbabilities| p.p_t1 + p.p_t2 + p.p_neither;
    let channels: Vec<ThesisProbabilities> = result.main.channels.iter().map(|c| c.probabilities.unwrap()).collect();
    for p in channels.iter().chain([&result.main.overall.probabilities]) {
        assert!((sum(p) - 1.0).abs() < 1e-9, "{p:?}");
    }
    (result.main.overall.probabilities, channels)
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
fn a_rival_overtaking_russia_makes_t1_very_likely() {
    // Late period 2007-2014: Russia about 4.6 a year, China 8.2, the others 4.1 each.
    let (overall, channels) = probabilities_of(russia_falls_behind_china);
    assert!(channels.iter().all(|p| p.p_t1 >= 0.9), "{channels:?}");
    assert!(overall.p_t1 >= 0.9, "{overall:?}");
}

#[test]
fn a_dispersed_late_period_with_russia_still_well_ahead_is_not_t1() {
    // Russia 18 -> 6 a year, each of 5 partners 0 -> 5: in 2007-2014 Russia's share is
    // about 0.27 but it still has about 1.8 times the next partner's volume, above
    // dominance_min = 1.5: its lead is not shared (C4), so T1 is unlikely.
    let (overall, channels) = probabilities_of(|y| {
        let t = (y - 1995) as f64 / 19.0;
        let mut v = vec![("Russia", (18.0 - 12.0 * t).round() as u32)];
        v.extend(OTHERS.iter().map(|p| (*p, (5.0 * t).round() as u32)));
        v
    });
    assert!(channels.iter().all(|p| p.p_t1 < 0.33), "{channels:?}");
    assert!(overall.p_t1 < 0.33, "{overall:?}");
}

#[test]
fn russia_twenty_times_every_other_partner_and_tripling_makes_t2_very_likely() {
    // Russia 10 -> 30 a year; partners appear one by one (1 -> 5), each with an exercise
    // every other year until 2004 and 1.5 a year from 2005: Russia has about 20 times
    // every other partner's volume in every period, and triples.
    let (overall, channels) = probabilities_of(|y| {
        let t = (y - 1995) as f64 / 19.0;
        let mut v = vec![("Russia", (10.0 + 20.0 * t).round() as u32)];
        let active = 1 + (4.0 * t).round() as usize;
        v.extend(OTHERS.iter().take(active).map(|p| (*p, u32::from(y % 2 == 0) + u32::from(t > 0.5))));
        v
    });
    assert!(channels.iter().all(|p| p.p_t2 >= 0.9), "{channels:?}");
    assert!(overall.p_t2 >= 0.9, "{overall:?}");
}

#[test]
fn russia_flat_and_first_makes_t2_unlikely() {
    // Russia 12 a year throughout, far ahead; partners appear one by one: the scope grows
    // and Russia leads, but its volume does not grow by growth_min = 1.25.
    let (overall, channels) = probabilities_of(|y| {
        let t = (y - 1995) as f64 / 19.0;
        let mut v = vec![("Russia", 12)];
        v.extend(OTHERS.iter().take(1 + (4.0 * t).round() as usize).map(|p| (*p, 1)));
        v
    });
    assert!(channels.iter().all(|p| p.p_t2 <= 0.2), "{channels:?}");
    assert!(overall.p_t2 <= 0.2, "{overall:?}");
}

#[test]
fn a_flat_noisy_panel_makes_neither_thesis_likely() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
    let noise: Vec<Vec<u32>> = (0..20).map(|_| (0..4).map(|_| rng.gen_range(3..8)).collect()).collect();
    let (overall, channels) = probabilities_of(|y| {
        let row = &noise[(y - 1995) as usize];
        vec![("Russia", row[0]), ("China", row[1]), ("United States", row[2]), ("Turkey", row[3])]
    });
    for p in channels.iter().chain([&overall]) {
        assert!(p.p_t1 < 0.66 && p.p_t2 < 0.66, "{p:?}");
    }
}

fn bundled() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("datasets/kazakhstan/analysis.toml")
}

#[test]
fn bundled_json_has_the_probabilities_of_every_channel_and_overall() {
    let out = Command::new(env!("CARGO_BIN_EXE_multivector")).args(["theses", "--format", "json"]).arg(bundled()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let channels = json["channels"].as_array().unwrap();
    let names: Vec<&str> = channels.iter().map(|c| c["channel"].as_str().unwrap()).collect();
    assert_eq!(names, ["arms", "exercises", "training"]);
    let number = |v: &serde_json::Value, k: &str| v[k].as_f64().unwrap_or_else(|| panic!("{k} missing in {v}"));
    for scope in channels.iter().chain([&json["overall"]]) {
        let sum = number(scope, "p_t1") + number(scope, "p_t2") + number(scope, "p_neither");
        assert!((sum - 1.0).abs() < 1e-9, "{sum}");
        for key in ["prior_t1", "prior_t2"] {
            assert!((0.0..=1.0).contains(&number(scope, key)));
        }
        assert!(scope.get("bayes_factor_t2_t1").is_some());
        assert!(number(&scope["second_prior"], "p_t2") >= 0.0);
        // Every claim's status follows its probability (supported >= 0.975, contradicted
        // <= 0.025), or says that the data cannot inform it.
        for k in scope["criteria"].as_array().unwrap() {
            let p = number(k, "probability");
            let expected = if k["informed"] == false {
                "not informed"
            } else if p >= 0.975 {
                "supported"
            } else if p <= 0.025 {
                "contradicted"
            } else {
                "inconclusive"
            };
            assert_eq!(k["status"].as_str().unwrap(), expected, "{k}");
            assert!(k["informed"].is_boolean() && k["numbers"].is_object());
        }
    }
    // C2 where the rows name kinds of cooperation: the exercises (MME's flags), not arms or training.
    for c in channels {
        let ids: Vec<&str> = c["criteria"].as_array().unwrap().iter().map(|k| k["id"].as_str().unwrap()).collect();
        if c["channel"] == "exercises" {
            assert_eq!(ids, ["C1", "C2", "C3", "C4", "C5", "C7", "D3", "D4", "D4c"]);
        } else {
            assert_eq!(ids, ["C1", "C3", "C4", "C5", "C7", "D3", "D4", "D4c"]);
        }
    }
    // Training's Russian figure is one total over 1996-2012: deepening (D4) is not
    // informed there, and its probability is its prior.
    let training = &channels[2];
    let d4 = training["criteria"].as_array().unwrap().iter().find(|k| k["id"] == "D4").unwrap();
    assert_eq!(d4["informed"], false);
    assert_eq!(number(d4, "probability"), number(d4, "prior"));
    assert!(training["trend_note"].as_str().unwrap().contains("period total"));
    // The multiverse: every specification with P(T1) and P(T2), in [0, 1].
    let m = &json["multiverse"];
    let specs = m["specifications"].as_array().unwrap();
    assert_eq!(specs.len() as u64, m["count"].as_u64().unwrap());
    assert!(specs.len() >= 1000);
    assert!(specs.iter().all(|o| (0.0..=1.0).contains(&number(o, "p_t1")) && (0.0..=1.0).contains(&number(o, "p_t2"))));
    let choices: Vec<&str> = m["dimensions"].as_array().unwrap().iter().map(|d| d["choice"].as_str().unwrap()).collect();
    for choice in ["reading", "deepening", "first-year", "attribution", "vintage"] {
        assert!(choices.contains(&choice), "{choices:?}");
    }
    assert!(!m["effects"].as_array().unwrap().is_empty());
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
fn a_claim_the_data_cannot_inform_keeps_its_prior_and_does_not_count_overall() {
    // Exercises: Russia 2 -> 8 a year among more and more partners. Training: Russia one
    // total over the whole horizon, China one total from 2003: deepening cannot be
    // measured in training, so its D4 is its prior and the overall D4 is the exercises'.
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("subject,channel,partner,year,period_start,period_end,value,event_id\n");
    let mut event = 0;
    for year in 1995..=2014 {
        let t = (year - 1995) as f64 / 19.0;
        let mut counts = vec![("Russia", (2.0 + 6.0 * t).round() as u32)];
        counts.extend(OTHERS.iter().take(1 + (4.0 * t).round() as usize).map(|p| (*p, 1)));
        for (partner, n) in counts {
            for _ in 0..n {
                event += 1;
                let _ = writeln!(csv, "K,exercises,{partner},{year},,,1,e{event}");
            }
        }
    }
    csv.push_str("K,training,Russia,,1995,2014,4000,\nK,training,China,,2003,2012,100,\n");
    std::fs::write(dir.path().join("data.csv"), csv).unwrap();
    let analysis = ANALYSIS.replace("arms = { weight = 1.0 }\n", "");
    std::fs::write(dir.path().join("analysis.toml"), analysis).unwrap();
    let (_, result) = theses::run(&dir.path().join("analysis.toml")).unwrap();
    let claim =
        |criteria: &[multivector::theses::status::Criterion], id: &str| criteria.iter().find(|k| k.id.name() == id).unwrap().clone();
    let training = &result.main.channels[1];
    assert_eq!(training.channel, "training");
    for id in ["D4", "D4c", "C7"] {
        let k = claim(&training.criteria, id);
        assert!(!k.informed, "{id}");
        assert_eq!(k.probability, k.prior, "{id}");
        assert!(k.prior > 0.0 && k.prior < 1.0, "{id}: a prior of {}", k.prior);
    }
    // C4 and D3 are informed by the totals (Russia 200 a year against China's 10).
    assert!(claim(&training.criteria, "D3").informed);
    let exercises = claim(&result.main.channels[0].criteria, "D4");
    let overall = claim(&result.main.overall.criteria, "D4");
    assert!(exercises.informed && overall.informed);
    assert_eq!(overall.probability, exercises.probability, "the uninformed training does not count");
    assert!(exercises.probability > 0.9);
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
    let position = |choice: Choice| m.dimensions.iter().position(|d| d.choice == choice).unwrap();
    let vintage = position(Choice::Vintage);
    assert_eq!(m.dimensions[vintage].values, vec!["base".to_string(), "revised".to_string()]);
    // attribution x windows x vintages x readings x deepenings x first years
    assert_eq!(m.count, 2 * 2 * 2 * 2 * 2 * 2);
    let arms = result.main.channels.iter().position(|c| c.channel == "arms").unwrap();
    // Deepening read overall (the continuous reading asks more of the growth).
    let deepening = position(Choice::Deepening);
    for o in m.specifications.iter().filter(|o| o.choices[deepening] == 0) {
        let p = o.channels[arms];
        if o.choices[vintage] == 0 {
            assert!(p.p_t2.unwrap() > 0.9, "{o:?}");
        } else {
            assert!(p.p_t1.unwrap() > 0.9, "{o:?}");
        }
    }
    let effect = m.effects.iter().find(|e| e.choice == Choice::Vintage).unwrap();
    assert_eq!(effect.groups, 32);
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
    // (1991-1999) has no exercise at all, so nobody leads there and D3 ("the focal
    // partner strongest in every period") cannot be informed: it keeps its prior. Russia's
    // volume grew from 0 (D4 supported).
    let dir = tempfile::tempdir().unwrap();
    let analysis = exercises_from(dir.path(), 2000) + SYSTEMATIC_1991;
    std::fs::write(dir.path().join("analysis.toml"), analysis).unwrap();
    let (_, result) = theses::run(&dir.path().join("analysis.toml")).unwrap();
    let channel = &result.main.channels[0];
    assert_eq!(channel.periods[0].rates.point.focal_rate, 0.0);
    let claim = |id: &str| channel.criteria.iter().find(|k| k.id.to_string() == id).unwrap();
    assert!(!claim("D3").informed && claim("D3").probability == claim("D3").prior);
    assert_eq!(claim("D4").status.name(), "supported");
    // The calibration's data shape keeps the empty period: no event, no focal volume
    // there; its worlds plant the focal partner's early volume as events of its own.
    let calibration = theses::Loaded::read(&dir.path().join("analysis.toml")).unwrap().calibrate(Some(4));
    let early = &calibration.shape[0].periods[0];
    assert_eq!((early.start, early.end, early.events_per_year, early.focal_rate), (1991, 1999, Some(0.0), 0.0));
    assert_eq!(calibration.power.worlds, 4);
}

/// The C3 criterion of the exercises channel when that channel alone follows
/// `counts(year) -> [(partner, n)]` (each unit one event).
fn c3_of(counts: impl Fn(i32) -> Vec<(&'static str, u32)>) -> multivector::theses::status::Criterion {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("data.csv"), panel_csv(&["exercises"], &counts)).unwrap();
    let analysis = ANALYSIS.replace("arms = { weight = 1.0 }\n", "").replace("training = { weight = 1.0 }\n", "");
    std::fs::write(dir.path().join("analysis.toml"), analysis).unwrap();
    let (_, result) = theses::run(&dir.path().join("analysis.toml")).unwrap();
    let c = result.main.channels.iter().find(|c| c.channel == "exercises").unwrap();
    c.criteria.iter().find(|k| k.id == multivector::theses::status::Claim::C3).unwrap().clone()
}

#[test]
fn c3_measures_the_share_beyond_the_post_soviet_space() {
    // Early (1995-1999): Russia 4, Kyrgyzstan 2, China 1 event a year (beyond: 1 of 7);
    // late (2007-2014): Russia 4, Kyrgyzstan 1, China 3, Germany 2 (beyond: 5 of 10).
    // Shares of the point rates: 1/7 and 1/2. "Unknown supplier" (region unknown) enters
    // neither sum.
    let counts = |y: i32| -> Vec<(&'static str, u32)> {
        match y {
            ..=1999 => vec![("Russia", 4), ("Kyrgyzstan", 2), ("China", 1), ("Unknown supplier", 3)],
            2000..=2006 => vec![("Russia", 4), ("Kyrgyzstan", 2), ("China", 2)],
            _ => vec![("Russia", 4), ("Kyrgyzstan", 1), ("China", 3), ("Germany", 2), ("Unknown supplier", 5)],
        }
    };
    let c3 = c3_of(counts);
    let number = |name: &str| c3.numbers.iter().find(|n| n.0 == name).and_then(|n| n.1).unwrap();
    assert!((number("beyond_share_early") - 1.0 / 7.0).abs() < 1e-12, "{c3:?}");
    assert!((number("beyond_share_late") - 0.5).abs() < 1e-12, "{c3:?}");
    assert!(c3.informed && c3.probability > 0.975, "{c3:?}");
    // Mirrored in time (the last period back in the region), C3 fails.
    let mirrored = c3_of(|y| counts(2014 + 1995 - y));
    assert!(mirrored.informed && mirrored.probability < 0.025, "{mirrored:?}");
}
