//! Milestones: task lengths (or scores) whose crossing dates readers ask about.

use crate::data::units::Unit;
use crate::settings::Units;
use std::borrow::Cow;

/// A level to reach, e.g. one work-month of task length or a 90% score.
#[derive(Clone, Debug, PartialEq)]
pub struct Milestone {
    /// Stable id used in `data-testid`s and exports (`work-month`, `day`, `pct-90`, `custom`).
    pub id: Cow<'static, str>,
    /// Human label.
    pub label: Cow<'static, str>,
    /// The level in the series' unit (minutes for horizons, % for scores).
    pub target: f64,
    /// The length in hours, for horizon milestones.
    pub hours: Option<f64>,
}

impl Milestone {
    const fn horizon(id: &'static str, label: &'static str, hours: f64) -> Milestone {
        Milestone {
            id: Cow::Borrowed(id),
            label: Cow::Borrowed(label),
            target: hours * 60.0,
            hours: Some(hours),
        }
    }
}

/// Work-time milestones: a work-day is 8 h, a week 40 h, a month 167 h, a year 2000 h.
pub const WORK: [Milestone; 4] = [
    Milestone::horizon("work-day", "1 work-day", 8.0),
    Milestone::horizon("work-week", "1 work-week", 40.0),
    Milestone::horizon("work-month", "1 work-month", 167.0),
    Milestone::horizon("work-year", "1 work-year", 2000.0),
];

/// Calendar-time milestones: 24 h, 168 h, 730 h, 8766 h.
pub const CALENDAR: [Milestone; 4] = [
    Milestone::horizon("day", "1 day", 24.0),
    Milestone::horizon("week", "1 week", 168.0),
    Milestone::horizon("month", "1 month", 730.0),
    Milestone::horizon("year", "1 year", 8766.0),
];

/// Score milestones for percentage series.
pub const PERCENT: [f64; 5] = [50.0, 80.0, 90.0, 95.0, 99.0];

/// The milestones for a series of `unit`: work or calendar lengths plus the custom `goal`
/// (hours) for horizons; 50/80/90/95/99% for scores.
pub fn milestones(unit: Unit, units: Units, goal: Option<f64>) -> Vec<Milestone> {
    match unit {
        Unit::Minutes => {
            let mut v: Vec<Milestone> = match units {
                Units::Work => WORK.to_vec(),
                Units::Calendar => CALENDAR.to_vec(),
            };
            if let Some(h) = goal {
                v.push(Milestone {
                    id: Cow::Borrowed("custom"),
                    label: Cow::Owned(format!(
                        "{} h (yours)",
                        crate::data::units::group_thousands_f(h)
                    )),
                    target: h * 60.0,
                    hours: Some(h),
                });
            }
            v
        }
        Unit::Percent => PERCENT
            .iter()
            .map(|&p| Milestone {
                id: Cow::Owned(format!("pct-{p}")),
                label: Cow::Owned(format!("{p}%")),
                target: p,
                hours: None,
            })
            .collect(),
        Unit::Index | Unit::Multiplier => Vec::new(),
    }
}

/// The milestones of a series: [`milestones`] for its unit, and for index and multiplier
/// series the levels its manifest entry names (`level-<value>`, labelled in the unit:
/// "ECI 170", "1,000×").
pub fn milestones_for(
    meta: &crate::data::dataset::SeriesMeta,
    units: Units,
    goal: Option<f64>,
) -> Vec<Milestone> {
    let mut v = milestones(meta.unit, units, goal);
    if matches!(meta.unit, Unit::Index | Unit::Multiplier) {
        v.extend(meta.levels.iter().map(|&l| Milestone {
            id: Cow::Owned(format!("level-{l}")),
            label: Cow::Owned(level_label(meta.unit, l)),
            target: l,
            hours: None,
        }));
    }
    v
}

/// A level written in its unit: `"1,000×"` for multipliers, `"170.0 points"` for indices.
///
/// ```
/// use trendline_core::forecast::milestones::level_label;
/// use trendline_core::Unit;
/// assert_eq!(level_label(Unit::Multiplier, 1000.0), "1,000×");
/// assert_eq!(level_label(Unit::Index, 170.0), "170.0 points");
/// ```
pub fn level_label(unit: Unit, v: f64) -> String {
    match unit {
        Unit::Multiplier => crate::data::units::format_multiplier(v),
        _ => format!("{} points", crate::data::units::format_index(v)),
    }
}
