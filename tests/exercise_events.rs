//! The exercise event table (`datasets/kazakhstan/events/exercise_events.csv`) against the
//! vendored MME extract, the framework table and the bundled `exercises.csv`: every framework
//! of the exercise data comes from a row of the event table, and that row's framework follows
//! from its organiser and its co-participants' memberships (CODEBOOK.md, "Exercises").
//! Reads only repository files; the last test rebuilds the data in a temporary copy.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

type Row = BTreeMap<String, String>;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("datasets/kazakhstan")
}

/// A CSV file as rows of column name -> cell.
fn read(path: &Path) -> Vec<Row> {
    let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            header.iter().map(str::to_string).zip(r.iter().map(str::to_string)).collect()
        })
        .collect()
}

fn events() -> BTreeMap<String, Row> {
    read(&root().join("events/exercise_events.csv")).into_iter().map(|r| (r["event_id"].clone(), r)).collect()
}

fn exercises() -> Vec<Row> {
    read(&root().join("exercises.csv"))
}

/// partners.csv: every spelling (lower case) -> (canonical name, kind).
fn registry() -> BTreeMap<String, (String, String)> {
    let mut names = BTreeMap::new();
    for r in read(&root().join("../partners.csv")) {
        for alias in std::iter::once(r["partner"].as_str()).chain(r["aliases"].split(';')) {
            if !alias.trim().is_empty() {
                names.insert(alias.trim().to_lowercase(), (r["partner"].clone(), r["kind"].clone()));
            }
        }
    }
    names
}

fn canonical(reg: &BTreeMap<String, (String, String)>, name: &str) -> String {
    reg.get(&name.trim().to_lowercase()).unwrap_or_else(|| panic!("{name:?} not in partners.csv")).0.clone()
}

/// One MME exercise as the vendored extract lists it.
struct Mme {
    year: i32,
    name: String,
    series: String,
    /// Canonical co-participants (Kazakhstan and unidentified participants excluded).
    co: BTreeSet<String>,
    unidentified: usize,
    /// The extract's first row of the exercise (for its text fields).
    first: Row,
}

fn mme() -> BTreeMap<String, Mme> {
    let reg = registry();
    let mut out: BTreeMap<String, Mme> = BTreeMap::new();
    for r in read(&root().join("sources/mme/mme_v7_long_kazakhstan_exercises.csv")) {
        let e = out.entry(r["MMEID"].clone()).or_insert_with(|| Mme {
            year: r["year"].parse().unwrap(),
            name: r["Ex_Name"].clone(),
            series: r["Series_Name"].clone(),
            co: BTreeSet::new(),
            unidentified: 0,
            first: r.clone(),
        });
        match r["country"].as_str() {
            "Kazakhstan" => {}
            "-9" => e.unidentified += 1,
            country => {
                e.co.insert(canonical(&reg, country));
            }
        }
    }
    out
}

/// frameworks.csv: framework -> [(member, from, to)].
/// Framework → (member, from, to) spells.
type Memberships = BTreeMap<String, Vec<(String, i32, Option<i32>)>>;

fn memberships() -> Memberships {
    let mut out: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for r in read(&root().join("frameworks.csv")) {
        out.entry(r["framework"].clone()).or_default().push((
            r["member"].clone(),
            r["from_year"].parse().unwrap(),
            r["to_year"].parse().ok(),
        ));
    }
    out
}

fn member(m: &Memberships, framework: &str, state: &str, year: i32) -> bool {
    m[framework].iter().any(|(s, a, b)| s == state && *a <= year && b.is_none_or(|b| year <= b))
}

fn split(cell: &str) -> Vec<&str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// The events in the exercises channel: event_id -> its rows of exercises.csv.
fn channel_events() -> BTreeMap<String, Vec<Row>> {
    let mut out: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for r in exercises() {
        out.entry(r["event_id"].clone()).or_default().push(r);
    }
    out
}

#[test]
fn every_exercise_row_takes_its_framework_from_the_event_table() {
    let table = events();
    let channel = channel_events();
    for (id, rows) in &channel {
        let ev = table.get(id).unwrap_or_else(|| panic!("{id}: in exercises.csv but not in the event table"));
        assert_eq!(ev["in_exercises"], "yes", "{id}");
        for r in rows {
            assert_eq!(r["framework"], ev["framework"], "{id}: {} has another framework than its event", r["partner"]);
            assert_eq!(r["year"], ev["year"], "{id}");
        }
    }
    // And no event of the table that should be in the channel is missing from it.
    let listed: BTreeSet<&String> = table.iter().filter(|(_, e)| e["in_exercises"] == "yes").map(|(id, _)| id).collect();
    let present: BTreeSet<&String> = channel.keys().collect();
    assert_eq!(listed, present);
    assert!(present.len() > 100, "{} events", present.len());
}

/// An MME `Series_Name` as the event table writes it: one spelling per series
/// (CODEBOOK.md, "Series"); MME's other names unchanged.
fn written_series(mme: &str) -> &str {
    match mme {
        "Vzaimodeystviye" => "Vzaimodeistviye",
        "CE" => "Combined Endeavor",
        "CBE" => "Cooperative Best Effort",
        "Southern Shield" => "Yuzhny Shchit Sodruzhestva",
        other => other,
    }
}

#[test]
fn every_exercise_row_has_the_series_of_its_event() {
    let table = events();
    for (id, rows) in &channel_events() {
        for r in rows {
            assert_eq!(r["series"], table[id]["series"], "{id}: {}", r["partner"]);
        }
    }
    // The seed's series are written like MME's: no lower-case key is left.
    assert!(table.values().all(|e| e["series"].chars().next().is_none_or(char::is_uppercase)));
}

#[test]
fn event_table_covers_every_mme_exercise_and_every_seed_exercise_once() {
    let table = events();
    let mme = mme();
    assert_eq!(mme.len(), 113, "the extract's exercises");
    for (id, e) in &mme {
        let ev = table.get(id).unwrap_or_else(|| panic!("{id}: MME exercise without an event row"));
        assert_eq!(ev["year"], e.year.to_string(), "{id}");
        assert_eq!(ev["series"], written_series(&e.series), "{id}");
        assert!(ev["participants_source"] == "mme-v7" || ev["participants_source"] == "both", "{id}");
    }
    // Every seed exercise EX01-EX27 is one row: its own, or the MME row it was matched with.
    let mut seed_ids = BTreeSet::new();
    for ev in table.values() {
        if !ev["seed_id"].is_empty() {
            assert!(seed_ids.insert(ev["seed_id"].clone()), "{} named twice", ev["seed_id"]);
        }
        assert!(["military", "police"].contains(&ev["kind"].as_str()), "{}", ev["event_id"]);
        assert!(["mme-v7", "seed", "both"].contains(&ev["participants_source"].as_str()));
    }
    let expected: BTreeSet<String> = (1..=27).map(|k| format!("EX{k:02}")).collect();
    assert_eq!(seed_ids, expected);
    assert_eq!(table.len(), 113 + 27 - 8, "113 MME + 27 seed exercises, 8 of them the same");
}

#[test]
fn co_participants_are_the_mme_participants_plus_what_the_seed_adds() {
    let table = events();
    let reg = registry();
    let channel = channel_events();
    for (id, e) in mme() {
        let ev = &table[&id];
        let listed: BTreeSet<String> = split(&ev["co_participants"]).into_iter().map(str::to_string).collect();
        let from_seed: BTreeSet<String> =
            channel.get(&id).into_iter().flatten().filter(|r| r["source"] == "seed").map(|r| canonical(&reg, &r["partner"])).collect();
        let expected: BTreeSet<String> = e.co.union(&from_seed).cloned().collect();
        assert_eq!(listed, expected, "{id}");
        assert_eq!(ev["unidentified"], e.unidentified.to_string(), "{id}");
        assert_eq!(ev["n_co_participants"], (expected.len() + e.unidentified).to_string(), "{id}");
        // A seed row on an MME event adds a state MME does not list (its note says so).
        assert!(from_seed.is_disjoint(&e.co), "{id}: a seed row repeats an MME participant: {from_seed:?}");
    }
}

#[test]
fn no_event_names_a_partner_twice() {
    // mme1927 (Centrazbat-2000) had "USA" from the seed beside MME's "United States".
    let reg = registry();
    for (id, rows) in channel_events() {
        let mut seen = BTreeSet::new();
        for r in &rows {
            assert!(seen.insert(canonical(&reg, &r["partner"])), "{id}: {} twice", r["partner"]);
        }
    }
    let centrazbat: Vec<String> = channel_events()["mme1927"].iter().map(|r| r["partner"].clone()).collect();
    assert!(!centrazbat.contains(&"USA".to_string()), "{centrazbat:?}");
    assert!(centrazbat.contains(&"United States".to_string()), "{centrazbat:?}");
}

#[test]
fn uzbekistan_is_not_coded_for_centrazbat_2000() {
    // Neither MME nor the seed's lines on Centrazbat-2000 name Uzbekistan as a participant
    // (the seed names it as a co-founder of the battalion, lines 3213-3219).
    let e = &mme()["mme1927"];
    assert!(!e.co.contains("Uzbekistan"), "MME now lists Uzbekistan: revisit the coding");
    let partners: Vec<String> = channel_events()["mme1927"].iter().map(|r| r["partner"].clone()).collect();
    assert!(!partners.iter().any(|p| p == "Uzbekistan"), "{partners:?}");
    let ev = &events()["mme1927"];
    assert!(!ev["co_participants"].contains("Uzbekistan"));
    assert!(ev["note"].contains("Uzbekistan not coded"), "{}", ev["note"]);
}

#[test]
fn the_three_kazakh_russian_interaction_exercises_of_2008_are_bilateral() {
    let mme = mme();
    let table = events();
    let channel = channel_events();
    for id in ["mme3127", "mme3134", "mme3179"] {
        let e = &mme[id];
        assert_eq!(e.year, 2008);
        // Named after a series that the CSTO also uses, but only Russia took part.
        assert!(format!("{} {}", e.series, e.name).to_lowercase().contains("vzaimode") || e.name.contains("Interaction"), "{id}");
        assert_eq!(e.co, BTreeSet::from(["Russia".to_string()]), "{id}");
        assert_eq!(e.unidentified, 0);
        assert_eq!(table[id]["framework"], "bilateral", "{id}");
        assert!(channel[id].iter().all(|r| r["framework"] == "bilateral"), "{id}");
    }
}

#[test]
fn an_event_with_one_co_participant_is_bilateral_and_only_then() {
    let reg = registry();
    let kind = |p: &str| reg[&p.to_lowercase()].1.clone();
    for (id, ev) in events().iter().filter(|(_, e)| !e["framework"].is_empty()) {
        let co = split(&ev["co_participants"]);
        let one = co.len() == 1 && ev["unidentified"] == "0" && kind(co[0]) == "state";
        assert_eq!(ev["framework"] == "bilateral", one, "{id}: {} with {co:?}", ev["framework"]);
    }
    // Computed from MME alone: every MME exercise of Kazakhstan with exactly one other state.
    let table = events();
    let pairs: Vec<String> = mme().into_iter().filter(|(_, e)| e.co.len() == 1 && e.unidentified == 0).map(|(id, _)| id).collect();
    assert!(pairs.len() >= 20, "{pairs:?}");
    for id in pairs {
        if table[&id]["participants_source"] == "mme-v7" {
            assert_eq!(table[&id]["framework"], "bilateral", "{id}");
        }
    }
}

/// The framework rule, written again from CODEBOOK.md: the event table must agree with it.
fn expected_framework(ev: &Row, reg: &BTreeMap<String, (String, String)>, m: &Memberships) -> String {
    const MEMBERSHIP: [&str; 5] = ["CIS", "Collective Security Treaty", "CSTO", "SCO", "Shanghai Five"];
    let year: i32 = ev["year"].parse().unwrap();
    let co = split(&ev["co_participants"]);
    let states: Vec<&str> = co.iter().copied().filter(|p| reg[&p.to_lowercase()].1 == "state").collect();
    let n = co.len() + ev["unidentified"].parse::<usize>().unwrap();
    let organiser = ev["organiser"].as_str();
    if n == 1 && states.len() == 1 {
        "bilateral".into()
    } else if organiser != "unknown" {
        if MEMBERSHIP.contains(&organiser) && !states.iter().all(|s| member(m, organiser, s, year)) {
            "multilateral-other".into()
        } else {
            organiser.into()
        }
    } else if n >= 2 && states.len() == co.len() && states.iter().all(|s| member(m, "CIS", s, year)) {
        "post-soviet-multilateral".into()
    } else {
        "multilateral-other".into()
    }
}

#[test]
fn frameworks_follow_from_organiser_and_membership() {
    let reg = registry();
    let m = memberships();
    let mut by_framework: BTreeMap<String, usize> = BTreeMap::new();
    for (id, ev) in events().iter().filter(|(_, e)| !e["framework"].is_empty()) {
        assert_eq!(ev["framework"], expected_framework(ev, &reg, &m), "{id}: rule {:?}", ev["rule"]);
        *by_framework.entry(ev["framework"].clone()).or_default() += 1;
    }
    // Every framework that is an organisation was named by a source, never guessed.
    for (id, ev) in events() {
        let f = ev["framework"].as_str();
        if !["", "bilateral", "post-soviet-multilateral", "multilateral-other"].contains(&f) {
            assert_eq!(ev["organiser"], f, "{id}");
            assert!(!ev["organiser_locator"].is_empty() && !ev["organiser_quote"].is_empty(), "{id}");
        }
    }
    // The post-Soviet events without a named organiser are marked, not "multilateral-other".
    assert!(by_framework["post-soviet-multilateral"] >= 20, "{by_framework:?}");
    let mme2090 = &events()["mme2090"];
    assert_eq!(mme2090["framework"], "CIS", "MME: 'CIS unified air defence'");
}

#[test]
fn organiser_quotes_are_in_the_cited_mme_fields() {
    let mme = mme();
    let mut checked = 0;
    for (id, ev) in events() {
        match ev["organiser_source"].as_str() {
            "mme-v7" => {
                let (cited, field) = ev["organiser_locator"].split_once(' ').unwrap();
                let text = &mme[cited].first[field];
                assert!(text.contains(&ev["organiser_quote"]), "{id}: {:?} not in {cited} {field} {text:?}", ev["organiser_quote"]);
                checked += 1;
            }
            "seed" => {
                // The quote itself is checked against the seed text by tests/seed_text.rs.
                assert!(ev["organiser_locator"].starts_with("lines "), "{id}");
                assert!(!ev["organiser_quote"].is_empty(), "{id}");
            }
            "" => assert_eq!(ev["organiser"], "unknown", "{id}"),
            other => panic!("{id}: organiser source {other}"),
        }
    }
    assert!(checked >= 20, "{checked}");
}

#[test]
fn the_2012_csto_anti_drug_exercise_is_a_police_exercise_outside_the_channel() {
    let ev = &events()["EX18"];
    assert_eq!(ev["kind"], "police");
    assert_eq!(ev["in_exercises"], "no");
    assert_eq!(ev["organiser"], "CSTO");
    let channel = channel_events();
    assert!(!channel.contains_key("EX18"));
    for (id, ev) in events() {
        if ev["kind"] == "police" {
            assert!(!channel.contains_key(&id), "{id}: a police exercise in the exercises channel");
        }
    }
}

#[test]
fn regional_cooperation_has_one_framework_in_mme_and_seed_years() {
    let table = events();
    let series: Vec<&Row> = table.values().filter(|e| e["name"].contains("Regional Cooperation")).collect();
    let years: BTreeSet<&str> = series.iter().map(|e| e["year"].as_str()).collect();
    assert_eq!(years, BTreeSet::from(["2005", "2006", "2007", "2008", "2009", "2012"]));
    let frameworks: BTreeSet<&str> = series.iter().filter(|e| !e["framework"].is_empty()).map(|e| e["framework"].as_str()).collect();
    assert_eq!(frameworks, BTreeSet::from(["multilateral-other"]));
    // The seed's 2012 edition names no participant, so it cannot be coded as rows.
    assert_eq!(table["EX22"]["in_exercises"], "no");
    let channel = channel_events();
    for e in &series {
        for r in channel.get(&e["event_id"]).into_iter().flatten() {
            assert_eq!(r["framework"], "multilateral-other", "{}", e["event_id"]);
        }
    }
}

#[test]
fn coverage_table_agrees_with_the_data() {
    let cov = read(&root().join("events/coverage.csv"));
    let find = |channel: &str, source: &str| -> &Row {
        cov.iter().find(|r| r["channel"] == channel && r["source"] == source).unwrap_or_else(|| panic!("{channel} {source}"))
    };
    for r in &cov {
        assert!(!r["citation"].is_empty(), "{r:?}");
        assert!(["systematic", "examples", "total"].contains(&r["coverage"].as_str()), "{r:?}");
    }
    let mme = mme();
    let (first, last) = (mme.values().map(|e| e.year).min().unwrap(), mme.values().map(|e| e.year).max().unwrap());
    let m = find("exercises", "mme-v7");
    assert_eq!((m["coverage"].as_str(), m["first_year"].as_str(), m["last_year"].as_str()), ("systematic", "1995", "2010"));
    assert_eq!((first, last), (1995, 2010));
    let channel = channel_events();
    assert_eq!(m["events"], channel.keys().filter(|id| id.starts_with("mme")).count().to_string());
    let s = find("exercises", "seed");
    assert_eq!(s["coverage"], "examples");
    assert_eq!(s["last_year"], "2013");
    assert_eq!(s["events"], channel.keys().filter(|id| id.starts_with("EX")).count().to_string());
    let a = find("arms", "sipri-tiv-2022-07");
    assert_eq!((a["coverage"].as_str(), a["source_span"].as_str()), ("systematic", "1992-2021"));
    let training: Vec<&Row> = cov.iter().filter(|r| r["channel"] == "training").collect();
    assert_eq!(training.len(), read(&root().join("training.csv")).len());
    assert!(training.iter().all(|r| r["coverage"] == "total"));
}

/// Every file the build writes, relative to datasets/kazakhstan.
const BUILT: [&str; 9] = [
    "arms.csv",
    "arms_aid.csv",
    "arms_items.csv",
    "training.csv",
    "training_places.csv",
    "exercises.csv",
    "agreements.csv",
    "events/exercise_events.csv",
    "events/coverage.csv",
];

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn the_build_is_deterministic_and_reproduces_the_committed_files() {
    // A copy of what the build reads: the script, the vendored sources and the two registries.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("kazakhstan");
    copy_dir(&root().join("build"), &copy.join("build"));
    copy_dir(&root().join("sources"), &copy.join("sources"));
    std::fs::copy(root().join("frameworks.csv"), copy.join("frameworks.csv")).unwrap();
    std::fs::copy(root().join("../partners.csv"), dir.path().join("partners.csv")).unwrap();
    let mut runs = Vec::new();
    for _ in 0..2 {
        let out = Command::new("python3")
            .arg(copy.join("build/build_datasets.py"))
            .output()
            .expect("python3 is needed to rebuild the bundled datasets (README)");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        runs.push(BUILT.map(|f| std::fs::read(copy.join(f)).unwrap()));
    }
    assert!(runs[0] == runs[1], "two builds differ");
    for (k, f) in BUILT.iter().enumerate() {
        let committed = std::fs::read(root().join(f)).unwrap();
        assert!(committed == runs[0][k], "{f}: the committed file is not what the build writes (rerun build_datasets.py)");
    }
}
