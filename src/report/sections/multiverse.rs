//! Section 7: the multiverse of coding choices, its tables, chart and explorer.
use crate::format::{fixed, percent, points, share_percent};
use crate::report::blocks::Block;
use crate::report::prose;
use crate::report::texts::Texts;
use crate::theses::status::Claim;
use crate::theses::ThesesResult;

/// Section 7: the multiverse.
pub(super) fn multiverse_blocks(r: &ThesesResult, texts: &Texts) -> Vec<Block> {
    let m = &r.multiverse;
    let mut b = Vec::new();
    b.push(Block::Heading(2, "7. Robustness: the multiverse".into()));
    b.push(Block::Para(prose::MULTIVERSE_INTRO.fill(&[("count", &m.count)])));
    let spread = |x: Option<crate::theses::multiverse::Spread>, share: f64| {
        x.map_or(vec!["–".into(); 4], |s| vec![percent(s.median), percent(s.min), percent(s.max), share_percent(share, 1)])
    };
    let mut t1 = vec!["P(T1)".to_string()];
    t1.extend(spread(m.p_t1, m.very_likely_t1));
    let mut t2 = vec!["P(T2)".to_string()];
    t2.extend(spread(m.p_t2, m.very_likely_t2));
    b.push(Block::Table(
        ["probability", "median", "smallest", "largest", "specifications with P ≥ 90 %"].map(String::from).to_vec(),
        vec![t1, t2],
    ));
    b.push(Block::Table(
        ["choice", "values", "mean spread of P(T2) when only this choice changes", "largest spread", "mean spread of P(T1)"]
            .map(String::from)
            .to_vec(),
        m.effects
            .iter()
            .map(|e| {
                let values = m.dimensions.iter().find(|d| d.choice == e.choice).map_or(String::new(), |d| d.values.join(", "));
                vec![
                    e.choice.name().to_string(),
                    values,
                    points(e.mean_spread_t2, 1),
                    points(e.max_spread_t2, 1),
                    points(e.mean_spread_t1, 1),
                ]
            })
            .collect(),
    ));
    b.push(Block::Image("chart_multiverse.png".into(), "Specification curve of P(T2) and P(T1)".into()));
    b.push(crate::report::explorer::block(m));
    b.extend(multiverse_channel_blocks(m, texts));
    b
}

/// Section 7's per-channel tables: the theses' probabilities and each claim's over the
/// specifications, and the late-period focal share under every attribution mode.
fn multiverse_channel_blocks(m: &crate::theses::multiverse::MultiverseResult, texts: &Texts) -> Vec<Block> {
    let spread = |x: &Option<crate::theses::multiverse::Spread>| {
        x.map_or("–".into(), |s| format!("{} ({} to {})", percent(s.median), percent(s.min), percent(s.max)))
    };
    let theses = m.by_channel.iter().map(|(ch, (t1, t2))| vec![ch.clone(), spread(t1), spread(t2)]).collect();
    let claims = m
        .claims
        .iter()
        .map(|(ch, per)| {
            let mut row = vec![ch.clone()];
            row.extend(Claim::PER_CHANNEL.iter().map(|id| spread(&per.get(id.name()).copied())));
            row
        })
        .collect();
    let channels: Vec<String> = m.by_channel.keys().cloned().collect();
    let attribution = m
        .attribution
        .iter()
        .map(|(mode, shares)| {
            let mut row = vec![mode.clone()];
            row.extend(channels.iter().map(|ch| shares.get(ch).copied().flatten().map_or("-".into(), |s| fixed(s, 3))));
            row
        })
        .collect();
    let mut claim_header = vec!["channel".to_string()];
    claim_header.extend(Claim::PER_CHANNEL.map(|c| c.to_string()));
    let mut attribution_header = vec!["attribution".to_string()];
    attribution_header.extend(channels.iter().cloned());
    vec![
        Block::Para(prose::MULTIVERSE_CHANNELS.text().into()),
        Block::Table(["channel", "P(T1)", "P(T2)"].map(String::from).to_vec(), theses),
        Block::Para(prose::MULTIVERSE_CLAIMS.text().into()),
        Block::Table(claim_header, claims),
        Block::Para(prose::MULTIVERSE_ATTRIBUTION.fill(&[("note", &texts.attribution_note)])),
        Block::Table(attribution_header, attribution),
        Block::Para(window_skip_text(&m.window_skips)),
        Block::Para(
            prose::MULTIVERSE_HORIZONS.fill(&[(
                "horizons",
                &m.horizons
                    .iter()
                    .map(|(h, per)| {
                        format!(
                            "{h}: {}",
                            per.iter()
                                .map(|(c, y)| format!("{c} {}", y.map_or("-".into(), |y| y.to_string())))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            )]),
        ),
    ]
}

/// Which window sizes were skipped for which periods (windows are anchored at the
/// period breaks; a size leaving fewer than 2 whole windows falls back to single years).
fn window_skip_text(skips: &[(i32, String, i32, i32)]) -> String {
    if skips.is_empty() {
        return prose::WINDOWS_ALL.text().into();
    }
    let list: Vec<String> = skips.iter().map(|(w, ch, a, b)| format!("{w} years in {ch} {a}-{b}")).collect();
    prose::WINDOWS_SKIPPED.fill(&[("skips", &list.join(", "))])
}
