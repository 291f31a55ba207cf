//! Published forecasts (`data/forecasts.csv`): dated, sourced predictions by named people,
//! drawn beside a series as forecasts. They are never data: no fit, band or milestone uses them.

use crate::data::date::Day;
use crate::data::error::{parse_opt_f64, table_rows, DataError, DataErrors};
use crate::data::units::{ImportUnit, Unit};
use std::collections::HashSet;

/// Columns of `data/forecasts.csv`, in order.
pub const FORECAST_COLUMNS: [&str; 16] = [
    "id",
    "series",
    "label",
    "forecaster",
    "made",
    "target",
    "statistic",
    "value",
    "low",
    "high",
    "low_pct",
    "high_pct",
    "unit",
    "source",
    "licence",
    "caveat",
];

/// One published forecast of a series' value at a target date.
#[derive(Clone, Debug, PartialEq)]
pub struct PublishedForecast {
    /// Identifier, unique in the file.
    pub id: String,
    /// Series it is about (ids from the manifest).
    pub series: Vec<String>,
    /// Short label drawn on the chart ("Cotra, Jan 2026").
    pub label: String,
    /// Who made it.
    pub forecaster: String,
    /// When it was made.
    pub made: Day,
    /// The date it is about.
    pub target: Day,
    /// What is forecast, in words.
    pub statistic: String,
    /// The central value (median), in `unit`.
    pub value: f64,
    /// The lower quantile given, in `unit`.
    pub low: Option<f64>,
    /// The upper quantile given, in `unit`.
    pub high: Option<f64>,
    /// Which percentile `low` is.
    pub low_pct: Option<f64>,
    /// Which percentile `high` is.
    pub high_pct: Option<f64>,
    /// Unit the numbers are stated in (the tokens of a reader's import: minutes, hours,
    /// percent).
    pub unit: ImportUnit,
    /// Where the numbers are written.
    pub source: String,
    /// Licence or terms of the source.
    pub licence: String,
    /// What a reader should know.
    pub caveat: String,
}

impl PublishedForecast {
    /// `(value, low, high)` in the series' unit: each times [`ImportUnit::factor`].
    pub fn in_series_unit(&self) -> (f64, Option<f64>, Option<f64>) {
        let f = self.unit.factor();
        (
            self.value * f,
            self.low.map(|v| v * f),
            self.high.map(|v| v * f),
        )
    }

    /// Whether the forecast is about series `id`.
    pub fn applies_to(&self, id: &str) -> bool {
        self.series.iter().any(|s| s == id)
    }

    /// One line for tables and the legend: "Cotra (made 2026-01-14): 24 h by 2026-12-31
    /// (20th–80th percentile 15–40 h)".
    pub fn describe(&self) -> String {
        let u = self.unit.suffix();
        let mut s = format!(
            "{} (made {}): {} {u} by {}",
            self.forecaster, self.made, self.value, self.target
        );
        if let (Some(lo), Some(hi), Some(pl), Some(ph)) =
            (self.low, self.high, self.low_pct, self.high_pct)
        {
            s.push_str(&format!(
                " ({}–{} percentile {}–{} {u})",
                ordinal(pl),
                ordinal(ph),
                lo,
                hi
            ));
        }
        s
    }
}

fn ordinal(p: f64) -> String {
    let n = p as i64;
    if n as f64 != p {
        return format!("{p}");
    }
    let suffix = match (n % 10, n % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Parses and validates `data/forecasts.csv`.
///
/// Checks, per row: the header is [`FORECAST_COLUMNS`]; ids are unique and not empty; every
/// series id is in `series` (`(id, unit)` from the manifest) and of the unit the forecast is
/// stated in; `made` and `target` are real dates with `made ≤ target`; `value > 0` (minutes
/// and hours) or in 0–100 (percent); `low ≤ value ≤ high` where given, both or neither, with
/// percentiles `0 < low_pct < 50 < high_pct < 100`; `label`, `forecaster`, `statistic`,
/// `source` and `licence` are not empty. Every problem is reported as `file:line: reason`.
pub fn parse_forecasts(
    file: &str,
    text: &str,
    series: &[(&str, Unit)],
) -> Result<Vec<PublishedForecast>, DataErrors> {
    let mut errors = Vec::new();
    let Some(rows) = table_rows(file, text, &FORECAST_COLUMNS, &mut errors) else {
        return Err(DataErrors(errors));
    };
    let mut push = |line: u64, reason: String| {
        errors.push(DataError {
            file: file.into(),
            line,
            reason,
        })
    };
    let mut out = Vec::new();
    let mut ids = HashSet::new();
    for (line, rec) in rows {
        let cell = |i: usize| rec.get(i).unwrap_or("").trim();
        let mut problems: Vec<String> = Vec::new();
        let id = cell(0).to_string();
        if id.is_empty() {
            problems.push("id is empty".into());
        } else if !ids.insert(id.clone()) {
            problems.push(format!("id \"{id}\" appears twice"));
        }
        for (i, name) in [
            (2, "label"),
            (3, "forecaster"),
            (6, "statistic"),
            (13, "source"),
            (14, "licence"),
        ] {
            if cell(i).is_empty() {
                problems.push(format!("{name} is empty"));
            }
        }
        let unit = ImportUnit::from_token(cell(12));
        if unit.is_none() {
            problems.push(format!(
                "unit \"{}\" is not one of hours, minutes, percent",
                cell(12)
            ));
        }
        let ids_given: Vec<String> = cell(1).split_whitespace().map(str::to_string).collect();
        if ids_given.is_empty() {
            problems.push("series is empty".into());
        }
        for s in &ids_given {
            match series.iter().find(|(id, _)| id == s) {
                None => problems.push(format!("series \"{s}\" is not in the manifest")),
                Some((_, u)) if unit.is_some_and(|fu| fu.series_unit() != *u) => problems.push(
                    format!("series \"{s}\" is in {u:?}, the forecast in {}", cell(12)),
                ),
                Some(_) => {}
            }
        }
        let mut date = |i: usize, name: &str| match Day::parse(cell(i)) {
            Ok(d) => Some(d),
            Err(e) => {
                problems.push(format!("{name}: {e}"));
                None
            }
        };
        let made = date(4, "made");
        let target = date(5, "target");
        if let (Some(m), Some(t)) = (made, target) {
            if m > t {
                problems.push(format!("made {m} is after target {t}"));
            }
        }
        let mut num = |i: usize, name: &str| match parse_opt_f64(cell(i), name) {
            Ok(v) => v,
            Err(e) => {
                problems.push(e);
                None
            }
        };
        let value = num(7, "value");
        let low = num(8, "low");
        let high = num(9, "high");
        let low_pct = num(10, "low_pct");
        let high_pct = num(11, "high_pct");
        match (value, unit) {
            (None, _) => problems.push("value is empty".into()),
            (Some(v), Some(ImportUnit::Percent)) if !(0.0..=100.0).contains(&v) => {
                problems.push(format!("value {v} is out of range (must be 0 to 100)"))
            }
            (Some(v), Some(ImportUnit::Hours | ImportUnit::Minutes)) if v <= 0.0 => problems.push(
                format!("value {v} is out of range (must be greater than 0)"),
            ),
            _ => {}
        }
        let quantiles = [low, high, low_pct, high_pct];
        if quantiles.iter().any(Option::is_some) && !quantiles.iter().all(Option::is_some) {
            problems
                .push("low, high, low_pct and high_pct must all be given or all be empty".into());
        }
        if let (Some(v), Some(lo), Some(hi)) = (value, low, high) {
            if !(lo <= v && v <= hi) {
                problems.push(format!("value {v} lies outside [low {lo}, high {hi}]"));
            }
        }
        if let (Some(pl), Some(ph)) = (low_pct, high_pct) {
            if !(0.0 < pl && pl < 50.0 && 50.0 < ph && ph < 100.0) {
                problems.push(format!(
                    "percentiles {pl} and {ph} must satisfy 0 < low_pct < 50 < high_pct < 100"
                ));
            }
        }
        match (problems.is_empty(), made, target, value, unit) {
            (true, Some(made), Some(target), Some(value), Some(unit)) => {
                out.push(PublishedForecast {
                    id,
                    series: ids_given,
                    label: cell(2).into(),
                    forecaster: cell(3).into(),
                    made,
                    target,
                    statistic: cell(6).into(),
                    value,
                    low,
                    high,
                    low_pct,
                    high_pct,
                    unit,
                    source: cell(13).into(),
                    licence: cell(14).into(),
                    caveat: cell(15).into(),
                })
            }
            _ => {
                for p in problems {
                    push(line, p);
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(DataErrors(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "id,series,label,forecaster,made,target,statistic,value,low,high,low_pct,high_pct,unit,source,licence,caveat\n";
    const SERIES: &[(&str, Unit)] = &[("h", Unit::Minutes), ("p", Unit::Percent)];

    fn parse(rows: &str) -> Result<Vec<PublishedForecast>, DataErrors> {
        parse_forecasts("forecasts.csv", &format!("{HEAD}{rows}"), SERIES)
    }

    #[test]
    fn reads_a_row_and_converts_hours_to_minutes() {
        let f = parse(
            "a,h,\"X, Jan 2026\",X,2026-01-14,2026-12-31,SOTA,24,15,40,20,80,hours,page,terms,\n",
        )
        .unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].in_series_unit(), (1440.0, Some(900.0), Some(2400.0)));
        assert!(f[0].applies_to("h") && !f[0].applies_to("p"));
        assert_eq!(
            f[0].describe(),
            "X (made 2026-01-14): 24 h by 2026-12-31 (20th–80th percentile 15–40 h)"
        );
    }

    #[test]
    fn names_the_line_and_reason_of_each_bad_row() {
        let e = parse(concat!(
            "a,h,L,X,2026-01-14,2026-12-31,S,24,30,40,20,80,hours,page,terms,\n",
            "b,nope,L,X,2026-13-01,2026-12-31,S,24,15,40,20,80,hours,page,terms,\n",
            "c,p,L,X,2026-01-14,2026-12-31,S,24,15,40,20,80,hours,,terms,\n",
            "d,h,L,X,2026-12-14,2026-01-31,S,24,,,,,hours,page,terms,\n",
        ))
        .unwrap_err()
        .to_string();
        assert!(e.contains("forecasts.csv:2: value 24 lies outside"), "{e}");
        assert!(
            e.contains("forecasts.csv:3: series \"nope\" is not in the manifest"),
            "{e}"
        );
        assert!(e.contains("forecasts.csv:3: made:"), "{e}");
        assert!(e.contains("forecasts.csv:4: source is empty"), "{e}");
        assert!(
            e.contains("forecasts.csv:4: series \"p\" is in Percent"),
            "{e}"
        );
        assert!(
            e.contains("forecasts.csv:5: made 2026-12-14 is after target 2026-01-31"),
            "{e}"
        );
    }

    #[test]
    fn refuses_a_wrong_header_and_half_given_quantiles() {
        let e = parse_forecasts("f.csv", "id,series\n", SERIES).unwrap_err();
        assert_eq!(e.0[0].line, 1);
        let e = parse("a,h,L,X,2026-01-14,2026-12-31,S,24,15,,20,80,hours,page,terms,\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("must all be given"), "{e}");
    }
}
