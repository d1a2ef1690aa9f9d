"""The SPARQL 1.1 Protocol's rules that need no socket: content negotiation (over the formats
of kg.formats), and the checks a query must pass before any worker sees it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg import limits, sparql
from kg.errors import KgError, QuerySyntaxError
from kg.formats import Format
from kg.namespaces import PREFIXES

FORMAT_PARAMS = ("format", "output", "results")  # what SPARQLWrapper, Fuseki and Virtuoso send


class Refused(KgError):
    """A request this endpoint will not run; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Return the media ranges of an Accept header with their q-values, in header order."""
    ranges = []
    for part in (header or "").split(","):
        media, *options = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for option in options:
            name, _, value = option.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _quality(fmt: Format, ranges) -> float:
    """Return the q-value the most specific matching media range gives `fmt` (0 if none)."""
    best, best_rank = 0.0, -1
    major = fmt.media_type.split("/")[0]
    for media in (fmt.media_type, *fmt.aliases):
        for candidate, q in ranges:
            # a wildcard range honours the format's own type: text/* is CSV or TSV, never
            # JSON through its text/json alias
            rank = (
                2
                if candidate == media
                else 1
                if candidate == major + "/*"
                else (0 if candidate == "*/*" else -1)
            )
            if rank > best_rank or (rank == best_rank and q > best):
                best, best_rank = q, rank
    return best if best_rank >= 0 else 0.0


def negotiate(formats, accept: str | None, wanted: Sequence[str] = ()) -> Format | None:
    """Return the format to answer in: a known ?format= value first, else the Accept header.

    An absent Accept header means anything; None means nothing acceptable (406).
    """
    for value in wanted:
        value = value.strip().lower()
        for fmt in formats:
            if fmt.known_as(value):
                return fmt
    ranges = parse_accept(accept)
    if not ranges:
        return formats[0]
    scored = [(_quality(fmt, ranges), -i, fmt) for i, fmt in enumerate(formats)]
    q, _, fmt = max(scored, key=lambda s: s[:2])
    return fmt if q > 0 else None


# Tokens in which a keyword may hide: strings, IRIs (IRIREF's characters only), comments,
# escaped characters of prefixed names, variables. What is left are words and punctuation.
_TOKEN = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*|\\.|[?$]\w+|[A-Za-z_][\w-]*'
)


def check_query(text: str) -> None:
    """Raise Refused unless `text` is a query this read-only endpoint may run.

    SPARQL Update is refused (the store is opened read-only as well), and so is SERVICE:
    federated queries would let anyone make this machine fetch URLs (the workers also run
    without a network where Linux allows it).
    """
    if not text.strip():
        raise Refused(400, "empty query: send SPARQL in the 'query' parameter or the body")
    try:
        limits.check_nesting(text)  # a query nested thousands deep segfaults the engine
    except QuerySyntaxError as error:
        raise Refused(400, str(error)) from None
    if sparql.form(text) == "UPDATE":
        raise Refused(403, "SPARQL Update refused: this endpoint is read-only.")
    for match in _TOKEN.finditer(text):
        if match.group(0).upper() != "SERVICE":
            continue
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if before != ":" and after != ":":  # not part of a prefixed name such as ex:SERVICE
            raise Refused(403, "SERVICE (federated query) is disabled on this endpoint.")


def prologue_for(text: str) -> str:
    """Return PREFIX lines for the project's prefixes that `text` uses, so it runs anywhere."""
    return sparql.prologue_for(text, PREFIXES)


GRAPH_PARAMS = ("default-graph-uri", "named-graph-uri")


def check_graph_iris(params: dict) -> None:
    """Raise Refused (400) unless every default-graph-uri and named-graph-uri is an absolute IRI.

    Checked with the engine's own IRI parser here in the front, so that a malformed one is a
    clear answer instead of an error inside a worker.
    """
    import pyoxigraph as ox

    for name in GRAPH_PARAMS:
        for value in params.get(name, ()):
            try:
                ox.NamedNode(value)
            except ValueError as error:
                raise Refused(
                    400, f"{name} must be an absolute IRI, got {value[:200]!r}: {error}"
                ) from None
