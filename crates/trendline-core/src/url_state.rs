//! The state as a URL query string: short stable keys, decoded key by key so that one bad
//! value never wipes its valid siblings.

use crate::dataset::SeriesMeta;
use crate::date::Day;
use crate::family::Family;
use crate::fit::Selection;
use crate::forecast::DOUBLING_DAYS_LIMITS;
use crate::state::{
    Anchor, Cap, State, Units, ACCEL_LIMITS, CAP_LIMITS, FLOOR_LIMITS, GOAL_LIMITS, MC_MAX,
    REL_LIMITS, SAT_LIMITS, UNTIL_LIMITS,
};

/// Version of the query-string schema, written as `v`.
pub const URL_SCHEMA_VERSION: u32 = 1;

/// A query value that was not used as given, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ignored {
    /// The key.
    pub key: String,
    /// The value as given.
    pub value: String,
    /// Why it was not used and what was used instead.
    pub reason: String,
}

/// Which page a link opens (`view`): one series, or every series side by side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum View {
    /// One series with its chart, controls and tables (`view=single`).
    #[default]
    Single,
    /// Every bundled series, one row each, and their trends on one axis (`view=mosaic`).
    Mosaic,
}

impl View {
    /// URL token.
    pub fn token(self) -> &'static str {
        match self {
            View::Single => "single",
            View::Mosaic => "mosaic",
        }
    }

    /// The view for a URL token.
    pub fn from_token(s: &str) -> Option<View> {
        match s {
            "single" => Some(View::Single),
            "mosaic" => Some(View::Mosaic),
            _ => None,
        }
    }
}

/// The state read from a query string plus what was ignored.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The state: defaults, overridden by every valid key.
    pub state: State,
    /// Values that were malformed or out of range.
    pub ignored: Vec<Ignored>,
    /// The dataset vintage the link was made with (`data`), if it says.
    pub data: Option<String>,
    /// Whether the query asked for embed mode (`embed=1`).
    pub embed: bool,
    /// The page asked for (`view`); the single view when absent.
    pub view: View,
}

fn number(v: &str) -> Option<f64> {
    v.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Records that `key=value` was not used as given (one entry per key, the last wins).
fn report(ignored: &mut Vec<Ignored>, key: &str, value: &str, reason: String) {
    ignored.retain(|i| i.key != key);
    ignored.push(Ignored {
        key: key.into(),
        value: value.into(),
        reason,
    });
}

/// A number clamped to `lim`, reporting clamping and garbage.
fn clamped(
    ignored: &mut Vec<Ignored>,
    key: &str,
    v: &str,
    lim: (f64, f64),
    unit: &str,
) -> Option<f64> {
    match number(v) {
        Some(x) => {
            let c = x.clamp(lim.0, lim.1);
            if c != x {
                report(
                    ignored,
                    key,
                    v,
                    format!("must be {}–{} {unit}; using {c}", lim.0, lim.1),
                );
            }
            Some(c)
        }
        None => {
            report(
                ignored,
                key,
                v,
                format!("not a number of {unit}; using the default"),
            );
            None
        }
    }
}

/// Reads `query` (with or without a leading `?`). `known_series` lists valid series ids.
///
/// Keys (all optional): `series`; `from`, `to`, `asof` (ISO dates, empty = none); `fit`
/// (`frontier`|`all`); `model` (`exp`|`superexp`|`logistic`|`auto`); `dt` (days, or `fit`);
/// `accel` (%, or `fit`); `floor` (days, 0 = none); `cap` (hours, `none`, or `default`); `sat`
/// (%); `anchor` (`fit`|`last`); `rel` (%); `units` (`work`|`calendar`); `goal` (hours, empty =
/// none); `mc` (draws, 0 = off); `drop` (comma-separated point ids); `until` (ISO date); `v`;
/// `data`; `embed`; `view` (`single`|`mosaic`). Unknown keys are ignored silently; a malformed value falls back to its
/// default, an out-of-range one is clamped, and both are reported. If a key repeats, the last
/// value wins.
///
/// ```
/// use trendline_core::url_state::decode;
/// let d = decode("?series=metr-th1.1-p50&from=2023-01-01&dt=abc", &["metr-th1.1-p50"]);
/// assert_eq!(d.state.from.unwrap().to_string(), "2023-01-01");
/// assert_eq!(d.state.doubling, None);
/// assert_eq!(d.ignored[0].key, "dt");
/// ```
pub fn decode(query: &str, known_series: &[&str]) -> Decoded {
    let q = query.strip_prefix('?').unwrap_or(query);
    let mut s = State::default();
    let mut ignored: Vec<Ignored> = Vec::new();
    let mut data = None;
    let mut embed = false;
    let mut view = View::Single;
    let mut dates: Vec<(String, String)> = Vec::new();
    for (k, v) in form_urlencoded::parse(q.as_bytes()) {
        let (k, v) = (k.as_ref(), v.trim());
        match k {
            "series" => {
                if known_series.contains(&v) {
                    s.series = v.to_string();
                } else {
                    dates.push(("series".into(), v.to_string()));
                }
            }
            "from" | "to" | "asof" | "until" => dates.push((k.to_string(), v.to_string())),
            "fit" => match Selection::from_token(v) {
                Some(sel) => s.selection = sel,
                None => dates.push((k.into(), v.into())),
            },
            "model" => match (v, Family::from_token(v)) {
                ("auto" | "", _) => s.model = None,
                (_, Some(f)) => s.model = Some(f),
                _ => dates.push((k.into(), v.into())),
            },
            "dt" => {
                if v.is_empty() || v == "fit" {
                    s.doubling = None;
                } else if let Some(t) = clamped(&mut ignored, k, v, DOUBLING_DAYS_LIMITS, "days") {
                    s.doubling = Some(t);
                }
            }
            "accel" => {
                if v.is_empty() || v == "fit" {
                    s.accel = None;
                } else if let Some(a) = clamped(&mut ignored, k, v, ACCEL_LIMITS, "%") {
                    s.accel = Some(a);
                }
            }
            "floor" => {
                if let Some(f) = clamped(&mut ignored, k, v, FLOOR_LIMITS, "days") {
                    s.floor = f;
                }
            }
            "cap" => match v {
                "" | "default" => s.cap = Cap::Default,
                "none" | "off" => s.cap = Cap::Off,
                _ => {
                    if let Some(h) = clamped(&mut ignored, k, v, CAP_LIMITS, "hours") {
                        s.cap = Cap::Hours(h);
                    }
                }
            },
            "sat" => {
                if let Some(x) = clamped(&mut ignored, k, v, SAT_LIMITS, "%") {
                    s.sat = x;
                }
            }
            "rel" => {
                if let Some(x) = clamped(&mut ignored, k, v, REL_LIMITS, "%") {
                    s.rel = x;
                }
            }
            "anchor" => match v {
                "fit" => s.anchor = Anchor::Fit,
                "last" => s.anchor = Anchor::Last,
                _ => dates.push((k.into(), v.into())),
            },
            "units" => match v {
                "work" => s.units = Units::Work,
                "calendar" => s.units = Units::Calendar,
                _ => dates.push((k.into(), v.into())),
            },
            "goal" => {
                if v.is_empty() {
                    s.goal = None;
                } else if let Some(g) = clamped(&mut ignored, k, v, GOAL_LIMITS, "hours") {
                    s.goal = Some(g);
                }
            }
            "mc" => match v.parse::<u64>() {
                Ok(n) => {
                    s.mc = n.min(u64::from(MC_MAX)) as u32;
                    if n > u64::from(MC_MAX) {
                        report(
                            &mut ignored,
                            k,
                            v,
                            format!("at most {MC_MAX} draws; using {MC_MAX}"),
                        );
                    }
                }
                Err(_) => report(
                    &mut ignored,
                    k,
                    v,
                    "not a whole number of draws; using the default".into(),
                ),
            },
            "drop" => {
                let mut ids: Vec<String> = v
                    .split(',')
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect();
                ids.sort();
                ids.dedup();
                s.drop = ids;
            }
            "data" => data = Some(v.to_string()),
            "embed" => embed = matches!(v, "1" | "true" | "yes"),
            "view" => match View::from_token(v) {
                Some(w) => view = w,
                None if v.is_empty() => view = View::Single,
                None => dates.push((k.into(), v.into())),
            },
            _ => {}
        }
    }
    // Keys whose meaning needs the others (or a message with a default) are read last.
    for (k, v) in dates {
        match k.as_str() {
            "series" => report(
                &mut ignored,
                &k,
                &v,
                format!("unknown series; showing {}", s.series),
            ),
            "fit" => report(
                &mut ignored,
                &k,
                &v,
                "expected frontier or all; fitting frontier points".into(),
            ),
            "model" => report(
                &mut ignored,
                &k,
                &v,
                "expected exp, superexp or logistic; using the series' default".into(),
            ),
            "anchor" => report(
                &mut ignored,
                &k,
                &v,
                "expected fit or last; anchoring on the fit".into(),
            ),
            "units" => report(
                &mut ignored,
                &k,
                &v,
                "expected work or calendar; using work time".into(),
            ),
            "view" => {
                view = View::Single;
                report(
                    &mut ignored,
                    &k,
                    &v,
                    "expected single or mosaic; showing one series".into(),
                )
            }
            "until" => match Day::parse(&v) {
                Ok(d) => {
                    let c = d.clamp(UNTIL_LIMITS.0, UNTIL_LIMITS.1);
                    if c != d {
                        report(
                            &mut ignored,
                            &k,
                            &v,
                            format!(
                                "must be between {} and {}; using {c}",
                                UNTIL_LIMITS.0, UNTIL_LIMITS.1
                            ),
                        );
                    }
                    s.until = c;
                }
                Err(e) => report(&mut ignored, &k, &v, format!("{e}; using {}", s.until)),
            },
            _ => {
                let parsed = if v.is_empty() {
                    Ok(None)
                } else {
                    Day::parse(&v).map(Some)
                };
                match (k.as_str(), parsed) {
                    ("from", Ok(d)) => s.from = d,
                    ("to", Ok(d)) => s.to = d,
                    ("asof", Ok(d)) => s.asof = d,
                    (_, Err(e)) => report(&mut ignored, &k, &v, format!("{e}; left open")),
                    _ => {}
                }
            }
        }
    }
    if let (Some(f), Some(t)) = (s.from, s.to) {
        if f > t {
            report(
                &mut ignored,
                "to",
                &t.to_string(),
                format!("fit window ends before it starts ({f}); using an open end"),
            );
            s.to = None;
        }
    }
    Decoded {
        state: s,
        ignored,
        data,
        embed,
        view,
    }
}

/// Writes every setting (not only non-defaults, so a link keeps its meaning when defaults
/// change), in a fixed order. Pass the state [`resolved`] for its series so that `model` and
/// `cap` are written explicitly; `vintage` is the dataset's, written as `data`.
///
/// ```
/// use trendline_core::{url_state::{decode, encode}, State};
/// let s = State::default();
/// let q = encode(&s, "2026-11-27");
/// assert!(q.starts_with("v=1&data=2026-11-27&series=metr-th1.1-p50&model=auto&from=&to=&fit=frontier"));
/// assert_eq!(decode(&q, &["metr-th1.1-p50"]).state, s);
/// ```
pub fn encode(state: &State, vintage: &str) -> String {
    let date = |d: Option<Day>| d.map(|d| d.to_string()).unwrap_or_default();
    let num = |x: f64| format!("{x}");
    let cap = match state.cap {
        Cap::Default => "default".to_string(),
        Cap::Off => "none".to_string(),
        Cap::Hours(h) => num(h),
    };
    form_urlencoded::Serializer::new(String::new())
        .append_pair("v", &URL_SCHEMA_VERSION.to_string())
        .append_pair("data", vintage)
        .append_pair("series", &state.series)
        .append_pair("model", state.model.map_or("auto", Family::token))
        .append_pair("from", &date(state.from))
        .append_pair("to", &date(state.to))
        .append_pair("fit", state.selection.token())
        .append_pair("cap", &cap)
        .append_pair("drop", &state.drop.join(","))
        .append_pair("dt", &state.doubling.map_or_else(|| "fit".into(), num))
        .append_pair("accel", &state.accel.map_or_else(|| "fit".into(), num))
        .append_pair("floor", &num(state.floor))
        .append_pair("sat", &num(state.sat))
        .append_pair("anchor", state.anchor.token())
        .append_pair("rel", &num(state.rel))
        .append_pair("units", state.units.token())
        .append_pair("goal", &state.goal.map(num).unwrap_or_default())
        .append_pair("mc", &state.mc.to_string())
        .append_pair("asof", &date(state.asof))
        .append_pair("until", &state.until.to_string())
        .finish()
}

/// The state with its series-dependent defaults made explicit (the family and the cap), so a
/// link written from it keeps its meaning if those defaults change.
pub fn resolved(state: &State, meta: &SeriesMeta) -> State {
    let mut s = state.clone();
    s.model = Some(state.family(meta.unit));
    if s.cap == Cap::Default && meta.unit == crate::dataset::Unit::Minutes {
        s.cap = meta.fit_cap.map_or(Cap::Off, |c| Cap::Hours(c / 60.0));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[&str] = &["metr-th1.1-p50", "swebench-verified"];

    #[test]
    fn one_bad_value_keeps_its_siblings() {
        let d = decode("series=swebench-verified&from=2023-13-01&to=2025-06-30&fit=all&dt=-5&zzz=1&mc=lots&sat=90", KNOWN);
        assert_eq!(d.state.series, "swebench-verified");
        assert_eq!(d.state.from, None);
        assert_eq!(d.state.to, Day::parse("2025-06-30").ok());
        assert_eq!(d.state.selection, Selection::All);
        assert_eq!(
            d.state.doubling,
            Some(1.0),
            "out-of-range values are clamped"
        );
        assert_eq!(d.state.sat, 90.0);
        assert_eq!(d.state.mc, crate::state::MC_DEFAULT);
        let mut keys: Vec<&str> = d.ignored.iter().map(|i| i.key.as_str()).collect();
        keys.sort();
        assert_eq!(keys, ["dt", "from", "mc"]);
    }

    #[test]
    fn garbage_queries_give_defaults() {
        for q in [
            "",
            "?",
            "&&&",
            "%",
            "series",
            "=x",
            "series=%FF%FE",
            "dt=NaN",
            "dt=inf",
            "from=2023-01-01&to=2022-01-01",
            "model=quadratic",
            "cap=-",
            "until=1999-01-01",
            "rel=abc",
            "accel=1e999",
            "drop=,,,",
        ] {
            let d = decode(q, KNOWN);
            assert_eq!(d.state.series, "metr-th1.1-p50", "{q}");
            assert_eq!(d.state.doubling, None, "{q}");
            assert_eq!(d.state.to, None, "{q}");
            assert_eq!(d.state.model, None, "{q}");
            assert!(d.state.drop.is_empty(), "{q}");
        }
    }

    #[test]
    fn round_trips_every_setting() {
        let s = State {
            series: "swebench-verified".into(),
            from: Day::parse("2023-01-01").ok(),
            to: Day::parse("2026-01-31").ok(),
            selection: Selection::All,
            doubling: Some(123.456789),
            model: Some(Family::Superexponential),
            accel: Some(-12.5),
            floor: 30.0,
            cap: Cap::Hours(24.0),
            sat: 92.5,
            anchor: Anchor::Last,
            rel: 80.0,
            units: Units::Calendar,
            goal: Some(100.0),
            mc: 0,
            asof: Day::parse("2025-01-01").ok(),
            drop: vec!["a b".into(), "c&d".into()],
            until: Day::parse("2040-06-30").unwrap(),
        };
        let d = decode(&encode(&s, "2026-11-27"), KNOWN);
        assert_eq!(d.state, s);
        assert!(d.ignored.is_empty(), "{:?}", d.ignored);
        assert_eq!(d.data.as_deref(), Some("2026-11-27"));
        for cap in [Cap::Default, Cap::Off] {
            let c = State {
                cap,
                ..State::default()
            };
            assert_eq!(decode(&encode(&c, "x"), KNOWN).state.cap, cap);
        }
    }

    #[test]
    fn view_is_read_key_by_key() {
        assert_eq!(decode("", KNOWN).view, View::Single);
        assert_eq!(decode("view=mosaic", KNOWN).view, View::Mosaic);
        assert_eq!(decode("view=mosaic&view=single", KNOWN).view, View::Single);
        let d = decode("view=grid&series=swebench-verified&dt=90", KNOWN);
        assert_eq!(d.view, View::Single);
        assert_eq!(d.state.series, "swebench-verified");
        assert_eq!(d.state.doubling, Some(90.0));
        assert_eq!(d.ignored.len(), 1);
        assert_eq!(d.ignored[0].key, "view");
        for v in [View::Single, View::Mosaic] {
            let q = format!("{}&view={}", encode(&State::default(), "x"), v.token());
            assert_eq!(decode(&q, KNOWN).view, v);
            assert_eq!(decode(&q, KNOWN).state, State::default());
        }
    }

    #[test]
    fn embed_flag_is_read() {
        assert!(decode("embed=1", KNOWN).embed);
        assert!(!decode("embed=0", KNOWN).embed);
    }
}
