//! The multiverse explorer of report.html: one toggle per choice value, the specification
//! curve of P(T2) and P(T1) with its choice matrix, a summary line and the choice that moves
//! P(T2) most, all recomputed in the page (explorer.js) from the specifications embedded as
//! JSON. Self-contained: no network, works from `file://`; without script the summary line
//! written here (the whole multiverse) and the static chart remain.
use std::fmt::Write;

use super::blocks::{escape, scripted, Block};
use super::prose::{self, Prose};
use crate::format::percent;
use crate::tables::number;
use crate::theses::multiverse::{MultiverseResult, SpecOutcome};

/// The page script (plain ES2015, no dependencies) after the shared helpers.
const SCRIPT: &str = concat!(include_str!("page_lib.js"), include_str!("explorer.js"));

/// The explorer as an interactive block (nothing in Markdown, which has the static chart).
pub(crate) fn block(m: &MultiverseResult) -> Block {
    let mut html = String::from("<section class=\"mv-explorer\" id=\"mv-explorer\" aria-labelledby=\"mv-title\">\n");
    let _ = writeln!(
        html,
        "<h3 id=\"mv-title\">Explore the multiverse</h3>\n<p class=\"mv-live\" hidden>{}</p>",
        escape(prose::EXPLORER_INTRO.text())
    );
    html.push_str(&controls(m));
    let _ =
        writeln!(html, "<p class=\"mv-summary\" id=\"mv-summary\" role=\"status\" aria-live=\"polite\">{}</p>", escape(&summary_line(m)));
    let _ = writeln!(html, "<p id=\"mv-effect\" aria-live=\"polite\">{}</p>", escape(&effect_line(m)));
    // Which values are off, so that a printout (without the controls) says what it shows.
    let _ = writeln!(html, "<p id=\"mv-off\">{}</p>", escape(prose::EXPLORER_ALL_ON.text()));
    html.push_str("<div class=\"mv-curve\" id=\"mv-curve\"></div>\n");
    html.push_str(&scripted("mv-data", &data_json(m), SCRIPT));
    html.push_str("</section>\n");
    Block::Interactive(html, String::new())
}

/// The toggles: a fieldset per choice with a checkbox per value (a choice with one value
/// is shown as fixed), the order of the curve and a button that selects everything.
fn controls(m: &MultiverseResult) -> String {
    let mut html = String::from("<div class=\"mv-controls mv-live\" role=\"group\" aria-label=\"coding choices\" hidden>\n");
    for (d, dim) in m.dimensions.iter().enumerate() {
        let name = escape(dim.choice.name());
        if dim.values.len() < 2 {
            let value = dim.values.first().map_or(String::new(), |v| escape(v));
            let _ = writeln!(html, "<fieldset><legend>{name}</legend><span class=\"mv-fixed\">{value} (the only value)</span></fieldset>");
            continue;
        }
        let _ = write!(html, "<fieldset><legend>{name}</legend>");
        for (v, value) in dim.values.iter().enumerate() {
            let count = m.specifications.iter().filter(|o| o.choices[d] == v).count();
            let _ = write!(
                html,
                "<label><input type=\"checkbox\" checked data-choice=\"{d}\" data-value=\"{v}\" data-choice-name=\"{name}\" data-value-name=\"{}\"> {} <span class=\"mv-count\" id=\"mv-count-{d}-{v}\" title=\"specifications with this value among the other choices' selection\">({count})</span></label>",
                escape(value),
                escape(value)
            );
        }
        html.push_str("</fieldset>\n");
    }
    html.push_str("<fieldset><legend>curve ordered by</legend><label><input type=\"radio\" name=\"mv-order\" value=\"t2\" checked> P(T2)</label><label><input type=\"radio\" name=\"mv-order\" value=\"t1\"> P(T1)</label></fieldset>\n");
    html.push_str("<div><button type=\"button\" id=\"mv-all\">Select every value</button></div>\n</div>\n");
    html
}

/// The summary line of a selection of specifications (explorer.js writes the same words):
/// how many are selected, how many judge nothing, and the median and range of each
/// probability over the judged ones.
pub(crate) fn summary_line(m: &MultiverseResult) -> String {
    let mut line = prose::EXPLORER_SELECTED.fill(&[("selected", &m.count), ("total", &m.count)]);
    if m.one_period > 0 {
        line.push_str(&prose::EXPLORER_ONE_PERIOD.fill(&[("count", &m.one_period)]));
    }
    let spread = |s: Option<crate::theses::multiverse::Spread>| {
        s.map_or(crate::format::MISSING.to_string(), |s| {
            prose::EXPLORER_SPREAD.fill(&[("median", &percent(s.median)), ("min", &percent(s.min)), ("max", &percent(s.max))])
        })
    };
    line + &prose::EXPLORER_PROBABILITIES.fill(&[("p_t2", &spread(m.p_t2)), ("p_t1", &spread(m.p_t1))])
}

/// The choice that moves P(T2) most within the selection (explorer.js writes the same words).
pub(crate) fn effect_line(m: &MultiverseResult) -> String {
    match m.effects.first() {
        Some(e) => {
            prose::EXPLORER_EFFECT.fill(&[("choice", &e.choice.name()), ("points", &crate::format::fixed(100.0 * e.mean_spread_t2, 0))])
        }
        None => prose::EXPLORER_FIXED.text().to_string(),
    }
}

/// The templates the page script fills, by the names it uses.
fn templates() -> serde_json::Value {
    let texts: [(&str, &Prose); 10] = [
        ("selected", &prose::EXPLORER_SELECTED),
        ("one_period", &prose::EXPLORER_ONE_PERIOD),
        ("probabilities", &prose::EXPLORER_PROBABILITIES),
        ("spread", &prose::EXPLORER_SPREAD),
        ("none", &prose::EXPLORER_NONE),
        ("effect", &prose::EXPLORER_EFFECT),
        ("fixed", &prose::EXPLORER_FIXED),
        ("legend", &prose::EXPLORER_LEGEND),
        ("off", &prose::EXPLORER_OFF),
        ("all_on", &prose::EXPLORER_ALL_ON),
    ];
    prose::templates_json(&texts)
}

/// `index` in base 36, left-padded with zeros to `width` digits.
fn base36(mut index: usize, width: usize) -> String {
    let mut digits = vec!['0'; width];
    for slot in digits.iter_mut().rev() {
        *slot = std::char::from_digit((index % 36) as u32, 36).unwrap_or('0');
        index /= 36;
    }
    digits.into_iter().collect()
}

/// The specifications for the page: the templates of its sentences, the choices and their values, every specification's
/// value indices (`width` base-36 digits per choice, concatenated), whether it is judged,
/// and its P(T1) and P(T2) written as in multiverse.csv (null if not finite).
fn data_json(m: &MultiverseResult) -> String {
    let choices: Vec<serde_json::Value> =
        m.dimensions.iter().map(|d| serde_json::json!({"name": d.choice.name(), "values": d.values})).collect();
    let most = m.dimensions.iter().map(|d| d.values.len()).max().unwrap_or(1).max(2) - 1;
    // Base-36 digits of the largest index.
    let width = std::iter::successors(Some(most), |i| (*i >= 36).then_some(i / 36)).count();
    let codes: String = m.specifications.iter().flat_map(|o| o.choices.iter().map(|&i| base36(i, width))).collect();
    let judged: String = m.specifications.iter().map(|o| if o.judged() { '1' } else { '0' }).collect();
    let numbers = |f: fn(&SpecOutcome) -> f64| {
        let text = |x: f64| if x.is_finite() { number(x) } else { "null".into() };
        m.specifications.iter().map(|o| text(f(o))).collect::<Vec<_>>().join(",")
    };
    format!(
        "{{\"text\":{},\"choices\":{},\"width\":{width},\"codes\":\"{codes}\",\"judged\":\"{judged}\",\"p_t1\":[{}],\"p_t2\":[{}]}}",
        templates(),
        serde_json::Value::Array(choices),
        numbers(|o| o.p_t1),
        numbers(|o| o.p_t2)
    )
}

#[cfg(test)]
mod tests {
    use super::base36;

    #[test]
    fn value_indices_are_fixed_width_base36() {
        assert_eq!(base36(0, 1), "0");
        assert_eq!(base36(35, 1), "z");
        assert_eq!(base36(36, 2), "10");
        assert_eq!(base36(71, 2), "1z");
        assert_eq!(usize::from_str_radix(&base36(1000, 2), 36).unwrap(), 1000);
    }
}
