//! The report's headline: the answer in calibrated words and each thesis component per
//! channel (before section 1).
use crate::format::{equals, fixed, percent, trimmed};
use crate::report::blocks::Block;
use crate::report::prose;
use crate::report::texts::Texts;
use crate::theses::calibrate::Calibration;
use crate::theses::calibration_render::{self};
use crate::theses::headline;
use crate::theses::probability::ThesisProbabilities;
use crate::theses::status::Claim;
use crate::theses::{render as theses_render, ThesesResult};

/// One channel's probability of claim `id`, marked where the data cannot inform it ("–" when not evaluated).
fn claim_cell(criteria: &[crate::theses::status::Criterion], id: Claim) -> String {
    criteria.iter().find(|k| k.id == id).map_or("–".into(), |k| {
        if k.informed {
            percent(k.probability)
        } else {
            format!("{} (prior; not informed)", percent(k.probability))
        }
    })
}

/// "P(T1) / P(T2) / P(neither)" of one channel or the pool.
pub(super) fn probability_cells(p: Option<ThesisProbabilities>) -> [String; 3] {
    p.map_or(["–".into(), "–".into(), "–".into()], |p| [percent(p.p_t1), percent(p.p_t2), percent(p.p_neither)])
}

/// The headline's sentence on error rates: the null cell overall and the largest calibration error.
fn calibration_sentence(c: &Calibration) -> String {
    let (null, ece) = calibration_render::error_rates(c);
    prose::CALIBRATION_SENTENCE.fill(&[
        ("null_dominance", &trimmed(c.power.null.0, 3)),
        ("null_growth", &trimmed(c.power.null.1, 3)),
        ("null", &null),
        ("ece", &ece),
    ])
}

/// Title, the answer in calibrated words, and each thesis component per channel.
pub(super) fn headline_blocks(r: &ThesesResult, texts: &Texts, calibration: &Calibration) -> Vec<Block> {
    let s = &r.main.specification;
    let m = &r.multiverse;
    let o = &r.main.overall.probabilities;
    let mut b = vec![Block::Heading(1, prose::TITLE.fill(&[("subject", &r.subject)]))];
    if let Some(sentence) = headline::only_one_period(&r.main) {
        b.push(Block::Para(format!("**Result.** {sentence}")));
        return b;
    }
    b.push(Block::Para(prose::RESULT.fill(&[
        ("reading", &texts.reading),
        ("attribution", &s.attribution.name()),
        ("breaks", &s.breaks.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(" and ")),
        ("deepening", &s.deepening.name()),
        ("thesis_1", &texts.thesis_1),
        ("p_t1", &headline::worded(o.p_t1)),
        ("thesis_2", &texts.thesis_2),
        ("p_t2", &headline::worded(o.p_t2)),
        ("p_neither", &percent(o.p_neither)),
    ])));
    b.push(Block::List(headline::sentences(&r.main, &r.focal)));
    b.push(Block::Para(prose::RESULT_ROBUSTNESS.fill(&[
        ("prior_t1", &equals(o.prior_t1)),
        ("prior_t2", &equals(o.prior_t2)),
        ("bayes_factor", &theses_render::bayes_factor_text(o)),
        ("second_prior_units", &r.sensitivity.prior_units),
        ("prior_units", &s.prior.units),
        ("second_p_t1", &equals(r.sensitivity.overall.p_t1)),
        ("second_p_t2", &equals(r.sensitivity.overall.p_t2)),
        ("specifications", &m.count),
        ("t1_median", &m.p_t1.map_or("–".into(), |x| percent(x.median))),
        ("t1_min", &m.p_t1.map_or("–".into(), |x| percent(x.min))),
        ("t1_max", &m.p_t1.map_or("–".into(), |x| percent(x.max))),
        ("t2_median", &m.p_t2.map_or("–".into(), |x| percent(x.median))),
        ("t2_min", &m.p_t2.map_or("–".into(), |x| percent(x.min))),
        ("t2_max", &m.p_t2.map_or("–".into(), |x| percent(x.max))),
        (
            "moves_most",
            &m.effects.first().map_or("none".into(), |e| {
                prose::RESULT_MOVES_MOST.fill(&[("choice", &e.choice.name()), ("points", &fixed(100.0 * e.mean_spread_t2, 0))])
            }),
        ),
        ("calibration", &calibration_sentence(calibration)),
    ])));
    let mut header = vec!["thesis component (claim): P".to_string()];
    header.extend(r.main.channels.iter().map(|c| c.channel.clone()));
    header.push("overall".into());
    let rows = texts
        .components
        .iter()
        .map(|(id, words)| {
            let mut row = vec![format!("{words} ({id})")];
            row.extend(r.main.channels.iter().map(|c| claim_cell(&c.criteria, *id)));
            row.push(claim_cell(&r.main.overall.criteria, *id));
            row
        })
        .chain(["P(T1)", "P(T2)", "P(neither)"].into_iter().enumerate().map(|(k, name)| {
            let mut row = vec![format!("**{name}**")];
            row.extend(r.main.channels.iter().map(|c| format!("**{}**", probability_cells(c.probabilities)[k])));
            row.push(format!("**{}**", probability_cells(Some(*o))[k]));
            row
        }))
        .collect();
    b.push(Block::Table(header, rows));
    b
}
