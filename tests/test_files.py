"""kg.files: the one RDF reader into rdflib and the one atomic writer."""

from __future__ import annotations

import os

import pytest
import rdflib

from kg import files
from kg.errors import InputError


def test_write_atomic_replaces_and_keeps_the_mode(tmp_path):
    target = tmp_path / "out" / "a.txt"
    assert files.write_atomic(target, "één")
    assert target.read_bytes() == "één".encode() and target.stat().st_mode & 0o777 == 0o644
    os.chmod(target, 0o600)
    assert files.write_atomic(target, b"two")
    assert target.read_bytes() == b"two" and target.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.txt"]


def test_write_atomic_check_sees_the_new_text_and_may_refuse(tmp_path):
    target = tmp_path / "a.ttl"
    target.write_text("old")
    seen = []

    def refuse(temp):
        seen.append((temp.name, temp.read_text()))
        return False

    assert not files.write_atomic(target, "new", suffix=".kg-test.tmp", check=refuse)
    assert target.read_text() == "old"
    assert seen[0][1] == "new" and seen[0][0].endswith(".kg-test.tmp")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ttl"]


def test_read_graph_merges_named_graphs_and_names_a_bad_line(tmp_path):
    good = tmp_path / "a.trig"
    good.write_text("<urn:g> { <urn:s> <urn:p> 'x' . }\n<urn:s> <urn:p> 'y' .\n")
    graph = files.read_graph([good])
    assert set(graph.objects(rdflib.URIRef("urn:s"), rdflib.URIRef("urn:p"))) == {
        rdflib.Literal("x"),
        rdflib.Literal("y"),
    }
    quads = list(files.rdflib_quads([good]))
    assert {q[3] for q in quads} == {None, rdflib.URIRef("urn:g")}
    bad = tmp_path / "b.ttl"
    bad.write_text("<urn:s> <urn:p> 'x' .\n<urn:s> <urn:p> .\n")
    with pytest.raises(InputError, match=r"b\.ttl:2:\d+: malformed RDF"):
        files.read_graph([good, bad])
