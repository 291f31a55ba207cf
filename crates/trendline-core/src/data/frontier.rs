//! Frontier ("state of the art") selection by running maximum.

use crate::data::date::Day;

/// Marks each `(date, value)` pair that is frontier: a point is frontier when its value is at
/// least the best value dated on or before it, same-day points included, ties included.
///
/// Formally, with `best(d) = max { vⱼ : dⱼ ≤ d }`, point `i` is frontier iff `vᵢ ≥ best(dᵢ)`.
/// The input need not be sorted; the result is in input order. Non-finite values are never
/// frontier and never raise the best.
///
/// ```
/// use trendline_core::{data::frontier::running_max_frontier, Day};
/// let d = |s| Day::parse(s).unwrap();
/// let pts = [(d("2024-03-01"), 5.0), (d("2024-01-01"), 4.0), (d("2024-02-01"), 3.0)];
/// assert_eq!(running_max_frontier(&pts), vec![true, true, false]);
/// ```
pub fn running_max_frontier(points: &[(Day, f64)]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..points.len()).collect();
    crate::data::order::sort_by_key(&mut order, |&i| points[i].0);
    let mut flags = vec![false; points.len()];
    let mut best = f64::NEG_INFINITY;
    let mut k = 0;
    while k < order.len() {
        let day = points[order[k]].0;
        let mut end = k;
        let mut day_best = f64::NEG_INFINITY;
        while end < order.len() && points[order[end]].0 == day {
            let v = points[order[end]].1;
            if v.is_finite() && v > day_best {
                day_best = v;
            }
            end += 1;
        }
        best = best.max(day_best);
        for &i in &order[k..end] {
            let v = points[i].1;
            flags[i] = v.is_finite() && v >= best;
        }
        k = end;
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn ties_with_the_best_so_far_are_frontier() {
        let pts = [
            (d("2024-01-01"), 5.0),
            (d("2024-02-01"), 5.0),
            (d("2024-03-01"), 4.99),
        ];
        assert_eq!(running_max_frontier(&pts), [true, true, false]);
    }

    #[test]
    fn same_day_releases_compete_with_each_other() {
        let pts = [
            (d("2024-01-01"), 5.0),
            (d("2024-02-01"), 6.0),
            (d("2024-02-01"), 7.0),
            (d("2024-02-01"), 7.0),
        ];
        assert_eq!(running_max_frontier(&pts), [true, false, true, true]);
    }

    #[test]
    fn unsorted_input_gives_flags_in_input_order() {
        let pts = [
            (d("2025-01-01"), 1.0),
            (d("2023-01-01"), 3.0),
            (d("2024-01-01"), 2.0),
            (d("2026-01-01"), 9.0),
        ];
        assert_eq!(running_max_frontier(&pts), [false, true, false, true]);
    }

    #[test]
    fn an_empty_series_has_no_frontier() {
        assert!(running_max_frontier(&[]).is_empty());
    }

    #[test]
    fn non_finite_values_are_ignored() {
        let pts = [(d("2024-01-01"), f64::NAN), (d("2024-02-01"), 1.0)];
        assert_eq!(running_max_frontier(&pts), [false, true]);
    }
}
