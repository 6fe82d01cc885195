//! The batch's comparison page: `index.md` and a self-contained `index.html` with the
//! comparison table, the two comparison charts, links to every report and the failures.
use super::blocks::Block;
use super::comparison::Failure;
use super::prose;
use crate::format::{fixed, fixed_or_missing, percent};
use crate::theses::probability::Call;
use crate::theses::summary::SubjectSummary;

/// The comparison charts: (file stem, description), drawn as PNG and SVG.
pub const CHARTS: [(&str, &str); 2] = [
    ("chart_comparison_late", "Late-period share of the focal partner per subject, with 95 % intervals"),
    ("chart_comparison_series", "Focal share and ENP per year and subject, with the period estimates"),
];

/// "0.45 (0.30-0.60)": a point and its interval with two decimals, "–" when undefined.
fn with_interval(point: Option<f64>, interval: Option<(f64, f64)>) -> String {
    match interval {
        Some((lo, hi)) => format!("{} ({}-{})", fixed_or_missing(point, 2), fixed(lo, 2), fixed(hi, 2)),
        None => fixed_or_missing(point, 2),
    }
}

/// The title of the page.
pub fn title(rows: &[SubjectSummary]) -> String {
    format!("Comparison of {} subjects: Thesis 1 vs Thesis 2", rows.len())
}

/// The focal partner's name when every analysis shares it.
fn focal(rows: &[SubjectSummary]) -> String {
    match rows.first() {
        Some(r) if rows.iter().all(|x| x.focal == r.focal) => r.focal.clone(),
        _ => "focal partner".into(),
    }
}

/// Every channel of the subjects, in order of first appearance.
pub(crate) fn channel_names(rows: &[SubjectSummary]) -> Vec<&str> {
    let mut channels: Vec<&str> = Vec::new();
    for c in rows.iter().flat_map(|r| &r.channels) {
        if !channels.contains(&c.channel.as_str()) {
            channels.push(&c.channel);
        }
    }
    channels
}

/// The result in words: which subjects have which outcome very likely (P ≥ 90 %), and
/// the range of the late focal shares.
fn result(rows: &[SubjectSummary]) -> String {
    let groups: Vec<String> = Call::ALL
        .iter()
        .filter_map(|v| {
            let names: Vec<&str> = rows.iter().filter(|r| r.call == *v).map(|r| r.subject.as_str()).collect();
            let what = if *v == Call::Open { "no outcome very likely".to_string() } else { format!("**{}** very likely", v.name()) };
            (!names.is_empty()).then(|| format!("{what} for {}", names.join(", ")))
        })
        .collect();
    // Per channel: shares of different channels measure different things.
    let ranges: Vec<String> = channel_names(rows)
        .iter()
        .filter_map(|&name| {
            let mut late: Vec<(f64, &str)> = rows
                .iter()
                .flat_map(|r| {
                    r.channels.iter().filter(|c| c.channel == name).filter_map(move |c| Some((c.late()?.focal_share?, r.subject.as_str())))
                })
                .collect();
            late.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
            let (hi, lo) = (late.first()?, late.last()?);
            Some(format!("in {name} from {} ({}) to {} ({})", fixed(hi.0, 2), hi.1, fixed(lo.0, 2), lo.1))
        })
        .collect();
    let range = match ranges.is_empty() {
        true => String::new(),
        false => format!(" {}", prose::BATCH_SHARE_RANGES.fill(&[("focal", &focal(rows)), ("ranges", &ranges.join("; "))])),
    };
    prose::BATCH_RESULT.fill(&[("outcomes", &groups.join("; ")), ("range", &range)])
}

fn table(rows: &[SubjectSummary]) -> Block {
    let focal = focal(rows);
    let header = vec![
        "subject".to_string(),
        "channel".into(),
        "late period".into(),
        format!("{focal} share (95 % CI)"),
        "ENP (95 % CI)".into(),
        "leader".into(),
        "channel P(T1) / P(T2)".into(),
        "overall P(T1) / P(T2)".into(),
        "multiverse: median P(T1) / P(T2)".into(),
    ];
    let mut lines = Vec::new();
    let pair = |a: Option<f64>, b: Option<f64>| format!("{} / {}", a.map_or("–".into(), percent), b.map_or("–".into(), percent));
    for r in rows {
        let shares = format!("{} of {}", pair(r.multiverse[0], r.multiverse[1]), r.specifications);
        for c in &r.channels {
            let Some(p) = c.late() else { continue };
            lines.push(vec![
                r.subject.clone(),
                c.channel.clone(),
                format!("{}-{}", p.start, p.end),
                with_interval(p.focal_share, p.focal_share_ci.map(|i| (i.low, i.high))),
                with_interval(p.enp, p.enp_ci.map(|i| (i.low, i.high))),
                p.leader.as_ref().map_or("–".into(), |l| if p.leader_tied { format!("{l} (tied for first)") } else { l.clone() }),
                pair(c.p_t1, c.p_t2),
                format!("**{}**", pair(Some(r.p_t1), Some(r.p_t2))),
                shares.clone(),
            ]);
        }
    }
    Block::Table(header, lines)
}

/// Every block of the comparison page.
pub fn blocks(rows: &[SubjectSummary], failures: &[Failure]) -> Vec<Block> {
    let mut b = vec![Block::Heading(1, title(rows)), Block::Para(result(rows)), table(rows)];
    b.push(Block::Para(prose::BATCH_NOTE.text().into()));
    b.extend(CHARTS.iter().map(|(stem, alt)| Block::Image(format!("{stem}.png"), alt.to_string())));
    b.push(super::index_explorer::block(rows));
    b.push(Block::Heading(2, "Reports".into()));
    b.push(Block::Para(prose::BATCH_REPORTS.text().into()));
    b.push(Block::Reports(rows.iter().map(|r| (r.subject.clone(), r.name.clone())).collect()));
    if !failures.is_empty() {
        b.push(Block::Heading(2, "Failed analyses".into()));
        b.push(Block::Para(prose::BATCH_FAILED.text().into()));
        b.push(Block::List(failures.iter().map(|f| format!("{} ({}): {}", f.name, f.path, f.message.replace('\n', "; "))).collect()));
    }
    b.push(Block::Para(prose::BATCH_PRODUCED.fill(&[("version", &env!("CARGO_PKG_VERSION"))])));
    b
}

/// The caption under the comparison charts.
pub fn caption(rows: &[SubjectSummary]) -> String {
    let data = match rows.first() {
        Some(r) if !r.vintage.is_empty() && rows.iter().all(|x| x.vintage == r.vintage) => r.vintage.clone(),
        _ => "as each report names it".to_string(),
    };
    prose::CAPTION_BATCH.fill(&[("analyses", &rows.len()), ("data", &data)])
}
