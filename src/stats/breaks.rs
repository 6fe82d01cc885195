//! Structural breaks: Chow test at a given year, Pettitt change point, segment means.
use statrs::distribution::{ContinuousCDF, FisherSnedecor};

use super::trend::{fit, residual_ss, sign};

/// Chow F test for a break in the linear trend at `year`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Chow {
    /// F = [(RSS_pooled − RSS_1 − RSS_2) / k] / [(RSS_1 + RSS_2) / (n − 2k)], k = 2; at least 0.
    pub f: f64,
    /// p = 1 − F_{df1, df2}(F), the upper tail of the F distribution.
    pub p: f64,
    /// Numerator degrees of freedom: k = 2 (intercept and slope).
    pub df1: f64,
    /// Denominator degrees of freedom: n − 2k.
    pub df2: f64,
}

/// Chow test: segments x < `year` and x ≥ `year`, each with its own line (k = 2
/// parameters): F = [(RSS_pooled − RSS_1 − RSS_2) / k] / [(RSS_1 + RSS_2) / (n − 2k)],
/// p = 1 − F_{k, n−2k}(F). None when a segment has fewer than k + 1 points or x is
/// constant within one, or the residuals are all zero.
///
/// Chow, G. C. (1960), "Tests of equality between sets of coefficients in two linear
/// regressions", Econometrica 28(3).
pub fn chow(x: &[f64], y: &[f64], year: f64) -> Option<Chow> {
    let k = 2.0;
    let n = x.len() as f64;
    let (x1, y1): (Vec<f64>, Vec<f64>) = x.iter().zip(y).filter(|(a, _)| **a < year).map(|(a, b)| (*a, *b)).unzip();
    let (x2, y2): (Vec<f64>, Vec<f64>) = x.iter().zip(y).filter(|(a, _)| **a >= year).map(|(a, b)| (*a, *b)).unzip();
    if x1.len() < 3 || x2.len() < 3 {
        return None;
    }
    let rss = |xs: &[f64], ys: &[f64]| fit(xs, ys).map(|(b, a, _)| residual_ss(xs, ys, a, b));
    let (pooled, r1, r2) = (rss(x, y)?, rss(&x1, &y1)?, rss(&x2, &y2)?);
    let within = r1 + r2;
    let df2 = n - 2.0 * k;
    if within <= 0.0 || df2 <= 0.0 {
        return None;
    }
    let f = ((pooled - within) / k) / (within / df2);
    let f = f.max(0.0);
    let p = FisherSnedecor::new(k, df2).map(|d| 1.0 - d.cdf(f)).ok()?;
    Some(Chow { f, p, df1: k, df2 })
}

/// Pettitt's change-point test.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Pettitt {
    /// Index (0-based) of the last observation before the change.
    pub position: usize,
    /// K = max_t |U_t|, U_t = Σ_{i≤t} Σ_{j>t} sgn(y_j − y_i).
    pub k: f64,
    /// Approximate p = 2 exp(−6K² / (n³ + n²)), capped at 1.
    pub p: f64,
}

/// Pettitt's change-point test on `y` in time order: U_t = Σ_{i≤t} Σ_{j>t} sgn(y_j − y_i),
/// K = max_t |U_t| at the change point t, approximate p = 2 exp(−6K² / (n³ + n²)) capped
/// at 1. None with fewer than 3 points.
///
/// Pettitt, A. N. (1979), "A non-parametric approach to the change-point problem",
/// Applied Statistics 28(2). Same as R's `trend::pettitt.test` (whose change point is
/// our `position` + 1, 1-based).
/// Ties are decided on values rounded to 12 significant digits.
pub fn pettitt(y: &[f64]) -> Option<Pettitt> {
    let y = &super::trend::tie_rounded(y)[..];
    let n = y.len();
    if n < 3 {
        return None;
    }
    let mut best = (0usize, 0.0f64);
    for t in 0..n - 1 {
        let mut u = 0.0;
        for i in 0..=t {
            for j in t + 1..n {
                u += sign(y[j] - y[i]);
            }
        }
        if u.abs() > best.1 {
            best = (t, u.abs());
        }
    }
    let nf = n as f64;
    let p = (2.0 * (-6.0 * best.1 * best.1 / (nf.powi(3) + nf.powi(2))).exp()).min(1.0);
    Some(Pettitt { position: best.0, k: best.1, p })
}

/// Mean of `y` over the points with `from <= x <= to`; None when there are none.
pub fn segment_mean(x: &[f64], y: &[f64], from: f64, to: f64) -> Option<f64> {
    let v: Vec<f64> = x.iter().zip(y).filter(|(a, _)| **a >= from && **a <= to).map(|(_, b)| *b).collect();
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}
