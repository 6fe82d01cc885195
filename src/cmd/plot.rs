//! `multivector plot`: one chart of an analysis, as SVG or PNG.
use std::path::{Path, PathBuf};

use multivector::atomic::AtomicFile;
use multivector::paths::check_output_file;
use multivector::plot::data::ChartSet;
use multivector::plot::{render_as, Chart};
use multivector::theses::{self, Loaded};
use multivector::{Error, Result};

use super::common::{note, progress};
use super::default_case::analysis_or_default;

pub fn run(analysis: Option<&Path>, chart: &str, out: Option<&Path>) -> Result<()> {
    let Some(chart) = Chart::parse(chart) else {
        let names: Vec<&str> = Chart::ALL.iter().map(|c| c.name()).collect();
        return Err(Error::Usage(format!("--chart {chart}: expected one of {}", names.join(", "))));
    };
    let path = analysis_or_default(analysis)?;
    let default_out = PathBuf::from(format!("{}.png", chart.name()));
    let out = out.unwrap_or(&default_out);
    check_output_file(out, &theses::input_files(&path)?)?;
    progress("loading data and running the main specification and the multiverse");
    let loaded = Loaded::read(&path)?;
    let result = loaded.run();
    let set = ChartSet::of(&loaded, &result);
    // Render into a temporary file beside the target, then rename: a failed drawing
    // leaves no partial file, and messages name the target.
    let file = AtomicFile::create(out)?;
    render_as(chart, &set, file.temp_path(), &out.display().to_string())?;
    file.commit()?;
    note(format!("wrote the {} chart to {}", chart.name(), out.display()));
    note(theses::render::one_line(&result));
    Ok(())
}
