//! The chance of reaching a value by a date, from the simulated trends of the selected band.
//!
//! Each simulated trend `i` starts at `y_A + shiftᵢ` on the anchor date `x_A`, runs back along
//! its own slope `bᵢ` before it and grows by `Δyᵢ(t) = g_{kᵢ}(t)` after it, where `g` is the
//! projection's growth (the reader's doubling time and acceleration) made `kᵢ = bᵢ/b` times as
//! fast. Trend `i` first reaches a level `y*` at
//!
//! `xᵢ(y*) = x_A + (y* − y_A − shiftᵢ)/bᵢ` when `y* ≤ y_A + shiftᵢ` (`x_A` if `bᵢ ≤ 0`),
//! `xᵢ(y*) = x_A + t_{kᵢ}(y* − y_A − shiftᵢ)` otherwise (`+∞` when never),
//!
//! and the chance of reaching it by the end of day `D` is the share of trends with
//! `xᵢ < D + 1`: `P(D) = #{i : xᵢ < D + 1} / N`. The same crossings give the milestone
//! percentiles, so `P` at a milestone's q-th percentile date is `q` up to one day's worth of
//! draws.

use crate::data::date::Day;
use crate::forecast::growth::Growth;
use crate::forecast::montecarlo::quantiles;
use crate::model::family::Transform;

/// Monte Carlo summary of a milestone's crossing date.
#[derive(Clone, Debug, PartialEq)]
pub struct McCrossing {
    /// 10th percentile date (`None` when after the end date).
    pub p10: Option<Day>,
    /// Median date.
    pub p50: Option<Day>,
    /// 90th percentile date.
    pub p90: Option<Day>,
    /// Share of draws that do not reach it by the end date.
    pub never_share: f64,
}

impl McCrossing {
    /// Nothing reaches it.
    pub const NEVER: McCrossing = McCrossing {
        p10: None,
        p50: None,
        p90: None,
        never_share: 1.0,
    };

    /// Percentiles of the crossing days `xs` counted as never after `until` (quantiles of type
    /// 7 over every draw, `+∞` for never).
    pub fn of(xs: &[f64], until: f64) -> McCrossing {
        if xs.is_empty() {
            return McCrossing::NEVER;
        }
        let mut c: Vec<f64> = xs
            .iter()
            .map(|&x| {
                if x > until || x.is_nan() {
                    f64::INFINITY
                } else {
                    x
                }
            })
            .collect();
        let never = c.iter().filter(|x| x.is_infinite()).count() as f64 / c.len() as f64;
        let [p10, p50, p90] = quantiles(&mut c, &[0.1, 0.5, 0.9]).map(|q| q.and_then(Day::from_x));
        McCrossing {
            p10,
            p50,
            p90,
            never_share: never,
        }
    }
}

/// The simulated trends of one band under the reader's assumptions.
#[derive(Clone, Debug, PartialEq)]
pub struct Trends {
    /// Anchor day number `x_A`.
    pub anchor_x: f64,
    /// `y_A + shiftᵢ`: each trend's level at the anchor.
    pub base: Vec<f64>,
    /// `bᵢ`: each trend's slope before the anchor (per day).
    pub slope: Vec<f64>,
    /// Each trend's growth after the anchor.
    pub growth: Vec<Growth>,
    /// Values ↔ fit space.
    pub transform: Transform,
}

impl Trends {
    /// The trends `(y_A + shiftᵢ, bᵢ, g scaled by bᵢ/b)` for the draws `shift`, `slope` (as many
    /// as the shorter has) of a fit with slope `b > 0`.
    pub fn new(
        anchor: (f64, f64),
        shift: &[f64],
        slope: &[f64],
        b: f64,
        g: Growth,
        transform: Transform,
    ) -> Trends {
        let n = shift.len().min(slope.len());
        Trends {
            anchor_x: anchor.0,
            base: shift[..n].iter().map(|s| anchor.1 + s).collect(),
            slope: slope[..n].to_vec(),
            growth: slope[..n].iter().map(|k| g.scaled(k / b)).collect(),
            transform,
        }
    }

    /// Number of trends.
    pub fn len(&self) -> usize {
        self.base.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.base.is_empty()
    }

    /// Trend `i`'s `y` at day `x` (`+∞` past a singularity).
    pub fn y(&self, i: usize, x: f64) -> f64 {
        let t = x - self.anchor_x;
        if t <= 0.0 {
            self.base[i] + self.slope[i] * t
        } else {
            self.growth[i]
                .dy(t)
                .map_or(f64::INFINITY, |dy| self.base[i] + dy)
        }
    }

    /// The day trend `i` first reaches `y*` (see the module's formula; `+∞` when never).
    pub fn crossing_x(&self, i: usize, ty: f64) -> f64 {
        let base = self.base[i];
        if ty <= base {
            if self.slope[i] > 0.0 {
                self.anchor_x + (ty - base) / self.slope[i]
            } else {
                self.anchor_x
            }
        } else {
            self.growth[i]
                .t_for(ty - base)
                .map_or(f64::INFINITY, |t| self.anchor_x + t)
        }
    }

    /// Every trend's crossing day of the value `target` (in the series' unit), sorted
    /// ascending; `None` when the value has no level in fit space (e.g. at or above a logistic
    /// saturation, or not positive).
    pub fn crossings(&self, target: f64) -> Option<Vec<f64>> {
        let ty = self.transform.target_y(target)?;
        let mut xs: Vec<f64> = (0..self.len()).map(|i| self.crossing_x(i, ty)).collect();
        crate::data::order::sort_f64(&mut xs);
        Some(xs)
    }

    /// `P(value ≥ target by the end of day by)`: the share of trends whose crossing day
    /// `xᵢ < by + 1`. `Some(0)` for a value no trend can reach; `None` without trends.
    pub fn chance_by(&self, target: f64, by: Day) -> Option<f64> {
        if self.is_empty() {
            return None;
        }
        Some(
            self.crossings(target)
                .map_or(0.0, |xs| share_by(&xs, by.x())),
        )
    }
}

/// The share of the sorted crossing days `xs` before the end of day `d` (`x < d + 1`); 0 for
/// none.
pub fn share_by(xs: &[f64], d: f64) -> f64 {
    if xs.is_empty() {
        return 0.0;
    }
    xs.partition_point(|&x| x < d + 1.0) as f64 / xs.len() as f64
}

/// A cumulative chance curve per milestone on one time grid.
#[derive(Clone, Debug, PartialEq)]
pub struct ChanceCurves {
    /// Day numbers, from the anchor to the later of the end date and `by`.
    pub xs: Vec<f64>,
    /// `curves[m][j]`: chance of milestone `m` by `xs[j]` ([`share_by`]).
    pub curves: Vec<Vec<f64>>,
    /// The date the readouts use.
    pub by: Day,
}

/// Points on the chance curves' grid.
pub const CHANCE_STEPS: usize = 60;

impl ChanceCurves {
    /// Curves of the sorted crossing days of each milestone (`None` = never reached) on
    /// [`CHANCE_STEPS`] + 1 days from `from` to `to`.
    pub fn compute(crossings: &[Option<Vec<f64>>], from: f64, to: f64, by: Day) -> ChanceCurves {
        let to = to.max(from + 1.0);
        let xs: Vec<f64> = (0..=CHANCE_STEPS)
            .map(|j| (from + (to - from) * j as f64 / CHANCE_STEPS as f64).floor())
            .collect();
        let curves = crossings
            .iter()
            .map(|c| {
                xs.iter()
                    .map(|&x| c.as_ref().map_or(0.0, |c| share_by(c, x)))
                    .collect()
            })
            .collect();
        ChanceCurves { xs, curves, by }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trends() -> Trends {
        // Three trends from level 0 at day 100 with slopes 1/10, 1/20 and 0 per day.
        Trends::new(
            (100.0, 0.0),
            &[0.0, 0.0, 0.0],
            &[0.1, 0.05, 0.0],
            0.1,
            Growth::Linear { slope: 0.1 },
            Transform::Log2,
        )
    }

    /// Value 2^3 is 3 doublings up: days 130, 160 and never.
    #[test]
    fn crossings_follow_the_closed_form() {
        let t = trends();
        assert_eq!(t.crossings(8.0).unwrap(), vec![130.0, 160.0, f64::INFINITY]);
        assert_eq!(t.chance_by(8.0, Day::from_number(129)), Some(0.0));
        assert_eq!(t.chance_by(8.0, Day::from_number(130)), Some(1.0 / 3.0));
        assert_eq!(t.chance_by(8.0, Day::from_number(5000)), Some(2.0 / 3.0));
        // At or below the anchor level: reached by the anchor.
        assert_eq!(t.chance_by(1.0, Day::from_number(100)), Some(1.0));
        assert_eq!(t.chance_by(-1.0, Day::from_number(100)), Some(0.0));
    }

    #[test]
    fn summary_counts_never_after_the_end() {
        let m = McCrossing::of(&[130.0, 140.0, 160.0, f64::INFINITY], 150.0);
        assert_eq!(m.never_share, 0.5);
        // Type 7: h = 3 × 0.1 = 0.3 between 130 and 140.
        assert_eq!(m.p10, Some(Day::from_number(133)));
        assert_eq!(m.p50, None);
    }
}
