"""Run a query the way the CLI asks: named or ad-hoc; rows, or bytes in the chosen format."""

from __future__ import annotations

import re

from kg import formats, sparql
from kg.errors import ParameterError


def parse_params(pairs) -> dict:
    """Return {name: value} for "NAME=VALUE" strings (the CLI's --param)."""
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ParameterError(f"--param expects NAME=VALUE, got {pair!r}")
        params[name.strip()] = value
    return params


def resolve(graph, text: str, params: dict, lang: str):
    """Return (sparql, typed params) for a query name or SPARQL text."""
    from kg.registry import get

    if not any(ch.isspace() or ch == "{" for ch in text.strip()):
        named = get(text.strip())
        given = dict(params)
        if "lang" in {p.name for p in named.params}:
            given.setdefault("lang", lang)
        return graph.prepare(named.name, given)
    if params:
        unknown = ", ".join(sorted(params))
        raise ParameterError(f"--param ({unknown}) only applies to named queries")
    bound = {"lang": lang} if re.search(r"[?$]lang\b", text) else {}
    return text, bound


def run_query(
    graph,
    text: str,
    params: dict,
    *,
    fmt: str = "table",
    lang: str = "nl",
    allow_update: bool = False,
) -> list[dict] | bytes | None:
    """Run a named query or SPARQL text as `kg query` does; return its rows (for `fmt` table
    or md: the caller renders them, see kg.output), or its results written in `fmt` (bytes:
    csv, tsv, json or xml, W3C results formats written by the engine; a CONSTRUCT or DESCRIBE
    in ttl, nt or jsonld, else Turtle), or None when an update was applied.
    """
    query_text, bound = resolve(graph, text, params, lang)
    kind = sparql.form(query_text)
    if kind == "UPDATE":
        if not allow_update:
            sparql.refuse_update(query_text)
        graph.query(query_text, allow_update=True)
        return None
    if kind in ("CONSTRUCT", "DESCRIBE"):
        written = formats.rdf(fmt) if fmt in formats.names(formats.WRITTEN) else formats.TURTLE
        return graph.construct(query_text, **bound).serialize(
            format=written.rdflib, encoding="utf-8"
        )
    if fmt in formats.names(formats.RESULTS):
        return graph.serialize(query_text, fmt, **bound)
    return graph.query(query_text, **bound)
