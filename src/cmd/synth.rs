//! `multivector synth`: write a deterministic synthetic panel for tests and benchmarks.
use std::path::Path;

use multivector::synth::{write_panel, SynthSpec};
use multivector::{Error, Result};

use super::common::with_output;

pub fn run(spec: SynthSpec, out: &Path) -> Result<()> {
    if !(spec.density > 0.0 && spec.density <= 1.0) {
        return Err(Error::Usage(
            "--density expects a probability in (0, 1]".into(),
        ));
    }
    if spec.subjects == 0 || spec.partners == 0 || spec.years == 0 || spec.channels == 0 {
        return Err(Error::Usage(
            "--subjects, --partners, --years and --channels must be at least 1".into(),
        ));
    }
    let mut rows = 0;
    with_output(Some(out), |w| {
        rows = write_panel(&spec, w)?;
        Ok(())
    })?;
    eprintln!("wrote {rows} rows to {}", out.display());
    Ok(())
}
