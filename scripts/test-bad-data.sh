#!/usr/bin/env bash
# A malformed row in data/series/*.csv, data/forecasts.csv or the manifest stops the build (build.rs, which
# `make dist`, `make test` and `make serve` all run) with the file, the line and the reason.
# Each case breaks a temporary copy of data/ and points the build script at it through
# TRENDLINE_DATA_DIR; data/ itself is never touched. Exits non-zero if any case builds or
# fails without the expected file:line: reason.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# case NAME EXPECTED-TEXT EDIT-COMMAND...: copies data/, applies the edit, builds, checks.
case_() {
  local name=$1 want=$2
  shift 2
  rm -rf "$tmp/data" && cp -r data "$tmp/data"
  (cd "$tmp/data" && "$@")
  local out
  if out=$(TRENDLINE_DATA_DIR="$tmp/data" cargo check -q -p trendline --lib 2>&1); then
    echo "FAIL $name: the build succeeded on broken data"
    failures=$((failures + 1))
  elif grep -qF -- "$tmp/data/$want" <<<"$out"; then
    echo "ok   $name: $(grep -F -- "$tmp/data/$want" <<<"$out" | grep -v rerun-if | head -1 | sed "s|$tmp/||; s/^ *//")"
  else
    echo "FAIL $name: expected \"$want\" in the build output:"
    sed 's/^/     /' <<<"$out" | tail -20
    failures=$((failures + 1))
  fi
}

# Line 5 of the default series: a value that is not a number.
case_ "value not a number" "series/metr-th1.1-p50.csv:5: " \
  python3 -c "import re,pathlib; p=pathlib.Path('series/metr-th1.1-p50.csv'); t=p.read_text().split('\n'); c=t[4].split(','); c[4]='abc'; t[4]=','.join(c); p.write_text('\n'.join(t))"
# Line 3 of another series: an impossible date.
case_ "impossible date" "series/swebench-verified.csv:3: " \
  python3 -c "import pathlib; p=pathlib.Path('series/swebench-verified.csv'); t=p.read_text().split('\n'); c=t[2].split(','); c[3]='2024-02-30'; t[2]=','.join(c); p.write_text('\n'.join(t))"
# A row with a column missing.
case_ "missing column" "series/mlebench.csv:4: " \
  python3 -c "import pathlib; p=pathlib.Path('series/mlebench.csv'); t=p.read_text().split('\n'); t[3]=','.join(t[3].split(',')[:5]); p.write_text('\n'.join(t))"
# The manifest: broken JSON on line 7.
case_ "manifest not JSON" "manifest.json:7: " \
  python3 -c "import pathlib; p=pathlib.Path('manifest.json'); t=p.read_text().split('\n'); t[6]=t[6].replace('\"title\":', '\"title\"'); p.write_text('\n'.join(t))"
# The manifest: the third series' licence emptied in place; the error names that line.
licence_line=$(grep -n '"licence":' data/manifest.json | sed -n 3p | cut -d: -f1)
case_ "manifest without licence" "manifest.json:$licence_line: series \"metr-th1.0-p50\" has no licence" \
  python3 -c "import pathlib,re; p=pathlib.Path('manifest.json'); t=p.read_text().split('\n'); i=$licence_line-1; t[i]=re.sub(r'(\"licence\": )\".*\"', r'\1\"\"', t[i]); p.write_text('\n'.join(t))"
# The published forecasts: a median outside the range it is given with.
case_ "forecast outside its range" "forecasts.csv:2: value 99 lies outside" \
  python3 -c "import csv,io,pathlib; p=pathlib.Path('forecasts.csv'); r=list(csv.reader(io.StringIO(p.read_text()))); r[1][r[0].index('value')]='99'; o=io.StringIO(); csv.writer(o, lineterminator='\\n').writerows(r); p.write_text(o.getvalue())"
# A date forecast given a range in value units (its range is target_low-target_high).
date_line=$(grep -n ',date,' data/forecasts.csv | head -1 | cut -d: -f1)
case_ "date forecast with a value range" "forecasts.csv:$date_line: low and high are for value forecasts" \
  python3 -c "import csv,io,pathlib; p=pathlib.Path('forecasts.csv'); r=list(csv.reader(io.StringIO(p.read_text()))); i=[k for k,x in enumerate(r) if x[r[0].index('kind')]=='date'][0]; h=r[0]; r[i][h.index('low')]='1'; r[i][h.index('high')]='1000'; r[i][h.index('low_pct')]='10'; r[i][h.index('high_pct')]='90'; o=io.StringIO(); csv.writer(o, lineterminator='\\n').writerows(r); p.write_text(o.getvalue())"

# The real data still builds.
if ! cargo check -q -p trendline --lib; then
  echo "FAIL: data/ itself does not build"
  failures=$((failures + 1))
fi
if ((failures)); then
  echo "test-bad-data: $failures case(s) failed"
  exit 1
fi
echo "test-bad-data: every broken copy stopped the build with file:line: reason"
