//! Deterministic synthetic panels in the observation schema, for tests and benchmarks.
use std::io::Write;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Pareto};

use crate::error::{Error, Result, UNNAMED_OUTPUT};

/// Shape of a synthetic panel.
#[derive(Debug, Clone, Copy)]
pub struct SynthSpec {
    /// Number of subjects.
    pub subjects: usize,
    /// Number of partners each subject may have.
    pub partners: usize,
    /// Number of years, from [`FIRST_YEAR`] on.
    pub years: usize,
    /// Number of channels.
    pub channels: usize,
    /// Probability that a partner is present in a (subject, channel, year) cell.
    pub density: f64,
    /// Seed of the generator: the same spec always gives the same bytes.
    pub seed: u64,
}

/// The most cells (subjects × channels × years × partners) a synthetic panel may have:
/// about 1.5 × 10^8 rows at density 1, a few gigabytes of CSV.
pub const MAX_SYNTH_CELLS: u128 = 150_000_000;

impl SynthSpec {
    /// The panel's cells (subjects × channels × years × partners), each a potential row.
    pub fn cells(&self) -> u128 {
        [self.subjects, self.channels, self.years, self.partners].iter().map(|&n| n as u128).product()
    }
}

/// First year of synthetic panels.
pub const FIRST_YEAR: i32 = 1960;

/// Writes the panel as CSV (subject, channel, partner, year, value). Values are heavy
/// tailed (`rand_distr::Pareto`, scale 1, shape α = 1.2) with 3 decimals; 15 % are small
/// integers (ties) and 5 % are zeros. The same spec always gives the same bytes.
pub fn write_panel(spec: &SynthSpec, out: &mut dyn Write) -> Result<u64> {
    let io = |e: std::io::Error| Error::io(UNNAMED_OUTPUT, e);
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let pareto: Pareto<f64> = Pareto::new(1.0, 1.2).expect("scale 1 and shape 1.2 are valid");
    out.write_all(b"subject,channel,partner,year,value\n").map_err(io)?;
    let width = spec.subjects.to_string().len().max(4);
    let partner_width = spec.partners.to_string().len().max(3);
    let mut rows = 0u64;
    let mut line = String::with_capacity(64);
    for s in 1..=spec.subjects {
        for c in 1..=spec.channels {
            for y in 0..spec.years {
                for p in 1..=spec.partners {
                    if rng.gen::<f64>() >= spec.density {
                        continue;
                    }
                    let kind: f64 = rng.gen();
                    let value = if kind < 0.05 {
                        0.0
                    } else if kind < 0.20 {
                        rng.gen_range(1..=5) as f64
                    } else {
                        (pareto.sample(&mut rng) * 1000.0).round() / 1000.0
                    };
                    line.clear();
                    use std::fmt::Write as _;
                    let _ = writeln!(line, "S{s:0width$},c{c},P{p:0partner_width$},{},{value}", FIRST_YEAR + y as i32);
                    out.write_all(line.as_bytes()).map_err(io)?;
                    rows += 1;
                }
            }
        }
    }
    Ok(rows)
}
