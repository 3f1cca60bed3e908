#!/usr/bin/env bash
# Checks the JSON Schemas that `iopsite schema` writes with a validator that is not iopsite's:
# check-jsonschema (Python, reads YAML with ruamel.yaml).
#   - every site.yaml, agreement, report and page of the example site and of the test sites
#     tests/fixtures/{minimal,truthful} and tests/fixtures/schema/ok must pass;
#   - every broken file of tests/fixtures/schema/bad must be refused.
# Front matter is taken out of the Markdown files into temporary .yaml files first.
# Usage: tests/standards/check_schema.sh   (from anywhere; IOPSITE=path/to/iopsite to use a
# built binary instead of `cargo run --release`)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${STANDARDS_VENV:-$here/.venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if [ ! -x "$venv/bin/check-jsonschema" ]; then
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
fi
echo "check-jsonschema $("$venv/bin/check-jsonschema" --version | awk '{print $NF}')"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -n "${IOPSITE:-}" ]; then
  "$IOPSITE" schema "$work/schemas" >/dev/null
else
  (cd "$root" && cargo run --release --quiet -- schema "$work/schemas" >/dev/null)
fi

# front_matter FILE.md OUT.yaml: the lines between the first two `---` lines.
front_matter() {
  awk 'NR == 1 { if ($0 ~ /^---\r?$/) { inside = 1; next } else exit }
       inside && /^---\r?$/ { exit }
       inside { print }' "$1" >"$2"
}

# validate SCHEMA FILE...: check-jsonschema over the files; its output as it prints it.
validate() {
  local schema="$1"
  shift
  "$venv/bin/check-jsonschema" --schemafile "$work/schemas/$schema.schema.json" "$@"
}

# names FILE...: the files' names, for the log.
names() {
  local file
  for file in "$@"; do basename "$file"; done | paste -sd ' ' -
}

failed=0
n=0
for site in "$root/content" "$root/tests/fixtures/minimal/content" "$root/tests/fixtures/truthful/content"; do
  name="${site#"$root"/}"
  echo "-- $name"
  echo "   site schema: site.yaml"
  validate site "$site/site.yaml" || failed=1
  agreements=("$site"/agreements/*.yaml)
  echo "   agreement schema: $(names "${agreements[@]}")"
  validate agreement "${agreements[@]}" || failed=1
  for kind in reports pages; do
    [ -d "$site/$kind" ] || continue
    n=$((n + 1))
    mkdir -p "$work/$n/$kind"
    for md in "$site/$kind"/*.md; do
      front_matter "$md" "$work/$n/$kind/$(basename "$md" .md).yaml"
    done
    echo "   ${kind%s} schema, front matter of: $(names "$site/$kind"/*.md)"
    validate "${kind%s}" "$work/$n/$kind"/*.yaml || failed=1
  done
done

# The fixtures of tests/schema.rs: the schema of a file is named by the start of its name.
schema_of() {
  case "$(basename "$1")" in
    site-*) echo site ;;
    agreement-*) echo agreement ;;
    report-*) echo report ;;
    page-*) echo page ;;
  esac
}
as_yaml() {
  case "$1" in
    *.md)
      local out="$work/fm-$(basename "$1" .md).yaml"
      front_matter "$1" "$out"
      echo "$out"
      ;;
    *) echo "$1" ;;
  esac
}

echo "-- tests/fixtures/schema/ok: each must pass"
for file in "$root"/tests/fixtures/schema/ok/*; do
  echo "   $(schema_of "$file") schema: $(basename "$file")"
  validate "$(schema_of "$file")" "$(as_yaml "$file")" || failed=1
done

echo "-- tests/fixtures/schema/bad: each must be refused"
for file in "$root"/tests/fixtures/schema/bad/*; do
  if out="$(validate "$(schema_of "$file")" "$(as_yaml "$file")" 2>&1)"; then
    echo "   $(basename "$file"): ACCEPTED, but it is broken"
    failed=1
  else
    # The line that names the problem: "  FILE::$.form: 'IOP' is not one of [...]".
    reason="$(grep -m1 -F '::$' <<<"$out" | sed 's/^.*::\$/$/' || true)"
    echo "   $(schema_of "$file") schema refuses $(basename "$file"): ${reason:-$out}"
  fi
done

if [ "$failed" -ne 0 ]; then
  echo "check_schema: FAILED"
  exit 1
fi
echo "check_schema: every file agrees with its schema"
