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


# Every series, in picker order (the manifest's order).
SERIES = {
    "metr-th1.1-p50": lambda: metr("1.1", "p50"),
    "metr-th1.1-p80": lambda: metr("1.1", "p80"),
    "metr-th1.0-p50": lambda: metr("1.0", "p50"),
    "metr-th1.0-p80": lambda: metr("1.0", "p80"),
}


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
