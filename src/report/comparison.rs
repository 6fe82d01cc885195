//! `comparison.csv` of a batch: one row per analysis (late-period focal share and ENP
//! with their intervals, leader and P(T1), P(T2) per channel and overall, the
//! multiverse's medians), and the failures of the analyses that could not run.
use crate::tables::number;
use crate::theses::summary::{channels, SubjectSummary};

/// An analysis of the batch that failed, with the message that says why.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// The analysis's name (its file stem).
    pub name: String,
    /// The analysis file's path, as displayed.
    pub path: String,
    /// The error that stopped it.
    pub message: String,
}

const PER_CHANNEL: [&str; 11] = [
    "late_period",
    "focal_share",
    "focal_share_ci_low",
    "focal_share_ci_high",
    "enp",
    "enp_ci_low",
    "enp_ci_high",
    "leader",
    "leader_tied",
    "p_t1",
    "p_t2",
];

/// `comparison.csv`: one row per analysis (failed ones with status "failed" and empty
/// cells), the per-channel columns prefixed with the channel's name.
pub(crate) fn csv(rows: &[SubjectSummary], failures: &[Failure]) -> Vec<u8> {
    let channels = channels(rows);
    let mut header: Vec<String> = ["name", "status", "subject", "focal"].map(String::from).to_vec();
    header.extend(channels.iter().flat_map(|c| PER_CHANNEL.iter().map(move |k| format!("{c}_{k}"))));
    header.extend(["p_t1", "p_t2", "multiverse_specifications", "multiverse_median_p_t1", "multiverse_median_p_t2"].map(String::from));
    let mut lines: Vec<(String, Vec<String>)> = rows.iter().map(|r| (r.name.clone(), row_cells(r, &channels))).collect();
    for f in failures {
        let mut cells = vec![f.name.clone(), "failed".to_string()];
        cells.resize(header.len(), String::new());
        lines.push((f.name.clone(), cells));
    }
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    let mut w = ::csv::WriterBuilder::new().terminator(::csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let _ = w.write_record(&header);
    for (_, cells) in &lines {
        let _ = w.write_record(cells);
    }
    w.into_inner().unwrap_or_default()
}

fn row_cells(r: &SubjectSummary, channels: &[String]) -> Vec<String> {
    let num = |x: Option<f64>| x.map_or(String::new(), number);
    let mut cells = vec![r.name.clone(), "ok".to_string(), r.subject.clone(), r.focal.clone()];
    for name in channels {
        let c = r.channels.iter().find(|c| &c.channel == name);
        match c.and_then(|c| c.late().map(|p| (c, p))) {
            Some((c, p)) => cells.extend([
                format!("{}-{}", p.start, p.end),
                num(p.focal_share),
                num(p.focal_share_ci.map(|i| i.low)),
                num(p.focal_share_ci.map(|i| i.high)),
                num(p.enp),
                num(p.enp_ci.map(|i| i.low)),
                num(p.enp_ci.map(|i| i.high)),
                p.leader.clone().unwrap_or_default(),
                p.leader_tied.to_string(),
                num(c.p_t1),
                num(c.p_t2),
            ]),
            None => cells.extend(std::iter::repeat_n(String::new(), PER_CHANNEL.len())),
        }
    }
    cells.push(number(r.p_t1));
    cells.push(number(r.p_t2));
    cells.push(r.specifications.to_string());
    cells.extend(r.multiverse.iter().map(|s| num(*s)));
    cells
}
