//! The partner registry: canonical partner names, ISO3 codes and aliases (German, English, SIPRI, MME …).
use std::collections::BTreeMap;

use super::table_file::TextTable;
use crate::error::{Error, Result};

/// One canonical partner.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Partner {
    /// The canonical name.
    pub name: String,
    /// The ISO 3166-1 alpha-3 code, for states that have one.
    pub iso3: Option<String>,
    /// state, organisation, framework, group, company, domestic …
    pub kind: String,
    /// Other spellings that map to this partner.
    pub aliases: Vec<String>,
    /// Its world region (None when the registry has no `region` column).
    pub region: Option<Region>,
}

/// A partner's world region (`region` column of the registry; datasets/REGIONS.md gives
/// the rules). The post-Soviet space is the Soviet Union's fifteen successor states, the
/// Soviet Union itself and the organisations whose members are all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    /// A successor state of the Soviet Union, or an organisation of them only.
    PostSoviet,
    /// Europe outside the post-Soviet space (Turkey included).
    Europe,
    /// Asia outside the post-Soviet space and the Middle East.
    Asia,
    /// The Middle East.
    MiddleEast,
    /// Africa.
    Africa,
    /// North and South America.
    Americas,
    /// Oceania.
    Oceania,
    /// An organisation whose members span regions (the UN, NATO, the SCO).
    InternationalOrganisation,
    /// Not known (an unknown supplier, several partners at once).
    Unknown,
}

impl Region {
    /// Every region, in the order of the enum.
    pub const ALL: [Region; 9] = [
        Region::PostSoviet,
        Region::Europe,
        Region::Asia,
        Region::MiddleEast,
        Region::Africa,
        Region::Americas,
        Region::Oceania,
        Region::InternationalOrganisation,
        Region::Unknown,
    ];

    /// The name used in the registry file.
    pub fn name(self) -> &'static str {
        match self {
            Region::PostSoviet => "post-soviet",
            Region::Europe => "europe",
            Region::Asia => "asia",
            Region::MiddleEast => "middle-east",
            Region::Africa => "africa",
            Region::Americas => "americas",
            Region::Oceania => "oceania",
            Region::InternationalOrganisation => "international-organisation",
            Region::Unknown => "unknown",
        }
    }

    /// The region named `text` (as in the registry file).
    pub fn parse(text: &str) -> Option<Region> {
        Region::ALL.into_iter().find(|r| r.name() == text)
    }
}

/// Maps every spelling to one canonical name. Aliases only map spellings of one
/// entity; a spelling claimed by two partners is an error.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// The partners, in file order.
    pub partners: Vec<Partner>,
    lookup: BTreeMap<String, usize>,
}

/// The key a spelling is looked up by: trimmed, case-folded, inner whitespace collapsed.
pub(crate) fn spelling_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl Registry {
    /// Reads a registry file with columns `partner, iso3, kind, aliases` (aliases
    /// `;`-separated) and optionally `region` (one of `Region::name`; when the column is
    /// there, every partner needs one).
    pub fn read(path: &str) -> Result<Registry> {
        let table = TextTable::read(path, &["partner", "aliases"])?;
        Self::from_table(&table)
    }

    /// The registry bundled with multivector (`datasets/partners.csv`, shared by every case).
    pub fn bundled() -> Registry {
        let text = include_str!("../../datasets/partners.csv");
        Self::from_csv_text("<bundled partners.csv>", text).unwrap_or_default()
    }

    fn from_csv_text(name: &str, text: &str) -> Result<Registry> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        let mut records = reader.records().filter_map(|r| r.ok());
        let header: Vec<String> = records.next().map(|r| r.iter().map(str::to_string).collect()).unwrap_or_default();
        let rows = records.map(|r| (r.position().map_or(0, |p| p.line()), r.iter().map(|s| s.trim().to_string()).collect())).collect();
        Self::from_table(&TextTable { path: name.to_string(), header, rows })
    }

    fn from_table(table: &TextTable) -> Result<Registry> {
        let mut registry = Registry::default();
        let mut issues = Vec::new();
        let mut claimed: BTreeMap<String, (String, u64)> = BTreeMap::new();
        for (line, row) in &table.rows {
            let name = table.cell(row, "partner").to_string();
            if name.is_empty() {
                issues.push(table.issue(*line, "partner", "expected a canonical partner name, found an empty cell"));
                continue;
            }
            let aliases: Vec<String> =
                table.cell(row, "aliases").split(';').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect();
            let index = registry.partners.len();
            // The partner's own name sits in column `partner`, its aliases in `aliases`.
            let spellings = std::iter::once((&name, "partner")).chain(aliases.iter().map(|a| (a, "aliases")));
            for (spelling, column) in spellings {
                let key = spelling_key(spelling);
                match claimed.get(&key) {
                    Some((owner, owner_line)) if *owner == name && column == "partner" && owner_line != line => issues.push(table.issue(
                        *line,
                        column,
                        format!("partner \"{name}\" is already defined on line {owner_line}: expected each partner once"),
                    )),
                    Some((owner, _)) if *owner == name => {}
                    Some((owner, owner_line)) => issues.push(table.issue(
                        *line,
                        column,
                        format!(
                            "spelling \"{spelling}\" already belongs to \"{owner}\" (line {owner_line}); an alias may name one entity only"
                        ),
                    )),
                    None => {
                        claimed.insert(key.clone(), (name.clone(), *line));
                        registry.lookup.insert(key, index);
                    }
                }
            }
            let iso3 = Some(table.cell(row, "iso3").to_string()).filter(|s| !s.is_empty());
            let kind = Some(table.cell(row, "kind").to_string()).filter(|s| !s.is_empty()).unwrap_or_else(|| "state".into());
            let region = if table.position("region").is_some() {
                let text = table.cell(row, "region");
                let region = Region::parse(text);
                if region.is_none() {
                    let allowed: Vec<&str> = Region::ALL.iter().map(|r| r.name()).collect();
                    issues.push(table.issue(*line, "region", format!("expected a region ({}), found \"{text}\"", allowed.join(", "))));
                }
                region
            } else {
                None
            };
            registry.partners.push(Partner { name, iso3, kind, aliases, region });
        }
        if issues.is_empty() {
            Ok(registry)
        } else {
            Err(Error::Input(issues))
        }
    }

    /// The canonical name for a spelling, if the registry knows it.
    pub fn canonical(&self, spelling: &str) -> Option<&str> {
        self.lookup.get(&spelling_key(spelling)).map(|&i| self.partners[i].name.as_str())
    }

    /// The partner a spelling (canonical name or alias) stands for, if the registry knows it.
    pub fn get(&self, canonical: &str) -> Option<&Partner> {
        self.lookup.get(&spelling_key(canonical)).map(|&i| &self.partners[i])
    }

    /// The region of the partner a spelling stands for (None when the registry does not
    /// know the partner or has no regions).
    pub fn region(&self, spelling: &str) -> Option<Region> {
        self.get(spelling).and_then(|p| p.region)
    }

    /// The number of partners.
    pub fn len(&self) -> usize {
        self.partners.len()
    }

    /// Whether the registry has no partner.
    pub fn is_empty(&self) -> bool {
        self.partners.is_empty()
    }
}
