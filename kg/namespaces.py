"""Every namespace the project uses, in one place (prefix → IRI)."""

from __future__ import annotations

from functools import lru_cache

BASE = "https://w3id.org/kinderrechten-kg/"

PREFIXES: dict[str, str] = {
    "kg": BASE + "ontology#",
    "ev": BASE + "id/event/",
    "ac": BASE + "id/actor/",
    "in": BASE + "id/instrument/",
    "pl": BASE + "id/place/",
    "sec": BASE + "id/section/",
    "rec": BASE + "id/recommendation/",
    "obs": BASE + "id/observation/",
    "ind": BASE + "id/indicator/",
    "ds": BASE + "id/dataset/",
    "src": BASE + "id/source/",
    "part": BASE + "id/participation/",
    "gap": BASE + "id/gap/",
    "fnd": BASE + "id/finding/",
    "doc": BASE + "id/document/",
    "fund": BASE + "id/funding/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "qb": "http://purl.org/linked-data/cube#",
    "time": "http://www.w3.org/2006/time#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "edtf": "http://id.loc.gov/datatypes/edtf/",
    "sh": "http://www.w3.org/ns/shacl#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

KG = PREFIXES["kg"]
XSD = PREFIXES["xsd"]


def sparql_prologue() -> str:
    """Return PREFIX declarations for every namespace, for ad-hoc queries."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


# longest namespace first, so that the first match is the most specific one
_BY_LENGTH = sorted(((ns, p) for p, ns in PREFIXES.items()), key=lambda item: -len(item[0]))


@lru_cache(maxsize=1 << 16)  # the views compact the same few thousand IRIs many times
def compact(iri: str) -> str:
    """Return `iri` as prefix:local when a namespace matches, else unchanged."""
    for namespace, prefix in _BY_LENGTH:
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri
