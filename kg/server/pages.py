"""The two pages `kg serve` writes itself: the query page and the stand-in for a missing site."""

from __future__ import annotations

from pathlib import Path

from kg.rendering import environment

HTML = "text/html; charset=utf-8"

STRINGS = {
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


def query_pages(queries: list[dict], *, timeout: float, max_rows: int) -> dict:
    """Return the query page per language: {"nl": bytes, "en": bytes}."""
    template = environment().get_template("endpoint/query.html")
    pages = {}
    for lang, strings in STRINGS.items():
        t = {
            **strings,
            "limits": strings["limits"].format(timeout=f"{timeout:g}", max_rows=max_rows),
        }
        data = {"lang": lang, "queries": queries, "strings": t}
        pages[lang] = template.render(lang=lang, t=t, queries=queries, data=data).encode("utf-8")
    return pages


def no_site_page(site: Path, reason: str, count: int) -> bytes:
    """Return the index page shown when there is no built site: how to build one."""
    template = environment().get_template("endpoint/no-site.html")
    return template.render(site=str(site), reason=reason, count=count).encode("utf-8")


def named_queries() -> list[dict]:
    """Return the named queries as plain data: name, titles, description, parameters, links."""
    from kg.registry import all_queries

    return [
        {
            "name": q.name,
            "title": q.title,
            "description": q.description,
            "params": [
                {
                    "name": p.name,
                    "type": p.type,
                    "default": p.default,
                    "required": p.required,
                    "help": p.help,
                }
                for p in q.params
            ],
            "url": f"queries/{q.name}",
            "sparql": f"queries/{q.name}.rq",
        }
        for q in all_queries()
    ]
