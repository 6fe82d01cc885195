//! The analysis file's optional `[report]` section: the case-specific prose of the report
//! (how the main specification is named, the question, the data note, limitations,
//! sources), with placeholders for the analysis file's own values.
use serde::{Deserialize, Serialize};

/// Prose the report takes from the analysis file; a key left out gets a generic text.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSection {
    /// How the result line names the main specification ("the author's own reading").
    pub reading: Option<String>,
    /// Section 1, "Question": paragraphs (`text`) and quotations (`quote` with `cite`).
    #[serde(default)]
    pub question: Vec<TextBlock>,
    /// The note under the coverage table of section 2.
    pub data_note: Option<String>,
    /// Section 8, one item each.
    #[serde(default)]
    pub limitations: Vec<String>,
    /// Section 9, one item each (the line naming multivector is always added).
    #[serde(default)]
    pub sources: Vec<String>,
    /// How the report words the theses and their components in this case's terms.
    #[serde(default)]
    pub terms: Terms,
}

/// The case's words for the theses and the claims (`[report.terms]`); a key left out gets
/// a generic text that names the focal partner (`{focal}`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    /// Thesis 1 in words, e.g. "Thesis 1 ({focal} shares the lead, no main partner)".
    pub thesis_1: Option<String>,
    /// Thesis 2 in words.
    pub thesis_2: Option<String>,
    /// The thesis component measured by D3, e.g. "{focal} strongest".
    pub strongest: Option<String>,
    /// The component measured by D4, e.g. "deepening with {focal}".
    pub deepening: Option<String>,
    /// The component measured by C4, e.g. "{focal} shares the lead".
    pub shares_lead: Option<String>,
    /// Section 1's paragraph that names the claims.
    pub claims: Option<String>,
    /// Section 7's note on what the pooling attribution modes count, in parentheses.
    pub attribution_note: Option<String>,
}

/// One piece of the question: a paragraph, or a quotation with its citation and,
/// optionally, an English translation.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextBlock {
    /// A paragraph.
    pub text: Option<String>,
    /// A quotation.
    pub quote: Option<String>,
    /// The quotation's citation.
    pub cite: Option<String>,
    /// An English translation of the quotation.
    pub translation: Option<String>,
}

/// The placeholders every report text may use, and what fills them.
pub(crate) const PLACEHOLDERS: [&str; 6] = ["{subject}", "{focal}", "{first_year}", "{last_year}", "{attribution}", "{vintage}"];

impl ReportSection {
    /// The first malformed entry, as (key, what was expected).
    pub fn problem(&self) -> Option<(String, &'static str)> {
        for (k, block) in self.question.iter().enumerate() {
            let key = format!("report.question[{}]", k + 1);
            match (&block.text, &block.quote, &block.cite, &block.translation) {
                (Some(_), None, None, None) | (None, Some(_), Some(_), _) => {}
                _ => return Some((key, "either text = \"…\" or quote = \"…\" with cite = \"…\" (and, if wanted, translation = \"…\")")),
            }
        }
        None
    }
}

impl ReportSection {
    /// The first text with a `{…}` that is no placeholder, or an unclosed `{`: (key, what
    /// was found), since it would be printed verbatim.
    pub fn unknown_placeholder<'s>(&'s self) -> Option<(String, String)> {
        let t = &self.terms;
        let mut texts: Vec<(String, &'s str)> = Vec::new();
        let mut add = |key: String, text: Option<&'s String>| texts.extend(text.map(|x| (key, x.as_str())));
        add("report.reading".into(), self.reading.as_ref());
        add("report.data_note".into(), self.data_note.as_ref());
        for (k, b) in self.question.iter().enumerate() {
            for text in [&b.text, &b.quote, &b.cite, &b.translation] {
                add(format!("report.question[{}]", k + 1), text.as_ref());
            }
        }
        self.limitations.iter().for_each(|x| add("report.limitations".into(), Some(x)));
        self.sources.iter().for_each(|x| add("report.sources".into(), Some(x)));
        for (name, text) in [
            ("thesis_1", &t.thesis_1),
            ("thesis_2", &t.thesis_2),
            ("strongest", &t.strongest),
            ("deepening", &t.deepening),
            ("shares_lead", &t.shares_lead),
            ("claims", &t.claims),
            ("attribution_note", &t.attribution_note),
        ] {
            add(format!("report.terms.{name}"), text.as_ref());
        }
        texts.into_iter().find_map(|(key, text)| unknown_in(text).map(|p| (key, p)))
    }
}

/// The first `{…}` of `text` that is no placeholder (`{Subject}`, `{ subject }`,
/// `{first-year}` as well as `{subjct}`), or an unclosed `{`: braces in report prose are
/// reserved for placeholders, since anything else would be printed verbatim.
fn unknown_in(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let unclosed = || Some(format!("{{{} (no closing brace)", after.chars().take(20).collect::<String>()));
        let Some(close) = after.find('}') else { return unclosed() };
        if after[..close].contains('{') {
            return unclosed();
        }
        let candidate = format!("{{{}}}", &after[..close]);
        if !PLACEHOLDERS.contains(&candidate.as_str()) {
            return Some(candidate);
        }
        rest = &after[close + 1..];
    }
    None
}

/// `text` with every placeholder replaced by `values` (in the order of `PLACEHOLDERS`).
pub(crate) fn fill(text: &str, values: &[String; 6]) -> String {
    PLACEHOLDERS.iter().zip(values).fold(text.to_string(), |t, (p, v)| t.replace(p, v))
}
