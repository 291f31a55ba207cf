//! The calibrated band: the fit's own uncertainty, re-scaled and re-centred by how the trend's
//! own earlier forecasts missed, plus the chance that its rate changes.
//!
//! The fit-only band holds the bootstrap spread of the line and the residual noise. Past
//! forecasts of these trends missed by more than that, and mostly on one side (the rate itself
//! changed), so the calibrated band takes three corrections, each estimated only from the points
//! given (at a backtest origin: those dated before it) by [`calibrate`]:
//!
//! - `μ`, the mean one-step hindcast error (how far the trend's next point usually lands from
//!   its fit), shrunk towards 0;
//! - `c`, the factor by which one-step errors exceed the spread the fit expects, shrunk towards 1;
//! - `ρ`, the relative change in rate that the remaining errors at longer leads imply, shrunk
//!   towards [`PRIOR_RHO`].
//!
//! With the fit's line `L` (slope `b`), its draws `(shiftᵢ, bᵢ)` (level at the anchor relative
//! to `L`, noise included; slope) and `zᵢ ~ N(0, 1)` from a fixed seed, draw `i` of the
//! calibrated band is
//!
//! `shiftᵢ' = μ + c·shiftᵢ`, `bᵢ' = b + c·(bᵢ − b) + ρ·b·zᵢ`,
//! `yᵢ(x) = L(x_A) + shiftᵢ' + bᵢ'·(x − x_A)`,
//!
//! so its spread grows with the lead time `x − x_A` past the anchor.

use crate::model::fit::ols;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg32;

/// Fewest points an inner fit of [`calibrate`] uses (the backtest's own minimum).
pub const MIN_TRAIN: usize = 4;
/// The prior relative rate change `ρ₀`.
pub const PRIOR_RHO: f64 = 0.3;
/// The prior scale `c₀` of the fit-only spread.
pub const PRIOR_SCALE: f64 = 1.2;
/// Weight of each prior, in hindcast pairs (`P₀`).
pub const PRIOR_PAIRS: f64 = 3.0;
/// Seed of the `zᵢ` (the bootstrap's seed with its last byte changed), so the fit-only band's
/// draws stay exactly as they were.
pub const SEED: u64 = 0x7472_656e_646c_6963; // "trendlic"

/// The three corrections of the calibrated band and what they rest on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Calibration {
    /// `μ`: level shift, fit space.
    pub bias: f64,
    /// `c`: factor on the fit-only spread.
    pub scale: f64,
    /// `ρ`: relative rate change (standard deviation of the rate factor).
    pub rho: f64,
    /// One-step hindcast pairs behind `μ` and `c`.
    pub one_step: usize,
    /// All hindcast pairs behind `ρ`.
    pub pairs: usize,
}

impl Default for Calibration {
    /// The priors alone: `μ = 0`, `c = c₀`, `ρ = ρ₀`.
    fn default() -> Self {
        Calibration {
            bias: 0.0,
            scale: PRIOR_SCALE,
            rho: PRIOR_RHO,
            one_step: 0,
            pairs: 0,
        }
    }
}

/// The calibration of the trend in `(xs, ys)` (fit space), from its own hindcasts.
///
/// Sort the points by date. For every distinct date `o` with at least [`MIN_TRAIN`] points dated
/// before it, fit OLS on those points (slope `b_o`, residual SD `s_o`, `n_o` points, mean date
/// `x̄_o`, `Sxx_o`, last date `x_Ao`) and, for every distinct point `j` (date and value) dated on
/// or after `o`, take the error, the variance the fit alone expects and the doublings it
/// predicts past its last point (a copy of a point, same date and value, would repeat its pair
/// and is paired once; the hindcast fits use every point given, and the pipeline gives no copies,
/// see [`FitWindow::select`](crate::model::fit::FitWindow::select)):
///
/// `e_j = y_j − ŷ_o(x_j)`, `v_j = s_o²·(1 + 1/n_o + (x_j − x̄_o)²/Sxx_o)`, `u_j = b_o·(x_j − x_Ao)`.
///
/// The pairs on date `o` itself are one-step; over the `P₁` of them and all `P` pairs, with
/// prior weight `P₀` = [`PRIOR_PAIRS`]:
///
/// - `μ = Σ₁ e_j / (P₁ + P₀)`;
/// - `ĉ² = Σ₁ (e_j − μ)² / Σ₁ v_j`, `c² = (P₁ĉ² + P₀c₀²) / (P₁ + P₀)`;
/// - `ρ̂² = max(0, Σ (e_j − μ)² − c²v_j) / Σ u_j²`, `ρ² = (Pρ̂² + P₀ρ₀²) / (P + P₀)`.
///
/// Without pairs the priors stand (`μ = 0`, `c = c₀`, `ρ = ρ₀`).
///
/// ```
/// use trendline_core::forecast::calibration::{calibrate, Calibration, PRIOR_RHO};
/// // A perfectly straight trend: no error, so no shift and less rate change than the prior.
/// let xs: Vec<f64> = (0..10).map(|i| f64::from(i) * 100.0).collect();
/// let ys: Vec<f64> = xs.iter().map(|x| x / 200.0).collect();
/// let c = calibrate(&xs, &ys);
/// assert!(c.bias.abs() < 1e-9 && c.rho < PRIOR_RHO && c.one_step == 6);
/// assert_eq!(calibrate(&xs[..4], &ys[..4]), Calibration::default());
/// ```
pub fn calibrate(xs: &[f64], ys: &[f64]) -> Calibration {
    let n = xs.len().min(ys.len());
    let mut pts: Vec<(f64, f64)> = (0..n)
        .map(|i| (xs[i], ys[i]))
        .filter(|p| p.0.is_finite() && p.1.is_finite())
        .collect();
    crate::data::order::sort_by(&mut pts, |a, b| a.0.total_cmp(&b.0));
    // (e, v, u, one-step)
    let mut hc: Vec<(f64, f64, f64, bool)> = Vec::new();
    let mut k = 0;
    while k < pts.len() {
        let o = pts[k].0;
        let before = pts.partition_point(|p| p.0 < o);
        k = pts.partition_point(|p| p.0 <= o);
        if before < MIN_TRAIN {
            continue;
        }
        let (bx, by): (Vec<f64>, Vec<f64>) = pts[..before].iter().copied().unzip();
        let Ok(f) = ols(&bx, &by) else { continue };
        let x_a = bx[before - 1];
        for (i, &(x, y)) in pts.iter().enumerate().skip(before) {
            // A copy (same date and value) of a point already paired repeats its pair.
            if pts[before..i].contains(&(x, y)) {
                continue;
            }
            let v = f.resid_sd.powi(2) * (1.0 + 1.0 / f.n as f64 + (x - f.x_mean).powi(2) / f.sxx);
            hc.push((y - f.at(x), v, f.slope * (x - x_a), x == o));
        }
    }
    let mut cal = Calibration::default();
    let one: Vec<&(f64, f64, f64, bool)> = hc.iter().filter(|h| h.3).collect();
    if one.is_empty() {
        return cal;
    }
    let (p1, p, w) = (one.len() as f64, hc.len() as f64, PRIOR_PAIRS);
    let shrink = |own2: f64, n: f64, prior: f64| ((n * own2 + w * prior * prior) / (n + w)).sqrt();
    let bias = one.iter().map(|h| h.0).sum::<f64>() / (p1 + w);
    let sv: f64 = one.iter().map(|h| h.1).sum();
    let se: f64 = one.iter().map(|h| (h.0 - bias).powi(2)).sum();
    let c2 = if sv > 0.0 { se / sv } else { 0.0 };
    let scale = shrink(c2, p1, PRIOR_SCALE);
    let num: f64 = hc
        .iter()
        .map(|h| (h.0 - bias).powi(2) - scale * scale * h.1)
        .sum();
    let den: f64 = hc.iter().map(|h| h.2 * h.2).sum();
    let r2 = if den > 0.0 && num > 0.0 {
        num / den
    } else {
        0.0
    };
    let rho = shrink(r2, p, PRIOR_RHO);
    if bias.is_finite() && scale.is_finite() && rho.is_finite() {
        cal = Calibration {
            bias,
            scale,
            rho,
            one_step: one.len(),
            pairs: hc.len(),
        };
    }
    cal
}

/// `count` standard normal variates `zᵢ` by Box–Muller from the fixed [`SEED`]: the same
/// `count` always gives the same values.
pub fn rate_normals(count: usize) -> Vec<f64> {
    let mut rng = Pcg32::seed_from_u64(SEED);
    (0..count)
        .map(|_| {
            let u1: f64 = 1.0 - rng.random::<f64>();
            let u2: f64 = rng.random::<f64>();
            (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
        })
        .collect()
}

/// The calibrated draws from the fit-only ones (see the module's formula):
/// `shiftᵢ' = μ + c·shiftᵢ`, `bᵢ' = b + c·(bᵢ − b) + ρ·b·zᵢ`, for the first
/// `min(shift.len(), slope.len())` draws; `b` is the fit's slope.
pub fn calibrated_draws(
    cal: &Calibration,
    b: f64,
    shift: &[f64],
    slope: &[f64],
) -> (Vec<f64>, Vec<f64>) {
    let n = shift.len().min(slope.len());
    let z = rate_normals(n);
    let s = shift[..n]
        .iter()
        .map(|v| cal.bias + cal.scale * v)
        .collect();
    let k = (0..n)
        .map(|i| b + cal.scale * (slope[i] - b) + cal.rho * b * z[i])
        .collect();
    (s, k)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A trend whose rate halves half-way: the later points fall below the early fits, so the
    /// bias is negative and the spread grows beyond its prior.
    #[test]
    fn a_bent_trend_is_calibrated_wider_and_lower() {
        let xs: Vec<f64> = (0..12).map(|i| f64::from(i) * 100.0).collect();
        let ys: Vec<f64> = xs
            .iter()
            .map(|&x| {
                if x <= 600.0 {
                    x / 100.0
                } else {
                    6.0 + (x - 600.0) / 200.0
                }
            })
            .collect();
        let c = calibrate(&xs, &ys);
        assert!(c.bias < -0.1, "{c:?}");
        assert!(c.scale > PRIOR_SCALE, "{c:?}");
        assert_eq!(c.one_step, 8);
        assert_eq!(c.pairs, 8 * 9 / 2);
    }

    /// The corrections do not depend on the units: re-scaling and shifting the values
    /// (`y → k·y + a`, e.g. index points counted in steps of 10, or log2 against log10) scales
    /// `μ` by `k` and leaves `c` and `ρ` as they were, and counting time in years rather than
    /// days changes nothing; so the priors `c₀` and `ρ₀` mean the same on an index as on a
    /// log2 horizon. A copy of a point (same date and value) is paired once.
    #[test]
    fn the_corrections_are_free_of_units_and_copies() {
        let xs: Vec<f64> = (0..14).map(|i| f64::from(i * i) * 7.0 + 3.0).collect();
        let ys: Vec<f64> = xs
            .iter()
            .enumerate()
            .map(|(i, &x)| x / 90.0 + if i % 3 == 0 { 0.4 } else { -0.25 } + (x / 400.0).powi(2))
            .collect();
        let a = calibrate(&xs, &ys);
        assert!(a.pairs > 0 && a.bias != 0.0, "{a:?}");
        let (k, off) = (13.7, -150.0);
        let b = calibrate(&xs, &ys.iter().map(|y| k * y + off).collect::<Vec<_>>());
        let years: Vec<f64> = xs.iter().map(|x| x / 365.2425).collect();
        let c = calibrate(&years, &ys);
        let close = |u: f64, v: f64| (u - v).abs() <= 1e-9 * v.abs().max(1.0);
        assert!(close(b.bias, k * a.bias), "{a:?} {b:?}");
        assert!(
            close(b.scale, a.scale) && close(b.rho, a.rho),
            "{a:?} {b:?}"
        );
        assert!(close(c.bias, a.bias) && close(c.scale, a.scale) && close(c.rho, a.rho));
        assert_eq!((b.one_step, b.pairs), (a.one_step, a.pairs));
        // Three copies of the last point add no pair.
        let (mut xd, mut yd) = (xs.clone(), ys.clone());
        for _ in 0..3 {
            xd.push(xs[13]);
            yd.push(ys[13]);
        }
        let d = calibrate(&xd, &yd);
        assert_eq!((d.one_step, d.pairs), (a.one_step, a.pairs));
        assert!(close(d.bias, a.bias) && close(d.scale, a.scale) && close(d.rho, a.rho));
    }

    #[test]
    fn draws_follow_the_formula() {
        let cal = Calibration {
            bias: 0.5,
            scale: 2.0,
            rho: 0.0,
            one_step: 1,
            pairs: 1,
        };
        let (s, k) = calibrated_draws(&cal, 0.01, &[0.1, -0.2], &[0.012, 0.01]);
        assert!((s[0] - 0.7).abs() < 1e-15 && (s[1] - 0.1).abs() < 1e-15);
        assert!((k[0] - 0.014).abs() < 1e-15 && (k[1] - 0.01).abs() < 1e-15);
        let z = rate_normals(4000);
        assert_eq!(z, rate_normals(4000));
        let mean = z.iter().sum::<f64>() / 4000.0;
        assert!(mean.abs() < 0.05, "{mean}");
    }
}
