//! The case-specific prose of a report: the analysis file's `[report]` texts with their
//! placeholders filled, or generic texts where the file has none.
use super::blocks::Block;
use crate::theses::report_text::{fill, ReportSection};
use crate::theses::spec::AnalysisFile;

/// The report's prose for one analysis.
pub struct Texts {
    pub reading: String,
    pub question: Vec<Block>,
    pub data_note: String,
    pub limitations: Vec<String>,
    pub sources: Vec<String>,
}

const READING: &str = "the analysis file's main specification";
const QUESTION: &str = "Did {subject}'s security cooperation diversify away from {focal}? Thesis 1: {focal} now shares the lead with other partners and there is no main partner. Thesis 2: cooperation grew broader, but the {focal} vector stays the strongest and keeps deepening.";
const DATA_NOTE: &str = "Analysis horizon {first_year}-{last_year}; multilateral frameworks attributed by `{attribution}`.";
const LIMITATIONS: [&str; 2] = [
    "With few yearly points per channel, tests have little power: intervals matter more than p-values, and 'inconclusive' is a finding, not a failure.",
    "Attribution of multilateral frameworks changes the {focal} share; the multiverse above shows how often it changes the verdict.",
];

impl Texts {
    /// The texts of `file` (canonical focal name `focal`), placeholders filled.
    pub fn of(file: &AnalysisFile, focal: &str) -> Texts {
        let values = [
            file.data.subject.clone(),
            focal.to_string(),
            file.data.first_year.to_string(),
            file.data.last_year.to_string(),
            file.attribution.mode.name().to_string(),
            file.data.vintage.clone(),
        ];
        let f = |t: &str| fill(t, &values);
        let r: &ReportSection = &file.report;
        let question = if r.question.is_empty() {
            vec![Block::Para(f(QUESTION))]
        } else {
            r.question
                .iter()
                .flat_map(|b| match (&b.text, &b.quote, &b.cite) {
                    (Some(text), _, _) => vec![Block::Para(f(text))],
                    (None, quote, cite) => {
                        let quote = Block::Quote(f(quote.as_deref().unwrap_or("")), f(cite.as_deref().unwrap_or("")));
                        let english = b.translation.iter().map(|t| Block::Para(format!("*Translation:* {}", f(t))));
                        std::iter::once(quote).chain(english).collect()
                    }
                })
                .collect()
        };
        let list = |items: &[String], default: Vec<String>| if items.is_empty() { default } else { items.iter().map(|t| f(t)).collect() };
        let vintage = (!file.data.vintage.is_empty()).then(|| format!("Data: {}.", file.data.vintage));
        Texts {
            reading: f(r.reading.as_deref().unwrap_or(READING)),
            question,
            data_note: f(r.data_note.as_deref().unwrap_or(DATA_NOTE)),
            limitations: list(&r.limitations, LIMITATIONS.iter().map(|t| f(t)).collect()),
            sources: list(&r.sources, vintage.into_iter().collect()),
        }
    }
}
