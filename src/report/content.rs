//! What the report says: sections like the conclusion chapter of the dissertation, built
//! from the theses result, the charts, the trend tests and the codebook's caveats.
use std::path::Path;

use super::blocks::{html, markdown, Block};
use super::dirwriter::Folder;
use super::prose;
use super::tables;
use super::texts::Texts;
use super::Hooks;
use crate::error::{Error, Result};
use crate::format::{equals, fixed, fixed_or_missing, percent, points, share_percent, trimmed};
use crate::plot::data::ChartSet;
use crate::plot::Chart;
use crate::tables::trend as trend_table;
use crate::theses::calibrate::Calibration;
use crate::theses::calibration_render::{self, Thesis};
use crate::theses::criteria::filter_rows;
use crate::theses::headline;
use crate::theses::probability::ThesisProbabilities;
use crate::theses::status::Claim;
use crate::theses::{main_specification, render as theses_render, Loaded, ThesesResult};

fn csv(header: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r);
    }
    w.into_inner().unwrap_or_default()
}

/// A generated report: its file names (sorted) and the result it shows.
pub struct Generated {
    pub files: Vec<String>,
    pub result: ThesesResult,
}

/// Reads `analysis` and generates every report file into `dir`.
pub fn generate(analysis: &Path, dir: &Folder, progress: &dyn Fn(&str), hooks: &Hooks) -> Result<Generated> {
    progress("loading data and running the analysis and multiverse");
    let loaded = Loaded::read(analysis)?;
    generate_loaded(&loaded, dir, progress, hooks)
}

/// Generates every report file of an analysis already read into `dir`, calling
/// `hooks.after_file` after each.
pub fn generate_loaded(loaded: &Loaded, dir: &Folder, progress: &dyn Fn(&str), hooks: &Hooks) -> Result<Generated> {
    let mut files: Vec<String> = Vec::new();
    let wrote = |name: &str, files: &mut Vec<String>| -> Result<()> {
        files.push(name.to_string());
        hooks.wrote(name)
    };

    let result = loaded.run();
    progress("calibration on simulated worlds");
    let calibration = super::calibration_cache::calibration(loaded, dir)?;
    wrote(super::calibration_cache::FILE, &mut files)?;
    let file = &loaded.file;
    let spec = main_specification(file);

    let trends = tables::trends(loaded, &result);

    progress("charts");
    let channels: Vec<String> = file.channels.keys().cloned().collect();
    let set = ChartSet::of(loaded, &result);
    for chart in Chart::ALL {
        for ext in ["png", "svg"] {
            let name = format!("chart_{}.{ext}", chart.name());
            dir.draw(&crate::plot::drawing(chart, &set), &name)?;
            wrote(&name, &mut files)?;
        }
    }
    for name in super::calibration_charts::write(&calibration, (&result.subject, &result.focal, &set.caption), dir)? {
        wrote(&name, &mut files)?;
    }

    progress("tables");
    for (name, (header, rows)) in [
        ("indices.csv", tables::indices(&result)),
        ("trends.csv", (trend_table::header(&spec.breaks), tables::trend_rows(&result.subject, &trends))),
        ("criteria.csv", tables::criteria(&result)),
        ("periods.csv", tables::periods(&result)),
        ("multiverse.csv", tables::multiverse(&result, &channels)),
    ] {
        dir.write(name, &csv(&header, &rows))?;
        wrote(name, &mut files)?;
    }
    dir.write("multiverse.parquet", &tables::multiverse_parquet(&result, &channels)?)?;
    wrote("multiverse.parquet", &mut files)?;

    progress("summary, markdown and html");
    let mut summary = theses_render::json(&result);
    // Every specification's probabilities are in multiverse.csv; summary.json keeps the
    // multiverse's distribution and effects, so that it stays small enough to read.
    if let Some(m) = summary["multiverse"].as_object_mut() {
        m.remove("specifications");
        m.insert("specifications_file".into(), serde_json::json!("multiverse.csv"));
        m.insert("specifications_parquet".into(), serde_json::json!("multiverse.parquet"));
    }
    summary["trends"] = serde_json::Value::Array(tables::trend_json(&trends));
    summary["coverage"] = coverage_json(loaded);
    summary["calibration"] = calibration_render::summary_json(&calibration, &result.focal, super::calibration_cache::FILE);
    let text = serde_json::to_string_pretty(&summary).map_err(|e| Error::output("summary.json", e))? + "\n";
    dir.write("summary.json", text.as_bytes())?;
    wrote("summary.json", &mut files)?;

    let blocks = sections(loaded, &result, &trends, &calibration);
    dir.write("report.md", markdown(&blocks).as_bytes())?;
    wrote("report.md", &mut files)?;
    let title = format!("{}: did its security cooperation diversify? Thesis 1 vs Thesis 2", result.subject);
    let page = html(&title, &blocks, &|name| std::fs::read(dir.file(name)).ok());
    dir.write("report.html", page.as_bytes())?;
    wrote("report.html", &mut files)?;
    files.sort();
    Ok(Generated { files, result })
}

/// Rows, unit, years and partners per channel of the analysis's subject (the data may
/// hold other subjects too).
fn coverage(loaded: &Loaded) -> Vec<crate::data::summary::ChannelSummary> {
    let obs = &loaded.dataset.observations;
    let subject = loaded.file.data.subject.as_str();
    crate::data::summary::Summary::channels_of(&filter_rows(obs, |i| obs.strings.text(obs.subject[i]) == subject))
}

fn coverage_json(loaded: &Loaded) -> serde_json::Value {
    serde_json::json!(coverage(loaded).iter().map(|c| serde_json::json!({
        "channel": c.channel, "rows": c.rows, "unit": c.unit, "year_first": c.year_first, "year_last": c.year_last, "partners": c.partners
    })).collect::<Vec<_>>())
}

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
fn probability_cells(p: Option<ThesisProbabilities>) -> [String; 3] {
    p.map_or(["–".into(), "–".into(), "–".into()], |p| [percent(p.p_t1), percent(p.p_t2), percent(p.p_neither)])
}

fn calibration_blocks(c: &Calibration, focal: &str) -> Vec<Block> {
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

/// Channel → its sources as the coverage table names them ("source, first-last, release").
fn evidence_sources(loaded: &Loaded) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut sources = std::collections::BTreeMap::new();
    for (channel, spans) in &loaded.file.coverage {
        let mut names: Vec<String> = Vec::new();
        for s in spans {
            let release = s.data_source.as_ref().map_or(String::new(), |d| format!(", release \"{d}\""));
            let name = format!("{} ({}-{}{release})", s.source, s.first, s.last);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        sources.insert(channel.clone(), names);
    }
    sources
}

/// The report's sections, in order.
fn sections(loaded: &Loaded, r: &ThesesResult, trends: &[tables::TrendEntry], calibration: &Calibration) -> Vec<Block> {
    let texts = Texts::of(&loaded.file, &r.focal);
    let mut b = headline_blocks(r, &texts, calibration);
    if headline::only_one_period(&r.main).is_none() {
        b.extend(super::evidence::blocks(r, &texts.components, &evidence_sources(loaded)));
    }
    b.extend(question_blocks(&texts));
    b.extend(data_blocks(loaded, &texts));
    b.extend(index_blocks(r));
    b.extend(trend_blocks(r, trends));
    b.extend(probability_blocks(loaded, r));
    b.push(Block::Heading(2, "6. What can these data detect? Calibration and power".into()));
    b.extend(calibration_blocks(calibration, &r.focal));
    b.extend(multiverse_blocks(r, &texts));
    b.push(Block::Heading(2, "8. Limitations".into()));
    b.push(Block::List(texts.limitations.clone()));
    b.push(Block::Heading(2, "9. Sources".into()));
    let mut sources = texts.sources.clone();
    if !r.releases.is_empty() {
        let releases: Vec<String> = r.releases.iter().map(|(c, s)| format!("{c}: \"{s}\"")).collect();
        sources.push(prose::SOURCES_RELEASES.fill(&[("releases", &releases.join("; "))]));
    }
    sources.push(prose::SOURCES_PRODUCED.fill(&[("version", &env!("CARGO_PKG_VERSION"))]));
    b.push(Block::List(sources));
    b
}

/// Title, the answer in calibrated words, and each thesis component per channel.
fn headline_blocks(r: &ThesesResult, texts: &Texts, calibration: &Calibration) -> Vec<Block> {
    let s = &r.main.specification;
    let m = &r.multiverse;
    let o = &r.main.overall.probabilities;
    let mut b = vec![Block::Heading(1, format!("{}: did its security cooperation diversify? Thesis 1 vs Thesis 2", r.subject))];
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

/// Section 1: the theses in the author's words and the claims that measure them.
fn question_blocks(texts: &Texts) -> Vec<Block> {
    let mut b = Vec::new();
    b.push(Block::Heading(2, "1. Question".into()));
    b.extend(texts.question.iter().cloned());
    b.push(Block::Para(texts.claims.clone()));
    b
}

/// Section 2: the data per channel and their coverage.
fn data_blocks(loaded: &Loaded, texts: &Texts) -> Vec<Block> {
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

/// Section 3: the indices of every period with their intervals.
fn index_blocks(r: &ThesesResult) -> Vec<Block> {
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
fn trend_blocks(r: &ThesesResult, trends: &[tables::TrendEntry]) -> Vec<Block> {
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

/// Section 5: the theses' probabilities per channel and overall, claim by claim.
fn probability_blocks(loaded: &Loaded, r: &ThesesResult) -> Vec<Block> {
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

/// Section 7: the multiverse.
fn multiverse_blocks(r: &ThesesResult, texts: &Texts) -> Vec<Block> {
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
    b.push(super::explorer::block(m));
    b.extend(multiverse_channel_blocks(m, texts));
    b
}
