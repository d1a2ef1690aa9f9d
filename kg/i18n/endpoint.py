"""The strings of the query page `kg serve` writes (nl, en)."""

from __future__ import annotations

ENDPOINT_STRINGS = {
    "nl": {
        "title": "SPARQL-query's",
        "home": "Site",
        "language": "Taal",
        "intro": "Stel je eigen SPARQL-vraag, of kies hieronder een voorbeeld. Alle prefixen van "
        "het project (kg:, ev:, ac:, sem:, org:, …) zijn al gedeclareerd.",
        "examples": "Voorbeelden: de benoemde query's",
        "pick": "Query",
        "run": "Laden en uitvoeren",
        "link": "Resultaat als bestand",
        "limits": "Alleen lezen. Een query mag {timeout} s duren en geeft hoogstens {max_rows} "
        "rijen.",
        "required": "verplicht",
        "truncated": "Afgekapt: alleen de eerste {limit} rijen worden getoond.",
        "running": "Bezig…",
        "done": "{rows} rijen in {ms} ms.",
        "failed": "Fout",
    },
    "en": {
        "title": "SPARQL queries",
        "home": "Site",
        "language": "Language",
        "intro": "Write your own SPARQL query, or pick an example below. Every prefix of the "
        "project (kg:, ev:, ac:, sem:, org:, …) is already declared.",
        "examples": "Examples: the named queries",
        "pick": "Query",
        "run": "Load and run",
        "link": "Results as a file",
        "limits": "Read-only. A query may take {timeout} s and returns at most {max_rows} rows.",
        "required": "required",
        "truncated": "Truncated: only the first {limit} rows are shown.",
        "running": "Running…",
        "done": "{rows} rows in {ms} ms.",
        "failed": "Error",
    },
}
