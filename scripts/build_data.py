#!/usr/bin/env python3
"""Builds data/series/*.csv from the verbatim upstream copies in data/upstream/.

    python3 scripts/build_data.py           # rewrite the series files
    python3 scripts/build_data.py --check   # fail if any series file or checksum differs

Deterministic: the same upstream files always give byte-identical series files. Numbers are
copied as the upstream file writes them (no rounding); the only hand-entered values are the
page-text rows written in this file, each with its source. Display names and organisations are
editorial labels for the upstream keys: no number comes from them.
"""
import csv
import hashlib
import io
import json
import pathlib
import sys

import yaml

DATA = pathlib.Path(__file__).resolve().parents[1] / "data"
UP = DATA / "upstream"
COLUMNS = ["id", "model", "org", "date", "value", "ci_low", "ci_high", "frontier", "kind", "source"]


def num(v):
    """A number exactly as the upstream parser read it (repr keeps every digit)."""
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        raise ValueError(f"boolean where a number was expected: {v}")
    return repr(v) if isinstance(v, float) else str(v)


def flag(v):
    return "" if v is None else ("true" if v else "false")


def render(rows):
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


SERIES = {
    "metr-th1.1-p50": lambda: metr("1.1", "p50"),
    "metr-th1.1-p80": lambda: metr("1.1", "p80"),
}


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(check):
    manifest = json.loads((DATA / "manifest.json").read_text())
    problems = []
    listed = {s["id"]: s for s in manifest["series"]}
    if set(listed) != set(SERIES):
        problems.append(f"manifest series {sorted(listed)} differ from built series {sorted(SERIES)}")
    for sid, build in SERIES.items():
        meta = listed.get(sid)
        if meta is None:
            continue
        for up in meta.get("upstream", []):
            p = DATA / up["path"]
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
    for p in problems:
        print(f"build_data: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
