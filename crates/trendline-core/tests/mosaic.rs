//! The mosaic's per-series summaries against the bundled data and the single view's engine.

use std::path::PathBuf;
use std::rc::Rc;
use std::time::Instant;
use trendline_core::forecast::mosaic::{normalised, sort_rows, summarise, SortKey, MOSAIC_DRAWS};
use trendline_core::{prepare, project, Dataset, State, Unit};

fn load() -> Dataset {
    Dataset::load_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")).unwrap()
}

/// Every bundled series with a trend has a finite, positive doubling time (or time per index
/// step) inside its own 95% interval, at least two fitted points and a milestone row; a
/// series too short for a trend has none and says why.
#[test]
fn every_bundled_series_has_a_finite_summary() {
    let d = load();
    let t = Instant::now();
    let rows: Vec<_> = d.series.iter().map(summarise).collect();
    eprintln!("{} rows in {:?}", rows.len(), t.elapsed());
    assert_eq!(rows.len(), d.series.len());
    for r in &rows {
        if r.no_fit.is_some() {
            assert_eq!(r.doubling, None, "{}", r.id);
            assert!(
                r.sparkline.fit.is_none() && !r.sparkline.points.is_empty(),
                "{}",
                r.id
            );
            continue;
        }
        let t = r
            .doubling
            .unwrap_or_else(|| panic!("{}: no doubling time", r.id));
        assert!(t.is_finite() && t > 0.0, "{}: {t}", r.id);
        if let Some((lo, hi)) = r.ci {
            assert!(lo <= t * 1.05 && t <= hi * 1.05, "{}: {lo} {t} {hi}", r.id);
        }
        assert!(r.n >= 2, "{}", r.id);
        let (a, b) = r.window.unwrap();
        assert!(a < b, "{}", r.id);
        let m = r.milestone.as_ref().unwrap();
        assert!(
            matches!(
                m.id.as_str(),
                "work-week" | "work-month" | "pct-90" | "pct-99"
            ) || (matches!(r.unit, Unit::Index | Unit::Multiplier) && m.id.starts_with("level-")),
            "{}: {}",
            r.id,
            m.id
        );
        assert!(!r.sparkline.points.is_empty() && r.sparkline.fit.is_some());
        for &(x, y, _) in &r.sparkline.points {
            assert!(
                (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y),
                "{}",
                r.id
            );
        }
    }
}

/// A row's doubling time, interval and milestone date are the single view's under the
/// default settings (the interval needs at least 2000 resamples either way, so it is equal
/// too); only the Monte Carlo percentiles use fewer draws.
#[test]
fn a_row_matches_the_single_view_with_default_settings() {
    let d = load();
    for id in ["metr-th1.1-p50", "swebench-verified"] {
        let s = d.get(id).unwrap();
        let row = summarise(s);
        let state = State {
            series: id.into(),
            mc: MOSAIC_DRAWS,
            ..State::default()
        };
        let p = Rc::new(prepare(s, None, &state));
        let fc = project(&p, &state);
        assert_eq!(row.doubling, fc.fitted_doubling, "{id}");
        assert_eq!(row.ci, p.ci, "{id}");
        let m = row.milestone.unwrap();
        let single = fc
            .milestones
            .iter()
            .find(|r| r.milestone.id == m.id)
            .unwrap();
        assert_eq!(m.date, single.assumed, "{id}");
        assert_eq!(m.mc, single.mc, "{id}");
    }
    // METR TH1.1: already past a work-day but not a work-week, so the next is a work-week.
    let th = summarise(d.get("metr-th1.1-p50").unwrap());
    assert_eq!(th.milestone.unwrap().id, "work-week");
    assert_eq!(th.unit, Unit::Minutes);
}

/// Normalised series start at zero and, for a growing frontier, never go below it.
#[test]
fn normalised_series_start_at_zero_and_rise() {
    for s in &load().series {
        let pts = normalised(s);
        if s.meta.unit == Unit::Index {
            // An index has no doublings: the one-scale chart cannot place it.
            assert!(pts.is_empty(), "{}", s.meta.id);
            continue;
        }
        assert_eq!(pts[0].1, 0.0, "{}", s.meta.id);
        assert!(pts.iter().all(|p| p.1 >= 0.0), "{}", s.meta.id);
        assert!(pts.windows(2).all(|w| w[0].0 <= w[1].0), "{}", s.meta.id);
    }
}

/// Sorting by doubling time orders the finite values and keeps missing ones last both ways.
#[test]
fn sorting_puts_missing_values_last_either_way() {
    let d = load();
    let mut rows: Vec<_> = d.series.iter().take(4).map(summarise).collect();
    rows[1].doubling = None;
    let missing = rows[1].id.clone();
    for asc in [true, false] {
        sort_rows(&mut rows, SortKey::Doubling, asc);
        assert_eq!(rows.last().unwrap().id, missing);
        let v: Vec<f64> = rows.iter().filter_map(|r| r.doubling).collect();
        assert!(v
            .windows(2)
            .all(|w| if asc { w[0] <= w[1] } else { w[0] >= w[1] }));
    }
    sort_rows(&mut rows, SortKey::Name, true);
    let names: Vec<String> = rows.iter().map(|r| r.title.to_lowercase()).collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]));
}
