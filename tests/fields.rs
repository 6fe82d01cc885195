//! Kinds of cooperation (claim C2) and fields (claim C6): rarefied kinds against values
//! worked out by hand, C2 and C6 on constructed panels whose truth is known, the
//! `[[fields]]` checks, MME's flags as imported, and the bundled fields' contract.
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use multivector::data::observations::{Dating, Observations, RowInput};
use multivector::theses::model::{partners_of, period_rates, ModelPrior, PeriodSettings};
use multivector::theses::status::Claim;
use multivector::theses::{self, ThesesResult};

/// Single-partner events (partner, year, event, kind) as observations.
fn events(rows: &[(&str, i32, &str, Option<&str>)]) -> Observations {
    let mut obs = Observations::default();
    obs.add_file("(test)", Default::default());
    for (k, &(partner, year, event, kind)) in rows.iter().enumerate() {
        let row = RowInput {
            subject: "K",
            channel: "exercises",
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
            series: None,
            kind,
            source: None,
            locator: None,
            quote: None,
            note: None,
        };
        obs.push(row, k as u32 + 2);
    }
    obs
}

fn settings(rarefy_to: Option<usize>) -> PeriodSettings {
    PeriodSettings {
        draws: 4000,
        seed: 3,
        prior_seed: 3,
        channel: 0,
        period: 0,
        prior_index: 0,
        block_years: 1,
        prior: ModelPrior { units: 1e-12, total_error: 0.1 },
        unit_scale: 1.0,
        rarefy_to,
    }
}

fn mean(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len() as f64
}

#[test]
fn rarefied_kinds_are_the_samples_rarefaction_and_their_draws_the_processs() {
    // Four events: Warfighting in three (one also Land), Peacekeeping in one. Kinds'
    // incidence T = 4, Y = (W 3, Land 1, PK 1); t = 2. Point, without replacement:
    // W 1 − C(1,2)/C(4,2) = 1, Land and PK 1 − C(3,2)/C(4,2) = 1/2 each: 2. Draws (gamma
    // weights, no prior): π_W ~ Beta(3, 1), π_Land, π_PK ~ Beta(1, 3), and
    // E[1 − (1 − π)^2] = 1 − β(β + 1)/(4 · 5): 0.9 + 0.4 + 0.4 = 1.7.
    let obs = events(&[
        ("Russia", 2000, "a", Some("Warfighting;Land")),
        ("Russia", 2001, "b", Some("Warfighting")),
        ("China", 2002, "c", Some(" Warfighting ; ")),
        ("China", 2003, "d", Some("Peacekeeping")),
    ]);
    let p = period_rates(&obs, &partners_of(&obs), (2000, 2003), Some((2000, 2003)), ("Russia", &[]), settings(Some(2))).unwrap();
    assert_eq!(p.kinds, ["Land", "Peacekeeping", "Warfighting"]);
    assert!((p.point.rarefied_kinds.unwrap() - 2.0).abs() < 1e-12, "{:?}", p.point.rarefied_kinds);
    let draws: Vec<f64> = p.draws.iter().map(|d| d.rarefied_kinds.unwrap()).collect();
    // Var of one draw is below 1; 4000 draws: 4.5 standard errors < 0.075.
    assert!((mean(&draws) - 1.7).abs() < 0.075, "{}", mean(&draws));
    // Partners are rarefied alike and are not confused with kinds: 2 partners, each in 2 of 4.
    assert!((p.point.rarefied_richness.unwrap() - 2.0 * (1.0 - 1.0 / 6.0)).abs() < 1e-12);
    // Rows without kinds: no kinds, no rarefied kinds.
    let plain = events(&[("Russia", 2000, "a", None), ("China", 2001, "b", None)]);
    let q = period_rates(&plain, &partners_of(&plain), (2000, 2001), Some((2000, 2001)), ("Russia", &[]), settings(Some(2))).unwrap();
    assert!(q.kinds.is_empty() && q.point.rarefied_kinds.is_none() && q.draws.iter().all(|d| d.rarefied_kinds.is_none()));
}

const ANALYSIS: &str = r#"
[data]
paths = ["."]
subject = "K"
focal = "Russia"
first_year = 1995
last_year = 2014

[channels]
exercises = { weight = 1.0 }

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
growth_min = 1.25
dominance_min = 1.5
alpha = 0.05
overall_majority = 0.66

[multiverse]
attribution = ["framework"]
windows = [1]
break_sets = [[2000, 2007]]
split_events = [false]
last_years = [2014]
replicates = 100
channel_weights = {}

[[fields]]
name = "warfighting"
channel = "exercises"
kind = "Warfighting"

[[fields]]
name = "peacekeeping"
channel = "exercises"
kind = "Peacekeeping"
"#;

/// Exercises 1995-2014, each an event of one partner: `counts(year)` gives (partner, kind, n).
fn run_panel(analysis: &str, counts: impl Fn(i32) -> Vec<(&'static str, &'static str, u32)>) -> ThesesResult {
    let mut csv = String::from("subject,channel,partner,year,value,event_id,kind\n");
    let mut event = 0;
    for year in 1995..=2014 {
        for (partner, kind, n) in counts(year) {
            for _ in 0..n {
                event += 1;
                let _ = writeln!(csv, "K,exercises,{partner},{year},1,e{event},{kind}");
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("data.csv"), csv).unwrap();
    std::fs::write(dir.path().join("analysis.toml"), analysis).unwrap();
    theses::run(&dir.path().join("analysis.toml")).unwrap().1
}

fn claim(r: &ThesesResult, id: Claim) -> f64 {
    r.main.overall.criteria.iter().find(|c| c.id == id).unwrap_or_else(|| panic!("{id} missing")).probability
}

#[test]
fn c6_compares_the_late_leaders_of_the_fields() {
    // Warfighting: Russia 4 events a year, China 1. Peacekeeping: the United States 3, Russia 1.
    let differ = run_panel(ANALYSIS, |_| {
        vec![("Russia", "Warfighting", 4), ("China", "Warfighting", 1), ("United States", "Peacekeeping", 3), ("Russia", "Peacekeeping", 1)]
    });
    let leaders: Vec<(&str, Option<&str>)> = differ.main.fields.iter().map(|f| (f.field.as_str(), f.late_leader.as_deref())).collect();
    assert_eq!(leaders, [("warfighting", Some("Russia")), ("peacekeeping", Some("United States"))]);
    assert!(differ.main.fields.iter().all(|f| f.late_period == Some((2007, 2014))));
    assert!(differ.main.fields.iter().all(|f| f.p_leader.unwrap() > 0.975), "{:?}", differ.main.fields);
    assert!(claim(&differ, Claim::C6) > 0.975);
    // Russia leads both fields: the leaders do not differ.
    let same = run_panel(ANALYSIS, |_| {
        vec![("Russia", "Warfighting", 4), ("China", "Warfighting", 1), ("Russia", "Peacekeeping", 3), ("United States", "Peacekeeping", 1)]
    });
    assert!(same.main.fields.iter().all(|f| f.late_leader.as_deref() == Some("Russia")));
    assert!(claim(&same, Claim::C6) < 0.025);
    // Fields are no channels: the pool still has the one thesis channel.
    assert_eq!(differ.main.channels.len(), 1);
}

#[test]
fn c2_holds_when_the_late_period_covers_more_kinds() {
    // Early: Russia in Warfighting events only; late: also Peacekeeping and Humanitarian
    // ones, in equal numbers, so 16 late events hold 3 kinds and 16 early ones 1.
    let counts = |y: i32| -> Vec<(&'static str, &'static str, u32)> {
        match y {
            ..=1999 => vec![("Russia", "Warfighting", 3), ("China", "Warfighting", 1)],
            2000..=2006 => vec![("Russia", "Warfighting", 3)],
            _ => vec![("Russia", "Warfighting", 2), ("China", "Peacekeeping", 1), ("China", "Humanitarian", 1)],
        }
    };
    let grew = run_panel(ANALYSIS, counts);
    let c2 = grew.main.channels[0].criteria.iter().find(|c| c.id == Claim::C2).unwrap();
    let number = |name: &str| c2.numbers.iter().find(|n| n.0 == name).and_then(|n| n.1).unwrap();
    // Early 1995-1999: 20 events, all Warfighting; late 2007-2014: 32 events. t = 20.
    assert_eq!(number("kinds_early"), 1.0, "{c2:?}");
    // Late: W in 16 of 32, PK in 8, Hum in 8; S(20) = Σ 1 − C(32 − Y, 20)/C(32, 20).
    let choose = |n: u64, k: u64| -> f64 { (0..k).map(|j| (n - j) as f64 / (k - j) as f64).product() };
    let by_hand = [16u64, 8, 8].iter().map(|&y| 1.0 - choose(32 - y, 20) / choose(32, 20)).sum::<f64>();
    assert!((number("kinds_late") - by_hand).abs() < 1e-9, "{} vs {by_hand}", number("kinds_late"));
    assert!(c2.informed && c2.probability > 0.975, "{c2:?}");
    // Mirrored in time, the content narrowed.
    let narrowed = run_panel(ANALYSIS, |y| counts(2014 + 1995 - y));
    assert!(claim(&narrowed, Claim::C2) < 0.025);
    // Without kinds there is no C2 (the kind column is what it counts).
    let plain = ANALYSIS.split("[[fields]]").next().unwrap().to_string();
    let none = run_panel(&plain, |_| vec![("Russia", "", 2)]);
    assert!(none.main.channels[0].criteria.iter().all(|c| c.id != Claim::C2));
}

#[test]
fn a_field_naming_an_unknown_kind_or_channel_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("data.csv"), "subject,channel,partner,year,value,event_id,kind\nK,exercises,Russia,1995,1,e1,Warfighting\nK,exercises,China,2010,1,e2,Peacekeeping\n").unwrap();
    for (bad, expected) in [
        (
            ANALYSIS.replace("kind = \"Peacekeeping\"", "kind = \"Peacekeepin\""),
            "kind \"Peacekeepin\" is listed by no row of channel \"exercises\"",
        ),
        (
            ANALYSIS.replace("channel = \"exercises\"\nkind = \"Warfighting\"", "channel = \"exercise\"\nkind = \"Warfighting\""),
            "channel \"exercise\" matches no row",
        ),
        (ANALYSIS.replace("name = \"peacekeeping\"", "name = \"warfighting\""), "expected a non-empty name used once"),
    ] {
        std::fs::write(dir.path().join("analysis.toml"), &bad).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_multivector")).arg("theses").arg(dir.path().join("analysis.toml")).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(expected) && stderr.contains("analysis.toml") && !stderr.contains("panicked"), "{stderr}");
    }
    // The misspelt kind gets the closest one offered.
    std::fs::write(dir.path().join("analysis.toml"), ANALYSIS.replace("kind = \"Peacekeeping\"", "kind = \"Peacekeepin\"")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_multivector")).arg("theses").arg(dir.path().join("analysis.toml")).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("Peacekeeping"));
}

/// MME's mission and domain flags per exercise id, read from a vendored MME file with the csv crate alone.
fn mme_flags(path: &Path) -> std::collections::BTreeMap<String, String> {
    const FLAGS: [&str; 9] = ["Warfighting", "Peacekeeping", "Humanitarian", "CPX", "Air", "Land", "Sea", "Amphibious", "Cyber"];
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for record in reader.records() {
        let record = record.unwrap();
        let set: Vec<&str> = FLAGS.iter().copied().filter(|f| &record[col(f)] == "1").collect();
        out.insert(record[col("MMEID")].to_string(), set.join(";"));
    }
    out
}

#[test]
fn every_mme_exercise_carries_its_flags_as_kinds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (data, source) in [
        ("datasets/kazakhstan/exercises.csv", "datasets/kazakhstan/sources/mme/mme_v7_long_kazakhstan_exercises.csv"),
        ("datasets/neighbours/exercises.csv", "datasets/neighbours/sources/mme/mme_v7_long_central_asia_mongolia_azerbaijan.csv"),
    ] {
        let flags = mme_flags(&root.join(source));
        let mut reader = csv::Reader::from_path(root.join(data)).unwrap();
        let header = reader.headers().unwrap().clone();
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let mut checked = 0;
        for record in reader.records() {
            let record = record.unwrap();
            if let Some(expected) = flags.get(&record[col("event_id")]) {
                assert_eq!(&record[col("kind")], expected, "{data}: {}", &record[col("event_id")]);
                checked += 1;
            }
        }
        assert!(checked > 600, "{data}: {checked}");
    }
}

#[test]
fn the_bundled_fields_each_have_a_late_leader() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (_, r) = theses::run(&root.join("datasets/kazakhstan/analysis.toml")).unwrap();
    let names: Vec<&str> = r.main.fields.iter().map(|f| f.field.as_str()).collect();
    for needed in
        ["arms", "exercises: warfighting", "exercises: peacekeeping", "training", "peacekeeping", "counter-terrorism", "border security"]
    {
        assert!(names.contains(&needed), "{needed} not in {names:?}");
    }
    for f in &r.main.fields {
        assert!(f.late_leader.is_some() && f.p_leader.is_some_and(|p| p > 0.0 && p <= 1.0), "{f:?}");
    }
    // Arms: the late leader is the supplier with the largest TIV of 2007-2014, summed from arms.csv.
    let mut tiv: std::collections::BTreeMap<String, f64> = Default::default();
    let mut reader = csv::Reader::from_path(root.join("datasets/kazakhstan/arms.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for record in reader.records() {
        let record = record.unwrap();
        let year: i32 = record[col("year")].parse().unwrap();
        if (2007..=2014).contains(&year) {
            *tiv.entry(record[col("partner")].to_string()).or_default() += record[col("value")].parse::<f64>().unwrap();
        }
    }
    let largest = tiv.iter().max_by(|a, b| a.1.total_cmp(b.1)).unwrap().0;
    let arms = r.main.fields.iter().find(|f| f.field == "arms").unwrap();
    assert_eq!(arms.late_leader.as_deref(), Some(largest.as_str()));
    assert_eq!(arms.late_period, Some((2007, 2014)));
}
