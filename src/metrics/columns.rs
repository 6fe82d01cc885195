//! The index columns, defined once: name, kind and accessor of every metric of a suite
//! (docs/METHODS.md §3). `Suite::metric` and the CSV, JSON, Parquet and terminal writers
//! of the index table all read this table.
use super::{Flags, Suite};

/// What a column holds; it decides the column's text, JSON type, Parquet type and alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A real number (an empty cell or null when undefined).
    Number,
    /// A whole number (richness, a rank).
    Count,
    /// A partner's name.
    Partner,
    /// The list of flags (`empty;single;tie;partial-window`).
    Flags,
}

/// One cell's value before it becomes text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// A real number; `None` when undefined.
    Number(Option<f64>),
    /// A whole number; `None` when undefined.
    Count(Option<usize>),
    /// A partner's name; `None` when undefined.
    Partner(Option<&'a str>),
    /// The group's flags.
    Flags(Flags),
}

impl Value<'_> {
    /// The value as a number (a count as f64); `None` when undefined, for names and flags.
    pub fn number(self) -> Option<f64> {
        match self {
            Value::Number(x) => x,
            Value::Count(n) => n.map(|n| n as f64),
            Value::Partner(_) | Value::Flags(_) => None,
        }
    }
}

/// One metric column of the index table.
#[derive(Clone, Copy)]
pub struct Metric {
    /// The column name (an interface: docs/METHODS.md §3).
    pub name: &'static str,
    /// What the column holds.
    pub kind: Kind,
    /// Multiplied by the table's HHI scale (1 or 10,000) when written.
    pub hhi_scaled: bool,
    /// The column's value in a suite.
    pub value: for<'a> fn(&'a Suite) -> Value<'a>,
}

impl Metric {
    /// This column's value in `suite`, with the HHI scale applied.
    pub fn of<'a>(&self, suite: &'a Suite, hhi_scale: f64) -> Value<'a> {
        match (self.value)(suite) {
            Value::Number(x) if self.hhi_scaled => Value::Number(x.map(|x| x * hhi_scale)),
            value => value,
        }
    }

    /// True for the columns a trend or a bootstrap can use (numbers and counts).
    pub fn is_numeric(&self) -> bool {
        matches!(self.kind, Kind::Number | Kind::Count)
    }
}

const fn number(name: &'static str, value: for<'a> fn(&'a Suite) -> Value<'a>) -> Metric {
    Metric { name, kind: Kind::Number, hhi_scaled: false, value }
}

/// Every metric column of the suite, in output order (docs/METHODS.md §3).
pub const METRICS: [Metric; 18] = [
    number("total", |s| Value::Number(Some(s.total))),
    Metric { name: "richness", kind: Kind::Count, hhi_scaled: false, value: |s| Value::Count(Some(s.richness)) },
    Metric { name: "hhi", kind: Kind::Number, hhi_scaled: true, value: |s| Value::Number(s.hhi) },
    number("hhi_norm", |s| Value::Number(s.hhi_norm)),
    number("unctad", |s| Value::Number(s.unctad)),
    number("enp", |s| Value::Number(s.enp)),
    number("shannon", |s| Value::Number(s.shannon)),
    number("hill1", |s| Value::Number(s.hill1)),
    number("pielou", |s| Value::Number(s.pielou)),
    number("gini", |s| Value::Number(s.gini)),
    number("theil", |s| Value::Number(s.theil)),
    number("cr1", |s| Value::Number(s.cr1)),
    Metric { name: "cr1_partner", kind: Kind::Partner, hhi_scaled: false, value: |s| Value::Partner(s.cr1_partner.as_deref()) },
    number("cr3", |s| Value::Number(s.cr3)),
    number("focal_share", |s| Value::Number(s.focal_share)),
    Metric { name: "focal_rank", kind: Kind::Count, hhi_scaled: false, value: |s| Value::Count(s.focal_rank) },
    number("dominance", |s| Value::Number(s.dominance)),
    Metric { name: "flags", kind: Kind::Flags, hhi_scaled: false, value: |s| Value::Flags(s.flags) },
];

/// The metric column called `name`.
pub fn metric(name: &str) -> Option<&'static Metric> {
    METRICS.iter().find(|m| m.name == name)
}
