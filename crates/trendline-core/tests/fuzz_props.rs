//! Property tests over every input surface of the core: the URL query decoder, the CSV
//! importer, the scenario-file reader, the manifest and series parsers, every fit, the
//! forecast pipeline and `State::apply`. Each property runs a fixed number of cases (more than
//! 100 000 in all, see `CASES` in each test) with inputs that mix near-valid structure (real
//! keys, headers and members with hostile values) and raw arbitrary text, and asserts that
//! nothing panics and that the documented invariants hold. `make fuzz` runs the matching
//! cargo-fuzz targets (`crates/trendline-core/fuzz`) for longer.

// Tests sort freely: they are not in the wasm (clippy.toml keeps one sort in it).
#![allow(clippy::disallowed_methods)]

use proptest::prelude::*;
use proptest::test_runner::Config;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::OnceLock;
use trendline_core::data::dataset::{parse_manifest, parse_series, EARLIEST_PLAUSIBLE};
use trendline_core::data::import::MAX_MESSAGES;
use trendline_core::forecast::{prepare_with, project};
use trendline_core::model::fit::{fit_line, ols, LinearFit};
use trendline_core::model::superexp::fit_superexp;
use trendline_core::settings::{
    Anchor, Band, Cap, Scale, Scenario, Units, ACCEL_LIMITS, BY_LIMITS, CAP_LIMITS,
    DOUBLING_DAYS_LIMITS, FLOOR_LIMITS, GOAL_LIMITS, MC_MAX, REL_LIMITS, SAT_LIMITS,
    SCENARIO_NAME_MAX, UNTIL_LIMITS,
};
use trendline_core::sharing::json::parse;
use trendline_core::sharing::url::{decode, decode_scenario, encode, encode_scenario, resolved};
use trendline_core::{
    parse_scenario, parse_user_csv, scenario_json, Action, Analyses, Dataset, Day, Family,
    FitWindow, ImportUnit, Json, Point, PointKind, Selection, Series, State, Transform, Unit,
};

const VINTAGE: &str = "2026-11-27";

/// `cases` cases from a fixed seed, so `make test` runs the same inputs every time and a failure
/// reproduces; `PROPTEST_RNG_SEED=<u64>` runs another set (e.g. a random one for exploring).
fn config(cases: u32) -> Config {
    let default = Config::default();
    let rng_seed = if std::env::var_os("PROPTEST_RNG_SEED").is_some() {
        default.rng_seed
    } else {
        proptest::test_runner::RngSeed::Fixed(20_261_203)
    };
    Config {
        cases,
        failure_persistence: None,
        rng_seed,
        ..default
    }
}

fn data() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| {
        Dataset::load_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")).unwrap()
    })
}

fn known() -> Vec<&'static str> {
    data().ids()
}

fn latest() -> Day {
    Day::parse(VINTAGE).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/// Arbitrary text (any Unicode scalar values), up to `max` characters.
fn text(max: usize) -> impl Strategy<Value = String> + Clone {
    prop::collection::vec(any::<char>(), 0..=max).prop_map(String::from_iter)
}

/// Printable ASCII, up to `max` characters.
fn ascii(max: usize) -> impl Strategy<Value = String> + Clone {
    prop::collection::vec(prop::char::range(' ', '~'), 0..=max).prop_map(String::from_iter)
}

/// Numbers as a reader might type them, and many ways they go wrong.
fn wild_number() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (-1.0e6f64..1.0e6).prop_map(|x| format!("{x}")),
        2 => any::<f64>().prop_map(|x| format!("{x}")),
        1 => any::<i64>().prop_map(|x| x.to_string()),
        1 => any::<u64>().prop_map(|x| x.to_string()),
        1 => (0u32..200).prop_map(|x| x.to_string()),
        3 => prop::sample::select(vec![
            "", " ", "0", "-0", "1", "-1", "NaN", "nan", "inf", "-inf", "infinity", "1e300",
            "-1e300", "1e-300", "1e999", "-1e999", "1,5", "1.5.5", "0x10", "+5", "  7  ", "1e",
            ".5", "5.", "\u{0665}", "\u{ff11}", "1\u{0}", "fit", "auto", "default", "none",
            "off", "36525", "36526", "0.0001", "95", "96", "-90", "-91", "20000", "20001",
            "18446744073709551616", "%", "~",
        ])
        .prop_map(str::to_string),
        1 => ascii(8),
    ]
}

/// Dates, valid and not.
fn wild_date() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (1890i32..3010, 0u8..=13, 0u8..=32)
            .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        2 => (2015i32..2031, 1u8..=12, 1u8..=28)
            .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        2 => prop::sample::select(vec![
            "", "2025-02-29", "2024-02-29", "0000-00-00", "9999-12-31", "2024-1-1",
            "-202-01-01", "2024-01-01T00:00", " 2024-01-01 ", "\u{e9}24-01-01", "2024\u{2010}01-01",
            "1899-12-31", "1900-01-01", "2999-12-31", "3000-01-01", "2024/01/01", "20240101",
            "2026-11-28", "2026-11-27", "２０２４-01-01", "2024-01-0\u{0}",
        ])
        .prop_map(str::to_string),
        1 => "[0-9-]{8,12}",
        1 => text(24),
    ]
}

/// A URL value: a number, a date, a token, a list, a scenario token or anything.
fn url_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => wild_number(),
        2 => wild_date(),
        2 => prop::sample::select(vec![
            "frontier", "all", "exp", "superexp", "logistic", "auto", "fit", "last", "work",
            "calendar", "log", "linear", "single", "mosaic", "1", "true", "yes", "0", "none",
            "default", "off", "metr-th1.1-p50", "swebench-verified", "metr-th1.0-p80", "nope",
            "a,b,,c", ",,,", "gpt-4o, o1 ,o1", "calibrated", "Calibrated", "fit ", "2028-12-31",
            "1999-12-31", "2100-12-31", "9999-12-31", "2028-02-30",
        ])
        .prop_map(str::to_string),
        2 => scenario_token(),
        1 => ascii(20),
        1 => text(24),
    ]
}

/// A scenario value `1~model~dt~accel~floor~cap~sat~anchor~name`, with wild fields.
fn scenario_token() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["1", "1", "1", "2", "", "01", " 1"]),
        prop::collection::vec(
            prop_oneof![
                wild_number(),
                prop::sample::select(vec![
                    "exp", "superexp", "logistic", "auto", "fit", "last", "default", "none",
                    "cubic", "",
                ])
                .prop_map(str::to_string),
            ],
            0..8,
        ),
        prop_oneof![
            ascii(60),
            text(24),
            Just("\u{0}\u{1} ~ name ~ \u{200b}".to_string())
        ],
    )
        .prop_map(|(v, fields, name)| {
            let mut parts = vec![v.to_string()];
            parts.extend(fields);
            parts.push(name);
            parts.join("~")
        })
}

const URL_KEYS: &[&str] = &[
    "series", "from", "to", "asof", "until", "fit", "model", "dt", "accel", "floor", "cap", "sat",
    "rel", "anchor", "units", "goal", "mc", "drop", "scale", "sa", "sb", "sc", "data", "embed",
    "view", "v", "zzz", "", "SERIES", "dt ", "%64t", "band", "by", "BAND",
];

/// Percent-encodes some bytes of `s` (or breaks the encoding), the ways links get mangled.
fn mangle(s: &str, how: u8) -> String {
    match how % 4 {
        0 => s.to_string(),
        1 => form_urlencode(s),
        2 => s.replace(' ', "+"),
        _ => format!("{s}%"),
    }
}

fn form_urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A query string: mostly real keys with wild values, sometimes raw text.
fn query() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::collection::vec(
            (prop::sample::select(URL_KEYS), url_value(), any::<u8>(), any::<u8>()),
            0..14,
        )
        .prop_map(|pairs| {
            let body: Vec<String> = pairs
                .iter()
                .map(|(k, v, how, sep)| match sep % 7 {
                    0 => k.to_string(),
                    1 => format!("{k}=={}", mangle(v, *how)),
                    _ => format!("{k}={}", mangle(v, *how)),
                })
                .collect();
            let lead = if pairs.len() % 3 == 0 { "?" } else { "" };
            format!("{lead}{}", body.join("&"))
        }),
        1 => text(200),
        1 => "[a-z=&%0-9A-F?~+.,-]{0,80}",
    ]
}

/// Wild floats for fits: ordinary values, zeros, negatives, huge, tiny and non-finite.
fn wild_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => 0.01f64..10_000.0,
        1 => -1.0e6f64..1.0e6,
        1 => any::<f64>(),
        2 => prop::sample::select(vec![
            0.0, -0.0, 1.0, -1.0, 1e300, -1e300, 1e-300, f64::MAX, f64::MIN_POSITIVE,
            f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 100.0, 99.999, 50.0, 960.0, 961.0,
        ]),
    ]
}

/// Day numbers: realistic dates with many duplicates, the extremes of the accepted range and
/// beyond it.
fn wild_day() -> impl Strategy<Value = Day> {
    prop_oneof![
        6 => (16_436i32..22_000).prop_map(Day::from_number),
        2 => (19_000i32..19_004).prop_map(Day::from_number),
        1 => (Day::MIN.number()..=Day::MAX.number()).prop_map(Day::from_number),
        1 => prop::sample::select(vec![Day::MIN, Day::MAX, Day::from_number(0)]),
    ]
}

fn wild_kind() -> impl Strategy<Value = PointKind> {
    prop_oneof![
        6 => Just(PointKind::Measured),
        1 => prop::sample::select(PointKind::ALL.to_vec()),
    ]
}

/// Raw points (day, value, kind, source frontier flag, ids from a small pool so some repeat).
fn points(max: usize) -> impl Strategy<Value = Vec<Point>> {
    prop::collection::vec(
        (
            wild_day(),
            wild_f64(),
            wild_kind(),
            prop::option::weighted(0.2, any::<bool>()),
            0u8..20,
            prop::option::weighted(0.2, (wild_f64(), wild_f64())),
        ),
        0..max,
    )
    .prop_map(|raw| {
        raw.into_iter()
            .enumerate()
            .map(|(i, (date, value, kind, sf, id, ci))| Point {
                id: if id < 3 {
                    format!("dup-{id}")
                } else {
                    format!("p{i}")
                },
                model: format!("m{i}"),
                org: String::new(),
                date,
                value,
                ci_low: ci.map(|c| c.0.min(c.1)),
                ci_high: ci.map(|c| c.0.max(c.1)),
                source_frontier: sf,
                frontier: false,
                kind,
                source: "fuzz".into(),
            })
            .collect()
    })
}

/// A series with the description of a real one (horizons or scores) and arbitrary points,
/// sorted and with frontier flags resolved the way the parsers leave them.
fn series(max_points: usize) -> impl Strategy<Value = Series> {
    (0..data().series.len(), points(max_points)).prop_map(|(k, mut pts)| {
        pts.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id)));
        trendline_core::data::dataset::resolve_frontier(&mut pts);
        Series {
            meta: data().series[k].meta.clone(),
            points: pts,
        }
    })
}

fn wild_opt_day() -> impl Strategy<Value = Option<Day>> {
    prop::option::of(prop_oneof![
        4 => wild_day(),
        1 => any::<i32>().prop_map(Day::from_number),
        1 => prop::sample::select(vec![i32::MIN, i32::MAX, i32::MAX - 2_440_587, -2_440_589])
            .prop_map(Day::from_number),
    ])
}

fn wild_family() -> impl Strategy<Value = Option<Family>> {
    prop::option::of(prop::sample::select(vec![
        Family::Exponential,
        Family::Superexponential,
        Family::Logistic,
    ]))
}

fn wild_cap() -> impl Strategy<Value = Cap> {
    prop_oneof![
        Just(Cap::Default),
        Just(Cap::Off),
        wild_f64().prop_map(Cap::Hours)
    ]
}

fn wild_anchor() -> impl Strategy<Value = Anchor> {
    prop::sample::select(vec![Anchor::Fit, Anchor::Last])
}

fn wild_scenario() -> impl Strategy<Value = Scenario> {
    (
        text(24),
        wild_family(),
        prop::option::of(wild_f64()),
        prop::option::of(wild_f64()),
        wild_f64(),
        wild_cap(),
        wild_f64(),
        wild_anchor(),
    )
        .prop_map(
            |(name, model, doubling, accel, floor, cap, sat, anchor)| Scenario {
                name,
                model,
                doubling,
                accel,
                floor,
                cap,
                sat,
                anchor,
            },
        )
}

/// Any action the reader (or a loaded file) can dispatch, with wild values.
fn action() -> impl Strategy<Value = Action> {
    let id = prop_oneof![
        prop::sample::select(known()).prop_map(str::to_string),
        ascii(10),
    ];
    prop_oneof![
        id.clone().prop_map(Action::SelectSeries),
        wild_opt_day().prop_map(Action::SetFrom),
        wild_opt_day().prop_map(Action::SetTo),
        prop::sample::select(vec![Selection::Frontier, Selection::All])
            .prop_map(Action::SetSelection),
        wild_f64().prop_map(Action::SetDoubling),
        Just(Action::ResetDoubling),
        wild_family().prop_map(Action::SetModel),
        prop::option::of(wild_f64()).prop_map(Action::SetAccel),
        wild_f64().prop_map(Action::SetFloor),
        wild_cap().prop_map(Action::SetCap),
        wild_f64().prop_map(Action::SetSat),
        wild_anchor().prop_map(Action::SetAnchor),
        wild_f64().prop_map(Action::SetRel),
        prop::sample::select(vec![Units::Work, Units::Calendar]).prop_map(Action::SetUnits),
        prop::option::of(wild_f64()).prop_map(Action::SetGoal),
        any::<u32>().prop_map(Action::SetMc),
        wild_opt_day().prop_map(Action::SetAsOf),
        id.prop_map(Action::ToggleDrop),
        Just(Action::ClearDrops),
        any::<i32>().prop_map(|n| Action::SetUntil(Day::from_number(n))),
        prop::sample::select(vec![Scale::Log, Scale::Linear]).prop_map(Action::SetScale),
        prop::sample::select(vec![Band::Calibrated, Band::Fit]).prop_map(Action::SetBand),
        any::<i32>().prop_map(|n| Action::SetBy(Day::from_number(n))),
        wild_day().prop_map(Action::SetBy),
        (0usize..5, text(24)).prop_map(|(i, n)| Action::SaveScenario(i, n)),
        (0usize..5, prop::option::of(wild_scenario())).prop_map(|(i, s)| Action::SetScenario(i, s)),
        (0usize..5, text(24)).prop_map(|(i, n)| Action::RenameScenario(i, n)),
        Just(Action::ExampleScenarios),
        (0usize..5).prop_map(Action::UseScenario),
    ]
}

/// A wild `Json` scalar, array or object (shallow).
fn json_value() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |v| v.is_finite())
            .prop_map(Json::Number),
        prop::sample::select(vec![
            0.0, 1.0, -1.0, 1e300, -1e300, 1e-300, 36526.0, 20001.0
        ])
        .prop_map(Json::Number),
        url_value().prop_map(Json::String),
        text(24).prop_map(Json::String),
    ];
    leaf.prop_recursive(4, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        prop::sample::select(URL_KEYS).prop_map(str::to_string),
                        text(6)
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(Json::Object),
        ]
    })
}

/// A scenario document: real top-level members and setting keys with wild values and types,
/// written compact or pretty, sometimes damaged afterwards.
fn scenario_text() -> impl Strategy<Value = String> {
    let format = prop_oneof![
        4 => Just(Json::String("trendline-scenario".into())),
        1 => json_value(),
    ];
    let version = prop_oneof![
        4 => Just(Json::Number(1.0)),
        1 => json_value(),
    ];
    let setting = (
        prop::sample::select(URL_KEYS),
        prop_oneof![
            4 => url_value().prop_map(Json::String),
            2 => json_value(),
            1 => prop::collection::vec(url_value().prop_map(Json::String), 0..5)
                .prop_map(Json::Array),
        ],
    )
        .prop_map(|(k, v)| (k.to_string(), v));
    let settings = prop_oneof![
        6 => prop::collection::vec(setting, 0..9).prop_map(Json::Object),
        1 => json_value(),
    ];
    let doc = (
        format,
        version,
        prop::option::of(url_value()),
        settings,
        prop::collection::vec((text(24), json_value()), 0..2),
        any::<u8>(),
    )
        .prop_map(|(f, v, d, s, extra, order)| {
            let mut m = vec![("format".to_string(), f), ("version".to_string(), v)];
            if let Some(d) = d {
                m.push(("data".into(), Json::String(d)));
            }
            m.push(("settings".into(), s));
            m.extend(extra);
            if order % 5 == 0 {
                m.reverse();
            }
            Json::Object(m)
        });
    prop_oneof![
        6 => (doc, any::<bool>(), any::<u16>(), any::<u8>()).prop_map(|(d, pretty, at, how)| {
            let t = if pretty { d.write_pretty() } else { d.write() };
            damage(&t, at, how)
        }),
        1 => text(200),
        1 => "[{}\\[\\]\",:0-9a-z \n\\\\eE+.-]{0,60}",
    ]
}

/// `t` damaged at character `at`: unchanged, truncated, a character inserted or removed, or a
/// byte-order mark put in front.
fn damage(t: &str, at: u16, how: u8) -> String {
    let n = t.chars().count().max(1);
    let at = usize::from(at) % n;
    let cut = t.char_indices().nth(at).map_or(t.len(), |(i, _)| i);
    match how % 8 {
        0 => t[..cut].to_string(),
        1 => format!(
            "{}{}{}",
            &t[..cut],
            ["\"", "\\", "{", "]", ",", "\u{0}", "\\ud800", "é"][usize::from(how / 8) % 8],
            &t[cut..]
        ),
        2 => {
            let mut s: String = t.chars().take(at).collect();
            s.extend(t.chars().skip(at + 1));
            s
        }
        3 => format!("\u{feff}{t}"),
        _ => t.to_string(),
    }
}

const CSV_NAMES: &[&str] = &[
    "date",
    "value",
    "name",
    "model",
    "ci_low",
    "ci_high",
    "low",
    "high",
    "lower",
    "upper",
    " Date ",
    "VALUE",
    "\u{feff}date",
    "other",
    "",
    "date",
    "value",
];

/// A reader's CSV file: a header from real column names, rows of hostile cells, any delimiter,
/// line ending, BOM, quoting and blank lines; or raw text.
fn user_csv() -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        3 => wild_number(),
        3 => wild_date(),
        1 => prop::sample::select(vec![
            "\"a,b\"", "\"\"\"\"", "\"unterminated", "\u{feff}", "\u{0}", "é", "日本",
            "\"x\ny\"", "\"1,5\"", " ", "=1+1", "\"\"",
        ])
        .prop_map(str::to_string),
        1 => ascii(10),
    ];
    let row = prop::collection::vec(cell, 0..6);
    let doc = (
        prop::collection::vec(prop::sample::select(CSV_NAMES), 0..7),
        prop::collection::vec(row, 0..9),
        prop::sample::select(vec![",", ";", "\t", ",", " "]),
        prop::sample::select(vec!["\n", "\r\n", "\r", "\n\n"]),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(header, rows, delim, nl, bom, trailing)| {
            let mut lines = vec![header.join(delim)];
            lines.extend(rows.iter().map(|r| r.join(delim)));
            let mut t = lines.join(nl);
            if bom {
                t.insert(0, '\u{feff}');
            }
            if trailing {
                t.push_str(nl);
            }
            t
        });
    prop_oneof![
        8 => doc,
        1 => text(200),
        1 => "[date,vlue;\t\"\n\r0-9.-]{0,80}",
    ]
}

/// A manifest: up to three series objects built from a valid template with wild members.
fn manifest_text() -> impl Strategy<Value = String> {
    let template = serde_json::to_value(&data().manifest.series[0]).unwrap();
    let members: Vec<String> = template.as_object().unwrap().keys().cloned().collect();
    let wild_json = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|v| serde_json::json!(v)),
        wild_f64().prop_map(|v| serde_json::json!(v)),
        url_value().prop_map(serde_json::Value::String),
        wild_date().prop_map(serde_json::Value::String),
        Just(serde_json::json!([])),
        Just(serde_json::json!(["https://example.org"])),
        Just(serde_json::json!({})),
        prop::sample::select(vec!["minutes", "percent", "hours", ""])
            .prop_map(|s| serde_json::Value::String(s.into())),
    ];
    let edit = (
        prop::sample::select(members).prop_map(|s| s.to_string()),
        prop::option::weighted(0.85, wild_json.clone()),
    );
    let series = (
        prop::sample::select(vec!["a", "b", "a", "metr-th1.1-p50", "", "\"q\""]),
        prop::collection::vec(edit, 0..4),
    )
        .prop_map(move |(id, edits)| {
            let mut s = template.clone();
            let o = s.as_object_mut().unwrap();
            o.insert("id".into(), serde_json::Value::String(id.into()));
            for (k, v) in edits {
                match v {
                    Some(v) => o.insert(k, v),
                    None => o.remove(&k),
                };
            }
            s
        });
    let doc = (
        prop_oneof![4 => Just(serde_json::json!(1)), 1 => wild_json.clone()],
        prop_oneof![4 => Just(serde_json::json!(VINTAGE)), 1 => wild_json],
        prop::collection::vec(series, 0..4),
        any::<bool>(),
        any::<u16>(),
        any::<u8>(),
    )
        .prop_map(|(schema, vintage, series, pretty, at, how)| {
            let m = serde_json::json!({"schema": schema, "vintage": vintage, "series": series});
            let t = if pretty {
                serde_json::to_string_pretty(&m).unwrap()
            } else {
                m.to_string()
            };
            damage(&t, at, how)
        });
    prop_oneof![6 => doc, 1 => text(200)]
}

/// A series file: the real header (mostly) and rows of hostile cells.
fn series_csv() -> impl Strategy<Value = String> {
    let cell = |i: usize| -> BoxedStrategy<String> {
        match i {
            0 => prop::sample::select(vec!["a", "b", "c", "a", "", " d "])
                .prop_map(str::to_string)
                .boxed(),
            3 => wild_date().boxed(),
            4..=6 => wild_number().boxed(),
            7 => prop::sample::select(vec!["true", "false", "", "", "yes"])
                .prop_map(str::to_string)
                .boxed(),
            8 => prop::sample::select(vec![
                "measured",
                "measured",
                "lab-reported",
                "superseded",
                "leaked-labels",
                "manual-validation",
                "",
                "Measured",
            ])
            .prop_map(str::to_string)
            .boxed(),
            _ => prop_oneof![Just("x".to_string()), Just(String::new()), ascii(6)].boxed(),
        }
    };
    let row = (
        (cell(0), cell(1), cell(2), cell(3), cell(4)),
        (cell(5), cell(6), cell(7), cell(8), cell(9)),
        0usize..14,
    )
        .prop_map(|((a, b, c, d, e), (f, g, h, i, j), keep)| {
            let mut v = vec![a, b, c, d, e, f, g, h, i, j];
            if keep < 10 && keep % 4 == 0 {
                v.truncate(keep);
            }
            v.iter()
                .map(|c| {
                    if c.contains([',', '"', '\n']) {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(",")
        });
    let doc = (
        prop_oneof![
            6 => Just(trendline_core::data::dataset::SERIES_COLUMNS.join(",")),
            1 => "[a-z_,]{0,40}",
        ],
        prop::collection::vec(row, 0..10),
        any::<u16>(),
        any::<u8>(),
    )
        .prop_map(|(h, rows, at, how)| {
            let mut t = h;
            for r in rows {
                t.push('\n');
                t.push_str(&r);
            }
            damage(&t, at, how)
        });
    prop_oneof![6 => doc, 1 => text(200)]
}

// ---------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------

fn within(v: f64, (lo, hi): (f64, f64)) -> bool {
    v.is_finite() && lo <= v && v <= hi
}

fn check_scenario(sc: &Scenario) -> Result<(), TestCaseError> {
    prop_assert!(sc.doubling.is_none_or(|d| within(d, DOUBLING_DAYS_LIMITS)));
    prop_assert!(sc.accel.is_none_or(|a| within(a, ACCEL_LIMITS)));
    prop_assert!(within(sc.floor, FLOOR_LIMITS));
    prop_assert!(within(sc.sat, SAT_LIMITS));
    if let Cap::Hours(h) = sc.cap {
        prop_assert!(within(h, CAP_LIMITS));
    }
    prop_assert!(!sc.name.is_empty());
    prop_assert!(sc.name.chars().count() <= SCENARIO_NAME_MAX);
    prop_assert!(!sc.name.chars().any(char::is_control), "{:?}", sc.name);
    prop_assert_eq!(sc.name.trim(), sc.name.as_str());
    Ok(())
}

/// Every number of the state within its documented limits.
fn check_state(s: &State) -> Result<(), TestCaseError> {
    prop_assert!(s.doubling.is_none_or(|d| within(d, DOUBLING_DAYS_LIMITS)));
    prop_assert!(s.accel.is_none_or(|a| within(a, ACCEL_LIMITS)));
    prop_assert!(within(s.floor, FLOOR_LIMITS));
    prop_assert!(within(s.sat, SAT_LIMITS));
    prop_assert!(within(s.rel, REL_LIMITS));
    prop_assert!(s.goal.is_none_or(|g| within(g, GOAL_LIMITS)));
    if let Cap::Hours(h) = s.cap {
        prop_assert!(within(h, CAP_LIMITS));
    }
    prop_assert!(s.mc <= MC_MAX);
    prop_assert!(UNTIL_LIMITS.0 <= s.until && s.until <= UNTIL_LIMITS.1);
    prop_assert!(BY_LIMITS.0 <= s.by && s.by <= BY_LIMITS.1);
    for sc in s.scenarios.iter().flatten() {
        check_scenario(sc)?;
    }
    Ok(())
}

/// A decoded state also has dates from the accepted range, a known series, a window that does
/// not end before it starts, and clean dropped ids.
fn check_decoded(s: &State, known: &[&str]) -> Result<(), TestCaseError> {
    check_state(s)?;
    prop_assert!(known.contains(&s.series.as_str()), "{}", s.series);
    for d in [s.from, s.to, s.asof].into_iter().flatten() {
        prop_assert!(Day::MIN <= d && d <= Day::MAX);
    }
    if let (Some(f), Some(t)) = (s.from, s.to) {
        prop_assert!(f <= t);
    }
    for id in &s.drop {
        prop_assert!(!id.is_empty() && id.trim() == id);
    }
    prop_assert!(s.drop.windows(2).all(|w| w[0] < w[1]), "{:?}", s.drop);
    Ok(())
}

fn check_line(l: &LinearFit) -> Result<(), TestCaseError> {
    prop_assert!(l.slope.is_finite(), "{l:?}");
    prop_assert!(l.x_mean.is_finite() && l.y_mean.is_finite(), "{l:?}");
    prop_assert!(l.sxx.is_finite() && l.sxx > 0.0, "{l:?}");
    prop_assert!(l.resid_sd.is_finite() && l.resid_sd >= 0.0, "{l:?}");
    prop_assert!(l.r2.is_finite() && l.r2 <= 1.0 + 1e-9, "{l:?}");
    prop_assert!(l.n >= 2);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(25_000))]

    /// The URL decoder: never panics, keeps every number in range, reports each key at most
    /// once with a reason, and decode → encode → decode is a fixed point on the state.
    #[test]
    fn url_decode(q in query()) {
        let known = known();
        let d = decode(&q, &known);
        check_decoded(&d.state, &known)?;
        let mut keys: Vec<&str> = d.ignored.iter().map(|i| i.key.as_str()).collect();
        prop_assert!(d.ignored.iter().all(|i| !i.reason.is_empty()));
        keys.sort();
        let n = keys.len();
        keys.dedup();
        prop_assert_eq!(n, keys.len(), "one notice per key: {:?}", d.ignored);
        let again = decode(&encode(&d.state, VINTAGE), &known);
        prop_assert_eq!(&again.state, &d.state);
        prop_assert!(again.ignored.is_empty(), "{:?}", again.ignored);
        prop_assert_eq!(again.data.as_deref(), Some(VINTAGE));
    }
}

proptest! {
    #![proptest_config(config(10_000))]

    /// One scenario value: an unknown version is an error with a message; anything else is a
    /// scenario within limits that encodes and decodes to itself without problems.
    #[test]
    fn url_scenario_token(v in prop_oneof![4 => scenario_token(), 1 => text(24)], slot in 0usize..3) {
        match decode_scenario(&v, slot) {
            Err(e) => prop_assert!(!e.is_empty()),
            Ok((sc, problems)) => {
                check_scenario(&sc)?;
                prop_assert!(problems.iter().all(|p| !p.is_empty()));
                let (back, again) = decode_scenario(&encode_scenario(&sc), slot).unwrap();
                prop_assert_eq!(back, sc);
                prop_assert!(again.is_empty(), "{:?}", again);
            }
        }
    }
}

proptest! {
    #![proptest_config(config(16_000))]

    /// The CSV importer: Ok with finite in-range values, valid sorted dates and consistent
    /// intervals, or Err with between 1 and MAX_MESSAGES + 1 non-empty messages.
    #[test]
    fn csv_import(text in user_csv(), u in 0usize..3) {
        let unit = ImportUnit::ALL[u];
        match parse_user_csv("mine", "My runs", &text, unit, latest()) {
            Ok(s) => {
                prop_assert!(!s.points.is_empty());
                prop_assert!(s.points.len() <= trendline_core::data::import::MAX_ROWS);
                prop_assert_eq!(s.meta.unit, unit.series_unit());
                for p in &s.points {
                    prop_assert!(p.value.is_finite());
                    match unit {
                        ImportUnit::Percent => prop_assert!((0.0..=100.0).contains(&p.value)),
                        _ => prop_assert!(p.value > 0.0),
                    }
                    prop_assert!(Day::MIN <= p.date && p.date <= latest());
                    prop_assert_eq!(p.ci_low.is_some(), p.ci_high.is_some());
                    if let (Some(lo), Some(hi)) = (p.ci_low, p.ci_high) {
                        prop_assert!(lo.is_finite() && hi.is_finite() && lo <= hi);
                    }
                }
                prop_assert!(s.points.windows(2).all(|w| w[0].date <= w[1].date));
                let mut ids: Vec<&str> = s.points.iter().map(|p| p.id.as_str()).collect();
                ids.sort();
                ids.dedup();
                prop_assert_eq!(ids.len(), s.points.len());
            }
            Err(e) => {
                prop_assert!(!e.is_empty() && e.len() <= MAX_MESSAGES + 1, "{:?}", e);
                prop_assert!(e.iter().all(|m| !m.trim().is_empty()));
            }
        }
    }
}

proptest! {
    #![proptest_config(config(12_000))]

    /// The scenario-file reader: Err with a sentence, or a state within limits.
    #[test]
    fn scenario_file(text in scenario_text()) {
        let known = known();
        match parse_scenario(&text, &known) {
            Ok(d) => {
                check_state(&d.state)?;
                prop_assert!(known.contains(&d.state.series.as_str()));
                if let (Some(f), Some(t)) = (d.state.from, d.state.to) {
                    prop_assert!(f <= t);
                }
            }
            Err(e) => prop_assert!(e.ends_with('.') && e.len() > 10, "{}", e),
        }
    }
}

proptest! {
    #![proptest_config(config(5_000))]

    /// What `scenario_json` writes for any decoded state reads back as that state (resolved).
    #[test]
    fn scenario_file_round_trip(q in query()) {
        let known = known();
        let state = decode(&q, &known).state;
        let meta = &data().get(&state.series).unwrap().meta;
        let text = scenario_json(&state, meta, VINTAGE);
        let back = parse_scenario(&text, &known).unwrap();
        prop_assert_eq!(back.state, resolved(&state, meta));
        prop_assert!(back.ignored.is_empty(), "{:?}", back.ignored);
        prop_assert_eq!(back.data.as_deref(), Some(VINTAGE));
    }

    /// The hand-written JSON reader reads back whatever the writer writes, compact or pretty.
    #[test]
    fn json_write_parse_round_trip(v in json_value()) {
        prop_assert_eq!(parse(&v.write()).unwrap(), v.clone());
        prop_assert_eq!(parse(&v.write_pretty()).unwrap(), v);
    }
}

proptest! {
    #![proptest_config(config(4_000))]

    /// The manifest parser: Ok only for schema 1, a dated vintage and unique, described series;
    /// otherwise errors with a reason and a line inside the text.
    #[test]
    fn manifest(text in manifest_text()) {
        match parse_manifest("manifest.json", &text) {
            Ok(m) => {
                prop_assert_eq!(m.schema, 1);
                prop_assert!(Day::parse(&m.vintage).is_ok());
                let mut ids: Vec<&str> = m.series.iter().map(|s| s.id.as_ref()).collect();
                ids.sort();
                let n = ids.len();
                ids.dedup();
                prop_assert_eq!(n, ids.len());
                for s in m.series.iter() {
                    prop_assert!(!s.title.trim().is_empty() && !s.licence.trim().is_empty());
                    prop_assert!(!s.source_urls.is_empty());
                    prop_assert_eq!(s.unit == Unit::Percent, s.bounded);
                    prop_assert!(s.fit_cap.is_none_or(|c| c.is_finite() && c > 0.0));
                }
            }
            Err(e) => {
                prop_assert!(!e.0.is_empty());
                let lines = text.lines().count() as u64 + 1;
                for err in &e.0 {
                    prop_assert!(!err.reason.is_empty());
                    prop_assert!(err.line <= lines, "{} > {lines}", err.line);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(config(5_000))]

    /// The series-file parser: Ok with sorted, unique, in-range points, or located errors.
    #[test]
    fn series_file(text in series_csv(), k in 0usize..64) {
        let meta = &data().series[k % data().series.len()].meta;
        match parse_series(meta, &text, latest()) {
            Ok(s) => {
                prop_assert!(!s.points.is_empty());
                for w in s.points.windows(2) {
                    prop_assert!((w[0].date, &w[0].id) < (w[1].date, &w[1].id));
                }
                for p in &s.points {
                    prop_assert!(EARLIEST_PLAUSIBLE <= p.date && p.date <= latest());
                    prop_assert!(p.value.is_finite());
                    match meta.unit {
                        Unit::Percent => prop_assert!((0.0..=100.0).contains(&p.value)),
                        Unit::Minutes | Unit::Multiplier => prop_assert!(p.value > 0.0),
                        Unit::Index => {}
                    }
                    if let (Some(lo), Some(hi)) = (p.ci_low, p.ci_high) {
                        prop_assert!(lo <= hi);
                        if meta.interval_contains_value {
                            prop_assert!(lo <= p.value && p.value <= hi);
                        }
                    }
                    prop_assert!(!p.id.is_empty() && !p.source.trim().is_empty());
                }
            }
            Err(e) => {
                prop_assert!(!e.0.is_empty());
                prop_assert!(e.0.iter().all(|x| !x.reason.is_empty()));
            }
        }
    }
}

proptest! {
    #![proptest_config(config(12_000))]

    /// OLS on arbitrary numbers (duplicated x, one point, equal values, zeros, negatives,
    /// 1e300, NaN, infinities): a finite line or an error.
    #[test]
    fn fit_ols(pts in prop::collection::vec((wild_f64(), wild_f64()), 0..12), dup in any::<bool>()) {
        let mut xs: Vec<f64> = pts.iter().map(|p| p.0).collect();
        let ys: Vec<f64> = pts.iter().map(|p| p.1).collect();
        if dup {
            xs.iter_mut().for_each(|x| *x = x.round().rem_euclid(3.0));
        }
        if let Ok(l) = ols(&xs, &ys) {
            check_line(&l)?;
            prop_assert_eq!(l.n, xs.len());
            prop_assert!(l.at(l.x_mean).is_finite());
        }
    }
}

proptest! {
    #![proptest_config(config(5_000))]

    /// The exponential and logistic fits on arbitrary points and windows: Ok with a finite
    /// line over at least two distinct selected dates and a finite positive doubling time when
    /// there is one, else an error.
    #[test]
    fn fit_exponential_and_logistic(
        s in series(14),
        sat in prop_oneof![3 => Just(100.0), 1 => wild_f64()],
        from in wild_opt_day(),
        to in wild_opt_day(),
        all in any::<bool>(),
        cap in prop::option::weighted(0.3, wild_f64()),
        drop in prop::collection::vec(prop::sample::select(vec!["dup-0", "dup-1", "p3", "p4"]), 0..3),
    ) {
        let window = FitWindow {
            from,
            to,
            selection: if all { Selection::All } else { Selection::Frontier },
            cap,
            drop: drop.into_iter().map(str::to_string).collect(),
            capped: Vec::new(),
        };
        for t in [Transform::Log2, Transform::LogOdds { sat }] {
            if let Ok(f) = fit_line(&s, &window, t) {
                check_line(&f.line)?;
                prop_assert!(f.used.len() >= 2 && f.used.len() == f.line.n);
                prop_assert!(f.span.0 < f.span.1, "{:?}", f.span);
                prop_assert!(f.used.iter().all(|&i| window.includes(&s.points[i])));
                if let Some(d) = f.doubling_days() {
                    prop_assert!(d.is_finite() && d > 0.0, "{d}");
                }
                prop_assert!(!f.value_at(f.span.1.x()).is_nan());
            }
        }
    }
}

proptest! {
    #![proptest_config(config(300))]

    /// The superexponential fit on arbitrary points: parameters inside the search bounds and a
    /// finite fit, or an error.
    #[test]
    fn fit_superexponential(pts in prop::collection::vec((wild_day(), wild_f64()), 0..9)) {
        let xs: Vec<f64> = pts.iter().map(|p| p.0.x()).collect();
        let ys: Vec<f64> = pts.iter().map(|p| p.1.abs().max(1e-300).log2()).collect();
        if let Ok(f) = fit_superexp(&xs, &ys) {
            prop_assert!(f.model.is_valid(), "{f:?}");
            prop_assert!((1.0 - 1e-9..=36_525.0 * (1.0 + 1e-9)).contains(&f.model.t0), "{f:?}");
            prop_assert!((-0.9..=0.95).contains(&f.model.a), "{f:?}");
            prop_assert!(f.y0.is_finite() && f.sse.is_finite() && f.sse >= 0.0, "{f:?}");
        }
    }
}

proptest! {
    #![proptest_config(config(500))]

    /// The whole pipeline the page runs (fit stage, projection, Monte Carlo, milestones,
    /// sensitivity, scenarios, mosaic row and the CSV export) on arbitrary points and
    /// settings: no panic, and every doubling time shown is finite and positive.
    #[test]
    fn forecast_pipeline(
        s in series(10),
        actions in prop::collection::vec(action(), 0..8),
        mc in prop::sample::select(vec![0u32, 1, 7, 40]),
        full in prop::bool::weighted(0.1),
    ) {
        let mut state = State { series: s.meta.id.to_string(), ..State::default() };
        for a in actions {
            state = state.apply(a);
        }
        state = state.apply(Action::SetMc(mc));
        let analyses = if full { Analyses::Full } else { Analyses::Essential };
        let prepared = Rc::new(prepare_with(&s, None, &state, analyses));
        let fc = project(&prepared, &state);
        if let Ok(f) = &prepared.fit {
            check_line(&f.line)?;
        }
        if let Some((lo, hi)) = prepared.ci {
            prop_assert!(lo <= hi, "{lo} {hi}");
        }
        for d in [fc.fitted_doubling, fc.assumed_doubling].into_iter().flatten() {
            prop_assert!(d.is_finite() && d > 0.0, "{d}");
        }
        for m in &fc.milestones {
            if let Some(mc) = &m.mc {
                prop_assert!((0.0..=1.0).contains(&mc.never_share));
            }
            if let Some(p) = m.prob {
                prop_assert!((0.0..=1.0).contains(&p), "{p}");
            }
            // Any date, also far outside the accepted range: a share of the draws or nothing.
            for d in [state.by, Day::MIN, Day::MAX, Day::from_number(0)] {
                if let Some(p) = fc.chance_by(m.milestone.target, d) {
                    prop_assert!((0.0..=1.0).contains(&p), "{p}");
                }
            }
        }
        if let Some(c) = &fc.chance {
            for curve in &c.curves {
                prop_assert!(curve.iter().all(|p| (0.0..=1.0).contains(p)));
                prop_assert!(curve.windows(2).all(|w| w[0] <= w[1]), "{curve:?}");
            }
        }
        let range = trendline_core::forecast::sensitivity::doubling_range(
            fc.assumed_doubling, fc.fitted_doubling, prepared.ci);
        if let (Some(r), Some(m)) = (range, fc.milestones.first()) {
            let curve = trendline_core::forecast::sensitivity::sensitivity(&fc, m.milestone.target, r);
            prop_assert!(curve.iter().all(|(t, _)| t.is_finite()));
        }
        let state = state.apply(Action::ExampleScenarios);
        let runs = trendline_core::forecast::compare::run_scenarios(&s, None, &prepared, &state);
        prop_assert_eq!(runs.len(), 3);
        let _ = trendline_core::forecast::compare::compare(&fc, &runs);
        let csv = trendline_core::sharing::export::csv_export_with(&fc, &state, &runs, VINTAGE, latest());
        prop_assert!(!csv.is_empty());
        let _ = trendline_core::sharing::export::export_stem(&state, &fc, latest());
        let _ = trendline_core::forecast::mosaic::normalised(&s);
        if full {
            let row = trendline_core::forecast::mosaic::summarise(&s);
            prop_assert!(row.doubling.is_none_or(|d| d.is_finite() && d > 0.0));
        }
    }
}

proptest! {
    #![proptest_config(config(3_000))]

    /// Any sequence of actions keeps the state within its limits, and `Load` of any state does
    /// too.
    #[test]
    fn state_apply(actions in prop::collection::vec(action(), 0..16), load in any::<bool>()) {
        let mut s = State::default();
        for a in actions {
            s = s.apply(a);
            check_state(&s)?;
        }
        if load {
            let wild = State { floor: f64::NAN, sat: -5.0, rel: 1e300, mc: u32::MAX, ..s.clone() };
            let l = State::default().apply(Action::Load(Box::new(wild)));
            check_state(&l)?;
        }
        let q = encode(&s, VINTAGE);
        let _ = decode(&q, &known());
    }
}
