//! Subcommand dispatch: each subcommand is a thin adapter over the library, one file each.
mod calibrate;
mod common;
mod default_case;
mod diff;
mod import;
mod indices;
mod new;
mod plot;
mod report;
mod synth;
mod theses;
mod trend;
mod validate;

use multivector::Result;

use crate::cli::{Cli, Command};

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Validate { data, format } => validate::run(&data, format),
        Command::Indices { data, panel, scale, format, out } => indices::run(&data, &panel, scale, format, out.as_deref()),
        Command::Trend { data, panel, metric, breaks, boot, seed, format, out } => {
            trend::run(&data, &panel, &trend::Options { metric, breaks, boot, seed, format }, out.as_deref())
        }
        Command::Theses { analysis, format, out } => theses::run(analysis.as_deref(), format, out.as_deref()),
        Command::Calibrate { analysis, worlds, format } => calibrate::run(analysis.as_deref(), worlds, format),
        Command::Plot { analysis, chart, out } => plot::run(analysis.as_deref(), &chart, out.as_deref()),
        Command::Report { analyses, out, batch, check, force } => match batch {
            Some(dir) => report::run_batch(&analyses, &dir, check, force),
            None => match analyses.as_slice() {
                [] => report::run(None, out.as_deref(), check, force),
                [one] => report::run(Some(one), out.as_deref(), check, force),
                _ => Err(multivector::Error::Usage("several analysis files need --batch DIR".into())),
            },
        },
        Command::Import { kind, files, out, recipient, years, subject } => {
            import::run(kind, &files, &out, &import::Options { recipient, years, subject })
        }
        Command::Diff { old, new, analysis, focal, format } => diff::run(&old, &new, analysis.as_deref(), &focal, format),
        Command::New { dir } => new::run(&dir),
        Command::Synth { subjects, partners, years, channels, density, seed, out } => {
            synth::run(multivector::synth::SynthSpec { subjects, partners, years, channels, density, seed }, &out)
        }
    }
}
