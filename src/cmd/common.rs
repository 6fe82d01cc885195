//! Helpers shared by subcommands: loading with the common data options, panel options, output.
use std::io::Write;
use std::path::{Path, PathBuf};

use multivector::atomic::AtomicFile;
use multivector::data::attribution::{Attribution, Mode};
use multivector::data::frameworks::Bloc;
use multivector::data::load::input_files;
use multivector::data::periods::SpreadRule;
use multivector::data::prepare::prepare;
use multivector::data::{load, Dataset, LoadOptions, Observations};
use multivector::panel::{GroupBy, Windowing};
use multivector::paths::check_output_file;
use multivector::{Error, Result};

use crate::cli::{AttributionArg, ByDimension, DataArgs, PanelArgs, SpreadArg};

pub fn load_data(args: &DataArgs) -> Result<Dataset> {
    no_unmatched_patterns(&args.data)?;
    let options = LoadOptions { max_errors: args.max_errors, strict: args.strict, partners: args.partners.clone() };
    load(&args.data, &options)
}

pub fn attribution(args: &PanelArgs) -> Attribution {
    let mode = match args.attribution {
        AttributionArg::Framework => Mode::Framework,
        AttributionArg::Lead => Mode::Lead,
        AttributionArg::Members => Mode::Members,
        AttributionArg::RussianVector => Mode::RussianVector,
        AttributionArg::Bloc => Mode::Bloc,
    };
    Attribution { mode, split_events: args.split_events }
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
            return Err(Error::Usage(format!("{name} expects a number of years in 1-200")));
        }
    }
    Ok(match (args.window, args.rolling) {
        (_, Some(size)) => Windowing::Rolling { size },
        (Some(size), None) => Windowing::Blocks { size, anchor: args.anchor },
        (None, None) => Windowing::ANNUAL,
    })
}

pub fn group_by(args: &PanelArgs) -> GroupBy {
    GroupBy { subject: args.by.contains(&ByDimension::Subject), channel: args.by.contains(&ByDimension::Channel) }
}

/// The focal partner when `--focal` is not given.
const DEFAULT_FOCAL: &str = "Russia";

/// Loads, attributes and spreads; returns the analysis rows and the canonical focal name.
pub fn analysis_rows(data: &DataArgs, panel: &PanelArgs) -> Result<(Observations, String)> {
    let dataset = load_data(data)?;
    let given = panel.focal.as_deref().unwrap_or(DEFAULT_FOCAL);
    let focal = dataset.registry.canonical(given).unwrap_or(given).to_string();
    if panel.focal.is_some() {
        warn_unknown_focal(&dataset, &focal);
    }
    // Without an analysis file the only bloc is the focal partner's vector: the focal
    // partner and the frameworks it alone leads (the CLI's documented default).
    let mut frameworks = dataset.frameworks;
    frameworks.blocs = vec![Bloc::led_by_state(&frameworks, &focal)];
    let rows = prepare(dataset.observations, &frameworks, attribution(panel), spread(panel));
    Ok((rows, focal))
}

/// Says so on stderr when `focal` is neither a partner of the data nor a framework's lead:
/// its share would be 0 in every group without a word (with the closest names).
fn warn_unknown_focal(dataset: &multivector::data::Dataset, focal: &str) {
    let obs = &dataset.observations;
    let partners = obs.partner_names();
    let leads = dataset.frameworks.by_name.values().flat_map(|f| f.lead.iter().map(String::as_str));
    if partners.contains(&focal) || leads.clone().any(|l| l == focal) {
        return;
    }
    let hint = multivector::suggest::hint(focal, &partners);
    note(format!("--focal \"{focal}\" matches no partner of the data, so its share is 0 in every group{hint}"));
}

/// Refuses an `--out` file that is one of the data command's inputs.
pub fn check_out(out: Option<&Path>, data: &DataArgs) -> Result<()> {
    match out {
        Some(out) => check_output_file(out, &input_files(&data.data, data.partners.as_ref())?),
        None => Ok(()),
    }
}

/// A writer that keeps a copy of its first I/O error, so that a failure reported through
/// another layer (csv, JSON, Parquet) is named as the I/O error of the right file.
struct Tracked<W> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: Write> Tracked<W> {
    fn keep<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        result.inspect_err(|e| {
            let copy = e.raw_os_error().map_or_else(|| std::io::Error::new(e.kind(), e.to_string()), std::io::Error::from_raw_os_error);
            self.error.get_or_insert(copy);
        })
    }
}

impl<W: Write> Write for Tracked<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let result = self.inner.write(buf);
        self.keep(result)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let result = self.inner.flush();
        self.keep(result)
    }
}

/// Runs `write` against standard output or, atomically, against `out`. A write error is
/// reported with the file's name (or "standard output"); a closed standard output is a
/// broken pipe, which `main` turns into a quiet exit.
pub fn with_output(out: Option<&Path>, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    match out {
        Some(path) => {
            let mut file = Tracked { inner: AtomicFile::create(path)?, error: None };
            let written = write(&mut file).map_err(|e| e.naming_output(&path.display().to_string()));
            match file.error.take() {
                Some(e) => Err(Error::io(path.display().to_string(), e)),
                None => written.and_then(|()| file.inner.commit()),
            }
        }
        None => {
            let stdout = std::io::stdout();
            let mut lock = Tracked { inner: std::io::BufWriter::new(stdout.lock()), error: None };
            let written =
                write(&mut lock).and_then(|()| lock.flush().map_err(|e| Error::io(STDOUT, e))).map_err(|e| e.naming_output(STDOUT));
            match lock.error.take() {
                Some(e) => Err(Error::io(STDOUT, e)),
                None => written,
            }
        }
    }
}

/// How standard output is named in messages.
pub const STDOUT: &str = "standard output";

/// Writes a line to standard error; a closed standard error is ignored, never a panic.
pub fn note(message: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr(), "{}", multivector::suggest::printable(&message.to_string()));
}

/// A step of a long run, on standard error when it is a terminal (silent in pipes and CI
/// logs, which get the one-line answer at the end instead).
pub fn progress(step: &str) {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        note(format!("[multivector] {step} …"));
    }
}

/// Refuses a path that does not exist and holds a glob character: the shell passes a
/// pattern that matches no file on as it is (`cases/*/analysis.toml`).
pub fn no_unmatched_patterns(paths: &[PathBuf]) -> Result<()> {
    for path in paths {
        let text = path.to_string_lossy();
        if text.contains(['*', '?', '[']) && std::fs::symlink_metadata(path).is_err() {
            return Err(Error::Usage(format!(
                "{text}: no files matched this pattern (the shell passes a pattern that matches nothing as it is)"
            )));
        }
    }
    Ok(())
}
