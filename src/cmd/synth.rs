//! `multivector synth`: write a deterministic synthetic panel for tests and benchmarks.
use std::path::Path;

use multivector::synth::{write_panel, SynthSpec};
use multivector::{Error, Result};

use super::common::{note, with_output};

pub fn run(spec: SynthSpec, out: &Path) -> Result<()> {
    if !(spec.density > 0.0 && spec.density <= 1.0) {
        return Err(Error::Usage("--density expects a probability in (0, 1]".into()));
    }
    if spec.subjects == 0 || spec.partners == 0 || spec.years == 0 || spec.channels == 0 {
        return Err(Error::Usage("--subjects, --partners, --years and --channels must be at least 1".into()));
    }
    let last_year = multivector::data::schema::YEAR_RANGE.1;
    let max_years = (last_year - multivector::synth::FIRST_YEAR + 1) as usize;
    if spec.years > max_years {
        return Err(Error::Usage(format!(
            "--years {}: expected at most {max_years} (synthetic years start in {} and data years end in {last_year})",
            spec.years,
            multivector::synth::FIRST_YEAR
        )));
    }
    if spec.cells() > multivector::synth::MAX_SYNTH_CELLS {
        return Err(Error::Usage(format!(
            "--subjects × --channels × --years × --partners is {}: expected at most {} cells (multivector::synth::MAX_SYNTH_CELLS)",
            spec.cells(),
            multivector::synth::MAX_SYNTH_CELLS
        )));
    }
    let mut rows = 0;
    with_output(Some(out), |w| {
        rows = write_panel(&spec, w)?;
        Ok(())
    })?;
    note(format!("wrote {rows} rows to {}", out.display()));
    Ok(())
}
