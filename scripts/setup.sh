#!/usr/bin/env bash
# Installs what Trendline needs, at pinned versions, skipping whatever is already present.
#   scripts/setup.sh serve   tools to build and serve the app
#   scripts/setup.sh test    the above plus Chromium, chromedriver, Playwright and Python tools
# Safe to run again and again: each step checks first and does nothing when satisfied.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-serve}

TRUNK_VERSION=0.21.14
# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock (pinned in Cargo.toml).
WASM_BINDGEN_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "setup: need root to run: $*" >&2; exit 1; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (first time only; about 9 minutes on 2 cores)"
  cargo install trunk --locked --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (first time only; about 3 minutes)"
  # Not --locked: the CLI's own lock file pins a crate the registry no longer has.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tools (binaryen's wasm-opt, Playwright) from package-lock.json"
  npm ci --no-audit --no-fund
fi

if [ "$mode" = test ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
  if ! .venv/bin/python -c 'import yaml, numpy, scipy' 2>/dev/null || [ scripts/requirements.txt -nt .venv/.installed ]; then
    say "creating the Python environment for the data scripts and the reference implementation (.venv)"
    python3 -m venv .venv
    .venv/bin/pip install -q -r scripts/requirements.txt
    touch .venv/.installed
  fi
fi
say "ready ($mode)"
