//! The line of a TOML text that defines a dotted key, so that problems found after parsing
//! (a value out of range, a name that matches no data) are located at file:line like
//! syntax errors. A light scan of `[table]` headers and `key = value` lines, enough for
//! analysis files; the deepest definition on the key's path wins.

/// The parts of a dotted key or table name, without quotes and blanks.
fn parts(dotted: &str) -> Vec<String> {
    dotted.split('.').map(|p| p.trim().trim_matches('"').trim_matches('\'').to_string()).collect()
}

/// 1-based line of the deepest header or assignment on the path of `key` (e.g.
/// `multiverse.last_years`, `channels.arms.weight`), or `None` if nothing matches.
pub fn line_of(text: &str, key: &str) -> Option<u64> {
    let wanted = parts(key);
    let mut table: Vec<String> = Vec::new();
    let mut best: Option<(usize, u64)> = None;
    for (k, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let path = if let Some(header) = line.strip_prefix('[') {
            let header = header.trim_start_matches('[');
            let Some(end) = header.find(']') else { continue };
            table = parts(&header[..end]);
            table.clone()
        } else if let Some((name, _)) = line.split_once('=').filter(|_| !line.starts_with('#')) {
            let mut path = table.clone();
            path.extend(parts(name));
            path
        } else {
            continue;
        };
        let depth = path.len();
        if depth <= wanted.len() && wanted[..depth] == path[..] && best.is_none_or(|(d, _)| depth > d) {
            best = Some((depth, k as u64 + 1));
        }
    }
    best.map(|(_, line)| line)
}

#[cfg(test)]
mod tests {
    use super::line_of;

    #[test]
    fn finds_tables_assignments_and_inline_tables() {
        let text = "# c\n[data]\nfocal = \"Rusia\"\n\n[channels]\narms = { weight = 1.0 }\n[multiverse]\nlast_years = []\n[multiverse.channel_weights.heavy]\narms = 2\n";
        assert_eq!(line_of(text, "data.focal"), Some(3));
        assert_eq!(line_of(text, "channels.arms.weight"), Some(6));
        assert_eq!(line_of(text, "channels.training"), Some(5));
        assert_eq!(line_of(text, "multiverse.last_years"), Some(8));
        assert_eq!(line_of(text, "multiverse.channel_weights.heavy.arms"), Some(10));
        assert_eq!(line_of(text, "bootstrap.seed"), None);
    }
}
