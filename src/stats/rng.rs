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

/// Every random stream of the program, one variant per kind of work. `id` packs the
/// variant's tag into the top 8 bits and its fields into disjoint bit ranges below, so two
/// different values never share a stream id (`stream_ids_never_collide` checks the packing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stream {
    /// Posterior draws of one period of one channel, under prior `prior` (0 main, 1 sensitivity).
    Posterior { channel: u32, period: u32, prior: u32 },
    /// The prior pseudo-units' weights of one period of one channel, for posterior draws
    /// (`prior_only` false) or for draws from the prior alone.
    Pseudo { channel: u32, period: u32, prior: u32, prior_only: bool },
    /// The kinds' pseudo-units (claim C2) of one period of one channel, as `Pseudo`.
    KindPseudo { channel: u32, period: u32, prior: u32, prior_only: bool },
    /// The coding errors of one period total (row index in the channel's rows), shared by
    /// every period the total enters.
    TotalError { channel: u32, row: u32, prior: u32 },
    /// The bootstrap of one group of the index table or trend series.
    Group { group: u64 },
    /// A period comparison of the trend command.
    Comparison { id: u64 },
    /// The data of one world of the power surface (cell, world).
    SurfaceWorld { cell: u32, world: u32 },
    /// The truth and data of one world of the self-consistency check, under prior `prior`.
    SelfConsistencyWorld { prior: u32, world: u32 },
    /// The outcomes a perfectly calibrated forecaster draws (the ECE's sampling floor).
    CalibratedForecaster,
}

impl Stream {
    /// The stream id: tag << 56 | fields (each field checked against its bit width).
    pub fn id(self) -> u64 {
        fn field(value: u64, bits: u32) -> u64 {
            assert!(value < (1u64 << bits), "random stream field {value} exceeds {bits} bits");
            value
        }
        let (tag, fields) = match self {
            Stream::Posterior { channel, period, prior } => {
                (1, field(channel.into(), 24) << 32 | field(period.into(), 24) << 8 | field(prior.into(), 8))
            }
            Stream::Pseudo { channel, period, prior, prior_only } => (
                2,
                field(channel.into(), 23) << 33
                    | field(prior_only.into(), 1) << 32
                    | field(period.into(), 24) << 8
                    | field(prior.into(), 8),
            ),
            Stream::KindPseudo { channel, period, prior, prior_only } => (
                9,
                field(channel.into(), 23) << 33
                    | field(prior_only.into(), 1) << 32
                    | field(period.into(), 24) << 8
                    | field(prior.into(), 8),
            ),
            Stream::TotalError { channel, row, prior } => {
                (3, field(channel.into(), 16) << 40 | field(row.into(), 32) << 8 | field(prior.into(), 8))
            }
            Stream::Group { group } => (4, field(group, 56)),
            Stream::Comparison { id } => (5, field(id, 56)),
            Stream::SurfaceWorld { cell, world } => (6, field(cell.into(), 16) << 32 | field(world.into(), 32)),
            Stream::SelfConsistencyWorld { prior, world } => (7, field(prior.into(), 8) << 32 | field(world.into(), 32)),
            Stream::CalibratedForecaster => (8, 0),
        };
        (tag << 56) | fields
    }
}

#[cfg(test)]
mod tests {
    use super::Stream;
    use std::collections::HashSet;

    /// Edge values of every field of every variant give distinct ids, and an id's tag is its variant's.
    #[test]
    fn stream_ids_never_collide() {
        let edges32 = [0u32, 1, 255, 65_535];
        let mut seen = HashSet::new();
        let mut streams = Vec::new();
        for &a in &edges32 {
            for &b in &edges32 {
                for &c in &[0u32, 1, 2, 255] {
                    let row = b;
                    streams.push(Stream::Posterior { channel: a, period: b, prior: c });
                    streams.push(Stream::Pseudo { channel: a, period: b, prior: c, prior_only: false });
                    streams.push(Stream::Pseudo { channel: a, period: b, prior: c, prior_only: true });
                    streams.push(Stream::KindPseudo { channel: a, period: b, prior: c, prior_only: false });
                    streams.push(Stream::KindPseudo { channel: a, period: b, prior: c, prior_only: true });
                    streams.push(Stream::TotalError { channel: a, row, prior: c });
                    streams.push(Stream::SelfConsistencyWorld { prior: c, world: b });
                }
                streams.push(Stream::SurfaceWorld { cell: a, world: b });
                streams.push(Stream::Group { group: (a as u64) << 20 | b as u64 });
                streams.push(Stream::Comparison { id: (a as u64) << 20 | b as u64 });
            }
        }
        streams.push(Stream::CalibratedForecaster);
        for s in &streams {
            let tag = match s {
                Stream::Posterior { .. } => 1,
                Stream::Pseudo { .. } => 2,
                Stream::TotalError { .. } => 3,
                Stream::Group { .. } => 4,
                Stream::Comparison { .. } => 5,
                Stream::SurfaceWorld { .. } => 6,
                Stream::SelfConsistencyWorld { .. } => 7,
                Stream::CalibratedForecaster => 8,
                Stream::KindPseudo { .. } => 9,
            };
            assert_eq!(s.id() >> 56, tag, "{s:?}");
            assert!(seen.insert(s.id()) || streams.iter().filter(|t| *t == s).count() > 1, "{s:?} collides");
        }
        let distinct: HashSet<Stream> = streams.iter().copied().collect();
        assert_eq!(seen.len(), distinct.len());
    }
}
