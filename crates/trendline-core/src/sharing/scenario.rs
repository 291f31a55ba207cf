//! Scenario files: every setting of a view as a small JSON document a reader can save, share and
//! load again (read and written with [`crate::sharing::json`]).
//!
//! A scenario file looks like this (2-space indent, keys in this order):
//!
//! ```text
//! {
//!   "format": "trendline-scenario",
//!   "version": 1,
//!   "data": "2026-11-27",
//!   "series_title": "METR Time Horizon 1.1 (50% success)",
//!   "settings": {
//!     "v": "1",
//!     "data": "2026-11-27",
//!     "series": "metr-th1.1-p50",
//!     "model": "exp",
//!     …
//!     "drop": ["gpt_4", "o1"],
//!     …
//!   }
//! }
//! ```
//!
//! `settings` holds every key of the URL query ([`crate::sharing::url::encode`]) with its value as
//! a string, except `drop`, which is an array of point ids (so that an id containing a comma
//! survives; in the URL the ids are comma-separated). Loading goes back through
//! [`crate::sharing::url::decode`], so every per-key fallback and notice of a shared link applies
//! to a scenario file too.

use crate::data::dataset::SeriesMeta;
use crate::settings::State;
use crate::sharing::json::{parse, Json};
use crate::sharing::url::{decode, encode, resolved, Decoded, Ignored};

/// The `format` field of a scenario file.
pub const SCENARIO_FORMAT: &str = "trendline-scenario";
/// The `version` field of the scenario files this code writes and reads.
pub const SCENARIO_VERSION: u32 = 1;

/// The scenario file for `state` on the series `meta` describes, with the dataset `vintage`.
///
/// `{"format": "trendline-scenario", "version": 1, "data": <vintage>, "series_title":
/// <meta.title>, "settings": {…}}`, pretty-printed with a 2-space indent, where `settings` has
/// every key of `encode(resolved(state, meta), vintage)` in the URL's order with its (decoded)
/// value as a string, except `drop`, written as an array of the dropped point ids. The family
/// and cap are thus explicit, so the file keeps its meaning if the series' defaults change.
pub fn scenario_json(state: &State, meta: &SeriesMeta, vintage: &str) -> String {
    let r = resolved(state, meta);
    let query = encode(&r, vintage);
    let settings: Vec<(String, Json)> = form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| {
            let value = if k == "drop" {
                Json::Array(r.drop.iter().map(|d| Json::String(d.clone())).collect())
            } else {
                Json::String(v.into_owned())
            };
            (k.into_owned(), value)
        })
        .collect();
    let doc = Json::Object(vec![
        ("format".into(), Json::String(SCENARIO_FORMAT.into())),
        ("version".into(), Json::Number(f64::from(SCENARIO_VERSION))),
        ("data".into(), Json::String(vintage.into())),
        ("series_title".into(), Json::String(meta.title.to_string())),
        ("settings".into(), Json::Object(settings)),
    ]);
    let mut text = doc.write_pretty();
    text.push('\n');
    text
}

/// A setting's value as URL text: strings as they are, numbers as `f64` `Display`, `true` and
/// `false` as words, `null` as empty; `None` for arrays and objects.
fn scalar_text(v: &Json) -> Option<String> {
    match v {
        Json::String(s) => Some(s.clone()),
        Json::Number(x) => Some(format!("{x}")),
        Json::Bool(b) => Some(b.to_string()),
        Json::Null => Some(String::new()),
        Json::Array(_) | Json::Object(_) => None,
    }
}

/// Reads a scenario file written by [`scenario_json`] (or by hand). `known_series` lists valid
/// series ids.
///
/// The file must be JSON (a leading byte-order mark is tolerated) whose top level is an object
/// with `"format": "trendline-scenario"`, `"version": 1` and a `settings` object; other members
/// are ignored. Each setting's value may be a string, a number, `true`/`false` or `null`
/// (empty); `drop` may also be an array of point ids (kept exactly, trimmed, sorted and
/// de-duplicated) or a comma-separated string as in a URL. The settings are rebuilt into a query
/// and read by [`crate::sharing::url::decode`], so unknown keys are ignored and a bad value falls
/// back to its default with a notice in [`Decoded::ignored`]; an array or object where a single
/// value belongs is ignored the same way. When `settings` has no `data`, the top-level `data`
/// is used.
///
/// Errors are sentences for the reader: not JSON (with line and column), not a scenario file,
/// an unsupported version, or `settings` not an object.
pub fn parse_scenario(text: &str, known_series: &[&str]) -> Result<Decoded, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = parse(text).map_err(|e| format!("This file is not valid JSON ({e})."))?;
    if !matches!(doc, Json::Object(_)) {
        return Err(format!(
            "This is not a Trendline scenario file: it holds {} instead of an object with \"format\": \"{SCENARIO_FORMAT}\".",
            doc.kind()
        ));
    }
    match doc.get("format") {
        Some(Json::String(f)) if f == SCENARIO_FORMAT => {}
        Some(Json::String(f)) => {
            return Err(format!(
                "This is not a Trendline scenario file: its format is \"{f}\", not \"{SCENARIO_FORMAT}\"."
            ))
        }
        _ => {
            return Err(format!(
                "This is not a Trendline scenario file: it has no \"format\": \"{SCENARIO_FORMAT}\" field."
            ))
        }
    }
    match doc.get("version") {
        Some(Json::Number(v)) if *v == f64::from(SCENARIO_VERSION) => {}
        Some(v) => {
            let shown = match v {
                Json::Number(x) => format!("{x}"),
                other => other.write(),
            };
            return Err(format!(
                "This scenario file has version {shown}; this version of Trendline reads version {SCENARIO_VERSION}."
            ));
        }
        None => {
            return Err(format!(
                "This scenario file does not say its version; this version of Trendline reads version {SCENARIO_VERSION} files, which have \"version\": {SCENARIO_VERSION}."
            ))
        }
    }
    let Some(Json::Object(settings)) = doc.get("settings") else {
        return Err(
            "This scenario file has no settings: \"settings\" must be an object of setting names and values."
                .to_string(),
        );
    };
    let mut query = form_urlencoded::Serializer::new(String::new());
    let mut unusable: Vec<(String, String)> = Vec::new();
    let mut drop_ids: Option<Vec<String>> = None;
    let mut has_data = false;
    for (k, v) in settings {
        has_data |= k == "data";
        match (k.as_str(), v) {
            ("drop", Json::Array(items)) => {
                let mut ids = Vec::new();
                for item in items {
                    match item {
                        Json::String(_) | Json::Number(_) => {
                            if let Some(t) = scalar_text(item) {
                                ids.push(t.trim().to_string());
                            }
                        }
                        other => unusable.push((k.clone(), other.write())),
                    }
                }
                ids.retain(|i| !i.is_empty());
                crate::data::order::sort(&mut ids);
                ids.dedup();
                drop_ids = Some(ids);
            }
            _ => match scalar_text(v) {
                Some(t) => {
                    if k == "drop" {
                        drop_ids = None;
                    }
                    query.append_pair(k, &t);
                }
                None => unusable.push((k.clone(), v.write())),
            },
        }
    }
    if !has_data {
        if let Some(d) = doc.get("data").and_then(scalar_text) {
            query.append_pair("data", &d);
        }
    }
    let mut decoded = decode(&query.finish(), known_series);
    if let Some(ids) = drop_ids {
        decoded.state.drop = ids;
    }
    for (key, value) in unusable {
        decoded.ignored.retain(|i| i.key != key);
        decoded.ignored.push(Ignored {
            key,
            value,
            reason: "expected a single value (a string or a number); using the default".into(),
        });
    }
    Ok(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny deterministic generator (xorshift64*), so the fuzz inputs are the same every run.
    struct Gen(u64);
    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    #[test]
    fn random_and_truncated_inputs_never_panic() {
        let seed_doc = r#"{"format": "trendline-scenario", "version": 1, "a": [1, -2.5e-3, true, false, null, "x\u00e9\ud83d\ude00\n"], "b": {"c": {}}}"#;
        let alphabet: &[u8] = b"{}[]:,\"\\/-+.eE0123456789tfnulrasb \n\t\x00\x1f\xc3\xa9\xed\xa0\x80\xf0\x9f\x98\x80uUdDcC";
        let mut g = Gen(0x9E37_79B9_7F4A_7C15);
        let mut inputs: Vec<Vec<u8>> = Vec::new();
        // Every truncation of a valid document.
        for k in 0..=seed_doc.len() {
            inputs.push(seed_doc.as_bytes()[..k].to_vec());
        }
        for _ in 0..4000 {
            let mut v: Vec<u8> = match g.below(3) {
                // Random bytes from the structural alphabet.
                0 => (0..g.below(40))
                    .map(|_| alphabet[g.below(alphabet.len())])
                    .collect(),
                // Fully random bytes.
                1 => (0..g.below(40)).map(|_| g.next() as u8).collect(),
                // A valid document with a few bytes replaced, inserted or removed.
                _ => seed_doc.as_bytes().to_vec(),
            };
            for _ in 0..g.below(4) {
                if v.is_empty() {
                    break;
                }
                let at = g.below(v.len());
                match g.below(3) {
                    0 => v[at] = alphabet[g.below(alphabet.len())],
                    1 => v.insert(at, alphabet[g.below(alphabet.len())]),
                    _ => {
                        v.remove(at);
                    }
                }
            }
            inputs.push(v);
        }
        let mut parsed = 0;
        for bytes in &inputs {
            let text = String::from_utf8_lossy(bytes);
            let r = std::panic::catch_unwind(|| parse(&text));
            match r {
                Ok(Ok(v)) => {
                    parsed += 1;
                    assert_eq!(parse(&v.write()).as_ref(), Ok(&v));
                }
                Ok(Err(e)) => assert!(e.line >= 1 && e.column >= 1),
                Err(_) => panic!("parse panicked on {text:?}"),
            }
            let r = std::panic::catch_unwind(|| parse_scenario(&text, &["metr-th1.1-p50"]));
            assert!(r.is_ok(), "parse_scenario panicked on {text:?}");
        }
        assert!(parsed > 0 && parsed < inputs.len(), "{parsed}");
    }
}
