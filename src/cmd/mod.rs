//! Subcommand dispatch: each subcommand is a thin adapter over the library, one file each.
mod validate;

use multivector::Result;

use crate::cli::{Cli, Command};

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Validate { data, strict, partners, format, max_errors } => {
            validate::run(&data, strict, partners, format, max_errors)
        }
    }
}
