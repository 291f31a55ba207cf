//! The AI R&D mosaic's series against their upstream files: every value a series uses is in
//! `data/` exactly as the upstream file gives it (read here with a CSV reader of its own, not
//! with scripts/build_data.py), every point names its source and a public model name, and the
//! fits follow the rules (index series linear, speedups exponential, no line on a short series).

use std::collections::HashMap;
use std::path::PathBuf;
use trendline_core::data::units::index_rate_per_year;
use trendline_core::forecast::mosaic::{normalised, summarise};
use trendline_core::{prepare, Dataset, Day, Family, FitError, Series, State, Unit};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data")
}

fn load() -> Dataset {
    Dataset::load_dir(&root()).unwrap()
}

/// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
fn records(text: &str) -> Vec<Vec<String>> {
    let (mut out, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                out.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        out.push(row);
    }
    out
}

/// A CSV file as maps from header to cell.
fn table(path: &str) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    let mut rs = records(&text).into_iter();
    let head = rs.next().unwrap();
    rs.filter(|r| r.len() == head.len())
        .map(|r| head.iter().cloned().zip(r).collect())
        .collect()
}

const EPOCH: &str = "upstream/epoch/benchmark_data_2026-08-17/";

/// (series, Epoch file, value column, × 100 for fractions)
const EPOCH_SERIES: &[(&str, &str, &str, bool)] = &[
    ("eci", "epoch_capabilities_index.csv", "ECI Score", false),
    ("gso", "gso_external.csv", "Score OPT@1", true),
    ("ale-bench", "ale_bench_external.csv", "Performance", false),
    ("weirdml", "weirdml_external.csv", "Accuracy", true),
    ("scicode", "scicode_external.csv", "Score", true),
    ("rli", "rli_external.csv", "Score", true),
    ("cybench", "cybench_external.csv", "Unguided % Solved", true),
    ("hle", "hle_external.csv", "Accuracy", true),
    (
        "posttrainbench",
        "posttrainbench_external.csv",
        "Average (%)",
        true,
    ),
    (
        "terminal-bench",
        "terminalbench_external.csv",
        "Accuracy mean",
        true,
    ),
    ("algotune", "algotune_external.csv", "Score", false),
    ("gpqa-diamond", "gpqa_diamond.csv", "mean_score", true),
    ("frontiermath", "frontiermath.csv", "mean_score", true),
    (
        "frontiermath-t4",
        "frontiermath_tier_4.csv",
        "mean_score",
        true,
    ),
];

/// The id of the model version a point was built from (a `--tag` tells apart several rows
/// of one model version).
fn base(id: &str) -> &str {
    id.split("--").next().unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Every upstream row with a release date and a value is a point of its series with that
/// model version, release date and value (× 100 for fractions); and no point is anything else.
#[test]
fn every_epoch_value_a_series_uses_is_in_data_exactly() {
    let d = load();
    for &(sid, file, col, pct) in EPOCH_SERIES {
        let s = d.get(sid).unwrap_or_else(|| panic!("{sid} missing"));
        let up: Vec<_> = table(&format!("{EPOCH}{file}"))
            .into_iter()
            .filter(|r| {
                !r["Release date"].is_empty()
                    && !r[col].is_empty()
                    && !r["Model version"].is_empty()
            })
            .collect();
        assert_eq!(
            s.points.len(),
            up.len(),
            "{sid}: one point per upstream row"
        );
        let mut unmatched: Vec<&trendline_core::Point> = s.points.iter().collect();
        for r in &up {
            let v: f64 = r[col].parse::<f64>().unwrap() * if pct { 100.0 } else { 1.0 };
            let date = Day::parse(&r["Release date"]).unwrap();
            let at = unmatched
                .iter()
                .position(|p| {
                    base(&p.id) == r["Model version"].trim() && p.date == date && close(p.value, v)
                })
                .unwrap_or_else(|| {
                    panic!(
                        "{sid}: {} {} {v} not in data/",
                        r["Model version"], r["Release date"]
                    )
                });
            unmatched.swap_remove(at);
        }
        assert!(unmatched.is_empty(), "{sid}");
        // The ECI's rows without a score are the ones left out, not others.
        if sid == "eci" {
            assert!(s.points.len() > 500, "{}", s.points.len());
        }
    }
}

/// Every row of the system-card transcription that a series uses is one of its points, with
/// the card's value, the card's month (drawn on the 15th) and the card's address and page in
/// the point's source.
#[test]
fn every_system_card_value_a_series_uses_is_in_data_with_card_and_page() {
    let d = load();
    let cards = table("upstream/system_cards/ai_rd_evaluations_transcribed.csv");
    for (sid, evaluation) in [
        (
            "anthropic-kernels",
            "Anthropic Suite1 Kernels task (hard variant)",
        ),
        ("anthropic-llm-training", "Anthropic Suite1 LLM training"),
        ("openai-prs", "OpenAI PRs"),
        ("openai-mlebench-30", "MLE-bench-30"),
        ("openai-paperbench-10", "PaperBench-10"),
        ("gdm-re-bench", "RE-Bench (METR tasks, GDM run)"),
    ] {
        let s = d.get(sid).unwrap();
        let rows: Vec<_> = cards.iter().filter(|r| r["series"] == evaluation).collect();
        assert!(!rows.is_empty(), "{sid}");
        assert_eq!(s.points.len(), rows.len(), "{sid}");
        for r in rows {
            let v: f64 = r["value"].parse().unwrap();
            let date = Day::parse(&format!("{}-15", r["card_date"])).unwrap();
            let p = s
                .points
                .iter()
                .find(|p| p.model == r["model"] && p.date == date)
                .unwrap_or_else(|| panic!("{sid}: {} {}", r["model"], r["card_date"]));
            assert!(
                close(p.value, v),
                "{sid} {}: {} vs {v}",
                r["model"],
                p.value
            );
            assert!(
                p.source.contains(&r["source_url"]),
                "{sid} {}: card address",
                r["model"]
            );
            assert!(
                p.source.contains(&format!("p. {}", r["page"])) || r["page"].is_empty(),
                "{sid} {}: page",
                r["model"]
            );
            assert!(
                p.source.contains("transcri"),
                "{sid}: says it is a transcription"
            );
        }
        assert!(
            s.meta.caveats.iter().any(|c| c.contains("transcription")),
            "{sid}: the caveats say the series is a transcription"
        );
    }
}

/// Every point of every series names its source: the file (repository and commit) or the
/// page its number comes from.
#[test]
fn every_point_names_its_source() {
    for s in &load().series {
        for p in &s.points {
            assert!(
                p.source.contains(" -- ")
                    && (p.source.contains("from file")
                        || p.source.contains("text of page")
                        || p.source.contains("transcribed in file")),
                "{} {}: {}",
                s.meta.id,
                p.id,
                p.source
            );
        }
    }
}

/// A raw model-version key such as `gpt-5-2025-08-07_high` or `claude-opus-4-7_max`: a
/// reasoning-setting suffix after an underscore, or a date stamp inside the name.
fn looks_raw(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let suffix = lower.rsplit_once('_').is_some_and(|(_, s)| {
        matches!(
            s,
            "low"
                | "medium"
                | "high"
                | "xhigh"
                | "max"
                | "none"
                | "minimal"
                | "unknown"
                | "thinking"
        ) || (s.ends_with('k') && s[..s.len() - 1].chars().all(|c| c.is_ascii_digit()))
    });
    let stamp = lower
        .as_bytes()
        .windows(9)
        .any(|w| w[0] == b'-' && w[1..].iter().all(u8::is_ascii_digit));
    suffix || stamp
}

#[test]
fn the_raw_id_detector_knows_raw_ids_from_names() {
    for raw in [
        "gpt-5-2025-08-07_high",
        "claude-opus-4-7_max",
        "claude-3-7-sonnet-20250219",
        "claude-haiku-4-5-20251001_32K",
    ] {
        assert!(looks_raw(raw), "{raw}");
    }
    for name in [
        "GPT-5 (high)",
        "Claude Opus 4.7 (max)",
        "Claude 3.7 Sonnet",
        "GPT-5.2-Codex",
    ] {
        assert!(!looks_raw(name), "{name}");
    }
}

/// Every point of the Epoch-derived series is labelled with the public name that
/// data/model-names.csv gives its model version (its source column names where the name comes
/// from), never with the raw key; and no label of a series built from model keys looks like a
/// raw key (some public names equal their key, e.g. "o3"; leaderboard entries keep the
/// leaderboard's own entry name, which may quote a model snapshot, e.g. SWE-bench's
/// "OpenHands + CodeAct v2.1 (claude-3-5-sonnet-20241022)").
#[test]
fn every_label_is_a_public_name_from_the_sourced_mapping() {
    let d = load();
    let names: HashMap<String, (String, String)> = table("model-names.csv")
        .into_iter()
        .map(|r| {
            (
                r["model_version"].trim().to_string(),
                (r["name"].clone(), r["source"].clone()),
            )
        })
        .collect();
    assert!(names.len() > 500);
    for (v, (n, src)) in &names {
        assert!(!n.is_empty() && !looks_raw(n), "{v} -> {n}");
        assert!(
            src.contains("epoch_capabilities_index.csv") || src.contains("product name"),
            "{v}: {src}"
        );
    }
    assert_eq!(names["gpt-5-2025-08-07_high"].0, "GPT-5 (high)");
    assert_eq!(names["claude-opus-4-7_max"].0, "Claude Opus 4.7 (max)");
    let epoch: Vec<&str> = EPOCH_SERIES.iter().map(|e| e.0).collect();
    for s in &d.series {
        for p in &s.points {
            if !LEADERBOARD_ENTRIES.contains(&s.meta.id.as_ref()) {
                assert!(
                    !looks_raw(&p.model),
                    "{}: label {:?} is a raw id",
                    s.meta.id,
                    p.model
                );
            }
            if epoch.contains(&s.meta.id.as_ref()) {
                let (n, _) = names
                    .get(base(&p.id).trim())
                    .unwrap_or_else(|| panic!("{}: {} has no public name", s.meta.id, p.id));
                assert_eq!(&p.model, n, "{} {}", s.meta.id, p.id);
            }
        }
    }
}

/// Series whose points are leaderboard entries (agent + model, named by the leaderboard).
const LEADERBOARD_ENTRIES: &[&str] =
    &["swebench-verified-leaderboard", "swebench-full", "mlebench"];

fn months(a: Day, b: Day) -> f64 {
    let ((ya, ma, da), (yb, mb, db)) = (a.ymd(), b.ymd());
    f64::from((yb - ya) * 12)
        + (f64::from(mb) - f64::from(ma))
        + (f64::from(db) - f64::from(da)) / (365.2425 / 12.0)
}

fn frontier(s: &Series) -> Vec<&trendline_core::Point> {
    s.points
        .iter()
        .filter(|p| p.frontier && p.kind.fitted_by_default())
        .collect()
}

/// No line is fitted on fewer than 5 frontier points or less than 12 months of them, and the
/// series marked too short are exactly those, with a reason and no fit in the single view.
#[test]
fn no_line_on_a_short_series() {
    for s in &load().series {
        let f = frontier(s);
        let short = f.len() < 5 || months(f[0].date, f[f.len() - 1].date) < 12.0;
        assert_eq!(
            short,
            s.meta.no_fit.is_some(),
            "{}: {} frontier points",
            s.meta.id,
            f.len()
        );
        let state = State {
            series: s.meta.id.to_string(),
            ..State::default()
        };
        let p = prepare(s, None, &state);
        if short {
            assert_eq!(
                p.fit.as_ref().err(),
                Some(&FitError::TooShort),
                "{}",
                s.meta.id
            );
        } else {
            assert!(p.fit.is_ok(), "{}", s.meta.id);
        }
    }
}

/// The mosaic: at least 24 series with a finite doubling time or rate, in at least 5 of the
/// manifest's groups, every series in one group, and the short series listed without a fit.
/// Prints each row (run with `--nocapture` for the table).
#[test]
fn the_mosaic_has_24_fitted_series_in_5_groups() {
    let d = load();
    let m = &d.manifest;
    let mut fitted = 0;
    let mut groups_with_fits = 0;
    for g in m.groups.iter() {
        let mut any = false;
        for sid in g.series.iter() {
            let s = d.get(sid).unwrap();
            let r = summarise(s);
            let f = frontier(s);
            let what = match (r.doubling, r.rate_per_year()) {
                (_, Some(rate)) => format!("{rate:.2} points/year"),
                (Some(t), None) => format!(
                    "{t:.1} d ({})",
                    if r.family == Family::Logistic {
                        "odds"
                    } else {
                        "value"
                    }
                ),
                (None, _) => "no fit".into(),
            };
            eprintln!(
                "{:10} {:24} frontier {:3} ({} – {})  {what}",
                g.id,
                sid,
                f.len(),
                f[0].date,
                f[f.len() - 1].date
            );
            if r.doubling.is_some_and(f64::is_finite) {
                fitted += 1;
                any = true;
            } else {
                assert!(r.no_fit.is_some(), "{sid}: no fit and no reason");
            }
        }
        groups_with_fits += usize::from(any);
    }
    assert!(fitted >= 24, "{fitted} fitted series");
    assert!(groups_with_fits >= 5, "{groups_with_fits} groups");
    assert_eq!(
        m.groups.iter().map(|g| g.series.len()).sum::<usize>(),
        m.series.len()
    );
    assert!(m.series.iter().filter(|s| s.no_fit.is_some()).count() >= 6);
}

/// The Epoch Capabilities Index: a straight line in index points per year (not a doubling
/// time), milestones at index levels, not on the one-scale chart, and a caveat that it
/// includes other series.
#[test]
fn eci_is_a_linear_trend_in_points_per_year() {
    let d = load();
    let s = d.get("eci").unwrap();
    assert_eq!(s.meta.unit, Unit::Index);
    let r = summarise(s);
    assert_eq!(r.family, Family::Linear);
    let rate = r.rate_per_year().unwrap();
    assert!(rate > 1.0 && rate < 100.0, "{rate}");
    assert!(close(rate, index_rate_per_year(r.doubling.unwrap(), 1.0)));
    // The fit is an ordinary least-squares line through the distinct frontier (date, value)
    // pairs: ECI lists one model's one score under each reasoning setting, fitted once.
    let mut pairs: Vec<(f64, f64)> = Vec::new();
    for p in frontier(s) {
        if !pairs.contains(&(p.date.x(), p.value)) {
            pairs.push((p.date.x(), p.value));
        }
    }
    assert!(
        pairs.len() < frontier(s).len(),
        "ECI has copies to fit once"
    );
    let (xs, ys): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
    let n = xs.len() as f64;
    let (mx, my) = (xs.iter().sum::<f64>() / n, ys.iter().sum::<f64>() / n);
    let b = xs
        .iter()
        .zip(&ys)
        .map(|(x, y)| (x - mx) * (y - my))
        .sum::<f64>()
        / xs.iter().map(|x| (x - mx).powi(2)).sum::<f64>();
    assert!(
        (rate - b * 365.2425).abs() < 1e-6 * rate,
        "{rate} vs {}",
        b * 365.2425
    );
    let m = r.milestone.unwrap();
    assert_eq!(m.id, "level-170");
    assert!(m.date.is_some());
    assert!(normalised(s).is_empty());
    assert!(s
        .meta
        .caveats
        .iter()
        .any(|c| c.contains("not independent evidence")));
}

/// The kernel task is a multiplier fitted exponentially, with the cards' equivalences as
/// labelled reference lines; LLM training marks its method break; METR says it stopped.
#[test]
fn speedups_reference_lines_breaks_and_metr_status() {
    let d = load();
    let k = d.get("anthropic-kernels").unwrap();
    assert_eq!(k.meta.unit, Unit::Multiplier);
    let r = summarise(k);
    assert_eq!(r.family, Family::Exponential);
    let t = r.doubling.unwrap();
    assert!(t > 30.0 && t < 1000.0, "{t}");
    let refs: Vec<f64> = k.meta.reference_lines.iter().map(|l| l.value).collect();
    assert_eq!(refs, [4.0, 200.0, 300.0]);
    assert!(k
        .meta
        .reference_lines
        .iter()
        .all(|l| l.label.contains("expert effort")));
    let l = d.get("anthropic-llm-training").unwrap();
    assert_eq!(l.meta.breaks.len(), 1);
    assert!(l.meta.caveats.iter().any(|c| c.starts_with("Method break")));
    for id in [
        "metr-th1.1-p50",
        "metr-th1.1-p80",
        "metr-th1.0-p50",
        "metr-th1.0-p80",
    ] {
        let s = d.get(id).unwrap();
        assert!(
            s.meta
                .caveats
                .iter()
                .any(|c| c.contains("final published state")),
            "{id}"
        );
    }
}

/// The next milestone is the first one above the best point fitted so far: a manifest level
/// for an index or a speedup, a named milestone for horizons and scores; the mosaic row reports
/// the same one.
#[test]
fn the_next_milestone_is_the_first_above_the_best_point() {
    use trendline_core::forecast::mosaic::{best_fitted, next_milestone_for};
    let d = load();
    for id in [
        "eci",
        "anthropic-kernels",
        "metr-th1.1-p50",
        "swebench-verified",
    ] {
        let s = d.get(id).unwrap();
        let best = best_fitted(s);
        assert!(best.is_finite(), "{id}");
        let next = next_milestone_for(s);
        match s.meta.unit {
            Unit::Index | Unit::Multiplier => {
                let level = s.meta.levels.iter().copied().find(|&l| l > best);
                assert!(
                    level.is_some(),
                    "{id}: a level above {best} to look at next"
                );
                assert_eq!(
                    next,
                    level.map(|l| format!("level-{l}")).unwrap_or_default(),
                    "{id}"
                );
                assert!(s
                    .meta
                    .levels
                    .iter()
                    .all(|&l| l > best || format!("level-{l}") != next));
            }
            Unit::Minutes => assert_eq!(
                next,
                if best < 2400.0 {
                    "work-week"
                } else {
                    "work-month"
                }
            ),
            Unit::Percent => assert_eq!(next, if best < 90.0 { "pct-90" } else { "pct-99" }),
        }
        let row = summarise(s);
        if let Some(m) = row.milestone {
            assert_eq!(m.id, next, "{id}");
        }
    }
}
