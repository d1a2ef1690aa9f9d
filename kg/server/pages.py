"""The two pages `kg serve` writes itself: the query page and the stand-in for a missing site."""

from __future__ import annotations

from pathlib import Path

from kg import i18n
from kg.rendering import environment

HTML = "text/html; charset=utf-8"


def query_pages(queries: list[dict], *, timeout: float, max_rows: int) -> dict:
    """Return the query page per language: {"nl": bytes, "en": bytes}."""
    template = environment().get_template("endpoint/query.html")
    pages = {}
    for lang in i18n.LANGUAGES:
        strings = i18n.endpoint_strings(lang)
        t = {
            **strings,
            "limits": strings["limits"].format(timeout=f"{timeout:g}", max_rows=max_rows),
        }
        data = {"lang": lang, "languages": i18n.LANGUAGES, "queries": queries, "strings": t}
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
