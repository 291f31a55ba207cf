//! Deterministic resampling: bootstrap refits, Monte Carlo fans and percentiles.

use crate::model::fit::{ols, LinearFit};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg32;

/// The fixed seed: the same settings always give the same numbers, so shared links reproduce.
pub const SEED: u64 = 0x7472_656e_646c_696e; // "trendlin"

/// Bootstrap refits of a line plus one residual-noise draw each.
///
/// Draw `i` is the line `yᵢ(x) = levelᵢ + slopeᵢ·(x − x_ref)` refitted by OLS on a resample
/// (with replacement) of the points, and `noiseᵢ ~ N(0, s)` with `s` the full fit's residual SD.
#[derive(Clone, Debug, PartialEq)]
pub struct Draws {
    /// Reference day number (the full sample's mean date).
    pub x_ref: f64,
    /// `yᵢ(x_ref)`.
    pub level: Vec<f64>,
    /// Slopes `bᵢ` (per day).
    pub slope: Vec<f64>,
    /// Residual-noise shifts `εᵢ`.
    pub noise: Vec<f64>,
}

impl Draws {
    /// Number of draws.
    pub fn len(&self) -> usize {
        self.slope.len()
    }

    /// Whether there are no draws.
    pub fn is_empty(&self) -> bool {
        self.slope.is_empty()
    }

    /// `yᵢ(x)` without noise.
    pub fn line_at(&self, i: usize, x: f64) -> f64 {
        self.level[i] + self.slope[i] * (x - self.x_ref)
    }
}

/// A standard normal variate by the Box–Muller transform:
/// `z = √(−2 ln u₁) · cos(2π u₂)` with `u₁ ∈ (0, 1]`, `u₂ ∈ [0, 1)`.
fn standard_normal(rng: &mut Pcg32) -> f64 {
    let u1: f64 = 1.0 - rng.random::<f64>();
    let u2: f64 = rng.random::<f64>();
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// `count` bootstrap refits of OLS on `(xs, ys)` with noise `N(0, full.resid_sd)`, from the
/// fixed seed. Resamples with a single distinct date are drawn again (up to 20 times each).
pub fn bootstrap(xs: &[f64], ys: &[f64], full: &LinearFit, count: usize) -> Draws {
    let n = xs.len().min(ys.len());
    let mut rng = Pcg32::seed_from_u64(SEED);
    let mut d = Draws {
        x_ref: full.x_mean,
        level: Vec::with_capacity(count),
        slope: Vec::with_capacity(count),
        noise: Vec::with_capacity(count),
    };
    if n < 2 {
        return d;
    }
    let mut bx = vec![0.0; n];
    let mut by = vec![0.0; n];
    for _ in 0..count {
        let mut fitted = None;
        for _attempt in 0..20 {
            for k in 0..n {
                let j = rng.random_range(0..n);
                bx[k] = xs[j];
                by[k] = ys[j];
            }
            if let Ok(f) = ols(&bx, &by) {
                fitted = Some(f);
                break;
            }
        }
        let noise = standard_normal(&mut rng) * full.resid_sd;
        if let Some(f) = fitted {
            d.level.push(f.at(full.x_mean));
            d.slope.push(f.slope);
            d.noise.push(noise);
        }
    }
    d
}

/// The `q`-quantile (0–1) of `v` by linear interpolation between order statistics (type 7, as
/// numpy's default): position `h = (n − 1)q`, value `v₍⌊h⌋₎ + (h − ⌊h⌋)(v₍⌊h⌋+1₎ − v₍⌊h⌋₎)`.
/// Leaves `v` as it is. `+∞` entries sort last; `None` for an empty slice or NaN.
///
/// ```
/// use trendline_core::forecast::montecarlo::quantile;
/// let mut v = vec![4.0, 1.0, 3.0, 2.0];
/// assert_eq!(quantile(&mut v, 0.5), Some(2.5));
/// assert_eq!(quantile(&mut v, 0.0), Some(1.0));
/// assert_eq!(quantile(&mut v, 1.0), Some(4.0));
/// ```
pub fn quantile(v: &mut [f64], q: f64) -> Option<f64> {
    if v.is_empty() || v.iter().any(|x| x.is_nan()) || !(0.0..=1.0).contains(&q) {
        return None;
    }
    let h = (v.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    // Selected as integers in `total_cmp`'s order, as in `quantiles` (one copy of the
    // selection in the wasm).
    use crate::data::order::{from_total_key, select_nth_key, total_keys};
    let mut keys = total_keys(v);
    select_nth_key(&mut keys, lo);
    let a = from_total_key(keys[lo]);
    let upper = &keys[lo + 1..];
    let frac = h - lo as f64;
    if frac == 0.0 || upper.is_empty() {
        return Some(a);
    }
    let b = upper
        .iter()
        .map(|&k| from_total_key(k))
        .fold(f64::INFINITY, f64::min);
    if a == b {
        return Some(a);
    }
    Some(a + frac * (b - a))
}

/// Several quantiles at once (same definition as [`quantile`]), by nested selection: each
/// selection narrows the slice the next one searches, so five quantiles cost about two passes
/// over the data instead of five. `qs` must be sorted ascending. Leaves `v` as it is (it
/// selects among a copy, as [`crate::data::order::total_key`]s).
///
/// ```
/// use trendline_core::forecast::montecarlo::{quantile, quantiles};
/// let v: Vec<f64> = (0..101).map(|i| ((i * 37) % 101) as f64).collect();
/// let got = quantiles(&mut v.clone(), &[0.025, 0.1, 0.5, 0.9, 0.975]);
/// for (g, q) in got.iter().zip([0.025, 0.1, 0.5, 0.9, 0.975]) {
///     assert_eq!(*g, quantile(&mut v.clone(), q));
/// }
/// ```
pub fn quantiles<const N: usize>(v: &mut [f64], qs: &[f64; N]) -> [Option<f64>; N] {
    let mut out = [None; N];
    if v.is_empty() || v.iter().any(|x| x.is_nan()) {
        return out;
    }
    let n = v.len();
    let pos: Vec<(usize, f64)> = qs
        .iter()
        .map(|&q| {
            let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
            (h.floor() as usize, h - h.floor())
        })
        .collect();
    // Select every needed order statistic k (and k + 1 for interpolation), recursively.
    let mut ks: Vec<usize> = pos
        .iter()
        .flat_map(|&(k, f)| {
            if f > 0.0 && k + 1 < n {
                vec![k, k + 1]
            } else {
                vec![k]
            }
        })
        .collect();
    crate::data::order::sort(&mut ks);
    ks.dedup();
    // Selected as integers in `total_cmp`'s order (the same order statistics, bit for bit).
    use crate::data::order::{from_total_key, select_nth_key, total_keys};
    fn select_all(v: &mut [i64], offset: usize, ks: &[usize]) {
        if ks.is_empty() || v.is_empty() {
            return;
        }
        let mid = ks.len() / 2;
        let k = ks[mid] - offset;
        select_nth_key(v, k);
        let (left, right) = v.split_at_mut(k);
        select_all(left, offset, &ks[..mid]);
        select_all(&mut right[1..], offset + k + 1, &ks[mid + 1..]);
    }
    let mut keys = total_keys(v);
    select_all(&mut keys, 0, &ks);
    let at = |k: usize| from_total_key(keys[k]);
    for (j, &(k, f)) in pos.iter().enumerate() {
        let a = at(k);
        out[j] = Some(if f == 0.0 || k + 1 >= n || a == at(k + 1) {
            a
        } else {
            a + f * (at(k + 1) - a)
        });
    }
    out
}

/// Percentile bands of a fan: `(2.5, 10, 50, 90, 97.5)`.
pub const BAND_QUANTILES: [f64; 5] = [0.025, 0.10, 0.50, 0.90, 0.975];

/// A fan of projections: at each `x`, the [`BAND_QUANTILES`] of the draws' `y`.
#[derive(Clone, Debug, PartialEq)]
pub struct Fan {
    /// Day numbers.
    pub xs: Vec<f64>,
    /// `bands[k][j]`: quantile `BAND_QUANTILES[k]` at `xs[j]` (`+∞` past a singularity).
    pub bands: [Vec<f64>; 5],
    /// Number of draws.
    pub draws: usize,
}

impl Fan {
    /// Computes the fan of `y(i, x)` for draws `0..count` at each of `xs`.
    pub fn compute(xs: Vec<f64>, count: usize, y: impl Fn(usize, f64) -> f64) -> Fan {
        let mut bands: [Vec<f64>; 5] = Default::default();
        let mut buf = vec![0.0; count];
        for &x in &xs {
            for (i, slot) in buf.iter_mut().enumerate() {
                let v = y(i, x);
                *slot = if v.is_nan() { f64::INFINITY } else { v };
            }
            for (k, q) in quantiles(&mut buf, &BAND_QUANTILES).into_iter().enumerate() {
                bands[k].push(q.unwrap_or(f64::NAN));
            }
        }
        Fan {
            xs,
            bands,
            draws: count,
        }
    }

    /// The quantiles at `x` (linear interpolation between grid points; `None` outside).
    pub fn at(&self, x: f64) -> Option<[f64; 5]> {
        let j = self.xs.iter().position(|&g| g >= x)?;
        if j == 0 {
            return (self.xs[0] == x).then(|| std::array::from_fn(|k| self.bands[k][0]));
        }
        let (x0, x1) = (self.xs[j - 1], self.xs[j]);
        let w = (x - x0) / (x1 - x0);
        Some(std::array::from_fn(|k| {
            let (a, b) = (self.bands[k][j - 1], self.bands[k][j]);
            if a.is_infinite() || b.is_infinite() {
                b
            } else {
                a + w * (b - a)
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_inputs_same_draws() {
        let xs: Vec<f64> = (0..10).map(f64::from).collect();
        let ys: Vec<f64> = xs.iter().map(|x| 2.0 * x + (x * 7.0).sin()).collect();
        let f = ols(&xs, &ys).unwrap();
        assert_eq!(bootstrap(&xs, &ys, &f, 500), bootstrap(&xs, &ys, &f, 500));
    }

    /// The normal generator has mean ≈ 0 and variance ≈ 1 (10 000 draws: SE of the mean 0.01).
    #[test]
    fn normal_draws_are_standard() {
        let mut rng = Pcg32::seed_from_u64(1);
        let v: Vec<f64> = (0..10_000).map(|_| standard_normal(&mut rng)).collect();
        let mean = v.iter().sum::<f64>() / 1e4;
        let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 1e4;
        assert!(mean.abs() < 0.04, "{mean}");
        assert!((var - 1.0).abs() < 0.05, "{var}");
    }

    #[test]
    fn quantiles_at_once_equal_each_quantile_bit_for_bit() {
        // Ties, both zeros, infinities (a fan past a singularity) and odd lengths.
        let mut seed = 3u64;
        for n in [1usize, 2, 3, 7, 40, 101, 2000] {
            let v: Vec<f64> = (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    match (seed >> 33) % 11 {
                        0 => f64::INFINITY,
                        1 => -0.0,
                        2 => 0.0,
                        3 => f64::NEG_INFINITY,
                        k => ((seed >> 40) % 97) as f64 / 8.0 - k as f64,
                    }
                })
                .collect();
            let got = quantiles(&mut v.clone(), &BAND_QUANTILES);
            for (g, q) in got.iter().zip(BAND_QUANTILES) {
                let want = quantile(&mut v.clone(), q);
                assert_eq!(
                    g.map(f64::to_bits),
                    want.map(f64::to_bits),
                    "n = {n}, q = {q}"
                );
            }
        }
    }

    #[test]
    fn quantiles_handle_infinity_and_bad_input() {
        let mut v = vec![1.0, f64::INFINITY, 2.0];
        assert_eq!(quantile(&mut v, 1.0), Some(f64::INFINITY));
        assert_eq!(quantile(&mut v, 0.25), Some(1.5));
        assert_eq!(quantile(&mut [], 0.5), None);
        assert_eq!(quantile(&mut [f64::NAN], 0.5), None);
    }
}

/// The fan of straight-line draws `zᵢ(τ) = shiftᵢ + slopeᵢ·τ`, tabulated once on a geometric
/// grid of `τ` (days at the fitted rate).
///
/// A projection that assumes a doubling time `T` instead of the fitted `T̂` scales every draw's
/// slope by `k = T̂/T`: `zᵢ(t; T) = shiftᵢ + slopeᵢ·(k·t) = zᵢ(τ = k·t)`. So the bands for any
/// assumption are read off this one table at `τ = k·t`, and a slider move costs a lookup per
/// grid point instead of a quantile over every draw.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitFan {
    /// `τ` grid: 0, then geometric from 1 day by a factor of [`UnitFan::RATIO`].
    pub taus: Vec<f64>,
    /// `bands[k][j]`: quantile `BAND_QUANTILES[k]` of `zᵢ(taus[j])`.
    pub bands: [Vec<f64>; 5],
    /// Number of draws.
    pub draws: usize,
}

impl UnitFan {
    /// Growth factor between grid points (linear interpolation in between).
    pub const RATIO: f64 = 1.25;

    /// The `τ` grid of a table up to `tau_max`: `0`, then `1, R, R², …` (`R` =
    /// [`UnitFan::RATIO`]) while below `tau_max·R`, at most 2000 points.
    pub fn grid(tau_max: f64) -> Vec<f64> {
        let mut taus = vec![0.0];
        let mut t = 1.0;
        while t < tau_max * Self::RATIO && taus.len() < 2000 {
            taus.push(t);
            t *= Self::RATIO;
        }
        taus
    }

    /// Tabulates the fan of `shift[i] + slope[i]·τ` over [`UnitFan::grid`]`(tau_max)`.
    pub fn compute(shift: &[f64], slope: &[f64], tau_max: f64) -> UnitFan {
        Self::columns(shift, slope, Self::grid(tau_max))
    }

    /// The table's columns at `taus` only.
    fn columns(shift: &[f64], slope: &[f64], taus: Vec<f64>) -> UnitFan {
        let n = shift.len().min(slope.len());
        let fan = Fan::compute(taus, n, |i, tau| shift[i] + slope[i] * tau);
        UnitFan {
            taus: fan.xs,
            bands: fan.bands,
            draws: n,
        }
    }

    /// `UnitFan::compute(shift, slope, tau_max).at(tau)`, the same numbers, from the one or two
    /// grid columns that `at` reads instead of the whole table.
    ///
    /// ```
    /// use trendline_core::forecast::montecarlo::UnitFan;
    /// let shift: Vec<f64> = (0..500).map(|i| ((i * 37) % 101) as f64 / 50.0 - 1.0).collect();
    /// let slope: Vec<f64> = (0..500).map(|i| 0.004 + ((i * 53) % 97) as f64 * 1e-5).collect();
    /// let table = UnitFan::compute(&shift, &slope, 3000.0);
    /// for tau in [0.0, 0.5, 1.0, 7.3, 1234.5, 1e9] {
    ///     assert_eq!(UnitFan::at_once(&shift, &slope, 3000.0, tau), table.at(tau));
    /// }
    /// ```
    pub fn at_once(shift: &[f64], slope: &[f64], tau_max: f64, tau: f64) -> [f64; 5] {
        let taus = Self::grid(tau_max);
        let j = taus.partition_point(|&g| g < tau);
        let around = match j {
            0 => vec![taus[0]],
            j if j >= taus.len() => vec![taus[taus.len() - 1]],
            j => vec![taus[j - 1], taus[j]],
        };
        Self::columns(shift, slope, around).at(tau)
    }

    /// The five band values at `τ ≥ 0` (linear interpolation; the last grid value beyond it).
    pub fn at(&self, tau: f64) -> [f64; 5] {
        let j = self.taus.partition_point(|&g| g < tau);
        if j == 0 {
            return std::array::from_fn(|k| self.bands[k][0]);
        }
        if j >= self.taus.len() {
            return std::array::from_fn(|k| self.bands[k][self.taus.len() - 1]);
        }
        let (t0, t1) = (self.taus[j - 1], self.taus[j]);
        let w = (tau - t0) / (t1 - t0);
        std::array::from_fn(|k| {
            self.bands[k][j - 1] + w * (self.bands[k][j] - self.bands[k][j - 1])
        })
    }
}
