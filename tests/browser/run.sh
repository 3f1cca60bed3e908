#!/usr/bin/env bash
# Browser and HTML checks for the example site: axe-core at two viewports on every page, a link
# and hosting crawl under the sub-path /iop/ and from disk, the Nu Html Checker, and (when it
# builds the site itself) live reload of `iopsite serve` in an open tab (reload.mjs) and the
# search box from disk and over HTTP (search.mjs), and the JSON-LD blocks under the CSP
# (linked_data.mjs).
#
#   bash tests/browser/run.sh               builds the example site into a temporary folder
#   SITE_DIR=path bash tests/browser/run.sh checks an already built site instead
#
# Exits 0 only if every check passes; every problem is printed, one a line.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SECONDS=0

# Tools from Debian's packages (a fresh CI machine has neither).
command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
command -v java >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless)

echo "== browser tests: npm ci"
# --ignore-scripts: vnu-jar's postinstall would download a Java runtime; Debian's java is used.
(cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

if [[ -n "${SITE_DIR:-}" ]]; then
  SITE="$(cd "$SITE_DIR" && pwd)"
  echo "== browser tests: checking $SITE (SITE_DIR; no build)"
else
  SITE="$TMP/site"
  echo "== browser tests: building the example site into $SITE"
  (cd "$ROOT" && cargo run --release --quiet -- build --as-of 2026-11-23 --output "$SITE")
fi

echo "== browser tests: axe, links, vnu"
status=0
node "$HERE/check.mjs" "$SITE" || status=$?
echo "== browser tests: JSON-LD blocks parse and break no rule of the CSP"
node "$HERE/linked_data.mjs" "$SITE" || status=$?

if [[ -z "${SITE_DIR:-}" ]]; then
  echo "== browser tests: iopsite serve reloads an open tab after an edit and shows build errors"
  (cd "$ROOT" && cargo build --release --quiet)
  TARGET="${CARGO_TARGET_DIR:-target}"
  [[ "$TARGET" = /* ]] || TARGET="$ROOT/$TARGET"
  node "$HERE/reload.mjs" "$TARGET/release/iopsite" "$ROOT/content" || status=$?
  echo "== browser tests: the search box finds, reads out its count and is keyboard operable, axe-clean with results open"
  node "$HERE/search.mjs" --example "$SITE" || status=$?
fi
echo "browser tests took ${SECONDS}s"
exit "$status"
