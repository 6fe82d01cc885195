//! The optional `series` column (a recurring exercise series): read alike from CSV, JSON
//! Lines and Parquet, kept by attribution in every mode and by period spreading, and on
//! the bundled exercises exactly as the event table codes it.
use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use multivector::data::attribution::{attribute, Attribution, Mode};
use multivector::data::frameworks::Bloc;
use multivector::data::load::read_file;
use multivector::data::observations::NONE;
use multivector::data::periods::SpreadRule;
use multivector::data::prepare::prepare;
use multivector::data::{load, LoadOptions, Observations};
use polars::prelude::*;

/// Each row's series through the accessor, `None` for `NONE`.
fn series_of(obs: &Observations) -> Vec<Option<String>> {
    (0..obs.len())
        .map(|i| {
            let id = obs.series(i);
            // The accessor and `row` agree.
            assert_eq!(obs.row(i).series, (id != NONE).then(|| obs.text(id)));
            (id != NONE).then(|| obs.text(id).to_string())
        })
        .collect()
}

/// Five rows: two of one series, one of another, an empty cell and a blank one.
const CSV: &str = "\
subject,channel,partner,year,value,event_id,series
K,exercises,Russia,2009,1,e1,Rubezh
K,exercises,Armenia,2009,1,e1,Rubezh
K,exercises,United States,2010,1,e2,Steppe Eagle
K,exercises,China,2010,1,e3,
K,exercises,Russia,2011,1,,\"  \"
";

#[test]
fn csv_json_lines_and_parquet_give_the_same_series_per_row() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("s.csv");
    std::fs::write(&csv, CSV).unwrap();
    // JSON Lines: the same rows; a missing key, a null and an empty string are all absent.
    let jsonl = dir.path().join("s.jsonl");
    std::fs::write(
        &jsonl,
        "{\"subject\":\"K\",\"channel\":\"exercises\",\"partner\":\"Russia\",\"year\":2009,\"value\":1,\"event_id\":\"e1\",\"series\":\"Rubezh\"}\n\
         {\"subject\":\"K\",\"channel\":\"exercises\",\"partner\":\"Armenia\",\"year\":2009,\"value\":1,\"event_id\":\"e1\",\"series\":\" Rubezh \"}\n\
         {\"subject\":\"K\",\"channel\":\"exercises\",\"partner\":\"United States\",\"year\":2010,\"value\":1,\"event_id\":\"e2\",\"series\":\"Steppe Eagle\"}\n\
         {\"subject\":\"K\",\"channel\":\"exercises\",\"partner\":\"China\",\"year\":2010,\"value\":1,\"event_id\":\"e3\",\"series\":null}\n\
         {\"subject\":\"K\",\"channel\":\"exercises\",\"partner\":\"Russia\",\"year\":2011,\"value\":1}\n",
    )
    .unwrap();
    let parquet = dir.path().join("s.parquet");
    let mut frame = df!(
        "subject" => ["K"; 5],
        "channel" => ["exercises"; 5],
        "partner" => ["Russia", "Armenia", "United States", "China", "Russia"],
        "year" => [2009i64, 2009, 2010, 2010, 2011],
        "value" => [1.0f64; 5],
        "event_id" => [Some("e1"), Some("e1"), Some("e2"), Some("e3"), None],
        "series" => [Some("Rubezh"), Some("Rubezh"), Some("Steppe Eagle"), Some(""), None],
    )
    .unwrap();
    ParquetWriter::new(File::create(&parquet).unwrap()).finish(&mut frame).unwrap();

    let want: Vec<Option<String>> =
        [Some("Rubezh"), Some("Rubezh"), Some("Steppe Eagle"), None, None].iter().map(|s| s.map(str::to_string)).collect();
    for path in [&csv, &jsonl, &parquet] {
        let (obs, unknown) = read_file(path, 10).unwrap();
        assert!(unknown.is_empty(), "{}: {unknown:?}", path.display());
        assert_eq!(series_of(&obs), want, "{}", path.display());
        // Rows of one series share one interned id, and it is not the event id's.
        assert_eq!(obs.series(0), obs.series(1));
        assert_ne!(obs.series(0), obs.series(2));
        assert_ne!(obs.series(0), obs.event_id(0));
    }
}

#[test]
fn a_file_without_the_column_or_rows_without_a_series_give_none() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain.csv");
    std::fs::write(&plain, "subject,channel,partner,year,value,event_id\nK,exercises,Russia,2009,1,e1\nK,exercises,China,2009,1,e1\n")
        .unwrap();
    let (obs, _) = read_file(&plain, 10).unwrap();
    assert_eq!((0..obs.len()).map(|i| obs.series(i)).collect::<Vec<_>>(), [NONE, NONE]);
    assert_eq!(obs.row(0).series, None);
    // A series only from the 120th row on: the rows before it have none.
    let late = dir.path().join("late.csv");
    let mut text = String::from("subject,channel,partner,year,value,series\n");
    for k in 0..150 {
        text.push_str(&format!("K,exercises,P{k},2000,1,{}\n", if k >= 120 { "Late" } else { "" }));
    }
    std::fs::write(&late, text).unwrap();
    let (obs, _) = read_file(&late, 10).unwrap();
    let got = series_of(&obs);
    assert!(got[..120].iter().all(Option::is_none));
    assert!(got[120..].iter().all(|s| s.as_deref() == Some("Late")));
}

#[test]
fn a_series_that_is_not_text_is_an_error_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("bad.jsonl");
    std::fs::write(
        &jsonl,
        "{\"subject\":\"K\",\"channel\":\"c\",\"partner\":\"P\",\"year\":2000,\"value\":1,\"series\":\"S\"}\n\
         {\"subject\":\"K\",\"channel\":\"c\",\"partner\":\"P\",\"year\":2001,\"value\":1,\"series\":[\"S\"]}\n",
    )
    .unwrap();
    let err = read_file(&jsonl, 10).unwrap_err().to_string();
    assert!(err.contains("bad.jsonl:2:6: error: column 'series': expected text, found an array"), "{err}");
}

const FRAMEWORKS: &str = "\
framework,lead,member,from_year,to_year
CSTO,Russia,Russia,2002,
CSTO,Russia,Kyrgyzstan,2002,
CSTO,Russia,Tajikistan,2002,
CSTO,Russia,K,2002,
SCO,Russia;China,China,2001,
SCO,Russia;China,Russia,2001,
SCO,Russia;China,K,2001,
CIS,Russia,Russia,1991,
CIS,Russia,Armenia,1991,
CIS,Russia,Kyrgyzstan,1991,
CIS,Russia,K,1991,
NATO-PfP,United States,NATO,1995,
NATO-PfP,United States,K,1995,
";

/// Events of every kind the modes treat apart: under a framework (E1, E2), one naming
/// only its framework (E4: members expands it), a post-soviet one without a framework
/// (P1: pooled by the Russian bloc), a NATO one (N1: the Western bloc), a bilateral row
/// without an event, an event whose first row has no series (E6), and rows without one.
const EXERCISES: &str = "\
subject,channel,partner,year,value,framework,event_id,series
K,exercises,Russia,2005,1,CSTO,E1,Rubezh
K,exercises,Kyrgyzstan,2005,1,CSTO,E1,Rubezh
K,exercises,Russia,2005,1,SCO,E2,Peace Mission
K,exercises,China,2005,1,SCO,E2,Peace Mission
K,exercises,Tajikistan,2005,1,SCO,E2,Peace Mission
K,exercises,United States,2005,1,bilateral,,Balance Kayak
K,exercises,CSTO,2006,1,CSTO,E4,Vzaimodeistviye
K,exercises,Russia,2006,1,CIS,E5,
K,exercises,Armenia,2007,1,multilateral-other,P1,Anti-Terror
K,exercises,Kyrgyzstan,2007,1,multilateral-other,P1,Anti-Terror
K,exercises,Russia,2007,1,multilateral-other,P1,Anti-Terror
K,exercises,NATO,2008,1,NATO-PfP,N1,Steppe Eagle
K,exercises,United States,2008,1,NATO-PfP,N1,Steppe Eagle
K,exercises,Germany,2009,1,multilateral-other,E6,
K,exercises,France,2009,1,multilateral-other,E6,Regional Cooperation
K,exercises,China,2009,1,bilateral,,
";

/// The series each input line's event has: E6 takes the one its second row names.
fn event_series_by_line() -> BTreeMap<u32, Option<&'static str>> {
    let series = [
        Some("Rubezh"),
        Some("Rubezh"),
        Some("Peace Mission"),
        Some("Peace Mission"),
        Some("Peace Mission"),
        Some("Balance Kayak"),
        Some("Vzaimodeistviye"),
        None,
        Some("Anti-Terror"),
        Some("Anti-Terror"),
        Some("Anti-Terror"),
        Some("Steppe Eagle"),
        Some("Steppe Eagle"),
        Some("Regional Cooperation"),
        Some("Regional Cooperation"),
        None,
    ];
    series.into_iter().enumerate().map(|(k, s)| (k as u32 + 2, s)).collect()
}

/// The fixture loaded, with a Russian and a Western bloc.
fn loaded(dir: &Path) -> multivector::data::Dataset {
    std::fs::write(dir.join("exercises.csv"), EXERCISES).unwrap();
    std::fs::write(dir.join("frameworks.csv"), FRAMEWORKS).unwrap();
    let mut data = load(&[dir.to_path_buf()], &LoadOptions::default()).unwrap();
    let russia = Bloc::led_by_state(&data.frameworks, "Russia");
    let west = Bloc {
        name: "Western bloc".into(),
        partners: vec!["United States".into(), "NATO".into()],
        composition: vec![],
        led_by: vec!["United States".into()],
    };
    data.frameworks.blocs = vec![russia, west];
    data
}

#[test]
fn attribution_keeps_the_series_of_the_event_in_every_mode() {
    let dir = tempfile::tempdir().unwrap();
    let data = loaded(dir.path());
    let want = event_series_by_line();
    for mode in Mode::ALL {
        for split_events in [false, true] {
            let out = attribute(&data.observations, &data.frameworks, Attribution { mode, split_events });
            // Each derived row points at its event's first line: it has that event's series.
            for (i, got) in series_of(&out).iter().enumerate() {
                assert_eq!(got.as_deref(), want[&out.line(i)], "{mode:?} split {split_events}: {:?}", out.row(i));
            }
            // Every event with a series still has it after attribution.
            let kept: std::collections::BTreeSet<Option<String>> = series_of(&out).into_iter().collect();
            assert_eq!(kept.len(), 8, "{mode:?}: {kept:?}");
        }
    }
    // By hand: members mode expands E4 ("CSTO" in 2006) to Russia, Kyrgyzstan and
    // Tajikistan, each with E4's series; the Russian vector pools P1 into Russia, the
    // Western bloc takes N1, and both keep their series.
    let rows_of = |mode: Mode, event: &str| -> Vec<(String, Option<String>)> {
        let out = attribute(&data.observations, &data.frameworks, Attribution { mode, split_events: false });
        let series = series_of(&out);
        (0..out.len())
            .filter(|&i| out.row(i).event_id == Some(event))
            .map(|i| (out.row(i).partner.to_string(), series[i].clone()))
            .collect()
    };
    let vz = Some("Vzaimodeistviye".to_string());
    assert_eq!(
        rows_of(Mode::Members, "E4"),
        [("Kyrgyzstan".into(), vz.clone()), ("Russia".into(), vz.clone()), ("Tajikistan".into(), vz.clone())]
    );
    assert_eq!(rows_of(Mode::Framework, "E4"), [("CSTO".into(), vz.clone())]);
    assert_eq!(rows_of(Mode::Lead, "E4"), [("Russia".into(), vz)]);
    assert_eq!(rows_of(Mode::RussianVector, "P1"), [("Russia".into(), Some("Anti-Terror".into()))]);
    assert_eq!(rows_of(Mode::Bloc, "N1"), [("Western bloc".into(), Some("Steppe Eagle".into()))]);
}

#[test]
fn spreading_a_period_total_keeps_its_series() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    std::fs::write(
        &path,
        "subject,channel,partner,year,period_start,period_end,value,event_id,series\n\
         K,exercises,Russia,,2004,2006,3,R,Rubezh\n\
         K,exercises,Kyrgyzstan,,2004,2006,3,R,Rubezh\n\
         K,exercises,China,2005,,,1,,\n",
    )
    .unwrap();
    let data = load(&[path], &LoadOptions::default()).unwrap();
    for mode in Mode::ALL {
        let out = prepare(data.observations.clone(), &data.frameworks, Attribution { mode, split_events: true }, SpreadRule::Uniform);
        let got: Vec<(String, i32, Option<String>)> =
            series_of(&out).into_iter().enumerate().map(|(i, s)| (out.row(i).partner.to_string(), out.row(i).year_start, s)).collect();
        let rubezh = Some("Rubezh".to_string());
        let mut want: Vec<(String, i32, Option<String>)> = Vec::new();
        for partner in ["Kyrgyzstan", "Russia"] {
            want.extend((2004..=2006).map(|y| (partner.to_string(), y, rubezh.clone())));
        }
        want.push(("China".into(), 2005, None));
        assert_eq!(got, want, "{mode:?}");
    }
}

fn kazakhstan() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("datasets/kazakhstan")
}

/// events/exercise_events.csv: event_id -> series ("" for none).
fn event_table_series() -> BTreeMap<String, String> {
    let mut reader = csv::Reader::from_path(kazakhstan().join("events/exercise_events.csv")).unwrap();
    let header = reader.headers().unwrap().clone();
    let (id, series) = (header.iter().position(|h| h == "event_id").unwrap(), header.iter().position(|h| h == "series").unwrap());
    reader.records().map(|r| r.unwrap()).map(|r| (r[id].to_string(), r[series].to_string())).collect()
}

#[test]
fn bundled_exercises_have_the_series_of_the_event_table() {
    let data = load(&[kazakhstan()], &LoadOptions { strict: true, ..LoadOptions::default() }).unwrap();
    let obs = &data.observations;
    let table = event_table_series();
    let series = series_of(obs);
    // event -> its series, from the loaded rows; every row of an event has the same.
    let mut of_event: BTreeMap<String, Option<String>> = BTreeMap::new();
    for (i, got) in series.iter().enumerate() {
        let r = obs.row(i);
        if r.channel != "exercises" {
            assert_eq!(obs.series(i), NONE, "{}: only exercises have a series", obs.location(i));
            continue;
        }
        let event = r.event_id.expect("every exercise row has an event").to_string();
        let coded = Some(table[&event].clone()).filter(|s| !s.is_empty());
        assert_eq!(got, &coded, "{}: {event}", obs.location(i));
        let first = of_event.entry(event).or_insert_with(|| got.clone());
        assert_eq!(first, got, "{}: another series than its event's first row", obs.location(i));
    }
    let in_series = of_event.values().filter(|s| s.is_some()).count();
    let names: std::collections::BTreeSet<&String> = of_event.values().flatten().collect();
    assert_eq!((of_event.len(), in_series, names.len()), (122, 76, 23));
    // One spelling for the Interaction series (MME writes it two ways).
    assert!(names.contains(&"Vzaimodeistviye".to_string()) && !names.contains(&"Vzaimodeystviye".to_string()));

    // By hand, against the event table and the MME extract: mme2340 "Steppe Eagle 2003"
    // (Series_Name "Steppe Eagle"; United Kingdom, United States); mme3285
    // "Vzaimodeystviye (Collaboration) 2009" (Series_Name "Vzaimodeystviye", written
    // "Vzaimodeistviye"; Armenia, Kyrgyzstan, Russia, Tajikistan); mme1249 (unnamed, no
    // series; Kyrgyzstan, Russia, Uzbekistan).
    let event_rows = |event: &str| -> Vec<(String, Option<String>)> {
        (0..obs.len())
            .filter(|&i| obs.row(i).event_id == Some(event))
            .map(|i| (obs.row(i).partner.to_string(), series[i].clone()))
            .collect()
    };
    let with = |partners: &[&str], s: Option<&str>| -> Vec<(String, Option<String>)> {
        partners.iter().map(|p| (p.to_string(), s.map(str::to_string))).collect()
    };
    assert_eq!(event_rows("mme2340"), with(&["United Kingdom", "United States"], Some("Steppe Eagle")));
    assert_eq!(event_rows("mme3285"), with(&["Armenia", "Kyrgyzstan", "Russia", "Tajikistan"], Some("Vzaimodeistviye")));
    assert_eq!(event_rows("mme1249"), with(&["Kyrgyzstan", "Russia", "Uzbekistan"], None));

    // And through attribution: the Russian vector pools the CSTO's mme3285 into Russia,
    // which keeps the series.
    let mut frameworks = data.frameworks.clone();
    frameworks.blocs = vec![Bloc::led_by_state(&frameworks, "Russia")];
    let out = attribute(obs, &frameworks, Attribution { mode: Mode::RussianVector, split_events: false });
    let pooled: Vec<(String, Option<String>)> = (0..out.len())
        .filter(|&i| out.row(i).event_id == Some("mme3285"))
        .map(|i| (out.row(i).partner.to_string(), out.row(i).series.map(str::to_string)))
        .collect();
    assert_eq!(pooled, with(&["Russia"], Some("Vzaimodeistviye")));
}
