"""Validates a built site's data/catalog.rdf against SEMIC's DCAT-AP 3.0.1 SHACL shapes.

Usage: check_dcat.py SITE_DIR

The shapes are the copies in standards/dcat-ap/ (see its README), read from disk: nothing is
fetched, so the check runs offline. Prints whether the catalogue conforms, the number of
results by severity, every Violation in full and every Warning and Info in one line each.
Exits 1 on any Violation (or when the file is missing or is not RDF/XML), else 0.

No inference: the shapes' imports (the DCAT, DCMI and FOAF vocabularies, the EU code lists)
would have to be downloaded, so the catalogue states the class of every term it uses instead,
and the range shapes check those statements as written.
"""

import sys
from collections import Counter
from pathlib import Path

from pyshacl import validate
from rdflib import Graph, Namespace
from rdflib.namespace import RDF

SH = Namespace("http://www.w3.org/ns/shacl#")
ROOT = Path(__file__).resolve().parents[2]
SHAPES_DIR = ROOT / "standards" / "dcat-ap"
# The release's validation set (html/shacl/) and its per-constraint design (shacl/).
# mdr-vocabularies.shape.ttl is left out: it checks `skos:inScheme` of each code-list term,
# which only the downloaded EU code lists can say.
SHAPE_FILES = [
    "shapes.ttl",
    "range.ttl",
    "shapes_recommended.ttl",
    "deprecateduris.ttl",
    "dcat-ap-SHACL.ttl",
]


def load_shapes() -> Graph:
    shapes = Graph()
    for name in SHAPE_FILES:
        shapes.parse(SHAPES_DIR / name, format="turtle")
    return shapes


def describe(results: Graph, result) -> str:
    """One result as `focus path: message (value)`."""
    focus = results.value(result, SH.focusNode)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    text = f"{focus} {path}: {'; '.join(messages) or '(no message)'}"
    if value is not None:
        text += f" (value: {value})"
    return text


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: check_dcat.py SITE_DIR", file=sys.stderr)
        return 2
    catalog = Path(sys.argv[1]) / "data" / "catalog.rdf"
    data = Graph()
    try:
        data.parse(catalog, format="xml")
    except Exception as err:  # noqa: BLE001 - any parse failure is the finding
        print(f"{catalog}: not readable as RDF/XML: {err}")
        return 1
    print(f"{catalog}: {len(data)} triples")
    conforms, results, _ = validate(
        data,
        shacl_graph=load_shapes(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    found = list(results.subjects(RDF.type, SH.ValidationResult))
    severity = {r: str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1] for r in found}
    counts = Counter(severity.values())
    print(f"conforms: {conforms}")
    for level in ("Violation", "Warning", "Info"):
        print(f"{level}: {counts.get(level, 0)}")
    lines = sorted((severity[r], describe(results, r)) for r in found)
    for level, text in lines:
        print(f"  {level}: {text}")
    return 1 if counts.get("Violation", 0) else 0


if __name__ == "__main__":
    sys.exit(main())
