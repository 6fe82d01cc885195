//! The registry's regions (datasets/REGIONS.md): every partner has one, the post-Soviet
//! partners are exactly the documented list, and a registry with a wrong region is refused.
use std::collections::BTreeSet;
use std::process::Command;

use multivector::data::registry::{Region, Registry};

const REGISTRY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/partners.csv");
const REGIONS_DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/datasets/REGIONS.md");

/// (partner, region cell) of every data row of the registry file, read with a plain CSV reader.
fn region_cells() -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_path(REGISTRY).unwrap();
    let header = reader.headers().unwrap().clone();
    let column = header.iter().position(|h| h == "region").expect("partners.csv has a region column");
    reader.records().map(|r| r.unwrap()).map(|r| (r[0].to_string(), r[column].to_string())).collect()
}

#[test]
fn every_partner_of_the_bundled_registry_has_a_known_region() {
    let allowed: BTreeSet<&str> = Region::ALL.iter().map(|r| r.name()).collect();
    let cells = region_cells();
    assert!(cells.len() > 50, "{} partners", cells.len());
    let missing: Vec<&(String, String)> = cells.iter().filter(|(_, region)| !allowed.contains(region.as_str())).collect();
    assert!(missing.is_empty(), "partners without a known region: {missing:?}");
    let registry = Registry::read(REGISTRY).unwrap();
    for (name, region) in &cells {
        assert_eq!(registry.region(name).map(Region::name), Some(region.as_str()), "{name}");
    }
}

#[test]
fn the_post_soviet_partners_are_exactly_the_documented_list() {
    // The first column of the table under "## The post-Soviet space" in REGIONS.md.
    let doc = std::fs::read_to_string(REGIONS_DOC).unwrap();
    let section = doc.split("## The post-Soviet space").nth(1).unwrap().split("\n## ").next().unwrap();
    let documented: BTreeSet<String> = section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| partner"))
        .map(|l| l.trim_start_matches("| ").split(" |").next().unwrap().to_string())
        .collect();
    assert_eq!(documented.len(), 21, "{documented:?}");
    let registered: BTreeSet<String> = region_cells().into_iter().filter(|(_, r)| r == "post-soviet").map(|(p, _)| p).collect();
    assert_eq!(registered, documented);
    // The fifteen successor states by ISO3 code, and the Soviet Union (SUN).
    let registry = Registry::read(REGISTRY).unwrap();
    let iso: BTreeSet<&str> =
        registry.partners.iter().filter(|p| p.region == Some(Region::PostSoviet)).filter_map(|p| p.iso3.as_deref()).collect();
    let successors = ["ARM", "AZE", "BLR", "EST", "GEO", "KAZ", "KGZ", "LTU", "LVA", "MDA", "RUS", "SUN", "TJK", "TKM", "UKR", "UZB"];
    assert_eq!(iso, successors.into_iter().collect::<BTreeSet<&str>>());
}

#[test]
fn a_registry_with_a_missing_or_unknown_region_is_refused_with_its_line_and_column() {
    let dir = std::env::temp_dir().join(format!("multivector-regions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let registry = dir.join("partners.csv");
    std::fs::write(
        &registry,
        "partner,iso3,kind,region,aliases\nRussia,RUS,state,post-soviet,Russland\nChina,CHN,state,,\nNarnia,,state,narnia,\n",
    )
    .unwrap();
    let data = dir.join("data.csv");
    std::fs::write(&data, "subject,channel,partner,year,value\nKazakhstan,arms,Russia,2000,1\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_multivector")).arg("validate").arg("--partners").arg(&registry).arg(&data).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("partners.csv:3:4") && stderr.contains("found \"\""), "{stderr}");
    assert!(stderr.contains("partners.csv:4:4") && stderr.contains("found \"narnia\""), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}
