//! Helpers shared by subcommands: loading with the common data options, panel options, output.
use std::io::Write;
use std::path::Path;

use multivector::atomic::AtomicFile;
use multivector::data::attribution::{Attribution, Mode};
use multivector::data::periods::SpreadRule;
use multivector::data::prepare::prepare;
use multivector::data::{load, Dataset, LoadOptions, Observations};
use multivector::panel::{GroupBy, Windowing};
use multivector::{Error, Result};

use crate::cli::{AttributionArg, ByDimension, DataArgs, PanelArgs, SpreadArg};

pub fn load_data(args: &DataArgs) -> Result<Dataset> {
    let options = LoadOptions {
        max_errors: args.max_errors,
        strict: args.strict,
        partners: args.partners.clone(),
    };
    load(&args.data, &options)
}

pub fn attribution(args: &PanelArgs) -> Attribution {
    let mode = match args.attribution {
        AttributionArg::Framework => Mode::Framework,
        AttributionArg::Lead => Mode::Lead,
        AttributionArg::Members => Mode::Members,
        AttributionArg::RussianVector => Mode::RussianVector,
    };
    Attribution {
        mode,
        split_events: args.split_events,
    }
}

pub fn spread(args: &PanelArgs) -> SpreadRule {
    match args.spread {
        SpreadArg::Uniform => SpreadRule::Uniform,
        SpreadArg::KeepPeriods => SpreadRule::KeepPeriods,
    }
}

pub fn windowing(args: &PanelArgs) -> Result<Windowing> {
    for (name, value) in [("--window", args.window), ("--rolling", args.rolling)] {
        if value.is_some_and(|n| !(1..=200).contains(&n)) {
            return Err(Error::Usage(format!(
                "{name} expects a number of years in 1-200"
            )));
        }
    }
    Ok(match (args.window, args.rolling) {
        (_, Some(size)) => Windowing::Rolling { size },
        (Some(size), None) => Windowing::Blocks {
            size,
            anchor: args.anchor,
        },
        (None, None) => Windowing::ANNUAL,
    })
}

pub fn group_by(args: &PanelArgs) -> GroupBy {
    GroupBy {
        subject: args.by.contains(&ByDimension::Subject),
        channel: args.by.contains(&ByDimension::Channel),
    }
}

/// Loads, attributes and spreads; returns the analysis rows and the canonical focal name.
pub fn analysis_rows(data: &DataArgs, panel: &PanelArgs) -> Result<(Observations, String)> {
    let dataset = load_data(data)?;
    let focal = dataset
        .registry
        .canonical(&panel.focal)
        .unwrap_or(&panel.focal)
        .to_string();
    let rows = prepare(
        dataset.observations,
        &dataset.frameworks,
        attribution(panel),
        spread(panel),
    );
    Ok((rows, focal))
}

/// Runs `write` against standard output or, atomically, against `out`.
pub fn with_output(
    out: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    match out {
        Some(path) => {
            let mut file = AtomicFile::create(path)?;
            write(&mut file)?;
            file.commit()
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            write(&mut lock)?;
            lock.flush().map_err(|e| Error::io("standard output", e))
        }
    }
}
