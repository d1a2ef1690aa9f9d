"""RDF terms → plain Python values, the same for every backend."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {XSD + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte")}


class IRI(str):
    """A string that is bound as an IRI, not a literal, when passed as a query parameter."""


def literal_value(lexical: str, datatype: str | None):
    """Return the Python value of a literal: int, Decimal, float, bool, date or str."""
    try:
        if datatype in _INTEGER_TYPES:
            return int(lexical)
        if datatype == XSD + "decimal":
            return canonical_decimal(Decimal(lexical))
        if datatype in (XSD + "double", XSD + "float"):
            return float(lexical)
        if datatype == XSD + "boolean":
            return lexical.strip() in ("true", "1")
        if datatype == XSD + "date":
            return dt.date.fromisoformat(lexical)
        if datatype == XSD + "dateTime":
            return dt.datetime.fromisoformat(lexical)
    except (ValueError, InvalidOperation):
        pass  # an ill-typed literal keeps its lexical form
    return lexical


def canonical_decimal(value: Decimal) -> Decimal:
    """Return the decimal in canonical form (38.0 → 38, 8.80 → 8.8).

    Oxigraph canonicalises decimal literals and rdflib keeps them as written; this makes both
    give the same value, printed the same way.
    """
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def from_oxigraph(term):
    """Return the Python value of a pyoxigraph term (None stays None)."""
    if term is None:
        return None
    ox = _pyoxigraph()
    kind = type(term)  # exact types: this runs once per cell of every result
    if kind is ox.NamedNode:
        return term.value
    if kind is ox.Literal:
        if term.language:
            return term.value
        datatype = term.datatype.value
        return term.value if datatype == _STRING else literal_value(term.value, datatype)
    if kind is ox.BlankNode:
        return "_:" + term.value
    return str(term)


_STRING = XSD + "string"


def _pyoxigraph():
    import pyoxigraph  # imported on first use: the rdflib backend does without it

    return pyoxigraph


def to_oxigraph(value):
    """Return the pyoxigraph term a Python parameter value is bound as."""
    import pyoxigraph as ox

    if isinstance(value, ox.NamedNode | ox.Literal | ox.BlankNode):
        return value
    if isinstance(value, IRI):
        return ox.NamedNode(str(value))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, Decimal):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "decimal"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "double"))
    if isinstance(value, dt.datetime):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    return ox.Literal(str(value))


def oxigraph_to_rdflib(term):
    """Return the rdflib term for a pyoxigraph term."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value if term.datatype else None
    if datatype == XSD + "string":
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype) if datatype else None)


def from_rdflib(term):
    """Return the Python value of an rdflib term (None stays None)."""
    from rdflib import BNode, Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        return literal_value(str(term), str(term.datatype) if term.datatype else None)
    if isinstance(term, BNode):
        return "_:" + str(term)
    return str(term)
