//! Section 5: the theses' probabilities per channel and overall, and the fields of C6.
use super::headline::probability_cells;
use crate::format::{percent, share_percent};
use crate::report::blocks::Block;
use crate::report::prose;
use crate::theses::probability::ThesisProbabilities;
use crate::theses::{render as theses_render, Loaded, ThesesResult};

/// Section 5: the theses' probabilities per channel and overall, claim by claim.
pub(super) fn probability_blocks(loaded: &Loaded, r: &ThesesResult) -> Vec<Block> {
    let t = &loaded.file.thresholds;
    let mut b = Vec::new();
    b.push(Block::Heading(2, "5. The theses' probabilities".into()));
    let second = |name: &str| r.sensitivity.channels.iter().find(|c| c.0 == name).and_then(|c| c.1);
    let row = |name: String, p: Option<ThesisProbabilities>, q: Option<ThesisProbabilities>| {
        let [t1, t2, neither] = probability_cells(p);
        let prior = p.map_or("–".into(), |p| format!("{} / {}", percent(p.prior_t1), percent(p.prior_t2)));
        let factor = p.map_or("–".into(), |p| theses_render::bayes_factor_text(&p));
        let q = q.map_or("–".into(), |q| format!("{} / {}", percent(q.p_t1), percent(q.p_t2)));
        vec![name, t1, t2, neither, prior, factor, q]
    };
    b.push(Block::Table(
        ["channel", "P(T1)", "P(T2)", "P(neither)", "prior P(T1) / P(T2)", "Bayes factor T2 : T1", "second prior: P(T1) / P(T2)"]
            .map(String::from)
            .to_vec(),
        r.main
            .channels
            .iter()
            .map(|c| row(c.channel.clone(), c.probabilities, second(&c.channel)))
            .chain(std::iter::once(row("**overall**".into(), Some(r.main.overall.probabilities), Some(r.sensitivity.overall))))
            .collect(),
    ));
    b.push(Block::Table(
        ["channel", "claim", "thesis", "P(claim)", "prior", "informed", "status", "evidence"].map(String::from).to_vec(),
        r.main
            .channels
            .iter()
            .flat_map(|c| c.criteria.iter().map(move |k| (c.channel.clone(), k)))
            .chain(r.main.overall.criteria.iter().map(|k| ("overall".to_string(), k)))
            .map(|(c, k)| {
                let informed = if k.informed { "yes" } else { "**no**" };
                vec![
                    c,
                    k.id.name().into(),
                    k.thesis.into(),
                    percent(k.probability),
                    percent(k.prior),
                    informed.into(),
                    k.status.name().into(),
                    k.summary.clone(),
                ]
            })
            .collect(),
    ));
    b.extend(fields_blocks(r));
    b.push(Block::Para(prose::PROBABILITIES_NOTE.fill(&[
        ("draws", &r.main.specification.replicates),
        ("majority", &share_percent(t.overall_majority, 0)),
        ("enp_min", &t.enp_min),
        ("focal", &r.focal),
        ("focal_share_max", &t.focal_share_max),
        ("dominance_min", &t.dominance_min),
        ("growth_min", &t.growth_min),
        ("prior_units", &loaded.file.prior.units),
        ("total_error", &loaded.file.prior.total_error),
    ])));
    b
}

/// The fields C6 compares, each with its late leader and P(leader) (nothing without fields).
fn fields_blocks(r: &ThesesResult) -> Vec<Block> {
    if r.main.fields.is_empty() {
        return vec![];
    }
    let rows = r
        .main
        .fields
        .iter()
        .map(|f| {
            vec![
                f.field.clone(),
                f.channel.clone(),
                f.kind.clone().unwrap_or_else(|| "all".into()),
                f.late_period.map_or("–".into(), |(a, b)| format!("{a}-{b}")),
                f.late_leader.clone().unwrap_or_else(|| "none recorded".into()),
                f.p_leader.map_or("–".into(), percent),
                format!("{} units, {} totals", f.late_units, f.late_totals),
            ]
        })
        .collect();
    vec![
        Block::Para(prose::FIELDS_NOTE.text().into()),
        Block::Table(["field", "channel", "kind", "late period", "leader", "P(leader)", "evidence"].map(String::from).to_vec(), rows),
    ]
}
