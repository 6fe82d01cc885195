//! The interactive part of the batch's index.html: a toggle per subject that filters the
//! comparison table and redraws two comparison charts (late focal share with its interval
//! per subject and channel; the yearly focal share of one channel per subject), and
//! sortable table columns; index_explorer.js does it from the numbers embedded as JSON.
//! The static PNG charts stay for print and for index.md.
use std::fmt::Write;

use super::blocks::{escape, scripted, Block};
use super::prose;
use crate::theses::summary::SubjectSummary;

/// The page script (plain ES2015, no dependencies) after the shared helpers.
const SCRIPT: &str = concat!(include_str!("page_lib.js"), include_str!("index_explorer.js"));

/// A number for the page's JSON (shortest decimal), null when undefined or not finite.
fn value(x: Option<f64>) -> serde_json::Value {
    x.filter(|v| v.is_finite()).map_or(serde_json::Value::Null, |v| serde_json::json!(v))
}

/// The subjects' late periods and yearly series as JSON.
fn data_json(rows: &[SubjectSummary]) -> String {
    let subjects: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            let channels: Vec<serde_json::Value> = r
                .channels
                .iter()
                .map(|c| {
                    let late = c.late().map(|p| {
                        serde_json::json!({
                            "start": p.start, "end": p.end, "share": value(p.focal_share),
                            "low": value(p.focal_share_ci.map(|i| i.low)), "high": value(p.focal_share_ci.map(|i| i.high)),
                        })
                    });
                    let yearly: Vec<serde_json::Value> = c.yearly.iter().map(|(y, s, _)| serde_json::json!([y, value(*s)])).collect();
                    serde_json::json!({"channel": c.channel, "late": late, "yearly": yearly})
                })
                .collect();
            // The comparison table has a row per channel with a late period (`index::table`).
            let table_rows = r.channels.iter().filter(|c| c.late().is_some()).count();
            serde_json::json!({"subject": r.subject, "rows": table_rows, "channels": channels, "threshold": value(Some(r.focal_share_max))})
        })
        .collect();
    let focal = rows.first().map_or(String::new(), |r| r.focal.clone());
    let text = prose::templates_json(&[
        ("status", &prose::COMPARE_STATUS),
        ("late_legend", &prose::COMPARE_LATE_LEGEND),
        ("yearly_legend", &prose::COMPARE_YEARLY_LEGEND),
        ("yearly_empty", &prose::COMPARE_YEARLY_EMPTY),
    ]);
    serde_json::json!({"text": text, "focal": focal, "subjects": subjects}).to_string()
}

/// The toggles, status line, chart holders, data and script.
pub(crate) fn block(rows: &[SubjectSummary]) -> Block {
    let mut html = String::from("<section class=\"mv-explorer\" id=\"cmp-explorer\" aria-labelledby=\"cmp-title\">\n<h2 id=\"cmp-title\">Compare the subjects</h2>\n");
    let _ = write!(
        html,
        "<p class=\"mv-live\" hidden>{}</p>\n<div class=\"mv-controls mv-live\" hidden>\n<fieldset><legend>subjects</legend>",
        escape(prose::COMPARE_INTRO.text())
    );
    for (k, r) in rows.iter().enumerate() {
        let _ = write!(
            html,
            "<label><input type=\"checkbox\" checked data-subject=\"{k}\" data-subject-name=\"{}\"> {}</label>",
            escape(&r.subject),
            escape(&r.subject)
        );
    }
    html.push_str("</fieldset>\n<fieldset><legend>yearly chart: channel</legend>");
    for (k, c) in super::index::channel_names(rows).iter().enumerate() {
        let checked = if k == 0 { " checked" } else { "" };
        let _ = write!(html, "<label><input type=\"radio\" name=\"cmp-channel\" value=\"{}\"{checked}> {}</label>", escape(c), escape(c));
    }
    html.push_str("</fieldset>\n<div><button type=\"button\" id=\"cmp-all\">Show every subject</button></div>\n</div>\n");
    let status = prose::COMPARE_STATUS.fill(&[("shown", &rows.len()), ("total", &rows.len())]);
    let _ = writeln!(html, "<p class=\"mv-summary\" id=\"cmp-status\" role=\"status\" aria-live=\"polite\">{}</p>", escape(&status));
    html.push_str("<div class=\"mv-curve\" id=\"cmp-late\"></div>\n<div class=\"mv-curve\" id=\"cmp-yearly\"></div>\n");
    html.push_str(&scripted("cmp-data", &data_json(rows), SCRIPT));
    html.push_str("</section>\n");
    Block::Interactive(html, String::new())
}
