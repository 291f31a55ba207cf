//! Problems found in the data files, as `file:line: reason`, and the table reading and number
//! check that the series and forecast files share.

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
    match super::number::parse_f64(t) {
        Some(v) if v.is_finite() => Ok(Some(v)),
        _ => Err(format!("{column} \"{t}\" is not a finite number")),
    }
}

/// The rows of the CSV table `text` (from `file`) whose header must be `columns`, each with its
/// 1-based line. A wrong or unreadable header is one problem at line 1 and gives `None`; an
/// unreadable row, or one with another number of cells, is a problem at its line and is left
/// out. Problems are appended to `errors`.
pub(crate) fn table_rows(
    file: &str,
    text: &str,
    columns: &[&str],
    errors: &mut Vec<DataError>,
) -> Option<Vec<(u64, csv::StringRecord)>> {
    let mut push = |line: u64, reason: String| {
        errors.push(DataError {
            file: file.into(),
            line,
            reason,
        })
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    match rdr.headers() {
        Ok(h) if h.iter().eq(columns.iter().copied()) => {}
        Ok(h) => {
            push(
                1,
                format!(
                    "header must be {}, found {}",
                    columns.join(","),
                    h.iter().collect::<Vec<_>>().join(",")
                ),
            );
            return None;
        }
        Err(e) => {
            push(1, format!("cannot read header: {e}"));
            return None;
        }
    }
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                push(
                    e.position().map_or(0, |p| p.line()),
                    format!("unreadable row: {e}"),
                );
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line());
        if rec.len() != columns.len() {
            push(
                line,
                format!("expected {} columns, found {}", columns.len(), rec.len()),
            );
            continue;
        }
        rows.push((line, rec));
    }
    Some(rows)
}
