//! Fit families and the value ↔ fit-space transforms they use.

use crate::data::units::Unit;

/// Which kind of trend is fitted and projected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// `log2(value)` linear in time: a constant doubling time.
    Exponential,
    /// Each doubling takes `(1 − a)` of the previous one (see [`crate::model::superexp`]).
    Superexponential,
    /// `log2` odds of `value / saturation` linear in time: a constant odds-doubling time.
    Logistic,
    /// The value itself linear in time: a constant rate in index points per year.
    Linear,
}

impl Family {
    /// URL token.
    pub fn token(self) -> &'static str {
        match self {
            Family::Exponential => "exp",
            Family::Superexponential => "superexp",
            Family::Logistic => "logistic",
            Family::Linear => "linear",
        }
    }

    /// Parses a URL token.
    pub fn from_token(s: &str) -> Option<Family> {
        [
            Family::Exponential,
            Family::Superexponential,
            Family::Logistic,
            Family::Linear,
        ]
        .into_iter()
        .find(|f| f.token() == s)
    }

    /// Human name.
    pub fn label(self) -> &'static str {
        match self {
            Family::Exponential => "exponential",
            Family::Superexponential => "superexponential",
            Family::Logistic => "logistic",
            Family::Linear => "linear",
        }
    }

    /// The default for a unit: exponential for horizons and multipliers, logistic for
    /// percentages, linear for indices.
    pub fn default_for(unit: Unit) -> Family {
        match unit {
            Unit::Minutes | Unit::Multiplier => Family::Exponential,
            Unit::Percent => Family::Logistic,
            Unit::Index => Family::Linear,
        }
    }

    /// Whether the family applies to a unit: horizons take exponential or superexponential,
    /// multipliers exponential, bounded percentages logistic, indices linear.
    pub fn applies_to(self, unit: Unit) -> bool {
        matches!(
            (self, unit),
            (
                Family::Exponential | Family::Superexponential,
                Unit::Minutes
            ) | (Family::Exponential, Unit::Multiplier)
                | (Family::Logistic, Unit::Percent)
                | (Family::Linear, Unit::Index)
        )
    }
}

/// Clamp applied to `value / saturation` before taking logits: `p ∈ [ε, 1 − ε]`.
pub const LOGIT_EPSILON: f64 = 0.001;

/// How values map to the space where trends are straight lines.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Transform {
    /// `y = log2(v)`.
    Log2,
    /// `y = log2(p / (1 − p))` with `p = clamp(v / sat, ε, 1 − ε)`, `sat` in the value's unit.
    LogOdds {
        /// Saturation level (e.g. 100 for percent).
        sat: f64,
    },
    /// `y = v / step`: an index counted in steps of `step` points, so that one unit of `y`
    /// (the "doubling" of the other transforms) is one step of the index.
    Linear {
        /// Index points per unit of `y` (> 0).
        step: f64,
    },
}

impl Transform {
    /// The fit-space transform of a series under saturation `sat` (percent series): `log2`
    /// for task lengths and multipliers, log-odds for scores, `v / index_step` for indices
    /// (step 1 when the manifest gives none).
    pub fn for_meta(meta: &crate::data::dataset::SeriesMeta, sat: f64) -> Transform {
        match meta.unit {
            Unit::Minutes | Unit::Multiplier => Transform::Log2,
            Unit::Percent => Transform::LogOdds { sat },
            Unit::Index => Transform::Linear {
                step: meta.index_step.unwrap_or(1.0),
            },
        }
    }

    /// `y` for a value; `None` when undefined (log of a non-positive value, or a bad `sat`).
    ///
    /// ```
    /// use trendline_core::model::family::Transform;
    /// assert_eq!(Transform::Log2.to_y(8.0), Some(3.0));
    /// assert_eq!(Transform::LogOdds { sat: 100.0 }.to_y(50.0), Some(0.0));
    /// let z0 = Transform::LogOdds { sat: 100.0 }.to_y(0.0).unwrap();   // clamped at ε = 0.001
    /// assert!((z0 - (0.001f64 / 0.999).log2()).abs() < 1e-12);
    /// ```
    pub fn to_y(self, v: f64) -> Option<f64> {
        let y = match self {
            Transform::Log2 if v > 0.0 => v.log2(),
            Transform::Log2 => return None,
            Transform::LogOdds { sat } if sat > 0.0 && sat.is_finite() => {
                let p = (v / sat).clamp(LOGIT_EPSILON, 1.0 - LOGIT_EPSILON);
                (p / (1.0 - p)).log2()
            }
            Transform::LogOdds { .. } => return None,
            Transform::Linear { step } if step > 0.0 && step.is_finite() => v / step,
            Transform::Linear { .. } => return None,
        };
        y.is_finite().then_some(y)
    }

    /// The value for `y`: `2^y`, or `sat / (1 + 2^(−y))` (never reaching `sat`).
    pub fn to_value(self, y: f64) -> f64 {
        match self {
            Transform::Log2 => y.exp2(),
            Transform::LogOdds { sat } => sat / (1.0 + (-y).exp2()),
            Transform::Linear { step } => y * step,
        }
    }

    /// The unit of the fit space `y`, for labels of errors and band widths: `"log₂"` for
    /// `y = log2(v)` (one unit is a doubling), `"log₂ odds"` for `y = log2(p / (1 − p))`, and
    /// for an index `y = v / step`, `"index points"` when `step = 1`, else
    /// `"steps of {step} index points"`.
    ///
    /// ```
    /// use trendline_core::model::family::Transform;
    /// assert_eq!(Transform::Log2.space_label(), "log₂");
    /// assert_eq!(Transform::LogOdds { sat: 100.0 }.space_label(), "log₂ odds");
    /// assert_eq!(Transform::Linear { step: 1.0 }.space_label(), "index points");
    /// assert_eq!(Transform::Linear { step: 100.0 }.space_label(), "steps of 100 index points");
    /// ```
    pub fn space_label(self) -> String {
        match self {
            Transform::Log2 => "log₂".into(),
            Transform::LogOdds { .. } => "log₂ odds".into(),
            Transform::Linear { step: 1.0 } => "index points".into(),
            Transform::Linear { step } => format!("steps of {step} index points"),
        }
    }

    /// `y` of a milestone target, `None` when the curve can never reach it (a logistic target at
    /// or above saturation).
    pub fn target_y(self, v: f64) -> Option<f64> {
        match self {
            Transform::LogOdds { sat } if v >= sat => None,
            Transform::LogOdds { sat } if v <= 0.0 || sat <= 0.0 => None,
            Transform::LogOdds { sat } => {
                let p = v / sat;
                let y = (p / (1.0 - p)).log2();
                y.is_finite().then_some(y)
            }
            Transform::Log2 | Transform::Linear { .. } => self.to_y(v),
        }
    }
}
