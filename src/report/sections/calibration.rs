//! Section 6: what these data can detect: calibration and power.
use crate::format::trimmed;
use crate::report::blocks::Block;
use crate::report::prose;
use crate::theses::calibrate::Calibration;
use crate::theses::calibration_render::{self, Thesis};

pub(super) fn calibration_blocks(c: &Calibration, focal: &str) -> Vec<Block> {
    let p = &c.power;
    let mut b = vec![Block::Para(prose::CALIBRATION_VIEWS.fill(&[("worlds", &c.self_consistency.first().map_or(0, |s| s.worlds))]))];
    let (header, rows) = calibration_render::reliability_rows(c);
    b.push(Block::Table(header, rows));
    b.push(Block::Image("chart_reliability.png".into(), "Reliability of the stated probabilities on the model's own worlds".into()));
    b.push(Block::Para(prose::CALIBRATION_WORLDS.fill(&[
        ("worlds", &c.worlds),
        ("replicates", &c.replicates),
        ("seed", &c.seed),
        ("focal", &focal),
    ])));
    let (header, rows) = calibration_render::shape_rows(&c.shape);
    b.push(Block::Table(header, rows));
    for thesis in [Thesis::T2, Thesis::T1] {
        let name = if thesis == Thesis::T2 { "Thesis 2" } else { "Thesis 1" };
        b.push(Block::Para(prose::POWER_TABLE_INTRO.fill(&[("name", &name), ("focal", &focal)])));
        let (header, rows) = calibration_render::power_table(p, "overall", thesis);
        b.push(Block::Table(header, rows));
    }
    b.push(Block::Image("chart_power.png".into(), "Power surface per channel and overall, with the data's point".into()));
    let value = |x: Option<&f64>| x.map_or("–".into(), |x| trimmed(*x, 3));
    b.push(Block::Para(prose::POWER_EXAMPLES.fill(&[
        ("clear_t2_dominance", &value(p.dominance.last())),
        ("clear_t2_growth", &value(p.growth.last())),
        ("clear_t1_dominance", &value(p.dominance.first())),
        ("clear_t1_growth", &value(p.growth.first())),
        ("focal", &focal),
    ])));
    b.push(Block::List(calibration_render::findings(c, focal)));
    b
}
