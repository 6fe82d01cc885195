//! The Gini coefficient of partner volumes.

/// Gini coefficient over the active partners' values:
/// G = Σ_i Σ_j |x_i − x_j| / (2 N² μ), μ = X / N, in [0, 1 − 1/N].
///
/// Computed in O(N) from the values sorted descending by the equivalent rank form
/// G = 2 Σ_r r·x_[r] / (N X) − (N + 1)/N, where x_[r] is the r-th *smallest* value
/// (so the value at descending position p has rank r = N − p). Same as R's
/// `ineq::Gini` (no small-sample correction).
///
/// Gini, C. (1912), *Variabilità e mutabilità*; Sen, A. (1973), *On Economic Inequality*.
pub fn gini(values_descending: &[f64]) -> f64 {
    let n = values_descending.len();
    let total: f64 = values_descending.iter().sum();
    if n == 0 || total <= 0.0 {
        return 0.0;
    }
    // Ascending rank of the value at descending position p is n − p.
    let weighted: f64 = values_descending.iter().enumerate().map(|(p, x)| (n - p) as f64 * x).sum();
    let g = (2.0 * weighted / total - (n as f64 + 1.0)) / n as f64;
    g.max(0.0) + 0.0
}
