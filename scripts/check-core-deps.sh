#!/usr/bin/env bash
# trendline-core must build for the browser without any web crate: its logic stays testable
# natively. Fails if web-sys, js-sys, wasm-bindgen, yew or gloo appear in its wasm dependency tree,
# or if its modules import a later layer or each other in a circle (check-core-graph.py).
set -euo pipefail
cd "$(dirname "$0")/.."
tree=$(cargo tree -p trendline-core -e normal --target wasm32-unknown-unknown --prefix none)
if bad=$(grep -E '^(web-sys|js-sys|wasm-bindgen|yew|gloo)[ -]' <<<"$tree"); then
  echo "trendline-core depends on web crates:" >&2
  echo "$bad" >&2
  exit 1
fi
echo "trendline-core: no web dependencies ($(sort -u <<<"$tree" | wc -l) crates checked)"
python3 scripts/check-core-graph.py >/dev/null
echo "trendline-core: imports run data -> model -> settings -> forecast -> sharing, no cycle"
