//! Seeded random streams that do not depend on thread scheduling.
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// The generator for work item `stream` under `seed`: ChaCha8 seeded by `seed` on its own
/// stream, so item k draws the same numbers whatever thread runs it and in what order.
pub fn stream(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

/// Percentile (linear interpolation between order statistics, type 7 as R's default) of
/// sorted data.
pub fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    if sorted[lo] == sorted[hi] || sorted[hi].is_infinite() {
        // Equal neighbours (also two infinities, whose difference is NaN), or an
        // unbounded upper neighbour.
        return if h == lo as f64 { sorted[lo] } else { sorted[hi] };
    }
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Percentile interval of `values` with tail probability `tail` on each side; None when
/// fewer than 95 % of the replicates define the value.
pub fn interval_of(mut values: Vec<f64>, replicates: usize, tail: f64) -> Option<super::resample::Interval> {
    if replicates == 0 || (values.len() as f64) < 0.95 * replicates as f64 {
        return None;
    }
    values.sort_by(f64::total_cmp);
    Some(super::resample::Interval { low: percentile(&values, tail) + 0.0, high: percentile(&values, 1.0 - tail) + 0.0 })
}
