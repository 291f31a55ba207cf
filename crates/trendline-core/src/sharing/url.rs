//! The state as a URL query string: short stable keys, decoded key by key so that one bad
//! value never wipes its valid siblings.

use crate::data::dataset::SeriesMeta;
use crate::data::date::Day;
use crate::model::family::Family;
use crate::model::fit::Selection;
use crate::settings::{
    Anchor, Band, Cap, Scale, Scenario, State, Units, ACCEL_LIMITS, BY_LIMITS, CAP_LIMITS,
    DOUBLING_DAYS_LIMITS, FLOOR_LIMITS, GOAL_LIMITS, MC_MAX, REL_LIMITS, SAT_LIMITS,
    SCENARIO_SLOTS, UNTIL_LIMITS,
};

/// Version of the query-string schema, written as `v`.
pub const URL_SCHEMA_VERSION: u32 = 1;

/// Version of a scenario value (`sa`, `sb`, `sc`), its first `~`-separated field.
pub const SCENARIO_TOKEN_VERSION: &str = "1";

/// The URL keys of the scenario slots A, B and C.
pub const SCENARIO_KEYS: [&str; SCENARIO_SLOTS] = ["sa", "sb", "sc"];

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
    crate::data::number::parse_f64(v).filter(|x| x.is_finite())
}

/// Records that `key=value` was not used as given (one entry per key, the last wins).
/// A date key: parsed and clamped to `limits`, with a notice when it was clamped; a value that
/// does not parse keeps `current`, also with a notice.
fn date_in(
    ignored: &mut Vec<Ignored>,
    key: &str,
    value: &str,
    limits: (Day, Day),
    current: Day,
) -> Day {
    match Day::parse(value) {
        Ok(d) => {
            let c = d.clamp(limits.0, limits.1);
            if c != d {
                let why = format!("must be between {} and {}; using {c}", limits.0, limits.1);
                report(ignored, key, value, why);
            }
            c
        }
        Err(e) => {
            report(ignored, key, value, format!("{e}; using {current}"));
            current
        }
    }
}

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
/// none); `mc` (draws, 0 = off); `drop` (comma-separated point ids); `until` (ISO date);
/// `scale` (`log`|`linear`); `band` (`calibrated`|`fit`); `by` (ISO date of the chance of each
/// milestone); `sa`, `sb`, `sc` (scenarios A–C, see [`encode_scenario`]; empty =
/// none); `v`; `data`; `embed`; `view` (`single`|`mosaic`). Unknown keys are ignored silently; a malformed value falls back to its
/// default, an out-of-range one is clamped, and both are reported. If a key repeats, the last
/// value wins.
///
/// ```
/// use trendline_core::sharing::url::decode;
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
            "band" => match Band::from_token(v) {
                Some(b) => s.band = b,
                None => dates.push((k.into(), v.into())),
            },
            "from" | "to" | "asof" | "until" | "by" => dates.push((k.to_string(), v.to_string())),
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
                crate::data::order::sort(&mut ids);
                ids.dedup();
                s.drop = ids;
            }
            "scale" => match Scale::from_token(v) {
                Some(k) => s.scale = k,
                None => dates.push((k.into(), v.into())),
            },
            "sa" | "sb" | "sc" => {
                let slot = SCENARIO_KEYS.iter().position(|x| *x == k).unwrap_or(0);
                if v.is_empty() {
                    s.scenarios[slot] = None;
                } else {
                    match decode_scenario(v, slot) {
                        Ok((sc, problems)) => {
                            s.scenarios[slot] = Some(sc);
                            if !problems.is_empty() {
                                report(&mut ignored, k, v, problems.join("; "));
                            }
                        }
                        Err(why) => {
                            s.scenarios[slot] = None;
                            report(&mut ignored, k, v, why);
                        }
                    }
                }
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
            "scale" => report(
                &mut ignored,
                &k,
                &v,
                "expected log or linear; using the log scale".into(),
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
            "band" => report(
                &mut ignored,
                &k,
                &v,
                "expected calibrated or fit; using the calibrated band".into(),
            ),
            "by" => s.by = date_in(&mut ignored, &k, &v, BY_LIMITS, s.by),
            "until" => s.until = date_in(&mut ignored, &k, &v, UNTIL_LIMITS, s.until),
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
/// use trendline_core::{sharing::url::{decode, encode}, State};
/// let s = State::default();
/// let q = encode(&s, "2026-11-27");
/// assert!(q.starts_with("v=1&data=2026-11-27&series=metr-th1.1-p50&model=auto&from=&to=&fit=frontier"));
/// assert_eq!(decode(&q, &["metr-th1.1-p50"]).state, s);
/// ```
pub fn encode(state: &State, vintage: &str) -> String {
    let date = |d: Option<Day>| d.map(|d| d.to_string()).unwrap_or_default();
    let num = |x: f64| format!("{x}");
    let cap = cap_token(state.cap);
    let mut q = form_urlencoded::Serializer::new(String::new());
    q.append_pair("v", &URL_SCHEMA_VERSION.to_string())
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
        .append_pair("scale", state.scale.token())
        .append_pair("band", state.band.token())
        .append_pair("by", &state.by.to_string());
    for (key, sc) in SCENARIO_KEYS.iter().zip(&state.scenarios) {
        if let Some(sc) = sc {
            q.append_pair(key, &encode_scenario(sc));
        }
    }
    q.finish()
}

/// One scenario as a URL value: `~`-separated fields, the version first and the name last (so
/// a name may hold `~`): `1~<model>~<dt>~<accel>~<floor>~<cap>~<sat>~<anchor>~<name>`, each
/// field written as its own URL key writes it (`auto`, `fit`, `default`, `none`, numbers as
/// `f64` `Display`).
///
/// ```
/// use trendline_core::{settings::Scenario, sharing::url::{decode_scenario, encode_scenario}};
/// let [a, b, c] = Scenario::examples();
/// assert_eq!(encode_scenario(&b), "1~auto~365.25~fit~0~default~100~fit~Slows to 12-month doubling");
/// assert_eq!(encode_scenario(&c), "1~superexp~fit~15~0~default~100~fit~Superexponential 15%");
/// assert_eq!(decode_scenario(&encode_scenario(&a), 0).unwrap().0, a);
/// ```
pub fn encode_scenario(sc: &Scenario) -> String {
    let num = |x: f64| format!("{x}");
    [
        SCENARIO_TOKEN_VERSION.to_string(),
        sc.model.map_or("auto", Family::token).to_string(),
        sc.doubling.map_or_else(|| "fit".into(), num),
        sc.accel.map_or_else(|| "fit".into(), num),
        num(sc.floor),
        cap_token(sc.cap),
        num(sc.sat),
        sc.anchor.token().to_string(),
        sc.name.clone(),
    ]
    .join("~")
}

fn cap_token(cap: Cap) -> String {
    match cap {
        Cap::Default => "default".to_string(),
        Cap::Off => "none".to_string(),
        Cap::Hours(h) => format!("{h}"),
    }
}

/// Reads a value written by [`encode_scenario`] for `slot` (0 = A). A field that is malformed
/// or out of range falls back to its default (or is clamped) and is listed in the returned
/// problems, so one bad field keeps its siblings; missing trailing fields take their defaults
/// (an empty name becomes "Scenario A"). An unknown version is an error: the scenario is left
/// out rather than guessed at.
pub fn decode_scenario(v: &str, slot: usize) -> Result<(Scenario, Vec<String>), String> {
    let mut fields = v.splitn(9, '~');
    let version = fields.next().unwrap_or_default();
    if version != SCENARIO_TOKEN_VERSION {
        return Err(format!(
            "scenario version {:?} is not one this version of Trendline reads ({SCENARIO_TOKEN_VERSION}); scenario left out",
            version.chars().take(12).collect::<String>()
        ));
    }
    let mut field = || fields.next().map(str::trim).unwrap_or_default();
    let mut problems = Vec::new();
    let d = Scenario::from_state(&State::default(), "");
    let mut one = |what: &str, raw: &str, lim: (f64, f64), unit: &str| -> Option<f64> {
        let mut ig = Vec::new();
        let x = clamped(&mut ig, what, raw, lim, unit);
        problems.extend(ig.into_iter().map(|i| format!("{what}: {}", i.reason)));
        x
    };
    let model_raw = field();
    let dt_raw = field();
    let accel_raw = field();
    let floor_raw = field();
    let cap_raw = field();
    let sat_raw = field();
    let anchor_raw = field();
    let name_raw = field().to_string();
    let doubling = match dt_raw {
        "" | "fit" => None,
        x => one("doubling time", x, DOUBLING_DAYS_LIMITS, "days"),
    };
    let accel = match accel_raw {
        "" | "fit" => None,
        x => one("acceleration", x, ACCEL_LIMITS, "%"),
    };
    let floor = match floor_raw {
        "" => d.floor,
        x => one("floor", x, FLOOR_LIMITS, "days").unwrap_or(d.floor),
    };
    let cap = match cap_raw {
        "" | "default" => Cap::Default,
        "none" | "off" => Cap::Off,
        x => one("cap", x, CAP_LIMITS, "hours").map_or(Cap::Default, Cap::Hours),
    };
    let sat = match sat_raw {
        "" => d.sat,
        x => one("saturation", x, SAT_LIMITS, "%").unwrap_or(d.sat),
    };
    let model = match (model_raw, Family::from_token(model_raw)) {
        ("" | "auto", _) => None,
        (_, Some(f)) => Some(f),
        _ => {
            problems.push(
                "family: expected exp, superexp or logistic; using the series' default".into(),
            );
            None
        }
    };
    let anchor = match anchor_raw {
        "" | "fit" => Anchor::Fit,
        "last" => Anchor::Last,
        _ => {
            problems.push("anchor: expected fit or last; anchoring on the fit".into());
            Anchor::Fit
        }
    };
    let sc = Scenario {
        name: Scenario::clean_name(&name_raw, &format!("Scenario {}", Scenario::letter(slot))),
        model,
        doubling,
        accel,
        floor,
        cap,
        sat,
        anchor,
    };
    Ok((sc, problems))
}

/// The state with its series-dependent defaults made explicit (the family and the cap), so a
/// link written from it keeps its meaning if those defaults change.
pub fn resolved(state: &State, meta: &SeriesMeta) -> State {
    let mut s = state.clone();
    s.model = Some(state.family(meta.unit));
    if s.cap == Cap::Default && meta.unit == crate::data::units::Unit::Minutes {
        s.cap = meta.fit_cap.map_or(Cap::Off, |c| Cap::Hours(c / 60.0));
    }
    s
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // tests sort freely: they are not in the wasm
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
        assert_eq!(d.state.mc, crate::settings::MC_DEFAULT);
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
            scale: Scale::Linear,
            band: Band::Fit,
            by: Day::parse("2045-03-01").unwrap(),
            scenarios: [
                Some(Scenario {
                    name: "Slow ~ & = ; 100% \u{e9}".into(),
                    doubling: Some(400.5),
                    cap: Cap::Off,
                    anchor: Anchor::Last,
                    ..Scenario::examples()[0].clone()
                }),
                None,
                Some(Scenario {
                    cap: Cap::Hours(8.0),
                    sat: 90.0,
                    floor: 12.0,
                    ..Scenario::examples()[2].clone()
                }),
            ],
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
    fn scenarios_are_read_slot_by_slot() {
        let good = encode_scenario(&Scenario::examples()[1]);
        let q = format!(
            "sa={}&sb=2~exp&sc=1~cubic~-5~fit~x~zz~500~up~%00%01  C  name  ",
            good.replace(' ', "+").replace('%', "%25")
        );
        let d = decode(&q, KNOWN);
        assert_eq!(d.state.scenarios[0], Some(Scenario::examples()[1].clone()));
        assert_eq!(d.state.scenarios[1], None, "unknown version: left out");
        let c = d.state.scenarios[2]
            .clone()
            .expect("bad fields keep the scenario");
        assert_eq!(c.name, "C name");
        assert_eq!(c.model, None);
        assert_eq!(c.doubling, Some(DOUBLING_DAYS_LIMITS.0));
        assert_eq!(c.floor, 0.0);
        assert_eq!(c.cap, Cap::Default);
        assert_eq!(c.sat, 100.0);
        assert_eq!(c.anchor, Anchor::Fit);
        let mut keys: Vec<&str> = d.ignored.iter().map(|i| i.key.as_str()).collect();
        keys.sort();
        assert_eq!(keys, ["sb", "sc"]);
        let why = &d.ignored.iter().find(|i| i.key == "sc").unwrap().reason;
        for part in [
            "family",
            "doubling time",
            "floor",
            "cap",
            "saturation",
            "anchor",
        ] {
            assert!(why.contains(part), "{why}");
        }
        assert!(decode("sa=1", KNOWN).state.scenarios[0]
            .as_ref()
            .is_some_and(|s| s.name == "Scenario A"));
        assert_eq!(
            decode("sa=1~exp&sa=", KNOWN).state.scenarios[0],
            None,
            "last wins"
        );
        assert_eq!(decode("scale=linear", KNOWN).state.scale, Scale::Linear);
        let bad = decode("scale=cubic", KNOWN);
        assert_eq!(bad.state.scale, Scale::Log);
        assert_eq!(bad.ignored[0].key, "scale");
    }

    #[test]
    fn embed_flag_is_read() {
        assert!(decode("embed=1", KNOWN).embed);
        assert!(!decode("embed=0", KNOWN).embed);
    }
}
