//! Testing Thesis 1 against Thesis 2: the analysis file, the model's draws per period
//! (`model`), the claims draw by draw (`claims`), the theses' probabilities
//! (`probability`), the multiverse grid and the calibration.
/// The calibration: self-consistency, the data's shape and the power surface.
pub mod calibrate;
/// A calibration as tables, findings and JSON.
pub mod calibration_render;
/// The claims draw by draw.
pub mod claims;
/// Does the declared coverage still describe the data?
pub mod coverage_check;
/// One specification evaluated: periods, draws, claims and probabilities.
pub mod criteria;
/// Each claim's result as reported.
pub mod describe;
/// The fields of cooperation claim C6 compares.
pub mod fields;
/// The answer in calibrated words.
pub mod headline;
pub(crate) mod key_lines;
/// The kinds of cooperation of a channel's periods (claim C2).
pub mod kinds;
pub(crate) mod matches;
/// Every missing key of an analysis file, found in one run.
pub(crate) mod missing_keys;
/// The model of the units of evidence: a period's rates and their joint posterior and prior draws.
pub mod model;
/// The theses' probabilities over a grid of coding choices.
pub mod multiverse;
/// The theses' probabilities per channel and overall.
pub mod probability;
/// The theses result as a terminal table, Markdown or JSON.
pub mod render;
/// The analysis file's `[report]` prose.
pub mod report_text;
/// Richness of the first and last period at a common sample size (rarefaction).
pub mod richness;
/// The self-consistency check on the model's own prior predictive.
pub mod sbc;
/// The shape of the data that the power surface's worlds keep.
pub mod shape;
/// The analysis file (TOML).
pub mod spec;
/// Claim identities, statuses and calibrated words.
pub mod status;
pub(crate) mod summary;
/// The power surface on data-shaped worlds.
pub mod surface;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::data::{load, LoadOptions};
use crate::error::Result;
use criteria::{evaluate, Context, SpecResult, Specification};
use multiverse::MultiverseResult;
use spec::AnalysisFile;

/// The full result: the main specification (the analysis file's own choices) and the multiverse.
#[derive(Debug, Clone, Serialize)]
pub struct ThesesResult {
    /// The subject country the analysis file names.
    pub subject: String,
    /// The focal partner's canonical name.
    pub focal: String,
    /// The data vintage the analysis file names (`[data] vintage`).
    pub vintage: String,
    /// The releases the base data's rows record: (channel, data_source) of every systematic
    /// span whose `data_source` the rows carry (`coverage_check::carried`).
    pub releases: Vec<(String, String)>,
    /// Claims and probabilities of the main specification (docs/METHODS.md §1).
    pub main: SpecResult,
    /// The main specification's probabilities under the second prior (sensitivity).
    pub sensitivity: Sensitivity,
    /// The probabilities over every specification of the multiverse.
    pub multiverse: MultiverseResult,
}

/// The theses' probabilities under the analysis file's second prior.
#[derive(Debug, Clone, Serialize)]
pub struct Sensitivity {
    /// a₀ of the second prior.
    pub prior_units: f64,
    /// Per channel (None where the channel has fewer than two periods).
    pub channels: Vec<(String, Option<probability::ThesisProbabilities>)>,
    /// The channels pooled.
    pub overall: probability::ThesisProbabilities,
}

/// The specification the analysis file itself states.
pub fn main_specification(file: &AnalysisFile) -> Specification {
    Specification {
        attribution: file.attribution.mode,
        split_events: file.attribution.split_events,
        spread: file.attribution.spread,
        window: file.windows.size,
        breaks: file.periods.breaks.clone(),
        weights_name: "file".into(),
        weights: file.channels.iter().map(|(c, s)| (c.clone(), s.weight)).collect(),
        first_year: file.data.first_year,
        last_year: file.data.last_year,
        replicates: file.bootstrap.replicates,
        seed: file.bootstrap.seed,
        prior_seed: file.bootstrap.seed,
        vintage: spec::BASE_VINTAGE.to_string(),
        coverage: spec::CoverageChoice::Systematic,
        first_year_rule: file.theses.first_year,
        reading: file.theses.reading,
        deepening: file.theses.deepening,
        prior: model::ModelPrior { units: file.prior.units, total_error: file.prior.total_error },
        prior_index: 0,
    }
}

/// The main specification under the second prior.
pub fn sensitivity_specification(file: &AnalysisFile) -> Specification {
    let mut spec = main_specification(file);
    spec.prior.units = file.prior.sensitivity_units;
    spec.prior_index = 1;
    spec
}

/// An analysis file with its data loaded.
pub struct Loaded {
    /// The analysis file as read.
    pub file: AnalysisFile,
    /// The data the analysis file names, loaded strictly, with the file's blocs.
    pub dataset: crate::data::Dataset,
    /// Each named vintage: the base data with its channels replaced by the vintage's rows.
    pub vintages: Vec<(String, crate::data::Observations)>,
    /// The focal partner's canonical name.
    pub focal: String,
}

impl Loaded {
    /// Reads the analysis file, loads (strictly) the data it names and checks that its
    /// subject, focal partner, channels and horizons match that data.
    pub fn read(analysis_path: &Path) -> Result<Loaded> {
        let file = AnalysisFile::read(analysis_path)?;
        let dataset = load(&file.data_paths(analysis_path), &LoadOptions { strict: true, ..LoadOptions::default() })?;
        let focal = dataset.registry.canonical(&file.data.focal).unwrap_or(&file.data.focal).to_string();
        matches::check(analysis_path, &file, &dataset, &focal)?;
        let mut dataset = dataset;
        dataset.frameworks.blocs = blocs_of(&file, &dataset, &focal);
        let mut loaded = Loaded { file, dataset, vintages: Vec::new(), focal };
        for name in loaded.file.data.vintages.keys().cloned().collect::<Vec<_>>() {
            let files = loaded.file.vintage_paths(analysis_path, &name);
            let update = loaded.load_update(analysis_path, &files, true)?;
            check_vintage(&loaded.dataset.observations, &update, &name, &files)?;
            loaded.vintages.push((name, replace_channels(&loaded.dataset.observations, &update)));
        }
        let datasets = std::iter::once(("the data".to_string(), &loaded.dataset.observations))
            .chain(loaded.vintages.iter().map(|(n, o)| (format!("vintage \"{n}\""), o)));
        for (data, obs) in datasets {
            coverage_check::check(analysis_path, &loaded.file, obs, &data)?;
        }
        Ok(loaded)
    }

    /// The base data with the channels in `files` replaced by their rows (partner names
    /// canonicalised with the base data's registry).
    pub fn with_update(&self, analysis_path: &Path, files: &[std::path::PathBuf], strict: bool) -> Result<crate::data::Observations> {
        let update = self.load_update(analysis_path, files, strict)?;
        Ok(replace_channels(&self.dataset.observations, &update))
    }

    /// The rows of `files`, partner names canonicalised with the base data's registry.
    fn load_update(&self, analysis_path: &Path, files: &[std::path::PathBuf], strict: bool) -> Result<crate::data::Observations> {
        let partners = self.file.data_paths(analysis_path).iter().map(|p| p.join("partners.csv")).find(|p| p.exists());
        Ok(load(files, &LoadOptions { strict, partners, ..LoadOptions::default() })?.observations)
    }

    /// What every specification is evaluated against: the base data and each vintage,
    /// frameworks, subject, focal partner, channels, thresholds and coverage choices.
    pub fn context(&self) -> Context<'_> {
        let mut vintages = vec![(spec::BASE_VINTAGE.to_string(), &self.dataset.observations)];
        vintages.extend(self.vintages.iter().map(|(n, o)| (n.clone(), o)));
        Context {
            vintages,
            frameworks: &self.dataset.frameworks,
            subject: &self.file.data.subject,
            focal: &self.focal,
            channels: self.file.channels.keys().cloned().collect(),
            fields: self.file.fields.clone(),
            thresholds: &self.file.thresholds,
            coverage: &self.file.coverage,
            beyond_region: beyond_region(&self.dataset.registry, &self.dataset.frameworks, &self.file.data.subject),
            data_sources: std::iter::once((spec::BASE_VINTAGE.to_string(), &self.dataset.observations))
                .chain(self.vintages.iter().map(|(n, o)| (n.clone(), o)))
                .map(|(n, o)| (n, coverage_check::carried(&self.file, o)))
                .collect(),
        }
    }

    /// The calibration of the main specification (`worlds` per cell of the power surface;
    /// the analysis file's number when None); the self-consistency check runs under both priors.
    pub fn calibrate(&self, worlds: Option<usize>) -> calibrate::Calibration {
        let c = &self.file.calibration;
        let (dominance, growth) = c.grid(&self.file.thresholds);
        let settings = calibrate::CalibrationSettings {
            worlds: worlds.unwrap_or(c.worlds),
            sbc_worlds: c.sbc_worlds,
            replicates: c.replicates,
            seed: c.seed,
            dominance,
            growth,
        };
        let specs = [main_specification(&self.file), sensitivity_specification(&self.file)];
        calibrate::calibrate(&self.context(), &specs, &settings)
    }

    /// Runs the main specification and the multiverse.
    pub fn run(&self) -> ThesesResult {
        let ctx = self.context();
        let main = evaluate(&ctx, &main_specification(&self.file));
        let second = evaluate(&ctx, &sensitivity_specification(&self.file));
        ThesesResult {
            subject: self.file.data.subject.clone(),
            focal: self.focal.clone(),
            vintage: self.file.data.vintage.clone(),
            releases: coverage_check::carried(&self.file, &self.dataset.observations).into_iter().collect(),
            main,
            sensitivity: Sensitivity {
                prior_units: self.file.prior.sensitivity_units,
                channels: second.channels.iter().map(|c| (c.channel.clone(), c.probabilities)).collect(),
                overall: second.overall.probabilities,
            },
            multiverse: multiverse::run(&ctx, &self.file),
        }
    }
}

/// The analysis file's blocs with names canonicalised, or the focal partner's vector.
fn blocs_of(file: &AnalysisFile, dataset: &crate::data::Dataset, focal: &str) -> Vec<crate::data::frameworks::Bloc> {
    if file.attribution.blocs.is_empty() {
        return vec![crate::data::frameworks::Bloc::led_by_state(&dataset.frameworks, focal)];
    }
    let canonical = |n: &String| dataset.registry.canonical(n).unwrap_or(n).to_string();
    file.attribution
        .blocs
        .iter()
        .map(|b| crate::data::frameworks::Bloc {
            name: canonical(&b.name),
            partners: b.partners.iter().map(canonical).collect(),
            composition: b.composition.clone(),
            led_by: b.led_by.iter().map(canonical).collect(),
        })
        .collect()
}

/// A vintage's rows must name subjects and channels of the base data: a misspelt subject
/// would remove the base's rows of its channels and add none for the subject, faking a
/// release that flips the verdict.
fn check_vintage(base: &crate::data::Observations, update: &crate::data::Observations, name: &str, files: &[PathBuf]) -> Result<()> {
    let texts = |obs: &crate::data::Observations, ids: &[u32]| -> std::collections::BTreeSet<String> {
        ids.iter().map(|&i| obs.text(i).to_string()).collect()
    };
    let shown = files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", ");
    for (what, known, used) in [
        ("subject", texts(base, &base.subject), texts(update, &update.subject)),
        ("channel", texts(base, &base.channel), texts(update, &update.channel)),
    ] {
        if let Some(bad) = used.iter().find(|u| !known.contains(*u)) {
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            let hint = crate::suggest::hint(bad, &known);
            return Err(crate::error::Error::file(
                shown,
                format!("vintage \"{name}\": {what} \"{bad}\" is no {what} of the base data{hint}"),
            ));
        }
    }
    Ok(())
}

/// `base` with every row of the channels in `update` replaced by `update`'s rows.
pub(crate) fn replace_channels(base: &crate::data::Observations, update: &crate::data::Observations) -> crate::data::Observations {
    let replaced: Vec<&str> = update.channel.iter().map(|&c| update.strings.text(c)).collect();
    let mut merged = crate::data::Observations::default();
    merged.add_file("(base data with a vintage)", Default::default());
    for i in 0..base.len() {
        if !replaced.contains(&base.strings.text(base.channel[i])) {
            merged.push(base.row(i), base.line(i));
        }
    }
    for i in 0..update.len() {
        merged.push(update.row(i), update.line(i));
    }
    merged
}

/// Every file reading `analysis_path` opens: the analysis file itself, its data files,
/// registries and framework tables, and each vintage's files (for output checks).
pub fn input_files(analysis_path: &Path) -> Result<Vec<PathBuf>> {
    let file = AnalysisFile::read(analysis_path)?;
    let mut inputs = vec![analysis_path.to_path_buf()];
    inputs.extend(crate::data::load::input_files(&file.data_paths(analysis_path), None)?);
    for name in file.data.vintages.keys() {
        inputs.extend(crate::data::load::input_files(&file.vintage_paths(analysis_path, name), None)?);
    }
    Ok(inputs)
}

/// Loads the data an analysis file names and runs the main specification and the multiverse
/// (`Loaded::read` then `Loaded::run`).
///
/// ```
/// use multivector::theses;
/// use std::path::Path;
///
/// // The invented case of tests/cases/ardelia: Calonia overtakes the focal partner Borovia.
/// let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/ardelia/analysis.toml");
/// let (file, result) = theses::run(&path).unwrap();
/// assert_eq!((result.subject.as_str(), result.focal.as_str()), ("Ardelia", "Borovia"));
/// // One result per thesis channel, each with P(T1), P(T2), P(neither) (docs/METHODS.md §1).
/// assert_eq!(result.main.channels.len(), file.channels.len());
/// let overall = result.main.overall.probabilities;
/// assert!((overall.p_t1 + overall.p_t2 + overall.p_neither - 1.0).abs() < 1e-9);
/// assert!(overall.p_t1 > overall.p_t2);
/// assert_eq!(result.multiverse.specifications.len(), result.multiverse.count);
/// ```
pub fn run(analysis_path: &Path) -> Result<(AnalysisFile, ThesesResult)> {
    let loaded = Loaded::read(analysis_path)?;
    let result = loaded.run();
    Ok((loaded.file, result))
}

/// Partner → beyond the post-Soviet space, for claim C3 (datasets/REGIONS.md): a partner of
/// the registry whose region is post-Soviet is inside, one of another known region beyond,
/// one of region `unknown` is left out. A framework the registry does not name (by its
/// lead states, else its members besides `subject` over all years) or a bloc (its
/// partners) counts as inside when all of them of known region are, beyond when none
/// is, and is left out when mixed or unknown.
fn beyond_region(
    registry: &crate::data::registry::Registry,
    frameworks: &crate::data::frameworks::Frameworks,
    subject: &str,
) -> BTreeMap<String, bool> {
    use crate::data::registry::Region;
    let mut out: BTreeMap<String, bool> = BTreeMap::new();
    for p in &registry.partners {
        match p.region {
            Some(Region::Unknown) | None => {}
            Some(region) => {
                out.insert(p.name.clone(), region != Region::PostSoviet);
            }
        }
    }
    // All of known region beyond: beyond; none beyond: inside; mixed or none known: left out.
    let group = |members: Vec<&str>, known: &BTreeMap<String, bool>| -> Option<bool> {
        let flags: Vec<bool> = members.iter().filter(|m| **m != subject).filter_map(|m| known.get(*m).copied()).collect();
        let beyond = flags.iter().filter(|b| **b).count();
        (beyond == 0 || beyond == flags.len()).then_some(beyond > 0).filter(|_| !flags.is_empty())
    };
    let mut groups: Vec<(String, bool)> = Vec::new();
    for f in frameworks.by_name.values().filter(|f| !out.contains_key(&f.name)) {
        let who: Vec<&str> = match f.lead.is_empty() {
            true => f.members.iter().map(|m| m.member.as_str()).collect(),
            false => f.lead.iter().map(String::as_str).collect(),
        };
        if let Some(b) = group(who, &out) {
            groups.push((f.name.clone(), b));
        }
    }
    out.extend(groups);
    let mut blocs: Vec<(String, bool)> = Vec::new();
    for b in &frameworks.blocs {
        if let Some(x) = group(b.partners.iter().map(String::as_str).collect(), &out) {
            blocs.push((b.name.clone(), x));
        }
    }
    out.extend(blocs);
    out
}
