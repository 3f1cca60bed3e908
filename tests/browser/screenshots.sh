#!/usr/bin/env bash
# Builds the example site and takes screenshots of four pages at 1280 and 390 px wide.
#   bash tests/browser/screenshots.sh [OUT_DIR]     (default: target/screenshots)
# Installs chromium and the pinned npm packages the first time, like run.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/target/screenshots}"
if ! command -v chromium >/dev/null; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
fi
[ -d "$here/node_modules/playwright-core" ] || (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund)
site="$(mktemp -d)"
trap 'rm -rf "$site"' EXIT
(cd "$root" && cargo run --release -q -- build --quiet --output "$site/output")
node "$here/screenshots.mjs" "$site/output" "$out"
