//! How a projection grows after its anchor, in fit space.

use crate::model::superexp::SuperExp;

/// How the curve grows after the anchor, in fit space (`y` = log2 value or log2 odds).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Growth {
    /// `Δy = slope · t`.
    Linear {
        /// Per day.
        slope: f64,
    },
    /// `Δy = n(t)` of a superexponential model.
    Super(SuperExp),
}

impl Growth {
    /// `Δy` after `t ≥ 0` days (`None` past a singularity).
    pub fn dy(&self, t: f64) -> Option<f64> {
        match self {
            Growth::Linear { slope } => Some(slope * t),
            Growth::Super(m) => m.doublings(t),
        }
    }

    /// Days until `Δy = dy > 0`, or `None` when never.
    pub fn t_for(&self, dy: f64) -> Option<f64> {
        match self {
            Growth::Linear { slope } if *slope > 0.0 => Some(dy / slope),
            Growth::Linear { .. } => None,
            Growth::Super(m) => m.time_for(dy),
        }
    }

    /// The same growth `ratio` times as fast (slopes times `ratio`, doubling times divided by
    /// it); a non-positive ratio gives the flat or falling line `ratio / T₀`.
    pub fn scaled(&self, ratio: f64) -> Growth {
        match self {
            Growth::Linear { slope } => Growth::Linear {
                slope: slope * ratio,
            },
            Growth::Super(m) if ratio > 0.0 => Growth::Super(SuperExp {
                t0: m.t0 / ratio,
                ..*m
            }),
            Growth::Super(m) => Growth::Linear {
                slope: ratio / m.t0,
            },
        }
    }
}
