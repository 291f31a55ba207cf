//! The reader's settings: one `State`, changed only through `State::apply(Action)`, with the
//! defaults and limits that bound each setting. It uses only the data and model layers, so both
//! the forecasts (which take `&State`) and the sharing layer (URL, scenario files) build on it.

use crate::data::dataset::Series;
use crate::data::date::Day;
use crate::data::units::Unit;
use crate::model::family::Family;
use crate::model::fit::{FitWindow, Selection};

/// Series shown when nothing else is asked for.
pub const DEFAULT_SERIES: &str = "metr-th1.1-p50";
/// Default end of the time axis and of projections: 2030-12-31.
pub const DEFAULT_UNTIL: Day = Day::from_number(22_279);
/// Earliest and latest end dates: 2020-01-01 to 2100-12-31.
pub const UNTIL_LIMITS: (Day, Day) = (Day::from_number(18_262), Day::from_number(47_846));
/// Default date of the chance of a milestone (`by`): 2028-12-31, the horizon of the essay
/// "Automating AI Research" ("a likely chance (60%+) ... by the end of 2028").
pub const DEFAULT_BY: Day = Day::from_number(21_549);
/// Earliest and latest dates for the chance of a milestone: those of the end date.
pub const BY_LIMITS: (Day, Day) = UNTIL_LIMITS;
/// Slider bounds for the assumed doubling time, in days.
pub const SLIDER_DOUBLING_DAYS: (f64, f64) = (7.0, 1095.0);
/// Bounds for a typed doubling time (also used to clamp URL values), in days: 1 day to
/// 100 years.
pub const DOUBLING_DAYS_LIMITS: (f64, f64) = (1.0, 36_525.0);
/// Acceleration per doubling, in %: −90 to 95.
pub const ACCEL_LIMITS: (f64, f64) = (-90.0, 95.0);
/// Floor on the doubling time, days (0 = none).
pub const FLOOR_LIMITS: (f64, f64) = (0.0, 36_525.0);
/// Cap, hours.
pub const CAP_LIMITS: (f64, f64) = (0.001, 1.0e6);
/// Saturation, %.
pub const SAT_LIMITS: (f64, f64) = (1.0, 100.0);
/// Reliability level, %.
pub const REL_LIMITS: (f64, f64) = (50.0, 95.0);
/// Custom milestone, hours.
pub const GOAL_LIMITS: (f64, f64) = (0.001, 1.0e7);
/// Monte Carlo draws: 0 (off) to 20 000; default 2000.
pub const MC_MAX: u32 = 20_000;
/// Default number of Monte Carlo draws.
pub const MC_DEFAULT: u32 = 2000;

/// Which cap applies to fitted horizons.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub enum Cap {
    /// The series' own (METR's 16 h for Time Horizon 1.1 at 50%; none elsewhere).
    #[default]
    Default,
    /// No cap.
    Off,
    /// A cap in hours.
    Hours(f64),
}

/// Where the projection starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Anchor {
    /// On the fitted curve at the last fitted date.
    #[default]
    Fit,
    /// At the last fitted point's own value.
    Last,
}

impl Anchor {
    /// URL token.
    pub fn token(self) -> &'static str {
        match self {
            Anchor::Fit => "fit",
            Anchor::Last => "last",
        }
    }
}

/// Which uncertainty band every fan, percentile and probability uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Band {
    /// The fit's own uncertainty plus the chance the rate changes, scaled by the series' own
    /// past forecast errors (`forecast::calibration`).
    #[default]
    Calibrated,
    /// The fit's own uncertainty only: bootstrap over the points plus residual noise.
    Fit,
}

impl Band {
    /// URL token.
    pub fn token(self) -> &'static str {
        match self {
            Band::Calibrated => "calibrated",
            Band::Fit => "fit",
        }
    }

    /// The band for a URL token (`None` for anything else).
    pub fn from_token(t: &str) -> Option<Band> {
        match t {
            "calibrated" => Some(Band::Calibrated),
            "fit" => Some(Band::Fit),
            _ => None,
        }
    }

    /// Words for the reader.
    pub fn label(self) -> &'static str {
        match self {
            Band::Calibrated => "calibrated band",
            Band::Fit => "fit-only band",
        }
    }

    /// The other band.
    pub fn other(self) -> Band {
        match self {
            Band::Calibrated => Band::Fit,
            Band::Fit => Band::Calibrated,
        }
    }
}

/// Work or calendar milestones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Units {
    /// Work time: day 8 h, week 40 h, month 167 h, year 2000 h.
    #[default]
    Work,
    /// Calendar time: 24 h, 168 h, 730 h, 8766 h.
    Calendar,
}

impl Units {
    /// URL token.
    pub fn token(self) -> &'static str {
        match self {
            Units::Work => "work",
            Units::Calendar => "calendar",
        }
    }
}

/// How task lengths are drawn on the chart's vertical axis (scores are always linear 0–100%).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Scale {
    /// Logarithmic: exponential growth is a straight line (METR's own charts).
    #[default]
    Log,
    /// Linear: equal steps of time are equal heights.
    Linear,
}

impl Scale {
    /// URL token.
    pub fn token(self) -> &'static str {
        match self {
            Scale::Log => "log",
            Scale::Linear => "linear",
        }
    }

    /// The scale for a URL token.
    pub fn from_token(s: &str) -> Option<Scale> {
        match s {
            "log" => Some(Scale::Log),
            "linear" => Some(Scale::Linear),
            _ => None,
        }
    }
}

/// How many named scenarios can be kept beside the current settings (A, B and C).
pub const SCENARIO_SLOTS: usize = 3;
/// Longest scenario name kept, in characters.
pub const SCENARIO_NAME_MAX: usize = 48;

/// A named set of assumptions drawn beside the current settings: everything that shapes the
/// projection (family, doubling time, acceleration, floor, cap, saturation, anchor). The data,
/// the fit window, the milestones and the end date are the current settings'.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Name shown in the legend and the milestone table.
    pub name: String,
    /// Fit family; `None` = the series' default.
    pub model: Option<Family>,
    /// Assumed doubling time, days; `None` = the fitted one.
    pub doubling: Option<f64>,
    /// Superexponential acceleration per doubling, %; `None` = the fitted one.
    pub accel: Option<f64>,
    /// Floor on the doubling time, days; 0 = none.
    pub floor: f64,
    /// Horizon cap.
    pub cap: Cap,
    /// Logistic saturation, %.
    pub sat: f64,
    /// Where the projection starts.
    pub anchor: Anchor,
}

impl Scenario {
    /// The letter of slot `i` (0 → 'A').
    pub fn letter(slot: usize) -> char {
        (b'A' + (slot.min(25) as u8)) as char
    }

    /// `name` cleaned for display: control characters removed, whitespace collapsed, at most
    /// [`SCENARIO_NAME_MAX`] characters; `fallback` when nothing is left.
    pub fn clean_name(name: &str, fallback: &str) -> String {
        let words: Vec<&str> = name
            .split(|c: char| c.is_whitespace() || c.is_control())
            .filter(|w| !w.is_empty())
            .collect();
        let joined: String = words
            .join(" ")
            .chars()
            .filter(|c| !c.is_control())
            .take(SCENARIO_NAME_MAX)
            .collect();
        let joined = joined.trim().to_string();
        if joined.is_empty() {
            fallback.to_string()
        } else {
            joined
        }
    }

    /// The assumptions of `state`, under `name`.
    pub fn from_state(state: &State, name: &str) -> Scenario {
        Scenario {
            name: Scenario::clean_name(name, "Scenario"),
            model: state.model,
            doubling: state.doubling,
            accel: state.accel,
            floor: state.floor,
            cap: state.cap,
            sat: state.sat,
            anchor: state.anchor,
        }
    }

    /// `state` with these assumptions in place of its own, Monte Carlo off and no scenarios of
    /// its own: the settings this scenario's projection is computed from.
    pub fn applied_to(&self, state: &State) -> State {
        let mut s = State {
            scenarios: Default::default(),
            mc: 0,
            ..state.clone()
        };
        for a in [
            Action::SetModel(self.model),
            Action::SetAccel(self.accel),
            Action::SetFloor(self.floor),
            Action::SetCap(self.cap),
            Action::SetSat(self.sat),
            Action::SetAnchor(self.anchor),
        ] {
            s = s.apply(a);
        }
        match self.doubling {
            Some(d) => s.apply(Action::SetDoubling(d)),
            None => s.apply(Action::ResetDoubling),
        }
    }

    /// Three examples to start from: the fitted trend continues; doubling slows to every 12
    /// months (365.25 days); superexponential, each doubling 15% shorter than the last.
    pub fn examples() -> [Scenario; SCENARIO_SLOTS] {
        let base = Scenario::from_state(&State::default(), "Trend continues");
        [
            base.clone(),
            Scenario {
                name: "Slows to 12-month doubling".into(),
                doubling: Some(365.25),
                ..base.clone()
            },
            Scenario {
                name: "Superexponential 15%".into(),
                model: Some(Family::Superexponential),
                accel: Some(15.0),
                ..base
            },
        ]
    }
}

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
    /// Assumed doubling time in days (of the value; of the odds for logistic; the initial one
    /// for superexponential); `None` = the fitted one.
    pub doubling: Option<f64>,
    /// Fit family; `None` = the series' default (exponential for horizons, logistic for %).
    pub model: Option<Family>,
    /// Superexponential acceleration per doubling, in %; `None` = the fitted one.
    pub accel: Option<f64>,
    /// Superexponential floor on the doubling time, days; 0 = none.
    pub floor: f64,
    /// Horizon cap.
    pub cap: Cap,
    /// Logistic saturation, %.
    pub sat: f64,
    /// Where the projection starts.
    pub anchor: Anchor,
    /// Reliability level for METR horizons, %.
    pub rel: f64,
    /// Work or calendar milestones.
    pub units: Units,
    /// Custom milestone, hours.
    pub goal: Option<f64>,
    /// Monte Carlo draws (0 = off).
    pub mc: u32,
    /// Backtest: fit only points dated on or before this.
    pub asof: Option<Day>,
    /// Point ids left out of the fit.
    pub drop: Vec<String>,
    /// End of the time axis and projections.
    pub until: Day,
    /// Vertical axis of horizon charts.
    pub scale: Scale,
    /// Which uncertainty band the fan, percentiles and probabilities use.
    pub band: Band,
    /// Date of the chance of reaching each milestone.
    pub by: Day,
    /// Named scenarios A, B and C drawn beside the current settings (`None` = empty slot).
    pub scenarios: [Option<Scenario>; SCENARIO_SLOTS],
}

impl Default for State {
    fn default() -> Self {
        State {
            series: DEFAULT_SERIES.into(),
            from: None,
            to: None,
            selection: Selection::Frontier,
            doubling: None,
            model: None,
            accel: None,
            floor: 0.0,
            cap: Cap::Default,
            sat: 100.0,
            anchor: Anchor::Fit,
            rel: 50.0,
            units: Units::Work,
            goal: None,
            mc: MC_DEFAULT,
            asof: None,
            drop: Vec::new(),
            until: DEFAULT_UNTIL,
            scale: Scale::Log,
            band: Band::Calibrated,
            by: DEFAULT_BY,
            scenarios: Default::default(),
        }
    }
}

/// A change the reader asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Show another series: keeps general settings, resets the ones tied to a series (window,
    /// assumptions, dropped points, family, cap, saturation, as-of date).
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
    /// Choose the fit family (`None` = the series' default).
    SetModel(Option<Family>),
    /// Assume this acceleration (%), or `None` for the fitted one.
    SetAccel(Option<f64>),
    /// Floor on the doubling time (days; 0 = none).
    SetFloor(f64),
    /// Horizon cap.
    SetCap(Cap),
    /// Logistic saturation (%).
    SetSat(f64),
    /// Where the projection starts.
    SetAnchor(Anchor),
    /// Reliability level (%).
    SetRel(f64),
    /// Work or calendar milestones.
    SetUnits(Units),
    /// Custom milestone (hours), or none.
    SetGoal(Option<f64>),
    /// Monte Carlo draws.
    SetMc(u32),
    /// Backtest date, or none.
    SetAsOf(Option<Day>),
    /// Drop the point from the fit, or bring it back.
    ToggleDrop(String),
    /// Bring every dropped point back.
    ClearDrops,
    /// End of the axis and projections.
    SetUntil(Day),
    /// Log or linear vertical axis.
    SetScale(Scale),
    /// Calibrated or fit-only band.
    SetBand(Band),
    /// Date of the chance of each milestone; clamped to [`BY_LIMITS`].
    SetBy(Day),
    /// Keep the current assumptions as scenario `slot` (0–2) under a name; an empty name
    /// becomes "Scenario A" (B, C).
    SaveScenario(usize, String),
    /// Put a scenario in `slot`, or empty it (`None`); clamped like the single actions.
    SetScenario(usize, Option<Scenario>),
    /// Rename scenario `slot`.
    RenameScenario(usize, String),
    /// Fill the three slots with [`Scenario::examples`].
    ExampleScenarios,
    /// Make scenario `slot`'s assumptions the current ones (the scenario stays kept).
    UseScenario(usize),
    /// Replace every setting (a scenario file was opened), clamped like the single actions.
    Load(Box<State>),
}

/// Sets an optional setting: `None` clears it, a finite value is clamped into `lim`, and a
/// non-finite one leaves it as it was.
fn set_opt(slot: &mut Option<f64>, v: Option<f64>, lim: (f64, f64)) {
    match v {
        None => *slot = None,
        Some(v) => {
            if let Some(v) = clamp_finite(v, lim) {
                *slot = Some(v);
            }
        }
    }
}

/// `sc` with its numbers clamped the way the single actions clamp them and its name cleaned.
fn clean_scenario(sc: Scenario, slot: usize) -> Scenario {
    let fallback = format!("Scenario {}", Scenario::letter(slot));
    let applied = sc.applied_to(&State::default());
    Scenario {
        name: Scenario::clean_name(&sc.name, &fallback),
        ..Scenario::from_state(&applied, "")
    }
}

/// Clamps `v` into `[lo, hi]`; `None` for NaN or infinities.
pub fn clamp_finite(v: f64, (lo, hi): (f64, f64)) -> Option<f64> {
    v.is_finite().then(|| v.clamp(lo, hi))
}

impl State {
    /// The state after `action`. Pure: no I/O, no clocks. Values are clamped to their ranges;
    /// non-finite numbers leave the state unchanged.
    pub fn apply(&self, action: Action) -> State {
        let mut s = self.clone();
        let set = |slot: &mut f64, v: f64, lim| {
            if let Some(v) = clamp_finite(v, lim) {
                *slot = v;
            }
        };
        match action {
            Action::SelectSeries(id) => {
                if id != s.series {
                    let keep = State {
                        series: id,
                        ..State::default()
                    };
                    s = State {
                        selection: s.selection,
                        floor: s.floor,
                        anchor: s.anchor,
                        rel: s.rel,
                        units: s.units,
                        goal: s.goal,
                        mc: s.mc,
                        until: s.until,
                        scale: s.scale,
                        band: s.band,
                        by: s.by,
                        scenarios: s.scenarios.clone(),
                        ..keep
                    };
                }
            }
            Action::SetFrom(d) => s.from = d,
            Action::SetTo(d) => s.to = d,
            Action::SetSelection(sel) => s.selection = sel,
            Action::SetDoubling(t) => set_opt(&mut s.doubling, Some(t), DOUBLING_DAYS_LIMITS),
            Action::ResetDoubling => s.doubling = None,
            Action::SetModel(m) => s.model = m,
            Action::SetAccel(a) => set_opt(&mut s.accel, a, ACCEL_LIMITS),
            Action::SetFloor(f) => set(&mut s.floor, f, FLOOR_LIMITS),
            Action::SetCap(c) => {
                s.cap = match c {
                    Cap::Hours(h) => clamp_finite(h, CAP_LIMITS).map_or(s.cap, Cap::Hours),
                    other => other,
                }
            }
            Action::SetSat(v) => set(&mut s.sat, v, SAT_LIMITS),
            Action::SetAnchor(a) => s.anchor = a,
            Action::SetRel(v) => set(&mut s.rel, v, REL_LIMITS),
            Action::SetUnits(u) => s.units = u,
            Action::SetGoal(g) => set_opt(&mut s.goal, g, GOAL_LIMITS),
            Action::SetMc(n) => s.mc = n.min(MC_MAX),
            Action::SetAsOf(d) => s.asof = d,
            Action::ToggleDrop(id) => {
                if let Some(i) = s.drop.iter().position(|d| *d == id) {
                    s.drop.remove(i);
                } else {
                    s.drop.push(id);
                    crate::data::order::sort(&mut s.drop);
                }
            }
            Action::ClearDrops => s.drop.clear(),
            Action::SetUntil(d) => s.until = d.clamp(UNTIL_LIMITS.0, UNTIL_LIMITS.1),
            Action::SetScale(k) => s.scale = k,
            Action::SetBand(b) => s.band = b,
            Action::SetBy(d) => s.by = d.clamp(BY_LIMITS.0, BY_LIMITS.1),
            Action::SaveScenario(slot, name) => {
                if slot < SCENARIO_SLOTS {
                    let fallback = format!("Scenario {}", Scenario::letter(slot));
                    let mut sc = Scenario::from_state(&s, &name);
                    sc.name = Scenario::clean_name(&name, &fallback);
                    s.scenarios[slot] = Some(sc);
                }
            }
            Action::SetScenario(slot, sc) => {
                if slot < SCENARIO_SLOTS {
                    s.scenarios[slot] = sc.map(|sc| clean_scenario(sc, slot));
                }
            }
            Action::RenameScenario(slot, name) => {
                if let Some(Some(sc)) = s.scenarios.get_mut(slot) {
                    sc.name = Scenario::clean_name(
                        &name,
                        &format!("Scenario {}", Scenario::letter(slot)),
                    );
                }
            }
            Action::UseScenario(slot) => {
                if let Some(Some(sc)) = s.scenarios.get(slot).cloned() {
                    let applied = sc.applied_to(&s);
                    s = State {
                        mc: s.mc,
                        scenarios: s.scenarios.clone(),
                        ..applied
                    };
                }
            }
            Action::ExampleScenarios => {
                for (i, sc) in Scenario::examples().into_iter().enumerate() {
                    s.scenarios[i] = Some(sc);
                }
            }
            Action::Load(new) => {
                // Through the single actions, so every value is clamped the same way.
                let mut t = State {
                    series: new.series.clone(),
                    drop: new.drop.clone(),
                    ..State::default()
                };
                for a in [
                    Action::SetFrom(new.from),
                    Action::SetTo(new.to),
                    Action::SetSelection(new.selection),
                    Action::SetModel(new.model),
                    Action::SetAccel(new.accel),
                    Action::SetFloor(new.floor),
                    Action::SetCap(new.cap),
                    Action::SetSat(new.sat),
                    Action::SetAnchor(new.anchor),
                    Action::SetRel(new.rel),
                    Action::SetUnits(new.units),
                    Action::SetGoal(new.goal),
                    Action::SetMc(new.mc),
                    Action::SetAsOf(new.asof),
                    Action::SetUntil(new.until),
                    Action::SetScale(new.scale),
                    Action::SetBand(new.band),
                    Action::SetBy(new.by),
                ] {
                    t = t.apply(a);
                }
                for (i, sc) in new.scenarios.iter().enumerate() {
                    t = t.apply(Action::SetScenario(i, sc.clone()));
                }
                s = match new.doubling {
                    Some(d) => t.apply(Action::SetDoubling(d)),
                    None => t,
                };
            }
        }
        s
    }

    /// The settings the fit stage (`forecast::prepare`) depends on, with every
    /// projection-only setting (assumed doubling time, acceleration, floor, anchor, milestones,
    /// end date) at its default: two states with equal `fit_settings` share one fit.
    pub fn fit_settings(&self) -> State {
        let d = State::default();
        State {
            doubling: d.doubling,
            accel: d.accel,
            floor: d.floor,
            anchor: d.anchor,
            units: d.units,
            goal: d.goal,
            until: d.until,
            scale: d.scale,
            band: d.band,
            by: d.by,
            scenarios: d.scenarios,
            ..self.clone()
        }
    }

    /// The family used for a series of `unit`: the reader's choice where it applies, else the
    /// unit's default.
    pub fn family(&self, unit: Unit) -> Family {
        self.model
            .filter(|m| m.applies_to(unit))
            .unwrap_or_else(|| Family::default_for(unit))
    }

    /// The cap in the series' unit (minutes for horizons), resolving [`Cap::Default`].
    pub fn cap_value(&self, series: &Series) -> Option<f64> {
        match (self.cap, series.meta.unit) {
            (_, Unit::Percent) => None,
            (Cap::Default, _) => series.meta.fit_cap,
            (Cap::Off, _) => None,
            (Cap::Hours(h), _) => Some(h * 60.0),
        }
    }

    /// The fit window these settings select on `series`.
    pub fn fit_window(&self, series: &Series) -> FitWindow {
        FitWindow {
            from: self.from,
            to: match (self.to, self.asof) {
                (Some(t), Some(a)) => Some(t.min(a)),
                (t, a) => t.or(a),
            },
            selection: self.selection,
            cap: self.cap_value(series),
            drop: self.drop.clone(),
            capped: Vec::new(),
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
    fn selecting_a_series_resets_its_own_settings_and_keeps_the_rest() {
        let s = State::default()
            .apply(Action::SetDoubling(90.0))
            .apply(Action::ToggleDrop("x".into()))
            .apply(Action::SetUnits(Units::Calendar))
            .apply(Action::SetMc(500))
            .apply(Action::SelectSeries("other".into()));
        assert_eq!(s.series, "other");
        assert_eq!(s.doubling, None);
        assert!(s.drop.is_empty());
        assert_eq!(s.units, Units::Calendar);
        assert_eq!(s.mc, 500);
    }

    #[test]
    fn every_numeric_setting_is_clamped() {
        let s = State::default();
        assert_eq!(s.apply(Action::SetAccel(Some(500.0))).accel, Some(95.0));
        assert_eq!(s.apply(Action::SetAccel(Some(f64::NAN))).accel, None);
        assert_eq!(s.apply(Action::SetFloor(-3.0)).floor, 0.0);
        assert_eq!(s.apply(Action::SetSat(0.0)).sat, 1.0);
        assert_eq!(s.apply(Action::SetRel(99.0)).rel, 95.0);
        assert_eq!(s.apply(Action::SetMc(1_000_000)).mc, MC_MAX);
        assert_eq!(
            s.apply(Action::SetCap(Cap::Hours(-1.0))).cap,
            Cap::Hours(CAP_LIMITS.0)
        );
        assert_eq!(s.apply(Action::SetUntil(Day::MAX)).until, UNTIL_LIMITS.1);
        // The limits are the dates their documentation names.
        assert_eq!(UNTIL_LIMITS.0.to_string(), "2020-01-01");
        assert_eq!(UNTIL_LIMITS.1.to_string(), "2100-12-31");
        assert_eq!(
            s.apply(Action::SetGoal(Some(0.0))).goal,
            Some(GOAL_LIMITS.0)
        );
    }

    #[test]
    fn loading_a_state_replaces_every_setting_and_clamps_it() {
        let wild = State {
            mc: 1_000_000,
            sat: 500.0,
            doubling: Some(0.0),
            drop: vec!["x".into()],
            ..State::default()
        };
        let s = State::default()
            .apply(Action::SetDoubling(90.0))
            .apply(Action::Load(Box::new(wild)));
        assert_eq!(s.mc, MC_MAX);
        assert_eq!(s.sat, 100.0);
        assert_eq!(s.doubling, Some(1.0));
        assert_eq!(s.drop, ["x"]);
        let plain = State {
            units: Units::Calendar,
            goal: Some(12.0),
            ..State::default()
        };
        assert_eq!(
            State::default().apply(Action::Load(Box::new(plain.clone()))),
            plain
        );
    }

    #[test]
    fn scenarios_are_kept_named_used_and_cleared() {
        let s = State::default()
            .apply(Action::SetDoubling(200.0))
            .apply(Action::SaveScenario(1, "  my\tslow\u{7}  case ".into()))
            .apply(Action::SaveScenario(7, "out of range".into()));
        let b = s.scenarios[1].clone().unwrap();
        assert_eq!(b.name, "my slow case");
        assert_eq!(b.doubling, Some(200.0));
        assert!(s.scenarios[0].is_none() && s.scenarios[2].is_none());
        let s = s.apply(Action::SaveScenario(0, " ".into()));
        assert_eq!(s.scenarios[0].as_ref().unwrap().name, "Scenario A");
        let s = s.apply(Action::RenameScenario(0, "x".repeat(500)));
        assert_eq!(
            s.scenarios[0].as_ref().unwrap().name.chars().count(),
            SCENARIO_NAME_MAX
        );
        // Using a scenario sets its assumptions and keeps everything else.
        let s = s
            .apply(Action::SetDoubling(90.0))
            .apply(Action::SetMc(500))
            .apply(Action::UseScenario(1));
        assert_eq!(s.doubling, Some(200.0));
        assert_eq!(s.mc, 500);
        assert!(s.scenarios[1].is_some());
        // Wild numbers are clamped on the way in.
        let wild = Scenario {
            doubling: Some(-1.0),
            accel: Some(f64::NAN),
            sat: 1e9,
            ..Scenario::examples()[0].clone()
        };
        let s = s.apply(Action::SetScenario(2, Some(wild)));
        let c = s.scenarios[2].clone().unwrap();
        assert_eq!(c.doubling, Some(1.0));
        assert_eq!(c.accel, None);
        assert_eq!(c.sat, 100.0);
        // Switching series keeps the scenarios and the scale.
        let s = s
            .apply(Action::SetScale(Scale::Linear))
            .apply(Action::SelectSeries("other".into()));
        assert!(s.scenarios.iter().all(Option::is_some));
        assert_eq!(s.scale, Scale::Linear);
        assert!(s.apply(Action::SetScenario(0, None)).scenarios[0].is_none());
        let e = State::default().apply(Action::ExampleScenarios);
        assert_eq!(
            e.scenarios.clone().map(|s| s.unwrap().name),
            [
                "Trend continues",
                "Slows to 12-month doubling",
                "Superexponential 15%"
            ]
        );
        // Loading keeps them too.
        assert_eq!(State::default().apply(Action::Load(Box::new(e.clone()))), e);
    }

    #[test]
    fn dropping_twice_restores_the_point() {
        let s = State::default()
            .apply(Action::ToggleDrop("b".into()))
            .apply(Action::ToggleDrop("a".into()));
        assert_eq!(s.drop, ["a", "b"]);
        assert_eq!(s.apply(Action::ToggleDrop("a".into())).drop, ["b"]);
        assert!(s.apply(Action::ClearDrops).drop.is_empty());
    }

    #[test]
    fn the_as_of_date_ends_the_fit_window() {
        let d = |s| Day::parse(s).ok();
        let mut s = State {
            asof: d("2025-01-01"),
            ..State::default()
        };
        let series = Series {
            meta: crate::data::dataset::tests_meta(),
            points: vec![],
        };
        assert_eq!(s.fit_window(&series).to, d("2025-01-01"));
        s.to = d("2024-06-01");
        assert_eq!(s.fit_window(&series).to, d("2024-06-01"));
    }
}
