//! The crate's error type: bad input (with file/line/column issues), I/O, output, rendering,
//! usage, failed checks.
use std::fmt;

use crate::data::issue::Issue;

/// Every failure the library reports. The binary maps `CheckFailed` and `Incomplete` to
/// exit code 1 and everything else to exit code 2.
#[derive(Debug)]
pub enum Error {
    /// One or more problems in input files, each located by file, line and column.
    Input(Vec<Issue>),
    /// An operating-system error while reading or writing `path`.
    Io {
        /// The file or directory, as the user named it (or [`UNNAMED_OUTPUT`]).
        path: String,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// An output (a table, JSON, Parquet or report file) that could not be produced for `path`.
    Output {
        /// The output file or directory.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// A chart that could not be drawn into `path`.
    Render {
        /// The chart file.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// A data source that gives nothing to read (a directory without data files), naming it.
    DataSource {
        /// The data source (a file or directory) as given.
        path: String,
        /// Why it gives nothing to read.
        message: String,
    },
    /// Arguments that do not make sense together.
    Usage(String),
    /// A check the user asked for did not pass (e.g. `report --check` found drift).
    CheckFailed(String),
    /// Part of a batch failed (each failure already reported); the rest was done.
    Incomplete(String),
}

impl Error {
    /// An operating-system error while reading or writing `path`.
    pub fn io(path: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }

    /// The same error, with an output written through a plain writer ([`UNNAMED_OUTPUT`])
    /// named `path` (the layer that opened the file knows its name).
    pub fn naming_output(self, path: &str) -> Self {
        match self {
            Error::Io { path: p, source } if p == UNNAMED_OUTPUT => Error::Io { path: path.into(), source },
            Error::Output { path: p, message } if p == UNNAMED_OUTPUT => Error::Output { path: path.into(), message },
            other => other,
        }
    }

    /// An output that could not be produced for `path`.
    pub fn output(path: impl Into<String>, message: impl std::fmt::Display) -> Self {
        Error::Output { path: path.into(), message: message.to_string() }
    }

    /// A chart that could not be drawn into `path`.
    pub fn render(path: impl Into<String>, message: impl std::fmt::Display) -> Self {
        Error::Render { path: path.into(), message: message.to_string() }
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
            Error::DataSource { path, message } => write!(f, "{path}: {message}"),
            Error::Output { path, message } => write!(f, "{path}: cannot write: {message}"),
            Error::Render { path, message } => write!(f, "{path}: cannot draw: {message}"),
            Error::Usage(message) => write!(f, "usage: {message}"),
            Error::CheckFailed(message) => write!(f, "check failed: {message}"),
            Error::Incomplete(message) => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for Error {}

/// How an output written through a plain writer is named until the layer that opened it
/// names it ([`Error::naming_output`]).
pub const UNNAMED_OUTPUT: &str = "output";

/// The library's result type: a value or an [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_names_its_path() {
        assert_eq!(Error::output("a.json", "broken").to_string(), "a.json: cannot write: broken");
        assert_eq!(Error::render("c.png", "shares chart: no room").to_string(), "c.png: cannot draw: shares chart: no room");
        let source = Error::DataSource { path: "data/".into(), message: "no data files found".into() };
        assert_eq!(source.to_string(), "data/: no data files found");
    }

    #[test]
    fn only_an_unnamed_output_gets_the_name() {
        assert_eq!(Error::output(UNNAMED_OUTPUT, "x").naming_output("out.csv").to_string(), "out.csv: cannot write: x");
        assert_eq!(Error::output("kept.csv", "x").naming_output("out.csv").to_string(), "kept.csv: cannot write: x");
        let io = Error::io(UNNAMED_OUTPUT, std::io::Error::other("disk full")).naming_output("out.csv");
        assert_eq!(io.to_string(), "out.csv: disk full");
        assert!(matches!(Error::Usage("u".into()).naming_output("out.csv"), Error::Usage(_)));
    }
}
