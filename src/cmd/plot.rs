//! `multivector plot`: one chart of an analysis, as SVG or PNG.
use std::path::Path;

use multivector::plot::{render, Chart};
use multivector::report::content::chart_set;
use multivector::theses::Loaded;
use multivector::{Error, Result};

use super::theses::default_analysis;

pub fn run(analysis: Option<&Path>, chart: &str, out: &Path) -> Result<()> {
    let Some(chart) = Chart::parse(chart) else {
        let names: Vec<&str> = Chart::ALL.iter().map(|c| c.name()).collect();
        return Err(Error::Usage(format!("--chart {chart}: expected one of {}", names.join(", "))));
    };
    let path = analysis.map(Path::to_path_buf).unwrap_or_else(default_analysis);
    let loaded = Loaded::read(&path)?;
    let result = loaded.run();
    let set = chart_set(&loaded, &result);
    // Render beside the target, then rename: a failed drawing leaves no partial file.
    let ext = out.extension().and_then(|e| e.to_str()).unwrap_or("");
    let temp = out.with_extension(format!("tmp{}.{ext}", std::process::id()));
    let drawn = render(chart, &set, &temp);
    if let Err(e) = drawn {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    std::fs::rename(&temp, out).map_err(|e| Error::io(out.display().to_string(), e))
}
