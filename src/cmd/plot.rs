//! `multivector plot`: one chart of an analysis, as SVG or PNG.
use std::path::Path;

use multivector::atomic::AtomicFile;
use multivector::paths::check_output_file;
use multivector::plot::data::ChartSet;
use multivector::plot::{render_as, Chart};
use multivector::theses::{self, Loaded};
use multivector::{Error, Result};

use super::default_case::analysis_or_default;

pub fn run(analysis: Option<&Path>, chart: &str, out: &Path) -> Result<()> {
    let Some(chart) = Chart::parse(chart) else {
        let names: Vec<&str> = Chart::ALL.iter().map(|c| c.name()).collect();
        return Err(Error::Usage(format!("--chart {chart}: expected one of {}", names.join(", "))));
    };
    let path = analysis_or_default(analysis)?;
    check_output_file(out, &theses::input_files(&path)?)?;
    let loaded = Loaded::read(&path)?;
    let result = loaded.run();
    let set = ChartSet::of(&loaded, &result);
    // Render into a temporary file beside the target, then rename: a failed drawing
    // leaves no partial file, and messages name the target.
    let file = AtomicFile::create(out)?;
    render_as(chart, &set, file.temp_path(), &out.display().to_string())?;
    file.commit()
}
