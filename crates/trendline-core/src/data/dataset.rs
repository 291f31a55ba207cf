//! The dataset: a manifest describing each series (source, licence, units) and the points of
//! each series, parsed from plain CSV and validated with `file:line: reason` errors.

use crate::data::date::Day;
use crate::data::error::{parse_opt_f64, table_rows, DataError, DataErrors};
use crate::data::frontier::running_max_frontier;
use crate::data::published::{parse_forecasts, PublishedForecast};
use crate::data::units::Unit;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashSet;

/// Columns every series file has, in this order.
pub const SERIES_COLUMNS: [&str; 10] = [
    "id", "model", "org", "date", "value", "ci_low", "ci_high", "frontier", "kind", "source",
];

/// Earliest plausible date of a benchmark result in this field.
pub const EARLIEST_PLAUSIBLE: Day = Day::from_number(16_436); // 2015-01-01

/// Text in the manifest: borrowed from the binary when the manifest is compiled in (no parsing,
/// no allocation at start-up), owned when parsed from JSON.
pub type Text = Cow<'static, str>;
/// A list in the manifest, borrowed or owned like [`Text`].
pub type List<T> = Cow<'static, [T]>;

/// One upstream file a series is converted from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Upstream {
    /// Path of the verbatim copy inside `data/`.
    pub path: Text,
    /// SHA-256 of the full upstream file, hex.
    pub sha256: Text,
    /// Where the file comes from (URL, or repository @ commit : path).
    pub origin: Text,
    /// When only part of a large upstream file is kept: which part (the copy at `path` holds
    /// just that part, and `sha256` is still the full file's).
    #[serde(default)]
    pub extract: Option<Text>,
    /// SHA-256 of the partial copy at `path`, when `extract` is set.
    #[serde(default)]
    pub extract_sha256: Option<Text>,
}

/// A doubling time the source itself publishes for this series, with the settings it used.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishedDoubling {
    /// The source's name for the block (e.g. METR's `from_2023_on`).
    pub block: Text,
    /// First date of the fit (ISO), or `None` for all points.
    #[serde(default)]
    pub from: Option<Text>,
    /// Published doubling time, days.
    pub point: f64,
    /// Published 95% interval, days.
    #[serde(default)]
    pub ci_low: Option<f64>,
    /// Published 95% interval, days.
    #[serde(default)]
    pub ci_high: Option<f64>,
}

/// Everything known about a series except its points: what it is, where it comes from, and
/// how its numbers are to be read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeriesMeta {
    /// Stable identifier used in URLs, e.g. `metr-th1.1-p50`.
    pub id: Text,
    /// Full title.
    pub title: Text,
    /// Short title for pickers and legends.
    pub short_title: Text,
    /// CSV file holding the points, relative to `data/`.
    pub file: Text,
    /// Unit of `value`, `ci_low` and `ci_high`.
    pub unit: Unit,
    /// Whether values are bounded (percentages).
    pub bounded: bool,
    /// What a point's date means (model release, leaderboard submission, result date …).
    pub date_meaning: Text,
    /// What the interval columns mean (95% CI, ±1 SE, min–max …), exactly as published.
    pub interval: Text,
    /// Whether the source promises `ci_low ≤ value ≤ ci_high`; validation checks it only then.
    pub interval_contains_value: bool,
    /// How frontier points are determined (a source flag, or the running maximum).
    pub frontier_rule: Text,
    /// Values above this (in `unit`) are shown but not fitted by default, with the reason.
    #[serde(default)]
    pub fit_cap: Option<f64>,
    /// Why `fit_cap` exists.
    #[serde(default)]
    pub fit_cap_note: Option<Text>,
    /// Who publishes the numbers.
    pub source_name: Text,
    /// Pages and files where the numbers are published.
    pub source_urls: List<Text>,
    /// Verbatim upstream copies the series file is built from.
    #[serde(default)]
    pub upstream: List<Upstream>,
    /// Licence of the numbers, as far as it is known.
    pub licence: Text,
    /// Credit line to show wherever the data is shown.
    pub attribution: Text,
    /// When the upstream file was retrieved (ISO date).
    pub retrieved: Text,
    /// Things a reader must know before trusting a fit on this series.
    #[serde(default)]
    pub caveats: List<Text>,
    /// Doubling times the source publishes (exponential fit, frontier points, default cap).
    #[serde(default)]
    pub published_doubling: List<PublishedDoubling>,
    /// Why no trend is fitted (too few frontier points or too short a span: Trendline never
    /// fits a line on fewer than 5 frontier points or less than 12 months); `None` = fitted.
    #[serde(default)]
    pub no_fit: Option<Text>,
    /// For index series: the index points one unit of fit space counts (rates are shown per
    /// year whatever the step; the step keeps the doubling-time machinery in its usual range).
    #[serde(default)]
    pub index_step: Option<f64>,
    /// Milestone levels in the series' unit, for index and multiplier series.
    #[serde(default)]
    pub levels: List<f64>,
    /// Labelled horizontal reference lines (e.g. a speedup's equivalent expert effort).
    #[serde(default)]
    pub reference_lines: List<RefLine>,
    /// Dated method breaks, drawn as labelled vertical lines.
    #[serde(default)]
    pub breaks: List<MethodBreak>,
}

/// A labelled horizontal line at a value, e.g. "200× ≈ 8 h of expert effort".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RefLine {
    /// Level in the series' unit.
    pub value: f64,
    /// What the level means, with its source.
    pub label: Text,
}

/// A change of method at a date: points before and after it are not strictly comparable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MethodBreak {
    /// ISO date of the break.
    pub date: Text,
    /// What changed.
    pub label: Text,
}

/// A group of series in the mosaic ("Writing real-world code", …), in the manifest's order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Stable id (`data-testid="mosaic-group-<id>"`).
    pub id: Text,
    /// Heading.
    pub title: Text,
    /// Series ids, in display order.
    pub series: List<Text>,
}

/// The manifest: every series and the dataset's vintage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Manifest format version.
    pub schema: u32,
    /// Dataset vintage, an ISO date bumped whenever any number changes.
    pub vintage: Text,
    /// Series in display order.
    pub series: List<SeriesMeta>,
    /// The mosaic's groups; every series in exactly one.
    #[serde(default)]
    pub groups: List<Group>,
}

/// The long texts of a manifest entry that only a shown series needs: its source URLs, the
/// upstream files (paths, origins, sha256 sums) and the caveats. The app compiles the entries
/// of the series it does not embed in without them ([`SeriesMeta::slim`]) and reads them from
/// the manifest next to the page when such a series is loaded ([`SeriesMeta::with_details`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SeriesDetails {
    /// Every source URL, the first included.
    pub source_urls: List<Text>,
    /// The upstream files.
    pub upstream: List<Upstream>,
    /// The caveats.
    pub caveats: List<Text>,
}

impl SeriesMeta {
    /// This entry without its [`SeriesDetails`]: no source URLs, upstream files or caveats.
    /// Everything else (titles, units, fit settings, credit, licence, dates) is kept: the
    /// series picker, the mosaic and "About this data"'s list of every series use those.
    pub fn slim(&self) -> SeriesMeta {
        self.with_details(SeriesDetails::default())
    }

    /// This entry's [`SeriesDetails`].
    pub fn details(&self) -> SeriesDetails {
        SeriesDetails {
            source_urls: self.source_urls.clone(),
            upstream: self.upstream.clone(),
            caveats: self.caveats.clone(),
        }
    }

    /// This entry with `details` in place of its own source URLs, upstream files and caveats,
    /// so that `m.slim().with_details(m.details()) == m`.
    pub fn with_details(&self, details: SeriesDetails) -> SeriesMeta {
        SeriesMeta {
            source_urls: details.source_urls,
            upstream: details.upstream,
            caveats: details.caveats,
            ..self.clone()
        }
    }
}

/// What kind of observation a point is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PointKind {
    /// Measured by the source itself.
    Measured,
    /// Reported by the model's developer, not independently measured.
    LabReported,
    /// A score after manual validation of the agent's answers.
    ManualValidation,
    /// A result known to use leaked test labels; excluded from fits by default.
    LeakedLabels,
    /// A superseded aggregation of a result that appears again in current form.
    Superseded,
}

impl PointKind {
    /// Every kind, in display order.
    pub const ALL: [PointKind; 5] = [
        PointKind::Measured,
        PointKind::LabReported,
        PointKind::ManualValidation,
        PointKind::LeakedLabels,
        PointKind::Superseded,
    ];

    /// The token used in CSV files.
    pub fn token(self) -> &'static str {
        match self {
            PointKind::Measured => "measured",
            PointKind::LabReported => "lab-reported",
            PointKind::ManualValidation => "manual-validation",
            PointKind::LeakedLabels => "leaked-labels",
            PointKind::Superseded => "superseded",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            PointKind::Measured => "measured",
            PointKind::LabReported => "lab-reported",
            PointKind::ManualValidation => "with manual validation",
            PointKind::LeakedLabels => "uses leaked test labels",
            PointKind::Superseded => "superseded aggregation",
        }
    }

    /// Parses a CSV token.
    pub fn from_token(s: &str) -> Option<PointKind> {
        PointKind::ALL.into_iter().find(|k| k.token() == s)
    }

    /// Whether points of this kind are fitted unless the user asks otherwise.
    pub fn fitted_by_default(self) -> bool {
        matches!(self, PointKind::Measured)
    }
}

/// One result: a model (or agent) scored on a benchmark at a date.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// Identifier unique within the series (stable across vintages where possible).
    pub id: String,
    /// Model or agent name as the source gives it.
    pub model: String,
    /// Developer organisation.
    pub org: String,
    /// The date (see the series' `date_meaning`).
    pub date: Day,
    /// The value, in the series' unit.
    pub value: f64,
    /// Lower end of the published interval.
    pub ci_low: Option<f64>,
    /// Upper end of the published interval.
    pub ci_high: Option<f64>,
    /// Frontier flag as published by the source, if it publishes one.
    pub source_frontier: Option<bool>,
    /// Whether the point is frontier: the source flag, or else the running maximum.
    pub frontier: bool,
    /// What kind of observation this is.
    pub kind: PointKind,
    /// Where the number comes from, exactly as in the source table.
    pub source: String,
}

/// A series: its description and its points in date order.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// Description, source and licence.
    pub meta: SeriesMeta,
    /// Points sorted by date, then id.
    pub points: Vec<Point>,
}

/// 1-based line of byte offset `pos` in `text`.
fn line_at(text: &str, pos: usize) -> u64 {
    text.get(..pos).map_or(0, |t| t.matches('\n').count()) as u64 + 1
}

/// Byte offset of the `"id": "<id>"` member of a series object in the manifest text (0 when
/// it cannot be found).
fn series_at(text: &str, id: &str) -> usize {
    let quoted = format!("\"{id}\"");
    text.match_indices(&quoted)
        .find(|(i, _)| {
            let before = text[..*i].trim_end();
            before
                .strip_suffix(':')
                .is_some_and(|b| b.trim_end().ends_with("\"id\""))
        })
        .map_or(0, |(i, _)| i)
}

/// Line of member `"name"` at or after byte offset `from` (the line of `from` when absent),
/// so a problem with a series points at the line that holds it.
fn member_line(text: &str, from: usize, name: &str) -> u64 {
    let key = format!("\"{name}\"");
    let pos = text
        .get(from..)
        .and_then(|t| t.find(&key))
        .map_or(from, |i| from + i);
    line_at(text, pos)
}

/// Parses the manifest JSON and checks it: known schema, unique series ids, a licence,
/// attribution and source for each series.
pub fn parse_manifest(file: &str, text: &str) -> Result<Manifest, DataErrors> {
    let err = |line: u64, reason: String| {
        DataErrors(vec![DataError {
            file: file.into(),
            line,
            reason,
        }])
    };
    let m: Manifest =
        serde_json::from_str(text).map_err(|e| err(e.line() as u64, e.to_string()))?;
    let mut problems: Vec<(u64, String)> = Vec::new();
    if m.schema != 1 {
        problems.push((
            member_line(text, 0, "schema"),
            format!("unsupported manifest schema {}", m.schema),
        ));
    }
    if Day::parse(&m.vintage).is_err() {
        problems.push((
            member_line(text, 0, "vintage"),
            format!("vintage \"{}\" is not a date", m.vintage),
        ));
    }
    let mut ids = HashSet::new();
    for s in m.series.iter() {
        let at = series_at(text, &s.id);
        let line = |member: &str| member_line(text, at, member);
        if !ids.insert(s.id.as_ref()) {
            let quoted = format!("\"{}\"", s.id);
            let last = text.rmatch_indices(&quoted).next().map_or(at, |(i, _)| i);
            problems.push((
                line_at(text, last),
                format!("series id \"{}\" appears twice", s.id),
            ));
        }
        for (what, v) in [
            ("title", &s.title),
            ("licence", &s.licence),
            ("attribution", &s.attribution),
            ("source_name", &s.source_name),
        ] {
            if v.trim().is_empty() {
                problems.push((line(what), format!("series \"{}\" has no {what}", s.id)));
            }
        }
        if s.source_urls.is_empty() {
            problems.push((
                line("source_urls"),
                format!("series \"{}\" names no source URL", s.id),
            ));
        }
        if Day::parse(&s.retrieved).is_err() {
            problems.push((
                line("retrieved"),
                format!(
                    "series \"{}\": retrieved \"{}\" is not a date",
                    s.id, s.retrieved
                ),
            ));
        }
        if (s.unit == Unit::Percent) != s.bounded {
            problems.push((
                line("bounded"),
                format!("series \"{}\": only percent series are bounded", s.id),
            ));
        }
        if let Some(st) = s.index_step {
            if !(st.is_finite() && st > 0.0) || s.unit != Unit::Index {
                problems.push((
                    line("index_step"),
                    format!(
                        "series \"{}\": index_step must be a positive number, on an index series",
                        s.id
                    ),
                ));
            }
        }
        if s.levels.iter().any(|v| !v.is_finite())
            || s.reference_lines.iter().any(|r| !r.value.is_finite())
        {
            problems.push((
                line("levels"),
                format!(
                    "series \"{}\": levels and reference lines must be finite",
                    s.id
                ),
            ));
        }
        if s.breaks.iter().any(|b| Day::parse(&b.date).is_err()) {
            problems.push((
                line("breaks"),
                format!("series \"{}\": a break's date is not a date", s.id),
            ));
        }
        if let Some(c) = s.fit_cap {
            if !(c.is_finite() && c > 0.0) {
                problems.push((
                    line("fit_cap"),
                    format!("series \"{}\": fit_cap must be a positive number", s.id),
                ));
            }
        }
    }
    let mut grouped = HashSet::new();
    for g in m.groups.iter() {
        for sid in g.series.iter() {
            if !ids.contains(sid.as_ref()) || !grouped.insert(sid.as_ref()) {
                problems.push((
                    member_line(text, 0, "groups"),
                    format!(
                        "group \"{}\" names series \"{sid}\", which is unknown or already in a group",
                        g.id
                    ),
                ));
            }
        }
    }
    if !m.groups.is_empty() && grouped.len() != ids.len() {
        problems.push((
            member_line(text, 0, "groups"),
            "groups must name every series".into(),
        ));
    }
    if problems.is_empty() {
        Ok(m)
    } else {
        Err(DataErrors(
            problems
                .into_iter()
                .map(|(line, reason)| DataError {
                    file: file.into(),
                    line,
                    reason,
                })
                .collect(),
        ))
    }
}

/// Parses and validates one series file.
///
/// Checks, per row: the date is a real date between 2015-01-01 and `latest` (the dataset
/// vintage); the value is finite and in range (0–100 for percent, > 0 for minutes); the
/// interval bounds are finite (for minutes also ≥ 0; for percent they may cross 0 or 100,
/// because a published value ± standard error can, e.g. Epoch's FrontierMath Tier 4
/// 2.08 ± 2.1) and, where the manifest says the source promises it,
/// `ci_low ≤ value ≤ ci_high`; `kind` is known; `source` is not empty; ids are unique.
/// Every problem is reported as `file:line: reason`.
///
/// Points come back sorted by date then id, with `frontier` resolved: the source's flag where
/// the file has one for every row, otherwise the running maximum
/// ([`running_max_frontier`]) over the points of kind `measured`.
pub fn parse_series(meta: &SeriesMeta, text: &str, latest: Day) -> Result<Series, DataErrors> {
    let file: &str = &meta.file;
    let mut errors = Vec::new();
    let Some(rows) = table_rows(file, text, &SERIES_COLUMNS, &mut errors) else {
        return Err(DataErrors(errors));
    };
    let mut push = |line: u64, reason: String| {
        errors.push(DataError {
            file: file.into(),
            line,
            reason,
        })
    };
    let mut points = Vec::new();
    let mut ids = HashSet::new();
    for (line, rec) in rows {
        let cell = |i: usize| rec.get(i).unwrap_or("");
        let mut row_ok = true;
        let mut fail = |reason: String| {
            push(line, reason);
            row_ok = false;
        };
        let id = cell(0).trim().to_string();
        if id.is_empty() {
            fail("id is empty".into());
        } else if !ids.insert(id.clone()) {
            fail(format!("id \"{id}\" appears twice"));
        }
        if cell(1).trim().is_empty() {
            fail("model is empty".into());
        }
        let date = match Day::parse(cell(3)) {
            Ok(d) if d < EARLIEST_PLAUSIBLE || d > latest => {
                fail(format!(
                    "date {d} is implausible (outside {EARLIEST_PLAUSIBLE} to {latest})"
                ));
                None
            }
            Ok(d) => Some(d),
            Err(e) => {
                fail(e.to_string());
                None
            }
        };
        let in_range = |v: f64| match meta.unit {
            Unit::Percent => (0.0..=100.0).contains(&v),
            Unit::Minutes | Unit::Multiplier => v > 0.0,
            Unit::Index => true,
        };
        let range_text = match meta.unit {
            Unit::Percent => "between 0 and 100",
            Unit::Minutes | Unit::Multiplier => "greater than 0",
            Unit::Index => "a finite number",
        };
        let value = match parse_opt_f64(cell(4), "value") {
            Ok(Some(v)) if in_range(v) => Some(v),
            Ok(Some(v)) => {
                fail(format!("value {v} is out of range (must be {range_text})"));
                None
            }
            Ok(None) => {
                fail("value is empty".into());
                None
            }
            Err(e) => {
                fail(e);
                None
            }
        };
        let mut bound = |i: usize, name: &str| match parse_opt_f64(cell(i), name) {
            // Percent bounds are not clipped to 0–100: they are kept exactly as published.
            Ok(Some(v)) if meta.unit.is_log() && v < 0.0 => {
                fail(format!("{name} {v} is out of range (must be at least 0)"));
                None
            }
            Ok(v) => v,
            Err(e) => {
                fail(e);
                None
            }
        };
        let ci_low = bound(5, "ci_low");
        let ci_high = bound(6, "ci_high");
        if ci_low.is_some() != ci_high.is_some() {
            fail("ci_low and ci_high must both be given or both be empty".into());
        }
        if let (Some(lo), Some(hi), Some(v)) = (ci_low, ci_high, value) {
            if lo > hi {
                fail(format!("ci_low {lo} is above ci_high {hi}"));
            } else if meta.interval_contains_value && !(lo <= v && v <= hi) {
                fail(format!("value {v} lies outside its interval [{lo}, {hi}]"));
            }
        }
        let source_frontier = match cell(7).trim() {
            "" => None,
            "true" => Some(true),
            "false" => Some(false),
            other => {
                fail(format!("frontier \"{other}\" must be true, false or empty"));
                None
            }
        };
        let kind = PointKind::from_token(cell(8).trim());
        if kind.is_none() {
            let known: Vec<&str> = PointKind::ALL.iter().map(|k| k.token()).collect();
            fail(format!(
                "kind \"{}\" is not one of {}",
                cell(8).trim(),
                known.join(", ")
            ));
        }
        if cell(9).trim().is_empty() {
            fail("source is empty: every number needs its source".into());
        }
        if let (true, Some(date), Some(value), Some(kind)) = (row_ok, date, value, kind) {
            points.push(Point {
                id,
                model: cell(1).trim().to_string(),
                org: cell(2).trim().to_string(),
                date,
                value,
                ci_low,
                ci_high,
                source_frontier,
                frontier: false,
                kind,
                source: cell(9).to_string(),
            });
        }
    }
    if points.is_empty() && errors.is_empty() {
        errors.push(DataError {
            file: file.into(),
            line: 0,
            reason: "the file has no data rows".into(),
        });
    }
    if !errors.is_empty() {
        return Err(DataErrors(errors));
    }
    crate::data::order::sort_by(&mut points, |a, b| {
        a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id))
    });
    resolve_frontier(&mut points);
    Ok(Series {
        meta: meta.clone(),
        points,
    })
}

/// Sets `frontier` on every point: the source's own flag when every point carries one, else
/// the running maximum over `measured` points (other kinds are never frontier then).
pub fn resolve_frontier(points: &mut [Point]) {
    if points.iter().all(|p| p.source_frontier.is_some()) {
        for p in points.iter_mut() {
            p.frontier = p.source_frontier.unwrap_or(false);
        }
        return;
    }
    let measured: Vec<usize> = (0..points.len())
        .filter(|&i| points[i].kind == PointKind::Measured)
        .collect();
    let pairs: Vec<(Day, f64)> = measured
        .iter()
        .map(|&i| (points[i].date, points[i].value))
        .collect();
    let flags = running_max_frontier(&pairs);
    for p in points.iter_mut() {
        p.frontier = false;
    }
    for (k, &i) in measured.iter().enumerate() {
        points[i].frontier = flags[k];
    }
}

/// Published forecasts, relative to `data/`.
pub const FORECASTS_FILE: &str = "forecasts.csv";

/// The whole dataset: the manifest, every series and the published forecasts, parsed and
/// validated.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    /// The manifest.
    pub manifest: Manifest,
    /// Series in manifest order.
    pub series: Vec<Series>,
    /// Published forecasts (`forecasts.csv`; none when the file is absent).
    pub forecasts: Vec<PublishedForecast>,
}

impl Dataset {
    /// Parses the manifest, every series file it lists and `forecasts.csv` (optional). `read`
    /// returns a file's text given its path relative to `data/`. All problems in all files are
    /// reported together.
    pub fn load<'a>(
        manifest_text: &str,
        read: impl Fn(&str) -> Option<&'a str>,
    ) -> Result<Dataset, DataErrors> {
        let manifest = parse_manifest("manifest.json", manifest_text)?;
        let latest = Day::parse(&manifest.vintage).unwrap_or(Day::MAX);
        let mut errors = Vec::new();
        let mut series = Vec::new();
        for meta in manifest.series.iter() {
            match read(&meta.file) {
                None => errors.push(DataError {
                    file: meta.file.to_string(),
                    line: 0,
                    reason: "file is missing".into(),
                }),
                Some(text) => match parse_series(meta, text, latest) {
                    Ok(s) => series.push(s),
                    Err(DataErrors(e)) => errors.extend(e),
                },
            }
        }
        let units: Vec<(&str, Unit)> = manifest
            .series
            .iter()
            .map(|m| (m.id.as_ref(), m.unit))
            .collect();
        let forecasts = match read(FORECASTS_FILE) {
            None => Vec::new(),
            Some(text) => {
                parse_forecasts(FORECASTS_FILE, text, &units).unwrap_or_else(|DataErrors(e)| {
                    errors.extend(e);
                    Vec::new()
                })
            }
        };
        if errors.is_empty() {
            Ok(Dataset {
                manifest,
                series,
                forecasts,
            })
        } else {
            Err(DataErrors(errors))
        }
    }

    /// Reads `manifest.json` and the series files it lists from a `data/` directory (native
    /// tools and tests; the app bundles the files instead).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn load_dir(dir: &std::path::Path) -> Result<Dataset, DataErrors> {
        let read_err = |file: &str, e: std::io::Error| {
            DataErrors(vec![DataError {
                file: file.into(),
                line: 0,
                reason: e.to_string(),
            }])
        };
        let manifest_text = std::fs::read_to_string(dir.join("manifest.json"))
            .map_err(|e| read_err("manifest.json", e))?;
        let manifest = parse_manifest("manifest.json", &manifest_text)?;
        let mut texts = Vec::new();
        if let Ok(t) = std::fs::read_to_string(dir.join(FORECASTS_FILE)) {
            texts.push((FORECASTS_FILE.into(), t));
        }
        for m in manifest.series.iter() {
            texts.push((
                m.file.clone(),
                std::fs::read_to_string(dir.join(m.file.as_ref()))
                    .map_err(|e| read_err(&m.file, e))?,
            ));
        }
        Dataset::load(&manifest_text, |name| {
            texts
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, t)| t.as_str())
        })
    }

    /// The series with this id.
    pub fn get(&self, id: &str) -> Option<&Series> {
        self.series.iter().find(|s| s.meta.id == id)
    }

    /// Every series id, in manifest order.
    pub fn ids(&self) -> Vec<&str> {
        self.series.iter().map(|s| s.meta.id.as_ref()).collect()
    }
}

impl Series {
    /// The point with this id.
    pub fn point(&self, id: &str) -> Option<&Point> {
        self.points.iter().find(|p| p.id == id)
    }
}

/// A minimal horizon series description for other modules' tests.
#[cfg(test)]
pub(crate) fn tests_meta() -> SeriesMeta {
    tests::meta(Unit::Minutes)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn meta(unit: Unit) -> SeriesMeta {
        SeriesMeta {
            id: "t".into(),
            title: "Test".into(),
            short_title: "Test".into(),
            file: "series/t.csv".into(),
            unit,
            bounded: unit == Unit::Percent,
            date_meaning: "release".into(),
            interval: "95% CI".into(),
            interval_contains_value: true,
            frontier_rule: "flag".into(),
            fit_cap: None,
            fit_cap_note: None,
            source_name: "S".into(),
            source_urls: vec!["https://example.org".into()].into(),
            upstream: vec![].into(),
            licence: "L".into(),
            attribution: "A".into(),
            retrieved: "2026-01-01".into(),
            caveats: vec![].into(),
            published_doubling: vec![].into(),
            no_fit: None,
            index_step: None,
            levels: vec![].into(),
            reference_lines: vec![].into(),
            breaks: vec![].into(),
        }
    }

    #[test]
    fn a_slim_entry_keeps_all_but_its_details_and_gets_them_back() {
        let mut m = meta(Unit::Percent);
        m.source_urls = vec!["https://a.example".into(), "https://b.example".into()].into();
        m.caveats = vec!["c1".into(), "c2".into()].into();
        m.upstream = vec![Upstream {
            path: "upstream/x.csv".into(),
            sha256: "00".into(),
            origin: "https://a.example/x.csv".into(),
            extract: Some("rows".into()),
            extract_sha256: None,
        }]
        .into();
        let slim = m.slim();
        assert_eq!(slim.details(), SeriesDetails::default());
        assert!(slim.source_urls.is_empty() && slim.caveats.is_empty() && slim.upstream.is_empty());
        assert_ne!(slim, m);
        assert_eq!(slim.licence, m.licence);
        assert_eq!(slim.details().caveats.len(), 0);
        assert_eq!(slim.with_details(m.details()), m);
    }

    const HEAD: &str = "id,model,org,date,value,ci_low,ci_high,frontier,kind,source\n";

    fn latest() -> Day {
        Day::parse("2026-11-27").unwrap()
    }

    #[test]
    fn parses_rows_and_sorts_by_date() {
        let text = format!(
            "{HEAD}b,B,Org,2024-05-01,10,5,20,true,measured,\"src, with comma\"\na,A,Org,2023-01-01,2,1,3,false,measured,src\n"
        );
        let s = parse_series(&meta(Unit::Minutes), &text, latest()).unwrap();
        assert_eq!(s.points.len(), 2);
        assert_eq!(s.points[0].id, "a");
        assert!(!s.points[0].frontier);
        assert!(s.points[1].frontier);
        assert_eq!(s.points[1].source, "src, with comma");
        assert_eq!(s.points[1].ci_high, Some(20.0));
    }

    #[test]
    fn reports_every_broken_row_with_file_and_line() {
        let text = format!(
            "{HEAD}a,A,O,2025-13-01,1,,,true,measured,s\nb,B,O,2024-01-01,-3,,,true,measured,s\nc,C,O,2024-01-01,5,6,9,true,measured,s\nd,D,O,2024-01-01,5,,,maybe,measured,s\ne,E,O,2024-01-01,5,,,true,guess,s\nf,F,O,2024-01-01,5,,,true,measured,\na,G,O,2024-01-01,5,,,true,measured,s\nh,H,O,2010-01-01,5,,,true,measured,s\n"
        );
        let e = parse_series(&meta(Unit::Minutes), &text, latest())
            .unwrap_err()
            .to_string();
        let lines: Vec<&str> = e.lines().collect();
        assert_eq!(lines.len(), 8, "{e}");
        assert!(
            lines[0].starts_with("series/t.csv:2: date \"2025-13-01\" is not a valid date"),
            "{e}"
        );
        assert!(
            lines[1].starts_with("series/t.csv:3: value -3 is out of range"),
            "{e}"
        );
        assert!(
            lines[2].starts_with("series/t.csv:4: value 5 lies outside its interval"),
            "{e}"
        );
        assert!(lines[3].contains(":5: frontier \"maybe\""), "{e}");
        assert!(lines[4].contains(":6: kind \"guess\""), "{e}");
        assert!(lines[5].contains(":7: source is empty"), "{e}");
        assert!(lines[6].contains(":8: id \"a\" appears twice"), "{e}");
        assert!(
            lines[7].contains(":9: date 2010-01-01 is implausible"),
            "{e}"
        );
    }

    #[test]
    fn percent_values_must_lie_in_0_to_100() {
        let text = format!("{HEAD}a,A,O,2024-01-01,100.5,,,,measured,s\n");
        let e = parse_series(&meta(Unit::Percent), &text, latest()).unwrap_err();
        assert!(e.to_string().contains("between 0 and 100"));
        let ok =
            format!("{HEAD}a,A,O,2024-01-01,0,,,,measured,s\nb,B,O,2024-02-01,100,,,,measured,s\n");
        assert_eq!(
            parse_series(&meta(Unit::Percent), &ok, latest())
                .unwrap()
                .points
                .len(),
            2
        );
    }

    #[test]
    fn percent_intervals_may_cross_0_or_100_as_published_but_minutes_bounds_may_not_be_negative() {
        // Epoch AI, FrontierMath Tier 4, grok-4-heavy-web-app: 2.08 ± 2.1 (one stderr).
        let text = format!("{HEAD}a,A,O,2025-07-10,2.08,-0.02,4.18,,measured,s\nb,B,O,2025-08-01,99.5,98,101,,measured,s\n");
        let s = parse_series(&meta(Unit::Percent), &text, latest()).unwrap();
        assert_eq!(s.points[0].ci_low, Some(-0.02));
        let text = format!("{HEAD}a,A,O,2025-07-10,2,-0.5,4,,measured,s\n");
        let e = parse_series(&meta(Unit::Minutes), &text, latest()).unwrap_err();
        assert!(
            e.to_string()
                .contains("ci_low -0.5 is out of range (must be at least 0)"),
            "{e}"
        );
    }

    #[test]
    fn intervals_that_need_not_contain_the_value_are_accepted_when_the_source_says_so() {
        let text = format!("{HEAD}a,A,O,2024-01-01,5,6,9,,measured,s\n");
        let mut m = meta(Unit::Percent);
        m.interval_contains_value = false;
        assert!(parse_series(&m, &text, latest()).is_ok());
    }

    #[test]
    fn rejects_wrong_header_and_empty_files() {
        let e = parse_series(&meta(Unit::Percent), "a,b\n1,2\n", latest()).unwrap_err();
        assert!(e.to_string().starts_with("series/t.csv:1: header must be"));
        let e = parse_series(&meta(Unit::Percent), HEAD, latest()).unwrap_err();
        assert!(e.to_string().contains("no data rows"));
    }

    #[test]
    fn without_source_flags_frontier_is_the_running_maximum_of_measured_points() {
        let text = format!(
            "{HEAD}a,A,O,2024-01-01,10,,,,measured,s\nb,B,O,2024-02-01,8,,,,measured,s\nc,C,O,2024-03-01,50,,,,lab-reported,s\nd,D,O,2024-04-01,12,,,,measured,s\n"
        );
        let s = parse_series(&meta(Unit::Percent), &text, latest()).unwrap();
        let f: Vec<bool> = s.points.iter().map(|p| p.frontier).collect();
        assert_eq!(f, [true, false, false, true]);
    }

    #[test]
    fn manifest_errors_name_the_problem() {
        let e = parse_manifest("manifest.json", "{\"schema\": 1,\n \"vintage\": }").unwrap_err();
        assert!(e.to_string().starts_with("manifest.json:2:"), "{e}");
        let e = parse_manifest(
            "manifest.json",
            "{\"schema\": 2, \"vintage\": \"x\", \"series\": []}",
        )
        .unwrap_err();
        assert!(
            e.to_string().contains("unsupported manifest schema 2"),
            "{e}"
        );
        assert!(e.to_string().contains("vintage \"x\""), "{e}");
    }
}
