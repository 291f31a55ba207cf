//! The superexponential model: each successive doubling takes `(1 − a)` of the time of the
//! previous one, never less than a floor.

use crate::model::fit::FitError;

/// Doubling-time dynamics `T(n) = max(T₀·(1−a)ⁿ, f)` after `n` doublings.
///
/// `t0` is the initial doubling time in days, `a < 1` the acceleration (`a < 0` decelerates),
/// `floor` the shortest doubling time in days (`0` = none; a floor above `t0` acts as `t0`).
///
/// ```
/// use trendline_core::model::superexp::SuperExp;
/// let m = SuperExp { t0: 100.0, a: 0.0, floor: 0.0 };
/// assert_eq!(m.doublings(250.0), Some(2.5));          // exponential when a = 0
/// let s = SuperExp { t0: 100.0, a: 0.5, floor: 0.0 };
/// let t_star = s.singularity().unwrap();              // T₀ / ln 2
/// assert!((t_star - 100.0 / std::f64::consts::LN_2).abs() < 1e-9);
/// assert_eq!(s.doublings(t_star + 1.0), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SuperExp {
    /// Initial doubling time (days), > 0.
    pub t0: f64,
    /// Acceleration per doubling, `a < 1`.
    pub a: f64,
    /// Floor on the doubling time (days); `0` = none.
    pub floor: f64,
}

impl SuperExp {
    /// `λ = −ln(1 − a)`.
    fn lambda(&self) -> f64 {
        -(-self.a).ln_1p()
    }

    /// The effective floor: `min(f, T₀)` when `a > 0` and `f > 0`, else none.
    fn effective_floor(&self) -> Option<f64> {
        (self.a > 0.0 && self.floor > 0.0).then(|| self.floor.min(self.t0))
    }

    /// Whether the parameters describe a curve: `T₀ > 0`, `a < 1`, all finite, floor ≥ 0.
    pub fn is_valid(&self) -> bool {
        self.t0.is_finite()
            && self.t0 > 0.0
            && self.a.is_finite()
            && self.a < 1.0
            && self.floor.is_finite()
            && self.floor >= 0.0
    }

    /// Days until the curve reaches infinity, `t* = T₀/λ`, for `a > 0` without a floor.
    pub fn singularity(&self) -> Option<f64> {
        (self.is_valid() && self.a > 0.0 && self.effective_floor().is_none())
            .then(|| self.t0 / self.lambda())
    }

    /// Doublings completed `t` days after the start:
    /// `n(t) = −ln(1 − λt/T₀)/λ` (`t/T₀` when `a = 0`), linear at `1/f` per day once the floor
    /// `f` is reached at `t_f = (T₀ − f)/λ` after `n_f = ln(T₀/f)/λ` doublings. `None` at or past
    /// the singularity, or for invalid parameters.
    pub fn doublings(&self, t: f64) -> Option<f64> {
        if !self.is_valid() || !t.is_finite() {
            return None;
        }
        if self.a == 0.0 {
            return Some(t / self.t0);
        }
        let lam = self.lambda();
        if let Some(f) = self.effective_floor() {
            let t_f = (self.t0 - f) / lam;
            if t >= t_f {
                let n_f = (self.t0 / f).ln() / lam;
                return Some(n_f + (t - t_f) / f);
            }
        }
        let x = lam * t / self.t0;
        if x >= 1.0 {
            return None;
        }
        let n = -(-x).ln_1p() / lam;
        n.is_finite().then_some(n)
    }

    /// Days needed to complete `n ≥ 0` doublings: `t(n) = T₀(1 − e^(−λn))/λ` (`nT₀` when
    /// `a = 0`), `t_f + (n − n_f)·f` past the floor. `None` when never (past the singularity's
    /// limit `n → ∞`) or for invalid input.
    pub fn time_for(&self, n: f64) -> Option<f64> {
        if !self.is_valid() || !n.is_finite() {
            return None;
        }
        if self.a == 0.0 {
            return Some(n * self.t0);
        }
        let lam = self.lambda();
        if let Some(f) = self.effective_floor() {
            let n_f = (self.t0 / f).ln() / lam;
            if n >= n_f {
                return Some((self.t0 - f) / lam + (n - n_f) * f);
            }
        }
        let t = -self.t0 * (-lam * n).exp_m1() / lam;
        t.is_finite().then_some(t)
    }

    /// The doubling time after `t` days: `max(T₀·(1−a)^n(t), f)`.
    pub fn doubling_time_at(&self, t: f64) -> Option<f64> {
        let n = self.doublings(t)?;
        let d = self.t0 * (1.0 - self.a).powf(n);
        Some(self.effective_floor().map_or(d, |f| d.max(f)))
    }
}

/// A fitted superexponential curve `y(x) = y₀ + n(x − x_ref; T₀, a)` (no floor), in `log2`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SuperExpFit {
    /// `log2` value at `x_ref`.
    pub y0: f64,
    /// Reference day number: the first fitted date.
    pub x_ref: f64,
    /// Fitted dynamics (floor 0).
    pub model: SuperExp,
    /// Sum of squared residuals.
    pub sse: f64,
    /// Number of points.
    pub n: usize,
}

impl SuperExpFit {
    /// `y(x)`, or `None` past the singularity.
    pub fn at(&self, x: f64) -> Option<f64> {
        self.model.doublings(x - self.x_ref).map(|n| self.y0 + n)
    }
}

/// Search bounds for the fit.
const A_RANGE: (f64, f64) = (-0.9, 0.95);
const T0_RANGE: (f64, f64) = (1.0, 36_525.0);

fn profile_sse(xs: &[f64], ys: &[f64], x_ref: f64, t0: f64, a: f64) -> Option<(f64, f64)> {
    let m = SuperExp { t0, a, floor: 0.0 };
    let mut ns = Vec::with_capacity(xs.len());
    for &x in xs {
        ns.push(m.doublings(x - x_ref)?);
    }
    let y0 = ys.iter().zip(&ns).map(|(y, n)| y - n).sum::<f64>() / xs.len() as f64;
    let sse = ys.iter().zip(&ns).map(|(y, n)| (y - y0 - n).powi(2)).sum();
    Some((sse, y0))
}

/// Solves the 3×3 system `m·x = b` by Gaussian elimination with partial pivoting.
fn solve3(mut m: [[f64; 3]; 3], mut b: [f64; 3]) -> Option<[f64; 3]> {
    for c in 0..3 {
        let p = (c..3).max_by(|&i, &j| m[i][c].abs().total_cmp(&m[j][c].abs()))?;
        if m[p][c].abs() < 1e-300 {
            return None;
        }
        m.swap(c, p);
        b.swap(c, p);
        for r in c + 1..3 {
            let f = m[r][c] / m[c][c];
            let pivot = m[c];
            for (dst, src) in m[r].iter_mut().zip(pivot).skip(c) {
                *dst -= f * src;
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = [0.0; 3];
    for r in (0..3).rev() {
        let s: f64 = (r + 1..3).map(|k| m[r][k] * x[k]).sum();
        x[r] = (b[r] - s) / m[r][r];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// Residuals `yᵢ − y₀ − n(tᵢ; e^u, a)` for parameters `(y₀, u = ln T₀, a)`.
fn residuals(xs: &[f64], ys: &[f64], x_ref: f64, p: [f64; 3]) -> Option<Vec<f64>> {
    let m = SuperExp {
        t0: p[1].exp(),
        a: p[2],
        floor: 0.0,
    };
    xs.iter()
        .zip(ys)
        .map(|(&x, &y)| m.doublings(x - x_ref).map(|n| y - p[0] - n))
        .collect()
}

/// Levenberg–Marquardt on `(y₀, ln T₀, a)` from `start`, with a central-difference Jacobian,
/// keeping `a` and `T₀` inside their bounds. Returns the parameters and their SSE.
fn levenberg_marquardt(xs: &[f64], ys: &[f64], x_ref: f64, start: [f64; 3]) -> ([f64; 3], f64) {
    let sse = |p: [f64; 3]| {
        residuals(xs, ys, x_ref, p).map_or(f64::INFINITY, |r| r.iter().map(|v| v * v).sum())
    };
    let clamp = |p: [f64; 3]| {
        [
            p[0],
            p[1].clamp(T0_RANGE.0.ln(), T0_RANGE.1.ln()),
            p[2].clamp(A_RANGE.0, A_RANGE.1),
        ]
    };
    let mut p = start;
    let mut cur = sse(p);
    let mut mu = 1e-3;
    for _ in 0..500 {
        let Some(r) = residuals(xs, ys, x_ref, p) else {
            break;
        };
        // Jacobian of the model f = y₀ + n(t) (residual r = y − f), by central differences.
        let mut jac = vec![[0.0; 3]; xs.len()];
        let mut ok = true;
        for k in 0..3 {
            let h = 1e-6 * p[k].abs().max(1e-3);
            let (mut up, mut dn) = (p, p);
            up[k] += h;
            dn[k] -= h;
            let (Some(ru), Some(rd)) = (residuals(xs, ys, x_ref, up), residuals(xs, ys, x_ref, dn))
            else {
                ok = false;
                break;
            };
            for i in 0..xs.len() {
                jac[i][k] = -(ru[i] - rd[i]) / (2.0 * h);
            }
        }
        if !ok {
            break;
        }
        let mut jtj = [[0.0; 3]; 3];
        let mut jtr = [0.0; 3];
        for i in 0..xs.len() {
            for a in 0..3 {
                jtr[a] += jac[i][a] * r[i];
                for b in 0..3 {
                    jtj[a][b] += jac[i][a] * jac[i][b];
                }
            }
        }
        let mut improved = false;
        for _ in 0..40 {
            let mut m = jtj;
            for (d, row) in m.iter_mut().enumerate() {
                row[d] += mu * jtj[d][d].max(1e-12);
            }
            let Some(step) = solve3(m, jtr) else {
                mu *= 10.0;
                continue;
            };
            let cand = clamp([p[0] + step[0], p[1] + step[1], p[2] + step[2]]);
            let v = sse(cand);
            if v < cur {
                let done = (cur - v) <= 1e-14 * cur.max(1e-300);
                p = cand;
                cur = v;
                mu = (mu / 3.0).max(1e-15);
                improved = true;
                if done {
                    return (p, cur);
                }
                break;
            }
            mu *= 4.0;
        }
        if !improved {
            break;
        }
    }
    (p, cur)
}

/// Fits `y = y₀ + n(x − x_first; T₀, a)` by least squares over `T₀ ∈ [1, 36525]` days and
/// `a ∈ [−0.9, 0.95]`, keeping every point before the singularity.
///
/// For fixed `(T₀, a)` the best `y₀` is `mean(yᵢ − n(tᵢ))` (profiled out); a grid over `a` (steps
/// of 0.025) and `ln T₀` (40 steps) finds the basin, and Levenberg–Marquardt on `(y₀, ln T₀, a)`
/// refines it.
pub fn fit_superexp(xs: &[f64], ys: &[f64]) -> Result<SuperExpFit, FitError> {
    let n = xs.len().min(ys.len());
    if n < 3 {
        return Err(FitError::TooFewPoints { n });
    }
    if xs.iter().chain(ys).any(|v| !v.is_finite()) {
        return Err(FitError::NonFinite);
    }
    let x_ref = xs[..n].iter().copied().fold(f64::INFINITY, f64::min);
    let x_max = xs[..n].iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if x_max <= x_ref {
        return Err(FitError::SingleDate);
    }
    let (xs, ys) = (&xs[..n], &ys[..n]);
    let sse =
        |lt: f64, a: f64| profile_sse(xs, ys, x_ref, lt.exp(), a).map_or(f64::INFINITY, |r| r.0);
    let (lt_lo, lt_hi) = (T0_RANGE.0.ln(), T0_RANGE.1.ln());
    let mut best = (f64::INFINITY, 0.0, lt_lo);
    let steps_t = 40;
    let mut a = A_RANGE.0;
    while a <= A_RANGE.1 + 1e-12 {
        for k in 0..=steps_t {
            let lt = lt_lo + (lt_hi - lt_lo) * f64::from(k) / f64::from(steps_t);
            let v = sse(lt, a);
            if v < best.0 {
                best = (v, a, lt);
            }
        }
        a += 0.025;
    }
    if !best.0.is_finite() {
        return Err(FitError::NonFinite);
    }
    let y0_start = profile_sse(xs, ys, x_ref, best.2.exp(), best.1).map_or(0.0, |r| r.1);
    let (p, _) = levenberg_marquardt(xs, ys, x_ref, [y0_start, best.2, best.1]);
    let (a, lt) = (p[2], p[1]);
    let t0 = lt.exp();
    let (sse_v, y0) = profile_sse(xs, ys, x_ref, t0, a).ok_or(FitError::NonFinite)?;
    Ok(SuperExpFit {
        y0,
        x_ref,
        model: SuperExp { t0, a, floor: 0.0 },
        sse: sse_v,
        n,
    })
}

/// Small-sample Akaike criterion for least squares with `k` parameters (σ included):
/// `AICc = N ln(SSE/N) + 2k + 2k(k+1)/(N − k − 1)`; `None` when `N − k − 1 ≤ 0` or `SSE ≤ 0`.
///
/// ```
/// use trendline_core::model::superexp::aicc;
/// let v = aicc(1.0, 10, 3).unwrap();
/// assert!((v - (10.0 * (0.1f64).ln() + 6.0 + 24.0 / 6.0)).abs() < 1e-12);
/// ```
pub fn aicc(sse: f64, n: usize, k: usize) -> Option<f64> {
    if n <= k + 1 || sse <= 0.0 || !sse.is_finite() {
        return None;
    }
    let (nf, kf) = (n as f64, k as f64);
    Some(nf * (sse / nf).ln() + 2.0 * kf + 2.0 * kf * (kf + 1.0) / (nf - kf - 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doublings_and_time_for_are_inverse() {
        for m in [
            SuperExp {
                t0: 150.0,
                a: 0.1,
                floor: 0.0,
            },
            SuperExp {
                t0: 150.0,
                a: 0.1,
                floor: 30.0,
            },
            SuperExp {
                t0: 120.0,
                a: -0.1,
                floor: 0.0,
            },
            SuperExp {
                t0: 90.0,
                a: 0.0,
                floor: 0.0,
            },
        ] {
            for n in [0.0, 0.5, 1.0, 3.0, 7.0] {
                let t = m.time_for(n).unwrap();
                assert!((m.doublings(t).unwrap() - n).abs() < 1e-9, "{m:?} n={n}");
            }
        }
    }

    /// With a floor, the doubling time never drops below it and the curve grows linearly in
    /// log2 past `t_f`.
    #[test]
    fn the_floor_caps_acceleration() {
        let m = SuperExp {
            t0: 150.0,
            a: 0.1,
            floor: 30.0,
        };
        assert!(m.singularity().is_none());
        let t_f = (150.0 - 30.0) / -(0.9f64).ln();
        assert!((m.doubling_time_at(t_f + 10.0).unwrap() - 30.0).abs() < 1e-9);
        let d = m.doublings(t_f + 300.0).unwrap() - m.doublings(t_f).unwrap();
        assert!((d - 10.0).abs() < 1e-9);
        assert!(m.doublings(1e6).unwrap().is_finite());
    }

    #[test]
    fn without_a_floor_positive_acceleration_blows_up_at_a_finite_time() {
        let m = SuperExp {
            t0: 150.0,
            a: 0.1,
            floor: 0.0,
        };
        let ts = m.singularity().unwrap();
        assert!((ts - 150.0 / -(0.9f64).ln()).abs() < 1e-9);
        assert!(m.doublings(ts * 0.999).unwrap() > 30.0);
        assert_eq!(m.doublings(ts), None);
        assert!(m.time_for(1e6).unwrap() <= ts);
    }

    #[test]
    fn fits_a_known_superexponential_curve() {
        let truth = SuperExp {
            t0: 200.0,
            a: 0.15,
            floor: 0.0,
        };
        let xs: Vec<f64> = (0..15).map(|i| f64::from(i) * 60.0).collect();
        let ys: Vec<f64> = xs
            .iter()
            .map(|&x| 3.0 + truth.doublings(x).unwrap())
            .collect();
        let f = fit_superexp(&xs, &ys).unwrap();
        assert!((f.model.a - 0.15).abs() < 1e-5, "{f:?}");
        assert!((f.model.t0 / 200.0 - 1.0).abs() < 1e-5, "{f:?}");
        assert!((f.y0 - 3.0).abs() < 1e-6);
    }

    #[test]
    fn on_exponential_data_the_fit_finds_no_acceleration() {
        let xs: Vec<f64> = (0..12).map(|i| f64::from(i) * 50.0).collect();
        let ys: Vec<f64> = xs.iter().map(|&x| 1.0 + x / 120.0).collect();
        let f = fit_superexp(&xs, &ys).unwrap();
        assert!(f.model.a.abs() < 1e-5, "{f:?}");
        assert!((f.model.t0 - 120.0).abs() < 1e-3);
    }

    #[test]
    fn invalid_parameters_give_none() {
        assert_eq!(
            SuperExp {
                t0: 0.0,
                a: 0.1,
                floor: 0.0
            }
            .doublings(1.0),
            None
        );
        assert_eq!(
            SuperExp {
                t0: 10.0,
                a: 1.0,
                floor: 0.0
            }
            .doublings(1.0),
            None
        );
        assert_eq!(
            SuperExp {
                t0: 10.0,
                a: f64::NAN,
                floor: 0.0
            }
            .time_for(1.0),
            None
        );
        assert!(fit_superexp(&[1.0, 2.0], &[1.0, 2.0]).is_err());
    }
}
