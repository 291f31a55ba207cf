//! What the Export buttons write: the lines of assumptions shown under an exported chart and in
//! a CSV's header, a file name stem that says what a file holds, and the CSV itself.
//!
//! Every number written to a CSV is the `f64` exactly as Rust's `Display` writes it (the
//! shortest text that reads back to the same number); values that are not defined (NaN,
//! infinities, dates never reached) are written as empty cells, never as `NaN` or `inf`.

use crate::data::dataset::Point;
use crate::data::date::Day;
use crate::data::units::{format_days_and_months, group_thousands, group_thousands_f, Unit};
use crate::forecast::montecarlo::BAND_QUANTILES;
use crate::forecast::{Forecast, Projection};
use crate::model::family::Family;
use crate::model::fit::Selection;
use crate::settings::{Anchor, Cap, State, Units};

/// Line ending of every exported CSV line (RFC 4180: CRLF).
pub const CSV_NEWLINE: &str = "\r\n";

/// Column names of the `points` table of [`csv_export`].
pub const POINT_COLUMNS: [&str; 13] = [
    "id", "model", "org", "date", "value", "ci_low", "ci_high", "unit", "kind", "frontier",
    "fitted", "dropped", "source",
];

/// Column names of the `projection` table of [`csv_export`]; `p2.5` … `p97.5` are the
/// [`BAND_QUANTILES`] of the Monte Carlo fan.
pub const PROJECTION_COLUMNS: [&str; 8] = [
    "date",
    "fitted_value",
    "projected_value",
    "p2.5",
    "p10",
    "p50",
    "p90",
    "p97.5",
];

/// Column names of the `milestones` table of [`csv_export`].
/// Columns of the `scenarios` section (only written when scenarios are kept): one row per
/// scenario and milestone.
pub const SCENARIO_COLUMNS: [&str; 8] = [
    "scenario",
    "name",
    "assumptions",
    "milestone_id",
    "milestone_label",
    "date",
    "current_date",
    "months_after_current",
];

/// Columns of the `milestones` section.
pub const MILESTONE_COLUMNS: [&str; 11] = [
    "id",
    "label",
    "target",
    "unit",
    "date_assumed",
    "date_fitted",
    "mc_p10",
    "mc_p50",
    "mc_p90",
    "mc_share_not_by_end",
    "chance_by",
];

/// The token written for a unit in exports: `minutes`, `percent`, `index` or `multiplier`.
pub fn unit_token(unit: Unit) -> &'static str {
    match unit {
        Unit::Minutes => "minutes",
        Unit::Percent => "percent",
        Unit::Index => "index",
        Unit::Multiplier => "multiplier",
    }
}

/// What the doubling time measures under `family`, for labels: "doubling time" (exponential),
/// "doubling time at the anchor" (superexponential: the current one) or "odds-doubling time"
/// (logistic).
fn doubling_name(family: Family) -> &'static str {
    match family {
        Family::Exponential => "doubling time",
        Family::Superexponential => "doubling time at the anchor",
        Family::Logistic => "odds-doubling time",
        Family::Linear => "days per index step",
    }
}

/// Hours for people: `group_thousands_f(h) + " h"`, e.g. `1,234.5 h`.
fn hours(h: f64) -> String {
    format!("{} h", group_thousands_f(h))
}

/// One human line per setting in force, in a fixed order, as `Label: value`.
///
/// Covers, as they apply to the forecast's series and family: the series (id and title); the fit
/// family (and whether it is the series' default or the reader's choice); the fit window (`from`
/// and `to`, or "all dates", with the span actually fitted); frontier or all points; the cap
/// (horizon series); the dropped point ids; the fitted doubling time with the number of fitted
/// points `n` and its 95% bootstrap interval; the assumed doubling time (or "fitted"); the
/// acceleration and floor (superexponential); the saturation (logistic); the anchor; the
/// reliability level (horizon series); the milestone units and custom goal (horizon series) or
/// the score milestones (percentage series); the Monte Carlo draws (or "off"); the as-of date;
/// the end date. Settings that have no effect on this series and family (saturation for a
/// horizon series, say) are left out.
///
/// These lines go in the CSV header ([`csv_export`]) and under an exported chart.
pub fn assumptions(forecast: &Forecast, state: &State) -> Vec<String> {
    let p = &*forecast.prepared;
    let meta = &p.series.meta;
    let unit = meta.unit;
    let family = p.family;
    let mut out = Vec::new();

    out.push(format!("Series: {} ({})", meta.id, meta.title));

    let family_note = match state.model {
        None => "the series' default".to_string(),
        Some(m) if m == family => "chosen".to_string(),
        Some(m) => format!(
            "the series' default; {} fits do not apply to this series",
            m.label()
        ),
    };
    out.push(format!("Fit family: {} ({family_note})", family.label()));

    let window = match (state.from, state.to) {
        (None, None) => "all dates".to_string(),
        (Some(f), None) => format!("from {f} to the last point"),
        (None, Some(t)) => format!("from the first point to {t}"),
        (Some(f), Some(t)) => format!("{f} to {t}"),
    };
    let span = match &p.fit {
        Ok(f) => format!(" (fitted points dated {} to {})", f.span.0, f.span.1),
        Err(_) => String::new(),
    };
    out.push(format!("Fit window: {window}{span}"));

    out.push(match state.selection {
        Selection::Frontier => format!(
            "Points fitted: frontier points only ({}), of kind measured",
            meta.frontier_rule
        ),
        Selection::All => "Points fitted: all points of kind measured".to_string(),
    });

    let derived = derived_reliability(forecast, state);
    if unit == Unit::Minutes {
        let on50 = if derived {
            ", applied to each model's 50% horizon"
        } else {
            ""
        };
        out.push(match state.cap {
            Cap::Default => match meta.fit_cap {
                Some(c) => format!(
                    "Cap: values above {} are not fitted{on50} (the series' default)",
                    hours(c / 60.0),
                ),
                None => "Cap: none (the series' default)".to_string(),
            },
            Cap::Off => "Cap: none".to_string(),
            Cap::Hours(h) => format!("Cap: values above {} are not fitted{on50}", hours(h)),
        });
    }

    out.push(if state.drop.is_empty() {
        "Dropped from the fit: none".to_string()
    } else {
        let ids: Vec<String> = state.drop.iter().map(|d| format!("\"{d}\"")).collect();
        format!(
            "Dropped from the fit ({}): {}",
            state.drop.len(),
            ids.join(", ")
        )
    });

    let dn = doubling_name(family);
    let fitted_text = forecast.fitted_doubling.map(format_days_and_months);
    out.push(match &p.fit {
        Err(e) => format!("Fitted {dn}: none ({e})"),
        Ok(f) => {
            let n = f.used.len();
            match &fitted_text {
                None => format!(
                    "Fitted {dn}: none, the fitted trend is flat or falling (n = {n} points)"
                ),
                Some(t) => {
                    let ci = match (family, p.ci) {
                        (Family::Superexponential, _) | (_, None) => String::new(),
                        (_, Some((lo, hi))) => format!(
                            "; 95% bootstrap interval {}–{} days",
                            fmt_days(lo),
                            fmt_days(hi)
                        ),
                    };
                    format!("Fitted {dn}: {t} (n = {n} points{ci})")
                }
            }
        }
    });

    out.push(match (state.doubling, &fitted_text) {
        (None, Some(t)) => format!("Assumed {dn}: fitted ({t})"),
        (None, None) => format!("Assumed {dn}: fitted (none, so no projection)"),
        (Some(d), _) => format!("Assumed {dn}: {} (yours)", format_days_and_months(d)),
    });

    if family == Family::Superexponential {
        let used = forecast
            .accel
            .map(|a| format!("{}%", group_thousands_f(a * 100.0)));
        out.push(match (state.accel, used) {
            (None, Some(a)) => {
                format!("Acceleration: fitted, each doubling {a} shorter than the last")
            }
            (None, None) => "Acceleration: fitted (no superexponential fit)".to_string(),
            (Some(a), _) => format!(
                "Acceleration: each doubling {}% shorter than the last (yours)",
                group_thousands_f(a)
            ),
        });
        out.push(if state.floor > 0.0 {
            format!(
                "Floor on the doubling time: {} days",
                group_thousands_f(state.floor)
            )
        } else {
            "Floor on the doubling time: none".to_string()
        });
    }

    if family == Family::Logistic {
        out.push(format!(
            "Saturation: {}% (the projection approaches it but never reaches it)",
            group_thousands_f(state.sat)
        ));
    }

    let anchor_date = p
        .fit
        .as_ref()
        .map(|f| format!(" ({})", f.span.1))
        .unwrap_or_default();
    out.push(match state.anchor {
        Anchor::Fit => {
            format!("Projection starts: on the fitted curve at the last fitted date{anchor_date}")
        }
        Anchor::Last => {
            format!("Projection starts: at the last fitted point's own value{anchor_date}")
        }
    });

    if unit == Unit::Minutes {
        out.push(if state.rel == 50.0 {
            "Reliability level: 50% (the series' own horizons)".to_string()
        } else if derived {
            format!(
                "Reliability level: {}% (derived from each model's 50% and 80% horizons with METR's logistic success curve)",
                group_thousands_f(state.rel)
            )
        } else {
            format!(
                "Reliability level: {}% asked for, but this series has no 80% horizons to derive it from; showing 50%",
                group_thousands_f(state.rel)
            )
        });
        out.push(match state.units {
            Units::Work => {
                "Milestones: work time (work-day 8 h, work-week 40 h, work-month 167 h, work-year 2,000 h)"
                    .to_string()
            }
            Units::Calendar => {
                "Milestones: calendar time (day 24 h, week 168 h, month 730 h, year 8,766 h)"
                    .to_string()
            }
        });
        out.push(match state.goal {
            Some(g) => format!("Custom milestone: {}", hours(g)),
            None => "Custom milestone: none".to_string(),
        });
    } else {
        out.push("Milestones: scores of 50, 80, 90, 95 and 99%".to_string());
    }

    out.push(if state.mc == 0 {
        "Monte Carlo: off (no fan, no milestone percentiles)".to_string()
    } else {
        format!(
            "Monte Carlo: {} draws (bootstrap refits plus residual noise, fixed seed)",
            group_thousands(f64::from(state.mc))
        )
    });
    out.push(match state.band {
        crate::settings::Band::Calibrated => "Band: calibrated (the fit's spread re-scaled and re-centred by the series' own past forecast errors, plus a chance that the rate changes; docs/engine.md)".to_string(),
        crate::settings::Band::Fit => "Band: fit only (bootstrap refits plus residual noise)".to_string(),
    });
    out.push(format!(
        "Chance by: {} (share of simulated trends reaching each milestone on or before it; an extrapolation of past progress, not a prediction of events)",
        state.by
    ));

    out.push(match state.asof {
        None => "As-of date: none (every date in the window is fitted)".to_string(),
        Some(d) => format!(
            "As-of date: {d} (only points dated on or before it are fitted; later points are checked against the fan)"
        ),
    });

    out.push(format!("Projection end: {}", state.until));
    out
}

/// Days with one decimal and thousands separators, for intervals (`∞` when infinite).
fn fmt_days(d: f64) -> String {
    if d.is_finite() {
        group_thousands_f((d * 10.0).round() / 10.0)
    } else {
        "∞".to_string()
    }
}

/// The file name stem of an export: `<series>_dt<N>d[_<family>][_rel<q>]_<YYYY-MM-DD>`.
///
/// `<series>` is the forecast's series id; `N` is the doubling time used for the projection
/// (the reader's assumed one, else the fitted one: `forecast.assumed_doubling`) rounded to whole
/// days, or `dtnone` when there is none; `_<family>` (the family's URL token, e.g. `_superexp`)
/// only when the family is not the series' default; `_rel<q>` only for horizons derived at a
/// reliability level `q` other than 50%; the date is `today`. Every character outside
/// `[A-Za-z0-9._-]` becomes `-`, so the stem is safe on every file system.
///
/// The default state on `metr-th1.1-p50` exported on 2026-11-27 gives
/// `metr-th1.1-p50_dt188d_2026-11-27`.
pub fn export_stem(state: &State, forecast: &Forecast, today: Day) -> String {
    let p = &*forecast.prepared;
    let unit = p.series.meta.unit;
    let dt = match forecast
        .assumed_doubling
        .filter(|d| d.is_finite() && *d > 0.0)
    {
        Some(d) => format!("dt{:.0}d", d.round()),
        None => "dtnone".to_string(),
    };
    let family = if p.family == Family::default_for(unit) {
        String::new()
    } else {
        format!("_{}", p.family.token())
    };
    let rel = if derived_reliability(forecast, state) {
        format!("_rel{}", state.rel)
    } else {
        String::new()
    };
    let stem = format!("{}_{dt}{family}{rel}_{today}", p.series.meta.id);
    stem.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Whether the forecast's horizons are derived at a reliability level other than 50% (a horizon
/// series, `rel ≠ 50`, and an 80% sibling to derive them from).
fn derived_reliability(forecast: &Forecast, state: &State) -> bool {
    let p = &*forecast.prepared;
    p.series.meta.unit == Unit::Minutes
        && state.rel != 50.0
        && !p
            .notes
            .iter()
            .any(|n| n.starts_with("Reliability levels other than 50%"))
}

/// Whether a spreadsheet could read `s` as a formula: it starts with `=`, `+`, `-`, `@`, a tab
/// or a carriage return (OWASP's CSV-injection list) and is not simply a number.
fn formula_like(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && crate::data::number::parse_f64(s.trim()).is_none()
}

/// One CSV cell (RFC 4180): quoted when it contains a comma, a double quote, CR or LF, when it
/// starts with `#` (so that readers skipping `#` comment lines keep the row) or when it has
/// leading or trailing whitespace; double quotes inside are doubled.
///
/// Spreadsheet-safe (OWASP, "CSV Injection"): a cell a spreadsheet could run as a formula
/// (starting with `=`, `+`, `-`, `@`, tab or CR, and not a plain number) gets a leading `'` and
/// is quoted, so it shows as text; numbers, negative ones included, stay numbers.
///
/// ```
/// use trendline_core::sharing::export::csv_cell;
/// assert_eq!(csv_cell("plain"), "plain");
/// assert_eq!(csv_cell("a, \"b\""), "\"a, \"\"b\"\"\"");
/// assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
/// assert_eq!(csv_cell("-12.5"), "-12.5");
/// ```
pub fn csv_cell(s: &str) -> String {
    if formula_like(s) {
        return format!("\"'{}\"", s.replace('"', "\"\""));
    }
    let needs = s.contains([',', '"', '\n', '\r'])
        || s.starts_with('#')
        || s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace);
    if needs {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A number for a CSV cell: `f64` `Display` (shortest round-trip text), empty when not finite.
fn num(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        String::new()
    }
}

fn opt_num(v: Option<f64>) -> String {
    v.map_or_else(String::new, num)
}

fn opt_day(d: Option<Day>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// Appends one CSV row (cells quoted as [`csv_cell`] says) and the line ending.
fn row<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    let line: Vec<String> = cells.iter().map(|c| csv_cell(c.as_ref())).collect();
    out.push_str(&line.join(","));
    out.push_str(CSV_NEWLINE);
}

/// Appends a `# key: value` comment line; line breaks inside become spaces so the comment stays
/// one line.
fn comment(out: &mut String, key: &str, value: &str) {
    let flat = |s: &str| s.replace(['\r', '\n'], " ");
    out.push_str("# ");
    out.push_str(&flat(key));
    if !value.is_empty() {
        out.push_str(": ");
        out.push_str(&flat(value));
    }
    out.push_str(CSV_NEWLINE);
}

/// The 1st of every month from `first` (or the next 1st, when `first` is not one) to `last`,
/// inclusive.
fn month_starts(first: Day, last: Day) -> Vec<Day> {
    let (mut y, mut m, d) = first.ymd();
    if d != 1 {
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    let mut out = Vec::new();
    while let Some(day) = Day::from_ymd(y, m, 1) {
        if day > last {
            break;
        }
        out.push(day);
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// The CSV the Export button writes (RFC 4180, CRLF line endings).
///
/// Layout:
///
/// 1. A header block of `# key: value` comment lines: the title, series id, source name and
///    URLs, licence, attribution, retrieval date, dataset vintage (`vintage`), generation date
///    (`generated`), the series' caveats and the reason for its default cap, every line of [`assumptions`], the forecast's notes,
///    and what the interval and percentile columns mean.
/// 2. A blank line.
/// 3. Three tables, each introduced by a `# section: <name>` comment line and its own header
///    row, separated by blank lines:
///    - `points` ([`POINT_COLUMNS`]): every point of `forecast.prepared.series` (the series as
///      fitted, i.e. derived horizons at a reliability level other than 50%), with `frontier`,
///      `fitted` (used by the fit; all `no` when there is no fit) and `dropped` (in the reader's drop list) as
///      `yes`/`no`.
///    - `projection` ([`PROJECTION_COLUMNS`]): on the 1st of each month from the first fitted
///      date to `state.until`: the fitted curve's value `v_fit(x)`, the projected value
///      `v(x)` (equal to the fitted curve up to the anchor), and after the anchor only the Monte
///      Carlo fan's percentiles `to_value(q_k(x))` for `q_k` in [`BAND_QUANTILES`]
///      (interpolated on the fan's grid). No rows when there is no fit.
///    - `milestones` ([`MILESTONE_COLUMNS`]): id, label, target (in the series' unit), unit,
///      the crossing dates under the assumptions and under the fitted curve, the Monte Carlo
///      10th/50th/90th percentile dates, the share of draws not reaching it by the end date and
///      the chance of reaching it by `state.by` (`chance_by`, 0–1; empty when `by` is not after
///      the anchor or without draws). The fan, percentiles and chances are those of `state.band`.
///
/// Numbers are `f64` `Display` (shortest round-trip); NaN, infinities and undefined values are
/// empty cells; dates are ISO `YYYY-MM-DD`, empty when never reached.
pub fn csv_export(forecast: &Forecast, state: &State, vintage: &str, generated: Day) -> String {
    csv_export_with(forecast, state, &[], vintage, generated)
}

/// [`csv_export`] with the named scenarios kept beside the current settings: when `runs` is not
/// empty a last section, `scenarios` ([`SCENARIO_COLUMNS`]), gives each scenario's assumptions
/// and, per milestone, its date, the current settings' date and the difference in months
/// ([`crate::forecast::compare::months_between`]; empty when either date is missing).
pub fn csv_export_with(
    forecast: &Forecast,
    state: &State,
    runs: &[crate::forecast::compare::ScenarioRun],
    vintage: &str,
    generated: Day,
) -> String {
    let p = &*forecast.prepared;
    let meta = &p.series.meta;
    let unit = unit_token(meta.unit);
    let mut out = String::new();

    comment(&mut out, "Trendline export", "");
    comment(&mut out, "Title", &meta.title);
    comment(&mut out, "Series id", &meta.id);
    comment(&mut out, "Source", &meta.source_name);
    for u in meta.source_urls.iter() {
        comment(&mut out, "Source URL", u);
    }
    comment(&mut out, "Licence", &meta.licence);
    comment(&mut out, "Attribution", &meta.attribution);
    comment(&mut out, "Retrieved", &meta.retrieved);
    comment(&mut out, "Dataset vintage", vintage);
    comment(&mut out, "Generated", &generated.to_string());
    comment(&mut out, "Dates", &meta.date_meaning);
    comment(
        &mut out,
        "Values",
        match meta.unit {
            Unit::Minutes => "task length in minutes of human time",
            Unit::Percent => "score in percent",
            Unit::Index => "index score (points)",
            Unit::Multiplier => "multiplier (speedup, ×)",
        },
    );
    for c in meta.caveats.iter() {
        comment(&mut out, "Caveat", c);
    }
    if let Some(n) = &meta.fit_cap_note {
        comment(&mut out, "Why the default cap", n);
    }
    for a in assumptions(forecast, state) {
        out.push_str("# ");
        out.push_str(&a.replace(['\r', '\n'], " "));
        out.push_str(CSV_NEWLINE);
    }
    for n in &forecast.notes {
        comment(&mut out, "Note", n);
    }
    comment(
        &mut out,
        "Interval columns",
        &format!(
            "ci_low and ci_high are the source's interval: {} (empty when none)",
            meta.interval
        ),
    );
    let draws = forecast.fan.as_ref().map_or(0, |f| f.draws);
    comment(
        &mut out,
        "Percentile columns",
        &format!(
            "p2.5 to p97.5 are percentiles of the projected value over {} Monte Carlo draws, after the anchor only (empty before it and when Monte Carlo is off)",
            group_thousands(draws as f64)
        ),
    );
    comment(
        &mut out,
        "Empty cells",
        "not defined: no interval, before the anchor, past a singularity, a milestone never reached (or after 2999-12-31), or a Monte Carlo percentile after the end date",
    );
    out.push_str(CSV_NEWLINE);

    // Points.
    comment(&mut out, "section", "points");
    row(&mut out, &POINT_COLUMNS);
    let used: &[usize] = p.fit.as_ref().map_or(&[], |f| f.used.as_slice());
    let pt_row = |out: &mut String, i: usize, pt: &Point| {
        row(
            out,
            &[
                pt.id.clone(),
                pt.model.clone(),
                pt.org.clone(),
                pt.date.to_string(),
                num(pt.value),
                opt_num(pt.ci_low),
                opt_num(pt.ci_high),
                unit.to_string(),
                pt.kind.token().to_string(),
                yes_no(pt.frontier).to_string(),
                yes_no(used.contains(&i)).to_string(),
                yes_no(state.drop.contains(&pt.id)).to_string(),
                pt.source.clone(),
            ],
        )
    };
    for (i, pt) in p.series.points.iter().enumerate() {
        pt_row(&mut out, i, pt);
    }
    out.push_str(CSV_NEWLINE);

    // Projection.
    comment(&mut out, "section", "projection");
    row(&mut out, &PROJECTION_COLUMNS);
    if let Ok(fit) = &p.fit {
        let fitted_curve = forecast.fitted_projection.or(forecast.projection);
        let value = |pr: &Projection, x: f64| pr.value_at(x);
        for day in month_starts(fit.span.0, state.until) {
            let x = day.x();
            let fitted = match (&forecast.fitted_projection, &fitted_curve) {
                (Some(fp), _) => num(value(fp, x)),
                // No fitted growth: the fitted curve itself, up to the anchor.
                (None, Some(pr)) if x <= pr.anchor_x => {
                    opt_num(pr.fitted.y_at(x).map(|y| pr.transform.to_value(y)))
                }
                _ => String::new(),
            };
            let projected = forecast
                .projection
                .map_or_else(String::new, |pr| num(value(&pr, x)));
            let mut cells = vec![day.to_string(), fitted, projected];
            let anchor_x = fit.span.1.x();
            let bands = forecast
                .fan
                .as_ref()
                .filter(|_| x > anchor_x)
                .and_then(|f| f.at(x));
            for k in 0..BAND_QUANTILES.len() {
                cells.push(bands.map_or_else(String::new, |b| num(p.transform.to_value(b[k]))));
            }
            row(&mut out, &cells);
        }
    }
    out.push_str(CSV_NEWLINE);

    // Milestones.
    comment(&mut out, "section", "milestones");
    row(&mut out, &MILESTONE_COLUMNS);
    for m in &forecast.milestones {
        let mc = m.mc.as_ref();
        row(
            &mut out,
            &[
                m.milestone.id.to_string(),
                m.milestone.label.to_string(),
                num(m.milestone.target),
                unit.to_string(),
                opt_day(m.assumed),
                opt_day(m.fitted),
                opt_day(mc.and_then(|c| c.p10)),
                opt_day(mc.and_then(|c| c.p50)),
                opt_day(mc.and_then(|c| c.p90)),
                mc.map_or_else(String::new, |c| num(c.never_share)),
                m.prob.map_or_else(String::new, num),
            ],
        );
    }
    if !runs.is_empty() {
        out.push_str(CSV_NEWLINE);
        comment(&mut out, "section", "scenarios");
        row(&mut out, &SCENARIO_COLUMNS);
        let table = crate::forecast::compare::compare(forecast, runs);
        for (k, r) in runs.iter().enumerate() {
            for (m, cmp) in forecast.milestones.iter().zip(&table) {
                let (date, diff) = cmp.scenarios[k];
                row(
                    &mut out,
                    &[
                        r.letter().to_string(),
                        r.scenario.name.clone(),
                        r.describe(),
                        m.milestone.id.to_string(),
                        m.milestone.label.to_string(),
                        opt_day(date),
                        opt_day(cmp.current),
                        diff.map_or_else(String::new, num),
                    ],
                );
            }
        }
    }
    out
}

/// Columns of the `published forecasts` section ([`csv_forecasts_section`]).
pub const FORECAST_VERDICT_COLUMNS: [&str; 17] = [
    "id",
    "label",
    "forecaster",
    "made",
    "kind",
    "target",
    "statistic",
    "value",
    "low",
    "high",
    "unit",
    "verdict",
    "months_ahead",
    "chance_by_target",
    "sentence",
    "source",
    "licence",
];

/// The section of a CSV export that scores the published forecasts about the series, as the
/// page does: one row per forecast with its own figures (as the source writes them, in its
/// own `unit`), the verdict token of [`crate::forecast::verdict::verdict`] (`inside`, `above`,
/// `below`, `ahead`, `behind`; empty when it cannot be scored), the months the trend is ahead
/// (negative: behind), `P(its value reached by its date)` from the selected band's simulated
/// trends ([`Forecast::chance_by`]), the sentence and the source. Empty text when there are
/// no forecasts. For horizons shown at another reliability level than 50% the section holds
/// a comment saying they are scored at 50% only (the forecasts are about 50% horizons).
pub fn csv_forecasts_section(
    forecast: &Forecast,
    forecasts: &[crate::data::published::PublishedForecast],
    rel: f64,
) -> String {
    let mut out = String::new();
    if forecasts.is_empty() {
        return out;
    }
    out.push_str(CSV_NEWLINE);
    comment(&mut out, "section", "published forecasts");
    let Some(verdicts) = crate::forecast::verdict::verdicts(forecast, forecasts, rel) else {
        comment(
            &mut out,
            "Not scored",
            &format!("the published forecasts are about 50% time horizons; they are scored at 50% reliability only (exported: {rel}%)"),
        );
        return out;
    };
    row(&mut out, &FORECAST_VERDICT_COLUMNS);
    for (f, v) in forecasts.iter().zip(verdicts) {
        row(
            &mut out,
            &[
                f.id.clone(),
                f.label.clone(),
                f.forecaster.clone(),
                f.made.to_string(),
                f.kind.token().to_string(),
                f.target.to_string(),
                f.statistic.clone(),
                num(f.value),
                opt_num(f.low),
                opt_num(f.high),
                f.unit.token().to_string(),
                v.as_ref().map_or("", |v| v.kind.token()).to_string(),
                opt_num(v.as_ref().and_then(|v| v.months)),
                opt_num(v.as_ref().and_then(|v| v.probability)),
                v.map_or_else(
                    || "not scored: no measured point before its date".to_string(),
                    |v| v.sentence,
                ),
                f.source.clone(),
                f.licence.clone(),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_with_separators_quotes_or_newlines_are_quoted() {
        assert_eq!(csv_cell(""), "");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell("#1"), "\"#1\"");
        assert_eq!(csv_cell(" padded"), "\" padded\"");
    }

    #[test]
    fn formula_like_text_is_neutralised_and_numbers_are_not() {
        for bad in [
            "=1+2",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=",
            "-",
            "+ 1 x",
        ] {
            let c = csv_cell(bad);
            assert!(c.starts_with("\"'"), "{bad:?} → {c:?}");
        }
        for ok in [
            "-12.5",
            "+3",
            "-0",
            "1e-9",
            "-1e300",
            "2026-01-01",
            "GPT-4",
            "a=b",
            "",
        ] {
            assert!(!csv_cell(ok).contains('\''), "{ok:?} → {:?}", csv_cell(ok));
        }
    }

    #[test]
    fn months_start_on_the_first_on_or_after_the_first_date() {
        let d = |s| Day::parse(s).unwrap();
        let m = month_starts(d("2024-11-15"), d("2025-02-01"));
        let m: Vec<String> = m.iter().map(|d| d.to_string()).collect();
        assert_eq!(m, ["2024-12-01", "2025-01-01", "2025-02-01"]);
        assert_eq!(month_starts(d("2024-03-01"), d("2024-03-01")).len(), 1);
        assert!(month_starts(d("2024-03-02"), d("2024-03-31")).is_empty());
    }

    #[test]
    fn non_finite_numbers_are_written_as_empty_cells() {
        assert_eq!(num(f64::NAN), "");
        assert_eq!(num(f64::INFINITY), "");
        assert_eq!(num(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(num(16.0), "16");
    }
}
