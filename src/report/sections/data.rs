//! Sections 1 to 4: the question, the data and their coverage, the indices, the trends.
use crate::format::{fixed, fixed_or_missing};
use crate::report::blocks::Block;
use crate::report::prose;
use crate::report::tables;
use crate::report::texts::Texts;
use crate::theses::criteria::filter_rows;
use crate::theses::{Loaded, ThesesResult};

/// Section 1: the theses in the author's words and the claims that measure them.
pub(super) fn question_blocks(texts: &Texts) -> Vec<Block> {
    let mut b = Vec::new();
    b.push(Block::Heading(2, "1. Question".into()));
    b.extend(texts.question.iter().cloned());
    b.push(Block::Para(texts.claims.clone()));
    b
}

/// Section 2: the data per channel and their coverage.
pub(super) fn data_blocks(loaded: &Loaded, texts: &Texts) -> Vec<Block> {
    let mut b = Vec::new();
    b.push(Block::Heading(2, "2. Data and coverage".into()));
    b.push(Block::Table(
        ["channel", "unit", "rows", "first year", "last year", "partners", "thesis channel"].map(String::from).to_vec(),
        coverage(loaded)
            .iter()
            .map(|c| {
                vec![
                    c.channel.clone(),
                    c.unit.clone().unwrap_or_default(),
                    c.rows.to_string(),
                    c.year_first.to_string(),
                    c.year_last.to_string(),
                    c.partners.to_string(),
                    if loaded.file.channels.contains_key(&c.channel) { "yes".into() } else { "context".into() },
                ]
            })
            .collect(),
    ));
    b.push(Block::Para(texts.data_note.clone()));
    b.extend(coverage_blocks(loaded));
    b
}

/// Rows, unit, years and partners per channel of the analysis's subject (the data may
/// hold other subjects too).
pub(crate) fn coverage(loaded: &Loaded) -> Vec<crate::data::summary::ChannelSummary> {
    let obs = &loaded.dataset.observations;
    let subject = loaded.file.data.subject.as_str();
    crate::data::summary::Summary::channels_of(&filter_rows(obs, |i| obs.strings.text(obs.subject[i]) == subject))
}

/// The coverage table of section 2: which source covers which years of each channel.
fn coverage_blocks(loaded: &Loaded) -> Vec<Block> {
    let carried = crate::theses::coverage_check::carried(&loaded.file, &loaded.dataset.observations);
    let rows: Vec<Vec<String>> = loaded
        .file
        .coverage
        .iter()
        .flat_map(|(channel, spans)| {
            // A span of a release the rows do not carry does not describe these data.
            let counts = |s: &&crate::theses::spec::CoverageSpan| {
                s.data_source.as_ref().is_none_or(|d| carried.contains(&(channel.clone(), d.clone())))
            };
            spans.iter().filter(counts).map(move |s| {
                let kind = match s.kind {
                    crate::theses::spec::CoverageKind::Systematic => "systematic",
                    crate::theses::spec::CoverageKind::Examples => "examples only",
                };
                let release = s.data_source.clone().unwrap_or_else(|| "– (not checked)".into());
                vec![channel.clone(), s.source.clone(), format!("{}-{}", s.first, s.last), kind.to_string(), release, s.locator.clone()]
            })
        })
        .collect();
    if rows.is_empty() {
        return vec![];
    }
    vec![
        Block::Para(prose::COVERAGE.text().into()),
        Block::Table(
            ["channel", "source", "years", "coverage", "rows' source (release)", "documented in"].map(String::from).to_vec(),
            rows,
        ),
    ]
}

/// Section 3: the indices of every period with their intervals.
pub(super) fn index_blocks(r: &ThesesResult) -> Vec<Block> {
    let mut b = Vec::new();
    b.push(Block::Heading(2, "3. Concentration and diversity".into()));
    let mut rows = Vec::new();
    for c in &r.main.channels {
        for p in &c.periods {
            let ci = |n: &str| p.interval(n);
            rows.push(vec![
                c.channel.clone(),
                format!("{}-{}", p.start, p.end),
                fixed_or_missing(Some(p.rates.point.yearly_richness), 2),
                format!(
                    "{} ({}-{})",
                    fixed_or_missing(p.suite.enp, 2),
                    fixed_or_missing(ci("enp").map(|i| i.low), 2),
                    fixed_or_missing(ci("enp").map(|i| i.high), 2)
                ),
                format!(
                    "{} ({}-{})",
                    fixed_or_missing(p.suite.focal_share, 2),
                    fixed_or_missing(ci("focal_share").map(|i| i.low), 2),
                    fixed_or_missing(ci("focal_share").map(|i| i.high), 2)
                ),
                p.suite.focal_rank.map_or("–".into(), |r| r.to_string()),
                fixed_or_missing(p.p_focal_first, 2),
                format!(
                    "{} ({}-{})",
                    fixed_or_missing(p.suite.dominance, 2),
                    fixed_or_missing(ci("dominance").map(|i| i.low), 2),
                    fixed_or_missing(ci("dominance").map(|i| i.high), 2)
                ),
                p.suite.cr1_partner.clone().unwrap_or_default(),
            ]);
        }
    }
    b.push(Block::Table(
        vec![
            "channel".into(),
            "period".into(),
            "active partners".into(),
            "ENP (95 % CI)".into(),
            format!("{} share (95 % CI)", r.focal),
            format!("{} rank", r.focal),
            "P(rank 1)".into(),
            "dominance (95 % CI)".into(),
            "leader".into(),
        ],
        rows,
    ));
    b.push(Block::Para(prose::INDICES_NOTE.text().into()));
    b.push(Block::Image("chart_shares.png".into(), "Partner shares per year and channel".into()));
    b.push(Block::Image("chart_heatmap.png".into(), "Partner by year heatmap per channel".into()));
    b
}

/// Section 4: trend, break and change-point tests.
pub(super) fn trend_blocks(r: &ThesesResult, trends: &[tables::TrendEntry]) -> Vec<Block> {
    let s = &r.main.specification;
    let mut b = Vec::new();
    b.push(Block::Heading(2, "4. Trends and breaks".into()));
    // Three decimals; empty where a test did not run or is undefined.
    let short = |x: Option<f64>| x.filter(|v| v.is_finite()).map_or(String::new(), |v| fixed(v, 3));
    let mut trend_table = Vec::new();
    for e in trends.iter().filter(|e| ["focal_share", "enp", "richness"].contains(&e.metric)) {
        let t = &e.report;
        let mk = t.mann_kendall.as_ref().ok();
        let mut cells = vec![
            e.channel.clone(),
            e.metric.to_string(),
            t.n.to_string(),
            short(mk.map(|m| m.z)),
            short(mk.map(|m| m.p)),
            short(t.sen_slope.as_ref().ok().copied()),
        ];
        for br in &s.breaks {
            let at = t.breaks.iter().find(|b| b.year == *br);
            cells.push(short(at.and_then(|b| b.difference.as_ref().map(|d| d.diff))));
            cells.push(short(at.and_then(|b| b.chow.map(|c| c.p))));
        }
        cells.push(t.pettitt_year.map_or(String::new(), |y| y.to_string()));
        cells.push(short(t.pettitt.map(|p| p.p)));
        trend_table.push(cells);
    }
    let mut th: Vec<String> = ["channel", "metric", "years", "MK z", "MK p", "Sen slope/yr"].map(String::from).to_vec();
    for br in &s.breaks {
        th.push(format!("change at {br}"));
        th.push(format!("Chow p {br}"));
    }
    th.extend(["Pettitt year".into(), "Pettitt p".into()]);
    b.push(Block::Table(th, trend_table));
    b.push(Block::Para(prose::TRENDS_NOTE.text().into()));
    b.push(Block::Image(
        "chart_concentration.png".into(),
        "HHI and ENP per year with bootstrap bands (events resampled within each year)".into(),
    ));
    b.push(Block::Image("chart_focal.png".into(), format!("{} against the next two partners", r.focal)));
    b
}
