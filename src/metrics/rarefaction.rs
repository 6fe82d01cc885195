//! Sample-based (incidence) rarefaction of richness: the expected number of partners in t
//! of a period's T sampling units (exercises, deals or years), so that periods are
//! compared at a common sample size (Colwell et al. 2012, J. Plant Ecol. 5: 3-21, eq. 17;
//! Chao et al. 2014, Ecol. Monogr. 84: 45-67; R's iNEXT, `datatype = "incidence_freq"`).
//!
//! With Y_k the number of units in which partner k occurs,
//!
//! S(t) = Σ_k [1 − C(T − Y_k, t) / C(T, t)],  0 ≤ t ≤ T,
//!
//! the expected richness of t units drawn without replacement from the T (the term is 0
//! when T − Y_k < t). S(T) is the observed richness and S(1) the mean partners per unit.

/// The incidence frequencies of one sample: T units and each partner's Y_k.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Incidence {
    /// T: sampling units.
    pub units: usize,
    /// Y_k of every partner that occurs at least once, in descending order.
    pub frequencies: Vec<usize>,
}

impl Incidence {
    /// The incidence of `units`, each the list of partners occurring in it (a partner
    /// listed twice in one unit counts once; a unit may be empty).
    pub fn of_units<P: Ord + Clone>(units: &[Vec<P>]) -> Incidence {
        let mut counts: std::collections::BTreeMap<P, usize> = std::collections::BTreeMap::new();
        for unit in units {
            let mut seen: Vec<&P> = unit.iter().collect();
            seen.sort();
            seen.dedup();
            for p in seen {
                *counts.entry(p.clone()).or_insert(0) += 1;
            }
        }
        let mut frequencies: Vec<usize> = counts.into_values().collect();
        frequencies.sort_unstable_by(|a, b| b.cmp(a));
        Incidence { units: units.len(), frequencies }
    }

    /// S_obs: partners occurring in at least one unit.
    pub fn observed(&self) -> usize {
        self.frequencies.iter().filter(|&&y| y > 0).count()
    }

    /// S(t), the expected richness of t of the units (None when t > T). The ratio of
    /// binomial coefficients is the product Π_{j<t} (T − Y_k − j) / (T − j).
    pub fn rarefied(&self, t: usize) -> Option<f64> {
        let total = self.units;
        if t > total {
            return None;
        }
        let absent = |y: usize| -> f64 {
            if total - y < t {
                return 0.0;
            }
            (0..t).map(|j| (total - y - j) as f64 / (total - j) as f64).product()
        };
        Some(self.frequencies.iter().map(|&y| 1.0 - absent(y.min(total))).sum())
    }
}

/// The expected richness of t units drawn independently from a unit distribution in
/// which partner k occurs with probability π_k = weights_k / total:
///
/// S(t) = Σ_k [1 − (1 − π_k)^t].
///
/// Under the Bayesian bootstrap (units with random weights) it is the posterior draw of
/// the richness of t new units of the process (the counterpart of `Incidence::rarefied`,
/// which draws t of the sample's own units without replacement). 0 when `total` ≤ 0.
pub fn expected_richness(weights: impl Iterator<Item = f64>, total: f64, t: usize) -> f64 {
    if !(total > 0.0) {
        return 0.0;
    }
    weights.map(|w| 1.0 - (1.0 - (w / total).clamp(0.0, 1.0)).powi(t as i32)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_hand() {
        // Units {a, b}, {a}, {c}: T = 3, Y = (2, 1, 1). S(1) = (2 + 1 + 1) / 3;
        // S(2) = (1 − 0) + 2 (1 − C(2,2)/C(3,2)) = 1 + 2 · 2/3; S(3) = 3.
        let i = Incidence::of_units(&[vec!["a", "b", "a"], vec!["a"], vec!["c"]]);
        assert_eq!((i.units, i.frequencies.clone(), i.observed()), (3, vec![2, 1, 1], 3));
        assert!((i.rarefied(1).unwrap() - 4.0 / 3.0).abs() < 1e-15);
        assert!((i.rarefied(2).unwrap() - 7.0 / 3.0).abs() < 1e-15);
        assert_eq!((i.rarefied(3), i.rarefied(0), i.rarefied(4)), (Some(3.0), Some(0.0), None));
    }

    #[test]
    fn expected_richness_by_hand() {
        // π = (1/2, 1/4, 1/4), t = 2: (1 − 1/4) + 2 (1 − 9/16) = 3/4 + 7/8.
        let s = expected_richness([2.0, 1.0, 1.0].into_iter(), 4.0, 2);
        assert!((s - (0.75 + 0.875)).abs() < 1e-15, "{s}");
        assert_eq!(expected_richness([1.0].into_iter(), 0.0, 3), 0.0);
    }
}
