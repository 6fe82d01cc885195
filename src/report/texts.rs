//! The case-specific prose of a report: the analysis file's `[report]` texts with their
//! placeholders filled, or generic texts where the file has none.
use super::blocks::Block;
use super::prose;
use crate::theses::report_text::{fill, ReportSection};
use crate::theses::spec::AnalysisFile;
use crate::theses::status::Claim;

/// The report's prose for one analysis.
pub struct Texts {
    pub reading: String,
    pub question: Vec<Block>,
    pub data_note: String,
    pub limitations: Vec<String>,
    pub sources: Vec<String>,
    /// The theses T1 and T2 in words.
    pub thesis_1: String,
    pub thesis_2: String,
    /// The headline's thesis components: (claim id, words).
    pub components: [(Claim, String); 10],
    pub claims: String,
    pub attribution_note: String,
}

const READING: &str = "the analysis file's main specification";
const THESIS_1: &str = "Thesis 1 ({focal} shares the lead, no main partner)";
const THESIS_2: &str = "Thesis 2 (broader cooperation, {focal} strongest and deepening)";
const STRONGEST: &str = "{focal} strongest";
const DEEPENING: &str = "deepening with {focal}";
const SHARES_LEAD: &str = "{focal} shares the lead";

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
            vec![Block::Para(f(prose::QUESTION.text()))]
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
        let term = |given: &Option<String>, default: &str| f(given.as_deref().unwrap_or(default));
        let t = &r.terms;
        Texts {
            thesis_1: term(&t.thesis_1, THESIS_1),
            thesis_2: term(&t.thesis_2, THESIS_2),
            components: [
                (Claim::C1, "scope grew".to_string()),
                (Claim::C2, "content broadened".to_string()),
                (Claim::C3, "beyond the post-Soviet space".to_string()),
                (Claim::D3, term(&t.strongest, STRONGEST)),
                (Claim::D4, term(&t.deepening, DEEPENING)),
                (Claim::D4Continuous, format!("continuous {}", term(&t.deepening, DEEPENING))),
                (Claim::C4, term(&t.shares_lead, SHARES_LEAD)),
                (Claim::C5, "no main partner".to_string()),
                (Claim::C7, format!("{focal}'s lead narrowed")),
                (Claim::C6, "the leader depends on the field".to_string()),
            ],
            claims: term(&t.claims, prose::CLAIMS.text()),
            attribution_note: term(&t.attribution_note, prose::ATTRIBUTION_NOTE.text()),
            reading: f(r.reading.as_deref().unwrap_or(READING)),
            question,
            data_note: f(r.data_note.as_deref().unwrap_or(prose::DATA_NOTE.text())),
            limitations: list(
                &r.limitations,
                [prose::LIMITATION_THIN_DATA, prose::LIMITATION_ATTRIBUTION].iter().map(|t| f(t.text())).collect(),
            ),
            sources: list(&r.sources, vintage.into_iter().collect()),
        }
    }
}
