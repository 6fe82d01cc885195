//! The report's prose: its sentences and paragraphs as Markdown templates, one file each
//! in src/report/prose/, compiled in. A template names its values in braces
//! (`{worlds}`), filled by `Prose::fill`; the case placeholders of the analysis file's
//! `[report]` section (`{subject}`, `{focal}`, … in `theses::report_text`) are filled by
//! `report::texts` as before. Case prose stays in the analysis file.
use std::fmt::Display;

/// One template: the text of its file without the final line break.
pub(crate) struct Prose(&'static str);

impl Prose {
    /// The template's text as it stands (for prose without values).
    pub(crate) fn text(&self) -> &'static str {
        self.0.strip_suffix('\n').unwrap_or(self.0)
    }

    /// The text with every `{name}` of `values` replaced by its value, in one pass (a
    /// value is never read as a template); any other brace is left as it is.
    pub(crate) fn fill(&self, values: &[(&str, &dyn Display)]) -> String {
        let mut out = String::new();
        let mut rest = self.text();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| values.iter().find(|(n, _)| *n == &after[..close]).map(|v| (close, v.1)));
            match value {
                Some((close, v)) => {
                    out.push_str(&v.to_string());
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// Templates as a JSON object of their texts by the names a page script uses.
pub(crate) fn templates_json(templates: &[(&str, &Prose)]) -> serde_json::Value {
    serde_json::Value::Object(templates.iter().map(|(name, t)| (name.to_string(), serde_json::json!(t.text()))).collect())
}

/// A template of src/report/prose/.
macro_rules! template {
    ($file:literal) => {
        Prose(include_str!(concat!("prose/", $file, ".md")))
    };
}

// The report's headline (section 0) and the case's default texts (`report::texts`).
pub(crate) const TITLE: Prose = template!("title");
pub(crate) const RESULT: Prose = template!("result");
pub(crate) const RESULT_ROBUSTNESS: Prose = template!("result_robustness");
pub(crate) const RESULT_MOVES_MOST: Prose = template!("result_moves_most");
pub(crate) const CALIBRATION_SENTENCE: Prose = template!("calibration_sentence");
pub(crate) const ONLY_ONE_PERIOD: Prose = template!("only_one_period");
pub(crate) const THESIS_SENTENCE: Prose = template!("thesis_sentence");
pub(crate) const INCONCLUSIVE: Prose = template!("inconclusive");
pub(crate) const QUESTION: Prose = template!("question");
pub(crate) const DATA_NOTE: Prose = template!("data_note");
pub(crate) const CLAIMS: Prose = template!("claims");
pub(crate) const ATTRIBUTION_NOTE: Prose = template!("attribution_note");
pub(crate) const LIMITATION_THIN_DATA: Prose = template!("limitation_thin_data");
pub(crate) const LIMITATION_ATTRIBUTION: Prose = template!("limitation_attribution");
pub(crate) const SOURCES_RELEASES: Prose = template!("sources_releases");
pub(crate) const SOURCES_PRODUCED: Prose = template!("sources_produced");

// Sections 2 to 5: coverage, indices, trends, probabilities.
pub(crate) const COVERAGE: Prose = template!("coverage");
pub(crate) const INDICES_NOTE: Prose = template!("indices_note");
pub(crate) const TRENDS_NOTE: Prose = template!("trends_note");
pub(crate) const PROBABILITIES_NOTE: Prose = template!("probabilities_note");
pub(crate) const FIELDS_NOTE: Prose = template!("fields_note");

// Section 6: calibration and power, with its findings (`theses::calibration_render`).
pub(crate) const CALIBRATION_VIEWS: Prose = template!("calibration_views");
pub(crate) const CALIBRATION_WORLDS: Prose = template!("calibration_worlds");
pub(crate) const POWER_TABLE_INTRO: Prose = template!("power_table_intro");
pub(crate) const POWER_EXAMPLES: Prose = template!("power_examples");
pub(crate) const FINDING_SELF_CONSISTENCY: Prose = template!("finding_self_consistency");
pub(crate) const FINDING_NULL_CELL: Prose = template!("finding_null_cell");
pub(crate) const FINDING_OBSERVED: Prose = template!("finding_observed");
pub(crate) const FINDING_OBSERVED_OFF_GRID: Prose = template!("finding_observed_off_grid");
pub(crate) const FINDING_FITTED_PROCESS: Prose = template!("finding_fitted_process");
pub(crate) const FINDING_T1_FOUND: Prose = template!("finding_t1_found");
pub(crate) const FINDING_NOT_DETECTABLE: Prose = template!("finding_not_detectable");
pub(crate) const FINDING_DETECTABLE: Prose = template!("finding_detectable");

// Section 7: the multiverse.
pub(crate) const MULTIVERSE_INTRO: Prose = template!("multiverse_intro");
pub(crate) const MULTIVERSE_CHANNELS: Prose = template!("multiverse_channels");
pub(crate) const MULTIVERSE_CLAIMS: Prose = template!("multiverse_claims");
pub(crate) const MULTIVERSE_ATTRIBUTION: Prose = template!("multiverse_attribution");
pub(crate) const MULTIVERSE_HORIZONS: Prose = template!("multiverse_horizons");
pub(crate) const WINDOWS_ALL: Prose = template!("windows_all");
pub(crate) const WINDOWS_SKIPPED: Prose = template!("windows_skipped");

// Chart captions (`report::calibration_charts`, `report::index::caption`).
pub(crate) const CAPTION_POWER: Prose = template!("caption_power");
pub(crate) const CAPTION_RELIABILITY: Prose = template!("caption_reliability");
pub(crate) const CAPTION_BATCH: Prose = template!("caption_batch");

// The batch's comparison page (`report::index`).
pub(crate) const BATCH_RESULT: Prose = template!("batch_result");
pub(crate) const BATCH_SHARE_RANGES: Prose = template!("batch_share_ranges");
pub(crate) const BATCH_NOTE: Prose = template!("batch_note");
pub(crate) const BATCH_REPORTS: Prose = template!("batch_reports");
pub(crate) const BATCH_FAILED: Prose = template!("batch_failed");
pub(crate) const BATCH_PRODUCED: Prose = template!("batch_produced");

// The explorers (report.html's multiverse, the batch page) and evidence on demand; the
// page scripts fill the same templates (`report::explorer`, `report::index_explorer`).
pub(crate) const EXPLORER_INTRO: Prose = template!("explorer_intro");
pub(crate) const EXPLORER_SELECTED: Prose = template!("explorer_selected");
pub(crate) const EXPLORER_ONE_PERIOD: Prose = template!("explorer_one_period");
pub(crate) const EXPLORER_PROBABILITIES: Prose = template!("explorer_probabilities");
pub(crate) const EXPLORER_SPREAD: Prose = template!("explorer_spread");
pub(crate) const EXPLORER_NONE: Prose = template!("explorer_none");
pub(crate) const EXPLORER_EFFECT: Prose = template!("explorer_effect");
pub(crate) const EXPLORER_FIXED: Prose = template!("explorer_fixed");
pub(crate) const EXPLORER_LEGEND: Prose = template!("explorer_legend");
pub(crate) const EXPLORER_OFF: Prose = template!("explorer_off");
pub(crate) const EXPLORER_ALL_ON: Prose = template!("explorer_all_on");
pub(crate) const COMPARE_INTRO: Prose = template!("compare_intro");
pub(crate) const COMPARE_STATUS: Prose = template!("compare_status");
pub(crate) const COMPARE_LATE_LEGEND: Prose = template!("compare_late_legend");
pub(crate) const COMPARE_YEARLY_LEGEND: Prose = template!("compare_yearly_legend");
pub(crate) const COMPARE_YEARLY_EMPTY: Prose = template!("compare_yearly_empty");
pub(crate) const EVIDENCE_INTRO: Prose = template!("evidence_intro");
pub(crate) const EVIDENCE_CAPTION: Prose = template!("evidence_caption");
pub(crate) const EVIDENCE_NOT_INFORMED: Prose = template!("evidence_not_informed");
pub(crate) const EVIDENCE_UNITS: Prose = template!("evidence_units");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_named_values_in_one_pass_and_keeps_other_braces() {
        let t = Prose("P {p} for {focal}: {p} {x\n");
        assert_eq!(t.fill(&[("p", &"{focal}")]), "P {focal} for {focal}: {focal} {x");
        assert_eq!(t.text(), "P {p} for {focal}: {p} {x");
    }
}
