"""What kind of SPARQL request a text is, where its parameters go, and error messages that
point at the fault. Both answers come from a real parse (rdflib's SPARQL grammar), never from
searching for keywords: a `PREFIX insert:` or a variable named `?where` cannot mislead them."""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from kg.errors import ParameterError, QuerySyntaxError, UpdateRefused


@lru_cache(maxsize=1)
def _grammar():
    """Return the grammar of a query up to the '{' of its WHERE group (its start is recorded).

    Built from rdflib's own productions (Prologue, SelectClause, DatasetClause, …), so every
    string, IRI, comment or sub-select before that brace is read as SPARQL reads it.
    """
    import pyparsing as pp
    from rdflib.plugins.sparql import parser as p

    keyword = pp.CaselessKeyword
    where = pp.Optional(keyword("WHERE")) + pp.Located(p.GroupGraphPattern)("where")
    datasets = pp.ZeroOrMore(p.DatasetClause)
    forms = (
        pp.Group(p.SelectClause)("SELECT") + datasets + where
        | keyword("CONSTRUCT")("CONSTRUCT") + p.ConstructTemplate + datasets + where
        | keyword("CONSTRUCT")("CONSTRUCT") + datasets + where  # CONSTRUCT WHERE { … }
        | keyword("DESCRIBE")("DESCRIBE")
        + (pp.OneOrMore(p.VarOrIri) | "*")
        + datasets
        + pp.Optional(where)
        | keyword("ASK")("ASK") + datasets + where
    )
    grammar = p.Prologue + forms
    grammar.ignore("#" + pp.rest_of_line)
    return grammar


# pyparsing grammars are not thread-safe (parse actions fail with "missing 1 required
# positional argument"), and graph.named_many runs queries in threads
_PARSING = threading.Lock()


def _on_own_thread(fn, *args):
    """Return fn(*args), run under _PARSING on a thread of its own (its error raised here).

    pyparsing raises and catches an exception at every alternative it tries; their tracebacks
    form cycles that hold every frame above the parse, and so what those frames hold once
    they return, until the cycle collector runs: in a build (which pauses it), the rows of
    the queries being parsed. On a thread of its own, the frames above are only that
    thread's."""
    outcome: dict = {}

    def run() -> None:
        try:
            with _PARSING:
                outcome["value"] = fn(*args)
        except BaseException as error:  # raised again in the caller
            outcome["error"] = error

    thread = threading.Thread(target=run, name="kg-sparql-parse")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


@lru_cache(maxsize=256)  # named queries come back again and again, and pyparsing is slow
def _parse(text: str) -> tuple[str, tuple[int, int] | None]:
    """Return (form, (start, end) of the WHERE group or None) of a query; ('UPDATE', None) for
    an update; ('UNKNOWN', None) for a text neither grammar accepts (the engine reports it)."""
    return _on_own_thread(_parse_here, text)


def _parse_here(text: str) -> tuple[str, tuple[int, int] | None]:
    import pyparsing as pp
    from rdflib.plugins.sparql import parser as p

    try:
        parsed = _grammar().parse_string(text)
    except pp.ParseBaseException:
        try:
            p.parseUpdate(text)
        except pp.ParseBaseException:
            return "UNKNOWN", None
        return "UPDATE", None
    kind = next(k for k in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK") if k in parsed)
    located = parsed.get("where")
    return kind, ((located[0], located[2]) if located is not None else None)


def form(text: str) -> str:
    """Return SELECT, ASK, CONSTRUCT, DESCRIBE, UPDATE, or UNKNOWN when it does not parse."""
    return _parse(text)[0]


def refuse_update(text: str) -> None:
    """Raise UpdateRefused when `text` is a SPARQL Update."""
    if form(text) == "UPDATE":
        raise UpdateRefused(
            "SPARQL Update refused: the graph is read-only (pass --allow-update to change it)."
        )


def refuse_load(text: str) -> None:
    """Raise UpdateRefused when the update `text` has a LOAD: an update changes only the graph
    in memory, and LOAD would make it read local files or fetch URLs (use --data instead).
    Found by parsing the update, so a variable or prefixed name called `load` does not count."""
    parsed = _on_own_thread(_parse_update, text)
    if parsed is None:
        return  # not an update this grammar reads: the engine reports the error
    # CompValue.get takes its second argument as a flag, not as a default: ask the dict itself
    operations = dict.get(parsed, "request", [])
    if any(getattr(operation, "name", None) == "Load" for operation in operations):
        raise UpdateRefused(
            "SPARQL LOAD refused: a query reads no files or URLs; "
            "give the data with --data FILE instead."
        )


def _parse_update(text: str):
    import pyparsing as pp
    from rdflib.plugins.sparql import parser as p

    try:
        return p.parseUpdate(text)
    except pp.ParseBaseException:
        return None


def syntax_error(text: str, line: int, column: int, message: str) -> QuerySyntaxError:
    """Return an error naming line and column, with the offending line and a caret."""
    lines = text.splitlines() or [""]
    line = min(max(line, 1), len(lines))
    source = lines[line - 1]
    caret = " " * max(column - 1, 0) + "^"
    return QuerySyntaxError(
        f"SPARQL syntax error at line {line}, column {column}: {message}\n  {source}\n  {caret}"
    )


def from_oxigraph_error(text: str, error: SyntaxError) -> QuerySyntaxError:
    """Translate pyoxigraph's 'error at L:C: message' into a QuerySyntaxError."""
    message = str(error)
    match = re.search(r"(\d+):(\d+)(?:-\d+:\d+)?:\s*(.*)", message, re.S)
    if not match:
        return QuerySyntaxError(f"SPARQL syntax error: {message}")
    return syntax_error(text, int(match.group(1)), int(match.group(2)), match.group(3).strip())


def with_values(text: str, bindings: dict) -> str:
    """Return `text` with its WHERE group `{ P }` as `{ { SELECT * WHERE { VALUES … P } } }`.

    The VALUES block binds each parameter and comes first, so every part of P (a FILTER inside
    an OPTIONAL too) sees the values; the sub-select projecting everything changes no answer
    but makes Virtuoso 7 see them as well (it does not see a VALUES variable inside an
    OPTIONAL's FILTER unless the variable is projected, and loses a query's own VALUES beside
    a second one). The group is found by parsing the query: sub-selects, strings, comments and
    variables such as ?where cannot move it. Values are RDF terms written by pyoxigraph
    (escaped N-Triples syntax), so a parameter can never change the query's structure. A list
    binds one row per term (several lists: every combination). The same text runs on every
    engine.
    """
    if not bindings:
        return text
    import itertools

    kind, group = _parse(text)
    if group is None:
        raise ParameterError(
            "parameters bind into a query's WHERE group: this text has none"
            + (" (or does not parse)" if kind == "UNKNOWN" else "")
        )
    start, end = group
    end = text.rindex("}", start, end)  # the group's own closing brace
    names = sorted(bindings)
    columns = [bindings[n] if isinstance(bindings[n], list) else [bindings[n]] for n in names]
    rows = " ".join("(" + " ".join(map(str, row)) + ")" for row in itertools.product(*columns))
    values = "VALUES (" + " ".join("?" + n for n in names) + ") { " + rows + " }"
    return (
        text[: start + 1]
        + " { SELECT * WHERE { "
        + values
        + " "
        + text[start + 1 : end]
        + "\n} } "
        + text[end:]
    )


# Strings, IRIs and comments, where a 'name:' is not a prefixed name.
_OPAQUE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\x00-\x20]*>|#[^\n]*"
)
_PNAME = re.compile(r"(?<![\w?$:.\\-])([A-Za-z][\w.-]*)?:(?![/])")
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.I)


def prologue_for(text: str, prefixes: dict, base: str | None = None) -> str:
    """Return BASE and PREFIX lines for the `prefixes` that `text` uses but does not declare,
    so that it runs as it stands on any engine (also after a '/' or '^' of a property path)."""
    bare = _OPAQUE.sub(" ", text)
    declared = set(_DECLARED.findall(bare))
    used = {m.group(1) for m in _PNAME.finditer(_DECLARED.sub(" ", bare))}
    lines = [f"BASE <{base}>\n"] if base else []
    lines += [
        f"PREFIX {p}: <{iri}>\n" for p, iri in prefixes.items() if p in used and p not in declared
    ]
    return "".join(lines)
