//! The state as a URL query string: short stable keys, decoded key by key so that one bad
//! value never wipes its valid siblings.

use crate::date::Day;
use crate::fit::Selection;
use crate::forecast::DOUBLING_DAYS_LIMITS;
use crate::state::State;

/// Version of the query-string schema, written as `v`.
pub const URL_SCHEMA_VERSION: u32 = 1;

/// A query value that was not used, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ignored {
    /// The key.
    pub key: String,
    /// The value as given.
    pub value: String,
    /// Why it was not used and what was used instead.
    pub reason: String,
}

/// The state read from a query string plus what was ignored.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    /// The state: defaults, overridden by every valid key.
    pub state: State,
    /// Values that were malformed or out of range.
    pub ignored: Vec<Ignored>,
}

/// Reads `query` (with or without a leading `?`). `known_series` lists valid series ids.
///
/// Keys: `series`, `from`, `to` (ISO dates, empty = open), `fit` (`frontier`|`all`),
/// `dt` (days, or `fit`/empty = the fitted value; clamped to 1–36 525), `v` (schema). Unknown
/// keys are ignored silently; a malformed value falls back to its default and is reported. If
/// a key repeats, the last value wins.
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
    let mut state = State::default();
    let mut ignored = Vec::new();
    let mut bad = |key: &str, value: &str, reason: String| {
        ignored.retain(|i: &Ignored| i.key != key);
        ignored.push(Ignored {
            key: key.into(),
            value: value.into(),
            reason,
        });
    };
    for (k, v) in form_urlencoded::parse(q.as_bytes()) {
        let (k, v) = (k.as_ref(), v.trim());
        match k {
            "series" => {
                if known_series.contains(&v) {
                    state.series = v.to_string();
                } else {
                    bad(k, v, format!("unknown series; showing {}", state.series));
                }
            }
            "from" | "to" => {
                let parsed = if v.is_empty() {
                    Ok(None)
                } else {
                    Day::parse(v).map(Some)
                };
                match parsed {
                    Ok(d) => {
                        if k == "from" {
                            state.from = d;
                        } else {
                            state.to = d;
                        }
                    }
                    Err(e) => bad(k, v, format!("{e}; using the full range")),
                }
            }
            "fit" => match Selection::from_token(v) {
                Some(s) => state.selection = s,
                None => bad(
                    k,
                    v,
                    "expected frontier or all; fitting frontier points".into(),
                ),
            },
            "dt" => {
                if v.is_empty() || v == "fit" {
                    state.doubling = None;
                } else {
                    match v.parse::<f64>() {
                        Ok(t) if t.is_finite() => {
                            let (lo, hi) = DOUBLING_DAYS_LIMITS;
                            let c = t.clamp(lo, hi);
                            if c != t {
                                bad(
                                    k,
                                    v,
                                    format!("doubling time must be {lo}–{hi} days; using {c}"),
                                );
                            }
                            state.doubling = Some(c);
                        }
                        _ => bad(
                            k,
                            v,
                            "not a number of days; using the fitted doubling time".into(),
                        ),
                    }
                }
            }
            _ => {}
        }
    }
    if let (Some(f), Some(t)) = (state.from, state.to) {
        if f > t {
            bad(
                "to",
                &t.to_string(),
                format!("fit window ends before it starts ({f}); using an open end"),
            );
            state.to = None;
        }
    }
    Decoded { state, ignored }
}

/// Writes every setting (not only non-defaults, so a link keeps its meaning when defaults
/// change): `v=1&series=…&from=…&to=…&fit=…&dt=…`; open window ends are written empty and the
/// fitted doubling time as `dt=fit`.
///
/// ```
/// use trendline_core::{url_state::{decode, encode}, State};
/// let s = State::default();
/// assert_eq!(encode(&s), "v=1&series=metr-th1.1-p50&from=&to=&fit=frontier&dt=fit");
/// assert_eq!(decode(&encode(&s), &["metr-th1.1-p50"]).state, s);
/// ```
pub fn encode(state: &State) -> String {
    let date = |d: Option<Day>| d.map(|d| d.to_string()).unwrap_or_default();
    let dt = state
        .doubling
        .map_or_else(|| "fit".to_string(), |t| format!("{t}"));
    form_urlencoded::Serializer::new(String::new())
        .append_pair("v", &URL_SCHEMA_VERSION.to_string())
        .append_pair("series", &state.series)
        .append_pair("from", &date(state.from))
        .append_pair("to", &date(state.to))
        .append_pair("fit", state.selection.token())
        .append_pair("dt", &dt)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[&str] = &["metr-th1.1-p50", "swebench-verified"];

    #[test]
    fn one_bad_value_keeps_its_siblings() {
        let d = decode(
            "series=swebench-verified&from=2023-13-01&to=2025-06-30&fit=all&dt=-5&zzz=1",
            KNOWN,
        );
        assert_eq!(d.state.series, "swebench-verified");
        assert_eq!(d.state.from, None);
        assert_eq!(d.state.to, Day::parse("2025-06-30").ok());
        assert_eq!(d.state.selection, Selection::All);
        assert_eq!(
            d.state.doubling,
            Some(1.0),
            "out-of-range values are clamped"
        );
        let keys: Vec<&str> = d.ignored.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, ["from", "dt"]);
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
        ] {
            let d = decode(q, KNOWN);
            assert_eq!(d.state.series, "metr-th1.1-p50", "{q}");
            assert_eq!(d.state.doubling, None, "{q}");
            assert_eq!(d.state.to, None, "{q}");
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
        };
        let d = decode(&encode(&s), KNOWN);
        assert_eq!(d.state, s);
        assert!(d.ignored.is_empty());
    }
}
