"""Every file and media format the project reads or writes, in one registry.

    >>> formats.result("json").media_type        # a SPARQL results format, by any of its names
    'application/sparql-results+json'
    >>> formats.for_path(Path("data/x.nt")).ox()   # pyoxigraph's constant, for parsing a file
    <RdfFormat N-Triples>
    >>> formats.rdf("jsonld").rdflib               # rdflib's name, for serializing a Graph
    'json-ld'

A format is named once here with its media type (and the other media types a client may ask for
it by), its short names (the CLI's choices, the endpoint's ?format=), file suffixes, pyoxigraph
constant and rdflib name. The CLI, the store, the export, the endpoint's content negotiation and
its workers all look formats up here. pyoxigraph is imported only when a constant is asked for:
the endpoint's workers must not import a library that starts threads before they isolate
themselves (kg.server.workers).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError


@dataclass(frozen=True)
class Format:
    name: str  # the short name: a CLI choice, an endpoint's ?format= value, a worker's job key
    media_type: str  # what a Content-Type says
    oxigraph: str  # the constant's name in pyoxigraph's RdfFormat or QueryResultsFormat
    rdflib: str | None  # rdflib's parser/serializer name (None: rdflib has no writer for it)
    results: bool = False  # a SPARQL results format, else an RDF syntax
    suffixes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other media types it is asked for by
    names: tuple[str, ...] = ()  # other short names (what SPARQLWrapper, Fuseki, Virtuoso send)

    @property
    def content_type(self) -> str:
        return self.media_type + "; charset=utf-8"

    def known_as(self, value: str) -> bool:
        """Whether `value` (a short name or a media type, lower case) denotes this format."""
        return value in (self.name, *self.names, self.media_type, *self.aliases)

    def ox(self):
        """Return pyoxigraph's constant for this format."""
        import pyoxigraph as ox

        kind = ox.QueryResultsFormat if self.results else ox.RdfFormat
        return getattr(kind, self.oxigraph)


# SPARQL results (SELECT, ASK); the endpoint's preference first: a client accepting anything
# gets JSON
RESULTS = (
    Format(
        "json",
        "application/sparql-results+json",
        "JSON",
        "json",
        True,
        (".srj",),
        ("application/json", "text/json"),
        ("srj",),
    ),
    Format(
        "xml",
        "application/sparql-results+xml",
        "XML",
        "xml",
        True,
        (".srx",),
        ("application/xml", "text/xml"),
        ("srx",),
    ),
    Format("csv", "text/csv", "CSV", "csv", True, (".csv",)),
    Format("tsv", "text/tab-separated-values", "TSV", None, True, (".tsv",)),
)
# RDF syntaxes; the first four are what the endpoint answers CONSTRUCT and DESCRIBE in, its
# preference first: a client accepting anything gets Turtle
RDF = (
    Format(
        "ttl",
        "text/turtle",
        "TURTLE",
        "turtle",
        suffixes=(".ttl",),
        aliases=("application/turtle", "application/x-turtle"),
        names=("turtle",),
    ),
    Format(
        "jsonld",
        "application/ld+json",
        "JSON_LD",
        "json-ld",
        suffixes=(".jsonld",),
        aliases=("application/json",),
        names=("json-ld", "json"),
    ),
    Format(
        "nt",
        "application/n-triples",
        "N_TRIPLES",
        "nt",
        suffixes=(".nt",),
        aliases=("text/plain",),
        names=("ntriples", "n-triples"),
    ),
    Format(
        "rdfxml",
        "application/rdf+xml",
        "RDF_XML",
        "xml",
        suffixes=(".rdf", ".owl"),
        aliases=("application/xml", "text/xml"),
        names=("xml",),
    ),
    Format("nq", "application/n-quads", "N_QUADS", "nquads", suffixes=(".nq",)),
    Format("trig", "application/trig", "TRIG", "trig", suffixes=(".trig",)),
)
GRAPH = RDF[:4]  # what the endpoint writes a CONSTRUCT or DESCRIBE in
# what `kg query` writes a CONSTRUCT in, and `kg export` the whole graph: ttl, nt, jsonld
WRITTEN = (RDF[0], RDF[2], RDF[1])
TURTLE = RDF[0]
NETWORK = ("graphml", "gexf")  # the actor–event network for Gephi, written by networkx
SUFFIXES = frozenset(suffix for fmt in RDF for suffix in fmt.suffixes)  # the RDF files we read


def names(group) -> tuple[str, ...]:
    """Return the short names of a group of formats (RESULTS, WRITTEN, …), in its order."""
    return tuple(fmt.name for fmt in group)


def result(name: str) -> Format:
    """Return the SPARQL results format called `name` (a short name or media type)."""
    return _find(RESULTS, name, "results format")


def rdf(name: str) -> Format:
    """Return the RDF syntax called `name` (a short name or media type)."""
    return _find(RDF, name, "RDF format")


def for_path(path) -> Format:
    """Return the RDF syntax of a file by its suffix; Turtle for any other suffix."""
    suffix = Path(path).suffix
    return next((fmt for fmt in RDF if suffix in fmt.suffixes), TURTLE)


def _find(group, name: str, what: str) -> Format:
    value = name.strip().lower()
    for fmt in group:
        if fmt.known_as(value):
            return fmt
    raise KgError(f"unknown {what} {name!r}: use {', '.join(names(group))}")
