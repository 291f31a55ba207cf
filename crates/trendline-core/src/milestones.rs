//! Milestones: task lengths whose crossing dates readers ask about.

/// A task length to reach, e.g. one work-month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Milestone {
    /// Stable id used in `data-testid`s and exports.
    pub id: &'static str,
    /// Human label.
    pub label: &'static str,
    /// Length in hours of human work.
    pub hours: f64,
}

impl Milestone {
    /// Length in minutes (the unit of horizon series): `hours · 60`.
    pub fn minutes(&self) -> f64 {
        self.hours * 60.0
    }
}

/// Work-time milestones: a work-day is 8 h, a week 40 h, a month 167 h, a year 2000 h.
pub const WORK: [Milestone; 4] = [
    Milestone {
        id: "work-day",
        label: "1 work-day",
        hours: 8.0,
    },
    Milestone {
        id: "work-week",
        label: "1 work-week",
        hours: 40.0,
    },
    Milestone {
        id: "work-month",
        label: "1 work-month",
        hours: 167.0,
    },
    Milestone {
        id: "work-year",
        label: "1 work-year",
        hours: 2000.0,
    },
];
