"""Validates SITE_DIR/data/360giving.json against the 360Giving package and grant schemas.

Usage: check_360giving.py SITE_DIR (the built output folder)

The schemas are the unchanged copies in standards/360giving/ (see its README). The package
schema refers to the grant schema by its published address; that address, and the grant
schema's own $id, resolve to the local copy, so nothing is fetched. The draft is the one the
schema declares, and formats (date-time, uri) are checked: 360Giving's dates are `oneOf` a
date-time format and a date pattern, which only works when the format is checked.

Prints the number of grants and every error with its path; exits 1 on any error.
"""

import json
import sys
from pathlib import Path

import jsonschema
import referencing
from referencing.jsonschema import DRAFT202012

HERE = Path(__file__).resolve().parent
STANDARD = HERE.parent.parent / "standards" / "360giving"
PACKAGE_SCHEMA = STANDARD / "360-giving-package-schema.json"
GRANT_SCHEMA = STANDARD / "360-giving-schema.json"
DATA_FILE = Path("data") / "360giving.json"

# The schemas declare draft 2020-12 as `http://json-schema.org/draft/2020-12/schema`; the
# draft's own id is the https address. Both name the same draft.
DRAFTS = {
    "http://json-schema.org/draft/2020-12/schema": jsonschema.Draft202012Validator,
    "https://json-schema.org/draft/2020-12/schema": jsonschema.Draft202012Validator,
}

# Formats the schemas use; each must be checkable, or the check would pass what it cannot see.
FORMATS_USED = ("date-time", "uri")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def refs(node):
    """Every `$ref` value in a schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def registry(package, grant):
    """The grant schema under its own $id and under every absolute address the package
    schema refers to it by."""
    resource = referencing.Resource(contents=grant, specification=DRAFT202012)
    addresses = {grant["$id"]}
    addresses.update(r.split("#")[0] for r in refs(package) if r.startswith("http"))
    return referencing.Registry().with_resources((a, resource) for a in sorted(addresses))


def validator_class(schema):
    declared = schema.get("$schema", "")
    cls = DRAFTS.get(declared.rstrip("#"))
    if cls is None:
        sys.exit(f"360giving: unknown draft {declared!r} in {PACKAGE_SCHEMA.name}")
    return cls


def format_checker(cls):
    checker = cls.FORMAT_CHECKER
    missing = [f for f in FORMATS_USED if f not in checker.checkers]
    if missing:
        sys.exit(
            "360giving: cannot check format(s) "
            + ", ".join(missing)
            + "; install tests/standards/requirements.txt (delete tests/standards/.venv and rerun check.sh)"
        )
    return checker


def path_of(error):
    return "/" + "/".join(str(p) for p in error.absolute_path)


def message_of(error):
    """The error's message, without the whole grant when a grant as a whole fails."""
    if isinstance(error.instance, (dict, list)) and error.validator in ("oneOf", "anyOf"):
        return f"is not valid under any of the given schemas ({error.validator})"
    return error.message


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: check_360giving.py SITE_DIR")
    data_path = Path(argv[1]) / DATA_FILE
    package_schema = load(PACKAGE_SCHEMA)
    grant_schema = load(GRANT_SCHEMA)
    cls = validator_class(package_schema)
    cls.check_schema(package_schema)
    validator_class(grant_schema).check_schema(grant_schema)
    try:
        data = load(data_path)
    except (OSError, ValueError) as err:
        print(f"360giving.json: cannot read {data_path}: {err}")
        return 1
    validator = cls(
        package_schema,
        registry=registry(package_schema, grant_schema),
        format_checker=format_checker(cls),
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    grants = data.get("grants") if isinstance(data, dict) else None
    count = len(grants) if isinstance(grants, list) else 0
    print(f"360giving.json: {count} grants, {len(errors)} errors")
    for error in errors:
        print(f"  {path_of(error)}: {message_of(error)}")
        for sub in sorted(error.context or [], key=lambda e: list(map(str, e.absolute_path))):
            print(f"    {path_of(sub)}: {message_of(sub)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
