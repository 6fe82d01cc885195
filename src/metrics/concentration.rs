//! Concentration indices over partner shares: HHI, normalised HHI, UNCTAD, ENP, CR-k, Berger–Parker.
//!
//! All functions take the shares `s` of the *active* partners (s_i > 0, Σ s_i = 1),
//! sorted in descending order, and sum in that order so that results do not depend on
//! the order of partners in the input.

/// Herfindahl–Hirschman index: HHI = Σ s_i², in [1/N, 1].
///
/// Herfindahl, O. C. (1950), *Concentration in the Steel Industry*; Hirschman, A. O.
/// (1964), "The Paternity of an Index", AER 54(5).
pub fn hhi(shares: &[f64]) -> f64 {
    shares.iter().map(|s| s * s).sum()
}

/// Normalised HHI: (HHI − 1/N) / (1 − 1/N), in [0, 1]; undefined for N = 1.
/// Rounding below 0 or above 1 is clamped. The HHI itself: see [`hhi`] (Herfindahl
/// 1950; Hirschman 1964).
pub fn hhi_normalised(hhi: f64, n: usize) -> Option<f64> {
    if n < 2 {
        return None;
    }
    let floor = 1.0 / n as f64;
    Some(((hhi - floor) / (1.0 - floor)).clamp(0.0, 1.0))
}

/// UNCTAD concentration index: (√HHI − √(1/N)) / (1 − √(1/N)), in [0, 1]; undefined for N = 1.
///
/// UNCTAD, *Handbook of Statistics*, "Concentration index (Herfindahl–Hirschmann index
/// normalized)", technical notes.
pub fn unctad(hhi: f64, n: usize) -> Option<f64> {
    if n < 2 {
        return None;
    }
    let floor = (1.0 / n as f64).sqrt();
    Some(((hhi.sqrt() - floor) / (1.0 - floor)).clamp(0.0, 1.0))
}

/// Effective number of partners: ENP = 1 / HHI (Hill number of order 2), in [1, N].
///
/// Laakso, M. and Taagepera, R. (1979), "Effective number of parties", Comparative
/// Political Studies 12(1).
pub fn enp(hhi: f64) -> f64 {
    1.0 / hhi
}

/// Concentration ratio CR-k = Σ_{i≤k} s_(i), the sum of the k largest shares (all shares
/// if N < k), in [min(k/N, 1), 1] for shares sorted descending.
///
/// Hall, M. and Tideman, N. (1967), "Measures of concentration", Journal of the American
/// Statistical Association 62(317).
pub fn concentration_ratio(shares: &[f64], k: usize) -> f64 {
    shares.iter().take(k).sum()
}

/// Berger–Parker dominance d = max_i s_i (the largest share; equal to CR-1).
///
/// Berger, W. H. and Parker, F. L. (1970), "Diversity of planktonic Foraminifera in
/// deep-sea sediments", Science 168.
pub fn berger_parker(shares: &[f64]) -> f64 {
    shares.first().copied().unwrap_or(0.0)
}
