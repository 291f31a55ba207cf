//! Problems found in the data files, as `file:line: reason`, and the number check that the
//! series and forecast files share.

use std::fmt;

/// A problem found in a data file, located by file and line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataError {
    /// File name (relative to `data/`).
    pub file: String,
    /// 1-based line number, or 0 for problems with the whole file.
    pub line: u64,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Line 0: a problem with the whole file (missing, empty).
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.reason)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.reason)
        }
    }
}

impl std::error::Error for DataError {}

/// Every problem found in one pass (so a user fixes them all at once).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataErrors(pub Vec<DataError>);

impl fmt::Display for DataErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DataErrors {}

/// A cell that holds a finite number or nothing (`column` names it in the reason).
pub(crate) fn parse_opt_f64(cell: &str, column: &str) -> Result<Option<f64>, String> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(format!("{column} \"{t}\" is not a finite number")),
    }
}
