//! The report as a list of sections, each built by one pure function from the analysis
//! result (`Input`): the report's order is the order of `SECTIONS`, and the Markdown and
//! HTML renderers (`report::blocks`) draw the same blocks.
mod calibration;
mod data;
mod headline;
mod multiverse;
mod probabilities;

use std::collections::BTreeMap;

use super::blocks::Block;
use super::prose;
use super::tables::TrendEntry;
use super::texts::Texts;
use crate::theses::calibrate::Calibration;
use crate::theses::{Loaded, ThesesResult};

pub(crate) use data::coverage;

/// Everything a section may read: the analysis as loaded, its result, the trend tests,
/// the calibration, the case's texts and each channel's sources.
pub(crate) struct Input<'a> {
    pub loaded: &'a Loaded,
    pub result: &'a ThesesResult,
    pub trends: &'a [TrendEntry],
    pub calibration: &'a Calibration,
    pub texts: Texts,
    pub sources: BTreeMap<String, Vec<String>>,
}

impl<'a> Input<'a> {
    /// The input of the report of `result` (from `loaded`).
    pub(crate) fn new(loaded: &'a Loaded, result: &'a ThesesResult, trends: &'a [TrendEntry], calibration: &'a Calibration) -> Self {
        Input { loaded, result, trends, calibration, texts: Texts::of(&loaded.file, &result.focal), sources: sources(loaded) }
    }
}

/// A section: blocks from the input, nothing else read or written.
type Section = fn(&Input) -> Vec<Block>;

/// The report's sections, in order: (name, function).
const SECTIONS: [(&str, Section); 11] = [
    ("headline", |i| headline::headline_blocks(i.result, &i.texts, i.calibration)),
    ("evidence on demand", evidence),
    ("1. question", |i| data::question_blocks(&i.texts)),
    ("2. data", |i| data::data_blocks(i.loaded, &i.texts)),
    ("3. indices", |i| data::index_blocks(i.result)),
    ("4. trends", |i| data::trend_blocks(i.result, i.trends)),
    ("5. probabilities", |i| probabilities::probability_blocks(i.loaded, i.result)),
    ("6. calibration", calibration_section),
    ("7. multiverse", |i| multiverse::multiverse_blocks(i.result, &i.texts)),
    ("8. limitations", limitations),
    ("9. sources", sources_section),
];

/// The whole report: every section's blocks, in order.
pub(crate) fn blocks(input: &Input) -> Vec<Block> {
    SECTIONS.iter().flat_map(|(_, section)| section(input)).collect()
}

/// Each headline claim's evidence, to open on demand (none when only one period is left).
fn evidence(i: &Input) -> Vec<Block> {
    if crate::theses::headline::only_one_period(&i.result.main).is_some() {
        return vec![];
    }
    super::evidence::blocks(i.result, &i.texts.components, &i.sources)
}

fn calibration_section(i: &Input) -> Vec<Block> {
    let mut b = vec![Block::Heading(2, "6. What can these data detect? Calibration and power".into())];
    b.extend(calibration::calibration_blocks(i.calibration, &i.result.focal));
    b
}

fn limitations(i: &Input) -> Vec<Block> {
    vec![Block::Heading(2, "8. Limitations".into()), Block::List(i.texts.limitations.clone())]
}

/// The case's sources, the releases the rows record and how the report was produced.
fn sources_section(i: &Input) -> Vec<Block> {
    let r = i.result;
    let mut sources = i.texts.sources.clone();
    if !r.releases.is_empty() {
        let releases: Vec<String> = r.releases.iter().map(|(c, s)| format!("{c}: \"{s}\"")).collect();
        sources.push(prose::SOURCES_RELEASES.fill(&[("releases", &releases.join("; "))]));
    }
    sources.push(prose::SOURCES_PRODUCED.fill(&[("version", &env!("CARGO_PKG_VERSION"))]));
    vec![Block::Heading(2, "9. Sources".into()), Block::List(sources)]
}
/// Channel → its sources as the coverage table names them ("source, first-last, release").
fn sources(loaded: &Loaded) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut sources = std::collections::BTreeMap::new();
    for (channel, spans) in &loaded.file.coverage {
        let mut names: Vec<String> = Vec::new();
        for s in spans {
            let release = s.data_source.as_ref().map_or(String::new(), |d| format!(", release \"{d}\""));
            let name = format!("{} ({}-{}{release})", s.source, s.first, s.last);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        sources.insert(channel.clone(), names);
    }
    sources
}
