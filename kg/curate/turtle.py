"""Triples → Turtle laid out like the hand-written data: one block per subject, the
predicates in the order of the event template in the conventions, Dutch before English."""

from __future__ import annotations

from kg.namespaces import PREFIXES

# the event template's order; anything else follows, sorted
ORDER = [
    "rdf:type",
    "rdfs:label",
    "dct:description",
    "kg:status",
    "kg:outcome",
    "kg:dateAsWritten",
    "kg:edtf",
    "kg:datePrecision",
    "sem:hasEarliestBeginTimeStamp",
    "sem:hasLatestEndTimeStamp",
    "kg:yearInferred",
    "kg:dateNote",
    "kg:agent",
    "kg:addressee",
    "kg:commissioner",
    "kg:partner",
    "kg:subjectActor",
    "sem:hasActor",
    "kg:concerns",
    "sem:hasPlace",
    "kg:listedUnder",
    "dct:source",
    "prov:wasDerivedFrom",
]
# the prefixes a data file declares (conventions.md), in that order
HEADER_PREFIXES = [
    "kg",
    "ev",
    "ac",
    "in",
    "pl",
    "sec",
    "rec",
    "obs",
    "ind",
    "ds",
    "src",
    "part",
    "gap",
    "sem",
    "org",
    "prov",
    "skos",
    "dct",
    "qb",
    "time",
    "foaf",
    "eli",
    "edtf",
    "rdfs",
    "xsd",
]


def bound_graph(triples=()):
    """Return an rdflib Graph with the project's prefixes bound, holding `triples`."""
    import rdflib

    graph = rdflib.Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    for triple in triples:
        graph.add(triple)
    return graph


def header(prefixes=HEADER_PREFIXES) -> str:
    """Return the @prefix lines of a data file."""
    width = max(len(p) for p in prefixes) + 1
    return "".join(f"@prefix {(p + ':').ljust(width)} <{PREFIXES[p]}> .\n" for p in prefixes)


def serialize(graph, *, with_header: bool = True) -> str:
    """Return `graph` as Turtle, one block per subject in sorted order."""
    from rdflib import RDF, Literal

    manager = graph.namespace_manager
    rank = {p: i for i, p in enumerate(ORDER)}

    def show(term) -> str:
        if (
            isinstance(term, Literal)
            and term.datatype is not None
            and str(term.datatype) == (PREFIXES["xsd"] + "boolean")
        ):
            return "true" if term.toPython() is True else "false"
        return term.n3(manager)

    def predicate_key(p):
        name = p.n3(manager)
        return (rank.get(name, len(ORDER)), name)

    def object_key(o):
        language = getattr(o, "language", None) or ""
        return ({"nl": 0, "en": 1}.get(language, 2), language, o.n3(manager))

    blocks = []
    for subject in sorted(set(graph.subjects())):
        predicates = sorted(set(graph.predicates(subject)), key=predicate_key)
        lines = []
        for predicate in predicates:
            objects = sorted(graph.objects(subject, predicate), key=object_key)
            verb = "a" if predicate == RDF.type else show(predicate)
            lines.append(f"{verb} " + " ,\n        ".join(show(o) for o in objects))
        blocks.append(show(subject) + " " + " ;\n    ".join(lines) + " .\n")
    names = HEADER_PREFIXES + sorted(set(PREFIXES) - set(HEADER_PREFIXES))
    used = [p for p in names if any(f"{p}:" in block for block in blocks)]
    head = header(used) if with_header and used else ""
    return head + ("\n" if head else "") + "\n".join(blocks)
