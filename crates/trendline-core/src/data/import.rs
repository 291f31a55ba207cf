//! "Bring your own data": a reader's CSV file of dated values read into a [`Series`] that every
//! fit, projection and export accepts, with every problem reported as `line N: reason`.

use crate::data::dataset::{resolve_frontier, Point, PointKind, Series, SeriesMeta};
use crate::data::date::Day;
use crate::data::units::{ImportUnit, Unit};

/// Most data rows a file may have.
pub const MAX_ROWS: usize = 5000;
/// Largest file read, bytes (2 MB: far more than [`MAX_ROWS`] rows of dated values need).
/// Bigger files are refused before they are read, so a huge file never stalls the page.
pub const MAX_FILE_BYTES: f64 = 2_000_000.0;

/// Whether a file of `bytes` may be read; the reason for the reader when not.
///
/// ```
/// use trendline_core::data::import::check_file_size;
/// assert!(check_file_size(1_000.0).is_ok());
/// assert_eq!(check_file_size(20_000_000.0).unwrap_err(),
///     "This file is 20.0 MB; Trendline reads files of up to 2.0 MB (5000 rows). Nothing was changed.");
/// ```
pub fn check_file_size(bytes: f64) -> Result<(), String> {
    if bytes.is_finite() && bytes <= MAX_FILE_BYTES {
        Ok(())
    } else {
        Err(format!(
            "This file is {:.1} MB; Trendline reads files of up to {:.1} MB ({MAX_ROWS} rows). Nothing was changed.",
            bytes / 1e6,
            MAX_FILE_BYTES / 1e6
        ))
    }
}

/// Most problems listed one by one; the rest are counted in a last `… and N more` message.
pub const MAX_MESSAGES: usize = 20;

/// Header names (lower case) each column is recognised by.
const DATE_NAMES: &[&str] = &["date"];
const VALUE_NAMES: &[&str] = &["value"];
const NAME_NAMES: &[&str] = &["name", "model"];
const LOW_NAMES: &[&str] = &["ci_low", "low", "lower"];
const HIGH_NAMES: &[&str] = &["ci_high", "high", "upper"];

/// The delimiter of a header line: the most frequent of `,`, `;` and tab outside double quotes
/// (ties: tab, then `;`, then `,`); `,` when there is none.
fn detect_delimiter(header: &str) -> u8 {
    let (mut comma, mut semi, mut tab, mut quoted) = (0, 0, 0, false);
    for c in header.bytes() {
        match c {
            b'"' => quoted = !quoted,
            b',' if !quoted => comma += 1,
            b';' if !quoted => semi += 1,
            b'\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    if tab > 0 && tab >= semi && tab >= comma {
        b'\t'
    } else if semi > 0 && semi >= comma {
        b';'
    } else {
        b','
    }
}

/// A number as typed: trimmed; with a `;` or tab delimiter a single decimal comma (`1,5`) is
/// read as a decimal point. `None` unless it is a finite number.
fn read_number(cell: &str, delimiter: u8) -> Option<f64> {
    let t = cell.trim();
    let owned;
    let t = if delimiter != b',' && t.matches(',').count() == 1 && !t.contains('.') {
        owned = t.replace(',', ".");
        owned.as_str()
    } else {
        t
    };
    // Rust also reads "inf" and "NaN"; neither is a value here.
    super::number::parse_f64(t).filter(|v| v.is_finite())
}

/// 1-based line numbers of byte offsets, counted incrementally (offsets must not decrease).
///
/// The `csv` crate's own `Position::line` lags behind blank lines and CRLF endings, so lines are
/// counted here from `Position::byte`: the record starts at the first byte at or after the
/// offset that is not `\r` or `\n`, and its line is 1 + the number of `\n` before that byte.
struct Lines<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    /// The line of the record whose `csv` position is byte `at`.
    fn of(&mut self, at: u64) -> u64 {
        let mut start = usize::try_from(at)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        while let Some(b'\r' | b'\n') = self.bytes.get(start) {
            start += 1;
        }
        if start < self.pos {
            // Not expected; count again from the top rather than give a wrong number.
            self.pos = 0;
            self.line = 1;
        }
        self.line += self.bytes[self.pos..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.pos = start;
        self.line
    }
}

/// Reads a reader's CSV file of dated values into a series with id `id` and title `title`.
///
/// Format: a header row, then one row per result. Columns are matched by name, trimmed and
/// case-insensitively: `date` (ISO `YYYY-MM-DD`, required), `value` (required), `name` or
/// `model` (optional), `ci_low`/`low`/`lower` and `ci_high`/`high`/`upper` (optional; both or
/// neither in a row); other columns are ignored. The delimiter is `,`, `;` or tab, detected from
/// the header line; with `;` or tab a decimal comma (`1,5`) is accepted. A UTF-8 byte-order mark
/// and blank lines are skipped; quoted cells follow RFC 4180.
///
/// Checks, per row: the date is a real date from 1900-01-01 to `latest`; the value is a finite
/// number `> 0` (minutes, hours) or within `0–100` (percent); interval bounds are numbers, `≥ 0`
/// for lengths, with `ci_low ≤ ci_high` (the value need not lie inside). At most [`MAX_ROWS`]
/// data rows. Every problem is reported as `line N: reason` with `N` the 1-based line of the
/// file, at most [`MAX_MESSAGES`] of them followed by `… and K more problems`.
///
/// Hours are converted to minutes (`× 60`, bounds too). Each point gets id `row-<line>`, model =
/// its name or `row <line>`, kind `measured`, source `your file "<title>", line <line>`; points
/// are sorted by date (rows of one date in file order) and `frontier` is the running maximum
/// ([`resolve_frontier`]). The series' [`SeriesMeta`] says the data is the reader's own: source
/// "You", licence "Your own data", no source URLs, no cap, retrieved = `latest`.
///
/// ```
/// use trendline_core::{parse_user_csv, Day, ImportUnit};
/// let latest = Day::parse("2026-11-27").unwrap();
/// let s = parse_user_csv("mine", "My runs", "Date;Value\n2025-01-01;1,5\n2025-06-01;3\n",
///                        ImportUnit::Hours, latest).unwrap();
/// assert_eq!(s.points[0].value, 90.0);
/// let e = parse_user_csv("mine", "My runs", "date,value\n2025-13-01,1\n",
///                        ImportUnit::Minutes, latest).unwrap_err();
/// assert_eq!(e[0], "line 2: date \"2025-13-01\" is not a valid date (expected YYYY-MM-DD)");
/// ```
pub fn parse_user_csv(
    id: &str,
    title: &str,
    text: &str,
    unit: ImportUnit,
    latest: Day,
) -> Result<Series, Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text
        .lines()
        .find(|l| {
            !l.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
                .is_empty()
        })
        .unwrap_or_default();
    let delimiter = detect_delimiter(header_line);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut errors: Vec<String> = Vec::new();
    let mut lines = Lines::new(text);
    let mut records = rdr.records();
    let blank = |r: &csv::StringRecord| r.iter().all(|c| c.trim().is_empty());

    // The header: the first non-blank row.
    let header = loop {
        match records.next() {
            None => {
                return Err(vec![
                    "the file is empty: it needs a header row naming a date and a value column, then one row per result"
                        .to_string(),
                ])
            }
            Some(Err(e)) => {
                let line = e.position().map_or(1, |p| lines.of(p.byte()));
                return Err(vec![format!("line {line}: cannot read the header row: {e}")]);
            }
            Some(Ok(r)) if blank(&r) => continue,
            Some(Ok(r)) => break r,
        }
    };
    let header_at = header.position().map_or(1, |p| lines.of(p.byte()));
    let names: Vec<String> = header
        .iter()
        // ASCII case folding: every name looked for is ASCII (and the app carries no Unicode
        // case tables for this).
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let find = |aliases: &[&str]| names.iter().position(|n| aliases.contains(&n.as_str()));
    let (date_col, value_col) = (find(DATE_NAMES), find(VALUE_NAMES));
    let (name_col, low_col, high_col) = (find(NAME_NAMES), find(LOW_NAMES), find(HIGH_NAMES));
    let (Some(date_col), Some(value_col)) = (date_col, value_col) else {
        let missing: Vec<&str> = [(date_col, "date"), (value_col, "value")]
            .iter()
            .filter(|(c, _)| c.is_none())
            .map(|(_, n)| *n)
            .collect();
        let found: Vec<String> = header.iter().map(|h| format!("\"{}\"", h.trim())).collect();
        return Err(vec![format!(
            "line {header_at}: the header has no {} column{} (found {}); it needs \"date\" and \"value\"",
            missing
                .iter()
                .map(|m| format!("\"{m}\""))
                .collect::<Vec<_>>()
                .join(" or "),
            if missing.len() > 1 { "s" } else { "" },
            found.join(", ")
        )]);
    };

    let (range_ok, range_text): (fn(f64) -> bool, &str) = match unit {
        ImportUnit::Percent => (|v| (0.0..=100.0).contains(&v), "between 0 and 100"),
        ImportUnit::Minutes | ImportUnit::Hours => (|v| v > 0.0, "greater than 0"),
    };
    let title = match title.trim() {
        "" => "Your data",
        t => t,
    };
    let mut rows: Vec<(u64, Point)> = Vec::new();
    let mut count = 0usize;
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.of(p.byte()));
                errors.push(format!("line {line}: cannot read the row: {e}"));
                continue;
            }
        };
        if blank(&rec) {
            continue;
        }
        let line = rec.position().map_or(0, |p| lines.of(p.byte()));
        count += 1;
        if count > MAX_ROWS {
            return Err(vec![format!(
                "line {line}: the file has more than {MAX_ROWS} data rows; Trendline reads at most {MAX_ROWS}"
            )]);
        }
        let cell = |i: usize| rec.get(i).unwrap_or("").trim();
        let mut fail = |reason: String| errors.push(format!("line {line}: {reason}"));
        let date = match cell(date_col) {
            "" => {
                fail("date is empty".into());
                None
            }
            t => match Day::parse(t) {
                Ok(d) if d > latest => {
                    fail(format!(
                        "date {d} is after {latest}, the latest date accepted"
                    ));
                    None
                }
                Ok(d) => Some(d),
                Err(e) => {
                    fail(e.to_string());
                    None
                }
            },
        };
        let value = match cell(value_col) {
            "" => {
                fail("value is empty".into());
                None
            }
            t => match read_number(t, delimiter) {
                None => {
                    fail(format!("value \"{t}\" is not a number"));
                    None
                }
                Some(v) if !range_ok(v) => {
                    fail(format!("value {t} must be {range_text}"));
                    None
                }
                Some(v) => Some(v),
            },
        };
        let mut bound = |col: Option<usize>, name: &str| -> (Option<f64>, bool) {
            let Some(c) = col else {
                return (None, true);
            };
            match cell(c) {
                "" => (None, true),
                t => match read_number(t, delimiter) {
                    None => {
                        fail(format!("{name} \"{t}\" is not a number"));
                        (None, false)
                    }
                    Some(v) if unit != ImportUnit::Percent && v < 0.0 => {
                        fail(format!("{name} {t} must be at least 0"));
                        (None, false)
                    }
                    Some(v) => (Some(v), true),
                },
            }
        };
        let (ci_low, low_ok) = bound(low_col, "ci_low");
        let (ci_high, high_ok) = bound(high_col, "ci_high");
        let mut interval_ok = low_ok && high_ok;
        match (ci_low, ci_high) {
            (Some(lo), Some(hi)) if lo > hi => {
                errors.push(format!(
                    "line {line}: ci_low {} is above ci_high {}",
                    cell(low_col.unwrap_or(0)),
                    cell(high_col.unwrap_or(0))
                ));
                interval_ok = false;
            }
            (Some(_), None) | (None, Some(_)) if interval_ok => {
                errors.push(format!(
                    "line {line}: ci_low and ci_high must both be given or both be empty"
                ));
                interval_ok = false;
            }
            _ => {}
        }
        if let (Some(date), Some(value), true) = (date, value, interval_ok) {
            let f = unit.factor();
            let name = name_col.map(cell).unwrap_or_default();
            rows.push((
                line,
                Point {
                    id: format!("row-{line}"),
                    model: if name.is_empty() {
                        format!("row {line}")
                    } else {
                        name.to_string()
                    },
                    org: String::new(),
                    date,
                    value: value * f,
                    ci_low: ci_low.map(|v| v * f),
                    ci_high: ci_high.map(|v| v * f),
                    source_frontier: None,
                    frontier: false,
                    kind: PointKind::Measured,
                    source: format!("your file \"{title}\", line {line}"),
                },
            ));
        }
    }
    if count == 0 && errors.is_empty() {
        errors.push(format!(
            "no data rows: the file has a header (line {header_at}) but no rows of values below it"
        ));
    }
    if !errors.is_empty() {
        if errors.len() > MAX_MESSAGES {
            let more = errors.len() - MAX_MESSAGES;
            errors.truncate(MAX_MESSAGES);
            errors.push(format!(
                "… and {more} more problem{}",
                if more == 1 { "" } else { "s" }
            ));
        }
        return Err(errors);
    }
    crate::data::order::sort_by_key(&mut rows, |(line, p)| (p.date, *line));
    let mut points: Vec<Point> = rows.into_iter().map(|(_, p)| p).collect();
    resolve_frontier(&mut points);
    Ok(Series {
        meta: user_meta(id, title, unit.series_unit(), latest),
        points,
    })
}

/// The description of a reader's series: id and title as given, `file` empty, the unit, bounded
/// for percent, dates and intervals "as given in your file" (intervals not checked against the
/// value), frontier = running maximum, source "You", no source URLs, licence "Your own data",
/// attribution `Data: your file "<title>"`, retrieved = `latest`, no cap, caveats or published
/// doubling times.
pub fn user_meta(id: &str, title: &str, unit: Unit, latest: Day) -> SeriesMeta {
    SeriesMeta {
        id: id.to_string().into(),
        title: title.to_string().into(),
        short_title: title.to_string().into(),
        file: "".into(),
        unit,
        bounded: unit == Unit::Percent,
        date_meaning: "as given in your file".into(),
        interval: "as given in your file (not checked)".into(),
        interval_contains_value: false,
        frontier_rule: "running maximum (best so far)".into(),
        fit_cap: None,
        fit_cap_note: None,
        source_name: "You".into(),
        source_urls: Vec::new().into(),
        upstream: Vec::new().into(),
        licence: "Your own data".into(),
        attribution: format!("Data: your file \"{title}\"").into(),
        retrieved: latest.to_string().into(),
        caveats: Vec::new().into(),
        published_doubling: Vec::new().into(),
        no_fit: None,
        index_step: None,
        levels: Vec::new().into(),
        reference_lines: Vec::new().into(),
        breaks: Vec::new().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_most_frequent_separator_of_the_header() {
        assert_eq!(detect_delimiter("date,value,name"), b',');
        assert_eq!(detect_delimiter("date;value;name"), b';');
        assert_eq!(detect_delimiter("date\tvalue"), b'\t');
        assert_eq!(detect_delimiter("\"a,b\";value"), b';');
        assert_eq!(detect_delimiter("date"), b',');
    }

    #[test]
    fn lines_are_counted_past_blank_lines_crlf_and_quoted_newlines() {
        let text = "date,value\r\n2024,1\r\n\r\n\"a\nb\",2\n\n\nx\n";
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut lines = Lines::new(text);
        let got: Vec<u64> = rdr
            .records()
            .map(|r| lines.of(r.unwrap().position().unwrap().byte()))
            .collect();
        assert_eq!(got, [1, 2, 4, 8]);
    }

    #[test]
    fn numbers_accept_a_decimal_comma_only_when_commas_do_not_separate_cells() {
        assert_eq!(read_number(" 1.5 ", b','), Some(1.5));
        assert_eq!(read_number("1,5", b';'), Some(1.5));
        assert_eq!(read_number("1,5", b','), None);
        assert_eq!(read_number("1,000.5", b';'), None);
        assert_eq!(read_number("inf", b','), None);
        assert_eq!(read_number("NaN", b','), None);
    }

    #[test]
    fn units_have_tokens_that_read_back() {
        for u in ImportUnit::ALL {
            assert_eq!(ImportUnit::from_token(u.token()), Some(u));
        }
        assert_eq!(ImportUnit::from_token("days"), None);
    }
}
