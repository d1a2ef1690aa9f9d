"""The two pages `kg serve` writes itself: the query page and the stand-in for a missing site."""

from __future__ import annotations

from pathlib import Path

from kg import i18n

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates" / "endpoint"
HTML = "text/html; charset=utf-8"


def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def query_pages(queries: list[dict], *, timeout: float, max_rows: int) -> dict:
    """Return the query page per language: {"nl": bytes, "en": bytes}."""
    template = _environment().get_template("query.html")
    pages = {}
    for lang in i18n.LANGUAGES:
        strings = i18n.endpoint_strings(lang)
        t = {
            **strings,
            "limits": strings["limits"].format(timeout=f"{timeout:g}", max_rows=max_rows),
        }
        data = {"lang": lang, "queries": queries, "strings": t}
        pages[lang] = template.render(lang=lang, t=t, queries=queries, data=data).encode("utf-8")
    return pages


def no_site_page(site: Path, reason: str, count: int) -> bytes:
    """Return the index page shown when there is no built site: how to build one."""
    template = _environment().get_template("no-site.html")
    return template.render(site=str(site), reason=reason, count=count).encode("utf-8")
