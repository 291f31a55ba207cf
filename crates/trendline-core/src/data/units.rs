//! What a series measures ([`Unit`]), what a file's values are written in ([`ImportUnit`]),
//! and human-readable durations and percentages for axes, readouts and tables.

use serde::{Deserialize, Serialize};

/// What a series' values measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// A task length in minutes (time horizons); must be > 0; drawn on a log axis.
    Minutes,
    /// A score in percent; must lie in 0–100; drawn on a linear 0–100 axis.
    Percent,
    /// An index or rating (e.g. the Epoch Capabilities Index): any finite number, on a linear
    /// axis; its trend is a straight line in index points per year, not a doubling time.
    Index,
    /// A multiplier such as a speedup (`4` = 4×); must be > 0; drawn on a log axis and
    /// fitted exponentially like task lengths.
    Multiplier,
}

impl Unit {
    /// Short label for axes and tables.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Minutes => "task length (human time)",
            Unit::Percent => "score (%)",
            Unit::Index => "index score",
            Unit::Multiplier => "speedup (×)",
        }
    }

    /// Whether the series' trend is a constant doubling time (of the value or of the odds),
    /// rather than a rate of index points per year.
    pub fn doubles(self) -> bool {
        self != Unit::Index
    }

    /// Whether values are drawn on a log axis and fitted as `log2(value)` (task lengths and
    /// multipliers).
    pub fn is_log(self) -> bool {
        matches!(self, Unit::Minutes | Unit::Multiplier)
    }
}

/// A multiplier written for people: `4×`, `72.7×`, `449×`.
///
/// ```
/// use trendline_core::data::units::format_multiplier;
/// assert_eq!(format_multiplier(4.0), "4.00×");
/// assert_eq!(format_multiplier(72.65), "72.7×");
/// assert_eq!(format_multiplier(449.46), "449×");
/// ```
pub fn format_multiplier(v: f64) -> String {
    if !v.is_finite() || v <= 0.0 {
        "—".into()
    } else if v < 10.0 {
        format!("{v:.2}×")
    } else if v < 100.0 {
        format!("{v:.1}×")
    } else {
        format!("{}×", group_thousands(v))
    }
}

/// An index value written for people: one decimal below 1,000, whole numbers beyond.
///
/// ```
/// use trendline_core::data::units::format_index;
/// assert_eq!(format_index(161.65), "161.7");
/// assert_eq!(format_index(2176.88), "2,177");
/// assert_eq!(format_index(0.73), "0.73");
/// ```
pub fn format_index(v: f64) -> String {
    if !v.is_finite() {
        "—".into()
    } else if v.abs() < 10.0 {
        format!("{v:.2}")
    } else if v.abs() < 1000.0 {
        format!("{v:.1}")
    } else {
        group_thousands(v)
    }
}

/// A linear trend's rate, in index points per year, from the days one `step` of the index
/// takes: `rate = step × 365.2425 / days`.
///
/// ```
/// use trendline_core::data::units::index_rate_per_year;
/// assert!((index_rate_per_year(365.2425, 10.0) - 10.0).abs() < 1e-12);
/// ```
pub fn index_rate_per_year(days: f64, step: f64) -> f64 {
    step * 365.2425 / days
}

/// A rate of index points per year in words: `"+12.3 points/year"`.
///
/// ```
/// use trendline_core::data::units::rate_in_words;
/// assert_eq!(rate_in_words(30.0, 1.0), "+12.2 points/year");
/// ```
pub fn rate_in_words(days: f64, step: f64) -> String {
    if !days.is_finite() || days <= 0.0 {
        return "no rise".into();
    }
    let r = index_rate_per_year(days, step);
    if r >= 100.0 {
        format!("+{} points/year", group_thousands(r))
    } else if r >= 1.0 {
        format!("+{r:.1} points/year")
    } else {
        format!("+{r:.3} points/year")
    }
}

/// The unit of the values in a reader's file (and of a published forecast's values).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportUnit {
    /// Task lengths in minutes (> 0).
    Minutes,
    /// Task lengths in hours (> 0), converted to minutes: `minutes = hours × 60`.
    Hours,
    /// Scores in percent (0–100).
    Percent,
}

impl ImportUnit {
    /// Every unit, in display order.
    pub const ALL: [ImportUnit; 3] = [ImportUnit::Minutes, ImportUnit::Hours, ImportUnit::Percent];

    /// Token for URLs and form values: `minutes`, `hours`, `percent`.
    pub fn token(self) -> &'static str {
        match self {
            ImportUnit::Minutes => "minutes",
            ImportUnit::Hours => "hours",
            ImportUnit::Percent => "percent",
        }
    }

    /// Parses a [`ImportUnit::token`].
    pub fn from_token(s: &str) -> Option<ImportUnit> {
        ImportUnit::ALL.into_iter().find(|u| u.token() == s)
    }

    /// Human label for a picker.
    pub fn label(self) -> &'static str {
        match self {
            ImportUnit::Minutes => "task length in minutes",
            ImportUnit::Hours => "task length in hours",
            ImportUnit::Percent => "score in percent (0–100)",
        }
    }

    /// The unit of the resulting series: minutes for task lengths, percent for scores.
    pub fn series_unit(self) -> Unit {
        match self {
            ImportUnit::Minutes | ImportUnit::Hours => Unit::Minutes,
            ImportUnit::Percent => Unit::Percent,
        }
    }

    /// Short unit text after a number: "min", "h", "%".
    pub fn suffix(self) -> &'static str {
        match self {
            ImportUnit::Minutes => "min",
            ImportUnit::Hours => "h",
            ImportUnit::Percent => "%",
        }
    }

    /// Factor from the file's unit to the series' unit: 60 for hours, 1 otherwise.
    pub fn factor(self) -> f64 {
        match self {
            ImportUnit::Hours => 60.0,
            ImportUnit::Minutes | ImportUnit::Percent => 1.0,
        }
    }
}

/// Minutes in an hour.
pub const MINUTES_PER_HOUR: f64 = 60.0;

/// Days in an average Gregorian month, `365.2425 / 12`, for showing day counts as months.
pub const DAYS_PER_MONTH: f64 = 365.2425 / 12.0;

/// A task length in minutes written for people: seconds under a minute, minutes under an
/// hour, hours beyond, with precision that fits the size.
///
/// ```
/// use trendline_core::data::units::format_minutes;
/// assert_eq!(format_minutes(0.5), "30 s");
/// assert_eq!(format_minutes(3.987), "4.0 min");
/// assert_eq!(format_minutes(718.8), "12.0 h");
/// assert_eq!(format_minutes(120_000.0), "2,000 h");
/// ```
pub fn format_minutes(m: f64) -> String {
    if !m.is_finite() || m <= 0.0 {
        return "—".into();
    }
    if m < 1.0 {
        let s = m * 60.0;
        if s < 10.0 {
            format!("{s:.1} s")
        } else {
            format!("{s:.0} s")
        }
    } else if m < 60.0 {
        format!("{m:.1} min")
    } else {
        let h = m / MINUTES_PER_HOUR;
        if h < 100.0 {
            format!("{h:.1} h")
        } else {
            format!("{} h", group_thousands(h.round()))
        }
    }
}

/// An axis tick label for a duration in minutes: compact, no decimals when whole.
///
/// ```
/// use trendline_core::data::units::tick_label_minutes;
/// assert_eq!(tick_label_minutes(1.0 / 6.0), "10 s");
/// assert_eq!(tick_label_minutes(480.0), "8 h");
/// ```
pub fn tick_label_minutes(m: f64) -> String {
    let trim = |v: f64| {
        if (v - v.round()).abs() < 1e-9 {
            group_thousands(v.round())
        } else {
            format!("{v:.1}")
        }
    };
    if m < 1.0 {
        format!("{} s", trim(m * 60.0))
    } else if m < 60.0 {
        format!("{} min", trim(m))
    } else {
        format!("{} h", trim(m / 60.0))
    }
}

/// Writes a whole number with thousands separators: `12345 → "12,345"`.
pub fn group_thousands(v: f64) -> String {
    let neg = v < 0.0;
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if neg {
        format!("-{out}")
    } else {
        out
    }
}

/// A positive number with thousands separators and up to 3 decimals, trailing zeros removed:
/// `1234.5 → "1,234.5"`, `100 → "100"`.
pub fn group_thousands_f(v: f64) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    let whole = r.trunc();
    let frac = format!("{:.3}", (r - whole).abs());
    let frac = frac
        .trim_start_matches('0')
        .trim_end_matches('0')
        .trim_end_matches('.');
    format!("{}{}", group_thousands(whole), frac)
}

/// A number of days also shown in months: `"128.7 days (4.2 months)"`.
pub fn format_days_and_months(days: f64) -> String {
    if !days.is_finite() {
        return "—".into();
    }
    let months = days / DAYS_PER_MONTH;
    if days >= 3652.5 {
        format!(
            "{} days ({:.1} years)",
            group_thousands(days.round()),
            days / 365.2425
        )
    } else {
        format!("{days:.1} days ({months:.1} months)")
    }
}

/// A doubling time in words, for screen readers (`aria-valuetext`) and text summaries:
/// months from one month up, years from two years up, days below a month; the days follow in
/// brackets when the lead unit is not days. `what` names what doubles ("" or "odds ").
///
/// ```
/// use trendline_core::data::units::doubling_in_words;
/// assert_eq!(doubling_in_words(130.0, ""), "doubling every 4.3 months (130 days)");
/// assert_eq!(doubling_in_words(130.0, "odds "), "odds doubling every 4.3 months (130 days)");
/// assert_eq!(doubling_in_words(20.0, ""), "doubling every 20 days");
/// assert_eq!(doubling_in_words(1095.0, ""), "doubling every 3.0 years (1,095 days)");
/// ```
pub fn doubling_in_words(days: f64, what: &str) -> String {
    if !days.is_finite() || days <= 0.0 {
        return format!("{what}doubling time unknown");
    }
    let months = days / DAYS_PER_MONTH;
    let d = group_thousands(days.round());
    let unit = |v: f64, one: &str, many: &str| {
        let v = format!("{v:.1}");
        if v == "1.0" {
            format!("1 {one}")
        } else {
            format!("{v} {many}")
        }
    };
    if months < 1.0 {
        let day_word = if d == "1" { "day" } else { "days" };
        format!("{what}doubling every {d} {day_word}")
    } else if months < 24.0 {
        format!(
            "{what}doubling every {} ({d} days)",
            unit(months, "month", "months")
        )
    } else {
        format!(
            "{what}doubling every {} ({d} days)",
            unit(days / 365.2425, "year", "years")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_days_with_months() {
        assert_eq!(format_days_and_months(128.744), "128.7 days (4.2 months)");
        assert_eq!(format_days_and_months(18262.5), "18,263 days (50.0 years)");
        assert_eq!(format_days_and_months(f64::NAN), "—");
    }

    #[test]
    fn doubling_times_read_in_words() {
        assert_eq!(
            doubling_in_words(187.8, ""),
            "doubling every 6.2 months (188 days)"
        );
        assert_eq!(
            doubling_in_words(30.44, ""),
            "doubling every 1 month (30 days)"
        );
        assert_eq!(doubling_in_words(1.0, ""), "doubling every 1 day");
        assert_eq!(
            doubling_in_words(f64::NAN, "odds "),
            "odds doubling time unknown"
        );
    }

    #[test]
    fn groups_fractional_numbers() {
        assert_eq!(group_thousands_f(1234.5), "1,234.5");
        assert_eq!(group_thousands_f(100.0), "100");
        assert_eq!(group_thousands_f(1.9999), "2");
        assert_eq!(group_thousands_f(0.25), "0.25");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(0.0), "0");
        assert_eq!(group_thousands(999.0), "999");
        assert_eq!(group_thousands(1000.0), "1,000");
        assert_eq!(group_thousands(1234567.0), "1,234,567");
    }

    #[test]
    fn nonsense_durations_render_as_a_dash() {
        assert_eq!(format_minutes(f64::NAN), "—");
        assert_eq!(format_minutes(-1.0), "—");
        assert_eq!(format_minutes(0.05), "3.0 s");
    }
}
