#!/usr/bin/env python3
"""Builds data/series/*.csv from the verbatim upstream copies in data/upstream/.

    .venv/bin/python scripts/build_data.py           # rewrite the series files and data/upstream/SHA256SUMS
    .venv/bin/python scripts/build_data.py --check   # fail on any difference (series, manifest, checksums)

Deterministic: the same upstream files always give byte-identical series files. Numbers are
copied as the upstream file writes them; where a number has to be derived (Epoch's fractions
x 100, mean +/- standard error, HAL's "-x/+y" spreads) it is computed with exact decimal
arithmetic on the upstream text and written out in full: no rounding anywhere. The only
hand-entered values are the page-text rows written in this file, each with its source.
Display names and organisations are editorial labels for the upstream keys: no number comes
from them. Each row's `source` cell is the same text as the `source` cell of the reference
tables these series were first checked against.
"""
import csv
import hashlib
import io
import json
import pathlib
import re
import sys
from decimal import Decimal

import yaml

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
UP = DATA / "upstream"
COLUMNS = ["id", "model", "org", "date", "value", "ci_low", "ci_high", "frontier", "kind", "source"]
KINDS = {"measured", "lab-reported", "manual-validation", "leaked-labels", "superseded"}


def num(v):
    """A number exactly as the upstream parser read it (repr keeps every digit)."""
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        raise ValueError(f"boolean where a number was expected: {v}")
    return repr(v) if isinstance(v, float) else str(v)


def flag(v):
    return "" if v is None else ("true" if v else "false")


def dec(text):
    """The exact decimal an upstream cell writes (plain notation only, so nothing is guessed)."""
    t = str(text).strip()
    if not re.fullmatch(r"-?\d+(\.\d+)?", t):
        raise ValueError(f"not a plain decimal number: {text!r}")
    return Decimal(t)


def plain(d):
    """An exact decimal in plain notation without trailing zeros (no rounding)."""
    if d == 0:
        return "0"
    return format(d.normalize(), "f")


def pct(fraction):
    """An upstream fraction (text) as an exact percentage."""
    return dec(fraction) * 100


def slug(text):
    t = text.lower().replace("+", " plus ").replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


def with_unique_ids(rows, tags):
    """Keeps row ids (column 0) as they are where unique; where an id occurs more than once,
    every occurrence gets `--` and its disambiguator (`tags`, one per row) appended."""
    counts = {}
    for r in rows:
        counts[r[0]] = counts.get(r[0], 0) + 1
    return [[f"{r[0]}--{t}"] + r[1:] if counts[r[0]] > 1 else r for r, t in zip(rows, tags)]


def render(rows):
    # Ids and names without surrounding spaces (Epoch writes "Llama-2-70b-hf " once); the app
    # trims them when it reads the file, so the file says what the app shows.
    rows = [[r[0].strip(), r[1].strip()] + r[2:] for r in rows]
    ids = [r[0] for r in rows]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ValueError(f"duplicate point ids {dup}")
    for r in rows:
        if len(r) != len(COLUMNS) or r[8] not in KINDS or not r[9].strip() or not r[0]:
            raise ValueError(f"malformed row {r}")
    rows = sorted(rows, key=lambda r: (r[3], r[0]))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    w.writerows(rows)
    return buf.getvalue()


# --- METR time horizons ---------------------------------------------------------------------

METR_NAMES = {
    "gpt2": ("GPT-2", "OpenAI"), "davinci_002": ("davinci-002 (GPT-3)", "OpenAI"),
    "gpt_3_5_turbo_instruct": ("gpt-3.5-turbo-instruct", "OpenAI"),
    "gpt_4": ("GPT-4 (0314)", "OpenAI"), "gpt_4_1106": ("GPT-4 1106", "OpenAI"),
    "gpt_4_1106_inspect": ("GPT-4 1106", "OpenAI"), "gpt_4_0125": ("GPT-4 0125", "OpenAI"),
    "gpt_4_turbo": ("GPT-4 Turbo", "OpenAI"), "gpt_4_turbo_inspect": ("GPT-4 Turbo", "OpenAI"),
    "gpt_4o": ("GPT-4o", "OpenAI"), "gpt_4o_inspect": ("GPT-4o", "OpenAI"),
    "claude_3_opus": ("Claude 3 Opus", "Anthropic"), "claude_3_opus_inspect": ("Claude 3 Opus", "Anthropic"),
    "claude_3_5_sonnet": ("Claude 3.5 Sonnet (Jun 2024)", "Anthropic"),
    "claude_3_5_sonnet_20240620_inspect": ("Claude 3.5 Sonnet (Jun 2024)", "Anthropic"),
    "claude_3_5_sonnet_20241022": ("Claude 3.5 Sonnet (Oct 2024)", "Anthropic"),
    "claude_3_5_sonnet_20241022_inspect": ("Claude 3.5 Sonnet (Oct 2024)", "Anthropic"),
    "claude_3_7_sonnet": ("Claude 3.7 Sonnet", "Anthropic"), "claude_3_7_sonnet_inspect": ("Claude 3.7 Sonnet", "Anthropic"),
    "claude_4_opus": ("Claude Opus 4", "Anthropic"), "claude_4_opus_inspect": ("Claude Opus 4", "Anthropic"),
    "claude_4_sonnet": ("Claude Sonnet 4", "Anthropic"),
    "claude_4_1_opus": ("Claude Opus 4.1", "Anthropic"), "claude_4_1_opus_inspect": ("Claude Opus 4.1", "Anthropic"),
    "claude_sonnet_4_5": ("Claude Sonnet 4.5", "Anthropic"),
    "claude_opus_4_5": ("Claude Opus 4.5", "Anthropic"), "claude_opus_4_5_inspect": ("Claude Opus 4.5", "Anthropic"),
    "claude_opus_4_6_inspect": ("Claude Opus 4.6", "Anthropic"),
    "claude_mythos_preview_early_inspect": ("Claude Mythos Preview (early snapshot)", "Anthropic"),
    "o1_preview": ("o1-preview", "OpenAI"), "o1_elicited": ("o1 (elicited)", "OpenAI"), "o1_inspect": ("o1", "OpenAI"),
    "o3": ("o3", "OpenAI"), "o3_inspect": ("o3", "OpenAI"), "o4-mini": ("o4-mini", "OpenAI"),
    "gpt_5": ("GPT-5", "OpenAI"), "gpt_5_2025_08_07_inspect": ("GPT-5", "OpenAI"),
    "gpt_5_1_codex_max": ("GPT-5.1-Codex-Max", "OpenAI"), "gpt_5_1_codex_max_inspect": ("GPT-5.1-Codex-Max", "OpenAI"),
    "gpt_5_2": ("GPT-5.2 (high)", "OpenAI"), "gpt_5_3_codex": ("GPT-5.3-Codex", "OpenAI"), "gpt_5_4": ("GPT-5.4", "OpenAI"),
    "gpt-oss-120b": ("gpt-oss-120b", "OpenAI"),
    "gemini_2_5_pro_preview": ("Gemini 2.5 Pro Preview", "Google DeepMind"),
    "gemini_3_pro": ("Gemini 3 Pro", "Google DeepMind"), "gemini_3_1_pro": ("Gemini 3.1 Pro", "Google DeepMind"),
    "deepseek_v3": ("DeepSeek-V3", "DeepSeek"), "deepseek_r1": ("DeepSeek-R1", "DeepSeek"),
    "deepseek_v3_0324": ("DeepSeek-V3-0324", "DeepSeek"), "deepseek_r1_0528": ("DeepSeek-R1-0528", "DeepSeek"),
    "qwen_2_72b": ("Qwen2-72B", "Alibaba"), "qwen_2_5_72b": ("Qwen2.5-72B", "Alibaba"),
    "grok_4": ("Grok 4", "xAI"), "kimi_k2_thinking": ("Kimi K2 Thinking", "Moonshot AI"),
}

METR_FILES = {
    "1.1": ("metr/benchmark_results_1_1.yaml", "https://metr.org/assets/benchmark_results_1_1.yaml",
            "sources/metr_benchmark_results_1_1_2026-07-31.yaml in repo anpaure/frontier-model-sizes @71189a7 "
            "(verbatim; sha256 aae31902...; identical to data/history/2026-08-01/metr_benchmark_results_1_1.yaml "
            "in Prajwalsrinvas/token-tariff)"),
    "1.0": ("metr/benchmark_results_1_0.yaml", "https://metr.org/assets/benchmark_results_1_0.yaml",
            "data/history/2026-08-01/metr_benchmark_results_1_0.yaml in repo Prajwalsrinvas/token-tariff @90407eb "
            "(verbatim; sha256 f15fd2f1...)"),
}


def metr(version, quantile):
    path, url, mirror = METR_FILES[version]
    doc = yaml.safe_load((UP / path).read_text())
    rows = []
    for key, r in doc["results"].items():
        name, org = METR_NAMES[key]
        m = r["metrics"]
        h = m[f"{quantile}_horizon_length"]
        bench = r.get("benchmark_name", doc["benchmark_name"])
        src = (f"{url} (key {key}; per-model benchmark_name {bench}; is_sota={m.get('is_sota')}) "
               f"-- from file {mirror}")
        rows.append([key, name, org, str(r["release_date"]), num(h["estimate"]), num(h["ci_low"]),
                     num(h["ci_high"]), flag(m.get("is_sota")), "measured", src])
    return render(rows)


# --- Epoch AI Benchmarking Hub (benchmark_data.zip of 2026-08-17) ----------------------------

EPOCH_DIR = "epoch/benchmark_data_2026-08-17"
ZCOPY = ("data/sources/acquisitions/v05-epoch-probe-2026-08-17/epoch-benchmark-data.zip in repo "
         "lukifer23/UMI---Unified-Model-Index @1e5dc2d")
ZSRC = f"https://epoch.ai/data/benchmark_data.zip (snapshot 2026-08-17; verbatim copy {ZCOPY}), CC BY 4.0"


def epoch_read(name):
    with (UP / EPOCH_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def epoch_run_rows(name, source):
    """Rows of an Epoch-run benchmark: mean_score and stderr are fractions; value = mean x 100,
    interval = (mean -/+ stderr) x 100, exactly. Rows without a model release date are left out."""
    rows, run_ids = [], []
    for r in epoch_read(name):
        if not r["Release date"]:
            continue
        v = pct(r["mean_score"])
        lo = hi = ""
        if r["stderr"]:
            se = pct(r["stderr"])
            lo, hi = plain(v - se), plain(v + se)
        rows.append([r["Model version"], public_name(r["Model version"]), r["Organization"], r["Release date"], plain(v), lo, hi, "",
                     "measured", source(r)])
        run_ids.append(r["id"])  # Epoch's own run id tells apart two runs of one model version
    return with_unique_ids(rows, run_ids)


# --- SWE-bench ------------------------------------------------------------------------------

SWEBENCH_JSON = "swebench/leaderboards_2025-12-10__Test_Verified.json"
SWEBENCH_SRC = ("https://www.swebench.com leaderboard data (data/leaderboards.json) -- from file data/leaderboards.json in repo "
                "SWE-bench/swe-bench.github.io @f1176b65 (2025-12-10)")
MODEL_TAG_ORGS = (("claude", "Anthropic"), ("gpt", "OpenAI"), ("o1", "OpenAI"), ("o3", "OpenAI"), ("o4", "OpenAI"),
                  ("gemini", "Google"), ("qwen", "Alibaba"), ("deepseek", "DeepSeek"), ("llama", "Meta"),
                  ("swe-llama", "Princeton NLP"))


def swebench_leaderboard(name):
    """One leaderboard of the site's data file; `resolved` is copied as the JSON writes it.
    Organisations come from the entry's `Org:` tags, else are inferred from its `Model:` tags
    (and say so)."""
    doc = json.loads((UP / SWEBENCH_JSON).read_text(encoding="utf-8"), parse_float=Decimal)
    (lb,) = [lb for lb in doc["leaderboards"] if lb["name"] == name]
    rows = []
    for r in lb["results"]:
        tags = r.get("tags") or []
        orgs = [t.split(": ", 1)[1] for t in tags if t.startswith("Org: ")]
        models = [t.split(": ", 1)[1] for t in tags if t.startswith("Model: ")]
        if not orgs:
            inf = sorted({o for m in models for k, o in MODEL_TAG_ORGS if m.lower().startswith(k)})
            orgs = [o + " (inferred from model tag)" for o in inf]
        checked = r.get("checked")
        extra = (f"folder {r.get('folder')}; models {'/'.join(models) or 'n/a'}; "
                 f"checked={checked if isinstance(checked, bool) else 'false'}; os_model={r.get('os_model')}")
        value = r["resolved"]
        if not isinstance(value, (Decimal, int)) or isinstance(value, bool):
            raise ValueError(f"{name} {r.get('folder')}: resolved {value!r} is not a number")
        rows.append([r["folder"], r["name"], "; ".join(orgs) or "", r["date"], str(value), "", "", "", "measured",
                     f"{lb['name']} leaderboard, % resolved; date = submission date on leaderboard (not model release); "
                     f"{extra} -- {SWEBENCH_SRC}"])
    return render(rows)


# Lab-reported (self-reported) headline SWE-bench Verified scores, hand-entered from page text.
# (model, org, model release / announcement date, value, source of the number)
SWEBENCH_LAB_REPORTED = [
    ("GPT-5", "OpenAI", "2025-08-07", "74.9",
     "from text of page https://openai.com/index/introducing-gpt-5-for-developers/ (primary; 'scoring 74.9% on SWE-bench Verified')"),
    ("Claude Opus 4", "Anthropic", "2025-05-22", "72.5",
     "provider self-report as quoted in text of page https://qubittool.com/blog/claude-4-opus-sonnet-technical-analysis "
     "(secondary; release date per Epoch benchmark_data.zip)"),
    ("Claude Sonnet 4.5", "Anthropic", "2025-09-29", "77.2",
     "provider self-report as quoted in text of pages https://simplerdevelopment.com/blog/claude-4-series-explained-sonnet-opus-2026 "
     "and https://akselera.tech/en/insights/deep-dive/claude-sonnet-claude-code-capabilities (secondary; 82.0% with parallel compute)"),
    ("Claude Opus 4.5", "Anthropic", "2025-11-24", "80.9",
     "provider self-report as quoted in text of pages https://simplerdevelopment.com/blog/claude-4-series-explained-sonnet-opus-2026 "
     "and https://cleanaim.com/resources/silent-wiring/breaking-80-swe-bench-19-percent-still-fails (secondary)"),
    ("Claude Opus 4.6", "Anthropic", "2026-02-05", "80.8",
     "provider self-report (Claude Mythos Preview system card comparison) as quoted in text of pages "
     "https://hugobowne.github.io/mythos-preview-model-card/entities/claude-mythos-preview and "
     "https://www.elegantsoftwaresolutions.com/blog/mythos-benchmarks-cybergym-swe-bench-decoded (secondary)"),
    ("Claude Mythos Preview", "Anthropic", "2026-04-07", "93.9",
     "provider self-report (https://www.anthropic.com/glasswing and Mythos Preview system card) as quoted in text of pages "
     "https://hugobowne.github.io/mythos-preview-model-card/entities/claude-mythos-preview and "
     "https://www.elegantsoftwaresolutions.com/blog/mythos-benchmarks-cybergym-swe-bench-decoded (secondary); "
     "gated research preview, not generally available"),
]


def swebench_verified():
    """Epoch AI's own SWE-bench Verified runs (measured, +/- 1 stderr) plus lab-reported headlines."""
    rows = epoch_run_rows("swe_bench_verified.csv", lambda r: (
        f"Epoch AI Benchmarking Hub, SWE-bench Verified run by Epoch (run started {r['Started at'][:10]}, id {r['id']}); "
        f"interval = mean ± 1 stderr as published; release_date = model release per Epoch -- from file swe_bench_verified.csv in "
        f"https://epoch.ai/data/benchmark_data.zip (snapshot 2026-08-17, verbatim copy {ZCOPY})"))
    for model, org, date, v, src in SWEBENCH_LAB_REPORTED:
        dec(v)
        rows.append([f"lab-reported-{slug(model)}", model, org, date, v, "", "", "", "lab-reported",
                     f"vendor-reported headline (vendor's own scaffold; not comparable to leaderboard rows) -- {src}"])
    return render(rows)


# --- Model release dates from Epoch AI's files (for series whose source gives none) ---------

# Every Epoch file kept in data/upstream/epoch/benchmark_data_2026-08-17/ (zip members,
# byte-identical), in the zip's own order. The lookup below takes a model version's first
# occurrence, and the build refuses a model version on which the kept files disagree.
EPOCH_MEMBERS = ["gpqa_diamond.csv", "swe_bench_verified.csv", "frontiermath.csv", "frontiermath_tier_4.csv",
                 "weirdml_external.csv", "simplebench_external.csv", "os_world_external.csv", "arc_agi_2_external.csv"]


def epoch_release_dates():
    """Model version -> (release date, organisation) over the kept Epoch files, first occurrence
    in zip order; with every other occurrence recorded so that disagreements can be refused."""
    first, seen = {}, {}
    for name in EPOCH_MEMBERS:
        for r in epoch_read(name):
            if r.get("Model version") and r.get("Release date"):
                key = r["Model version"]
                first.setdefault(key, (r["Release date"], r.get("Organization", "")))
                seen.setdefault(key, set()).add((r["Release date"], r.get("Organization", "")))
    return first, seen


# --- CORE-Bench Hard (HAL) ------------------------------------------------------------------

# HAL model label -> Epoch 'Model version' whose release date (and developer) dates the point:
# HAL publishes no evaluation dates.
COREBENCH_EPOCH_KEY = {
    "Claude Opus 4.5": "claude-opus-4-5-20251101", "Claude Sonnet 4.5": "claude-sonnet-4-5-20250929",
    "Claude Opus 4.1": "claude-opus-4-1-20250805", "Claude Sonnet 4": "claude-sonnet-4-20250514",
    "Claude-3.7 Sonnet": "claude-3-7-sonnet-20250219", "Claude Haiku 4.5": "claude-haiku-4-5-20251001",
    "Gemini 3 Pro Preview": "gemini-3-pro-preview", "Gemini 2.5 Pro Preview": "gemini-2.5-pro-exp-03-25",
    "Gemini 2.0 Flash": "gemini-2.0-flash-001", "o4-mini": "o4-mini-2025-04-16_medium", "o3": "o3-2025-04-16_medium",
    "GPT-4.1": "gpt-4.1-2025-04-14", "GPT-5": "gpt-5-2025-08-07_medium", "GPT-OSS-120B": "gpt-oss-120b",
    "DeepSeek V3.1": "DeepSeek-V3.1", "DeepSeek V3": "DeepSeek-V3-0324", "DeepSeek R1 (May 2025)": "DeepSeek-R1-0528",
    "DeepSeek R1 (January 2025)": "DeepSeek-R1", "claude-3-5-sonnet-20241022": "claude-3-5-sonnet-20241022",
    "o1-2024-12-17": "o1-2024-12-17_medium", "o1-mini-2024-09-12": "o1-mini-2024-09-12_medium",
    "gpt-4o-2024-05-13": "gpt-4o-2024-05-13", "gpt-4o-mini-2024-07-18": "gpt-4o-mini-2024-07-18",
}
HAL_CSV = "corebench/hal_core_bench_hard__hansgundlach_ScaffoldingTheory.csv"
HALSRC = ("https://hal.cs.princeton.edu/corebench_hard (HAL leaderboard, accuracy on 45-task public test set) as scraped 2026-03-13/14 -- "
          "from file hal_data/core_bench_hard.csv in repo hansgundlach/ScaffoldingTheory @0f7432d")
# Earlier HAL table version, from page text (scaffold not captured): label, value, min, max, runs
HAL_EARLIER = [("claude-3-5-sonnet-20241022", "37.78", "", "", 1), ("o1-2024-12-17 med.", "33.33", "", "", 1),
               ("o1-mini-2024-09-12", "25.55", "22.22", "28.89", 2), ("gpt-4o-2024-05-13", "19.45", "17.79", "20.0", 4),
               ("gpt-4o-mini-2024-07-18", "14.45", "13.34", "15.57", 4)]
HAL_EARLIER_PAGE = "https://hal.cs.princeton.edu/corebench_hard"
# CORE-Bench paper (arXiv 2409.11363, Sept 2024), CORE-Agent on CORE-Bench-Hard, from page text
COREBENCH_PAPER = [("gpt-4o-2024-05-13", "21.48"), ("gpt-4o-mini-2024-07-18", "16.30")]


def corebench_hard():
    first, seen = epoch_release_dates()

    def release(label):
        for k in sorted(COREBENCH_EPOCH_KEY, key=len, reverse=True):
            if label.startswith(k) or k in label:
                ek = COREBENCH_EPOCH_KEY[k]
                if len(seen[ek]) != 1:
                    raise ValueError(f"Epoch files disagree on {ek}: {sorted(seen[ek])}")
                d, o = first[ek]
                return d, o.split(",")[0], ek
        raise ValueError("no release date for " + label)

    rows = []
    with (UP / HAL_CSV).open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    for i, r in enumerate(lines[1:], start=1):
        if not r or not r[0].strip().isdigit():
            continue
        rank, scaffold, model, verified, acc = [c.strip() for c in r[:5]]
        runs = r[6].strip()
        scaffold = scaffold.replace("Pareto optimal", "").strip()
        m = re.match(r"([\d.]+)%\s*(?:\(-([\d.]+)/\+([\d.]+)\))?", acc)
        v = m.group(1)
        lo = hi = ""
        if m.group(2):  # HAL's "(-x/+y)": the lowest and highest run, relative to the mean
            lo, hi = plain(dec(v) - dec(m.group(2))), plain(dec(v) + dec(m.group(3)))
        d, org, ek = release(model)
        note = f"scaffold {scaffold}; HAL rank {rank}; runs {runs}; verified={'yes' if verified == '✓' else verified}"
        if lo != "":
            note += "; interval = min-max across runs as published"
        label = f"{model} [{scaffold}]"
        rows.append([slug(label), label, org, d, v, lo, hi, "", "measured",
                     f"{note}; release_date = model release per Epoch benchmark_data.zip ({ek}) -- {HALSRC}"])
        nxt = lines[i + 1] if i + 1 < len(lines) else []
        mm = re.search(r"\(([\d.]+)% w/ manual validation\)", " ".join(nxt))
        if mm:
            label = f"{model} [{scaffold}, manual validation]"
            rows.append([slug(label), label, org, d, mm.group(1), "", "", "", "manual-validation",
                         "same HAL entry re-graded with manual validation by the HAL team ('CORE-Bench is solved', "
                         f"https://substack.com/@sayash/note/c-183913356); release_date = model release per Epoch ({ek}) -- {HALSRC}"])
    for model, v, lo, hi, runs in HAL_EARLIER:
        d, org, ek = release(model)
        # The id keeps HAL's own key (links name points by id); the label is the public name.
        label = f"{public_name(ek)} [HAL, earlier leaderboard version]"
        rows.append([slug(f"{model} [HAL, earlier leaderboard version]"), label, org, d, v, lo, hi, "", "measured",
                     f"earlier (c. early 2025, undated) version of the HAL CORE-Bench Hard table, entry {model}; runs {runs}; "
                     f"interval = published min-max (-x/+y) across runs; scaffold name not captured in page text; "
                     f"release_date per Epoch ({ek}) -- from text of page {HAL_EARLIER_PAGE} (older snapshot)"])
    for model, v in COREBENCH_PAPER:
        d, org, ek = release(model)
        # The id keeps the paper's model key (links name points by id); the label is the public name.
        label = f"{public_name(ek)} [CORE-Agent, CORE-Bench paper]"
        rows.append([slug(f"{model} [CORE-Agent, CORE-Bench paper]"), label, org, d, v, "", "", "", "measured",
                     f"Siegel et al., CORE-Bench (arXiv 2409.11363, Sept 2024), CORE-Agent + {model} baseline on CORE-Bench-Hard "
                     f"(abstract: best agent 21%); release_date per Epoch ({ek}) -- from text of page "
                     "https://papers.lunadong.com/paper/7674 (summary table of the paper; abstract also at "
                     "https://www.scholarfeed.org/paper/2409.11363v1)"])
    return render(rows)


# --- MLE-bench ------------------------------------------------------------------------------

MLE_REPO_URL = "https://github.com/openai/mle-bench"
MLE_README_CURRENT = "mlebench/README_2026-02-26_783b15a.md"
MLE_README_ORIGINAL = "mlebench/README_2025-05-19_dcf86a9.md"
# Rows added after 2026-02-26, from the text of a third-party rendering of the README dated
# 2026-04-24 (no git copy of that README version could be obtained): name, org, date, mean, SEM
MLE_PAGE = "https://stig.sh/openai/mle-bench"
MLE_PAGE_ROWS = [
    ("Famou-Agent 2.0 (Gemini-3-Pro-Preview)", "Famou-Agent 2.0", "2026-02-23", "64.44", "1.18"),
    ("AIBuildAI (Claude-Opus-4.6)", "AIBuildAI", "2026-03-06", "63.11", "0.44"),
    ("CAIR MARS+ (Gemini-3-Pro-Preview)", "CAIR (Google Cloud AI Research)", "2026-02-17", "62.67", "0.77"),
    ("CAIR MARS (Gemini-3-Pro-Preview)", "CAIR (Google Cloud AI Research)", "2026-01-25", "56.0", "1.54"),
]


def strip_md(s):
    s = re.sub(r"\[\^\d+\]", "", s)  # footnote markers
    s = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", s)  # links
    s = s.replace("<br>", " ")
    return re.sub(r"\s+", " ", s).strip()


def mean_sem(cell):
    """'61.33 ± 0.77' -> ('61.33', '0.77'), the texts as published."""
    m = re.match(r"([\d.]+)\s*±\s*([\d.]+)", strip_md(cell))
    return m.group(1), m.group(2)


def mlebench():
    rows, runtimes = [], []
    # 1) current table, README @783b15a (2026-02-26): 'All (%)' = any medal on all 75 competitions
    hdr = None
    for ln in (UP / MLE_README_CURRENT).read_text(encoding="utf-8").splitlines():
        if ln.startswith("| Agent |"):
            hdr = [c.strip() for c in ln.strip("|").split("|")]
            continue
        if hdr and ln.startswith("|") and not ln.startswith("|---"):
            cells = [c.strip() for c in ln.strip().strip("|").split("|")]
            if len(cells) < len(hdr):
                break
            d = dict(zip(hdr, cells))
            v, se = mean_sem(d["All (%)"])
            agent, llm = strip_md(d["Agent"]), strip_md(d["LLM(s) used"])
            leak = strip_md(d.get("Known Leakage[^1]", d.get("Known Leakage", "")))
            note = "; README marks Known Leakage (test-label leakage)" if leak.startswith("✓") else ""
            label = f"{agent} ({llm})"
            row = [slug(label), label, agent, d["Date"].strip(), v, plain(dec(v) - dec(se)), plain(dec(v) + dec(se)), "",
                   "leaked-labels" if note else "measured",
                   f"{MLE_REPO_URL} README leaderboard 'All (%)' any-medal, mean ± 1 SEM as published; date = leaderboard result date, "
                   f"not model release; runtime {d['Running Time (hours)']}h{note} -- from file README.md in repo openai/mle-bench @783b15a (2026-02-26)"]
            runtimes.append(f"{d['Running Time (hours)']}h")
            rows.append(row)
        elif hdr and not ln.startswith("|"):
            break
    # 2) the 2024-10-08 agents under the original (paper) aggregation, README @dcf86a9; superseded
    #    by the re-aggregated values of the 2026 table
    for ln in (UP / MLE_README_ORIGINAL).read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*(AIDE|OpenHands|MLAB) ([^|]+)\|(.*)", ln)
        if m:
            cells = [c.strip() for c in ln.strip().strip("|").split("|")]
            v, se = mean_sem(cells[4])
            label = f"{m.group(1)} ({m.group(2).strip()}) [original aggregation]"
            runtimes.append("")
            rows.append([slug(label), label, m.group(1), cells[5], v, plain(dec(v) - dec(se)), plain(dec(v) + dec(se)), "",
                         "superseded",
                         f"{MLE_REPO_URL} README leaderboard as of 2025-05-19 (original paper aggregation, arXiv 2410.07095: "
                         f"o1-preview+AIDE 16.9%); mean ± 1 SEM; superseded by re-aggregated values in the 2026 table -- "
                         f"from file README.md in repo openai/mle-bench @dcf86a9"])
    # 3) page-text rows
    for name, org, date, v, se in MLE_PAGE_ROWS:
        runtimes.append("")
        rows.append([slug(name), name, org, date, v, plain(dec(v) - dec(se)), plain(dec(v) + dec(se)), "", "measured",
                     "openai/mle-bench README leaderboard as of 2026-04-24 (leaderboard closed to new submissions that day); "
                     f"mean ± 1 SEM; date = result date -- from text of page {MLE_PAGE} (third-party rendering of the README; "
                     "not verified against a git copy)"])
    # one agent + LLM listed twice (different running times) is told apart by its running time
    return render(with_unique_ids(rows, runtimes))


# --- Epoch AI Benchmarking Hub series -------------------------------------------------------

def epoch_hub(fname, label):
    return render(epoch_run_rows(fname, lambda r: (
        f"{label}, run by Epoch AI (started {r['Started at'][:10]}, id {r['id']}); interval = mean ± 1 stderr as published; "
        f"release_date = model release per Epoch -- from file {fname} in {ZSRC}")))


def epoch_arc_agi_2():
    rows, rec = [], []
    for r in epoch_read("arc_agi_2_external.csv"):
        if not r["Release date"]:
            continue
        row = [r["Model version"] or slug(r["Name"]), public_name(r["Model version"]) if r["Model version"] else r["Name"],
               r["Organization"], r["Release date"], plain(pct(r["Score"])), "", "", "", "measured",
               f"ARC-AGI-2 score as compiled by Epoch from the ARC Prize leaderboard (https://arcprize.org/leaderboard); "
               f"leaderboard entry {r['Name']}; "
               f"cost/task {r['Cost per task']} -- from file arc_agi_2_external.csv in {ZSRC}"]
        rec.append(r["id"])  # Epoch's record id tells apart settings that share one model version
        rows.append(row)
    return render(with_unique_ids(rows, rec))


# Who each OSWorld row's number comes from (Epoch's `Source` column): the OSWorld leaderboard
# itself, or the model's developer. A new source must be classified here before it is used.
OSWORLD_SOURCE_KIND = {"OS World Website": "measured", "Anthropic annoucement": "lab-reported"}


def osworld_label(r):
    """The public name with the agent's step budget ("Claude 3.7 Sonnet (100 steps)"); an agent
    named otherwise than its model is kept in brackets. The agent's own text is in the source cell."""
    name = public_name(r["Model version"]) if r["Model version"] else "(unnamed)"
    m = re.search(r"\((\d+ steps)\)", r["Agent"])
    if m:
        return f"{name} ({m.group(1)})"
    same = slug(r["Agent"]) in (slug(r["Model version"]), slug(name.split(" (")[0]))
    return name if same else f"{name} [{r['Agent']}]"


def epoch_osworld():
    rows, agents = [], []
    for r in epoch_read("os_world_external.csv"):
        if not r["Score"] or not r["Release date"]:
            continue
        row = [r["Model version"] or slug(r["Agent"]), osworld_label(r), r["Organization"],
               r["Release date"], str(dec(r["Score"])), "", "", "",
               OSWORLD_SOURCE_KIND[r["Source"]],
               f"OSWorld success rate as compiled by Epoch (agent {r['Agent']}; source: {r['Source']} {r['Source link']}; "
               f"date added {r['Date added']}) -- "
               f"from file os_world_external.csv in {ZSRC}"]
        agents.append(slug(r["Agent"]))  # the agent (step budget) tells apart rows of one model version
        rows.append(row)
    return render(with_unique_ids(rows, agents))



# --- Public model names ---------------------------------------------------------------------

# Epoch's files key every row by a model version ("gpt-5-2025-08-07_high"); readers know the
# public name ("GPT-5 (high)"). The mapping written to data/model-names.csv comes from Epoch's own
# columns in epoch_capabilities_index.csv: its "Display name" where set, else its "Model name" with
# the reasoning setting the version's suffix names. The few model versions the index does not list
# are named here from the developer's product name, each with its source.
ECI_FILE = "epoch_capabilities_index.csv"
SETTING_SUFFIX = re.compile(r"_(minimal|low|medium|high|xhigh|max|none|thinking|\d+K)$")
HAND_NAMES = {
    "grok-code-fast-1": ("Grok Code Fast 1", "xAI model page https://docs.x.ai/docs/models (product name of grok-code-fast-1)"),
    "mistral-medium-2508": ("Mistral Medium 3.1", "Mistral AI model page https://docs.mistral.ai/getting-started/models/ (mistral-medium-2508 = Mistral Medium 3.1)"),
    "qwen3-coder-plus": ("Qwen3-Coder-Plus", "Alibaba Cloud Model Studio page (product name of qwen3-coder-plus)"),
    "qwen3-coder-next": ("Qwen3-Coder-Next", "Qwen model card https://huggingface.co/Qwen/Qwen3-Coder-Next (product name)"),
    "codex-mini-2025-05-16": ("codex-mini", "OpenAI model page https://platform.openai.com/docs/models/codex-mini-latest (snapshot codex-mini-2025-05-16)"),
    "gemini-3-deep-think-preview": ("Gemini 3 Deep Think (preview)", "Google DeepMind announcement of Gemini 3 Deep Think (name of the preview mode)"),
    "tiny-recursion-model": ("Tiny Recursion Model (TRM)", "Jolicoeur-Martineau, 'Less is More: Recursive Reasoning with Tiny Networks' (arXiv 2510.04871)"),
    "computer-use-preview-2025-03-11": ("computer-use-preview (Operator CUA)", "OpenAI model page https://platform.openai.com/docs/models/computer-use-preview (snapshot 2025-03-11)"),
}


def eci_names():
    display, model = {}, {}
    for r in epoch_read(ECI_FILE):
        if r["Display name"]:
            display[r["Model version"]] = r["Display name"].strip()
        if r["Model name"]:
            model[r["Model version"]] = r["Model name"].strip()
    return display, model


_NAMES = {}


def name_entry(version):
    """(public name, how it was found) for an Epoch model version."""
    if not _NAMES:
        _NAMES["display"], _NAMES["model"] = eci_names()
        _NAMES["used"] = {}
    display, model = _NAMES["display"], _NAMES["model"]
    base = SETTING_SUFFIX.sub("", version[:-len("_unknown")] if version.endswith("_unknown") else version)
    if version in display:
        e = (display[version], f"Epoch AI {ECI_FILE} 'Display name' of {version}")
    elif version in model:
        m = SETTING_SUFFIX.search(version)
        e = (model[version] + (f" ({m.group(1)})" if m else ""),
             f"Epoch AI {ECI_FILE} 'Model name' of {version}" + (f", with the setting '{m.group(1)}' its version names" if m else ""))
    elif version.endswith("_unknown") and version[:-8] in display:
        e = (display[version[:-8]], f"Epoch AI {ECI_FILE} 'Display name' of {version[:-8]} (setting not stated upstream)")
    elif version.endswith("_unknown") and version[:-8] in model:
        e = (model[version[:-8]], f"Epoch AI {ECI_FILE} 'Model name' of {version[:-8]} (setting not stated upstream)")
    elif base in model:
        m = SETTING_SUFFIX.search(version)
        e = (model[base] + (f" ({m.group(1)})" if m else ""), f"Epoch AI {ECI_FILE} 'Model name' of {base}")
    elif version in HAND_NAMES:
        n, src = HAND_NAMES[version]
        e = (n, f"developer's product name: {src}")
    else:
        raise ValueError(f"no public name for model version {version!r}: add it to HAND_NAMES with its source")
    _NAMES["used"][version] = e
    return e


def public_name(version):
    return name_entry(version)[0]


def model_names_csv():
    """data/model-names.csv: every model version a series names, its public name and where the name comes from."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["model_version", "name", "source"])
    for v in sorted(_NAMES.get("used", {})):
        n, src = _NAMES["used"][v]
        w.writerow([v, n, f"{src} -- from file {ECI_FILE} in {ZSRC}" if src.startswith("Epoch") else src])
    return buf.getvalue()


def sci(text):
    """An exact decimal from an upstream cell that may use e-notation (Epoch writes tiny standard errors so)."""
    t = str(text).strip()
    if not re.fullmatch(r"-?\d+(\.\d+)?([eE]-?\d+)?", t):
        raise ValueError(f"not a decimal number: {text!r}")
    return Decimal(t)


def epoch_external(fname, value_col, what, *, fraction=True, se_col=None, tag=None, detail=None, keep=None):
    """An Epoch `_external` (or Epoch-own) file as a series: value = the column (x 100 for fractions,
    exactly), interval = value -/+ the standard-error column where given; rows without a release date or
    value are left out. Where one model version has several rows, `tag` tells them apart in the id."""
    rows, tags = [], []
    for r in epoch_read(fname):
        if not r.get("Release date") or not r.get(value_col) or not r.get("Model version"):
            continue
        if keep and not keep(r):
            continue
        v = sci(r[value_col]) * (100 if fraction else 1)
        lo = hi = ""
        if se_col and r.get(se_col):
            se = sci(r[se_col]) * (100 if fraction else 1)
            lo, hi = plain(v - se), plain(v + se)
        extra = detail(r) if detail else ""
        src_col = f"; upstream source: {r['Source']}" if r.get("Source") else ""
        rows.append([r["Model version"], public_name(r["Model version"]), r.get("Organization", ""), r["Release date"],
                     plain(v), lo, hi, "", "measured",
                     f"{what}{extra}{src_col}; release_date = model release per Epoch -- from file {fname} in {ZSRC}"])
        tags.append(tag(r) if tag else r.get("id") or slug(r.get("Name", "")))
    return render(with_unique_ids(rows, tags))


# --- AI R&D evaluations in the labs' system cards (a transcription) ---------------------------

CARDS_CSV = "system_cards/ai_rd_evaluations_transcribed.csv"
CARDS_SRC = ("transcribed in file data/ai_rd_benchmarks.csv of repo tecunningham/ai-rnd-benchmarks @af0d101 "
             "(a transcription of the card, not the card's own file)")
LAB_NAMES = {"anthropic": "Anthropic", "openai": "OpenAI", "gdm": "Google DeepMind"}


def system_card_series(evaluation, what):
    rows = []
    with (UP / CARDS_CSV).open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["series"] != evaluation:
                continue
            if not re.fullmatch(r"\d{4}-\d{2}", r["card_date"]):
                raise ValueError(f"card date {r['card_date']!r}")
            lab = LAB_NAMES[r["lab"]]
            checked = ("; checked here against the card text (card_excerpts.md)" if r["verified_here_against_card_text"].strip()
                       else "")
            page = f"p. {r['page']}" if r["page"].strip() else "page not given in the transcription"
            dec(r["value"])
            rows.append([f"{slug(r['model'])}-{r['card_date']}", r["model"], lab, f"{r['card_date']}-15", r["value"], "", "", "",
                         "measured",
                         f"{what}: {r['metric']}; as printed: {r['value_as_printed_abbrev']}; {lab} system card ({r['model']}), "
                         f"{page}, {r['source_url']}; date = the card's month (drawn on the 15th){checked} -- {CARDS_SRC}"])
    return render(rows)


# Every series, in picker order (the manifest's order).
SERIES = {
    "metr-th1.1-p50": lambda: metr("1.1", "p50"),
    "metr-th1.1-p80": lambda: metr("1.1", "p80"),
    "metr-th1.0-p50": lambda: metr("1.0", "p50"),
    "metr-th1.0-p80": lambda: metr("1.0", "p80"),
    "swebench-verified": swebench_verified,
    "swebench-verified-leaderboard": lambda: swebench_leaderboard("Verified"),
    "swebench-full": lambda: swebench_leaderboard("Test"),
    "corebench-hard": corebench_hard,
    "mlebench": mlebench,
    "gpqa-diamond": lambda: epoch_hub("gpqa_diamond.csv", "GPQA Diamond"),
    "frontiermath": lambda: epoch_hub("frontiermath.csv", "FrontierMath (Tiers 1-3)"),
    "frontiermath-t4": lambda: epoch_hub("frontiermath_tier_4.csv", "FrontierMath Tier 4"),
    "arc-agi-2": epoch_arc_agi_2,
    "osworld": epoch_osworld,
    "eci": lambda: epoch_external("epoch_capabilities_index.csv", "ECI Score", "Epoch Capabilities Index (ECI), Epoch's own index over many benchmarks", fraction=False, tag=lambda r: slug(r["Display name"] or r["Model name"])),
    "gso": lambda: epoch_external("gso_external.csv", "Score OPT@1", "GSO (software optimisation), OPT@1 as compiled by Epoch", detail=lambda r: f"; scaffold {r['Scaffold']}; OPT@1 hack-adjusted {r['OPT@1 (hack-adjusted)'] or 'n/a'}; evaluated {r['Evaluation date'] or 'n/a'}", tag=lambda r: r["id"]),
    "ale-bench": lambda: epoch_external("ale_bench_external.csv", "Performance", "ALE-Bench (algorithm engineering), performance rating as compiled by Epoch", fraction=False, detail=lambda r: f"; leaderboard entry {r['Name']}; rank {r['Rank']}"),
    "weirdml": lambda: epoch_external("weirdml_external.csv", "Accuracy", "WeirdML (ML engineering on unusual tasks), accuracy as compiled by Epoch; interval = ± 1 SE as published", se_col="Accuracy SE"),
    "scicode": lambda: epoch_external("scicode_external.csv", "Score", "SciCode (scientific research coding), score as compiled by Epoch from Artificial Analysis", detail=lambda r: f"; entry {r['Name']} (Artificial Analysis slug {r['AA model slug']})", tag=lambda r: slug(r["AA model slug"] + " " + r["Name"])),
    "rli": lambda: epoch_external("rli_external.csv", "Score", "Remote Labor Index (automation rate on real freelance projects), as compiled by Epoch", detail=lambda r: f"; entry {r['Name']}"),
    "cybench": lambda: epoch_external("cybench_external.csv", "Unguided % Solved", "Cybench (capture-the-flag security tasks), unguided % solved as compiled by Epoch", detail=lambda r: f"; {r['Notes']}" if r["Notes"] else ""),
    "hle": lambda: epoch_external("hle_external.csv", "Accuracy", "Humanity's Last Exam, accuracy as compiled by Epoch; interval = ± 1 SE as published", se_col="Accuracy Standard Error", detail=lambda r: f"; entry {r['Name']}"),
    "anthropic-kernels": lambda: system_card_series("Anthropic Suite1 Kernels task (hard variant)", "Anthropic AI R&D evaluation suite 1, Kernels task (hard variant, standard scaffold)"),
    "anthropic-llm-training": lambda: system_card_series("Anthropic Suite1 LLM training", "Anthropic AI R&D evaluation suite 1, LLM training task"),
    "openai-prs": lambda: system_card_series("OpenAI PRs", "OpenAI 'PRs' evaluation (share of real internal pull requests replicated)"),
    "posttrainbench": lambda: epoch_external("posttrainbench_external.csv", "Average (%)", "PostTrainBench, average (stored upstream as a 0-1 fraction) as compiled by Epoch", detail=lambda r: f"; scaffold {r['Scaffold']}; entry {r['Name']}"),
    "terminal-bench": lambda: epoch_external("terminalbench_external.csv", "Accuracy mean", "Terminal-Bench 2.0, accuracy as compiled by Epoch; interval = ± 1 SE as published", se_col="Accuracy SE", detail=lambda r: f"; agent {r['Agent']} ({r['Agent Org']}); run {r['Run date']}"),
    "algotune": lambda: epoch_external("algotune_external.csv", "Score", "AlgoTune, speedup score as compiled by Epoch", fraction=False, detail=lambda r: f"; entry {r['Name']}"),
    "openai-mlebench-30": lambda: system_card_series("MLE-bench-30", "OpenAI MLE-bench-30 (30 Kaggle competitions)"),
    "openai-paperbench-10": lambda: system_card_series("PaperBench-10", "OpenAI PaperBench-10 (10 papers replicated)"),
    "gdm-re-bench": lambda: system_card_series("RE-Bench (METR tasks, GDM run)", "Google DeepMind run of METR's RE-Bench tasks"),
}


# Published forecasts (data/forecasts.csv): page-text rows, each number as the page writes it
# (hours stay hours; the app converts). Shown beside a series as forecasts, never as data.
# kind: "value" (the series' value at `target`, range low-high) or "date" (the date the threshold
# `value` is reached: central date `target`, range target_low-target_high). Empty cells stay empty.
FORECAST_COLUMNS = ["id", "series", "label", "forecaster", "made", "kind", "target", "target_low",
                    "target_high", "statistic", "value", "low", "high", "low_pct", "high_pct", "unit", "source",
                    "licence", "caveat"]
FORECASTS = [
    {
        "id": "cotra-2026-01-14",
        "series": "metr-th1.1-p50 metr-th1.0-p50",
        "label": "Cotra, Jan 2026",
        "forecaster": "Ajeya Cotra",
        "made": "2026-01-14",
        "kind": "value",
        "target": "2026-12-31",
        "statistic": "state-of-the-art 50% time horizon on METR's software tasks by the end of 2026",
        "value": "24",
        "low": "15",
        "high": "40",
        "low_pct": "20",
        "high_pct": "80",
        "unit": "hours",
        "source": "https://forum.effectivealtruism.org/posts/h3zcCh49kLE6egrfz/i-underestimated-ai-capabilities-again"
                  " (crosspost of the Planned Obsolescence post 'I underestimated AI capabilities (again)', "
                  "March 2026), page text: predictions made on Jan 14th; median guess 24 hours for the "
                  "state-of-the-art 50% time horizon by the end of 2026; 20th percentile around 15 hours; "
                  "80th percentile around 40 hours",
        "licence": "Page text, quoted as a fact with attribution; no licence is stated in the text as stored",
        "caveat": "The page gives 'around' values and the year of Jan 14th only by context (predictions about "
                  "2026, revisited in March 2026); the end of 2026 is drawn at 2026-12-31. Which version of METR's task suite the forecast was "
                  "made against is not stated, so it is shown on both 50% series. In the same post the "
                  "author says these forecasts already felt much too conservative; a later '100-plus-hour' "
                  "expectation appears here only in secondary reporting and is not included.",
    },
    {
        "id": "metr-2025-03-30-one-month",
        "series": "metr-th1.0-p50 metr-th1.1-p50",
        "label": "METR, Mar 2025: 1 month",
        "forecaster": "METR (Kwa et al.)",
        "made": "2025-03-30",
        "kind": "date",
        "target": "2029-10-01",
        "statistic": "date the frontier 50% time horizon reaches one month (167 working hours): central estimate "
                     "of the naive extrapolation of the 2019-2025 trend",
        "value": "167",
        "unit": "hours",
        "source": "https://arxiv.org/abs/2503.14499v2 (Kwa et al., 'Measuring AI Ability to Complete Long Tasks', "
                  "v2 of 30 March 2025), section 7.1, text: one month is 'approximately 167 working hours'; "
                  "'the uncertainty in the extrapolated date of 1-month AI is fairly small (80% CI width about "
                  "2 years, central estimate late 2029)'; section 1: 'between late 2028 and early 2031 (Figure 12)'. "
                  "Read in a transcription of the v2 LaTeX source published under CC BY 4.0",
        "licence": "CC BY 4.0 (arXiv licence of the paper's v2 text); copyright the authors",
        "caveat": "The text gives seasons, not dates: 'late 2029' is drawn at 2029-10-01 (the start of its last "
                  "quarter), so months ahead or behind carry about a quarter's slack. The text states an 80% "
                  "interval only by its width (about 2 years), so no range is given here; the introduction's "
                  "'between late 2028 and early 2031' does not name its percentiles. The forecast was made on "
                  "the paper's own 2025 task suite (closest here: METR TH1.0), so it is shown on both 50% series. "
                  "Later revisions (v3, 2026) are said to state an 80% interval of mid-2028 to mid-2030; that "
                  "figure was found only in secondary reporting and is not used.",
    },
]

# Pimpale, Højmark, Scheurer and Hobbhahn, "Forecasting Frontier Language Model Agent Capabilities"
# (arXiv 2502.15850): the forecasts' numbers are in their repository's graphs/jsons/*.json, read at
# the commit below (unchanged at the newest, 01f0c88): x_linspace (decimal years), forecast (the
# fitted curve), min_ci / max_ci (2.5th / 97.5th percentiles of 10,000 bootstrap samples, per
# graphs/backtesting_frontier.py at the same commit), all as fractions; written here times 100
# with every digit kept.
PIMPALE_COMMIT = "e63ba7f06566d2e99f118c21e1f7bc3b6d48b8d3"
PIMPALE_ABSTRACT = ("'by the beginning of 2026, non-specialized LM agents with low capability elicitation will "
                    "reach a success rate of 54% on SWE-Bench Verified, while state-of-the-art LM agents will "
                    "reach an 87% success rate'")
PIMPALE_STAT = {
    "high": "state-of-the-art SWE-bench Verified score (% resolved) of LM agents with high elicitation (the best "
            "publicly reported scaffolds)",
    "low": "frontier SWE-bench Verified score (% resolved) of non-specialized LM agents with low elicitation (the "
           "authors' simple scaffold)",
}
PIMPALE_CAVEAT = {
    "high": "High elicitation is the authors' forecast from the highest publicly reported scores, so it is compared "
            "with the leaderboard's frontier of agent submissions. ",
    "low": "Low elicitation is the authors' own simple scaffold; it is compared with Epoch AI's runs (one standard "
           "harness for every model), which is the closest bundled series but not the same scaffold. ",
}


def pimpale(level, series, label, target, file, index, x, fractions, percents):
    """One row of Pimpale et al.'s SWE-bench Verified forecasts: `fractions` as the JSON file writes
    forecast, min_ci and max_ci at `index`; `percents` the same times 100."""
    f, lo, hi = fractions
    # Every percent is its fraction times 100, digit for digit.
    assert [Decimal(v) for v in percents] == [Decimal(v) * 100 for v in fractions], (fractions, percents)
    return {
        "id": f"pimpale-2025-02-20-{level}-{'2026' if target.startswith('2026') else '2025h2'}",
        "series": series,
        "label": label,
        "forecaster": "Pimpale, Højmark, Scheurer, Hobbhahn",
        "made": "2025-02-20",
        "kind": "value",
        "target": target,
        "statistic": PIMPALE_STAT[level],
        "value": percents[0],
        "low": percents[1],
        "high": percents[2],
        "low_pct": "2.5",
        "high_pct": "97.5",
        "unit": "percent",
        "source": f"https://github.com/pimpale/forecasting-frontier-language-model-agent-capabilities/blob/"
                  f"{PIMPALE_COMMIT}/graphs/jsons/{file} (repository of Pimpale, Højmark, Scheurer and Hobbhahn, "
                  f"\"Forecasting Frontier Language Model Agent Capabilities\", arXiv 2502.15850, commit "
                  f"{PIMPALE_COMMIT[:7]} of 2025-02-20, file unchanged at 01f0c88), index {index}: x_linspace {x}, "
                  f"forecast {f}, min_ci {lo}, max_ci {hi} (fractions; written here times 100). "
                  "graphs/backtesting_frontier.py at the same commit sets min_ci and max_ci to the 2.5th and 97.5th "
                  "percentiles of 10,000 bootstrap samples and forecast to the fitted curve. The abstract (arXiv "
                  f"2502.15850) states the 2026 figures rounded: {PIMPALE_ABSTRACT}",
        "licence": "The repository states no licence; the numbers are quoted as facts with attribution",
        "caveat": PIMPALE_CAVEAT[level] + "Made is the date the forecast files were committed (2025-02-20); arXiv "
                  f"2502.15850 v1 followed a day later. The target is the grid point {x} (decimal year) of the "
                  f"file, drawn at {target}. The value is the fitted curve, not necessarily the bootstrap median. "
                  "The authors say the approach does not account for inference-compute scaling and might be too "
                  "conservative.",
    }


FORECASTS += [
    pimpale("high", "swebench-verified-leaderboard", "Pimpale et al., high elicitation, mid-2025", "2025-07-07",
            "swebench_forecast_elicited.json", 70, "2025.5135135135135",
            ("0.7536877393722534", "0.5390758007764817", "0.8534654974937438"),
            ("75.36877393722534", "53.90758007764817", "85.34654974937438")),
    pimpale("high", "swebench-verified-leaderboard", "Pimpale et al., high elicitation, 2026", "2026-01-06",
            "swebench_forecast_elicited.json", 80, "2026.015444015444",
            ("0.8689900040626526", "0.6600279018282891", "0.9400446385145187"),
            ("86.89900040626526", "66.00279018282891", "94.00446385145187")),
    pimpale("low", "swebench-verified", "Pimpale et al., low elicitation, mid-2025", "2025-07-07",
            "swebench_forecast.json", 70, "2025.5135135135135",
            ("0.41835108399391174", "0.2856362245976925", "0.5076401010155678"),
            ("41.835108399391174", "28.56362245976925", "50.76401010155678")),
    pimpale("low", "swebench-verified", "Pimpale et al., low elicitation, 2026", "2026-01-06",
            "swebench_forecast.json", 80, "2026.015444015444",
            ("0.542972981929779", "0.3482284314930439", "0.6547096163034439"),
            ("54.2972981929779", "34.82284314930439", "65.47096163034439")),
]


def forecasts_csv():
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=FORECAST_COLUMNS, lineterminator="\n", restval="")
    w.writeheader()
    for row in FORECASTS:
        w.writerow(row)
    return out.getvalue()


MIN_FIT_POINTS, MIN_FIT_MONTHS = 5, 12


def frontier_extent(path):
    """(number of frontier points, months from the first to the last) of a built series file: the
    running maximum of measured points by date, ties included, as the app computes it when the
    file has no frontier flags; calendar months (12 from 2024-12-15 to 2025-12-15), the days past
    the last whole month in months of 365.2425 / 12 days."""
    from datetime import date
    with path.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] == "measured"]
    if rows and all(r["frontier"] for r in rows):
        front = [r for r in rows if r["frontier"] == "true"]
    else:
        best, front = None, []
        for r in sorted(rows, key=lambda r: (r["date"], r["id"])):
            v = Decimal(r["value"])
            if best is None or v >= best:
                best = v
                front.append(r)
    if not front:
        return 0, 0.0
    a, b = date.fromisoformat(front[0]["date"]), date.fromisoformat(front[-1]["date"])
    return len(front), (b.year - a.year) * 12 + (b.month - a.month) + (b.day - a.day) / (365.2425 / 12)


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


SUMS = UP / "SHA256SUMS"


def upstream_sums():
    """`sha256sum` lines for every file under data/upstream/ except SHA256SUMS itself, sorted."""
    files = sorted(p for p in UP.rglob("*") if p.is_file() and p != SUMS)
    return "".join(f"{sha256(p)}  {p.relative_to(UP).as_posix()}\n" for p in files)


def main(check):
    manifest = json.loads((DATA / "manifest.json").read_text())
    problems = []
    order = [s["id"] for s in manifest["series"]]
    if order != list(SERIES):
        problems.append(f"manifest series {order} differ from the built series (in picker order) {list(SERIES)}")
    listed = {s["id"]: s for s in manifest["series"]}
    referenced = set()
    for sid, build in SERIES.items():
        meta = listed.get(sid)
        if meta is None:
            continue
        for up in meta.get("upstream", []):
            p = DATA / up["path"]
            referenced.add(p)
            if not p.exists():
                problems.append(f"{sid}: upstream copy {up['path']} is missing")
            else:
                # A partial copy (only the part used of a large file) is checked against its own
                # hash; `sha256` then names the full upstream file.
                want = up["extract_sha256"] if up.get("extract") else up["sha256"]
                if sha256(p) != want:
                    problems.append(f"{sid}: {up['path']} has sha256 {sha256(p)}, manifest says {want}")
        text = build()
        out = DATA / meta["file"]
        if check:
            if not out.exists() or out.read_text() != text:
                problems.append(f"{meta['file']} differs from what scripts/build_data.py builds from data/upstream/")
        else:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text)
            print(f"wrote {meta['file']} ({text.count(chr(10)) - 1} rows)")
    # Never a fitted line on fewer than 5 frontier points or less than 12 months of them: such a
    # series must say why it has no fit (`no_fit`), and a series that says so must be that short.
    for sid in SERIES:
        meta = listed.get(sid)
        if meta is None:
            continue
        n, months = frontier_extent(DATA / meta["file"])
        short = n < MIN_FIT_POINTS or months < MIN_FIT_MONTHS
        if short and not meta.get("no_fit"):
            problems.append(f"{sid}: {n} frontier points over {months:.1f} months is too short for a fit; the manifest must give no_fit")
        if meta.get("no_fit") and not short:
            problems.append(f"{sid}: manifest says no_fit but it has {n} frontier points over {months:.1f} months")
    groups = manifest.get("groups", [])
    grouped = [x for g in groups for x in g["series"]]
    if sorted(grouped) != sorted(order):
        problems.append(f"manifest groups must name every series exactly once: {sorted(set(order) ^ set(grouped))}")
    text = model_names_csv()
    out = DATA / "model-names.csv"
    if check:
        if not out.exists() or out.read_text() != text:
            problems.append("model-names.csv differs from what scripts/build_data.py builds")
    else:
        out.write_text(text)
        print(f"wrote model-names.csv ({text.count(chr(10)) - 1} rows)")
    text = forecasts_csv()
    out = DATA / "forecasts.csv"
    if check:
        if not out.exists() or out.read_text() != text:
            problems.append("forecasts.csv differs from what scripts/build_data.py builds (FORECASTS)")
    else:
        out.write_text(text)
        print(f"wrote forecasts.csv ({len(FORECASTS)} rows)")
    stray = sorted(p.name for p in (DATA / "series").iterdir() if p not in {DATA / listed[s]["file"] for s in listed})
    if stray:
        problems.append(f"data/series/ holds files no manifest entry names: {stray}")
    for p in sorted(p for p in UP.rglob("*") if p.is_file() and p.name not in ("SHA256SUMS", "ORIGIN.md")):
        if p not in referenced:
            problems.append(f"{p.relative_to(DATA)} is not named by any manifest upstream entry")
    origin = (UP / "ORIGIN.md").read_text(encoding="utf-8") if (UP / "ORIGIN.md").exists() else ""
    for p in sorted(referenced):
        if p.relative_to(UP).as_posix() not in origin:
            problems.append(f"data/upstream/ORIGIN.md does not describe {p.relative_to(UP).as_posix()}")
    sums = upstream_sums()
    if check:
        if not SUMS.exists() or SUMS.read_text() != sums:
            problems.append("data/upstream/SHA256SUMS does not match the files in data/upstream/ "
                            "(run scripts/build_data.py, after checking why they changed)")
    else:
        SUMS.write_text(sums)
        print(f"wrote upstream/SHA256SUMS ({sums.count(chr(10))} files)")
    for p in problems:
        print(f"build_data: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
