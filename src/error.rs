//! The crate's error type: bad input (with file/line/column issues), I/O, usage, failed checks.
use std::fmt;

use crate::data::issue::Issue;

/// Every failure the library reports. The binary maps `CheckFailed` and `Incomplete` to
/// exit code 1 and everything else to exit code 2.
#[derive(Debug)]
pub enum Error {
    /// One or more problems in input files, each located by file, line and column.
    Input(Vec<Issue>),
    /// An operating-system error while reading or writing `path`.
    Io { path: String, source: std::io::Error },
    /// Arguments that do not make sense together.
    Usage(String),
    /// A check the user asked for did not pass (e.g. `report --check` found drift).
    CheckFailed(String),
    /// Part of a batch failed (each failure already reported); the rest was done.
    Incomplete(String),
}

impl Error {
    pub fn io(path: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    /// One input issue without a line (a file-level problem).
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Input(vec![Issue::file_level(path, message)])
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(issues) => {
                for (i, issue) in issues.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "{issue}")?;
                }
                Ok(())
            }
            Error::Io { path, source } => write!(f, "{path}: {source}"),
            Error::Usage(message) => write!(f, "usage: {message}"),
            Error::CheckFailed(message) => write!(f, "check failed: {message}"),
            Error::Incomplete(message) => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;
