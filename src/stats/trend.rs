//! Monotonic trend tests for a short annual series with gaps: Mann–Kendall, Sen's slope, OLS.
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

/// Why a statistic could not be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Degenerate {
    /// Fewer than 3 points.
    TooFewPoints,
    /// Every value is the same: no variance to test.
    Constant,
    /// The series must not be tested (period totals, too few independent figures).
    NotTested,
}

/// Mann–Kendall test with tie correction.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct MannKendall {
    /// S = Σ_{i<j} sgn(y_j − y_i) (pairs ordered by x).
    pub s: f64,
    /// var S = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)] / 18, t over groups of tied values.
    pub var_s: f64,
    /// z = (S − sgn S) / √var S (continuity correction), 0 when S = 0.
    pub z: f64,
    /// Two-sided p = 2 (1 − Φ(|z|)).
    pub p: f64,
}

/// Mann–Kendall test for a monotonic trend in `y` (time order): S = Σ_{i<j} sgn(y_j − y_i),
/// var S = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)] / 18, z = (S − sgn S) / √var S, two-sided
/// p = 2 (1 − Φ(|z|)). Fewer than 3 points or a constant series are [`Degenerate`].
///
/// Mann, H. B. (1945), "Nonparametric tests against trend", Econometrica 13; Kendall,
/// M. G. (1975), *Rank Correlation Methods*; tie correction as in Hirsch, R. M. and
/// Slack, J. R. (1984), Water Resources Research 20(6). Same as `pymannkendall.original_test`.
/// Ties are decided on values rounded to 12 significant digits (`tie_rounded`).
pub fn mann_kendall(y: &[f64]) -> Result<MannKendall, Degenerate> {
    let y = &tie_rounded(y)[..];
    let n = y.len();
    if n < 3 {
        return Err(Degenerate::TooFewPoints);
    }
    let mut s = 0.0;
    for i in 0..n {
        for j in i + 1..n {
            s += sign(y[j] - y[i]);
        }
    }
    let mut sorted = y.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut ties = 0.0;
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && sorted[j + 1] == sorted[i] {
            j += 1;
        }
        let t = (j - i + 1) as f64;
        ties += t * (t - 1.0) * (2.0 * t + 5.0);
        i = j + 1;
    }
    let nf = n as f64;
    let var_s = (nf * (nf - 1.0) * (2.0 * nf + 5.0) - ties) / 18.0;
    if var_s <= 0.0 {
        return Err(Degenerate::Constant);
    }
    let z = if s > 0.0 {
        (s - 1.0) / var_s.sqrt()
    } else if s < 0.0 {
        (s + 1.0) / var_s.sqrt()
    } else {
        0.0
    };
    let p = 2.0 * (1.0 - standard_normal().cdf(z.abs()));
    Ok(MannKendall { s, var_s, z: z + 0.0, p })
}

/// Sen's slope: the median of (y_j − y_i) / (x_j − x_i) over pairs with x_j ≠ x_i, so
/// gaps in the years count with their real length.
///
/// Sen, P. K. (1968), "Estimates of the regression coefficient based on Kendall's tau",
/// JASA 63(324).
pub fn sen_slope(x: &[f64], y: &[f64]) -> Result<f64, Degenerate> {
    if x.len() < 3 {
        return Err(Degenerate::TooFewPoints);
    }
    let mut slopes = Vec::with_capacity(x.len() * (x.len() - 1) / 2);
    for i in 0..x.len() {
        for j in i + 1..x.len() {
            if x[j] != x[i] {
                slopes.push((y[j] - y[i]) / (x[j] - x[i]));
            }
        }
    }
    if slopes.is_empty() {
        return Err(Degenerate::TooFewPoints);
    }
    slopes.sort_by(f64::total_cmp);
    Ok(median_sorted(&slopes) + 0.0)
}

/// Ordinary least squares y = a + b x.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Ols {
    /// a = ȳ − b x̄.
    pub intercept: f64,
    /// b = Σ (x − x̄)(y − ȳ) / Σ (x − x̄)².
    pub slope: f64,
    /// Standard error of the slope: √(RSS / (n − 2) / Σ (x − x̄)²).
    pub slope_se: f64,
    /// Lower end of the 95 % confidence interval: b − t_{0.975, n−2} · se.
    pub ci_low: f64,
    /// Upper end of the 95 % confidence interval: b + t_{0.975, n−2} · se.
    pub ci_high: f64,
    /// Residual sum of squares.
    pub rss: f64,
}

/// Ordinary least squares fit of y = a + b x: b = Σ (x − x̄)(y − ȳ) / Σ (x − x̄)²,
/// a = ȳ − b x̄, se(b) = √(RSS / (n − 2) / Σ (x − x̄)²) and the 95 % interval
/// b ± t_{0.975, n−2} · se(b). Fewer than 3 points or a constant x are [`Degenerate`].
///
/// Draper, N. R. and Smith, H. (1998), *Applied Regression Analysis*, 3rd ed., Wiley.
pub fn ols(x: &[f64], y: &[f64]) -> Result<Ols, Degenerate> {
    let n = x.len();
    if n < 3 {
        return Err(Degenerate::TooFewPoints);
    }
    let (slope, intercept, sxx) = fit(x, y).ok_or(Degenerate::Constant)?;
    let rss = residual_ss(x, y, intercept, slope);
    let se = (rss / (n as f64 - 2.0) / sxx).sqrt();
    let t = StudentsT::new(0.0, 1.0, n as f64 - 2.0).map(|d| d.inverse_cdf(0.975)).unwrap_or(f64::NAN);
    Ok(Ols { intercept, slope: slope + 0.0, slope_se: se, ci_low: slope - t * se, ci_high: slope + t * se, rss })
}

/// (slope, intercept, Σ(x − x̄)²) of the least-squares line; None when x is constant.
pub(crate) fn fit(x: &[f64], y: &[f64]) -> Option<(f64, f64, f64)> {
    let n = x.len() as f64;
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let sxx: f64 = x.iter().map(|v| (v - mx) * (v - mx)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let slope = sxy / sxx;
    Some((slope, my - slope * mx, sxx))
}

/// Σ (y − a − b x)².
pub(crate) fn residual_ss(x: &[f64], y: &[f64], intercept: f64, slope: f64) -> f64 {
    x.iter().zip(y).map(|(a, b)| (b - intercept - slope * a).powi(2)).sum()
}

/// The values rounded to 12 significant digits, on which ties are decided: data such
/// as SIPRI shares hold exact ties (0.52) that floating point splits (0.7 − 0.18 =
/// 0.5199999999999999), and a split tie changes S by one.
pub(crate) fn tie_rounded(y: &[f64]) -> Vec<f64> {
    y.iter().map(|&x| if x.is_finite() && x != 0.0 { format!("{x:.11e}").parse().unwrap_or(x) } else { x }).collect()
}

pub(crate) fn sign(d: f64) -> f64 {
    if d > 0.0 {
        1.0
    } else if d < 0.0 {
        -1.0
    } else {
        0.0
    }
}

pub(crate) fn median_sorted(v: &[f64]) -> f64 {
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

pub(crate) fn standard_normal() -> Normal {
    Normal::new(0.0, 1.0).expect("valid parameters")
}
