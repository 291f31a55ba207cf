//! The reader's settings: one `State`, changed only through `State::apply(Action)`.

use crate::dataset::Series;
use crate::date::Day;
use crate::fit::{FitWindow, Selection};
use crate::forecast::DOUBLING_DAYS_LIMITS;

/// Series shown when nothing else is asked for.
pub const DEFAULT_SERIES: &str = "metr-th1.1-p50";

/// Every setting a reader can change; everything else is derived from it and the data.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Selected series id.
    pub series: String,
    /// Fit window start (inclusive); `None` = first point.
    pub from: Option<Day>,
    /// Fit window end (inclusive); `None` = last point.
    pub to: Option<Day>,
    /// Frontier points only, or all.
    pub selection: Selection,
    /// Assumed doubling time in days; `None` = use the fitted one.
    pub doubling: Option<f64>,
}

impl Default for State {
    fn default() -> Self {
        State {
            series: DEFAULT_SERIES.into(),
            from: None,
            to: None,
            selection: Selection::Frontier,
            doubling: None,
        }
    }
}

/// A change the reader asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Show another series (keeps the other settings).
    SelectSeries(String),
    /// Set or clear the fit window start.
    SetFrom(Option<Day>),
    /// Set or clear the fit window end.
    SetTo(Option<Day>),
    /// Fit frontier points only, or all.
    SetSelection(Selection),
    /// Assume this doubling time (days); clamped to [`DOUBLING_DAYS_LIMITS`]; ignored if not
    /// finite.
    SetDoubling(f64),
    /// Go back to the fitted doubling time.
    ResetDoubling,
}

/// Clamps `v` into `[lo, hi]`; `None` for NaN or infinities.
pub fn clamp_finite(v: f64, (lo, hi): (f64, f64)) -> Option<f64> {
    v.is_finite().then(|| v.clamp(lo, hi))
}

impl State {
    /// The state after `action`. Pure: no I/O, no clocks.
    pub fn apply(&self, action: Action) -> State {
        let mut s = self.clone();
        match action {
            Action::SelectSeries(id) => s.series = id,
            Action::SetFrom(d) => s.from = d,
            Action::SetTo(d) => s.to = d,
            Action::SetSelection(sel) => s.selection = sel,
            Action::SetDoubling(t) => {
                if let Some(t) = clamp_finite(t, DOUBLING_DAYS_LIMITS) {
                    s.doubling = Some(t);
                }
            }
            Action::ResetDoubling => s.doubling = None,
        }
        s
    }

    /// The fit window these settings select on `series` (the cap is the series' own).
    pub fn fit_window(&self, series: &Series) -> FitWindow {
        FitWindow {
            from: self.from,
            to: self.to,
            selection: self.selection,
            cap: series.meta.fit_cap,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubling_is_clamped_and_nonsense_ignored() {
        let s = State::default();
        assert_eq!(s.apply(Action::SetDoubling(0.0)).doubling, Some(1.0));
        assert_eq!(s.apply(Action::SetDoubling(1e9)).doubling, Some(36_525.0));
        assert_eq!(s.apply(Action::SetDoubling(f64::NAN)).doubling, None);
        let set = s.apply(Action::SetDoubling(120.0));
        assert_eq!(
            set.apply(Action::SetDoubling(f64::INFINITY)).doubling,
            Some(120.0)
        );
        assert_eq!(set.apply(Action::ResetDoubling).doubling, None);
    }

    #[test]
    fn selecting_a_series_keeps_other_settings() {
        let s = State::default()
            .apply(Action::SetDoubling(90.0))
            .apply(Action::SelectSeries("x".into()));
        assert_eq!(s.series, "x");
        assert_eq!(s.doubling, Some(90.0));
    }
}
