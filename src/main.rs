//! The `multivector` binary: parse arguments, dispatch to a subcommand, map errors to exit
//! codes (0 ok, 1 a requested check failed or part of a batch failed, 2 bad input or
//! usage; a broken pipe exits 0).
mod cli;
mod cmd;

use std::io::{ErrorKind, Write};
use std::process::ExitCode;

use clap::Parser;
use multivector::Error;

/// On SIGTERM, SIGINT or SIGHUP: remove the temporary files and staging directories being
/// written (targets stay as they were) and exit with 128 + the signal, as a shell does.
fn remove_temporaries_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) else { return };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            multivector::atomic::remove_in_progress();
            std::process::exit(128 + signal);
        }
    });
}

fn main() -> ExitCode {
    remove_temporaries_on_signals();
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
            let _ = writeln!(std::io::stderr(), "multivector: check failed: {}", multivector::suggest::printable(&message));
            ExitCode::from(1)
        }
        Err(Error::Incomplete(message)) => {
            let _ = writeln!(std::io::stderr(), "multivector: {}", multivector::suggest::printable(&message));
            ExitCode::from(1)
        }
        // The reader of our output went away (`… | head`): stop quietly, as ripgrep does.
        Err(Error::Io { source, .. }) if source.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            // A closed standard error is ignored: the exit code still tells.
            let _ = writeln!(std::io::stderr(), "{}", multivector::suggest::printable(&e.to_string()));
            ExitCode::from(2)
        }
    }
}
