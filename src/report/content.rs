//! A report's files: runs the analysis, then writes the calibration cache, the charts, the
//! CSV and Parquet tables, summary.json, and report.md and report.html from the sections
//! (`report::sections`).
use std::path::Path;

use super::blocks::{html, markdown};
use super::dirwriter::Folder;
use super::tables;
use super::Hooks;
use crate::error::{Error, Result};
use crate::plot::data::ChartSet;
use crate::plot::Chart;
use crate::tables::trend as trend_table;
use crate::theses::calibration_render::{self};
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

    let blocks = super::sections::blocks(&super::sections::Input::new(loaded, &result, &trends, &calibration));
    dir.write("report.md", markdown(&blocks).as_bytes())?;
    wrote("report.md", &mut files)?;
    let title = super::prose::TITLE.fill(&[("subject", &result.subject)]);
    let page = html(&title, &blocks, &|name| std::fs::read(dir.file(name)).ok());
    dir.write("report.html", page.as_bytes())?;
    wrote("report.html", &mut files)?;
    files.sort();
    Ok(Generated { files, result })
}

fn coverage_json(loaded: &Loaded) -> serde_json::Value {
    serde_json::json!(super::sections::coverage(loaded).iter().map(|c| serde_json::json!({
        "channel": c.channel, "rows": c.rows, "unit": c.unit, "year_first": c.year_first, "year_last": c.year_last, "partners": c.partners
    })).collect::<Vec<_>>())
}
