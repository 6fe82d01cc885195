//! Entropy-based diversity: Shannon entropy, Hill numbers of any order, Pielou evenness, Theil index.
//!
//! `shares` are the active partners' shares, sorted descending (see `concentration`).

/// Shannon entropy H = −Σ s_i ln s_i (natural log), in [0, ln N]; N = 1 gives +0.0.
///
/// Shannon, C. E. (1948), "A Mathematical Theory of Communication", Bell System
/// Technical Journal 27.
pub fn shannon(shares: &[f64]) -> f64 {
    let h: f64 = shares.iter().filter(|&&s| s > 0.0).map(|&s| -s * s.ln()).sum();
    h.max(0.0) + 0.0
}

/// Hill number of order q: D_q = (Σ s_i^q)^(1/(1−q)), with D_1 = exp(H) (the limit) and
/// D_∞ = 1 / max s_i. Non-increasing in q; D_0 = N, D_2 = 1/HHI.
///
/// Hill, M. O. (1973), "Diversity and evenness: a unifying notation and its
/// consequences", Ecology 54(2).
pub fn hill(shares: &[f64], q: f64) -> f64 {
    let active = shares.iter().copied().filter(|&s| s > 0.0);
    if q.is_infinite() && q > 0.0 {
        return 1.0 / shares.iter().copied().fold(0.0, f64::max);
    }
    if (q - 1.0).abs() < 1e-12 {
        return shannon(shares).exp();
    }
    if q == 0.0 {
        return active.count() as f64;
    }
    let sum: f64 = active.map(|s| s.powf(q)).sum();
    sum.powf(1.0 / (1.0 - q))
}

/// Pielou evenness J = H / ln N, in [0, 1]; undefined for N = 1. Rounding is clamped.
///
/// Pielou, E. C. (1966), "The measurement of diversity in different types of biological
/// collections", Journal of Theoretical Biology 13.
pub fn pielou(shannon: f64, n: usize) -> Option<f64> {
    (n >= 2).then(|| (shannon / (n as f64).ln()).clamp(0.0, 1.0))
}

/// Theil index T = ln N − H (the redundancy of the share distribution), in [0, ln N].
/// Rounding below 0 is clamped.
///
/// Theil, H. (1967), *Economics and Information Theory*, North-Holland.
pub fn theil(shannon: f64, n: usize) -> f64 {
    ((n as f64).ln() - shannon).max(0.0) + 0.0
}
