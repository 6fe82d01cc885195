//! Period comparison: difference of a metric's mean between two periods, with a
//! permutation p-value and a bootstrap percentile interval.
use rand::seq::SliceRandom;
use rand::Rng;

use super::rng::{percentile, stream};

/// mean(after) − mean(before) and its uncertainty.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct PeriodDifference {
    /// d = mean(after) − mean(before).
    pub diff: f64,
    /// Two-sided permutation p: (1 + #{|d*| ≥ |d|}) / (1 + R), labels shuffled R times.
    pub p: f64,
    /// Lower end of the bootstrap interval: the 2.5 % percentile of the difference when
    /// years are resampled with replacement within each period.
    pub ci_low: f64,
    /// Upper end of the bootstrap interval: the 97.5 % percentile.
    pub ci_high: f64,
    /// Annual values in the period before the break.
    pub n_before: usize,
    /// Annual values in the period from the break on.
    pub n_after: usize,
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

/// Compares two samples of annual values: d = mean(after) − mean(before), the two-sided
/// permutation p = (1 + #{|d*| ≥ |d|}) / (1 + R) over R shuffles of the pooled values,
/// and the percentile interval [q_{2.5 %}, q_{97.5 %}] of d over R bootstrap draws that
/// resample each sample with replacement. None unless both have at least 2 points and
/// R ≥ 1. `replicates` = R, drawn from the stream `Stream::Comparison { id }` under `seed`.
///
/// Permutation p-value with the observed labelling counted: Phipson, B. and Smyth, G. K.
/// (2010), "Permutation p-values should never be zero", Statistical Applications in
/// Genetics and Molecular Biology 9(1). Bootstrap percentile interval: Efron, B. and
/// Tibshirani, R. J. (1993), *An Introduction to the Bootstrap*, Chapman & Hall.
pub fn period_difference(before: &[f64], after: &[f64], replicates: usize, seed: u64, id: u64) -> Option<PeriodDifference> {
    if before.len() < 2 || after.len() < 2 || replicates == 0 {
        return None;
    }
    let diff = mean(after) - mean(before);
    let mut rng = stream(seed, super::rng::Stream::Comparison { id }.id());
    let mut pooled: Vec<f64> = before.iter().chain(after).copied().collect();
    let mut extreme = 0usize;
    for _ in 0..replicates {
        pooled.shuffle(&mut rng);
        let (b, a) = pooled.split_at(before.len());
        if (mean(a) - mean(b)).abs() >= diff.abs() - 1e-12 * diff.abs().max(1.0) {
            extreme += 1;
        }
    }
    let mut draws = Vec::with_capacity(replicates);
    let resample_mean =
        |v: &[f64], rng: &mut rand_chacha::ChaCha8Rng| (0..v.len()).map(|_| v[rng.gen_range(0..v.len())]).sum::<f64>() / v.len() as f64;
    for _ in 0..replicates {
        draws.push(resample_mean(after, &mut rng) - resample_mean(before, &mut rng));
    }
    draws.sort_by(f64::total_cmp);
    Some(PeriodDifference {
        diff: diff + 0.0,
        p: (1 + extreme) as f64 / (1 + replicates) as f64,
        ci_low: percentile(&draws, 0.025) + 0.0,
        ci_high: percentile(&draws, 0.975) + 0.0,
        n_before: before.len(),
        n_after: after.len(),
    })
}
