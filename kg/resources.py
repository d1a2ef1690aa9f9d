"""Where the ontology, the curated data, the named queries, templates and static files live,
in a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

from kg import formats

_PACKAGE = Path(__file__).resolve().parent
# A wheel carries copies under kg/_bundled; a checkout (or editable install) has them beside kg/.
_ROOT = _PACKAGE / "_bundled" if (_PACKAGE / "_bundled").is_dir() else _PACKAGE.parent

ONTOLOGY_DIR = _ROOT / "ontology"
DATA_DIR = _ROOT / "data"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
QUERIES_DIR = _PACKAGE / "queries"
TEMPLATES_DIR = _PACKAGE / "templates"  # Jinja2 templates: the site's, and endpoint/
STATIC_DIR = _PACKAGE / "static"  # CSS, JavaScript and vendored libraries of site and endpoint


def ontology_files() -> list[Path]:
    """Return the ontology's Turtle files except the SHACL shapes."""
    return sorted(p for p in ONTOLOGY_DIR.glob("*.ttl") if p != SHAPES_FILE)


def data_files(paths=None) -> list[Path]:
    """Return the RDF files named by `paths` (files or folders), or all of data/ by default."""
    found: list[Path] = []
    for path in [DATA_DIR] if not paths else [Path(p) for p in paths]:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in formats.SUFFIXES))
        else:
            found.append(path)
    return found
