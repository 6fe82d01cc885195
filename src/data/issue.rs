//! A located input problem (file, line, column, what was expected) and a capped collector.
use std::fmt;

/// One problem in an input file. `line` is 1-based with the header as line 1
/// (for JSON Lines the line of the record; for Parquet the row number + 1, so
/// the first data row is "line 2" as in the equivalent CSV).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Issue {
    /// The file the problem is in.
    pub file: String,
    /// The line (see above); `None` for a problem with the whole file.
    pub line: Option<u64>,
    /// 1-based column position in the file, when known.
    pub column_index: Option<usize>,
    /// The schema column's name, when the problem is in one cell.
    pub column: Option<String>,
    /// What was expected, and what was found.
    pub message: String,
}

impl Issue {
    /// A problem with the whole file (no line, no column).
    pub fn file_level(file: impl Into<String>, message: impl Into<String>) -> Self {
        Self::located(file, None, message)
    }

    /// A problem at `line` when it is known, else in the file as a whole.
    pub fn located(file: impl Into<String>, line: Option<u64>, message: impl Into<String>) -> Self {
        Issue { file: file.into(), line, column_index: None, column: None, message: message.into() }
    }

    /// A problem with one line (no column).
    pub fn at_line(file: impl Into<String>, line: u64, message: impl Into<String>) -> Self {
        Self::located(file, Some(line), message)
    }

    /// A problem with one cell: its line, its 1-based position (if known) and its column's name.
    pub fn at_cell(file: impl Into<String>, line: u64, column_index: Option<usize>, column: &str, message: impl Into<String>) -> Self {
        Issue { file: file.into(), line: Some(line), column_index, column: Some(column.to_string()), message: message.into() }
    }
}

impl fmt::Display for Issue {
    /// `file:line:column: column 'name': message`, the format compilers use, so
    /// editors can jump to the cell.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column_index {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": error: ")?;
        if let Some(name) = &self.column {
            write!(f, "column '{name}': ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// Collects issues up to a limit and counts the ones beyond it.
#[derive(Debug)]
pub struct IssueLog {
    limit: usize,
    issues: Vec<Issue>,
    dropped: usize,
}

impl IssueLog {
    /// A log that keeps at most `limit` issues (at least 1) and counts the rest.
    pub fn new(limit: usize) -> Self {
        IssueLog { limit: limit.max(1), issues: Vec::new(), dropped: 0 }
    }

    /// Keeps `issue` if the log is not full, else counts it as dropped.
    pub fn push(&mut self, issue: Issue) {
        if self.issues.len() < self.limit {
            self.issues.push(issue);
        } else {
            self.dropped += 1;
        }
    }

    /// Whether no issue was logged.
    pub fn is_empty(&self) -> bool {
        self.issues.is_empty()
    }

    /// Whether the log holds `limit` issues (further ones are only counted).
    pub fn is_full(&self) -> bool {
        self.issues.len() >= self.limit
    }

    /// The number of issues logged, dropped ones included.
    pub fn len(&self) -> usize {
        self.issues.len() + self.dropped
    }

    /// The collected issues, with a closing note when some were dropped.
    pub fn into_issues(mut self, file: &str) -> Vec<Issue> {
        if self.dropped > 0 {
            let limit = self.limit;
            self.issues.push(Issue::file_level(
                file,
                format!("{} more errors not shown (limit {limit}; `multivector validate --max-errors N` shows more)", self.dropped),
            ));
        }
        self.issues
    }
}
