//! Sorting through one copy of the standard library's stable sort.
//!
//! Every `sort_by` with its own closure (and every `sort` of another element type) makes the
//! compiler emit another copy of the sort: about 3–4 KB of wasm each, ten copies in the app's
//! first view. [`sort_by`] sorts positions with one comparator type and then moves the elements
//! into that order (in place, along the permutation's cycles), so the binary holds the sort once, whatever is sorted and by what. The
//! order is exactly `slice::sort_by`'s (stable: equal elements keep their order).
//!
//! [`select_nth_key`] selects among `f64`s as their [`total_key`]s, and [`sort_f64`] sorts
//! them.

use std::cmp::Ordering;

/// The permutation `p` with `cmp(p[0], p[1]) != Greater`, `cmp(p[1], p[2]) != Greater`, … that
/// keeps equal positions in their original order: `(0..n)` sorted stably by `cmp`.
///
/// Not generic (the comparator is a trait object), so there is one copy of the sort.
// The one copy of the sort (clippy.toml disallows the others).
#[allow(clippy::disallowed_methods)]
#[inline(never)]
fn sorted_positions(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Sorts `v` stably by `cmp`: the same result as `v.sort_by(cmp)`.
///
/// For a permutation `p` found by sorting the positions `0..n` stably by
/// `cmp(&v[i], &v[j])`, the result is `[v[p[0]], v[p[1]], …, v[p[n-1]]]`.
///
/// ```
/// use trendline_core::data::order::sort_by;
/// let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (0, 'd')];
/// sort_by(&mut v, |x, y| x.0.cmp(&y.0));
/// assert_eq!(v, [(0, 'd'), (1, 'b'), (2, 'a'), (2, 'c')]);
/// ```
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = sorted_positions(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    // Position i takes the element now at order[i]: follow each cycle of the permutation once,
    // swapping along it.
    let mut placed = vec![false; v.len()];
    for start in 0..v.len() {
        let mut i = start;
        while !placed[i] {
            placed[i] = true;
            let from = order[i];
            if from == start {
                break;
            }
            v.swap(i, from);
            i = from;
        }
    }
}

/// Sorts `v` stably by the key `key(x)`: the same result as `v.sort_by_key(key)`.
///
/// ```
/// use trendline_core::data::order::sort_by_key;
/// let mut v = vec!["ccc", "a", "bb", "d"];
/// sort_by_key(&mut v, |s| s.len());
/// assert_eq!(v, ["a", "d", "bb", "ccc"]);
/// ```
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order: the same result as `v.sort()`.
///
/// ```
/// use trendline_core::data::order::sort;
/// let mut v = vec!["b".to_string(), "a".into(), "c".into()];
/// sort(&mut v);
/// assert_eq!(v, ["a", "b", "c"]);
/// ```
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Sorts `v` ascending by [`f64::total_cmp`]: the same result as
/// `v.sort_by(f64::total_cmp)`.
///
/// Elements that `total_cmp` finds equal have the same bits, so an unstable sort gives exactly
/// the stable sort's result. This is the second copy of the sort in the wasm (about 1 KB): the
/// Monte Carlo's crossing days are 2000 floats per milestone on every page load and slider
/// move, and sorting them directly, without [`sort_by`]'s permutation and comparator trait
/// object, takes a fraction of the time.
///
/// ```
/// use trendline_core::data::order::sort_f64;
/// let mut v = [3.0, f64::INFINITY, -1.0, 0.0, -0.0, 2.5];
/// sort_f64(&mut v);
/// assert_eq!(v.map(f64::to_bits), [-1.0, -0.0, 0.0, 2.5, 3.0, f64::INFINITY].map(f64::to_bits));
/// ```
#[allow(clippy::disallowed_methods)]
#[inline(never)]
pub fn sort_f64(v: &mut [f64]) {
    v.sort_unstable_by(f64::total_cmp);
}

/// `x`'s place in [`f64::total_cmp`]'s order as an integer: `a.total_cmp(&b) ==
/// total_key(a).cmp(&total_key(b))` for all `a`, `b` (the sign bit flips the order of the
/// other bits), and [`from_total_key`] gives `x` back, bit for bit.
///
/// ```
/// use trendline_core::data::order::{from_total_key, total_key};
/// let xs = [f64::NEG_INFINITY, -2.5, -0.0, 0.0, 1e-300, 3.0, f64::INFINITY];
/// assert!(xs.windows(2).all(|w| total_key(w[0]) < total_key(w[1])));
/// assert!(xs.iter().all(|x| from_total_key(total_key(*x)).to_bits() == x.to_bits()));
/// ```
pub fn total_key(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

/// The `f64` whose [`total_key`] is `key`.
pub fn from_total_key(key: i64) -> f64 {
    // The same flip undoes itself: it leaves the sign bit as it is.
    f64::from_bits((key ^ (((key >> 63) as u64) >> 1) as i64) as u64)
}

/// The [`total_key`] of each of `v`'s values, in order.
pub fn total_keys(v: &[f64]) -> Vec<i64> {
    v.iter().map(|&x| total_key(x)).collect()
}

/// Reorders the [`total_key`]s `v` so that `v[k]` is the key that would be there if `v` were
/// sorted, everything before it is `<=` and everything after it `>=` (the contract of
/// `slice::select_nth_unstable`). Nothing when `k >= v.len()`.
///
/// Selecting `f64`s as keys takes a fraction of the time of selecting them by `total_cmp`:
/// integers compare with one instruction where `total_cmp` needs a call per comparison, which
/// was most of the Monte Carlo fan's cost when the page loads (before the browser has
/// optimised the code). The one copy of the selection in the wasm.
///
/// ```
/// use trendline_core::data::order::{from_total_key, select_nth_key, total_keys};
/// let mut v = total_keys(&[5.0, 1.0, 4.0, 2.0, 3.0]);
/// select_nth_key(&mut v, 1);
/// assert_eq!(from_total_key(v[1]), 2.0);
/// assert!(v[..1].iter().all(|&k| k <= v[1]) && v[2..].iter().all(|&k| k >= v[1]));
/// ```
#[inline(never)]
pub fn select_nth_key(v: &mut [i64], k: usize) {
    if k < v.len() {
        v.select_nth_unstable(k);
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests sort freely: they are not in the wasm
mod tests {
    use super::*;

    /// A small deterministic generator (no dev-dependency needed for this).
    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 33
    }

    #[test]
    fn sort_by_matches_the_standard_stable_sort() {
        let mut seed = 7;
        for n in [0, 1, 2, 3, 17, 20, 64, 257, 1000] {
            // Few distinct keys, so stability is tested too.
            let v: Vec<(u64, usize)> = (0..n).map(|i| (lcg(&mut seed) % 5, i)).collect();
            let mut ours = v.clone();
            let mut std = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std, "n = {n}");
        }
    }

    #[test]
    fn sort_by_reverse_and_nan_free_floats() {
        let mut v = vec![1.5, -2.0, 3.25, 0.0, 3.25];
        sort_by(&mut v, |a: &f64, b| b.total_cmp(a));
        assert_eq!(v, [3.25, 3.25, 1.5, 0.0, -2.0]);
    }

    #[test]
    fn sort_f64_matches_the_standard_stable_sort_bit_for_bit() {
        let mut seed = 11;
        for n in [0, 1, 2, 3, 17, 20, 64, 257, 2000] {
            // Repeated values, both zeros, infinities and NaNs of both signs.
            let v: Vec<f64> = (0..n)
                .map(|_| match lcg(&mut seed) % 9 {
                    0 => f64::INFINITY,
                    1 => f64::NEG_INFINITY,
                    2 => -0.0,
                    3 => 0.0,
                    4 => f64::NAN,
                    5 => -f64::NAN,
                    k => (lcg(&mut seed) % 50) as f64 / 4.0 - k as f64,
                })
                .collect();
            let mut ours = v.clone();
            let mut std = v.clone();
            sort_f64(&mut ours);
            std.sort_by(f64::total_cmp);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&ours), bits(&std), "n = {n}");
        }
    }

    #[test]
    fn sort_moves_owned_values() {
        let mut v: Vec<String> = ["pear", "apple", "fig"].map(String::from).to_vec();
        sort(&mut v);
        assert_eq!(v, ["apple", "fig", "pear"]);
    }

    #[test]
    fn select_nth_key_agrees_with_a_full_sort() {
        let mut seed = 11;
        for n in [1, 2, 5, 33, 200] {
            let v: Vec<f64> = (0..n)
                .map(|_| (lcg(&mut seed) % 50) as f64 - 20.0)
                .collect();
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            for k in [0, n / 2, n - 1] {
                let mut w = total_keys(&v);
                select_nth_key(&mut w, k);
                let w: Vec<f64> = w.into_iter().map(from_total_key).collect();
                assert_eq!(w[k], sorted[k], "n = {n}, k = {k}");
                assert!(w[..k].iter().all(|&x| x <= sorted[k]));
                assert!(w[k + 1..].iter().all(|&x| x >= sorted[k]));
            }
        }
    }
}
