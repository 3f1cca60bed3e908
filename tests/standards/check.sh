#!/usr/bin/env bash
# Validates a built site's open data with the standards' own artefacts:
#   - data/360giving.json against the 360Giving package and grant JSON schemas;
#   - data/catalog.rdf against SEMIC's DCAT-AP 3.0 SHACL shapes.
# Usage: tests/standards/check.sh SITE_DIR (the built output folder)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
site="${1:?usage: check.sh SITE_DIR}"
venv="${STANDARDS_VENV:-$here/.venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
fi
for check in "$here"/check_*.py; do
  [ -e "$check" ] || continue
  echo "-- $(basename "$check")"
  "$venv/bin/python" "$check" "$site"
done
