"""What kind of SPARQL request a text is, and error messages that point at the fault."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.errors import QuerySyntaxError, UpdateRefused

_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY",
                 "WITH"}
_QUERY_WORDS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
# Strings and IRIs are skipped so that a '#' or keyword inside them is not taken for syntax.
_TOKEN = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\''
                    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                    r"|<[^<>\s]*>|#[^\n]*|[A-Za-z_][\w-]*")


@lru_cache(maxsize=256)  # named queries come back again and again
def form(text: str) -> str:
    """Return SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE: the first keyword after the prologue."""
    for match in _TOKEN.finditer(text):
        word = match.group(0).upper()
        if word in _QUERY_WORDS:
            return word
        if word in _UPDATE_WORDS:
            return "UPDATE"
    return "SELECT"


def refuse_update(text: str) -> None:
    """Raise UpdateRefused when `text` is a SPARQL Update."""
    if form(text) == "UPDATE":
        raise UpdateRefused(
            "SPARQL Update refused: the graph is read-only (pass --allow-update to change it).")


def refuse_load(text: str) -> None:
    """Raise UpdateRefused when the update `text` has a LOAD: an update changes only the graph
    in memory, and LOAD would make it read local files or fetch URLs (use --data instead)."""
    for match in _TOKEN.finditer(text):
        start = match.start()
        if match.group(0).upper() == "LOAD" and not (start and text[start - 1] in "?$:"):
            raise UpdateRefused("SPARQL LOAD refused: a query reads no files or URLs; "
                                "give the data with --data FILE instead.")


def syntax_error(text: str, line: int, column: int, message: str) -> QuerySyntaxError:
    """Return an error naming line and column, with the offending line and a caret."""
    lines = text.splitlines() or [""]
    line = min(max(line, 1), len(lines))
    source = lines[line - 1]
    caret = " " * max(column - 1, 0) + "^"
    return QuerySyntaxError(
        f"SPARQL syntax error at line {line}, column {column}: {message}\n  {source}\n  {caret}")


def from_oxigraph_error(text: str, error: SyntaxError) -> QuerySyntaxError:
    """Translate pyoxigraph's 'error at L:C: message' into a QuerySyntaxError."""
    message = str(error)
    match = re.search(r"(\d+):(\d+)(?:-\d+:\d+)?:\s*(.*)", message, re.S)
    if not match:
        return QuerySyntaxError(f"SPARQL syntax error: {message}")
    return syntax_error(text, int(match.group(1)), int(match.group(2)), match.group(3).strip())


@lru_cache(maxsize=256)
def _where_brace(text: str) -> int:
    """Return the index of the '{' that opens the outermost WHERE group."""
    first_brace = None
    i = 0
    while i < len(text):
        match = _TOKEN.match(text, i)
        if match:
            token = match.group(0)
            if token.upper() == "WHERE":
                brace = text.find("{", match.end())
                if brace >= 0:
                    return brace
            i = match.end()
            continue
        if text[i] == "{" and first_brace is None:
            first_brace = i
        i += 1
    if first_brace is None:
        raise QuerySyntaxError("query has no group pattern to bind parameters into")
    return first_brace


def with_values(text: str, bindings: dict) -> str:
    """Return `text` with a VALUES block binding each parameter, first in the WHERE group.

    Values are RDF terms written by pyoxigraph (escaped N-Triples syntax), so a parameter
    can never change the query's structure. A list binds one row per term (several
    lists: every combination). The same text runs on every backend.
    """
    if not bindings:
        return text
    import itertools

    names = sorted(bindings)
    columns = [bindings[n] if isinstance(bindings[n], list) else [bindings[n]] for n in names]
    rows = " ".join("(" + " ".join(map(str, row)) + ")" for row in itertools.product(*columns))
    values = "VALUES (" + " ".join("?" + n for n in names) + ") { " + rows + " }"
    brace = _where_brace(text)
    return text[: brace + 1] + " " + values + " " + text[brace + 1:]
