//! The sensitivity curve against the projection itself.

use std::path::PathBuf;
use std::rc::Rc;
use trendline_core::forecast::sensitivity::{crossing_at, doubling_range, sensitivity};
use trendline_core::{prepare, project, Dataset, Family, State};

fn load() -> Dataset {
    Dataset::load_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")).unwrap()
}

/// At the assumed doubling time the curve gives the milestone table's date, exactly; for an
/// exponential projection the date moves by `(y_target − y_A)` days per day of doubling time,
/// so it is linear and later for slower trends.
#[test]
fn the_curve_passes_through_the_table_and_is_linear_for_exponential_trends() {
    let d = load();
    let s = d.get("metr-th1.1-p50").unwrap();
    for dt in [None, Some(90.0), Some(400.0)] {
        let state = State {
            doubling: dt,
            mc: 0,
            ..State::default()
        };
        let fc = project(&Rc::new(prepare(s, None, &state)), &state);
        let row = fc
            .milestones
            .iter()
            .find(|m| m.milestone.id == "work-month")
            .unwrap();
        let t = fc.assumed_doubling.unwrap();
        assert_eq!(crossing_at(&fc, row.milestone.target, t), row.assumed);
        let range =
            doubling_range(fc.assumed_doubling, fc.fitted_doubling, fc.prepared.ci).unwrap();
        let curve = sensitivity(&fc, row.milestone.target, range);
        assert_eq!(curve.len(), 61);
        let x: Vec<f64> = curve.iter().map(|p| p.1.x()).collect();
        assert!(
            x.windows(2).all(|w| w[0] <= w[1]),
            "later for slower trends"
        );
        // Linear: equal steps in t give equal steps in date (up to the day's rounding).
        let steps: Vec<f64> = x.windows(2).map(|w| w[1] - w[0]).collect();
        let (lo, hi) = steps
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), s| (a.min(*s), b.max(*s)));
        assert!(hi - lo <= 1.0, "{lo} {hi}");
    }
}

/// With a superexponential projection the curve is still monotone and still meets the table.
#[test]
fn superexponential_curves_meet_the_table_too() {
    let d = load();
    let s = d.get("metr-th1.1-p50").unwrap();
    let state = State {
        model: Some(Family::Superexponential),
        accel: Some(10.0),
        mc: 0,
        ..State::default()
    };
    let fc = project(&Rc::new(prepare(s, None, &state)), &state);
    let row = fc
        .milestones
        .iter()
        .find(|m| m.milestone.id == "work-year")
        .unwrap();
    let t = fc.assumed_doubling.unwrap();
    assert_eq!(crossing_at(&fc, row.milestone.target, t), row.assumed);
    let curve = sensitivity(&fc, row.milestone.target, (30.0, 600.0));
    assert!(curve.windows(2).all(|w| w[0].1 <= w[1].1));
    assert!(crossing_at(&fc, row.milestone.target, f64::NAN).is_none());
}
