//! What the report says: sections like the conclusion chapter of the dissertation, built
//! from the theses result, the charts, the trend tests and the codebook's caveats.
use std::path::Path;

use super::blocks::{html, markdown, Block};
use super::dirwriter::Folder;
use super::tables;
use super::texts::Texts;
use super::FAIL_AFTER_ENV;
use crate::error::{Error, Result};
use crate::plot::data::ChartSet;
use crate::plot::{render, Chart};
use crate::tables::trend as trend_table;
use crate::theses::criteria::filter_rows;
use crate::theses::verdict::{claim_names, Claim, Verdict};
use crate::theses::{main_specification, render as theses_render, Loaded, ThesesResult};

fn csv(header: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let _ = w.write_record(header);
    for r in rows {
        let _ = w.write_record(r);
    }
    w.into_inner().unwrap_or_default()
}

fn f2(x: Option<f64>) -> String {
    x.map_or("–".into(), |v| format!("{v:.2}"))
}

/// A generated report: its file names (sorted) and the result it shows.
pub struct Generated {
    pub files: Vec<String>,
    pub result: ThesesResult,
}

/// Reads `analysis` and generates every report file into `dir`.
pub fn generate(analysis: &Path, dir: &Folder, progress: &dyn Fn(&str)) -> Result<Generated> {
    progress("loading data and running the analysis and multiverse");
    let loaded = Loaded::read(analysis)?;
    generate_loaded(&loaded, dir, progress)
}

/// Generates every report file of an analysis already read into `dir`.
pub fn generate_loaded(loaded: &Loaded, dir: &Folder, progress: &dyn Fn(&str)) -> Result<Generated> {
    let fail_after = std::env::var(FAIL_AFTER_ENV).ok();
    let mut files: Vec<String> = Vec::new();
    let wrote = |name: &str, files: &mut Vec<String>| -> Result<()> {
        files.push(name.to_string());
        if fail_after.as_deref() == Some(name) {
            return Err(Error::output(name, format!("injected failure after writing it ({FAIL_AFTER_ENV})")));
        }
        Ok(())
    };

    let result = loaded.run();
    progress("calibration on simulated worlds");
    let calibration = loaded.calibrate(None);
    let file = &loaded.file;
    let spec = main_specification(file);

    let trends = tables::trends(loaded, &result);

    progress("charts");
    let channels: Vec<String> = file.channels.keys().cloned().collect();
    let set = ChartSet::of(loaded, &result);
    for chart in Chart::ALL {
        for ext in ["png", "svg"] {
            let name = format!("chart_{}.{ext}", chart.name());
            render(chart, &set, &dir.file(&name))?;
            wrote(&name, &mut files)?;
        }
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

    progress("summary, markdown and html");
    let mut summary = theses_render::json(&result);
    summary["trends"] = serde_json::Value::Array(tables::trend_json(&trends));
    summary["coverage"] = coverage_json(loaded);
    summary["calibration"] = theses_render::calibration_json(&calibration);
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

fn verdict_words(v: Verdict, texts: &Texts) -> String {
    match v {
        Verdict::T1 => texts.thesis_1.clone(),
        Verdict::T2 => texts.thesis_2.clone(),
        Verdict::Neither => "neither thesis".into(),
        Verdict::Inconclusive => "no verdict (mixed or too thin evidence)".into(),
    }
}

/// One channel's status of claim `id` ("–" when not evaluated).
fn claim_status(c: &crate::theses::criteria::ChannelResult, id: Claim) -> String {
    c.criteria.iter().find(|k| k.id == id).map_or("–".into(), |k| k.status.name().to_string())
}

/// What an inconclusive channel lacked: the claims whose interval was too wide, with it.
fn too_wide(c: &crate::theses::criteria::ChannelResult) -> String {
    if c.verdict != Verdict::Inconclusive {
        return String::new();
    }
    c.deciding
        .iter()
        .filter_map(|id| c.criteria.iter().find(|k| k.id == *id))
        .map(|k| format!("{} ({} to {} around {})", k.id, f2(k.interval_low), f2(k.interval_high), f2(k.threshold)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn calibration_blocks(c: &crate::theses::calibrate::Calibration, focal: &str) -> Vec<Block> {
    let pct = |n: usize, w: usize| format!("{:.0} %", 100.0 * crate::theses::calibrate::rate(n, w));
    let mut b = vec![Block::Para(format!(
        "The decision procedure is tested on simulated worlds whose truth is known and whose structure mirrors these data (same channels, years, events per year, kinds of values): {} worlds per planted truth, {} bootstrap replicates each (seed {}). T1: the scope grows and another partner overtakes {focal}; T2: the scope grows, {focal} strongest and growing; no-broadening: {focal} strongest and growing, scope flat; receding: {focal} strongest but shrinking; strongest-flat: {focal} strongest, flat volume; flat-as-totals: the same, with {focal}'s volume coded as one total over the whole coverage. The theses are planted clearly (docs/METHODS.md §1.5): under T2 {focal} has at least ten times the volume of any other partner in every period and its volume at least doubles; under T1 a rival grows from a tenth of {focal}'s volume or less to about three times it. Subtler truths are found less often, so these rates are the procedure's best case on data of this shape; the second table shows how often weaker theses are found.",
        c.worlds_per_truth, c.replicates, c.seed
    ))];
    b.push(Block::Table(
        ["planted truth", "overall T1", "overall T2", "neither", "inconclusive"].map(String::from).to_vec(),
        c.truths
            .iter()
            .map(|t| {
                let mut row = vec![t.truth.name().to_string()];
                row.extend(Verdict::ALL.iter().map(|v| pct(t.overall_count(*v), t.worlds)));
                row
            })
            .collect(),
    ));
    b.push(Block::Para(format!(
        "Weaker theses (docs/METHODS.md §1.5): at strength s, T2's growth of {focal}'s volume is s times the clear one (0 would be flat), and T1's rival ends s of the way from a tie with {focal} (0) to the clear lead (1). The share of worlds in which the planted thesis is found overall:"
    )));
    let (header, rows) = theses_render::power_table(c, 0);
    b.push(Block::Table(header, rows));
    let channels: Vec<String> = c.truths.first().map_or(vec![], |t| t.channels.iter().map(|x| x.0.clone()).collect());
    let mut header = vec!["planted truth".to_string()];
    header.extend(channels.iter().map(|ch| format!("{ch}: T1 / T2 / D4 supported")));
    b.push(Block::Table(
        header,
        c.truths
            .iter()
            .map(|t| {
                let mut row = vec![t.truth.name().to_string()];
                for ch in &channels {
                    let d4 = t.d4_supported.iter().find(|d| &d.0 == ch).map_or(0, |d| d.1);
                    row.push(format!(
                        "{} / {} / {}",
                        pct(t.channel_count(ch, Verdict::T1), t.worlds),
                        pct(t.channel_count(ch, Verdict::T2), t.worlds),
                        pct(d4, t.worlds)
                    ));
                }
                row
            })
            .collect(),
    ));
    b.push(Block::List(theses_render::calibration_findings(c)));
    b
}

/// The coverage table of section 2: which source covers which years of each channel.
fn coverage_blocks(loaded: &Loaded) -> Vec<Block> {
    let rows: Vec<Vec<String>> = loaded
        .file
        .coverage
        .iter()
        .flat_map(|(channel, spans)| {
            spans.iter().map(move |s| {
                let kind = match s.kind {
                    crate::theses::spec::CoverageKind::Systematic => "systematic",
                    crate::theses::spec::CoverageKind::Examples => "examples only",
                };
                vec![channel.clone(), s.source.clone(), format!("{}-{}", s.first, s.last), kind.to_string(), s.locator.clone()]
            })
        })
        .collect();
    if rows.is_empty() {
        return vec![];
    }
    vec![
        Block::Para("Coverage: the main specification compares periods on the systematic years of each channel; the multiverse's coverage choice adds the example-only years. A channel without a systematic source is used as it is.".into()),
        Block::Table(["channel", "source", "years", "coverage", "documented in"].map(String::from).to_vec(), rows),
    ]
}

/// Section 7's per-channel tables: verdict shares, claim status counts, and the
/// late-period Russian share under every attribution mode.
fn multiverse_channel_blocks(m: &crate::theses::multiverse::MultiverseResult, texts: &Texts) -> Vec<Block> {
    let pct = |x: f64| format!("{:.1} %", 100.0 * x);
    let verdicts = m
        .by_channel
        .iter()
        .map(|(ch, shares)| {
            let mut row = vec![ch.clone()];
            row.extend(Verdict::ALL.iter().map(|v| pct(shares.get(v.name()).copied().unwrap_or(0.0))));
            row
        })
        .collect();
    let claims = m
        .claims
        .iter()
        .map(|(ch, per)| {
            let mut row = vec![ch.clone()];
            row.extend(per.values().map(|c| format!("{} / {} / {}", c["supported"], c["contradicted"], c["inconclusive"])));
            row
        })
        .collect();
    let channels: Vec<String> = m.by_channel.keys().cloned().collect();
    let attribution = m
        .attribution
        .iter()
        .map(|(mode, shares)| {
            let mut row = vec![mode.clone()];
            row.extend(channels.iter().map(|ch| shares.get(ch).copied().flatten().map_or("-".into(), |s| format!("{s:.3}"))));
            row
        })
        .collect();
    let mut claim_header = vec!["channel".to_string()];
    claim_header.extend(Claim::PER_CHANNEL.map(|c| format!("{c}: S / C / I")));
    let mut attribution_header = vec!["attribution".to_string()];
    attribution_header.extend(channels.iter().cloned());
    vec![
        Block::Para("Per channel, the share of specifications giving each verdict:".into()),
        Block::Table(["channel", "T1", "T2", "neither", "inconclusive"].map(String::from).to_vec(), verdicts),
        Block::Para(format!(
            "Per channel and claim, the number of specifications (of {}) in which it is supported / contradicted / inconclusive:",
            m.specifications
        )),
        Block::Table(claim_header, claims),
        Block::Para(format!(
            "Attribution: the focal partner's late-period share under each mode, all other choices as in the main specification {}:",
            texts.attribution_note
        )),
        Block::Table(attribution_header, attribution),
        Block::Para(window_skip_text(&m.window_skips)),
        Block::Para(format!(
            "Horizons per channel (the last year with data each horizon admits, example-only years included): {}.",
            m.horizons
                .iter()
                .map(|(h, per)| format!(
                    "{h}: {}",
                    per.iter().map(|(c, y)| format!("{c} {}", y.map_or("-".into(), |y| y.to_string()))).collect::<Vec<_>>().join(", ")
                ))
                .collect::<Vec<_>>()
                .join("; ")
        )),
    ]
}

/// Which window sizes were skipped for which periods (windows are anchored at the
/// period breaks; a size leaving fewer than 2 whole windows falls back to single years).
fn window_skip_text(skips: &[(i32, String, i32, i32)]) -> String {
    if skips.is_empty() {
        return "Windows are anchored at the period breaks; every window size left at least 2 whole windows in every period.".into();
    }
    let list: Vec<String> = skips.iter().map(|(w, ch, a, b)| format!("{w} years in {ch} {a}-{b}")).collect();
    format!(
        "Windows are anchored at the period breaks. A window size that leaves a period with fewer than 2 whole windows is skipped for that period (its year bootstrap uses single years): {}.",
        list.join(", ")
    )
}

/// "x %": how often the planted thesis of `truth` was the overall verdict.
fn recovery(c: &crate::theses::calibrate::Calibration, truth: crate::theses::calibrate::Truth) -> String {
    c.truths.iter().find(|t| t.truth == truth).map_or("-".into(), |t| {
        let v = truth.expected().unwrap_or(Verdict::Inconclusive);
        format!("{:.0} %", 100.0 * crate::theses::calibrate::rate(t.overall_count(v), t.worlds))
    })
}

/// "x %": the largest share of worlds without a planted thesis that got one overall.
fn false_thesis(c: &crate::theses::calibrate::Calibration) -> String {
    let worst = c
        .truths
        .iter()
        .filter(|t| t.truth.expected().is_none())
        .map(|t| crate::theses::calibrate::rate(t.overall_count(Verdict::T1) + t.overall_count(Verdict::T2), t.worlds))
        .fold(0.0, f64::max);
    format!("{:.0} %", 100.0 * worst)
}

/// The report's sections, in order.
fn sections(
    loaded: &Loaded,
    r: &ThesesResult,
    trends: &[tables::TrendEntry],
    calibration: &crate::theses::calibrate::Calibration,
) -> Vec<Block> {
    let texts = Texts::of(&loaded.file, &r.focal);
    let mut b = headline_blocks(r, &texts, calibration);
    b.extend(question_blocks(&texts));
    b.extend(data_blocks(loaded, &texts));
    b.extend(index_blocks(r));
    b.extend(trend_blocks(r, trends));
    b.extend(verdict_blocks(loaded, r));
    b.push(Block::Heading(2, "6. How often is this procedure wrong?".into()));
    b.extend(calibration_blocks(calibration, &r.focal));
    b.extend(multiverse_blocks(r, &texts));
    b.push(Block::Heading(2, "8. Limitations".into()));
    b.push(Block::List(texts.limitations.clone()));
    b.push(Block::Heading(2, "9. Sources".into()));
    let mut sources = texts.sources.clone();
    sources.push(format!(
        "Produced by multivector {}; regenerate with `multivector report` (deterministic: same data and seed, same bytes).",
        env!("CARGO_PKG_VERSION")
    ));
    b.push(Block::List(sources));
    b
}

/// Title, the result in one paragraph and the thesis components per channel.
fn headline_blocks(r: &ThesesResult, texts: &Texts, calibration: &crate::theses::calibrate::Calibration) -> Vec<Block> {
    let s = &r.main.specification;
    let m = &r.multiverse;
    let mut b = vec![Block::Heading(1, format!("{}: did its security cooperation diversify? Thesis 1 vs Thesis 2", r.subject))];
    b.push(Block::Para(format!(
        "**Result.** Under {} (attribution `{}`, periods broken at {}), the data give **{}** overall ({}). \
         Across {} specifications of the coding choices, {:.1} % give Thesis 2, {:.1} % Thesis 1, {:.1} % neither and {:.1} % no verdict; \
         the choice that flips the verdict most often is **{}**. Every claim is judged on its 95 % interval; on simulated worlds shaped like these data (section 6) the procedure recovers a clearly planted Thesis 1 in {} and a clearly planted Thesis 2 in {} of the worlds, and gives a thesis overall where none is planted in at most {}.",
        texts.reading,
        s.attribution.name(),
        s.breaks.iter().map(|b| b.to_string()).collect::<Vec<_>>().join(" and "),
        verdict_words(r.main.overall.verdict, texts),
        r.main.overall.deciding.join(", "),
        m.specifications,
        100.0 * m.shares["T2"],
        100.0 * m.shares["T1"],
        100.0 * m.shares["neither"],
        100.0 * m.shares["inconclusive"],
        m.flips
            .first()
            .filter(|f| f.flips > 0)
            .map_or("none: no single choice changes it".into(), |f| format!("{} ({} of {} pairs)", f.dimension, f.flips, f.comparisons)),
        recovery(calibration, crate::theses::calibrate::Truth::T1),
        recovery(calibration, crate::theses::calibrate::Truth::T2),
        false_thesis(calibration),
    )));
    let mut header = vec!["thesis component (claim)".to_string()];
    header.extend(r.main.channels.iter().map(|c| c.channel.clone()));
    b.push(Block::Table(
        header,
        texts
            .components
            .iter()
            .map(|(id, words)| {
                let mut row = vec![format!("{words} ({id})")];
                row.extend(r.main.channels.iter().map(|c| claim_status(c, *id)));
                row
            })
            .chain(std::iter::once({
                let mut row = vec!["**channel verdict**".to_string()];
                row.extend(r.main.channels.iter().map(|c| format!("**{}**", c.verdict.name())));
                row
            }))
            .collect(),
    ));
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
                f2(Some(p.rates.point.yearly_richness)),
                format!("{} ({}-{})", f2(p.suite.enp), f2(ci("enp").map(|i| i.low)), f2(ci("enp").map(|i| i.high))),
                format!("{} ({}-{})", f2(p.suite.focal_share), f2(ci("focal_share").map(|i| i.low)), f2(ci("focal_share").map(|i| i.high))),
                p.suite.focal_rank.map_or("–".into(), |r| r.to_string()),
                f2(p.p_focal_first),
                format!("{} ({}-{})", f2(p.suite.dominance), f2(ci("dominance").map(|i| i.low)), f2(ci("dominance").map(|i| i.high))),
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
    b.push(Block::Para("Each period is one vector of average yearly rates per partner (a period total enters with its yearly rate over its span; years outside the coverage are not counted as zeros); 'active partners' is the mean number of partners per covered year. Intervals are expanded bootstrap percentiles over the units of evidence: events resampled as events, yearly sums by blocks of years, period totals fixed (only their bounds drawn). Resampling, units and covered years per period: periods.csv. Annual values of every index: indices.csv.".into()));
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
    let short = |x: Option<f64>| x.filter(|v| v.is_finite()).map_or(String::new(), |v| format!("{v:.3}"));
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
    b.push(Block::Para("Mann–Kendall with tie correction; Sen's slope on the real years; 'change at' = mean after the break minus mean of the preceding period (permutation p and bootstrap CI in trends.csv); Chow F test for a break in the linear trend; Pettitt's change point. A series that rests on period totals or on fewer than 4 independent figures is not tested (empty cells; trends.csv says why). With about twenty yearly points, read effect sizes and intervals rather than p-values.".into()));
    b.push(Block::Image("chart_concentration.png".into(), "HHI and ENP per year with bootstrap bands".into()));
    b.push(Block::Image("chart_focal.png".into(), format!("{} against the next two partners", r.focal)));
    b
}

/// Section 5: the verdict per channel and overall, claim by claim.
fn verdict_blocks(loaded: &Loaded, r: &ThesesResult) -> Vec<Block> {
    let mut b = Vec::new();
    b.push(Block::Heading(2, "5. Verdict".into()));
    b.push(Block::Table(
        ["channel", "verdict", "deciding claims", "interval too wide (interval around threshold)"].map(String::from).to_vec(),
        r.main
            .channels
            .iter()
            .map(|c| {
                let deciding = if c.verdict == Verdict::Inconclusive { String::new() } else { claim_names(&c.deciding) };
                vec![c.channel.clone(), format!("**{}**", c.verdict.name()), deciding, too_wide(c)]
            })
            .chain(std::iter::once(vec![
                "overall".into(),
                format!("**{}**", r.main.overall.verdict.name()),
                r.main.overall.deciding.join(", "),
                String::new(),
            ]))
            .collect(),
    ));
    b.push(Block::Table(
        ["channel", "criterion", "thesis", "status", "evidence"].map(String::from).to_vec(),
        r.main
            .channels
            .iter()
            .flat_map(|c| c.criteria.iter().map(move |k| (c.channel.clone(), k)))
            .chain(r.main.overall.criteria.iter().map(|k| ("all".to_string(), k)))
            .map(|(c, k)| vec![c, k.id.name().into(), k.thesis.into(), k.status.name().into(), k.summary.clone()])
            .collect(),
    ));
    b.push(Block::Para(format!(
        "Rules (docs/METHODS.md §1): neither when C1 is contradicted, or D3 supported while D4 is contradicted; T2 when C1, D3 and D4 are supported and C4 or C5 is contradicted (neither supported); T1 when C1 and C4 are supported, C5 is not contradicted and D3 is not supported; otherwise inconclusive, with the claims whose interval was too wide. The overall verdict needs channels with at least {:.0} % of the weight; C6 counts for Thesis 1 only where supported. Thresholds: ENP ≥ {}, {} share < {}, P(rank 1) ≥ {}, dominance {}, intervals at 1 − α with α = {}.",
        100.0 * loaded.file.thresholds.overall_majority,
        loaded.file.thresholds.enp_min,
        r.focal,
        loaded.file.thresholds.focal_share_max,
        loaded.file.thresholds.p_rank1_min,
        loaded.file.thresholds.dominance_min,
        loaded.file.thresholds.alpha
    )));
    b
}

/// Section 7: the multiverse.
fn multiverse_blocks(r: &ThesesResult, texts: &Texts) -> Vec<Block> {
    let m = &r.multiverse;
    let mut b = Vec::new();
    b.push(Block::Heading(2, "7. Robustness: the multiverse".into()));
    b.push(Block::Para(theses_render::markdown(r).lines().skip_while(|l| !l.starts_with("Multiverse")).take(1).collect::<String>()));
    b.push(Block::Table(
        ["verdict", "share of specifications"].map(String::from).to_vec(),
        Verdict::ALL.iter().map(|v| vec![v.name().into(), format!("{:.1} %", 100.0 * m.shares[v.name()])]).collect(),
    ));
    b.push(Block::Table(
        ["choice", "values", "verdict flips when only this choice changes"].map(String::from).to_vec(),
        m.flips
            .iter()
            .map(|f| {
                let values = m.dimensions.iter().find(|d| d.0 == f.dimension).map_or(String::new(), |d| d.1.join(", "));
                vec![f.dimension.clone(), values, format!("{} of {} pairs ({:.0} %)", f.flips, f.comparisons, 100.0 * f.share)]
            })
            .collect(),
    ));
    b.push(Block::Image("chart_multiverse.png".into(), "Specification curve".into()));
    b.extend(multiverse_channel_blocks(m, texts));
    b
}
