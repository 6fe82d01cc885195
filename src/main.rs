//! The `multivector` binary: parse arguments, dispatch to a subcommand, map errors to exit codes.
mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;
use multivector::Error;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::CheckFailed(message)) => {
            eprintln!("multivector: check failed: {message}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
