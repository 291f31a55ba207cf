//! Published forecasts (`data/forecasts.csv`): dated, sourced predictions by named people,
//! drawn beside a series as forecasts. They are never data: no fit, band or milestone uses them.

use crate::data::date::Day;
use crate::data::error::{parse_opt_f64, table_rows, DataError, DataErrors};
use crate::data::units::{ImportUnit, Unit};
use std::collections::HashSet;

/// Columns of `data/forecasts.csv`, in order.
pub const FORECAST_COLUMNS: [&str; 19] = [
    "id",
    "series",
    "label",
    "forecaster",
    "made",
    "kind",
    "target",
    "target_low",
    "target_high",
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

/// What a published forecast states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForecastKind {
    /// The series' value at a date: `value` (with `low`–`high`) at `target`.
    Value,
    /// The date a threshold is reached: `value` is the threshold, `target` the central date
    /// (with `target_low`–`target_high`).
    Date,
}

impl ForecastKind {
    /// The token in the CSV's `kind` column.
    pub fn token(self) -> &'static str {
        match self {
            ForecastKind::Value => "value",
            ForecastKind::Date => "date",
        }
    }

    /// Parses a `kind` token.
    pub fn from_token(s: &str) -> Option<ForecastKind> {
        [ForecastKind::Value, ForecastKind::Date]
            .into_iter()
            .find(|k| k.token() == s)
    }
}

/// One published forecast about a series: its value at a target date, or the date it reaches
/// a threshold.
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
    /// Whether it forecasts a value at a date or the date of a threshold.
    pub kind: ForecastKind,
    /// The date it is about: the target date of a value forecast, the central date of a date
    /// forecast.
    pub target: Day,
    /// A date forecast's lower quantile date (`low_pct`).
    pub target_low: Option<Day>,
    /// A date forecast's upper quantile date (`high_pct`).
    pub target_high: Option<Day>,
    /// What is forecast, in words.
    pub statistic: String,
    /// The central value (median or point forecast) of a value forecast, the threshold of a
    /// date forecast, in `unit`.
    pub value: f64,
    /// A value forecast's lower quantile, in `unit`.
    pub low: Option<f64>,
    /// A value forecast's upper quantile, in `unit`.
    pub high: Option<f64>,
    /// Which percentile `low` (or `target_low`) is.
    pub low_pct: Option<f64>,
    /// Which percentile `high` (or `target_high`) is.
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
    /// (20th–80th percentile 15–40 h)"; a date forecast reads "METR (made 2025-03-30): 167 h
    /// reached around 2029-10-01".
    pub fn describe(&self) -> String {
        let u = self.unit.suffix();
        let mut s = match self.kind {
            ForecastKind::Value => format!(
                "{} (made {}): {} {u} by {}",
                self.forecaster,
                self.made,
                short(self.value),
                self.target
            ),
            ForecastKind::Date => format!(
                "{} (made {}): {} {u} reached around {}",
                self.forecaster,
                self.made,
                short(self.value),
                self.target
            ),
        };
        if let (Some(lo), Some(hi), Some(pl), Some(ph)) =
            (self.low, self.high, self.low_pct, self.high_pct)
        {
            s.push_str(&format!(
                " ({}–{} percentile {}–{} {u})",
                ordinal(pl),
                ordinal(ph),
                short(lo),
                short(hi)
            ));
        }
        if let (Some(lo), Some(hi), Some(pl), Some(ph)) = (
            self.target_low,
            self.target_high,
            self.low_pct,
            self.high_pct,
        ) {
            s.push_str(&format!(
                " ({}–{} percentile {lo} to {hi})",
                ordinal(pl),
                ordinal(ph)
            ));
        }
        s
    }
}

/// A number for a sentence: whole numbers as they are, others to one decimal from 10 up and
/// two below (the file keeps every digit the source gives).
fn short(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{v}");
    }
    let s = if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    };
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn ordinal(p: f64) -> String {
    let n = p as i64;
    if n as f64 != p {
        return format!("{}th", short(p));
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
/// stated in; `kind` is `value` or `date`; `made` and `target` are real dates with
/// `made ≤ target`; `value > 0` (minutes and hours) or in 0–100 (percent); a value forecast's
/// range is `low ≤ value ≤ high`, a date forecast's `target_low ≤ target ≤ target_high` (the
/// other pair empty), both ends or neither, given with percentiles
/// `0 < low_pct < 50 < high_pct < 100`; `label`, `forecaster`, `statistic`, `source` and
/// `licence` are not empty. Every problem is reported as `file:line: reason`.
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
        // Cells by column name (the header is checked to be FORECAST_COLUMNS).
        let cell = |name: &str| {
            FORECAST_COLUMNS
                .iter()
                .position(|c| *c == name)
                .and_then(|i| rec.get(i))
                .unwrap_or("")
                .trim()
        };
        let mut problems: Vec<String> = Vec::new();
        let id = cell("id").to_string();
        if id.is_empty() {
            problems.push("id is empty".into());
        } else if !ids.insert(id.clone()) {
            problems.push(format!("id \"{id}\" appears twice"));
        }
        for name in ["label", "forecaster", "statistic", "source", "licence"] {
            if cell(name).is_empty() {
                problems.push(format!("{name} is empty"));
            }
        }
        let kind = ForecastKind::from_token(cell("kind"));
        if kind.is_none() {
            problems.push(format!(
                "kind \"{}\" is not one of value, date",
                cell("kind")
            ));
        }
        let unit = ImportUnit::from_token(cell("unit"));
        if unit.is_none() {
            problems.push(format!(
                "unit \"{}\" is not one of hours, minutes, percent",
                cell("unit")
            ));
        }
        let ids_given: Vec<String> = cell("series")
            .split_whitespace()
            .map(str::to_string)
            .collect();
        if ids_given.is_empty() {
            problems.push("series is empty".into());
        }
        for s in &ids_given {
            match series.iter().find(|(id, _)| id == s) {
                None => problems.push(format!("series \"{s}\" is not in the manifest")),
                Some((_, u)) if unit.is_some_and(|fu| fu.series_unit() != *u) => {
                    problems.push(format!(
                        "series \"{s}\" is in {u:?}, the forecast in {}",
                        cell("unit")
                    ))
                }
                Some(_) => {}
            }
        }
        let mut date = |name: &str, required: bool| {
            if !required && cell(name).is_empty() {
                return None;
            }
            match Day::parse(cell(name)) {
                Ok(d) => Some(d),
                Err(e) => {
                    problems.push(format!("{name}: {e}"));
                    None
                }
            }
        };
        let made = date("made", true);
        let target = date("target", true);
        let target_low = date("target_low", false);
        let target_high = date("target_high", false);
        if let (Some(m), Some(t)) = (made, target) {
            if m > t {
                problems.push(format!("made {m} is after target {t}"));
            }
        }
        let mut num = |name: &str| match parse_opt_f64(cell(name), name) {
            Ok(v) => v,
            Err(e) => {
                problems.push(e);
                None
            }
        };
        let value = num("value");
        let low = num("low");
        let high = num("high");
        let low_pct = num("low_pct");
        let high_pct = num("high_pct");
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
        // A value forecast's range is in value units, a date forecast's in dates; the other
        // pair stays empty.
        let value_range = low.is_some() || high.is_some();
        let date_range = !cell("target_low").is_empty() || !cell("target_high").is_empty();
        match kind {
            Some(ForecastKind::Value) if date_range => problems
                .push("target_low and target_high are for date forecasts; leave them empty".into()),
            Some(ForecastKind::Date) if value_range => problems.push(
                "low and high are for value forecasts; a date forecast's range is target_low and target_high"
                    .into(),
            ),
            _ => {}
        }
        let any = value_range || date_range || low_pct.is_some() || high_pct.is_some();
        let ends = (low.is_some() && high.is_some())
            || (!cell("target_low").is_empty() && !cell("target_high").is_empty());
        if any && !(ends && low_pct.is_some() && high_pct.is_some()) {
            problems.push(
                "a range's two ends (low and high, or target_low and target_high), low_pct and high_pct must all be given or all be empty"
                    .into(),
            );
        }
        if let (Some(v), Some(lo), Some(hi)) = (value, low, high) {
            if !(lo <= v && v <= hi) {
                problems.push(format!("value {v} lies outside [low {lo}, high {hi}]"));
            }
        }
        if let (Some(t), Some(lo), Some(hi)) = (target, target_low, target_high) {
            if !(lo <= t && t <= hi) {
                problems.push(format!(
                    "target {t} lies outside [target_low {lo}, target_high {hi}]"
                ));
            }
        }
        if let (Some(pl), Some(ph)) = (low_pct, high_pct) {
            if !(0.0 < pl && pl < 50.0 && 50.0 < ph && ph < 100.0) {
                problems.push(format!(
                    "percentiles {pl} and {ph} must satisfy 0 < low_pct < 50 < high_pct < 100"
                ));
            }
        }
        match (problems.is_empty(), made, target, value, unit, kind) {
            (true, Some(made), Some(target), Some(value), Some(unit), Some(kind)) => {
                out.push(PublishedForecast {
                    id,
                    series: ids_given,
                    label: cell("label").into(),
                    forecaster: cell("forecaster").into(),
                    made,
                    kind,
                    target,
                    target_low,
                    target_high,
                    statistic: cell("statistic").into(),
                    value,
                    low,
                    high,
                    low_pct,
                    high_pct,
                    unit,
                    source: cell("source").into(),
                    licence: cell("licence").into(),
                    caveat: cell("caveat").into(),
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

    const HEAD: &str = "id,series,label,forecaster,made,kind,target,target_low,target_high,statistic,value,low,high,low_pct,high_pct,unit,source,licence,caveat\n";
    const SERIES: &[(&str, Unit)] = &[("h", Unit::Minutes), ("p", Unit::Percent)];

    fn parse(rows: &str) -> Result<Vec<PublishedForecast>, DataErrors> {
        parse_forecasts("forecasts.csv", &format!("{HEAD}{rows}"), SERIES)
    }

    #[test]
    fn reads_a_row_and_converts_hours_to_minutes() {
        let f = parse(
            "a,h,\"X, Jan 2026\",X,2026-01-14,value,2026-12-31,,,SOTA,24,15,40,20,80,hours,page,terms,\n",
        )
        .unwrap();
        assert_eq!(f.len(), 1);
        assert_eq!(short(41.835108399391174), "41.8");
        assert_eq!(short(2.5), "2.5");
        assert_eq!(short(0.126), "0.13");
        assert_eq!(ordinal(97.5), "97.5th");
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
            "a,h,L,X,2026-01-14,value,2026-12-31,,,S,24,30,40,20,80,hours,page,terms,\n",
            "b,nope,L,X,2026-13-01,value,2026-12-31,,,S,24,15,40,20,80,hours,page,terms,\n",
            "c,p,L,X,2026-01-14,value,2026-12-31,,,S,24,15,40,20,80,hours,,terms,\n",
            "d,h,L,X,2026-12-14,value,2026-01-31,,,S,24,,,,,hours,page,terms,\n",
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
        let e = parse("a,h,L,X,2026-01-14,value,2026-12-31,,,S,24,15,,20,80,hours,page,terms,\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("must all be given or all be empty"), "{e}");
    }

    #[test]
    fn reads_a_date_forecast_with_and_without_a_range() {
        let f = parse(concat!(
            "m,h,M,METR,2025-03-30,date,2029-10-01,,,1 month,167,,,,,hours,page,terms,\n",
            "n,h,N,N,2025-03-30,date,2029-06-01,2028-06-01,2030-06-01,1 month,167,,,10,90,hours,page,terms,\n",
        ))
        .unwrap();
        assert_eq!(f[0].kind, ForecastKind::Date);
        assert_eq!(
            f[0].describe(),
            "METR (made 2025-03-30): 167 h reached around 2029-10-01"
        );
        assert_eq!(f[1].target_low, Some(Day::parse("2028-06-01").unwrap()));
        assert_eq!(
            f[1].describe(),
            "N (made 2025-03-30): 167 h reached around 2029-06-01 (10th–90th percentile 2028-06-01 to 2030-06-01)"
        );
    }

    #[test]
    fn refuses_mixed_up_ranges_and_kinds() {
        let e = parse(concat!(
            "a,h,L,X,2025-03-30,date,2029-10-01,,,S,167,100,200,10,90,hours,page,terms,\n",
            "b,h,L,X,2025-03-30,value,2029-10-01,2028-01-01,2030-01-01,S,167,,,10,90,hours,page,terms,\n",
            "c,h,L,X,2025-03-30,date,2029-10-01,2030-01-01,2031-01-01,S,167,,,10,90,hours,page,terms,\n",
            "d,h,L,X,2025-03-30,guess,2029-10-01,,,S,167,,,,,hours,page,terms,\n",
            "e,h,L,X,2025-03-30,date,2029-10-01,2028-01-01,,S,167,,,10,90,hours,page,terms,\n",
        ))
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("forecasts.csv:2: low and high are for value forecasts"),
            "{e}"
        );
        assert!(
            e.contains("forecasts.csv:3: target_low and target_high are for date forecasts"),
            "{e}"
        );
        assert!(
            e.contains("forecasts.csv:4: target 2029-10-01 lies outside"),
            "{e}"
        );
        assert!(
            e.contains("forecasts.csv:5: kind \"guess\" is not one of value, date"),
            "{e}"
        );
        assert!(e.contains("forecasts.csv:6: a range's two ends"), "{e}");
    }
}
