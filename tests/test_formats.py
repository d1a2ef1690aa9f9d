"""The format registry: each entry's pyoxigraph constant and rdflib name denote the same syntax."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg import formats, resources
from kg.errors import KgError

TRIPLES = [
    ox.Triple(ox.NamedNode("http://example.org/a"), ox.NamedNode(p), o)
    for p, o in [
        ("http://example.org/label", ox.Literal('één "twee"\n', language="nl")),
        (
            "http://example.org/count",
            ox.Literal("3", datatype=ox.NamedNode(str(rdflib.XSD.integer))),
        ),
        ("http://example.org/knows", ox.NamedNode("http://example.org/b")),
    ]
]


@pytest.mark.parametrize("fmt", formats.RDF, ids=formats.names(formats.RDF))
def test_oxigraph_writes_what_rdflib_reads_under_the_same_entry(fmt):
    written = ox.serialize(TRIPLES, format=fmt.ox())
    read = rdflib.Graph()
    for s, p, o, *_ in rdflib.Dataset().parse(data=written, format=fmt.rdflib).quads():
        read.add((s, p, o))  # quads from N-Quads and TriG, triples from the rest
    expected = rdflib.Graph().parse(
        data=ox.serialize(TRIPLES, format=ox.RdfFormat.N_TRIPLES), format="nt"
    )
    assert isomorphic(read, expected)
    assert fmt.ox().media_type == fmt.media_type


@pytest.mark.parametrize("fmt", formats.RESULTS, ids=formats.names(formats.RESULTS))
def test_results_entries_agree(fmt):
    assert fmt.ox().media_type.split(";")[0] == fmt.media_type
    assert formats.result(fmt.media_type) is fmt
    if fmt.rdflib is None:  # no rdflib writer: kg.store's rdflib backend goes through Oxigraph
        return
    graph = rdflib.Graph().parse(data=ox.serialize(TRIPLES, format=ox.RdfFormat.TURTLE))
    written = graph.query("SELECT ?p ?o WHERE { ?s ?p ?o }").serialize(format=fmt.rdflib)
    if fmt.name == "csv":  # lossy: Oxigraph does not read it back; a header and a line a row
        assert written.decode().splitlines()[0] == "p,o" and written.count(b"\r\n") == 4
        return
    read = ox.parse_query_results(written, format=fmt.ox())
    assert len(list(read)) == len(TRIPLES)


def test_suffixes_pick_the_parser():
    assert formats.for_path("x/y.nt").name == "nt"
    assert formats.for_path("y.owl").name == "rdfxml"
    assert formats.for_path("y.unknown") is formats.TURTLE
    assert {p.suffix for p in resources.data_files()} <= formats.SUFFIXES


def test_names_are_looked_up_per_kind():
    assert formats.result("JSON").name == "json"
    assert formats.rdf("json").name == "jsonld"  # a CONSTRUCT asked for ?format=json
    assert formats.rdf("xml").name == "rdfxml"
    with pytest.raises(KgError, match="unknown RDF format 'csv'"):
        formats.rdf("csv")
