"""Data the shared site fixtures (conftest.py) are built from: a copy of data/ with a hostile
label, and the synthetic graph of benchmarks/generate.py."""

from __future__ import annotations

from pathlib import Path

HOSTILE = "<img src=x onerror=alert(1)>"
WITHDRAWAL = "ev:2025-01-21-gis-withdraw-toekomstscenario"
# about 3,000 network nodes and 2,800 events: above the network's node limit and the timeline's
# event limit, so the network opens on its summary and the timeline clusters
LARGE_NODES = 3000


def hostile_copy(target: Path) -> Path:
    """Return a copy of data/ in which the GI's withdrawal has the label HOSTILE (nl) and its
    description closes a script block."""
    import rdflib

    from kg import resources
    from kg.namespaces import PREFIXES

    target.mkdir(parents=True, exist_ok=True)
    event = rdflib.URIRef(PREFIXES["ev"] + WITHDRAWAL.split(":", 1)[1])
    label, description = rdflib.RDFS.label, rdflib.DCTERMS.description
    for path in resources.data_files():
        graph = rdflib.Graph().parse(path)
        if (event, None, None) in graph:
            for predicate, text in ((label, HOSTILE), (description, "</script><b>bold</b> &amp;")):
                for old in [o for o in graph.objects(event, predicate) if o.language == "nl"]:
                    graph.remove((event, predicate, old))
                graph.add((event, predicate, rdflib.Literal(text, lang="nl")))
            graph.serialize(target / path.name, format="turtle")
        else:
            (target / path.name).write_bytes(path.read_bytes())
    return target
