#!/usr/bin/env bash
# Screenshots of one page of every kind at 1280 and 390 px wide, with layout checks: fails on a
# table wider than the screen, a page that scrolls sideways, chart text outside its chart, a
# chart wider than its page and overlapping chart labels (see screenshots.mjs).
#   bash tests/browser/screenshots.sh [OUT_DIR [SITE_DIR]]
#     OUT_DIR   where the screenshots go (default: target/screenshots)
#     SITE_DIR  an already built site to check (also SITE_DIR=… in the environment); without
#               it, the example site is built into a temporary folder
# Installs chromium and the pinned npm packages the first time, like run.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/target/screenshots}"
site_dir="${2:-${SITE_DIR:-}}"
if ! command -v chromium >/dev/null; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
fi
[ -d "$here/node_modules/playwright-core" ] || (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund)
if [ -n "$site_dir" ]; then
  site="$(cd "$site_dir" && pwd)"
  echo "screenshots: checking $site (no build)"
else
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  site="$tmp/output"
  (cd "$root" && cargo run --release -q -- build --quiet --as-of 2026-11-23 --output "$site")
fi
node "$here/screenshots.mjs" "$site" "$out"
