//! The calibration of the procedure (docs/METHODS.md §1.5), in three views: the
//! self-consistency check on the model's own prior predictive (`sbc`), the shape of the
//! data that simulated worlds keep, with its estimated noise (`shape`), and the power
//! surface on data-shaped worlds over a grid declared before any result is seen
//! (`surface`). This file runs simulated worlds through the full procedure of
//! `criteria::evaluate` and holds the result.
use serde::{Deserialize, Serialize};

use super::criteria::{evaluate, Context, SpecResult, Specification};
use super::sbc::{self, SelfConsistency};
use super::shape::{self, ChannelShape};
use super::spec::Thresholds;
use super::surface::{self, PowerSurface};
use crate::data::frameworks::Frameworks;
use crate::data::observations::{Dating, Observations, RowInput};

/// Settings of a calibration run.
#[derive(Debug, Clone)]
pub struct CalibrationSettings {
    /// Worlds per cell of the power surface.
    pub worlds: usize,
    /// Worlds of the self-consistency check, per prior.
    pub sbc_worlds: usize,
    /// Posterior draws per world.
    pub replicates: usize,
    /// Seed of the simulation.
    pub seed: u64,
    /// The surface's dominance values.
    pub dominance: Vec<f64>,
    /// The surface's growth values.
    pub growth: Vec<f64>,
}

/// The data's point on the power surface, per channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observed {
    /// The channel.
    pub channel: String,
    /// The focal partner's late-period dominance in the data (point estimate).
    #[serde(with = "crate::number_serde")]
    pub dominance: Option<f64>,
    /// Its growth from the first to the last period in the data.
    #[serde(with = "crate::number_serde")]
    pub growth: Option<f64>,
}

/// The calibration of one analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// Worlds per cell of the power surface.
    pub worlds: usize,
    /// Posterior draws per world.
    pub replicates: usize,
    /// Seed of the simulation.
    pub seed: u64,
    /// The self-consistency check, one per prior of the analysis (main, sensitivity).
    pub self_consistency: Vec<SelfConsistency>,
    /// The data's shape that the surface's worlds keep (estimated parameters).
    pub shape: Vec<ChannelShape>,
    /// The power surface.
    pub power: PowerSurface,
    /// The data's point on the surface, per channel.
    pub observed: Vec<Observed>,
    /// Worlds of the data's own fitted process (each channel at its observed point): per
    /// channel, then overall.
    pub observed_process: Vec<super::surface::ScopeRates>,
}

/// Runs the calibration of `specs[0]` (the main specification; the self-consistency check
/// runs under each of `specs`' priors).
pub fn calibrate(ctx: &Context<'_>, specs: &[Specification], settings: &CalibrationSettings) -> Calibration {
    let runner = Runner { ctx, frameworks: Frameworks::default(), settings };
    let main = &specs[0];
    let data = evaluate(ctx, main);
    let shapes = shape::estimate(ctx, main, &data);
    let self_consistency = specs.iter().map(|spec| sbc::check(&runner, spec, &shapes, settings.sbc_worlds)).collect();
    let power = surface::surface(&runner, main, &shapes, (&settings.dominance, &settings.growth), settings.worlds);
    let observed_process = surface::at_observed(&runner, main, &shapes, settings.worlds);
    let observed = shapes
        .iter()
        .map(|s| {
            let (dominance, growth) = s.observed();
            Observed { channel: s.channel.clone(), dominance, growth }
        })
        .collect();
    Calibration {
        worlds: settings.worlds,
        replicates: settings.replicates,
        seed: settings.seed,
        self_consistency,
        shape: shapes,
        power,
        observed,
        observed_process,
    }
}

/// Runs simulated worlds through the procedure, with the analysis's channels, thresholds
/// and coverage.
pub(crate) struct Runner<'c> {
    ctx: &'c Context<'c>,
    frameworks: Frameworks,
    settings: &'c CalibrationSettings,
}

impl Runner<'_> {
    pub(crate) fn thresholds(&self) -> &Thresholds {
        self.ctx.thresholds
    }

    pub(crate) fn seed(&self) -> u64 {
        self.settings.seed
    }

    pub(crate) fn subject(&self) -> &str {
        self.ctx.subject
    }

    /// The thesis channels, in the analysis file's order.
    pub(crate) fn channels(&self) -> &[String] {
        &self.ctx.channels
    }

    /// The procedure on world `rows` under `spec`, with the calibration's draws and a seed
    /// of its own for world number `world`.
    pub(crate) fn evaluate(&self, rows: &WorldRows, spec: &Specification, world: usize) -> SpecResult {
        let ctx = Context {
            vintages: vec![(super::spec::BASE_VINTAGE.to_string(), &rows.obs)],
            frameworks: &self.frameworks,
            subject: self.ctx.subject,
            focal: self.ctx.focal,
            channels: self.ctx.channels.clone(),
            // Worlds simulate the thesis channels only: C6 compares their leaders there.
            fields: vec![],
            thresholds: self.ctx.thresholds,
            coverage: self.ctx.coverage,
            beyond_region: self.ctx.beyond_region.clone(),
            // Worlds are shaped like the base data: its spans count.
            data_sources: self
                .ctx
                .data_sources
                .get(super::spec::BASE_VINTAGE)
                .map(|c| (super::spec::BASE_VINTAGE.to_string(), c.clone()))
                .into_iter()
                .collect(),
        };
        let spec = Specification {
            replicates: self.settings.replicates,
            seed: self.settings.seed ^ ((world as u64 + 1) << 20),
            vintage: super::spec::BASE_VINTAGE.to_string(),
            ..spec.clone()
        };
        evaluate(&ctx, &spec)
    }

    /// (P(T1), P(T2)) per channel (None without probabilities), then overall.
    pub(crate) fn probabilities(&self, rows: &WorldRows, spec: &Specification, world: usize) -> Vec<Option<(f64, f64)>> {
        let result = self.evaluate(rows, spec, world);
        let pair = |p: &super::probability::ThesisProbabilities| (p.p_t1, p.p_t2);
        let mut out: Vec<Option<(f64, f64)>> = result.channels.iter().map(|c| c.probabilities.as_ref().map(pair)).collect();
        out.push(Some(pair(&result.overall.probabilities)));
        out
    }
}

/// The rows of one simulated world.
pub(crate) struct WorldRows {
    obs: Observations,
    subject: String,
}

impl WorldRows {
    pub(crate) fn new(subject: &str) -> WorldRows {
        let mut obs = Observations::default();
        obs.add_file("(simulated world)", Default::default());
        WorldRows { obs, subject: subject.to_string() }
    }

    /// Adds a yearly row.
    pub(crate) fn push(&mut self, channel: &str, partner: &str, year: i32, value: f64, (event, series): (Option<&str>, Option<&str>)) {
        self.add(channel, partner, (year, year, Dating::Year), value, (None, None), (event, series));
    }

    /// Adds a period total over [start, end] with its bounds.
    pub(crate) fn push_total(
        &mut self,
        channel: &str,
        partner: &str,
        (start, end): (i32, i32),
        value: f64,
        bounds: (Option<f64>, Option<f64>),
    ) {
        self.add(channel, partner, (start, end, Dating::Period), value, bounds, (None, None));
    }

    fn add(
        &mut self,
        channel: &str,
        partner: &str,
        (year_start, year_end, dating): (i32, i32, Dating),
        value: f64,
        (value_low, value_high): (Option<f64>, Option<f64>),
        (event_id, series): (Option<&str>, Option<&str>),
    ) {
        let row = RowInput {
            subject: &self.subject,
            channel,
            partner,
            year_start,
            year_end,
            dating,
            value,
            value_low,
            value_high,
            unit: None,
            framework: None,
            event_id,
            series,
            kind: None,
            source: None,
            locator: None,
            quote: None,
            note: None,
        };
        self.obs.push(row, 0);
    }

    /// Zero rows that keep the channel's yearly coverage and keep `partners` among the
    /// channel's partners: each at the coverage's first year, the first of them also at its last.
    pub(crate) fn keep_coverage(&mut self, shape: &ChannelShape, partners: &[String]) {
        let Some((first, last)) = shape.coverage else { return };
        for partner in partners {
            self.push(&shape.channel, partner, first, 0.0, (None, None));
        }
        if let Some(focal) = partners.first() {
            self.push(&shape.channel, focal, last, 0.0, (None, None));
        }
    }

    /// The rows.
    pub(crate) fn observations(&self) -> &Observations {
        &self.obs
    }
}
