//! Rates of simulated outcomes with their exact binomial (Clopper-Pearson) intervals.
use serde::{Deserialize, Serialize};
use statrs::distribution::{Beta, ContinuousCDF};

/// A count among trials with its share and 95 % Clopper-Pearson interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rate {
    /// Trials in which the outcome occurred.
    pub count: usize,
    /// Trials.
    pub trials: usize,
    /// count / trials (0 without trials).
    pub rate: f64,
    /// Lower bound of the 95 % interval.
    pub low: f64,
    /// Upper bound of the 95 % interval.
    pub high: f64,
}

impl Rate {
    /// `count` of `trials` with its 95 % interval.
    pub fn of(count: usize, trials: usize) -> Rate {
        let (low, high) = clopper_pearson(count, trials, 0.05);
        Rate { count, trials, rate: if trials == 0 { 0.0 } else { count as f64 / trials as f64 }, low, high }
    }

    /// "12 % (8-17 %)": the rate in whole percent ("< 1" below half a percent) and its
    /// interval, whose bounds below 10 % or above 90 % keep one decimal ("0 % (0-3.6 %)").
    pub fn text(&self) -> String {
        use crate::format::{rate, rate_bound};
        format!("{} % ({}-{} %)", rate(self.rate), rate_bound(self.low), rate_bound(self.high))
    }
}

/// The exact (Clopper & Pearson 1934) two-sided 1 − `alpha` interval of a binomial
/// proportion with `k` successes in `n` trials:
///
/// low = B⁻¹(alpha/2; k, n − k + 1), high = B⁻¹(1 − alpha/2; k + 1, n − k),
///
/// with B⁻¹ the beta quantile; low = 0 when k = 0, high = 1 when k = n, and (0, 1)
/// without trials. For k = 0 the upper bound is 1 − (alpha/2)^(1/n) (0 of 100: 3.6 %).
pub fn clopper_pearson(k: usize, n: usize, alpha: f64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (k, n) = (k.min(n) as f64, n as f64);
    let quantile = |a: f64, b: f64, p: f64| Beta::new(a, b).map_or(f64::NAN, |d| d.inverse_cdf(p));
    let low = if k == 0.0 { 0.0 } else { quantile(k, n - k + 1.0, alpha / 2.0) };
    let high = if k == n { 1.0 } else { quantile(k + 1.0, n - k, 1.0 - alpha / 2.0) };
    (low, high)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_and_all_have_closed_forms() {
        // k = 0: high = 1 − 0.025^(1/n); k = n: low = 0.025^(1/n).
        let (low, high) = clopper_pearson(0, 100, 0.05);
        assert_eq!(low, 0.0);
        assert!((high - (1.0 - 0.025f64.powf(0.01))).abs() < 1e-9, "{high}");
        assert!((high - 0.036217).abs() < 1e-5);
        let (low, high) = clopper_pearson(20, 20, 0.05);
        assert_eq!(high, 1.0);
        assert!((low - 0.025f64.powf(1.0 / 20.0)).abs() < 1e-9);
        assert_eq!(Rate::of(0, 100).text(), "0 % (0-3.6 %)");
        assert_eq!(Rate::of(5, 20).text(), "25 % (8.7-49 %)");
    }

    #[test]
    fn a_middle_count_matches_published_values() {
        // 5 of 20: 0.0866-0.4910 (Clopper-Pearson; e.g. R binom.test(5, 20)).
        let (low, high) = clopper_pearson(5, 20, 0.05);
        assert!((low - 0.08657).abs() < 1e-4, "{low}");
        assert!((high - 0.49105).abs() < 1e-4, "{high}");
        assert_eq!(clopper_pearson(3, 0, 0.05), (0.0, 1.0));
    }
}
