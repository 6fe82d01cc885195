//! The focal partner (default Russia): its share, its rank and its dominance over the next partner.

/// Competition rank (1 = largest) of a focal share among the active shares (sorted
/// descending): 1 + the number of partners with a strictly larger share, so a tie for
/// first gives rank 1. An inactive focal partner (share 0) ranks N + 1.
pub fn rank(shares_descending: &[f64], focal_share: f64) -> usize {
    if focal_share <= 0.0 {
        return shares_descending.len() + 1;
    }
    1 + shares_descending.iter().take_while(|&&s| s > focal_share).count()
}

/// Dominance ratio: focal share / the largest share of any *other* active partner.
/// Undefined (None) when no other partner is active. An inactive focal partner gives 0.
pub fn dominance(focal_share: f64, largest_other: Option<f64>) -> Option<f64> {
    largest_other.filter(|&s| s > 0.0).map(|other| focal_share / other + 0.0)
}
