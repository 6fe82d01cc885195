//! Power against weaker theses: the calibration's clear T1 and T2 worlds with their
//! decisive contrast scaled down (`Truth::rates`, strength s < 1), so a reader sees how
//! large a thesis must be before the procedure finds it on data of this shape.
//!
//! Under T2 at strength s the focal partner's growth is s times the clear one; under T1
//! the rival's late volume lies s of the way from the focal partner's (a tie) to the
//! clear lead. Everything else (broadening, shapes, posterior draws) is the calibration's.
use rayon::prelude::*;
use serde::Serialize;

use super::calibrate::{Simulator, Truth, WorldCalls};
use super::probability::Call;
use crate::stats::rng::Stream;

/// Strengths swept below the clear truths (strength 1: the calibration's main table).
pub const STRENGTHS: [f64; 3] = [0.25, 0.5, 0.75];

/// The theses whose strength is swept.
pub const THESES: [Truth; 2] = [Truth::T1, Truth::T2];

/// Recovery of one planted thesis at one strength.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Power {
    /// The planted thesis (T1 or T2).
    pub truth: Truth,
    /// Its strength (1 = the clear truth).
    pub strength: f64,
    /// Worlds simulated.
    pub worlds: usize,
    /// Worlds in which the planted thesis is called overall (P >= 0.9).
    pub recovered: usize,
    /// Worlds in which the other thesis is called overall.
    pub crossed: usize,
    /// Channel → worlds in which the channel calls the planted thesis.
    pub channels: Vec<(String, usize)>,
}

/// Runs `worlds` worlds per thesis and strength, each world from its own stream
/// (`Stream::PowerWorld`, disjoint from the main table's).
pub(crate) fn sweep(simulator: &Simulator<'_>, worlds: usize) -> Vec<Power> {
    let cells: Vec<(usize, usize)> = (0..THESES.len()).flat_map(|t| (0..STRENGTHS.len()).map(move |s| (t, s))).collect();
    let jobs: Vec<(usize, usize, usize)> = cells.iter().flat_map(|&(t, s)| (0..worlds).map(move |w| (t, s, w))).collect();
    let outcomes: Vec<((usize, usize), WorldCalls)> = jobs
        .par_iter()
        .map(|&(t, s, w)| {
            let stream = Stream::PowerWorld { truth: t as u32, strength: s as u32, world: w as u32 }.id();
            ((t, s), simulator.run((THESES[t], STRENGTHS[s]), stream, w))
        })
        .collect();
    cells
        .iter()
        .map(|&(t, s)| {
            let mine: Vec<&WorldCalls> = outcomes.iter().filter(|o| o.0 == (t, s)).map(|o| &o.1).collect();
            let want = THESES[t].expected().unwrap_or(Call::Open);
            let other = if want == Call::T1 { Call::T2 } else { Call::T1 };
            Power {
                truth: THESES[t],
                strength: STRENGTHS[s],
                worlds: mine.len(),
                recovered: mine.iter().filter(|o| o.overall == want).count(),
                crossed: mine.iter().filter(|o| o.overall == other).count(),
                channels: simulator
                    .channels()
                    .iter()
                    .enumerate()
                    .map(|(k, ch)| (ch.clone(), mine.iter().filter(|o| o.channels.get(k).is_some_and(|c| c.call == want)).count()))
                    .collect(),
            }
        })
        .collect()
}
