"""Run a query the way the CLI asks: named or ad-hoc, rendered in the chosen format."""

from __future__ import annotations

import re

from kg import formats, sparql
from kg.errors import ParameterError


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


def run_cli_query(
    graph,
    text: str,
    params: dict,
    *,
    fmt: str = "table",
    lang: str = "nl",
    allow_update: bool = False,
) -> str:
    """Return the query's results as text in `fmt`.

    table and md are for reading; csv, tsv, json and xml are the W3C results formats written by
    the engine; CONSTRUCT and DESCRIBE give ttl, nt or jsonld.
    """
    from kg import output

    query_text, bound = resolve(graph, text, params, lang)
    kind = sparql.form(query_text)
    if kind == "UPDATE":
        if not allow_update:
            sparql.refuse_update(query_text)
        graph.query(query_text, allow_update=True)
        return "update applied (in memory only)"
    if kind in ("CONSTRUCT", "DESCRIBE"):
        written = formats.rdf(fmt) if fmt in formats.names(formats.WRITTEN) else formats.TURTLE
        return graph.construct(query_text, **bound).serialize(format=written.rdflib)
    if fmt in formats.names(formats.RESULTS):
        return graph.serialize(query_text, fmt, **bound).decode("utf-8").rstrip("\n")
    rows = graph.query(query_text, **bound)
    return output.markdown(rows) if fmt == "md" else output.table(rows)
