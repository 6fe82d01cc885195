//! The calibration's two charts: the power surface per channel and overall with the
//! data's point, and the reliability of stated probabilities on the model's own worlds.
use super::dirwriter::Folder;
use super::prose;
use crate::error::Result;
use crate::format::trimmed;
use crate::plot::power_surface::{PowerSurfaceChart, SurfacePanel};
use crate::plot::reliability::{ReliabilityBin, ReliabilityChart, ReliabilityCurve, ReliabilityPanel};
use crate::theses::calibrate::Calibration;
use crate::theses::surface::{PowerSurface, ScopeRates};

/// The statements the reliability chart draws (statement, scope); the report's table has all.
const CURVES: [(&str, &str); 7] = [
    ("P(T1)", "channel"),
    ("C1", "channel"),
    ("C5", "channel"),
    ("C7", "channel"),
    ("D4", "channel"),
    ("P(T1)", "overall"),
    ("D4", "overall"),
];

/// rate[growth][dominance] of one scope, `pick` choosing the thesis.
fn rates(p: &PowerSurface, scope: &str, pick: fn(&ScopeRates) -> f64) -> Vec<Vec<f64>> {
    p.growth
        .iter()
        .map(|&g| {
            p.dominance
                .iter()
                .map(|&d| p.cell(d, g).and_then(|c| c.scopes.iter().find(|s| s.scope == scope)).map_or(f64::NAN, pick))
                .collect()
        })
        .collect()
}

fn surface_panels(c: &Calibration) -> Vec<SurfacePanel> {
    let p = &c.power;
    let examples = vec![
        ("earlier clear T2".to_string(), *p.dominance.last().unwrap_or(&10.0), *p.growth.last().unwrap_or(&4.0)),
        ("earlier clear T1".to_string(), p.dominance[0], p.growth[0]),
    ];
    let mut scopes: Vec<(String, Option<(f64, f64)>)> = c.observed.iter().map(|o| (o.channel.clone(), o.dominance.zip(o.growth))).collect();
    scopes.push(("overall".into(), None));
    scopes
        .into_iter()
        .map(|(scope, observed)| SurfacePanel {
            title: scope.clone(),
            dominance: p.dominance.clone(),
            growth: p.growth.clone(),
            rate_t2: rates(p, &scope, |s| s.t2_very_likely.rate),
            rate_t1: rates(p, &scope, |s| s.t1_very_likely.rate),
            observed,
            null: p.null,
            examples: examples.clone(),
        })
        .collect()
}

fn reliability_panels(c: &Calibration) -> Vec<ReliabilityPanel> {
    c.self_consistency
        .iter()
        .map(|s| ReliabilityPanel {
            title: format!("prior a₀ = {}, {} worlds", trimmed(s.prior_units, 3), s.worlds),
            curves: CURVES
                .iter()
                .filter_map(|(statement, scope)| s.statements.iter().find(|r| r.statement == *statement && r.scope == *scope))
                .map(|r| ReliabilityCurve {
                    label: format!("{} ({})", r.statement, r.scope),
                    bins: r
                        .bins
                        .iter()
                        .map(|b| ReliabilityBin {
                            stated: b.stated,
                            observed: b.observed.rate,
                            n: b.n,
                            low: b.observed.low,
                            high: b.observed.high,
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

/// Writes chart_power and chart_reliability (PNG and SVG) into `dir`; their file names.
pub(crate) fn write(c: &Calibration, (subject, focal, caption): (&str, &str, &str), dir: &Folder) -> Result<Vec<String>> {
    let power = PowerSurfaceChart {
        panels: surface_panels(c),
        caption: prose::CAPTION_POWER.fill(&[
            ("worlds", &c.worlds),
            ("replicates", &c.replicates),
            ("seed", &c.seed),
            ("caption", &caption),
        ]),
        subject: subject.to_string(),
        focal: focal.to_string(),
    };
    let reliability = ReliabilityChart {
        panels: reliability_panels(c),
        caption: prose::CAPTION_RELIABILITY.fill(&[("caption", &caption)]),
        subject: subject.to_string(),
    };
    let mut files = Vec::new();
    for ext in ["png", "svg"] {
        let name = format!("chart_power.{ext}");
        dir.draw(&power, &name)?;
        files.push(name);
        let name = format!("chart_reliability.{ext}");
        dir.draw(&reliability, &name)?;
        files.push(name);
    }
    Ok(files)
}
