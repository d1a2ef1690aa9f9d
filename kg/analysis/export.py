"""The actor–event network for Gephi (GraphML, GEXF) and the RDF graph (JSON-LD, Turtle,
N-Triples), as bytes or written atomically to a file."""

from __future__ import annotations

import io

from kg import formats
from kg.analysis.network import actor_event_graph
from kg.errors import KgError
from kg.files import write_atomic

NETWORK_FORMATS = formats.NETWORK
RDF_FORMATS = formats.names(formats.WRITTEN)
FORMATS = (*NETWORK_FORMATS, *RDF_FORMATS)


def serialize(source, fmt: str, *, lang: str | None = None, as_of=None) -> bytes:
    """Return the export in `fmt`: graphml or gexf (the actor–event network, attributes strings
    and numbers only), jsonld, ttl or nt (every triple of the graph, ontology included)."""
    if fmt in NETWORK_FORMATS:
        return _network_bytes(gephi_graph(source, lang=lang, as_of=as_of), fmt)
    if fmt in RDF_FORMATS:
        if as_of is not None:
            raise KgError("a time slice exports as graphml or gexf; the RDF export is whole")
        graph = getattr(source, "graph", None) if hasattr(source, "nodes") else source
        if graph is None:
            raise KgError("the RDF export needs the knowledge graph, not a network")
        triples = graph.construct("CONSTRUCT WHERE { ?s ?p ?o }")
        return triples.serialize(format=formats.rdf(fmt).rdflib, encoding="utf-8")
    raise KgError(f"unknown export format {fmt!r}: use {', '.join(FORMATS)}")


def export(source, fmt: str, out, *, lang: str | None = None, as_of=None) -> dict:
    """Write the export in `fmt` to `out` atomically (temp file + rename); return out, format
    and bytes."""
    data = serialize(source, fmt, lang=lang, as_of=as_of)
    write_atomic(out, data)  # a reader sees the old file or the new one
    return {"out": str(out), "format": fmt, "bytes": len(data)}


def gephi_graph(source, *, lang: str | None = None, as_of=None):
    """Return the actor–event network with attributes Gephi reads: strings and numbers only.

    Nodes: label, type (actor/event), kind, kindLabel, abbreviation, date, latest, edtf, status,
    iri, bipartite (0 actor, 1 event), events (an actor's events; 1 for an event). Edges: role,
    weight.
    """
    import networkx as nx

    network = actor_event_graph(source, lang=lang, as_of=as_of)
    graph = nx.Graph()
    for node, data in network.nodes(data=True):
        clean = {key: _plain(value) for key, value in data.items() if key != "name"}
        clean["events"] = network.degree(node) if data["bipartite"] == 0 else 1
        graph.add_node(node, **clean)
    for a, b, data in network.edges(data=True):
        graph.add_edge(a, b, role=data["role"], weight=float(data["weight"]))
    return graph


def _network_bytes(graph, fmt: str) -> bytes:
    import networkx as nx

    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buffer, encoding="utf-8")
    else:
        nx.write_gexf(graph, buffer, encoding="utf-8")
    return buffer.getvalue()


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    return str(value)  # a plain str: the writers refuse subclasses such as kg.terms.Text and IRI
