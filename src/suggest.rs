//! "Did you mean": the known names closest to a misspelt one (Levenshtein distance,
//! ignoring case), for messages about names that match no data.

/// Edit distance between `a` and `b` (insertions, deletions, substitutions), by character.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// Up to `limit` of `known` closest to `name` (case ignored), nearest first and then
/// alphabetical; names further than half of `name`'s length (at least 2) are left out.
pub(crate) fn closest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>, limit: usize) -> Vec<&'a str> {
    let wanted = name.to_lowercase();
    let reach = (wanted.chars().count() / 2).max(2);
    let mut scored: Vec<(usize, &str)> =
        known.into_iter().map(|k| (edit_distance(&wanted, &k.to_lowercase()), k)).filter(|(d, _)| *d <= reach).collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(limit).map(|(_, k)| k).collect()
}

/// "; closest known: A, B, C" or, when nothing is close, "; known: " and the first
/// few names, for the end of an error message.
pub fn hint(name: &str, known: &[&str]) -> String {
    let close = closest(name, known.iter().copied(), 3);
    if !close.is_empty() {
        return format!("; closest known: {}", close.join(", "));
    }
    let mut sorted: Vec<&str> = known.to_vec();
    sorted.sort();
    sorted.dedup();
    let more = if sorted.len() > 8 { format!(", … ({} in all)", sorted.len()) } else { String::new() };
    format!("; known: {}{more}", sorted.iter().take(8).copied().collect::<Vec<_>>().join(", "))
}

/// `text` safe for a terminal: control characters other than line breaks (which separate
/// the messages of one error) shown as escapes ("\u{1b}" for ESC), so that a data cell
/// cannot move the cursor, recolour or clear the screen of whoever reads the error.
pub fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\n' { c.escape_default().to_string() } else { c.to_string() }).collect()
}

/// A data cell or name for a message: every control character escaped, line breaks
/// included ("Rus\\nsia"), so that a cell cannot split a message or drive the terminal.
pub fn cell(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_and_suggestions() {
        assert_eq!(edit_distance("Rusia", "Russia"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(closest("rusia", ["China", "Russia", "Belarus"], 3), ["Russia"]);
        assert_eq!(hint("Rusia", &["China", "Russia"]), "; closest known: Russia");
        assert_eq!(hint("Zzzzzzzz", &["China", "Russia"]), "; known: China, Russia");
        assert_eq!(cell("Rus\nsia\u{1b}[31m"), "Rus\\nsia\\u{1b}[31m");
    }
}
