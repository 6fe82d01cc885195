//! The analysis file (TOML): data, subject, focal partner, channels and weights, periods,
//! attribution, windows, bootstrap, thresholds and the multiverse grid.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::data::attribution::Mode;
use crate::data::periods::SpreadRule;
use crate::error::{Error, Result};

/// The whole analysis file. Unknown keys are errors.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalysisFile {
    /// `[data]`: where the data is, subject, focal partner and horizon.
    pub data: DataSection,
    /// Thesis channels and their weight in the overall pool.
    pub channels: BTreeMap<String, ChannelSection>,
    /// `[periods]`: the period breaks.
    pub periods: PeriodsSection,
    /// `[attribution]`: how multilateral rows are attributed to partners.
    pub attribution: AttributionSection,
    /// `[windows]`: the window size of the trend series (annual when left out).
    #[serde(default)]
    pub windows: WindowsSection,
    /// `[bootstrap]`: replicates and seed of the main specification.
    pub bootstrap: BootstrapSection,
    /// `[thresholds]`: the decision thresholds of the criteria.
    pub thresholds: Thresholds,
    /// `[multiverse]`: the grid of alternative coding choices.
    pub multiverse: MultiverseSection,
    /// Simulated worlds of known truth for `calibrate` and the report.
    #[serde(default)]
    pub calibration: CalibrationSection,
    /// The prior and coding-error model of the posterior draws (defaults when left out).
    #[serde(default)]
    pub prior: PriorSection,
    /// How the theses are read under the main specification (defaults when left out).
    #[serde(default)]
    pub theses: ThesesSection,
    /// The report's case-specific prose (generic texts where left out).
    #[serde(default)]
    pub report: super::report_text::ReportSection,
    /// Which source covers which years of a channel: channel → spans.
    #[serde(default)]
    pub coverage: BTreeMap<String, Vec<CoverageSpan>>,
    /// `[[fields]]`: the fields of cooperation claim C6 compares (each with its late leader);
    /// when left out, C6 compares the weighted thesis channels.
    #[serde(default)]
    pub fields: Vec<FieldSection>,
}

/// One field of cooperation for claim C6: a channel's rows, or only those of one kind
/// (an exercise mission). A field does not enter the overall pool of the other claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSection {
    /// The field's name in tables ("exercises: peacekeeping").
    pub name: String,
    /// The channel whose rows make up the field.
    pub channel: String,
    /// Only rows whose `kind` lists this kind (all of the channel's rows when left out).
    #[serde(default)]
    pub kind: Option<String>,
}

/// Whether a source covers its years systematically or only by example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CoverageKind {
    /// The source covers its years systematically.
    Systematic,
    /// The source gives examples only.
    Examples,
}

/// Years `first`..=`last` of a channel covered by `source`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverageSpan {
    /// The source's name.
    pub source: String,
    /// First year covered.
    pub first: i32,
    /// Last year covered.
    pub last: i32,
    /// Systematic coverage or examples only.
    pub kind: CoverageKind,
    /// Where the coverage is documented (a SOURCE.md, a page or line range of a source).
    #[serde(default)]
    pub locator: String,
    /// The `source` value the span's rows carry (the release an importer records, e.g.
    /// "sipri-register (3 Jan 2025 9:16:02 PM)"). When given, the rows must carry it and lie
    /// within the span (`coverage_check`), so that a data update from another release or
    /// with other years cannot silently turn declared years into zeros.
    #[serde(default)]
    pub data_source: Option<String>,
}

/// Which years enter period comparisons and trends: those of systematic sources (the
/// default), or every year with data, example-only years included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CoverageChoice {
    /// Only years of systematic sources.
    Systematic,
    /// Every year with data, example-only years included.
    All,
}

impl CoverageChoice {
    /// The choice's name in files and tables ("systematic" or "all").
    pub fn name(self) -> &'static str {
        match self {
            CoverageChoice::Systematic => "systematic",
            CoverageChoice::All => "all",
        }
    }
}

fn default_coverage_choices() -> Vec<CoverageChoice> {
    vec![CoverageChoice::Systematic]
}

/// Where a channel's yearly data start (the multiverse's "first year" choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FirstYear {
    /// At the first year of a systematic source that reaches the data (years before the
    /// first row are zeros).
    Systematic,
    /// At the channel's first observation.
    FirstObservation,
}

impl FirstYear {
    /// The choice's name in files and tables.
    pub fn name(self) -> &'static str {
        match self {
            FirstYear::Systematic => "systematic",
            FirstYear::FirstObservation => "first-observation",
        }
    }
}

/// `[prior]`: the prior of the latent rates and the coding-error model of period totals
/// (docs/METHODS.md §1.4).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PriorSection {
    /// a₀: pseudo-units of evidence per period, spread evenly over a channel's partners.
    pub units: f64,
    /// a₀ of the second prior, shown beside the first (sensitivity).
    pub sensitivity_units: f64,
    /// σ: the standard deviation of a period total's log coding error.
    pub total_error: f64,
}

impl Default for PriorSection {
    fn default() -> Self {
        PriorSection { units: 1.0, sensitivity_units: 10.0, total_error: 0.1 }
    }
}

/// `[theses]`: how the main specification reads the theses.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThesesSection {
    /// Which claims make up the theses.
    pub reading: super::probability::Reading,
    /// How deepening is read.
    pub deepening: super::probability::Deepening,
    /// Where a channel's yearly data start.
    pub first_year: FirstYear,
}

impl Default for ThesesSection {
    fn default() -> Self {
        ThesesSection {
            reading: super::probability::Reading::Core,
            deepening: super::probability::Deepening::Overall,
            first_year: FirstYear::Systematic,
        }
    }
}

/// The calibration (docs/METHODS.md §1.5): the self-consistency check on the model's own
/// prior predictive, and the power surface on data-shaped worlds over a grid declared
/// here, before any result is seen.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalibrationSection {
    /// Simulated worlds per cell of the power surface.
    pub worlds: usize,
    /// Posterior draws per world.
    pub replicates: usize,
    /// Seed of the simulation.
    pub seed: u64,
    /// Worlds of the self-consistency check, per prior.
    #[serde(default = "default_sbc_worlds")]
    pub sbc_worlds: usize,
    /// The focal partner's late-period dominance (its rate / the largest other's) per
    /// column of the power surface; must include `thresholds.dominance_min`. Empty: the default grid.
    #[serde(default)]
    pub dominance: Vec<f64>,
    /// The focal partner's growth from the first to the last period per row of the power
    /// surface; must include `thresholds.growth_min`. Empty: the default grid.
    #[serde(default)]
    pub growth: Vec<f64>,
}

fn default_sbc_worlds() -> usize {
    500
}

/// The default dominance grid (with the threshold added where it is not among them).
pub const DEFAULT_DOMINANCE: [f64; 7] = [0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0];
/// The default growth grid (with the threshold added where it is not among them).
pub const DEFAULT_GROWTH: [f64; 6] = [0.5, 1.0, 1.25, 1.5, 2.0, 4.0];

impl Default for CalibrationSection {
    fn default() -> Self {
        CalibrationSection { worlds: 50, replicates: 300, seed: 1, sbc_worlds: default_sbc_worlds(), dominance: vec![], growth: vec![] }
    }
}

impl CalibrationSection {
    /// The grid's (dominance, growth) values: the declared ones, or the defaults with the
    /// thresholds added.
    pub fn grid(&self, t: &Thresholds) -> (Vec<f64>, Vec<f64>) {
        let or_default = |declared: &[f64], default: &[f64], threshold: f64| {
            if !declared.is_empty() {
                return declared.to_vec();
            }
            let mut values = default.to_vec();
            if !values.contains(&threshold) {
                values.push(threshold);
                values.sort_by(f64::total_cmp);
            }
            values
        };
        (or_default(&self.dominance, &DEFAULT_DOMINANCE, t.dominance_min), or_default(&self.growth, &DEFAULT_GROWTH, t.growth_min))
    }

    /// A declared grid's problem: (key, what was expected).
    fn problem(&self, t: &Thresholds) -> Option<(&'static str, String)> {
        let axes = [
            ("calibration.dominance", &self.dominance, t.dominance_min, "thresholds.dominance_min"),
            ("calibration.growth", &self.growth, t.growth_min, "thresholds.growth_min"),
        ];
        for (key, values, threshold, name) in axes {
            if values.is_empty() {
                continue;
            }
            if values.len() > 12 || values.iter().any(|v| !(*v > 0.0 && *v <= 1e3)) || values.windows(2).any(|w| w[0] >= w[1]) {
                return Some((key, "1-12 strictly increasing numbers in (0, 1000]".into()));
            }
            if !values.contains(&threshold) {
                return Some((key, format!("a grid that includes {name} = {threshold} (the null cell of the power surface)")));
            }
        }
        None
    }
}

fn resolve(analysis_path: &Path, paths: &[PathBuf]) -> Vec<PathBuf> {
    let base = analysis_path.parent().unwrap_or(Path::new("."));
    paths.iter().map(|p| if p.is_absolute() { p.clone() } else { base.join(p) }).collect()
}

/// The name of the analysis file's own data among the vintages.
pub(crate) const BASE_VINTAGE: &str = "base";

/// `[data]`: the data files, subject, focal partner, horizon and vintages.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataSection {
    /// Data files or directories, relative to the analysis file.
    pub paths: Vec<PathBuf>,
    /// The subject country.
    pub subject: String,
    /// The focal partner (as named in the data; "Russia" when left out).
    #[serde(default = "default_focal")]
    pub focal: String,
    /// Analysis horizon (inclusive); rows outside are left out.
    pub first_year: i32,
    /// Last year of the analysis horizon (inclusive).
    pub last_year: i32,
    /// A label for the data release (e.g. "sipri-2022-07").
    #[serde(default)]
    pub vintage: String,
    /// Alternative data releases: name → files (relative to the analysis file) whose
    /// rows replace the base data's rows of the channels they contain. Each becomes a
    /// value of the multiverse's "vintage" choice beside the base ("base").
    #[serde(default)]
    pub vintages: BTreeMap<String, Vec<PathBuf>>,
}

fn default_focal() -> String {
    "Russia".into()
}

/// The largest channel weight accepted: weights are relative, and sums of weights near
/// f64's limit would overflow (a weight of 1e308 once changed the verdict).
pub const MAX_WEIGHT: f64 = 1e6;

/// One thesis channel of `[channels]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelSection {
    /// The channel's weight in the overall pool.
    pub weight: f64,
}

/// `[periods]`: where the periods compared by the criteria begin.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodsSection {
    /// Start years of new periods (the author's: 2000, 2007).
    pub breaks: Vec<i32>,
}

/// `[attribution]`: how rows with several partners are attributed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributionSection {
    /// The attribution mode of the main specification.
    pub mode: Mode,
    /// Exercise weighting: each event counts 1 per partner (false) or 1 in total (true).
    #[serde(default)]
    pub split_events: bool,
    /// How values dated to several years are spread over them (uniform when left out).
    #[serde(default = "default_spread")]
    pub spread: SpreadRule,
    /// Blocs for `russian-vector` (the first) and `bloc` (all); when absent, the focal
    /// partner with the frameworks it alone leads (`Bloc::led_by_state`).
    #[serde(default)]
    pub blocs: Vec<crate::data::frameworks::Bloc>,
}

fn default_spread() -> SpreadRule {
    SpreadRule::Uniform
}

/// `[windows]`: the window size of the trend series.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowsSection {
    /// Years per window of the trend series (1 = annual).
    pub size: i32,
}

impl Default for WindowsSection {
    fn default() -> Self {
        WindowsSection { size: 1 }
    }
}

/// `[bootstrap]`: the main specification's resampling.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BootstrapSection {
    /// Bootstrap replicates.
    pub replicates: usize,
    /// Seed of the resampling.
    pub seed: u64,
}

/// Every decision threshold of the criteria (docs/METHODS.md §1).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// C5: late-period ENP at least this.
    pub enp_min: f64,
    /// C5: late-period focal share below this.
    pub focal_share_max: f64,
    /// C4 and D3: the focal partner leads when its rate is at least this times the largest other's.
    pub dominance_min: f64,
    /// D4: deepening when the focal rate grows by at least this factor.
    pub growth_min: f64,
    /// Significance level of trend tests; intervals are 1 − alpha.
    pub alpha: f64,
    /// Overall: a claim holds in a draw when the channels in which it holds carry at least
    /// this share of the weight of the channels that inform it.
    pub overall_majority: f64,
}

/// `[multiverse]`: the values of each coding choice the multiverse crosses.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MultiverseSection {
    /// Attribution modes.
    pub attribution: Vec<Mode>,
    /// Window sizes of the trend series.
    pub windows: Vec<i32>,
    /// Sets of period breaks.
    pub break_sets: Vec<Vec<i32>>,
    /// Exercise weighting: each event counts 1 per partner (false) or 1 in total (true).
    pub split_events: Vec<bool>,
    /// Named channel-weight schemes.
    pub channel_weights: BTreeMap<String, BTreeMap<String, f64>>,
    /// Analysis horizons (last year).
    pub last_years: Vec<i32>,
    /// Bootstrap replicates per specification.
    pub replicates: usize,
    /// Years that enter: systematic coverage only, or example-only years too.
    #[serde(default = "default_coverage_choices")]
    pub coverage: Vec<CoverageChoice>,
    /// Readings of the theses (core, full).
    #[serde(default = "default_readings")]
    pub readings: Vec<super::probability::Reading>,
    /// Readings of deepening (overall, continuous).
    #[serde(default = "default_deepenings")]
    pub deepenings: Vec<super::probability::Deepening>,
    /// Where a channel's yearly data start.
    #[serde(default = "default_first_years")]
    pub first_years: Vec<FirstYear>,
}

fn default_readings() -> Vec<super::probability::Reading> {
    vec![super::probability::Reading::Core, super::probability::Reading::Full]
}

fn default_deepenings() -> Vec<super::probability::Deepening> {
    vec![super::probability::Deepening::Overall, super::probability::Deepening::Continuous]
}

fn default_first_years() -> Vec<FirstYear> {
    vec![FirstYear::Systematic, FirstYear::FirstObservation]
}

/// The largest multiverse grid an analysis file may ask for.
pub(crate) const MAX_SPECIFICATIONS: usize = 20_000;
/// The most posterior draws over the whole grid (specifications × replicates).
pub(crate) const MAX_REPLICATE_RUNS: usize = 10_000_000;

/// An error about `key` of the analysis file at `shown`, located at the key's line in `text`.
pub(crate) fn key_error(shown: &str, text: &str, key: &str, message: impl Into<String>) -> Error {
    let line = super::key_lines::line_of(text, key);
    Error::Input(vec![crate::data::issue::Issue::located(shown, line, format!("key '{key}': {}", message.into()))])
}

impl AnalysisFile {
    /// Reads and checks an analysis file; errors name the key (and line for syntax errors).
    pub fn read(path: &Path) -> Result<AnalysisFile> {
        let shown = path.display().to_string();
        crate::paths::check_regular_file(path)?;
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(&shown, e))?;
        let file: AnalysisFile = toml::from_str(&text).map_err(|e| {
            // Every missing key, and the parser's own error unless it is one of them.
            let missing = super::missing_keys::missing_keys(&text);
            let mut issues = super::missing_keys::issues(&shown, &text, &missing);
            let issue = |line: Option<u64>, message: &str| crate::data::issue::Issue::located(shown.clone(), line, message);
            if !missing.iter().any(|m| e.message() == format!("missing field `{}`", m.key)) {
                issues.push(issue(e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() as u64 + 1), e.message()));
            } else if let Some((message, key)) = super::missing_keys::next_error(&text, &missing) {
                issues.push(issue(super::key_lines::line_of(&text, &key), &message));
            }
            Error::Input(issues)
        })?;
        file.check(&shown, &text)?;
        Ok(file)
    }

    fn check(&self, shown: &str, text: &str) -> Result<()> {
        let bad = |key: &str, expected: &str| Err(key_error(shown, text, key, format!("expected {expected}")));
        let t = &self.thresholds;
        if !(t.enp_min >= 1.0) {
            return bad("thresholds.enp_min", "a number >= 1");
        }
        if !(t.focal_share_max > 0.0 && t.focal_share_max <= 1.0) {
            return bad("thresholds.focal_share_max", "a number in (0, 1]");
        }
        if !(t.overall_majority >= 0.5 && t.overall_majority <= 1.0) {
            return bad("thresholds.overall_majority", "a number in [0.5, 1] (a majority of the informing weight)");
        }
        if !(t.growth_min > 0.0 && t.growth_min.is_finite()) {
            return bad("thresholds.growth_min", "a positive number");
        }
        self.check_prior().map_err(|(key, expected)| key_error(shown, text, key, format!("expected {expected}")))?;
        if !(t.alpha > 0.0 && t.alpha < 0.5) {
            return bad("thresholds.alpha", "a number in (0, 0.5)");
        }
        if !(t.dominance_min >= 1.0 && t.dominance_min.is_finite()) {
            return bad("thresholds.dominance_min", "a number >= 1");
        }
        let (lo, hi) = crate::data::schema::YEAR_RANGE;
        for (key, year) in [("data.first_year", self.data.first_year), ("data.last_year", self.data.last_year)] {
            if !(lo..=hi).contains(&year) {
                return bad(key, &format!("a year in {lo}-{hi}"));
            }
        }
        if self.data.first_year > self.data.last_year {
            return bad("data.last_year", "a year >= data.first_year");
        }
        if self.data.paths.is_empty() {
            return bad("data.paths", "at least one data file or directory");
        }
        if self.data.vintages.contains_key(BASE_VINTAGE) {
            return bad(&format!("data.vintages.{BASE_VINTAGE}"), "another name (\"base\" is the analysis file's own data)");
        }
        if self.channels.is_empty() {
            return bad("channels", "at least one channel");
        }
        for (name, c) in &self.channels {
            if !(c.weight >= 0.0 && c.weight <= MAX_WEIGHT) {
                return bad(&format!("channels.{name}.weight"), "a number in [0, 1e6]");
            }
        }
        if !(1..=20).contains(&self.windows.size) {
            return bad("windows.size", "1-20 years");
        }
        if !(1..=100_000).contains(&self.bootstrap.replicates) {
            return bad("bootstrap.replicates", "1-100000");
        }
        if !(1..=100_000).contains(&self.calibration.worlds) {
            return bad("calibration.worlds", "1-100000");
        }
        if !(10..=100_000).contains(&self.calibration.replicates) {
            return bad("calibration.replicates", "10-100000");
        }
        if !(1..=100_000).contains(&self.calibration.sbc_worlds) {
            return bad("calibration.sbc_worlds", "1-100000");
        }
        if let Some((key, expected)) = self.calibration.problem(t) {
            return bad(key, &expected);
        }
        self.check_report(shown, text)?;
        self.check_main_breaks().map_err(|e| key_error(shown, text, "periods.breaks", e))?;
        for (channel, spans) in &self.coverage {
            let key = format!("coverage.{channel}");
            if !self.channels.contains_key(channel) {
                return bad(&key, "a channel listed under [channels]");
            }
            if spans.iter().any(|s| s.first > s.last) {
                return bad(&key, "spans with first <= last");
            }
        }
        self.check_multiverse(shown, text)
    }

    /// `[report]`: question blocks of one kind each, and no unknown `{placeholder}`.
    fn check_report(&self, shown: &str, text: &str) -> Result<()> {
        if let Some((key, expected)) = self.report.problem() {
            return Err(key_error(shown, text, "report.question", format!("{key}: expected {expected}")));
        }
        if let Some((key, found)) = self.report.unknown_placeholder() {
            let known = super::report_text::PLACEHOLDERS.join(", ");
            return Err(key_error(
                shown,
                text,
                &key,
                format!("unknown placeholder {found}: expected one of {known} (it would be printed as it is)"),
            ));
        }
        Ok(())
    }

    /// `[prior]`: a₀ of both priors in (0, 1e6], σ in [0, 5]; the offending key and what was expected.
    fn check_prior(&self) -> std::result::Result<(), (&'static str, &'static str)> {
        let p = &self.prior;
        if !(p.units > 0.0 && p.units <= 1e6) {
            return Err(("prior.units", "a number in (0, 1e6]"));
        }
        if !(p.sensitivity_units > 0.0 && p.sensitivity_units <= 1e6) {
            return Err(("prior.sensitivity_units", "a number in (0, 1e6]"));
        }
        if !(p.total_error >= 0.0 && p.total_error <= 5.0) {
            return Err(("prior.total_error", "a number in [0, 5]"));
        }
        Ok(())
    }

    /// The main specification's breaks: valid, and at least one inside its horizon (the
    /// theses compare periods; one period leaves nothing to compare).
    fn check_main_breaks(&self) -> std::result::Result<(), String> {
        self.check_breaks(&self.periods.breaks)?;
        let (first, last) = (self.data.first_year, self.data.last_year);
        match self.periods.breaks.iter().any(|&b| b <= last) {
            true => Ok(()),
            false => Err(format!(
                "expected at least one break year in {}-{last}: the theses compare periods, and these breaks leave only one period ({first}-{last})",
                first + 1
            )),
        }
    }

    /// Break years: strictly increasing, each inside the analysis horizon.
    fn check_breaks(&self, breaks: &[i32]) -> std::result::Result<(), String> {
        let (first, last) = (self.data.first_year, self.data.last_year.max(self.multiverse.last_years.iter().copied().max().unwrap_or(0)));
        if breaks.windows(2).any(|w| w[0] >= w[1]) {
            return Err(format!("expected strictly increasing break years, found {breaks:?}"));
        }
        match breaks.iter().find(|&&b| b <= first || b > last) {
            Some(b) => Err(format!("expected break years in {}-{last} (after data.first_year), found {b}", first + 1)),
            None => Ok(()),
        }
    }

    /// Every choice list of the grid: non-empty, valid entries, no duplicates, and a grid
    /// small enough to run.
    fn check_multiverse(&self, shown: &str, text: &str) -> Result<()> {
        let bad = |key: &str, message: String| Err(key_error(shown, text, key, message));
        let m = &self.multiverse;
        let lists: [(&str, Vec<String>); 9] = [
            ("attribution", m.attribution.iter().map(|a| a.name().to_string()).collect()),
            ("windows", m.windows.iter().map(i32::to_string).collect()),
            ("break_sets", m.break_sets.iter().map(|b| format!("{b:?}")).collect()),
            ("split_events", m.split_events.iter().map(bool::to_string).collect()),
            ("last_years", m.last_years.iter().map(i32::to_string).collect()),
            ("coverage", m.coverage.iter().map(|c| c.name().to_string()).collect()),
            ("readings", m.readings.iter().map(|c| c.name().to_string()).collect()),
            ("deepenings", m.deepenings.iter().map(|c| c.name().to_string()).collect()),
            ("first_years", m.first_years.iter().map(|c| c.name().to_string()).collect()),
        ];
        for (name, values) in &lists {
            let key = format!("multiverse.{name}");
            if values.is_empty() {
                return bad(&key, "expected a non-empty list of choices, found []".into());
            }
            if let Some((k, v)) = values.iter().enumerate().find(|(k, v)| values[..*k].contains(v)) {
                return bad(
                    &key,
                    format!(
                        "expected each choice once, found {v} twice (entries {} and {})",
                        values[..k].iter().position(|x| x == v).unwrap_or(0) + 1,
                        k + 1
                    ),
                );
            }
        }
        if let Some(w) = m.windows.iter().find(|w| !(1..=20).contains(*w)) {
            return bad("multiverse.windows", format!("expected window sizes of 1-20 years, found {w}"));
        }
        if let Some(y) = m.last_years.iter().find(|&&y| y < self.data.first_year || y > crate::data::schema::YEAR_RANGE.1) {
            return bad("multiverse.last_years", format!("expected years from data.first_year ({}) on, found {y}", self.data.first_year));
        }
        for breaks in &m.break_sets {
            self.check_breaks(breaks).map_err(|e| key_error(shown, text, "multiverse.break_sets", e))?;
            // Every specification compares periods: each break set splits every horizon.
            if let Some(last) = m.last_years.iter().find(|&&y| !breaks.iter().any(|&b| b <= y)) {
                return bad(
                    "multiverse.break_sets",
                    format!(
                        "break sets that split every horizon of multiverse.last_years: {breaks:?} with the horizon {}-{last} leaves only one period, and the theses compare periods",
                        self.data.first_year
                    ),
                );
            }
        }
        if !(1..=100_000).contains(&m.replicates) {
            return bad("multiverse.replicates", "expected 1-100000".into());
        }
        if m.channel_weights.contains_key("file") {
            return bad("multiverse.channel_weights.file", "expected another name (\"file\" is the [channels] weights)".into());
        }
        for (scheme, weights) in &m.channel_weights {
            for (channel, w) in weights {
                let key = format!("multiverse.channel_weights.{scheme}.{channel}");
                if !self.channels.contains_key(channel) {
                    return bad(&key, "expected a channel listed under [channels]".into());
                }
                if !(*w >= 0.0 && *w <= MAX_WEIGHT) {
                    return bad(&key, "expected a number in [0, 1e6]".into());
                }
            }
        }
        let specifications =
            lists.iter().map(|(_, v)| v.len()).product::<usize>() * (m.channel_weights.len() + 1) * (self.data.vintages.len() + 1);
        if specifications > MAX_SPECIFICATIONS || specifications * m.replicates > MAX_REPLICATE_RUNS {
            return bad(
                "multiverse",
                format!(
                    "expected at most {MAX_SPECIFICATIONS} specifications and {MAX_REPLICATE_RUNS} replicates in all, found {specifications} specifications × {} replicates: shorten a choice list or lower multiverse.replicates",
                    m.replicates
                ),
            );
        }
        Ok(())
    }

    /// Data paths resolved against the analysis file's folder.
    pub(crate) fn data_paths(&self, analysis_path: &Path) -> Vec<PathBuf> {
        resolve(analysis_path, &self.data.paths)
    }

    /// A vintage's files resolved against the analysis file's folder.
    pub(crate) fn vintage_paths(&self, analysis_path: &Path, name: &str) -> Vec<PathBuf> {
        self.data.vintages.get(name).map_or_else(Vec::new, |paths| resolve(analysis_path, paths))
    }
}
