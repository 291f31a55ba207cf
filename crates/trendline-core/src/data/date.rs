//! Calendar dates as day numbers, so that fits can treat time as a plain number.

use std::fmt;

/// Julian day number of 1970-01-01.
const UNIX_EPOCH_JULIAN: i32 = 2_440_588;

/// A calendar date (proleptic Gregorian), stored as days since 1970-01-01.
///
/// Day numbers are what the fits regress on: `x = Day::number()`, so a slope is "per day".
///
/// ```
/// use trendline_core::Day;
/// let d = Day::parse("2023-01-01").unwrap();
/// assert_eq!(d.number(), 19_358);
/// assert_eq!(d.to_string(), "2023-01-01");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(i32);

/// Why a text is not a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    /// The text that was given.
    pub input: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "date \"{}\" is not a valid date (expected YYYY-MM-DD)",
            self.input
        )
    }
}

impl std::error::Error for DateError {}

impl Day {
    /// Earliest date the app accepts anywhere (data, URL, crossings): 1900-01-01.
    pub const MIN: Day = Day(-25_567);
    /// Latest date the app accepts anywhere: 2999-12-31.
    pub const MAX: Day = Day(376_199);

    /// The date `n` days after 1970-01-01 (`n` may be negative).
    pub const fn from_number(n: i32) -> Day {
        Day(n)
    }

    /// Days since 1970-01-01.
    pub const fn number(self) -> i32 {
        self.0
    }

    /// Day number as `f64`, the `x` of every fit.
    pub fn x(self) -> f64 {
        f64::from(self.0)
    }

    /// Builds a date from year, month (1–12) and day of month, rejecting impossible dates
    /// such as 2025-02-29.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Day> {
        let month = time::Month::try_from(month).ok()?;
        let date = time::Date::from_calendar_date(year, month, day).ok()?;
        Some(Day(date.to_julian_day() - UNIX_EPOCH_JULIAN))
    }

    /// Parses an ISO 8601 calendar date `YYYY-MM-DD` (exactly that form, surrounding spaces
    /// allowed), accepting only real dates between [`Day::MIN`] and [`Day::MAX`].
    pub fn parse(s: &str) -> Result<Day, DateError> {
        let err = || DateError {
            input: s.to_string(),
        };
        let t = s.trim();
        let b = t.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(err());
        }
        let digits = |r: std::ops::Range<usize>| -> Option<i32> {
            let part = &t[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let (y, m, d) = (digits(0..4), digits(5..7), digits(8..10));
        let (Some(y), Some(m), Some(d)) = (y, m, d) else {
            return Err(err());
        };
        let day = Day::from_ymd(y, m as u8, d as u8).ok_or_else(err)?;
        if day < Day::MIN || day > Day::MAX {
            return Err(err());
        }
        Ok(day)
    }

    /// The date containing the instant `x` (fractional day number), or `None` when `x` is not
    /// finite or falls outside [`Day::MIN`]..=[`Day::MAX`]: `Day(floor(x))`.
    pub fn from_x(x: f64) -> Option<Day> {
        if !x.is_finite() {
            return None;
        }
        let f = x.floor();
        if f < f64::from(Day::MIN.0) || f > f64::from(Day::MAX.0) {
            return None;
        }
        Some(Day(f as i32))
    }

    /// Year, month, day.
    pub fn ymd(self) -> (i32, u8, u8) {
        // `from_number` takes any `i32`; the Julian day of one near `i32::MAX` overflows.
        match self
            .0
            .checked_add(UNIX_EPOCH_JULIAN)
            .map(time::Date::from_julian_day)
        {
            Some(Ok(d)) => (d.year(), d.month() as u8, d.day()),
            // Unreachable for dates built through `parse`, `from_ymd` and `from_x`.
            _ => (1970, 1, 1),
        }
    }

    /// Year as a decimal, for axes: `year + (day of year − 1) / days in year`.
    pub fn decimal_year(self) -> f64 {
        let (y, _, _) = self.ymd();
        let start = Day::from_ymd(y, 1, 1).map_or(self.0, |d| d.0);
        let next = Day::from_ymd(y + 1, 1, 1).map_or(start + 365, |d| d.0);
        f64::from(y) + f64::from(self.0 - start) / f64::from(next - start)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_iso_dates() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2023-01-01",
            "2026-11-27",
            "1900-01-01",
            "2999-12-31",
        ] {
            assert_eq!(Day::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(Day::parse("1970-01-01").unwrap().number(), 0);
        assert_eq!(Day::parse("1900-01-01").unwrap(), Day::MIN);
        assert_eq!(Day::parse("2999-12-31").unwrap(), Day::MAX);
    }

    #[test]
    fn rejects_impossible_or_malformed_dates() {
        for s in [
            "",
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-1-01",
            "20250101",
            "2025/01/01",
            "+025-01-01",
            "1899-12-31",
            "3000-01-01",
            "abcd-ef-gh",
            "2025-01-01T00:00",
        ] {
            assert!(Day::parse(s).is_err(), "{s} should be rejected");
        }
        let e = Day::parse("2025-13-01").unwrap_err();
        assert_eq!(
            e.to_string(),
            "date \"2025-13-01\" is not a valid date (expected YYYY-MM-DD)"
        );
    }

    #[test]
    fn converts_fractional_day_numbers_to_dates() {
        assert_eq!(Day::from_x(0.99), Some(Day(0)));
        assert_eq!(Day::from_x(-0.5), Some(Day(-1)));
        assert_eq!(Day::from_x(f64::NAN), None);
        assert_eq!(Day::from_x(f64::INFINITY), None);
        assert_eq!(Day::from_x(1e12), None);
    }

    #[test]
    fn decimal_year_is_monotone_within_a_year() {
        let a = Day::parse("2024-01-01").unwrap().decimal_year();
        let b = Day::parse("2024-07-02").unwrap().decimal_year();
        assert_eq!(a, 2024.0);
        assert!((b - 2024.5).abs() < 0.01, "{b}");
    }
}
