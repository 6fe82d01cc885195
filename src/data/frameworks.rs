//! The framework table: multilateral frameworks (CSTO, SCO, CIS, NATO-PfP …), their lead states and members by year.
use std::collections::BTreeMap;

use super::issue::Issue;
use super::registry::Registry;
use super::table_file::TextTable;
use crate::error::{Error, Result};

/// One membership spell: `member` belonged to the framework from `from` to `to` (inclusive; open = still).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Membership {
    /// The member's canonical name.
    pub member: String,
    /// First year of membership.
    pub from: i32,
    /// Last year of membership; `None` while it lasts.
    pub to: Option<i32>,
}

/// A multilateral framework.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Framework {
    /// The framework's name (CSTO, SCO, …).
    pub name: String,
    /// Lead state(s); a framework event attributed by `lead` is split equally among them.
    pub lead: Vec<String>,
    /// Membership spells, in file order.
    pub members: Vec<Membership>,
}

impl Framework {
    /// Members in `year`, sorted by name.
    pub fn members_in(&self, year: i32) -> Vec<&str> {
        let mut m: Vec<&str> =
            self.members.iter().filter(|s| s.from <= year && s.to.is_none_or(|t| year <= t)).map(|s| s.member.as_str()).collect();
        m.sort_unstable();
        m.dedup();
        m
    }
}

/// A bloc: partners pooled into one by the `russian-vector` and `bloc` attributions
/// (docs/METHODS.md §2.3). Blocs are data of the analysis file, not of the library.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bloc {
    /// The pooled partner's name (e.g. "Russia" for the Russian vector).
    pub name: String,
    /// Partners pooled into the bloc: a state and the frameworks it leads.
    pub partners: Vec<String>,
    /// Frameworks that define the bloc's composition: an event whose participants besides
    /// the subject are all members of one of them in its year (or bloc partners), one of
    /// them a bloc partner, counts once for the bloc.
    #[serde(default)]
    pub composition: Vec<String>,
    /// An event under a framework whose lead states are all among these counts once for
    /// the bloc.
    #[serde(default)]
    pub led_by: Vec<String>,
}

impl Bloc {
    /// The vector of `state` as the framework table defines it: the state and every
    /// framework it alone leads (partners and composition), events led by it.
    pub fn led_by_state(frameworks: &Frameworks, state: &str) -> Bloc {
        let led: Vec<String> =
            frameworks.by_name.values().filter(|f| f.lead.len() == 1 && f.lead[0] == state).map(|f| f.name.clone()).collect();
        Bloc {
            name: state.to_string(),
            partners: std::iter::once(state.to_string()).chain(led.iter().cloned()).collect(),
            composition: led,
            led_by: vec![state.to_string()],
        }
    }

    /// Whether `partner` is pooled into the bloc.
    pub fn pools(&self, partner: &str) -> bool {
        self.partners.iter().any(|p| p == partner)
    }
}

/// All frameworks, by name, and the blocs of the analysis (empty unless set).
#[derive(Debug, Clone, Default)]
pub struct Frameworks {
    /// Every framework, by its name.
    pub by_name: BTreeMap<String, Framework>,
    /// Blocs for `russian-vector` (the first bloc, the focal partner's vector) and `bloc`
    /// (every bloc), in the analysis file's order.
    pub blocs: Vec<Bloc>,
}

impl Frameworks {
    /// Reads `framework, lead, member, from_year, to_year` rows (one per membership spell;
    /// `lead` is `;`-separated and must agree across a framework's rows). Member and lead
    /// names are canonicalised through `registry`; with `strict` (as the analyses load), a
    /// name the registry does not know is an error, else only one close to a known name.
    pub fn read(path: &str, registry: &Registry, strict: bool) -> Result<Frameworks> {
        let table = TextTable::read(path, &["framework", "lead", "member", "from_year", "to_year"])?;
        let mut out = Frameworks::default();
        let mut issues = Vec::new();
        for (line, row) in &table.rows {
            if let Err(issue) = out.add_row(&table, *line, row, (registry, strict)) {
                issues.push(issue);
            }
        }
        if issues.is_empty() {
            Ok(out)
        } else {
            Err(Error::Input(issues))
        }
    }

    /// Adds one membership spell row; returns the first problem of the row instead.
    fn add_row(
        &mut self,
        table: &TextTable,
        line: u64,
        row: &[String],
        (registry, strict): (&Registry, bool),
    ) -> std::result::Result<(), Issue> {
        let canonical = |n: &str| registry.canonical(n).unwrap_or(n).to_string();
        let name = table.cell(row, "framework");
        if name.is_empty() {
            return Err(table.issue(line, "framework", "expected a framework name, found an empty cell"));
        }
        let leads: Vec<&str> = table.cell(row, "lead").split(';').map(str::trim).filter(|s| !s.is_empty()).collect();
        let member = table.cell(row, "member");
        for (column, who) in leads.iter().map(|l| ("lead", *l)).chain(std::iter::once(("member", member)).filter(|(_, m)| !m.is_empty())) {
            check_known(table, line, column, who, (registry, strict))?;
        }
        let lead: Vec<String> = leads.into_iter().map(canonical).collect();
        let (from, to) = spell_years(table, line, row)?;
        let entry = self.by_name.entry(name.to_string()).or_insert_with(|| Framework {
            name: name.to_string(),
            lead: lead.clone(),
            members: Vec::new(),
        });
        if entry.lead != lead {
            return Err(table.issue(
                line,
                "lead",
                format!("expected the same lead as earlier rows of {name} ({}), found {}", entry.lead.join(";"), lead.join(";")),
            ));
        }
        if member.is_empty() {
            return Err(table.issue(line, "member", "expected a member name, found an empty cell"));
        }
        entry.members.push(Membership { member: canonical(member), from, to });
        Ok(())
    }

    /// The framework called `name`, if the table has it.
    pub fn get(&self, name: &str) -> Option<&Framework> {
        self.by_name.get(name)
    }
}

/// A row's membership spell: from_year and to_year (None when empty), in order.
fn spell_years(table: &TextTable, line: u64, row: &[String]) -> std::result::Result<(i32, Option<i32>), Issue> {
    let from = table.cell(row, "from_year").parse::<i32>();
    let to_text = table.cell(row, "to_year");
    let to = if to_text.is_empty() { Ok(None) } else { to_text.parse::<i32>().map(Some) };
    let (Ok(from), Ok(to)) = (from, to) else {
        return Err(table.issue(line, "from_year", "expected integer years in from_year (and to_year, or empty)"));
    };
    if to.is_some_and(|t| t < from) {
        return Err(table.issue(line, "to_year", format!("expected to_year >= from_year ({from})")));
    }
    Ok((from, to))
}

/// A lead or member name the registry does not know: an error at its cell with the
/// closest names, since a misspelt lead or member would take or lose a framework's events
/// without a word. Without `strict` (as `validate` loads), a name unlike any registry name
/// passes, as unknown partners of the data do.
fn check_known(
    table: &TextTable,
    line: u64,
    column: &str,
    name: &str,
    (registry, strict): (&Registry, bool),
) -> std::result::Result<(), Issue> {
    if registry.canonical(name).is_some() {
        return Ok(());
    }
    let known: Vec<&str> = registry.partners.iter().map(|p| p.name.as_str()).collect();
    if !strict && crate::suggest::closest(name, known.iter().copied(), 1).is_empty() {
        return Ok(());
    }
    let hint = crate::suggest::hint(name, &known);
    Err(table.issue(line, column, format!("expected a partner of the registry (partners.csv), found \"{name}\"{hint}")))
}
