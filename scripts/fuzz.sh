#!/usr/bin/env bash
# make fuzz: runs every cargo-fuzz target of trendline-core (crates/trendline-core/fuzz) for
# FUZZ_SECONDS seconds each (default 60), one after the other, and prints the executions per
# target. Only the stable toolchain is installed, so cargo-fuzz's nightly-only flags are
# enabled with RUSTC_BOOTSTRAP=1. Targets are built with debug assertions and overflow checks
# (what a debug wasm build would panic on) and without a sanitizer (the core has no unsafe
# code). Corpora grow in crates/trendline-core/fuzz/corpus/<target> (not committed), seeded
# with valid inputs the first time. A crash, panic or hang (> FUZZ_TIMEOUT seconds for one
# input) is reported with its artifact; turn each into a regression test in
# crates/trendline-core/tests/fuzz_regressions.rs. Exits non-zero if any target failed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-10}
export PATH="$HOME/.cargo/bin:$PATH"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
export RUSTC_BOOTSTRAP=1

cd crates/trendline-core
fuzz=fuzz
mkdir -p "$fuzz/target/logs"

seed() { # seed <target> <name> <content...>: writes a seed file unless the corpus has it
  local dir="$fuzz/corpus/$1"
  mkdir -p "$dir"
  [ -e "$dir/seed-$2" ] || printf '%s' "$3" >"$dir/seed-$2"
}
seed url_decode state 'v=1&data=2026-11-27&series=metr-th1.1-p50&model=auto&from=2023-01-01&to=2026-01-31&fit=frontier&cap=16&drop=o1,gpt_4&dt=fit&accel=15&floor=0&sat=100&anchor=fit&rel=80&units=work&goal=&mc=2000&asof=&until=2030-12-31&scale=log&sa=1~auto~365.25~fit~0~default~100~fit~Slows+to+12-month&view=mosaic&embed=1'
seed url_decode scenario '1~superexp~120~15~30~none~90~last~Name ~ with tilde'
seed csv_import minutes $'\x00date,value,name,ci_low,ci_high\n2024-01-01,10,Alpha,8,12\n2024-04-10,25,Beta,20,30\n2024-02-01,5,Gamma,,\n'
seed csv_import hours $'\x01\xef\xbb\xbfDate;Value;Model\r\n2025-01-01;1,5;"a;b"\r\n\r\n2025-06-01;3;x\r\n'
seed csv_import percent $'\x02date\tvalue\n2023-05-01\t12.5\n2024-05-01\t40\n'
seed scenario_file default "$(cat <<'JSON'
{
  "format": "trendline-scenario",
  "version": 1,
  "data": "2026-11-27",
  "series_title": "METR",
  "settings": {"v": "1", "series": "swebench-verified", "model": "logistic", "from": "2023-01-01", "dt": 120.5, "drop": ["a", "b, c"], "sat": "90", "sb": "1~exp~fit~fit~0~default~100~fit~B", "embed": true, "goal": null},
  "x": [1, -0.5, 2e3, "\u00e9\ud83d\ude00", {"n": [[[]]]}]
}
JSON
)"
seed manifest_series manifest $'\x00'"$(sed -n '1,/^    },$/p' "$root/data/manifest.json" | sed '$ s/},$/}]}/')"
seed manifest_series series $'\x01'"$(head -n 6 "$root/data/series/metr-th1.1-p50.csv")"
seed manifest_series percent $'\x02'"$(head -n 6 "$root/data/series/swebench-verified.csv")"
seed number short "16.899999999999998"
seed number exponent "-1.5e-23"

echo "fuzz: building the targets"
cargo fuzz build -s none
targets=$(cargo fuzz list)
results=()
failed=0
for t in $targets; do
  log="$fuzz/target/logs/$t.log"
  mkdir -p "$fuzz/corpus/$t"
  echo "fuzz: $t for ${FUZZ_SECONDS}s"
  start=$(date +%s)
  status=ok
  if ! cargo fuzz run -s none "$t" "$fuzz/corpus/$t" -- \
    -max_total_time="$FUZZ_SECONDS" -timeout="$FUZZ_TIMEOUT" -rss_limit_mb=2048 \
    -max_len=16384 -print_final_stats=1 >"$log" 2>&1; then
    status=FAILED
    failed=1
  fi
  secs=$(($(date +%s) - start))
  execs=$(awk '/stat::number_of_executed_units/ {n=$2} END {print n}' "$log")
  if [ -z "$execs" ]; then
    execs=$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#')
  fi
  corpus=$(find "$fuzz/corpus/$t" -type f | wc -l)
  results+=("$(printf '%-16s %-7s %12s %6s %8s' "$t" "$status" "${execs:-?}" "$secs" "$corpus")")
  if [ "$status" != ok ]; then
    grep -E 'panicked at|ERROR: libFuzzer|Test unit written to|SUMMARY' "$log" | head -n 6 | sed 's/^/  /'
  fi
done

echo
echo "make fuzz: ${FUZZ_SECONDS}s per target (logs in crates/trendline-core/$fuzz/target/logs)"
printf '%-16s %-7s %12s %6s %8s\n' target status executions secs corpus
for r in "${results[@]}"; do echo "$r"; done
exit "$failed"
