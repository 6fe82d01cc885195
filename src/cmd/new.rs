//! `multivector new DIR`: write a new case (commented analysis file, invented example data,
//! README stub) that runs at once.
use std::path::Path;

use multivector::Result;

use super::common::note;

pub fn run(dir: &Path) -> Result<()> {
    let written = multivector::new_case::write_new_case(dir)?;
    let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
    note(format!("wrote {}", names.join(", ")));
    note(format!(
        "the data are invented examples; run `multivector report {}` now, then replace them with yours",
        dir.join("analysis.toml").display()
    ));
    Ok(())
}
